"""How heavy a partnership's effort is, over the same months as its results.

Effort is averaged over the results' window (from the first point since the
start to the latest), counting months without entries as zero, and only when
it is known: entries with no run of ``effort_gap_months`` empty months in the
window. Otherwise the cost is unknown, never low. Known effort falls in a
band (light, moderate, heavy) that scales with the partnership: person-hours
per partner, and pounds per partner or, where there is a pooled budget, as a
share of it. Each measure gives a band and the heaviest counts; the bands are
wide, so one more hour or pound can move effort by one band at most.
docs/verdict.md ("Effort") has the edges and their reasons.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from joinedup.core.effort import MINUTES_PER_HOUR, PENNY, TENTH, MonthlyEffort, months_between
from joinedup.core.verdict_thresholds import Thresholds

MONTHS_PER_YEAR = 12
PER_CENT = 100


class Band(StrEnum):
    UNKNOWN = "unknown"
    LIGHT = "light"
    MODERATE = "moderate"
    HEAVY = "heavy"

    @property
    def rank(self) -> int:
        """0 for light, 1 for moderate, 2 for heavy (-1 for unknown)."""
        return _BANDS.index(self) - 1


_BANDS = tuple(Band)


class Measure(StrEnum):
    """What a band was measured by."""

    HOURS = "hours"  # person-hours per partner a month
    COST = "cost"  # pounds per partner a month
    SHARE = "share"  # per cent of the pooled budget


@dataclass(frozen=True)
class EffortReading:
    """The effort over the results' window, and its band."""

    band: Band
    first: dt.date | None  # the window's first and last months; None without results
    last: dt.date | None
    months: int  # in the window
    recorded: int  # months of the window with any entry
    longest_gap: int  # the longest run of months without any entry
    averaged_over: int  # the window when known; otherwise the months with entries
    partners: int
    hours: Decimal  # a month, all partners together
    cost: Decimal
    pooled_budget: Decimal | None  # a year
    bands: tuple[tuple[Measure, Band], ...]  # what each measure says, when known

    @property
    def known(self) -> bool:
        return self.band is not Band.UNKNOWN

    @property
    def hours_per_partner(self) -> Decimal:
        return (self.hours / self.partners).quantize(TENTH)

    @property
    def cost_per_partner(self) -> Decimal:
        return (self.cost / self.partners).quantize(PENNY)

    @property
    def share(self) -> Decimal | None:
        """The cost a month as a per cent of a month's pooled budget."""
        if not self.pooled_budget:
            return None
        return (self.cost / (self.pooled_budget / MONTHS_PER_YEAR) * PER_CENT).quantize(
            Decimal("0.01")
        )

    @property
    def decided_by(self) -> tuple[Measure, ...]:
        """The measures that put the effort in its band."""
        return tuple(measure for measure, band in self.bands if band is self.band)


def read_effort(
    rows: Iterable[MonthlyEffort],
    first: dt.date | None,
    last: dt.date | None,
    *,
    partners: int,
    pooled_budget: Decimal | None,
    thresholds: Thresholds,
) -> EffortReading:
    """The effort from ``first``'s month to ``last``'s (the results' window).

    Without a window (no result to weigh it against) it is read over the
    months with entries and its band is unknown.
    """
    partners = max(partners, 1)
    rows = list(rows)
    if first is None or last is None:
        window: list[dt.date] = []
        kept = rows
    else:
        window = months_between(first, last)
        kept = [row for row in rows if window[0] <= row.month <= window[-1]]
    recorded = {row.month for row in kept}
    gap = _longest_gap(window, recorded)
    known = bool(window) and bool(recorded) and gap < thresholds.effort_gap_months
    over = len(window) if known else len(recorded)
    minutes = sum((row.minutes for row in kept), Decimal(0))
    cost = sum((row.cost for row in kept), Decimal(0))
    hours = (minutes / MINUTES_PER_HOUR / over).quantize(TENTH) if over else Decimal(0)
    monthly = (cost / over).quantize(PENNY) if over else Decimal(0)
    reading = EffortReading(
        band=Band.UNKNOWN,
        first=window[0] if window else None,
        last=window[-1] if window else None,
        months=len(window),
        recorded=len(recorded),
        longest_gap=gap,
        averaged_over=over,
        partners=partners,
        hours=hours,
        cost=monthly,
        pooled_budget=pooled_budget or None,
        bands=(),
    )
    if not known:
        return reading
    # Bands from the unrounded averages, so rounding never moves an edge.
    per_partner = Decimal(over * partners)
    bands = [
        (
            Measure.HOURS,
            _band(
                minutes / MINUTES_PER_HOUR / per_partner,
                thresholds.light_hours,
                thresholds.heavy_hours,
            ),
        )
    ]
    if reading.pooled_budget:
        share = cost / over / (reading.pooled_budget / MONTHS_PER_YEAR) * PER_CENT
        bands.append((Measure.SHARE, _band(share, thresholds.light_share, thresholds.heavy_share)))
    else:
        bands.append(
            (Measure.COST, _band(cost / per_partner, thresholds.light_cost, thresholds.heavy_cost))
        )
    heaviest = max((band for _, band in bands), key=lambda band: band.rank)
    return dataclasses.replace(reading, band=heaviest, bands=tuple(bands))


def _band(value: Decimal, light: Decimal, heavy: Decimal) -> Band:
    """Light below ``light``; heavy from ``heavy``; moderate between."""
    if value < light:
        return Band.LIGHT
    return Band.HEAVY if value >= heavy else Band.MODERATE


def _longest_gap(window: list[dt.date], recorded: set[dt.date]) -> int:
    longest = run = 0
    for month in window:
        run = 0 if month in recorded else run + 1
        longest = max(longest, run)
    return longest
