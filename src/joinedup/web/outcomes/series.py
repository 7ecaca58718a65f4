"""Putting values into an indicator: the one function every way in uses.

The import page, hand entry, ``joinedup import-series`` and record-level
pipelines (``--into``) all call :func:`apply_series`, so every route is all or
nothing and keeps the same history.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from pathlib import Path
from typing import IO, Any

from django.db import connection
from django.db.models import Model
from django.utils import timezone

from joinedup.core.errors import InputError, Problem
from joinedup.core.limits import Limits
from joinedup.core.numbers import plural
from joinedup.core.outcomes import SeriesPlan, SeriesRow, parse_series, plan_series
from joinedup.core.runs import runs
from joinedup.tabular import read_table
from joinedup.web.forms import limits as configured_limits
from joinedup.web.freshness.versions import one_change
from joinedup.web.outcomes.models import ChangeRecord, DataPoint, Indicator

# Rows a statement of a bulk insert holds: within every database's limit on
# parameters, few statements for a large import.
BATCH = 2_000


def read_series_file(
    indicator: Indicator,
    source: str | Path | IO[bytes],
    name: str | None = None,
    *,
    limits: Limits | None = None,
) -> list[SeriesRow]:
    """Rows of a ``period,value[,note]`` CSV or XLSX file for ``indicator``.

    Periods become the first day of the indicator's period; every value is
    required. ``limits`` caps the file (the configured caps unless given).
    Raises :class:`InputError` naming every bad row.
    """
    label = name or str(source)
    table = read_table(
        source, ["period", "value"], ["note"], name=label, limits=limits or configured_limits()
    )
    try:
        return parse_series(
            table.rows,
            frequency=indicator.frequency_choice,
            values_required=True,
            today=timezone.localdate(),
        )
    except InputError as exc:
        raise exc.with_source(label) from None


def held(rows: Iterable[SeriesRow]) -> list[list[Any]]:
    """Checked rows as JSON, to wait for the person's confirmation (in the
    session, or with an upload held for the worker)."""
    return [[row.row, row.period.isoformat(), row.value, row.note] for row in rows]


def unheld(data: Iterable[Sequence[Any]]) -> list[SeriesRow]:
    """The rows :func:`held` made."""
    return [
        SeriesRow(row, dt.date.fromisoformat(period), value, note)
        for row, period, value, note in data
    ]


def plan(indicator: Indicator, rows: Iterable[SeriesRow]) -> SeriesPlan:
    """What :func:`apply_series` would change, without changing anything."""
    return plan_series(_stored(indicator), rows)


class PlanChanged(Exception):
    """The indicator's values changed since the person confirmed an import: what
    it would do now (``plan``) is not what they were shown. Nothing was changed."""

    def __init__(self, plan: SeriesPlan) -> None:
        super().__init__("the indicator's values changed since the import was checked")
        self.plan = plan


def apply_series(
    indicator: Indicator,
    rows: Sequence[SeriesRow],
    *,
    user: Any = None,
    source: str = "import",
    reason: str = "",
    expect: str | None = None,
) -> SeriesPlan:
    """Store ``rows`` as the indicator's values for their periods, all or nothing.

    Each row's period must be the first day of one of the indicator's periods
    (see :func:`read_series_file`) and have a value; otherwise
    :class:`InputError` names the rows and nothing changes. A period that has a
    value already gets the new one, and the old value is kept in the history
    with ``user`` (None for a command), ``source`` and ``reason``; new periods are
    recorded as one history entry. Returns what changed.

    ``expect``, a plan's fingerprint (:meth:`SeriesPlan.fingerprint`), is what
    the person confirmed: when the plan, made under the indicator's lock, has
    another, :class:`PlanChanged` is raised and nothing changes.
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
        # Lock the indicator so two imports into it cannot interleave. Nothing
        # else is locked until one_change's end writes the partnership's version
        # (once, last), so other writes to the partnership go on meanwhile.
        Indicator.objects.lock(indicator.pk)
        stored = _stored(indicator)
        result = plan_series(stored, rows)
        if expect is not None and result.fingerprint() != expect:
            raise PlanChanged(result)
        # A replaced value is deleted and inserted again (a few statements for
        # the whole import), not updated row by row: time linear in the rows.
        _delete(indicator, runs(sorted(stored), {row.period for _, row in result.replaced}))
        written = [*result.added, *(row for _, row in result.replaced)]
        _insert(
            DataPoint,
            ("indicator", "period", "value", "note"),
            ((indicator.pk, _day(row.period), row.value, row.note) for row in written),
        )
        _insert(ChangeRecord, HISTORY, _history(indicator, result, user, source, reason))
    return result


def _delete(indicator: Indicator, ranges: Iterable[tuple[dt.date, dt.date]]) -> None:
    """Delete the indicator's stored values in each range of periods, one statement
    a range. Raw SQL, because ``QuerySet.delete()`` would load every row to send
    its signal; the version is replaced by the surrounding ``one_change``."""
    table = connection.ops.quote_name(DataPoint._meta.db_table)
    statement = f"DELETE FROM {table} WHERE indicator_id = %s AND period BETWEEN %s AND %s"
    with connection.cursor() as cursor:
        for first, last in ranges:
            cursor.execute(statement, [indicator.pk, first, last])


def _stored(indicator: Indicator) -> dict[dt.date, tuple[float, str]]:
    """period -> (value, note) of every value the indicator has."""
    found = indicator.points.values_list("period", "value", "note")
    return {period: (value, note) for period, value, note in found}


# The history's columns, in the order _history gives them.
HISTORY = (
    "partnership", "outcome", "indicator", "changed_by", "changed_at", "source",
    "field", "period", "old", "new", "reason", "moved_goalpost",
)  # fmt: skip


def _history(
    indicator: Indicator, result: SeriesPlan, user: Any, source: str, reason: str
) -> Iterator[tuple[Any, ...]]:
    """The history rows of an import: one per value replaced (the old value and
    the new) and one for its new values, all at the import's moment."""
    who = user.pk if getattr(user, "is_authenticated", False) else None
    at = connection.ops.adapt_datetimefield_value(timezone.now())
    common = (indicator.outcome.partnership_id, indicator.outcome_id, indicator.pk, who, at, source)
    for old, row in result.replaced:
        change = (_day(row.period), number_text(old), number_text(row.value), reason, False)
        yield (*common, "value", *change)
    if result.added:
        added = added_text(len(result.added), result.added[0].period, result.added[-1].period)
        yield (*common, "values", None, "", added, "", False)


def added_text(count: int, first: dt.date, last: dt.date) -> str:
    """How the history keeps an import's new values: ``3 new values, 2026-10-01
    to 2026-12-01`` (the first and last periods), read back by :func:`read_added`."""
    return f"{plural(count, 'new value')}, {first.isoformat()} to {last.isoformat()}"


_ADDED = re.compile(r"(\d+) new values?, (\d{4}-\d\d-\d\d) to (\d{4}-\d\d-\d\d)")


def read_added(text: str) -> tuple[int, dt.date, dt.date] | None:
    """The count and first and last periods of :func:`added_text`, or None."""
    found = _ADDED.fullmatch(text)
    if found is None:
        return None
    return int(found[1]), dt.date.fromisoformat(found[2]), dt.date.fromisoformat(found[3])


def _day(day: dt.date) -> Any:
    return connection.ops.adapt_datefield_value(day)


def _insert(model: type[Model], names: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """Insert ``rows`` (the values of the fields ``names``, as the database takes
    them) into ``model``'s table: on PostgreSQL with ``COPY`` (psycopg's
    ``copy``), elsewhere ``executemany``, ``BATCH`` rows at a time. Like
    ``bulk_create`` (no signals) but without a model object and an SQL
    statement for each row, which cost most of a large import's time
    (docs/performance.md)."""
    quote = connection.ops.quote_name
    column = {field.name: field.column for field in model._meta.concrete_fields}
    table = f"{quote(model._meta.db_table)} ({', '.join(quote(column[name]) for name in names)})"
    rows = iter(rows)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        statement = f"INSERT INTO {table} VALUES ({', '.join(['%s'] * len(names))})"
        while batch := list(islice(rows, BATCH)):
            cursor.executemany(statement, batch)


def number_text(value: float | str | None) -> str:
    """A number as kept in the history: exact, without a trailing .0."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return f"{value:.15g}"
