from __future__ import annotations

from decimal import Decimal

from django.urls import reverse

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
