"""Imports in time linear in the rows: a fixed number of statements whatever
their size, one new data version, and nothing else in the partnership kept
waiting while one runs (docs/outcomes.md, docs/performance.md)."""

from __future__ import annotations

import datetime as dt
import threading
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from joinedup.core.outcomes import SeriesRow
from joinedup.web.assessments.links import link
from joinedup.web.assessments.models import Answer
from joinedup.web.outcomes import series
from joinedup.web.outcomes.models import ChangeRecord, DataPoint, Indicator
from tests.factories import World, make_indicator, make_round, month, months

START = dt.date(2000, 1, 1)


def _rows(count: int, value: float, start: dt.date = START) -> list[SeriesRow]:
    return [
        SeriesRow(n + 2, period, value + n, "") for n, period in enumerate(months(count, start))
    ]


def _indicator(world: World, count: int, name: str = "Delayed bed days") -> Indicator:
    indicator = make_indicator(world, name=name, frequency="monthly")
    series.apply_series(indicator, _rows(count, 10.0))
    return indicator


def _queries(world: World, count: int) -> list[str]:
    indicator = _indicator(world, count, name=f"Replaced {count}")
    with CaptureQueriesContext(connection) as done:
        series.apply_series(indicator, _rows(count, 50.0), source="bench")
    return [query["sql"] for query in done.captured_queries]


def test_replacing_values_takes_statements_for_batches_not_for_rows(world: World) -> None:
    # Before: one UPDATE per value replaced. Now a delete, and inserts in
    # batches (SQLite's are a few hundred rows).
    assert len(_queries(world, 300)) < 300 / 10


def test_an_import_changes_the_data_version_once(world: World) -> None:
    versions = [sql for sql in _queries(world, 100) if "data_version" in sql]
    assert len(versions) == 1 and versions[0].startswith("UPDATE")


def test_replaced_values_are_all_stored_and_each_kept_in_the_history(world: World) -> None:
    indicator = _indicator(world, 40)
    extra = SeriesRow(99, month(40, START), 1.0, "new")
    unchanged = [SeriesRow(1, START, 10.0, "")]  # the first value, as it is
    done = series.apply_series(indicator, [*unchanged, *_rows(40, 50.0)[1:], extra], user=None)
    assert (len(done.added), len(done.replaced), len(done.unchanged)) == (1, 39, 1)
    stored = dict(indicator.points.values_list("period", "value"))
    assert stored[START] == 10.0 and stored[month(39, START)] == 89.0 and len(stored) == 41
    history = ChangeRecord.objects.filter(indicator=indicator, field="value")
    assert history.count() == 39
    assert {record.changed_at for record in history} == {history[0].changed_at}
    assert abs(history[0].changed_at - timezone.now()) < dt.timedelta(minutes=1)
    assert history[0].period in stored and history[0].changed_by is None
    assert (
        history.get(period=month(1, START)).old == "11"
        and history.get(period=month(1, START)).new == "51"
    )


def test_values_between_replaced_ones_stay(world: World) -> None:
    indicator = _indicator(world, 10)
    kept = {month(n, START): 10.0 + n for n in (3, 7)}
    rows = [
        SeriesRow(n, period, kept.get(period, 90.0), "")
        for n, period in enumerate(months(10, START))
    ]
    series.apply_series(indicator, rows)
    stored = dict(indicator.points.values_list("period", "value"))
    assert stored == {period: kept.get(period, 90.0) for period in months(10, START)}


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor == "sqlite", reason="SQLite writes one at a time")
def test_an_import_under_way_keeps_nobody_else_in_the_partnership_waiting(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    importing = _indicator(world, 2_000)
    other = _indicator(world, 10, name="Readmissions")
    shown = make_round(world)
    url = f"{link(shown, world.partnership.members.get(user=world.member))}1/"
    answers = {s.id.replace(".", "-"): "3" for s in shown.framework.principles[0].statements}
    held, release = threading.Event(), threading.Event()
    writing = ChangeRecord.objects.bulk_create
    errors: list[BaseException] = []

    def hold_midway(records: Any, **options: Any) -> Any:
        made = writing(records, **options)
        if threading.current_thread().name == "import":
            held.set()  # every value written; the version is next
            assert release.wait(30)
        return made

    def run_import() -> None:
        try:
            series.apply_series(importing, _rows(2_000, 70.0), source="held")
        except BaseException as error:  # noqa: BLE001 - reported by the test
            errors.append(error)
        finally:
            held.set()
            connection.close()

    monkeypatch.setattr(ChangeRecord.objects, "bulk_create", hold_midway)
    thread = threading.Thread(target=run_import, name="import")
    thread.start()
    try:
        assert held.wait(60)
        with connection.cursor() as cursor:
            cursor.execute("SET lock_timeout = '1s'")
        # Another analyst's value, and a member's answer, from another connection.
        series.apply_series(other, [SeriesRow(1, month(10, START), 5.0, "")], source="page")
        assert Client().post(url, answers).status_code == 302
    finally:
        release.set()
        thread.join()
    assert not errors, errors
    assert DataPoint.objects.filter(indicator=importing, value__gte=70).count() == 2_000
    assert DataPoint.objects.filter(indicator=other).count() == 11
    assert Answer.objects.filter(response__round=shown).exists()
