"""Fixtures for the whole suite."""

from __future__ import annotations

from typing import Any

import pytest

from joinedup.web.partnerships.models import Partnership
from tests.factories import make_partnership


@pytest.fixture(autouse=True)
def _fast_hasher(settings: Any) -> None:
    # Each PBKDF2 hash costs a good share of a second; tests check no password's strength.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def riverside(db: Any) -> Partnership:
    """A partnership with nobody in it yet, started in April 2022."""
    return make_partnership()
