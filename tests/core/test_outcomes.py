"""The outcomes core: reading a series, planning an import, periods, and the
integrity checks."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from joinedup.core import spc
from joinedup.core.errors import InputError
from joinedup.core.outcomes import (
    FlagKind,
    Frequency,
    IndicatorFacts,
    Kind,
    OutcomeFacts,
    Owner,
    SeriesRow,
    TargetChange,
    integrity_flags,
    parse_series,
    plan_series,
)

START = dt.date(2022, 4, 1)
TODAY = dt.date(2025, 6, 15)


def rows(*lines: tuple[str, str] | tuple[str, str, str]) -> list[tuple[int, dict[str, str]]]:
    return [
        (number, dict(zip(("period", "value", "note"), line, strict=False)))
        for number, line in enumerate(lines, start=2)
    ]


# Reading a series


def test_it_reads_periods_values_and_notes() -> None:
    parsed = parse_series(
        rows(("2024-01-01", "5", "first"), ("2024-02-01", "NA"), ("2024-03-01", ""))
    )
    assert parsed == [
        SeriesRow(2, dt.date(2024, 1, 1), 5.0, "first"),
        SeriesRow(3, dt.date(2024, 2, 1), None),
        SeriesRow(4, dt.date(2024, 3, 1), None),
    ]


def test_it_reports_every_bad_row_at_once() -> None:
    with pytest.raises(InputError) as caught:
        parse_series(
            rows(
                ("soon", "1"),
                ("2024-02-01", "many"),
                ("2024-03-01", "inf"),
                ("2024-02-01", "2"),
                ("2024-04-01", "1e-400"),
                ("2024-05-01", "1e400"),
            )
        )
    assert [str(problem) for problem in caught.value.problems] == [
        "row 2, field 'period': expected a date like 2024-03-31, not 'soon'",
        "row 3, field 'value': expected a number or nothing, not 'many': "
        "write digits 0 to 9, with a point for decimals (such as 1234.5, -3 or 1e3)",
        "row 4, field 'value': expected a number or nothing, not 'inf': "
        "write digits 0 to 9, with a point for decimals (such as 1234.5, -3 or 1e3)",
        "row 5, field 'period': period 2024-02-01 appears again (first in row 3)",
        "row 6, field 'value': 1e-400 is too close to zero to keep (it would be read as 0 or "
        "lose digits): a value other than 0 must be at least 2.2e-308 away from zero",
        "row 7, field 'value': 1e400 is too large: a value must be between "
        "-1,000,000,000,000,000 and "
        "1,000,000,000,000,000 (a million billion)",
    ]


def test_with_a_frequency_periods_become_the_first_day_and_clash_within_one() -> None:
    parsed = parse_series(rows(("2024-01-31", "1")), frequency=Frequency.MONTHLY)
    assert parsed[0].period == dt.date(2024, 1, 1)
    with pytest.raises(
        InputError, match="row 3, field 'period': period 2024-01-15 is in the same month as row 2"
    ):
        parse_series(rows(("2024-01-31", "1"), ("2024-01-15", "2")), frequency=Frequency.MONTHLY)


def test_values_can_be_required_and_notes_are_limited() -> None:
    with pytest.raises(InputError) as caught:
        parse_series(rows(("2024-01-01", ""), ("2024-02-01", "1", "x" * 201)), values_required=True)
    assert [problem.field for problem in caught.value.problems] == ["value", "note"]


# Periods

dates = st.dates(dt.date(1990, 1, 1), dt.date(2100, 12, 31))


@given(st.sampled_from(Frequency), dates)
def test_a_period_start_is_its_own_start_and_contains_the_day(
    frequency: Frequency, day: dt.date
) -> None:
    start = frequency.start_of(day)
    assert frequency.start_of(start) == start
    assert start <= day < frequency.shift(start, 1)


@given(st.sampled_from(Frequency), dates, st.integers(-60, 60))
def test_shifting_there_and_back_returns(frequency: Frequency, day: dt.date, n: int) -> None:
    start = frequency.start_of(day)
    assert frequency.shift(frequency.shift(start, n), -n) == start
    assert frequency.start_of(frequency.shift(start, n)) == frequency.shift(start, n)


def test_financial_years_start_in_april() -> None:
    assert Frequency.YEARLY.start_of(dt.date(2025, 3, 31)) == dt.date(2024, 4, 1)
    assert Frequency.QUARTERLY.start_of(dt.date(2025, 5, 20)) == dt.date(2025, 4, 1)
    assert Frequency.WEEKLY.start_of(dt.date(2025, 6, 15)) == dt.date(2025, 6, 9)  # a Monday


# Planning an import

values = st.floats(-1e6, 1e6, allow_nan=False)
months = st.integers(0, 40).map(lambda i: Frequency.MONTHLY.shift(dt.date(2022, 1, 1), i))


@given(st.dictionaries(months, values), st.dictionaries(months, values))
def test_a_plan_sorts_every_row_once_and_applying_it_merges(
    stored: dict[dt.date, float], incoming: dict[dt.date, float]
) -> None:
    existing = {period: (value, "") for period, value in stored.items()}
    new_rows = [SeriesRow(i, period, value) for i, (period, value) in enumerate(incoming.items())]
    plan = plan_series(existing, new_rows)
    seen = [row.period for row in plan.added] + [row.period for _, row in plan.replaced]
    seen += [row.period for row in plan.unchanged]
    assert sorted(seen) == sorted(incoming)
    assert all(row.period not in stored for row in plan.added)
    assert all(stored[row.period] == old != row.value for old, row in plan.replaced)
    after = dict(stored) | {
        row.period: row.value for row in (*plan.added, *(r for _, r in plan.replaced))
    }
    assert after == stored | incoming
    assert plan.changes == (after != stored)


@given(st.dictionaries(months, values), st.dictionaries(months, values, min_size=1), values)
def test_a_plan_s_fingerprint_changes_with_any_stored_value_it_touches(
    stored: dict[dt.date, float], incoming: dict[dt.date, float], other: float
) -> None:
    new_rows = [SeriesRow(i, period, value) for i, (period, value) in enumerate(incoming.items())]
    plan = plan_series({p: (v, "") for p, v in stored.items()}, new_rows)
    again = plan_series({p: (v, "") for p, v in stored.items()}, reversed(new_rows))
    assert plan.fingerprint() == again.fingerprint()
    touched = next(iter(incoming))
    moved = stored | {touched: other}
    changed = plan_series({p: (v, "") for p, v in moved.items()}, new_rows)
    assert (changed.fingerprint() == plan.fingerprint()) == (changed == plan)


def test_a_changed_note_alone_replaces_the_value() -> None:
    plan = plan_series({START: (1.0, "")}, [SeriesRow(2, START, 1.0, "checked")])
    assert plan.replaced == ((1.0, SeriesRow(2, START, 1.0, "checked")),)


# Integrity flags


def indicator(
    values: list[float],
    kind: Kind = Kind.BETTER_OFF,
    first: dt.date = dt.date(2021, 4, 1),
    target: float | None = None,
    id: int = 1,
) -> IndicatorFacts:
    periods = [Frequency.MONTHLY.shift(first, i) for i in range(len(values))]
    result = spc.analyse(periods, values, improvement="decrease", target=target, rebase=[START])
    return IndicatorFacts(
        id=id,
        outcome_id=1,
        name=f"Indicator {id}",
        kind=kind,
        improvement=spc.Improvement.DECREASE,
        frequency=Frequency.MONTHLY,
        target=target,
        started=START,
        result=result,
        points=len(values),
        baseline_points=sum(period < START for period in periods),
        last_period=periods[-1] if periods else None,
    )


FULL = [10.0, 11.0] * 25  # April 2021 to May 2025: current on TODAY
OWNER = Owner("Jo Bloggs", can_commit_resources=True, end_date=None)


def kinds(outcome_owner: Owner | None, *indicators: IndicatorFacts, moved: tuple = ()) -> list[str]:
    flags = integrity_flags([OutcomeFacts(1, "Home", outcome_owner)], indicators, moved, TODAY)
    return [flag.kind.value for flag in flags]


def test_a_well_kept_outcome_has_no_flags() -> None:
    assert kinds(OWNER, indicator(FULL, target=9)) == []


def test_owner_flags() -> None:
    assert kinds(None, indicator(FULL)) == ["no_owner"]
    facilitator = Owner("Al", can_commit_resources=False, end_date=None)
    assert kinds(facilitator, indicator(FULL)) == ["owner_without_authority"]
    left = Owner("Bea", can_commit_resources=True, end_date=dt.date(2025, 1, 31))
    assert kinds(left, indicator(FULL)) == ["owner_left"]
    leaving = Owner("Cy", can_commit_resources=True, end_date=TODAY)
    assert kinds(leaving, indicator(FULL)) == []


def test_data_flags() -> None:
    assert kinds(OWNER, indicator([])) == ["no_data"]
    # 12 months before the start and 5 after: too few since the start to judge.
    assert kinds(OWNER, indicator(FULL[:17], first=dt.date(2021, 4, 1)))[0] == "too_few_points"
    # The last value is for March 2025: April and May are missing by mid-June.
    assert kinds(OWNER, indicator(FULL[:48])) == ["stale_data"]
    assert kinds(OWNER, indicator(FULL[:49])) == []


def test_a_target_with_no_value_before_the_start_has_no_baseline() -> None:
    late = indicator(FULL[:38], first=START, target=9)
    assert kinds(OWNER, late) == ["target_without_baseline"]
    assert kinds(OWNER, indicator(FULL[:38], first=START)) == []


def test_a_partnership_measuring_only_activity_is_told() -> None:
    activity = indicator(FULL, kind=Kind.HOW_MUCH)
    assert kinds(OWNER, activity) == ["activity_only"]
    assert kinds(OWNER, activity, indicator(FULL, kind=Kind.HOW_WELL, id=2)) == []
    assert kinds(OWNER) == []  # no indicators: nothing measured yet, not "activity"


def test_moved_goalposts_are_listed_with_their_dates() -> None:
    change = TargetChange(1, 1, "Indicator 1", dt.date(2024, 5, 14), 95.0, 92.0)
    flags = integrity_flags([OutcomeFacts(1, "Home", OWNER)], [indicator(FULL)], [change], TODAY)
    assert [flag.kind for flag in flags] == [FlagKind.MOVED_GOALPOST]
    assert flags[0].detail == (
        "The target was changed from 95 to 92 on 14 May 2024, after values for its periods existed."
    )
    assert (flags[0].outcome_id, flags[0].indicator_id) == (1, 1)
    twice = TargetChange(1, 1, "Indicator 1", dt.date(2024, 6, 3), 95.0, None, days=2)
    (flag,) = integrity_flags([OutcomeFacts(1, "Home", OWNER)], [indicator(FULL)], [twice], TODAY)
    assert flag.detail == (
        "The target was changed from 95 to none on 3 June 2024 (the latest of 2 days it "
        "changed), after values for its periods existed."
    )


def test_flag_kinds_are_the_documented_stable_strings() -> None:
    assert {kind.value for kind in FlagKind} == {
        "no_owner",
        "owner_without_authority",
        "owner_left",
        "no_data",
        "too_few_points",
        "stale_data",
        "target_without_baseline",
        "activity_only",
        "moved_goalpost",
    }
