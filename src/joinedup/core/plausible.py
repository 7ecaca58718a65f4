"""Dates a person types that cannot be meant: the rules that catch a typo
(2202 for 2022, 2099 for 2019) before it reaches a verdict.

Each rule answers why a date is refused, naming it and what to enter instead,
or None when it can be meant; the forms turn the answer into the field's
message (docs/adr/0903-typos-and-the-current-period.md).
"""

from __future__ import annotations

import datetime as dt

from joinedup.core.outcomes import EARLIEST, Frequency, day_name

# A partnership can be set up ahead of its start, by up to a year.
YEARS_AHEAD = 1


def a_year_after(day: dt.date, years: int = YEARS_AHEAD) -> dt.date:
    """The same day ``years`` later (28 February for a 29 February)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def start_date_problem(start: dt.date, today: dt.date) -> str | None:
    """Why ``start`` cannot be a partnership's start date: before 1990, or more
    than a year after ``today``."""
    if start < EARLIEST:
        return (
            f"The start date, {day_name(start)}, is before {EARLIEST.year}: "
            "enter the date the partnership started, like 1 4 2022"
        )
    latest = a_year_after(today)
    if start > latest:
        return (
            f"The start date, {day_name(start)}, is more than a year from today: "
            f"enter a start date up to {day_name(latest)}"
        )
    return None


def spent_date_problem(day: dt.date, today: dt.date) -> str | None:
    """Why time or money cannot have been spent on ``day``: it is after
    ``today`` (effort records what was spent, never what is planned), or
    before 1990."""
    if day > today:
        return (
            f"{day_name(day)} is after today: effort records time and money already spent, "
            f"so enter a date up to today, {day_name(today)}"
        )
    if day < EARLIEST:
        return f"{day_name(day)} is before {EARLIEST.year}: enter the date it was spent"
    return None


def financial_year(day: dt.date) -> int:
    """The year the financial year (April to March) holding ``day`` starts in."""
    return Frequency.YEARLY.start_of(day).year


def year_name(year: int) -> str:
    """A financial year as people write it: 2025/26."""
    return Frequency.YEARLY.name_of(dt.date(year, 4, 1))


def budget_year_problem(year: int, today: dt.date, started: dt.date) -> str | None:
    """Why a pooled budget cannot have a contribution for the financial year
    starting in ``year``: more than a year after the current financial year
    (a budget is agreed a year ahead at most), or before the financial year the
    partnership started in (``started``)."""
    current = financial_year(today)
    first = financial_year(started)
    if year > current + YEARS_AHEAD:
        return (
            f"The financial year starting in {year} is more than a year after the current "
            f"one, {year_name(current)}: enter a year up to {current + YEARS_AHEAD}"
        )
    if year < first:
        return (
            f"The financial year starting in {year} is before the partnership started "
            f"(in {year_name(first)}): enter a year from {first}"
        )
    return None
