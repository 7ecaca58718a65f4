"""Data-quality marks: whether an indicator's values are fit to judge by.

Four marks, each computed from the series and its history, never typed in,
and each with its reason in words:

- **complete**: no gaps in the last 12 periods up to the latest value;
- **recent**: the value for the period after the latest is not yet overdue
  (one frequency step plus the frequency's grace, ``GRACE_DAYS``);
- **stable definition**: no change of unit, direction or source once values
  existed;
- **baseline**: at least 12 values from before the partnership started.

A verdict of "delivering" never rests on an indicator that fails complete or
recent (:attr:`Quality.supports_delivering`). Docs: docs/outcomes.md,
"Data-quality marks".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from joinedup.core.labels import Labelled
from joinedup.core.numbers import format_number, plural
from joinedup.core.outcomes import Frequency, day_name

WINDOW = 12  # periods the complete mark looks back over, the latest included
BASELINE_POINTS = 12  # values before the start needed to judge against the level before
# The history fields (web/outcomes ChangeRecord.field) that change what a value means.
DEFINITION_FIELDS = {"unit": "unit", "improvement": "direction", "source": "source"}
_DIRECTIONS = {"increase": "higher is better", "decrease": "lower is better"}


class MarkKind(Labelled):
    """The four marks: value, what a pass reads, what a failure reads."""

    COMPLETE = "complete", "Complete", "Incomplete"
    RECENT = "recent", "Recent", "Out of date"
    STABLE = "stable", "Stable definition", "Definition changed"
    BASELINE = "baseline", "Baseline", "No baseline"


@dataclass(frozen=True)
class Mark:
    kind: MarkKind
    passed: bool
    reason: str

    @property
    def text(self) -> str:
        """The mark in a word or two: "Recent", or "Out of date" when it fails."""
        return self.kind.label if self.passed else self.kind.description


@dataclass(frozen=True)
class DefinitionChange:
    """A recorded change of one of the ``DEFINITION_FIELDS``, on a London date."""

    field: str
    changed_on: dt.date
    old: str
    new: str


@dataclass(frozen=True)
class Quality:
    complete: Mark
    recent: Mark
    stable: Mark
    baseline: Mark

    @property
    def marks(self) -> tuple[Mark, Mark, Mark, Mark]:
        return (self.complete, self.recent, self.stable, self.baseline)

    @property
    def failed(self) -> tuple[Mark, ...]:
        return tuple(mark for mark in self.marks if not mark.passed)

    @property
    def supports_delivering(self) -> bool:
        """Fit for a "delivering" verdict to rest on: complete and recent."""
        return self.complete.passed and self.recent.passed


def assess(
    frequency: Frequency,
    periods: Iterable[dt.date],
    started: dt.date,
    today: dt.date,
    changes: Iterable[DefinitionChange] = (),
) -> Quality:
    """The marks of an indicator whose values are for ``periods`` (first days of
    its periods, in any order), in a partnership that started on ``started``,
    on ``today`` (a London date)."""
    have = sorted(set(periods))
    return Quality(
        complete=_complete(frequency, have),
        recent=_recent(frequency, have, today),
        stable=_stable(have, changes),
        baseline=_baseline(have, started),
    )


def _complete(frequency: Frequency, have: Sequence[dt.date]) -> Mark:
    def mark(passed: bool, reason: str) -> Mark:
        return Mark(MarkKind.COMPLETE, passed, reason)

    if not have:
        return mark(False, "It has no values yet.")
    name, unit = frequency.period_name, frequency.unit
    last = have[-1]
    window = [frequency.shift(last, n) for n in range(1 - WINDOW, 1)]
    span = f"the {WINDOW} {unit}s from {name(window[0])} to {name(last)}"
    present = set(have)
    missing = [period for period in window if period not in present]
    if not missing:
        return mark(True, f"Each of {span} has a value.")
    if have[0] > window[0]:
        found = WINDOW - len(missing)
        return mark(
            False,
            f"Only {format_number(found)} of {span} have a value: its values start in "
            f"{name(have[0])}.",
        )
    shown = [name(period) for period in missing[:3]]
    if len(missing) > 3:
        shown.append(f"{format_number(len(missing) - 3)} more")
    listed = shown[0] if len(shown) == 1 else f"{', '.join(shown[:-1])} and {shown[-1]}"
    return mark(False, f"{format_number(len(missing))} of {span} have no value: {listed}.")


def _recent(frequency: Frequency, have: Sequence[dt.date], today: dt.date) -> Mark:
    if not have:
        return Mark(MarkKind.RECENT, False, "It has no values yet.")
    name = frequency.period_name
    last = have[-1]
    following = frequency.shift(last, 1)
    due = frequency.expected_by(following)
    if today > due:
        reason = (
            f"The latest value is for {name(last)}; the value for {name(following)} "
            f"was expected by {day_name(due)}."
        )
        return Mark(MarkKind.RECENT, False, reason)
    reason = (
        f"The latest value is for {name(last)}; the value for {name(following)} "
        f"is expected by {day_name(due)}."
    )
    return Mark(MarkKind.RECENT, True, reason)


def _stable(have: Sequence[dt.date], changes: Iterable[DefinitionChange]) -> Mark:
    # A change made before any value was for a period up to that day changes
    # nothing already measured (a typo put right on the day it was set up).
    counted = [
        change
        for change in sorted(changes, key=lambda c: c.changed_on)
        if change.field in DEFINITION_FIELDS
        and change.old != change.new
        and have
        and have[0] <= change.changed_on
    ]
    if not counted:
        return Mark(
            MarkKind.STABLE,
            True,
            "Its unit, direction and source have not changed since values were recorded.",
        )
    said = [
        f"its {DEFINITION_FIELDS[c.field]} changed from {_word(c.field, c.old)} to "
        f"{_word(c.field, c.new)} on {day_name(c.changed_on)}"
        for c in counted
    ]
    reason = "; ".join(said)
    return Mark(MarkKind.STABLE, False, f"{reason[0].upper()}{reason[1:]}, after values existed.")


def _baseline(have: Sequence[dt.date], started: dt.date) -> Mark:
    before = sum(period < started for period in have)
    when = f"before the partnership started on {day_name(started)}"
    if before >= BASELINE_POINTS:
        return Mark(MarkKind.BASELINE, True, f"{format_number(before)} values from {when}.")
    if before == 0:
        reason = f"No values from {when}, so nobody can tell whether a change began with it."
    else:
        reason = (
            f"Only {plural(before, 'value')} from {when}: at least "
            f"{format_number(BASELINE_POINTS)} are needed to judge against the level before."
        )
    return Mark(MarkKind.BASELINE, False, reason)


def _word(field: str, value: str) -> str:
    if not value:
        return "nothing"
    if field == "improvement":
        return _DIRECTIONS.get(value, "neither way better")
    return f"“{value}”"
