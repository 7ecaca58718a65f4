"""The summary table's rows from the database: one per indicator, grouped by
outcome (joinedup.core.summary says what they mean). The summary page, its
CSV and the board report all read :func:`summary_rows`."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from django.http import HttpResponse

from joinedup.core.numbers import series_format
from joinedup.core.quality import Quality
from joinedup.core.spc_words import describe
from joinedup.core.summary import SummaryRow
from joinedup.csvout import Cell, write_rows
from joinedup.web.outcomes.facts import Board, board
from joinedup.web.outcomes.quality import partnership_quality
from joinedup.web.partnerships.models import Partnership


def summary_rows(
    partnership: Partnership,
    found: Board | None = None,
    quality: dict[int, Quality] | None = None,
) -> list[SummaryRow]:
    """Every indicator of ``partnership``, outcome by outcome (in the outcomes'
    order, then the indicators'), as ``found`` (its board) stands; ``quality``
    (its marks by indicator id) on the board's day unless given."""
    found = found or board(partnership)
    if quality is None:
        quality = partnership_quality(partnership, found.today)
    rows = []
    for outcome in found.outcomes:
        owner = outcome.owner
        named = None if owner is None else f"{owner.display_name} ({owner.partner.name})"
        for indicator in outcome.indicators.all():
            facts = found.indicators[indicator.pk]
            result = facts.result
            points = result.points
            style = series_format(indicator.unit, [point.value for point in points])
            rows.append(
                SummaryRow(
                    outcome_id=outcome.pk,
                    outcome=outcome.title,
                    owner=named,
                    indicator_id=indicator.pk,
                    indicator=indicator.name,
                    kind=facts.kind,
                    frequency=facts.frequency,
                    style=style,
                    latest_period=points[-1].period if points else None,
                    latest_value=points[-1].value if points else None,
                    variation=result.variation,
                    assurance=result.assurance,
                    target=indicator.target,
                    quality=quality[indicator.pk],
                    says=describe(result, style)[0],
                )
            )
    return rows


COLUMNS = [
    "outcome",
    "owner",
    "indicator",
    "kind",
    "unit",
    "latest_period",
    "latest_period_name",
    "latest_value",
    "variation",
    "variation_meaning",
    "assurance",
    "assurance_meaning",
    "target",
    "data_quality",
    "data_quality_reasons",
    "chart_says",
    "chart",
]


def _number(value: float | None) -> int | float | None:
    """A number as a spreadsheet reads it: no unit, no thousands separator."""
    if value is None:
        return None
    return int(value) if value.is_integer() else value


def _lines(rows: Iterable[SummaryRow], chart_url: dict[int, str]) -> Iterator[list[Cell]]:
    yield list(COLUMNS)
    for row in rows:
        failed = row.quality.failed
        yield [
            row.outcome,
            row.owner,
            row.indicator,
            row.kind.value,
            row.style.unit,
            row.latest_period,
            row.latest_period_name,
            _number(row.latest_value),
            None if row.variation is None else row.variation.value,
            row.variation_text,
            None if row.assurance is None else row.assurance.value,
            row.assurance_text,
            _number(row.target),
            "; ".join(mark.text for mark in failed) if failed else "All marks pass",
            " ".join(mark.reason for mark in failed),
            row.says,
            chart_url[row.indicator_id],
        ]


def csv_response(
    rows: Iterable[SummaryRow], chart_url: dict[int, str], filename: str
) -> HttpResponse:
    """The rows as CSV (through joinedup.csvout), one line each; ``chart_url``
    gives each indicator's chart address by id."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    write_rows(response, _lines(rows, chart_url))
    return response
