"""The demo's outcomes tell the story they are meant to, and load idempotently."""

from __future__ import annotations

import csv
import datetime as dt
from typing import Any

import pytest
import time_machine

from joinedup.core.outcomes import FlagKind, Frequency
from joinedup.web import demo
from joinedup.web.demo.outcomes import DATA, IMPROVED_FROM
from joinedup.web.outcomes.facts import partnership_facts
from joinedup.web.outcomes.models import ChangeRecord, DataPoint, Indicator, IndicatorEvent, Outcome
from joinedup.web.partnerships.models import Partnership

DAY = dt.datetime(2026, 11, 15, 12, tzinfo=dt.UTC)


@pytest.fixture
def demo_riverside(db: Any, settings: Any) -> Partnership:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with time_machine.travel(DAY, tick=False):
        demo.load()
    return Partnership.objects.get(slug="riverside")


def test_the_discharge_indicators_show_a_special_cause_improvement(
    demo_riverside: Partnership,
) -> None:
    with time_machine.travel(DAY, tick=False):
        facts, flags = partnership_facts(demo_riverside)
    by_name = {fact.name: fact for fact in facts}
    ready = by_name["Percentage discharged with no delay"]
    days = by_name["Delayed bed days"]
    assert ready.result.variation == "improvement_high"
    assert days.result.variation == "improvement_low"
    # From 12 months before the partnership started to last month.
    assert ready.points == days.points == 67 and ready.baseline_points == 12
    assert ready.last_period == dt.date(2026, 10, 1)
    assert ready.target == 92 and ready.result.assurance is not None
    assert by_name["Joint discharge meetings held"].kind == "how_much"

    kinds = {(flag.kind, flag.subject) for flag in flags}
    carers = "Carers are supported when the person they care for comes home"
    assert (FlagKind.NO_OWNER, carers) in kinds
    assert (FlagKind.TOO_FEW_POINTS, "Carers contacted within 2 days of discharge") in kinds
    assert (FlagKind.MOVED_GOALPOST, "Percentage discharged with no delay") in kinds
    assert not any(flag.kind is FlagKind.STALE_DATA for flag in flags)


def test_the_levels_are_those_of_the_real_trust(demo_riverside: Partnership) -> None:
    ready = Indicator.objects.get(name="Percentage discharged with no delay")
    values = dict(ready.points.values_list("period", "value"))
    before = [values[Frequency.MONTHLY.shift(dt.date(2021, 4, 1), i)] for i in range(12)]
    assert 86 < sum(before) / 12 < 91  # the trust ran at about 88.7% before improving
    assert "Open Government Licence v3.0" in ready.source


def test_the_twelve_months_before_the_start_are_the_trusts_real_figures(
    demo_riverside: Partnership,
) -> None:
    with DATA.open(encoding="utf-8") as file:
        real = [row for row in csv.DictReader(file) if row["period"] < IMPROVED_FROM]
    assert len(real) == 12
    for name, column, rounding in (
        ("Percentage discharged with no delay", "pct_no_delay", 1),
        ("Delayed bed days", "delayed_bed_days", 0),
    ):
        points = Indicator.objects.get(name=name).points.filter(
            period__lt=demo_riverside.start_date
        )
        assert list(points.values_list("value", flat=True)) == [
            round(float(row[column]), rounding) for row in real
        ]
    assert "Walsall Healthcare NHS Trust (RBK), June 2024 to May 2025" in (
        Indicator.objects.get(name="Delayed bed days").source
    )


def test_only_the_discharge_outcome_is_principal(demo_riverside: Partnership) -> None:
    assert dict(demo_riverside.outcomes.values_list("title", "principal")) == {
        "People go home from hospital as soon as they are ready": True,
        "Carers are supported when the person they care for comes home": False,
    }


def test_loading_again_duplicates_nothing(demo_riverside: Partnership) -> None:
    models = (Outcome, Indicator, DataPoint, IndicatorEvent, ChangeRecord)
    counts = {model: model.objects.count() for model in models}
    values = list(DataPoint.objects.order_by("indicator", "period").values_list("value", flat=True))
    with time_machine.travel(DAY, tick=False):
        demo.load()
    assert {model: model.objects.count() for model in models} == counts
    assert (
        list(DataPoint.objects.order_by("indicator", "period").values_list("value", flat=True))
        == values
    )


def test_the_key_charts_have_events_with_reasons(demo_riverside: Partnership) -> None:
    events = IndicatorEvent.objects.filter(indicator__outcome__partnership=demo_riverside)
    pilots = events.filter(kind="intervention", text__icontains="discharge to assess")
    assert {event.indicator.name for event in pilots} == {
        "Percentage discharged with no delay",
        "Delayed bed days",
    }
    assert all(event.reason and event.recorded_by for event in pilots)
    assert all(event.reason for event in events.filter(kind="rebase"))
