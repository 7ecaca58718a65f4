"""Outcome pages: the list, an outcome, adding and changing one, its owner's history."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse

from joinedup.core.outcomes import Kind
from joinedup.web.outcomes.models import ChangeRecord, DataPoint, Indicator, Outcome
from tests.web.conftest import World


def make_outcome(world: World, title: str = "Home when ready", **fields: Any) -> Outcome:
    fields.setdefault("owner", world.partnership.members.get(user=world.owner))
    outcome, _ = Outcome.objects.get_or_create(
        partnership=world.partnership, title=title, defaults=fields
    )
    return outcome


def make_indicator(
    world: World, values: list[float] | None = None, name: str = "Delayed bed days", **fields: Any
) -> Indicator:
    """An indicator with monthly ``values`` from January 2021."""
    fields = {
        "unit": "bed days",
        "improvement": "decrease",
        "kind": Kind.BETTER_OFF,
        **fields,
    }
    indicator, created = Indicator.objects.get_or_create(
        outcome=fields.pop("outcome", None) or make_outcome(world), name=name, defaults=fields
    )
    if created and values:
        DataPoint.objects.bulk_create(
            DataPoint(indicator=indicator, period=dt.date(2021 + i // 12, i % 12 + 1, 1), value=v)
            for i, v in enumerate(values)
        )
    return indicator


def url(world: World, name: str, *args: Any) -> str:
    return reverse(f"outcomes:{name}", args=[world.partnership.slug, *args])


@pytest.mark.parametrize("who", ["owner", "member", "viewer"])
def test_members_see_the_outcomes_with_owner_and_flags(world: World, who: str) -> None:
    make_indicator(world, [10.0] * 20)
    make_outcome(world, "Carers supported", owner=None)
    page = world.client(who).get(url(world, "list")).content.decode()
    assert "Home when ready" in page and "Owner" in page
    assert "Carers supported" in page and "Nobody is accountable for this outcome." in page
    assert "Delayed bed days" in page


def test_the_outsider_gets_404(world: World) -> None:
    outcome = make_outcome(world)
    client = world.client("outsider")
    assert client.get(url(world, "list")).status_code == 404
    assert client.get(url(world, "detail", outcome.pk)).status_code == 404


def test_an_outcome_of_another_partnership_is_404(world: World) -> None:
    other = Outcome.objects.create(partnership=world.other, title="Safer streets")
    assert world.client("owner").get(url(world, "detail", other.pk)).status_code == 404


def test_the_outcome_page_shows_owner_partners_indicators_and_history(world: World) -> None:
    outcome = make_outcome(world)
    outcome.partners.set([world.council])
    make_indicator(world, [5.0, 6.0])
    page = world.client("member").get(url(world, "detail", outcome.pk)).content.decode()
    assert "Owner" in page and "Riverside County Council" in page
    assert "Delayed bed days" in page
    assert "Too few values" in page
    assert "Change the outcome" not in page


def test_the_lead_adds_an_outcome(world: World) -> None:
    owner = world.partnership.members.get(user=world.owner)
    response = world.client("owner").post(
        url(world, "add"),
        {"title": "Fewer falls at home", "owner": owner.pk, "partners": [world.acute.pk]},
    )
    outcome = Outcome.objects.get(title="Fewer falls at home")
    assert response.status_code == 302
    assert outcome.owner == owner and list(outcome.partners.all()) == [world.acute]
    assert not ChangeRecord.objects.exists()  # setting up is not a change


def test_an_outcome_needs_a_title(world: World) -> None:
    response = world.client("owner").post(url(world, "add"), {"title": ""})
    page = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: Add an outcome" in page
    assert 'href="#id_title"' in page


def test_a_change_of_owner_is_kept_with_who_and_when(world: World) -> None:
    outcome = make_outcome(world)
    member = world.partnership.members.get(user=world.member)
    world.client("owner").post(
        url(world, "edit", outcome.pk), {"title": outcome.title, "owner": member.pk}
    )
    change = ChangeRecord.objects.get()
    assert (change.field, change.old, change.new) == ("owner", "Owner", "Member")
    assert change.changed_by == world.owner and change.outcome == outcome
    page = world.client("viewer").get(url(world, "detail", outcome.pk)).content.decode()
    assert "Owner without authority" in page  # the member cannot commit resources
    assert "History" in page and ">Owner<" in page


def test_an_owner_from_another_partnership_is_refused(world: World) -> None:
    stranger = world.other.members.get()
    response = world.client("owner").post(url(world, "add"), {"title": "X", "owner": stranger.pk})
    assert response.status_code == 200
    assert not Outcome.objects.filter(title="X").exists()


@pytest.mark.parametrize("who", ["member", "analyst", "viewer"])
def test_only_the_lead_changes_outcomes(world: World, who: str) -> None:
    outcome = make_outcome(world)
    client = world.client(who)
    assert client.post(url(world, "add"), {"title": "X"}).status_code == 403
    assert client.post(url(world, "edit", outcome.pk), {"title": "X"}).status_code == 403
    assert not Outcome.objects.filter(title="X").exists()


def test_the_overview_shows_the_integrity_flags(world: World) -> None:
    make_outcome(world, "Carers supported", owner=None)
    page = world.client("member").get(f"/partnerships/{world.partnership.slug}/").content.decode()
    assert "Can the results be trusted?" in page
    assert "Nobody is accountable for this outcome." in page
