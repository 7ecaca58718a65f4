"""Large web imports run by the worker: checked by one job (its page shows
progress, then every bad row or what would change), confirmed on the usual
page, applied by a second job. Small files stay in the request."""

from __future__ import annotations

import datetime as dt
import io
import re
import threading
import zipfile
from typing import Any

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from joinedup.core.outcomes import SeriesRow
from joinedup.web.jobs.models import Job, Status
from joinedup.web.jobs.worker import work
from joinedup.web.outcomes import series
from joinedup.web.outcomes.import_jobs import rows_in
from joinedup.web.outcomes.models import ChangeRecord, Indicator, Upload
from tests.factories import World, confirm_import, make_indicator, month, outcomes_url

GOOD = "period,value\n" + "".join(f"{month(n, dt.date(2021, 1, 1))},{n}\n" for n in range(12))


@pytest.fixture(autouse=True)
def _small_threshold(settings: Any) -> None:
    settings.IMPORT_BACKGROUND_ROWS = 5


def _upload(client: Client, world: World, indicator: Indicator, text: str) -> Any:
    file = SimpleUploadedFile("big.csv", text.encode())
    return client.post(outcomes_url(world, "import", indicator.pk), {"file": file})


def _run_worker() -> int:
    return work("test-worker", once=True, poll=0.1, stop=threading.Event())


def _job_page(world: World, client: Client, response: Any) -> tuple[Job, str]:
    job = Job.objects.latest("pk")
    assert response["Location"] == reverse("jobs:detail", args=[world.partnership.slug, job.pk])
    return job, client.get(response["Location"]).content.decode()


def test_a_large_file_checked_in_one_session_is_confirmed_from_another_by_its_owner_only(
    world: World,
) -> None:
    indicator = make_indicator(world, [50.0, 60.0])
    checking = world.client("analyst")
    job, _ = _job_page(world, checking, _upload(checking, world, indicator, GOOD))
    assert _run_worker() == 1
    job.refresh_from_db()
    confirm = job.result["next"]["url"]

    elsewhere = world.client("analyst")  # logged in again: a new session
    assert "which will be replaced" in elsewhere.get(confirm).content.decode()
    assert (
        "Nothing is waiting to be imported" in world.client("owner").get(confirm).content.decode()
    )
    applying, _ = _job_page(world, elsewhere, confirm_import(elsewhere, confirm))
    assert _run_worker() == 1
    applying.refresh_from_db()
    assert applying.status == Status.DONE, applying.error


def test_a_large_file_is_checked_by_the_worker_then_confirmed_and_imported(
    world: World,
) -> None:
    indicator = make_indicator(world, [50.0, 60.0])
    client = world.client("analyst")
    job, page = _job_page(world, client, _upload(client, world, indicator, GOOD))
    assert "Checking big.csv for Delayed bed days" in page and job.status == Status.QUEUED
    assert _run_worker() == 1
    job.refresh_from_db()
    assert job.status == Status.DONE
    assert "10 new values, 2 values replaced, 0 values unchanged" in job.result["summary"]
    assert not indicator.points.filter(value__lt=12).exists()  # nothing yet

    confirm = job.result["next"]["url"]
    assert confirm.startswith(outcomes_url(world, "import_confirm", indicator.pk) + "?held=")
    assert "which will be replaced" in client.get(confirm).content.decode()
    applying, _ = _job_page(world, client, confirm_import(client, confirm))
    assert applying.title == "Importing big.csv into Delayed bed days"
    assert _run_worker() == 1
    applying.refresh_from_db()
    assert applying.status == Status.DONE, applying.error
    assert (
        applying.result["summary"]
        == "Imported big.csv: 10 new values, 2 values replaced, 0 values unchanged."
    )
    assert (
        dict(indicator.points.values_list("period", "value"))[
            month(11, month(0, dt.date(2021, 1, 1)))
        ]
        == 11
    )
    assert indicator.points.count() == 12
    assert ChangeRecord.objects.filter(field="value", changed_by=world.analyst).count() == 2
    assert not Upload.objects.exists()  # the file is let go once imported


def test_every_bad_row_of_a_large_file_is_on_the_job_page(world: World) -> None:
    indicator = make_indicator(world, [50.0])
    client = world.client("analyst")
    bad = GOOD + "2022-01-01,lots\n2022-02-01,\n2099-01-01,3\n"
    job, _ = _job_page(world, client, _upload(client, world, indicator, bad))
    _run_worker()
    page = client.get(reverse("jobs:detail", args=[world.partnership.slug, job.pk])).content
    text = page.decode()
    assert "big.csv has problems, so nothing was imported" in text
    assert "3 problems" in text
    assert "row 14" in text and "row 15" in text and "row 16" in text
    assert indicator.points.count() == 1
    assert not Upload.objects.exists()
    # Nothing waits to be confirmed.
    confirm = client.get(outcomes_url(world, "import_confirm", indicator.pk)).content.decode()
    assert "which will be replaced" not in confirm


def test_a_small_file_is_still_imported_in_the_request(world: World) -> None:
    indicator = make_indicator(world, [50.0])
    client = world.client("analyst")
    response = _upload(client, world, indicator, "period,value\n2021-02-01,3\n")
    assert response["Location"].startswith(outcomes_url(world, "import_confirm", indicator.pk))
    assert not Job.objects.exists()


def test_members_follow_the_job_and_the_outsider_gets_404(world: World) -> None:
    indicator = make_indicator(world, [50.0])
    response = _upload(world.client("analyst"), world, indicator, GOOD)
    for who in ("owner", "member", "viewer"):
        assert world.client(who).get(response["Location"]).status_code == 200
    assert world.client("outsider").get(response["Location"]).status_code == 404


def test_rows_are_counted_without_reading_the_table() -> None:
    assert rows_in(SimpleUploadedFile("a.csv", b"period,value\n1,2\n3,4\n")) == 3
    book = openpyxl.Workbook()
    for n in range(9):
        book.active.append([n, n])  # type: ignore[union-attr]
    data = io.BytesIO()
    book.save(data)
    assert rows_in(SimpleUploadedFile("a.xlsx", data.getvalue())) == 9
    assert rows_in(SimpleUploadedFile("a.xlsx", b"not a workbook")) is None
    truncated = data.getvalue()[: len(data.getvalue()) // 2]
    assert rows_in(SimpleUploadedFile("a.xlsx", truncated)) is None


def test_the_confirmation_lists_the_first_hundred_replaced_values_and_counts_the_rest(
    world: World,
) -> None:
    indicator = make_indicator(world)
    start = dt.date(2000, 1, 1)
    series.apply_series(indicator, [SeriesRow(n, month(n, start), 50.0, "") for n in range(150)])
    client = world.client("analyst")
    rows = "".join(f"{month(n, start)},{60 + n}\n" for n in range(150))
    response = _upload(client, world, indicator, "period,value\n" + rows)
    _run_worker()
    page = client.get(Job.objects.get().result["next"]["url"]).content.decode()
    assert "150 periods with a value already, which will be replaced" in page
    assert "The first 100 are listed below, in order: 50 more values will be replaced" in page
    assert page.count('<td class="nhsuk-table__cell app-numeric">50</td>') == 100
    assert response.status_code == 302


def test_values_changed_after_the_confirmation_are_not_overwritten_by_the_job(
    world: World,
) -> None:
    indicator = make_indicator(world, [928.0])
    client = world.client("analyst")
    check, _ = _job_page(world, client, _upload(client, world, indicator, GOOD))
    _run_worker()
    check.refresh_from_db()
    confirm = check.result["next"]["url"]
    applying, _ = _job_page(world, client, confirm_import(client, confirm))
    indicator.points.update(value=401)  # another import, before the worker applies this one
    _run_worker()
    applying.refresh_from_db()
    assert (
        "changed after you confirmed big.csv, so nothing was imported"
        in (applying.result["summary"])
    )
    assert applying.result["next"]["url"] == confirm
    assert list(indicator.points.values_list("value", flat=True)) == [401]
    assert Upload.objects.exists()  # still held, to confirm as it is now
    page = client.get(confirm).content.decode()
    assert ">401<" in page and ">928<" not in page
    again, _ = _job_page(world, client, confirm_import(client, confirm))
    assert again.pk != applying.pk
    _run_worker()
    again.refresh_from_db()
    assert again.result["summary"].startswith("Imported big.csv")
    assert indicator.points.count() == 12


def test_a_second_large_check_does_not_take_the_first_one_s_place(world: World) -> None:
    indicator = make_indicator(world, [50.0])
    client = world.client("analyst")
    first, _ = _job_page(world, client, _upload(client, world, indicator, GOOD))
    other = GOOD.replace(",0\n", ",777\n")
    second, _ = _job_page(world, client, _upload(client, world, indicator, other))
    _run_worker()
    _run_worker()
    first.refresh_from_db()
    applying, _ = _job_page(world, client, confirm_import(client, first.result["next"]["url"]))
    _run_worker()
    assert 777 not in set(indicator.points.values_list("value", flat=True))
    assert Upload.objects.count() == 1  # the second, still waiting


def _stating(rows: int, says: int) -> bytes:
    """A workbook of ``rows`` data rows whose sheet says it has ``says``."""
    book = openpyxl.Workbook()
    book.active.append(["period", "value"])  # type: ignore[union-attr]
    for n in range(rows):
        book.active.append([month(n, dt.date(2021, 1, 1)), n])  # type: ignore[union-attr]
    data = io.BytesIO()
    book.save(data)
    out = io.BytesIO()
    with zipfile.ZipFile(data) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            content = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                content = re.sub(
                    rb'<dimension ref="[^"]*"', f'<dimension ref="A1:B{says}"'.encode(), content
                )
            target.writestr(item, content)
    return out.getvalue()


def test_a_workbook_stating_a_false_size_is_read_by_the_worker_beyond_the_threshold(
    world: World,
) -> None:
    indicator = make_indicator(world)
    content = _stating(rows=12, says=2)
    assert rows_in(SimpleUploadedFile("lies.xlsx", content)) == 2  # looks small
    client = world.client("analyst")
    file = SimpleUploadedFile("lies.xlsx", content)
    response = client.post(outcomes_url(world, "import", indicator.pk), {"file": file})
    job, page = _job_page(world, client, response)  # handed on, not read whole in the request
    assert "Checking lies.xlsx" in page
    _run_worker()
    job.refresh_from_db()
    assert "12 new values" in job.result["summary"]


def test_the_job_keeps_the_first_hundred_problems_and_counts_the_rest(world: World) -> None:
    indicator = make_indicator(world)
    client = world.client("analyst")
    text = "period,value\n" + "2021-01-01,5\n" * 300
    job, _ = _job_page(world, client, _upload(client, world, indicator, text))
    _run_worker()
    job.refresh_from_db()
    assert len(job.result["problems"]) == 100 and job.result["problems_total"] == 299
    page = client.get(reverse("jobs:detail", args=[world.partnership.slug, job.pk]))
    text = page.content.decode()
    assert "299 problems" in text
    assert "And 199 more problems, not listed: 199 in the period column." in text
    assert len(text) < 100_000
