"""The rules the database keeps, whichever request gets there first
(docs/adr/1002-constraints-and-locks.md). The races themselves, between real
concurrent requests, are in test_races.py (PostgreSQL)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from joinedup.core.framework import builtin_text
from joinedup.web.assessments import forms as round_forms
from joinedup.web.assessments.links import link
from joinedup.web.assessments.models import Answer, Round
from joinedup.web.partnerships import forms as register_forms
from joinedup.web.partnerships.models import Partnership
from tests.factories import World, close, close_by_date, make_round, round_form

FIRST = round_forms.PrincipleForm  # the first page's form, closed under it below


def _round(world: World, name: str, **fields: Any) -> Round:
    return Round.objects.create(
        partnership=world.partnership, name=name, framework_text=builtin_text(), **fields
    )


def test_the_database_refuses_a_second_open_round(world: World) -> None:
    _round(world, "First", closes_on=timezone.localdate() + dt.timedelta(days=7))
    with pytest.raises(IntegrityError), transaction.atomic():
        _round(world, "Second", closes_on=timezone.localdate() + dt.timedelta(days=7))


def test_a_closed_round_and_another_partnerships_open_round_do_not_count(world: World) -> None:
    close(make_round(world, name="Closed"))
    Round.objects.create(
        partnership=world.other,
        name="Theirs",
        framework_text=builtin_text(),
        closes_on=timezone.localdate() + dt.timedelta(days=7),
    )
    assert make_round(world, name="Open").is_open


def test_a_round_closed_by_its_date_makes_way_and_still_closed_on_its_date(
    world: World,
) -> None:
    expired = close_by_date(make_round(world, name="Expired"))
    client = world.client("owner")
    response = client.post(
        reverse("assessments:round_new", args=[world.partnership.slug]), round_form()
    )
    assert response.status_code == 302
    expired.refresh_from_db()
    assert expired.closed_at is not None
    assert expired.closed_on == expired.closes_on
    assert world.partnership.rounds.open().get().name == "Spring 2026"


def test_opening_a_round_that_loses_the_race_says_a_round_is_open(world: World) -> None:
    form = round_forms.RoundForm(round_form(), partnership=world.partnership)
    assert form.is_valid()
    make_round(world, name="Opened a moment before")  # after the form's own check
    assert form.open_round(world.owner) is None
    assert form.non_field_errors() == [round_forms.OPEN_ALREADY]
    assert world.partnership.rounds.count() == 1


def test_a_round_name_taken_in_the_race_is_the_names_error(world: World) -> None:
    form = round_forms.RoundForm(round_form(), partnership=world.partnership)
    assert form.is_valid()
    close(make_round(world, name="Spring 2026"))
    assert form.open_round(world.owner) is None
    assert form.errors["name"] == [round_forms.NAME_TAKEN]


def _start(client: Client, name: str = "Riverside Discharge Partnership") -> Any:
    return client.post(
        reverse("partnerships:new"),
        {
            "name": name,
            "purpose": "Home sooner.",
            "start_date_0": "1",
            "start_date_1": "4",
            "start_date_2": "2022",
            "declared_stage": "coordinating",
            "organisation": "Riverside Hospitals",
            "sector": "nhs",
        },
    )


def test_a_slug_taken_in_the_race_moves_on_to_the_next(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = register_forms.free_slug
    answers = iter(["riverside"])  # taken by the world's partnership, as if a moment before
    monkeypatch.setattr(register_forms, "free_slug", lambda name: next(answers, None) or real(name))
    response = _start(world.client("outsider"))
    assert response.status_code == 302
    assert Partnership.objects.filter(slug="riverside-discharge-partnership").exists()


def test_a_slug_lost_every_time_is_a_form_error_not_a_500(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(register_forms, "free_slug", lambda name: "riverside")
    response = _start(world.client("outsider"))
    assert response.status_code == 200
    assert "press Create partnership again" in response.content.decode()
    assert Partnership.objects.count() == 2  # the world's two


def test_an_answer_to_a_round_closed_while_it_was_being_saved_is_refused(
    world: World, client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown = make_round(world)
    url = link(shown, world.partnership.members.get(user=world.member))
    statements = shown.framework.principles[0].statements
    data = {statement.id.replace(".", "-"): "3" for statement in statements} | {"comment": ""}
    real = FIRST.is_valid

    def closed_meanwhile(form: Any) -> bool:  # the lead closes it after the page was read
        close(Round.objects.get(pk=shown.pk))
        return real(form)

    monkeypatch.setattr(FIRST, "is_valid", closed_meanwhile)
    response = client.post(f"{url}1/", data)
    assert response.status_code == 410
    assert "This round has closed" in response.content.decode()
    assert not Answer.objects.exists()
