"""The verdict from the database: gather a partnership's facts (outcomes and
their SPC results, integrity flags, effort, the latest assessment) and hand
them to the core (joinedup.core.verdict), which decides.

The dashboard, the CLI and the assessments' comfortable consensus flag all
come through here, so they always agree.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from joinedup.core.effort import MonthlyEffort, totals
from joinedup.core.verdict import (
    AssessmentEvidence,
    Evidence,
    IndicatorEvidence,
    IntegrityEvidence,
    Thresholds,
    Verdict,
    indicator_evidence,
    judge,
    results_back_assessment,
)
from joinedup.web.assessments.results import round_scores
from joinedup.web.effort import chart, series
from joinedup.web.outcomes.facts import Board, board
from joinedup.web.partnerships.models import Partnership


def indicators(found: Board) -> tuple[IndicatorEvidence, ...]:
    """Each indicator's SPC evidence since the partnership started."""
    titles = {outcome.pk: outcome.title for outcome in found.outcomes}
    return tuple(
        indicator_evidence(
            facts.name, titles[facts.outcome_id], facts.kind.value, facts.result, facts.started
        )
        for facts in found.indicators.values()
    )


def results_back_it(partnership: Partnership, found: Board | None = None) -> bool | None:
    """Whether the outcome results back a high, agreed assessment of trust
    (None until a result can be judged): what ``joinedup.core.assessment.score``
    takes as ``results_back_it``."""
    return results_back_assessment(indicators(found or board(partnership)))


def _assessment(partnership: Partnership, backed: bool | None) -> AssessmentEvidence | None:
    latest = partnership.rounds.closed().order_by("-opened_at").first()
    if latest is None:
        return None
    return AssessmentEvidence(latest.name, tuple(round_scores(latest, backed).flags))


def evidence(
    partnership: Partnership, found: Board, effort: list[MonthlyEffort] | None = None
) -> Evidence:
    """Every fact the verdict weighs; ``effort`` saves reading it again."""
    judged = indicators(found)
    if effort is None:
        effort = series.effort_rows(partnership)
    return Evidence(
        indicators=judged,
        effort=totals(effort),
        assessment=_assessment(partnership, results_back_assessment(judged)),
        integrity=tuple(
            IntegrityEvidence(flag.kind.value, flag.subject, flag.detail) for flag in found.flags
        ),
    )


def partnership_verdict(
    partnership: Partnership, thresholds: Thresholds | None = None, today: dt.date | None = None
) -> Verdict:
    """The verdict on ``partnership`` as its data stands ``today``."""
    return judge(evidence(partnership, board(partnership, today)), thresholds)


def dashboard(partnership: Partnership) -> dict[str, Any]:
    """What the overview page shows: the verdict, the outcomes, then the cost."""
    found = board(partnership)
    effort = series.effort_rows(partnership)
    table = series.cost_table(effort)
    return {
        "verdict": judge(evidence(partnership, found, effort)),
        "board": found,
        "cost_table": table,
        "cost_charts": chart.charts(table),
    }
