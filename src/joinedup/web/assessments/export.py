"""The CSV export of a closed round: the same figures as the results page.

Built only from the round's frozen results, so a figure the page withholds
is withheld here too (its row says why), and no row is one person's answers.
"""

from __future__ import annotations

from collections.abc import Iterator

from django.http import HttpResponse

from joinedup.core.figures import mean_text
from joinedup.csvout import Cell, write_rows
from joinedup.web.assessments.results import RoundResults, groups, withheld_text

COLUMNS = [
    "level",
    "id",
    "principle",
    "text",
    "reverse",
    "group",
    "n",
    "mean",
    "withheld",
    "median",
    "agreement",
    "dont_know",
    "split",
]


def _number(value: float | None) -> str:
    return "" if value is None else mean_text(value)


def csv_response(results: RoundResults, filename: str) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    write_rows(response, [COLUMNS, *rows(results)])
    return response


def rows(results: RoundResults) -> Iterator[list[Cell]]:
    scores = results.scores
    for level, items in (("principle", scores.principles), ("statement", scores.statements)):
        for item in items:
            for position, group in enumerate(groups(item)):
                # Median, agreement, don't know and split are whole-round figures
                # (the first group): the core gives partners only their n and mean.
                whole = position == 0
                yield [
                    level,
                    item.id,
                    item.principle,
                    item.name,
                    "yes" if item.reverse else "no",
                    group.name,
                    group.n,
                    _number(group.mean),
                    ""
                    if group.withheld is None
                    else withheld_text(group.withheld, scores.min_group),
                    _number(item.median) if whole else "",
                    _number(item.agreement) if whole else "",
                    item.dont_know if whole else "",
                    ("" if item.split is None else ("yes" if item.split else "no"))
                    if whole
                    else "",
                ]
