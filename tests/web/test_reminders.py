"""``joinedup send-reminders``: who gets an email and when, once a day
however often it runs, at most once a week each, nothing marked as sent when
the mail server is down."""

from __future__ import annotations

import datetime as dt
import email
from pathlib import Path
from typing import Any

import pytest
import time_machine
from click.testing import CliRunner
from django.core.mail.backends.base import BaseEmailBackend

from joinedup.cli import main
from joinedup.web.actions.models import Action, Reminded
from joinedup.web.jobs.models import Job, Status
from tests.factories import World, make_action

MONDAY = dt.datetime(2026, 11, 2, 8, tzinfo=dt.UTC)  # 8am in London, in November


class DownBackend(BaseEmailBackend):
    """A mail server that cannot be reached."""

    def open(self) -> bool:
        raise ConnectionRefusedError(111, "Connection refused")

    def send_messages(self, messages: Any) -> int:
        raise AssertionError("never reached")


@pytest.fixture
def outbox(settings: Any, tmp_path: Path) -> Path:
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = tmp_path
    settings.SITE_URL = "https://joinedup.example.org"
    return tmp_path


def sent(outbox: Path) -> list[email.message.Message]:
    """Every email the file-based backend wrote (several to a file per connection)."""
    messages = []
    for path in sorted(outbox.iterdir()):
        for chunk in path.read_text().split("-" * 79):
            if chunk.strip():
                messages.append(email.message_from_string(chunk.strip()))
    return messages


def to(messages: list[email.message.Message]) -> list[str]:
    return sorted(message["To"] for message in messages)


def body(message: email.message.Message) -> str:
    payload = message.get_payload(decode=True)
    assert isinstance(payload, bytes)
    return payload.decode()


def cron() -> list[str]:
    """What cron runs every morning: queue the day's reminders, then send them."""
    outputs = []
    for command in (["send-reminders"], ["worker", "--once"]):
        result = CliRunner().invoke(main, command)
        assert result.exit_code == 0, result.output
        outputs.append(result.stdout.strip())
    return outputs


@pytest.fixture
def actions(world: World) -> dict[str, Action]:
    for name in ("owner", "member", "analyst", "viewer"):
        user = getattr(world, name)
        user.email = f"{name}@example.org"
        user.save()
    today = MONDAY.date()
    days = dt.timedelta

    def due(who: str, title: str, after: int, **fields: Any) -> Action:
        return make_action(world, owner=who, title=title, due_on=today + days(after), **fields)

    with time_machine.travel(MONDAY - days(60), tick=False):
        return {
            "soon": due("owner", "Agree the bridging budget", 3),
            "today": due("owner", "Name a carers lead", 0),
            "late": due("member", "Count carers contacted", -10, status="in_progress"),
            "later": due("analyst", "Rebase the discharge series", 20),
            "done": due("viewer", "Book the room", -5, status="done", closed_at=MONDAY - days(9)),
            "dropped": due(
                "viewer", "Survey every ward", -1, status="dropped", closed_at=MONDAY - days(3)
            ),
        }


def test_owners_of_actions_due_within_a_week_or_overdue_get_one_email_each(
    outbox: Path, actions: dict[str, Action], world: World
) -> None:
    with time_machine.travel(MONDAY, tick=False):
        queued, ran = cron()
    assert queued.startswith("Queued the reminders of 2 November 2026 (job ")
    assert ran == "Ran 1 job."
    messages = sent(outbox)
    assert to(messages) == ["member@example.org", "owner@example.org"]
    owner = next(m for m in messages if m["To"] == "owner@example.org")
    text = body(owner)
    assert owner["Subject"] == "joinedup: 2 actions of yours due or overdue"
    assert "Dear Owner," in text
    assert "You own 2 actions that are overdue or due within 7 days:" in text
    assert "- Name a carers lead (Riverside Discharge Partnership): due today" in text
    assert (
        "- Agree the bridging budget (Riverside Discharge Partnership): due 5 November 2026" in text
    )
    link = f"https://joinedup.example.org/partnerships/riverside/actions/{actions['soon'].pk}/"
    assert link in text
    late = body(next(m for m in messages if m["To"] == "member@example.org"))
    assert "Count carers contacted" in late and "overdue by 10 days (due 23 October 2026)" in late
    # Not chased: due in 20 days, done, dropped.
    everything = "".join(body(m) for m in messages)
    for title in ("Rebase the discharge series", "Book the room", "Survey every ward"):
        assert title not in everything
    job = Job.objects.get()
    assert (job.status, job.result["summary"]) == (Status.DONE, "Sent 2 reminders.")
    assert set(Reminded.objects.values_list("user__username", flat=True)) == {"owner", "member"}


def test_running_it_twice_sends_nothing_twice_and_a_week_later_it_sends_again(
    outbox: Path, actions: dict[str, Action]
) -> None:
    with time_machine.travel(MONDAY, tick=False):
        cron()
        again = cron()  # another server, or cron run twice
    assert again[0].startswith("The reminders of 2 November 2026 were already queued (job ")
    assert again[0].endswith(": finished).")
    assert again[1] == "Ran 0 jobs."
    assert len(sent(outbox)) == 2
    for days in range(1, 7):  # a new job every day, but nobody is due another email yet
        with time_machine.travel(MONDAY + dt.timedelta(days=days), tick=False):
            assert cron()[1] == "Ran 1 job."
    assert len(sent(outbox)) == 2
    assert Job.objects.filter(status=Status.DONE).count() == 7
    with time_machine.travel(MONDAY + dt.timedelta(days=7), tick=False):
        cron()
    assert to(sent(outbox)[2:]) == ["member@example.org", "owner@example.org"]


def test_an_owner_who_left_or_has_no_address_is_not_emailed(
    outbox: Path, actions: dict[str, Action], world: World
) -> None:
    world.partnership.members.filter(user=world.member).update(end_date=dt.date(2026, 10, 1))
    world.owner.email = ""
    world.owner.save()
    with time_machine.travel(MONDAY, tick=False):
        cron()
    assert sent(outbox) == []
    assert Job.objects.get().result["summary"] == (
        "Sent 0 reminders. 1 owner without an email address got none."
    )
    assert not Reminded.objects.exists()


def test_a_mail_server_that_is_down_marks_nobody_and_the_job_is_tried_again(
    outbox: Path, actions: dict[str, Action], settings: Any
) -> None:
    settings.EMAIL_BACKEND = "tests.web.test_reminders.DownBackend"
    with time_machine.travel(MONDAY, tick=False):
        assert cron()[1] == "Ran 1 job."
    job = Job.objects.get()
    assert job.status == Status.FAILED
    assert job.error == (
        "The mail server did not accept the reminders ([Errno 111] Connection refused). "
        "0 people of 2 had theirs sent first; nobody else was marked as reminded."
    )
    assert job.retry_at is not None
    assert not Reminded.objects.exists()
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    with time_machine.travel(job.retry_at + dt.timedelta(seconds=1), tick=False):
        assert cron()[1] == "Ran 1 job."
    assert Job.objects.get().status == Status.DONE
    assert to(sent(outbox)) == ["member@example.org", "owner@example.org"]
