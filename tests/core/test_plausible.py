"""The rules that refuse a typed date that cannot be meant."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from joinedup.core.plausible import (
    EARLIEST,
    a_year_after,
    budget_year_problem,
    financial_year,
    spent_date_problem,
    start_date_problem,
)

TODAY = dt.date(2026, 12, 1)
days = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2999, 12, 31))
todays = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2100, 12, 31))


def test_a_start_in_2202_is_refused_naming_the_date() -> None:
    problem = start_date_problem(dt.date(2202, 4, 1), TODAY)
    assert problem == (
        "The start date, 1 April 2202, is more than a year from today: "
        "enter a start date up to 1 December 2027"
    )


def test_a_start_before_1990_is_refused() -> None:
    assert "1 April 1922, is before 1990" in str(start_date_problem(dt.date(1922, 4, 1), TODAY))


def test_a_start_up_to_a_year_ahead_is_allowed() -> None:
    assert start_date_problem(dt.date(2027, 12, 1), TODAY) is None
    assert start_date_problem(EARLIEST, TODAY) is None


@given(days, todays)
def test_a_start_is_allowed_exactly_between_1990_and_a_year_ahead(
    start: dt.date, today: dt.date
) -> None:
    allowed = EARLIEST <= start <= a_year_after(today)
    assert (start_date_problem(start, today) is None) == allowed


def test_a_year_after_29_february_is_28_february() -> None:
    assert a_year_after(dt.date(2028, 2, 29)) == dt.date(2029, 2, 28)


def test_effort_dated_after_today_is_refused_saying_effort_is_what_was_spent() -> None:
    problem = str(spent_date_problem(dt.date(2099, 11, 3), TODAY))
    assert problem.startswith("3 November 2099 is after today")
    assert "already spent" in problem and "1 December 2026" in problem


@given(days, todays)
def test_effort_is_allowed_exactly_from_1990_to_today(day: dt.date, today: dt.date) -> None:
    assert (spent_date_problem(day, today) is None) == (EARLIEST <= day <= today)


def test_financial_years_start_in_april() -> None:
    assert financial_year(dt.date(2026, 3, 31)) == 2025
    assert financial_year(dt.date(2026, 4, 1)) == 2026


def test_a_budget_for_2099_is_refused_naming_the_current_year() -> None:
    problem = budget_year_problem(2099, TODAY, dt.date(2022, 4, 1))
    assert problem == (
        "The financial year starting in 2099 is more than a year after the current one, "
        "2026/27: enter a year up to 2027"
    )


def test_a_budget_before_the_partnership_started_is_refused() -> None:
    problem = budget_year_problem(2019, TODAY, dt.date(2022, 6, 1))
    assert problem == (
        "The financial year starting in 2019 is before the partnership started "
        "(in 2022/23): enter a year from 2022"
    )


@given(st.integers(min_value=-10_000, max_value=10**9), todays, todays)
def test_a_budget_year_is_allowed_from_the_start_to_next_year(
    year: int, today: dt.date, started: dt.date
) -> None:
    allowed = financial_year(started) <= year <= financial_year(today) + 1
    assert (budget_year_problem(year, today, started) is None) == allowed
