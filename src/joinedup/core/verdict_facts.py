"""The facts listed with a verdict, each weighed: supporting it, weighing
against it, or context. Nothing is left out because it does not fit.

Each kind of fact comes from one collector in :data:`COLLECTORS`; a new kind
of evidence (overdue actions) is one more collector. How each fact kind bears
on each verdict is one table, :data:`BEARING`, repeated in docs/verdict.md.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from joinedup.core.actions import all_overdue
from joinedup.core.effort_bands import EffortReading
from joinedup.core.numbers import plural
from joinedup.core.quality import Quality
from joinedup.core.verdict_evidence import ACCOUNTABILITY_FLAGS, Evidence
from joinedup.core.verdict_outcomes import OutcomeVerdict
from joinedup.core.verdict_sentences import effort_sentence, reading_sentences
from joinedup.core.verdict_thresholds import Thresholds
from joinedup.core.verdict_words import Fact, VerdictKind, Weight, day

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
    "improvement_on_weak_data": (frozenset({_S, _O, _E}), frozenset({_I})),
    "accountability_actions_overdue": (frozenset({_A}), frozenset({_I, _S})),
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
    weak: Mapping[int | str, Quality] = field(default_factory=dict)  # series not fit to credit


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
            f"No principal result has moved in {plural(judged.flat, 'month')} of data, with "
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
            for kind, text in reading_sentences(reading, title, judged.thresholds):
                yield Found(kind, text, key)


def _effort(judged: Judged) -> Iterable[Found]:
    yield Found(*effort_sentence(judged.effort, judged.thresholds))


def _assessment(judged: Judged) -> Iterable[Found]:
    assessment = judged.evidence.assessment
    if assessment is None:
        return
    for flag in assessment.flags:
        if flag.kind in BEARING:
            yield Found(flag.kind, f"Assessment {assessment.round_name}: {flag.detail}")


def _weak_data(judged: Judged) -> Iterable[Found]:
    """An improvement not credited because its data has gaps or is out of date."""
    for outcome in judged.outcomes:
        for reading in outcome.readings:
            marks = judged.weak.get(reading.series.key)
            if marks is None or not (reading.judgeable and reading.credited):
                continue
            why = "; ".join(
                mark.reason for mark in (marks.complete, marks.recent) if not mark.passed
            )
            yield Found(
                "improvement_on_weak_data",
                f"{reading.series.name} (for “{outcome.title}”) improved, but an improving "
                f"verdict cannot rest on it until its data is complete and up to date: {why}",
                outcome.key,
            )


def _actions(judged: Judged) -> Iterable[Found]:
    """Overdue actions are context; all of those on accountability overdue is a lapse."""
    actions, today = judged.evidence.actions, judged.evidence.on
    overdue = sorted((a for a in actions if a.overdue(today)), key=lambda a: a.due)
    if not overdue:
        return
    to_do = sum(a.status.to_do for a in actions)
    listed = "; ".join(f"{a.title} (due {day(a.due)})" for a in overdue[:_LISTED])
    more = f"; and {plural(len(overdue) - _LISTED, 'more')}" if len(overdue) > _LISTED else ""
    yield Found(
        "actions_overdue",
        f"{plural(len(overdue), 'action')} of the {to_do} still to do "
        f"{'is' if len(overdue) == 1 else 'are'} overdue: {listed}{more}.",
    )
    if all_overdue((a for a in actions if a.on_accountability), today):
        yield Found(
            "accountability_actions_overdue",
            "Every action the partnership agreed on accountability (owners and authority) is "
            "overdue: what it decided to do about who answers for its results has not been done.",
        )


def _integrity(judged: Judged) -> Iterable[Found]:
    """The outcomes' integrity flags the other collectors do not say better."""
    changed = {r.series.key for o in judged.outcomes for r in o.readings if r.series.target_shift}
    conditioned = {o.key for o in judged.outcomes if o.condition is not None}
    for flag in judged.evidence.integrity:
        if flag.kind in ACCOUNTABILITY_FLAGS and flag.outcome in conditioned:
            continue  # a condition, said with the outcome
        if flag.kind == "moved_goalpost" and flag.indicator in changed:
            continue  # said as the target eased or stretched
        yield Found(flag.kind, flag.text, flag.outcome)


COLLECTORS: tuple[Callable[[Judged], Iterable[Found]], ...] = (
    _outcomes,
    _weak_data,
    _effort,
    _assessment,
    _actions,
    _integrity,
)
# Overdue actions named in the fact; the rest are counted.
_LISTED = 3
