"""Statistical process control: XmR charts judged the way "Making Data Count" does.

The statistics are specified in docs/spc.md. Two profiles reproduce the two
reference implementations analysts already trust: ``mdc`` (NHS England's Excel
and SQL tools, the default) and ``ptd`` (the R package NHSRplotthedots).

There is one implementation of the rules, written over a 2-D array (series x
points): :func:`analyse_many` judges thousands of equal-length series at once
and :func:`analyse` is the same code on a single series with gaps removed.
"""

from __future__ import annotations

import datetime as dt
import math
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TypeVar

import numpy as np
import numpy.typing as npt

from joinedup.core.errors import InputError, Problem
from joinedup.core.numbers import plural
from joinedup.core.spc_rules import (
    BoolArray,
    FloatArray,
    IntArray,
    Lines,
    centre_and_mean_range,
    special_causes,
)

# 2.66 = 3 / d2 (d2 = 1.128 for ranges of two points), rounded as the NHS tools round it.
LIMIT_FACTOR = 2.66
# 3.267 = D4 for ranges of two points: the upper limit of a moving-range chart.
MIN_BASELINE = 12
MDC_MIN_POINTS = 15  # mdc draws limits only for a partition this long
PTD_FEW_POINTS = 12  # ptd warns below this


class Profile(StrEnum):
    MDC = "mdc"
    PTD = "ptd"


class Improvement(StrEnum):
    INCREASE = "increase"
    DECREASE = "decrease"
    NEITHER = "neither"


class Rule(StrEnum):
    """A special-cause rule. The order is the precedence that decides a point's side."""

    OUTSIDE_LIMITS = "outside_limits"
    TREND = "trend"
    TWO_IN_THREE = "two_in_three"
    SHIFT = "shift"


class PointType(StrEnum):
    COMMON_CAUSE = "common_cause"
    IMPROVEMENT = "special_cause_improvement"
    CONCERN = "special_cause_concern"
    NEITHER_HIGH = "special_cause_neither_high"
    NEITHER_LOW = "special_cause_neither_low"


class Variation(StrEnum):
    COMMON_CAUSE = "common_cause"
    IMPROVEMENT_HIGH = "improvement_high"
    IMPROVEMENT_LOW = "improvement_low"
    CONCERN_HIGH = "concern_high"
    CONCERN_LOW = "concern_low"
    NEITHER_HIGH = "neither_high"
    NEITHER_LOW = "neither_low"


class Assurance(StrEnum):
    PASS = "pass"
    FAIL = "fail"
    HIT_OR_MISS = "hit_or_miss"


RULES = tuple(Rule)
POINT_TYPES = tuple(PointType)
ASSURANCES = tuple(Assurance)
_NO_ASSURANCE = -1  # code for "no assurance icon" beside the indexes into ASSURANCES
_Choice = TypeVar("_Choice", Improvement, Profile)


@dataclass(frozen=True)
class SpcPoint:
    """One point of a chart. Lines are None where a partition has no limits."""

    period: dt.date
    value: float
    partition: int  # 0, then one more at each rebase that starts a new stretch
    mean: float | None
    lpl: float | None
    upl: float | None
    lower_near: float | None  # mean - 2 sigma
    upper_near: float | None  # mean + 2 sigma
    point_type: PointType
    rules: tuple[Rule, ...]  # in precedence order; the first decides the side


@dataclass(frozen=True)
class SpcResult:
    profile: Profile
    improvement: Improvement
    target: float | None
    points: tuple[SpcPoint, ...]
    variation: Variation | None  # None when the last point has no limits
    assurance: Assurance | None
    warnings: tuple[str, ...]


@dataclass(frozen=True, eq=False)
class SpcBatch:
    """Many series judged at once; arrays are (series, points) unless noted.

    Lines are NaN where a partition has no limits. ``point_type`` holds indexes
    into :data:`POINT_TYPES`; ``rules`` is (rule, series, points) in
    :data:`RULES` order.
    """

    profile: Profile
    improvement: Improvement
    periods: tuple[dt.date, ...]
    partition: IntArray  # (points,)
    values: FloatArray
    mean: FloatArray
    lpl: FloatArray
    upl: FloatArray
    lower_near: FloatArray
    upper_near: FloatArray
    rules: BoolArray
    point_type: IntArray
    target: FloatArray  # (series,), NaN for none
    variation: tuple[Variation | None, ...]
    assurance: tuple[Assurance | None, ...]
    warnings: tuple[str, ...]  # the same for every series: they share their periods

    def __len__(self) -> int:
        return int(self.values.shape[0])

    def result(self, series: int) -> SpcResult:
        """One series of the batch as a :class:`SpcResult`."""
        columns = zip(
            self.periods,
            self.values[series].tolist(),
            self.partition.tolist(),
            _optional(self.mean[series]),
            _optional(self.lpl[series]),
            _optional(self.upl[series]),
            _optional(self.lower_near[series]),
            _optional(self.upper_near[series]),
            self.point_type[series].tolist(),
            self.rules[:, series, :].T.tolist(),
            strict=True,
        )
        points = tuple(
            SpcPoint(
                period=period,
                value=value,
                partition=partition,
                mean=mean,
                lpl=lpl,
                upl=upl,
                lower_near=lower_near,
                upper_near=upper_near,
                point_type=POINT_TYPES[kind],
                rules=tuple(rule for rule, hit in zip(RULES, hits, strict=True) if hit),
            )
            for period, value, partition, mean, lpl, upl, lower_near, upper_near, kind, hits in (
                columns
            )
        )
        target = float(self.target[series])
        return SpcResult(
            profile=self.profile,
            improvement=self.improvement,
            target=None if math.isnan(target) else target,
            points=points,
            variation=self.variation[series],
            assurance=self.assurance[series],
            warnings=self.warnings,
        )


def analyse(
    periods: Sequence[dt.date],
    values: Sequence[float | None],
    *,
    improvement: Improvement | str = Improvement.INCREASE,
    target: float | None = None,
    rebase: Iterable[dt.date] = (),
    baseline: int | None = None,
    profile: Profile | str = Profile.MDC,
    screen: bool | None = None,
) -> SpcResult:
    """Judge one series. A value of None or NaN is missing: it is not a point.

    ``rebase`` dates start a new partition at the first point on or after
    each; ``baseline`` fixes the limits on the first N points of each
    partition; ``screen`` overrides the profile's moving-range screening.
    Raises :class:`InputError` for a repeated period, a non-finite value or a
    baseline under 12 points.
    """
    if len(periods) != len(values):
        raise ValueError("periods and values differ in length")
    present = [
        (period, float(value))
        for period, value in zip(periods, values, strict=True)
        if value is not None and not math.isnan(value)
    ]
    batch = analyse_many(
        [period for period, _ in present],
        [[value for _, value in present]],
        improvement=improvement,
        target=target,
        rebase=rebase,
        baseline=baseline,
        profile=profile,
        screen=screen,
    )
    return batch.result(0)


def analyse_many(
    periods: Sequence[dt.date],
    values: npt.ArrayLike,
    *,
    improvement: Improvement | str = Improvement.INCREASE,
    target: npt.ArrayLike | None = None,
    rebase: Iterable[dt.date] = (),
    baseline: int | None = None,
    profile: Profile | str = Profile.MDC,
    screen: bool | None = None,
) -> SpcBatch:
    """Judge many complete series that share ``periods`` (values: series x points).

    ``target`` is one number for all series or one per series (NaN or None
    for none). Other arguments are as for :func:`analyse`.
    """
    improvement = _choice(Improvement, improvement, "improvement")
    profile = _choice(Profile, profile, "profile")
    if baseline is not None and baseline < MIN_BASELINE:
        raise InputError(
            Problem(
                f"a fixed baseline needs at least {MIN_BASELINE} points, not {baseline}",
                field="baseline",
            )
        )
    if screen is None:
        screen = profile is Profile.PTD

    x = np.asarray(values, dtype=np.float64)
    if x.ndim != 2 or x.shape[1] != len(periods):
        raise ValueError("values must be a 2-D array with one column per period")
    order = sorted(range(len(periods)), key=periods.__getitem__)
    ordered = tuple(periods[i] for i in order)
    x = x[:, order]
    _check_periods(ordered, x)
    targets = np.broadcast_to(
        np.asarray(np.nan if target is None else target, dtype=np.float64), (x.shape[0],)
    )

    bounds = _partitions(ordered, rebase)
    lengths = np.array([stop - start for start, stop in bounds], dtype=np.intp)
    partition = np.repeat(np.arange(len(bounds)), lengths)
    charted = (
        lengths >= MDC_MIN_POINTS if profile is Profile.MDC else np.ones(len(bounds), np.bool_)
    )

    centre, mr_bar = centre_and_mean_range(x, bounds, baseline, screen, charted)
    mean = centre[:, partition]
    spread = LIMIT_FACTOR * mr_bar[:, partition]
    sigma = spread / 3
    lines = Lines(
        mean=mean,
        lpl=mean - spread,
        upl=mean + spread,
        lower_near=mean - 2 * sigma,
        upper_near=mean + 2 * sigma,
    )
    rules, high = special_causes(
        x, lines, partition, charted[partition], trend_across=profile is Profile.MDC
    )
    point_type = _point_types(np.logical_or.reduce(rules), high, improvement)

    # Icons describe the latest point, so they need limits in the last partition.
    last_charted = bool(len(bounds)) and bool(charted[-1])

    return SpcBatch(
        profile=profile,
        improvement=improvement,
        periods=ordered,
        partition=partition,
        values=x,
        mean=lines.mean,
        lpl=lines.lpl,
        upl=lines.upl,
        lower_near=lines.lower_near,
        upper_near=lines.upper_near,
        rules=rules,
        point_type=point_type,
        target=targets,
        variation=_variations(point_type, improvement, last_charted),
        assurance=_assurance(lines, targets, improvement, profile, last_charted),
        warnings=_warnings(ordered, bounds, profile, improvement, targets),
    )


def _choice(kind: type[_Choice], value: _Choice | str, field: str) -> _Choice:
    try:
        return kind(value)
    except ValueError:
        expected = ", ".join(member.value for member in kind)
        raise InputError(
            Problem(f"expected one of {expected}, not {value!r}", field=field)
        ) from None


def _check_periods(periods: tuple[dt.date, ...], x: FloatArray) -> None:
    problems = [
        Problem(f"period {period.isoformat()} appears more than once", field="period")
        for period, following in zip(periods, periods[1:], strict=False)
        if period == following
    ]
    bad_columns = np.flatnonzero(~np.isfinite(x).all(axis=0)).tolist()
    problems += [
        Problem(f"period {periods[i].isoformat()}: value must be a finite number", field="value")
        for i in bad_columns
    ]
    if problems:
        raise InputError(problems)


def _partitions(periods: tuple[dt.date, ...], rebase: Iterable[dt.date]) -> list[tuple[int, int]]:
    """(start, stop) of each partition: a rebase starts one at the first point on or after it."""
    if not periods:
        return []
    firsts = {bisect_left(periods, date) for date in rebase}
    starts = sorted({0} | {i for i in firsts if i < len(periods)})
    return list(zip(starts, [*starts[1:], len(periods)], strict=True))


_HIGH_LOW = {
    Improvement.INCREASE: (PointType.IMPROVEMENT, PointType.CONCERN),
    Improvement.DECREASE: (PointType.CONCERN, PointType.IMPROVEMENT),
    Improvement.NEITHER: (PointType.NEITHER_HIGH, PointType.NEITHER_LOW),
}


def _point_types(flagged: BoolArray, high: BoolArray, improvement: Improvement) -> IntArray:
    when_high, when_low = (POINT_TYPES.index(kind) for kind in _HIGH_LOW[improvement])
    kinds = np.where(flagged, np.where(high, when_high, when_low), 0)
    return kinds.astype(np.intp)


_VARIATIONS = {
    (PointType.IMPROVEMENT, Improvement.INCREASE): Variation.IMPROVEMENT_HIGH,
    (PointType.IMPROVEMENT, Improvement.DECREASE): Variation.IMPROVEMENT_LOW,
    (PointType.CONCERN, Improvement.INCREASE): Variation.CONCERN_LOW,
    (PointType.CONCERN, Improvement.DECREASE): Variation.CONCERN_HIGH,
}


def _variations(
    point_type: IntArray, improvement: Improvement, last_charted: bool
) -> tuple[Variation | None, ...]:
    """The variation icon of each series, from the type of its last point."""
    if not last_charted:
        return (None,) * len(point_type)
    icons = [_variation(kind, improvement) for kind in POINT_TYPES]
    return tuple(icons[kind] for kind in point_type[:, -1].tolist())


def _variation(kind: PointType, improvement: Improvement) -> Variation:
    if kind is PointType.NEITHER_HIGH:
        return Variation.NEITHER_HIGH
    if kind is PointType.NEITHER_LOW:
        return Variation.NEITHER_LOW
    return _VARIATIONS.get((kind, improvement), Variation.COMMON_CAUSE)


def _assurance(
    lines: Lines,
    targets: FloatArray,
    improvement: Improvement,
    profile: Profile,
    last_charted: bool,
) -> tuple[Assurance | None, ...]:
    """Assurance of each series from the limits of its last partition."""
    if improvement is Improvement.NEITHER or not last_charted:
        return (None,) * len(targets)
    lpl, upl = lines.lpl[:, -1], lines.upl[:, -1]
    # mdc counts a target exactly on a limit as beyond it; ptd calls it hit or miss.
    if profile is Profile.MDC:
        under, over = targets <= lpl, targets >= upl
    else:
        under, over = targets < lpl, targets > upl
    meets, misses = (under, over) if improvement is Improvement.INCREASE else (over, under)
    known = ~np.isnan(targets) & ~np.isnan(lpl)
    codes = np.select(
        [~known, meets, misses],
        [_NO_ASSURANCE, ASSURANCES.index(Assurance.PASS), ASSURANCES.index(Assurance.FAIL)],
        ASSURANCES.index(Assurance.HIT_OR_MISS),
    )
    return tuple(None if code == _NO_ASSURANCE else ASSURANCES[code] for code in codes.tolist())


def _warnings(
    periods: tuple[dt.date, ...],
    bounds: list[tuple[int, int]],
    profile: Profile,
    improvement: Improvement,
    targets: FloatArray,
) -> tuple[str, ...]:
    if not periods:
        return ("There are no values to judge.",)
    warnings = []
    for start, stop in bounds:
        count = stop - start
        since = f"{periods[start].day} {periods[start]:%B %Y}"
        if profile is Profile.MDC and count < MDC_MIN_POINTS:
            warnings.append(
                f"Only {plural(count, 'point')} from {since}: limits need at least "
                f"{MDC_MIN_POINTS}, so this stretch is a run chart only (no limits, flags or "
                "icons)."
            )
        elif profile is Profile.PTD and count < PTD_FEW_POINTS:
            warnings.append(
                f"Only {plural(count, 'point')} from {since}: limits from fewer than "
                f"{PTD_FEW_POINTS} points are not reliable."
            )
    if improvement is Improvement.NEITHER and not np.isnan(targets).all():
        warnings.append("A target gives no assurance when the improvement direction is neither.")
    return tuple(warnings)


def _optional(line: FloatArray) -> list[float | None]:
    return [None if math.isnan(value) else value for value in line.tolist()]
