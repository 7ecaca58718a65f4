"""The monthly cost table and its stacked bar chart, from plain monthly effort."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from joinedup.core.effort import Grade, MoneySpent, meeting_time, monthly_effort
from joinedup.web.effort.chart import BOTTOM, HEIGHT, bar_chart, charts
from joinedup.web.effort.series import cost_table


def rows() -> list:
    return monthly_effort(
        [
            meeting_time("Acute", dt.date(2024, 1, 9), Grade.MANAGER, 60, 3),
            meeting_time("Acute", dt.date(2025, 3, 9), Grade.MANAGER, 60, 6),
            meeting_time("Council", dt.date(2025, 3, 9), Grade.MANAGER, 60, 2),
        ],
        [MoneySpent("Voluntary", dt.date(2024, 12, 1), Decimal(100))],
    )


def test_the_table_is_the_twelve_months_to_the_latest_effort_with_gaps_as_zero() -> None:
    table = cost_table(rows())
    assert table is not None
    assert (table.first, table.last) == (dt.date(2024, 4, 1), dt.date(2025, 3, 1))
    assert len(table.rows) == 12
    # January 2024 is outside the window, and so is a partner with effort only then.
    assert table.partners == ("Acute", "Council", "Voluntary")
    december = table.rows[8]
    assert december.month == dt.date(2024, 12, 1)
    assert december.total.cost == Decimal(100) and december.total.hours == 0
    assert table.rows[0].total.hours == 0
    assert table.rows[-1].total.hours == Decimal("8.0")
    assert [cell.hours for cell in table.partner_totals] == [Decimal("6.0"), Decimal("2.0"), 0]
    assert table.total.cost == sum((cell.cost for cell in table.partner_totals), Decimal(0))


def test_no_effort_makes_no_table_and_no_chart() -> None:
    assert cost_table([]) is None
    assert charts(None) == {}


def test_the_bars_stack_each_partner_in_proportion() -> None:
    table = cost_table(rows())
    assert table is not None
    chart = bar_chart(table, "hours")
    march = [s for s in chart.segments if "March 2025" in s.label]
    assert [s.label for s in march] == [
        "Acute, March 2025: 6 hours",
        "Council, March 2025: 2 hours",
    ]
    assert march[0].height == pytest.approx(3 * march[1].height)
    assert march[0].y + march[0].height == HEIGHT - BOTTOM  # the first sits on the axis
    assert march[1].y + march[1].height == pytest.approx(march[0].y)
    assert [tick.text for tick in chart.y_ticks] == ["0 hours", "5 hours", "10 hours"]
    assert [fill.pattern for fill, _ in chart.legend] == ["solid", "diagonal", "dots"]
    assert chart.title == "Person-hours per month by partner, April 2024 to March 2025"
    assert chart.summary.startswith("8 hours in 12 months; the highest month was March 2025")


def test_the_cost_chart_is_in_pounds() -> None:
    table = cost_table(rows())
    assert table is not None
    chart = bar_chart(table, "cost")
    assert any(s.label == "Voluntary, December 2024: £100" for s in chart.segments)
    assert chart.y_ticks[-1].text.startswith("£")
