"""What an SPC chart says in plain language, for each kind of signal."""

from __future__ import annotations

from joinedup.core.spc import analyse
from joinedup.core.spc_words import describe
from tests.factories import BASE, SHIFT, judge


def test_an_empty_series_has_nothing_to_judge() -> None:
    assert describe(analyse([], [])) == ["There are no values to judge yet."]


def test_describe_a_shift_and_its_assurance() -> None:
    lines = describe(judge(SHIFT, improvement="decrease", target=9))
    assert lines[0] == "Special cause concern: the last 7 points are above the mean (11.2)."
    assert "hit or miss" in lines[1]


def test_describe_a_trend() -> None:
    lines = describe(judge([*BASE, 5, 5.5, 6, 6.5, 7, 7.5, 8, 8.5], baseline=12))
    assert lines == ["Special cause improvement: the last 8 points have gone up one after another."]


def test_describe_common_cause_and_a_run_chart() -> None:
    assert describe(judge([1.0, 2.0] * 8))[0].startswith("Common cause variation")
    assert "run chart only" in describe(judge([1.0, 2.0] * 4))[0]


def test_describe_a_point_outside_the_limits_and_a_target_met() -> None:
    lines = describe(judge([*BASE, 10, 10, 2], baseline=12, improvement="decrease", target=20))
    assert lines[0] == (
        "Special cause improvement: the latest value (2) is below the lower process limit (5)."
    )
    assert lines[1].startswith("Assurance: the target of 20 is met consistently")


def test_describe_two_in_three_and_a_target_missed() -> None:
    lines = describe(judge([*BASE, 10.5, 14, 14], baseline=12, target=30))
    assert lines[0].startswith("Special cause improvement: the latest value is one of at least")
    assert lines[1].startswith("Assurance: the target of 30.0 will not be met")


def test_describe_a_target_without_a_direction() -> None:
    lines = describe(judge([1.0, 2.0] * 8, improvement="neither", target=1))
    assert lines[1].startswith("No assurance: a target needs an improvement direction")
