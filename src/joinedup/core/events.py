"""Indicator events: what happened to a measure and when, shown on its chart
as numbered markers with their texts listed beside it.

A *rebase* event starts new process limits from its date; Making Data Count
advises against redrawing limits without an understood cause, so a rebase
carries its reason (the web form requires one; rebase dates kept before
events existed have none, and say "reason not recorded"). The partnership's
start is always a rebase, and is not stored. Docs: docs/outcomes.md,
"Events on the chart", and ADR 1302.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from joinedup.core.labels import Labelled

REASON_NOT_RECORDED = "Reason not recorded"
PARTNERSHIP_START = "Partnership started"
START_REASON = (
    "joinedup starts new limits at the partnership's start, so that what happened "
    "since is judged apart from the level before."
)


class EventKind(Labelled):
    """What kind of event: value, label, what it does to the chart."""

    INTERVENTION = "intervention", "Intervention", "A change in how care is given."
    REBASE = "rebase", "Rebase", "New process limits from this date."
    DATA_CHANGE = "data_change", "Data change", "A change in how the values are counted."
    NOTE = "note", "Note", "Something worth knowing when reading the chart."


@dataclass(frozen=True)
class Event:
    """An event as the chart shows it: ``reason`` is why (blank: not recorded)."""

    date: dt.date
    kind: EventKind
    text: str
    reason: str = ""

    @property
    def rebases(self) -> bool:
        return self.kind is EventKind.REBASE

    @property
    def reason_text(self) -> str:
        """Why, for a rebase: its reason, or that none was recorded."""
        return self.reason or REASON_NOT_RECORDED


@dataclass(frozen=True)
class Numbered:
    """An event with its number on the chart (1, 2, ... in date order), and
    whether its date falls within the chart's values (else it is listed only)."""

    number: int
    event: Event
    on_chart: bool


def with_start(events: Iterable[Event], started: dt.date) -> list[Event]:
    """``events`` with the partnership's start (a rebase), in date order; on
    the same day, the start first, then rebases, then the rest."""
    start = Event(started, EventKind.REBASE, PARTNERSHIP_START, START_REASON)
    return sorted([start, *events], key=lambda e: (e.date, e is not start, not e.rebases))


def rebase_dates(events: Iterable[Event]) -> list[dt.date]:
    """The dates from which new limits start, in order, each once."""
    return sorted({event.date for event in events if event.rebases})


def numbered(events: Iterable[Event], first: dt.date, last: dt.date) -> list[Numbered]:
    """``events`` (in the order given) numbered from 1; on the chart when their
    date falls from ``first`` to ``last`` (the first and latest periods charted)."""
    return [
        Numbered(number, event, first <= event.date <= last)
        for number, event in enumerate(events, start=1)
    ]
