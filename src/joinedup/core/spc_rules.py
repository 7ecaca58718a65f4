"""The arithmetic of an XmR chart over a 2-D array (series x points): each
partition's centre line and mean moving range, and which points each rule
flags. The rules are specified in docs/spc.md; :mod:`joinedup.core.spc` calls
these and turns their arrays into results.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]
IntArray = npt.NDArray[np.intp]

SCREEN_FACTOR = 3.267
RUN_LENGTH = 7  # points in a shift or a trend


@dataclass(frozen=True)
class Lines:
    mean: FloatArray
    lpl: FloatArray
    upl: FloatArray
    lower_near: FloatArray
    upper_near: FloatArray


def centre_and_mean_range(
    x: FloatArray,
    bounds: list[tuple[int, int]],
    baseline: int | None,
    screen: bool,
    charted: BoolArray,
) -> tuple[FloatArray, FloatArray]:
    """Mean and mean moving range of each partition's baseline: (series, partitions).

    Both are NaN for a partition without limits; the mean range is NaN for a
    lone point, which has no moving range.
    """
    centre = np.full((x.shape[0], len(bounds)), np.nan)
    mr_bar = np.full_like(centre, np.nan)
    for p, (start, stop) in enumerate(bounds):
        if not charted[p]:
            continue
        base = x[:, start : stop if baseline is None else min(stop, start + baseline)]
        centre[:, p] = row_sums(base) / base.shape[1]
        ranges = np.abs(np.diff(base, axis=1))
        if ranges.shape[1] == 0:
            continue
        bar = row_sums(ranges) / ranges.shape[1]
        if screen:
            kept = ranges < SCREEN_FACTOR * bar[:, None]
            count = kept.sum(axis=1)
            # A flat baseline keeps no range (each equals the zero mean); its mean range stays 0.
            bar = np.where(
                count > 0, row_sums(np.where(kept, ranges, 0.0)) / np.maximum(count, 1), bar
            )
        mr_bar[:, p] = bar
    return centre, mr_bar


def row_sums(a: FloatArray) -> FloatArray:
    """Sum each row left to right.

    np.sum's pairwise order depends on the array's shape, which would give a
    series different last bits alone and in a batch; a running sum does not.
    """
    sums: FloatArray = np.cumsum(a, axis=1)[:, -1]
    return sums


def special_causes(
    x: FloatArray,
    lines: Lines,
    partition: IntArray,
    charted: BoolArray,
    *,
    trend_across: bool,
) -> tuple[BoolArray, BoolArray]:
    """Which points each rule flags (rule, series, points), and whether each is high.

    Comparisons with a NaN line are false, so points without limits get no
    flag from the rules that use the mean or limits.
    """
    n = x.shape[1]
    above = x > lines.mean
    below = x < lines.mean

    outside = (x > lines.upl) | (x < lines.lpl)

    # Shifts and two-in-three windows may not straddle a rebase: each partition has its own mean.
    shift = np.zeros_like(above)
    for side in (above, below):
        runs = window_counts(side, RUN_LENGTH) == RUN_LENGTH
        shift |= spread(runs & one_partition(partition, RUN_LENGTH), RUN_LENGTH, n)

    two_in_three = np.zeros_like(above)
    close_high = (x > lines.upper_near) & (x <= lines.upl)
    close_low = (x < lines.lower_near) & (x >= lines.lpl)
    for side, close in ((above, close_high), (below, close_low)):
        windows = (
            (window_counts(side, 3) == 3)
            & (window_counts(close, 3) >= 2)
            & one_partition(partition, 3)
        )
        two_in_three |= close & spread(windows, 3, n)

    # A trend of 7 points is 6 steps the same way; mdc lets it run across a rebase.
    rises = x[:, 1:] > x[:, :-1]
    falls = x[:, 1:] < x[:, :-1]
    if not trend_across:
        within = partition[1:] == partition[:-1]
        rises &= within
        falls &= within
    steps = RUN_LENGTH - 1
    rising = spread(window_counts(rises, steps) == steps, RUN_LENGTH, n)
    falling = spread(window_counts(falls, steps) == steps, RUN_LENGTH, n)
    trend = (rising | falling) & charted
    # A peak or trough belongs to both trends and takes the later one: the way it goes next.
    rises_next = np.zeros_like(above)
    rises_next[:, :-1] = rises
    trend_high = rising & (~falling | rises_next)

    rules = np.stack([outside, trend, two_in_three, shift])  # RULES order
    high = np.where(trend & ~outside, trend_high, above)
    return rules, high


def window_counts(flags: BoolArray, width: int) -> npt.NDArray[np.int8]:
    """How many flags are set in each window of ``width`` consecutive points."""
    windows = max(flags.shape[1] - width + 1, 0)
    counts = np.zeros((flags.shape[0], windows), np.int8)
    for offset in range(width):
        counts += flags[:, offset : offset + windows]
    return counts


def one_partition(partition: IntArray, width: int) -> BoolArray:
    """Whether each window of ``width`` points lies inside one partition."""
    windows = max(len(partition) - width + 1, 0)
    inside: BoolArray = partition[:windows] == partition[width - 1 : width - 1 + windows]
    return inside


def spread(windows: BoolArray, width: int, points: int) -> BoolArray:
    """Flag every point covered by a selected window of ``width`` points."""
    flags = np.zeros((windows.shape[0], points), np.bool_)
    count = windows.shape[1]
    for offset in range(width):
        flags[:, offset : offset + count] |= windows
    return flags
