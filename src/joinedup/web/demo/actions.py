"""A year of Riverside's actions: some done (two in the last quarter, for the
board report), some in progress, some overdue.

They answer the hard-issues agenda of the Autumn 2025 round, the carers
outcome's missing owner and its other flags, and the discharge indicators.
Dates move with the calendar, as the open round's do, so the demo always has
actions overdue, due soon and done; an action answering the round is never
raised before the round closed. Loading again finds each action by its title
and replaces its log, in a fixed number of queries.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from joinedup.core.actions import Status
from joinedup.core.outcomes import FlagKind
from joinedup.web.actions.models import Action, ActionUpdate
from joinedup.web.demo.outcomes import BED_DAYS, CARERS, HOME, NO_DELAY
from joinedup.web.demo.register import RIVERSIDE
from joinedup.web.demo.rows import upsert
from joinedup.web.outcomes.models import Indicator, Outcome
from joinedup.web.partnerships.models import Member, Partnership

ROUND = "Autumn 2025"
CARERS_CONTACTED = "Carers contacted within 2 days of discharge"


@dataclass(frozen=True)
class Step:
    """One update of the log, ``day`` days from today (negative: in the past)."""

    day: int
    by: str
    status: Status | None = None
    due: int | None = None  # a new due date, in days from today
    note: str = ""


@dataclass(frozen=True)
class Demo:
    title: str
    owner: str  # username
    raised: int  # days from today
    due: int  # when it was raised; a step of the log may move it
    # ("agenda", statement id), ("outcome", title), ("indicator", name),
    # ("flag", kind, subject), or nothing.
    answers: tuple[str, ...] = ("",)
    log: tuple[Step, ...] = ()


IN_PROGRESS, DONE, DROPPED = Status.IN_PROGRESS, Status.DONE, Status.DROPPED

# fmt: off
ACTIONS = [
    Demo("Name an accountable owner for the carers outcome", "lead", -75, 20,
         ("flag", FlagKind.NO_OWNER, CARERS),
         (Step(-60, "lead", IN_PROGRESS, note="Asked Fatima Ali and Julie Brown; the board decides at its next meeting."),)),
    Demo("Write down who decides on discharge capacity, and bring it to the board", "a.novak", -50, -14,
         ("agenda", "authority.decision_rights"),
         (Step(-30, "a.novak", note="Draft shared with the bed meeting's chair; not agreed yet."),)),
    Demo("Agree one owner for the delayed discharge figure across the partners", "j.brown", -330, -240,
         ("agenda", "accountability.owner"),
         (Step(-300, "j.brown", IN_PROGRESS),
          Step(-250, "j.brown", DONE, note="Julie Brown owns it and reports it to the board every month."))),
    Demo("Settle who pays for bridging care", "m.osei", -120, -30,
         ("agenda", "conflict.settled"),
         (Step(-90, "m.osei", IN_PROGRESS, note="Costs of the last six months gathered from the council and the trust."),
          Step(-40, "lead", due=45, note="The finance directors meet in the new year: moved to after that meeting."))),
    Demo("Report the board's cost in staff time every quarter", "analyst", -300, -210,
         ("agenda", "cost.time_known"),
         (Step(-215, "analyst", DONE, note="The first quarterly cost report went to the board."),)),
    Demo("Agree how partners raise bad news at the board", "member", -20, 25,
         ("agenda", "trust.candour")),
    Demo("Try a trusted assessor for care home discharges for three months", "c.wright", -150, 60,
         ("indicator", NO_DELAY),
         (Step(-120, "c.wright", IN_PROGRESS, note="Two care homes signed up; the first assessments began this week."),)),
    Demo("Find out why delayed bed days rose last winter", "r.patel", -340, -280,
         ("indicator", BED_DAYS),
         (Step(-320, "r.patel", IN_PROGRESS),
          Step(-290, "r.patel", DONE, note="Two care homes closed to admissions in January: see the board paper."))),
    Demo("Check how wards record the discharge-ready date", "analyst", -200, -150,
         ("indicator", NO_DELAY),
         (Step(-160, "analyst", DONE, note="Four wards recorded it a day late; corrected from March."),)),
    Demo("Review the 92% target with the board", "lead", -260, -200,
         ("flag", FlagKind.MOVED_GOALPOST, NO_DELAY),
         (Step(-230, "lead", DROPPED, note="The board kept 92% for this year and will review it in April."),)),
    Demo("Count carers contacted in the year before the partnership, from the case records", "g.murphy", -60, -5,
         ("flag", FlagKind.TARGET_WITHOUT_BASELINE, CARERS_CONTACTED)),
    Demo("Agree with carers what being supported means for the carers outcome", "f.ali", -100, -45,
         ("outcome", CARERS)),
    Demo("Share the daily huddle's notes with every partner", "d.kowalski", -365, -330,
         ("outcome", HOME),
         (Step(-335, "d.kowalski", DONE),)),
    Demo("Agree the winter discharge plan with the care homes", "c.wright", -80, -10,
         ("outcome", HOME),
         (Step(-60, "c.wright", IN_PROGRESS, note="Draft sent to the six care homes that take most discharges."),
          Step(-12, "c.wright", DONE, note="Agreed with all six; it is in the winter pack."))),
    Demo("Check the carers' contact figures against the case records", "analyst", -70, -20,
         ("indicator", CARERS_CONTACTED),
         (Step(-35, "analyst", DONE, note="They match for every month checked."),)),
    Demo("Cover hospital social work over the Christmas fortnight", "k.ahmed", -30, 28,
         log=(Step(-25, "k.ahmed", IN_PROGRESS, note="Rota drafted; two posts still to fill."),)),
]
# fmt: on


def _at(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(10), timezone.get_current_timezone())


def load() -> None:
    riverside = Partnership.objects.get(slug=RIVERSIDE)
    people = {
        member.user.username: member
        for member in Member.objects.current().filter(partnership=riverside).select_related("user")
    }
    outcomes = {o.title: o for o in Outcome.objects.filter(partnership=riverside)}
    indicators = {i.name: i for i in Indicator.objects.of(riverside)}
    round = riverside.rounds.get(name=ROUND)
    today = timezone.localdate()
    # An action answering the round is raised after it closed.
    earliest = (
        timezone.localdate(round.closed_at) + dt.timedelta(days=7) if round.closed_at else today
    )

    def day(offset: int) -> dt.date:
        return today + dt.timedelta(days=offset)

    rows, logs = [], []
    for demo in ACTIONS:
        kind, what, subject = (*demo.answers, "", "")[:3]
        raised = max(day(demo.raised), earliest) if kind == "agenda" else day(demo.raised)
        action = Action(
            partnership=riverside,
            title=demo.title,
            owner=people[demo.owner],
            raised_by=people["lead"].user,
            raised_at=_at(raised),
            closed_at=None,
            revision=len(demo.log),
            round=round if kind == "agenda" else None,
            statement=what if kind == "agenda" else "",
            outcome=outcomes[what] if kind == "outcome" else None,
            indicator=indicators[what] if kind == "indicator" else None,
            flag_kind=what if kind == "flag" else "",
            flag_subject=subject,
        )
        # Replay the log from when it was raised, so each step's old values are right.
        status, due = Status.OPEN, day(demo.due)
        for step in demo.log:
            update = ActionUpdate(
                action=action, by=people[step.by].user, at=_at(day(step.day)), note=step.note
            )
            if step.status is not None:
                update.old_status, update.status = status, step.status
                status = step.status
                action.closed_at = None if status.to_do else update.at
            if step.due is not None:
                update.old_due_on, update.due_on = due, day(step.due)
                due = day(step.due)
            logs.append(update)
        action.status, action.due_on = status, due
        rows.append(action)
    fields = [
        "owner", "due_on", "status", "raised_by", "raised_at", "closed_at", "revision",
        "round", "statement", "outcome", "indicator", "flag_kind", "flag_subject",
    ]  # fmt: skip
    upsert(Action, rows, key=["partnership", "title"], fields=fields)
    ActionUpdate.objects.filter(action__in=rows).delete()
    for update in logs:
        update.action_id = update.action.pk
    ActionUpdate.objects.bulk_create(logs)
