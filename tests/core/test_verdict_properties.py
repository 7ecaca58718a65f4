"""Properties every verdict keeps, over hand-built partnerships of every shape:
one more hour or pound never moves it by more than one band, renaming or
reordering anything changes nothing, and a deterioration is never hidden."""

from __future__ import annotations

import dataclasses
import random
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from joinedup.core.assessment import Flag
from joinedup.core.baseline import Direction
from joinedup.core.effort import DEFAULT_RATES
from joinedup.core.effort_bands import Band
from joinedup.core.spc import Improvement
from joinedup.core.verdict import Verdict, judge
from joinedup.core.verdict_evidence import AssessmentEvidence, Evidence, OutcomeEvidence
from joinedup.core.verdict_words import Stance, VerdictKind, Weight
from tests.core.verdict_builders import (
    BEFORE,
    DOWN,
    FLAT,
    MISSED,
    START,
    UP,
    effort,
    no_owner,
    outcome,
    series,
)
from tests.factories import month

# Since-start shapes: flat, a step up or down, a lone point, a turn, too short.
SHAPES = [
    FLAT * 12,
    UP * 12,
    DOWN * 12,
    FLAT * 5 + [3.0] + FLAT * 6,
    UP * 6 + DOWN * 6 + FLAT,
    DOWN * 6 + UP * 8,
    FLAT * 24,
    FLAT * 4,
]
# A stable family: one more hour may move a partnership between these two bands.
_STABLE = {VerdictKind.STABLE: 0, VerdictKind.STABLE_OFF_TARGET: 0}
_STABLE[VerdictKind.EFFORT_WITHOUT_RESULTS] = 1

indicators = st.builds(
    lambda before, after, target, improvement, kind: (before, after, target, improvement, kind),
    st.sampled_from([BEFORE, [], FLAT * 3]),
    st.sampled_from(SHAPES),
    st.sampled_from([None, 2.0, 10.0, MISSED]),
    st.sampled_from([Improvement.INCREASE, Improvement.DECREASE]),
    st.sampled_from(["better_off", "better_off", "how_well", "how_much"]),
)


@st.composite
def evidences(draw: st.DrawFn) -> Evidence:
    outcomes = []
    key = 0
    for number in range(draw(st.integers(1, 3))):
        made = []
        for before, after, target, improvement, kind in draw(
            st.lists(indicators, min_size=draw(st.sampled_from([0, 1, 1, 1])), max_size=2)
        ):
            key += 1
            made.append(
                series(
                    before,
                    after,
                    key=key,
                    name=f"Indicator {key}",
                    target=target,
                    improvement=improvement,
                    kind=kind,
                )
            )
        outcomes.append(
            outcome(
                *made,
                key=number,
                title=f"Outcome {number}",
                principal=draw(st.sampled_from([True, True, True, False])),
            )
        )
    gaps = tuple(
        no_owner(number, since=month(draw(st.integers(0, 30)), START))
        for number in range(len(outcomes))
        if draw(st.sampled_from([False, False, False, True]))
    )
    # Mostly effort over every month the results cover (up to 24), sometimes part of it.
    rows = effort(
        draw(st.integers(1, 300)),
        draw(st.integers(0, 30_000)),
        draw(st.sampled_from([0, 6, 30, 30, 30])),
        draw(st.sampled_from([0, 0, 0, 2])),
        partners=("Acute", "Council", "Carers")[: draw(st.integers(1, 3))],
    )
    flags = draw(
        st.lists(st.sampled_from(["comfortable_consensus", "dominant_partner"]), max_size=2)
    )
    return Evidence(
        on=month(draw(st.integers(12, 40)), START),
        outcomes=tuple(outcomes),
        integrity=gaps,
        effort=rows,
        partners=draw(st.integers(1, 8)),
        pooled_budget=draw(st.none() | st.integers(100_000, 50_000_000).map(Decimal)),
        assessment=AssessmentEvidence("Round 1", tuple(Flag(f, "x") for f in flags))
        if flags
        else None,
    )


def reading(verdict: Verdict) -> tuple[object, ...]:
    """Everything a verdict decides, without its words."""
    return (
        verdict.kind,
        verdict.stance,
        verdict.confidence.level,
        verdict.effort.band,
        [(c.outcome, c.due, c.overdue) for c in verdict.conditions],
        [(o.key, o.kind, o.confidence.level) for o in verdict.outcomes],
        [(f.kind, f.weight, f.outcome) for f in verdict.facts],
    )


def moved_at_most_one_band(before: Verdict, after: Verdict) -> bool:
    if before.kind != after.kind and not (before.kind in _STABLE and after.kind in _STABLE):
        return False
    if before.kind in _STABLE and abs(_STABLE[before.kind] - _STABLE[after.kind]) > 1:
        return False
    if abs(before.effort.band.rank - after.effort.band.rank) > 1:
        return False
    if (before.stance is None) != (after.stance is None):
        return False
    return before.stance is None or abs(before.stance.rank - after.stance.rank) <= 1


@settings(deadline=None)
@given(evidences(), st.integers(0, 1000), st.booleans())
def test_one_more_hour_or_pound_never_moves_a_verdict_by_more_than_one_band(
    evidence: Evidence, which: int, hour: bool
) -> None:
    if not evidence.effort:
        return
    rows = list(evidence.effort)
    row = rows[which % len(rows)]
    # One hour at the dearest default rate, or one pound.
    rate = max(DEFAULT_RATES.values())
    rows[which % len(rows)] = (
        dataclasses.replace(row, minutes=row.minutes + 60, staff_cost=row.staff_cost + rate)
        if hour
        else dataclasses.replace(row, money=row.money + 1)
    )
    before, after = judge(evidence), judge(dataclasses.replace(evidence, effort=tuple(rows)))
    assert moved_at_most_one_band(before, after)


@settings(deadline=None)
@given(evidences(), st.randoms())
def test_renaming_anything_changes_nothing(evidence: Evidence, rng: random.Random) -> None:
    def fresh() -> str:
        return f"Renamed {rng.randrange(1_000_000)}"

    renamed = dataclasses.replace(
        evidence,
        outcomes=tuple(
            dataclasses.replace(
                o,
                title=fresh(),
                indicators=tuple(dataclasses.replace(s, name=fresh()) for s in o.indicators),
            )
            for o in evidence.outcomes
        ),
        integrity=tuple(dataclasses.replace(f, subject=fresh()) for f in evidence.integrity),
        effort=tuple(dataclasses.replace(row, partner=fresh()) for row in evidence.effort),
        assessment=evidence.assessment
        and dataclasses.replace(evidence.assessment, round_name=fresh()),
    )
    assert reading(judge(renamed)) == reading(judge(evidence))


@settings(deadline=None)
@given(evidences(), st.randoms())
def test_the_order_of_outcomes_and_indicators_changes_nothing(
    evidence: Evidence, rng: random.Random
) -> None:
    def shuffled(items: tuple) -> tuple:
        items = list(items)
        rng.shuffle(items)
        return tuple(items)

    again = dataclasses.replace(
        evidence,
        outcomes=shuffled(
            tuple(
                dataclasses.replace(o, indicators=shuffled(o.indicators)) for o in evidence.outcomes
            )
        ),
        effort=shuffled(evidence.effort),
    )
    first, second = reading(judge(evidence)), reading(judge(again))
    assert first[:4] == second[:4]
    assert [sorted(map(str, part)) for part in first[4:]] == [
        sorted(map(str, part)) for part in second[4:]
    ]


@settings(deadline=None)
@given(evidences())
def test_every_verdict_has_a_supporting_fact_a_confidence_and_a_fitting_stance(
    evidence: Evidence,
) -> None:
    verdict = judge(evidence)
    assert any(fact.weight is Weight.SUPPORTS for fact in verdict.facts)
    assert verdict.confidence.reasons and verdict.stance_reason
    fitting = {
        VerdictKind.NOT_YET_JUDGEABLE: {None},
        VerdictKind.IMPROVING: {Stance.INVEST, None},
        VerdictKind.MIXED: {Stance.RENEGOTIATE},
        VerdictKind.DETERIORATING: {Stance.RENEGOTIATE},
        VerdictKind.ACCOUNTABILITY_LAPSED: {Stance.RENEGOTIATE},
        VerdictKind.STABLE: {
            Stance.LOW_MAINTENANCE,
            Stance.RENEGOTIATE,
            Stance.CONSIDER_ENDING,
            None,
        },
        VerdictKind.STABLE_OFF_TARGET: {Stance.RENEGOTIATE, Stance.CONSIDER_ENDING, None},
        VerdictKind.EFFORT_WITHOUT_RESULTS: {Stance.RENEGOTIATE, Stance.CONSIDER_ENDING, None},
    }
    assert verdict.stance in fitting[verdict.kind]
    # Unknown effort is never called low-maintenance.
    if verdict.effort.band is Band.UNKNOWN:
        assert verdict.stance is not Stance.LOW_MAINTENANCE


@settings(deadline=None)
@given(evidences())
def test_a_principal_result_getting_worse_is_never_hidden(evidence: Evidence) -> None:
    verdict = judge(evidence)
    worse = any(
        r.direction is Direction.DETERIORATING
        for o in verdict.outcomes
        if o.principal
        for r in o.judged
    )
    if worse:
        assert verdict.kind in (
            VerdictKind.DETERIORATING,
            VerdictKind.MIXED,
            VerdictKind.ACCOUNTABILITY_LAPSED,
        )
        assert verdict.stance is Stance.RENEGOTIATE


@settings(deadline=None)
@given(evidences())
def test_effort_only_ever_decides_between_stable_and_effort_without_results(
    evidence: Evidence,
) -> None:
    with_effort = judge(evidence).kind
    without = judge(dataclasses.replace(evidence, effort=())).kind
    assert with_effort == without or (
        with_effort is VerdictKind.EFFORT_WITHOUT_RESULTS and without in _STABLE
    )


def test_principal_outcomes_come_first() -> None:
    minor = outcome(series(BEFORE, UP * 12), key=1, title="Minor", principal=False)
    main = outcome(series(BEFORE, FLAT * 12, key=2), key=2, title="Main")
    verdict = judge(Evidence(on=month(30, START), outcomes=(minor, main)))
    assert [o.title for o in verdict.outcomes] == ["Main", "Minor"]


def test_outcomes_are_principal_unless_said() -> None:
    assert OutcomeEvidence(1, "Home when ready").principal
