"""Counting what a partnership costs: monthly hours and cost per partner."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from joinedup.core.effort import (
    DEFAULT_RATES,
    Grade,
    MoneySpent,
    TimeSpent,
    meeting_time,
    monthly_effort,
    months_between,
    rates_with_defaults,
    staff_time,
    totals,
)

MAY, JUNE = dt.date(2025, 5, 14), dt.date(2025, 6, 2)


def test_a_meeting_counts_every_person_for_its_whole_duration() -> None:
    time = meeting_time("Acute", MAY, Grade.MANAGER, duration_minutes=90, people=4)
    assert time.minutes == 360
    (month,) = monthly_effort([time], [])
    assert month.month == dt.date(2025, 5, 1)
    assert month.hours == Decimal("6.0")
    assert month.staff_cost == 6 * DEFAULT_RATES[Grade.MANAGER]


def test_time_is_costed_at_the_rate_of_its_grade_and_money_is_added() -> None:
    rates = rates_with_defaults({Grade.EXECUTIVE: Decimal("100")})
    rows = monthly_effort(
        [
            staff_time("Council", MAY, Grade.EXECUTIVE, Decimal("1.5")),
            staff_time("Council", MAY, Grade.SUPPORT, Decimal("2")),
        ],
        [MoneySpent("Council", MAY, Decimal("250.00"))],
        rates,
    )
    (month,) = rows
    assert month.staff_cost == Decimal("150") + 2 * DEFAULT_RATES[Grade.SUPPORT]
    assert month.money == Decimal("250.00")
    assert month.cost == month.staff_cost + Decimal("250.00")


def test_months_and_partners_are_kept_apart_in_order() -> None:
    rows = monthly_effort(
        [
            meeting_time("Council", JUNE, Grade.MANAGER, 60, 1),
            meeting_time("Acute", JUNE, Grade.MANAGER, 60, 2),
            meeting_time("Council", MAY, Grade.MANAGER, 30, 1),
        ],
        [MoneySpent("Voluntary", MAY, Decimal(40))],
    )
    assert [(row.month.month, row.partner, row.minutes) for row in rows] == [
        (5, "Council", 30),
        (5, "Voluntary", 0),
        (6, "Acute", 120),
        (6, "Council", 60),
    ]


def test_a_partnerships_own_rates_replace_only_the_defaults_it_sets() -> None:
    rates = rates_with_defaults({Grade.SUPPORT: Decimal("30")})
    assert rates[Grade.SUPPORT] == Decimal("30")
    assert rates[Grade.EXECUTIVE] == DEFAULT_RATES[Grade.EXECUTIVE]
    assert set(rates) == set(Grade)


def test_months_between_crosses_the_year() -> None:
    months = months_between(dt.date(2024, 11, 20), dt.date(2025, 2, 1))
    assert months == [
        dt.date(2024, 11, 1),
        dt.date(2024, 12, 1),
        dt.date(2025, 1, 1),
        dt.date(2025, 2, 1),
    ]


def test_totals_average_over_every_month_of_the_span_even_empty_ones() -> None:
    rows = monthly_effort(
        [
            meeting_time("Acute", dt.date(2025, 1, 5), Grade.MANAGER, 60, 10),
            meeting_time("Acute", dt.date(2025, 3, 5), Grade.MANAGER, 60, 20),
        ],
        [],
    )
    summary = totals(rows)
    assert summary is not None
    assert summary.months == 3
    assert summary.hours_per_month == Decimal("10.0")
    assert summary.cost_per_month == (30 * DEFAULT_RATES[Grade.MANAGER] / 3).quantize(
        Decimal("0.01")
    )


def test_totals_keep_to_the_span_asked_for() -> None:
    rows = monthly_effort([meeting_time("Acute", dt.date(2025, 1, 5), Grade.MANAGER, 60, 6)], [])
    summary = totals(rows, first=dt.date(2024, 12, 1), last=dt.date(2025, 5, 31))
    assert summary is not None and summary.months == 6 and summary.hours_per_month == Decimal("1.0")
    assert totals(rows, first=dt.date(2025, 2, 1)) is None
    assert totals([]) is None


# Properties.

days = st.dates(min_value=dt.date(2022, 1, 1), max_value=dt.date(2026, 12, 31))
partners = st.sampled_from(["Acute", "Council", "Voluntary"])
times = st.builds(
    meeting_time,
    partners,
    days,
    st.sampled_from(list(Grade)),
    st.integers(1, 480),
    st.integers(1, 20),
)
money = st.builds(
    MoneySpent,
    partners,
    days,
    st.decimals(min_value=0, max_value=100_000, places=2, allow_nan=False, allow_infinity=False),
)


@given(st.lists(times, max_size=40), st.lists(money, max_size=10))
def test_totals_are_preserved(time: list[TimeSpent], spent: list[MoneySpent]) -> None:
    rows = monthly_effort(time, spent)
    assert sum(row.minutes for row in rows) == sum(entry.minutes for entry in time)
    assert sum(row.money for row in rows) == sum(entry.amount for entry in spent)
    exact = sum((entry.minutes * DEFAULT_RATES[entry.grade] for entry in time), Decimal(0)) / 60
    # Each month's staff cost is rounded to the penny, so at most half a penny each.
    assert abs(sum(row.staff_cost for row in rows) - exact) <= Decimal("0.005") * len(rows)


@given(st.lists(times, max_size=40), st.lists(money, max_size=10), st.randoms())
def test_the_order_of_entries_does_not_matter(
    time: list[TimeSpent], spent: list[MoneySpent], rng: random.Random
) -> None:
    shuffled_time, shuffled_money = time[:], spent[:]
    rng.shuffle(shuffled_time)
    rng.shuffle(shuffled_money)
    assert monthly_effort(time, spent) == monthly_effort(shuffled_time, shuffled_money)
