"""Riverside's demo outcomes: getting people home from hospital when they are
ready (owned, principal, three indicators, a real special-cause improvement
since the partnership started) and supporting carers (not principal, and
nobody owns it yet).

The 12 months before the partnership started on 1 April 2022 are a real
trust's published figures: its 12 months before its own improvement
(data/README.md), moved to sit before Riverside's fictional start, so the
verdict judges Riverside against a real baseline. The months since are drawn
with a fixed seed at the trust's levels: improving steadily over the first
four years to the level the trust reached, then holding. The series runs to
the last complete month, so the demo never looks out of date; a month's value
never changes once drawn. The carers outcome lost its owner at the start of
that month, so its condition always falls due a quarter later.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
import statistics
from collections.abc import Iterator
from pathlib import Path

from django.utils import timezone

from joinedup.core.events import EventKind
from joinedup.core.outcomes import Frequency, Kind
from joinedup.core.spc import Improvement
from joinedup.web.demo.register import RIVERSIDE
from joinedup.web.outcomes import discharges
from joinedup.web.outcomes.models import (
    ChangeRecord,
    DataPoint,
    Indicator,
    IndicatorEvent,
    Outcome,
)
from joinedup.web.partnerships.models import Member, Partnership

DATA = Path(__file__).parent / "data" / "discharge-ready-date-rbk.csv"
IMPROVED_FROM = "2025-06-01"  # the trust's own step change, in its published figures
RAMP_MONTHS = 48  # how long Riverside takes to reach the improved level
SEED = 4
SOURCE = (
    "The 12 months before the partnership: Walsall Healthcare NHS Trust (RBK), June 2024 to "
    "May 2025, from NHS England's Discharge Ready Date statistics; later months illustrative, "
    "at the trust's levels. Contains public sector information licensed under the Open "
    "Government Licence v3.0."
)
# The outcome and indicator names `discharge-indicators --into` loads into.
HOME = discharges.OUTCOME
BED_DAYS, NO_DELAY = (standard.name for standard in discharges.STANDARD)
CARERS = "Carers are supported when the person they care for comes home"
HUDDLE = dt.date(2023, 1, 1)
D2A_PILOT = dt.date(2022, 10, 1)  # discharge to assess, piloted on two wards
D2A_TEXT = "Discharge to assess pilot began on two wards"
D2A_WHY = (
    "People well enough to leave go home first and have their needs assessed there, "
    "instead of waiting in a bed for the assessment."
)


def _rows() -> list[dict[str, str]]:
    with DATA.open(encoding="utf-8") as file:
        return list(csv.DictReader(file))


def _levels(column: str) -> tuple[list[float], float, float]:
    """The trust's values before it improved, its mean after, and its
    month-to-month sigma before."""
    rows = _rows()
    before = [float(r[column]) for r in rows if r["period"] < IMPROVED_FROM]
    after = [float(r[column]) for r in rows if r["period"] >= IMPROVED_FROM]
    # The SPC estimate of sigma: mean moving range / 1.128.
    spread = statistics.mean(abs(b - a) for a, b in zip(before, before[1:], strict=False))
    return before, statistics.mean(after), spread / 1.128


def _months(first: dt.date, today: dt.date) -> Iterator[dt.date]:
    """``first`` and every month after it up to the last complete one."""
    month, last = first, Frequency.MONTHLY.shift(Frequency.MONTHLY.start_of(today), -1)
    while month <= last:
        yield month
        month = Frequency.MONTHLY.shift(month, 1)


def discharge_series(
    started: dt.date, today: dt.date
) -> tuple[dict[dt.date, float], dict[dt.date, float], dict[dt.date, float]]:
    """Per cent discharged on their ready date, delayed bed days and joint meetings a month.

    Before ``started``: the trust's real months before it improved, in order.
    After: delayed bed days move with the per cent (as the trust's figures
    do), so both tell the same story.
    """
    pct_real, pct_after, pct_sigma = _levels("pct_no_delay")
    days_real, days_after, days_sigma = _levels("delayed_bed_days")
    pct_before, days_before = statistics.mean(pct_real), statistics.mean(days_real)
    days_per_point = (days_after - days_before) / (pct_after - pct_before)
    draw = random.Random(SEED)
    pct, days, meetings = {}, {}, {}
    for month in _months(Frequency.MONTHLY.shift(started, -len(pct_real)), today):
        since = (month.year - started.year) * 12 + month.month - started.month
        progress = min(max(since, 0) / RAMP_MONTHS, 1.0)
        value = pct_before + (pct_after - pct_before) * progress + draw.gauss(0, pct_sigma)
        bed_days = days_before + days_per_point * (value - pct_before)
        bed_days += draw.gauss(0, days_sigma * 0.3)
        if since < 0:  # the baseline: the trust's own months
            value, bed_days = pct_real[since], days_real[since]
        pct[month] = round(min(value, 100.0), 1)
        days[month] = float(round(bed_days))
        # Weekly meetings, then a daily huddle on working days.
        meetings[month] = float(max(0, round(draw.gauss(20 if month >= HUDDLE else 4.5, 1.5))))
    return pct, days, meetings


def _history(
    outcome: Outcome,
    indicator: Indicator | None,
    when: str,
    by: Member,
    field: str,
    old: str,
    new: str,
    moved_goalpost: bool = False,
) -> None:
    """A history entry at a fixed time (UTC), found again by what, field and time."""
    ChangeRecord.objects.update_or_create(
        partnership=outcome.partnership,
        outcome=outcome,
        indicator=indicator,
        field=field,
        changed_at=dt.datetime.fromisoformat(when).replace(tzinfo=dt.UTC),
        defaults={
            "changed_by": by.user,
            "source": "page",
            "old": old,
            "new": new,
            "moved_goalpost": moved_goalpost,
        },
    )


def _event(
    indicator: Indicator,
    day: dt.date,
    kind: EventKind,
    text: str,
    by: Member,
    reason: str = "",
) -> None:
    """An event recorded by ``by`` on the day it happened, found again by its date and kind."""
    IndicatorEvent.objects.update_or_create(
        indicator=indicator,
        date=day,
        kind=kind,
        defaults={
            "text": text,
            "reason": reason,
            "recorded_by": by.user,
            "recorded_at": dt.datetime.combine(day, dt.time(12), tzinfo=dt.UTC),
        },
    )


def _indicator(
    outcome: Outcome, name: str, values: dict[dt.date, float], **fields: object
) -> Indicator:
    indicator, _ = Indicator.objects.update_or_create(outcome=outcome, name=name, defaults=fields)
    for period, value in values.items():
        DataPoint.objects.update_or_create(
            indicator=indicator, period=period, defaults={"value": value}
        )
    return indicator


def load() -> None:
    riverside = Partnership.objects.get(slug=RIVERSIDE)
    people = {
        member.user.username: member
        for member in riverside.members.select_related("user").filter(end_date__isnull=True)
    }
    today = timezone.localdate()
    pct, days, meetings = discharge_series(riverside.start_date, today)

    home, _ = Outcome.objects.update_or_create(
        partnership=riverside,
        title=HOME,
        defaults={
            "description": "Nobody waits in a hospital bed once they are well enough to leave, "
            "and they go home with the care they need.",
            "owner": people["j.brown"],
            "principal": True,
        },
    )
    home.partners.set(riverside.partners.all())
    ready = _indicator(
        home,
        NO_DELAY,
        pct,
        unit="%",
        improvement=Improvement.INCREASE,
        frequency=Frequency.MONTHLY,
        source=SOURCE,
        target=92.0,
        kind=Kind.BETTER_OFF,
    )
    bed_days = _indicator(
        home,
        BED_DAYS,
        days,
        unit="bed days",
        improvement=Improvement.DECREASE,
        frequency=Frequency.MONTHLY,
        source=SOURCE,
        target=None,
        kind=Kind.BETTER_OFF,
    )
    huddles = _indicator(
        home,
        "Joint discharge meetings held",
        meetings,
        unit="meetings",
        improvement=Improvement.INCREASE,
        frequency=Frequency.MONTHLY,
        source="Riverside discharge hub diary",
        target=None,
        kind=Kind.HOW_MUCH,
    )
    lead = people["lead"]
    for charted in (ready, bed_days):
        _event(charted, D2A_PILOT, EventKind.INTERVENTION, D2A_TEXT, lead, D2A_WHY)
    _event(
        huddles,
        HUDDLE,
        EventKind.REBASE,
        "Daily joint discharge huddle began",
        lead,
        "The weekly discharge meeting became a huddle every working day: a new way of "
        "working, so its count is judged against new limits.",
    )
    _event(
        ready,
        dt.date(2024, 5, 1),
        EventKind.NOTE,
        "Target lowered from 95% to 92% (see the history)",
        lead,
    )
    _history(home, None, "2023-02-01T10:15:00", lead, "owner", "Ravi Patel", "Julie Brown")
    # Lowered once values showed 95 out of reach: the demo's moved goalpost.
    _history(home, ready, "2024-05-14T16:40:00", lead, "target", "95", "92", moved_goalpost=True)

    carers, _ = Outcome.objects.update_or_create(
        partnership=riverside,
        title=CARERS,
        defaults={
            "description": "Carers are told what is happening, and offered help, before "
            "the person they care for comes home.",
            "owner": None,
            "principal": False,
            # Set up without an owner at the start of the last complete month.
            "created_at": dt.datetime.combine(
                Frequency.MONTHLY.shift(Frequency.MONTHLY.start_of(today), -1),
                dt.time(9),
                tzinfo=dt.UTC,
            ),
        },
    )
    carers.partners.set(riverside.partners.filter(name__icontains="carers"))
    # Counted only recently: too few values to judge, and no baseline for its target.
    _indicator(
        carers,
        "Carers contacted within 2 days of discharge",
        {
            month: round(random.Random(f"carers {month}").gauss(61, 4), 1)
            for month in list(_months(riverside.start_date, today))[-8:]
        },
        unit="%",
        improvement=Improvement.INCREASE,
        frequency=Frequency.MONTHLY,
        source="Riverside Carers and Neighbours case records",
        target=80.0,
        kind=Kind.HOW_WELL,
    )
