"""Each outcome's verdict from its result indicators, the conditions an
accountability gap sets, and how sure a verdict is. The partnership's verdict
(:mod:`joinedup.core.verdict`) summarises its principal outcomes' verdicts.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any

from joinedup.core.baseline import Direction, Reading
from joinedup.core.numbers import plural
from joinedup.core.spc import Assurance
from joinedup.core.verdict_evidence import ACCOUNTABILITY_FLAGS, Evidence, OutcomeEvidence
from joinedup.core.verdict_thresholds import Thresholds
from joinedup.core.verdict_words import Fact, Level, VerdictKind, day, month

_CONDITION_WORDS = {
    "no_owner": "“{title}” has an accountable owner",
    "owner_without_authority": "“{title}” has an accountable owner with authority to commit "
    "resources to it",
    "owner_left": "“{title}” has a new accountable owner",
}


@dataclass(frozen=True)
class Condition:
    """What must happen, by when, for the verdict to stand: an outcome without an
    accountable owner with authority gets one. Overdue on a principal outcome,
    it makes the partnership's verdict "accountability lapsed"."""

    outcome: int | str
    title: str
    principal: bool
    kind: str  # the integrity flag: no_owner, owner_without_authority or owner_left
    detail: str  # the flag's own words
    since: dt.date  # when the gap appeared
    due: dt.date
    overdue: bool

    @property
    def text(self) -> str:
        what = _CONDITION_WORDS[self.kind].format(title=self.title)
        if self.overdue:
            return f"{what}: this was due by {day(self.due)} and is overdue"
        return f"{what} by {day(self.due)}"

    def as_dict(self) -> dict[str, Any]:
        return {
            "outcome": self.outcome,
            "title": self.title,
            "principal": self.principal,
            "kind": self.kind,
            "since": self.since.isoformat(),
            "due": self.due.isoformat(),
            "overdue": self.overdue,
            "text": self.text,
        }


@dataclass(frozen=True)
class Confidence:
    level: Level
    reasons: tuple[str, ...]

    def as_dict(self) -> dict[str, Any]:
        return {"level": self.level.value, "label": self.level.label, "reasons": list(self.reasons)}


@dataclass(frozen=True)
class OutcomeVerdict:
    key: int | str
    title: str
    principal: bool
    kind: VerdictKind
    readings: tuple[Reading, ...]  # every indicator, activity included
    confidence: Confidence
    condition: Condition | None
    facts: tuple[Fact, ...] = ()  # weighed against this outcome's verdict

    @property
    def judged(self) -> tuple[Reading, ...]:
        """The result indicators that can be judged: what the verdict rests on."""
        return tuple(r for r in self.readings if r.series.measures_results and r.judgeable)


def judge_outcome(
    outcome: OutcomeEvidence,
    readings: Sequence[Reading],
    condition: Condition | None,
    thresholds: Thresholds,
    weak: Collection[int | str] = (),
) -> OutcomeVerdict:
    """``weak``: the keys of series whose data is not complete or not recent."""
    judged = [r for r in readings if r.series.measures_results and r.judgeable]
    kind = results_kind(judged, weak)
    return OutcomeVerdict(
        key=outcome.key,
        title=outcome.title,
        principal=outcome.principal,
        kind=kind,
        readings=tuple(readings),
        confidence=confidence(judged, kind, thresholds),
        condition=condition,
    )


def results_kind(judged: Sequence[Reading], weak: Collection[int | str] = ()) -> VerdictKind:
    """What judged result indicators say together: a deterioration never hides
    behind an improvement elsewhere (that is mixed), and only a new or possibly
    new improvement counts as one, on data that is complete and recent (not a
    series in ``weak``): an improving verdict never rests on gaps or old values."""
    if not judged:
        return VerdictKind.NOT_YET_JUDGEABLE
    up = any(r.credited and r.series.key not in weak for r in judged)
    down = any(r.direction is Direction.DETERIORATING for r in judged)
    if up and down:
        return VerdictKind.MIXED
    if down:
        return VerdictKind.DETERIORATING
    if up:
        return VerdictKind.IMPROVING
    if any(r.assurance is Assurance.FAIL for r in judged):
        return VerdictKind.STABLE_OFF_TARGET
    return VerdictKind.STABLE


def conditions(evidence: Evidence, thresholds: Thresholds) -> dict[int | str, Condition]:
    """Each outcome's condition, from its accountability flag (one per outcome)."""
    outcomes = {outcome.key: outcome for outcome in evidence.outcomes}
    found: dict[int | str, Condition] = {}
    for flag in evidence.integrity:
        outcome = outcomes.get(flag.outcome) if flag.outcome is not None else None
        if flag.kind not in ACCOUNTABILITY_FLAGS or outcome is None or outcome.key in found:
            continue
        since = flag.since or evidence.on
        due = add_months(since, thresholds.condition_months)
        found[outcome.key] = Condition(
            outcome=outcome.key,
            title=outcome.title,
            principal=outcome.principal,
            kind=flag.kind,
            detail=flag.text,
            since=since,
            due=due,
            overdue=evidence.on > due,
        )
    return found


def add_months(date: dt.date, months: int) -> dt.date:
    """The same day ``months`` later (the month's last day where it is shorter)."""
    index = date.year * 12 + date.month - 1 + months
    year, month_index = divmod(index, 12)
    last = calendar.monthrange(year, month_index + 1)[1]
    return dt.date(year, month_index + 1, min(date.day, last))


def confidence(
    judged: Sequence[Reading],
    kind: VerdictKind,
    thresholds: Thresholds,
    outcomes: tuple[int, int] | None = None,
) -> Confidence:
    """How sure a verdict resting on ``judged`` is, and why. ``outcomes`` is
    (judged, all) principal outcomes, for the partnership's verdict."""
    if not judged:
        return Confidence(Level.NONE, ("No result can be judged yet.",))
    longest = max(judged, key=lambda r: (r.points, r.months))
    assert longest.first is not None and longest.last is not None
    reasons = [
        f"The longest-running result has {plural(longest.points, 'point')} since the "
        f"partnership started, over {plural(longest.months, 'month')} "
        f"({month(longest.first)} to {month(longest.last)})."
    ]
    early = [r for r in judged if r.early(thresholds)]
    if len(early) == len(judged):
        reasons.append(
            f"That is early signs: under {thresholds.early_months} months since the start, "
            f"or under {thresholds.early_points} points of monthly data (two of each "
            "calendar month)."
        )
        return Confidence(Level.EARLY_SIGNS, tuple(reasons))
    weak = bool(early)
    reasons += [
        f"{r.series.name} has only early signs ({plural(r.points, 'point')})." for r in early
    ]
    wintry = [r for r in judged if r.seasonal]
    no_winter = [r for r in wintry if r.winters == 0]
    if no_winter:
        weak = True
        reasons += [
            f"{r.series.name} does not yet cover a whole winter (December to February)."
            for r in no_winter
        ]
    elif wintry:
        reasons.append(
            "Every weekly or monthly result covers at least one whole winter (December to "
            "February), when services are under most pressure."
        )
    without = [r for r in judged if not r.has_baseline]
    if without:
        weak = True
        reasons += [
            f"{r.series.name} has no baseline (fewer than 12 values before the start), so "
            "joinedup cannot tell whether a change there is new."
            for r in without
        ]
    else:
        reasons.append("Every result is judged against its own values from before the start.")
    carrying = sum(r.direction is not Direction.STABLE for r in judged)
    if kind.changed:
        weak = weak or carrying * 2 < len(judged)
    reasons.append(_carrying(carrying, len(judged)))
    if outcomes is not None and outcomes[0] < outcomes[1]:
        weak = True
        reasons.append(f"Only {outcomes[0]} of {outcomes[1]} principal outcomes can be judged.")
    return Confidence(Level.MODERATE if weak else Level.HIGH, tuple(reasons))


def _carrying(carrying: int, judged: int) -> str:
    if judged == 1:
        return f"The one result judged shows {'a' if carrying else 'no'} sustained signal now."
    if carrying == 0:
        return f"None of the {judged} results judged shows a sustained signal now."
    verb = "shows" if carrying == 1 else "show"
    return f"{carrying} of the {judged} results judged {verb} a sustained signal now."
