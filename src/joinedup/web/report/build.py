"""What the board report holds, as it stood on a date: gathered from the
builders the partnership's own pages use (the verdict, the outcomes' board
and charts, a round's frozen results, the actions, the cost), so the report
never says anything its pages would not.

The as-of rule (docs/report.md): values of periods that began by the date,
rounds closed by it, actions raised by it with the status, owner and due date
their logs say they had at its end, and the effort of months that began by it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from joinedup.core.actions import ActionSummary, Status, quarter_before, summarise
from joinedup.core.outcomes import IndicatorFacts
from joinedup.core.quality import Quality
from joinedup.core.summary import Group, groups
from joinedup.core.verdict import Verdict, judge
from joinedup.web.actions import links
from joinedup.web.actions.facts import actions_as_of
from joinedup.web.actions.models import Action
from joinedup.web.assessments.models import Round
from joinedup.web.assessments.results import RoundResults, round_results
from joinedup.web.assessments.views import helpers
from joinedup.web.effort import chart as cost_charts
from joinedup.web.effort import series as cost
from joinedup.web.outcomes.facts import Board, Drawn, board
from joinedup.web.outcomes.models import Indicator, Outcome
from joinedup.web.outcomes.quality import partnership_quality
from joinedup.web.outcomes.summary import summary_rows
from joinedup.web.overview.verdict import evidence, latest_closed_round, results_back_it
from joinedup.web.partnerships.models import Partnership

# An indicator whose source says this shows real public sector figures: the
# report credits the licence (docs/data/discharges.md).
OGL = "Open Government Licence"
OGL_CREDIT = "Contains public sector information licensed under the Open Government Licence v3.0."


@dataclass(frozen=True)
class Charted:
    """One indicator in the report: its facts, chart and data-quality marks."""

    indicator: Indicator
    facts: IndicatorFacts
    drawn: Drawn
    quality: Quality


@dataclass(frozen=True)
class Actions:
    """The actions as they stood: overdue, the rest still to do, and those
    done or dropped in the quarter before the report (``summary.since`` on)."""

    overdue: list[Action]
    to_do: list[Action]
    done: list[Action]
    dropped: list[Action]
    summary: ActionSummary
    statements: dict[tuple[int, str], tuple[str, str]]


@dataclass(frozen=True)
class Report:
    partnership: Partnership
    as_of: dt.date
    made_at: dt.datetime
    verdict: Verdict
    board: Board
    summary: list[Group]  # the summary table's rows, by outcome
    round: Round | None
    results: RoundResults | None  # None without a round, or with too few answers
    actions: Actions
    charts: list[tuple[Outcome, list[Charted]]]
    cost_table: cost.CostTable | None
    cost_charts: dict[str, Any]
    credited: list[str]  # indicators showing figures under the OGL

    @property
    def as_made(self) -> bool:
        """Whether the report's day had not ended when it was made (as of
        today, London): its data is as it stood when it was made, not at the
        end of the day."""
        return self.as_of >= timezone.localdate(self.made_at)

    @property
    def shown_round(self) -> bool:
        return self.results is not None

    @property
    def quality_gaps(self) -> list[Charted]:
        return [charted for _, row in self.charts for charted in row if charted.quality.failed]


def build(partnership: Partnership, as_of: dt.date | None = None) -> Report:
    """The board report on ``partnership`` as it stood at the end of ``as_of``
    (a London date; today without one)."""
    day = as_of or timezone.localdate()
    found = board(partnership, as_of=day)
    effort = cost.effort_until(partnership, day)
    latest = latest_closed_round(partnership, day)
    results = None
    if latest is not None:
        results = round_results(latest, lambda: results_back_it(partnership, found))
        if results.scores.respondents < results.min_group:
            results = None
    started = partnership.start_date
    quality = partnership_quality(partnership, as_of=day)
    charts = [
        (
            outcome,
            [
                Charted(
                    indicator,
                    found.indicators[indicator.pk],
                    found.drawn(indicator, started),
                    quality[indicator.pk],
                )
                for indicator in outcome.indicators.all()
            ],
        )
        for outcome in found.outcomes
    ]
    table = cost.cost_table(effort)
    return Report(
        partnership=partnership,
        as_of=day,
        made_at=timezone.now(),
        verdict=judge(evidence(partnership, found, effort, day)),
        board=found,
        summary=groups(summary_rows(partnership, found, quality)),
        round=latest,
        results=results,
        actions=_actions(partnership, day),
        charts=charts,
        cost_table=table,
        cost_charts=cost_charts.charts(table),
        credited=[
            charted.indicator.name
            for _, row in charts
            for charted in row
            if OGL in charted.indicator.source
        ],
    )


def _actions(partnership: Partnership, day: dt.date) -> Actions:
    stood = actions_as_of(partnership, day)
    since = quarter_before(day)
    recent = sorted(
        (a for a in stood if a.closed_on is not None and a.closed_on >= since),
        key=lambda a: (a.closed_on, a.pk),
        reverse=True,
    )
    to_do = sorted((a for a in stood if a.status_choice.to_do), key=lambda a: (a.due_on, a.pk))
    return Actions(
        overdue=[a for a in to_do if a.days_overdue(day)],
        to_do=[a for a in to_do if not a.days_overdue(day)],
        done=[a for a in recent if a.status_choice is Status.DONE],
        dropped=[a for a in recent if a.status_choice is Status.DROPPED],
        summary=summarise([a.facts() for a in stood], day, since),
        statements=links.statements(stood),
    )


def context(report: Report) -> dict[str, Any]:
    """What the report's templates read: the report, and the results' helpers."""
    return {
        "report": report,
        "partnership": report.partnership,
        "verdict": report.verdict,
        "board": report.board,
        "unfolded": True,
        "ogl_credit": OGL_CREDIT,
        **helpers(),
    }
