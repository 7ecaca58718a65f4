"""Loading the demo: one transaction, one data-version change per partnership,
and a bounded number of queries (it was 7,469 when every row bumped a version)."""

from __future__ import annotations

from typing import Any
from unittest import mock

from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext

from joinedup.web import demo
from joinedup.web.partnerships.models import Partnership

# A third of the 7,469 queries loading the demo ran when every row's save
# replaced its partnership's version (issue 11).
MOST_QUERIES = 7_469 // 3


def test_loading_the_demo_changes_each_version_once_in_few_queries(db: Any) -> None:
    with CaptureQueriesContext(connection) as queries:
        demo.load()
    updates = [q for q in queries if q["sql"].startswith('UPDATE "partnerships_partnership"')]
    print(f"loading the demo: {len(queries)} queries")  # shown with pytest -s
    assert len(queries) <= MOST_QUERIES
    assert len(updates) == 1  # every partnership at once, at the end


def test_the_demo_hashes_its_one_password_once(db: Any, settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    calls = []
    real = PBKDF2PasswordHasher.encode

    def counted(self: Any, password: str, salt: str, iterations: int | None = None) -> str:
        calls.append(password)
        return real(self, password, salt, iterations)

    with mock.patch.object(PBKDF2PasswordHasher, "encode", counted):
        demo.load()
    assert len(calls) == 1
    user = User.objects.get(username="lead")
    assert user.check_password(demo.password())


def test_loading_the_demo_again_gives_every_partnership_a_new_version(db: Any) -> None:
    demo.load()
    before = dict(Partnership.objects.values_list("slug", "data_version"))
    demo.load()
    after = dict(Partnership.objects.values_list("slug", "data_version"))
    assert all(after[slug] != version for slug, version in before.items())
