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


# Every how many periods a time axis may be labelled: monthly ticks land on
# January, then quarters, thirds and halves of the year, then whole years.
TICK_STEPS = (1, 2, 3, 4, 6, 12, 24, 36, 60, 120, 240)
CHARACTER_WIDTH = 0.55  # of the font size: wider than the NHS.UK font's letters and digits
TICK_GAP = 8  # SVG units between two neighbouring labels


def label_width(text: str, font_size: float) -> float:
    """How wide ``text`` is drawn at ``font_size``, erring on the wide side."""
    return len(text) * CHARACTER_WIDTH * font_size


def spaced_ticks(candidates: list[tuple[int, float, str]], font_size: float) -> list[Tick]:
    """Labels of a time axis that never overlap.

    ``candidates`` are (index, position, text), one per period that could be
    labelled, in order; the index counts periods from a fixed origin (months
    since year 0), so labels land on round places (every January, every
    quarter). Takes every n-th candidate for the smallest n in TICK_STEPS
    whose labels keep TICK_GAP apart; always at least one label. Between
    labels, unlabelled ticks (text "") mark the next smaller round step,
    such as every year between labels two years apart."""

    def apart(chosen: list[tuple[int, float, str]]) -> bool:
        return all(
            later[1] - earlier[1]
            >= (label_width(earlier[2], font_size) + label_width(later[2], font_size)) / 2
            + TICK_GAP
            for earlier, later in zip(chosen, chosen[1:], strict=False)
        )

    for i, step in enumerate(TICK_STEPS):
        chosen = [candidate for candidate in candidates if candidate[0] % step == 0]
        if chosen and apart(chosen):
            minor = next((s for s in reversed(TICK_STEPS[:i]) if step % s == 0), step)
            return [
                Tick(at, text if index % step == 0 else "")
                for index, at, text in candidates
                if index % minor == 0
            ]
    return [Tick(at, text) for _, at, text in candidates[:1]]
