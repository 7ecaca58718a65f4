"""Changing a membership: role, title, authority and dates. People join by
invitation (tests/web/test_invitations.py), never by a username typed here."""

from __future__ import annotations

import datetime as dt
import re

from django.urls import reverse

from tests.factories import START, World


def _form(world: World, **changes: str) -> dict[str, str]:
    data = {
        "partner": str(world.council.pk),
        "role": "member",
        "job_title": "Social worker",
        "start_date_0": "1",
        "start_date_1": "4",
        "start_date_2": "2022",
        "end_date_0": "",
        "end_date_1": "",
        "end_date_2": "",
    }
    data.update(changes)
    return data


def _edit_url(world: World) -> str:
    member = world.partnership.members.get(user=world.member)
    return reverse("partnerships:member_edit", args=[world.partnership.slug, member.pk])


def test_there_is_no_page_that_adds_an_account_by_username(world: World) -> None:
    page = world.client("owner").get(_edit_url(world)).content.decode()
    assert 'name="username"' not in page
    members = reverse("partnerships:members", args=[world.partnership.slug])
    assert world.client("owner").get(members + "add/").status_code == 404


def test_the_lead_changes_a_role_and_the_title(world: World) -> None:
    response = world.client("owner").post(_edit_url(world), _form(world, role="analyst"))
    assert response.status_code == 302
    member = world.partnership.members.get(user=world.member)
    assert (member.role, member.job_title, member.start_date) == ("analyst", "Social worker", START)


def test_the_single_checkbox_has_a_label_that_names_it(world: World) -> None:
    page = world.client("owner").get(_edit_url(world)).content.decode()
    assert page.count('id="id_can_commit_resources"') == 1
    assert re.search(r'<label[^>]+for="id_can_commit_resources"\s*>\s*Can commit resources', page)


def test_an_end_date_before_the_start_is_refused(world: World) -> None:
    data = _form(world, end_date_0="1", end_date_1="1", end_date_2="2022")
    page = world.client("owner").post(_edit_url(world), data).content.decode()
    assert "The end date must be the same as or after the start date" in page
    assert 'href="#id_end_date_0"' in page
    assert world.partnership.members.get(user=world.member).end_date is None


def test_an_impossible_date_is_explained_by_name(world: World) -> None:
    data = _form(world, start_date_0="31", start_date_1="2")
    page = world.client("owner").post(_edit_url(world), data).content.decode()
    assert "Start date must be a real date" in page


def test_a_missing_start_date_is_named(world: World) -> None:
    data = _form(world, start_date_0="", start_date_1="", start_date_2="")
    page = world.client("owner").post(_edit_url(world), data).content.decode()
    assert "Enter the date they began representing the partner" in page
    assert "This field is required" not in page


def test_a_partner_of_another_partnership_cannot_be_chosen(world: World) -> None:
    foreign = world.other.partners.first()
    page = (
        world.client("owner")
        .post(_edit_url(world), _form(world, partner=str(foreign.pk)))
        .content.decode()
    )
    assert "Organisation they represent: Select a valid choice" in page


def test_giving_an_end_date_records_turnover(world: World) -> None:
    data = _form(world, end_date_0="31", end_date_1="3", end_date_2="2024")
    assert world.client("owner").post(_edit_url(world), data).status_code == 302
    member = world.partnership.members.get(user=world.member)
    assert member.end_date == dt.date(2024, 3, 31)
    page = world.client("owner").get(reverse("partnerships:members", args=[world.partnership.slug]))
    assert "Former members" in page.content.decode()
