"""Actions: what a partnership agreed to do, who does it, by when, and the
log of every update. Each action answers at most one thing of its own
partnership: an agenda item of a closed round, an outcome, an indicator or an
integrity flag. Rules: joinedup.core.actions; docs: docs/actions.md.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, F, Q, When
from django.utils import timezone

from joinedup.core.actions import NOTE_MAX, TITLE_MAX, ActionFacts, Status, days_overdue
from joinedup.core.outcomes import FlagKind
from joinedup.web.assessments.models import Round
from joinedup.web.outcomes.models import Indicator, Outcome
from joinedup.web.partnerships.models import Member, Partnership

TO_DO = [Status.OPEN.value, Status.IN_PROGRESS.value]  # plain text, as migrations keep it
CLOSED = [Status.DONE.value, Status.DROPPED.value]
STATUS_LENGTH = 12

# Each action answers nothing, or exactly one kind of thing.
_NOTHING = Q(round__isnull=True, outcome__isnull=True, indicator__isnull=True, flag_kind="")
_ONE_LINK = (
    _NOTHING
    | Q(round__isnull=False, outcome__isnull=True, indicator__isnull=True, flag_kind="")
    | Q(round__isnull=True, outcome__isnull=False, indicator__isnull=True, flag_kind="")
    | Q(round__isnull=True, outcome__isnull=True, indicator__isnull=False, flag_kind="")
    | (Q(round__isnull=True, outcome__isnull=True, indicator__isnull=True) & ~Q(flag_kind=""))
)


class ActionQuerySet(models.QuerySet["Action"]):
    def of(self, partnership: Partnership) -> ActionQuerySet:
        """The partnership's actions, with what every page shows of them."""
        return self.filter(partnership=partnership).select_related(
            "owner__user", "owner__partner", "round", "outcome", "indicator"
        )

    def to_do(self) -> ActionQuerySet:
        return self.filter(status__in=TO_DO)

    def overdue(self, today: dt.date) -> ActionQuerySet:
        """Still to do and past the due date on ``today`` (a London date)."""
        return self.to_do().filter(due_on__lt=today)

    def in_order(self, today: dt.date) -> ActionQuerySet:
        """Overdue first, then the rest still to do by due date, then done and
        dropped, the most recently closed first."""
        return self.annotate(
            rank=Case(
                When(status__in=TO_DO, due_on__lt=today, then=0),
                When(status__in=TO_DO, then=1),
                default=2,
            ),
            due_if_to_do=Case(When(status__in=TO_DO, then=F("due_on"))),
        ).order_by(
            "rank",
            F("due_if_to_do").asc(nulls_last=True),
            F("closed_at").desc(nulls_last=True),
            "pk",
        )


class Action(models.Model):
    partnership = models.ForeignKey(Partnership, models.CASCADE, related_name="actions")
    title = models.CharField(max_length=TITLE_MAX)
    # A member who owns an action is not deleted from under it: people leave by an
    # end date. (RESTRICT, unlike PROTECT, still lets a cascade delete both.)
    owner = models.ForeignKey(Member, models.RESTRICT, related_name="actions")
    due_on = models.DateField()
    status = models.CharField(max_length=STATUS_LENGTH, choices=Status.choices(), default="open")
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    raised_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)  # when last marked done or dropped
    # One more at every update, so two people updating at once cannot both win.
    revision = models.PositiveIntegerField(default=0)

    # What it answers: at most one of these (see _ONE_LINK).
    round = models.ForeignKey(Round, models.RESTRICT, null=True, blank=True, related_name="actions")
    statement = models.CharField(max_length=200, blank=True)  # a statement id of the round
    outcome = models.ForeignKey(
        Outcome, models.RESTRICT, null=True, blank=True, related_name="actions"
    )
    indicator = models.ForeignKey(
        Indicator, models.RESTRICT, null=True, blank=True, related_name="actions"
    )
    flag_kind = models.CharField(
        max_length=40, blank=True, choices=[(kind.value, kind.value) for kind in FlagKind]
    )
    flag_subject = models.CharField(max_length=200, blank=True)

    objects = ActionQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=_ONE_LINK, name="action_answers_at_most_one_thing"),
            models.CheckConstraint(
                condition=Q(round__isnull=True, statement="")
                | (Q(round__isnull=False) & ~Q(statement="")),
                name="action_agenda_item_is_a_round_and_a_statement",
            ),
            models.CheckConstraint(
                condition=Q(flag_kind="", flag_subject="")
                | (~Q(flag_kind="") & ~Q(flag_subject="")),
                name="action_flag_has_a_kind_and_a_subject",
            ),
            models.CheckConstraint(
                condition=Q(status__in=TO_DO, closed_at__isnull=True)
                | Q(status__in=CLOSED, closed_at__isnull=False),
                name="action_closed_when_done_or_dropped",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Whatever the way in, an action never points into another partnership.
        self.check_links()
        super().save(*args, **kwargs)

    def clean(self) -> None:
        self.check_links()

    def check_links(self) -> None:
        """Raise ValidationError unless the owner and what it answers are all of
        the action's own partnership, and it answers at most one thing."""
        problems = []
        mine = self.partnership_id
        if self.owner_id is not None and self.owner.partnership_id != mine:
            problems.append("The owner must be a member of this partnership")
        links = [self.round_id, self.outcome_id, self.indicator_id, self.flag_kind or None]
        if sum(link is not None for link in links) > 1:
            problems.append("An action answers at most one thing")
        if self.round is not None:
            if self.round.partnership_id != mine:
                problems.append("The round must be one of this partnership's")
            elif self.statement not in {s.id for s in self.round.framework.statements}:
                problems.append(f"The round has no statement {self.statement!r}")
        elif self.statement:
            problems.append("A statement needs its round")
        if self.outcome is not None and self.outcome.partnership_id != mine:
            problems.append("The outcome must be one of this partnership's")
        if self.indicator is not None and self.indicator.outcome.partnership_id != mine:
            problems.append("The indicator must be one of this partnership's")
        if self.flag_kind and self.flag_kind not in set(FlagKind):
            problems.append(f"There is no integrity flag {self.flag_kind!r}")
        if bool(self.flag_kind) != bool(self.flag_subject):
            problems.append("An integrity flag needs both its kind and its subject")
        if problems:
            raise ValidationError(problems)

    @property
    def answers_something(self) -> bool:
        return bool(self.round_id or self.outcome_id or self.indicator_id or self.flag_kind)

    @property
    def status_choice(self) -> Status:
        return Status(self.status)

    @property
    def closed_on(self) -> dt.date | None:
        """The London date it was last marked done or dropped."""
        return timezone.localdate(self.closed_at) if self.closed_at else None

    def days_overdue(self, today: dt.date) -> int:
        return days_overdue(self.status_choice, self.due_on, today)

    def facts(self, principle: str | None = None) -> ActionFacts:
        return ActionFacts(
            id=self.pk,
            title=self.title,
            status=self.status_choice,
            due=self.due_on,
            closed_on=self.closed_on,
            flag=FlagKind(self.flag_kind) if self.flag_kind else None,
            principle=principle,
        )


class ActionUpdate(models.Model):
    """One update in an action's log: who, when, what changed, and a note.

    A field left blank (or null) did not change in this update.
    """

    action = models.ForeignKey(Action, models.CASCADE, related_name="updates")
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)
    old_status = models.CharField(max_length=STATUS_LENGTH, choices=Status.choices(), blank=True)
    status = models.CharField(max_length=STATUS_LENGTH, choices=Status.choices(), blank=True)
    old_owner = models.ForeignKey(Member, models.RESTRICT, null=True, blank=True, related_name="+")
    owner = models.ForeignKey(Member, models.RESTRICT, null=True, blank=True, related_name="+")
    old_due_on = models.DateField(null=True, blank=True)
    due_on = models.DateField(null=True, blank=True)
    note = models.TextField(max_length=NOTE_MAX, blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"Update of {self.action_id} at {self.at.isoformat()}"

    @property
    def status_label(self) -> str:
        return Status(self.status).label if self.status else ""

    @property
    def old_status_label(self) -> str:
        return Status(self.old_status).label if self.old_status else ""


class Reminded(models.Model):
    """When a person was last sent a reminder of their actions (written only
    once it was sent: joinedup.web.actions.reminders)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, models.CASCADE, primary_key=True, related_name="+"
    )
    at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.user_id} reminded at {self.at.isoformat()}"
