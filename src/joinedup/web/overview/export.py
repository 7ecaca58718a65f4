"""The partnership export: a zip of CSV files of what the partnership's
members may see, for sharing (``joinedup export``, and the overview's
download).

Partners; outcomes and their owners; indicators and their values; the
effort by partner and month; actions; and each closed round's results, from
its frozen snapshot, through the same rows as the results CSV (so the
disclosure rule K decided every figure, and a withheld one says why). Never
a raw answer, a comment, a membership id or the members list: it is built
only from what the results page and the other pages show. Docs:
docs/operations.md, "Sharing a partnership".
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Iterable, Sequence
from typing import BinaryIO

from django.utils import timezone
from django.utils.text import slugify

from joinedup.core.numbers import plural
from joinedup.csvout import Cell, write_rows
from joinedup.web.actions import links
from joinedup.web.actions.models import Action
from joinedup.web.assessments import evidence, export
from joinedup.web.assessments.results import round_results
from joinedup.web.effort.series import effort_until
from joinedup.web.jinja import date
from joinedup.web.outcomes.models import DataPoint, Indicator
from joinedup.web.partnerships.models import Partnership


def _csv(rows: Iterable[Sequence[Cell]]) -> str:
    text = io.StringIO()
    write_rows(text, rows)
    return text.getvalue()


def files(partnership: Partnership, today: dt.date) -> dict[str, str]:
    """Each file of the export (name -> CSV text), README.txt last."""
    made: dict[str, str] = {
        "partners.csv": _csv(
            [
                ["partner", "sector", "ods_code", "gss_code"],
                *partnership.partners.order_by("pk").values_list(
                    "name", "sector", "ods_code", "gss_code"
                ),
            ]
        ),
        "outcomes.csv": _csv(_outcomes(partnership)),
        "indicators.csv": _csv(_indicators(partnership)),
        "values.csv": _csv(_values(partnership)),
        "effort.csv": _csv(_effort(partnership, today)),
        "actions.csv": _csv(_actions(partnership, today)),
    }
    notes = []
    for closed in partnership.rounds.closed(today).order_by("opened_at", "pk"):
        results = round_results(closed, lambda: evidence.results_back_it(partnership))
        if results.scores.respondents < results.min_group:
            notes.append(
                f"{closed.name}: no results, as on its results page: "
                f"{plural(results.scores.respondents, 'person', 'people')} answered, "
                f"fewer than {results.min_group}."
            )
            continue
        name = f"rounds/{closed.pk}-{slugify(closed.name)}.csv"
        made[name] = _csv([export.COLUMNS, *export.rows(results)])
        notes.append(f"{closed.name}: {name}, the results as its results page shows them.")
    made["README.txt"] = _readme(partnership, today, notes)
    return made


def write(partnership: Partnership, out: BinaryIO, today: dt.date | None = None) -> list[str]:
    """Write the export as a zip to ``out``; the names of its files."""
    made = files(partnership, today or timezone.localdate())
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in made.items():
            archive.writestr(f"{partnership.slug}/{name}", text)
    return list(made)


def _outcomes(partnership: Partnership) -> Iterable[Sequence[Cell]]:
    yield ["outcome_id", "outcome", "description", "owner", "owner_partner", "principal"]
    for outcome in partnership.outcomes.select_related("owner__user", "owner__partner"):
        owner = outcome.owner
        yield [
            outcome.pk,
            outcome.title,
            outcome.description,
            owner.display_name if owner else "",
            owner.partner.name if owner else "",
            "yes" if outcome.principal else "no",
        ]


def _indicators(partnership: Partnership) -> Iterable[Sequence[Cell]]:
    yield [
        "indicator_id",
        "outcome_id",
        "indicator",
        "kind",
        "unit",
        "improvement",
        "frequency",
        "target",
        "source",
    ]
    for indicator in Indicator.objects.of(partnership).order_by("outcome_id", "pk"):
        yield [
            indicator.pk,
            indicator.outcome_id,
            indicator.name,
            indicator.kind,
            indicator.unit,
            indicator.improvement,
            indicator.frequency,
            indicator.target,
            indicator.source,
        ]


def _values(partnership: Partnership) -> Iterable[Sequence[Cell]]:
    yield ["indicator_id", "indicator", "period", "value", "note"]
    yield from (
        DataPoint.objects.filter(indicator__outcome__partnership=partnership)
        .order_by("indicator_id", "period")
        .values_list("indicator_id", "indicator__name", "period", "value", "note")
    )


def _effort(partnership: Partnership, today: dt.date) -> Iterable[Sequence[Cell]]:
    """The months the Cost page counts (docs/effort.md): never one after ``today``."""
    yield ["month", "partner", "hours", "staff_cost_gbp", "money_gbp", "cost_gbp"]
    for row in effort_until(partnership, today):
        yield [
            row.month,
            row.partner,
            *(str(x) for x in (row.hours, row.staff_cost, row.money, row.cost)),
        ]


def _actions(partnership: Partnership, today: dt.date) -> Iterable[Sequence[Cell]]:
    yield [
        "action_id",
        "action",
        "owner",
        "due_on",
        "status",
        "closed_on",
        "overdue_days",
        "answers",
    ]
    actions = list(Action.objects.of(partnership).in_order(today))
    statements = links.statements(actions)
    for action in actions:
        yield [
            action.pk,
            action.title,
            action.owner.display_name,
            action.due_on,
            action.status,
            action.closed_on,
            action.days_overdue(today) or "",
            _answers(action, statements),
        ]


def _answers(action: Action, statements: dict[tuple[int, str], tuple[str, str]]) -> str:
    if action.round is not None:
        text, _ = statements.get((action.round.pk, action.statement), (action.statement, ""))
        return f"agenda item of {action.round.name}: {text}"
    if action.outcome is not None:
        return f"outcome: {action.outcome.title}"
    if action.indicator is not None:
        return f"indicator: {action.indicator.name}"
    if action.flag_kind:
        return f"integrity flag {action.flag_kind}: {action.flag_subject}"
    return ""


def _readme(partnership: Partnership, today: dt.date, rounds: list[str]) -> str:
    lines = [
        f"{partnership.name}: what its members may see, exported on {date(today)}.",
        "",
        "partners.csv    the partner organisations",
        "outcomes.csv    outcomes and their accountable owners",
        "indicators.csv  each outcome's indicators",
        "values.csv      every indicator value, by period",
        "effort.csv      hours and cost (GBP) by partner and month, at the partnership's rates",
        "actions.csv     actions: owner, due date, status, what each answers",
        "",
        "Assessment rounds (closed ones only; figures from the results frozen when each closed):",
        *(f"  {note}" for note in rounds or ["none closed yet."]),
        "",
        "A round's figure for a group is shown only where at least the round's minimum group",
        "of people answered; otherwise the 'withheld' column says why. No file holds anyone's",
        "own answers or comments.",
    ]
    return "\n".join(lines) + "\n"
