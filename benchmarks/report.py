"""The board report of a large partnership: the HTML and the PDF, built.

Run: .venv/bin/python benchmarks/report.py [--runs N]

Target (issue 13): the HTML and the PDF each built in under 10 s on a 2-core
machine.

Builds a throwaway JOINEDUP_HOME with a SQLite database (or, with DATABASE_URL
set to a PostgreSQL server, a fresh database there, dropped at the end), loads
the demo's Riverside partnership, replaces its outcomes with 6 outcomes of 5
indicators of 60 monthly values (the dashboard benchmark's generator), closes
its open round (3 closed rounds) and gives it 40 actions with logs. Then times,
best of --runs: gathering the report (joinedup.web.report.build), the HTML
document, and the PDF from it; and, as the baseline, WeasyPrint making a PDF of
one paragraph with the same stylesheets and font, the fixed cost of every PDF.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import platform
import random
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))  # the dashboard benchmark's generator

from dashboard import demo_with_outcomes, drop_postgres, fresh_postgres, setup  # noqa: E402

OUTCOMES, INDICATORS_EACH = 6, 5
ACTIONS = 40
SEED = 13


def build() -> Any:
    """The demo's Riverside with 30 indicators, 3 closed rounds and 40 actions."""
    from django.utils import timezone

    from joinedup.web.assessments import evidence, snapshots

    riverside = demo_with_outcomes(OUTCOMES, INDICATORS_EACH)
    for round in riverside.rounds.filter(closed_at__isnull=True):
        round.closes_on = timezone.localdate() - dt.timedelta(days=1)
        round.save(update_fields=["closes_on"])
        snapshots.close(round, lambda: evidence.results_back_it(riverside))
    make_actions(riverside)
    return riverside


def make_actions(partnership: Any) -> None:
    """ACTIONS actions over the last year, on the indicators, each with a log."""
    from django.utils import timezone

    from joinedup.core.actions import Status
    from joinedup.web.actions.models import Action, ActionUpdate
    from joinedup.web.outcomes.models import Indicator

    rnd = random.Random(SEED)
    members = list(partnership.members.filter(end_date__isnull=True))
    indicators = list(Indicator.objects.of(partnership))
    now = timezone.now()
    for n in range(ACTIONS):
        raised = now - dt.timedelta(days=rnd.randint(10, 365))
        status = rnd.choice(list(Status))
        closed = raised + dt.timedelta(days=rnd.randint(1, 9)) if not status.to_do else None
        action = Action.objects.create(
            partnership=partnership,
            title=f"Benchmark action {n + 1}: look into {indicators[n % len(indicators)].name}",
            owner=rnd.choice(members),
            due_on=(raised + dt.timedelta(days=rnd.randint(20, 120))).date(),
            status=status.value,
            raised_at=raised,
            closed_at=closed,
            revision=1,
            indicator=indicators[n % len(indicators)],
        )
        ActionUpdate.objects.create(
            action=action,
            at=closed or raised + dt.timedelta(days=1),
            old_status=Status.OPEN.value,
            status=status.value if status is not Status.OPEN else Status.IN_PROGRESS.value,
            note="Benchmark update.",
        )


@dataclass(frozen=True)
class Timing:
    wall: float  # seconds on the clock
    cpu: float  # seconds this process ran: what the work costs on a busy machine

    def __add__(self, other: Timing) -> Timing:
        return Timing(self.wall + other.wall, self.cpu + other.cpu)

    def __str__(self) -> str:
        return f"{self.wall:6.2f} s ({self.cpu:.2f} s of CPU)"


def best(runs: int, work: Callable[[], Any]) -> tuple[Timing, Any]:
    """The shortest of ``runs`` timings of ``work`` (by the clock), and its last result."""
    timings, result = [], None
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        result = work()
        timings.append(Timing(time.perf_counter() - wall, time.process_time() - cpu))
    return min(timings, key=lambda t: t.wall), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    postgres = os.environ.get("DATABASE_URL")
    if postgres:
        os.environ["DATABASE_URL"] = fresh_postgres(postgres)
    with tempfile.TemporaryDirectory() as home:
        setup(Path(home))
        try:
            run(args.runs)
        finally:
            if postgres:
                drop_postgres(os.environ["DATABASE_URL"])


def run(runs: int) -> None:
    from pypdf import PdfReader
    from weasyprint import HTML

    from joinedup.web.report import render
    from joinedup.web.report.build import build as gather

    riverside = build()
    closed = sum(r.is_closed for r in riverside.rounds.all())
    print(
        f"{platform.node()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{'PostgreSQL' if os.environ.get('DATABASE_URL') else 'SQLite'}, "
        f"{dt.date.today():%d %B %Y}"
    )
    print(
        f"{riverside.outcomes.count()} outcomes, "
        f"{sum(o.indicators.count() for o in riverside.outcomes.all())} indicators x 60 months, "
        f"{closed} closed rounds, {riverside.actions.count()} actions; best of {runs}"
    )
    render.styles()  # read once per process, as a server does
    parsed, (fonts, sheets) = best(1, render._stylesheets)  # the first PDF's extra cost
    gathered, report = best(runs, lambda: gather(riverside))
    html_time, html = best(runs, lambda: render.document(report))
    pdf_time, pdf = best(runs, lambda: render.pdf(report))
    floor = "<!DOCTYPE html><html lang='en-GB'><body><p>One paragraph.</p></body></html>"
    floor_time, _ = best(
        runs, lambda: HTML(string=floor).write_pdf(stylesheets=sheets, font_config=fonts)
    )
    whole_html = gathered + html_time
    whole_pdf = gathered + pdf_time
    print(f"load average while it ran: {os.getloadavg()[0]:.1f}")
    print(f"gathering the report:          {gathered}")
    print(
        f"the HTML (gathered + rendered): {whole_html}: target under 10 s "
        f"{'met' if whole_html.wall < 10 else 'missed'}; {len(html) / 1e6:.1f} MB"
    )
    print(
        f"the PDF (gathered + made):      {whole_pdf}: target under 10 s "
        f"{'met' if whole_pdf.wall < 10 else 'missed'}; {len(pdf) / 1e6:.2f} MB, "
        f"{len(PdfReader(io.BytesIO(pdf)).pages)} pages"
    )
    print(f"  + the first PDF of a process parses the stylesheets once: {parsed}")
    print(
        f"baseline: a one-paragraph PDF with the same stylesheets: {floor_time} "
        f"(the report's PDF is {pdf_time.cpu / max(floor_time.cpu, 1e-3):.0f}x it in CPU)"
    )


if __name__ == "__main__":
    main()
