"""Binding a response to the browser that saved it (docs/adr/0301-signed-personal-links.md).

The lead can see every member's personal link, so the link alone must not
show anyone the answers saved with it. The browser that saves a response gets
a random resume secret in a cookie of its own, and the response keeps only
the secret's SHA-256. A browser whose cookie matches is shown the answers it
saved; any other browser holding the link is shown none, and its first save
binds the response to it instead.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets

from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from joinedup.web.assessments.models import Response

# Every personal link's pages, and no other page of the site (see web/urls.py).
COOKIE_PATH = "/r/"


def cookie_name(response: Response) -> str:
    # One cookie per response, so that a browser used for two links (a member
    # of two partnerships) stays bound to both.
    return f"joinedup_resume_{response.pk}"


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def is_bound(request: HttpRequest, response: Response) -> bool:
    """Whether ``response`` is bound to the browser that sent ``request``."""
    secret = request.COOKIES.get(cookie_name(response), "")
    if not secret or not response.resume_hash:
        return False
    return hmac.compare_digest(_digest(secret), response.resume_hash)


def bind(response: Response) -> str:
    """Bind ``response`` (unsaved) to a new browser; return the secret for its cookie.

    The secret is always new, never the one in an existing cookie, so a cookie
    planted in someone's browser cannot be used to read what they save.
    """
    secret = secrets.token_urlsafe(32)
    response.resume_hash = _digest(secret)
    response.resume_pages = []
    return secret


def set_cookie(request: HttpRequest, page: HttpResponse, response: Response, secret: str) -> None:
    """Give the browser its secret until the end of the round's closing date (London)."""
    closes = response.round.closes_on + dt.timedelta(days=1)
    page.set_cookie(
        cookie_name(response),
        secret,
        expires=timezone.make_aware(dt.datetime.combine(closes, dt.time.min)),
        path=COOKIE_PATH,
        secure=request.is_secure(),
        httponly=True,
        samesite="Lax",
    )
