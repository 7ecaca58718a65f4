"""The hard-issues agenda: the few statements a board most needs to talk about,
each with the figures behind each reason, and the rest "also raised".

Reasons are judged in the favourable direction (a negatively worded
statement that most agree with is ``low``); the figures people read are the
statement as written ("8 of 10 agree"). Only figures the disclosure rule
shows are used. Definitions: docs/scoring.md.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from joinedup.core.figures import Figures, ItemResult, mean_text, median

AGENDA_SIZE = 7  # items a board can discuss in one meeting
LOW_MEDIAN = 2.0  # median at "disagree" or below
PARTNER_GAP = 1.0  # a whole scale point between two named partners' means
MANY_DONT_KNOW = 0.25  # share of a statement's ratings that are "don't know"
# Means are ratios of integers; keep a threshold from failing by a rounding error.
_EPSILON = 1e-9


@dataclass(frozen=True)
class AgendaItem:
    statement: str
    principle: str
    reasons: tuple[str, ...]  # of "low", "split", "partner_gap", "many_dont_know"
    figures: tuple[str, ...]  # the figures behind each reason, in words, in the same order
    high_partners: tuple[str, ...]  # agree more with the statement as written
    low_partners: tuple[str, ...]


@dataclass(frozen=True)
class Agenda:
    items: tuple[AgendaItem, ...]  # the most pressing, at most the agenda's size
    also_raised: tuple[str, ...]  # the other statements with a reason, in rank order


def hard_issues(
    statements: Sequence[ItemResult], min_group: int, size: int = AGENDA_SIZE
) -> Agenda:
    """The statements with a reason to be talked about, most pressing first.

    Ranked by the number of reasons, then the lower median (favourable), then
    the wider gap between named partners, then the order of the framework.
    """
    if size < 1:
        raise ValueError("the agenda holds at least one item")
    ranked = []
    for order, item in enumerate(statements):
        entry, gap = _entry(item, min_group)
        if entry is not None:
            favourable = item.favourable
            low = median(favourable) if favourable is not None else None
            key = (-len(entry.reasons), math.inf if low is None else low, -gap, order)
            ranked.append((key, entry))
    ordered = [entry for _, entry in sorted(ranked, key=lambda pair: pair[0])]
    return Agenda(tuple(ordered[:size]), tuple(entry.statement for entry in ordered[size:]))


def _entry(item: ItemResult, min_group: int) -> tuple[AgendaItem | None, float]:
    """The item's agenda entry (None without a reason), and its widest partner gap."""
    shown = item.shown()
    high, low, gap = _gap_sides(shown)
    reasons: list[tuple[str, str]] = []
    tally, favourable = item.distribution, item.favourable
    if tally is not None and favourable is not None:
        n = sum(tally)
        agree, disagree = tally[2] + tally[3], tally[0] + tally[1]
        low_median = median(favourable)
        if low_median is not None and low_median <= LOW_MEDIAN:
            said = f"{agree} of {n} agree" if item.reverse else f"{disagree} of {n} disagree"
            reasons.append(("low", said))
        if item.split:
            reasons.append(("split", f"{agree} agree, {disagree} disagree"))
        if high:
            top = max(shown, key=lambda p: (shown[p].mean, p))
            bottom = min(shown, key=lambda p: (shown[p].mean, p))
            reasons.append(
                (
                    "partner_gap",
                    f"{top} {mean_text(shown[top].mean)} vs "
                    f"{bottom} {mean_text(shown[bottom].mean)}",
                )
            )
        rated = n + item.dont_know
        if item.dont_know and item.dont_know >= MANY_DONT_KNOW * rated:
            reasons.append(("many_dont_know", f"{item.dont_know} of {rated} said don't know"))
    elif item.dont_know >= min_group:
        # Fewer than K answered on the scale and at least K did not: "don't know" is
        # certainly more than a quarter, and saying so gives away no hidden figure.
        reasons.append(
            (
                "many_dont_know",
                f"{item.dont_know} said don't know; fewer than {min_group} answered on the scale",
            )
        )
    if not reasons:
        return None, gap
    kinds, figures = zip(*reasons, strict=True)
    return AgendaItem(item.id, item.principle, kinds, figures, high, low), gap


def _gap_sides(shown: Mapping[str, Figures]) -> tuple[tuple[str, ...], tuple[str, ...], float]:
    """The partners on the high and low side of a partner gap, and the widest gap.

    A partner is on the high side when it is a gap above the lowest partner
    but not a gap below the highest; the low side likewise. Partners in the
    middle of a wide spread are on neither side.
    """
    means = {p: figures.mean for p, figures in shown.items()}
    if len(means) < 2:
        return (), (), 0.0
    lowest, highest = min(means.values()), max(means.values())
    threshold = PARTNER_GAP - _EPSILON
    high = [p for p, m in means.items() if m - lowest >= threshold > highest - m]
    low = [p for p, m in means.items() if highest - m >= threshold > m - lowest]
    return (
        tuple(sorted(high, key=lambda p: (-means[p], p))),
        tuple(sorted(low, key=lambda p: (means[p], p))),
        highest - lowest,
    )
