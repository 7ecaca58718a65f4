"""Opening, showing, sending and closing an assessment round."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from joinedup.core.framework import builtin_text
from joinedup.web.assessments.links import link
from joinedup.web.assessments.models import Round
from joinedup.web.jinja import date
from tests.factories import World, answer, close, make_round, round_form

CUSTOM = b"""
name = "Discharge check"
version = "1"
[[principles]]
id = "flow"
name = "Flow"
  [[principles.statements]]
  id = "flow.weekend"
  text = "People go home at weekends too."
"""


def _new(world: World) -> str:
    return reverse("assessments:round_new", args=[world.partnership.slug])


def _round_url(world: World, shown: Round) -> str:
    return reverse("assessments:round", args=[world.partnership.slug, shown.pk])


def test_the_lead_opens_a_round_with_the_default_framework_frozen_in_it(world: World) -> None:
    response = world.client("owner").post(_new(world), round_form())
    opened = world.partnership.rounds.get()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "assessments:round", args=[world.partnership.slug, opened.pk]
    )
    assert opened.framework_key == "default"
    assert opened.framework_text == builtin_text()
    assert opened.opened_by == world.owner
    assert opened.is_open


def test_a_custom_framework_is_uploaded_and_used(world: World) -> None:
    upload = SimpleUploadedFile("ours.toml", CUSTOM)
    world.client("owner").post(_new(world), round_form(framework_file=upload))
    opened = world.partnership.rounds.get()
    assert opened.framework_key == "ours.toml"
    assert [s.id for s in opened.framework.statements] == ["flow.weekend"]


def test_an_invalid_framework_lists_every_problem_in_the_error_summary(world: World) -> None:
    broken = CUSTOM.replace(b'id = "flow.weekend"', b'id = "weekend"').replace(b"text", b"txt")
    upload = SimpleUploadedFile("ours.toml", broken)
    page = (
        world.client("owner").post(_new(world), round_form(framework_file=upload)).content.decode()
    )
    assert "<title>Error: Open a round" in page
    assert "ours.toml: principle &#39;flow&#39;, statement &#39;weekend&#39;: id must start" in page
    assert "unknown field &#39;txt&#39;" in page
    assert 'href="#id_framework_file"' in page
    assert not world.partnership.rounds.exists()


def test_a_closing_date_in_the_past_is_refused(world: World) -> None:
    page = world.client("owner").post(_new(world), round_form(closes_on_2="2020")).content.decode()
    assert "The closing date must be today or in the future" in page
    assert 'href="#id_closes_on_0"' in page


def test_the_minimum_group_cannot_go_below_three(world: World) -> None:
    page = world.client("owner").post(_new(world), round_form(min_group="2")).content.decode()
    assert "The minimum group must be 3 or more" in page
    assert not world.partnership.rounds.exists()


def test_only_one_round_is_open_at_a_time(world: World) -> None:
    make_round(world, name="Open already")
    page = world.client("owner").post(_new(world), round_form()).content.decode()
    assert "A round is already open" in page
    assert world.partnership.rounds.count() == 1


def test_round_names_are_unique_in_a_partnership(world: World) -> None:
    close(make_round(world, name="Spring 2026"))
    page = world.client("owner").post(_new(world), round_form(name="spring 2026")).content.decode()
    assert "already has a round with that name" in page


def test_opening_a_round_invites_every_current_member_and_nobody_later(world: World) -> None:
    former = world.join("former", world.council)
    former.end_date = timezone.localdate() - dt.timedelta(days=1)
    former.save()
    world.client("owner").post(_new(world), round_form())
    opened = world.partnership.rounds.get()
    invited = {i.member.user.username: i.partner for i in opened.invitations.all()}
    assert invited == {
        "owner": world.acute,
        "member": world.council,
        "analyst": world.acute,
        "viewer": world.council,
    }
    late = world.join("late", world.council)
    assert not opened.invitations.filter(member=late).exists()
    page = world.client("owner").get(_round_url(world, opened)).content.decode()
    assert "Late" not in page  # not in the list of members invited


def test_the_lead_sees_who_is_invited_and_the_counts_never_a_link(world: World) -> None:
    for name in ("xavier", "yolanda"):
        world.join(name, world.acute)  # four at the acute trust, two at the council
    shown = make_round(world)
    answer(shown, world.partnership.members.get(user=world.analyst))
    page = world.client("owner").get(_round_url(world, shown)).content.decode()
    own = link(shown, world.partnership.members.get(user=world.owner))
    assert "/r/" not in page.replace(own, "")  # the lead's own link, and nobody else's
    for member in world.partnership.members.all():
        assert f"{member.display_name}</td>" in page
    assert "Invited </span>4</td>" in page and "Started </span>1</td>" in page
    # Two council members: a count would tell whether each of them has answered.
    assert "Started </span>0</td>" not in page
    assert "whether a particular person has answered: Riverside County Council." in page


def test_a_member_added_after_the_round_opened_is_told_they_are_not_in_it(world: World) -> None:
    shown = make_round(world)
    late = world.join("late", world.council)
    client = Client()
    client.force_login(late.user)
    page = client.get(_round_url(world, shown)).content.decode()
    assert "You joined the partnership after this round opened" in page
    assert "/r/" not in page
    response = client.get(link(shown, late))
    assert response.status_code == 403
    assert "You are not in this round" in response.content.decode()


def test_the_agenda_size_is_a_setting_of_the_round(world: World) -> None:
    page = world.client("owner").post(_new(world), round_form(agenda_size="0")).content.decode()
    assert "The agenda needs at least 1 item" in page
    assert 'href="#id_agenda_size"' in page
    world.client("owner").post(_new(world), round_form(agenda_size="5"))
    assert world.partnership.rounds.get().agenda_size == 5


def test_a_member_sees_only_their_own_link(world: World) -> None:
    shown = make_round(world)
    url = reverse("assessments:round", args=[world.partnership.slug, shown.pk])
    page = world.client("member").get(url).content.decode()
    own = world.partnership.members.get(user=world.member)
    owner = world.partnership.members.get(user=world.owner)
    assert link(shown, own) in page
    assert link(shown, owner) not in page
    assert "Responses so far" not in page


def test_the_lead_closes_the_round_and_lands_on_its_results(world: World) -> None:
    shown = make_round(world)
    url = reverse("assessments:close", args=[world.partnership.slug, shown.pk])
    assert "Close Spring 2026 now?" in world.client("owner").get(url).content.decode()
    response = world.client("owner").post(url)
    assert response["Location"].endswith(f"/assessment/{shown.pk}/results/")
    shown.refresh_from_db()
    assert shown.closed_at is not None
    assert shown.snapshot.made_at >= shown.closed_at  # frozen as it closed
    again = world.client("owner").post(url, follow=True)  # a second click on Close
    assert again.redirect_chain[-1][0].endswith(f"/assessment/{shown.pk}/results/")
    assert "Spring 2026 was closed already. These are its results." in again.content.decode()


def test_a_round_closes_by_itself_after_its_closing_date(world: World) -> None:
    shown = make_round(world, closes_on=timezone.localdate())
    assert shown.is_open
    shown.closes_on = timezone.localdate() - dt.timedelta(days=1)
    shown.save()
    assert shown.is_closed
    assert Round.objects.closed().filter(pk=shown.pk).exists()
    url = reverse("assessments:close", args=[world.partnership.slug, shown.pk])
    response = world.client("owner").get(url)
    assert response["Location"].endswith(f"/assessment/{shown.pk}/results/")


def test_the_lead_emails_each_member_their_own_link_and_sees_who_was_sent_one(
    world: World,
) -> None:
    world.member.email = "tom@example.org"
    world.member.save()
    shown = make_round(world)
    url = reverse("assessments:send", args=[world.partnership.slug, shown.pk])
    page = world.client("owner").get(url).content.decode()
    assert "No email address" in page  # the others have none
    assert "/r/" not in page
    world.client("owner").post(url)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["tom@example.org"]
    own = world.partnership.members.get(user=world.member)
    assert f"http://testserver{link(shown, own)}" in message.body
    invitation = shown.invitations.get(member=own)
    assert invitation.sent_at is not None
    page = world.client("owner").get(_round_url(world, shown)).content.decode()
    assert f"Link emailed </span>{date(invitation.sent_at)}" in page
    assert "No email address: answers by logging in" in page
    assert link(shown, own) not in page


def test_an_email_server_that_fails_is_a_message_not_a_traceback(
    world: World, settings: Any
) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # nothing listens there
    world.member.email = "tom@example.org"
    world.member.save()
    shown = make_round(world)
    url = reverse("assessments:send", args=[world.partnership.slug, shown.pk])
    response = world.client("owner").post(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert "<title>Error: " in page
    assert "The email server did not accept the emails" in page
    assert "0 of 1 were sent" in page
    assert shown.invitations.get(member__user=world.member).sent_at is None


def test_a_closed_rounds_page_lists_no_links(world: World) -> None:
    shown = close(make_round(world))
    url = reverse("assessments:round", args=[world.partnership.slug, shown.pk])
    page = world.client("owner").get(url).content.decode()
    assert "See the results" in page
    for member in world.partnership.members.all():
        assert link(shown, member) not in page


def test_the_rounds_page_lists_open_and_closed_rounds(world: World) -> None:
    close(make_round(world, name="Autumn 2025"))
    make_round(world, name="Spring 2026")
    url = reverse("assessments:rounds", args=[world.partnership.slug])
    page = world.client("member").get(url).content.decode()
    assert "Autumn 2025" in page and "Spring 2026" in page
    assert "Open a round" not in page
    assert "Open a round" in world.client("owner").get(url).content.decode()
