"""``joinedup import-series``: all or nothing, says what changes, asks first."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from click.testing import CliRunner, Result

from joinedup.cli import main
from joinedup.web.outcomes.models import ChangeRecord, DataPoint, Indicator, Outcome
from joinedup.web.partnerships.models import Partnership


def make_indicator(partnership: Partnership, values: list[float] | None = None) -> Indicator:
    """ "Delayed bed days", monthly from January 2021."""
    outcome = Outcome.objects.create(partnership=partnership, title="Home when ready")
    indicator = Indicator.objects.create(
        outcome=outcome,
        name="Delayed bed days",
        unit="bed days",
        improvement="decrease",
        kind="better_off",
    )
    DataPoint.objects.bulk_create(
        DataPoint(indicator=indicator, period=dt.date(2021, i + 1, 1), value=value)
        for i, value in enumerate(values or [])
    )
    return indicator


def run(*args: str | Path, answer: str | None = None) -> Result:
    return CliRunner().invoke(main, ["import-series", *map(str, args)], input=answer)


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "values.csv"
    path.write_text(text, encoding="utf-8")
    return path


def stored(indicator: Indicator) -> dict[dt.date, float]:
    return dict(indicator.points.values_list("period", "value"))


def test_it_imports_by_slug_saying_what_changes(riverside: Partnership, tmp_path: Path) -> None:
    indicator = make_indicator(riverside, [50.0, 60.0])
    path = write(tmp_path, "period,value\n2021-02-01,65\n2021-03-31,70\n")
    result = run("riverside", "delayed-bed-days", path, "--yes")
    assert result.exit_code == 0, result.output
    assert "Delayed bed days: 1 new value, 1 value replaced, 0 values unchanged." in result.stdout
    assert "2021-02-01: 60 -> 65" in result.stdout
    assert stored(indicator) == {
        dt.date(2021, 1, 1): 50,
        dt.date(2021, 2, 1): 65,
        dt.date(2021, 3, 1): 70,
    }
    replaced = ChangeRecord.objects.get(field="value")
    assert replaced.changed_by is None and replaced.source == "joinedup import-series values.csv"


def test_it_asks_first_and_a_no_changes_nothing(riverside: Partnership, tmp_path: Path) -> None:
    indicator = make_indicator(riverside, [50.0])
    path = write(tmp_path, "period,value\n2021-01-01,51\n")
    result = run("riverside", str(indicator.pk), path, answer="n\n")
    assert result.exit_code == 1
    assert stored(indicator) == {dt.date(2021, 1, 1): 50}
    assert run("riverside", str(indicator.pk), path, answer="y\n").exit_code == 0
    assert stored(indicator) == {dt.date(2021, 1, 1): 51}


def test_bad_rows_are_all_listed_and_nothing_changes(
    riverside: Partnership, tmp_path: Path
) -> None:
    indicator = make_indicator(riverside, [50.0])
    path = write(tmp_path, "period,value\n2021-02-01,1\nlater,2\n2021-04-01,x\n")
    result = run("riverside", "delayed-bed-days", path, "--yes")
    assert result.exit_code == 2
    assert f"{path}: row 3, field 'period': expected a date" in result.stderr
    assert f"{path}: row 4, field 'value': expected a number" in result.stderr
    assert "Traceback" not in result.stderr
    assert stored(indicator) == {dt.date(2021, 1, 1): 50}


def test_a_period_that_has_not_begun_is_bad_input(riverside: Partnership, tmp_path: Path) -> None:
    indicator = make_indicator(riverside, [50.0])
    path = write(tmp_path, "period,value\n2021-02-01,51\n2099-10-01,52\n")
    result = run("riverside", "delayed-bed-days", path, "--yes")
    assert result.exit_code == 2
    assert f"{path}: row 3, field 'period': Oct 2099 has not begun yet" in result.stderr
    assert stored(indicator) == {dt.date(2021, 1, 1): 50}


def test_values_far_outside_the_range_are_listed_before_asking(
    riverside: Partnership, tmp_path: Path
) -> None:
    indicator = make_indicator(riverside, [50.0, 52.0, 49.0, 51.0])
    path = write(tmp_path, "period,value\n2021-05-01,50\n2021-06-01,5100\n")
    result = run("riverside", "delayed-bed-days", path, answer="n\n")
    assert "Far outside the indicator's usual range" in result.stderr
    assert "row 3, 2021-06-01: 5,100 bed days" in result.stderr and "row 2," not in result.stderr
    assert result.exit_code == 1 and len(stored(indicator)) == 4


def test_unknown_partnerships_and_indicators_are_explained(
    riverside: Partnership, tmp_path: Path
) -> None:
    make_indicator(riverside)
    path = write(tmp_path, "period,value\n2021-01-01,1\n")
    result = run("nowhere", "1", path)
    assert result.exit_code == 2 and "there is no partnership called 'nowhere'" in result.stderr
    result = run("riverside", "bed-days", path)
    assert result.exit_code == 2
    assert "'bed-days' is not one of its indicators" in result.stderr
    assert "(delayed-bed-days)" in result.stderr
    # Another partnership's indicator is not found through this one.
    assert run("northbank", "delayed-bed-days", path).exit_code == 2


def test_a_missing_file_is_explained(riverside: Partnership, tmp_path: Path) -> None:
    make_indicator(riverside)
    result = run("riverside", "delayed-bed-days", tmp_path / "none.csv")
    assert result.exit_code == 2 and "file not found" in result.stderr


def test_help_has_an_example() -> None:
    result = CliRunner().invoke(main, ["import-series", "--help"])
    assert "joinedup import-series riverside delayed-bed-days" in result.stdout
