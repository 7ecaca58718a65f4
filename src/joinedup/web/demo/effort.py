"""Riverside's demo effort: meetings and staff time in every month from the
partnership's start to the last complete month (so the dashboard never looks
out of date, and the verdict can weigh effort over the same months as the
results), at the rates' defaults. A monthly partnership board of
executives, a fortnightly operational group of managers and practitioners,
the analyst's and the programme office's time, and a few bills.

Dates are fixed by the calendar (the board on the second Tuesday, the group
every other Thursday), so loading again finds the same rows; a later month
adds that month's entries and changes none before it.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from joinedup.core.effort import Grade, months_between
from joinedup.web.demo.register import ACUTE, COMMUNITY, COUNCIL, PRIVATE, RIVERSIDE, VOLUNTARY
from joinedup.web.demo.rows import upsert
from joinedup.web.effort.models import Attendance, Expense, Meeting, StaffTime
from joinedup.web.partnerships.models import Partner, Partnership

BOARD = ("Partnership board", 120)
GROUP = ("Discharge operational group", 90)
GROUP_FIRST = dt.date(2021, 4, 1)  # a Thursday: the group has met every other week since

# (partner, grade, people) at each meeting.
BOARD_ATTENDANCE = [
    (ACUTE, Grade.EXECUTIVE, 2),
    (ACUTE, Grade.SUPPORT, 1),
    (COUNCIL, Grade.EXECUTIVE, 1),
    (COUNCIL, Grade.SENIOR_MANAGER, 1),
    (COMMUNITY, Grade.EXECUTIVE, 1),
    (COMMUNITY, Grade.MANAGER, 1),
    (VOLUNTARY, Grade.EXECUTIVE, 1),
    (PRIVATE, Grade.MANAGER, 1),
]
GROUP_ATTENDANCE = [
    (ACUTE, Grade.PRACTITIONER, 2),
    (COUNCIL, Grade.MANAGER, 2),
    (COMMUNITY, Grade.MANAGER, 1),
    (COMMUNITY, Grade.PRACTITIONER, 1),
    (VOLUNTARY, Grade.PRACTITIONER, 1),
    (PRIVATE, Grade.SUPPORT, 1),
]
# (partner, grade, hours a month, what for), entered on the last working day or so.
MONTHLY_TIME = [
    (ACUTE, Grade.PRACTITIONER, "12", "Performance report for the board"),
    (ACUTE, Grade.SUPPORT, "16", "Board papers, minutes and actions"),
    (COUNCIL, Grade.MANAGER, "6", "Brokerage and care market returns"),
]
# (months before the last, partner, amount, what for)
BILLS = [
    (11, ACUTE, "950.00", "Facilitator for the annual partnership review"),
    (9, COUNCIL, "180.00", "Room hire for the board"),
    (6, COUNCIL, "180.00", "Room hire for the board"),
    (3, COUNCIL, "180.00", "Room hire for the board"),
    (0, COUNCIL, "180.00", "Room hire for the board"),
]


def _second_tuesday(month: dt.date) -> dt.date:
    first_tuesday = month + dt.timedelta(days=(1 - month.weekday()) % 7)
    return first_tuesday + dt.timedelta(days=7)


def _group_dates(first: dt.date, last: dt.date) -> list[dt.date]:
    """Every other Thursday, counting from GROUP_FIRST, within [first, last]."""
    start = GROUP_FIRST + dt.timedelta(weeks=2 * -(-(first - GROUP_FIRST).days // 14))
    dates = []
    while start <= last:
        dates.append(start)
        start += dt.timedelta(weeks=2)
    return dates


def _meetings(
    riverside: Partnership,
    partners: dict[str, Partner],
    kinds: list[tuple[dt.date, tuple[str, int], list[tuple[str, Grade, int]]]],
) -> None:
    """Each (day, (title, minutes), attendance) as a meeting with its attendance."""
    meetings = upsert(
        Meeting,
        [
            Meeting(partnership=riverside, date=day, title=title, duration_minutes=minutes)
            for day, (title, minutes), _ in kinds
        ],
        key=("partnership", "date", "title"),
        fields=("duration_minutes",),
    )
    Attendance.objects.filter(meeting__in=meetings).delete()
    Attendance.objects.bulk_create(
        Attendance(meeting=meeting, partner=partners[partner], grade=grade, people=people)
        for meeting, (_, _, attendance) in zip(meetings, kinds, strict=True)
        for partner, grade, people in attendance
    )


def load() -> None:
    riverside = Partnership.objects.get(slug=RIVERSIDE)
    partners = {partner.name: partner for partner in riverside.partners.all()}
    this_month = timezone.localdate().replace(day=1)
    last = this_month - dt.timedelta(days=1)
    months = months_between(riverside.start_date.replace(day=1), last)
    _meetings(
        riverside,
        partners,
        [(_second_tuesday(month), BOARD, BOARD_ATTENDANCE) for month in months]
        + [(day, GROUP, GROUP_ATTENDANCE) for day in _group_dates(months[0], last)],
    )
    upsert(
        StaffTime,
        [
            StaffTime(
                partnership=riverside,
                partner=partners[partner],
                date=month.replace(day=28),
                description=description,
                grade=grade,
                hours=Decimal(hours),
            )
            for month in months
            for partner, grade, hours, description in MONTHLY_TIME
        ],
        key=("partnership", "partner", "date", "description"),
        fields=("grade", "hours"),
    )
    upsert(
        Expense,
        [
            Expense(
                partnership=riverside,
                partner=partners[partner],
                date=months[-1 - back].replace(day=15),
                description=description,
                amount=Decimal(amount),
            )
            for back, partner, amount, description in BILLS
        ],
        key=("partnership", "partner", "date", "description"),
        fields=("amount",),
    )
