"""What a person sees when django-axes stops their logins: the log-in page they
used (ours, or the admin's), with a message saying why and for how long.

Axes calls :func:`response` (``AXES_LOCKOUT_CALLABLE``) for every log-in
attempt while a username or an address is locked out, and for the failed
attempt that locks it.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from http import HTTPStatus
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from joinedup.core.numbers import plural

logger = logging.getLogger(__name__)


def minutes(period: timedelta) -> str:
    return plural(round(period.total_seconds() / 60), "minute")


def message() -> str:
    wait = minutes(settings.AXES_COOLOFF_TIME)
    return (
        f"Logging in has been stopped for {wait} after "
        f"{plural(settings.AXES_FAILURE_LIMIT, 'failed attempt')} with this username or "
        f"from this address. Wait {wait}, then try again. If you have forgotten your "
        "password, reset it."
    )


class LockedOutForm(AuthenticationForm):
    """The log-in form, refusing with the message whatever it is given (it never
    checks the password: axes would count that as another attempt)."""

    def clean(self) -> dict[str, Any]:
        raise forms.ValidationError(message(), code="locked_out")


class LockedOutAdminForm(LockedOutForm, AdminAuthenticationForm):
    pass


def response(
    request: HttpRequest, original_response: HttpResponse | None, credentials: dict[str, Any]
) -> HttpResponse:
    username = (credentials or {}).get("username", "")
    logger.warning("Log-in refused while locked out: username %r, %s", username, request.path)
    status = HTTPStatus.TOO_MANY_REQUESTS
    data = request.POST or None
    next_url = request.POST.get(REDIRECT_FIELD_NAME, request.GET.get(REDIRECT_FIELD_NAME, ""))
    if request.path == reverse("admin:login"):
        context = {
            **admin.site.each_context(request),
            "title": "Log in",
            "app_path": request.get_full_path(),
            "form": LockedOutAdminForm(request, data=data),
            REDIRECT_FIELD_NAME: next_url,
        }
        return render(request, "admin/login.html", context, status=status, using="django")
    form = LockedOutForm(request, data=data)
    return render(
        request, "registration/login.html", {"form": form, "next": next_url}, status=status
    )
