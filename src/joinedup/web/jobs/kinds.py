"""The kinds of job and their handlers, registered by the apps that own them.

An area app registers its kinds when Django starts (in its ``AppConfig.ready``);
this app never imports them, so it stays below them in the layers::

    from joinedup.web.jobs.kinds import Kind, register

    class OutcomesConfig(AppConfig):
        def ready(self) -> None:
            from joinedup.web.outcomes import import_job

            register(Kind("outcomes.import", import_job.run, unit="row", units="rows"))

A handler takes the :class:`~joinedup.web.jobs.worker.Run` and returns what
its page shows (a JSON-able dict, or None). It may run more than once for one
job (a worker killed half-way, a failure tried again): each run must leave
things as one run would.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ImproperlyConfigured

if TYPE_CHECKING:
    from joinedup.web.jobs.worker import Run

Handler = Callable[["Run"], dict[str, Any] | None]


@dataclass(frozen=True)
class Kind:
    name: str  # "app.what": stored in every job of this kind
    handler: Handler
    unit: str = "step"  # what its progress counts, for "120 of 1,000 rows"
    units: str | None = None  # the plural, when adding an s will not do
    # Shows the result on the job's page (given ``job`` and ``result``); by
    # default: result["summary"], then the list result["problems"], then the
    # link result["next"] ({"text": ..., "url": ...}).
    result_template: str = "jobs/result.jinja"


_kinds: dict[str, Kind] = {}


class JobFailed(Exception):
    """The job cannot be done; the message says why, to the person who asked."""


class TryAgainLater(JobFailed):
    """The job failed for a reason that may pass (a mail server down): the
    worker tries it again later, up to ``JOBS_ATTEMPTS`` tries in all."""


def register(kind: Kind) -> None:
    """Make ``kind`` known to the worker (once per kind; again with the same
    handler is harmless, so a second ``ready`` is too)."""
    known = _kinds.get(kind.name)
    if known is not None and known != kind:
        raise ImproperlyConfigured(f"Two kinds of job are called {kind.name!r}")
    _kinds[kind.name] = kind


def kind_of(name: str) -> Kind | None:
    return _kinds.get(name)
