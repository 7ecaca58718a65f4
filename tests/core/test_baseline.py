"""An indicator judged against the level before the partnership started."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from joinedup.core.baseline import Change, Direction, read
from joinedup.core.outcomes import Frequency
from joinedup.core.spc import Assurance, Improvement, PointType, Rule, analyse
from joinedup.core.verdict_thresholds import Thresholds
from tests.core.verdict_builders import BEFORE, DOWN, FLAT, MISSED, START, UP, series
from tests.factories import month

T = Thresholds()


def test_the_limits_come_from_the_values_before_the_start() -> None:
    reading = read(series(BEFORE, FLAT * 8), T)
    assert reading.has_baseline and reading.baseline == 24 and reading.points == 16
    assert reading.mean == pytest.approx(10.0)
    assert reading.upl == pytest.approx(15.32) and reading.lpl == pytest.approx(4.68)
    assert reading.first == START and reading.last == month(15, START)


def test_points_since_the_start_are_judged_against_the_baseline_not_their_own_level() -> None:
    reading = read(series(BEFORE, UP * 8), T)
    (signal,) = reading.signals
    assert (signal.point_type, signal.points, signal.sustained, signal.current) == (
        PointType.IMPROVEMENT,
        16,
        True,
        True,
    )
    assert Rule.SHIFT in signal.rules
    assert (reading.direction, reading.change) == (Direction.IMPROVING, Change.NEW)
    # The chart the page draws starts new limits at the start, so there it is common cause.
    assert reading.series.chart().variation == "common_cause"


def test_fewer_than_twelve_values_before_the_start_are_no_baseline() -> None:
    reading = read(series(FLAT * 5, FLAT * 4 + UP * 6), T)
    assert reading.baseline == 10 and not reading.has_baseline
    assert (reading.direction, reading.change) == (Direction.IMPROVING, Change.CANNOT_TELL)
    assert reading.mean == pytest.approx(sum(FLAT * 4 + UP * 6) / 20)


def test_fewer_than_fifteen_points_since_the_start_cannot_be_judged() -> None:
    reading = read(series(BEFORE, UP * 7), T)
    assert not reading.judgeable and reading.signals == ()
    assert reading.direction is Direction.STABLE and reading.change is Change.NONE


def test_a_lone_point_outside_the_limits_is_not_sustained_but_two_in_three_are() -> None:
    lone = read(series(BEFORE, FLAT * 5 + [20.0] + FLAT * 5), T)
    (signal,) = lone.signals
    assert not signal.sustained and signal.rules == (Rule.OUTSIDE_LIMITS,)
    assert lone.direction is Direction.STABLE
    pair = read(series(BEFORE, FLAT * 6 + [20.0, 11.0, 20.0]), T)
    (signal,) = pair.signals
    assert signal.sustained and signal.points == 2 and signal.current
    assert pair.direction is Direction.IMPROVING


def test_a_signal_lapses_after_a_shifts_length_of_points_without_one() -> None:
    six_after = read(series(BEFORE, DOWN * 8 + [11.0, 9.0] * 3), T)
    assert six_after.direction is Direction.DETERIORATING
    seven_after = read(series(BEFORE, DOWN * 8 + [11.0, 9.0] * 3 + [11.0]), T)
    assert seven_after.direction is Direction.STABLE
    assert not seven_after.signals[0].current and seven_after.signals[0].after == 7


def test_the_latest_sustained_signal_decides() -> None:
    reading = read(series(BEFORE, DOWN * 5 + UP * 5), T)
    assert [s.point_type for s in reading.signals] == [PointType.CONCERN, PointType.IMPROVEMENT]
    assert [s.current for s in reading.signals] == [False, True]
    assert reading.direction is Direction.IMPROVING


def test_a_trend_running_into_the_start_is_already_running() -> None:
    rising = [10 + 0.5 * i + (0.3 if i % 2 else -0.3) for i in range(48)]
    reading = read(series(rising[:24], rising[24:]), T)
    assert reading.before_start is PointType.IMPROVEMENT
    assert reading.change is Change.ALREADY_RUNNING and not reading.credited
    falling = [40 - v for v in rising]
    worse = read(series(falling[:24], falling[24:]), T)
    assert worse.direction is Direction.DETERIORATING
    assert worse.change is Change.ALREADY_RUNNING


def test_a_few_values_above_the_mean_just_before_the_start_are_not_a_trend() -> None:
    reading = read(series(BEFORE[:-2] + [10.5, 10.6], UP * 8), T)
    assert reading.before_start is None and reading.change is Change.NEW


def test_the_chart_is_the_one_the_indicator_page_draws() -> None:
    named = dataclasses.replace(series(BEFORE, FLAT * 12, target=MISSED), rebase=(month(6, START),))
    expected = analyse(
        named.periods,
        named.values,
        target=MISSED,
        rebase=[START, month(6, START)],
    )
    assert named.chart() == expected


def test_the_target_is_judged_now_and_as_it_was() -> None:
    eased = read(series(BEFORE, FLAT * 12, target=2.0, original_target=MISSED), T)
    assert (eased.assurance, eased.original_assurance) == (Assurance.PASS, Assurance.FAIL)
    unchanged = read(series(BEFORE, FLAT * 12, target=2.0, original_target=2.0), T)
    assert unchanged.original_assurance is None


def test_a_moved_target_is_eased_or_stretched_by_which_way_is_better() -> None:
    def shift(improvement: Improvement, target: float | None, original: float | None) -> object:
        made = series(
            BEFORE, FLAT, improvement=improvement, target=target, original_target=original
        )
        return made.target_shift

    assert shift(Improvement.INCREASE, 2.0, 16.0) == "eased"
    assert shift(Improvement.INCREASE, 16.0, 2.0) == "stretched"
    assert shift(Improvement.DECREASE, 2.0, 16.0) == "stretched"
    assert shift(Improvement.DECREASE, 16.0, 2.0) == "eased"
    assert shift(Improvement.NEITHER, 2.0, 16.0) is None
    assert shift(Improvement.INCREASE, None, 16.0) is None  # removed: a flag, not a shift
    assert shift(Improvement.INCREASE, 2.0, None) is None
    assert shift(Improvement.INCREASE, 2.0, 2.0) is None


def test_whole_winters_are_counted_for_weekly_and_monthly_data() -> None:
    reading = read(series(BEFORE, FLAT * 12), T)  # April 2022 to March 2024
    assert reading.winters == 2 and reading.seasonal and reading.months == 24
    assert not reading.early(T)
    quarterly = dataclasses.replace(reading.series, frequency=Frequency.QUARTERLY)
    assert not read(quarterly, T).seasonal


def test_early_signs_are_under_a_year_or_under_24_monthly_points() -> None:
    assert read(series(BEFORE, FLAT * 11 + [9.0]), T).early(T)  # 23 months
    weekly = series([], FLAT * 13, frequency=Frequency.WEEKLY)
    assert read(weekly, T).early(T)  # 26 weeks
    year = series([], FLAT * 27, frequency=Frequency.WEEKLY)
    assert not read(year, T).early(T)  # 54 weeks over 13 months


def test_values_given_out_of_order_read_the_same() -> None:
    ordered = series(BEFORE, UP * 8)
    pairs = list(zip(ordered.periods, ordered.values, strict=True))[::-1]
    backwards = dataclasses.replace(
        ordered, periods=tuple(p for p, _ in pairs), values=tuple(v for _, v in pairs)
    )
    assert read(backwards, T).signals == read(ordered, T).signals


def test_no_values_at_all() -> None:
    reading = read(series([], []), T)
    assert (reading.points, reading.judgeable, reading.first, reading.months) == (0, False, None, 0)
    assert reading.series.started == dt.date(2022, 4, 1)
