"""``joinedup discharge-indicators ... --into SLUG``: a footprint's months become
the partnership's standard indicators, all or nothing, with history."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import time_machine

from joinedup.web.outcomes.models import ChangeRecord, DataPoint, Indicator
from tests.cli.test_discharges_cli import GOOD, assert_fails, records, run

# S1 and S2 in January (GOOD); S4 in February with 2 delayed days, NHS.
FEBRUARY = "S4,RXX,E10000034,2024-02-01,2024-02-03,2024-02-05,1,,nhs"
OTHER_COUNCIL = "S5,RXX,E06000001,2024-02-01,2024-02-03,2024-02-03,0,,"


def footprints(tmp_path: Path) -> Path:
    path = tmp_path / "footprints.csv"
    path.write_text("provider_code,patient_la_code,footprint\n*,E10000034,riverside\n")
    return path


def values(name: str) -> dict[dt.date, float]:
    points = DataPoint.objects.filter(indicator__name=name)
    return {point.period: point.value for point in points}


def test_it_makes_the_standard_indicators_and_loads_the_footprint(tmp_path, riverside) -> None:
    spells = records(tmp_path, [*GOOD, FEBRUARY, OTHER_COUNCIL])
    result = run(
        "discharge-indicators", spells, "--footprints", footprints(tmp_path), "--into", "riverside"
    )
    assert result.exit_code == 0, result.output
    assert values("Delayed bed days") == {dt.date(2024, 1, 1): 5.0, dt.date(2024, 2, 1): 2.0}
    assert values("Percentage discharged with no delay") == {
        dt.date(2024, 1, 1): 50.0,
        dt.date(2024, 2, 1): 0.0,
    }
    bed_days = Indicator.objects.get(name="Delayed bed days")
    assert (bed_days.improvement, bed_days.kind, bed_days.frequency) == (
        "decrease",
        "better_off",
        "monthly",
    )
    assert bed_days.outcome.partnership == riverside
    assert "2 new months" in result.output


def test_loading_again_replaces_values_and_keeps_the_old_ones_in_history(
    tmp_path, riverside
) -> None:
    rules = footprints(tmp_path)
    run(
        "discharge-indicators",
        records(tmp_path, GOOD),
        "--footprints",
        rules,
        "--into",
        "riverside",
    )
    second = tmp_path / "second"
    second.mkdir()
    result = run(
        "discharge-indicators",
        records(second, [GOOD[0]]),
        "--footprints",
        rules,
        "--into",
        "riverside",
    )
    assert result.exit_code == 0, result.output
    assert values("Delayed bed days") == {dt.date(2024, 1, 1): 0.0}
    change = ChangeRecord.objects.get(indicator__name="Delayed bed days", field="value")
    assert (change.old, change.new) == ("5", "0")
    assert Indicator.objects.count() == 2


def test_the_footprint_defaults_to_the_slug_and_can_be_named(tmp_path, riverside) -> None:
    spells = records(tmp_path, GOOD)
    missing = run("discharge-indicators", spells, "--into", "riverside")
    assert_fails(missing, "no spells count in footprint 'riverside'; footprints: E10000034")
    assert not Indicator.objects.exists()
    named = run("discharge-indicators", spells, "--into", "riverside", "--footprint", "E10000034")
    assert named.exit_code == 0, named.output
    assert values("Delayed bed days") == {dt.date(2024, 1, 1): 5.0}


def test_an_unknown_partnership_stops_before_reading(tmp_path, riverside) -> None:
    assert_fails(
        run("discharge-indicators", tmp_path / "absent.csv", "--into", "nowhere"),
        "there is no partnership called 'nowhere'",
    )


def test_strict_with_bad_rows_loads_nothing(tmp_path, riverside) -> None:
    spells = records(tmp_path, [*GOOD, "S9,RXX,E10000034,2024-01-02,2024-01-05,2024-01-10,7,,"])
    result = run(
        "discharge-indicators",
        spells,
        "--footprints",
        footprints(tmp_path),
        "--into",
        "riverside",
        "--strict",
    )
    assert result.exit_code == 2
    assert not DataPoint.objects.exists()


def test_it_needs_somewhere_to_put_the_indicators(tmp_path) -> None:
    result = run("discharge-indicators", records(tmp_path, GOOD))
    assert result.exit_code == 2
    assert "--out FILE, --into SLUG, or both" in result.output


@time_machine.travel(dt.datetime(2026, 12, 1, 12, tzinfo=dt.UTC), tick=False)
def test_a_spell_discharged_after_today_is_rejected_not_stored(tmp_path, riverside) -> None:
    future = "S9,RXX,E10000034,2098-12-20,2098-12-30,2099-01-01,1,,nhs"
    rejects = tmp_path / "rejects.csv"
    result = run(
        "discharge-indicators",
        records(tmp_path, [*GOOD, future]),
        "--footprints",
        footprints(tmp_path),
        "--into",
        "riverside",
        "--rejects",
        rejects,
    )
    assert result.exit_code == 0, result.output
    assert "discharge_after_today" in result.output
    assert "S9" in rejects.read_text() and "discharge_after_today" in rejects.read_text()
    assert set(values("Delayed bed days")) == {dt.date(2024, 1, 1)}
