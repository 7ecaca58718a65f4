"""Indicator events (joinedup.core.events): the partnership's start among
them, numbered in date order, and the dates that start new limits."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from joinedup.core.events import (
    PARTNERSHIP_START,
    REASON_NOT_RECORDED,
    Event,
    EventKind,
    numbered,
    rebase_dates,
    with_start,
)

START = dt.date(2022, 4, 1)


def test_the_start_comes_first_on_its_day_then_rebases_then_the_rest() -> None:
    note = Event(START, EventKind.NOTE, "A note")
    rebase = Event(START, EventKind.REBASE, "Hub opened")
    early = Event(dt.date(2021, 1, 1), EventKind.INTERVENTION, "Pilot")
    texts = [event.text for event in with_start([note, rebase, early], START)]
    assert texts == ["Pilot", PARTNERSHIP_START, "Hub opened", "A note"]


def test_a_rebase_without_a_reason_says_so() -> None:
    assert Event(START, EventKind.REBASE, "Hub").reason_text == REASON_NOT_RECORDED
    assert Event(START, EventKind.REBASE, "Hub", "New process").reason_text == "New process"


def test_only_rebases_start_new_limits_each_date_once() -> None:
    events = [
        Event(dt.date(2023, 1, 1), EventKind.REBASE, "b"),
        Event(dt.date(2022, 1, 1), EventKind.NOTE, "a"),
        Event(dt.date(2023, 1, 1), EventKind.REBASE, "c"),
    ]
    assert rebase_dates(events) == [dt.date(2023, 1, 1)]


def test_events_outside_the_charted_dates_are_numbered_but_not_on_the_chart() -> None:
    events = with_start([Event(dt.date(2030, 1, 1), EventKind.NOTE, "Later")], START)
    listed = numbered(events, dt.date(2021, 1, 1), dt.date(2024, 1, 1))
    assert [(item.number, item.on_chart) for item in listed] == [(1, True), (2, False)]


_events = st.lists(
    st.builds(
        Event,
        date=st.dates(dt.date(2015, 1, 1), dt.date(2030, 1, 1)),
        kind=st.sampled_from(EventKind),
        text=st.text(max_size=5),
    ),
    max_size=8,
)


@given(_events, st.dates(dt.date(2015, 1, 1), dt.date(2030, 1, 1)))
def test_with_start_keeps_every_event_in_date_order_numbered_from_one(
    events: list[Event], started: dt.date
) -> None:
    ordered = with_start(events, started)
    assert len(ordered) == len(events) + 1
    assert [e.date for e in ordered] == sorted(e.date for e in ordered)
    assert started in rebase_dates(ordered)
    listed = numbered(ordered, dt.date.min, dt.date.max)
    assert [item.number for item in listed] == list(range(1, len(ordered) + 1))
    assert all(item.on_chart for item in listed)
