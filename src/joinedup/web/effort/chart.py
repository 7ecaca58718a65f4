"""The geometry of the effort chart: one stacked bar per month, a segment per
partner, drawn as inline SVG by effort/cost.jinja. The numbers are always in
the table beside it; the chart is for seeing the shape."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from joinedup.core.numbers import format_money, plural
from joinedup.web.axis import Tick, round_step
from joinedup.web.colours import PARTNERS, PATTERNS
from joinedup.web.effort.series import CostTable

WIDTH, HEIGHT = 420, 240
LEFT, RIGHT, TOP, BOTTOM = 70, 4, 10, 28


@dataclass(frozen=True)
class Fill:
    """How one partner's segments are drawn: a colour and a pattern over it
    (joinedup.web.colours), so no two partners differ by colour alone."""

    colour: str
    pattern: str
    index: int  # names the SVG pattern: one per partner

    @property
    def ref(self) -> str:
        return f"app-partner-{self.index}"


def fills(count: int) -> list[Fill]:
    """The fills of ``count`` partners: every (colour, pattern) pair differs
    for up to len(PARTNERS) x len(PATTERNS) partners."""
    return [Fill(PARTNERS[i % len(PARTNERS)], PATTERNS[i % len(PATTERNS)], i) for i in range(count)]


@dataclass(frozen=True)
class Segment:
    x: float
    y: float
    width: float
    height: float
    fill: Fill
    label: str  # shown on hover: partner, month and amount


@dataclass(frozen=True)
class BarChart:
    width: int
    height: int
    segments: list[Segment]
    y_ticks: list[Tick]
    x_ticks: list[Tick]
    legend: list[tuple[Fill, str]]  # fill, partner
    plot: tuple[int, int, int, int]  # left, top, right, bottom
    title: str
    summary: str  # the text alternative: what the chart shows, in words


def charts(table: CostTable | None) -> dict[str, BarChart]:
    """The hours chart and the cost chart of ``table`` (none without a table)."""
    if table is None:
        return {}
    return {measure: bar_chart(table, measure) for measure in ("hours", "cost")}


def bar_chart(table: CostTable, measure: str) -> BarChart:
    """Stacked bars of ``measure`` ("hours" or "cost") per month."""
    top = max((getattr(row.total, measure) for row in table.rows), default=Decimal(0))
    scale_top = round_step(float(top)) if top > 0 else 1.0
    right, bottom = WIDTH - RIGHT, HEIGHT - BOTTOM
    slot = (right - LEFT) / len(table.rows)
    width = slot * 0.7

    def y(value: float) -> float:
        return bottom - (bottom - TOP) * value / scale_top

    partner_fills = fills(len(table.partners))
    segments = []
    for i, row in enumerate(table.rows):
        x = LEFT + slot * i + (slot - width) / 2
        base = 0.0
        for partner, fill, cell in zip(table.partners, partner_fills, row.cells, strict=True):
            value = float(getattr(cell, measure))
            if value <= 0:
                continue
            segments.append(
                Segment(
                    x=round(x, 1),
                    y=round(y(base + value), 1),
                    width=round(width, 1),
                    height=round(y(base) - y(base + value), 1),
                    fill=fill,
                    label=f"{partner}, {row.month:%B %Y}: {_amount(value, measure)}",
                )
            )
            base += value
    y_ticks = [Tick(round(y(v), 1), _amount(v, measure)) for v in (0, scale_top / 2, scale_top)]
    x_ticks = [
        Tick(round(LEFT + slot * (i + 0.5), 1), f"{row.month:%b}")
        for i, row in enumerate(table.rows)
    ]
    return BarChart(
        width=WIDTH,
        height=HEIGHT,
        segments=segments,
        y_ticks=y_ticks,
        x_ticks=x_ticks,
        legend=list(zip(partner_fills, table.partners, strict=True)),
        plot=(LEFT, TOP, right, bottom),
        title=f"{_TITLES[measure]} per month by partner, {table.first:%B %Y} to {table.last:%B %Y}",
        summary=_summary(table, measure),
    )


_TITLES = {"hours": "Person-hours", "cost": "Cost"}


def _summary(table: CostTable, measure: str) -> str:
    busiest = max(table.rows, key=lambda row: getattr(row.total, measure))
    total = float(getattr(table.total, measure))
    peak = float(getattr(busiest.total, measure))
    return (
        f"{_amount(total, measure)} in {len(table.rows)} months; the highest month was "
        f"{busiest.month:%B %Y} with {_amount(peak, measure)}. "
        "The table below gives every number."
    )


def _amount(value: float, measure: str) -> str:
    return format_money(value) if measure == "cost" else plural(round(value), "hour")
