"""A number too large to be a measure: refused by every page that reads one,
and, when one was stored before the bound (1.05e28 values, a 1e30 target kept
in the history), every page still shows it, so it can be seen and removed."""

from __future__ import annotations

import datetime as dt
from html import unescape

import pytest
import time_machine
from django.urls import reverse

from joinedup.web.outcomes.models import ChangeRecord, DataPoint, Indicator
from tests.factories import FLAT, World, make_indicator, outcomes_url
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
