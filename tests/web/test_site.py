"""Pages outside any partnership: health check, login, error pages."""

from __future__ import annotations

from unittest import mock

from django.db import DatabaseError


def test_healthz_answers_ok_with_json(client, db) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_healthz_says_when_the_database_does_not_answer(client, db) -> None:
    with mock.patch("joinedup.web.views.connection.cursor", side_effect=DatabaseError("down")):
        response = client.get("/healthz")
    assert response.status_code == 503


def test_a_wrong_password_is_an_error_summary(client, db) -> None:
    page = client.post("/accounts/login/", {"username": "x", "password": "y"}).content.decode()
    assert "<title>Error: Log in" in page
    assert 'href="#id_username"' in page


def test_the_home_page_leads_to_the_partnerships(client, db) -> None:
    assert client.get("/").status_code == 302


def test_the_404_page_is_ours(client, db) -> None:
    page = client.get("/nowhere/").content.decode()
    assert "Page not found" in page


def test_pages_load_nothing_from_another_host(client, world) -> None:
    client.force_login(world.owner)
    page = client.get("/partnerships/riverside/").content.decode()
    for attribute in ('src="http', 'href="http'):
        assert attribute not in page
