"""The discharge record file: its columns, and reading it as Parquet.

A records file is CSV (every value text) or Parquet (typed columns); the
pipeline (:mod:`joinedup.pipelines.discharges`) reads a Parquet file, so a CSV
file is copied into one first. The format is documented in
docs/data/discharges.md.
"""

from __future__ import annotations

import csv
import threading
from collections.abc import Callable
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from joinedup.core.errors import InputError, Problem
from joinedup.tabular import check_header, error_reason

COLUMNS = (
    "spell_id",
    "provider_code",
    "patient_la_code",
    "admission_date",
    "discharge_ready_date",
    "discharge_date",
    "pathway",
    "delay_reason",
    "responsible",
)

TEXT_TYPES = {"VARCHAR"}
_INTEGER_TYPES = {"TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT"}
_INTEGER_TYPES |= {f"U{name}" for name in _INTEGER_TYPES}
_DATE_TYPES = {"DATE", "TIMESTAMP", "TIMESTAMP_S", "TIMESTAMP_MS", "TIMESTAMP_NS"}
# What each column may be stored as in a Parquet file (in CSV everything is
# text). pandas stores a whole-number column with gaps as DOUBLE.
_ACCEPTED_TYPES = {
    "spell_id": TEXT_TYPES | _INTEGER_TYPES,
    "provider_code": TEXT_TYPES,
    "patient_la_code": TEXT_TYPES,
    "admission_date": TEXT_TYPES | _DATE_TYPES,
    "discharge_ready_date": TEXT_TYPES | _DATE_TYPES,
    "discharge_date": TEXT_TYPES | _DATE_TYPES,
    "pathway": TEXT_TYPES | _INTEGER_TYPES | {"DOUBLE"},
    "delay_reason": TEXT_TYPES,
    "responsible": TEXT_TYPES,
}


def as_parquet(path: Path, scratch: Path, report: Callable[[float], None]) -> tuple[Path, int]:
    """The records as a Parquet file, and the number of its first row.

    A Parquet file is used as it is, its rows numbered from 0 by position. A
    CSV file is copied once, streaming, into a Parquet file in ``scratch``,
    every value kept as text, its rows numbered as a spreadsheet shows them
    (the header is row 1, so the first spell is row 2): DuckDB's CSV reader
    cannot tell row numbers, and the copy, being columnar, can be read
    several times cheaply (see the passes in the module's docstring).
    """
    try:
        with path.open("rb") as file:
            magic = file.read(4)
    except FileNotFoundError:
        raise InputError("file not found", source=str(path)) from None
    except OSError as exc:
        raise InputError(f"cannot be read ({exc.strerror})", source=str(path)) from None
    if not magic:
        raise InputError("the file is empty: expected a header row and spells", source=str(path))
    if magic == b"PAR1":
        return path, 0

    try:
        # The csv module ends a line at CR, LF or both, as pyarrow does below.
        with path.open(encoding="utf-8-sig", errors="replace", newline="") as text:
            names = [name.strip().lower() for name in next(csv.reader(text), [])]
    except csv.Error as exc:
        raise InputError(
            f"row 1 (header): cannot be read as CSV ({exc})", source=str(path)
        ) from None
    check_header(names, COLUMNS, source=str(path))
    copy = scratch / "records.parquet"
    size = max(path.stat().st_size, 1)
    try:
        with path.open("rb") as file:
            reader = pacsv.open_csv(
                file,
                # Big blocks make big row groups, which DuckDB reads in parallel.
                read_options=pacsv.ReadOptions(
                    column_names=names, skip_rows=1, block_size=64 << 20
                ),
                convert_options=pacsv.ConvertOptions(
                    column_types=dict.fromkeys(names, pa.string()),
                    include_columns=list(COLUMNS),
                    strings_can_be_null=False,
                ),
            )
            with pq.ParquetWriter(copy, reader.schema) as writer:
                for batch in reader:
                    writer.write_batch(batch)
                    report(file.tell() / size)
    except (pa.ArrowException, UnicodeDecodeError) as exc:
        raise InputError(f"cannot be read as CSV ({error_reason(exc)})", source=str(path)) from None
    return copy, 2


def column_types(con: duckdb.DuckDBPyConnection, parquet: Path, source: str) -> dict[str, str]:
    try:
        described = con.execute(
            f"DESCRIBE SELECT * FROM read_parquet('{quoted(parquet)}')"
        ).fetchall()
    except duckdb.Error as exc:
        raise InputError(
            f"cannot be read as Parquet ({error_reason(exc)})", source=source
        ) from None
    types = {name.lower(): kind for name, kind, *_ in described}
    check_header([name.lower() for name, *_ in described], COLUMNS, source=source, where="columns")
    problems = [
        Problem(f"is stored as {types[name]}, which cannot hold this column", field=name)
        for name in COLUMNS
        if types[name] not in _ACCEPTED_TYPES[name]
    ]
    if problems:
        raise InputError(problems, source=source)
    return types


def quoted(path: Path) -> str:
    """A path inside a single-quoted SQL string."""
    return str(path).replace("'", "''")


def run_query(con: duckdb.DuckDBPyConnection, query: str, report: Callable[[float], None]) -> None:
    """Run the query; meanwhile pass on DuckDB's estimate of its progress."""
    done = threading.Event()

    def watch() -> None:
        while not done.wait(0.25):
            percent = con.query_progress()
            if percent >= 0:
                report(percent / 100)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    try:
        con.execute(query)
    finally:
        done.set()
        watcher.join()
