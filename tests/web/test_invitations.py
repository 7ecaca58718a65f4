"""Invitations: a lead invites a person by email; nobody joins without
accepting; a link works once, until it expires, is replaced or cancelled."""

from __future__ import annotations

import datetime as dt
import html
import re
import smtplib
from typing import Any

import pytest
import time_machine
from django.contrib.auth.models import User
from django.core import mail
from django.http import HttpRequest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from joinedup.web.accounts.models import Invitation
from tests.factories import World
from tests.passwords import WEAK

PASSWORD = "a long pass phrase 2026"


def _invite(
    world: World, email: str = "sam@example.org", client: Client | None = None, **changes: str
) -> Any:
    data = {
        "email": email,
        "partner": str(world.council.pk),
        "role": "member",
        "job_title": "Head of adult social care",
        "can_commit_resources": "on",
        **changes,
    }
    url = reverse("invitations:new", args=[world.partnership.slug])
    return (client or world.client("owner")).post(url, data)


def _link(message: int = -1) -> str:
    found = re.search(
        r"http://testserver(/accounts/invitations/[^/\s]+/)", mail.outbox[message].body
    )
    assert found, mail.outbox[message].body
    return found.group(1)


def _sign_up(client: Client, link: str, **changes: str) -> Any:
    data = {
        "first_name": "Sam",
        "last_name": "Okafor",
        "username": "sam",
        "password1": PASSWORD,
        "password2": PASSWORD,
        **changes,
    }
    return client.post(link, data)


def test_the_lead_invites_a_person_who_is_not_a_member_until_they_accept(world: World) -> None:
    response = _invite(world)
    assert response["Location"] == reverse("partnerships:members", args=[world.partnership.slug])
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.to == ["sam@example.org"]
    assert "Riverside Discharge Partnership" in sent.subject
    assert "representing Riverside County Council as a member" in sent.body
    assert not world.partnership.members.filter(user__email="sam@example.org").exists()
    page = world.client("owner").get(response["Location"]).content.decode()
    assert "sam@example.org" in page and "works until" in page


def test_a_new_person_sets_their_name_and_password_and_lands_in_the_partnership(
    world: World,
) -> None:
    _invite(world)
    client = Client()
    page = client.get(_link()).content.decode()
    assert "Set up your account" in page and "sam@example.org" in page
    response = _sign_up(client, _link())
    assert response["Location"] == reverse("overview:partnership", args=[world.partnership.slug])
    user = User.objects.get(username="sam")
    assert (user.first_name, user.last_name, user.email) == ("Sam", "Okafor", "sam@example.org")
    assert user.check_password(PASSWORD)
    member = world.partnership.members.get(user=user)
    assert member.partner == world.council and member.role == "member"
    assert member.can_commit_resources and member.job_title == "Head of adult social care"
    assert client.get(response["Location"]).status_code == 200  # logged in


def test_a_link_works_only_once(world: World) -> None:
    _invite(world)
    _sign_up(Client(), _link())
    again = Client().get(_link())
    assert again.status_code == 410
    assert "This invitation has already been accepted" in again.content.decode()
    assert _sign_up(Client(), _link(), username="sam2").status_code == 410
    assert not User.objects.filter(username="sam2").exists()


def test_a_link_expires_after_14_days(world: World) -> None:
    _invite(world)
    with time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(days=15)):
        response = Client().get(_link())
    assert response.status_code == 410
    assert "This invitation has expired" in response.content.decode()


def test_sending_again_replaces_the_link(world: World) -> None:
    _invite(world)
    invitation = Invitation.objects.get()
    url = reverse("invitations:resend", args=[world.partnership.slug, invitation.pk])
    assert world.client("owner").post(url).status_code == 302
    old, new = _link(0), _link(1)
    assert old != new
    replaced = Client().get(old)
    assert replaced.status_code == 410 and "has been replaced" in replaced.content.decode()
    assert Client().get(new).status_code == 200


def test_a_cancelled_invitation_opens_nothing(world: World) -> None:
    _invite(world)
    invitation = Invitation.objects.get()
    url = reverse("invitations:cancel", args=[world.partnership.slug, invitation.pk])
    assert world.client("owner").post(url).status_code == 302
    response = _sign_up(Client(), _link())
    assert response.status_code == 410 and "cancelled" in response.content.decode()
    assert not User.objects.filter(username="sam").exists()
    members = reverse("partnerships:members", args=[world.partnership.slug])
    assert "sam@example.org" not in world.client("owner").get(members).content.decode()


@pytest.mark.parametrize("change", [lambda t: t[:-1] + "x", lambda t: "1.abc:def", lambda t: "x"])
def test_an_altered_link_is_refused(world: World, change: Any) -> None:
    _invite(world)
    token = _link().split("/")[-2]
    response = Client().get(reverse("accounts:invitation", args=[change(token)]))
    assert response.status_code == 404
    assert "This invitation link does not work" in response.content.decode()


def test_an_existing_account_must_log_in_and_accept(world: World) -> None:
    User.objects.create_user("sam", email="Sam@Example.org", password=PASSWORD)
    _invite(world)
    anonymous = Client().get(_link()).content.decode()
    assert "Log in to join" in anonymous
    assert not world.partnership.members.filter(user__username="sam").exists()
    client = Client()
    client.login(request=HttpRequest(), username="sam", password=PASSWORD)
    assert "Join the partnership" in client.get(_link()).content.decode()
    assert client.post(_link()).status_code == 302
    assert world.partnership.members.filter(user__username="sam").exists()


def test_someone_already_a_member_is_told_so(world: World) -> None:
    _invite(world)
    page = world.client("member").post(_link()).content.decode()
    assert "You are already a member of Riverside Discharge Partnership" in page
    assert world.partnership.members.filter(user=world.member).count() == 1


def test_a_member_cannot_be_invited_twice(world: World) -> None:
    world.member.email = "member@example.org"
    world.member.save()
    page = _invite(world, email="MEMBER@example.org").content.decode()
    assert "is already a member of the partnership" in page
    _invite(world)
    page = _invite(world).content.decode()
    assert "has been invited already" in page
    assert Invitation.objects.count() == 1


def test_the_password_rules_apply(world: World) -> None:
    _invite(world)
    page = _sign_up(Client(), _link(), password1="short", password2="short").content.decode()
    assert "This password is too short" in page
    page = _sign_up(Client(), _link(), password2="something else").content.decode()
    assert "didn’t match" in page
    page = _sign_up(Client(), _link(), username="owner").content.decode()
    assert "The username owner is taken" in page
    assert not world.partnership.members.filter(user__email="sam@example.org").exists()


@pytest.mark.parametrize(("weak", "messages"), WEAK.items())
def test_a_weak_password_is_refused_on_its_field(
    world: World, weak: str, messages: list[str]
) -> None:
    _invite(world)
    page = _sign_up(Client(), _link(), password1=weak, password2=weak).content.decode()
    # On the password field, and in the error summary that links to it.
    assert "Error: </span>" + html.escape(" ".join(messages)) in page
    assert all(html.escape(message) in page for message in messages)
    assert not User.objects.filter(username="sam").exists()


def test_a_password_like_the_username_is_refused(world: World) -> None:
    _invite(world)
    chosen = "samokafor2026"
    page = _sign_up(Client(), _link(), username=chosen, password1=chosen, password2=chosen)
    assert "The password is too similar to the username." in page.content.decode()


def test_an_empty_sign_up_names_every_field(world: World) -> None:
    _invite(world)
    page = Client().post(_link(), {}).content.decode()
    for message in ("Enter your first name", "Enter your last name", "Choose a password"):
        assert message in page
    assert "This field is required" not in page


def test_a_mail_server_that_refuses_leaves_the_invitation_marked_not_sent(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: Any, **kwargs: Any) -> None:
        raise smtplib.SMTPException("relay denied")

    monkeypatch.setattr("joinedup.web.accounts.invitations.send_mail", refuse)
    lead = world.client("owner")
    response = _invite(world, client=lead)
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert not invitation.delivered and invitation.sent_at is None  # never sent
    page = lead.get(response["Location"]).content.decode()
    assert "relay denied" in page and "Not sent" in page


def test_only_leads_see_who_has_been_invited(world: World) -> None:
    _invite(world)
    members = reverse("partnerships:members", args=[world.partnership.slug])
    assert "sam@example.org" not in world.client("member").get(members).content.decode()


def test_a_lead_of_another_partnership_cannot_touch_its_invitations(world: World) -> None:
    _invite(world)
    invitation = Invitation.objects.get()
    for name in ("invitations:resend", "invitations:cancel"):
        url = reverse(name, args=[world.other.slug, invitation.pk])
        assert world.client("outsider").post(url).status_code == 404
    assert Invitation.objects.pending().count() == 1


def test_a_username_taken_between_checking_and_saving_is_a_message(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    from joinedup.web.accounts.forms import SignUpForm

    _invite(world)
    User.objects.create_user("sam")  # by someone else, after the form checked the name
    monkeypatch.setattr(SignUpForm, "clean_username", lambda form: form.cleaned_data["username"])
    page = _sign_up(Client(), _link()).content.decode()
    assert "That username has just been taken" in page
    assert not world.partnership.members.filter(user__username="sam").exists()
    assert Invitation.objects.pending().count() == 1


def test_an_invitation_cancelled_while_being_accepted_says_cancelled(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    from joinedup.web.accounts import invitations

    User.objects.create_user("sam", email="sam@example.org", password=PASSWORD)
    _invite(world)
    accept = invitations.accept

    def cancelled_first(invitation: Invitation, user: User) -> Any:
        Invitation.objects.filter(pk=invitation.pk).update(cancelled_at=timezone.now())
        return accept(invitation, user)

    monkeypatch.setattr(invitations, "accept", cancelled_first)
    client = Client()
    client.login(request=HttpRequest(), username="sam", password=PASSWORD)
    response = client.post(_link())
    assert response.status_code == 410
    assert "cancelled" in response.content.decode()
    assert "already been accepted" not in response.content.decode()
    assert not world.partnership.members.filter(user__username="sam").exists()
