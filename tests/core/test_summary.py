"""The summary table's orders and filters (joinedup.core.summary)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from joinedup.core.numbers import SeriesFormat
from joinedup.core.outcomes import Frequency, Kind
from joinedup.core.quality import assess
from joinedup.core.spc import Assurance, Variation
from joinedup.core.summary import (
    NONE,
    Sort,
    SummaryRow,
    arrange,
    assurance_choices,
    groups,
    variation_choices,
)

START = dt.date(2022, 4, 1)
TODAY = dt.date(2024, 4, 15)
MONTHLY = Frequency.MONTHLY


def row(
    pk: int,
    outcome: int = 1,
    variation: Variation | None = Variation.COMMON_CAUSE,
    assurance: Assurance | None = None,
    months: int = 24,
) -> SummaryRow:
    periods = [MONTHLY.shift(dt.date(2022, 4, 1), n) for n in range(months)]
    return SummaryRow(
        outcome_id=outcome,
        outcome=f"Outcome {outcome}",
        owner=None,
        indicator_id=pk,
        indicator=f"Indicator {pk}",
        kind=Kind.BETTER_OFF,
        frequency=MONTHLY,
        style=SeriesFormat("%", 1),
        latest_period=periods[-1] if periods else None,
        latest_value=1.0 if periods else None,
        variation=variation,
        assurance=assurance,
        target=None if assurance is None else 50.0,
        quality=assess(MONTHLY, periods, START, TODAY),
        says="",
    )


def ids(rows: list[SummaryRow]) -> list[int]:
    return [r.indicator_id for r in rows]


def test_sorting_by_variation_puts_concerns_first_and_the_unjudged_last() -> None:
    rows = [
        row(1, variation=Variation.IMPROVEMENT_LOW),
        row(2, variation=None),
        row(3, variation=Variation.CONCERN_HIGH),
        row(4, variation=Variation.COMMON_CAUSE),
    ]
    assert ids(arrange(rows, Sort.VARIATION)) == [3, 4, 1, 2]
    assert ids(arrange(rows)) == [1, 2, 3, 4]


def test_sorting_by_assurance_puts_misses_first() -> None:
    rows = [row(1, assurance=Assurance.PASS), row(2), row(3, assurance=Assurance.FAIL)]
    assert ids(arrange(rows, Sort.ASSURANCE)) == [3, 1, 2]


def test_sorting_by_quality_and_by_latest_value() -> None:
    rows = [row(1), row(2, months=0), row(3, months=20)]
    assert ids(arrange(rows, Sort.QUALITY)) == [2, 3, 1]
    assert ids(arrange(rows, Sort.LATEST)) == [2, 3, 1]


def test_filters_keep_the_chosen_icons_and_none_means_no_icon() -> None:
    rows = [row(1, variation=None), row(2, assurance=Assurance.FAIL), row(3)]
    assert ids(arrange(rows, variation=[NONE])) == [1]
    assert ids(arrange(rows, assurance=["fail"])) == [2]
    assert ids(arrange(rows, variation=["common_cause"], assurance=[NONE])) == [3]


def test_every_icon_has_a_filter() -> None:
    assert {value for value, _ in variation_choices()} == {*Variation, NONE}
    assert {value for value, _ in assurance_choices()} == {*Assurance, NONE}


def test_groups_put_consecutive_rows_of_an_outcome_together() -> None:
    found = groups([row(1, 1), row(2, 1), row(3, 2), row(4, 1)])
    assert [(g.outcome_id, ids(list(g.rows))) for g in found] == [(1, [1, 2]), (2, [3]), (1, [4])]


_rows = st.lists(
    st.builds(
        row,
        pk=st.integers(0, 10**6),
        outcome=st.integers(1, 3),
        variation=st.none() | st.sampled_from(Variation),
        assurance=st.none() | st.sampled_from(Assurance),
        months=st.integers(0, 30),
    ),
    max_size=12,
)


@given(
    _rows,
    st.sampled_from(Sort),
    st.lists(st.sampled_from([*Variation, NONE]), max_size=3),
    st.lists(st.sampled_from([*Assurance, NONE]), max_size=2),
)
def test_arranging_keeps_exactly_the_matching_rows(
    rows: list[SummaryRow], sort: Sort, variation: list[str], assurance: list[str]
) -> None:
    arranged = arrange(rows, sort, variation, assurance)
    matching = [
        r
        for r in rows
        if (not variation or (r.variation or NONE) in variation)
        and (not assurance or (r.assurance or NONE) in assurance)
    ]
    assert sorted(map(id, arranged)) == sorted(map(id, matching))
    # Sorting is stable: the outcome order breaks ties.
    assert arrange(arranged, Sort.OUTCOME) == arranged
    if sort is Sort.OUTCOME:
        assert arranged == matching


@given(_rows)
def test_groups_hold_every_row_once_in_order(rows: list[SummaryRow]) -> None:
    found = groups(rows)
    assert [r for g in found for r in g.rows] == rows
    assert all(r.outcome_id == g.outcome_id for g in found for r in g.rows)
