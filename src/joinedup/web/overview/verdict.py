"""The verdict from the database: gather a partnership's facts (its outcomes'
series, integrity flags with when each accountability gap appeared, effort,
partners, pooled budget, the latest assessment, its actions) and hand them to the core
(joinedup.core.verdict), which decides.

The dashboard, the CLI and the assessments' comfortable consensus flag all
come through here, so they always agree.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db.models import Sum

from joinedup.core.effort import MonthlyEffort
from joinedup.core.verdict import Verdict, judge, results_back
from joinedup.core.verdict_evidence import (
    AssessmentEvidence,
    Evidence,
    IntegrityEvidence,
    OutcomeEvidence,
)
from joinedup.core.verdict_thresholds import Thresholds
from joinedup.web.actions.facts import partnership_actions
from joinedup.web.assessments.models import Round
from joinedup.web.assessments.results import round_scores
from joinedup.web.effort import chart, series
from joinedup.web.outcomes.facts import Board, board
from joinedup.web.partnerships.models import Partnership


def outcomes(found: Board) -> tuple[OutcomeEvidence, ...]:
    """Each outcome with its indicators' series, by database id."""
    return tuple(
        OutcomeEvidence(
            key=outcome.pk,
            title=outcome.title,
            indicators=tuple(found.series[i.pk] for i in outcome.indicators.all()),
            principal=outcome.principal,
        )
        for outcome in found.outcomes
    )


def results_back_it(partnership: Partnership, found: Board | None = None) -> bool | None:
    """Whether the outcome results back a high, agreed assessment of trust
    (None until a result can be judged): what ``joinedup.core.assessment.score``
    takes as ``results_back_it``."""
    return results_back(outcomes(found or board(partnership)))


def latest_closed_round(partnership: Partnership, as_of: dt.date | None = None) -> Round | None:
    """The partnership's most recently opened round that had closed by ``as_of``
    (a London date; by now without one)."""
    if as_of is None:
        return partnership.rounds.closed().order_by("-opened_at").first()
    closed = [r for r in partnership.rounds.closed() if r.closed_on <= as_of]
    return max(closed, key=lambda r: r.opened_at, default=None)


def _assessment(
    partnership: Partnership, backed: bool | None, as_of: dt.date | None
) -> AssessmentEvidence | None:
    latest = latest_closed_round(partnership, as_of)
    if latest is None:
        return None
    return AssessmentEvidence(latest.name, tuple(round_scores(latest, backed).flags))


def pooled_budget(partnership: Partnership) -> Decimal | None:
    """The pooled budget's average year, over the years recorded (None without one)."""
    years = list(
        partnership.budget_contributions.values("year")
        .annotate(total=Sum("amount"))
        .values_list("total", flat=True)
    )
    total = sum(years, Decimal(0))
    return total / len(years) if total else None


def evidence(
    partnership: Partnership,
    found: Board,
    effort: list[MonthlyEffort] | None = None,
    as_of: dt.date | None = None,
) -> Evidence:
    """Every fact the verdict weighs, as ``found`` stands; ``effort`` saves reading
    it again. With ``as_of``, the rounds and actions as they stood at the end of
    that day, and the effort of months that began by then (docs/report.md)."""
    judged = outcomes(found)
    if effort is None:
        effort = series.effort_until(partnership, as_of)
    return Evidence(
        on=found.today,
        outcomes=judged,
        integrity=tuple(
            IntegrityEvidence(
                flag.kind.value,
                flag.subject,
                flag.detail,
                outcome=flag.outcome_id,
                indicator=flag.indicator_id,
                since=found.gap_since(flag),
            )
            for flag in found.flags
        ),
        effort=tuple(effort),
        partners=partnership.partners.count(),
        pooled_budget=pooled_budget(partnership),
        assessment=_assessment(partnership, results_back(judged), as_of),
        actions=tuple(partnership_actions(partnership, as_of)),
    )


def partnership_verdict(
    partnership: Partnership, thresholds: Thresholds | None = None, today: dt.date | None = None
) -> Verdict:
    """The verdict on ``partnership`` as its data stands ``today``."""
    return judge(evidence(partnership, board(partnership, today)), thresholds)


def dashboard(partnership: Partnership) -> dict[str, Any]:
    """What the overview page shows: the verdict, the outcomes, then the cost."""
    found = board(partnership)
    effort = series.effort_until(partnership)
    table = series.cost_table(effort)
    return {
        "verdict": judge(evidence(partnership, found, effort)),
        "board": found,
        "cost_table": table,
        "cost_charts": chart.charts(table),
    }
