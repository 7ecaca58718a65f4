from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User
from django.urls import reverse

from tests.factories import World


def _form(world: World, **changes: str) -> dict[str, str]:
    data = {
        "username": "newbie",
        "partner": str(world.council.pk),
        "role": "member",
        "job_title": "Social worker",
        "start_date_0": "1",
        "start_date_1": "5",
        "start_date_2": "2024",
        "end_date_0": "",
        "end_date_1": "",
        "end_date_2": "",
    }
    data.update(changes)
    return data


def test_the_lead_adds_a_member(world: World) -> None:
    User.objects.create_user("newbie")
    url = reverse("partnerships:member_add", args=[world.partnership.slug])
    response = world.client("owner").post(url, _form(world))
    assert response.status_code == 302
    member = world.partnership.members.get(user__username="newbie")
    assert member.partner == world.council
    assert member.start_date == dt.date(2024, 5, 1)
    assert not member.can_commit_resources


def test_an_unknown_username_is_explained(world: World) -> None:
    url = reverse("partnerships:member_add", args=[world.partnership.slug])
    page = world.client("owner").post(url, _form(world, username="ghost")).content.decode()
    assert "There is no user called ghost" in page
    assert "<title>Error: " in page


def test_an_end_date_before_the_start_is_refused(world: World) -> None:
    User.objects.create_user("newbie")
    url = reverse("partnerships:member_add", args=[world.partnership.slug])
    data = _form(world, end_date_0="1", end_date_1="1", end_date_2="2024")
    page = world.client("owner").post(url, data).content.decode()
    assert "The end date must be the same as or after the start date" in page
    assert 'href="#id_end_date_0"' in page
    assert not world.partnership.members.filter(user__username="newbie").exists()


def test_an_impossible_date_is_explained(world: World) -> None:
    User.objects.create_user("newbie")
    url = reverse("partnerships:member_add", args=[world.partnership.slug])
    page = (
        world.client("owner")
        .post(url, _form(world, start_date_0="31", start_date_1="2"))
        .content.decode()
    )
    assert "Enter a real date" in page


def test_a_partner_of_another_partnership_cannot_be_chosen(world: World) -> None:
    User.objects.create_user("newbie")
    foreign = world.other.partners.first()
    url = reverse("partnerships:member_add", args=[world.partnership.slug])
    page = world.client("owner").post(url, _form(world, partner=str(foreign.pk))).content.decode()
    assert "Select a valid choice" in page


def test_a_person_cannot_be_a_current_member_twice(world: World) -> None:
    url = reverse("partnerships:member_add", args=[world.partnership.slug])
    page = world.client("owner").post(url, _form(world, username="member")).content.decode()
    assert "already a current member" in page


def test_giving_an_end_date_records_turnover(world: World) -> None:
    member = world.partnership.members.get(user=world.member)
    url = reverse("partnerships:member_edit", args=[world.partnership.slug, member.pk])
    data = _form(
        world,
        end_date_0="31",
        end_date_1="3",
        end_date_2="2024",
        start_date_0="1",
        start_date_1="4",
        start_date_2="2022",
    )
    del data["username"]
    assert world.client("owner").post(url, data).status_code == 302
    member.refresh_from_db()
    assert member.end_date == dt.date(2024, 3, 31)
    page = world.client("owner").get(reverse("partnerships:members", args=[world.partnership.slug]))
    assert "Former members" in page.content.decode()
