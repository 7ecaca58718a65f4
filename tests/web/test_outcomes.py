"""Outcome pages: the list, an outcome, adding and changing one, its owner's history."""

from __future__ import annotations

import pytest

from joinedup.web.outcomes.models import ChangeRecord, Outcome
from tests.factories import World, make_indicator, make_outcome, outcomes_url


@pytest.mark.parametrize("who", ["owner", "member", "viewer"])
def test_members_see_the_outcomes_with_owner_and_flags(world: World, who: str) -> None:
    make_indicator(world, [10.0] * 20)
    make_outcome(world, "Carers supported", owner=None)
    page = world.client(who).get(outcomes_url(world, "list")).content.decode()
    assert "Home when ready" in page and "Owner" in page
    assert "Carers supported" in page and "Nobody is accountable for this outcome." in page
    assert "Delayed bed days" in page


def test_the_outsider_gets_404(world: World) -> None:
    outcome = make_outcome(world)
    client = world.client("outsider")
    assert client.get(outcomes_url(world, "list")).status_code == 404
    assert client.get(outcomes_url(world, "detail", outcome.pk)).status_code == 404


def test_an_outcome_of_another_partnership_is_404(world: World) -> None:
    other = Outcome.objects.create(partnership=world.other, title="Safer streets")
    assert world.client("owner").get(outcomes_url(world, "detail", other.pk)).status_code == 404


def test_the_outcome_page_shows_owner_partners_indicators_and_history(world: World) -> None:
    outcome = make_outcome(world)
    outcome.partners.set([world.council])
    make_indicator(world, [5.0, 6.0])
    page = world.client("member").get(outcomes_url(world, "detail", outcome.pk)).content.decode()
    assert "Owner" in page and "Riverside County Council" in page
    assert "Delayed bed days" in page
    assert "Too few values" in page
    assert "Change the outcome" not in page


def test_the_lead_adds_an_outcome(world: World) -> None:
    owner = world.partnership.members.get(user=world.owner)
    response = world.client("owner").post(
        outcomes_url(world, "add"),
        {"title": "Fewer falls at home", "owner": owner.pk, "partners": [world.acute.pk]},
    )
    outcome = Outcome.objects.get(title="Fewer falls at home")
    assert response.status_code == 302
    assert outcome.owner == owner and list(outcome.partners.all()) == [world.acute]
    assert not ChangeRecord.objects.exists()  # setting up is not a change


def test_an_outcome_needs_a_title(world: World) -> None:
    response = world.client("owner").post(outcomes_url(world, "add"), {"title": ""})
    page = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: Add an outcome" in page
    assert 'href="#id_title"' in page


def test_a_change_of_owner_is_kept_with_who_and_when(world: World) -> None:
    outcome = make_outcome(world)
    member = world.partnership.members.get(user=world.member)
    world.client("owner").post(
        outcomes_url(world, "edit", outcome.pk),
        {"title": outcome.title, "owner": member.pk, "principal": "on"},
    )
    change = ChangeRecord.objects.get()
    assert (change.field, change.old, change.new) == ("owner", "Owner", "Member")
    assert change.changed_by == world.owner and change.outcome == outcome
    page = world.client("viewer").get(outcomes_url(world, "detail", outcome.pk)).content.decode()
    assert "Owner without authority" in page  # the member cannot commit resources
    assert "History" in page and ">Owner<" in page


def test_an_outcome_is_principal_until_the_lead_says_otherwise(world: World) -> None:
    form = world.client("owner").get(outcomes_url(world, "add")).content.decode()
    assert 'id="id_principal" name="principal" type="checkbox" value="on" checked' in form
    assert form.count('id="id_principal"') == 1  # its label toggles the box, not a wrapper
    # Several partners can contribute: boxes, not radio buttons.
    assert 'name="partners" type="checkbox"' in form and 'name="partners" type="radio"' not in form
    outcome = make_outcome(world)
    assert outcome.principal
    page = world.client("viewer").get(outcomes_url(world, "detail", outcome.pk)).content.decode()
    assert "Yes: it decides the partnership&#39;s verdict" in page


def test_saving_an_outcome_unchanged_changes_nothing(world: World) -> None:
    outcome = make_outcome(world)
    owner = world.partnership.members.get(user=world.owner)
    world.client("owner").post(
        outcomes_url(world, "edit", outcome.pk),
        {"title": outcome.title, "owner": owner.pk, "principal": "on"},
    )
    assert not ChangeRecord.objects.exists()
    outcome.refresh_from_db()
    assert outcome.principal


def test_making_an_outcome_not_principal_is_kept_in_its_history(world: World) -> None:
    outcome = make_outcome(world)
    owner = world.partnership.members.get(user=world.owner)
    world.client("owner").post(
        outcomes_url(world, "edit", outcome.pk), {"title": outcome.title, "owner": owner.pk}
    )
    outcome.refresh_from_db()
    assert not outcome.principal
    change = ChangeRecord.objects.get()
    assert (change.field, change.old, change.new, change.changed_by) == (
        "principal",
        "yes",
        "no",
        world.owner,
    )
    page = world.client("member").get(outcomes_url(world, "detail", outcome.pk)).content.decode()
    assert "No: it is reported, but does not decide the partnership&#39;s verdict" in page
    assert "What </span>Principal" in page


def test_an_owner_from_another_partnership_is_refused(world: World) -> None:
    stranger = world.other.members.get()
    response = world.client("owner").post(
        outcomes_url(world, "add"), {"title": "X", "owner": stranger.pk}
    )
    assert response.status_code == 200
    assert not Outcome.objects.filter(title="X").exists()


@pytest.mark.parametrize("who", ["member", "analyst", "viewer"])
def test_only_the_lead_changes_outcomes(world: World, who: str) -> None:
    outcome = make_outcome(world)
    client = world.client(who)
    assert client.post(outcomes_url(world, "add"), {"title": "X"}).status_code == 403
    assert client.post(outcomes_url(world, "edit", outcome.pk), {"title": "X"}).status_code == 403
    assert not Outcome.objects.filter(title="X").exists()


def test_the_overview_shows_the_integrity_flags(world: World) -> None:
    make_outcome(world, "Carers supported", owner=None)
    page = world.client("member").get(f"/partnerships/{world.partnership.slug}/").content.decode()
    assert ">Accountability gaps</h2>" in page
    assert "1 problem with how the outcomes are owned and measured" in page
    assert "Nobody is accountable for this outcome." in page
