"""Numbers too large to be a measure: every command refuses them as input
saying where, and shows those stored before the bound without failing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from joinedup.cli import main
from joinedup.web.outcomes.models import DataPoint
from joinedup.web.partnerships.models import Partnership
from tests.cli.test_import_series_cli import make_indicator

HUGE = [1.05e28 + n * 1e26 for n in range(24)]


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [*map(str, args)])


def series(tmp_path: Path, values: list[float]) -> Path:
    path = tmp_path / "h28.csv"
    rows = [f"{2021 + n // 12}-{n % 12 + 1:02d}-01,{value!r}" for n, value in enumerate(values)]
    path.write_text("period,value\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("target", ["nan", "inf", "-inf", "1e400", "1e30", "1_000", "\u0665"])
def test_spc_refuses_a_target_that_is_not_a_measure(tmp_path: Path, target: str) -> None:
    result = run("spc", series(tmp_path, [50.0, 52.0] * 6), "--target", target)
    assert result.exit_code == 2
    assert "Invalid value for '--target'" in result.stderr
    assert "Traceback" not in result.output


def test_spc_refuses_values_too_large_naming_the_row(tmp_path: Path) -> None:
    result = run("spc", series(tmp_path, HUGE))
    assert result.exit_code == 2
    assert "row 2, field 'value': 1.05e+28 is too large" in result.stderr


def test_import_series_refuses_values_too_large(riverside: Partnership, tmp_path: Path) -> None:
    indicator = make_indicator(riverside)
    result = run("import-series", "riverside", "delayed-bed-days", series(tmp_path, HUGE), "--yes")
    assert result.exit_code == 2
    assert "h28.csv: row 2, field 'value': 1.05e+28 is too large" in result.stderr
    assert not indicator.points.exists()


def test_verdict_and_report_show_values_stored_before_the_bound(
    riverside: Partnership, tmp_path: Path
) -> None:
    indicator = make_indicator(riverside)
    indicator.target = 1e30
    indicator.save()
    DataPoint.objects.bulk_create(
        DataPoint(indicator=indicator, period=dt.date(2021 + n // 12, n % 12 + 1, 1), value=v)
        for n, v in enumerate(HUGE)
    )
    for args in (("verdict", "riverside"), ("verdict", "riverside", "--format", "json")):
        result = run(*args)
        assert result.exit_code == 0, result.output
    result = run("report", "riverside", "--out", tmp_path / "board.html")
    assert result.exit_code == 0, result.output
    assert (
        "1,000,000,000,000,000,000,000,000,000,000 bed days"
        in (tmp_path / "board.html").read_text()
    )
