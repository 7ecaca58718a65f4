"""Every partnership URL, for every kind of user: the outsider gets 404 on all
of them, readers may read, only those with the right role may change."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from decimal import Decimal

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from joinedup.web.partnerships.models import BudgetContribution
from tests.factories import (
    World,
    actions_url,
    add_expense,
    add_meeting,
    add_staff_time,
    closed_round_with_answers,
    invite_person,
    make_action,
    make_event,
    make_indicator,
    make_job,
    make_outcome,
    make_round,
)

# (URL name, arguments after the slug, what it needs). Every page under
# /partnerships/<slug>/ is listed here, so a new page cannot skip the rules.
PAGES: list[tuple[str, Callable[[World], list[int | str]], str]] = [
    ("overview:partnership", lambda w: [], "read"),
    ("overview:export", lambda w: [], "read"),
    ("partnerships:partners", lambda w: [], "read"),
    ("partnerships:members", lambda w: [], "read"),
    ("partnerships:budget", lambda w: [], "read"),
    ("partnerships:edit", lambda w: [], "manage"),
    ("partnerships:partner_add", lambda w: [], "manage"),
    ("partnerships:partner_edit", lambda w: [w.acute.pk], "manage"),
    ("partnerships:partner_remove", lambda w: [w.acute.pk], "manage"),
    ("invitations:new", lambda w: [], "manage"),
    ("invitations:resend", lambda w: [invite_person(w).pk], "manage"),
    ("invitations:cancel", lambda w: [invite_person(w).pk], "manage"),
    ("partnerships:member_edit", lambda w: [w.partnership.members.first().pk], "manage"),
    ("partnerships:budget_add", lambda w: [], "manage"),
    ("partnerships:budget_edit", lambda w: [add_contribution(w).pk], "manage"),
    ("partnerships:budget_remove", lambda w: [add_contribution(w).pk], "manage"),
    ("assessments:rounds", lambda w: [], "read"),
    ("assessments:round", lambda w: [make_round(w).pk], "read"),
    ("assessments:results", lambda w: [closed_round_with_answers(w).pk], "read"),
    ("assessments:results_csv", lambda w: [closed_round_with_answers(w).pk], "read"),
    ("assessments:round_new", lambda w: [], "manage"),
    ("assessments:close", lambda w: [make_round(w).pk], "manage"),
    ("assessments:send", lambda w: [make_round(w).pk], "manage"),
    ("effort:index", lambda w: [], "read"),
    ("effort:rates", lambda w: [], "manage"),
    ("effort:meeting_add", lambda w: [], "load_data"),
    ("effort:meeting_edit", lambda w: [add_meeting(w).pk], "load_data"),
    ("effort:meeting_delete", lambda w: [add_meeting(w).pk], "load_data"),
    ("effort:time_add", lambda w: [], "load_data"),
    ("effort:time_edit", lambda w: [add_staff_time(w).pk], "load_data"),
    ("effort:time_delete", lambda w: [add_staff_time(w).pk], "load_data"),
    ("effort:expense_add", lambda w: [], "load_data"),
    ("effort:expense_edit", lambda w: [add_expense(w).pk], "load_data"),
    ("effort:expense_delete", lambda w: [add_expense(w).pk], "load_data"),
    ("outcomes:list", lambda w: [], "read"),
    ("summary:table", lambda w: [], "read"),
    ("summary:csv", lambda w: [], "read"),
    ("outcomes:detail", lambda w: [make_outcome(w).pk], "read"),
    ("outcomes:indicator", lambda w: [make_indicator(w).pk], "read"),
    ("outcomes:add", lambda w: [], "manage"),
    ("outcomes:edit", lambda w: [make_outcome(w).pk], "manage"),
    ("outcomes:indicator_add", lambda w: [make_outcome(w).pk], "manage"),
    ("outcomes:indicator_edit", lambda w: [make_indicator(w).pk], "manage"),
    ("outcomes:import", lambda w: [make_indicator(w).pk], "load_data"),
    ("outcomes:import_confirm", lambda w: [make_indicator(w).pk], "load_data"),
    ("outcomes:value", lambda w: [make_indicator(w).pk], "load_data"),
    ("outcomes:events", lambda w: [make_indicator(w).pk], "read"),
    ("outcomes:event_add", lambda w: [make_indicator(w).pk], "load_data"),
    ("outcomes:event_edit", lambda w: [make_indicator(w).pk, make_event(w).pk], "load_data"),
    ("outcomes:event_delete", lambda w: [make_indicator(w).pk, make_event(w).pk], "load_data"),
    ("outcomes:value_remove", lambda w: [make_indicator(w, [1.0]).pk, "2021-01-01"], "load_data"),
    ("actions:list", lambda w: [], "read"),
    ("actions:detail", lambda w: [make_action(w).pk], "read"),
    ("actions:new", lambda w: [], "manage"),
    # Owned by the lead: only they may update it (see the owner's own test below).
    ("actions:update", lambda w: [make_action(w).pk], "manage"),
    ("jobs:detail", lambda w: [make_job(w).pk], "read"),
    ("report:page", lambda w: [], "read"),
    ("report:pdf", lambda w: [], "read"),
]


def add_contribution(world: World) -> BudgetContribution:
    return world.partnership.budget_contributions.create(
        partner=world.acute, year=2025, amount=Decimal(1000)
    )


def _named_patterns(
    patterns: list[URLPattern | URLResolver], prefix: str = "", namespace: str = ""
) -> Iterator[tuple[str, str]]:
    """(route, URL name) of every named pattern the resolver knows, includes followed."""
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _named_patterns(pattern.url_patterns, route, inner)
        elif pattern.name:
            yield route, namespace + pattern.name


def test_every_partnership_page_the_resolver_knows_is_in_the_matrix() -> None:
    pages = {
        name
        for route, name in _named_patterns(get_resolver().url_patterns)
        if route.startswith("partnerships/<slug:slug>/")
    }
    assert pages, "no partnership pages found: has the URL layout changed?"
    missing = pages - {name for name, _, _ in PAGES}
    assert not missing, f"add these to PAGES with what they need: {sorted(missing)}"


ROLES_THAT_CAN = {
    "read": {"owner", "member", "analyst", "viewer"},
    "load_data": {"owner", "analyst"},
    "manage": {"owner"},
}


def _url(world: World, name: str, args: Callable[[World], list[int]]) -> str:
    return reverse(name, args=[world.partnership.slug, *args(world)])


@pytest.mark.parametrize(("name", "args", "need"), PAGES)
def test_the_outsider_gets_404_on_every_page(world: World, name: str, args, need: str) -> None:
    client = world.client("outsider")
    url = _url(world, name, args)
    assert client.get(url).status_code == 404
    assert client.post(url, {}).status_code == 404


@pytest.mark.parametrize(("name", "args", "need"), PAGES)
@pytest.mark.parametrize("who", ["owner", "member", "analyst", "viewer"])
def test_members_read_and_only_the_right_roles_change(
    world: World, name: str, args, need: str, who: str
) -> None:
    response = world.client(who).get(_url(world, name, args))
    assert response.status_code == (200 if who in ROLES_THAT_CAN[need] else 403)
    # Private: never kept by a shared cache or the back button after logging out.
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize(("name", "args", "need"), [p for p in PAGES if p[2] != "read"])
@pytest.mark.parametrize("who", ["member", "viewer"])
def test_readers_cannot_post_changes(world: World, name: str, args, need: str, who: str) -> None:
    response = world.client(who).post(_url(world, name, args), {"name": "Changed"})
    assert response.status_code == 403


@pytest.mark.parametrize(("name", "args", "need"), PAGES)
def test_it_asks_anonymous_visitors_to_log_in(
    client, world: World, name: str, args, need: str
) -> None:
    url = _url(world, name, args)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_an_unknown_partnership_is_404_like_a_forbidden_one(world: World) -> None:
    client = world.client("owner")
    assert client.get("/partnerships/no-such-thing/").status_code == 404
    assert client.get(f"/partnerships/{world.other.slug}/").status_code == 404


def test_a_former_member_loses_access(world: World) -> None:
    import datetime as dt

    world.partnership.members.filter(user=world.member).update(end_date=dt.date(2023, 1, 1))
    assert world.client("member").get(f"/partnerships/{world.partnership.slug}/").status_code == 404


def test_a_child_object_of_another_partnership_is_404(world: World) -> None:
    other_partner = world.other.partners.first()
    url = reverse("partnerships:partner_edit", args=[world.partnership.slug, other_partner.pk])
    assert world.client("owner").get(url).status_code == 404


@pytest.mark.parametrize("who", ["member", "analyst", "viewer"])
def test_an_owner_updates_their_own_action_and_nobody_elses(world: World, who: str) -> None:
    """Whatever their role, a member who owns an action may update it; leads
    update every action; the rest only read it."""
    own = actions_url(world, "update", make_action(world, owner=who).pk)
    others = actions_url(world, "update", make_action(world, owner="owner", title="Other").pk)
    client = world.client(who)
    assert client.get(own).status_code == 200
    assert client.get(others).status_code == 403
    assert client.post(others, {"status": "done", "revision": "0"}).status_code == 403
    assert world.client("owner").get(own).status_code == 200
    assert world.client("outsider").get(own).status_code == 404
