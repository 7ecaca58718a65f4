"""Personal links: who they open for, and answering through them page by page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from joinedup.core.framework import builtin
from joinedup.web.assessments.links import link, token
from joinedup.web.assessments.models import Response
from joinedup.web.jinja import date
from joinedup.web.partnerships.models import Member
from tests.factories import World, close, make_round

FRAMEWORK = builtin()
FIRST = FRAMEWORK.principles[0]
PAGES = len(FRAMEWORK.principles) + 1  # and the relationships page


def _member(world: World) -> Member:
    return world.partnership.members.get(user=world.member)


def test_a_member_opens_their_link_without_logging_in(world: World, client: Client) -> None:
    shown = make_round(world)
    page = client.get(link(shown, _member(world))).content.decode()
    assert "How does the partnership really work?" in page
    assert "Member, please answer for Riverside County Council" in page


@pytest.mark.parametrize(
    "made_up",
    ["", "1-2", "1-2:forged", "999-999:abc", "not a token"],
)
def test_a_made_up_link_is_404(world: World, client: Client, made_up: str) -> None:
    make_round(world)
    assert client.get(f"/r/{made_up}/").status_code == 404


def test_an_altered_link_is_404(world: World, client: Client) -> None:
    shown = make_round(world)
    member = _member(world)
    value = token(shown, member)
    signature = value.split(":")[1]
    owner = world.partnership.members.get(user=world.owner)
    for altered in (
        f"{shown.pk}-{owner.pk}:{signature}",  # someone else's, with this signature
        value[:-1] + ("A" if value[-1] != "A" else "B"),
        value.upper(),
    ):
        assert client.get(f"/r/{altered}/").status_code == 404


def test_a_link_for_a_member_of_another_partnership_is_404(world: World, client: Client) -> None:
    shown = make_round(world)
    outsider = world.other.members.get()
    assert client.get(link(shown, outsider)).status_code == 404


def test_a_link_of_a_closed_or_expired_round_says_so(world: World, client: Client) -> None:
    shown = make_round(world)
    url = link(shown, _member(world))
    assert client.get(url).status_code == 200
    shown.closes_on = timezone.localdate() - dt.timedelta(days=1)
    shown.save()
    expired = client.get(url)
    assert expired.status_code == 410
    page = expired.content.decode()
    assert "This round has closed" in page and "Page not found" not in page
    assert f"closed on {date(shown.closes_on)}" in page
    assert client.get(f"{url}1/").status_code == 410
    shown.closes_on = timezone.localdate()
    shown.save()
    close(shown)
    assert client.get(url).status_code == 410
    assert client.post(f"{url}1/", {}).status_code == 410
    assert not Response.objects.exists()


def test_a_former_members_link_says_it_no_longer_works(world: World, client: Client) -> None:
    shown = make_round(world)
    member = _member(world)
    member.end_date = dt.date(2023, 1, 1)
    member.save()
    response = client.get(link(shown, member))
    assert response.status_code == 410
    assert "This link no longer works" in response.content.decode()


def test_a_member_moved_to_another_partner_still_answers_for_the_one_invited_for(
    world: World, client: Client
) -> None:
    shown = make_round(world)
    member = _member(world)
    member.partner = world.acute
    member.save()
    url = link(shown, member)
    assert "please answer for Riverside County Council" in client.get(url).content.decode()
    client.post(f"{url}1/", _answers())
    assert Response.objects.get().partner == world.council


def _answers(**changes: str) -> dict[str, str]:
    data = {s.id.replace(".", "-"): "3" for s in FIRST.statements}
    data["comment"] = ""
    data.update(changes)
    return data


def test_each_page_saves_and_moves_on(world: World, client: Client) -> None:
    shown = make_round(world)
    url = link(shown, _member(world))
    first, second = FIRST.statements[0].id, FIRST.statements[1].id
    page = client.get(f"{url}1/").content.decode()
    assert f"Page 1 of {PAGES}" in page
    assert FIRST.name in page
    data = _answers(**{first.replace(".", "-"): "dk", second.replace(".", "-"): ""})
    data["comment"] = "We need each other."
    response = client.post(f"{url}1/", data)
    assert response["Location"] == f"{url}2/"
    saved = Response.objects.get(round=shown)
    scores = dict(saved.answers.values_list("statement", "score"))
    assert scores[first] is None  # don't know
    assert second not in scores  # not answered
    assert saved.comments.get().text == "We need each other."
    assert saved.partner == world.council


def test_answers_can_be_changed_and_cleared(world: World, client: Client) -> None:
    shown = make_round(world)
    url = link(shown, _member(world))
    first = FIRST.statements[0].id
    client.post(f"{url}1/", _answers(comment="First thought"))
    page = client.get(f"{url}1/").content.decode()
    assert "First thought" in page and 'value="3" checked' in page
    client.post(f"{url}1/", _answers(**{first.replace(".", "-"): "", "comment": ""}))
    saved = Response.objects.get(round=shown)
    assert not saved.answers.filter(statement=first).exists()
    assert not saved.comments.exists()
    assert Response.objects.count() == 1


def test_save_and_finish_later_keeps_the_page_and_stops(world: World, client: Client) -> None:
    shown = make_round(world)
    url = link(shown, _member(world))
    response = client.post(f"{url}1/", {**_answers(), "action": "later"})
    assert response["Location"] == f"{url}done/"
    page = client.get(f"{url}done/").content.decode()
    assert "Your answers are saved" in page
    assert Response.objects.get().answers.count() == len(FIRST.statements)


def test_an_answer_off_the_scale_is_an_error_and_saves_nothing(
    world: World, client: Client
) -> None:
    shown = make_round(world)
    url = link(shown, _member(world))
    field = FIRST.statements[0].id.replace(".", "-")
    page = client.post(f"{url}1/", _answers(**{field: "5"})).content.decode()
    assert "<title>Error: " in page
    assert f'href="#id_{field}_0"' in page
    assert not Response.objects.exists()


def test_the_last_page_rates_each_other_partner(world: World, client: Client) -> None:
    shown = make_round(world)
    url = link(shown, _member(world))
    page = client.get(f"{url}{PAGES}/").content.decode()
    assert "How closely does Riverside County Council work with Riverside Hospitals?" in page
    assert "Integrate: shared resources, teams and decisions" in page
    response = client.post(f"{url}{PAGES}/", {f"partner-{world.acute.pk}": "2"})
    assert response["Location"] == f"{url}check/"
    rating = Response.objects.get().relationship_ratings.get()
    assert (rating.about, rating.level) == (world.acute, 2)
    # A partner does not rate itself: a forged field for it is ignored.
    assert "work with Riverside County Council?" not in page
    client.post(f"{url}{PAGES}/", {f"partner-{world.council.pk}": "2"})
    assert not Response.objects.get().relationship_ratings.filter(about=world.council).exists()


def test_pages_outside_the_framework_are_404(world: World, client: Client) -> None:
    url = link(make_round(world), _member(world))
    assert client.get(f"{url}0/").status_code == 404
    assert client.get(f"{url}{PAGES + 1}/").status_code == 404


def test_the_check_page_shows_the_members_own_answers_and_confirms(
    world: World, client: Client
) -> None:
    shown = make_round(world)
    url = link(shown, _member(world))
    client.post(f"{url}1/", _answers(comment="Mine"))
    page = client.get(f"{url}check/").content.decode()
    assert "Check your answers" in page
    assert "Agree" in page and "Mine" in page and "Not answered" in page
    assert f'href="{url}1/#id_{FIRST.statements[0].id.replace(".", "-")}_0"' in page
    response = client.post(f"{url}check/")
    assert response["Location"] == f"{url}done/"
    assert Response.objects.get().finished_at is not None
    assert "Thank you" in client.get(f"{url}done/").content.decode()


def test_a_logged_in_member_answers_through_the_same_form(world: World) -> None:
    shown = make_round(world)
    page = world.client("member").get(f"/partnerships/riverside/assessment/{shown.pk}/")
    assert "Answer the assessment" in page.content.decode()
    assert link(shown, _member(world)) in page.content.decode()


def test_link_pages_are_never_cached(world: World, client: Client) -> None:
    response = client.get(link(make_round(world), _member(world)))
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
