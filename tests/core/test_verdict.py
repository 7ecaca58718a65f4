"""The verdict rules, one by one in their order, and the properties that must hold."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import random
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from joinedup.core.assessment import Flag
from joinedup.core.effort import EffortTotals
from joinedup.core.errors import InputError
from joinedup.core.spc import Assurance, PointType, Variation, analyse
from joinedup.core.verdict import (
    AssessmentEvidence,
    Evidence,
    IndicatorEvidence,
    IntegrityEvidence,
    Stance,
    Thresholds,
    VerdictKind,
    Weight,
    indicator_evidence,
    judge,
    judgeable,
    results_back_assessment,
)
from tests.factories import month

COMMON, IMPROVEMENT, CONCERN = PointType.COMMON_CAUSE, PointType.IMPROVEMENT, PointType.CONCERN
START = dt.date(2023, 1, 1)


def indicator(
    types: list[PointType],
    *,
    kind: str = "better_off",
    name: str = "Home within a day",
    assurance: Assurance | None = None,
    variation: Variation | None = Variation.COMMON_CAUSE,
) -> IndicatorEvidence:
    return IndicatorEvidence(
        name=name,
        outcome="People go home sooner",
        kind=kind,
        point_types=tuple(types),
        first_period=month(0, START) if types else None,
        last_period=month(len(types) - 1, START) if types else None,
        variation=variation if len(types) >= 15 else None,
        assurance=assurance,
    )


def effort(hours_per_month: int, months: int = 12, cost_per_month: int = 2000) -> EffortTotals:
    return EffortTotals(
        first_month=month(0, START),
        last_month=month(months - 1, START),
        minutes=Decimal(hours_per_month * months * 60),
        cost=Decimal(cost_per_month * months),
    )


FLAT = [COMMON] * 24
IMPROVED = [COMMON] * 16 + [IMPROVEMENT] * 8
WORSE = [COMMON] * 22 + [CONCERN] * 2


def kinds(verdict_facts) -> list[str]:
    return [fact.kind for fact in verdict_facts]


# Rule 1: accountability missing.


@pytest.mark.parametrize("flag", ["no_owner", "owner_without_authority", "owner_left"])
def test_missing_accountability_is_drifting_whatever_the_results(flag: str) -> None:
    verdict = judge(
        Evidence(
            indicators=(indicator(IMPROVED),),
            integrity=(IntegrityEvidence(flag, "Home sooner", "Nobody is accountable."),),
        )
    )
    assert verdict.kind is VerdictKind.DRIFTING
    assert verdict.stance is Stance.RENEGOTIATE
    assert verdict.facts[0].kind == flag and verdict.facts[0].weight is Weight.SUPPORTS
    improvement = next(f for f in verdict.facts if f.kind == "special_cause_improvement")
    assert improvement.weight is Weight.AGAINST


# Rule 2: not yet judgeable.


def test_no_indicators_at_all_is_not_yet_judgeable_and_says_why() -> None:
    verdict = judge(Evidence())
    assert verdict.kind is VerdictKind.NOT_YET_JUDGEABLE
    assert verdict.stance is None
    assert kinds(verdict.facts) == ["no_result_indicators", "no_effort"]
    assert verdict.facts[0].weight is Weight.SUPPORTS


def test_too_few_points_since_the_start_is_not_yet_judgeable() -> None:
    verdict = judge(Evidence(indicators=(indicator([IMPROVEMENT] * 9),)))
    assert verdict.kind is VerdictKind.NOT_YET_JUDGEABLE
    (fact,) = [f for f in verdict.facts if f.kind == "too_few_points"]
    assert "only 9 point(s)" in fact.text and "at least 15" in fact.text


def test_an_integrity_flag_about_too_few_points_is_not_said_twice() -> None:
    flag = IntegrityEvidence("too_few_points", "Home within a day", "Only 9 values.")
    verdict = judge(Evidence(indicators=(indicator([COMMON] * 9),), integrity=(flag,)))
    assert [f.text for f in verdict.facts if f.kind == "too_few_points"] == [
        "Home within a day: Only 9 values."
    ]


def test_enough_points_but_no_limits_on_the_latest_stretch_is_not_judgeable() -> None:
    rebased = dataclasses.replace(indicator(FLAT), variation=None)
    verdict = judge(Evidence(indicators=(rebased,)))
    assert verdict.kind is VerdictKind.NOT_YET_JUDGEABLE
    assert "too short to have process limits" in verdict.facts[0].text


def test_activity_counts_alone_are_not_judged() -> None:
    verdict = judge(Evidence(indicators=(indicator(IMPROVED, kind="how_much"),)))
    assert verdict.kind is VerdictKind.NOT_YET_JUDGEABLE
    assert "no_result_indicators" in kinds(verdict.facts)


def test_the_outcomes_activity_only_flag_replaces_our_own_sentence() -> None:
    flag = IntegrityEvidence("activity_only", "the partnership", "Every indicator counts activity.")
    verdict = judge(Evidence(integrity=(flag,)))
    assert kinds(verdict.facts) == ["activity_only", "no_effort"]


# Rule 3: results worsening.


def test_a_concern_in_the_latest_points_is_drifting() -> None:
    verdict = judge(Evidence(indicators=(indicator(IMPROVED, name="A"), indicator(WORSE))))
    assert verdict.kind is VerdictKind.DRIFTING
    assert verdict.stance is Stance.RENEGOTIATE
    assert verdict.facts[0].kind == "special_cause_concern"


def test_an_old_concern_is_not_drifting() -> None:
    old = [COMMON] * 10 + [CONCERN] * 2 + [COMMON] * 12
    assert judge(Evidence(indicators=(indicator(old),))).kind is VerdictKind.HOLDING


def test_how_recent_a_concern_must_be_is_a_threshold() -> None:
    old = [COMMON] * 10 + [CONCERN] * 2 + [COMMON] * 12
    verdict = judge(Evidence(indicators=(indicator(old),)), Thresholds(recent_points=13))
    assert verdict.kind is VerdictKind.DRIFTING


# Rule 4: delivering.


def test_an_improvement_since_the_start_and_no_concern_is_delivering() -> None:
    verdict = judge(
        Evidence(
            indicators=(indicator(IMPROVED, assurance=Assurance.PASS), indicator(FLAT, name="B")),
            effort=effort(80),
        )
    )
    assert verdict.kind is VerdictKind.DELIVERING
    assert verdict.stance is Stance.INVEST
    assert verdict.facts[0].kind == "special_cause_improvement"
    assert "in 8 of 24 points from January 2023 to December 2024" in verdict.facts[0].text
    weights = {f.kind: f.weight for f in verdict.facts}
    assert weights["target_met"] is Weight.SUPPORTS
    assert weights["common_cause"] is Weight.AGAINST
    assert weights["substantial_effort"] is Weight.CONTEXT


# Rule 5: talking shop.


def test_real_effort_and_flat_results_for_a_year_is_a_talking_shop() -> None:
    verdict = judge(Evidence(indicators=(indicator(FLAT),), effort=effort(60)))
    assert verdict.kind is VerdictKind.TALKING_SHOP
    assert verdict.stance is Stance.RENEGOTIATE
    assert kinds(verdict.facts)[:3] == ["common_cause", "substantial_effort", "flat_with_effort"]
    assert "60.0 person-hours and £2,000 a month" in verdict.facts[1].text


def test_a_long_and_costly_talking_shop_is_told_to_consider_ending() -> None:
    verdict = judge(Evidence(indicators=(indicator(FLAT),), effort=effort(60, cost_per_month=6000)))
    assert verdict.kind is VerdictKind.TALKING_SHOP
    assert verdict.stance is Stance.END
    assert (
        "consider ending it" in next(f for f in verdict.facts if f.kind == "flat_with_effort").text
    )


def test_flat_results_with_little_effort_are_holding() -> None:
    verdict = judge(
        Evidence(indicators=(indicator(FLAT, assurance=Assurance.PASS),), effort=effort(10))
    )
    assert verdict.kind is VerdictKind.HOLDING
    assert verdict.stance is Stance.LOW_MAINTENANCE
    weights = {f.kind: f.weight for f in verdict.facts}
    assert weights == {
        "common_cause": Weight.SUPPORTS,
        "target_met": Weight.SUPPORTS,
        "modest_effort": Weight.SUPPORTS,
    }


def test_real_effort_but_results_flat_only_briefly_is_holding_and_says_so() -> None:
    weekly = indicator([COMMON] * 20)
    weekly = dataclasses.replace(weekly, last_period=month(4, START))  # 20 weekly points: 5 months
    verdict = judge(Evidence(indicators=(weekly,), effort=effort(60)))
    assert verdict.kind is VerdictKind.HOLDING
    fact = next(f for f in verdict.facts if f.kind == "flat_too_briefly")
    assert "5 month(s), fewer than the 12" in fact.text


# Rule 6 and the rest.


def test_a_missed_target_weighs_against_holding() -> None:
    verdict = judge(Evidence(indicators=(indicator(FLAT, assurance=Assurance.FAIL),)))
    assert verdict.kind is VerdictKind.HOLDING
    assert {f.kind: f.weight for f in verdict.facts}["target_missed"] is Weight.AGAINST


def test_a_comfortable_consensus_backs_a_talking_shop() -> None:
    round_ = AssessmentEvidence(
        "Spring 2025",
        (Flag("comfortable_consensus", "Trust is rated high."), Flag("low_response", "Few.")),
    )
    verdict = judge(Evidence(indicators=(indicator(FLAT),), effort=effort(60), assessment=round_))
    fact = next(f for f in verdict.facts if f.kind == "comfortable_consensus")
    assert fact.weight is Weight.SUPPORTS
    assert fact.text == "Assessment Spring 2025: Trust is rated high."
    assert "low_response" not in kinds(verdict.facts)


def test_facts_are_ordered_supporting_then_against_then_context() -> None:
    verdict = judge(
        Evidence(
            indicators=(indicator(IMPROVED), indicator(FLAT, name="B")),
            integrity=(IntegrityEvidence("stale_data", "B", "No data since March."),),
        )
    )
    order = [list(Weight).index(f.weight) for f in verdict.facts]
    assert order == sorted(order)


def test_the_verdict_as_json() -> None:
    verdict = judge(Evidence(indicators=(indicator(FLAT),), effort=effort(60)))
    data = json.loads(json.dumps(verdict.as_dict()))
    assert data["verdict"] == "talking_shop"
    assert data["stance"] == "renegotiate"
    assert data["facts"][0] == {
        "kind": "common_cause",
        "text": verdict.facts[0].text,
        "weight": "supports",
    }
    assert data["thresholds"]["min_points"] == 15


def test_evidence_from_a_chart_keeps_only_the_points_since_the_start() -> None:
    periods = [dt.date(2021 + i // 12, i % 12 + 1, 1) for i in range(40)]
    values = [10.0, 12.0] * 10 + [30.0, 32.0] * 10
    result = analyse(periods, values, rebase=[dt.date(2022, 9, 1)])
    evidence = indicator_evidence(
        "Home within a day", "Home sooner", "better_off", result, dt.date(2022, 9, 1)
    )
    assert len(evidence.point_types) == 20
    assert evidence.first_period == dt.date(2022, 9, 1)
    assert evidence.months == 20
    assert judgeable(evidence, Thresholds())


# Thresholds.


def test_thresholds_are_read_from_name_value_pairs() -> None:
    thresholds = Thresholds.parse(["min_points=12", "substantial_hours=25.5"])
    assert thresholds.min_points == 12 and thresholds.substantial_hours == 25.5
    assert thresholds.flat_months == Thresholds().flat_months


def test_bad_thresholds_name_each_problem() -> None:
    with pytest.raises(InputError) as caught:
        Thresholds.parse(["min_pints=12", "flat_months=a year", "end_cost=0"])
    message = str(caught.value)
    assert "field 'min_pints': unknown threshold" in message
    assert "field 'flat_months': expected a number, not 'a year'" in message
    assert "field 'end_cost': must be more than 0" in message


# Whether results back the assessment.


def test_results_back_the_assessment_only_once_they_can_be_judged() -> None:
    assert results_back_assessment([indicator([COMMON] * 5)]) is None
    assert results_back_assessment([indicator(WORSE), indicator(IMPROVED)]) is False
    assert results_back_assessment([indicator(IMPROVED)]) is True
    assert results_back_assessment([indicator(FLAT, assurance=Assurance.PASS)]) is True
    assert results_back_assessment([indicator(FLAT, assurance=Assurance.HIT_OR_MISS)]) is False
    assert results_back_assessment([indicator(FLAT)]) is False


# Properties.

point_types = st.lists(st.sampled_from([COMMON, COMMON, COMMON, IMPROVEMENT, CONCERN]), max_size=30)
indicators = st.builds(
    indicator,
    point_types,
    kind=st.sampled_from(["how_much", "how_well", "better_off"]),
    name=st.sampled_from(["A", "B", "C"]),
    assurance=st.sampled_from([None, *Assurance]),
)
integrity = st.builds(
    IntegrityEvidence,
    st.sampled_from(["no_owner", "owner_left", "stale_data", "moved_goalpost", "too_few_points"]),
    st.sampled_from(["A", "B", "Home sooner"]),
    st.just("A flag."),
)
efforts = st.none() | st.builds(
    effort, st.integers(0, 200), st.integers(1, 36), st.integers(0, 20_000)
)
assessments = st.none() | st.builds(
    AssessmentEvidence,
    st.just("Round 1"),
    st.lists(
        st.builds(
            Flag, st.sampled_from(["comfortable_consensus", "dominant_partner"]), st.just("x")
        ),
        max_size=2,
    ).map(tuple),
)
evidences = st.builds(
    Evidence,
    st.lists(indicators, max_size=4).map(tuple),
    efforts,
    assessments,
    st.lists(integrity, max_size=2).map(tuple),
)


@given(evidences, st.randoms())
def test_the_verdict_depends_on_the_facts_not_their_order(
    evidence: Evidence, rng: random.Random
) -> None:
    shuffled = list(evidence.indicators)
    rng.shuffle(shuffled)
    again = dataclasses.replace(evidence, indicators=tuple(shuffled))
    first, second = judge(evidence), judge(again)
    assert (first.kind, first.stance) == (second.kind, second.stance)
    assert sorted(kinds(first.facts)) == sorted(kinds(second.facts))
    assert judge(evidence) == first


@given(evidences, st.integers(1, 500))
def test_more_effort_never_makes_a_partnership_delivering(evidence: Evidence, extra: int) -> None:
    before = judge(evidence)
    base = evidence.effort or effort(0)
    more = dataclasses.replace(base, minutes=base.minutes + extra * 60 * base.months)
    after = judge(dataclasses.replace(evidence, effort=more))
    assert (after.kind is VerdictKind.DELIVERING) == (before.kind is VerdictKind.DELIVERING)
    if before.kind is VerdictKind.TALKING_SHOP:
        assert after.kind is VerdictKind.TALKING_SHOP


@given(evidences)
def test_a_worsening_result_is_never_delivering(evidence: Evidence) -> None:
    thresholds = Thresholds()
    worsening = any(
        judgeable(i, thresholds) and CONCERN in i.point_types[-thresholds.recent_points :]
        for i in evidence.indicators
    )
    if worsening:
        assert judge(evidence).kind is VerdictKind.DRIFTING


@given(evidences)
def test_every_verdict_has_a_fact_that_supports_it_and_a_fitting_stance(
    evidence: Evidence,
) -> None:
    verdict = judge(evidence)
    assert any(fact.weight is Weight.SUPPORTS for fact in verdict.facts)
    expected = {
        VerdictKind.NOT_YET_JUDGEABLE: {None},
        VerdictKind.DELIVERING: {Stance.INVEST},
        VerdictKind.HOLDING: {Stance.LOW_MAINTENANCE},
        VerdictKind.TALKING_SHOP: {Stance.RENEGOTIATE, Stance.END},
        VerdictKind.DRIFTING: {Stance.RENEGOTIATE},
    }
    assert verdict.stance in expected[verdict.kind]


@given(evidences)
def test_not_yet_judgeable_exactly_when_no_result_can_be_judged(evidence: Evidence) -> None:
    accountable = not any(flag.kind in ("no_owner", "owner_left") for flag in evidence.integrity)
    nothing_judged = not any(judgeable(i, Thresholds()) for i in evidence.indicators)
    if accountable:
        assert (judge(evidence).kind is VerdictKind.NOT_YET_JUDGEABLE) == nothing_judged
