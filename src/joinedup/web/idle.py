"""Sessions that end after a while without a request (SESSION_COOKIE_AGE).

Each request renews the session, but writes it at most once every
``RENEW_EVERY``: writing it on every request (SESSION_SAVE_EVERY_REQUEST)
would add a write to every page, the cached dashboard's included. So a
session ends between ``SESSION_COOKIE_AGE - RENEW_EVERY`` and
``SESSION_COOKIE_AGE`` after its last request.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

RENEW_EVERY = 5 * 60  # seconds
_KEY = "joinedup_renewed"  # when the session was last written, in seconds since 1970


class RenewSessionMiddleware:
    """Marks a logged-in session to be written again (with a new expiry) once
    ``RENEW_EVERY`` has passed since it was last. After SessionMiddleware."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        session = request.session
        if not session.is_empty():
            now = int(time.time())
            if now - int(session.get(_KEY, 0)) >= RENEW_EVERY:
                session[_KEY] = now  # modified: SessionMiddleware saves it, expiring later
        return response
