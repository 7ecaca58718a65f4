"""Runs of consecutive chosen items (joinedup.core.runs)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from joinedup.core.runs import runs


def test_runs_are_broken_by_an_item_not_chosen() -> None:
    assert runs([1, 2, 3, 5, 6, 7], {1, 2, 5, 6, 7}) == [(1, 2), (5, 7)]


def test_nothing_chosen_is_no_run_and_everything_one() -> None:
    assert runs([1, 2, 3], set()) == []
    assert runs([1, 2, 3], {1, 2, 3}) == [(1, 3)]
    assert runs([], {1}) == []


@given(st.lists(st.integers(-50, 50), unique=True), st.sets(st.integers(-50, 50)))
def test_the_runs_cover_exactly_the_chosen_items(items: list[int], chosen: set[int]) -> None:
    ordered = sorted(items)
    found = runs(ordered, chosen)
    covered = [item for item in ordered if any(first <= item <= last for first, last in found)]
    assert covered == [item for item in ordered if item in chosen]
    # Longest runs: two runs always have an item not chosen between them.
    for (_, last), (first, _) in zip(found, found[1:], strict=False):
        assert any(last < item < first and item not in chosen for item in ordered)
