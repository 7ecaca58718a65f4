"""Rounds and answers made straight in the database, for the assessment tests."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.models import User
from django.utils import timezone

from joinedup.core.framework import default_framework, default_framework_text
from joinedup.core.register import Role
from joinedup.web.assessments.models import (
    Answer,
    Comment,
    RelationshipRating,
    Response,
    Round,
)
from joinedup.web.partnerships.models import Member, Partner
from tests.web.conftest import World

STATEMENTS = [statement.id for statement in default_framework().statements]


def make_round(world: World, name: str = "Spring 2026", **fields: Any) -> Round:
    fields.setdefault("closes_on", timezone.localdate() + dt.timedelta(days=14))
    return Round.objects.create(
        partnership=world.partnership,
        name=name,
        framework_text=default_framework_text(),
        opened_by=world.owner,
        **fields,
    )


def close(round: Round) -> Round:
    round.closed_at = timezone.now()
    round.save(update_fields=["closed_at"])
    return round


def join(world: World, username: str, partner: Partner, role: Role = Role.MEMBER) -> Member:
    user = User.objects.create_user(username, first_name=username.capitalize())
    return Member.objects.create(
        partnership=world.partnership,
        user=user,
        partner=partner,
        role=role,
        start_date=dt.date(2022, 4, 1),
    )


def answer(
    round: Round,
    member: Member,
    score: int | None = 3,
    *,
    scores: dict[str, int | None] | None = None,
    levels: dict[Partner, int] | None = None,
    comments: dict[str, str] | None = None,
) -> Response:
    """``member`` answers every statement with ``score``, except those in ``scores``."""
    response = Response.objects.create(round=round, member=member, partner=member.partner)
    chosen = {statement: score for statement in STATEMENTS} | (scores or {})
    Answer.objects.bulk_create(
        Answer(response=response, statement=statement, score=value)
        for statement, value in chosen.items()
    )
    for about, level in (levels or {}).items():
        RelationshipRating.objects.create(response=response, about=about, level=level)
    for principle, text in (comments or {}).items():
        Comment.objects.create(response=response, principle=principle, text=text)
    return response


def members(world: World) -> list[Member]:
    return list(world.partnership.members.all())


def closed_round_with_answers(world: World) -> Round:
    """A closed round answered by the world's four members."""
    round = make_round(world, name="Answered")
    for member in members(world):
        answer(round, member)
    return close(round)
