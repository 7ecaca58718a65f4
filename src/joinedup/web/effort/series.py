"""A partnership's effort read from the database in a fixed number of queries,
costed by the core, and laid out as a monthly table and a stacked bar chart."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from joinedup.core.effort import (
    Grade,
    MoneySpent,
    MonthlyEffort,
    TimeSpent,
    meeting_time,
    monthly_effort,
    months_between,
    rates_with_defaults,
    staff_time,
)
from joinedup.web.effort.models import Attendance
from joinedup.web.partnerships.models import Partnership

MONTHS_SHOWN = 12


def rates(partnership: Partnership) -> dict[Grade, Decimal]:
    """Every grade's hourly rate: the partnership's own, else the default."""
    own = {Grade(rate.grade): rate.hourly_rate for rate in partnership.cost_rates.all()}
    return rates_with_defaults(own)


def effort_rows(partnership: Partnership) -> list[MonthlyEffort]:
    """Hours and cost per partner per month, from every entry (four queries)."""
    attendance = Attendance.objects.filter(meeting__partnership=partnership).values_list(
        "partner__name", "meeting__date", "grade", "meeting__duration_minutes", "people"
    )
    time: list[TimeSpent] = [
        meeting_time(partner, day, Grade(grade), minutes, people)
        for partner, day, grade, minutes, people in attendance
    ]
    time += [
        staff_time(partner, day, Grade(grade), hours)
        for partner, day, grade, hours in partnership.staff_time.values_list(
            "partner__name", "date", "grade", "hours"
        )
    ]
    money = [
        MoneySpent(partner, day, amount)
        for partner, day, amount in partnership.expenses.values_list(
            "partner__name", "date", "amount"
        )
    ]
    return monthly_effort(time, money, rates(partnership))


def effort_until(partnership: Partnership, as_of: dt.date | None = None) -> list[MonthlyEffort]:
    """The effort of every month that began by ``as_of`` (today by default).

    The one rule for what the cost page, the dashboard, the board report and
    the verdict count: an entry dated later (stored before dates were
    checked) is never a month of cost (docs/effort.md)."""
    day = as_of or timezone.localdate()
    return [row for row in effort_rows(partnership) if row.month <= day]


@dataclass(frozen=True)
class Cell:
    hours: Decimal
    cost: Decimal


@dataclass(frozen=True)
class MonthRow:
    month: dt.date
    cells: tuple[Cell, ...]  # one per partner, in the table's partner order
    total: Cell


@dataclass(frozen=True)
class CostTable:
    """The last months of effort, per partner: months without effort show zero."""

    partners: tuple[str, ...]
    rows: tuple[MonthRow, ...]
    partner_totals: tuple[Cell, ...]
    total: Cell

    @property
    def first(self) -> dt.date:
        return self.rows[0].month

    @property
    def last(self) -> dt.date:
        return self.rows[-1].month

    @property
    def biggest_partner(self) -> tuple[str, Cell]:
        """The partner whose time and money cost the most (the first of equals)."""
        return max(zip(self.partners, self.partner_totals, strict=True), key=lambda p: p[1].cost)


ZERO = Cell(Decimal("0.0"), Decimal("0.00"))


def cost_table(rows: list[MonthlyEffort], months: int = MONTHS_SHOWN) -> CostTable | None:
    """The ``months`` months up to the latest with any effort, or None without any.

    The table ends at the latest entry, not today, and says so in its caption:
    a partnership that stopped recording sees when it stopped.
    """
    if not rows:
        return None
    last = max(row.month for row in rows)
    earliest = dt.date(last.year - months // 12 - 1, last.month, 1)
    span = months_between(earliest, last)[-months:]
    partners = tuple(sorted({row.partner for row in rows if row.month >= span[0]}))
    cells = {(row.month, row.partner): Cell(row.hours, row.cost) for row in rows}
    table = []
    for month in span:
        line = tuple(cells.get((month, partner), ZERO) for partner in partners)
        table.append(MonthRow(month, line, _sum(line)))
    by_partner = tuple(_sum(tuple(row.cells[i] for row in table)) for i in range(len(partners)))
    return CostTable(partners, tuple(table), by_partner, _sum(tuple(row.total for row in table)))


def _sum(cells: tuple[Cell, ...]) -> Cell:
    return Cell(
        sum((cell.hours for cell in cells), Decimal("0.0")),
        sum((cell.cost for cell in cells), Decimal("0.00")),
    )
