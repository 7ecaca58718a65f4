"""Loading the demo: one transaction, one data-version change per partnership,
and a bounded number of queries (it was 7,469 when every row bumped a version)."""

from __future__ import annotations

from typing import Any
from unittest import mock

from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from joinedup.web import demo
from joinedup.web.assessments.models import Round
from joinedup.web.outcomes.models import DataPoint
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


def test_loading_the_demo_again_leaves_it_as_it_was_left(db: Any) -> None:
    assert demo.load()
    lead = Client()
    lead.force_login(User.objects.get(username="lead"))
    opened = Round.objects.open().get(partnership__slug="riverside")
    close = reverse("assessments:close", args=["riverside", opened.pk])
    assert lead.post(close).status_code == 302
    point = DataPoint.objects.filter(indicator__outcome__partnership__slug="riverside").first()
    DataPoint.objects.filter(pk=point.pk).update(value=401)
    versions = dict(Partnership.objects.values_list("slug", "data_version"))
    with CaptureQueriesContext(connection) as queries:
        assert not demo.load()  # ./run demo does this on every start
    assert len(queries) <= 2
    assert dict(Partnership.objects.values_list("slug", "data_version")) == versions
    assert Round.objects.get(pk=opened.pk).is_closed
    assert DataPoint.objects.get(pk=point.pk).value == 401
    again = lead.post(close, follow=True)
    assert again.status_code == 200 and "was closed already" in again.content.decode()
