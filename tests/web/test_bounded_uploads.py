"""Uploads are capped before the work, and a damaged or hostile file is an
error summary on the page: never a 500, never anything half-stored."""

from __future__ import annotations

import re

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from joinedup.core.limits import MB, Limits
from joinedup.web.outcomes.models import ChangeRecord, DataPoint, Upload
from tests.factories import World, make_indicator, outcomes_url, round_form
from tests.test_tabular_hostile import GOOD, SHEET, bomb, part, rezipped
from tests.web.test_import import upload
from tests.web.test_rounds import CUSTOM, _new

SERIES = "period,value\n" + "".join(f"{2000 + n // 12}-{n % 12 + 1:02}-01,{n}\n" for n in range(30))


def error_page(response: object) -> str:
    assert response.status_code == 200  # type: ignore[attr-defined]
    page: str = response.content.decode()  # type: ignore[attr-defined]
    assert "<title>Error: " in page
    return page


@override_settings(INPUT_LIMITS=Limits(file_bytes=100))
def test_an_upload_over_the_size_cap_is_refused_by_the_form(world: World) -> None:
    indicator = make_indicator(world)
    page = error_page(upload(world.client("analyst"), world, indicator, SERIES))
    assert "v.csv: the file is 0.0006" not in page  # said in the file's own terms
    assert re.search(r"v\.csv: the file is [\d.]+ MB, more than the [\d.]+ MB joinedup", page)
    assert not DataPoint.objects.exists()


@override_settings(INPUT_LIMITS=Limits(rows=10))
def test_a_series_with_more_rows_than_the_cap_is_refused(world: World) -> None:
    indicator = make_indicator(world)
    page = error_page(upload(world.client("analyst"), world, indicator, SERIES))
    assert "the file has more than 10 rows after the header" in page
    assert not DataPoint.objects.exists()


def xlsx_upload(world: World, data: bytes) -> str:
    indicator = make_indicator(world)
    file = SimpleUploadedFile("v.xlsx", data)
    response = world.client("analyst").post(
        outcomes_url(world, "import", indicator.pk), {"file": file}
    )
    return error_page(response)


@override_settings(INPUT_LIMITS=Limits(unpacked_bytes=MB))
def test_a_workbook_that_unpacks_hugely_is_refused_before_anything_parses_it(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    def never(*args: object, **kwargs: object) -> None:
        raise AssertionError("openpyxl was asked to parse a zip bomb")

    monkeypatch.setattr(openpyxl, "load_workbook", never)
    page = xlsx_upload(world, bomb(5 * MB))
    assert re.search(r"v\.xlsx: the workbook unpacks to [\d.]+ MB, more than the 1 MB", page)
    assert not DataPoint.objects.exists() and not Upload.objects.exists()


def test_a_workbook_with_no_sheet_or_a_damaged_one_is_explained(world: World) -> None:
    no_sheets = re.sub(rb"<sheets>.*</sheets>", b"<sheets/>", part(GOOD, "xl/workbook.xml"))
    page = xlsx_upload(world, rezipped(GOOD, {"xl/workbook.xml": no_sheets}))
    assert "the workbook has no sheet" in page
    page = xlsx_upload(world, rezipped(GOOD, {SHEET: part(GOOD, SHEET)[:300]}))
    assert "not a readable XLSX workbook" in page
    assert not DataPoint.objects.exists() and not ChangeRecord.objects.exists()


def open_round_with(world: World, name: str, content: bytes) -> str:
    upload = SimpleUploadedFile(name, content)
    response = world.client("owner").post(_new(world), round_form(framework_file=upload))
    page = error_page(response)
    assert 'href="#id_framework_file"' in page
    assert not world.partnership.rounds.exists()
    return page


def test_a_deeply_nested_framework_is_explained_on_the_open_a_round_page(world: World) -> None:
    nested = CUSTOM + b"\nnested = " + b"[" * 5000 + b"]" * 5000 + b"\n"
    page = open_round_with(world, "deep.toml", nested)
    assert "deep.toml: not a framework: its lists or tables are nested too deeply" in page


@override_settings(INPUT_LIMITS=Limits(file_bytes=100))
def test_a_framework_over_the_size_cap_is_refused(world: World) -> None:
    page = open_round_with(world, "big.toml", CUSTOM)
    assert "big.toml: the file is" in page


def test_a_large_upload_on_disk_streams_through_the_reader(world: World) -> None:
    """Django keeps an upload over 2.5 MB in a temporary file, not in memory."""
    indicator = make_indicator(world)
    wide = "x" * 100_000  # an extra column, ignored
    text = "".join(f"{line},{wide}\n" for line in SERIES.splitlines())
    assert len(text) > 2.5 * MB
    response = upload(world.client("analyst"), world, indicator, text)
    assert response.status_code == 302
