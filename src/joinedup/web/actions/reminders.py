"""Reminders: one email to each owner of actions due within a week or
overdue, at most once a week each, as a background job (one per day, so two
servers running ``joinedup send-reminders`` never send twice). Docs:
docs/actions.md, "Reminders".
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.core.mail import EmailMessage, get_connection
from django.urls import reverse
from django.utils import timezone

from joinedup.core.numbers import plural
from joinedup.web.actions.models import Action, Reminded
from joinedup.web.jinja import date
from joinedup.web.jobs.kinds import Kind, TryAgainLater
from joinedup.web.jobs.models import Job
from joinedup.web.jobs.queue import enqueue
from joinedup.web.jobs.worker import Run
from joinedup.web.partnerships.models import Member

KIND = "actions.reminders"
DUE_WITHIN = dt.timedelta(days=7)  # due this soon, or overdue: reminded
EVERY = dt.timedelta(days=7)  # an owner is reminded at most this often

logger = logging.getLogger(__name__)


def queue_for(day: dt.date) -> tuple[Job, bool]:
    """The day's reminders job (queued by whoever asks first)."""
    return enqueue(
        KIND,
        f"{KIND}:{day.isoformat()}",
        title=f"Reminders of {date(day)}",
        params={"day": day.isoformat()},
    )


def to_chase(day: dt.date) -> dict[User, list[Action]]:
    """Each person to remind on ``day`` (a London date), with their actions:
    still to do, due within a week or overdue, owned as a current member, and
    not reminded in the last week."""
    recently = Reminded.objects.filter(at__date__gt=day - EVERY).values("user")
    actions = (
        Action.objects.to_do()
        .filter(due_on__lte=day + DUE_WITHIN, owner__in=Member.objects.current(day))
        .exclude(owner__user__in=recently)
        .select_related("owner__user", "partnership")
        .order_by("partnership__name", "due_on", "pk")
    )
    chase: dict[User, list[Action]] = defaultdict(list)
    for action in actions:
        chase[action.owner.user].append(action)
    return dict(sorted(chase.items(), key=lambda item: item[0].pk))


def message(user: User, actions: list[Action], day: dt.date) -> tuple[str, str]:
    """The subject and body of ``user``'s reminder."""
    lines = []
    for action in actions:
        late = (day - action.due_on).days
        when = (
            f"overdue by {plural(late, 'day')} (due {date(action.due_on)})"
            if late > 0
            else "due today"
            if late == 0
            else f"due {date(action.due_on)}"
        )
        url = settings.SITE_URL + reverse(
            "actions:detail", args=[action.partnership.slug, action.pk]
        )
        lines.append(f"- {action.title} ({action.partnership.name}): {when}\n  {url}")
    subject = f"joinedup: {plural(len(actions), 'action')} of yours due or overdue"
    body = (
        f"Dear {user.get_full_name() or user.get_username()},\n\n"
        f"You own {plural(len(actions), 'action')} that "
        f"{'is' if len(actions) == 1 else 'are'} overdue or due within "
        f"{plural(DUE_WITHIN.days, 'day')}:\n\n"
        + "\n".join(lines)
        + "\n\nOpen an action to mark it in progress or done, or to add a note. If one is "
        "no longer yours, ask your partnership's lead to pass it on.\n\n"
        "joinedup sends this at most once a week while you have actions due or overdue.\n"
    )
    return subject, body


def send(run: Run) -> dict[str, Any]:
    """The job: email each person to chase, marking each as reminded once
    their email is sent."""
    day = dt.date.fromisoformat(run.params["day"])
    chase = to_chase(day)
    no_address = [user for user in chase if not user.email]
    reachable = [(user, actions) for user, actions in chase.items() if user.email]
    run.progress(0, len(reachable))
    sent = 0
    try:
        with get_connection() as connection:
            for user, actions in reachable:
                subject, body = message(user, actions, day)
                EmailMessage(subject, body, to=[user.email], connection=connection).send()
                Reminded.objects.update_or_create(user=user, defaults={"at": timezone.now()})
                sent += 1
                run.progress(sent)
    except OSError as error:  # smtplib's errors included: the mail server
        logger.exception("Sending the reminders of %s failed", day)
        raise TryAgainLater(
            f"The mail server did not accept the reminders ({error}). "
            f"{plural(sent, 'person', 'people')} of {len(reachable)} had theirs sent first; "
            "nobody else was marked as reminded."
        ) from None
    summary = f"Sent {plural(sent, 'reminder')}."
    if no_address:
        summary += f" {plural(len(no_address), 'owner')} without an email address got none."
    return {"summary": summary}


REMINDERS = Kind(KIND, send, unit="reminder")
