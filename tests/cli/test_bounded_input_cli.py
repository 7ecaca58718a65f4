"""The commands keep the web's caps on input unless --no-limit, and a damaged
file is a message naming it with exit status 2, never a traceback."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner, Result

from joinedup.cli import main
from joinedup.pipelines.synth import synth_discharges
from tests.test_tabular_hostile import GOOD, bomb, part, rezipped
from tests.web.test_rounds import CUSTOM

ROWS = 40
SERIES = "period,value\n" + "".join(
    f"{2000 + n // 12}-{n % 12 + 1:02}-01,{n}\n" for n in range(ROWS)
)


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(main, list(map(str, args)))


def fails(result: Result, message: str) -> str:
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert isinstance(result.exception, SystemExit)
    assert message in result.output, result.output
    return result.output


def test_spc_keeps_the_row_cap_unless_no_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "series.csv"
    path.write_text(SERIES)
    monkeypatch.setenv("JOINEDUP_MAX_ROWS", str(ROWS - 1))
    output = fails(run("spc", path), f"{path}: the file has more than 39 rows after the header")
    assert "The cap is the setting JOINEDUP_MAX_ROWS; --no-limit lifts it for one run." in output
    assert run("spc", path, "--no-limit").exit_code == 0
    monkeypatch.setenv("JOINEDUP_MAX_ROWS", str(ROWS))
    assert run("spc", path).exit_code == 0


def test_spc_keeps_the_size_cap(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "series.csv"
    path.write_text(SERIES * 2000)  # 1.4 MB
    monkeypatch.setenv("JOINEDUP_MAX_FILE_MB", "1")
    output = fails(run("spc", path), f"{path}: the file is 1.")
    assert re.search(r"more than the 1 MB joinedup reads at once", output)
    assert "JOINEDUP_MAX_FILE_MB" in output


def test_a_workbook_that_unpacks_hugely_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "series.xlsx"
    path.write_bytes(bomb(120 * 1024 * 1024))
    fails(run("spc", path), f"{path}: the workbook unpacks to")


def test_a_bad_cap_setting_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JOINEDUP_MAX_ROWS", "lots")
    fails(run("spc", tmp_path / "any.csv"), "JOINEDUP_MAX_ROWS must be a whole number above 0")


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (
            {
                "xl/workbook.xml": re.sub(
                    rb"<sheets>.*</sheets>", b"<sheets/>", part(GOOD, "xl/workbook.xml")
                )
            },
            "the workbook has no sheet",
        ),
        (
            {"xl/worksheets/sheet1.xml": part(GOOD, "xl/worksheets/sheet1.xml")[:300]},
            "not a readable XLSX workbook",
        ),
    ],
    ids=["no sheet", "truncated sheet"],
)
def test_a_damaged_workbook_is_named(
    tmp_path: Path, damage: dict[str, bytes], message: str
) -> None:
    path = tmp_path / "series.xlsx"
    path.write_bytes(rezipped(GOOD, damage))
    fails(run("spc", path), f"{path}: ")
    fails(run("spc", path), message)


def test_a_deeply_nested_framework_is_named(tmp_path: Path) -> None:
    framework = tmp_path / "deep.toml"
    framework.write_bytes(CUSTOM + b"\nx = " + b"{a=" * 3000 + b"1" + b"}" * 3000 + b"\n")
    responses = tmp_path / "round.csv"
    responses.write_text("respondent,partner,statement,score\n")
    fails(
        run("score", responses, "--framework", framework),
        f"{framework}: not a framework: its lists or tables are nested too deeply",
    )


def test_a_framework_over_the_size_cap_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    framework = tmp_path / "big.toml"
    framework.write_bytes(CUSTOM + b"#" * (1024 * 1024))
    monkeypatch.setenv("JOINEDUP_MAX_FILE_MB", "1")
    responses = tmp_path / "round.csv"
    responses.write_text("respondent,partner,statement,score\n")
    fails(run("score", responses, "--framework", framework), f"{framework}: the file is 1")


@pytest.fixture(scope="module")
def spells(tmp_path_factory: pytest.TempPathFactory) -> tuple[bytes, bytes]:
    folder = tmp_path_factory.mktemp("spells")
    synth_discharges(folder / "s.parquet", 200, seed=2)
    synth_discharges(folder / "s.csv", 200, seed=2)
    return (folder / "s.parquet").read_bytes(), (folder / "s.csv").read_bytes()


def test_a_corrupt_parquet_file_is_named(tmp_path: Path, spells: tuple[bytes, bytes]) -> None:
    path = tmp_path / "spells.parquet"
    out = tmp_path / "indicators.csv"
    # One byte of the footer: the columns still read, but a row count is
    # wrong, which DuckDB finds only while reading (a plain duckdb.Error).
    damaged = bytearray(spells[0])
    damaged[6876] = 0
    path.write_bytes(damaged)
    with duckdb.connect() as con:
        con.execute(f"DESCRIBE SELECT * FROM read_parquet('{path}')").fetchall()
        with pytest.raises(duckdb.Error, match="metadata is corrupt"):
            con.execute(f"SELECT * FROM read_parquet('{path}')").fetchall()
    fails(
        run("discharge-indicators", path, "--out", out),
        f"Error: {path}: cannot be read (Parquet metadata is corrupt.",
    )
    assert not out.exists()


def test_a_discharge_csv_with_cr_only_lines_is_read(
    tmp_path: Path, spells: tuple[bytes, bytes]
) -> None:
    path = tmp_path / "spells.csv"
    path.write_bytes(spells[1].replace(b"\n", b"\r"))
    result = run("discharge-indicators", path, "--out", tmp_path / "out.csv")
    assert result.exit_code == 0, result.output
    assert "Read 200 spells" in result.output


def test_a_discharge_csv_of_random_bytes_is_named(tmp_path: Path) -> None:
    path = tmp_path / "spells.csv"
    path.write_bytes(bytes(range(256)) * 40)
    fails(run("discharge-indicators", path, "--out", tmp_path / "out.csv"), f"Error: {path}: ")
