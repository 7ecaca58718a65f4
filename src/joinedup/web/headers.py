"""Response headers that keep private pages private: nothing joinedup renders
is kept by a browser or a shared cache (see docs/production.md).

The Content-Security-Policy (django-csp), Permissions-Policy
(django-permissions-policy) and Referrer-Policy (Django's SecurityMiddleware)
are settings; this middleware adds what no library does for every page.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers


class NoStoreMiddleware:
    """``Cache-Control: no-store`` (and the rest of Django's ``never_cache``) on
    every response the app renders: partnership pages, exports, personal
    links, the log-in page. Static files never reach it (whitenoise answers
    them first, with their own long caching)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        add_never_cache_headers(response)
        return response
