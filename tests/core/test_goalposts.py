"""When a changed target is a moved goalpost: a change stored as it was made,
read together (a day's changes as one, put back is not moved)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from joinedup.core.goalposts import TargetEdit, is_moved_goalpost, moved_goalpost

DAY = dt.date(2026, 12, 1)
LATER = dt.date(2026, 12, 9)


def test_a_target_moved_after_values_exist_is_stored_as_moved() -> None:
    periods = [dt.date(2024, 1, 1)]
    assert is_moved_goalpost(90, 85, periods, dt.date(2024, 6, 1))
    assert not is_moved_goalpost(None, 85, periods, dt.date(2024, 6, 1))  # first set
    assert not is_moved_goalpost(90, 90, periods, dt.date(2024, 6, 1))
    assert not is_moved_goalpost(90, 85, periods, dt.date(2023, 6, 1))  # before any value
    assert is_moved_goalpost(90, None, periods, dt.date(2024, 6, 1))  # dropped


def test_a_target_moved_once_values_exist_stands_moved() -> None:
    goalpost = moved_goalpost([TargetEdit(DAY, 95, 92, True)], 92)
    assert goalpost is not None
    assert (goalpost.judged_by, goalpost.now, goalpost.changed_on, goalpost.days) == (
        95,
        92,
        DAY,
        1,
    )
    assert goalpost.edits == {0}


def test_a_first_target_set_and_cleared_the_same_day_is_a_correction() -> None:
    # The demo's typo: no target, 200 typed and saved, then cleared.
    edits = [TargetEdit(DAY, None, 200, False), TargetEdit(DAY, 200, None, True)]
    assert moved_goalpost(edits, None) is None


def test_a_typo_put_right_the_same_day_is_a_correction() -> None:
    edits = [TargetEdit(DAY, 92, 29, True), TargetEdit(DAY, 29, 92, True)]
    assert moved_goalpost(edits, 92) is None


def test_a_day_counts_from_its_first_target_to_its_last() -> None:
    edits = [TargetEdit(DAY, 95, 29, True), TargetEdit(DAY, 29, 92, True)]
    goalpost = moved_goalpost(edits, 92)
    assert goalpost is not None and (goalpost.judged_by, goalpost.days) == (95, 1)
    assert goalpost.edits == {0, 1}


def test_a_target_put_back_on_a_later_day_no_longer_stands_moved() -> None:
    edits = [TargetEdit(DAY, 95, 92, True), TargetEdit(LATER, 92, 95, True)]
    assert moved_goalpost(edits, 95) is None
    # Removed, then set again as it was: the data is judged by the same target.
    edits = [TargetEdit(DAY, 95, None, True), TargetEdit(LATER, None, 95, False)]
    assert moved_goalpost(edits, 95) is None


def test_a_target_removed_then_set_to_another_is_moved_on_both_days() -> None:
    edits = [TargetEdit(DAY, 95, None, True), TargetEdit(LATER, None, 80, False)]
    goalpost = moved_goalpost(edits, 80)
    assert goalpost is not None
    assert (goalpost.judged_by, goalpost.now, goalpost.changed_on, goalpost.days) == (
        95,
        80,
        LATER,
        2,
    )


def test_a_target_removed_once_values_exist_stands_moved() -> None:
    goalpost = moved_goalpost([TargetEdit(DAY, 200, None, True)], None)
    assert goalpost is not None and (goalpost.judged_by, goalpost.now) == (200, None)


def test_changes_before_any_value_move_nothing() -> None:
    edits = [TargetEdit(DAY, None, 90, False), TargetEdit(LATER, 90, 85, False)]
    assert moved_goalpost(edits, 85) is None
    # The target the data was judged by is the one in force when values came.
    edits = [*edits, TargetEdit(LATER + dt.timedelta(days=30), 85, 80, True)]
    goalpost = moved_goalpost(edits, 80)
    assert goalpost is not None and goalpost.judged_by == 85


targets = st.one_of(st.none(), st.sampled_from([80.0, 85.0, 90.0, 95.0]))
days = st.integers(min_value=0, max_value=3)


@st.composite
def histories(draw: st.DrawFn) -> tuple[list[TargetEdit], float | None]:
    """A chain of target changes once values exist (each from the last), oldest first."""
    target = draw(targets)
    day = DAY
    edits = []
    for _ in range(draw(st.integers(min_value=0, max_value=6))):
        day += dt.timedelta(days=draw(days))
        new = draw(targets.filter(lambda t, old=target: t != old))
        edits.append(TargetEdit(day, target, new, target is not None))
        target = new
    return edits, target


@given(histories())
def test_a_goalpost_stands_moved_only_away_from_what_the_data_was_judged_by(
    history: tuple[list[TargetEdit], float | None],
) -> None:
    edits, now = history
    goalpost = moved_goalpost(edits, now)
    if goalpost is None:
        return
    assert goalpost.judged_by != goalpost.now == now
    assert goalpost.changed_on in {edit.changed_on for edit in edits}
    assert 1 <= goalpost.days <= len({edit.changed_on for edit in edits})
    assert goalpost.edits <= set(range(len(edits)))


@given(histories(), targets)
def test_undoing_the_last_change_the_same_day_changes_nothing(
    history: tuple[list[TargetEdit], float | None], typo: float | None
) -> None:
    edits, now = history
    if typo == now:
        return
    day = edits[-1].changed_on + dt.timedelta(days=1) if edits else DAY
    undone = [
        *edits,
        TargetEdit(day, now, typo, now is not None),
        TargetEdit(day, typo, now, typo is not None),
    ]
    before, after = moved_goalpost(edits, now), moved_goalpost(undone, now)
    assert (before is None) == (after is None)
    if before is not None and after is not None:
        assert (after.judged_by, after.now, after.days) == (
            before.judged_by,
            before.now,
            before.days,
        )
