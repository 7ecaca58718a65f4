"""Demo assessment rounds for Riverside: two closed a year apart, one open.

The answers are drawn from a seeded random generator around targets that tell
a story the results make visible: the acute trust rates decision rights and
accountability far higher than the council and the voluntary sector; the
partners are split on the pooled budget; HomeFirst Care, with two members, is
always pooled as "other partners"; and accountability improves in the second
round once outcome owners were named. Rounds and responses are found by their
natural keys; a demo response's answers are replaced as a whole, which keeps
re-running idempotent and fast.
"""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from joinedup.core.framework import Framework, builtin_text
from joinedup.web.assessments import evidence
from joinedup.web.assessments.invitations import invite
from joinedup.web.assessments.models import (
    Answer,
    Comment,
    RelationshipRating,
    Response,
    Round,
    Snapshot,
)
from joinedup.web.assessments.snapshots import compute
from joinedup.web.demo.register import ACUTE, COMMUNITY, COUNCIL, PRIVATE, RIVERSIDE, VOLUNTARY
from joinedup.web.partnerships.models import Member, Partnership

# Everyone who answers a closed round. Daniel Kowalski never does, which
# leaves the community trust below the minimum group too, so the pool of
# "other partners" reaches it without taking a third partner in.
CLOSED_RESPONDENTS = [
    "lead", "analyst", "r.patel", "a.novak",
    "member", "j.brown", "k.ahmed", "l.evans",
    "f.ali", "g.murphy", "b.thompson",
    "m.osei", "s.hughes",
    "c.wright", "o.james",
]  # fmt: skip
# The open round: some have answered; `member` and `g.murphy` have not (the
# browser test answers as them).
OPEN_RESPONDENTS = [
    "analyst", "r.patel", "a.novak", "j.brown", "k.ahmed", "f.ali", "b.thompson", "m.osei",
    "c.wright",
]  # fmt: skip

# The mean each principle is answered around, before each partner's own view.
BASE = {
    "need": 3.1, "purpose": 2.8, "commitment": 2.6, "trust": 2.7, "arrangements": 2.7,
    "learning": 2.4, "authority": 2.3, "accountability": 2.2, "conflict": 2.2,
    "stability": 2.6, "added_value": 2.5, "cost": 2.0,
}  # fmt: skip
# The acute trust sees the partnership more favourably everywhere, and sees
# decision rights and accountability as settled: they are, in its favour.
PARTNER_VIEW = {
    ACUTE: {"*": 0.3, "authority": 1.5, "accountability": 1.5},
    COUNCIL: {"*": 0.0, "authority": -0.6, "accountability": -0.5},
    VOLUNTARY: {"*": -0.1, "authority": -0.7, "accountability": -0.6},
    COMMUNITY: {"*": 0.1},
    PRIVATE: {"*": -0.1},
}
# A year on: outcome owners were named, and a winter of disputes cost some trust.
SECOND_YEAR = {"accountability": 0.6, "learning": 0.4, "trust": -0.3}
SPLIT_STATEMENT = "commitment.pooled_resources"
# The negatively worded statement ("Some important questions never reach the
# agenda..."): after that winter the council and the voluntary sector agree
# with it, and the acute trust does not. Added to the favourable target.
AVOIDED_STATEMENT = "conflict.avoided"
AVOIDED_VIEW = {ACUTE: 0.9, COUNCIL: -0.4, VOLUNTARY: -0.4}
DONT_KNOW_SHARE = {"cost": 0.35, "*": 0.04}

# (rating partner, rated partner) -> level; the rest default to 3.
RELATIONSHIPS = {
    (ACUTE, COUNCIL): 4, (COUNCIL, ACUTE): 2,
    (ACUTE, COMMUNITY): 4, (COMMUNITY, ACUTE): 4,
    (ACUTE, VOLUNTARY): 2, (VOLUNTARY, ACUTE): 2,
    (ACUTE, PRIVATE): 2, (PRIVATE, ACUTE): 2, (COUNCIL, PRIVATE): 4, (PRIVATE, COUNCIL): 3,
}  # fmt: skip

COMMENTS = {
    "authority": [
        "Decisions about discharge capacity are taken at the hospital's daily bed meeting; "
        "the board hears about them afterwards.",
        "We are told what has been decided rather than asked.",
        "It is clear who decides, and it is not the partnership board.",
    ],
    "accountability": [
        "Nobody owns the delayed discharge figure across the partners: each of us owns a piece.",
        "Owners are named in the plan, but they cannot move money to fix anything.",
    ],
    "commitment": [
        "The pooled budget covers reablement only; everything else is argued case by case.",
        "The section 75 agreement works well for us.",
        "Our contribution rises every year while our say stays the same.",
    ],
    "cost": ["I have no idea what the board's meetings cost in staff time."],
    "trust": ["People are more candid in the corridor than in the meeting."],
    "conflict": ["Who pays for bridging care has been put off three times."],
}


def _target(partner: str, principle: str, year: int) -> float:
    view = PARTNER_VIEW[partner]
    target = BASE[principle] + view.get(principle, view["*"])
    if year > 1:
        target += SECOND_YEAR.get(principle, 0.0)
    return target


def _scores(
    rng: random.Random, framework: Framework, partner: str, year: int, position: int
) -> dict[str, int | None]:
    scores: dict[str, int | None] = {}
    for statement in framework.statements:
        dont_know = DONT_KNOW_SHARE.get(statement.principle, DONT_KNOW_SHARE["*"])
        if rng.random() < dont_know:
            scores[statement.id] = None
            continue
        if statement.id == SPLIT_STATEMENT:
            # Every other respondent on each side, whatever their partner: a split.
            good = rng.choice((1, 2) if position % 2 else (3, 4))
        else:
            target = _target(partner, statement.principle, year)
            if statement.id == AVOIDED_STATEMENT and year > 1:
                target += AVOIDED_VIEW.get(partner, 0.0)
            good = min(4, max(1, round(rng.gauss(target, 0.45))))
        # The targets are good news; a reverse-scored statement is answered the other way.
        scores[statement.id] = 5 - good if statement.reverse else good
    return scores


def _level(rng: random.Random, rater: str, about: str) -> int:
    level = RELATIONSHIPS.get((rater, about), 3)
    if rng.random() < 0.2:
        level += rng.choice((-1, 1))
    return min(5, max(0, level))


def _answer(
    round: Round, members: dict[str, Member], usernames: list[str], year: int, seed: int
) -> None:
    rng = random.Random(seed)
    framework = round.framework
    partners = list(round.partnership.partners.all())
    commenters = {
        principle: rng.sample(usernames, len(texts)) for principle, texts in COMMENTS.items()
    }
    for position, username in enumerate(usernames):
        member = members[username]
        response, _ = Response.objects.update_or_create(
            round=round,
            member=member,
            defaults={"partner": member.partner, "finished_at": round.opened_at},
        )
        response.answers.all().delete()
        response.comments.all().delete()
        response.relationship_ratings.all().delete()
        scores = _scores(rng, framework, member.partner.name, year, position)
        Answer.objects.bulk_create(
            Answer(response=response, statement=statement, score=score)
            for statement, score in scores.items()
        )
        Comment.objects.bulk_create(
            Comment(response=response, principle=principle, text=texts[who.index(username)])
            for (principle, texts), who in zip(COMMENTS.items(), commenters.values(), strict=True)
            if username in who
        )
        RelationshipRating.objects.bulk_create(
            RelationshipRating(
                response=response,
                about=about,
                level=_level(rng, member.partner.name, about.name),
            )
            for about in partners
            if about != member.partner
        )


def _round(partnership: Partnership, name: str, **fields: object) -> Round:
    """The round ``name``, its members invited afresh as they were when it opened."""
    found, _ = Round.objects.update_or_create(
        partnership=partnership,
        name=name,
        defaults={"framework_text": builtin_text(), "min_group": 3, "agenda_size": 7, **fields},
    )
    found.invitations.all().delete()
    invite(found)
    return found


def _freeze(closed: Round) -> None:
    """Freeze a closed round's results again: its answers have just been replaced."""
    judged = evidence.results_back_it(closed.partnership)
    Snapshot.objects.update_or_create(
        round=closed, defaults={"data": compute(closed, judged), "made_at": closed.closed_at}
    )


def load() -> None:
    riverside = Partnership.objects.get(slug=RIVERSIDE)
    members = {
        member.user.username: member
        for member in Member.objects.current()
        .filter(partnership=riverside)
        .select_related("user", "partner")
    }
    lead = members["lead"].user
    london = timezone.get_current_timezone()
    for year, (name, opened, closes_on) in enumerate(
        [
            ("Autumn 2024", dt.date(2024, 9, 16), dt.date(2024, 10, 11)),
            ("Autumn 2025", dt.date(2025, 9, 15), dt.date(2025, 10, 10)),
        ],
        start=1,
    ):
        closed = _round(
            riverside,
            name,
            opened_by=lead,
            opened_at=dt.datetime.combine(opened, dt.time(9), london),
            closes_on=closes_on,
            closed_at=dt.datetime.combine(closes_on, dt.time(17), london),
        )
        _answer(closed, members, CLOSED_RESPONDENTS, year, seed=2023 + year)
        _freeze(closed)

    # The open round moves with the calendar, so the demo always has one to answer.
    today = timezone.localdate()
    current = _round(
        riverside,
        "Follow-up round",
        opened_by=lead,
        opened_at=timezone.now() - dt.timedelta(days=10),
        closes_on=today + dt.timedelta(days=21),
        closed_at=None,
    )
    _answer(current, members, OPEN_RESPONDENTS, 2, seed=2026)
