"""A typo can be undone: a value for a period that has not begun is refused,
one far outside the series asks to be confirmed, and any value can be
corrected or removed, with who and why kept in the history."""

from __future__ import annotations

import datetime as dt
from html import unescape
from typing import Any

import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from joinedup.web.outcomes.models import ChangeRecord, DataPoint
from tests.factories import FLAT, World, make_indicator, outcomes_url

# The indicator's values run monthly from January 2021 for two years: around 50.
TODAY = dt.datetime(2026, 12, 1, 12, tzinfo=dt.UTC)


def _value(world: World, indicator: Any, day: str, month: str, year: str, **more: str) -> Any:
    data = {"period_0": day, "period_1": month, "period_2": year, "value": "51", **more}
    return world.client("analyst").post(outcomes_url(world, "value", indicator.pk), data)


@time_machine.travel(TODAY, tick=False)
def test_a_period_that_has_not_begun_is_refused_by_the_page(world: World) -> None:
    indicator = make_indicator(world, FLAT)
    page = _value(world, indicator, "1", "10", "2099").content.decode()
    assert (
        "Oct 2099 has not begun yet: values can be given for periods up to the current "
        "month, Dec 2026" in page
    )
    assert not DataPoint.objects.filter(period__year=2099).exists()
    assert _value(world, indicator, "15", "12", "2026").status_code == 302  # this month is fine


@time_machine.travel(TODAY, tick=False)
def test_a_period_that_has_not_begun_is_refused_by_the_import_page(world: World) -> None:
    indicator = make_indicator(world, FLAT)
    file = SimpleUploadedFile("v.csv", b"period,value\n2026-11-01,50\n2099-10-01,2099\n")
    client = world.client("analyst")
    page = unescape(
        client.post(outcomes_url(world, "import", indicator.pk), {"file": file}).content.decode()
    )
    assert "nothing has been imported" in page
    assert "row 3, field 'period': Oct 2099 has not begun yet" in page
    assert DataPoint.objects.filter(indicator=indicator).count() == len(FLAT)


def test_a_value_far_outside_the_series_asks_before_it_is_saved(world: World) -> None:
    indicator = make_indicator(world, FLAT)
    page = unescape(_value(world, indicator, "1", "1", "2023", value="5100").content.decode())
    assert (
        "5,100 bed days is far outside this indicator's usual values (around 50 bed days)" in page
    )
    assert "Yes, 5,100 bed days is right for Jan 2023: save it" in page
    assert not DataPoint.objects.filter(period=dt.date(2023, 1, 1)).exists()
    response = _value(world, indicator, "1", "1", "2023", value="5100", confirm="on")
    assert response.status_code == 302
    assert DataPoint.objects.get(period=dt.date(2023, 1, 1)).value == 5100


def test_an_ordinary_value_does_not_ask(world: World) -> None:
    indicator = make_indicator(world, FLAT)
    assert _value(world, indicator, "1", "1", "2023", value="58").status_code == 302


def test_the_import_page_warns_of_values_far_outside_the_series(world: World) -> None:
    indicator = make_indicator(world, FLAT)
    client = world.client("analyst")
    file = SimpleUploadedFile("v.csv", b"period,value\n2023-01-01,52\n2023-02-01,5100\n")
    confirm = client.post(outcomes_url(world, "import", indicator.pk), {"file": file})
    page = client.get(confirm["Location"]).content.decode()
    assert "Check these values for typos" in page
    assert "Row 3: Feb 2023, 5,100 bed days" in page and "Row 2:" not in page
    assert "Import the values as they are" in page


def test_a_first_import_is_measured_against_itself(world: World) -> None:
    indicator = make_indicator(world)
    rows = "".join(f"2021-{m:02d}-01,{50 + m % 3}\n" for m in range(1, 13)) + "2022-01-01,5100\n"
    client = world.client("analyst")
    file = SimpleUploadedFile("v.csv", f"period,value\n{rows}".encode())
    confirm = client.post(outcomes_url(world, "import", indicator.pk), {"file": file})
    assert "Row 14: Jan 2022, 5,100 bed days" in client.get(confirm["Location"]).content.decode()


def test_a_typo_is_removed_from_the_page_and_the_history_says_who_and_why(world: World) -> None:
    indicator = make_indicator(world, FLAT)
    DataPoint.objects.create(indicator=indicator, period=dt.date(2023, 1, 1), value=2099)
    client = world.client("analyst")
    page = client.get(outcomes_url(world, "indicator", indicator.pk)).content.decode()
    remove = reverse("outcomes:value_remove", args=["riverside", indicator.pk, "2023-01-01"])
    assert remove in page
    form = client.get(remove).content.decode()
    assert "Remove the value for Jan 2023?" in form and "2,099 bed days" in form
    refused = client.post(remove, {"reason": ""}).content.decode()
    assert "Say why the value is being removed" in refused
    assert DataPoint.objects.filter(period=dt.date(2023, 1, 1)).exists()
    response = client.post(remove, {"reason": "Typed 2099 for 20.99"})
    assert response["Location"] == outcomes_url(world, "indicator", indicator.pk)
    assert not DataPoint.objects.filter(period=dt.date(2023, 1, 1)).exists()
    change = ChangeRecord.objects.get()
    assert (change.field, change.period, change.old, change.new) == (
        "value",
        dt.date(2023, 1, 1),
        "2099",
        "",
    )
    assert change.changed_by == world.analyst and change.reason == "Typed 2099 for 20.99"
    history = client.get(response["Location"]).content.decode()
    assert "Value for Jan 2023" in history and "Why: Typed 2099 for 20.99" in history


def test_removing_a_value_twice_or_for_no_value_is_harmless(world: World) -> None:
    indicator = make_indicator(world, FLAT)
    remove = reverse("outcomes:value_remove", args=["riverside", indicator.pk, "2030-01-01"])
    assert world.client("analyst").get(remove).status_code == 404
    bad = reverse("outcomes:value_remove", args=["riverside", indicator.pk, "not-a-date"])
    assert world.client("analyst").get(bad).status_code == 404


def test_readers_cannot_remove_values(world: World) -> None:
    indicator = make_indicator(world, FLAT)
    remove = reverse("outcomes:value_remove", args=["riverside", indicator.pk, "2021-01-01"])
    for who in ("member", "viewer"):
        assert world.client(who).post(remove, {"reason": "x"}).status_code == 403
    assert world.client("outsider").post(remove, {"reason": "x"}).status_code == 404
    assert DataPoint.objects.filter(period=dt.date(2021, 1, 1)).exists()


def test_pressing_save_on_a_correction_unchanged_changes_nothing(world: World) -> None:
    indicator = make_indicator(world, FLAT)
    response = _value(world, indicator, "1", "1", "2021", value="50")
    assert response.status_code == 302
    assert not ChangeRecord.objects.exists()


def test_a_value_a_float_cannot_hold_is_refused_saying_why(world: World) -> None:
    indicator = make_indicator(world, FLAT)
    for typed, message in (
        ("1e-400", "Value (bed days): 1e-400 is too close to zero to keep"),
        ("1e400", "Value (bed days): 1e400 is too large"),
        ("inf", "Enter the value as a number in bed days, like 42.5"),
    ):
        page = unescape(_value(world, indicator, "1", "1", "2023", value=typed).content.decode())
        assert message in page, typed
    assert not DataPoint.objects.filter(period=dt.date(2023, 1, 1)).exists()
