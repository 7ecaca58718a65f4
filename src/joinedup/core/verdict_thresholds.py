"""The numbers the verdict's rules use, each with its reason in docs/verdict.md.

Every one can be changed: ``joinedup verdict SLUG --threshold name=value`` on
the command line, ``Thresholds(...)`` in code. The web pages use the defaults.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from joinedup.core.errors import InputError, Problem
from joinedup.core.spc import MDC_MIN_POINTS
from joinedup.core.spc_rules import RUN_LENGTH


@dataclass(frozen=True)
class Thresholds:
    # Points since the start before a result can be judged (Making Data Count
    # draws limits from 15).
    min_points: int = MDC_MIN_POINTS
    # Points without a sustained signal after one before it stops being the
    # current reading: as many as it takes to show a shift.
    lapse_points: int = RUN_LENGTH
    # Under this many months since the start, or (monthly data) points, a
    # reading is early signs: one year, and two of each calendar month.
    early_months: int = 12
    early_points: int = 24
    # Months with no principal result moving, and heavy effort, before the
    # verdict is "effort without results yet".
    flat_months: int = 12
    # Months with no principal result moving, heavy effort and no target met,
    # before the stance is "consider ending it at review": three years.
    review_months: int = 36
    # Months from when an outcome lost its accountable owner to the date the
    # verdict's condition sets for naming one: a quarter, one board cycle.
    condition_months: int = 3
    # A run of this many months without any effort entry makes effort partial,
    # so unknown: a partnership that meets quarterly records every 3 months.
    effort_gap_months: int = 3
    # Effort bands, per partner a month: person-hours (a day; three days) ...
    light_hours: Decimal = Decimal(8)
    heavy_hours: Decimal = Decimal(24)
    # ... and pounds, where there is no pooled budget (those hours at about a
    # manager's default rate of £53) ...
    light_cost: Decimal = Decimal(400)
    heavy_cost: Decimal = Decimal(1250)
    # ... or, with a pooled budget, per cent of it (about 2 days and about a
    # week of the budget a year).
    light_share: Decimal = Decimal("0.5")
    heavy_share: Decimal = Decimal(2)

    def as_dict(self) -> dict[str, float]:
        return {name: float(value) for name, value in dataclasses.asdict(self).items()}

    @classmethod
    def parse(cls, settings: Iterable[str]) -> Thresholds:
        """Thresholds from ``name=value`` texts; the rest keep their defaults."""
        types = {field.name: field.type for field in dataclasses.fields(cls)}
        values: dict[str, Any] = {}
        problems = []
        for setting in settings:
            name, _, text = setting.partition("=")
            name = name.strip()
            if name not in types:
                problems.append(
                    Problem(f"unknown threshold; expected one of {', '.join(types)}", field=name)
                )
                continue
            whole = types[name] == "int"
            try:
                value: int | Decimal | None = int(text) if whole else Decimal(text.strip())
            except (ValueError, ArithmeticError):
                value = None
            if value is None or (isinstance(value, Decimal) and not value.is_finite()):
                expected = "a whole number" if whole else "a number"
                problems.append(Problem(f"expected {expected}, not {text!r}", field=name))
                continue
            largest = _MOST_MONTHS if whole else _MOST
            if not value > 0:
                problems.append(Problem(f"must be more than 0, not {text}", field=name))
            elif value > largest:
                problems.append(Problem(f"must be at most {largest}, not {text}", field=name))
            values[name] = value
        if problems:
            raise InputError(problems)
        chosen = cls(**values)
        problems = [
            Problem(f"must be more than {low} ({getattr(chosen, low)})", field=high)
            for low, high in _PAIRS
            if getattr(chosen, high) <= getattr(chosen, low)
        ]
        if problems:
            raise InputError(problems)
        return chosen


# The largest a whole-number threshold (points, months) or any other may be:
# beyond these a date or a figure stops meaning anything.
_MOST_MONTHS = 10_000
_MOST = 1_000_000_000

# Band edges that must stay in order, (lower, upper).
_PAIRS = (
    ("light_hours", "heavy_hours"),
    ("light_cost", "heavy_cost"),
    ("light_share", "heavy_share"),
    ("flat_months", "review_months"),
)
