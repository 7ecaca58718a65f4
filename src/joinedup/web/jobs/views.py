"""A job's page: its progress while it runs, then its result or why it failed.

Every member of the job's partnership reads it; anyone else gets 404. While
the job is waiting or running the page reloads itself (a meta refresh: no
script), and says so.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

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
    )
