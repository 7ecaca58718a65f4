"""Real concurrent requests racing for one rule, on PostgreSQL: each thread has
its own connection, and a barrier starts them together (docs/adr/1002).
SQLite takes the whole database for each write transaction, so it has no
such race to lose; CI runs these on PostgreSQL."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from joinedup.web.assessments.links import link
from joinedup.web.assessments.models import Answer, Response, Round
from joinedup.web.partnerships.models import Partnership
from tests.factories import World, make_round, round_form

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor == "sqlite", reason="a race between connections needs PostgreSQL"
    ),
]

RACERS = 20


def race(requests: list[Callable[[], Any]]) -> list[int]:
    """Each request in its own thread (and connection), all released at once;
    their status codes. A request that raised (a 500) fails the test."""
    barrier = threading.Barrier(len(requests))
    statuses: list[int] = []
    errors: list[BaseException] = []

    def run(request: Callable[[], Any]) -> None:
        try:
            barrier.wait()
            statuses.append(request().status_code)
        except BaseException as error:  # noqa: BLE001 - reported below, with the others
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(request,)) for request in requests]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    return statuses


def _poster(client: Client, url: str, data: dict[str, Any]) -> Callable[[], Any]:
    return lambda: client.post(url, data)


def test_twenty_leads_opening_a_round_at_once_leave_exactly_one_open(world: World) -> None:
    url = reverse("assessments:round_new", args=[world.partnership.slug])
    client = world.client("owner")
    statuses = race([_poster(client, url, round_form(name=f"Round {n}")) for n in range(RACERS)])
    assert Counter(statuses) == {302: 1, 200: RACERS - 1}
    assert world.partnership.rounds.open().count() == 1
    assert Round.objects.filter(partnership=world.partnership).count() == 1


def test_twenty_partnerships_of_one_name_started_at_once_all_get_an_address(
    world: World,
) -> None:
    data = {
        "name": "Eastside Partnership",
        "purpose": "Home sooner.",
        "start_date_0": "1",
        "start_date_1": "4",
        "start_date_2": "2025",
        "declared_stage": "networking",
        "organisation": "Eastside Council",
        "sector": "local_authority",
    }
    clients = [world.client("outsider") for _ in range(RACERS)]
    statuses = race([_poster(client, reverse("partnerships:new"), data) for client in clients])
    assert statuses == [302] * RACERS
    slugs = Partnership.objects.filter(name="Eastside Partnership").values_list("slug", flat=True)
    assert len(set(slugs)) == RACERS


def test_answers_racing_the_close_are_saved_before_it_or_refused(world: World) -> None:
    members = [world.join(f"member{n}", world.acute) for n in range(RACERS)]
    shown = make_round(world)
    statements = shown.framework.principles[0].statements
    answers = {statement.id.replace(".", "-"): "3" for statement in statements} | {"comment": ""}
    closing = reverse("assessments:close", args=[world.partnership.slug, shown.pk])
    requests = [_poster(Client(), f"{link(shown, member)}1/", answers) for member in members]
    requests.insert(RACERS // 2, _poster(world.client("owner"), closing, {}))
    statuses = race(requests)
    assert set(statuses) <= {302, 410}
    shown.refresh_from_db()
    assert shown.closed_at is not None
    saved = Response.objects.filter(round=shown)
    assert all(response.updated_at <= shown.closed_at for response in saved)
    assert Answer.objects.filter(response__round=shown).count() == saved.count() * len(statements)
    assert shown.snapshot.data["scores"]["respondents"] == saved.count()
    assert statuses.count(302) == saved.count() + 1  # and the close
