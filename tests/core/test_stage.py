import pytest

from joinedup.core.register import Stage
from joinedup.core.stage import compare_stage, compute_stage

INTEGRATED = {"pooled_budget": True, "single_management": True, "joint_plan": True}


def test_integrated_needs_pooled_budget_and_management_or_teams_close_working_and_trust():
    judgement = compute_stage(INTEGRATED, relationship_median=5, trust_mean=3.2)
    assert judgement.stage is Stage.INTEGRATED
    assert judgement.reasons == (
        "Pooled budget (such as a section 75 agreement) in place.",
        "Single management in place.",
        "Median relationship level 5 is at least 4.5: at least half the ratings are 5 "
        "('integrate') or more.",
        "Trust and candour mean 3.20 is at least 3.",
    )


@pytest.mark.parametrize(
    ("features", "relationships", "trust", "stage", "missing"),
    [
        (
            {**INTEGRATED, "single_management": False},
            5,
            3.5,
            Stage.COORDINATING,
            "Not integrated: none of: single management, joint posts or teams.",
        ),
        (
            INTEGRATED,
            4,
            3.5,
            Stage.COORDINATING,
            "Not integrated: median relationship level 4 is below 4.5.",
        ),
        (
            INTEGRATED,
            5,
            2.9,
            Stage.COORDINATING,
            "Not integrated: trust and candour mean 2.90 is below 3.",
        ),
        ({"pooled_budget": True}, 5, 3.5, Stage.COOPERATIVE, "Not coordinating: no joint plan."),
        (
            INTEGRATED,
            5,
            2.4,
            Stage.COOPERATIVE,
            "Not coordinating: trust and candour mean 2.40 is below 2.5.",
        ),
        (
            INTEGRATED,
            2,
            4.0,
            Stage.NETWORKING,
            "Not cooperative: median relationship level 2 is below 2.5.",
        ),
    ],
)
def test_each_missing_condition_lowers_the_stage_and_is_said(
    features, relationships, trust, stage, missing
):
    judgement = compute_stage(features, relationships, trust)
    assert judgement.stage is stage
    assert missing in judgement.reasons


def test_it_does_not_guess_without_relationship_ratings_or_trust_scores():
    judgement = compute_stage(INTEGRATED, relationship_median=None, trust_mean=3.0)
    assert judgement.stage is None
    assert judgement.reasons == (
        "The stage cannot be computed yet: it needs relationship ratings.",
    )


def test_unknown_features_are_a_programming_error():
    with pytest.raises(ValueError, match="pooled_budjet"):
        compute_stage({"pooled_budjet": True}, 3, 3)


def test_compare_stage_notes_only_a_difference():
    assert compare_stage(Stage.COOPERATIVE, Stage.COOPERATIVE) is None
    assert compare_stage(None, Stage.COOPERATIVE) is None
    assert compare_stage(Stage.COOPERATIVE, None) is None
    lower = compare_stage(Stage.INTEGRATED, Stage.COOPERATIVE)
    assert lower.startswith(
        "Declared integrated, but the evidence supports cooperative, 2 stages lower."
    )
    higher = compare_stage(Stage.NETWORKING, Stage.COOPERATIVE)
    assert higher.startswith(
        "Declared networking, but the evidence supports cooperative, 1 stage higher"
    )
