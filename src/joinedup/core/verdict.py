"""The verdict: is the partnership delivering, holding, a talking shop, drifting,
or not yet judgeable? A pure function of its facts.

The rules are tried in order and the first that holds decides (docs/verdict.md
has them as a table for a board). Every fact found is listed with the verdict,
marked as supporting it, weighing against it, or context, so nobody has to
take the verdict on trust.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from joinedup.core.assessment import Flag
from joinedup.core.effort import EffortTotals, months_between
from joinedup.core.errors import InputError, Problem
from joinedup.core.spc import MDC_MIN_POINTS, Assurance, PointType, SpcResult, Variation


class VerdictKind(StrEnum):
    NOT_YET_JUDGEABLE = "not_yet_judgeable"
    DELIVERING = "delivering"
    HOLDING = "holding"
    TALKING_SHOP = "talking_shop"
    DRIFTING = "drifting"

    @property
    def label(self) -> str:
        return _VERDICT_WORDS[self][0]

    @property
    def meaning(self) -> str:
        return _VERDICT_WORDS[self][1]


_VERDICT_WORDS = {
    VerdictKind.NOT_YET_JUDGEABLE: (
        "Not yet judgeable",
        "There is not yet enough data on results to judge the partnership.",
    ),
    VerdictKind.DELIVERING: (
        "Delivering",
        "Results have improved since the partnership started, and none is getting worse.",
    ),
    VerdictKind.HOLDING: (
        "Holding",
        "Results are stable: a useful partnership that needs little upkeep.",
    ),
    VerdictKind.TALKING_SHOP: (
        "Talking shop",
        "The partners put real effort in, but no result has moved.",
    ),
    VerdictKind.DRIFTING: (
        "Drifting",
        "Results are getting worse, or nobody is clearly accountable for them.",
    ),
}


class Stance(StrEnum):
    INVEST = "invest_to_deepen"
    LOW_MAINTENANCE = "keep_low_maintenance"
    RENEGOTIATE = "renegotiate"
    END = "end_it"

    @property
    def label(self) -> str:
        return _STANCE_LABELS[self]


_STANCE_LABELS = {
    Stance.INVEST: "Invest to deepen it",
    Stance.LOW_MAINTENANCE: "Keep it low-maintenance",
    Stance.RENEGOTIATE: "Renegotiate it",
    Stance.END: "End it",
}


class Weight(StrEnum):
    """How a fact bears on the verdict given."""

    SUPPORTS = "supports"
    AGAINST = "against"
    CONTEXT = "context"


# Indicator kinds, after Results-Based Accountability: only how_well and
# better_off measure results; how_much counts activity and is never judged.
RESULT_KINDS = ("how_well", "better_off")
_KIND_WORDS = {"how_much": "how much", "how_well": "how well", "better_off": "better off"}
# Integrity flags that mean nobody is clearly accountable for an outcome.
ACCOUNTABILITY_FLAGS = ("no_owner", "owner_without_authority", "owner_left")

_D, _H, _T, _S, _N = (
    VerdictKind.DRIFTING,
    VerdictKind.HOLDING,
    VerdictKind.TALKING_SHOP,
    VerdictKind.DELIVERING,
    VerdictKind.NOT_YET_JUDGEABLE,
)
# Which verdicts each kind of fact supports and which it weighs against; any
# other pairing is context. docs/verdict.md repeats this table.
_BEARING: dict[str, tuple[frozenset[VerdictKind], frozenset[VerdictKind]]] = {
    **{flag: (frozenset({_D}), frozenset({_S, _H})) for flag in ACCOUNTABILITY_FLAGS},
    "no_result_indicators": (frozenset({_N}), frozenset()),
    "activity_only": (frozenset({_N}), frozenset()),
    "too_few_points": (frozenset({_N}), frozenset()),
    "special_cause_concern": (frozenset({_D}), frozenset({_S, _H})),
    "special_cause_improvement": (frozenset({_S}), frozenset({_D, _T, _H})),
    "common_cause": (frozenset({_H, _T}), frozenset({_S})),
    "target_met": (frozenset({_H, _S}), frozenset({_D, _T})),
    "target_missed": (frozenset({_D, _T}), frozenset({_H, _S})),
    "substantial_effort": (frozenset({_T}), frozenset()),
    "modest_effort": (frozenset({_H}), frozenset({_T})),
    "flat_too_briefly": (frozenset({_H}), frozenset({_T})),
    "flat_with_effort": (frozenset({_T}), frozenset()),
    "comfortable_consensus": (frozenset({_T, _D}), frozenset({_S})),
    "dominant_partner": (frozenset({_T, _D}), frozenset()),
    "moved_goalpost": (frozenset(), frozenset({_S, _H})),
}


@dataclass(frozen=True)
class Thresholds:
    """The numbers the rules use; each can be changed (see docs/verdict.md)."""

    # Points since the partnership started before a result can be judged
    # (Making Data Count draws limits from 15).
    min_points: int = MDC_MIN_POINTS
    # A special cause concern in this many latest points means results are worsening.
    recent_points: int = 3
    # Average person-hours a month that count as real effort: about a week of
    # one person's time every month.
    substantial_hours: float = 40.0
    # Months of flat results, with real effort, that make a talking shop.
    flat_months: int = 12
    # A talking shop flat this long and costing this much a month: suggest ending it.
    end_months: int = 24
    end_cost: float = 5000.0

    def as_dict(self) -> dict[str, float]:
        return dataclasses.asdict(self)

    @classmethod
    def parse(cls, settings: Iterable[str]) -> Thresholds:
        """Thresholds from ``name=value`` texts; the rest keep their defaults."""
        types = {field.name: field.type for field in dataclasses.fields(cls)}
        values: dict[str, Any] = {}
        problems = []
        for setting in settings:
            name, _, text = setting.partition("=")
            name = name.strip()
            if name not in types:
                problems.append(
                    Problem(f"unknown threshold; expected one of {', '.join(types)}", field=name)
                )
                continue
            kind = int if types[name] == "int" else float
            try:
                value = kind(text)
            except ValueError:
                problems.append(Problem(f"expected a number, not {text!r}", field=name))
                continue
            if not value > 0:
                problems.append(Problem(f"must be more than 0, not {text}", field=name))
            values[name] = value
        if problems:
            raise InputError(problems)
        return cls(**values)


@dataclass(frozen=True)
class IndicatorEvidence:
    """What an indicator's SPC chart shows since the partnership started."""

    name: str
    outcome: str
    kind: str  # how_much, how_well or better_off
    point_types: tuple[PointType, ...]  # the points since the start, oldest first
    first_period: dt.date | None
    last_period: dt.date | None
    variation: Variation | None  # of the latest point; None when it has no limits
    assurance: Assurance | None

    @property
    def measures_results(self) -> bool:
        return self.kind in RESULT_KINDS

    @property
    def months(self) -> int:
        """How many months the points since the start span."""
        if self.first_period is None or self.last_period is None:
            return 0
        return len(months_between(self.first_period, self.last_period))


def indicator_evidence(
    name: str, outcome: str, kind: str, result: SpcResult, since: dt.date
) -> IndicatorEvidence:
    """The evidence in ``result``, a chart rebased at ``since`` (the partnership's start)."""
    points = [point for point in result.points if point.period >= since]
    return IndicatorEvidence(
        name=name,
        outcome=outcome,
        kind=kind,
        point_types=tuple(point.point_type for point in points),
        first_period=points[0].period if points else None,
        last_period=points[-1].period if points else None,
        variation=result.variation,
        assurance=result.assurance,
    )


@dataclass(frozen=True)
class IntegrityEvidence:
    """A problem with the outcomes or their data (an outcome without an owner...)."""

    kind: str
    subject: str  # the outcome or indicator it is about, by name
    detail: str

    @property
    def text(self) -> str:
        return f"{self.subject}: {self.detail}"


# Integrity flags that already say an indicator cannot be judged yet.
_UNJUDGEABLE_FLAGS = ("no_data", "too_few_points")


@dataclass(frozen=True)
class AssessmentEvidence:
    """The latest closed assessment round's flags."""

    round_name: str
    flags: tuple[Flag, ...]


@dataclass(frozen=True)
class Evidence:
    indicators: tuple[IndicatorEvidence, ...] = ()
    effort: EffortTotals | None = None
    assessment: AssessmentEvidence | None = None
    integrity: tuple[IntegrityEvidence, ...] = ()


@dataclass(frozen=True)
class Fact:
    kind: str
    text: str
    weight: Weight


@dataclass(frozen=True)
class Verdict:
    kind: VerdictKind
    stance: Stance | None
    facts: tuple[Fact, ...]  # what supports it first, then what weighs against, then context
    thresholds: Thresholds

    def by_weight(self) -> list[tuple[Weight, tuple[Fact, ...]]]:
        """The facts grouped: what supports the verdict, what weighs against, context."""
        groups = [(w, tuple(f for f in self.facts if f.weight is w)) for w in Weight]
        return [(weight, facts) for weight, facts in groups if facts]

    def as_dict(self) -> dict[str, Any]:
        return {
            "verdict": self.kind.value,
            "stance": None if self.stance is None else self.stance.value,
            "facts": [
                {"kind": fact.kind, "text": fact.text, "weight": fact.weight.value}
                for fact in self.facts
            ],
            "thresholds": self.thresholds.as_dict(),
        }


def judge(evidence: Evidence, thresholds: Thresholds | None = None) -> Verdict:
    """The verdict on the partnership, with every fact behind it."""
    thresholds = thresholds or Thresholds()
    kind, stance = _decide(evidence, thresholds)
    found = _facts(evidence, thresholds, kind)
    ordered = sorted(found, key=lambda fact: list(Weight).index(fact.weight))
    return Verdict(kind, stance, tuple(ordered), thresholds)


def judgeable(indicator: IndicatorEvidence, thresholds: Thresholds) -> bool:
    """A result indicator with enough points since the start, and limits on the latest."""
    return (
        indicator.measures_results
        and indicator.variation is not None
        and len(indicator.point_types) >= thresholds.min_points
    )


def _worsening(indicator: IndicatorEvidence, thresholds: Thresholds) -> bool:
    return PointType.CONCERN in indicator.point_types[-thresholds.recent_points :]


def _improved(indicator: IndicatorEvidence) -> bool:
    return PointType.IMPROVEMENT in indicator.point_types


def _decide(evidence: Evidence, thresholds: Thresholds) -> tuple[VerdictKind, Stance | None]:
    """The rules, in order: the first that holds decides."""
    judged = [i for i in evidence.indicators if judgeable(i, thresholds)]
    if any(flag.kind in ACCOUNTABILITY_FLAGS for flag in evidence.integrity):
        return VerdictKind.DRIFTING, Stance.RENEGOTIATE
    if not judged:
        return VerdictKind.NOT_YET_JUDGEABLE, None
    if any(_worsening(i, thresholds) for i in judged):
        return VerdictKind.DRIFTING, Stance.RENEGOTIATE
    if any(_improved(i) for i in judged):
        return VerdictKind.DELIVERING, Stance.INVEST
    flat = max(i.months for i in judged)
    effort = evidence.effort
    if (
        effort is not None
        and effort.hours_per_month >= thresholds.substantial_hours
        and flat >= thresholds.flat_months
    ):
        costly = flat >= thresholds.end_months and effort.cost_per_month >= thresholds.end_cost
        return VerdictKind.TALKING_SHOP, Stance.END if costly else Stance.RENEGOTIATE
    return VerdictKind.HOLDING, Stance.LOW_MAINTENANCE


def results_back_assessment(
    indicators: Sequence[IndicatorEvidence], thresholds: Thresholds | None = None
) -> bool | None:
    """Whether the results back a high, agreed assessment of trust (for the
    assessment's comfortable consensus flag): None while no result can be
    judged; False when one is worsening; True when one has improved, or when
    every judged target is met consistently."""
    thresholds = thresholds or Thresholds()
    judged = [i for i in indicators if judgeable(i, thresholds)]
    if not judged:
        return None
    if any(_worsening(i, thresholds) for i in judged):
        return False
    if any(_improved(i) for i in judged):
        return True
    assured = [i.assurance for i in judged if i.assurance is not None]
    return bool(assured) and all(a is Assurance.PASS for a in assured)


def _facts(evidence: Evidence, thresholds: Thresholds, verdict: VerdictKind) -> list[Fact]:
    found: list[tuple[str, str]] = [(flag.kind, flag.text) for flag in evidence.integrity]
    results = [i for i in evidence.indicators if i.measures_results]
    if not results and not any(flag.kind == "activity_only" for flag in evidence.integrity):
        found.append(
            (
                "no_result_indicators",
                "No indicator measures results (how well, or whether anyone is better off), "
                "so the partnership cannot be judged by what it achieves.",
            )
        )
    flagged = {f.subject for f in evidence.integrity if f.kind in _UNJUDGEABLE_FLAGS}
    for indicator in results:
        facts = _indicator_facts(indicator, thresholds)
        if indicator.name in flagged:
            # The integrity flag has said it already, in the outcomes' own words.
            facts = [fact for fact in facts if fact[0] != "too_few_points"]
        found += facts
    found += _effort_facts(evidence, thresholds, verdict)
    if evidence.assessment is not None:
        found += [
            (flag.kind, f"Assessment {evidence.assessment.round_name}: {flag.detail}")
            for flag in evidence.assessment.flags
            if flag.kind in _BEARING
        ]
    return [Fact(kind, text, _weight(kind, verdict)) for kind, text in found]


def _weight(kind: str, verdict: VerdictKind) -> Weight:
    supports, against = _BEARING.get(kind, (frozenset(), frozenset()))
    if verdict in supports:
        return Weight.SUPPORTS
    if verdict in against:
        return Weight.AGAINST
    return Weight.CONTEXT


def _indicator_facts(indicator: IndicatorEvidence, thresholds: Thresholds) -> list[tuple[str, str]]:
    name = (
        f"{indicator.name} ({_KIND_WORDS.get(indicator.kind, indicator.kind)}, "
        f"for “{indicator.outcome}”)"
    )
    count = len(indicator.point_types)
    if not judgeable(indicator, thresholds):
        if count < thresholds.min_points:
            why = (
                f"only {count} point(s) since the partnership started; "
                f"judging it needs at least {thresholds.min_points}"
            )
        else:
            why = "its latest stretch of data is too short to have process limits yet"
        return [("too_few_points", f"{name}: {why}.")]
    span = _span(indicator)
    facts = []
    if _worsening(indicator, thresholds):
        facts.append(
            (
                "special_cause_concern",
                f"{name}: special cause concern in its latest {thresholds.recent_points} "
                "points: results are getting worse.",
            )
        )
    if _improved(indicator):
        improved = indicator.point_types.count(PointType.IMPROVEMENT)
        facts.append(
            (
                "special_cause_improvement",
                f"{name}: special cause improvement since the partnership started, "
                f"in {improved} of {count} points {span}.",
            )
        )
    if not facts:
        facts.append(
            (
                "common_cause",
                f"{name}: only common cause variation in {count} points {span}: "
                "no sign that results have changed.",
            )
        )
    target = _TARGET_FACTS.get(indicator.assurance) if indicator.assurance else None
    if target is not None:
        facts.append((target[0], f"{name}: {target[1]}"))
    return facts


_TARGET_FACTS = {
    Assurance.PASS: ("target_met", "the target is met consistently."),
    Assurance.FAIL: (
        "target_missed",
        "the target will not be met unless the way of working changes.",
    ),
    Assurance.HIT_OR_MISS: (
        "target_hit_or_miss",
        "the target is met in some periods and missed in others.",
    ),
}


def _span(indicator: IndicatorEvidence) -> str:
    assert indicator.first_period is not None and indicator.last_period is not None
    return f"from {_month(indicator.first_period)} to {_month(indicator.last_period)}"


def _month(day: dt.date) -> str:
    return f"{day:%B %Y}"


def _effort_facts(
    evidence: Evidence, thresholds: Thresholds, verdict: VerdictKind
) -> list[tuple[str, str]]:
    effort = evidence.effort
    if effort is None:
        return [
            ("no_effort", "No effort has been recorded, so what the partnership costs is unknown.")
        ]
    substantial = effort.hours_per_month >= thresholds.substantial_hours
    facts = [
        (
            "substantial_effort" if substantial else "modest_effort",
            f"Effort: {effort.hours_per_month} person-hours and £{effort.cost_per_month:,.0f} "
            f"a month on average over {effort.months} month(s), from "
            f"{_month(effort.first_month)} to {_month(effort.last_month)} "
            f"({'at or above' if substantial else 'below'} the "
            f"{thresholds.substantial_hours:g} hours a month that count as real effort).",
        )
    ]
    judged = [i for i in evidence.indicators if judgeable(i, thresholds)]
    flat = max((i.months for i in judged), default=0)
    if substantial and verdict is VerdictKind.HOLDING:
        facts.append(
            (
                "flat_too_briefly",
                f"Results have been judged over {flat} month(s), fewer than the "
                f"{thresholds.flat_months} of flat results that would make this a talking shop.",
            )
        )
    if verdict is VerdictKind.TALKING_SHOP:
        costly = flat >= thresholds.end_months and effort.cost_per_month >= thresholds.end_cost
        facts.append(
            (
                "flat_with_effort",
                f"No result has moved in {flat} months of data, at least the "
                f"{thresholds.flat_months} that make a talking shop"
                + (
                    f"; at {thresholds.end_months} months or more and £{thresholds.end_cost:,.0f} "
                    "or more a month it is long and costly enough to consider ending it."
                    if costly
                    else "."
                ),
            )
        )
    return facts
