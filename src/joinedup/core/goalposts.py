"""When a changed target is a moved goalpost: the one rule that the integrity
flag, the history's tag and the verdict's "target eased" or "stretched" read
(docs/outcomes.md, "Moved goalposts"; ADR 0402).

Each change of target is kept as it was made, with whether values already
existed for periods up to that day (stored then, so that values imported
later for earlier periods cannot turn an honest change into a moved
goalpost: :func:`is_moved_goalpost`). Whether the goalpost *stands moved* is
read from those changes together, by :func:`moved_goalpost`:

1. A day's changes (London days) count as one, from the target before the
   day's first change to the target after its last: a typo put right the
   same day (200, then back to none) is a correction, not a move.
2. The target the data was judged by is the one in force before the first
   day that changed a set target once values existed. Setting a first target
   moves nothing.
3. The goalpost stands moved while the target now differs from that one. Put
   back, it does not: the data is judged by the target it always was.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import groupby


def is_moved_goalpost(
    old_target: float | None, new_target: float | None, periods: Iterable[dt.date], on: dt.date
) -> bool:
    """Whether a change of target made ``on`` a day changed a set target when
    values for periods up to that day already existed: stored with the change."""
    return old_target != new_target and old_target is not None and any(p <= on for p in periods)


@dataclass(frozen=True)
class TargetEdit:
    """One change of an indicator's target as its history keeps it."""

    changed_on: dt.date  # the London day it was made
    old: float | None
    new: float | None
    after_values: bool  # is_moved_goalpost, as stored when it was made


@dataclass(frozen=True)
class Goalpost:
    """A target that stands moved: from the one the data was judged by to the
    one now, on ``days`` days, the latest ``changed_on``. ``edits`` are the
    positions (in the edits given) of the changes that moved it."""

    judged_by: float
    now: float | None
    changed_on: dt.date
    days: int
    edits: frozenset[int]


def moved_goalpost(edits: Sequence[TargetEdit], now: float | None) -> Goalpost | None:
    """The goalpost ``edits`` (one indicator's, oldest first) leave moved while
    its target is ``now``, or None: never moved, corrected within a day, or put
    back to the target the data was judged by."""
    judged_by: float | None = None
    moves: list[tuple[dt.date, list[int]]] = []
    for day, group in groupby(enumerate(edits), key=lambda item: item[1].changed_on):
        numbered = list(group)
        first, last = numbered[0][1], numbered[-1][1]
        if first.old == last.new:
            continue  # put right within the day
        if first.old is None and not moves:
            continue  # a first target (or one set before any value)
        if first.old is not None and not any(edit.after_values for _, edit in numbered):
            continue  # changed before any value for its periods existed
        if not moves:
            judged_by = first.old
        moves.append((day, [i for i, _ in numbered]))
    if judged_by is None or judged_by == now:
        return None
    return Goalpost(
        judged_by=judged_by,
        now=now,
        changed_on=moves[-1][0],
        days=len(moves),
        edits=frozenset(i for _, positions in moves for i in positions),
    )
