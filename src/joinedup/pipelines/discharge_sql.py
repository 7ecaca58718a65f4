"""The SQL of the delayed discharges pipeline (pipelines/discharges.py): the
rules a spell is checked against (docs/data/discharges.md), each as a DuckDB
expression, and the passes over one records file that use them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path

from joinedup.pipelines.records import COLUMNS, TEXT_TYPES, quoted

PATHWAYS = ("0", "1", "2", "3")
RESPONSIBLE = ("nhs", "social_care", "both")

# Why a row is rejected, in the order they are listed for a row with several.
REASONS: dict[str, str] = {
    "missing_spell_id": "spell_id is empty",
    "bad_provider_code": "provider_code is not an ODS code (3 to 6 capital letters or digits)",
    "bad_la_code": "patient_la_code is not a GSS code (E, N, S or W and 8 digits)",
    "bad_admission_date": "admission_date is empty or not a date (YYYY-MM-DD)",
    "bad_discharge_ready_date": "discharge_ready_date is not a date (YYYY-MM-DD)",
    "bad_discharge_date": "discharge_date is empty or not a date (YYYY-MM-DD)",
    "discharge_before_admission": "discharge_date is before admission_date",
    "discharge_after_today": "discharge_date is after today: that month has not begun",
    "ready_before_admission": "discharge_ready_date is before admission_date",
    "unknown_pathway": "pathway is not 0, 1, 2, 3 or empty",
    "unknown_responsible": "responsible is not nhs, social_care, both or empty",
    "duplicate_spell_id": "another row has the same spell_id (every copy is rejected)",
}

# The hash used to find repeated spell ids; tests swap in one that collides.
ID_HASH = "hash({})"
# The checks made on a grouped value rather than on every row (clean pass).
_VALUE_CHECKS = ("bad_provider_code", "bad_la_code", "unknown_responsible")

# The shapes of is_ods_code and is_gss_code, for DuckDB; a test keeps them equal.
ODS_PATTERN = "[A-Z0-9]{3,6}"
GSS_PATTERN = "[ENSW][0-9]{8}"


_DELAY = "CASE WHEN _discharged > _ready THEN _discharged - _ready ELSE 0 END"


class DischargeSql:
    """The SQL for one records file: its rows, checks and passes."""

    def __init__(self, parquet: Path, first_row: int, types: dict[str, str], today: dt.date):
        self.types = types
        self.today = today
        self.file = f"read_parquet('{quoted(parquet)}', file_row_number = true)"
        self.first_row = first_row

    def text(self, name: str) -> str:
        # Empty text means "not given", as an empty CSV field does.
        return f"NULLIF({name}, '')" if self.types[name] in TEXT_TYPES else name

    def date(self, name: str) -> str:
        if self.types[name] in TEXT_TYPES:
            # TRY_CAST alone also takes 2024-1-5 or a time after the date.
            return f"CASE WHEN {name} LIKE '____-__-__' THEN TRY_CAST({name} AS DATE) END"
        # A stored date can lie outside the years 1 to 9999 that YYYY-MM-DD
        # (and Python) can write: it is not a date a person meant either.
        return f"CASE WHEN year({name}) BETWEEN 1 AND 9999 THEN CAST({name} AS DATE) END"

    def records(self) -> str:
        """Every row: its columns, its number and its dates parsed once."""
        return f"""
            SELECT {", ".join(COLUMNS)}, file_row_number + {self.first_row} AS row,
                {self.date("admission_date")} AS _admitted,
                {self.date("discharge_ready_date")} AS _ready,
                {self.date("discharge_date")} AS _discharged
            FROM {self.file}
        """

    def checks(self) -> dict[str, str]:
        """Each reason's test, over a row of ``records`` joined to ``_copy``."""
        text = self.text
        pathway = (
            f"{text('pathway')} NOT IN ({_sql_list(PATHWAYS)})"
            if self.types["pathway"] in TEXT_TYPES
            else f"pathway NOT IN ({', '.join(PATHWAYS)})"
        )
        checks = {
            "missing_spell_id": f"{text('spell_id')} IS NULL",
            "bad_provider_code": (
                f"NOT regexp_full_match(coalesce(provider_code, ''), '{ODS_PATTERN}')"
            ),
            "bad_la_code": f"NOT regexp_full_match(coalesce(patient_la_code, ''), '{GSS_PATTERN}')",
            "bad_admission_date": "_admitted IS NULL",
            "bad_discharge_ready_date": (
                f"_ready IS NULL AND {text('discharge_ready_date')} NOT NULL"
            ),
            "bad_discharge_date": "_discharged IS NULL",
            "discharge_before_admission": "_discharged < _admitted",
            "discharge_after_today": f"_discharged > DATE '{self.today.isoformat()}'",
            "ready_before_admission": "_ready < _admitted",
            "unknown_pathway": pathway,
            "unknown_responsible": f"{text('responsible')} NOT IN ({_sql_list(RESPONSIBLE)})",
            "duplicate_spell_id": "_copy IS NOT NULL",
        }
        assert list(checks) == list(REASONS)
        return checks

    def id_hashes(self) -> str:
        """Each row's spell_id hash, NULL for a row without one."""
        spell_id = self.text("spell_id")
        return (
            f"SELECT CASE WHEN {spell_id} IS NOT NULL THEN {ID_HASH.format(spell_id)} END "
            f"AS hash FROM {self.file}"
        )

    def clean_pass(self) -> str:
        """Totals per group, and whether any row of the group is bad.

        Run only when every row has a spell_id and no spell_id hash is
        repeated (so there are no duplicates): spell_id, 10 million distinct
        texts, is then not read again. A check of one grouped column gives the
        same answer for every row of the group, so it is made once per group.
        """
        checks = self.checks()
        del checks["missing_spell_id"], checks["duplicate_spell_id"]
        per_group = [checks.pop(reason) for reason in _VALUE_CHECKS]
        return f"""
            WITH records AS ({self.records()}),
            grouped AS (
                SELECT
                    -- A month as a number groups faster than date_trunc's timestamp.
                    year(_discharged) * 12 + month(_discharged) - 1 AS _month,
                    provider_code, patient_la_code, responsible,
                    count(*) AS discharges,
                    count(*) FILTER (WHERE delay >= 1) AS delayed_discharges,
                    sum(delay) AS delayed_bed_days,
                    count(*) FILTER (WHERE {_any(checks.values())}) AS faults
                FROM (SELECT *, {_DELAY} AS delay FROM records)
                GROUP BY ALL
            )
            SELECT make_date(_month // 12, _month % 12 + 1, 1) AS month,
                provider_code, patient_la_code, {self.text("responsible")} AS owner,
                discharges, delayed_discharges, delayed_bed_days,
                faults > 0 OR {_any(per_group)} AS bad
            FROM grouped
        """

    def full_pass(self) -> str:
        """Check every row and aggregate, into the table ``totals``.

        Duplicates: equal ids have equal hashes, so only a row whose spell_id
        hash is in the table ``repeated`` can have a copy. The ids themselves
        are compared (grouped) among those rows alone: exact whatever the
        hash, and the join back to every row stays tiny. (A window count
        partitioned by spell_id looks like one pass, but DuckDB plans it as a
        grouping of all 10 million ids joined back to every row.)
        """
        spell_id = self.text("spell_id")
        faults = " + ".join(
            f"CASE WHEN {check} THEN {1 << bit} ELSE 0 END"
            for bit, check in enumerate(self.checks().values())
        )
        originals = ", ".join(f"{name} := {name}" for name in COLUMNS)
        good = "faults = 0"
        return f"""
            CREATE TEMP TABLE totals AS
            -- Read twice rather than materialised (all columns of every row).
            WITH records AS NOT MATERIALIZED ({self.records()}),
            copies AS (
                SELECT {spell_id} AS _copy FROM records
                WHERE {ID_HASH.format(spell_id)} IN (SELECT hash FROM repeated)
                    AND _copy IS NOT NULL
                GROUP BY ALL HAVING count(*) > 1
            ), checked AS (
                SELECT *, {faults} AS faults, {_DELAY} AS delay
                FROM records LEFT JOIN copies ON {spell_id} = _copy
            )
            -- Good rows are grouped by month, provider, council and who is
            -- responsible; each bad row is a group of its own, keyed by its number.
            SELECT
                faults,
                CASE WHEN {good} THEN CAST(date_trunc('month', _discharged) AS DATE) END AS month,
                CASE WHEN {good} THEN provider_code END AS provider_code,
                CASE WHEN {good} THEN patient_la_code END AS patient_la_code,
                CASE WHEN {good} THEN {self.text("responsible")} END AS owner,
                CASE WHEN NOT {good} THEN row END AS row,
                count(*) AS discharges,
                count(*) FILTER (WHERE delay >= 1) AS delayed_discharges,
                sum(delay) AS delayed_bed_days,
                any_value(struct_pack({originals})) FILTER (WHERE NOT {good}) AS original
            FROM checked
            GROUP BY ALL
        """


def rejects_query() -> str:
    reasons = ", ".join(
        f"CASE WHEN faults & {1 << bit} <> 0 THEN '{reason}' END"
        for bit, reason in enumerate(REASONS)
    )
    # Empty rather than "" for an empty value, as it was in the file.
    originals = ", ".join(
        f"NULLIF(CAST(original.{name} AS VARCHAR), '') AS {name}" for name in COLUMNS
    )
    return (
        f"SELECT {originals}, row, concat_ws('; ', {reasons}) AS reason "
        "FROM totals WHERE faults <> 0 ORDER BY row"
    )


def _any(checks: Iterable[str]) -> str:
    return " OR ".join(f"({check})" for check in checks)


def _sql_list(values: tuple[str, ...]) -> str:
    return ", ".join(f"'{value}'" for value in values)
