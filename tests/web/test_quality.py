"""Data-quality marks in the web app: computed for a partnership's indicators
in a fixed number of queries, shown on the indicator page, and fed by the
history the indicator form keeps."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine

from joinedup.web.outcomes.models import ChangeRecord
from joinedup.web.outcomes.quality import partnership_quality
from tests.factories import World, add_values, make_indicator, outcomes_url

# A Wednesday in June 2025; noon, so that the day is the same in UTC and London.
TODAY = dt.date(2025, 6, 18)
# Monthly from April 2021 (12 months before the partnership) to May 2025.
FULL = [10.0, 12.0] * 25


@pytest.fixture(autouse=True)
def _today() -> Any:
    with time_machine.travel(dt.datetime(2025, 6, 18, 11, 0, tzinfo=dt.UTC), tick=False):
        yield


def indicator(world: World, name: str = "Delayed bed days", values: list[float] = FULL) -> Any:
    made = make_indicator(world, name=name)
    add_values(made, values, dt.date(2021, 4, 1))
    return made


def test_each_indicator_gets_its_marks(world: World) -> None:
    full = indicator(world)
    short = indicator(world, "Carers contacted", FULL[-6:])
    marks = partnership_quality(world.partnership)
    assert all(mark.passed for mark in marks[full.pk].marks)
    assert [mark.passed for mark in marks[short.pk].marks] == [False, False, True, False]
    assert set(marks) == {full.pk, short.pk}


def test_the_marks_take_a_fixed_number_of_queries(
    world: World, django_assert_num_queries: Any
) -> None:
    indicator(world)
    with django_assert_num_queries(3):
        partnership_quality(world.partnership)
    for n in range(5):
        indicator(world, f"Indicator {n}")
    with django_assert_num_queries(3):
        assert len(partnership_quality(world.partnership)) == 6


def test_another_partnerships_indicators_are_not_counted(world: World) -> None:
    indicator(world)
    assert partnership_quality(world.other) == {}


def test_the_indicator_page_shows_each_mark_with_its_reason(world: World) -> None:
    made = indicator(world, values=FULL[:-2])  # to March 2025: April's was due by 14 June
    page = world.client("viewer").get(outcomes_url(world, "indicator", made.pk)).content.decode()
    assert "<h2>Data quality</h2>" in page
    assert "Out of date</strong> The latest value is for March 2025" in page
    assert "Complete</strong> Each of the 12 months from April 2024 to March 2025" in page
    assert "A verdict of delivering cannot rest on this indicator" in page


def indicator_form(made: Any, **overrides: str) -> dict[str, str]:
    return {
        "name": made.name,
        "unit": made.unit,
        "kind": made.kind,
        "improvement": made.improvement,
        "frequency": made.frequency,
        "source": made.source,
        "target": "",
        "rebase": "",
        **overrides,
    }


def test_changing_the_unit_or_source_is_kept_and_unsettles_the_definition(world: World) -> None:
    made = indicator(world)
    url = outcomes_url(world, "indicator_edit", made.pk)
    client = world.client("owner")
    client.post(url, indicator_form(made, unit="beds", source="SUS"))
    fields = set(ChangeRecord.objects.filter(indicator=made).values_list("field", flat=True))
    assert fields == {"unit", "source"}
    stable = partnership_quality(world.partnership)[made.pk].stable
    assert not stable.passed
    assert stable.reason == (
        "Its unit changed from “bed days” to “beds” on 18 June 2025; its source changed "
        "from nothing to “SUS” on 18 June 2025, after values existed."
    )


def test_saving_the_form_unchanged_records_nothing(world: World) -> None:
    made = indicator(world)
    world.client("owner").post(outcomes_url(world, "indicator_edit", made.pk), indicator_form(made))
    assert not ChangeRecord.objects.filter(indicator=made).exists()
    assert partnership_quality(world.partnership)[made.pk].stable.passed


def test_a_unit_put_right_before_any_value_keeps_the_definition_stable(world: World) -> None:
    made = make_indicator(world, name="Fresh")
    world.client("owner").post(
        outcomes_url(world, "indicator_edit", made.pk), indicator_form(made, unit="bed-days")
    )
    add_values(made, FULL[:3], dt.date(2025, 7, 1))  # values only for periods after it
    assert partnership_quality(world.partnership)[made.pk].stable.passed
