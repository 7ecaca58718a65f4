"""Saved answers are shown only to the browser that saved them and to the member
logged in: never to someone else holding the link (a forwarded email; the lead,
who is never shown one, if given it)."""

from __future__ import annotations

from django.test import Client

from joinedup.core.framework import builtin
from joinedup.web.assessments import resume
from joinedup.web.assessments.links import link
from joinedup.web.assessments.models import Response, Round
from joinedup.web.partnerships.models import Member
from tests.factories import World, answer, make_round

FRAMEWORK = builtin()
FIRST, SECOND = FRAMEWORK.principles[:2]
LAST = len(FRAMEWORK.principles) + 1  # the relationships page
NOTICE = "Answers have already been saved with this link in another browser."
ELSEWHERE = "Answered in another browser"
COMMENT = "Only the board chair decides, whatever the papers say."
SECOND_COMMENT = "Nobody owns the discharge target."


def _member(world: World) -> Member:
    return world.partnership.members.get(user=world.member)


def _page(principle_index: int, score: str, comment: str = "") -> dict[str, str]:
    principle = FRAMEWORK.principles[principle_index]
    data = {s.id.replace(".", "-"): score for s in principle.statements}
    return data | {"comment": comment}


def _answered(world: World, browser: Client) -> tuple[Round, str]:
    """The member answers pages 1 and 2 and rates the acute trust, in ``browser``."""
    shown = make_round(world)
    url = link(shown, _member(world))
    browser.post(f"{url}1/", _page(0, "1", COMMENT))
    browser.post(f"{url}2/", _page(1, "4", SECOND_COMMENT))
    browser.post(f"{url}{LAST}/", {f"partner-{world.acute.pk}": "5"})
    return shown, url


def _html(browser: Client, url: str) -> str:
    response = browser.get(url)
    assert response.status_code == 200
    return response.content.decode()


def _assert_hidden(browser: Client, url: str) -> None:
    """No saved answer of any page reaches ``browser``, and it is told why."""
    for path in ("", "1/", "2/", f"{LAST}/", "check/"):
        page = _html(browser, f"{url}{path}")
        assert NOTICE in page, path
        assert "checked" not in page, path
        assert COMMENT not in page and SECOND_COMMENT not in page, path
    check = _html(browser, f"{url}check/")
    assert "Strongly disagree" not in check and "Strongly agree" not in check
    assert "5: Integrate" not in check
    assert "Not answered" not in check.split("<h2>", 3)[1]  # not even which were skipped
    assert ELSEWHERE in check


def _assert_shown(browser: Client, url: str) -> None:
    first, second = _html(browser, f"{url}1/"), _html(browser, f"{url}2/")
    assert COMMENT in first and 'value="1" checked' in first and NOTICE not in first
    assert SECOND_COMMENT in second and 'value="4" checked' in second
    assert 'value="5" checked' in _html(browser, f"{url}{LAST}/")
    check = _html(browser, f"{url}check/")
    assert "Strongly disagree" in check and COMMENT in check and "5: Integrate" in check
    assert ELSEWHERE not in check and NOTICE not in check


def test_the_lead_opening_a_members_link_sees_none_of_their_answers(world: World) -> None:
    _, url = _answered(world, Client())
    _assert_hidden(world.client("owner"), url)


def test_a_forwarded_link_in_a_fresh_browser_shows_no_answers(world: World) -> None:
    _, url = _answered(world, Client())
    _assert_hidden(Client(), url)


def test_the_browser_that_saved_the_answers_sees_them(world: World) -> None:
    browser = Client()
    _, url = _answered(world, browser)
    _assert_shown(browser, url)


def test_the_member_logged_in_sees_their_answers_in_any_browser(world: World) -> None:
    _, url = _answered(world, Client())
    _assert_shown(world.client("member"), url)


def test_a_second_browser_replaces_page_by_page_and_takes_the_response_over(
    world: World,
) -> None:
    first_browser, second_browser = Client(), Client()
    shown, url = _answered(world, first_browser)
    second_browser.post(f"{url}1/", _page(0, "3", "Changed here."))

    saved = Response.objects.get(round=shown)
    scores = dict(saved.answers.values_list("statement", "score"))
    assert {scores[s.id] for s in FIRST.statements} == {3}  # page 1 replaced
    assert {scores[s.id] for s in SECOND.statements} == {4}  # page 2 kept, still counts
    assert saved.comments.get(principle=FIRST.id).text == "Changed here."
    assert saved.resume_pages == [1]

    # The second browser sees what it saved, and nothing saved before it.
    first = _html(second_browser, f"{url}1/")
    assert "Changed here." in first and 'value="3" checked' in first and NOTICE not in first
    second = _html(second_browser, f"{url}2/")
    assert NOTICE in second and SECOND_COMMENT not in second and "checked" not in second
    check = _html(second_browser, f"{url}check/")
    assert "Changed here." in check and "Agree" in check
    assert SECOND_COMMENT not in check and "Strongly agree" not in check
    assert "5: Integrate" not in check and check.count(ELSEWHERE) == 2  # page 2, relationships

    # The first browser no longer sees anything, not even its own old answers.
    _assert_hidden(first_browser, url)


def test_a_page_answered_again_in_the_first_browser_binds_it_back(world: World) -> None:
    first_browser, second_browser = Client(), Client()
    _, url = _answered(world, first_browser)
    second_browser.post(f"{url}2/", _page(1, "2"))
    first_browser.post(f"{url}1/", _page(0, "1", COMMENT))
    assert COMMENT in _html(first_browser, f"{url}1/")
    assert NOTICE in _html(first_browser, f"{url}2/")  # saved by the second browser
    assert "checked" not in _html(second_browser, f"{url}2/")


def test_an_altered_cookie_shows_nothing(world: World) -> None:
    browser = Client()
    shown, url = _answered(world, browser)
    name = resume.cookie_name(Response.objects.get(round=shown))
    secret = browser.cookies[name].value
    for altered in (secret[:-1] + ("A" if secret[-1] != "A" else "B"), "", "x" * 43):
        browser.cookies[name] = altered
        _assert_hidden(browser, url)


def test_another_responses_cookie_shows_nothing(world: World) -> None:
    helper = world.join("helper", world.council)
    shown, url = _answered(world, Client())
    other_browser = Client()
    other_browser.post(f"{link(shown, helper)}1/", _page(0, "2"))
    theirs = Response.objects.get(round=shown, member=helper)
    ours = Response.objects.get(round=shown, member=_member(world))
    other_browser.cookies[resume.cookie_name(ours)] = other_browser.cookies[
        resume.cookie_name(theirs)
    ].value
    _assert_hidden(other_browser, url)


def test_the_cookie_is_private_to_the_links_and_only_its_hash_is_stored(world: World) -> None:
    shown = make_round(world)
    url = link(shown, _member(world))
    browser = Client()
    saved = browser.post(f"{url}1/", _page(0, "3"), secure=True)
    response = Response.objects.get(round=shown)
    cookie = saved.cookies[resume.cookie_name(response)]
    assert url.startswith(cookie["path"]) and cookie["path"] == "/r/"
    assert cookie["httponly"] and cookie["secure"] and cookie["samesite"] == "Lax"
    assert int(cookie["max-age"]) > 0
    assert len(cookie.value) >= 43 and cookie.value not in response.resume_hash
    assert len(response.resume_hash) == 64
    # Over plain HTTP (the demo), the cookie cannot be Secure or it would be dropped.
    plain = Client().post(f"{url}1/", _page(0, "3"))
    assert not plain.cookies[resume.cookie_name(response)]["secure"]


def test_a_planted_cookie_is_replaced_by_a_new_secret(world: World) -> None:
    """Someone who sets a victim's cookie in advance cannot read what the victim saves."""
    shown = make_round(world)
    url = link(shown, _member(world))
    response = answer(shown, _member(world))
    planted = "planted-by-someone-else"
    victim = Client()
    victim.cookies[resume.cookie_name(response)] = planted
    victim.post(f"{url}1/", _page(0, "1", COMMENT))
    assert victim.cookies[resume.cookie_name(response)].value != planted
    attacker = Client()
    attacker.cookies[resume.cookie_name(response)] = planted
    assert COMMENT not in _html(attacker, f"{url}1/")


def test_the_leads_round_page_shows_no_link_and_nothing_of_what_was_answered(
    world: World,
) -> None:
    shown, url = _answered(world, Client())
    Client().post(f"{url}check/")
    page = _html(world.client("owner"), f"/partnerships/riverside/assessment/{shown.pk}/")
    assert "Member</td>" in page  # invited, with no status
    assert url not in page
    assert COMMENT not in page and "Strongly" not in page
