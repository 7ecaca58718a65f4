"""A session ends after 8 hours without a request; requests renew it, writing
it at most once every 5 minutes."""

from __future__ import annotations

import datetime as dt

import time_machine
from django.conf import settings
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

HOURS = dt.timedelta(hours=1)


def _in(client: Client) -> bool:
    return client.get("/partnerships/").status_code == 200


def test_a_session_ends_after_eight_idle_hours_and_lives_while_used(db: object) -> None:
    assert settings.SESSION_COOKIE_AGE == 8 * 3600
    client = Client()
    client.force_login(User.objects.create_user("jo"))
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        for _ in range(3):  # a working day and more, with a request every 7 hours
            traveller.shift(7 * HOURS)
            assert _in(client)
        traveller.shift(8 * HOURS + dt.timedelta(minutes=1))
        assert not _in(client)
        assert client.get("/partnerships/")["Location"].startswith("/accounts/login/")


def test_the_session_cookie_keeps_its_flags(db: object) -> None:
    client = Client()
    client.force_login(User.objects.create_user("jo"))
    response = client.get("/partnerships/")
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert cookie["max-age"] == 8 * 3600


def test_the_session_is_written_at_most_every_five_minutes(db: object) -> None:
    client = Client()
    client.force_login(User.objects.create_user("jo"))

    def writes() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert _in(client)
        return sum(q["sql"].startswith("UPDATE") and "django_session" in q["sql"] for q in queries)

    with time_machine.travel(timezone.now(), tick=False) as traveller:
        assert writes() == 1  # the first request after logging in
        traveller.shift(dt.timedelta(minutes=4))
        assert writes() == 0
        traveller.shift(dt.timedelta(minutes=1))
        assert writes() == 1
