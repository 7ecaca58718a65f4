"""Effort over the results' months, known or unknown, and its band."""

from __future__ import annotations

from decimal import Decimal

import pytest

from joinedup.core.effort_bands import Band, Measure, read_effort
from joinedup.core.verdict_thresholds import Thresholds
from tests.core.verdict_builders import START, effort
from tests.factories import month

T = Thresholds()


def read(rows, months: int = 24, partners: int = 2, budget: Decimal | None = None):
    return read_effort(
        rows,
        START,
        month(months - 1, START),
        partners=partners,
        pooled_budget=budget,
        thresholds=T,
    )


def test_effort_is_averaged_over_every_month_the_results_cover() -> None:
    rows = effort(40, 2000, 12) + effort(20, 1000, 12, 12)
    reading = read(rows)
    assert reading.known and reading.months == reading.averaged_over == 24
    assert reading.hours == Decimal("30.0") and reading.cost == Decimal("1500.00")
    assert reading.hours_per_partner == Decimal("15.0")


def test_a_quarter_without_entries_makes_effort_unknown_and_two_months_do_not() -> None:
    quarterly = tuple(row for row in effort(12, 600, 24) if row.month.month % 3 == 1)
    assert read(quarterly).known  # two empty months between each
    gap = effort(12, 600, 10) + effort(12, 600, 11, 13)
    reading = read(gap)
    assert reading.band is Band.UNKNOWN and reading.longest_gap == 3
    assert reading.recorded == 21 and reading.averaged_over == 21


def test_effort_that_starts_late_is_unknown() -> None:
    reading = read(effort(45, 2000, 1, 5))
    assert reading.band is Band.UNKNOWN and reading.recorded == 1
    assert reading.hours == Decimal("45.0")  # over the one month, as context


def test_without_results_there_is_no_window_and_no_band() -> None:
    reading = read_effort(
        effort(10, 100, 3), None, None, partners=2, pooled_budget=None, thresholds=T
    )
    assert reading.band is Band.UNKNOWN and reading.first is None and reading.averaged_over == 3


def test_effort_outside_the_window_is_left_out() -> None:
    reading = read(effort(10, 100, 30), months=24)
    assert reading.recorded == 24 and reading.hours == Decimal("10.0")


@pytest.mark.parametrize(
    ("hours_per_partner", "band"),
    [(7.9, Band.LIGHT), (8, Band.MODERATE), (23.9, Band.MODERATE), (24, Band.HEAVY)],
)
def test_the_hours_bands_edges(hours_per_partner: float, band: Band) -> None:
    reading = read(effort(hours_per_partner * 2, 0, 24))
    assert dict(reading.bands)[Measure.HOURS] is band


@pytest.mark.parametrize(
    ("pounds_per_partner", "band"),
    [(399, Band.LIGHT), (400, Band.MODERATE), (1249, Band.MODERATE), (1250, Band.HEAVY)],
)
def test_the_cost_bands_edges(pounds_per_partner: int, band: Band) -> None:
    reading = read(effort(1, pounds_per_partner * 2, 24))
    assert dict(reading.bands)[Measure.COST] is band and reading.band is band


def test_a_pooled_budget_measures_cost_as_a_share_of_it() -> None:
    # £3,000 a month against £1.2m a year (£100,000 a month): 3%.
    reading = read(effort(1, 3000, 24), budget=Decimal(1_200_000))
    assert reading.share == Decimal("3.00")
    assert dict(reading.bands) == {Measure.HOURS: Band.LIGHT, Measure.SHARE: Band.HEAVY}
    assert reading.band is Band.HEAVY and reading.decided_by == (Measure.SHARE,)


def test_the_heaviest_measure_decides_and_both_are_named_when_they_agree() -> None:
    reading = read(effort(60, 3000, 24))
    assert reading.band is Band.HEAVY
    assert reading.decided_by == (Measure.HOURS, Measure.COST)


def test_a_partnership_without_partners_counts_as_one() -> None:
    assert read(effort(10, 100, 24), partners=0).partners == 1
