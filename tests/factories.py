"""Objects the tests build, each written once.

Pure helpers (dates, SPC series) work anywhere; the rest need the database
(a test with the ``db`` fixture, or ``world``). Test modules import from here,
never from each other.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from joinedup.core.effort import Grade
from joinedup.core.framework import builtin, builtin_text
from joinedup.core.outcomes import Kind
from joinedup.core.register import Role, Sector, Stage
from joinedup.core.spc import SpcResult, analyse
from joinedup.web.accounts.models import Invitation
from joinedup.web.actions.models import Action
from joinedup.web.assessments import evidence, snapshots
from joinedup.web.assessments.invitations import invite
from joinedup.web.assessments.models import Answer, Comment, RelationshipRating, Response, Round
from joinedup.web.effort.models import Expense, Meeting, StaffTime
from joinedup.web.jobs.models import Job
from joinedup.web.outcomes.models import DataPoint, Indicator, IndicatorEvent, Outcome
from joinedup.web.partnerships.models import Member, Partner, Partnership

# The test partnership starts in April 2022, as the demo's Riverside does.
START = dt.date(2022, 4, 1)


def month(n: int, start: dt.date = START) -> dt.date:
    """The first day of the month ``n`` months after ``start``'s."""
    index = start.year * 12 + start.month - 1 + n
    return dt.date(index // 12, index % 12 + 1, 1)


def months(count: int, start: dt.date = dt.date(2020, 1, 1)) -> list[dt.date]:
    return [month(n, start) for n in range(count)]


# SPC series.

# Twelve points alternating 9 and 11: mean exactly 10, mean moving range 2, so
# UPL 15.32, LPL 4.68 and near lines 10 +- 3.5467. With baseline=12 the points
# that follow are judged against these lines.
BASE = [9.0, 11.0] * 6
# The specification's worked check of a shift (docs/spc.md).
SHIFT = [10, 12, 10, 12, 10, 12, 10, 12, 10, 11.5, 11.4, 11.6, 11.5, 11.4, 11.6, 11.5]


def judge(values: list[float | None], **options: Any) -> SpcResult:
    """``values`` as a monthly series from January 2020, judged."""
    return analyse(months(len(values)), values, **options)


# The register.


def make_partnership(slug: str = "riverside", **fields: Any) -> Partnership:
    fields = {
        "name": "Riverside Discharge Partnership",
        "purpose": "Home sooner.",
        "start_date": START,
        "declared_stage": Stage.COORDINATING,
        **fields,
    }
    return Partnership.objects.create(slug=slug, **fields)


def join(
    partnership: Partnership, user: User, partner: Partner, role: Role = Role.MEMBER, **extra: Any
) -> Member:
    return Member.objects.create(
        partnership=partnership, user=user, partner=partner, role=role, start_date=START, **extra
    )


def html(client: Client, url: str) -> str:
    """A page's HTML without its CSRF tokens, which change on every request."""
    page = client.get(url).content.decode()
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", page)


@dataclass
class World:
    """A partnership with an owner (its lead), a member, an analyst, a viewer,
    and an outsider who belongs only to another partnership."""

    partnership: Partnership
    acute: Partner
    council: Partner
    owner: User
    member: User
    analyst: User
    viewer: User
    outsider: User
    other: Partnership

    def client(self, who: str) -> Client:
        client = Client()
        client.force_login(getattr(self, who))
        return client

    def join(self, username: str, partner: Partner, role: Role = Role.MEMBER) -> Member:
        """A new user, a member of the partnership for ``partner``."""
        user = User.objects.create_user(username, first_name=username.capitalize())
        return join(self.partnership, user, partner, role)


def make_world() -> World:
    partnership = make_partnership(pooled_budget=True)
    acute = partnership.partners.create(
        name="Riverside Hospitals", sector=Sector.NHS, ods_code="R9R"
    )
    council = partnership.partners.create(
        name="Riverside County Council", sector=Sector.LOCAL_AUTHORITY, gss_code="E10000099"
    )
    users = {
        name: User.objects.create_user(name, password="pw", first_name=name.capitalize())
        for name in ("owner", "member", "analyst", "viewer", "outsider")
    }
    join(partnership, users["owner"], acute, Role.LEAD, can_commit_resources=True)
    join(partnership, users["member"], council, Role.MEMBER)
    join(partnership, users["analyst"], acute, Role.ANALYST)
    join(partnership, users["viewer"], council, Role.VIEWER)
    other = make_partnership(
        "northbank",
        name="Northbank Community Safety Partnership",
        purpose="Safer streets.",
        start_date=dt.date(2023, 9, 1),
        declared_stage=Stage.COOPERATIVE,
    )
    join(
        other,
        users["outsider"],
        other.partners.create(name="Northbank Council", sector=Sector.LOCAL_AUTHORITY),
        Role.LEAD,
    )
    return World(partnership, acute, council, other=other, **users)


def invite_person(world: World, email: str = "new@example.org") -> Invitation:
    """A pending invitation from the world's lead (no email sent)."""
    return Invitation.objects.create(
        partnership=world.partnership, partner=world.council, email=email, invited_by=world.owner
    )


def members(world: World) -> list[Member]:
    return list(world.partnership.members.all())


# Assessment rounds, made straight in the database.

STATEMENTS = [statement.id for statement in builtin().statements]


def make_round(world: World, name: str = "Spring 2026", **fields: Any) -> Round:
    """A round opened now, every current member invited (as opening it does)."""
    fields.setdefault("closes_on", timezone.localdate() + dt.timedelta(days=14))
    world.partnership.rounds.stamp_closed_by_date()
    made = Round.objects.create(
        partnership=world.partnership,
        name=name,
        framework_text=builtin_text(),
        opened_by=world.owner,
        **fields,
    )
    invite(made)
    return made


def round_form(**changes: object) -> dict[str, object]:
    """The form that opens a round, filled in: "Spring 2026", closing in three weeks."""
    closes = timezone.localdate() + dt.timedelta(days=21)
    data: dict[str, object] = {
        "name": "Spring 2026",
        "closes_on_0": str(closes.day),
        "closes_on_1": str(closes.month),
        "closes_on_2": str(closes.year),
        "min_group": "3",
        "agenda_size": "7",
    }
    data.update(changes)
    return data


def close(round: Round) -> Round:
    """Close ``round`` as the lead does: now, its results frozen as it closes."""
    judge = evidence.results_back_it
    assert snapshots.close(round, lambda: judge(round.partnership)) is not None
    return round


def close_by_date(round: Round) -> Round:
    """Let ``round``'s closing date pass: its results are frozen when first read."""
    round.closes_on = timezone.localdate() - dt.timedelta(days=1)
    round.save(update_fields=["closes_on"])
    return round


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


def closed_round_with_answers(world: World) -> Round:
    """A closed round answered by the world's four members."""
    round = make_round(world, name="Answered")
    for member in members(world):
        answer(round, member)
    return close(round)


# Outcomes and indicators.

# Monthly values: two flat years, and a year flat then a year well up.
FLAT = [50.0, 52.0, 49.0, 51.0] * 6
IMPROVED = [50.0, 52.0, 49.0, 51.0] * 3 + [70.0, 72.0, 69.0, 71.0] * 3


def make_outcome(world: World, title: str = "Home when ready", **fields: Any) -> Outcome:
    """The outcome ``title`` (made once), owned by the world's lead unless said."""
    fields.setdefault("owner", world.partnership.members.get(user=world.owner))
    outcome, _ = Outcome.objects.get_or_create(
        partnership=world.partnership, title=title, defaults=fields
    )
    return outcome


def add_values(indicator: Indicator, values: list[float], start: dt.date) -> None:
    DataPoint.objects.bulk_create(
        DataPoint(indicator=indicator, period=month(n, start), value=value)
        for n, value in enumerate(values)
    )


def make_indicator(
    world: World, values: list[float] | None = None, name: str = "Delayed bed days", **fields: Any
) -> Indicator:
    """The indicator ``name`` (made once), with monthly ``values`` from January 2021."""
    fields = {"unit": "bed days", "improvement": "decrease", "kind": Kind.BETTER_OFF, **fields}
    indicator, created = Indicator.objects.get_or_create(
        outcome=fields.pop("outcome", None) or make_outcome(world), name=name, defaults=fields
    )
    if created and values:
        add_values(indicator, values, dt.date(2021, 1, 1))
    return indicator


def make_event(world: World, **fields: Any) -> IndicatorEvent:
    """A rebase, with its reason, on the world's indicator (made once)."""
    fields = {"date": dt.date(2022, 1, 1), "kind": "rebase", "text": "Hub opened", **fields}
    event, _ = make_indicator(world).events.get_or_create(
        **fields, defaults={"reason": "A new process"}
    )
    return event


def home_indicator(
    outcome: Outcome, values: list[float], name: str = "Home on the day", kind: str = "better_off"
) -> Indicator:
    """A percentage to increase, with monthly ``values`` from the partnership's start."""
    made = outcome.indicators.create(
        name=name, unit="%", improvement="increase", kind=kind, frequency="monthly"
    )
    add_values(made, values, START)
    return made


# Actions.


def make_action(
    world: World,
    owner: str = "owner",
    title: str = "Name an owner for the carers outcome",
    **fields: Any,
) -> Action:
    """An action of the world's partnership owned by the user ``owner``, due in 30 days."""
    fields.setdefault("due_on", timezone.localdate() + dt.timedelta(days=30))
    return Action.objects.create(
        partnership=world.partnership,
        owner=world.partnership.members.get(user=getattr(world, owner)),
        title=title,
        raised_by=world.owner,
        **fields,
    )


def actions_url(world: World, name: str, *args: Any) -> str:
    """The address of the actions page ``name`` in the world's partnership."""
    return reverse(f"actions:{name}", args=[world.partnership.slug, *args])


# Jobs.


def make_job(world: World, key: str = "tests.import:1", **fields: Any) -> Job:
    """A job of the world's partnership, asked for by its lead, waiting for a worker."""
    fields.setdefault("kind", "tests.count")
    fields.setdefault("title", "Importing values")
    return Job.objects.create(
        partnership=world.partnership, key=key, requested_by=world.owner, **fields
    )


# Effort.


def meeting_data(world: World, **overrides: str) -> dict[str, str]:
    """The meeting form, filled in: a board on 15 May 2025 with five people."""
    data = {
        "title": "Partnership board",
        "date_0": "15",
        "date_1": "5",
        "date_2": "2025",
        "duration_minutes": "90",
        f"people_{world.acute.pk}_executive": "2",
        f"people_{world.council.pk}_manager": "3",
    }
    data.update(overrides)
    return data


def add_meeting(world: World, day: dt.date = dt.date(2025, 5, 15)) -> Meeting:
    meeting = world.partnership.meetings.create(date=day, title="Board", duration_minutes=120)
    meeting.attendance.create(partner=world.acute, grade=Grade.EXECUTIVE, people=2)
    meeting.attendance.create(partner=world.council, grade=Grade.MANAGER, people=1)
    return meeting


def add_staff_time(world: World) -> StaffTime:
    return world.partnership.staff_time.create(
        partner=world.acute,
        date=dt.date(2025, 5, 2),
        grade=Grade.SUPPORT,
        hours=Decimal(3),
        description="Papers",
    )


def add_expense(world: World) -> Expense:
    return world.partnership.expenses.create(
        partner=world.council, date=dt.date(2025, 5, 1), amount=Decimal("50"), description="Room"
    )


def monthly_meetings(world: World, people: int, count: int = 12, first: int = 12) -> None:
    """A two-hour meeting of ``people`` acute trust managers in each of ``count``
    months from the month ``first`` months after the start (its second year)."""
    for n in range(count):
        meeting = world.partnership.meetings.create(
            date=month(n + first), title="Board", duration_minutes=120
        )
        meeting.attendance.create(partner=world.acute, grade=Grade.MANAGER, people=people)


def outcomes_url(world: World, name: str, *args: Any) -> str:
    """The address of the outcomes page ``name`` in the world's partnership."""
    return reverse(f"outcomes:{name}", args=[world.partnership.slug, *args])


def confirm_import(client: Client, url: str) -> Any:
    """Press "Import the values" on the confirmation page at ``url``: post what
    its form carries (the check's token and the plan's fingerprint)."""
    page = client.get(url).content.decode()
    hidden = dict(re.findall(r'<input type="hidden" name="(held|plan)" value="([^"]*)">', page))
    return client.post(url.split("?")[0], hidden)
