"""The cost of running a partnership: person-hours and money per partner per month.

Time is counted in minutes (a meeting of 90 minutes with 4 people is 360
person-minutes) so that adding entries up is exact; hours and pounds are
rounded only when a month's total is made. Staff time is costed at an hourly
rate per grade: the partnership's own rates where it has set them, otherwise
:data:`DEFAULT_RATES`. See docs/effort.md.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from joinedup.core.labels import Labelled

PENNY = Decimal("0.01")
TENTH = Decimal("0.1")
MINUTES_PER_HOUR = 60


class Grade(Labelled):
    """How senior the people giving their time are: what an hour of theirs costs.

    The description gives examples; bands are NHS Agenda for Change, and
    council grades of the same jobs are alike."""

    EXECUTIVE = "executive", "Executive", "directors and chief officers (band 9 and above)"
    SENIOR_MANAGER = "senior_manager", "Senior manager", "heads of service (bands 8c and 8d)"
    MANAGER = "manager", "Manager", "service and team managers (bands 8a and 8b)"
    PRACTITIONER = (
        "practitioner",
        "Practitioner",
        "nurses, social workers, therapists (bands 6 and 7)",
    )
    SUPPORT = "support", "Support", "coordinators and administrators (bands 3 to 5)"


# Illustrative pounds per hour, to be replaced by each partnership's own
# figures: a mid-band annual salary from the NHS Agenda for Change pay scales
# of 2025/26, plus about 30% for employer's pension and National Insurance,
# over 1,580 working hours a year (37.5 hours a week less leave and bank
# holidays), to the nearest pound. docs/effort.md shows the working.
DEFAULT_RATES: Mapping[Grade, Decimal] = {
    Grade.EXECUTIVE: Decimal(96),  # £117,000
    Grade.SENIOR_MANAGER: Decimal(75),  # £91,000
    Grade.MANAGER: Decimal(53),  # £65,000
    Grade.PRACTITIONER: Decimal(39),  # £47,000
    Grade.SUPPORT: Decimal(26),  # £31,000
}


@dataclass(frozen=True)
class TimeSpent:
    """Person-minutes one partner's staff of one grade gave in the month of ``day``."""

    partner: str
    day: dt.date
    grade: Grade
    minutes: Decimal


@dataclass(frozen=True)
class MoneySpent:
    """Money one partner spent on running the partnership (room hire, a facilitator)."""

    partner: str
    day: dt.date
    amount: Decimal


@dataclass(frozen=True)
class MonthlyEffort:
    """One partner's effort in one month; ``cost`` is staff time at the rates plus money."""

    month: dt.date  # the first day of the month
    partner: str
    minutes: Decimal
    staff_cost: Decimal  # rounded to the penny
    money: Decimal

    @property
    def hours(self) -> Decimal:
        return (self.minutes / MINUTES_PER_HOUR).quantize(TENTH)

    @property
    def cost(self) -> Decimal:
        return self.staff_cost + self.money


def meeting_time(
    partner: str, day: dt.date, grade: Grade, duration_minutes: int, people: int
) -> TimeSpent:
    """The time ``people`` of one partner and grade gave to a meeting."""
    return TimeSpent(partner, day, grade, Decimal(duration_minutes * people))


def staff_time(partner: str, day: dt.date, grade: Grade, hours: Decimal) -> TimeSpent:
    """Other staff time (preparing papers, a joint post's share), given in hours."""
    return TimeSpent(partner, day, grade, hours * MINUTES_PER_HOUR)


def month_of(day: dt.date) -> dt.date:
    return day.replace(day=1)


def rates_with_defaults(own: Mapping[Grade, Decimal]) -> dict[Grade, Decimal]:
    """Every grade's hourly rate: the partnership's own where set, else the default."""
    return {grade: own.get(grade, DEFAULT_RATES[grade]) for grade in Grade}


def monthly_effort(
    time: Iterable[TimeSpent],
    money: Iterable[MoneySpent],
    rates: Mapping[Grade, Decimal] = DEFAULT_RATES,
) -> list[MonthlyEffort]:
    """Hours and cost per partner per month, in month then partner order.

    Only months and partners with some effort appear; see :func:`months_between`
    to fill the gaps for a chart. ``rates`` must hold every grade used.
    """
    minutes: dict[tuple[dt.date, str], Decimal] = defaultdict(Decimal)
    # Pounds times 60, kept exact until the month's total is rounded.
    priced: dict[tuple[dt.date, str], Decimal] = defaultdict(Decimal)
    spent: dict[tuple[dt.date, str], Decimal] = defaultdict(Decimal)
    for entry in time:
        key = (month_of(entry.day), entry.partner)
        minutes[key] += entry.minutes
        priced[key] += entry.minutes * rates[entry.grade]
    for payment in money:
        spent[(month_of(payment.day), payment.partner)] += payment.amount
    return [
        MonthlyEffort(
            month=month,
            partner=partner,
            minutes=minutes[(month, partner)],
            staff_cost=(priced[(month, partner)] / MINUTES_PER_HOUR).quantize(PENNY),
            money=spent[(month, partner)],
        )
        for month, partner in sorted(minutes.keys() | spent.keys())
    ]


def months_between(first: dt.date, last: dt.date) -> list[dt.date]:
    """The first day of every month from ``first``'s to ``last``'s, inclusive."""
    months = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        months.append(dt.date(year, month, 1))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


@dataclass(frozen=True)
class EffortTotals:
    """All effort over a run of whole months (months without any entry count as zero)."""

    first_month: dt.date
    last_month: dt.date
    minutes: Decimal
    cost: Decimal

    @property
    def months(self) -> int:
        return len(months_between(self.first_month, self.last_month))

    @property
    def hours_per_month(self) -> Decimal:
        return (self.minutes / MINUTES_PER_HOUR / self.months).quantize(TENTH)

    @property
    def cost_per_month(self) -> Decimal:
        return (self.cost / self.months).quantize(PENNY)


def totals(
    rows: Iterable[MonthlyEffort], first: dt.date | None = None, last: dt.date | None = None
) -> EffortTotals | None:
    """The effort from ``first``'s month to ``last``'s (by default the first and
    last months with any entry), or None when there is none in that span."""
    kept = [
        row
        for row in rows
        if (first is None or row.month >= month_of(first))
        and (last is None or row.month <= month_of(last))
    ]
    if not kept:
        return None
    return EffortTotals(
        first_month=month_of(first) if first else min(row.month for row in kept),
        last_month=month_of(last) if last else max(row.month for row in kept),
        minutes=sum((row.minutes for row in kept), Decimal(0)),
        cost=sum((row.cost for row in kept), Decimal(0)),
    )
