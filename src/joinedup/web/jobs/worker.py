"""Running jobs: claim one with a conditional update, run its handler, record
how it ended.

A claim is ``UPDATE job SET status='running', claimed_by=me, attempts=n+1
WHERE id=? AND <still claimable>``: the database lets exactly one worker's
update match, so any number of workers on any number of machines share one
queue, on PostgreSQL or SQLite. Every later write of a run (progress, the
end) is conditional on the same claim (worker and attempt), so a worker
whose claim was taken over after it fell silent cannot overwrite the new run.
Why: docs/adr/1004-jobs-in-a-table.md.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
import threading
import uuid
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import DatabaseError, close_old_connections, connection
from django.db.models import F, Q
from django.utils import timezone

from joinedup.core.errors import InputError
from joinedup.web.jobs.kinds import JobFailed, TryAgainLater, kind_of
from joinedup.web.jobs.models import Job, Status, claimable

logger = logging.getLogger(__name__)
CANDIDATES = 20  # jobs looked at per claim; the rest wait for the next
FORGET_EVERY = dt.timedelta(days=1)  # how often a running worker deletes old jobs


class ClaimLost(Exception):
    """Another worker took this job over: this run stops without writing."""


def worker_name() -> str:
    """Unique to this process: host, process id and a random part."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


@dataclass
class Run:
    """One claim of one job, handed to its handler."""

    job: Job
    worker: str

    @property
    def params(self) -> dict[str, Any]:
        return dict(self.job.params)

    def _mine(self) -> Any:
        return Job.objects.filter(
            pk=self.job.pk,
            status=Status.RUNNING,
            claimed_by=self.worker,
            attempts=self.job.attempts,
        )

    def progress(self, done: int, total: int | None = None) -> None:
        """Record how far the job got (and that its worker is alive).

        Call it outside any open transaction, at least once every
        ``JOBS_STALE_AFTER`` seconds: other workers take over a claim that
        shows no sign of life for longer. Raises ClaimLost when one did.
        """
        fields: dict[str, Any] = {"done": done, "heartbeat_at": timezone.now()}
        if total is not None:
            fields["total"] = total
        if not self._mine().update(**fields):
            raise ClaimLost(f"job {self.job.pk} was taken over by another worker")
        self.job.done = done
        if total is not None:
            self.job.total = total

    def finish(self, **fields: Any) -> None:
        fields.setdefault("finished_at", timezone.now())
        if not self._mine().update(**fields):
            logger.warning("Job %s was taken over before %s finished it", self.job.pk, self.worker)


def fail_worn_out(now: Any) -> int:
    """Jobs whose workers fell silent on every one of their tries fail for good."""
    stale = Job.objects.filter(claimable(now), status=Status.RUNNING)
    return stale.filter(attempts__gte=settings.JOBS_ATTEMPTS).update(
        status=Status.FAILED,
        retry_at=None,
        finished_at=now,
        error=(
            f"The worker running this job stopped before it finished, "
            f"{settings.JOBS_ATTEMPTS} times: it will not be tried again. "
            "Ask the administrator to look at the worker's log."
        ),
    )


def claim_next(worker: str) -> Run | None:
    """Claim the oldest job that may be claimed now, or None."""
    now = timezone.now()
    fail_worn_out(now)
    candidates = Job.objects.filter(claimable(now)).order_by("queued_at", "pk")
    for pk in candidates.values_list("pk", flat=True)[:CANDIDATES]:
        claimed = (
            Job.objects.filter(claimable(now), pk=pk)
            .exclude(status=Status.RUNNING, attempts__gte=settings.JOBS_ATTEMPTS)
            .update(
                status=Status.RUNNING,
                claimed_by=worker,
                attempts=F("attempts") + 1,
                started_at=now,
                heartbeat_at=now,
                retry_at=None,
            )
        )
        if claimed:  # this worker's update matched: the job is ours alone
            return Run(Job.objects.get(pk=pk), worker)
    return None


def forget_old(now: Any) -> int:
    """Delete jobs that ended more than ``JOBS_KEEP_DAYS`` ago (their
    parameters and results may hold personal data: docs/operations.md)."""
    ended = Q(status=Status.DONE) | Q(status=Status.FAILED, retry_at__isnull=True)
    old = now - dt.timedelta(days=settings.JOBS_KEEP_DAYS)
    deleted, _ = Job.objects.filter(ended, finished_at__lt=old).delete()
    return deleted


def unexpected(exc: BaseException) -> str:
    return (
        f"The job stopped on an unexpected error ({type(exc).__name__}). The server's log "
        "has the details for the administrator."
    )


def execute(run: Run) -> None:
    """Run the claimed job's handler and record how it ended."""
    job = run.job
    kind = kind_of(job.kind)
    if kind is None:
        run.finish(
            status=Status.FAILED,
            error=f"This version of joinedup does not know jobs of the kind {job.kind!r}.",
        )
        return
    try:
        result = kind.handler(run)
    except ClaimLost:
        logger.warning("Job %s was taken over by another worker; %s stops", job.pk, run.worker)
    except TryAgainLater as exc:
        again = job.attempts < settings.JOBS_ATTEMPTS
        wait = dt.timedelta(seconds=settings.JOBS_RETRY_AFTER * job.attempts)
        retry_at = timezone.now() + wait if again else None
        logger.warning("Job %s failed (try %s): %s", job.pk, job.attempts, exc)
        run.finish(status=Status.FAILED, error=str(exc), retry_at=retry_at)
    except (JobFailed, InputError) as exc:
        run.finish(status=Status.FAILED, error=str(exc))
    except Exception as exc:
        logger.exception("Job %s (%s) failed", job.pk, job.kind)
        run.finish(status=Status.FAILED, error=unexpected(exc))
    else:
        run.finish(status=Status.DONE, result=result, error="")


def work(worker: str, *, once: bool, poll: float, stop: threading.Event) -> int:
    """Run jobs until ``stop`` is set (or, with ``once``, until none is left
    to claim). Returns how many were run."""
    count = 0
    forgot_at: dt.datetime | None = None
    while not stop.is_set():
        if not connection.in_atomic_block:  # (a test's transaction must stay open)
            close_old_connections()  # a long-lived process: never keep a broken connection
        try:
            now = timezone.now()
            if forgot_at is None or now - forgot_at >= FORGET_EVERY:
                forget_old(now)  # when it starts, then daily: a worker may run for months
                forgot_at = now
            run = claim_next(worker)
            if run is not None:
                logger.info(
                    "Running job %s (%s, try %s)", run.job.pk, run.job.kind, run.job.attempts
                )
                execute(run)
                count += 1
        except DatabaseError:
            if once:
                raise
            # The database is down, or busy (SQLite locked by a long write): a
            # claim it did not record is taken over later. Wait, and look again.
            logger.exception("Worker %s could not use the database", worker)
            run = None
        if run is None:
            if once:
                break
            stop.wait(poll)
    return count
