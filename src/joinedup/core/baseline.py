"""An indicator judged against the level before the partnership started.

The Making Data Count way: where there are at least 12 values from before the
start, they are a fixed baseline (the limits come from them alone) and the
rules are applied to the points since the start. Then it can say which
happened: a change that began at or after the start, a trend that was already
running before it, or no change. Without a baseline the points since the start
are judged against their own limits, and nobody can tell whether a change is
new. Either way this says what happened while the partnership ran, never that
the partnership caused it. docs/verdict.md ("Against the level before").

The engine is :mod:`joinedup.core.spc`; this module only chooses what it is
asked and reads its answer.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from dataclasses import dataclass
from enum import StrEnum

from joinedup.core.effort import months_between
from joinedup.core.outcomes import Frequency
from joinedup.core.spc import (
    MIN_BASELINE,
    Assurance,
    Improvement,
    PointType,
    Rule,
    SpcPoint,
    SpcResult,
    analyse,
)
from joinedup.core.spc_rules import RUN_LENGTH
from joinedup.core.verdict_thresholds import Thresholds

# After Results-Based Accountability: only how well and better off measure
# results; how much counts activity and never decides a verdict.
RESULT_KINDS = ("how_well", "better_off")
# Two flagged points with at most one between them are one signal: "2 of 3".
_WITHIN = 2
_SUSTAINING_RULES = (Rule.SHIFT, Rule.TREND)
# Data this often has a winter worth covering: December, January and February.
_SEASONAL = (Frequency.WEEKLY, Frequency.MONTHLY)
# Series remembered: a few partnerships' worth of indicators.
_REMEMBERED = 1024


@dataclass(frozen=True)
class Series:
    """An indicator's values as the verdict reads them. ``key`` is its identity
    (the database id); the name is only words, so renaming changes nothing."""

    key: int | str
    name: str
    kind: str  # how_much, how_well or better_off
    improvement: Improvement
    frequency: Frequency
    started: dt.date  # the partnership's start
    periods: tuple[dt.date, ...]
    values: tuple[float, ...]
    target: float | None = None
    # The target before it was changed once values existed, and when.
    original_target: float | None = None
    target_changed_on: dt.date | None = None
    rebase: tuple[dt.date, ...] = ()  # named interventions, where the chart starts new limits

    @property
    def measures_results(self) -> bool:
        return self.kind in RESULT_KINDS

    @property
    def target_shift(self) -> str | None:
        """How the target stands moved from ``original_target`` (a moved
        goalpost, joinedup.core.goalposts): "eased" (easier to meet) or
        "stretched"; None when it is not moved, was removed, or neither
        direction is better. The verdict says this instead of the flag."""
        original, target = self.original_target, self.target
        if original is None or target is None or original == target:
            return None
        if self.improvement is Improvement.NEITHER:
            return None
        return (
            "eased"
            if (target < original) == (self.improvement is Improvement.INCREASE)
            else "stretched"
        )

    def chart(self, target: float | None = None) -> SpcResult:
        """The chart as the indicator's page draws it: new limits at the
        partnership's start and at each named intervention."""
        return _chart(self, self.target if target is None else target)


# Memoised, as read() is: the page, the verdict and the assessment's evidence
# each ask for the same series, and the answer depends on nothing else.
@functools.lru_cache(maxsize=_REMEMBERED)
def _chart(series: Series, target: float | None) -> SpcResult:
    return analyse(
        series.periods,
        series.values,
        improvement=series.improvement,
        target=target,
        rebase=(series.started, *series.rebase),
    )


class Direction(StrEnum):
    """Where the latest sustained signal since the start says results are going."""

    IMPROVING = "improving"
    DETERIORATING = "deteriorating"
    STABLE = "stable"


class Change(StrEnum):
    """Whether a change since the start is new."""

    NEW = "new"  # it began at or after the start
    ALREADY_RUNNING = "already_running"  # a trend that was running before the start
    NONE = "none"  # no sustained change
    CANNOT_TELL = "cannot_tell"  # no baseline to compare with


@dataclass(frozen=True)
class Signal:
    """Special cause points of one type since the start, each at most two
    points after the one before. ``sustained`` when a shift or trend flagged
    one of them or there are two or more (2 of 3); a lone point outside the
    limits is not."""

    point_type: PointType
    first: dt.date
    last: dt.date
    points: int
    rules: tuple[Rule, ...]  # every rule that flagged one of them, in precedence order
    sustained: bool
    after: int  # points since the start that come after it
    current: bool = False  # the latest sustained signal, not yet lapsed


@dataclass(frozen=True)
class Reading:
    """What an indicator's points since the start show."""

    series: Series
    points: int  # since the start
    baseline: int  # values before the start
    judgeable: bool
    first: dt.date | None  # the first and last periods since the start
    last: dt.date | None
    mean: float | None  # the lines the points since the start were judged against
    lpl: float | None
    upl: float | None
    signals: tuple[Signal, ...]  # since the start, oldest first
    direction: Direction
    change: Change
    before_start: PointType | None  # a sustained signal running up to the start
    assurance: Assurance | None  # against the current target, from the chart
    original_assurance: Assurance | None  # against the target before it changed

    @property
    def has_baseline(self) -> bool:
        return self.baseline >= MIN_BASELINE

    @property
    def credited(self) -> bool:
        """Improving, and not merely continuing what was running before the start."""
        return self.direction is Direction.IMPROVING and self.change is not Change.ALREADY_RUNNING

    @property
    def months(self) -> int:
        """How many calendar months the points since the start span."""
        if self.first is None or self.last is None:
            return 0
        return len(months_between(self.first, self.last))

    @property
    def seasonal(self) -> bool:
        return self.series.frequency in _SEASONAL

    @property
    def winters(self) -> int:
        """Whole winters (December to February) among the points since the start."""
        present = {(day.year, day.month) for day in self.series.periods if day >= self.started}
        years = {year for year, month in present if month == 12}
        return sum({(y, 12), (y + 1, 1), (y + 1, 2)} <= present for y in years)

    @property
    def started(self) -> dt.date:
        return self.series.started

    def early(self, thresholds: Thresholds) -> bool:
        """Early signs: under a year since the start, or (monthly) under 24 points."""
        return self.months < thresholds.early_months or (
            self.series.frequency is Frequency.MONTHLY and self.points < thresholds.early_points
        )


@functools.lru_cache(maxsize=_REMEMBERED)
def read(series: Series, thresholds: Thresholds) -> Reading:
    """What ``series`` shows since the partnership started, against the level before."""
    pairs = sorted(zip(series.periods, series.values, strict=True))
    before = [pair for pair in pairs if pair[0] < series.started]
    after = [pair for pair in pairs if pair[0] >= series.started]
    baseline = len(before) >= MIN_BASELINE
    judged = _judge(series, pairs if baseline else after, len(before) if baseline else None)
    since = [point for point in judged if point.period >= series.started]
    last = since[-1] if since else None
    judgeable = len(since) >= thresholds.min_points and last is not None and last.upl is not None
    signals = _signals(since, thresholds) if judgeable else ()
    current = next((signal for signal in signals if signal.current), None)
    direction = (
        _DIRECTIONS.get(current.point_type, Direction.STABLE) if current else Direction.STABLE
    )
    before_start = _running_into_start(judged[: len(before)]) if baseline else None
    if direction is Direction.STABLE:
        change = Change.NONE
    elif not baseline:
        change = Change.CANNOT_TELL
    elif current is not None and before_start is current.point_type:
        change = Change.ALREADY_RUNNING
    else:
        change = Change.NEW
    chart = series.chart()
    original = series.original_target
    return Reading(
        series=series,
        points=len(since),
        baseline=len(before),
        judgeable=judgeable,
        first=since[0].period if since else None,
        last=last.period if last else None,
        mean=last.mean if last else None,
        lpl=last.lpl if last else None,
        upl=last.upl if last else None,
        signals=signals,
        direction=direction,
        change=change,
        before_start=before_start,
        assurance=chart.assurance,
        original_assurance=(
            series.chart(original).assurance
            if original is not None and original != series.target
            else None
        ),
    )


_DIRECTIONS = {
    PointType.IMPROVEMENT: Direction.IMPROVING,
    PointType.CONCERN: Direction.DETERIORATING,
}


def _judge(
    series: Series, pairs: list[tuple[dt.date, float]], baseline: int | None
) -> tuple[SpcPoint, ...]:
    """One chart, no rebase: limits from the first ``baseline`` points, or from all."""
    if not pairs:
        return ()
    result = analyse(
        [period for period, _ in pairs],
        [value for _, value in pairs],
        improvement=series.improvement,
        baseline=baseline,
    )
    return result.points


def _signals(since: list[SpcPoint], thresholds: Thresholds) -> tuple[Signal, ...]:
    groups: list[list[int]] = []
    for i, point in enumerate(since):
        if point.point_type is PointType.COMMON_CAUSE:
            continue
        group = groups[-1] if groups else None
        if (
            group is not None
            and since[group[-1]].point_type is point.point_type
            and i - group[-1] <= _WITHIN
        ):
            group.append(i)
        else:
            groups.append([i])
    signals = [_signal(since, group) for group in groups]
    latest = next((s for s in reversed(signals) if s.sustained), None)
    return tuple(
        dataclasses.replace(s, current=True)
        if s is latest and s.after < thresholds.lapse_points
        else s
        for s in signals
    )


def _signal(since: list[SpcPoint], group: list[int]) -> Signal:
    points = [since[i] for i in group]
    rules = tuple(rule for rule in Rule if any(rule in point.rules for point in points))
    return Signal(
        point_type=points[0].point_type,
        first=points[0].period,
        last=points[-1].period,
        points=len(points),
        rules=rules,
        sustained=len(points) > 1 or any(rule in rules for rule in _SUSTAINING_RULES),
        after=len(since) - 1 - group[-1],
    )


def _running_into_start(before: tuple[SpcPoint, ...]) -> PointType | None:
    """The type of a sustained signal made of the last values before the start
    (at least a shift's length of them, a shift or trend among them), if any."""
    if not before or before[-1].point_type is PointType.COMMON_CAUSE:
        return None
    kind = before[-1].point_type
    run = 0
    for point in reversed(before):
        if point.point_type is not kind:
            break
        run += 1
    tail = before[-run:]
    sustaining = any(rule in point.rules for point in tail for rule in _SUSTAINING_RULES)
    return kind if run >= RUN_LENGTH and sustaining else None
