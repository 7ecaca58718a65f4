"""Loading the discharge pipeline's monthly figures into a partnership.

``joinedup discharge-indicators ... --into SLUG`` ends here: one footprint's
months become the values of the partnership's two standard indicators, made
when missing, all or nothing, through :func:`apply_series` so every value
keeps its history and the SPC judgement and verdict use it at once.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.db import transaction

from joinedup.core.errors import InputError
from joinedup.core.outcomes import Frequency, Kind, SeriesPlan, SeriesRow
from joinedup.core.spc import Improvement
from joinedup.pipelines.discharges import MonthlyDischarges
from joinedup.web.outcomes.models import Indicator, Outcome
from joinedup.web.outcomes.series import apply_series
from joinedup.web.partnerships.models import Partnership

# The outcome the standard indicators measure, found or made by its title.
OUTCOME = "People go home from hospital as soon as they are ready"
SOURCE = "Hospital spell records (joinedup discharge-indicators)"


@dataclass(frozen=True)
class Standard:
    """A standard indicator: its name, unit, direction and monthly value."""

    name: str
    unit: str
    improvement: Improvement
    value: Callable[[MonthlyDischarges], float]


STANDARD = (
    Standard(
        "Delayed bed days",
        "bed days",
        Improvement.DECREASE,
        lambda month: float(month.delayed_bed_days),
    ),
    Standard(
        "Percentage discharged with no delay",
        "%",
        Improvement.INCREASE,
        lambda month: month.pct_no_delay,
    ),
)


def load_discharges(
    partnership: Partnership,
    rows: Sequence[MonthlyDischarges],
    footprint: str,
    source: str = SOURCE,
) -> dict[str, SeriesPlan]:
    """Write ``footprint``'s months into the partnership's standard indicators.

    Returns what changed per indicator name. Raises :class:`InputError` when
    the footprint has no months (naming those there are); nothing changes.
    """
    months = sorted((row for row in rows if row.footprint == footprint), key=lambda r: r.month)
    if not months:
        there = sorted({row.footprint for row in rows})
        listed = ", ".join(there[:10]) + (" ..." if len(there) > 10 else "")
        raise InputError(
            f"no spells count in footprint {footprint!r}; footprints: {listed or 'none'}"
        )
    plans = {}
    with transaction.atomic():
        # Titles need not be unique: any outcome of this title will do for a new indicator.
        outcome = partnership.outcomes.filter(title=OUTCOME).order_by("pk").first()
        if outcome is None:
            outcome = Outcome.objects.create(partnership=partnership, title=OUTCOME)
        for standard in STANDARD:
            indicator = _indicator(outcome, standard)
            series = [
                SeriesRow(row=number, period=month.month, value=standard.value(month))
                for number, month in enumerate(months, start=1)
            ]
            plans[standard.name] = apply_series(indicator, series, source=source)
    return plans


def _indicator(outcome: Outcome, standard: Standard) -> Indicator:
    """The partnership's indicator named ``standard.name``, under whichever
    outcome it was moved to, or a new one under ``outcome``."""
    found = list(
        Indicator.objects.of(outcome.partnership)
        .filter(name=standard.name)
        .select_related("outcome")
    )
    if len(found) > 1:
        raise InputError(
            f"the partnership has {len(found)} indicators named {standard.name!r}: "
            "rename all but the one the figures should go into"
        )
    if not found:
        return Indicator.objects.create(
            outcome=outcome,
            name=standard.name,
            unit=standard.unit,
            improvement=standard.improvement,
            frequency=Frequency.MONTHLY,
            kind=Kind.BETTER_OFF,
            source=SOURCE,
        )
    indicator = found[0]
    if indicator.frequency != Frequency.MONTHLY:
        raise InputError(
            f"the indicator {indicator.name!r} is not monthly: it cannot take monthly figures"
        )
    return indicator
