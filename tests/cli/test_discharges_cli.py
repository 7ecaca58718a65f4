"""``joinedup synth discharges`` and ``joinedup discharge-indicators``."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from joinedup.cli import main
from joinedup.pipelines.discharges import OUTPUT_COLUMNS
from joinedup.pipelines.records import COLUMNS

GOOD = [
    "S1,RXX,E10000034,2024-01-01,2024-01-03,2024-01-03,0,,",
    "S2,RXX,E10000034,2024-01-02,2024-01-05,2024-01-10,2,care_home,social_care",
]
BAD = "S3,RXX,E10000034,2024-01-02,2024-01-05,2024-01-10,7,,"


def records(tmp_path: Path, lines: list[str]) -> Path:
    path = tmp_path / "spells.csv"
    path.write_text("\n".join([",".join(COLUMNS), *lines]) + "\n")
    return path


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(main, list(map(str, args)))


def assert_fails(result: Result, message: str) -> None:
    assert result.exit_code == 2, result.output
    assert "Error: " in result.output and message in result.output
    assert "Traceback" not in result.output
    assert isinstance(result.exception, SystemExit)


def test_synth_writes_spells(tmp_path: Path) -> None:
    out = tmp_path / "spells.parquet"
    result = run("synth", "discharges", "--rows", 1000, "--seed", 1, "--out", out)
    assert result.exit_code == 0, result.output
    assert "Wrote 1,000 spells" in result.output
    assert out.stat().st_size > 0


def test_synth_refuses_an_unknown_file_type(tmp_path: Path) -> None:
    result = run("synth", "discharges", "--rows", 10, "--out", tmp_path / "spells.txt")
    assert_fails(result, "expected a file name ending .parquet or .csv")


def test_it_writes_indicators_and_a_summary(tmp_path: Path) -> None:
    out = tmp_path / "indicators.csv"
    result = run("discharge-indicators", records(tmp_path, GOOD), "--out", out)
    assert result.exit_code == 0, result.output
    assert "Read 2 spells: 2 counted, 0 rejected." in result.output
    with out.open() as file:
        rows = list(csv.reader(file))
    assert rows == [
        list(OUTPUT_COLUMNS),
        ["2024-01-01", "E10000034", "2", "1", "5", "50.0", "2.5", "0", "5", "0", "0"],
    ]


def test_it_counts_bad_rows_by_reason_and_lists_them(tmp_path: Path) -> None:
    out, rejects = tmp_path / "indicators.csv", tmp_path / "rejects.csv"
    result = run(
        "discharge-indicators", records(tmp_path, [*GOOD, BAD]), "--out", out, "--rejects", rejects
    )
    assert result.exit_code == 0, result.output
    assert "Read 3 spells: 2 counted, 1 rejected." in result.output
    assert "unknown_pathway" in result.output and "Rejected rows are listed in" in result.output
    with rejects.open() as file:
        assert [(row["row"], row["reason"]) for row in csv.DictReader(file)] == [
            ("4", "unknown_pathway")
        ]


def test_without_rejects_it_says_how_to_list_them(tmp_path: Path) -> None:
    out = tmp_path / "indicators.csv"
    result = run("discharge-indicators", records(tmp_path, [*GOOD, BAD]), "--out", out)
    assert "Use --rejects FILE to list the rejected rows." in result.output


def test_strict_fails_and_leaves_out_as_it_was(tmp_path: Path) -> None:
    out = tmp_path / "indicators.csv"
    out.write_text("earlier\n")
    result = run("discharge-indicators", records(tmp_path, [*GOOD, BAD]), "--out", out, "--strict")
    assert_fails(result, "1 bad row, not allowed in a strict run: unknown_pathway 1")
    assert out.read_text() == "earlier\n"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["indicators.csv", "spells.csv"]


def test_footprints_come_from_a_file(tmp_path: Path) -> None:
    footprints = tmp_path / "footprints.csv"
    footprints.write_text("provider_code,patient_la_code,footprint\nRXX,*,Acute\n")
    out = tmp_path / "indicators.csv"
    result = run(
        "discharge-indicators", records(tmp_path, GOOD), "--footprints", footprints, "--out", out
    )
    assert result.exit_code == 0, result.output
    assert out.read_text().splitlines()[1].startswith("2024-01-01,Acute,2,")


HEADER_ONLY = ",".join(COLUMNS) + "\n"
NO_DISCHARGE_DATE = ",".join(name for name in COLUMNS if name != "discharge_date") + "\n"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (None, "spells.csv: file not found"),
        ("", "the file is empty"),
        (HEADER_ONLY, "no spells"),
        (NO_DISCHARGE_DATE, "missing 1 column (discharge_date)"),
    ],
)
def test_an_unusable_records_file_fails_clearly(
    tmp_path: Path, text: str | None, message: str
) -> None:
    spells = tmp_path / "spells.csv"
    if text is not None:
        spells.write_text(text)
    result = run("discharge-indicators", spells, "--out", tmp_path / "out.csv")
    assert_fails(result, message)
    assert not (tmp_path / "out.csv").exists()


def test_a_bad_footprint_file_names_the_row(tmp_path: Path) -> None:
    footprints = tmp_path / "footprints.csv"
    footprints.write_text("provider_code,patient_la_code,footprint\nRXX,*,Acute\nrxx,*,B\n")
    result = run(
        "discharge-indicators",
        records(tmp_path, GOOD),
        "--footprints",
        footprints,
        "--out",
        tmp_path / "out.csv",
    )
    assert_fails(result, "row 3, field 'provider_code': 'rxx' is not an ODS code or *")


def test_an_output_folder_that_does_not_exist_fails_clearly(tmp_path: Path) -> None:
    result = run(
        "discharge-indicators", records(tmp_path, GOOD), "--out", tmp_path / "no" / "o.csv"
    )
    assert_fails(result, "the folder")
    assert "no does not exist" in result.output
