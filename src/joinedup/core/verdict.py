"""The verdict on a partnership: a pure function of its facts.

Each outcome gets a verdict from its result indicators, each judged against
the level before the partnership started (:mod:`joinedup.core.baseline`).
The partnership's verdict summarises its principal outcomes (a mixed picture
is called mixed), is made conditional by any outcome without an accountable
owner, weighs effort over the same months as the results, states how sure it
is, and comes with a suggested stance. Every fact found is listed, weighed.
The rules are a table in docs/verdict.md, for a board to check any verdict
against; ADR 0501 says why they are what they are.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from joinedup.core.actions import all_overdue
from joinedup.core.baseline import Direction, Reading, read
from joinedup.core.effort_bands import Band, EffortReading, read_effort
from joinedup.core.outcomes import Frequency
from joinedup.core.quality import Quality, assess
from joinedup.core.spc import Assurance
from joinedup.core.verdict_evidence import Evidence, OutcomeEvidence
from joinedup.core.verdict_facts import Judged, outcome_facts, partnership_facts
from joinedup.core.verdict_outcomes import (
    Condition,
    Confidence,
    OutcomeVerdict,
    add_months,
    conditions,
    confidence,
    judge_outcome,
    results_kind,
)
from joinedup.core.verdict_thresholds import Thresholds
from joinedup.core.verdict_words import Fact, Level, Stance, VerdictKind, Weight, month


@dataclass(frozen=True)
class Verdict:
    on: dt.date
    kind: VerdictKind
    stance: Stance | None
    stance_reason: str  # why that stance, or why none yet
    confidence: Confidence
    conditions: tuple[Condition, ...]  # principal outcomes first
    outcomes: tuple[OutcomeVerdict, ...]  # principal outcomes first
    effort: EffortReading
    facts: tuple[Fact, ...]  # what supports it first, then what weighs against, then context
    thresholds: Thresholds

    @property
    def headline(self) -> str:
        """The verdict in one sentence, with its conditions."""
        text = self.kind.label
        pending = [c for c in self.conditions if not c.overdue]
        if pending:
            text += ", on condition that " + "; and that ".join(c.text for c in pending)
        return text + "."

    def by_weight(self) -> list[tuple[Weight, tuple[Fact, ...]]]:
        """The facts grouped: what supports the verdict, what weighs against, context."""
        groups = [(w, tuple(f for f in self.facts if f.weight is w)) for w in Weight]
        return [(weight, facts) for weight, facts in groups if facts]

    def as_dict(self) -> dict[str, Any]:
        return {
            "on": self.on.isoformat(),
            "verdict": self.kind.value,
            "label": self.kind.label,
            "headline": self.headline,
            "stance": None if self.stance is None else self.stance.value,
            "stance_label": None if self.stance is None else self.stance.label,
            "stance_reason": self.stance_reason,
            "confidence": self.confidence.as_dict(),
            "conditions": [condition.as_dict() for condition in self.conditions],
            "outcomes": [_outcome_dict(outcome) for outcome in self.outcomes],
            "effort": _effort_dict(self.effort),
            "facts": [fact.as_dict() for fact in self.facts],
            "thresholds": self.thresholds.as_dict(),
        }


def judge(evidence: Evidence, thresholds: Thresholds | None = None) -> Verdict:
    """The verdict on the partnership ``evidence.on``, with every fact behind it."""
    thresholds = thresholds or Thresholds()
    found = conditions(evidence, thresholds)
    weak = weak_data(evidence)
    # Principal outcomes first, then as given: the order a board reads them in.
    ordered = sorted(evidence.outcomes, key=lambda outcome: not outcome.principal)
    outcomes = [
        judge_outcome(
            outcome,
            [read(s, thresholds) for s in outcome.indicators],
            found.get(outcome.key),
            thresholds,
            weak,
        )
        for outcome in ordered
    ]
    principal = [o for o in outcomes if o.principal]
    judged = [r for o in principal for r in o.judged]
    effort = read_effort(
        evidence.effort,
        *_window(principal),
        partners=evidence.partners,
        pooled_budget=evidence.pooled_budget,
        thresholds=thresholds,
    )
    flat = max((r.months for r in judged), default=0)
    lapsed = accountability_actions_lapsed(evidence)
    kind = _kind(principal, found.values(), lapsed, effort, flat, thresholds, weak)
    judged_outcomes = sum(o.kind is not VerdictKind.NOT_YET_JUDGEABLE for o in principal)
    sure = confidence(judged, kind, thresholds, (judged_outcomes, len(principal)))
    stance, why = _stance(kind, sure, judged, effort, flat, thresholds)
    if kind is VerdictKind.ACCOUNTABILITY_LAPSED and lapsed:
        why = (
            "Do what the partnership agreed on accountability: every action it set "
            "itself on owners and authority is overdue."
        )
    bundle = Judged(evidence, tuple(outcomes), effort, kind, flat, thresholds, weak)
    with_facts = tuple(
        dataclasses.replace(outcome, facts=outcome_facts(outcome, bundle)) for outcome in outcomes
    )
    return Verdict(
        on=evidence.on,
        kind=kind,
        stance=stance,
        stance_reason=why,
        confidence=sure,
        conditions=tuple(o.condition for o in outcomes if o.condition is not None),
        outcomes=with_facts,
        effort=effort,
        facts=partnership_facts(dataclasses.replace(bundle, outcomes=with_facts)),
        thresholds=thresholds,
    )


def _window(principal: Sequence[OutcomeVerdict]) -> tuple[dt.date | None, dt.date | None]:
    """The months the results cover: the judged principal results' points since
    the start, or without any, every principal result's."""
    readings = [r for o in principal for r in o.judged] or [
        r for o in principal for r in o.readings if r.series.measures_results and r.points
    ]
    firsts = [r.first for r in readings if r.first is not None]
    lasts = [r.last for r in readings if r.last is not None]
    return (min(firsts), max(lasts)) if firsts and lasts else (None, None)


def weak_data(evidence: Evidence) -> dict[int | str, Quality]:
    """The result series whose data is not complete or not recent on the day
    judged (docs/outcomes.md, "Data-quality marks"): no improvement is credited
    on them."""
    found = {}
    for outcome in evidence.outcomes:
        for series in outcome.indicators:
            if not series.measures_results:
                continue
            marks = assess(series.frequency, series.periods, series.started, evidence.on)
            if not marks.supports_delivering:
                found[series.key] = marks
    return found


def accountability_actions_lapsed(evidence: Evidence) -> bool:
    """Every action the partnership agreed on accountability (an owner flag, or
    an agenda item on authority or accountability) is overdue, and there is one."""
    return all_overdue((a for a in evidence.actions if a.on_accountability), evidence.on)


def _kind(
    principal: Sequence[OutcomeVerdict],
    found: Iterable[Condition],
    lapsed: bool,
    effort: EffortReading,
    flat: int,
    thresholds: Thresholds,
    weak: Collection[int | str],
) -> VerdictKind:
    """The partnership's verdict from its principal outcomes' (docs/verdict.md, "The rules")."""
    if lapsed or any(c.principal and c.overdue for c in found):
        return VerdictKind.ACCOUNTABILITY_LAPSED
    kinds = {o.kind for o in principal} - {VerdictKind.NOT_YET_JUDGEABLE}
    if not kinds:
        return VerdictKind.NOT_YET_JUDGEABLE
    if VerdictKind.MIXED in kinds or {VerdictKind.IMPROVING, VerdictKind.DETERIORATING} <= kinds:
        return VerdictKind.MIXED
    for kind in (VerdictKind.DETERIORATING, VerdictKind.IMPROVING):
        if kind in kinds:
            return kind
    judged = [r for o in principal for r in o.judged]
    if effort.band is Band.HEAVY and flat >= thresholds.flat_months and not _on_target(judged):
        return VerdictKind.EFFORT_WITHOUT_RESULTS
    return results_kind(judged, weak)


def _on_target(judged: Sequence[Reading]) -> bool:
    """Every judged result with a target meets it consistently, and one has a target."""
    assured = [r.assurance for r in judged if r.series.target is not None]
    return bool(assured) and all(a is Assurance.PASS for a in assured)


def _stance(
    kind: VerdictKind,
    sure: Confidence,
    judged: Sequence[Reading],
    effort: EffortReading,
    flat: int,
    thresholds: Thresholds,
) -> tuple[Stance | None, str]:
    """The suggested stance and why (docs/verdict.md, "The stance")."""
    if kind is VerdictKind.NOT_YET_JUDGEABLE:
        return None, "Keep collecting data until the results can be judged."
    if kind is VerdictKind.ACCOUNTABILITY_LAPSED:
        return Stance.RENEGOTIATE, "Agree who is accountable for each principal outcome."
    if kind in (VerdictKind.DETERIORATING, VerdictKind.MIXED):
        return Stance.RENEGOTIATE, Stance.RENEGOTIATE.description
    if sure.level is Level.EARLY_SIGNS:
        return None, _too_early(judged, thresholds)
    if kind is VerdictKind.IMPROVING:
        return Stance.INVEST, Stance.INVEST.description
    off = kind is VerdictKind.STABLE_OFF_TARGET or any(
        r.assurance is Assurance.FAIL for r in judged
    )
    if not effort.known:
        if off:
            return Stance.RENEGOTIATE, Stance.RENEGOTIATE.description
        return None, (
            "Cost unknown: record effort for the months the results cover before judging "
            "whether the partnership is worth what it costs."
        )
    # One band more effort moves the stance one step at most (docs/verdict.md).
    heavy, moderate = effort.band is Band.HEAVY, effort.band.rank >= Band.MODERATE.rank
    long = flat >= thresholds.review_months
    if _on_target(judged):
        step = 1
    elif off:
        step = 3 if long and heavy else 2
    else:
        step = 1 + heavy + (long and moderate)
    stance = list(Stance)[step]
    return stance, stance.description


def _too_early(judged: Sequence[Reading], thresholds: Thresholds) -> str:
    longest = max(judged, key=lambda r: (r.points, r.months))
    assert longest.first is not None
    needed = thresholds.early_months
    if longest.series.frequency is Frequency.MONTHLY:
        needed = max(needed, thresholds.early_points)
    again = add_months(longest.first, needed - 1)
    return f"Too early for a stance: judge again once the results reach {month(again)}."


def results_back(
    outcomes: Sequence[OutcomeEvidence], thresholds: Thresholds | None = None
) -> bool | None:
    """Whether the principal outcomes' results back a high, agreed assessment of
    trust (for the assessment's comfortable consensus flag): None while no
    result can be judged; False when one is getting worse; True when one has
    improved, or when every judged target is met consistently."""
    thresholds = thresholds or Thresholds()
    judged = [
        reading
        for outcome in outcomes
        if outcome.principal
        for series in outcome.indicators
        if series.measures_results
        for reading in [read(series, thresholds)]
        if reading.judgeable
    ]
    if not judged:
        return None
    if any(r.direction is Direction.DETERIORATING for r in judged):
        return False
    return any(r.credited for r in judged) or _on_target(judged)


def _outcome_dict(outcome: OutcomeVerdict) -> dict[str, Any]:
    return {
        "outcome": outcome.key,
        "title": outcome.title,
        "principal": outcome.principal,
        "verdict": outcome.kind.value,
        "label": outcome.kind.label,
        "confidence": outcome.confidence.as_dict(),
        "condition": None if outcome.condition is None else outcome.condition.as_dict(),
        "indicators": [_reading_dict(r) for r in outcome.readings],
        "facts": [fact.as_dict() for fact in outcome.facts],
    }


def _reading_dict(reading: Reading) -> dict[str, Any]:
    series = reading.series

    def optional(value: Any) -> Any:
        return None if value is None else getattr(value, "value", value)

    return {
        "indicator": series.key,
        "name": series.name,
        "kind": series.kind,
        "judgeable": reading.judgeable,
        "points": reading.points,
        "baseline_points": reading.baseline,
        "direction": reading.direction.value,
        "change": reading.change.value,
        "before_start": optional(reading.before_start),
        "signals": [
            {
                "type": signal.point_type.value,
                "first": signal.first.isoformat(),
                "last": signal.last.isoformat(),
                "points": signal.points,
                "rules": [rule.value for rule in signal.rules],
                "sustained": signal.sustained,
                "current": signal.current,
            }
            for signal in reading.signals
        ],
        "target": series.target,
        "assurance": optional(reading.assurance),
        "original_target": series.original_target,
        "original_assurance": optional(reading.original_assurance),
    }


def _effort_dict(effort: EffortReading) -> dict[str, Any]:
    share = effort.share
    return {
        "band": effort.band.value,
        "first": None if effort.first is None else effort.first.isoformat(),
        "last": None if effort.last is None else effort.last.isoformat(),
        "months": effort.months,
        "recorded_months": effort.recorded,
        "longest_gap": effort.longest_gap,
        "averaged_over": effort.averaged_over,
        "partners": effort.partners,
        "hours_per_month": float(effort.hours),
        "cost_per_month": float(effort.cost),
        "hours_per_partner": float(effort.hours_per_partner),
        "cost_per_partner": float(effort.cost_per_partner),
        "pooled_budget": None if effort.pooled_budget is None else float(effort.pooled_budget),
        "budget_share": None if share is None else float(share),
        "decided_by": [measure.value for measure in effort.decided_by],
    }
