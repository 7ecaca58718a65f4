"""The one number formatter and plural rule."""

from __future__ import annotations

import math
import sys
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from joinedup.core.numbers import (
    MAX_MAGNITUDE,
    decimals_used,
    format_hours,
    format_money,
    format_number,
    places_for,
    plural,
    read_number,
    series_format,
    with_unit,
)


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (12345, "12,345"),
        (12345.678, "12,346"),
        (387.34, "387.3"),
        (88.984, "88.98"),
        (0.012345, "0.01235"),
        (5.0, "5"),
        (-0.0, "0"),
        (1e20, "100,000,000,000,000,000,000"),
    ],
)
def test_a_number_alone_has_four_significant_figures_and_no_exponent(
    value: float, text: str
) -> None:
    assert format_number(value) == text


@pytest.mark.parametrize(
    ("value", "places", "text"),
    [
        (94.5, 1, "94.5"),
        (92, 1, "92.0"),
        (2.5, 0, "3"),  # halves round up, as people expect
        (0.125, 2, "0.13"),
        (-0.04, 1, "0.0"),  # never a negative zero
        (1234567.891, 2, "1,234,567.89"),
    ],
)
def test_a_number_to_given_places(value: float, places: int, text: str) -> None:
    assert format_number(value, places) == text


def test_a_csv_cell_has_no_thousands_separator() -> None:
    assert format_number(1234.5, 2, grouping=False) == "1234.50"


def test_the_places_of_a_series_follow_its_unit_and_its_values() -> None:
    assert places_for("%", [94, 95]) == 1
    assert places_for("bed days", [387, 238]) == 0
    assert places_for("days", [3.25, 4.5]) == 2
    assert places_for("ratio", [1 / 3]) == 2  # computed values stop at two places
    style = series_format("bed days", [387, 238])
    assert [style.number(v) for v in (387.34, 238.2, 88.98)] == ["387", "238", "89"]
    assert series_format("%", [94.5]).value(94.5) == "94.5%"
    assert series_format("bed days", [1]).value(1234) == "1,234 bed days"
    assert series_format("%", []).value(None, "Not yet") == "Not yet"


def test_a_unit_follows_the_number() -> None:
    assert with_unit("94.5", "%") == "94.5%"
    assert with_unit("3", "meetings") == "3 meetings"
    assert with_unit("3", "") == "3"


def test_money_and_hours() -> None:
    assert format_money(Decimal("1234.5")) == "£1,235"
    assert format_money(99.5, 2) == "£99.50"
    assert format_money(-20) == "-£20"
    assert [format_hours(Decimal(v)) for v in ("16.00", "5.0", "7.50", "0.25")] == [
        "16",
        "5",
        "7.5",
        "0.25",
    ]


def test_one_plural_rule() -> None:
    assert plural(1, "problem") == "1 problem"
    assert plural(12, "month") == "12 months"
    assert plural(0, "value") == "0 values"
    assert plural(1250, "person", "people") == "1,250 people"


def test_what_is_not_a_number_is_refused() -> None:
    with pytest.raises(ValueError, match="nan"):
        format_number(math.nan)


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_every_formatter_writes_any_finite_float(value: float) -> None:
    # A value stored before the readers had a bound (1.05e28, a target of
    # 1e30) must still show, so that it can be seen and removed.
    for places in (None, 0, 1, 2):
        text = format_number(value, places)
        assert "e" not in text.lower()
        assert math.isclose(float(text.replace(",", "")), value, rel_tol=5e-4, abs_tol=0.5)
    assert format_money(value).lstrip("-").startswith("£")
    assert format_hours(value)
    assert plural(value, "bed day").endswith(" bed days") or plural(value, "bed day") == (
        "1 bed day"
    )
    assert series_format("%", [value]).value(value).endswith("%")


def test_a_huge_number_is_written_out_in_full() -> None:
    assert format_number(1.05e28) == "10,500,000,000,000,000,000,000,000,000"
    assert format_number(1e30, 2).endswith(",000.00")
    assert len(format_number(sys.float_info.max).replace(",", "")) == 309


@given(st.floats(allow_nan=False, allow_infinity=False, min_value=-1e12, max_value=1e12))
def test_any_number_reads_back_as_itself_to_its_places(value: float) -> None:
    for places in (0, 1, 2):
        text = format_number(value, places)
        shown = float(text.replace(",", ""))
        assert "e" not in text.lower()
        assert not (text.startswith("-") and shown == 0)  # no negative zero
        assert abs(shown - value) <= 0.5 * 10**-places + 1e-9 * abs(value)
        assert decimals_used(Decimal(text.replace(",", ""))) <= places


@given(st.floats(allow_nan=False, allow_infinity=False, min_value=-1e9, max_value=1e9))
def test_a_number_alone_is_within_four_significant_figures(value: float) -> None:
    shown = float(format_number(value).replace(",", ""))
    assert math.isclose(shown, value, rel_tol=5e-4, abs_tol=0)


@pytest.mark.parametrize(
    ("text", "value"), [("12", 12.0), (" -3.5 ", -3.5), ("1e3", 1000.0), ("0", 0.0), ("-0.0", 0.0)]
)
def test_a_number_is_read_as_written(text: str, value: float) -> None:
    assert read_number(text) == value


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("many", "expected a number, not 'many'"),
        ("inf", "expected a number, not 'inf'"),
        ("-Infinity", "expected a number, not '-Infinity'"),
        ("nan", "expected a number, not 'nan'"),
        ("1e400", "1e400 is too large"),
        ("-1e400", "-1e400 is too large"),
        ("1.05e28", "1.05e28 is too large: a value must be between -1,000,000,000,000,000 and"),
        ("1e16", "1e16 is too large"),
        ("1_000", "expected a number, not '1_000': write digits 0 to 9"),
        ("\u0665", "expected a number, not '\u0665'"),  # Arabic-Indic five
        ("\uff11\uff12", "expected a number"),  # full-width 12
        ("1.2.3", "expected a number"),
        ("0x1p3", "expected a number"),
        ("1e-400", "1e-400 is too close to zero"),
        ("-4e-320", "-4e-320 is too close to zero"),
    ],
)
def test_what_a_float_cannot_hold_is_refused_saying_why(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        read_number(text)


def test_a_measure_may_be_as_large_as_the_bound() -> None:
    assert read_number("1e15") == MAX_MAGNITUDE
    assert read_number("-1000000000000000") == -MAX_MAGNITUDE


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_every_normal_float_within_the_bound_reads_back_as_itself(value: float) -> None:
    if abs(value) > MAX_MAGNITUDE:
        with pytest.raises(ValueError, match="too large"):
            read_number(repr(value))
    elif value == 0 or abs(value) >= sys.float_info.min:
        assert read_number(repr(value)) == value
    else:
        with pytest.raises(ValueError, match="too close to zero"):
            read_number(repr(value))


@given(st.text(max_size=20))
def test_any_text_is_a_finite_number_or_a_value_error(text: str) -> None:
    try:
        value = read_number(text)
    except ValueError as error:
        assert str(error)
    else:
        assert math.isfinite(value)
        assert abs(value) <= MAX_MAGNITUDE
        assert text.strip().isascii()
