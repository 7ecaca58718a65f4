"""The board's summary table: one row per indicator with its Making Data Count
icons, in the order a board asks for, filtered by icon.

The rows are built in the web app (joinedup.web.outcomes.summary) from the
outcomes' facts; here is what the table means: the words of each icon, the
orders it can be read in, and the filters. Docs: docs/outcomes.md, "The
summary table".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from joinedup.core.labels import Labelled
from joinedup.core.numbers import SeriesFormat
from joinedup.core.outcomes import Frequency, Kind
from joinedup.core.quality import Quality
from joinedup.core.spc import Assurance, Variation

# Each icon's meaning: (in full, in a few words for a table of many icons).
VARIATION_WORDS: dict[Variation, tuple[str, str]] = {
    Variation.COMMON_CAUSE: ("Common cause: no sign of change", "No change"),
    Variation.IMPROVEMENT_HIGH: ("Special cause improvement: higher", "Improving (higher)"),
    Variation.IMPROVEMENT_LOW: ("Special cause improvement: lower", "Improving (lower)"),
    Variation.CONCERN_HIGH: ("Special cause concern: higher", "Concern (higher)"),
    Variation.CONCERN_LOW: ("Special cause concern: lower", "Concern (lower)"),
    Variation.NEITHER_HIGH: (
        "Special cause: higher, neither better nor worse",
        "Higher (neither better nor worse)",
    ),
    Variation.NEITHER_LOW: (
        "Special cause: lower, neither better nor worse",
        "Lower (neither better nor worse)",
    ),
}
ASSURANCE_WORDS: dict[Assurance, tuple[str, str]] = {
    Assurance.PASS: ("Meets the target every period", "Meets the target"),
    Assurance.FAIL: ("Misses the target every period", "Misses the target"),
    Assurance.HIT_OR_MISS: ("Hits or misses the target by chance", "Hit or miss"),
}
# Without an icon (the filters' "none"): too few values, or no target to assure.
NO_VARIATION = "Too few values to judge"
NO_ASSURANCE = "No assurance (no target, or too few values)"
NONE = "none"

# What a board looks at first: concerns, then change either way, then no
# change, then improvement; rows that cannot be judged yet come last.
_VARIATION_ORDER = (
    Variation.CONCERN_HIGH,
    Variation.CONCERN_LOW,
    Variation.NEITHER_HIGH,
    Variation.NEITHER_LOW,
    Variation.COMMON_CAUSE,
    Variation.IMPROVEMENT_HIGH,
    Variation.IMPROVEMENT_LOW,
)
_ASSURANCE_ORDER = (Assurance.FAIL, Assurance.HIT_OR_MISS, Assurance.PASS)


class Sort(Labelled):
    """The orders the table can be read in: value, what the choice reads."""

    OUTCOME = "outcome", "Outcome (grouped)"
    VARIATION = "variation", "Variation: concerns first"
    ASSURANCE = "assurance", "Assurance: missed targets first"
    QUALITY = "quality", "Data quality: most problems first"
    LATEST = "latest", "Latest value: oldest first"


@dataclass(frozen=True)
class SummaryRow:
    """One indicator as the summary table shows it."""

    outcome_id: int
    outcome: str
    owner: str | None  # "Name (Partner)", None when nobody is accountable
    indicator_id: int
    indicator: str
    kind: Kind
    frequency: Frequency
    style: SeriesFormat  # how its numbers are written, with its unit
    latest_period: dt.date | None  # the first day of the latest value's period
    latest_value: float | None
    variation: Variation | None
    assurance: Assurance | None
    target: float | None
    quality: Quality
    says: str  # what the chart says, in one sentence (joinedup.core.spc_words)

    @property
    def latest_period_name(self) -> str:
        return "" if self.latest_period is None else self.frequency.name_of(self.latest_period)

    @property
    def variation_text(self) -> str:
        return NO_VARIATION if self.variation is None else VARIATION_WORDS[self.variation][0]

    @property
    def assurance_text(self) -> str:
        if self.assurance is not None:
            return ASSURANCE_WORDS[self.assurance][0]
        return "No target set" if self.target is None else NO_VARIATION


@dataclass(frozen=True)
class Group:
    """The rows of one outcome, in the table's order."""

    outcome_id: int
    outcome: str
    owner: str | None
    rows: tuple[SummaryRow, ...]


def variation_choices() -> list[tuple[str, str]]:
    """(value, words) of every variation filter, "none" for too few values."""
    return [(v.value, VARIATION_WORDS[v][1]) for v in _VARIATION_ORDER] + [(NONE, NO_VARIATION)]


def assurance_choices() -> list[tuple[str, str]]:
    """(value, words) of every assurance filter, "none" for no assurance icon."""
    return [(a.value, ASSURANCE_WORDS[a][1]) for a in _ASSURANCE_ORDER] + [(NONE, NO_ASSURANCE)]


def _code(icon: Variation | Assurance | None) -> str:
    return NONE if icon is None else icon.value


def _rank(icon: Variation | Assurance | None, order: Sequence[Variation | Assurance]) -> int:
    return len(order) if icon is None else order.index(icon)


def arrange(
    rows: Iterable[SummaryRow],
    sort: Sort = Sort.OUTCOME,
    variation: Iterable[str] = (),
    assurance: Iterable[str] = (),
) -> list[SummaryRow]:
    """``rows`` (in outcome order) with the variation icons in ``variation`` and
    the assurance icons in ``assurance`` (values of the choices; empty: all),
    in ``sort`` order. Ties keep the outcome order."""
    wanted_variation, wanted_assurance = set(variation), set(assurance)
    kept = [
        row
        for row in rows
        if (not wanted_variation or _code(row.variation) in wanted_variation)
        and (not wanted_assurance or _code(row.assurance) in wanted_assurance)
    ]
    if sort is Sort.VARIATION:
        kept.sort(key=lambda row: _rank(row.variation, _VARIATION_ORDER))
    elif sort is Sort.ASSURANCE:
        kept.sort(key=lambda row: _rank(row.assurance, _ASSURANCE_ORDER))
    elif sort is Sort.QUALITY:
        kept.sort(key=lambda row: -len(row.quality.failed))
    elif sort is Sort.LATEST:
        # No value at all is the oldest of all.
        kept.sort(key=lambda row: row.latest_period or dt.date.min)
    return kept


def groups(rows: Iterable[SummaryRow]) -> list[Group]:
    """Consecutive rows of the same outcome, together."""
    found: list[Group] = []
    for row in rows:
        if found and found[-1].outcome_id == row.outcome_id:
            last = found[-1]
            found[-1] = Group(last.outcome_id, last.outcome, last.owner, (*last.rows, row))
        else:
            found.append(Group(row.outcome_id, row.outcome, row.owner, (row,)))
    return found
