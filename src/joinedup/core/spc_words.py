"""What an SPC chart says, in plain language (the engine is :mod:`joinedup.core.spc`)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from joinedup.core.numbers import SeriesFormat, series_format
from joinedup.core.spc import (
    MDC_MIN_POINTS,
    Assurance,
    Improvement,
    PointType,
    Profile,
    Rule,
    SpcPoint,
    SpcResult,
    Variation,
)

_HEADLINES = {
    PointType.IMPROVEMENT: "Special cause improvement",
    PointType.CONCERN: "Special cause concern",
    PointType.NEITHER_HIGH: "Special cause variation (high)",
    PointType.NEITHER_LOW: "Special cause variation (low)",
}
_HIGH = (Variation.IMPROVEMENT_HIGH, Variation.CONCERN_HIGH, Variation.NEITHER_HIGH)


def describe(result: SpcResult, style: SeriesFormat | None = None) -> list[str]:
    """What the chart says, in plain language: its variation, then its assurance.

    ``style`` writes the numbers (the indicator's unit and places); without
    it, they take the places the values are recorded with."""
    style = style or series_format("", [point.value for point in result.points])
    if not result.points:
        return ["There are no values to judge yet."]
    last = result.points[-1]
    if result.variation is None:
        count = sum(point.partition == last.partition for point in result.points)
        return [
            f"Not enough data to judge yet: limits need at least {MDC_MIN_POINTS} points "
            f"and the latest stretch has {count}, so this is a run chart only."
        ]
    return [_describe_variation(result, style)] + _describe_assurance(result, style)


def _describe_variation(result: SpcResult, style: SeriesFormat) -> str:
    points, last = result.points, result.points[-1]
    if not last.rules:
        if last.lpl is None or last.upl is None:
            return (
                "Common cause variation: no signal of change, but a lone point has no limits yet."
            )
        return (
            f"Common cause variation: the latest value ({style.value(last.value)}) is within "
            f"the process limits ({style.number(last.lpl)} to {style.value(last.upl)}) and "
            "no pattern signals a change."
        )
    high = result.variation in _HIGH
    headline = _HEADLINES[last.point_type]
    rule = last.rules[0]
    if rule is Rule.OUTSIDE_LIMITS:
        limit = last.upl if high else last.lpl
        assert limit is not None  # a point outside the limits has limits
        where = "above the upper" if high else "below the lower"
        return (
            f"{headline}: the latest value ({style.value(last.value)}) is {where} "
            f"process limit ({style.value(limit)})."
        )
    if rule is Rule.TREND:
        count = _run_back(
            points,
            lambda before, after: (
                Rule.TREND in before.rules
                and (after.value > before.value if high else after.value < before.value)
                and (result.profile is Profile.MDC or before.partition == after.partition)
            ),
        )
        way = "up" if high else "down"
        return f"{headline}: the last {count} points have gone {way} one after another."
    if rule is Rule.TWO_IN_THREE:
        near = last.upper_near if high else last.lower_near
        assert near is not None
        where = "upper" if high else "lower"
        return (
            f"{headline}: the latest value is one of at least two in three points close to "
            f"the {where} process limit (beyond {style.value(near)})."
        )
    mean = last.mean
    assert mean is not None  # a shift is judged against the mean
    count = _run_back(
        points,
        lambda before, after: (
            Rule.SHIFT in before.rules
            and before.partition == after.partition
            and (before.mean is not None and before.value > before.mean) == high
        ),
    )
    side = "above" if high else "below"
    return f"{headline}: the last {count} points are {side} the mean ({style.value(mean)})."


def _describe_assurance(result: SpcResult, style: SeriesFormat) -> list[str]:
    if result.target is None:
        return []
    target = style.value(result.target)
    if result.assurance is Assurance.PASS:
        return [
            f"Assurance: the target of {target} is met consistently; it lies beyond the "
            "process limits on the side that meets it, so the process will keep meeting it "
            "unless something changes."
        ]
    if result.assurance is Assurance.FAIL:
        return [
            f"Assurance: the target of {target} will not be met without a change to the "
            "process; it lies beyond the process limits on the side that misses it."
        ]
    if result.assurance is Assurance.HIT_OR_MISS:
        return [
            f"Assurance: the target of {target} lies within the process limits, so it will "
            "be met in some periods and missed in others (hit or miss)."
        ]
    if result.improvement is Improvement.NEITHER:
        return ["No assurance: a target needs an improvement direction of increase or decrease."]
    return ["No assurance yet: the latest stretch has no process limits."]


def _run_back(points: Sequence[SpcPoint], continues: Callable[[SpcPoint, SpcPoint], bool]) -> int:
    """How many points, counting back from the last, keep ``continues(before, after)``."""
    count = 1
    while count < len(points) and continues(points[-count - 1], points[-count]):
        count += 1
    return count
