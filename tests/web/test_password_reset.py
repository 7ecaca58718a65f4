"""Password reset by email, for everyone: Django's views with our pages."""

from __future__ import annotations

import html
import re
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.http import HttpRequest
from django.test import Client
from django.urls import reverse

from tests.passwords import WEAK

NEW = "another long pass phrase"


def _ask(client: Client, email: str) -> str:
    response = client.post(reverse("accounts:password_reset"), {"email": email})
    assert response["Location"] == reverse("accounts:password_reset_sent")
    return client.get(response["Location"]).content.decode()


def test_a_person_resets_their_password_from_the_emailed_link(db) -> None:
    User.objects.create_user("jo", email="jo@example.org", password="old password 1234")
    client = Client()
    assert "Check your email" in _ask(client, "JO@example.org")
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert "&#" not in body and "the joinedup account jo" in body
    link = re.search(r"http://testserver(\S+)", body).group(1)
    form = client.get(link, follow=True)
    assert "Choose a new password" in form.content.decode()
    done = client.post(
        form.redirect_chain[-1][0], {"new_password1": NEW, "new_password2": NEW}, follow=True
    )
    assert "Your password has been changed" in done.content.decode()
    assert Client().login(request=HttpRequest(), username="jo", password=NEW)
    used = Client().get(link, follow=True).content.decode()
    assert "This password reset link does not work" in used


def test_an_unknown_address_reads_the_same_and_sends_nothing(db) -> None:
    assert "Check your email" in _ask(Client(), "nobody@example.org")
    assert mail.outbox == []


def test_an_empty_request_names_the_field(db) -> None:
    page = Client().post(reverse("accounts:password_reset"), {}).content.decode()
    assert "Enter the email address of your joinedup account" in page
    assert "<title>Error: " in page


@pytest.mark.parametrize(("weak", "messages"), WEAK.items())
def test_a_weak_new_password_is_refused_on_its_field(
    db: object, weak: str, messages: list[str]
) -> None:
    User.objects.create_user("jo", email="jo@example.org", password="old password 1234")
    client = Client()
    _ask(client, "jo@example.org")
    link = re.search(r"http://testserver(\S+)", mail.outbox[0].body).group(1)
    form_url = client.get(link, follow=True).redirect_chain[-1][0]
    response = client.post(form_url, {"new_password1": weak, "new_password2": weak})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Error: </span>" + html.escape(" ".join(messages)) in page
    assert User.objects.get(username="jo").check_password("old password 1234")


@pytest.mark.parametrize("email", ["jo@example.org", "nobody@example.org"])
def test_a_mail_server_that_is_down_is_said_for_any_address(
    db: object, settings: Any, email: str
) -> None:
    User.objects.create_user("jo", email="jo@example.org", password="old password 1234")
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 1, 2
    response = Client().post(reverse("accounts:password_reset"), {"email": email})
    assert response.status_code == 200  # the form again, not "we have sent it a link"
    page = html.unescape(response.content.decode())
    assert "The email could not be sent just now" in page and "Try again later" in page
    assert "Check your email" not in page and "Traceback" not in page
