"""The verdict, scenario by scenario: each row of the board adviser's table
(issue 12) with hand-built facts, and the reading the adviser gives it."""

from __future__ import annotations

import dataclasses
import json
from decimal import Decimal

import pytest

from joinedup.core.assessment import Flag
from joinedup.core.baseline import Change, Direction
from joinedup.core.effort_bands import Band
from joinedup.core.errors import InputError
from joinedup.core.outcomes import Frequency
from joinedup.core.spc import Improvement
from joinedup.core.verdict import judge, results_back
from joinedup.core.verdict_evidence import AssessmentEvidence, IntegrityEvidence
from joinedup.core.verdict_thresholds import Thresholds
from joinedup.core.verdict_words import Level, Stance, VerdictKind, Weight
from tests.core.verdict_builders import (
    BEFORE,
    DOWN,
    FLAT,
    MISSED,
    START,
    UP,
    effort,
    evidence,
    fact,
    kinds,
    no_owner,
    outcome,
    series,
)
from tests.factories import month

CARERS = outcome(key=2, title="Carers are supported", principal=False)


def test_two_key_results_improving_and_a_minor_outcome_unowned_is_improving_on_a_condition() -> (
    None
):
    home = outcome(
        series(BEFORE, UP * 18, target=12.0),
        series(BEFORE, UP * 18, key=2, name="Delayed bed days"),
    )
    gap = month(34, START)
    verdict = judge(evidence(home, CARERS, integrity=(no_owner(since=gap),)))
    assert verdict.kind is VerdictKind.IMPROVING and verdict.kind.label == "Improving"
    assert verdict.stance is Stance.INVEST
    (condition,) = verdict.conditions
    assert condition.due == month(37, START) and not condition.overdue  # a quarter on
    assert verdict.headline == (
        "Improving, on condition that “Carers are supported” has an accountable owner by "
        "1 May 2025."
    )
    assert verdict.confidence.level is Level.HIGH
    assert kinds(verdict.facts)[:2] == ["improvement", "improvement"]
    assert all(f.weight is Weight.SUPPORTS for f in verdict.facts[:2])
    # The facts still say it plainly.
    assert "Nobody is accountable for this outcome." in fact(verdict, "no_owner").text
    assert "not that the partnership caused it" in verdict.kind.description


def test_two_points_and_an_owner_who_left_is_not_yet_judgeable_with_the_owner_action() -> None:
    home = outcome(series([], FLAT))
    left = no_owner(1, since=month(1, START), kind="owner_left")
    verdict = judge(evidence(home, integrity=(left,)))
    assert verdict.kind is VerdictKind.NOT_YET_JUDGEABLE
    assert verdict.stance is None
    assert verdict.conditions[0].text == (
        "“Home when ready” has a new accountable owner by 1 August 2022"
    )
    assert verdict.confidence.level is Level.NONE
    assert "only 2 points since the partnership started" in fact(verdict, "too_few_points").text


def flat_off_target(months: int) -> tuple:
    return (outcome(series(BEFORE, FLAT * (months // 2), target=MISSED)),)


def test_flat_off_target_with_heavy_effort_for_two_years_is_escalate_and_redesign() -> None:
    verdict = judge(evidence(*flat_off_target(24), effort=effort(80, 6000, 24)))
    assert verdict.kind is VerdictKind.EFFORT_WITHOUT_RESULTS
    assert verdict.kind.label == "Effort without results yet"
    assert verdict.stance is Stance.RENEGOTIATE
    assert verdict.stance.label == "Escalate and redesign it"
    assert "whether the partners hold the levers" in verdict.stance_reason
    assert verdict.effort.band is Band.HEAVY
    assert {"target_missed", "no_change", "effort_heavy", "flat_with_effort"} <= set(
        kinds(verdict.facts)
    )


def test_ending_it_is_for_review_after_three_years_not_a_default() -> None:
    verdict = judge(evidence(*flat_off_target(36), effort=effort(80, 6000, 36)))
    assert verdict.stance is Stance.CONSIDER_ENDING
    assert verdict.stance.label == "Consider ending it at review"


def test_one_pound_less_changes_nothing() -> None:
    judged = [
        judge(evidence(*flat_off_target(24), effort=effort(80, pounds, 24)))
        for pounds in (4999, 5000, 6000)
    ]
    assert len({(v.kind, v.stance) for v in judged}) == 1


def test_one_hour_less_changes_nothing_and_four_years_off_target_is_not_called_useful() -> None:
    judged = [
        judge(evidence(*flat_off_target(48), effort=effort(hours, hours * 50, 48), partners=3))
        for hours in (39, 40)
    ]
    assert {(v.kind, v.stance) for v in judged} == {
        (VerdictKind.STABLE_OFF_TARGET, Stance.RENEGOTIATE)
    }
    assert judged[0].kind.label == "Stable, off target"
    assert not any(
        "useful" in text for text in (judged[0].kind.description, judged[0].stance_reason)
    )


def test_one_concern_point_last_month_with_the_target_met_is_investigate_not_renegotiate() -> None:
    home = outcome(series(BEFORE, FLAT * 12 + [3.0], target=2.0))
    verdict = judge(evidence(home, effort=effort(6, 300, 25)))
    assert verdict.kind is VerdictKind.STABLE
    assert verdict.stance is Stance.LOW_MAINTENANCE
    point = fact(verdict, "investigate")
    assert "one point below the lower process limit in April 2024" in point.text
    assert point.weight is Weight.CONTEXT
    assert fact(verdict, "target_met").weight is Weight.SUPPORTS


def test_a_deterioration_after_an_improvement_outweighs_it_even_when_the_latest_are_common() -> (
    None
):
    after = UP * 6 + DOWN * 6 + [11.0, 9.0, 10.5]
    home = outcome(series(BEFORE, after))
    verdict = judge(evidence(home))
    assert verdict.kind is VerdictKind.DETERIORATING and verdict.kind.label == "Deteriorating"
    assert verdict.stance is Stance.RENEGOTIATE  # not invest
    concern, earlier = fact(verdict, "concern"), fact(verdict, "earlier_improvement")
    assert concern.weight is Weight.SUPPORTS and earlier.weight is Weight.AGAINST
    assert "outweighs the earlier improvement" in concern.text
    assert "it has since got worse" in earlier.text


def test_a_concern_point_before_the_latest_three_is_listed_and_nothing_says_only_common_cause() -> (
    None
):
    home = outcome(series(BEFORE, FLAT * 5 + [3.0] + FLAT * 5))
    verdict = judge(evidence(home))
    assert verdict.kind is VerdictKind.STABLE
    assert "in February 2023" in fact(verdict, "investigate").text
    assert not any("only common cause" in f.text for f in verdict.facts)
    assert "each special cause since the start is listed" in fact(verdict, "no_change").text


def test_a_trend_running_since_two_years_before_the_start_is_not_credited() -> None:
    rising = [10 + 0.5 * i + (0.3 if i % 2 else -0.3) for i in range(48)]
    home = outcome(series(rising[:24], rising[24:]))
    verdict = judge(evidence(home))
    (reading,) = verdict.outcomes[0].readings
    assert reading.direction is Direction.IMPROVING
    assert reading.change is Change.ALREADY_RUNNING
    assert verdict.kind is VerdictKind.STABLE
    assert "not counted as a new change" in fact(verdict, "improvement_before_start").text


def test_a_sustained_step_up_at_the_start_is_a_change_that_began_with_it() -> None:
    verdict = judge(evidence(outcome(series(BEFORE, UP * 12))))
    assert verdict.kind is VerdictKind.IMPROVING
    assert verdict.outcomes[0].readings[0].change is Change.NEW
    text = fact(verdict, "improvement").text
    assert "improved while the partnership ran" in text
    assert "judged against the 24 values before the start" in text
    assert "The change began at or after the start." in text


def test_six_weekly_months_are_too_early_to_say_and_heavy_effort_is_not_low_maintenance() -> None:
    weekly = series([], FLAT * 13, frequency=Frequency.WEEKLY, target=MISSED)
    verdict = judge(evidence(outcome(weekly), effort=effort(120, 9000, 6), partners=3))
    assert verdict.confidence.level is Level.EARLY_SIGNS
    assert verdict.kind is VerdictKind.STABLE_OFF_TARGET
    assert verdict.stance is None
    assert verdict.stance_reason.startswith("Too early for a stance: judge again once")
    assert verdict.effort.band is Band.HEAVY
    assert "low-maintenance" not in json.dumps(verdict.as_dict())


def test_not_recording_effort_does_not_soften_four_flat_years_off_target() -> None:
    verdict = judge(evidence(*flat_off_target(48)))
    assert verdict.kind is VerdictKind.STABLE_OFF_TARGET
    assert verdict.stance is Stance.RENEGOTIATE
    unknown = fact(verdict, "effort_unknown")
    assert unknown.text.startswith("Cost unknown: record effort before judging cost.")
    assert "No effort is recorded for the 48 months the results cover" in unknown.text


def test_effort_in_one_month_only_is_unknown_not_a_month_long_average() -> None:
    verdict = judge(evidence(outcome(series(BEFORE, FLAT * 12)), effort=effort(45, 2000, 1, 5)))
    assert verdict.effort.band is Band.UNKNOWN
    assert verdict.kind is VerdictKind.STABLE  # not effort without results
    assert verdict.stance is None and verdict.stance_reason.startswith("Cost unknown")
    assert "recorded in 1 of the 24 months" in fact(verdict, "effort_unknown").text


def test_a_target_eased_after_data_existed_is_shown_against_the_original_too() -> None:
    eased = series(
        BEFORE, FLAT * 12, target=2.0, original_target=16.0, target_changed_on=month(20, START)
    )
    verdict = judge(evidence(outcome(eased)))
    assert fact(verdict, "target_met").weight is Weight.SUPPORTS
    changed = fact(verdict, "target_eased")
    assert changed.weight is Weight.AGAINST
    assert "the target was eased from 16 to 2 on 1 December 2023, after values existed" in (
        changed.text
    )
    assert "Against the original 16, it will not be met unless" in changed.text


def test_a_target_raised_is_stretched_and_is_context() -> None:
    stretched = series(BEFORE, FLAT * 12, target=16.0, original_target=12.0)
    verdict = judge(evidence(outcome(stretched)))
    changed = fact(verdict, "target_stretched")
    assert changed.weight is Weight.CONTEXT and "stretched from 12 to 16" in changed.text
    lowered = series(
        BEFORE, FLAT * 12, improvement=Improvement.DECREASE, target=5.0, original_target=6.0
    )
    assert "target_stretched" in kinds(judge(evidence(outcome(lowered))).facts)


def test_a_target_removed_or_moved_where_neither_way_is_better_keeps_its_flag() -> None:
    moved = IntegrityEvidence(
        "moved_goalpost", "Home on the day", "The target was changed from 16 to none.", 1, 1
    )
    removed = series(BEFORE, FLAT * 12, target=None, original_target=16.0)
    verdict = judge(evidence(outcome(removed), integrity=(moved,)))
    assert not {"target_eased", "target_stretched"} & set(kinds(verdict.facts))
    assert "moved_goalpost" in kinds(verdict.facts)
    neither = series(
        BEFORE, FLAT * 12, improvement=Improvement.NEITHER, target=5.0, original_target=6.0
    )
    assert "moved_goalpost" in kinds(judge(evidence(outcome(neither), integrity=(moved,))).facts)
    # Said as eased, the flag is not said again.
    eased = series(BEFORE, FLAT * 12, target=2.0, original_target=16.0)
    said = kinds(judge(evidence(outcome(eased), integrity=(moved,))).facts)
    assert "target_eased" in said and "moved_goalpost" not in said


def test_one_principal_outcome_improving_and_another_deteriorating_is_mixed() -> None:
    home = outcome(series(BEFORE, UP * 12))
    carers = outcome(
        series(BEFORE, DOWN * 12, key=2, name="Carers contacted"), key=2, title="Carers"
    )
    verdict = judge(evidence(home, carers))
    assert verdict.kind is VerdictKind.MIXED and verdict.kind.label == "Mixed"
    assert verdict.stance is Stance.RENEGOTIATE
    assert [o.kind for o in verdict.outcomes] == [VerdictKind.IMPROVING, VerdictKind.DETERIORATING]


def test_a_deteriorating_outcome_that_is_not_principal_does_not_decide() -> None:
    home = outcome(series(BEFORE, UP * 12))
    carers = outcome(series(BEFORE, DOWN * 12, key=2), key=2, title="Carers", principal=False)
    verdict = judge(evidence(home, carers))
    assert verdict.kind is VerdictKind.IMPROVING
    assert fact(verdict, "concern").weight is Weight.CONTEXT


def test_a_principal_outcome_unowned_past_its_deadline_makes_the_verdict_worse() -> None:
    home = outcome(series(BEFORE, UP * 12))
    late = no_owner(1, since=month(6, START))
    verdict = judge(evidence(home, integrity=(late,)))
    assert verdict.kind is VerdictKind.ACCOUNTABILITY_LAPSED
    assert verdict.stance is Stance.RENEGOTIATE
    assert verdict.conditions[0].overdue
    assert fact(verdict, "no_owner").weight is Weight.SUPPORTS
    # The results are still judged, outcome by outcome.
    assert verdict.outcomes[0].kind is VerdictKind.IMPROVING


def test_a_minor_outcome_unowned_past_its_deadline_does_not() -> None:
    home = outcome(series(BEFORE, UP * 12))
    verdict = judge(evidence(home, CARERS, integrity=(no_owner(since=month(1, START)),)))
    assert verdict.kind is VerdictKind.IMPROVING
    assert "this was due by 1 August 2022 and is overdue" in verdict.conditions[0].text
    assert "on condition" not in verdict.headline


def test_without_a_baseline_an_improvement_is_reported_and_the_tool_says_it_cannot_tell() -> None:
    verdict = judge(evidence(outcome(series([], FLAT * 6 + UP * 9))))
    assert verdict.kind is VerdictKind.IMPROVING
    assert verdict.outcomes[0].readings[0].change is Change.CANNOT_TELL
    assert "cannot tell whether the change is new" in fact(verdict, "improvement").text
    assert verdict.confidence.level is Level.MODERATE
    assert any("has no baseline" in reason for reason in verdict.confidence.reasons)


def test_under_two_years_of_monthly_points_is_early_signs() -> None:
    verdict = judge(evidence(outcome(series(BEFORE, UP * 10))))
    assert verdict.kind is VerdictKind.IMPROVING
    assert verdict.confidence.level is Level.EARLY_SIGNS
    assert verdict.stance is None
    assert verdict.stance_reason == (
        "Too early for a stance: judge again once the results reach March 2024."
    )


def test_results_that_miss_every_winter_are_less_sure() -> None:
    full = series(BEFORE, UP * 14)
    kept = [(p, v) for p, v in zip(full.periods, full.values, strict=True) if p.month != 12]
    no_winter = dataclasses.replace(
        full, periods=tuple(p for p, _ in kept), values=tuple(v for _, v in kept)
    )
    assert judge(evidence(outcome(full))).confidence.level is Level.HIGH
    sure = judge(evidence(outcome(no_winter))).confidence
    assert sure.level is Level.MODERATE
    assert "Home on the day does not yet cover a whole winter (December to February)." in (
        sure.reasons
    )


def test_no_principal_outcome_is_not_yet_judgeable_and_says_why() -> None:
    minor = outcome(series(BEFORE, UP * 12), principal=False)
    verdict = judge(evidence(minor))
    assert verdict.kind is VerdictKind.NOT_YET_JUDGEABLE
    assert fact(verdict, "no_principal_outcome").weight is Weight.SUPPORTS


def test_nothing_at_all_is_not_yet_judgeable() -> None:
    verdict = judge(evidence())
    assert verdict.kind is VerdictKind.NOT_YET_JUDGEABLE
    assert kinds(verdict.facts) == ["no_outcomes", "effort_unknown"]


def test_activity_counts_never_decide() -> None:
    activity = outcome(series(BEFORE, UP * 12, kind="how_much"))
    verdict = judge(evidence(activity))
    assert verdict.kind is VerdictKind.NOT_YET_JUDGEABLE
    assert "no_result_indicators" in kinds(verdict.facts)


def test_stable_on_target_with_light_effort_is_low_maintenance() -> None:
    home = outcome(series(BEFORE, FLAT * 12, target=2.0))
    verdict = judge(evidence(home, effort=effort(6, 300, 24)))
    assert (verdict.kind, verdict.stance) == (VerdictKind.STABLE, Stance.LOW_MAINTENANCE)
    assert fact(verdict, "effort_light").weight is Weight.SUPPORTS


@pytest.mark.parametrize(
    ("hours", "target", "band", "stance"),
    [
        (6, None, Band.LIGHT, Stance.LOW_MAINTENANCE),
        (20, None, Band.MODERATE, Stance.RENEGOTIATE),
        (60, None, Band.HEAVY, Stance.CONSIDER_ENDING),
        (6, 2.0, Band.LIGHT, Stance.LOW_MAINTENANCE),
        (60, 2.0, Band.HEAVY, Stance.LOW_MAINTENANCE),
        (6, MISSED, Band.LIGHT, Stance.RENEGOTIATE),
        (60, MISSED, Band.HEAVY, Stance.CONSIDER_ENDING),
    ],
)
def test_after_three_flat_years_each_band_of_effort_moves_the_stance_one_step(
    hours: int, target: float | None, band: Band, stance: Stance
) -> None:
    flat = outcome(series(BEFORE, FLAT * 20, target=target))
    verdict = judge(evidence(flat, effort=effort(hours * 2, hours * 2 * 10, 40)))
    assert (verdict.effort.band, verdict.stance) == (band, stance)


def test_a_pooled_budget_scales_what_counts_as_heavy() -> None:
    flat = outcome(series(BEFORE, FLAT * 12))
    small = judge(evidence(flat, effort=effort(10, 3000, 24), pooled_budget=Decimal(100_000)))
    large = judge(evidence(flat, effort=effort(10, 3000, 24), pooled_budget=Decimal(10_000_000)))
    assert small.effort.band is Band.HEAVY and small.kind is VerdictKind.EFFORT_WITHOUT_RESULTS
    assert large.effort.band is Band.LIGHT and large.kind is VerdictKind.STABLE
    assert (
        "that cost is 0.36% of the pooled budget for the same months"
        in fact(large, "effort_light").text
    )


def test_the_assessment_flags_are_facts_not_rules() -> None:
    round_ = AssessmentEvidence(
        "Spring 2025", (Flag("comfortable_consensus", "Trust is rated high."), Flag("x", "y"))
    )
    verdict = judge(evidence(*flat_off_target(24), effort=effort(80, 6000, 24), assessment=round_))
    consensus = fact(verdict, "comfortable_consensus")
    assert consensus.weight is Weight.SUPPORTS
    assert consensus.text == "Assessment Spring 2025: Trust is rated high."
    assert "x" not in kinds(verdict.facts)


def test_the_verdict_as_json_has_stable_ids_outcomes_conditions_and_confidence() -> None:
    home = outcome(series(BEFORE, UP * 18))
    data = json.loads(
        json.dumps(
            judge(evidence(home, CARERS, integrity=(no_owner(since=month(34, START)),))).as_dict()
        )
    )
    assert (data["verdict"], data["label"], data["stance"]) == (
        "delivering",
        "Improving",
        "invest_to_deepen",
    )
    assert data["confidence"]["level"] == "high" and data["confidence"]["reasons"]
    assert data["conditions"][0] | {"text": ""} == {
        "outcome": 2,
        "title": "Carers are supported",
        "principal": False,
        "kind": "no_owner",
        "since": "2025-02-01",
        "due": "2025-05-01",
        "overdue": False,
        "text": "",
    }
    first = data["outcomes"][0]
    assert (first["outcome"], first["verdict"], first["principal"]) == (1, "delivering", True)
    assert first["indicators"][0]["change"] == "new"
    assert first["indicators"][0]["baseline_points"] == 24
    assert data["effort"]["band"] == "unknown"
    assert set(data["facts"][0]) == {"kind", "text", "weight", "outcome"}
    assert data["thresholds"]["min_points"] == 15


def test_results_back_the_assessment_once_they_can_be_judged() -> None:
    assert results_back([outcome(series([], FLAT))]) is None
    assert results_back([outcome(series(BEFORE, UP * 12))]) is True
    assert (
        results_back([outcome(series(BEFORE, DOWN * 12)), outcome(series(BEFORE, UP * 12))])
        is False
    )
    assert results_back([outcome(series(BEFORE, FLAT * 12, target=2.0))]) is True
    assert results_back([outcome(series(BEFORE, FLAT * 12, target=10.0))]) is False
    assert results_back([outcome(series(BEFORE, FLAT * 12))]) is False
    assert results_back([outcome(series(BEFORE, DOWN * 12), principal=False)]) is None


def test_thresholds_are_read_from_name_value_pairs() -> None:
    thresholds = Thresholds.parse(["min_points=12", "heavy_hours=25.5"])
    assert thresholds.min_points == 12 and thresholds.heavy_hours == Decimal("25.5")
    assert thresholds.flat_months == Thresholds().flat_months


def test_bad_thresholds_name_each_problem() -> None:
    with pytest.raises(InputError) as caught:
        Thresholds.parse(["min_pints=12", "flat_months=a year", "heavy_cost=0", "light_hours=nan"])
    message = str(caught.value)
    assert "field 'min_pints': unknown threshold" in message
    assert "field 'flat_months': expected a whole number, not 'a year'" in message
    assert "field 'heavy_cost': must be more than 0" in message
    assert "field 'light_hours': expected a number, not 'nan'" in message


def test_thresholds_have_sensible_bounds_and_whole_numbers_where_they_count() -> None:
    with pytest.raises(InputError) as caught:
        Thresholds.parse(["condition_months=100000", "heavy_hours=1e400", "early_points=2.5"])
    message = str(caught.value)
    assert "field 'condition_months': must be at most 10000, not 100000" in message
    assert "field 'heavy_hours': must be at most 1000000000, not 1e400" in message
    assert "field 'early_points': expected a whole number, not '2.5'" in message


def test_band_edges_must_stay_in_order() -> None:
    with pytest.raises(InputError) as caught:
        Thresholds.parse(["light_hours=30"])
    assert "field 'heavy_hours': must be more than light_hours (30)" in str(caught.value)
