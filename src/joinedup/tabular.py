"""Reading tables (CSV, XLSX) that people hand us, with errors that say where.

Rows come back as plain dicts of strings with the line number a person would
see (header = row 1), so the core can validate values and name the row.

Nothing a person hands over gets past as a traceback or unbounded work: the
file's size is checked before it is read, rows are counted while they are
read (stopping at the cap), a workbook's unpacked size is checked from its
zip directory before openpyxl parses it (:mod:`joinedup.core.limits`), and
whatever a damaged file makes the readers raise becomes :class:`InputError`
naming the file (and the row, where known).
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import warnings
import zipfile
from collections.abc import Generator, Iterator, Sequence
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from babel.lists import format_list

from joinedup.core import limits as caps
from joinedup.core.errors import InputError, Problem
from joinedup.core.limits import Limits
from joinedup.core.numbers import LOCALE, plural

_Rows = Generator[tuple[int, list[str]], None, None]


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
    limits: Limits = caps.DEFAULT,
) -> Table:
    """Read a CSV or XLSX file into rows keyed by column name.

    ``source`` is a path or an open binary file (an upload); ``name`` is what
    errors call it and, for uploads, tells CSV from XLSX by its extension.
    ``limits`` caps the file's size, its rows and a workbook's unpacked size
    (the defaults unless the caller passes the configured ones).
    Missing required columns, a column named twice, an unreadable, damaged,
    empty or too large file raise :class:`InputError`. Blank lines are
    skipped; other columns are ignored.
    """
    label = name or (str(source) if isinstance(source, str | Path) else "upload")
    number = 0
    try:
        limits.check_size(_size(source))
        xlsx = label.lower().endswith((".xlsx", ".xlsm"))
        with closing(_xlsx_rows(source, limits) if xlsx else _csv_rows(source)) as lines:
            first = next(lines, None)
            if first is None:
                raise InputError("the file is empty: expected a header row")
            columns = tuple(column.strip().lower() for column in first[1])
            check_header(columns, required, optional, source=label)
            number, rows = 1, []
            for number, values in lines:
                limits.check_rows(number - 1)
                cells = [value.strip() for value in values]
                if not any(cells):
                    continue
                cells += [""] * (len(columns) - len(cells))
                rows.append((number, dict(zip(columns, cells, strict=False))))
    except InputError as exc:
        raise (exc if exc.source else exc.with_source(label)) from None
    except FileNotFoundError:
        raise InputError("file not found", source=label) from None
    except UnicodeDecodeError:
        raise InputError(
            f"line {_bad_utf8_line(source)}: not UTF-8 text; save it as CSV UTF-8", source=label
        ) from None
    except (OSError, csv.Error) as exc:
        raise InputError(f"{_near(number)}: cannot be read as CSV ({exc})", source=label) from None
    return Table(columns, rows)


def _near(number: int) -> str:
    """Where reading stopped: the row after the last one read whole."""
    return f"row {number + 1}"


def _bad_utf8_line(source: str | Path | IO[bytes]) -> int:
    """The line (as a text editor counts them) of the first byte that is not UTF-8.

    The text is decoded in chunks, so the error itself cannot say; the file
    is read again, in chunks, up to that byte.
    """
    decoder = codecs.getincrementaldecoder("utf-8")()
    lines = 1
    with _binary(source) as file:
        while chunk := file.read(1 << 16):
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError as exc:
                return lines + chunk.count(b"\n", 0, exc.start)
            lines += chunk.count(b"\n")
    return lines


@contextmanager
def _binary(source: str | Path | IO[bytes]) -> Iterator[IO[bytes]]:
    """The file's bytes from the start (an upload is rewound, not closed)."""
    if isinstance(source, str | Path):
        with Path(source).open("rb") as file:
            yield file
    else:
        source.seek(0)
        yield source


def _size(source: str | Path | IO[bytes]) -> int:
    if isinstance(source, str | Path):
        return Path(source).stat().st_size
    size = getattr(source, "size", None)  # an upload knows its size
    if isinstance(size, int):
        return size
    here = source.tell()
    end = source.seek(0, io.SEEK_END)
    source.seek(here)
    return end - here


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


def _csv_rows(source: str | Path | IO[bytes]) -> _Rows:
    """Every record, numbered from the header (row 1), read as it streams in.

    The csv module counts records, not lines: a quoted cell may hold line
    breaks (``newline=""`` keeps them, as the module asks), and a line may end
    in CR, LF or both.
    """
    if isinstance(source, str | Path):
        with Path(source).open(encoding="utf-8-sig", newline="") as text:
            yield from enumerate(csv.reader(text), start=1)
        return
    text = io.TextIOWrapper(source, encoding="utf-8-sig", newline="")
    try:
        yield from enumerate(csv.reader(text), start=1)
    finally:
        text.detach()  # the upload is the caller's to close


def _xlsx_rows(source: str | Path | IO[bytes], limits: Limits) -> _Rows:
    """The first sheet's rows, numbered as the spreadsheet shows them.

    The zip directory says how big each part unpacks to (and Python's zip
    reader stops at that size), so the total is checked before openpyxl
    parses anything. The sheet's own claims about its size are ignored
    (``reset_dimensions``): a sheet saying it spans A1:XFD1048576 would
    otherwise be padded out to a billion empty cells; rows are as wide as the
    header, however far a stray cell lies.
    """
    import openpyxl  # only needed for spreadsheets

    try:
        check_unpacked(source, limits)
        with warnings.catch_warnings():
            # Its warnings (no default style, odd relationships) are no use to a person.
            warnings.simplefilter("ignore")
            book = openpyxl.load_workbook(source, read_only=True, data_only=True)
    except InputError:
        raise
    except Exception as exc:  # zipfile and openpyxl raise many types for a bad file
        raise InputError(f"not a readable XLSX workbook ({error_reason(exc)})") from None
    number = 0
    try:
        if not book.worksheets:
            raise InputError("the workbook has no sheet: the values go in its first sheet")
        sheet = book.worksheets[0]
        sheet.reset_dimensions()
        header = [
            _cell_text(cell) for cell in next(sheet.iter_rows(max_row=1, values_only=True), ())
        ]
        while header and not header[-1]:
            header.pop()
        if not header:
            return
        yield 1, header
        number = 1
        body = sheet.iter_rows(min_row=2, max_col=len(header), values_only=True)
        for number, row in enumerate(body, start=2):
            yield number, [_cell_text(cell) for cell in row]
    except InputError:
        raise
    except Exception as exc:  # a damaged sheet fails as it is parsed
        raise InputError(
            f"{_near(number)}: not a readable XLSX workbook ({error_reason(exc)})"
        ) from None
    finally:
        book.close()


def check_unpacked(source: str | Path | IO[bytes], limits: Limits) -> None:
    """Raise :class:`TooBig` if the workbook ``source`` unpacks to more than
    the cap, from its zip directory alone (an upload is rewound after).

    Any other problem with the zip is left to the reader to report (a file
    that is not a zip, say).
    """
    try:
        with zipfile.ZipFile(source) as archive:
            unpacked = sum(part.file_size for part in archive.infolist())
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        return
    finally:
        if not isinstance(source, str | Path):
            source.seek(0)
    limits.check_unpacked(unpacked)


def error_reason(exc: Exception) -> str:
    """What a reader said went wrong, on one line of at most 200 characters
    (a damaged file's own bytes can follow it: no use to a person)."""
    lines = str(exc).strip().splitlines()
    text = lines[0] if lines else type(exc).__name__
    return text if len(text) <= _REASON_LENGTH else f"{text[: _REASON_LENGTH - 1]}…"


_REASON_LENGTH = 200


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
