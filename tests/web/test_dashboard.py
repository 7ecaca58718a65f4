"""The partnership overview leads with the verdict and its reasons, then the
outcomes with their indicators' icons, then the cost."""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterator
from typing import Any

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from joinedup.core.effort import DEFAULT_RATES, Grade
from joinedup.core.verdict_outcomes import add_months
from joinedup.web.overview.verdict import partnership_verdict, results_back_it
from tests.factories import (
    FLAT,
    IMPROVED,
    World,
    answer,
    close,
    home_indicator,
    make_outcome,
    make_round,
    members,
    monthly_meetings,
)

OVERVIEW = reverse("overview:partnership", args=["riverside"])


@pytest.fixture(autouse=True)
def _just_after_the_data() -> Iterator[None]:
    """The factories' series run April 2022 to March 2024: judge them in April
    2024, while they are still recent (the verdict credits no improvement on
    out-of-date data)."""
    with time_machine.travel(dt.datetime(2024, 4, 15, 12, tzinfo=dt.UTC)):
        yield


def test_the_overview_leads_with_the_verdict_then_the_outcomes_beside_the_gaps_and_cost(
    world: World,
) -> None:
    home_indicator(make_outcome(world, "Home sooner"), FLAT)
    monthly_meetings(world, people=30, count=24, first=0)  # 60 hours a month, 2 partners
    page = world.client("owner").get(OVERVIEW).content.decode()
    order = [
        page.index(text)
        for text in (
            "Verdict",
            "<h2>Outcomes at a glance",
            ">Accountability gaps</h2>",
            ">Cost</h2>",
            "About the partnership:",
        )
    ]
    assert order == sorted(order)
    verdict = page[page.index("Verdict") : page.index("<h2>Outcomes at a glance")]
    assert "Effort without results yet" in verdict
    assert "Suggested stance: Escalate and redesign it." in verdict
    assert "Confidence: Moderate." in verdict and "Why this confidence" in verdict
    assert "Home on the day (better off, for “Home sooner”): only common cause variation" in verdict
    assert "Effort: 30 person-hours and £1,590 a month per partner" in verdict


def test_the_outcomes_show_their_indicators_icons(world: World) -> None:
    home_indicator(make_outcome(world, "Home sooner"), IMPROVED)
    page = world.client("member").get(OVERVIEW).content.decode()
    assert "Improving" in page and "Suggested stance: Invest to deepen it." in page
    outcomes = page[page.index("<h2>Outcomes") : page.index(">Accountability gaps</h2>")]
    assert "Home sooner" in outcomes and "Home on the day" in outcomes
    assert "Special cause improvement: higher" in outcomes


def test_the_cost_is_a_short_summary_with_a_link_to_the_cost_page(world: World) -> None:
    monthly_meetings(world, people=3)
    page = world.client("viewer").get(OVERVIEW).content.decode()
    cost = page[page.index(">Cost</h2>") : page.index("About the partnership:")]
    # 3 managers x 2 hours x 12 months at the default rate.
    hours = 3 * 2 * 12
    cost_of = f"£{hours * DEFAULT_RATES[Grade.MANAGER]:,.0f}"
    assert (
        "In the 12 months from April 2023 to March 2024, running the partnership cost "
        f"{cost_of}, including {hours} person-hours of staff time."
    ) in cost
    assert "<table" not in cost and "<svg" not in cost
    assert reverse("effort:index", args=["riverside"]) in cost


def test_a_partnership_with_nothing_yet_says_what_is_missing(world: World) -> None:
    page = world.client("owner").get(OVERVIEW).content.decode()
    assert "Not yet judgeable" in page
    assert "No stance yet" in page
    assert "No outcomes have been set yet, so there is nothing to judge" in page
    assert "None can be checked yet: there are no outcomes." in page
    assert "every indicator has enough recent data" not in page
    assert "the cost of the partnership is unknown: not zero" in page


def test_an_outcome_without_indicators_is_not_called_measured(world: World) -> None:
    make_outcome(world, "Home sooner")
    page = world.client("owner").get(OVERVIEW).content.decode()
    assert "An outcome has no indicator yet, so nothing measures it: Home sooner." in page


def test_an_outcome_without_an_owner_makes_the_verdict_conditional_with_a_date(
    world: World,
) -> None:
    home_indicator(make_outcome(world, "Home sooner"), IMPROVED)
    world.partnership.outcomes.create(title="Carers supported", principal=False)
    due = add_months(timezone.localdate(), 3)
    page = world.client("owner").get(OVERVIEW).content.decode()
    verdict = page[page.index("Verdict") : page.index("<h2>Outcomes at a glance")]
    assert "Improving" in verdict
    assert (
        f"“Carers supported” has an accountable owner by {due.day} {due:%B %Y} "
        "(not a principal outcome)."
    ) in verdict
    assert "Carers supported: Nobody is accountable for this outcome." in verdict
    assert "Carers supported (not principal)" in verdict


def test_a_principal_outcome_unowned_past_its_date_lapses_accountability(world: World) -> None:
    home_indicator(make_outcome(world, "Home sooner"), IMPROVED)
    long_ago = timezone.now() - dt.timedelta(days=200)
    world.partnership.outcomes.create(title="Carers supported", created_at=long_ago)
    page = world.client("member").get(OVERVIEW).content.decode()
    verdict = page[page.index("Verdict") : page.index("<h2>Outcomes at a glance")]
    assert "Accountability lapsed" in verdict
    assert "and is overdue" in verdict
    assert "Suggested stance: Escalate and redesign it." in verdict


def test_a_comfortable_consensus_in_the_latest_round_is_a_fact(world: World) -> None:
    home_indicator(make_outcome(world, "Home sooner"), FLAT)
    monthly_meetings(world, people=30, count=24, first=0)
    round_ = make_round(world, name="Spring 2024")
    for member in members(world):
        answer(round_, member, 4)
    close(round_)
    verdict = partnership_verdict(world.partnership)
    fact = next(f for f in verdict.facts if f.kind == "comfortable_consensus")
    assert fact.text.startswith("Assessment Spring 2024: ")
    assert fact.weight.value == "supports"


def test_results_that_improved_back_the_assessment_and_clear_the_consensus_flag(
    world: World,
) -> None:
    assert results_back_it(world.partnership) is None
    home_indicator(make_outcome(world, "Home sooner"), IMPROVED)
    assert results_back_it(world.partnership) is True
    round_ = make_round(world)
    for member in members(world):
        answer(round_, member, 4)
    close(round_)
    kinds = [fact.kind for fact in partnership_verdict(world.partnership).facts]
    assert "comfortable_consensus" not in kinds


def test_the_outsider_gets_404(world: World) -> None:
    assert world.client("outsider").get(OVERVIEW).status_code == 404


def test_the_dashboard_reads_in_a_bounded_number_of_queries(
    world: World, django_assert_max_num_queries: Any
) -> None:
    monthly_meetings(world, people=3)
    round_ = make_round(world)
    for member in members(world):
        answer(round_, member, 3)
    close(round_)
    client = world.client("owner")
    found = make_outcome(world, "Home sooner")
    home_indicator(found, IMPROVED)
    with django_assert_max_num_queries(30) as one:
        assert client.get(OVERVIEW).status_code == 200
    for n in range(4):
        home_indicator(make_outcome(world, f"Outcome {n}"), FLAT * 2, name=f"Indicator {n}")
    # Cold again: the new outcomes gave the partnership a new data version.
    with django_assert_max_num_queries(len(one.captured_queries)):
        assert client.get(OVERVIEW).status_code == 200


def test_a_second_look_at_the_dashboard_reads_it_from_the_cache(
    world: World, django_assert_num_queries: Any
) -> None:
    home_indicator(make_outcome(world, "Home sooner"), IMPROVED)
    monthly_meetings(world, people=3)
    client = world.client("owner")
    first = client.get(OVERVIEW).content.decode()
    # The session, the user and their membership (with the partnership and its
    # data version): nothing else of the partnership's is read again.
    with django_assert_num_queries(3):
        again = client.get(OVERVIEW).content.decode()
    overview = slice(first.index("Verdict"), None)  # after the header's form token
    assert "Improving" in first[overview] and "Riverside County Council" in first[overview]
    assert again[overview] == first[overview]


def test_leads_raise_an_action_from_each_flag_of_the_dashboard_and_nobody_else_sees_it(
    world: World,
) -> None:
    make_outcome(world, "Carers supported", owner=None)  # its flag: no owner
    page = world.client("owner").get(OVERVIEW).content.decode()
    links = re.findall(r'href="(/partnerships/riverside/actions/new/\?flag=[^"]+)"', page)
    assert len(links) == 1
    assert "?flag=no_owner&amp;subject=Carers%20supported" in page
    raise_page = world.client("owner").get(html.unescape(links[0]))
    assert raise_page.status_code == 200
    assert "Carers supported" in raise_page.content.decode()
    for who in ("member", "analyst", "viewer"):
        assert "/actions/new/?flag=" not in world.client(who).get(OVERVIEW).content.decode()
