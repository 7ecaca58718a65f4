"""The history of an outcome and its indicators as its pages show it: each
change in words, its numbers in its series' format ("9,450 bed days"), its
periods named as the page names them ("Dec 2026"), and whether it moved a
goalpost that stands moved (joinedup.core.goalposts).

The history keeps numbers exactly and periods as dates (``ChangeRecord``);
this module is where they become words, so every kind of line reads alike.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from joinedup.core.numbers import SeriesFormat, plural, read_number, series_format
from joinedup.core.outcomes import Frequency
from joinedup.web.outcomes.events import REBASE_FIELD
from joinedup.web.outcomes.facts import Board
from joinedup.web.outcomes.forms import IMPROVEMENT_WORDS
from joinedup.web.outcomes.models import ChangeRecord, Indicator
from joinedup.web.outcomes.series import read_added

# The fields whose old and new are numbers in the indicator's unit.
_NUMBERS = ("target", "value")
_WHAT = {REBASE_FIELD: "Rebase dates", "values": "New values"}


@dataclass(frozen=True)
class Line:
    """One change as the history table shows it."""

    change: ChangeRecord
    what: str  # "Value for Dec 2026", with the indicator's name where asked
    was: str
    now: str
    moved_goalpost: bool

    @property
    def who(self) -> str:
        user = self.change.changed_by
        if user is None:
            return "A command"
        return str(user.get_full_name() or user.get_username())


def history_lines(
    changes: Iterable[ChangeRecord], board: Board, *, name_indicator: bool = False
) -> list[Line]:
    """``changes`` (with ``changed_by``) as lines, written by ``board``'s
    indicators (the partnership's, judged); ``name_indicator`` puts the
    indicator's name in front of what changed (an outcome's history)."""
    formats: dict[int, SeriesFormat] = {}

    def style(indicator: Indicator) -> SeriesFormat:
        if indicator.pk not in formats:
            values = board.series[indicator.pk].values if indicator.pk in board.series else ()
            formats[indicator.pk] = series_format(indicator.unit, values)
        return formats[indicator.pk]

    lines = []
    for change in changes:
        indicator = board.indicator(change.indicator_id) if change.indicator_id else None
        what = _WHAT.get(change.field, change.field.capitalize())
        if change.period is not None:
            named = indicator.frequency_choice.name_of(change.period) if indicator else None
            what = f"{what} for {named or f'{change.period:%d %b %Y}'}"
        if name_indicator and indicator is not None:
            what = f"{indicator.name}: {what}"
        was, now = (
            _words(change.field, text, indicator, style(indicator) if indicator else None)
            for text in (change.old, change.new)
        )
        moved = change.pk in board.moved_goalposts
        lines.append(Line(change, what, was, now, moved))
    return lines


def _words(field: str, text: str, indicator: Indicator | None, style: SeriesFormat | None) -> str:
    """One side of a change in words: "Nothing" when empty."""
    if not text:
        return "Nothing"
    if field in _NUMBERS and style is not None:
        try:
            return style.value(read_number(text))
        except ValueError:
            return text  # kept before numbers were checked: shown as it was typed
    if field == "improvement":
        return IMPROVEMENT_WORDS.get(text, text)
    if field == "values" and indicator is not None and (added := read_added(text)):
        count, first, last = added
        frequency: Frequency = indicator.frequency_choice
        periods = frequency.name_of(first)
        if last != first:
            periods += f" to {frequency.name_of(last)}"
        return f"{plural(count, 'new value')}, {periods}"
    return text
