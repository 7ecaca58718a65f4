"""The commands that run the web app, each in a fresh process with its own
JOINEDUP_HOME, as a user would run them."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from joinedup.cli import main
from tests.passwords import WEAK

JOINEDUP = [sys.executable, "-m", "joinedup"]


def _run(home: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    # A clean environment: no database or settings of the test run, and not the
    # browser tests' async allowance, which `check --deploy` rightly refuses.
    leave_out = ("JOINEDUP_", "DATABASE_URL", "DJANGO_")
    environ = {k: v for k, v in os.environ.items() if not k.startswith(leave_out)}
    environ.update(JOINEDUP_HOME=str(home), **env)
    return subprocess.run(
        [*JOINEDUP, *args], env=environ, capture_output=True, text=True, timeout=120
    )


def _count(home: Path, model: str) -> int:
    app = "django.contrib.auth" if model == "User" else "joinedup.web.partnerships"
    code = f"from {app}.models import {model}; print({model}.objects.count())"
    return int(_run(home, "manage", "shell", "-c", code).stdout.strip().splitlines()[-1])


def test_demo_sets_up_loads_and_prints_the_logins_without_duplicating(tmp_path: Path) -> None:
    home = tmp_path / "home"
    first = _run(home, "demo", "--no-server")
    assert first.returncode == 0, first.stderr
    assert (home / "joinedup.sqlite3").exists()
    for username in ("lead", "member", "analyst", "outsider"):
        assert username in first.stdout
    assert "joinedup-demo" in first.stdout
    counts = {
        model: _count(home, model)
        for model in ("Partnership", "Partner", "Member", "BudgetContribution")
    }
    assert counts["Partnership"] == 2
    assert "loaded already" not in first.stdout
    again = _run(home, "demo", "--no-server", COLUMNS="300")
    assert again.returncode == 0
    assert "The demo was loaded already, so it is as it was left" in again.stdout
    assert f"To start again from scratch, stop joinedup, delete {home.resolve()} and run" in (
        again.stdout
    )
    assert {model: _count(home, model) for model in counts} == counts


def test_the_demo_password_comes_from_the_environment(tmp_path: Path) -> None:
    result = _run(tmp_path, "demo", "--no-server", JOINEDUP_DEMO_PASSWORD="another-secret-9")
    assert "joinedup-demo" not in result.stdout
    check = (
        "from django.contrib.auth.models import User; "
        "print(User.objects.get(username='lead').check_password('another-secret-9'))"
    )
    assert _run(tmp_path, "manage", "shell", "-c", check).stdout.strip().endswith("True")


def test_serve_refuses_to_start_without_its_production_settings() -> None:
    result = CliRunner().invoke(
        main,
        ["serve"],
        env={"JOINEDUP_SECRET_KEY": "", "JOINEDUP_ALLOWED_HOSTS": "", "DATABASE_URL": ""},
    )
    assert result.exit_code == 2
    for name in ("JOINEDUP_SECRET_KEY", "JOINEDUP_ALLOWED_HOSTS", "DATABASE_URL"):
        assert f"{name} is not set" in result.output
    assert "Traceback" not in result.output


def test_serve_names_only_what_is_missing() -> None:
    result = CliRunner().invoke(
        main,
        ["serve"],
        env={
            "JOINEDUP_SECRET_KEY": "x" * 50,
            "JOINEDUP_ALLOWED_HOSTS": "example.org",
            "DATABASE_URL": "",
        },
    )
    assert result.exit_code == 2
    assert "DATABASE_URL is not set" in result.output
    assert "JOINEDUP_SECRET_KEY" not in result.output


def test_serve_refuses_a_bad_web_concurrency_before_touching_the_database() -> None:
    result = CliRunner().invoke(
        main,
        ["serve"],
        env={
            "JOINEDUP_SECRET_KEY": "x" * 50,
            "JOINEDUP_ALLOWED_HOSTS": "example.org",
            "DATABASE_URL": "postgres://nobody@127.0.0.1:1/none",
            "WEB_CONCURRENCY": "lots",
        },
    )
    assert result.exit_code == 2
    assert "WEB_CONCURRENCY must be a whole number from 1 to 64, not 'lots'" in result.output


PRODUCTION_LIKE = {
    "JOINEDUP_SECRET_KEY": secrets.token_urlsafe(50),
    "JOINEDUP_ALLOWED_HOSTS": "joinedup.example.org",
    "DATABASE_URL": "postgres://joinedup:secret@db.example.org:5432/joinedup",
    "JOINEDUP_HTTPS": "true",
    "JOINEDUP_HSTS_PRELOAD": "true",
    "JOINEDUP_EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
    "JOINEDUP_EMAIL_HOST": "smtp.example.org",
    "JOINEDUP_PROXY_COUNT": "1",
}


def test_check_deploy_is_silent_in_a_production_like_environment(tmp_path: Path) -> None:
    result = _run(
        tmp_path, "manage", "check", "--deploy", "--fail-level", "WARNING", **PRODUCTION_LIKE
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    ("unset", "check_id"),
    [
        ("JOINEDUP_SECRET_KEY", "joinedup.E001"),
        ("DATABASE_URL", "joinedup.W001"),
        ("JOINEDUP_EMAIL_BACKEND", "joinedup.W002"),
        ("JOINEDUP_PROXY_COUNT", "joinedup.W003"),
    ],
)
def test_check_deploy_names_each_misconfiguration(
    tmp_path: Path, unset: str, check_id: str
) -> None:
    env = {k: v for k, v in PRODUCTION_LIKE.items() if k != unset}
    result = _run(tmp_path, "manage", "check", "--deploy", **env)
    assert check_id in result.stdout + result.stderr


def test_createuser_and_migrate(tmp_path: Path) -> None:
    assert _run(tmp_path, "migrate").returncode == 0
    result = _run(
        tmp_path,
        "createuser",
        "j.smith",
        "--email",
        "j@example.org",
        JOINEDUP_NEW_USER_PASSWORD="a-long-enough-password",
    )
    assert result.returncode == 0, result.stderr
    again = _run(
        tmp_path, "createuser", "j.smith", JOINEDUP_NEW_USER_PASSWORD="a-long-enough-password"
    )
    assert again.returncode == 2
    assert "The username j.smith is taken" in again.stderr


def test_createuser_refuses_a_weak_password(tmp_path: Path) -> None:
    _run(tmp_path, "migrate")
    for weak, messages in {**WEAK, "password1234": ["This password is too common."]}.items():
        result = _run(tmp_path, "createuser", "k.jones", JOINEDUP_NEW_USER_PASSWORD=weak)
        assert result.returncode == 2, weak
        assert f"password: {' '.join(messages)}" in result.stderr
        assert "Traceback" not in result.stderr
    assert _count(tmp_path, "User") == 0


def test_staff_are_not_superusers_unless_asked_for(tmp_path: Path) -> None:
    _run(tmp_path, "migrate")
    password = {"JOINEDUP_NEW_USER_PASSWORD": "a-long-enough-password"}
    assert "(site staff)" in _run(tmp_path, "createuser", "staff", "--staff", **password).stdout
    made = _run(tmp_path, "createuser", "root", "--superuser", **password)
    assert "(site staff, superuser)" in made.stdout
    code = (
        "from django.contrib.auth.models import User; "
        "print(sorted(User.objects.values_list('username', 'is_staff', 'is_superuser')))"
    )
    found = _run(tmp_path, "manage", "shell", "-c", code).stdout.strip().splitlines()[-1]
    assert found == "[('root', True, True), ('staff', True, False)]"


def test_the_demo_refuses_a_weak_password(tmp_path: Path) -> None:
    result = _run(tmp_path, "demo", "--no-server", JOINEDUP_DEMO_PASSWORD="83920174")
    assert result.returncode == 2
    assert "JOINEDUP_DEMO_PASSWORD: This password is too short" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_database_that_is_not_migrated_is_a_message_not_a_traceback(tmp_path: Path) -> None:
    result = _run(tmp_path, "verdict", "riverside")
    assert result.returncode == 1
    assert "run: joinedup migrate" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_demo_writes_email_as_files_and_says_where(tmp_path: Path) -> None:
    result = _run(tmp_path, "demo", "--no-server", COLUMNS="200")
    assert f"written as a file in {tmp_path / 'mail'}" in result.stdout
