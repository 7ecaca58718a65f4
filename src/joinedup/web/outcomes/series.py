"""Putting values into an indicator: the one function every way in uses.

The import page, hand entry, ``joinedup import-series`` and record-level
pipelines (``--into``) all call :func:`apply_series`, so every route is all or
nothing and keeps the same history.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import IO, Any

from django.utils import timezone

from joinedup.core.errors import InputError, Problem
from joinedup.core.numbers import plural
from joinedup.core.outcomes import SeriesPlan, SeriesRow, parse_series, plan_series
from joinedup.tabular import read_table
from joinedup.web.freshness.versions import one_change
from joinedup.web.outcomes.models import ChangeRecord, DataPoint, Indicator


def read_series_file(
    indicator: Indicator, source: str | Path | IO[bytes], name: str | None = None
) -> list[SeriesRow]:
    """Rows of a ``period,value[,note]`` CSV or XLSX file for ``indicator``.

    Periods become the first day of the indicator's period; every value is
    required. Raises :class:`InputError` naming every bad row.
    """
    label = name or str(source)
    table = read_table(source, ["period", "value"], ["note"], name=label)
    try:
        return parse_series(
            table.rows,
            frequency=indicator.frequency_choice,
            values_required=True,
            today=timezone.localdate(),
        )
    except InputError as exc:
        raise exc.with_source(label) from None


def plan(indicator: Indicator, rows: Iterable[SeriesRow]) -> SeriesPlan:
    """What :func:`apply_series` would change, without changing anything."""
    return plan_series(_stored(indicator.points.all()), rows)


def apply_series(
    indicator: Indicator,
    rows: Sequence[SeriesRow],
    *,
    user: Any = None,
    source: str = "import",
    reason: str = "",
) -> SeriesPlan:
    """Store ``rows`` as the indicator's values for their periods, all or nothing.

    Each row's period must be the first day of one of the indicator's periods
    (see :func:`read_series_file`) and have a value; otherwise
    :class:`InputError` names the rows and nothing changes. A period that has a
    value already gets the new one, and the old value is kept in the history
    with ``user`` (None for a command), ``source`` and ``reason``; new periods are
    recorded as one history entry. Returns what changed.
    """
    frequency = indicator.frequency_choice
    problems = [
        Problem(
            f"{row.period.isoformat()} is not the first day of a {frequency.unit}",
            row.row,
            "period",
        )
        for row in rows
        if frequency.start_of(row.period) != row.period
    ] + [Problem("a value is needed", row.row, "value") for row in rows if row.value is None]
    if problems:
        raise InputError(problems)

    with one_change(indicator.outcome.partnership_id):
        # Lock the indicator so two imports into it cannot interleave.
        Indicator.objects.select_for_update().filter(pk=indicator.pk).first()
        stored = {point.period: point for point in indicator.points.all()}
        result = plan_series(_stored(stored.values()), rows)
        DataPoint.objects.bulk_create(
            DataPoint(indicator=indicator, period=row.period, value=row.value, note=row.note)  # type: ignore[misc]  # plan_series refuses rows without a value
            for row in result.added
        )
        history = []
        for old, row in result.replaced:
            point = stored[row.period]
            point.value, point.note = row.value, row.note  # type: ignore[assignment]
            point.save(update_fields=["value", "note"])
            history.append(
                _record(
                    indicator,
                    user,
                    source,
                    field="value",
                    period=row.period,
                    old=old,
                    new=row.value,
                    reason=reason,
                )
            )
        if result.added:
            first, last = result.added[0].period, result.added[-1].period
            history.append(
                _record(
                    indicator,
                    user,
                    source,
                    field="values",
                    new=f"{plural(len(result.added), 'new value')}, "
                    f"{first:%Y-%m-%d} to {last:%Y-%m-%d}",
                )
            )
        ChangeRecord.objects.bulk_create(history)
    return result


def _stored(points: Iterable[DataPoint]) -> dict[Any, tuple[float, str]]:
    return {point.period: (point.value, point.note) for point in points}


def _record(
    indicator: Indicator, user: Any, source: str, *, field: str, **values: Any
) -> ChangeRecord:
    texts = {key: number_text(value) for key, value in values.items() if key in ("old", "new")}
    return ChangeRecord(
        partnership_id=indicator.outcome.partnership_id,
        outcome_id=indicator.outcome_id,
        indicator=indicator,
        field=field,
        period=values.get("period"),
        changed_by=user if getattr(user, "is_authenticated", False) else None,
        source=source,
        reason=values.get("reason", ""),
        **texts,
    )


def number_text(value: float | str | None) -> str:
    """A number as kept in the history: exact, without a trailing .0."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return f"{value:.15g}"
