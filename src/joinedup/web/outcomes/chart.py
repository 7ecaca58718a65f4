"""The geometry of an SPC chart in Making Data Count style, drawn as inline
SVG by outcomes/chart.jinja.

Colours pass WCAG's 3:1 contrast for graphics on white, and every point type
also has its own shape, so colour is never the only signal. The y axis says
the unit; the time axis labels periods as months ("Nov 2026"), spaced so
that no two labels overlap, however long the series or wherever it starts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from joinedup.core.events import Event, Numbered, numbered
from joinedup.core.numbers import SeriesFormat, decimals_used, format_number
from joinedup.core.outcomes import Frequency
from joinedup.core.spc import PointType, SpcResult
from joinedup.web import colours
from joinedup.web.axis import Tick, label_width, spaced_ticks, steps

# Narrow enough that its labels stay readable when a phone shrinks it.
WIDTH, HEIGHT = 420, 300
# The left margin grows with the widest value label; the right one holds half
# of the last period's label.
MIN_LEFT, RIGHT, TOP, BOTTOM = 44, 40, 34, 40
FONT = 15

# (colour, shape, legend) per point type.
STYLES = {
    PointType.COMMON_CAUSE: (colours.COMMON_CAUSE, "dot", "Common cause"),
    PointType.IMPROVEMENT: (colours.IMPROVEMENT, "circle", "Special cause improvement"),
    PointType.CONCERN: (colours.CONCERN, "square", "Special cause concern"),
    PointType.NEITHER_HIGH: (colours.NEITHER, "diamond", "Special cause, neither better nor worse"),
    PointType.NEITHER_LOW: (colours.NEITHER, "diamond", "Special cause, neither better nor worse"),
}


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
class Marker:
    """An event's place on the chart: its x, its number, and whether it rebases."""

    x: float
    number: int
    rebases: bool


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    path: str  # the data line
    marks: list[Mark]
    lines: list[Line]
    target: float | None  # its y
    markers: list[Marker]  # the events on the chart, numbered
    events: list[Numbered]  # every event, numbered, as listed beside the chart
    y_ticks: list[Tick]
    y_title: str  # the unit, written above the value labels
    x_ticks: list[Tick]
    legend: list[tuple[str, str, str]]  # colour, shape, text of the types shown
    plot: tuple[float, int, int, int]  # left, top, right, bottom

    @property
    def line_kinds(self) -> frozenset[str]:
        """The kinds of line drawn ("mean", "limit"): the key lists only these."""
        return frozenset(line.kind for line in self.lines)

    def mark_paths(self) -> list[tuple[str, str, str]]:
        """The marks as one SVG path per colour and shape, (colour, shape, path
        data): the same drawing as a shape per mark, in a few elements, for a
        page of many charts (the board report) that needs no label per point."""
        paths: dict[tuple[str, str], list[str]] = {}
        for mark in self.marks:
            paths.setdefault((mark.colour, mark.shape), []).append(_outline(mark))
        return [(colour, shape, " ".join(d)) for (colour, shape), d in paths.items()]


def _outline(mark: Mark) -> str:
    """The path data of one mark's shape (chart.jinja's _shape, as a path)."""
    x, y = mark.x, mark.y
    if mark.shape in ("dot", "circle"):
        r = 3 if mark.shape == "dot" else 5.5
        return f"M{x - r:g},{y:g} a{r:g},{r:g} 0 1,0 {2 * r:g},0 a{r:g},{r:g} 0 1,0 {-2 * r:g},0"
    if mark.shape == "square":
        return f"M{x - 5:g},{y - 5:g} h10 v10 h-10 Z"
    return f"M{x:g},{y - 7:g} L{x + 7:g},{y:g} L{x:g},{y + 7:g} L{x - 7:g},{y:g} Z"


def build(
    result: SpcResult,
    events: list[Event],
    style: SeriesFormat,
    frequency: Frequency = Frequency.MONTHLY,
) -> Chart | None:
    """The chart of ``result``, or None when there are no points to draw.

    ``events`` (in date order, the partnership's start among them) are
    numbered; those within the chart's dates get a marker: a dotted line
    across the chart for a rebase, a short line at the top for the rest.
    ``style`` writes the values (their unit and places); ``frequency`` names
    the periods."""
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
    values = steps(low, high)
    places = max((decimals_used(value) for value in values), default=0)
    labels = [format_number(value, places) for value in values]
    left = max(MIN_LEFT, max(label_width(text, FONT) for text in labels) + 10)
    first, last = points[0].period.toordinal(), points[-1].period.toordinal()
    span = max(last - first, 1)
    right, bottom = WIDTH - RIGHT, HEIGHT - BOTTOM

    def x(day: dt.date) -> float:
        if first == last:
            return round((left + right) / 2, 1)
        return round(left + (day.toordinal() - first) / span * (right - left), 1)

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
                f"{frequency.name_of(point.period)}: {style.value(point.value)}, {text.lower()}",
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
    listed = numbered(events, points[0].period, points[-1].period)
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
        markers=[
            Marker(x(item.event.date), item.number, item.event.rebases)
            for item in listed
            if item.on_chart
        ],
        events=listed,
        y_ticks=[Tick(y(value), text) for value, text in zip(values, labels, strict=True)],
        y_title=style.unit,
        x_ticks=time_ticks(points[0].period, points[-1].period, x, frequency),
        legend=legend,
        plot=(left, TOP, right, bottom),
    )


def time_ticks(
    first: dt.date,
    last: dt.date,
    x: Callable[[dt.date], float],
    frequency: Frequency = Frequency.MONTHLY,
) -> list[Tick]:
    """Period labels along the time axis from ``first`` to ``last``, never
    overlapping: months ("Nov 2026"), or financial years for a yearly series."""
    if frequency is Frequency.YEARLY:
        starts = [dt.date(year, 4, 1) for year in range(first.year, last.year + 1)]
        candidates = [
            (day.year, x(day), frequency.name_of(day)) for day in starts if first <= day <= last
        ]
    else:
        month = dt.date(first.year, first.month, 1)
        if month < first:
            month = Frequency.MONTHLY.shift(month, 1)
        candidates = []
        while month <= last:
            candidates.append((month.year * 12 + month.month - 1, x(month), f"{month:%b %Y}"))
            month = Frequency.MONTHLY.shift(month, 1)
    if not candidates:  # a stretch inside one month: name where it starts
        candidates = [(0, x(first), f"{first:%b %Y}")]
    return spaced_ticks(candidates, FONT)
