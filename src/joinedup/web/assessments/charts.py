"""The geometry of the results' charts and the bands of the heat map.

Charts are inline SVG drawn by templates from these numbers: a bar per group
on the 1-4 scale. The numbers themselves are always in a table beside the
chart, and each heat map cell shows its number, so colour is never the only
way to read a result.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from joinedup.core.figures import mean_text
from joinedup.web.assessments.results import Group, withheld_text

WIDTH = 320
HEIGHT = 24
LEFT, RIGHT = 4, 4


@dataclass(frozen=True)
class Bar:
    label: str
    value: str  # the mean as shown, or why it is withheld
    width: float  # 0 when there is no mean
    everyone: bool  # the first bar, all respondents, is drawn in grey


@dataclass(frozen=True)
class BarChart:
    """One bar per group. Each group's name and mean are written as text above
    its bar, so the names wrap on a phone and the chart reads without the SVG."""

    bars: tuple[Bar, ...]
    ticks: tuple[tuple[int, float], ...]  # (scale point, x)
    midline: float  # x of 2.5, the line between disagree and agree
    left: float


def x(value: float) -> float:
    """Where ``value`` on the 1-4 scale falls across a bar's width."""
    return LEFT + (value - 1) / 3 * (WIDTH - LEFT - RIGHT)


def number(value: float | None) -> str:
    """A mean, median or agreement as shown on the page: 3.83, or "–" when there is none."""
    return "–" if value is None else mean_text(value)


def level(value: float | None) -> str:
    """A relationship level: 4, or 3.5 between two."""
    return "–" if value is None else f"{value:g}"


def change(value: float | None) -> str:
    """A change between rounds, with its sign: +0.40 or −0.25."""
    return "not comparable" if value is None else f"{value:+.2f}".replace("-", "−")


def bar_chart(rows: Sequence[Group], min_group: int, what: str = "answers") -> BarChart:
    return BarChart(
        bars=tuple(
            Bar(
                label=row.name,
                value=number(row.mean)
                if row.withheld is None
                else withheld_text(row.withheld, min_group, what),
                width=0.0 if row.mean is None else x(row.mean) - LEFT,
                everyone=i == 0,
            )
            for i, row in enumerate(rows)
        ),
        ticks=tuple((point, x(point)) for point in (1, 2, 3, 4)),
        midline=x(2.5),
        left=LEFT,
    )


# Heat map bands: (upper bound, CSS class, what it shows). Light orange for
# disagree, light blue for agree (told apart by people with red-green colour
# blindness); dark text keeps 7:1 contrast on every band.
BANDS = (
    (1.75, "app-heat--1", "1 to 1.75: strongly disagree, mostly"),
    (2.5, "app-heat--2", "above 1.75 to 2.5: disagree, mostly"),
    (3.25, "app-heat--3", "above 2.5 to 3.25: agree, mostly"),
    (4.0, "app-heat--4", "above 3.25 to 4: strongly agree, mostly"),
)


def band(mean: float | None) -> str:
    """The CSS class of a heat map cell."""
    if mean is None:
        return "app-heat--none"
    return next(css for upper, css, _ in BANDS if mean <= upper)
