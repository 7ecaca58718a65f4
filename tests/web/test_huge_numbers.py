"""A number too large to be a measure: refused by every page that reads one,
and, when one was stored before the bound (1.05e28 values, a 1e30 target kept
in the history), every page still shows it, so it can be seen and removed."""

from __future__ import annotations

import datetime as dt
from html import unescape

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from joinedup.web.outcomes.models import ChangeRecord, DataPoint, Indicator
from tests.factories import FLAT, World, confirm_import, make_indicator, outcomes_url
from tests.web.test_indicators import indicator_form

TODAY = dt.datetime(2026, 12, 1, 12, tzinfo=dt.UTC)
HUGE = [1.05e28 + n * 1e26 for n in range(24)]


def _stored_before_the_bound(world: World) -> Indicator:
    """Two years of values near 1.05e28, a target of 1e30 and, in the history,
    a target set to 1e30 and back."""
    indicator = make_indicator(world, HUGE, target=1e30)
    ChangeRecord.objects.create(
        partnership=world.partnership, indicator=indicator, field="target", old="5", new="1e+30"
    )
    return indicator


@time_machine.travel(TODAY, tick=False)
@pytest.mark.parametrize("page", ["overview", "outcomes", "indicator", "value", "value_remove"])
def test_every_page_shows_values_stored_before_the_bound(world: World, page: str) -> None:
    indicator = _stored_before_the_bound(world)
    url = {
        "overview": reverse("overview:partnership", args=[world.partnership.slug]),
        "outcomes": outcomes_url(world, "list"),
        "indicator": outcomes_url(world, "indicator", indicator.pk),
        "value": outcomes_url(world, "value", indicator.pk),
        "value_remove": outcomes_url(world, "value_remove", indicator.pk, "2021-01-01"),
    }[page]
    response = world.client("owner").get(url)
    assert response.status_code == 200
    if page in ("indicator", "value_remove"):
        assert "10,500,000,000,000,000,000,000,000,000" in response.content.decode()


@time_machine.travel(TODAY, tick=False)
def test_a_value_stored_before_the_bound_can_be_removed(world: World) -> None:
    indicator = _stored_before_the_bound(world)
    client = world.client("owner")
    remove = outcomes_url(world, "value_remove", indicator.pk, "2021-01-01")
    assert client.post(remove, {"reason": "A slip: 1.05e28 is not a count"}).status_code == 302
    assert not DataPoint.objects.filter(indicator=indicator, period=dt.date(2021, 1, 1)).exists()
    # A value beside the huge ones is checked against them without failing.
    data = {"period_0": "1", "period_1": "1", "period_2": "2021", "value": "51"}
    response = client.post(outcomes_url(world, "value", indicator.pk), data)
    assert response.status_code in (200, 302)


@time_machine.travel(TODAY, tick=False)
def test_an_import_that_replaces_values_stored_before_the_bound_is_checked_and_applied(
    world: World,
) -> None:
    indicator = _stored_before_the_bound(world)
    client = world.client("analyst")
    file = SimpleUploadedFile("fixed.csv", b"period,value\n2021-01-01,51\n2021-02-01,52\n")
    response = client.post(outcomes_url(world, "import", indicator.pk), {"file": file})
    assert response.status_code == 302
    check = client.get(response["Location"])
    assert check.status_code == 200
    assert "10,500,000,000,000,000,000,000,000,000" in check.content.decode()
    assert confirm_import(client, response["Location"]).status_code == 302
    assert indicator.points.get(period=dt.date(2021, 1, 1)).value == 51


def test_a_value_or_target_too_large_to_be_a_measure_is_refused(world: World) -> None:
    indicator = make_indicator(world, FLAT, target=40.0)
    client = world.client("owner")
    data = {"period_0": "1", "period_1": "1", "period_2": "2023", "value": "1.05e28"}
    page = unescape(client.post(outcomes_url(world, "value", indicator.pk), data).content.decode())
    assert "Value (bed days): 1.05e28 is too large: a value must be between" in page
    edit = outcomes_url(world, "indicator_edit", indicator.pk)
    page = unescape(
        client.post(edit, indicator_form(name=indicator.name, target="1e30")).content.decode()
    )
    assert "Target (optional): 1e30 is too large" in page
    indicator.refresh_from_db()
    assert indicator.target == 40.0
    assert not ChangeRecord.objects.filter(field="target").exists()
    assert not DataPoint.objects.filter(period=dt.date(2023, 1, 1)).exists()


@pytest.mark.parametrize("typed", ["1_000", "\u0665", "\uff15\uff10"])
def test_a_number_in_anything_but_plain_ascii_is_refused(world: World, typed: str) -> None:
    indicator = make_indicator(world, FLAT)
    data = {"period_0": "1", "period_1": "1", "period_2": "2023", "value": typed}
    response = world.client("owner").post(outcomes_url(world, "value", indicator.pk), data)
    assert response.status_code == 200
    assert "Enter the value as a number" in unescape(response.content.decode())
    assert not DataPoint.objects.filter(period=dt.date(2023, 1, 1)).exists()


def _effort(world: World, name: str, data: dict[str, str]) -> str:
    url = reverse(f"effort:{name}", args=[world.partnership.slug])
    return unescape(world.client("owner").post(url, data).content.decode())


@pytest.mark.parametrize(
    ("typed", "too_large"), [("1e30", True), ("1_000", False), ("\u0665", False)]
)
def test_effort_and_money_refuse_what_is_not_a_plain_measure(
    world: World, typed: str, too_large: bool
) -> None:
    """Hours, an expense, an hourly rate and a budget contribution each have a
    cap under the bound; text in anything but ASCII digits is not a number."""
    when = {"date_0": "3", "date_1": "6", "date_2": "2025", "description": "Board papers"}
    hours = {**when, "partner": str(world.council.pk), "grade": "practitioner", "hours": typed}
    page = _effort(world, "time_add", hours)
    assert ("Enter up to 10,000 hours" if too_large else "Enter the hours as a number") in page
    spent = {**when, "partner": str(world.council.pk), "amount": typed}
    page = _effort(world, "expense_add", spent)
    assert ("Enter an amount up to £10,000,000" if too_large else "Enter the amount as a") in page
    page = _effort(world, "rates", {"manager": typed})
    assert "manager" not in {rate.grade for rate in world.partnership.cost_rates.all()}
    budget = reverse("partnerships:budget_add", args=[world.partnership.slug])
    data = {"partner": str(world.council.pk), "year": "2025", "amount": typed}
    page = unescape(world.client("owner").post(budget, data).content.decode())
    assert ("under £1,000,000,000,000" if too_large else "Enter an amount in pounds") in page
    assert not world.partnership.staff_time.exists()
    assert not world.partnership.expenses.exists()
    assert not world.partnership.budget_contributions.exists()
