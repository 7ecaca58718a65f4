"""Log-in throttling (django-axes): 10 failures for one username or from one
address within 15 minutes stop logging in for 15 minutes, on our log-in page
and the admin's, with a message saying so, and each failure is logged."""

from __future__ import annotations

import datetime as dt
import logging

import pytest
import time_machine
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

LOGIN = "/accounts/login/"
ADMIN_LOGIN = "/admin/login/"
STOPPED = "Logging in has been stopped for 15 minutes after 10 failed attempts"


@pytest.fixture
def jo(db: object) -> User:
    return User.objects.create_user("jo", password="the-right-password", is_staff=True)


def _log_in(client: Client, password: str, url: str = LOGIN, **extra: str) -> int:
    response = client.post(url, {"username": "jo", "password": password}, **extra)
    return response.status_code


def _logged_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


@pytest.mark.parametrize("url", [LOGIN, ADMIN_LOGIN])
def test_a_hundred_wrong_passwords_then_the_right_one_is_refused(jo: User, url: str) -> None:
    client = Client()
    codes = [_log_in(client, f"guess-{n}", url) for n in range(100)]
    assert codes[:9] == [200] * 9  # the form again, saying the password is wrong
    assert set(codes[9:]) == {429}
    response = client.post(url, {"username": "jo", "password": "the-right-password"})
    assert response.status_code == 429
    assert not _logged_in(client)
    page = response.content.decode()
    assert STOPPED in page
    assert "Wait 15 minutes, then try again" in page
    if url == LOGIN:  # our page, in the NHS.UK style, with its error summary
        assert "nhsuk-error-summary" in page and "Log in to joinedup" in page


def test_after_the_cool_off_the_right_password_works(jo: User) -> None:
    client = Client()
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        for n in range(10):
            _log_in(client, f"guess-{n}")
        traveller.shift(dt.timedelta(minutes=14))
        assert _log_in(client, "the-right-password") == 429
        traveller.shift(dt.timedelta(minutes=16))  # 15 minutes after the last attempt
        assert _log_in(client, "the-right-password") == 302
    assert _logged_in(client)


def test_failures_are_forgotten_after_15_minutes_without_one(jo: User) -> None:
    client = Client()
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        for n in range(9):
            _log_in(client, f"guess-{n}")
        traveller.shift(dt.timedelta(minutes=16))
        for n in range(9):
            assert _log_in(client, f"again-{n}") == 200
        assert _log_in(client, "the-right-password") == 302


def test_another_person_from_another_address_is_not_locked_out(jo: User) -> None:
    User.objects.create_user("sam", password="sams-own-password")
    attacker = Client()
    for n in range(20):
        _log_in(attacker, f"guess-{n}")
    sam = Client()
    response = sam.post(
        LOGIN, {"username": "sam", "password": "sams-own-password"}, REMOTE_ADDR="10.1.2.3"
    )
    assert response.status_code == 302
    assert _logged_in(sam)


def test_one_address_trying_many_usernames_is_locked_out(jo: User) -> None:
    client = Client()
    for n in range(10):
        client.post(LOGIN, {"username": f"user{n}", "password": "guess"})
    assert _log_in(client, "the-right-password") == 429


def test_the_username_is_locked_from_every_address(jo: User) -> None:
    for n in range(10):
        _log_in(Client(), f"guess-{n}", REMOTE_ADDR=f"10.0.0.{n}")
    assert _log_in(Client(), "the-right-password", REMOTE_ADDR="10.9.9.9") == 429


def test_each_failure_is_logged(jo: User, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING):
        _log_in(Client(), "wrong")
    [failure] = [r for r in caplog.records if "login failure" in r.getMessage().lower()]
    assert 'username: "jo"' in failure.getMessage()
    assert "127.0.0.1" in failure.getMessage()
    assert "wrong" not in caplog.text  # never the password


def test_behind_a_proxy_the_address_is_the_one_the_proxy_saw(jo: User, settings: object) -> None:
    settings.AXES_IPWARE_PROXY_COUNT = 1  # type: ignore[attr-defined]
    settings.AXES_IPWARE_PROXY_ORDER = "right-most"  # type: ignore[attr-defined]
    settings.AXES_IPWARE_META_PRECEDENCE_ORDER = (  # type: ignore[attr-defined]
        "HTTP_X_FORWARDED_FOR",
        "REMOTE_ADDR",
    )
    User.objects.create_user("sam", password="sams-own-password")
    for n in range(10):  # whatever the attacker claims to be, the proxy adds its address
        Client().post(
            LOGIN,
            {"username": f"user{n}", "password": "guess"},
            HTTP_X_FORWARDED_FOR=f"192.0.2.{n}, 203.0.113.9",
        )
    sam = Client().post(
        LOGIN,
        {"username": "sam", "password": "sams-own-password"},
        HTTP_X_FORWARDED_FOR="198.51.100.7",
    )
    assert sam.status_code == 302  # another client behind the same proxy
    attacker = Client().post(
        LOGIN,
        {"username": "sam", "password": "sams-own-password"},
        HTTP_X_FORWARDED_FOR="192.0.2.200, 203.0.113.9",
    )
    assert attacker.status_code == 429
