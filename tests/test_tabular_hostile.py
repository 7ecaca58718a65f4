"""Tables that are damaged, huge or built to hurt: each is a clear InputError
naming the file (and the row, where known), never a traceback or unbounded
work."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest

from joinedup.core.errors import InputError
from joinedup.core.limits import MB, NO_LIMIT, Limits, TooBig
from joinedup.tabular import read_table

SERIES = ("period", "value")


def workbook(*rows: tuple[object, ...]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(list(row))
    data = io.BytesIO()
    book.save(data)
    return data.getvalue()


GOOD = workbook(("period", "value"), ("2026-01-01", 5), ("2026-02-01", 6))


def rezipped(data: bytes, change: dict[str, bytes | None]) -> bytes:
    """The workbook with some parts replaced (None: left out)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as old, zipfile.ZipFile(out, "w") as new:
        for part in old.namelist():
            content = change.get(part, old.read(part))
            if content is not None:
                new.writestr(part, content, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def part(data: bytes, name: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read(name)


SHEET = "xl/worksheets/sheet1.xml"


def read_xlsx(data: bytes, limits: Limits | None = None) -> object:
    upload = io.BytesIO(data)
    if limits is None:
        return read_table(upload, SERIES, name="s.xlsx")
    return read_table(upload, SERIES, name="s.xlsx", limits=limits)


def test_a_workbook_with_no_sheet_says_so() -> None:
    book = part(GOOD, "xl/workbook.xml")
    no_sheets = re.sub(rb"<sheets>.*</sheets>", b"<sheets/>", book)
    with pytest.raises(InputError, match="s.xlsx: the workbook has no sheet"):
        read_xlsx(rezipped(GOOD, {"xl/workbook.xml": no_sheets}))


@pytest.mark.parametrize(
    "damage",
    [
        lambda xml: xml[: len(xml) // 2],  # truncated
        lambda xml: xml.replace(b"<row", b"<row <<", 1),  # malformed
        lambda xml: b"",  # empty
    ],
    ids=["truncated", "malformed", "empty"],
)
def test_a_damaged_sheet_is_an_error_naming_the_file(damage: object) -> None:
    sheet = damage(part(GOOD, SHEET))  # type: ignore[operator]
    with pytest.raises(InputError, match=r"^s\.xlsx: (row \d+: )?not a readable XLSX workbook"):
        read_xlsx(rezipped(GOOD, {SHEET: sheet}))


def test_a_workbook_missing_its_sheet_part_has_no_sheet() -> None:
    with pytest.raises(InputError, match="s.xlsx: the workbook has no sheet"):
        read_xlsx(rezipped(GOOD, {SHEET: None}))


def bomb(unpacked: int) -> bytes:
    """A valid workbook whose sheet unpacks to about ``unpacked`` bytes
    (written in chunks, so the test itself stays small)."""
    row = b'<row r="2"><c r="A2" t="inlineStr"><is><t>x</t></is></c></row>' * 1000
    head, tail = part(GOOD, SHEET).split(b"</sheetData>")
    out, info = io.BytesIO(), zipfile.ZipInfo(SHEET)
    info.compress_type = zipfile.ZIP_DEFLATED
    with zipfile.ZipFile(io.BytesIO(GOOD)) as old, zipfile.ZipFile(out, "w") as new:
        for name in old.namelist():
            if name != SHEET:
                new.writestr(name, old.read(name))
        with new.open(info, "w", force_zip64=True) as sheet:
            sheet.write(head)
            for _ in range(unpacked // len(row)):
                sheet.write(row)
            sheet.write(b"</sheetData>" + tail)
    return out.getvalue()


def test_a_small_workbook_that_unpacks_hugely_is_refused_before_it_is_parsed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data = bomb(200 * MB)
    assert len(data) < MB  # it compresses a thousandfold

    def never(*args: object, **kwargs: object) -> None:
        raise AssertionError("openpyxl was asked to parse a zip bomb")

    monkeypatch.setattr(openpyxl, "load_workbook", never)
    with pytest.raises(
        TooBig, match="s.xlsx: the workbook unpacks to 200 MB, more than the 100 MB"
    ):
        read_xlsx(data)


def test_the_unpacked_cap_is_a_setting() -> None:
    with pytest.raises(TooBig, match=r"unpacks to [\d.]+ MB, more than the 1 MB"):
        read_xlsx(bomb(2 * MB), Limits(unpacked_bytes=MB))
    assert read_xlsx(bomb(2 * MB), NO_LIMIT)


def test_a_sheet_claiming_a_huge_size_is_read_as_what_it_holds() -> None:
    sheet = part(GOOD, SHEET)
    claims = re.sub(rb'<dimension ref="[^"]*" ?/>', b'<dimension ref="A1:XFD1048576"/>', sheet)
    assert claims != sheet
    stray = claims.replace(b"</row></sheetData>", b'<c r="XFD3"><v>1</v></c></row></sheetData>')
    # Padded out, it would be a million rows of 16,384 cells each.
    table = read_xlsx(rezipped(GOOD, {SHEET: stray}), Limits(rows=10))
    assert table.rows == [  # type: ignore[attr-defined]
        (2, {"period": "2026-01-01", "value": "5"}),
        (3, {"period": "2026-02-01", "value": "6"}),
    ]


def test_rows_are_capped_while_they_are_read_in_a_workbook() -> None:
    far = part(GOOD, SHEET).replace(
        b"</sheetData>", b'<row r="1000000"><c r="A1000000"><v>1</v></c></row></sheetData>'
    )
    with pytest.raises(TooBig, match="more than 100 rows after the header"):
        read_xlsx(rezipped(GOOD, {SHEET: far}), Limits(rows=100))


def csv_file(tmp_path: Path, content: bytes) -> Path:
    path = tmp_path / "series.csv"
    path.write_bytes(content)
    return path


def test_rows_are_capped_while_they_are_read_in_a_csv(tmp_path: Path) -> None:
    path = csv_file(tmp_path, b"period,value\n" + b"2026-01-01,1\n" * 1001)
    assert len(read_table(path, SERIES, limits=Limits(rows=1001)).rows) == 1001
    with pytest.raises(TooBig, match=r"series.csv: the file has more than 1,000 rows"):
        read_table(path, SERIES, limits=Limits(rows=1000))


def test_a_file_over_the_size_cap_is_refused_before_it_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = csv_file(tmp_path, b"period,value\n" + b"2026-01-01,1\n" * 200_000)
    monkeypatch.setattr(Path, "open", None)  # reading it would fail otherwise
    with pytest.raises(TooBig, match=r"the file is 2.48 MB, more than the 1 MB"):
        read_table(path, SERIES, limits=Limits(file_bytes=MB))


def test_an_upload_over_the_size_cap_is_refused_by_its_size() -> None:
    upload = io.BytesIO(b"period,value\n" + b"2026-01-01,1\n" * 100_000)
    with pytest.raises(TooBig, match="upload.csv: the file is 1.24 MB"):
        read_table(upload, SERIES, name="upload.csv", limits=Limits(file_bytes=MB))


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"period,value\r2026-01-01,5\r2026-02-01,6\r", None),  # CR-only lines
        (b"period,value\r\n2026-01-01,5\r\n2026-02-01,6\r\n", None),
        (b"period,value\n2026-01-01,5\n\xff\xfe,6\n", "line 3: not UTF-8 text"),
        (b'period,value\n2026-01-01,"5\n' + b"x" * 200_000 + b"\n", "row 2: cannot be read as CSV"),
    ],
    ids=["cr", "crlf", "not utf-8", "a field too large"],
)
def test_line_endings_and_damaged_text(tmp_path: Path, content: bytes, message: str | None) -> None:
    path = csv_file(tmp_path, content)
    if message is None:
        assert [row for _, row in read_table(path, SERIES).rows] == [
            {"period": "2026-01-01", "value": "5"},
            {"period": "2026-02-01", "value": "6"},
        ]
    else:
        with pytest.raises(InputError, match=f"series.csv: {message}"):
            read_table(path, SERIES)


def test_a_workbook_whose_zip_directory_understates_a_part_gets_no_further() -> None:
    """Python's zip reader stops at the size the directory gives (and then
    finds the checksum wrong), so the directory's sizes bound what is unpacked."""
    data = bytearray(GOOD)
    name = SHEET.encode()
    # The sheet's local header and its directory entry say 10 bytes.
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        for found in re.finditer(re.escape(signature), data):
            start = found.start()
            if name in data[start : start + 100]:
                data[start + offset : start + offset + 4] = (10).to_bytes(4, "little")
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        assert archive.getinfo(SHEET).file_size == 10
    with pytest.raises(InputError, match="not a readable XLSX workbook"):
        read_xlsx(bytes(data))
