"""The partnership overview page: the verdict, the outcomes, the cost, the set-up."""

from __future__ import annotations

import io
from collections import Counter
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from joinedup.core.register import STRUCTURAL_FEATURES
from joinedup.web.access import Access, partnership_view
from joinedup.web.freshness.cache import cached
from joinedup.web.overview import export
from joinedup.web.overview.verdict import dashboard
from joinedup.web.pages import partnership_page
from joinedup.web.partnerships.models import Member, Partnership


@partnership_view()
def overview(request: HttpRequest, access: Access) -> HttpResponse:
    partnership = access.partnership
    # Leads also get a "Raise an action" link by each integrity flag: a
    # second rendering, cached apart.
    can_raise = access.can_manage
    shared = cached(
        partnership,
        "overview:lead" if can_raise else "overview",
        lambda: _overview_for_everyone(partnership, can_raise),
    )
    return partnership_page(request, "overview/overview.jinja", access, **shared)


@partnership_view()
def export_zip(request: HttpRequest, access: Access) -> HttpResponse:
    """The partnership export (joinedup.web.overview.export) as a download."""
    today = timezone.localdate()
    archive = io.BytesIO()
    export.write(access.partnership, archive, today)
    response = HttpResponse(archive.getvalue(), content_type="application/zip")
    response["Content-Disposition"] = (
        f'attachment; filename="{access.partnership.slug}-{today.isoformat()}.zip"'
    )
    return response


def _overview_for_everyone(partnership: Partnership, can_raise: bool) -> dict[str, Any]:
    """The overview as every member sees it (the verdict, accountability gaps,
    cost, outcomes, and the partnership's set-up), rendered once per data
    version and day, and once more for leads (``can_raise`` actions): it is
    most of the page's cost (docs/performance.md). The rest of the reader's
    role stays outside."""
    partners = list(partnership.partners.all())
    current = list(
        Member.objects.current()
        .filter(partnership=partnership)
        .values_list("partner_id", flat=True)
    )
    context = {
        "partnership": partnership,
        "partners": partners,
        "members_by_partner": Counter(current),
        "current_members": len(current),
        "features": [
            (label, getattr(partnership, name)) for name, label in STRUCTURAL_FEATURES.items()
        ],
        "budget": partnership.budget_by_year(),
        "can_raise": can_raise,
        **dashboard(partnership),
    }
    return {"dashboard": _html("overview/dashboard.jinja", context)}


def _html(template: str, context: dict[str, Any]) -> SafeString:
    return mark_safe(render_to_string(template, context))  # our autoescaping templates
