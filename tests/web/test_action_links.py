"""What an action answers: an agenda item of a closed round, an outcome, an
indicator or an integrity flag, always of its own partnership."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import RestrictedError
from django.utils import timezone

from joinedup.core.actions import Status
from joinedup.core.framework import builtin_text
from joinedup.core.outcomes import FlagKind
from joinedup.web.actions.facts import partnership_actions
from joinedup.web.actions.models import Action
from joinedup.web.assessments.models import Round
from joinedup.web.outcomes.models import Indicator, Outcome
from tests.factories import (
    World,
    actions_url,
    close,
    make_action,
    make_indicator,
    make_outcome,
    make_round,
)

CARERS = "Carers are supported"


def new_url(world: World, **query: Any) -> str:
    return actions_url(world, "new") + "?" + "&".join(f"{k}={v}" for k, v in query.items())


def raise_it(world: World, url: str) -> Any:
    owner = world.partnership.members.get(user=world.member).pk
    day = timezone.localdate()
    data = {
        "title": "Do it",
        "owner": owner,
        "due_on_0": day.day,
        "due_on_1": day.month,
        "due_on_2": day.year,
    }
    return world.client("owner").post(url, data)


def theirs(world: World) -> dict[str, Any]:
    """A closed round, an outcome and an indicator of the other partnership."""
    outcome = Outcome.objects.create(partnership=world.other, title="Safer streets")
    indicator = Indicator.objects.create(
        outcome=outcome, name="Incidents", unit="incidents", improvement="decrease", kind="how_much"
    )
    round = Round.objects.create(
        partnership=world.other,
        name="Theirs",
        framework_text=builtin_text(),
        closes_on=timezone.localdate(),
        closed_at=timezone.now(),
    )
    return {"outcome": outcome, "indicator": indicator, "round": round}


def test_an_action_raised_from_an_agenda_item_shows_and_keeps_it(world: World) -> None:
    round = close(make_round(world))
    url = new_url(world, round=round.pk, statement="trust.candour")
    page = world.client("owner").get(url).content.decode()
    assert "Agenda item of the round" in page and round.name in page
    assert "Partners say what they really think at partnership meetings" in page
    assert raise_it(world, url).status_code == 302
    action = Action.objects.get()
    assert (action.round, action.statement) == (round, "trust.candour")
    listed = world.client("viewer").get(actions_url(world, "list")).content.decode()
    assert round.name in listed


def test_an_action_answers_an_outcome_an_indicator_or_a_flag(world: World) -> None:
    outcome = make_outcome(world)
    indicator = make_indicator(world)
    make_outcome(world, CARERS, owner=None)
    for query, field, value in [
        ({"outcome": outcome.pk}, "outcome", outcome),
        ({"indicator": indicator.pk}, "indicator", indicator),
        ({"flag": "no_owner", "subject": CARERS.replace(" ", "+")}, "flag_subject", CARERS),
    ]:
        url = new_url(world, **query)
        page = world.client("owner").get(url).content.decode()
        assert "This action answers:" in page and str(value) in page
        assert raise_it(world, url).status_code == 302
        assert getattr(Action.objects.latest("pk"), field) == value
    assert Action.objects.latest("pk").flag_kind == FlagKind.NO_OWNER


@pytest.mark.parametrize("kind", ["outcome", "indicator", "round"])
def test_a_link_to_another_partnerships_object_is_404(world: World, kind: str) -> None:
    query = {kind: theirs(world)[kind].pk}
    if kind == "round":
        query["statement"] = "trust.candour"
    url = new_url(world, **query)
    assert world.client("owner").get(url).status_code == 404
    assert raise_it(world, url).status_code == 404
    assert not Action.objects.exists()


@pytest.mark.parametrize(
    "query",
    [
        {"outcome": "abc"},
        {"outcome": 999999},
        {"flag": "no_owner", "subject": "Nothing+like+it"},
        {"flag": "made_up", "subject": "the+partnership"},
        {"statement": "trust.candour"},
    ],
)
def test_a_link_to_nothing_of_this_partnership_is_404(world: World, query: dict) -> None:
    if "statement" in query:
        query = {"round": close(make_round(world)).pk, "statement": "trust.no_such_thing"}
    assert world.client("owner").get(new_url(world, **query)).status_code == 404


def test_a_round_still_open_has_no_agenda_to_answer(world: World) -> None:
    url = new_url(world, round=make_round(world).pk, statement="trust.candour")
    assert world.client("owner").get(url).status_code == 404


def test_an_action_answers_one_thing_at_a_time(world: World) -> None:
    url = new_url(world, outcome=make_outcome(world).pk, indicator=make_indicator(world).pk)
    assert world.client("owner").get(url).status_code == 404


# Whatever the way in, the model refuses links into another partnership.


@pytest.mark.parametrize("kind", ["outcome", "indicator", "round", "owner"])
def test_saving_an_action_linked_to_another_partnership_is_refused(world: World, kind: str) -> None:
    action = Action(
        partnership=world.partnership,
        owner=world.partnership.members.get(user=world.owner),
        title="Sneaky",
        due_on=timezone.localdate(),
    )
    if kind == "owner":
        action.owner = world.other.members.get()
    else:
        setattr(action, kind, theirs(world)[kind])
        action.statement = "trust.candour" if kind == "round" else ""
    with pytest.raises(ValidationError, match="this partnership"):
        action.save()
    assert not Action.objects.exists()


def test_the_database_refuses_two_links_at_once(world: World) -> None:
    action = make_action(world)
    with pytest.raises(IntegrityError), transaction.atomic():
        Action.objects.filter(pk=action.pk).update(
            outcome=make_outcome(world), flag_kind="no_owner", flag_subject="x"
        )
    with pytest.raises(ValidationError, match="at most one thing"):
        make_action(world, outcome=make_outcome(world), indicator=make_indicator(world))


def test_what_an_action_answers_cannot_be_deleted_from_under_it(world: World) -> None:
    outcome = make_outcome(world)
    round = close(make_round(world))
    make_action(world, outcome=outcome)
    make_action(world, round=round, statement="trust.candour")
    for answered in (outcome, round):
        with pytest.raises(RestrictedError):
            answered.delete()
    assert Action.objects.count() == 2


def test_the_facts_carry_status_dates_and_what_it_answers(
    world: World, django_assert_num_queries: Any
) -> None:
    round = close(make_round(world))
    make_action(world, round=round, statement="accountability.owner")
    make_action(world, flag_kind="no_owner", flag_subject=CARERS, status="in_progress")
    make_action(world, outcome=make_outcome(world), status="done", closed_at=timezone.now())
    with django_assert_num_queries(1):
        facts = partnership_actions(world.partnership)
    by_title = sorted(facts, key=lambda f: f.id)
    assert [f.principle for f in by_title] == ["accountability", None, None]
    assert [f.on_accountability for f in by_title] == [True, True, False]
    assert by_title[1].status is Status.IN_PROGRESS and by_title[1].flag is FlagKind.NO_OWNER
    assert by_title[2].closed_on == timezone.localdate()
