"""How an action stood on a past date (the board report's as-of rule), and
where "since the last report" starts."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from joinedup.core.actions import Change, Standing, Status, quarter_before, stood

START = dt.date(2026, 1, 10)


def test_the_quarter_before_is_three_months_back_on_the_same_day() -> None:
    assert quarter_before(dt.date(2026, 12, 1)) == dt.date(2026, 9, 1)
    assert quarter_before(dt.date(2026, 2, 14)) == dt.date(2025, 11, 14)
    assert quarter_before(dt.date(2026, 3, 31)) == dt.date(2025, 12, 31)
    # A shorter month ends the quarter on its last day.
    assert quarter_before(dt.date(2026, 5, 31)) == dt.date(2026, 2, 28)
    assert quarter_before(dt.date(2024, 5, 30)) == dt.date(2024, 2, 29)


def test_updates_after_the_date_are_undone() -> None:
    log = [
        Change(dt.date(2026, 2, 1), status=(Status.OPEN, Status.IN_PROGRESS)),
        Change(dt.date(2026, 3, 1), due=(dt.date(2026, 3, 15), dt.date(2026, 4, 30))),
        Change(dt.date(2026, 4, 20), status=(Status.IN_PROGRESS, Status.DONE), owner=(7, 8)),
    ]
    now = Standing(Status.DONE, dt.date(2026, 4, 30), 8, dt.date(2026, 4, 20))
    assert stood(now, log, dt.date(2026, 1, 31)) == Standing(
        Status.OPEN, dt.date(2026, 3, 15), 7, None
    )
    assert stood(now, log, dt.date(2026, 3, 1)) == Standing(
        Status.IN_PROGRESS, dt.date(2026, 4, 30), 7, None
    )
    assert stood(now, log, dt.date(2026, 4, 20)) == now


def test_a_closed_action_without_a_log_keeps_its_own_closing_date() -> None:
    now = Standing(Status.DROPPED, dt.date(2026, 3, 1), 1, dt.date(2026, 2, 20))
    assert stood(now, [], dt.date(2026, 5, 1)) == now


statuses = st.sampled_from(list(Status))
days = st.integers(min_value=1, max_value=200)


@given(st.lists(st.tuples(days, statuses, days, st.integers(1, 5)), max_size=8), days)
def test_replaying_a_log_and_undoing_it_agree(
    steps: list[tuple[int, Status, int, int]], at: int
) -> None:
    """Whatever the log, the standing on a day is the one the replay reached by
    that day: undoing later updates gives back what was true then."""
    status, due, owner, closed = Status.OPEN, START, 1, None
    log, history = [], [(START, Standing(status, due, owner, closed))]
    for offset, new_status, due_offset, new_owner in sorted(steps):
        on = START + dt.timedelta(days=offset)
        new_due = START + dt.timedelta(days=due_offset)
        log.append(Change(on, (status, new_status), (due, new_due), (owner, new_owner)))
        status, due, owner = new_status, new_due, new_owner
        closed = None if status.to_do else on
        history.append((on, Standing(status, due, owner, closed)))
    day = START + dt.timedelta(days=at)
    expected = [standing for on, standing in history if on <= day][-1]
    assert stood(history[-1][1], log, day) == expected
