"""A partnership's outcomes as facts: each indicator judged by SPC, and the
integrity flags. The outcome pages, the dashboard and the verdict read these.

Everything comes from a fixed handful of queries, however many indicators
and values there are.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils import timezone

from joinedup.core import spc
from joinedup.core.outcomes import (
    Frequency,
    IndicatorFacts,
    IntegrityFlag,
    Kind,
    OutcomeFacts,
    Owner,
    TargetChange,
    integrity_flags,
)
from joinedup.web.outcomes.models import ChangeRecord, Indicator, Outcome
from joinedup.web.partnerships.models import Partnership

PARTNERSHIP_START = "Partnership started"


def rebases(indicator: Indicator, started: dt.date) -> list[tuple[dt.date, str]]:
    """Where the chart starts new limits: the partnership's start and named interventions."""
    named = [(r.date, r.label) for r in indicator.rebase_dates.all()]
    return sorted([(started, PARTNERSHIP_START), *named])


def judge(indicator: Indicator, started: dt.date) -> IndicatorFacts:
    """The indicator and its SPC result (points and rebase dates prefetched or not)."""
    points = list(indicator.points.all())
    result = spc.analyse(
        [point.period for point in points],
        [point.value for point in points],
        improvement=indicator.improvement,
        target=indicator.target,
        rebase=[date for date, _ in rebases(indicator, started)],
    )
    return IndicatorFacts(
        id=indicator.pk,
        outcome_id=indicator.outcome_id,
        name=indicator.name,
        kind=Kind(indicator.kind),
        improvement=spc.Improvement(indicator.improvement),
        frequency=Frequency(indicator.frequency),
        target=indicator.target,
        started=started,
        result=result,
        points=len(points),
        baseline_points=sum(point.period < started for point in points),
        last_period=points[-1].period if points else None,
    )


@dataclass
class Board:
    """The partnership's outcomes (indicators prefetched), judged, with their flags."""

    outcomes: list[Outcome]
    indicators: dict[int, IndicatorFacts]
    flags: list[IntegrityFlag]

    def outcome(self, pk: int) -> Outcome:
        return next(outcome for outcome in self.outcomes if outcome.pk == pk)

    def indicator(self, pk: int) -> Indicator:
        return next(
            indicator
            for outcome in self.outcomes
            for indicator in outcome.indicators.all()
            if indicator.pk == pk
        )

    def flags_for(self, outcome: Outcome) -> list[IntegrityFlag]:
        return [flag for flag in self.flags if flag.outcome_id == outcome.pk]

    def indicator_flags(self, pk: int) -> list[IntegrityFlag]:
        return [flag for flag in self.flags if flag.indicator_id == pk]

    @property
    def partnership_flags(self) -> list[IntegrityFlag]:
        return [flag for flag in self.flags if flag.outcome_id is None]


def board(partnership: Partnership, today: dt.date | None = None) -> Board:
    """Every outcome of ``partnership`` with its indicators judged and all flags."""
    today = today or timezone.localdate()
    outcomes = list(
        partnership.outcomes.select_related("owner__user", "owner__partner").prefetch_related(
            "partners",
            Prefetch(
                "indicators",
                Indicator.objects.prefetch_related(
                    "points",
                    "rebase_dates",
                ),
            ),
        )
    )
    started = partnership.start_date
    indicators = {
        indicator.pk: judge(indicator, started)
        for outcome in outcomes
        for indicator in outcome.indicators.all()
    }
    goalposts = [
        TargetChange(
            indicator_id=indicator.pk,
            outcome_id=indicator.outcome_id,
            indicator=indicator.name,
            changed_on=change.changed_on,
            old=_number(change.old),
            new=_number(change.new),
        )
        for change in ChangeRecord.objects.filter(partnership=partnership, moved_goalpost=True)
        .select_related("indicator")
        .order_by("changed_at")
        if (indicator := change.indicator) is not None
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
    flags = integrity_flags(outcome_facts, list(indicators.values()), goalposts, today)
    return Board(outcomes, indicators, flags)


def partnership_facts(
    partnership: Partnership, today: dt.date | None = None
) -> tuple[list[IndicatorFacts], list[IntegrityFlag]]:
    """Each indicator's facts (SPC judged since the partnership started) and every
    integrity flag of the partnership's outcomes: what the verdict needs."""
    facts = board(partnership, today)
    return list(facts.indicators.values()), facts.flags


def _number(text: str) -> float | None:
    return float(text) if text else None
