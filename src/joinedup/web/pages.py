"""Small helpers every view uses to handle forms and render partnership pages."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from joinedup.web.access import Access


def posted(request: HttpRequest) -> Any:
    """The submitted data, or None for a GET (so an empty POST still validates)."""
    return request.POST if request.method == "POST" else None


def partnership_page(
    request: HttpRequest, template: str, access: Access | None, **context: Any
) -> HttpResponse:
    """Render ``template`` with the partnership and the user's access in context.

    The layout shows the partnership's section navigation whenever
    ``partnership`` is in the context.
    """
    if access is not None:
        context.setdefault("access", access)
        context.setdefault("partnership", access.partnership)
    return render(request, template, context)
