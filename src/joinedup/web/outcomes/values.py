"""Checking and removing an indicator's values: a value far outside the
series asks to be confirmed, and a removal is kept in the history with who
removed it and why. (Adding and replacing values is joinedup.web.outcomes.series.)"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from joinedup.core import spc
from joinedup.core.events import rebase_dates
from joinedup.core.outcomes import Scale, SeriesRow, robust_scale, usual_scale
from joinedup.web.freshness.versions import one_change
from joinedup.web.outcomes.facts import events
from joinedup.web.outcomes.models import ChangeRecord, Indicator
from joinedup.web.outcomes.series import number_text


def scale_without(indicator: Indicator, period: dt.date | None = None) -> Scale | None:
    """Where the indicator's values usually sit, leaving out ``period`` (the one
    being entered or corrected, so that a typo is not measured against itself)."""
    points = [point for point in indicator.points.all() if point.period != period]
    result = spc.analyse(
        [point.period for point in points],
        [point.value for point in points],
        improvement=indicator.improvement,
        rebase=rebase_dates(events(indicator, indicator.outcome.partnership.start_date)),
    )
    return usual_scale(result)


def far_outside(indicator: Indicator, rows: Iterable[SeriesRow]) -> list[SeriesRow]:
    """The rows of an import whose values are far outside the indicator's usual
    range; measured against the file itself when the indicator has too few
    values to go by."""
    rows = sorted(rows, key=lambda row: row.period)
    scale = scale_without(indicator) or robust_scale(
        [row.value for row in rows if row.value is not None]
    )
    if scale is None:
        return []
    return [row for row in rows if row.value is not None and scale.far_outside(row.value)]


def remove_value(indicator: Indicator, period: dt.date, *, user: Any, reason: str) -> float:
    """Remove the indicator's value for ``period``, keeping it in the history
    with ``user`` and ``reason``; returns the value removed. Raises
    DataPoint.DoesNotExist when there is none (removed a moment ago)."""
    with one_change(indicator.outcome.partnership_id):
        # Lock the indicator, as an import does, so the two cannot interleave.
        Indicator.objects.lock(indicator.pk)
        point = indicator.points.get(period=period)
        point.delete()
        ChangeRecord.objects.create(
            partnership_id=indicator.outcome.partnership_id,
            outcome_id=indicator.outcome_id,
            indicator=indicator,
            field="value",
            period=period,
            old=number_text(point.value),
            new="",
            changed_by=user,
            source="page",
            reason=reason,
        )
    return point.value
