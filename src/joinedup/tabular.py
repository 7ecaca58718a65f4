"""Reading tables (CSV, XLSX) that people hand us, with errors that say where.

Rows come back as plain dicts of strings with the line number a person would
see (header = row 1), so the core can validate values and name the row.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from babel.lists import format_list

from joinedup.core.errors import InputError, Problem
from joinedup.core.numbers import LOCALE, plural


@dataclass(frozen=True)
class Table:
    columns: tuple[str, ...]
    rows: list[tuple[int, dict[str, str]]]


def read_table(
    source: str | Path | IO[bytes],
    required: Sequence[str],
    optional: Sequence[str] = (),
    *,
    name: str | None = None,
) -> Table:
    """Read a CSV or XLSX file into rows keyed by column name.

    ``source`` is a path or an open binary file (an upload); ``name`` is what
    errors call it and, for uploads, tells CSV from XLSX by its extension.
    Missing required columns, an unreadable file or an empty one raise
    :class:`InputError`. Blank lines are skipped; other columns are ignored.
    """
    label = name or (str(source) if isinstance(source, str | Path) else "upload")
    try:
        if label.lower().endswith((".xlsx", ".xlsm")):
            header, body = _xlsx_rows(source)
        else:
            header, body = _csv_rows(source, label)
    except FileNotFoundError:
        raise InputError("file not found", source=label) from None
    except (OSError, UnicodeDecodeError, csv.Error, ValueError) as exc:
        raise InputError(f"cannot be read ({exc})", source=label) from None

    if header is None:
        raise InputError("the file is empty: expected a header row", source=label)
    columns = tuple(column.strip().lower() for column in header)
    check_header(columns, required, optional, source=label)
    rows = []
    for number, values in body:
        cells = [value.strip() for value in values]
        if not any(cells):
            continue
        cells += [""] * (len(columns) - len(cells))
        rows.append((number, dict(zip(columns, cells, strict=False))))
    return Table(columns, rows)


def check_header(
    columns: Sequence[str],
    required: Sequence[str],
    optional: Sequence[str] = (),
    *,
    source: str,
    where: str = "row 1 (header)",
) -> None:
    """Raise :class:`InputError` if a required column is missing or a column
    name is used twice (which value would count?), naming the columns.

    ``columns`` are the names as tidied (stripped, lower case); an unnamed
    column is ignored, however many there are.
    """
    problems = []
    missing = [column for column in required if column not in columns]
    if missing:
        expected = ", ".join([*required, *(f"[{c}]" for c in optional)])
        problems.append(
            f"missing {plural(len(missing), 'column')} ({', '.join(missing)}); expected {expected}"
        )
    places: dict[str, list[int]] = {}
    for place, column in enumerate(columns, start=1):
        if column:
            places.setdefault(column, []).append(place)
    problems += [
        f"column '{column}' appears {plural(len(found), 'time')} "
        f"(columns {format_list([str(place) for place in found], locale=LOCALE)}): keep one"
        for column, found in places.items()
        if len(found) > 1
    ]
    if problems:
        raise InputError([Problem(f"{where}: {problem}") for problem in problems], source=source)


def _csv_rows(
    source: str | Path | IO[bytes], label: str
) -> tuple[list[str] | None, Iterable[tuple[int, list[str]]]]:
    if isinstance(source, str | Path):
        text = Path(source).read_bytes().decode("utf-8-sig")
    else:
        text = source.read().decode("utf-8-sig")
    # newline="" lets a quoted cell keep its line breaks, as the csv module asks.
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    return header, [(number, row) for number, row in enumerate(reader, start=2)]


def _xlsx_rows(
    source: str | Path | IO[bytes],
) -> tuple[list[str] | None, Iterable[tuple[int, list[str]]]]:
    import openpyxl  # only needed for spreadsheets

    try:
        book = openpyxl.load_workbook(source, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a bad file
        raise ValueError(f"not a readable XLSX workbook: {exc}") from None
    sheet = book.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    first = next(rows, None)
    if first is None:
        return None, []
    header = [_cell_text(cell) for cell in first]
    body = [
        (number, [_cell_text(cell) for cell in row]) for number, row in enumerate(rows, start=2)
    ]
    book.close()
    return header, body


def _cell_text(value: object) -> str:
    """A spreadsheet cell as the text a person would type into a CSV."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
