from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from joinedup.web.partnerships.models import BudgetContribution
from tests.factories import World


def test_the_lead_records_a_contribution(world: World) -> None:
    url = reverse("partnerships:budget_add", args=["riverside"])
    response = world.client("owner").post(
        url, {"partner": world.council.pk, "year": "2025", "amount": "2400000"}
    )
    assert response.status_code == 302
    assert world.partnership.budget_contributions.get().amount == Decimal("2400000")


def test_one_contribution_per_partner_per_year(world: World) -> None:
    world.partnership.budget_contributions.create(partner=world.council, year=2025, amount=1)
    url = reverse("partnerships:budget_add", args=["riverside"])
    page = (
        world.client("owner")
        .post(url, {"partner": world.council.pk, "year": "2025", "amount": "5"})
        .content.decode()
    )
    assert "already has a contribution for that year" in page


def test_a_negative_or_garbled_amount_is_explained(world: World) -> None:
    url = reverse("partnerships:budget_add", args=["riverside"])
    client = world.client("owner")
    assert (
        "The amount cannot be negative"
        in client.post(
            url, {"partner": world.council.pk, "year": "2025", "amount": "-5"}
        ).content.decode()
    )
    assert (
        "Enter an amount in pounds"
        in client.post(
            url, {"partner": world.council.pk, "year": "2025", "amount": "lots"}
        ).content.decode()
    )


def test_the_lead_corrects_a_contribution(world: World) -> None:
    contribution = world.partnership.budget_contributions.create(
        partner=world.council, year=2025, amount=1
    )
    url = reverse("partnerships:budget_edit", args=["riverside", contribution.pk])
    world.client("owner").post(url, {"partner": world.council.pk, "year": "2025", "amount": "7"})
    contribution.refresh_from_db()
    assert contribution.amount == 7


def test_the_budget_page_totals_each_year(world: World) -> None:
    world.partnership.budget_contributions.create(partner=world.council, year=2025, amount=1000)
    world.partnership.budget_contributions.create(partner=world.acute, year=2025, amount=500)
    page = (
        world.client("member")
        .get(reverse("partnerships:budget", args=["riverside"]))
        .content.decode()
    )
    assert "2025/26" in page and "£1,500" in page


@pytest.mark.parametrize(
    ("year", "message"),
    [
        (
            "2099",
            "The financial year starting in 2099 is more than a year after the current one, "
            "2026/27: enter a year up to 2027",
        ),
        (
            "2019",
            "The financial year starting in 2019 is before the partnership started "
            "(in 2022/23): enter a year from 2022",
        ),
    ],
)
@time_machine.travel(dt.datetime(2026, 12, 1, 12, tzinfo=dt.UTC))
def test_a_financial_year_far_away_is_refused_saying_which_years_can_be(
    world: World, year: str, message: str
) -> None:
    url = reverse("partnerships:budget_add", args=["riverside"])
    response = world.client("owner").post(
        url, {"partner": world.council.pk, "year": year, "amount": "5"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert message in page and 'href="#id_year"' in page
    assert not world.partnership.budget_contributions.exists()


@time_machine.travel(dt.datetime(2026, 12, 1, 12, tzinfo=dt.UTC))
def test_next_financial_year_can_be_budgeted(world: World) -> None:
    url = reverse("partnerships:budget_add", args=["riverside"])
    world.client("owner").post(url, {"partner": world.council.pk, "year": "2027", "amount": "5"})
    assert world.partnership.budget_contributions.get().year == 2027


def _typo(world: World) -> BudgetContribution:
    return world.partnership.budget_contributions.create(
        partner=world.council, year=2099, amount=Decimal(5)
    )


def test_the_lead_removes_a_contribution_after_confirming(world: World) -> None:
    contribution = _typo(world)
    client = world.client("owner")
    change = client.get(reverse("partnerships:budget_edit", args=["riverside", contribution.pk]))
    remove = reverse("partnerships:budget_remove", args=["riverside", contribution.pk])
    assert f'href="{remove}">Remove this contribution</a>' in change.content.decode()
    page = client.get(remove).content.decode()
    assert "Remove the contribution from Riverside County Council for 2099/00?" in page
    assert "£5" in page and "keeps no history" in page
    assert world.partnership.budget_contributions.exists()  # asking removes nothing
    response = client.post(remove, follow=True)
    assert "The contribution of Riverside County Council for 2099/00 has been removed." in (
        response.content.decode()
    )
    assert not world.partnership.budget_contributions.exists()


@pytest.mark.parametrize("who", ["member", "analyst", "viewer"])
def test_only_the_lead_removes_a_contribution(world: World, who: str) -> None:
    contribution = _typo(world)
    remove = reverse("partnerships:budget_remove", args=["riverside", contribution.pk])
    client = world.client(who)
    assert client.get(remove).status_code == 403
    assert client.post(remove).status_code == 403
    budget = client.get(reverse("partnerships:budget", args=["riverside"])).content.decode()
    assert "Remove<" not in budget
    assert world.partnership.budget_contributions.exists()


def test_an_outsider_cannot_see_or_remove_a_contribution(world: World) -> None:
    contribution = _typo(world)
    remove = reverse("partnerships:budget_remove", args=["riverside", contribution.pk])
    client = world.client("outsider")
    assert client.get(remove).status_code == 404
    assert client.post(remove).status_code == 404
    assert world.partnership.budget_contributions.exists()


def test_a_contribution_of_another_partnership_is_404(world: World) -> None:
    foreign = world.other.budget_contributions.create(
        partner=world.other.partners.first(), year=2024, amount=Decimal(5)
    )
    remove = reverse("partnerships:budget_remove", args=["riverside", foreign.pk])
    assert world.client("owner").post(remove).status_code == 404
    assert BudgetContribution.objects.filter(pk=foreign.pk).exists()
