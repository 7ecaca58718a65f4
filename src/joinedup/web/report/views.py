"""The board report's pages: HTML to read and print, and the PDF. Every member
and viewer of the partnership reads them; anyone else gets 404."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from joinedup.web.access import Access, partnership_view
from joinedup.web.pages import partnership_page
from joinedup.web.report import render
from joinedup.web.report.build import build, context


@partnership_view()
def report_page(request: HttpRequest, access: Access) -> HttpResponse:
    report = build(access.partnership)
    return partnership_page(request, "report/page.jinja", access, **context(report))


@partnership_view()
def report_pdf(request: HttpRequest, access: Access) -> HttpResponse:
    report = build(access.partnership)
    response = HttpResponse(render.pdf(report), content_type="application/pdf")
    name = f"{access.partnership.slug}-report-{report.as_of.isoformat()}.pdf"
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response
