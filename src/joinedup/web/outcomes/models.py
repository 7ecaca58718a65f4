"""Outcomes with one accountable owner, their indicators, values, and the
history of every change that could move a judgement."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone

from joinedup.core.events import Event, EventKind
from joinedup.core.outcomes import NOTE_MAX, Frequency, Kind
from joinedup.core.spc import Improvement
from joinedup.web.partnerships.models import Member, Partner, Partnership


class Outcome(models.Model):
    """A change for people that the partnership exists to make."""

    partnership = models.ForeignKey(Partnership, models.CASCADE, related_name="outcomes")
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    owner = models.ForeignKey(
        Member, models.SET_NULL, null=True, blank=True, related_name="owned_outcomes"
    )
    partners = models.ManyToManyField(Partner, blank=True, related_name="outcomes")
    # Principal outcomes decide the partnership's verdict; the rest are
    # reported but do not (docs/verdict.md).
    principal = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class IndicatorQuerySet(models.QuerySet["Indicator"]):
    def of(self, partnership: Partnership) -> IndicatorQuerySet:
        return self.filter(outcome__partnership=partnership)

    def lock(self, pk: int) -> None:
        """Lock indicator ``pk``'s row until the transaction ends, so that two
        writes of its values cannot interleave. Its row only: the ordering by
        outcome would join the outcome and lock it too, making imports into
        the outcome's other indicators wait."""
        list(self.select_for_update().filter(pk=pk).order_by().values_list("pk"))


class Indicator(models.Model):
    outcome = models.ForeignKey(Outcome, models.CASCADE, related_name="indicators")
    name = models.CharField(max_length=200)
    unit = models.CharField(max_length=60, help_text="For example: bed days, %, meetings.")
    improvement = models.CharField(
        max_length=10,
        choices=[(choice.value, choice.value.capitalize()) for choice in Improvement],
    )
    frequency = models.CharField(
        max_length=10,
        choices=Frequency.choices(),
        default=Frequency.MONTHLY,
    )
    source = models.CharField(max_length=300, blank=True)
    target = models.FloatField(null=True, blank=True)
    kind = models.CharField(max_length=10, choices=Kind.choices())
    created_at = models.DateTimeField(default=timezone.now)

    objects = IndicatorQuerySet.as_manager()

    class Meta:
        ordering = ["outcome__title", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def kind_label(self) -> str:
        return Kind(self.kind).label

    @property
    def frequency_choice(self) -> Frequency:
        return Frequency(self.frequency)


class IndicatorEvent(models.Model):
    """Something that happened to an indicator, shown on its chart: an
    intervention, a rebase (new limits from its date, with the reason why), a
    change in the data, or a note (joinedup.core.events).

    The partnership's start is always a rebase and is not stored here."""

    indicator = models.ForeignKey(Indicator, models.CASCADE, related_name="events")
    date = models.DateField()
    kind = models.CharField(max_length=12, choices=EventKind.choices())
    text = models.CharField(max_length=200)
    # Why, for a rebase: required by the form; blank only for the rebase dates
    # kept before events existed ("reason not recorded").
    reason = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["date", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "date"],
                condition=models.Q(kind="rebase"),
                name="one_rebase_event_per_date",
            )
        ]

    def __str__(self) -> str:
        return f"{self.date.isoformat()} {self.kind}: {self.text}"

    @property
    def kind_choice(self) -> EventKind:
        return EventKind(self.kind)

    def facts(self) -> Event:
        return Event(self.date, self.kind_choice, self.text, self.reason)


class DataPoint(models.Model):
    """An indicator's value for one period (named by the period's first day)."""

    indicator = models.ForeignKey(Indicator, models.CASCADE, related_name="points")
    period = models.DateField()
    value = models.FloatField()
    note = models.CharField(max_length=NOTE_MAX, blank=True)

    class Meta:
        ordering = ["period"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "period"], name="one_value_per_period")
        ]

    def __str__(self) -> str:
        return f"{self.period.isoformat()}: {self.value}"


class ChangeRecord(models.Model):
    """One change kept for the record: an owner, a target, a direction, rebase
    dates (kept as events), or a value corrected, removed or replaced by an import."""

    partnership = models.ForeignKey(Partnership, models.CASCADE, related_name="outcome_changes")
    outcome = models.ForeignKey(
        Outcome, models.CASCADE, null=True, blank=True, related_name="changes"
    )
    indicator = models.ForeignKey(
        Indicator, models.CASCADE, null=True, blank=True, related_name="changes"
    )
    field = models.CharField(max_length=40)
    period = models.DateField(null=True, blank=True)  # for a value: which period
    old = models.TextField(blank=True)
    new = models.TextField(blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    changed_at = models.DateTimeField(default=timezone.now)
    source = models.CharField(max_length=200, blank=True)  # "page", "import of x.csv", ...
    reason = models.TextField(blank=True)  # why, in the words of who changed it
    # Stored when made: whether values already existed for the periods it applies to.
    moved_goalpost = models.BooleanField(default=False)

    class Meta:
        ordering = ["-changed_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.field}: {self.old} -> {self.new}"

    @property
    def changed_on(self) -> dt.date:
        return timezone.localdate(self.changed_at)


class Upload(models.Model):
    """A file too large to import in the request, held for the worker: checked
    by one job, then, once the person has confirmed the changes, applied by
    another (joinedup.web.outcomes.import_jobs)."""

    indicator = models.ForeignKey(Indicator, models.CASCADE, related_name="uploads")
    name = models.CharField(max_length=255)  # the file's name, as uploaded
    content = models.BinaryField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)
    # Once checked: [row, period, value, note] of every row, as the session
    # holds a small file's.
    rows = models.JSONField(null=True, blank=True)

    def __str__(self) -> str:
        return self.name
