"""Numbers as people read them, for every page, export and command.

One formatter and one plural rule for the whole app (British English, with
Babel's locale data), so that a value reads the same on a chart, in a table,
in a sentence, in a CSV file and in the CLI:

- thousands are grouped (``12,345``), halves round up (``2.5`` -> ``3``) and
  there is never an exponent or a negative zero;
- a series is shown with one number of decimal places throughout
  (:func:`places_for`), so its values, mean and limits line up: bed days as
  ``387`` and ``238``, a percentage as ``94.5%``;
- counts of things take the right word (:func:`plural`): ``1 problem``,
  ``12 months``;
- a number read from a file or a page (:func:`read_number`) is written in
  plain ASCII (sign, digits, one point, exponent) and is one a measure can
  be: never infinity, NaN, a tiny number silently read as 0, or one beyond
  :data:`MAX_MAGNITUDE`;
- every formatter writes any finite float, however large or small, without
  raising.
"""

from __future__ import annotations

import decimal
import math
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from babel import Locale
from babel.numbers import format_decimal

LOCALE = Locale.parse("en_GB")
MAX_PLACES = 2  # a series recorded more finely than this is shown to 2 places
SIGNIFICANT = 4  # figures shown of a number with no series or unit to go by
# Units written straight after the number, without a space: 94.5%.
_CLOSED_UP = {"%"}
_PERCENT = {"%", "percent", "per cent", "percentage"}

Number = float | int | Decimal

# The largest magnitude a value, target, effort figure or amount may have: a
# million billion. No count, rate, hour or pound a partnership measures comes
# near it; beyond it a number is a slip (a pasted account number, an exponent).
MAX_MAGNITUDE = 1e15
# A number as people write it in ASCII: no 1_000, no digits of other scripts.
_PLAIN_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?", re.ASCII)


def format_number(value: Number, places: int | None = None, *, grouping: bool = True) -> str:
    """``value`` as a person reads it.

    With ``places``, exactly that many decimal places (see :func:`places_for`
    for a series). Without, up to four significant figures, whole numbers
    kept whole (``12,345``, ``387.3``, ``0.01235``). ``grouping=False`` leaves
    out the thousands separators, for a CSV cell a spreadsheet must read as a
    number.
    """
    number = value if isinstance(value, Decimal) else Decimal(str(value))
    if not number.is_finite():
        raise ValueError(f"cannot show {value!r} as a number")
    trim = places is None
    if places is None:
        places = _significant_places(number)
    pattern = ("#,##0" if grouping else "0") + ("." + "0" * places if places else "")
    with decimal.localcontext() as context:
        context.rounding = decimal.ROUND_HALF_UP
        # Enough digits for every one the text will have (1e308 has 309).
        context.prec = max(context.prec, number.adjusted() + places + 2)
        text = str(format_decimal(number, format=pattern, locale=LOCALE, group_separator=grouping))
    if trim and "." in text:
        text = text.rstrip("0").rstrip(".")
    # -0.04 to one place is 0.0, not -0.0.
    if text.startswith("-") and not any(digit in "123456789" for digit in text):
        text = text[1:]
    return text


def _significant_places(number: Decimal) -> int:
    if number == number.to_integral_value():
        return 0
    return max(0, SIGNIFICANT - 1 - math.floor(math.log10(abs(float(number)))))


def decimals_used(value: Number) -> int:
    """How many decimal places ``value`` is written with (``94.50`` uses 1)."""
    number = value if isinstance(value, Decimal) else Decimal(str(value))
    exponent = number.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def is_percent(unit: str) -> bool:
    return unit.strip().lower() in _PERCENT


def places_for(unit: str, values: Iterable[Number]) -> int:
    """The decimal places for every number of one series (values, mean, limits,
    target): a percentage to one place; anything else to the places its own
    values are recorded with, up to two."""
    if is_percent(unit):
        return 1
    return min(max((decimals_used(value) for value in values), default=0), MAX_PLACES)


def with_unit(text: str, unit: str) -> str:
    """A formatted number followed by its unit: ``94.5%``, ``387 bed days``."""
    unit = unit.strip()
    if not unit:
        return text
    return f"{text}{unit}" if unit in _CLOSED_UP else f"{text} {unit}"


@dataclass(frozen=True)
class SeriesFormat:
    """How every number of one series is written (see :func:`series_format`)."""

    unit: str
    places: int

    def number(self, value: Number | None, missing: str = "") -> str:
        return missing if value is None else format_number(value, self.places)

    def value(self, value: Number | None, missing: str = "") -> str:
        """The number with its unit: ``94.5%``."""
        return missing if value is None else with_unit(self.number(value), self.unit)


def series_format(unit: str, values: Iterable[Number]) -> SeriesFormat:
    """The format of a series in ``unit`` whose recorded values are ``values``."""
    return SeriesFormat(unit, places_for(unit, values))


def format_money(value: Number, places: int = 0) -> str:
    """Pounds: ``£1,234`` (or ``£99.50`` with ``places=2``); ``-£20`` when negative."""
    text = format_number(value, places)
    return f"-£{text[1:]}" if text.startswith("-") else f"£{text}"


def format_hours(value: Number) -> str:
    """Person-hours, to the quarter hour people record them in: ``16``, ``7.5``, ``0.25``."""
    return format_number(value, min(decimals_used(value), 2))


def plural(count: Number, singular: str, plural_form: str | None = None) -> str:
    """``count`` and the word that goes with it: ``1 problem``, ``12 months``,
    ``1,250 people`` (``plural_form`` when adding an s will not do)."""
    one = LOCALE.plural_form(count) == "one"
    word = singular if one else (plural_form or f"{singular}s")
    return f"{format_number(count)} {word}"


class OutOfRange(ValueError):
    """A number too large to be a measure, or too close to zero for a float to hold."""


def is_plain_number(text: str) -> bool:
    """Whether ``text`` is a number written in plain ASCII: a sign, digits, one
    point and an exponent (``-3``, ``1234.5``, ``1e3``), not ``1_000`` or ``٥``,
    which Python's float() and Decimal() also take."""
    return _PLAIN_NUMBER.fullmatch(text) is not None


def read_number(text: str, expected: str = "a number") -> float:
    """The number a person wrote (``12``, ``-3.5``, ``1e3``) as a float.

    Raises ValueError with a message saying what is wrong (``expected``
    names what was wanted) for text that is not a plain ASCII number (``inf``,
    ``nan``, ``1_000``, Arabic-Indic ``٥``). Raises :class:`OutOfRange` for a
    number beyond :data:`MAX_MAGNITUDE` either side of 0 (``1e28``, ``1e400``)
    and one too close to zero for a float (``1e-400``, which would be read as
    0; any non-zero number smaller than 2.2e-308 loses digits).
    """
    written = text.strip()
    if not is_plain_number(written):
        raise ValueError(
            f"expected {expected}, not {text!r}: write digits 0 to 9, with a point for "
            "decimals (such as 1234.5, -3 or 1e3)"
        )
    value = float(written)
    if abs(value) > MAX_MAGNITUDE:
        raise OutOfRange(
            f"{written} is too large: a value must be between -{_LIMIT} and {_LIMIT} "
            "(a million billion)"
        )
    if abs(value) < sys.float_info.min and Decimal(written) != 0:
        raise OutOfRange(
            f"{written} is too close to zero to keep (it would be read as 0 or lose "
            "digits): a value other than 0 must be at least 2.2e-308 away from zero"
        )
    return value


_LIMIT = format_number(MAX_MAGNITUDE)
