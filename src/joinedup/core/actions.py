"""Actions: what a partnership agreed to do about what it found, who does it,
and by when.

Pure rules over plain values: whether an action is overdue, and the summary
the verdict and the board report read (how many are open, overdue, done
since a date; whether all of a set are overdue). Dates are London dates: the
caller passes "today" as the date in Europe/London (in the web app,
``django.utils.timezone.localdate()``), so an action due today is not overdue
until London's midnight. Docs: docs/actions.md.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from joinedup.core.labels import Labelled
from joinedup.core.outcomes import FlagKind

TITLE_MAX = 200  # characters of an action's title
NOTE_MAX = 2000  # characters of a note in an action's log

# The integrity flags that say nobody is properly accountable for an outcome.
ACCOUNTABILITY_FLAGS = frozenset(
    {FlagKind.NO_OWNER, FlagKind.OWNER_LEFT, FlagKind.OWNER_WITHOUT_AUTHORITY}
)
# The principles of the default framework about who decides and who answers
# for results (core/frameworks/default.toml).
ACCOUNTABILITY_PRINCIPLES = frozenset({"accountability", "authority"})


class Status(Labelled):
    """Where an action stands. Open and in progress are still to do."""

    OPEN = "open", "Open", "Agreed, not started yet."
    IN_PROGRESS = "in_progress", "In progress", "The owner is working on it."
    DONE = "done", "Done", "Finished."
    DROPPED = "dropped", "Dropped", "No longer to be done: the log says why."

    @property
    def to_do(self) -> bool:
        """Still to be done: open or in progress."""
        return self in (Status.OPEN, Status.IN_PROGRESS)


def is_overdue(status: Status, due: dt.date, today: dt.date) -> bool:
    """Still to do and past its due date: due on 3 May, overdue from 4 May."""
    return status.to_do and today > due


def days_overdue(status: Status, due: dt.date, today: dt.date) -> int:
    """How many days past its due date an action still to do is; 0 otherwise."""
    return (today - due).days if is_overdue(status, due, today) else 0


@dataclass(frozen=True)
class ActionFacts:
    """One action as the summary sees it.

    ``closed_on`` is the London date it was last marked done or dropped (None
    while it is still to do). ``flag`` is the integrity flag it answers, if
    any; ``principle`` the framework principle of the agenda item it answers,
    if any.
    """

    id: int
    title: str
    status: Status
    due: dt.date
    closed_on: dt.date | None = None
    flag: FlagKind | None = None
    principle: str | None = None

    def overdue(self, today: dt.date) -> bool:
        return is_overdue(self.status, self.due, today)

    @property
    def on_accountability(self) -> bool:
        """It answers an owner flag, or an agenda item on authority or accountability."""
        return self.flag in ACCOUNTABILITY_FLAGS or self.principle in ACCOUNTABILITY_PRINCIPLES


@dataclass(frozen=True)
class ActionSummary:
    """A partnership's actions at a date, in counts a board reads.

    ``to_do`` counts open and in-progress actions, overdue ones included;
    ``overdue`` those of them past their due date; ``done_since`` the actions
    marked done on or after ``since``.
    """

    today: dt.date
    since: dt.date
    total: int
    to_do: int
    overdue: int
    done_since: int
    dropped_since: int


def summarise(actions: Iterable[ActionFacts], today: dt.date, since: dt.date) -> ActionSummary:
    """Counts of ``actions`` on ``today`` (a London date), with what was done from ``since``."""
    listed = list(actions)

    def closed_since(status: Status) -> int:
        return sum(
            a.status is status and a.closed_on is not None and a.closed_on >= since for a in listed
        )

    return ActionSummary(
        today=today,
        since=since,
        total=len(listed),
        to_do=sum(a.status.to_do for a in listed),
        overdue=sum(a.overdue(today) for a in listed),
        done_since=closed_since(Status.DONE),
        dropped_since=closed_since(Status.DROPPED),
    )


def all_overdue(actions: Iterable[ActionFacts], today: dt.date) -> bool:
    """Whether every one of ``actions`` that was not dropped is overdue, and there is one.

    A done action is not overdue, so any done action makes this False; a
    dropped one is left out (the partnership decided, for the record, not to
    do it). No actions at all is False: nothing agreed is nothing overdue.
    """
    kept = [a for a in actions if a.status is not Status.DROPPED]
    return bool(kept) and all(a.overdue(today) for a in kept)


def quarter_before(day: dt.date) -> dt.date:
    """The same day three months earlier (the last day of a shorter month):
    where "since the last report" starts for a quarterly board report on ``day``."""
    month = day.month - 3
    year, month = (day.year - 1, month + 12) if month <= 0 else (day.year, month)
    last = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)).day
    return dt.date(year, month, min(day.day, last))


@dataclass(frozen=True)
class Standing:
    """Where an action stands: its status, due date, owner (an id) and the
    London date it was last marked done or dropped (None while still to do)."""

    status: Status
    due: dt.date
    owner: int
    closed_on: dt.date | None


@dataclass(frozen=True)
class Change:
    """One update of an action's log, on a London date: each of status, due
    date and owner is (old, new) when the update changed it, else None."""

    on: dt.date
    status: tuple[Status, Status] | None = None
    due: tuple[dt.date, dt.date] | None = None
    owner: tuple[int, int] | None = None


def stood(now: Standing, log: Iterable[Change], day: dt.date) -> Standing:
    """How an action that stands as ``now`` after every update in ``log``
    stood at the end of ``day``: the updates made after ``day`` are undone,
    newest first. Its closing date is that of the last update on or before
    ``day`` that closed it (or, without one, its own, if not after ``day``)."""
    changes = sorted(log, key=lambda change: change.on)
    status, due, owner = now.status, now.due, now.owner
    for change in reversed([change for change in changes if change.on > day]):
        if change.status is not None:
            status = change.status[0]
        if change.due is not None:
            due = change.due[0]
        if change.owner is not None:
            owner = change.owner[0]
    closed_on = None
    if not status.to_do:
        closing = [
            change.on
            for change in changes
            if change.on <= day and change.status is not None and not change.status[1].to_do
        ]
        if closing:
            closed_on = closing[-1]
        elif now.closed_on is not None and now.closed_on <= day:
            closed_on = now.closed_on
    return Standing(status, due, owner, closed_on)
