"""Replacing an indicator's values: the time for 1,000, 10,000 and 100,000
values on SQLite and on PostgreSQL, and how it grows with the rows.

Run: .venv/bin/python benchmarks/imports.py [--sizes 1000,10000,100000]
     (with DATABASE_URL set to a PostgreSQL server whose user may create
     databases, PostgreSQL too, in a fresh database ``joinedup_bench_<pid>``
     dropped at the end)

Goal (issue 10): 100,000 values replaced in under 10 s; 10x the rows in at
most 12x the time. Each database runs in a child process of its own (Django
is set up once per process) with a throwaway JOINEDUP_HOME; for each size a
weekly indicator is given that many values, then ``apply_series`` (what the
import page, ``joinedup import-series`` and ``--into`` all call) replaces
every one of them, keeping the old value in the history; the best of three
(the machine is shared). The time is that one call: the lock, the read of
the stored values, the plan, the writes and the new data version, in its
transaction.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from dashboard import drop_postgres, fresh_postgres, setup

SIZES = (1_000, 10_000, 100_000)
WARM_UP = 100  # values, not timed
REPEAT = 3  # each size timed this many times (a new indicator each time); the best is shown
GOAL_SECONDS = 10.0  # for 100,000 values
GOAL_RATIO = 12.0  # 10x the rows in at most this many times the time


def replace(size: int, attempt: int = 0) -> float:
    """Seconds to replace ``size`` stored values of a new weekly indicator."""
    from django.utils import timezone

    from joinedup.core.outcomes import Frequency, SeriesRow
    from joinedup.web.outcomes.models import Indicator
    from joinedup.web.outcomes.series import apply_series
    from joinedup.web.partnerships.models import Partnership

    partnership = Partnership.objects.create(
        name=f"Imports {size} {attempt}",
        slug=f"imports-{size}-{attempt}",
        purpose="Benchmark.",
        start_date=dt.date(2022, 4, 1),
        declared_stage="coordinating",
    )
    outcome = partnership.outcomes.create(title="Home sooner")
    indicator: Indicator = outcome.indicators.create(
        name="Delayed days",
        unit="days",
        improvement="decrease",
        kind="better_off",
        frequency=Frequency.WEEKLY,
    )
    last = Frequency.WEEKLY.start_of(timezone.localdate()) - dt.timedelta(weeks=1)
    weeks = [last - dt.timedelta(weeks=size - n) for n in range(size)]
    apply_series(indicator, [SeriesRow(n, week, 100.0 + n % 7, "") for n, week in enumerate(weeks)])
    new = [SeriesRow(n, week, 200.0 + n % 7, "") for n, week in enumerate(weeks)]
    began = time.perf_counter()
    done = apply_series(indicator, new, source="benchmark")
    seconds = time.perf_counter() - began
    assert len(done.replaced) == size
    return seconds


def child(sizes: list[int]) -> None:
    """In a child process: set up Django on a fresh database (a new PostgreSQL
    one when DATABASE_URL names a server), time each size, print the figures
    as JSON."""
    fresh = ""
    if url := os.environ.get("DATABASE_URL", ""):
        fresh = os.environ["DATABASE_URL"] = fresh_postgres(url)
    try:
        with tempfile.TemporaryDirectory(prefix="joinedup-imports-") as home:
            setup(Path(home))
            from django.core.management import call_command
            from django.db import connection

            call_command("migrate", interactive=False, verbosity=0)
            replace(WARM_UP)  # the first import in a process also loads code and caches
            seconds = {size: min(replace(size, n) for n in range(REPEAT)) for size in sizes}
            print(json.dumps({"vendor": connection.vendor, "seconds": seconds}))
    finally:
        if fresh:
            drop_postgres(fresh)


def run(sizes: list[int], database: str | None) -> dict[str, object]:
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    if database is not None:
        env["DATABASE_URL"] = database
    argv = [sys.executable, __file__, "--child", "--sizes", ",".join(map(str, sizes))]
    done = subprocess.run(argv, env=env, capture_output=True, text=True, check=True)
    figures: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return figures


def report(figures: dict[str, object]) -> None:
    seconds = {int(size): value for size, value in dict(figures["seconds"]).items()}  # type: ignore[call-overload]
    print(f"\n{figures['vendor']}: values replaced in one import")
    previous = None
    for size, took in sorted(seconds.items()):
        line = f"  {size:>9,} values: {took:7.2f} s ({took / size * 1e6:6.1f} microseconds a value)"
        if previous is not None:
            ratio = took / seconds[previous]
            line += f"; {size // previous}x the rows in {ratio:.1f}x the time"
            line += (
                " (goal met)" if ratio <= GOAL_RATIO * size / previous / 10 else " (goal missed)"
            )
        print(line)
        previous = size
    if 100_000 in seconds:
        met = "met" if seconds[100_000] < GOAL_SECONDS else "missed"
        print(f"  goal: 100,000 values in under {GOAL_SECONDS:.0f} s: {met}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)))
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    options = parser.parse_args()
    sizes = [int(size) for size in options.sizes.split(",")]
    if options.child:
        child(sizes)
        return
    cpu = platform.processor() or platform.machine()
    python = platform.python_version()
    print(f"{dt.date.today():%d %B %Y}; {os.cpu_count()} cores ({cpu}), Python {python}")
    report(run(sizes, None))
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        report(run(sizes, url))
    else:
        print("\n(set DATABASE_URL to a PostgreSQL server to time PostgreSQL too)")


if __name__ == "__main__":
    main()
