"""Putting a job in the queue: once per key, whoever asks and however often."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db import IntegrityError, transaction

from joinedup.web.jobs.kinds import kind_of
from joinedup.web.jobs.models import Job
from joinedup.web.partnerships.models import Partnership


def enqueue(
    kind: str,
    key: str,
    *,
    title: str,
    partnership: Partnership | None = None,
    params: dict[str, Any] | None = None,
    requested_by: Any = None,
) -> tuple[Job, bool]:
    """Queue a job of ``kind`` under ``key``, unless a job with that key exists.

    Returns the job with that key and whether this call queued it. Two app
    servers asking at the same moment get the same job: the unique key
    decides, in the database.
    """
    if kind_of(kind) is None:
        raise ImproperlyConfigured(f"No kind of job is called {kind!r}: register it first")
    try:
        with transaction.atomic():
            job = Job.objects.create(
                kind=kind,
                key=key,
                title=title,
                partnership=partnership,
                params=params or {},
                requested_by=requested_by,
            )
        return job, True
    except IntegrityError:
        existing = Job.objects.filter(key=key).first()
        if existing is None:  # refused for another reason than the key
            raise
        return existing, False
