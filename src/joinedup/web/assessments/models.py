"""Assessment rounds, the members invited to them, the private responses, and
the results frozen when a round closes.

A response belongs to one member, and nothing in the app shows it to anyone
else: pages, exports and the admin only ever see the figures that
``joinedup.core.assessment`` computes from all the responses of a closed
round, stored once in its :class:`Snapshot`. Docs: docs/assessments.md,
docs/privacy.md.
"""

from __future__ import annotations

import datetime as dt
import functools

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from joinedup.core.agenda import AGENDA_SIZE
from joinedup.core.framework import DEFAULT, Framework, parse_framework
from joinedup.core.respondents import DEFAULT_MIN_GROUP
from joinedup.web.partnerships.models import Member, Partner, Partnership

OPEN_ALREADY = (
    "A round is already open: close it before opening another, so that members "
    "answer one round at a time"
)


class RoundQuerySet(models.QuerySet["Round"]):
    def closed(self, on: dt.date | None = None) -> RoundQuerySet:
        """Rounds closed by the lead, or whose closing date has passed by ``on``."""
        on = on or timezone.localdate()
        return self.filter(Q(closed_at__isnull=False) | Q(closes_on__lt=on))

    def open(self, on: dt.date | None = None) -> RoundQuerySet:
        on = on or timezone.localdate()
        return self.filter(closed_at__isnull=True, closes_on__gte=on)

    def lock_open(self, pk: int) -> bool:
        """Lock round ``pk``'s row until the transaction ends; whether it is still open.

        Closing a round and saving an answer both take this lock first, so an
        answer is saved before the close (and counted) or refused, never
        saved after it. On PostgreSQL a second locker waits, then sees the
        round as the first left it; SQLite's transactions take the whole
        database (settings: IMMEDIATE).
        """
        return self.select_for_update().open().filter(pk=pk).values_list("pk").first() is not None

    def stamp_closed_by_date(self, on: dt.date | None = None) -> None:
        """Give each round whose closing date passed before ``on`` the end of that
        day as its ``closed_at``, so that it no longer holds the partnership's one
        open round (the ``one_open_round_per_partnership`` constraint). What it
        shows does not change: it closed on its closing date either way."""
        on = on or timezone.localdate()
        for expired in self.filter(closed_at__isnull=True, closes_on__lt=on):
            expired.closed_at = end_of_day(expired.closes_on)
            expired.save(update_fields=["closed_at"])


def end_of_day(day: dt.date) -> dt.datetime:
    """The last moment of ``day`` in London, when a round closing on it closes."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time.max))


class Round(models.Model):
    """One assessment of a partnership with one framework, open then closed."""

    partnership = models.ForeignKey(Partnership, models.CASCADE, related_name="rounds")
    name = models.CharField(max_length=100)
    # A built-in framework's name, or the name of the file a custom framework came from.
    framework_key = models.CharField(max_length=200, default=DEFAULT)
    # The framework as it was when the round opened: later edits to a file
    # (or a new version of the default) cannot change a round's questions.
    framework_text = models.TextField()
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    opened_at = models.DateTimeField(default=timezone.now)
    closes_on = models.DateField()
    closed_at = models.DateTimeField(null=True, blank=True)
    min_group = models.PositiveSmallIntegerField(default=DEFAULT_MIN_GROUP)
    agenda_size = models.PositiveSmallIntegerField(default=AGENDA_SIZE)

    objects = RoundQuerySet.as_manager()

    class Meta:
        ordering = ["-opened_at"]
        constraints = [
            # A round closed by its date keeps a null closed_at until the next one
            # opens (RoundQuerySet.stamp_closed_by_date); see docs/adr/1002.
            models.UniqueConstraint(
                fields=["partnership"],
                condition=Q(closed_at__isnull=True),
                name="one_open_round_per_partnership",
                violation_error_message=OPEN_ALREADY,
            ),
            models.UniqueConstraint(
                "partnership",
                "name",
                name="round_name_unique_in_partnership",
                violation_error_message="This partnership already has a round with that name",
            ),
            models.CheckConstraint(
                condition=Q(min_group__gte=DEFAULT_MIN_GROUP),
                name="round_min_group_at_least_default",
            ),
            models.CheckConstraint(condition=Q(agenda_size__gte=1), name="round_agenda_not_empty"),
        ]

    def __str__(self) -> str:
        return f"{self.partnership}: {self.name}"

    @functools.cached_property
    def framework(self) -> Framework:
        return parse_framework(self.framework_text, source=self.framework_key)

    @property
    def is_closed(self) -> bool:
        """Closed by the lead, or at the end of its closing date (London time)."""
        return self.closed_at is not None or timezone.localdate() > self.closes_on

    @property
    def is_open(self) -> bool:
        return not self.is_closed

    @property
    def closed_on(self) -> dt.date:
        """The day it closed: the lead's, or its closing date (London)."""
        if self.closed_at is not None:
            return timezone.localdate(self.closed_at)
        return self.closes_on


class Invitation(models.Model):
    """A member asked to answer a round, for the partner they represented when it opened.

    Every current member is invited as the round opens, and nobody after:
    members added later are not in it, and a member moved to another partner
    still answers for the one they were invited for (docs/privacy.md).
    """

    round = models.ForeignKey(Round, models.CASCADE, related_name="invitations")
    member = models.ForeignKey(Member, models.CASCADE, related_name="invitations")
    partner = models.ForeignKey(Partner, models.PROTECT, related_name="+")
    # When the member's personal link was last emailed to them; the lead sees
    # this, never the link.
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["round", "member"], name="one_invitation_per_member")
        ]

    def __str__(self) -> str:
        return f"Invitation {self.pk} to {self.round}"


class Snapshot(models.Model):
    """A closed round's results, computed once and read by every later view.

    The figures (as ``joinedup.core`` gives them, with who was pooled and the
    partner names as they were), the comments that may be shown, the stage
    and the membership changes, as JSON. Written in the transaction that
    closes the round, or on first read for a round closed by its date.
    """

    round = models.OneToOneField(Round, models.CASCADE, related_name="snapshot")
    made_at = models.DateTimeField(default=timezone.now)
    data = models.JSONField()

    def __str__(self) -> str:
        return f"Results of {self.round}"


class Response(models.Model):
    """One member's answers in one round. Private to that member."""

    round = models.ForeignKey(Round, models.CASCADE, related_name="responses")
    member = models.ForeignKey(Member, models.PROTECT, related_name="responses")
    # The partner the member answered for, kept even if their membership changes.
    partner = models.ForeignKey(Partner, models.PROTECT, related_name="responses")
    updated_at = models.DateTimeField(auto_now=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # The browser the response is bound to: the SHA-256 of the resume secret in
    # its cookie, and the pages it has saved since it was bound. Only that
    # browser (or the member, logged in) is shown those pages' answers, so
    # whoever else holds the link never sees them (docs/adr/0301).
    resume_hash = models.CharField(max_length=64, blank=True)
    resume_pages = models.JSONField(default=list, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["round", "member"], name="one_response_per_member")
        ]

    def __str__(self) -> str:
        return f"Response {self.pk} to {self.round}"


class Answer(models.Model):
    """A rating of one statement: 1-4, or null for "don't know". Unanswered: no row."""

    response = models.ForeignKey(Response, models.CASCADE, related_name="answers")
    statement = models.CharField(max_length=200)
    score = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["response", "statement"], name="one_answer_each"),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__gte=1, score__lte=4),
                name="answer_on_the_scale",
            ),
        ]

    def __str__(self) -> str:
        return f"Answer to {self.statement}"  # never the score: it is private


class Comment(models.Model):
    """A respondent's optional comment on one principle, shown without a name."""

    response = models.ForeignKey(Response, models.CASCADE, related_name="comments")
    principle = models.CharField(max_length=100)
    text = models.TextField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["response", "principle"], name="one_comment_each")
        ]

    def __str__(self) -> str:
        return f"Comment on {self.principle}"


class RelationshipRating(models.Model):
    """How closely the respondent's organisation works with another partner: 0-5."""

    response = models.ForeignKey(Response, models.CASCADE, related_name="relationship_ratings")
    about = models.ForeignKey(Partner, models.PROTECT, related_name="+")
    level = models.PositiveSmallIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["response", "about"], name="one_rating_each"),
            models.CheckConstraint(condition=Q(level__lte=5), name="level_on_the_scale"),
        ]

    def __str__(self) -> str:
        return f"Relationship rating {self.pk}"
