"""Delayed discharges: hospital spells (one row each) to monthly indicators per
footprint, with every bad row accounted for.

The record format, the definitions and the bad-row reasons are documented in
docs/data/discharges.md; this module (the passes and what they return)
and discharge_sql.py (the rules as SQL) are their one implementation.

Most files have no bad row, so the work is done in up to three passes over
the records, each run only when those before it cannot settle the answer:

1. Spell ids: a 64-bit hash of every spell_id, sorted (numpy), finds the
   hashes seen more than once, and any row without an id. No repeated hash
   means no two ids are equal (equal ids have equal hashes), found without a
   hash table of 10 million texts.
2. The clean pass, if every row has an id and no hash is repeated: one
   GROUP BY of the records by (month, provider, council, responsible) gives
   the totals and counts the rows failing a check of their own; the checks
   of a grouped value (the codes, responsible) are made once per group, not
   on every row. If nothing fails, that is the answer.
3. The full pass, only when some row is bad: one GROUP BY whose key is the
   group above for a good row and the row's own number for a bad one, so its
   result holds both the totals and every rejected row with its reasons and
   original values. Duplicates are confirmed by comparing the ids themselves,
   only among the rows whose hash was repeated, so exactness never rests on
   the hash.

Nothing the size of the input is kept but the hashes (8 bytes a row). Python
then finds the footprint of each (provider, council) pair, which keeps the
precedence rules of a footprint file plain code, and DuckDB sums the totals
into footprints, returned as plain values for the CLI (or a loader) to write.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

import duckdb
import numpy as np
import numpy.typing as npt

from joinedup.core.errors import InputError
from joinedup.core.numbers import format_number, plural
from joinedup.csvout import Cell, write_rows
from joinedup.pipelines.atomic import replacing
from joinedup.pipelines.discharge_sql import REASONS, RESPONSIBLE, DischargeSql, rejects_query
from joinedup.pipelines.footprints import Footprints
from joinedup.pipelines.records import (
    COLUMNS,
    as_parquet,
    column_types,
    quoted,
    run_query,
)
from joinedup.tabular import error_reason

# Whose "today" decides which months have begun: the app's (web.settings TIME_ZONE).
LONDON = ZoneInfo("Europe/London")
MEMORY_LIMIT = "1500MB"
# Rejected rows fetched from DuckDB at a time to write the rejects file.
REJECTS_BATCH = 10_000


@dataclass(frozen=True)
class MonthlyDischarges:
    """One footprint's discharges in one month: the indicators' values."""

    month: dt.date  # the first day of the month
    footprint: str
    discharges: int
    delayed_discharges: int
    delayed_bed_days: int
    delayed_bed_days_nhs: int
    delayed_bed_days_social_care: int
    delayed_bed_days_both: int
    delayed_bed_days_unknown: int

    @property
    def pct_no_delay(self) -> float:
        return 100 * (self.discharges - self.delayed_discharges) / self.discharges

    @property
    def mean_delay_days(self) -> float:
        return self.delayed_bed_days / self.discharges


_COUNTS = (
    "discharges",
    "delayed_discharges",
    "delayed_bed_days",
    "delayed_bed_days_nhs",
    "delayed_bed_days_social_care",
    "delayed_bed_days_both",
    "delayed_bed_days_unknown",
)
OUTPUT_COLUMNS = (
    "month",
    "footprint",
    *_COUNTS[:3],
    "pct_no_delay",
    "mean_delay_days",
    *_COUNTS[3:],
)


@dataclass(frozen=True)
class DischargeResult:
    rows: list[MonthlyDischarges]  # sorted by footprint, then month
    spells: int  # rows read, good and bad
    rejected: int  # rows rejected
    reasons: dict[str, int]  # rows rejected for each reason (a row may have several)


def discharge_indicators(
    records: str | Path,
    footprints: Footprints | None = None,
    *,
    rejects: str | Path | None = None,
    strict: bool = False,
    progress: Callable[[float], None] | None = None,
    today: dt.date | None = None,
) -> DischargeResult:
    """Monthly delayed-discharge indicators per footprint from a record file.

    ``records`` is a CSV or Parquet file of spells. Without ``footprints`` a
    spell counts in its patient's council. Every bad row is counted by reason
    and, if ``rejects`` names a file, written there with its row number and
    reasons. With ``strict`` any bad row raises :class:`InputError` (after the
    rejects file is written). ``progress``, if given, is called from another
    thread with the share of the work done (0 to 1). A spell discharged after
    ``today`` (by default today in London) is a bad row: its month has not begun.
    """
    source = str(records)
    report = progress or (lambda share: None)
    try:
        day = today or dt.datetime.now(LONDON).date()
        return _indicators(Path(records), footprints, rejects, strict, report, day)
    except InputError as exc:
        raise (exc if exc.source else exc.with_source(source)) from None
    except duckdb.Error as exc:
        # A damaged Parquet file fails as DuckDB reads it, with many kinds of
        # error ("Out of buffer", "don't know what type"...): all are the file's.
        raise InputError(f"cannot be read ({error_reason(exc)})", source=source) from None


def _indicators(
    records: Path,
    footprints: Footprints | None,
    rejects: str | Path | None,
    strict: bool,
    report: Callable[[float], None],
    today: dt.date,
) -> DischargeResult:
    source = str(records)
    with duckdb.connect() as con, tempfile.TemporaryDirectory() as scratch:
        con.execute(f"SET temp_directory = '{quoted(Path(scratch))}'")
        # A bound on memory makes DuckDB spill to disk rather than run out; this
        # one keeps 10 million spells under 2 GB in all (docs/performance.md).
        con.execute(f"SET memory_limit = '{MEMORY_LIMIT}'")
        con.execute("SET preserve_insertion_order = false")
        parquet, first_row = as_parquet(records, Path(scratch), lambda share: report(share / 2))
        sql = DischargeSql(parquet, first_row, column_types(con, parquet, source), today)
        start = 0.0 if parquet == records else 0.5  # copying a CSV was half the work
        # The clean pass is about a third of the work of the full pass.
        middle = start + (1 - start) / 3
        repeated, missing_ids = _check_ids(con, sql)
        if (
            not len(repeated)
            and not missing_ids
            and _clean_pass(con, sql, lambda share: report(start + (middle - start) * share))
        ):
            reasons, rejected = dict.fromkeys(REASONS, 0), 0
            found = con.execute("SELECT sum(discharges) FROM clean").fetchall()
            spells = int(found[0][0] or 0)
            if not spells:
                raise InputError("no spells: the file has no rows after the header", source=source)
            if rejects is not None:
                _write_rejects(con, None, rejects)
            good = "clean"
        else:
            con.execute(
                "CREATE TEMP TABLE repeated AS SELECT unnest(CAST($hashes AS UBIGINT[])) AS hash",
                {"hashes": repeated.tolist()},
            )
            run_query(con, sql.full_pass(), lambda share: report(middle + (1 - middle) * share))
            reasons, rejected, spells = _count_rejects(con, source)
            if rejects is not None:
                _write_rejects(con, rejects_query(), rejects)
            if strict and rejected:
                counts = ", ".join(
                    f"{reason} {format_number(count)}" for reason, count in reasons.items() if count
                )
                raise InputError(
                    f"{plural(rejected, 'bad row')}, not allowed in a strict run: {counts}",
                    source=source,
                )
            good = "(SELECT * FROM totals WHERE faults = 0)"
        rows = _by_footprint(con, good, footprints)
    return DischargeResult(rows, spells, rejected, reasons)


def write_indicators(rows: list[MonthlyDischarges], path: str | Path) -> None:
    """Write the indicators as CSV (columns as OUTPUT_COLUMNS), atomically."""
    with replacing(path) as temporary, temporary.open("w", newline="") as file:
        write_rows(file, [OUTPUT_COLUMNS, *(_indicator_row(row) for row in rows)])


def _indicator_row(row: MonthlyDischarges) -> list[Cell]:
    values: dict[str, Cell] = {name: getattr(row, name) for name in OUTPUT_COLUMNS}
    values["pct_no_delay"] = round(row.pct_no_delay, 4)
    values["mean_delay_days"] = round(row.mean_delay_days, 4)
    return [values[name] for name in OUTPUT_COLUMNS]


def _write_rejects(con: duckdb.DuckDBPyConnection, query: str | None, path: str | Path) -> None:
    """The rejects file: its header, then each row of ``query`` (none without one)."""
    with replacing(path) as temporary, temporary.open("w", newline="") as file:
        write_rows(file, [[*COLUMNS, "row", "reason"]])
        if query is not None:
            found = con.execute(query)
            while batch := found.fetchmany(REJECTS_BATCH):
                write_rows(file, batch)


def _check_ids(
    con: duckdb.DuckDBPyConnection, sql: DischargeSql
) -> tuple[npt.NDArray[np.generic], bool]:
    """The spell_id hashes that occur more than once (usually none), and
    whether any row has no spell_id.

    Sorting 10 million 64-bit hashes in numpy, then comparing neighbours, is
    several times cheaper than DuckDB grouping the ids (a hash table of 10
    million entries), text or hashed.
    """
    column = con.sql(sql.id_hashes()).fetchnumpy()["hash"]
    missing = bool(np.ma.is_masked(column))  # a NULL hash: a row without a spell_id
    hashes = column.compressed() if missing else column
    hashes.sort()
    return np.unique(hashes[1:][hashes[1:] == hashes[:-1]]), missing


def _clean_pass(
    con: duckdb.DuckDBPyConnection, sql: DischargeSql, report: Callable[[float], None]
) -> bool:
    """Whether no row is bad; if so the totals are in the table ``clean``."""
    run_query(con, f"CREATE TEMP TABLE clean AS {sql.clean_pass()}", report)
    # WHERE skips a NULL check (an empty responsible, say): it is not a fault.
    return con.execute("SELECT count(*) FROM clean WHERE bad").fetchall() == [(0,)]


def _count_rejects(con: duckdb.DuckDBPyConnection, source: str) -> tuple[dict[str, int], int, int]:
    """Rows rejected for each reason, rows rejected, rows read."""
    per_reason = ", ".join(
        f"count(*) FILTER (WHERE faults & {1 << bit} <> 0)" for bit in range(len(REASONS))
    )
    found = con.execute(
        f"SELECT {per_reason}, count(*) FILTER (WHERE faults <> 0), sum(discharges) FROM totals"
    ).fetchone()
    assert found is not None
    *counts, rejected, spells = found
    if not spells:
        raise InputError("no spells: the file has no rows after the header", source=source)
    return dict(zip(REASONS, counts, strict=True)), rejected, int(spells)


def _by_footprint(
    con: duckdb.DuckDBPyConnection, totals: str, footprints: Footprints | None
) -> list[MonthlyDischarges]:
    """Sum the totals per (month, provider, council, owner) into footprints.

    Python finds the footprint of each pair of codes (a few hundred), which
    keeps a footprint file's precedence rules plain code; DuckDB sums the
    totals (a hundred thousand rows) by footprint and month.
    """
    pairs = con.execute(f"SELECT DISTINCT provider_code, patient_la_code FROM {totals}").fetchall()
    places = {
        "provider_code": [provider for provider, _ in pairs],
        "patient_la_code": [council for _, council in pairs],
        "footprint": [
            council if footprints is None else footprints.footprint(provider, council)
            for provider, council in pairs
        ],
    }
    # Lists as parameters, not a registered table: that would import pandas (0.2 s).
    con.execute(
        "CREATE TEMP TABLE places AS SELECT "
        + ", ".join(f"unnest(CAST(${name} AS VARCHAR[])) AS {name}" for name in places),
        places,
    )
    owners = [f"owner = '{owner}'" for owner in RESPONSIBLE] + ["owner IS NULL"]
    per_owner = ", ".join(f"sum(delayed_bed_days) FILTER (WHERE {owner})" for owner in owners)
    sums = con.execute(
        f"""
        SELECT month, footprint, sum(discharges), sum(delayed_discharges),
            sum(delayed_bed_days), {per_owner}
        FROM {totals} JOIN places USING (provider_code, patient_la_code)
        GROUP BY ALL
        """
    ).fetchall()
    if not all(isinstance(month, dt.date) for month, *_ in sums):
        # Only a Parquet file whose statistics misstate its dates gets here:
        # DuckDB trusts them and lets such a year through DischargeSql.date.
        raise InputError(
            "cannot be read: a discharge_date lies outside the years 1 to 9999, which its "
            "own statistics deny (the file is damaged)"
        )
    return sorted(
        (
            MonthlyDischarges(month, footprint, *(int(count or 0) for count in counts))
            for month, footprint, *counts in sums
        ),
        key=lambda row: (row.footprint, row.month),
    )
