"""The board pack's two rules in the verdict (issue 13): overdue actions are a
fact, and the partnership's own accountability actions all overdue is a lapse;
an improving verdict never rests on data that has gaps or is out of date."""

from __future__ import annotations

import dataclasses
import datetime as dt

from joinedup.core.actions import ActionFacts, Status
from joinedup.core.outcomes import FlagKind
from joinedup.core.verdict import judge
from joinedup.core.verdict_words import VerdictKind, Weight
from tests.core.verdict_builders import BEFORE, START, UP, evidence, fact, kinds, outcome, series
from tests.factories import month

HOME = outcome(series(BEFORE, UP * 18), series(BEFORE, UP * 18, key=2, name="Delayed bed days"))
ON = month(37, START)  # the month after the latest value


def action(n: int, due: dt.date, status: Status = Status.OPEN, **fields: object) -> ActionFacts:
    return ActionFacts(id=n, title=f"Action {n}", status=status, due=due, **fields)  # type: ignore[arg-type]


def test_overdue_actions_are_context_and_named() -> None:
    actions = (
        action(1, ON - dt.timedelta(days=30)),
        action(2, ON + dt.timedelta(days=30)),
        action(3, ON - dt.timedelta(days=60), Status.DONE, closed_on=ON),
    )
    verdict = judge(evidence(HOME, on=ON, actions=actions))
    assert verdict.kind is VerdictKind.IMPROVING
    overdue = fact(verdict, "actions_overdue")
    assert overdue.weight is Weight.CONTEXT
    assert overdue.text.startswith("1 action of the 2 still to do is overdue: Action 1 (due ")


def test_every_accountability_action_overdue_is_accountability_lapsed() -> None:
    actions = (
        action(1, ON - dt.timedelta(days=10), flag=FlagKind.NO_OWNER),
        action(2, ON - dt.timedelta(days=40), principle="authority"),
        action(3, ON + dt.timedelta(days=40)),  # not about accountability
    )
    verdict = judge(evidence(HOME, on=ON, actions=actions))
    assert verdict.kind is VerdictKind.ACCOUNTABILITY_LAPSED
    assert "every action it set itself on owners and authority is overdue" in (
        verdict.stance_reason
    )
    assert fact(verdict, "accountability_actions_overdue").weight is Weight.SUPPORTS


def test_one_accountability_action_on_time_or_done_keeps_the_verdict() -> None:
    late = action(1, ON - dt.timedelta(days=10), flag=FlagKind.NO_OWNER)
    for other in (
        action(2, ON + dt.timedelta(days=10), principle="accountability"),
        action(2, ON - dt.timedelta(days=90), Status.DONE, principle="accountability"),
    ):
        verdict = judge(evidence(HOME, on=ON, actions=(late, other)))
        assert verdict.kind is VerdictKind.IMPROVING
        assert "accountability_actions_overdue" not in kinds(verdict.facts)


def test_a_dropped_accountability_action_neither_counts_nor_excuses() -> None:
    dropped = action(1, ON - dt.timedelta(days=10), Status.DROPPED, flag=FlagKind.NO_OWNER)
    assert judge(evidence(HOME, on=ON, actions=(dropped,))).kind is VerdictKind.IMPROVING


def test_an_improvement_on_data_with_gaps_is_not_credited_and_says_why() -> None:
    whole = series(BEFORE, UP * 18)
    gappy = dataclasses.replace(
        whole,
        periods=whole.periods[:-5] + whole.periods[-4:],
        values=whole.values[:-5] + whole.values[-4:],
    )
    verdict = judge(evidence(outcome(gappy), on=ON))
    assert verdict.kind is not VerdictKind.IMPROVING
    weak = fact(verdict, "improvement_on_weak_data")
    assert "cannot rest on it until its data is complete and up to date" in weak.text
    assert "have no value" in weak.text


def test_an_improvement_whose_latest_value_is_out_of_date_is_not_credited() -> None:
    late = month(8, month(36, START))  # eight months after the latest value
    verdict = judge(evidence(outcome(series(BEFORE, UP * 18)), on=late))
    assert verdict.kind is not VerdictKind.IMPROVING
    assert "was expected by" in fact(verdict, "improvement_on_weak_data").text


def test_a_deterioration_counts_however_weak_the_data() -> None:
    down = series(BEFORE, [7.0, 8.0] * 18)
    late = month(8, month(36, START))
    assert judge(evidence(outcome(down), on=late)).kind is VerdictKind.DETERIORATING
