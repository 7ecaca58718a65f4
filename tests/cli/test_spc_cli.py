"""``joinedup spc``: JSON and text output, and errors that name the row."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from joinedup.cli import main

SHIFT = [10, 12, 10, 12, 10, 12, 10, 12, 10, 11.5, 11.4, 11.6, 11.5, 11.4, 11.6, 11.5]


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "series.csv"
    path.write_text(text, encoding="utf-8")
    return path


def series_csv(tmp_path: Path, values: list[float | str]) -> Path:
    rows = [f"{2023 + i // 12}-{i % 12 + 1:02d}-01,{value}" for i, value in enumerate(values)]
    return write(tmp_path, "period,value\n" + "\n".join(rows) + "\n")


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(main, ["spc", *map(str, args)])


def test_json_has_the_documented_shape(tmp_path: Path) -> None:
    path = series_csv(tmp_path, [*SHIFT[:12], "", *SHIFT[12:]])
    result = run(path, "--improvement", "decrease", "--target", "9", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert list(data) == [
        "profile",
        "improvement",
        "target",
        "variation",
        "assurance",
        "warnings",
        "points",
    ]
    assert data["profile"] == "mdc"
    assert data["improvement"] == "decrease"
    assert data["target"] == 9
    assert data["variation"] == "concern_high"
    assert data["assurance"] == "hit_or_miss"
    assert data["warnings"] == []
    assert len(data["points"]) == 16  # the empty value is not a point
    first, last = data["points"][0], data["points"][-1]
    assert first == {
        "period": "2023-01-01",
        "value": 10,
        "mean": 11.15625,
        "lpl": pytest.approx(7.91105, abs=1e-12),
        "upl": pytest.approx(14.40145, abs=1e-12),
        "point_type": "common_cause",
        "rules": [],
    }
    assert last["period"] == "2024-05-01"
    assert last["point_type"] == "special_cause_concern"
    assert last["rules"] == ["shift"]


def test_json_has_nulls_without_limits_or_target(tmp_path: Path) -> None:
    result = run(series_csv(tmp_path, [1, 2, 3]), "--format", "json")
    data = json.loads(result.stdout)
    assert data["target"] is data["variation"] is data["assurance"] is None
    assert data["points"][0]["mean"] is data["points"][0]["lpl"] is None
    assert "run chart only" in data["warnings"][0]


def test_options_reach_the_engine(tmp_path: Path) -> None:
    values = [1, 2, 1, 2, 10, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1]
    path = series_csv(tmp_path, values)

    def upl(*options: str) -> float:
        result = run(path, "--format", "json", *options)
        assert result.exit_code == 0, result.output
        return float(json.loads(result.stdout)["points"][0]["upl"])

    assert upl() == pytest.approx(6.951503, abs=1e-6)
    assert upl("--profile", "ptd") == pytest.approx(4.604444, abs=1e-6)
    assert upl("--profile", "ptd", "--no-screen") == pytest.approx(6.951503, abs=1e-6)
    assert upl("--screen") == pytest.approx(4.604444, abs=1e-6)
    assert upl("--baseline", "12") != upl()
    rebased = run(path, "--format", "json", "--rebase", "2023-10-01", "--profile", "ptd")
    means = {point["mean"] for point in json.loads(rebased.stdout)["points"]}
    assert len(means) == 2


def test_text_shows_the_table_and_what_the_chart_says(tmp_path: Path) -> None:
    result = run(series_csv(tmp_path, SHIFT), "--improvement", "decrease", "--target", "9")
    assert result.exit_code == 0, result.output
    assert "Period" in result.stdout and "UPL" in result.stdout
    assert "2023-10-01" in result.stdout
    assert "Special cause concern: the last 7 points are above the mean (11.2)." in result.stdout
    assert "hit or miss" in result.stdout


def test_text_shows_warnings(tmp_path: Path) -> None:
    result = run(series_csv(tmp_path, [1, 2, 3]))
    assert "Warning: Only 3 points" in result.stdout


def test_help_has_an_example() -> None:
    result = CliRunner().invoke(main, ["spc", "--help"])
    assert "joinedup spc delayed-discharges.csv" in result.stdout


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("when,value\n2023-01-01,1\n", "row 1 (header): missing 1 column (period)"),
        ("period\n2023-01-01\n", "row 1 (header): missing 1 column (value)"),
        ("period,value\n2023-01-01,1\n31/01/2023,2\n", "row 3, field 'period': expected a date"),
        (
            "period,value\n2023-01-01,1\n2023-02-01,lots\n",
            "row 3, field 'value': expected a number",
        ),
        ("period,value\n2023-01-01,1\n2023-02-01,inf\n", "row 3, field 'value': expected a number"),
        (
            "period,value\n2023-01-01,1\n2023-02-01,2\n2023-01-01,3\n",
            "row 4, field 'period': period 2023-01-01 appears again (first in row 2)",
        ),
    ],
)
def test_bad_input_names_the_row(tmp_path: Path, text: str, message: str) -> None:
    result = run(write(tmp_path, text))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("Error: ")
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_every_bad_row_is_reported(tmp_path: Path) -> None:
    result = run(write(tmp_path, "period,value\nsoon,1\n2023-02-01,x\n2023-03-01,3\n"))
    assert result.exit_code == 2
    assert "row 2, field 'period'" in result.stderr
    assert "row 3, field 'value'" in result.stderr


def test_a_baseline_under_twelve_is_refused(tmp_path: Path) -> None:
    result = run(series_csv(tmp_path, SHIFT), "--baseline", "8")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "field 'baseline': a fixed baseline needs at least 12 points, not 8" in result.stderr


def test_a_missing_file_is_refused(tmp_path: Path) -> None:
    result = run(tmp_path / "nowhere.csv")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "file not found" in result.stderr


def test_a_quoted_cell_may_hold_a_line_break(tmp_path: Path) -> None:
    from joinedup.tabular import read_table

    path = write(tmp_path, 'period,value,note\n2023-01-01,1,"two\nlines"\n2023-02-01,x,\n')
    assert read_table(path, ["period", "value"]).rows[0] == (
        2,
        {"period": "2023-01-01", "value": "1", "note": "two\nlines"},
    )
    result = run(path)
    assert result.exit_code == 2
    assert "row 3, field 'value'" in result.stderr
