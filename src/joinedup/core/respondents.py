"""Respondents' answers: reading them from rows.

The assessment (statements scored 1-4) and the relationship map (partners
rated 0-5) both read rows of ``respondent, partner, <item>, <value>``. The
checks a person fixes by row number live here once for both; the rule that
keeps small groups anonymous is :mod:`joinedup.core.disclosure`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import TypeVar

from joinedup.core.errors import InputError, Problem

V = TypeVar("V")

# Results are shown only for groups of at least this many respondents.
DEFAULT_MIN_GROUP = 3

# A file with the wrong columns mapped can fail on every row; the first few
# problems are enough to see what is wrong.
MAX_PROBLEMS = 20


def collect_answers(
    rows: Iterable[tuple[int, Mapping[str, str]]],
    item_field: str,
    value_field: str,
    parse_value: Callable[[str], V],
    check_item: Callable[[str, str], str | None],
) -> list[tuple[str, str, dict[str, V]]]:
    """Each respondent's partner and answers (item -> value), in order of first row.

    ``rows`` are (row number, fields) pairs as :func:`joinedup.tabular.read_table`
    returns them. An empty value means "not answered": the row is checked but
    its value is left out. ``parse_value`` raises :class:`ValueError` with a
    message for a bad value; ``check_item(item, partner)`` returns a message
    for an item that cannot be rated. Raises :class:`InputError` naming every
    bad row: an empty field, a bad value or item, a respondent who answers the
    same item twice or appears under two partners.
    """
    problems: list[Problem] = []
    partner_row: dict[str, tuple[str, int]] = {}
    item_row: dict[tuple[str, str], int] = {}
    answers: dict[str, tuple[str, dict[str, V]]] = {}
    for row, fields in rows:
        respondent = fields.get("respondent", "").strip()
        partner = fields.get("partner", "").strip()
        item = fields.get(item_field, "").strip()
        text = fields.get(value_field, "").strip()
        if not (respondent and partner and item):
            named_values = {"respondent": respondent, "partner": partner, item_field: item}
            problems.extend(
                Problem("is empty", row, name) for name, value in named_values.items() if not value
            )
            continue

        first_partner, first_row = partner_row.setdefault(respondent, (partner, row))
        if first_partner != partner:
            problems.append(
                Problem(
                    f"respondent '{respondent}' is under partner '{first_partner}' on row "
                    f"{first_row}; a respondent answers for one partner only",
                    row,
                    "partner",
                )
            )
        message = check_item(item, partner)
        if message:
            problems.append(Problem(message, row, item_field))
        earlier = item_row.setdefault((respondent, item), row)
        if earlier != row:
            problems.append(
                Problem(
                    f"respondent '{respondent}' already answered '{item}' on row {earlier}",
                    row,
                    item_field,
                )
            )
        values = answers.setdefault(respondent, (partner, {}))[1]
        if text:
            try:
                values[item] = parse_value(text)
            except ValueError as exc:
                problems.append(Problem(str(exc), row, value_field))
        if len(problems) >= MAX_PROBLEMS:
            problems.append(Problem(f"stopped after {MAX_PROBLEMS} problems"))
            break
    if problems:
        raise InputError(problems)
    return [(respondent, partner, values) for respondent, (partner, values) in answers.items()]
