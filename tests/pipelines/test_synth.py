"""Synthetic spells: deterministic, realistic in shape, and spoilt on request."""

from __future__ import annotations

import csv
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from joinedup.core.errors import InputError
from joinedup.core.register import is_gss_code, is_ods_code
from joinedup.csvout import FORMULA_STARTS
from joinedup.pipelines.discharges import discharge_indicators
from joinedup.pipelines.records import COLUMNS
from joinedup.pipelines.synth import synth_discharges

ROWS = 200_000


@pytest.fixture(scope="module")
def spells(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("synth") / "spells.parquet"
    synth_discharges(path, ROWS, seed=7)
    return path


def query(path: Path, sql: str) -> tuple[object, ...]:
    found = duckdb.execute(sql.replace("spells", f"read_parquet('{path}')")).fetchone()
    assert found is not None
    return found


def test_the_same_seed_gives_the_same_spells(tmp_path: Path, spells: Path) -> None:
    again = tmp_path / "again.parquet"
    synth_discharges(again, ROWS, seed=7)
    assert pq.read_table(again).equals(pq.read_table(spells))
    other = tmp_path / "other.parquet"
    synth_discharges(other, ROWS, seed=8)
    assert not pq.read_table(other).equals(pq.read_table(spells))


def test_it_writes_the_record_format(spells: Path) -> None:
    table = pq.read_table(spells)
    assert table.column_names == list(COLUMNS)
    assert table.num_rows == ROWS
    providers = set(table.column("provider_code").to_pylist())
    councils = set(table.column("patient_la_code").to_pylist())
    assert 20 <= len(providers) <= 50 and all(map(is_ods_code, providers))
    assert 20 <= len(councils) <= 60 and all(map(is_gss_code, councils))


def test_delays_look_like_englands(spells: Path) -> None:
    delayed, mean_of_delayed = query(
        spells,
        "SELECT avg((discharge_date - discharge_ready_date >= 1)::int), "
        "avg(discharge_date - discharge_ready_date) "
        "FILTER (WHERE discharge_date - discharge_ready_date >= 1) FROM spells",
    )
    assert 0.12 <= delayed <= 0.15  # type: ignore[operator]
    assert 4 <= mean_of_delayed <= 6  # type: ignore[operator]


def test_pathways_and_responsibility_have_the_asked_shares(spells: Path) -> None:
    shares = query(
        spells,
        "SELECT " + ", ".join(f"avg((pathway = {p})::int)" for p in range(4)) + " FROM spells",
    )
    assert shares == pytest.approx((0.50, 0.45, 0.04, 0.01), abs=0.01)
    split = query(
        spells,
        "SELECT "
        + ", ".join(f"avg((responsible = '{who}')::int)" for who in ("nhs", "social_care", "both"))
        + " FROM spells WHERE responsible IS NOT NULL",
    )
    assert split == pytest.approx((0.6, 0.3, 0.1), abs=0.02)


def test_winter_is_busier_than_summer(spells: Path) -> None:
    january, july = query(
        spells,
        "SELECT count(*) FILTER (WHERE month(admission_date) = 1), "
        "count(*) FILTER (WHERE month(admission_date) = 7) FROM spells",
    )
    assert january > 1.1 * july  # type: ignore[operator]


def test_bad_rows_are_injected_and_rejected(tmp_path: Path) -> None:
    for name in ("spells.csv", "spells.parquet"):
        path = tmp_path / name
        synth_discharges(path, 20_000, seed=1, bad_share=0.05)
        result = discharge_indicators(path)
        # A copied spell_id also rejects the row it copies.
        assert 0.045 * 20_000 <= result.rejected <= 0.06 * 20_000
        assert all(result.reasons[reason] for reason in ("unknown_pathway", "duplicate_spell_id"))


def test_csv_and_parquet_give_the_same_indicators(tmp_path: Path) -> None:
    csv_path, parquet_path = tmp_path / "spells.csv", tmp_path / "spells.parquet"
    synth_discharges(csv_path, 20_000, seed=3)
    synth_discharges(parquet_path, 20_000, seed=3)
    clean = discharge_indicators(parquet_path, strict=True)
    assert discharge_indicators(csv_path, strict=True).rows == clean.rows


def test_no_made_up_value_is_one_a_spreadsheet_would_run(tmp_path: Path) -> None:
    # Written by pyarrow, for speed, not by joinedup.csvout: every value is
    # generated (codes, dates, digits), so none may start like a formula.
    path = tmp_path / "spells.csv"
    synth_discharges(path, 20_000, seed=2, bad_share=0.2)
    with path.open(newline="") as file:
        cells = [cell for row in csv.reader(file) for cell in row]
    assert not [cell for cell in cells if cell.startswith(FORMULA_STARTS)]


def test_it_needs_a_known_file_type(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="expected a file name ending .parquet or .csv"):
        synth_discharges(tmp_path / "spells.xlsx", 10, seed=1)
