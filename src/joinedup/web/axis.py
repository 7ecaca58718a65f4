"""Axes for the server-drawn SVG charts: ticks at round numbers."""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class Tick:
    at: float  # position on the chart, in SVG units
    text: str


def round_step(raw: float) -> float:
    """The smallest of 1, 2, 2.5 or 5 times a power of ten at or above ``raw`` (> 0)."""
    magnitude = 10.0 ** math.floor(math.log10(raw))
    return next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)


def steps(low: float, high: float, count: int = 5) -> list[float]:
    """Round numbers for a value axis between ``low`` and ``high``, about ``count`` apart."""
    step = round_step((high - low) / count)
    values = []
    value = -(-low // step) * step
    while value <= high:
        values.append(round(value, 10))
        value += step
    return values
