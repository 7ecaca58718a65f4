"""A closed round's results: the database read once, the core does the rest.

Every figure comes from ``joinedup.core`` (scoring, the relationship map, the
computed stage, the change since the previous round), so the pages and the CSV
export obey the same minimum-group rule as the CLI. Respondents are passed to
the core by member id, which never leaves this module.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from django.db.models import Prefetch

from joinedup.core.assessment import (
    TRUST_PRINCIPLE,
    ItemResult,
    PrincipleChange,
    Response,
    ScoreResult,
    compare_rounds,
    score,
)
from joinedup.core.framework import Framework
from joinedup.core.relationships import (
    PairLevel,
    RelationshipMap,
    RelationshipResponse,
    relationship_map,
)
from joinedup.core.stage import StageJudgement, compare_stage, compute_stage
from joinedup.web.assessments.models import RelationshipRating, Round

OTHER_PARTNERS = "Other partners"
EVERYONE = "All respondents"

# What people read for the core's agenda reasons and flag kinds.
REASONS = {
    "low": "Most disagree",
    "split": "Split: real numbers on both sides",
    "partner_gap": "Partners far apart",
    "many_dont_know": "Many don't know",
}
FLAGS = {
    "dominant_partner": "One partner sees it far more favourably",
    "low_response": "Few respondents",
    "comfortable_consensus": "Comfortable consensus",
}


@dataclass(frozen=True)
class Group:
    """One column of the results: everyone, a named partner, or the pool."""

    name: str
    n: int
    mean: float | None


def groups(item: ItemResult) -> list[Group]:
    """Everyone, then each named partner, then the pool when it may be shown."""
    rows = [Group(EVERYONE, item.n, item.mean)]
    rows += [Group(name, figures.n, figures.mean) for name, figures in item.by_partner.items()]
    if item.other_partners is not None:
        rows.append(Group(OTHER_PARTNERS, item.other_partners.n, item.other_partners.mean))
    return rows


@dataclass(frozen=True)
class RoundResults:
    round: Round
    framework: Framework
    scores: ScoreResult
    relationships: RelationshipMap
    stage: StageJudgement
    stage_note: str | None  # how the declared stage differs from the computed one
    previous: Round | None
    change: tuple[PrincipleChange, ...]  # empty without a previous round
    comments: dict[str, list[str]]  # principle id -> comments, in no telling order

    @property
    def group_names(self) -> list[str]:
        """The columns every table shares, so partners line up across tables."""
        names = [EVERYONE, *sorted({p for item in self.scores.principles for p in item.by_partner})]
        if any(item.other_partners for item in self.scores.principles):
            names.append(OTHER_PARTNERS)
        return names

    @property
    def names(self) -> dict[str, str]:
        """Principle and statement ids -> the name or text people read."""
        items = (*self.scores.principles, *self.scores.statements)
        return {item.id: item.name for item in items}

    def relationship_table(self) -> tuple[list[str], list[tuple[str, dict[str, PairLevel]]]]:
        """The rated partners (columns), and each rating group's medians (rows)."""
        rows = list(self.relationships.levels.items())
        if self.relationships.other_partners is not None:
            rows.append((OTHER_PARTNERS, dict(self.relationships.other_partners)))
        rated = sorted({about for _, levels in rows for about in levels})
        return rated, [(rater, dict(levels)) for rater, levels in rows]

    def statements_by_principle(self) -> Iterator[tuple[ItemResult, list[ItemResult]]]:
        for principle in self.scores.principles:
            yield (
                principle,
                [item for item in self.scores.statements if item.principle == principle.id],
            )


def round_results(round: Round, results_back_it: bool | None = None) -> RoundResults:
    """The results of a closed round (the caller checks that it is closed).

    ``results_back_it`` says whether the partnership's outcome results back a
    high, agreed assessment (None until they can be judged: see
    joinedup.web.assessments.evidence); it decides the comfortable
    consensus flag.
    """
    scores, relationships, comments = _score(round, results_back_it)
    trust = scores.principle(TRUST_PRINCIPLE)
    partnership = round.partnership
    stage = compute_stage(partnership.features, relationships.median, trust.mean if trust else None)
    previous = (
        partnership.rounds.closed()
        .filter(opened_at__lt=round.opened_at)
        .order_by("-opened_at")
        .first()
    )
    change: tuple[PrincipleChange, ...] = ()
    if previous is not None:
        change = compare_rounds(_score(previous)[0], scores)
    return RoundResults(
        round=round,
        framework=round.framework,
        scores=scores,
        relationships=relationships,
        stage=stage,
        stage_note=compare_stage(partnership.stage, stage.stage),
        previous=previous,
        change=change,
        comments=comments,
    )


def round_scores(round: Round, results_back_it: bool | None = None) -> ScoreResult:
    """Only the scores of a closed round, with their flags: what the verdict weighs
    (no relationship map, stage, or comparison with the previous round)."""
    return _score(round, results_back_it)[0]


def _score(
    round: Round, results_back_it: bool | None = None
) -> tuple[ScoreResult, RelationshipMap, dict[str, list[str]]]:
    """Score a round in a fixed number of queries, however many responded."""
    framework = round.framework
    known = {statement.id for statement in framework.statements}
    responses = round.responses.select_related("partner").prefetch_related(
        "answers",
        "comments",
        Prefetch("relationship_ratings", RelationshipRating.objects.select_related("about")),
    )
    answers, ratings = [], []
    comments: dict[str, list[str]] = defaultdict(list)
    for response in responses:
        respondent, partner = str(response.member_id), response.partner.name
        answers.append(
            Response(
                respondent,
                partner,
                {a.statement: a.score for a in response.answers.all() if a.statement in known},
            )
        )
        ratings.append(
            RelationshipResponse(
                respondent,
                partner,
                {
                    r.about.name: r.level
                    for r in response.relationship_ratings.all()
                    if r.about_id != response.partner_id
                },
            )
        )
        for comment in response.comments.all():
            comments[comment.principle].append(comment.text)
    # Sorted, so that the order says nothing about who answered when.
    return (
        score(answers, framework, min_group=round.min_group, results_back_it=results_back_it),
        relationship_map(ratings, min_group=round.min_group),
        {principle: sorted(texts) for principle, texts in comments.items()},
    )
