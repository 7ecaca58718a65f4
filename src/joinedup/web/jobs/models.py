"""The job table: what is to be done, by whom it is claimed, how far it got
and how it ended. The rules of claiming are in joinedup.web.jobs.worker."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from joinedup.web.partnerships.models import Partnership


class Status(models.TextChoices):
    QUEUED = "queued", "Waiting to start"
    RUNNING = "running", "Running"
    DONE = "done", "Finished"
    FAILED = "failed", "Failed"


def claimable(now: dt.datetime) -> Q:
    """Jobs a worker may claim at ``now``: queued, failed and due for another
    try, or running under a claim that has shown no sign of life for longer
    than ``JOBS_STALE_AFTER`` (its worker was killed)."""
    stale_before = now - dt.timedelta(seconds=settings.JOBS_STALE_AFTER)
    return (
        Q(status=Status.QUEUED)
        | Q(status=Status.FAILED, retry_at__lte=now)
        | Q(status=Status.RUNNING, heartbeat_at__lt=stale_before)
    )


class Job(models.Model):
    kind = models.CharField(max_length=60)  # its handler, as registered (joinedup.web.jobs.kinds)
    # The same job cannot be queued twice: "reminders:2026-12-01".
    key = models.CharField(max_length=200, unique=True)
    title = models.CharField(max_length=200)  # the heading of its page
    partnership = models.ForeignKey(
        Partnership, models.CASCADE, null=True, blank=True, related_name="jobs"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    params = models.JSONField(default=dict, blank=True)  # what the handler needs to know
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    done = models.PositiveIntegerField(default=0)  # progress: steps done...
    total = models.PositiveIntegerField(null=True, blank=True)  # ... of this many, once known
    result = models.JSONField(null=True, blank=True)  # what the handler returned
    error = models.TextField(blank=True)  # why it failed, in words for the person who asked
    attempts = models.PositiveIntegerField(default=0)  # claims so far
    claimed_by = models.CharField(max_length=200, blank=True)  # the worker: host:pid:random
    queued_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)  # the latest claim
    heartbeat_at = models.DateTimeField(null=True, blank=True)  # its claim's last sign of life
    finished_at = models.DateTimeField(null=True, blank=True)
    retry_at = models.DateTimeField(null=True, blank=True)  # a failed job tried again from then

    class Meta:
        ordering = ["queued_at", "pk"]
        indexes = [models.Index(fields=["status", "queued_at"], name="jobs_by_status")]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=Status.values), name="job_status_is_known"
            ),
            models.CheckConstraint(
                condition=Q(total__isnull=True) | Q(done__lte=models.F("total")),
                name="job_done_at_most_total",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.key} ({self.status})"

    @property
    def status_choice(self) -> Status:
        return Status(self.status)

    @property
    def finished(self) -> bool:
        """Done, or failed with no other try to come: its page stops reloading."""
        return self.status == Status.DONE or (
            self.status == Status.FAILED and self.retry_at is None
        )

    @property
    def percent(self) -> int | None:
        if not self.total:
            return None
        return min(100, self.done * 100 // self.total)
