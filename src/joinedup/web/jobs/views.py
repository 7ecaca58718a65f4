"""A job's page: its progress while it runs, then its result or why it failed.

Every member of the job's partnership reads it; anyone else gets 404. While
the job waits or runs, joinedup.js fetches the page again every few seconds
and puts the new state in place; without JavaScript the page says when it
was shown and links to itself. (Not a meta refresh: a page that reloads on
its own timer fails WCAG 2.2.1.)
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone

from joinedup.web.access import Access, partnership_view
from joinedup.web.jobs.kinds import Kind, kind_of
from joinedup.web.pages import partnership_page

RELOAD_SECONDS = 5


@partnership_view()
def job_detail(request: HttpRequest, access: Access, pk: int) -> HttpResponse:
    job = get_object_or_404(access.partnership.jobs.select_related("requested_by"), pk=pk)
    kind = kind_of(job.kind) or Kind(job.kind, lambda run: None)
    return partnership_page(
        request,
        "jobs/job.jinja",
        access,
        job=job,
        kind=kind,
        reload_seconds=None if job.finished else RELOAD_SECONDS,
        now=timezone.now(),
    )
