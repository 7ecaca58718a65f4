"""The facts listed with a verdict, each weighed: supporting it, weighing
against it, or context. Nothing is left out because it does not fit.

Each kind of fact comes from one collector in :data:`COLLECTORS`; a new kind
of evidence (overdue actions) is one more collector. How each fact kind bears
on each verdict is one table, :data:`BEARING`, repeated in docs/verdict.md.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from joinedup.core.baseline import Change, Direction, Reading, Signal
from joinedup.core.effort_bands import Band, EffortReading, Measure
from joinedup.core.spc import Assurance, Improvement, PointType, Rule
from joinedup.core.verdict_evidence import ACCOUNTABILITY_FLAGS, Evidence
from joinedup.core.verdict_outcomes import OutcomeVerdict
from joinedup.core.verdict_thresholds import Thresholds
from joinedup.core.verdict_words import (
    Fact,
    VerdictKind,
    Weight,
    count,
    day,
    month,
    number,
    pounds,
)

_N, _I, _M, _D = (
    VerdictKind.NOT_YET_JUDGEABLE,
    VerdictKind.IMPROVING,
    VerdictKind.MIXED,
    VerdictKind.DETERIORATING,
)
_S, _O, _E, _A = (
    VerdictKind.STABLE,
    VerdictKind.STABLE_OFF_TARGET,
    VerdictKind.EFFORT_WITHOUT_RESULTS,
    VerdictKind.ACCOUNTABILITY_LAPSED,
)
_NOT_YET = frozenset({_N})
# (verdicts a kind of fact supports, verdicts it weighs against); anything else
# is context. docs/verdict.md repeats this table.
BEARING: dict[str, tuple[frozenset[VerdictKind], frozenset[VerdictKind]]] = {
    **{flag: (frozenset({_A}), frozenset({_I, _S})) for flag in ACCOUNTABILITY_FLAGS},
    **{
        kind: (_NOT_YET, frozenset())
        for kind in (
            "no_outcomes",
            "no_principal_outcome",
            "no_indicators",
            "no_result_indicators",
            "activity_only",
            "no_data",
            "too_few_points",
        )
    },
    "improvement": (frozenset({_I, _M}), frozenset({_D, _S, _O, _E})),
    "improvement_before_start": (frozenset({_S, _O, _E}), frozenset({_I})),
    "earlier_improvement": (frozenset(), frozenset({_D})),
    "concern": (frozenset({_D, _M}), frozenset({_I, _S, _O, _E})),
    "earlier_concern": (frozenset(), frozenset({_I})),
    "no_change": (frozenset({_S, _O, _E}), frozenset({_I, _D, _M})),
    "change_neither": (frozenset({_S, _O, _E}), frozenset()),
    "target_met": (frozenset({_S, _I}), frozenset({_O, _E, _D})),
    "target_missed": (frozenset({_O, _E, _D}), frozenset({_S, _I})),
    "target_eased": (frozenset(), frozenset({_I, _S})),
    "moved_goalpost": (frozenset(), frozenset({_I, _S})),
    "effort_light": (frozenset({_S}), frozenset({_E})),
    "effort_heavy": (frozenset({_E}), frozenset()),
    "flat_with_effort": (frozenset({_E}), frozenset()),
    "comfortable_consensus": (frozenset({_E, _D, _O}), frozenset({_I})),
    "dominant_partner": (frozenset({_E, _D}), frozenset()),
}


@dataclass(frozen=True)
class Found:
    """A fact before it is weighed."""

    kind: str
    text: str
    outcome: int | str | None = None


@dataclass(frozen=True)
class Judged:
    """What the collectors read: the evidence and what was made of it."""

    evidence: Evidence
    outcomes: tuple[OutcomeVerdict, ...]
    effort: EffortReading
    kind: VerdictKind  # the partnership's verdict
    flat: int  # months the principal results have gone without moving
    thresholds: Thresholds


def weigh(
    found: Iterable[Found], verdict: VerdictKind, context_only: frozenset[int | str]
) -> tuple[Fact, ...]:
    """The facts weighed against ``verdict``, supporting first, then against,
    then context; facts about outcomes in ``context_only`` are context."""
    facts = [
        Fact(
            f.kind,
            f.text,
            Weight.CONTEXT if f.outcome in context_only else _weight(f.kind, verdict),
            f.outcome,
        )
        for f in found
    ]
    return tuple(sorted(facts, key=lambda fact: list(Weight).index(fact.weight)))


def _weight(kind: str, verdict: VerdictKind) -> Weight:
    supports, against = BEARING.get(kind, (frozenset(), frozenset()))
    if verdict in supports:
        return Weight.SUPPORTS
    if verdict in against:
        return Weight.AGAINST
    return Weight.CONTEXT


def partnership_facts(judged: Judged) -> tuple[Fact, ...]:
    """Every fact, weighed against the partnership's verdict. Facts about outcomes
    that are not principal are context: they do not decide it."""
    found = [fact for collect in COLLECTORS for fact in collect(judged)]
    minor = frozenset(o.key for o in judged.outcomes if not o.principal)
    return weigh(found, judged.kind, minor)


def outcome_facts(verdict: OutcomeVerdict, judged: Judged) -> tuple[Fact, ...]:
    """The facts about one outcome, weighed against its own verdict."""
    return weigh(_outcome(verdict, judged), verdict.kind, frozenset())


def _outcomes(judged: Judged) -> Iterable[Found]:
    if not judged.outcomes:
        yield Found("no_outcomes", "No outcomes have been set yet, so there is nothing to judge.")
    elif not any(o.principal for o in judged.outcomes):
        yield Found(
            "no_principal_outcome",
            "No outcome is marked principal, so none decides the partnership's verdict: mark "
            "the outcomes the partnership exists for.",
        )
    for outcome in judged.outcomes:
        yield from _outcome(outcome, judged)
    if judged.kind is VerdictKind.EFFORT_WITHOUT_RESULTS:
        yield Found(
            "flat_with_effort",
            f"No principal result has moved in {count(judged.flat, 'month')} of data, with "
            f"heavy effort: at least the {judged.thresholds.flat_months} months that make it "
            "effort without results yet.",
        )


def _outcome(outcome: OutcomeVerdict, judged: Judged) -> Iterable[Found]:
    key, title = outcome.key, outcome.title
    condition = outcome.condition
    if condition is not None:
        yield Found(condition.kind, f"{condition.detail} Condition: {condition.text}.", key)
    if not outcome.principal:
        yield Found(
            "not_principal",
            f"“{title}” is not a principal outcome: it is reported here but does not decide "
            "the partnership's verdict.",
            key,
        )
    results = [r for r in outcome.readings if r.series.measures_results]
    if not outcome.readings:
        yield Found("no_indicators", f"“{title}” has no indicator yet.", key)
    elif not results:
        yield Found(
            "no_result_indicators",
            f"“{title}” has only indicators of activity (how much): add one of how well it is "
            "done or who is better off.",
            key,
        )
    flagged = {
        flag.indicator
        for flag in judged.evidence.integrity
        if flag.kind in ("no_data", "too_few_points")
    }
    for reading in results:
        if reading.judgeable or reading.series.key not in flagged:
            for kind, text in _reading(reading, title, judged.thresholds):
                yield Found(kind, text, key)


def _reading(reading: Reading, outcome: str, thresholds: Thresholds) -> list[tuple[str, str]]:
    series = reading.series
    name = f"{series.name} ({_KIND_WORDS.get(series.kind, series.kind)}, for “{outcome}”)"
    if not reading.judgeable:
        if reading.points < thresholds.min_points:
            why = (
                f"only {count(reading.points, 'point')} since the partnership started; judging "
                f"it needs at least {thresholds.min_points}"
            )
        else:
            why = "its points since the start have no process limits yet"
        return [("too_few_points", f"{name}: {why}.")]
    facts = [_signal_fact(reading, signal, name) for signal in reading.signals]
    if not any(s.current for s in reading.signals):
        facts.append(("no_change", _no_change(reading, name)))
    return facts + _targets(reading, name)


def _span(reading: Reading) -> str:
    assert reading.first is not None and reading.last is not None
    return (
        f"in the {count(reading.points, 'point')} since the start ({month(reading.first)} to "
        f"{month(reading.last)})"
    )


def _against(reading: Reading) -> str:
    if reading.has_baseline:
        return f", judged against the {count(reading.baseline, 'value')} before the start"
    return ""


def _no_change(reading: Reading, name: str) -> str:
    if not reading.signals:
        return (
            f"{name}: only common cause variation {_span(reading)}{_against(reading)}: no sign "
            "that results have changed."
        )
    return (
        f"{name}: no sustained change is current {_span(reading)}{_against(reading)}; each "
        "special cause since the start is listed."
    )


def _signal_fact(reading: Reading, signal: Signal, name: str) -> tuple[str, str]:
    improvement = reading.series.improvement
    when = f"{month(signal.first)} to {month(signal.last)}"
    how = ", ".join(_RULE_WORDS[rule] for rule in signal.rules)
    if not signal.sustained:
        side = "above the upper" if _high(signal.point_type, improvement) else "below the lower"
        return (
            "investigate",
            f"{name}: one point {side} process limit in {month(signal.first)} "
            f"({_TYPE_WORDS[signal.point_type]}): worth investigating, not by itself a change.",
        )
    what = (
        f"{_TYPE_WORDS[signal.point_type]} in {count(signal.points, 'point')} from {when} ({how})"
    )
    if signal.point_type not in (PointType.IMPROVEMENT, PointType.CONCERN):
        return (
            "change_neither",
            f"{name}: {what}; better is neither way for this indicator, so this is a change "
            "to understand, not an improvement or a concern.",
        )
    good = signal.point_type is PointType.IMPROVEMENT
    if not signal.current:
        since = (
            "it has since got worse"
            if good and reading.direction is Direction.DETERIORATING
            else "it has since improved"
            if not good and reading.direction is Direction.IMPROVING
            else f"the latest {count(signal.after, 'point')} show no sustained signal"
        )
        return (
            "earlier_improvement" if good else "earlier_concern",
            f"{name}: {'improved' if good else 'got worse'} earlier: {what}; {since}.",
        )
    if good and reading.change is Change.ALREADY_RUNNING:
        return (
            "improvement_before_start",
            f"{name}: still improving, as it already was before the partnership started: "
            f"{what}, continuing a sustained improvement in the last values before the start, "
            "so it is not counted as a new change.",
        )
    return ("improvement" if good else "concern", f"{name}: {_current(reading, what, good)}")


def _current(reading: Reading, what: str, good: bool) -> str:
    verb = "improved" if good else "got worse"
    text = f"{verb} while the partnership ran: {what}"
    if reading.change is Change.CANNOT_TELL:
        return (
            f"{text}. There are no values from before the start to compare with, so joinedup "
            "cannot tell whether the change is new."
        )
    text += _against(reading)
    if reading.change is Change.ALREADY_RUNNING:
        return f"{text}; it was already getting worse before the start."
    earlier = any(s.sustained and s.point_type is PointType.IMPROVEMENT for s in reading.signals)
    if not good and earlier:
        return (
            f"{text}. The change began at or after the start, and it outweighs the earlier "
            "improvement."
        )
    return f"{text}. The change began at or after the start."


def _targets(reading: Reading, name: str) -> list[tuple[str, str]]:
    series = reading.series
    facts = []
    if series.target is not None and reading.assurance is not None:
        kind, words = _ASSURANCE[reading.assurance]
        facts.append((kind, f"{name}: against its target of {number(series.target)}, {words}."))
    original = series.original_target
    if (
        original is not None
        and series.target is not None
        and original != series.target
        and series.improvement is not Improvement.NEITHER
    ):
        lower = series.target < original
        eased = lower == (series.improvement is Improvement.INCREASE)
        against = (
            _ASSURANCE[reading.original_assurance][1]
            if reading.original_assurance is not None
            else "there are no limits yet to judge it against"
        )
        changed = f" on {day(series.target_changed_on)}" if series.target_changed_on else ""
        facts.append(
            (
                "target_eased" if eased else "target_stretched",
                f"{name}: the target was {'eased' if eased else 'stretched'} from "
                f"{number(original)} to {number(series.target)}{changed}, after values existed. "
                f"Against the original {number(original)}, {against}.",
            )
        )
    return facts


def _high(point_type: PointType, improvement: Improvement) -> bool:
    if point_type is PointType.NEITHER_HIGH:
        return True
    if point_type is PointType.NEITHER_LOW:
        return False
    return (point_type is PointType.IMPROVEMENT) == (improvement is Improvement.INCREASE)


_KIND_WORDS = {"how_much": "how much", "how_well": "how well", "better_off": "better off"}
_TYPE_WORDS = {
    PointType.IMPROVEMENT: "special cause improvement",
    PointType.CONCERN: "special cause concern",
    PointType.NEITHER_HIGH: "special cause variation (higher)",
    PointType.NEITHER_LOW: "special cause variation (lower)",
}
_RULE_WORDS = {
    Rule.OUTSIDE_LIMITS: "beyond the limits",
    Rule.TREND: "a trend",
    Rule.TWO_IN_THREE: "close to the limit",
    Rule.SHIFT: "a shift",
}
_ASSURANCE = {
    Assurance.PASS: ("target_met", "it is met consistently"),
    Assurance.FAIL: ("target_missed", "it will not be met unless the way of working changes"),
    Assurance.HIT_OR_MISS: ("target_hit_or_miss", "it is met in some periods and missed in others"),
}


def _effort(judged: Judged) -> Iterable[Found]:
    effort, thresholds = judged.effort, judged.thresholds
    averages = (
        f"{number(float(effort.hours))} person-hours and {pounds(float(effort.cost))} a month"
    )
    if not effort.known:
        if effort.first is None or effort.last is None:
            where = "There are no results yet to weigh effort against."
        else:
            window = (
                f"the {count(effort.months, 'month')} the results cover "
                f"({month(effort.first)} to {month(effort.last)})"
            )
            where = (
                f"No effort is recorded for {window}."
                if not effort.recorded
                else f"Effort is recorded in {effort.recorded} of {window}, with "
                f"{count(effort.longest_gap, 'month')} in a row without any entry."
            )
        recorded = (
            f" In the {count(effort.averaged_over, 'month')} with entries it averaged {averages}."
            if effort.averaged_over
            else ""
        )
        yield Found(
            "effort_unknown", f"Cost unknown: record effort before judging cost. {where}{recorded}"
        )
        return
    assert effort.first is not None and effort.last is not None
    share = (
        f"; {number(float(effort.share))}% of the pooled budget" if effort.share is not None else ""
    )
    reasons = " and ".join(
        _band_reason(effort.band, measure, thresholds) for measure in effort.decided_by
    )
    yield Found(
        f"effort_{effort.band.value}",
        f"Effort: {number(float(effort.hours_per_partner))} person-hours and "
        f"{pounds(float(effort.cost_per_partner))} a month per partner "
        f"({count(effort.partners, 'partner')}: {averages} in all), over the "
        f"{count(effort.months, 'month')} the results cover ({month(effort.first)} to "
        f"{month(effort.last)}){share}. That is {effort.band.value}: {reasons}.",
    )


def _band_reason(band: Band, measure: Measure, thresholds: Thresholds) -> str:
    light, heavy, unit = {
        Measure.HOURS: (
            number(float(thresholds.light_hours)),
            number(float(thresholds.heavy_hours)),
            " person-hours per partner a month",
        ),
        Measure.COST: (
            pounds(float(thresholds.light_cost)),
            pounds(float(thresholds.heavy_cost)),
            " per partner a month",
        ),
        Measure.SHARE: (
            f"{number(float(thresholds.light_share))}%",
            f"{number(float(thresholds.heavy_share))}%",
            " of the pooled budget",
        ),
    }[measure]
    if band is Band.LIGHT:
        return f"under {light}{unit}"
    if band is Band.HEAVY:
        return f"{heavy} or more{unit}"
    return f"from {light} to under {heavy}{unit}"


def _assessment(judged: Judged) -> Iterable[Found]:
    assessment = judged.evidence.assessment
    if assessment is None:
        return
    for flag in assessment.flags:
        if flag.kind in BEARING:
            yield Found(flag.kind, f"Assessment {assessment.round_name}: {flag.detail}")


def _integrity(judged: Judged) -> Iterable[Found]:
    """The outcomes' integrity flags the other collectors do not say better."""
    changed = {
        r.series.key
        for o in judged.outcomes
        for r in o.readings
        if r.series.original_target is not None
    }
    conditioned = {o.key for o in judged.outcomes if o.condition is not None}
    for flag in judged.evidence.integrity:
        if flag.kind in ACCOUNTABILITY_FLAGS and flag.outcome in conditioned:
            continue  # a condition, said with the outcome
        if flag.kind == "moved_goalpost" and flag.indicator in changed:
            continue  # said as the target eased or stretched
        yield Found(flag.kind, flag.text, flag.outcome)


COLLECTORS: tuple[Callable[[Judged], Iterable[Found]], ...] = (
    _outcomes,
    _effort,
    _assessment,
    _integrity,
)
