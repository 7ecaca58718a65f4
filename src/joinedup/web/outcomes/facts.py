"""A partnership's outcomes as facts: each indicator's series and its SPC chart,
and the integrity flags. The outcome pages, the dashboard and the verdict read
these.

Everything comes from a fixed handful of queries, however many indicators
and values there are.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Prefetch, Q
from django.utils import timezone

from joinedup.core import spc
from joinedup.core.baseline import Series
from joinedup.core.events import Event, Numbered, numbered, rebase_dates, with_start
from joinedup.core.goalposts import Goalpost, TargetEdit, moved_goalpost
from joinedup.core.numbers import SeriesFormat, series_format
from joinedup.core.outcomes import (
    FlagKind,
    Frequency,
    IndicatorFacts,
    IntegrityFlag,
    Kind,
    OutcomeFacts,
    Owner,
    TargetChange,
    integrity_flags,
)
from joinedup.core.spc_words import describe
from joinedup.web.outcomes import chart
from joinedup.web.outcomes.chart import Chart
from joinedup.web.outcomes.models import (
    ChangeRecord,
    DataPoint,
    Indicator,
    IndicatorEvent,
    Outcome,
)
from joinedup.web.partnerships.models import Partnership


def events(indicator: Indicator, started: dt.date) -> list[Event]:
    """The indicator's events (prefetched or not) with the partnership's start,
    in date order: what its chart numbers."""
    return with_start([event.facts() for event in indicator.events.all()], started)


def series(indicator: Indicator, started: dt.date, goalpost: Goalpost | None = None) -> Series:
    """The indicator's values as the verdict reads them (points and events
    prefetched or not), with the goalpost its target stands moved from."""
    points = list(indicator.points.all())
    return Series(
        key=indicator.pk,
        name=indicator.name,
        kind=indicator.kind,
        improvement=spc.Improvement(indicator.improvement),
        frequency=Frequency(indicator.frequency),
        started=started,
        periods=tuple(point.period for point in points),
        values=tuple(point.value for point in points),
        target=indicator.target,
        original_target=goalpost.judged_by if goalpost else None,
        target_changed_on=goalpost.changed_on if goalpost else None,
        rebase=tuple(rebase_dates(event.facts() for event in indicator.events.all())),
    )


def judge(indicator: Indicator, judged: Series) -> IndicatorFacts:
    """The indicator and its chart, rebased at the partnership's start and at
    each named intervention."""
    return IndicatorFacts(
        id=indicator.pk,
        outcome_id=indicator.outcome_id,
        name=indicator.name,
        kind=Kind(indicator.kind),
        improvement=judged.improvement,
        frequency=judged.frequency,
        target=indicator.target,
        started=judged.started,
        result=judged.chart(),
        points=len(judged.periods),
        baseline_points=sum(period < judged.started for period in judged.periods),
        last_period=judged.periods[-1] if judged.periods else None,
    )


@dataclass(frozen=True)
class Drawn:
    """An indicator's chart as its page and the board report show it: the
    drawing (None without values), what it says in words, how its values are
    written, and its events (the partnership's start first), numbered."""

    chart: Chart | None
    summary: list[str]
    style: SeriesFormat
    events: list[Numbered]


@dataclass
class Board:
    """The partnership's outcomes (indicators prefetched), judged, with their
    flags, as they stand ``today``."""

    outcomes: list[Outcome]
    indicators: dict[int, IndicatorFacts]
    flags: list[IntegrityFlag]
    series: dict[int, Series]
    today: dt.date
    # When each outcome's owner last changed, as the history records it.
    owner_changed: dict[int, dt.date]
    # The history's changes of target that moved a goalpost that stands moved.
    moved_goalposts: frozenset[int] = frozenset()

    def outcome(self, pk: int) -> Outcome:
        return next(outcome for outcome in self.outcomes if outcome.pk == pk)

    def indicator(self, pk: int) -> Indicator:
        return next(
            indicator
            for outcome in self.outcomes
            for indicator in outcome.indicators.all()
            if indicator.pk == pk
        )

    def drawn(self, indicator: Indicator, started: dt.date) -> Drawn:
        """The chart of ``indicator`` (one of the board's) in a partnership that
        started on ``started``."""
        judged = self.indicators[indicator.pk]
        happened = events(indicator, started)
        points = judged.result.points
        style = series_format(indicator.unit, [point.value for point in points])
        drawn = chart.build(judged.result, happened, style, judged.frequency)
        return Drawn(
            drawn,
            describe(judged.result, style),
            style,
            drawn.events if drawn else numbered(happened, dt.date.max, dt.date.min),
        )

    def flags_for(self, outcome: Outcome) -> list[IntegrityFlag]:
        return [flag for flag in self.flags if flag.outcome_id == outcome.pk]

    def indicator_flags(self, pk: int) -> list[IntegrityFlag]:
        return [flag for flag in self.flags if flag.indicator_id == pk]

    @property
    def partnership_flags(self) -> list[IntegrityFlag]:
        return [flag for flag in self.flags if flag.outcome_id is None]

    def gap_since(self, flag: IntegrityFlag) -> dt.date | None:
        """When an outcome's accountability gap appeared: the day after its
        owner left, or when the owner last changed, or when it was set up."""
        if flag.outcome_id is None or flag.kind not in _OWNER_FLAGS:
            return None
        outcome = self.outcome(flag.outcome_id)
        if flag.kind is FlagKind.OWNER_LEFT and outcome.owner and outcome.owner.end_date:
            return outcome.owner.end_date + dt.timedelta(days=1)
        return self.owner_changed.get(outcome.pk) or timezone.localdate(outcome.created_at)


_OWNER_FLAGS = (FlagKind.NO_OWNER, FlagKind.OWNER_WITHOUT_AUTHORITY, FlagKind.OWNER_LEFT)


def board(
    partnership: Partnership, today: dt.date | None = None, *, as_of: dt.date | None = None
) -> Board:
    """Every outcome of ``partnership`` with its indicators judged and all flags.

    With ``as_of`` (a London date, which is then ``today`` too), only the
    values of periods that began by then, the events dated by then, and the
    targets and owners as the history had them by its end count
    (docs/report.md)."""
    today = as_of or today or timezone.localdate()
    points, happened = DataPoint.objects.all(), IndicatorEvent.objects.all()
    if as_of is not None:
        points, happened = points.filter(period__lte=as_of), happened.filter(date__lte=as_of)
    measured = (
        Indicator.objects.all()
        .prefetch_related(Prefetch("events", queryset=happened))
        .prefetch_related(Prefetch("points", queryset=points))
    )
    outcomes = list(
        partnership.outcomes.select_related("owner__user", "owner__partner").prefetch_related(
            "partners", Prefetch("indicators", measured)
        )
    )
    changes = ChangeRecord.objects.filter(partnership=partnership)
    if as_of is not None:
        changes = changes.filter(changed_at__lt=day_after(as_of))
    history = list(
        changes.filter(Q(field="target", indicator__isnull=False) | Q(field="owner"))
        .select_related("indicator")
        .order_by("changed_at", "pk")
    )
    every = [indicator for outcome in outcomes for indicator in outcome.indicators.all()]
    targets = {
        indicator.pk: [c for c in history if c.field == "target" and c.indicator_id == indicator.pk]
        for indicator in every
    }
    goalposts = {
        indicator.pk: goalpost
        for indicator in every
        if (goalpost := _goalpost(targets[indicator.pk], indicator.target)) is not None
    }
    started = partnership.start_date
    read = {
        indicator.pk: series(indicator, started, goalposts.get(indicator.pk)) for indicator in every
    }
    indicators = {
        indicator.pk: judge(indicator, read[indicator.pk])
        for outcome in outcomes
        for indicator in outcome.indicators.all()
    }
    moved = [
        TargetChange(
            indicator_id=indicator.pk,
            outcome_id=indicator.outcome_id,
            indicator=indicator.name,
            changed_on=goalpost.changed_on,
            old=goalpost.judged_by,
            new=goalpost.now,
            days=goalpost.days,
        )
        for indicator in every
        if (goalpost := goalposts.get(indicator.pk)) is not None
    ]
    outcome_facts = [
        OutcomeFacts(
            outcome.pk,
            outcome.title,
            None
            if outcome.owner is None
            else Owner(
                outcome.owner.display_name,
                outcome.owner.can_commit_resources,
                outcome.owner.end_date,
            ),
        )
        for outcome in outcomes
    ]
    flags = integrity_flags(outcome_facts, list(indicators.values()), moved, today)
    owner_changed = {
        change.outcome_id: change.changed_on
        for change in history
        if change.field == "owner" and change.outcome_id is not None
    }
    moved_by = frozenset(
        targets[pk][position].pk
        for pk, goalpost in goalposts.items()
        for position in goalpost.edits
    )
    return Board(outcomes, indicators, flags, read, today, owner_changed, moved_by)


def partnership_facts(
    partnership: Partnership, today: dt.date | None = None
) -> tuple[list[IndicatorFacts], list[IntegrityFlag]]:
    """Each indicator's facts (SPC judged since the partnership started) and every
    integrity flag of the partnership's outcomes: what the verdict needs."""
    facts = board(partnership, today)
    return list(facts.indicators.values()), facts.flags


def day_after(day: dt.date) -> dt.datetime:
    """The first moment after ``day`` ends in London."""
    return dt.datetime.combine(
        day + dt.timedelta(days=1), dt.time(), timezone.get_current_timezone()
    )


def _goalpost(changes: Sequence[ChangeRecord], now: float | None) -> Goalpost | None:
    """The goalpost an indicator's target changes (oldest first) leave moved."""
    edits = [
        TargetEdit(
            change.changed_on, _number(change.old), _number(change.new), change.moved_goalpost
        )
        for change in changes
    ]
    return moved_goalpost(edits, now)


def _number(text: str) -> float | None:
    return float(text) if text else None
