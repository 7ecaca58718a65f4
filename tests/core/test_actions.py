"""The actions core: statuses, overdue in London dates, and the summary the
verdict reads."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from joinedup.core.actions import (
    ActionFacts,
    Status,
    all_overdue,
    days_overdue,
    is_overdue,
    summarise,
)
from joinedup.core.outcomes import FlagKind

TODAY = dt.date(2026, 5, 20)


def action(status: Status = Status.OPEN, due: dt.date = TODAY, **fields: object) -> ActionFacts:
    return ActionFacts(id=1, title="Name an owner", status=status, due=due, **fields)


def test_open_and_in_progress_are_still_to_do() -> None:
    assert [status.to_do for status in Status] == [True, True, False, False]
    assert [status.value for status in Status] == ["open", "in_progress", "done", "dropped"]


def test_an_action_is_overdue_from_the_day_after_it_is_due() -> None:
    due = dt.date(2026, 5, 3)
    assert not is_overdue(Status.OPEN, due, dt.date(2026, 5, 3))
    assert is_overdue(Status.OPEN, due, dt.date(2026, 5, 4))
    assert is_overdue(Status.IN_PROGRESS, due, dt.date(2026, 6, 1))
    assert days_overdue(Status.IN_PROGRESS, due, dt.date(2026, 6, 1)) == 29


def test_a_done_or_dropped_action_is_never_overdue() -> None:
    long_ago = dt.date(2020, 1, 1)
    for status in (Status.DONE, Status.DROPPED):
        assert not is_overdue(status, long_ago, TODAY)
        assert days_overdue(status, long_ago, TODAY) == 0


def test_the_summary_counts_what_is_to_do_overdue_and_done_since_a_date() -> None:
    since = dt.date(2026, 3, 1)
    actions = [
        action(Status.OPEN, dt.date(2026, 6, 1)),
        action(Status.OPEN, dt.date(2026, 5, 1)),  # overdue
        action(Status.IN_PROGRESS, dt.date(2026, 4, 1)),  # overdue
        action(Status.DONE, dt.date(2026, 4, 1), closed_on=dt.date(2026, 3, 1)),
        action(Status.DONE, dt.date(2026, 1, 1), closed_on=dt.date(2026, 2, 28)),  # before
        action(Status.DROPPED, dt.date(2026, 1, 1), closed_on=dt.date(2026, 4, 2)),
    ]
    summary = summarise(actions, TODAY, since)
    assert (summary.total, summary.to_do, summary.overdue) == (6, 3, 2)
    assert (summary.done_since, summary.dropped_since) == (1, 1)


def test_all_overdue_needs_one_and_leaves_out_the_dropped() -> None:
    late = action(Status.OPEN, dt.date(2026, 1, 1))
    assert not all_overdue([], TODAY)
    assert all_overdue([late], TODAY)
    assert all_overdue([late, action(Status.DROPPED, dt.date(2026, 1, 1))], TODAY)
    assert not all_overdue([action(Status.DROPPED, dt.date(2026, 1, 1))], TODAY)
    assert not all_overdue([late, action(Status.DONE, dt.date(2026, 1, 1))], TODAY)
    assert not all_overdue([late, action(Status.OPEN, TODAY)], TODAY)


def test_actions_on_accountability_answer_an_owner_flag_or_an_agenda_item_on_it() -> None:
    assert action(flag=FlagKind.NO_OWNER).on_accountability
    assert action(flag=FlagKind.OWNER_LEFT).on_accountability
    assert action(principle="accountability").on_accountability
    assert action(principle="authority").on_accountability
    assert not action(flag=FlagKind.STALE_DATA).on_accountability
    assert not action(principle="trust").on_accountability
    assert not action().on_accountability


# Properties

days = st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2030, 12, 31))
statuses = st.sampled_from(list(Status))
facts = st.builds(
    ActionFacts,
    id=st.integers(1, 1000),
    title=st.just("An action"),
    status=statuses,
    due=days,
    closed_on=st.one_of(st.none(), days),
)


@given(statuses, days, days)
def test_overdue_is_to_do_and_past_due(status: Status, due: dt.date, today: dt.date) -> None:
    assert is_overdue(status, due, today) == (status.to_do and today > due)
    assert (days_overdue(status, due, today) > 0) == is_overdue(status, due, today)


@given(st.lists(facts, max_size=30), days, days)
def test_the_summary_adds_up(actions: list[ActionFacts], today: dt.date, since: dt.date) -> None:
    summary = summarise(actions, today, since)
    assert summary.total == len(actions)
    assert 0 <= summary.overdue <= summary.to_do <= summary.total
    closed = summary.total - summary.to_do
    assert summary.done_since + summary.dropped_since <= closed


@given(st.lists(facts, max_size=30), days, st.integers(0, 400))
def test_time_passing_never_makes_fewer_overdue(
    actions: list[ActionFacts], today: dt.date, later: int
) -> None:
    after = today + dt.timedelta(days=later)
    assert summarise(actions, after, today).overdue >= summarise(actions, today, today).overdue
    if all_overdue(actions, today):
        assert all_overdue(actions, after)


@given(st.lists(facts, max_size=30), days, days, st.integers(1, 400))
def test_an_earlier_since_never_counts_fewer_done(
    actions: list[ActionFacts], today: dt.date, since: dt.date, earlier: int
) -> None:
    before = since - dt.timedelta(days=earlier)
    assert (
        summarise(actions, today, before).done_since >= summarise(actions, today, since).done_since
    )


@given(st.lists(facts, max_size=30), days)
def test_all_overdue_means_nothing_kept_is_on_time(
    actions: list[ActionFacts], today: dt.date
) -> None:
    kept = [a for a in actions if a.status is not Status.DROPPED]
    assert all_overdue(actions, today) == (
        len(kept) > 0 and summarise(kept, today, today).overdue == len(kept)
    )
