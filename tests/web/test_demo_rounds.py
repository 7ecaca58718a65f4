"""The demo rounds: idempotent, and telling the story they are meant to tell."""

from __future__ import annotations

from typing import Any

import pytest

from joinedup.web import demo
from joinedup.web.assessments.models import Answer, Response, Round
from joinedup.web.assessments.results import round_results
from joinedup.web.demo.register import ACUTE, COUNCIL, PRIVATE, VOLUNTARY


@pytest.fixture
def loaded(db: Any, settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    demo.load()


def test_loading_twice_changes_nothing(loaded: None) -> None:
    counts = (Round.objects.count(), Response.objects.count(), Answer.objects.count())
    answers = Answer.objects.values_list("response__member_id", "statement", "score")
    scores = sorted(answers, key=str)
    demo.load()
    assert (Round.objects.count(), Response.objects.count(), Answer.objects.count()) == counts
    assert sorted(answers.all(), key=str) == scores


def test_two_closed_rounds_a_year_apart_and_one_open(loaded: None) -> None:
    rounds = list(Round.objects.filter(partnership__slug="riverside").order_by("opened_at"))
    assert [r.is_closed for r in rounds] == [True, True, False]
    assert rounds[1].closes_on.year - rounds[0].closes_on.year == 1


def test_the_results_tell_the_story(loaded: None) -> None:
    latest = Round.objects.closed().order_by("-opened_at").first()
    results = round_results(latest, lambda: pytest.fail("the demo freezes its closed rounds"))
    scores = results.scores
    for principle in ("authority", "accountability"):
        by_partner = scores.principle(principle).by_partner
        assert by_partner[ACUTE].mean >= 3.4
        assert by_partner[COUNCIL].mean <= 2.5
        assert by_partner[VOLUNTARY].mean <= 2.5
    assert len(scores.agenda) <= 7 and scores.also_raised
    top = scores.agenda[0]
    assert top.principle in ("authority", "accountability")
    assert top.high_partners == (ACUTE,)
    # The negatively worded statement most agree with is on the agenda as bad news.
    avoided = next(entry for entry in scores.agenda if entry.statement == "conflict.avoided")
    assert avoided.reasons[0] == "low" and avoided.figures[0].endswith(" agree")
    assert COUNCIL in avoided.high_partners and avoided.low_partners == (ACUTE,)
    pooled = next(s for s in scores.statements if s.id == "commitment.pooled_resources")
    assert pooled.split
    assert all(PRIVATE not in item.by_partner for item in scores.principles)
    pair = results.relationships.asymmetric_pairs[0]
    assert (pair.first, pair.second) == (ACUTE, COUNCIL)
    assert results.previous is not None
    accountability = next(c for c in results.change if c.id == "accountability")
    assert accountability.mean > 0.2
