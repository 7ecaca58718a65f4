"""Reading the tables people hand us: CSV and XLSX, rows numbered as a
spreadsheet shows them, cells as the text a person typed."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import openpyxl
import pytest

from joinedup.core.errors import InputError
from joinedup.tabular import read_table


def test_a_csv_with_a_byte_order_mark_reads_its_first_column(tmp_path: Path) -> None:
    path = tmp_path / "series.csv"
    path.write_bytes("\ufeffperiod,value\n2026-01-01,5\n".encode())
    table = read_table(path, required=("period", "value"))
    assert table.columns == ("period", "value")
    assert table.rows == [(2, {"period": "2026-01-01", "value": "5"})]


def test_a_quoted_cell_keeps_its_line_breaks_and_rows_keep_their_numbers(tmp_path: Path) -> None:
    path = tmp_path / "series.csv"
    path.write_text('period,value,note\n2026-01-01,5,"two\nlines"\n2026-02-01,6,\n')
    table = read_table(path, required=("period", "value"), optional=("note",))
    assert table.rows[0] == (2, {"period": "2026-01-01", "value": "5", "note": "two\nlines"})
    # The csv module counts records, not lines: the next record is row 3.
    assert table.rows[1][0] == 3


def test_blank_lines_are_skipped_headers_tidied_and_short_rows_padded(tmp_path: Path) -> None:
    path = tmp_path / "series.csv"
    path.write_text(" Period , VALUE ,note\n\n2026-01-01, 5 \n")
    table = read_table(path, required=("period", "value"), optional=("note",))
    assert table.rows == [(3, {"period": "2026-01-01", "value": "5", "note": ""})]


def test_a_missing_column_is_named_with_what_was_expected(tmp_path: Path) -> None:
    path = tmp_path / "series.csv"
    path.write_text("period,amount\n2026-01-01,5\n")
    with pytest.raises(
        InputError, match=r"missing 1 column \(value\); expected period, value, \[note\]"
    ):
        read_table(path, required=("period", "value"), optional=("note",))


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "the file is empty"), (b"\xff\xfe\x00", "line 1: not UTF-8 text")],
)
def test_an_empty_or_unreadable_csv_is_an_error_naming_the_file(
    tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    with pytest.raises(InputError, match=message) as error:
        read_table(path, required=("period",))
    assert error.value.source == str(path)


def test_a_file_that_is_not_there_says_so(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="file not found"):
        read_table(tmp_path / "nowhere.csv", required=("period",))


def _workbook(*rows: tuple[object, ...]) -> io.BytesIO:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(list(row))
    data = io.BytesIO()
    book.save(data)
    data.seek(0)
    return data


def test_xlsx_dates_and_whole_numbers_read_as_a_person_typed_them() -> None:
    upload = _workbook(
        ("Period", "Value", "Note"),
        (dt.datetime(2026, 1, 1), 5.0, None),
        (dt.date(2026, 2, 1), 5.25, "late"),
        (dt.datetime(2026, 3, 1, 9, 30), 7, "a time"),
    )
    table = read_table(upload, required=("period", "value"), optional=("note",), name="s.xlsx")
    assert table.rows == [
        (2, {"period": "2026-01-01", "value": "5", "note": ""}),
        (3, {"period": "2026-02-01", "value": "5.25", "note": "late"}),
        (4, {"period": "2026-03-01T09:30:00", "value": "7", "note": "a time"}),
    ]


def test_an_upload_that_is_not_a_workbook_is_an_error() -> None:
    with pytest.raises(InputError, match="not a readable XLSX workbook"):
        read_table(io.BytesIO(b"period,value\n"), required=("period",), name="s.xlsx")


def test_a_column_named_twice_is_an_error_naming_it_and_where(tmp_path: Path) -> None:
    path = tmp_path / "series.csv"
    path.write_text("period,value,note,Value,,\n2026-01-01,5,,6,,\n")
    with pytest.raises(InputError) as error:
        read_table(path, required=("period", "value"), optional=("note",))
    assert str(error.value) == (
        f"{path}: row 1 (header): column 'value' appears 2 times (columns 2 and 4): keep one"
    )


def test_a_spreadsheet_column_named_twice_is_an_error_too() -> None:
    upload = _workbook(("period", "value", "period"), ("2026-01-01", 5, "2026-02-01"))
    with pytest.raises(InputError, match="column 'period' appears 2 times"):
        read_table(upload, required=("period", "value"), name="s.xlsx")
