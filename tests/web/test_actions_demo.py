"""The demo's year of Riverside actions: some overdue, some done, some in
progress, answering the agenda, the carers flags and the discharge indicators."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from joinedup.core.actions import Status, all_overdue, summarise
from joinedup.web import demo
from joinedup.web.actions.facts import partnership_actions
from joinedup.web.actions.links import statements
from joinedup.web.actions.models import Action, ActionUpdate
from joinedup.web.assessments.results import round_scores
from joinedup.web.demo import actions as demo_actions
from joinedup.web.freshness.versions import loading
from joinedup.web.outcomes.facts import partnership_facts
from joinedup.web.partnerships.models import Partnership


@pytest.fixture
def riverside(db: Any) -> Partnership:
    demo.load()
    return Partnership.objects.get(slug="riverside")


def test_a_year_of_actions_some_overdue_some_done_some_in_progress(riverside: Partnership) -> None:
    today = timezone.localdate()
    facts = partnership_actions(riverside)
    summary = summarise(facts, today, today - dt.timedelta(days=365))
    statuses = Counter(fact.status for fact in facts)
    assert summary.overdue >= 3 and summary.done_since >= 3
    assert statuses[Status.IN_PROGRESS] >= 3 and statuses[Status.DROPPED] == 1
    raised = [a.raised_at.date() for a in Action.objects.filter(partnership=riverside)]
    assert today - dt.timedelta(days=366) <= min(raised) and max(raised) <= today
    # Not every accountability action is overdue: the carers owner is in hand.
    assert not all_overdue([f for f in facts if f.on_accountability], today)


def test_the_agenda_items_answered_are_on_the_rounds_agenda(riverside: Partnership) -> None:
    answered = Action.objects.of(riverside).filter(round__isnull=False)
    round = riverside.rounds.get(name=demo_actions.ROUND)
    scores = round_scores(round)
    # The agenda's items and those "also raised" below it (issue 8: at most 7 on it).
    raised = {item.statement for item in scores.agenda} | set(scores.also_raised)
    assert {a.statement for a in answered} <= raised
    assert all(a.raised_at > round.closed_at for a in answered)
    assert len(statements(answered)) > 0


def test_every_flag_answered_is_raised_now(riverside: Partnership) -> None:
    _, flags = partnership_facts(riverside)
    raised = {(flag.kind.value, flag.subject) for flag in flags}
    answered = Action.objects.of(riverside).exclude(flag_kind="")
    assert answered.count() == 3
    assert {(a.flag_kind, a.flag_subject) for a in answered} <= raised


def test_every_demo_action_and_its_log_passes_the_models_own_checks(
    riverside: Partnership,
) -> None:
    for action in Action.objects.of(riverside):
        action.full_clean()
        revisions = action.updates.count()
        assert action.revision == revisions
        if not action.status_choice.to_do:
            assert action.updates.last().status == action.status


def test_loading_again_duplicates_nothing_in_few_queries(riverside: Partnership) -> None:
    counts = Action.objects.count(), ActionUpdate.objects.count()
    with CaptureQueriesContext(connection) as queries, loading():
        demo_actions.load()
    assert (Action.objects.count(), ActionUpdate.objects.count()) == counts
    assert len(queries) <= 15  # a handful of reads, one upsert, one delete, one insert
