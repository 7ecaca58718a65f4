"""The geometry of an SPC chart in Making Data Count style, drawn as inline
SVG by outcomes/chart.jinja.

Colours pass WCAG's 3:1 contrast for graphics on white, and every point type
also has its own shape, so colour is never the only signal.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from joinedup.core.numbers import format_number
from joinedup.core.spc import PointType, SpcResult
from joinedup.web.axis import Tick, steps

# Narrow enough that its labels stay readable when a phone shrinks it.
WIDTH, HEIGHT = 480, 300
LEFT, RIGHT, TOP, BOTTOM = 52, 12, 12, 40

# (colour, shape, legend) per point type. MDC's light blue is too pale on
# white, so improvement uses a darker blue; concern a darker orange.
STYLES = {
    PointType.COMMON_CAUSE: ("#4c6272", "dot", "Common cause"),
    PointType.IMPROVEMENT: ("#005eb8", "circle", "Special cause improvement"),
    PointType.CONCERN: ("#b35c00", "square", "Special cause concern"),
    PointType.NEITHER_HIGH: ("#7030a0", "diamond", "Special cause, neither better nor worse"),
    PointType.NEITHER_LOW: ("#7030a0", "diamond", "Special cause, neither better nor worse"),
}
TARGET_COLOUR = "#d5281b"


@dataclass(frozen=True)
class Mark:
    x: float
    y: float
    colour: str
    shape: str
    label: str  # what a pointer or screen reader is told about the point


@dataclass(frozen=True)
class Line:
    x1: float
    x2: float
    y: float
    kind: str  # mean, limit


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    path: str  # the data line
    marks: list[Mark]
    lines: list[Line]
    target: float | None  # its y
    rebases: list[tuple[float, str]]  # x and what began
    y_ticks: list[Tick]
    x_ticks: list[Tick]
    legend: list[tuple[str, str, str]]  # colour, shape, text of the types shown
    plot: tuple[int, int, int, int]  # left, top, right, bottom


def build(result: SpcResult, rebases: list[tuple[dt.date, str]], unit: str) -> Chart | None:
    """The chart of ``result``, or None when there are no points to draw."""
    points = result.points
    if not points:
        return None
    numbers = [point.value for point in points]
    for point in points:
        numbers += [n for n in (point.lpl, point.upl) if n is not None]
    if result.target is not None:
        numbers.append(result.target)
    low, high = min(numbers), max(numbers)
    pad = (high - low) * 0.08 or abs(high) * 0.1 or 1.0
    low, high = low - pad, high + pad
    first, last = points[0].period.toordinal(), points[-1].period.toordinal()
    span = max(last - first, 1)
    right, bottom = WIDTH - RIGHT, HEIGHT - BOTTOM

    def x(day: dt.date) -> float:
        if first == last:
            return (LEFT + right) / 2
        return round(LEFT + (day.toordinal() - first) / span * (right - LEFT), 1)

    def y(value: float) -> float:
        return round(bottom - (value - low) / (high - low) * (bottom - TOP), 1)

    marks = []
    for point in points:
        colour, shape, text = STYLES[point.point_type]
        marks.append(
            Mark(
                x(point.period),
                y(point.value),
                colour,
                shape,
                f"{point.period:%b %Y}: {format_number(point.value)} {unit}, {text.lower()}",
            )
        )
    path = " ".join(f"{'M' if i == 0 else 'L'}{mark.x},{mark.y}" for i, mark in enumerate(marks))
    lines = []
    for partition in sorted({point.partition for point in points}):
        stretch = [point for point in points if point.partition == partition]
        start, end = x(stretch[0].period), x(stretch[-1].period)
        lines += [
            Line(start, end, y(value), kind)
            for value, kind in (
                (stretch[0].mean, "mean"),
                (stretch[0].lpl, "limit"),
                (stretch[0].upl, "limit"),
            )
            if value is not None
        ]
    shown = {point.point_type for point in points}
    legend = []
    for kind, (colour, shape, text) in STYLES.items():
        if kind in shown and (colour, shape, text) not in legend:
            legend.append((colour, shape, text))
    return Chart(
        width=WIDTH,
        height=HEIGHT,
        path=path,
        marks=marks,
        lines=lines,
        target=None if result.target is None else y(result.target),
        rebases=[
            (x(day), f"{label}, {day.day} {day:%B %Y}")
            for day, label in rebases
            if points[0].period < day <= points[-1].period
        ],
        y_ticks=[Tick(y(value), format_number(value)) for value in steps(low, high)],
        x_ticks=[
            Tick(x(point.period), str(point.period.year))
            for i, point in enumerate(points)
            if i == 0 or point.period.year != points[i - 1].period.year
        ],
        legend=legend,
        plot=(LEFT, TOP, right, bottom),
    )
