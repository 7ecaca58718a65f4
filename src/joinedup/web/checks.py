"""System checks for a misconfigured production, with ids of our own.

Django's own ``check --deploy`` covers cookies, HSTS and the secret key's
strength; these add what only joinedup knows.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Error, Warning, register

from joinedup.web.settings import DEMO_SECRET_KEY


@register(deploy=True)
def check_production(app_configs: Any, **kwargs: Any) -> list[Error | Warning]:
    problems: list[Error | Warning] = []
    if settings.SECRET_KEY == DEMO_SECRET_KEY:
        problems.append(
            Error(
                "JOINEDUP_SECRET_KEY is not set: the demo key is public.",
                hint="Set JOINEDUP_SECRET_KEY to a long random string.",
                id="joinedup.E001",
            )
        )
    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        problems.append(
            Warning(
                "The database is SQLite: production should use PostgreSQL.",
                hint="Set DATABASE_URL, e.g. postgres://user:password@host:5432/joinedup.",
                id="joinedup.W001",
            )
        )
    if settings.EMAIL_BACKEND.endswith("console.EmailBackend"):
        problems.append(
            Warning(
                "Email goes to the console: members will not receive their links.",
                hint="Set JOINEDUP_EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend "
                "and JOINEDUP_EMAIL_HOST.",
                id="joinedup.W002",
            )
        )
    if settings.HTTPS and not settings.PROXY_COUNT:
        problems.append(
            Warning(
                "JOINEDUP_HTTPS is on (TLS ended by a proxy) but JOINEDUP_PROXY_COUNT is 0: "
                "every client has the proxy's address, so one person's failed log-ins "
                "stop everyone logging in.",
                hint="Set JOINEDUP_PROXY_COUNT to the number of proxies in front of joinedup "
                "(usually 1).",
                id="joinedup.W003",
            )
        )
    return problems
