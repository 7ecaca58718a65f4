from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.contrib.auth.models import User
from django.urls import reverse

from joinedup.web.partnerships.models import Partnership
from tests.factories import World


def test_the_list_shows_only_the_users_partnerships(world: World) -> None:
    page = world.client("member").get(reverse("partnerships:list")).content.decode()
    assert "Riverside Discharge Partnership" in page
    assert "Northbank" not in page
    outsider_page = world.client("outsider").get(reverse("partnerships:list")).content.decode()
    assert "Riverside" not in outsider_page


def test_anyone_logged_in_can_start_a_partnership_and_leads_it(client, db) -> None:
    user = User.objects.create_user("starter")
    client.force_login(user)
    response = client.post(
        reverse("partnerships:new"),
        {
            "name": "New Place Partnership",
            "purpose": "Better care at home.",
            "start_date_0": "1",
            "start_date_1": "4",
            "start_date_2": "2025",
            "declared_stage": "networking",
            "features": ["joint_plan"],
            "organisation": "New Place Council",
            "sector": "local_authority",
        },
    )
    partnership = Partnership.objects.get(name="New Place Partnership")
    assert response["Location"] == reverse("overview:partnership", args=[partnership.slug])
    assert partnership.slug == "new-place-partnership"
    assert partnership.joint_plan and not partnership.pooled_budget
    lead = partnership.members.get()
    assert lead.user == user and lead.role == "lead" and lead.partner.name == "New Place Council"
    assert lead.start_date == partnership.start_date  # leads it from its start, not from today


def test_a_second_partnership_of_the_same_name_gets_its_own_slug(world: World) -> None:
    client = world.client("owner")
    data = {
        "name": "Riverside Discharge Partnership",
        "purpose": "Again.",
        "start_date_0": "1",
        "start_date_1": "4",
        "start_date_2": "2025",
        "declared_stage": "networking",
        "organisation": "Org",
        "sector": "nhs",
    }
    client.post(reverse("partnerships:new"), data)
    assert Partnership.objects.filter(slug="riverside-discharge-partnership").exists()
    client.post(reverse("partnerships:new"), data)
    assert Partnership.objects.filter(slug="riverside-discharge-partnership-2").exists()


def test_missing_fields_are_listed_in_the_error_summary(world: World) -> None:
    page = world.client("owner").post(reverse("partnerships:new"), {}).content.decode()
    assert "<title>Error: Start a partnership" in page
    assert "This field is required" not in page
    for message in ("Enter the name of the partnership", "Enter the date the partnership started"):
        assert message in page


def test_the_overview_shows_stage_features_partners_and_budget(world: World) -> None:
    world.partnership.budget_contributions.create(partner=world.acute, year=2025, amount=1000)
    page = (
        world.client("viewer")
        .get(reverse("overview:partnership", args=["riverside"]))
        .content.decode()
    )
    assert "Coordinating" in page
    assert "Pooled budget (such as a section 75 agreement)" in page
    assert "Riverside County Council" in page
    assert "2025/26: £1,000" in page
    assert "Change the partnership" not in page


def test_the_lead_changes_the_declared_stage_and_features(world: World) -> None:
    url = reverse("partnerships:edit", args=["riverside"])
    response = world.client("owner").post(
        url,
        {
            "name": "Riverside Discharge Partnership",
            "purpose": "Home sooner.",
            "start_date_0": "1",
            "start_date_1": "4",
            "start_date_2": "2022",
            "declared_stage": "integrated",
            "features": ["joint_board", "shared_records"],
        },
    )
    assert response.status_code == 302
    world.partnership.refresh_from_db()
    assert world.partnership.declared_stage == "integrated"
    assert world.partnership.joint_board and world.partnership.shared_records
    assert not world.partnership.pooled_budget


def test_the_edit_form_shows_the_features_already_held(world: World) -> None:
    page = (
        world.client("owner").get(reverse("partnerships:edit", args=["riverside"])).content.decode()
    )
    assert 'value="pooled_budget" checked' in page


def _partnership_data(year: str) -> dict[str, str]:
    return {
        "name": "Typo Partnership",
        "purpose": "Better care at home.",
        "start_date_0": "1",
        "start_date_1": "4",
        "start_date_2": year,
        "declared_stage": "networking",
        "organisation": "Typo Council",
        "sector": "local_authority",
    }


@time_machine.travel(dt.datetime(2026, 12, 1, 12, tzinfo=dt.UTC))
def test_a_start_date_far_ahead_is_refused_by_the_edit_form(world: World) -> None:
    response = world.client("owner").post(
        reverse("partnerships:edit", args=["riverside"]), _partnership_data("2202")
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert (
        "The start date, 1 April 2202, is more than a year from today: "
        "enter a start date up to 1 December 2027"
    ) in page
    assert 'href="#id_start_date_0"' in page  # the summary leads to the date
    world.partnership.refresh_from_db()
    assert world.partnership.start_date == dt.date(2022, 4, 1)


@pytest.mark.parametrize(
    ("year", "message"),
    [("2202", "is more than a year from today"), ("1922", "1 April 1922, is before 1990")],
)
@time_machine.travel(dt.datetime(2026, 12, 1, 12, tzinfo=dt.UTC))
def test_an_implausible_start_date_is_refused_when_starting_a_partnership(
    world: World, year: str, message: str
) -> None:
    response = world.client("owner").post(reverse("partnerships:new"), _partnership_data(year))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Partnership.objects.filter(name="Typo Partnership").exists()


@time_machine.travel(dt.datetime(2026, 12, 1, 12, tzinfo=dt.UTC))
def test_a_start_date_up_to_a_year_ahead_is_accepted(world: World) -> None:
    response = world.client("owner").post(reverse("partnerships:new"), _partnership_data("2027"))
    assert response.status_code == 302
