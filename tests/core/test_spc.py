"""The SPC engine against the worked checks of the specification, rule by rule."""

from __future__ import annotations

import dataclasses
import datetime as dt

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from joinedup.core.errors import InputError
from joinedup.core.spc import (
    Assurance,
    PointType,
    Rule,
    SpcPoint,
    SpcResult,
    Variation,
    analyse,
    analyse_many,
)
from tests.factories import BASE, SHIFT, judge, months

PROFILES = ["mdc", "ptd"]
IMPROVEMENT, CONCERN = PointType.IMPROVEMENT, PointType.CONCERN
COMMON = PointType.COMMON_CAUSE


def kinds(result: SpcResult) -> list[PointType]:
    return [point.point_type for point in result.points]


def flagged(result: SpcResult, rule: Rule) -> list[int]:
    return [i for i, point in enumerate(result.points) if rule in point.rules]


# Worked checks from the specification.


@pytest.mark.parametrize("profile", PROFILES)
def test_worked_check_outlier_unscreened(profile: str) -> None:
    values = [1, 2, 1, 2, 10, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1]
    result = judge(values, profile=profile, screen=False)
    point = result.points[4]
    assert point.mean == pytest.approx(1.944444, abs=1e-6)
    assert point.upl == pytest.approx(35 / 18 + 2.66 * 32 / 17, abs=1e-12)
    assert point.upl == pytest.approx(6.951503, abs=1e-6)
    assert point.lpl == pytest.approx(-3.062614, abs=1e-6)
    assert point.point_type is IMPROVEMENT
    assert flagged(result, Rule.OUTSIDE_LIMITS) == [4]


@pytest.mark.parametrize("profile", PROFILES)
def test_worked_check_outlier_screened(profile: str) -> None:
    values = [1, 2, 1, 2, 10, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1]
    result = judge(values, profile=profile, screen=True)
    point = result.points[4]
    assert point.mean == pytest.approx(1.944444, abs=1e-6)
    assert point.upl == pytest.approx(4.604444, abs=1e-6)
    assert point.lpl == pytest.approx(-0.715556, abs=1e-6)
    assert point.point_type is IMPROVEMENT


def test_screening_is_off_by_default_in_mdc_and_on_in_ptd() -> None:
    values = [1, 2, 1, 2, 10, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1]
    assert judge(values).points[0].upl == pytest.approx(6.951503, abs=1e-6)
    assert judge(values, profile="ptd").points[0].upl == pytest.approx(4.604444, abs=1e-6)
    assert judge(values, profile="ptd", screen=False).points[0].upl == pytest.approx(
        6.951503, abs=1e-6
    )


def test_worked_check_screened_seven_points_in_ptd() -> None:
    result = judge([3, 1, 4, 1, 5, 9, 2], profile="ptd")
    point = result.points[0]
    assert point.mean == pytest.approx(3.5714286, abs=1e-7)
    assert point.lpl == pytest.approx(-6.6252381, abs=1e-7)
    assert point.upl == pytest.approx(13.7680952, abs=1e-7)
    assert point.lower_near == pytest.approx(-3.2263492, abs=1e-7)
    assert point.upper_near == pytest.approx(10.3692063, abs=1e-7)


def test_worked_check_seven_points_is_a_run_chart_in_mdc() -> None:
    result = judge([3, 1, 4, 1, 5, 9, 2], screen=True)
    assert all(point.mean is None and point.upl is None for point in result.points)
    assert result.variation is None
    assert any("run chart only" in warning for warning in result.warnings)


@pytest.mark.parametrize("profile", PROFILES)
def test_worked_check_shift(profile: str) -> None:
    result = judge(SHIFT, profile=profile, improvement="decrease", target=9)
    point = result.points[0]
    assert point.mean == pytest.approx(11.15625, abs=1e-9)
    assert point.upl == pytest.approx(14.40145, abs=1e-9)
    assert point.lpl == pytest.approx(7.91105, abs=1e-9)
    assert kinds(result) == [COMMON] * 9 + [CONCERN] * 7
    assert flagged(result, Rule.SHIFT) == list(range(9, 16))
    assert result.variation is Variation.CONCERN_HIGH
    assert result.assurance is Assurance.HIT_OR_MISS


@pytest.mark.parametrize("profile", PROFILES)
@pytest.mark.parametrize(
    ("tail", "trend"), [([1, 2, 3, 3, 4, 5, 6], []), ([1, 2, 3, 4, 5, 6, 7], list(range(7)))]
)
def test_worked_check_trend(profile: str, tail: list[float], trend: list[int]) -> None:
    # mdc needs 15 points for any flag, so the checks follow 8 points that make no trend.
    lead = [4, 3] * 4
    result = judge([*lead, *tail], profile=profile)
    assert flagged(result, Rule.TREND) == [len(lead) + i for i in trend]
    if profile == "ptd":
        assert flagged(judge(tail, profile="ptd"), Rule.TREND) == trend


@pytest.mark.parametrize("profile", PROFILES)
@pytest.mark.parametrize(
    ("mean", "half_width", "expected"),
    [(2, 1, Assurance.FAIL), (6, 1, Assurance.PASS), (3, 2, Assurance.HIT_OR_MISS)],
)
def test_worked_check_assurance(
    profile: str, mean: float, half_width: float, expected: Assurance
) -> None:
    # Alternating mean +- d/2 gives a mean moving range d, so limits mean +- 2.66 d.
    step = half_width / 2.66
    values = [mean - step / 2, mean + step / 2] * 8
    result = judge(values, profile=profile, target=4)
    assert result.points[0].lpl == pytest.approx(mean - half_width, abs=1e-9)
    assert result.points[0].upl == pytest.approx(mean + half_width, abs=1e-9)
    assert result.assurance is expected


# Limits.


def test_limits_are_not_clipped_at_zero() -> None:
    assert judge([0, 5] * 8).points[0].lpl == pytest.approx(2.5 - 2.66 * 5)


def test_a_fixed_baseline_sets_the_limits_from_its_first_points() -> None:
    result = judge([*BASE, 30, 31, 32], baseline=12)
    assert [point.mean for point in result.points] == [10] * 15
    assert result.points[0].upl == pytest.approx(15.32)
    assert flagged(result, Rule.OUTSIDE_LIMITS) == [12, 13, 14]


def test_a_baseline_longer_than_the_partition_uses_every_point() -> None:
    values = [1, 2, 1, 2, 10, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1]
    assert judge(values, baseline=40).points == judge(values).points


def test_a_baseline_under_twelve_points_is_an_error() -> None:
    with pytest.raises(InputError, match="at least 12") as error:
        judge(BASE + BASE, baseline=11)
    assert error.value.problems[0].field == "baseline"


def test_screening_keeps_a_flat_series_flat() -> None:
    result = judge([5] * 16, profile="ptd")
    assert (result.points[0].lpl, result.points[0].upl) == (5, 5)
    assert kinds(result) == [COMMON] * 16


def test_a_lone_point_in_ptd_has_a_mean_but_no_limits() -> None:
    result = judge([4], profile="ptd", target=1)
    assert result.points[0].mean == 4
    assert result.points[0].upl is None
    assert result.variation is Variation.COMMON_CAUSE
    assert result.assurance is None


# Rules.


def test_outside_limits_is_strict() -> None:
    upl = judge([*BASE, 10, 10, 10], baseline=12).points[0].upl
    assert upl is not None
    assert flagged(judge([*BASE, upl, 10, 10], baseline=12), Rule.OUTSIDE_LIMITS) == []
    above = float(np.nextafter(upl, np.inf))
    assert flagged(judge([*BASE, above, 10, 10], baseline=12), Rule.OUTSIDE_LIMITS) == [12]


def test_a_shift_needs_seven_points() -> None:
    assert flagged(judge([*BASE, 9, *[10.5] * 6], baseline=12), Rule.SHIFT) == []
    # The last baseline point (11) is above the mean too, so six more make seven.
    assert flagged(judge([*BASE, *[10.5] * 6], baseline=12), Rule.SHIFT) == list(range(11, 18))


def test_a_point_on_the_mean_breaks_a_shift() -> None:
    run = [10.5, 10.5, 10.5, 10, 10.5, 10.5, 10.5, 10.5]
    assert flagged(judge([*BASE, *run], baseline=12), Rule.SHIFT) == []
    assert flagged(judge([*BASE, 9, *[9.5] * 7], baseline=12), Rule.SHIFT) == list(range(12, 20))


def test_equal_neighbours_break_a_trend() -> None:
    values = [*BASE, 1, 2, 3, 4, 5, 5, 6, 7, 8, 9, 10]
    assert flagged(judge(values, baseline=12), Rule.TREND) == []


def test_a_falling_trend_above_the_mean_is_low() -> None:
    # Above the mean, so shift (and two-in-three for 15 and 14) say high; the trend decides.
    values = [*BASE, 15, 14, 13, 12, 11.5, 11.2, 10.8]
    result = judge(values, baseline=12, improvement="decrease")
    assert flagged(result, Rule.TREND) == list(range(12, 19))
    assert result.points[12].rules == (Rule.TREND, Rule.TWO_IN_THREE, Rule.SHIFT)
    assert kinds(result)[12:] == [IMPROVEMENT] * 7


def test_two_in_three_flags_only_the_close_points() -> None:
    result = judge([*BASE, 14, 10.5, 14], baseline=12)
    assert flagged(result, Rule.TWO_IN_THREE) == [12, 14]
    assert kinds(result)[12:] == [IMPROVEMENT, COMMON, IMPROVEMENT]


def test_two_in_three_below_the_mean() -> None:
    result = judge([*BASE, 9, 6, 6], baseline=12)
    assert flagged(result, Rule.TWO_IN_THREE) == [13, 14]
    assert kinds(result)[13:] == [CONCERN, CONCERN]


def test_two_in_three_needs_two_close_points() -> None:
    assert flagged(judge([*BASE, 14, 10.5, 10.5], baseline=12), Rule.TWO_IN_THREE) == []


def test_a_point_outside_the_limits_is_not_close() -> None:
    result = judge([*BASE, 20, 14, 10.5], baseline=12)
    assert flagged(result, Rule.TWO_IN_THREE) == []
    assert flagged(result, Rule.OUTSIDE_LIMITS) == [12]


def test_two_in_three_needs_all_three_on_one_side() -> None:
    assert flagged(judge([*BASE, 14, 9.5, 14], baseline=12), Rule.TWO_IN_THREE) == []


def test_a_trend_decides_the_side_before_two_in_three_and_shift() -> None:
    # Rising below the mean: the trend says high, the shift and two-in-three say low.
    result = judge([*BASE, 5, 5.5, 6, 6.5, 7, 7.5, 8], baseline=12)
    assert result.points[12].rules == (Rule.TREND, Rule.TWO_IN_THREE, Rule.SHIFT)
    assert kinds(result)[12:] == [IMPROVEMENT] * 7
    assert result.variation is Variation.IMPROVEMENT_HIGH


def test_outside_limits_decides_the_side_before_a_trend() -> None:
    result = judge([*BASE, 1, 2, 3, 4, 5, 6, 7], baseline=12)
    assert result.points[12].rules[:2] == (Rule.OUTSIDE_LIMITS, Rule.TREND)
    assert kinds(result)[12:16] == [CONCERN] * 4  # below the LPL of 4.68
    assert kinds(result)[16:] == [IMPROVEMENT] * 3


@pytest.mark.parametrize("profile", PROFILES)
def test_a_peak_takes_the_direction_of_the_later_trend(profile: str) -> None:
    # Wide limits (10 +- 53.2) so that only the trend rule decides.
    wide = [0.0, 20.0] * 6
    result = judge([*wide, 1, 2, 3, 4, 5, 6, 7, 6, 5, 4, 3, 2, 1], baseline=12, profile=profile)
    assert kinds(result)[12:] == [IMPROVEMENT] * 6 + [CONCERN] * 7


@pytest.mark.parametrize("profile", PROFILES)
def test_a_trough_takes_the_direction_of_the_later_trend(profile: str) -> None:
    wide = [0.0, 20.0] * 6
    result = judge([*wide, 7, 6, 5, 4, 3, 2, 1, 2, 3, 4, 5, 6, 7], baseline=12, profile=profile)
    assert kinds(result)[12:] == [CONCERN] * 6 + [IMPROVEMENT] * 7


# Point types and icons.


def test_neither_direction_gives_high_and_low() -> None:
    result = judge([*BASE, 20, 10, 0], baseline=12, improvement="neither", target=3)
    assert kinds(result)[12:] == [PointType.NEITHER_HIGH, COMMON, PointType.NEITHER_LOW]
    assert result.variation is Variation.NEITHER_LOW
    assert result.assurance is None
    assert any("neither" in warning for warning in result.warnings)


@pytest.mark.parametrize(
    ("last", "improvement", "variation"),
    [
        (20, "increase", Variation.IMPROVEMENT_HIGH),
        (0, "increase", Variation.CONCERN_LOW),
        (0, "decrease", Variation.IMPROVEMENT_LOW),
        (20, "decrease", Variation.CONCERN_HIGH),
        (20, "neither", Variation.NEITHER_HIGH),
        (10, "increase", Variation.COMMON_CAUSE),
    ],
)
def test_the_variation_icon_follows_the_last_point(
    last: float, improvement: str, variation: Variation
) -> None:
    result = judge([*BASE, 10, 10, last], baseline=12, improvement=improvement)
    assert result.variation is variation


@pytest.mark.parametrize(
    ("profile", "improvement", "limit", "expected"),
    [
        ("mdc", "increase", "lpl", Assurance.PASS),
        ("mdc", "increase", "upl", Assurance.FAIL),
        ("mdc", "decrease", "upl", Assurance.PASS),
        ("mdc", "decrease", "lpl", Assurance.FAIL),
        ("ptd", "increase", "lpl", Assurance.HIT_OR_MISS),
        ("ptd", "increase", "upl", Assurance.HIT_OR_MISS),
        ("ptd", "decrease", "upl", Assurance.HIT_OR_MISS),
        ("ptd", "decrease", "lpl", Assurance.HIT_OR_MISS),
    ],
)
def test_a_target_exactly_on_a_limit(
    profile: str, improvement: str, limit: str, expected: Assurance
) -> None:
    values = [1, 2, 1, 2, 10, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1]
    target = getattr(judge(values, profile=profile).points[-1], limit)
    result = judge(values, profile=profile, improvement=improvement, target=target)
    assert result.assurance is expected


def test_assurance_uses_the_limits_of_the_last_partition() -> None:
    values = [*[1.0, 2.0] * 8, *[11.0, 12.0] * 8]
    rebase = [months(32)[16]]
    assert judge(values, target=5).assurance is Assurance.HIT_OR_MISS
    assert judge(values, target=5, rebase=rebase).assurance is Assurance.PASS


# Partitions, missing values, order.


def test_a_rebase_starts_at_the_first_point_on_or_after_its_date() -> None:
    values = [*[1.0, 2.0] * 8, *[11.0, 12.0] * 8]
    periods = months(32)
    after = periods[15] + dt.timedelta(days=1)
    for rebase in (periods[16], after):
        result = analyse(periods, values, rebase=[rebase])
        assert [point.partition for point in result.points] == [0] * 16 + [1] * 16
        assert result.points[0].mean == 1.5
        assert result.points[-1].mean == 11.5


def test_a_rebase_outside_the_series_changes_nothing() -> None:
    periods = months(16)
    values = [1.0, 2.0] * 8
    plain = analyse(periods, values)
    assert analyse(periods, values, rebase=[dt.date(1999, 1, 1), dt.date(2099, 1, 1)]) == plain


def test_a_shift_does_not_run_across_a_rebase() -> None:
    first = [*[9.0, 11.0] * 7, 9.0, 12, 12, 12, 12]
    second = [12, 12, 12, *[9.0, 11.0] * 7]
    periods = months(len(first) + len(second))
    result = analyse(periods, [*first, *second], rebase=[periods[len(first)]])
    assert flagged(result, Rule.SHIFT) == []


def test_mdc_trends_run_across_a_rebase_and_ptd_trends_do_not() -> None:
    first = [*[4.0, 6.0] * 6, 5, 1, 2, 3]
    second = [4, 5, 6, 7, *[4.0, 6.0] * 6]
    periods = months(len(first) + len(second))
    rebase = [periods[len(first)]]
    mdc = analyse(periods, [*first, *second], rebase=rebase)
    ptd = analyse(periods, [*first, *second], rebase=rebase, profile="ptd")
    assert flagged(mdc, Rule.TREND) == list(range(13, 20))
    assert flagged(ptd, Rule.TREND) == []


def test_missing_values_are_not_points() -> None:
    values = [1, 2, 1, 2, 10, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1]
    periods = months(len(values) + 2)
    gappy = [*values[:5], None, *values[5:9], float("nan"), *values[9:]]
    result = analyse(periods, gappy)
    kept = [p for p, v in zip(periods, gappy, strict=True) if v is not None and v == v]
    assert [point.period for point in result.points] == kept
    assert [point.upl for point in result.points] == [point.upl for point in judge(values).points]


def test_periods_are_put_in_order() -> None:
    periods = months(16)
    values = [float(i % 3) for i in range(16)]
    assert analyse(periods[::-1], values[::-1]) == analyse(periods, values)


def test_a_repeated_period_is_an_error_naming_it() -> None:
    periods = months(16)
    periods[5] = periods[4]
    with pytest.raises(InputError, match=f"period {periods[4].isoformat()}"):
        analyse(periods, [1.0] * 16)


def test_an_unknown_improvement_direction_is_an_error() -> None:
    with pytest.raises(InputError, match="increase, decrease, neither"):
        judge([1.0] * 16, improvement="up")


def test_an_empty_series_has_nothing_to_judge() -> None:
    result = analyse([], [])
    assert result.points == ()
    assert result.variation is None


# Too few points.


def test_mdc_needs_fifteen_points_for_limits() -> None:
    short = judge([*[1.0, 2.0] * 7], target=0)
    assert all(point.upl is None and point.mean is None for point in short.points)
    assert (short.variation, short.assurance) == (None, None)
    assert any("run chart only" in warning for warning in short.warnings)
    enough = judge([*[1.0, 2.0] * 7, 1.0], target=0)
    assert enough.points[0].upl is not None
    assert enough.warnings == ()


def test_mdc_flags_nothing_in_a_short_partition() -> None:
    first = [1.0, 2.0] * 8
    second = [50.0, 1, 2, 3, 4, 5, 6, 7]
    periods = months(24)
    result = analyse(periods, [*first, *second], rebase=[periods[16]])
    assert flagged(result, Rule.OUTSIDE_LIMITS) == flagged(result, Rule.TREND) == []
    assert result.points[0].upl is not None
    assert result.points[-1].upl is None
    assert result.variation is None
    assert len(result.warnings) == 1 and "from 1 May 2021" in result.warnings[0]


def test_ptd_warns_under_twelve_points_but_draws_limits() -> None:
    short = judge([1.0, 2.0] * 5 + [1.0], profile="ptd")
    assert short.points[0].upl is not None
    assert short.variation is Variation.COMMON_CAUSE
    assert any("fewer than 12" in warning for warning in short.warnings)
    assert judge([1.0, 2.0] * 6, profile="ptd").warnings == ()


# The batch path and the single-series path are one implementation.


def test_analyse_many_agrees_with_analyse() -> None:
    rng = np.random.default_rng(4)
    values = rng.normal(10, 2, size=(30, 24)).round(1)
    values[:, 15:] += rng.choice([0, 4], size=(30, 1))
    periods = months(24)
    targets = rng.normal(10, 4, size=30)
    batch = analyse_many(periods, values, target=targets, rebase=[periods[12]], profile="ptd")
    assert len(batch) == 30
    for i in range(30):
        single = analyse(
            periods, values[i].tolist(), target=targets[i], rebase=[periods[12]], profile="ptd"
        )
        assert batch.result(i) == single


def test_analyse_many_refuses_missing_values() -> None:
    values = np.ones((2, 16))
    values[1, 3] = np.nan
    with pytest.raises(InputError, match="period 2020-04-01"):
        analyse_many(months(16), values)


# Properties.

integers = st.lists(st.integers(-50, 50), min_size=1, max_size=40)
profiles = st.sampled_from(PROFILES)
improvements = st.sampled_from(["increase", "decrease", "neither"])


def lines_of(result: SpcResult) -> list[tuple[float | None, ...]]:
    return [
        (point.mean, point.lpl, point.upl, point.lower_near, point.upper_near)
        for point in result.points
    ]


def verdicts(result: SpcResult) -> list[tuple[PointType, tuple[Rule, ...]]]:
    return [(point.point_type, point.rules) for point in result.points]


@given(integers, st.integers(-1000, 1000), profiles, improvements)
def test_adding_a_constant_moves_the_lines_and_changes_no_flag(
    values: list[int], constant: int, profile: str, improvement: str
) -> None:
    before = judge(values, profile=profile, improvement=improvement)
    # At exactly a limit or near line, float rounding of the shifted mean decides: not a property.
    for point in before.points:
        for line in (point.lpl, point.upl, point.lower_near, point.upper_near):
            assume(line is None or abs(point.value - line) > 1e-6)
    after = judge([v + constant for v in values], profile=profile, improvement=improvement)
    for old, new in zip(lines_of(before), lines_of(after), strict=True):
        assert new == pytest.approx(
            tuple(None if line is None else line + constant for line in old), abs=1e-9
        )
    assert verdicts(after) == verdicts(before)
    assert after.variation == before.variation


@given(integers, st.sampled_from([0.25, 0.5, 2.0, 8.0]), profiles, improvements)
def test_scaling_by_a_positive_number_scales_the_lines_and_changes_no_flag(
    values: list[int], factor: float, profile: str, improvement: str
) -> None:
    # Powers of two scale exactly in floating point, so even ties are kept.
    before = judge(values, profile=profile, improvement=improvement)
    after = judge([v * factor for v in values], profile=profile, improvement=improvement)
    for old, new in zip(lines_of(before), lines_of(after), strict=True):
        assert new == tuple(None if line is None else line * factor for line in old)
    assert verdicts(after) == verdicts(before)


@given(integers, profiles)
def test_reversing_the_direction_swaps_improvement_and_concern(
    values: list[int], profile: str
) -> None:
    swap = {IMPROVEMENT: CONCERN, CONCERN: IMPROVEMENT, COMMON: COMMON}
    icons = {
        Variation.IMPROVEMENT_HIGH: Variation.CONCERN_HIGH,
        Variation.CONCERN_LOW: Variation.IMPROVEMENT_LOW,
        Variation.COMMON_CAUSE: Variation.COMMON_CAUSE,
        None: None,
    }
    up = judge(values, profile=profile, improvement="increase")
    down = judge(values, profile=profile, improvement="decrease")
    assert kinds(down) == [swap[kind] for kind in kinds(up)]
    assert down.variation is icons[up.variation]
    assert [p.rules for p in down.points] == [p.rules for p in up.points]


@given(
    st.lists(st.integers(-20, 20), min_size=1, max_size=30),
    st.lists(st.integers(-20, 20), min_size=1, max_size=30),
    profiles,
    st.sampled_from([None, 12, 15]),
)
def test_a_rebase_splits_the_series_in_two(
    first: list[int], second: list[int], profile: str, baseline: int | None
) -> None:
    periods = months(len(first) + len(second))
    joined = analyse(
        periods,
        [*first, *second],
        rebase=[periods[len(first)]],
        profile=profile,
        baseline=baseline,
    )
    apart = [
        *analyse(periods[: len(first)], first, profile=profile, baseline=baseline).points,
        *analyse(periods[len(first) :], second, profile=profile, baseline=baseline).points,
    ]

    def comparable(point: SpcPoint) -> object:
        if profile == "ptd":
            return dataclasses.replace(point, partition=0)
        # Only mdc lets a trend run across the rebase, so its trend flags may differ.
        without_trend = tuple(rule for rule in point.rules if rule is not Rule.TREND)
        return point.mean, point.lpl, point.upl, point.lower_near, point.upper_near, without_trend

    assert [comparable(point) for point in joined.points] == [comparable(point) for point in apart]
