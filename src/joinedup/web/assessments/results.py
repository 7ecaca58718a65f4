"""A closed round's results, as its pages and CSV export read them: from its snapshot.

Every figure was computed by ``joinedup.core`` when the round closed and
frozen (``snapshots``), so the pages, the CSV export and the overview obey
the same disclosure rule as the CLI, and show the same thing on every visit.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from joinedup.core.assessment import ScoreResult
from joinedup.core.change import PrincipleChange, compare_rounds
from joinedup.core.disclosure import Withheld
from joinedup.core.figures import Figures, ItemResult
from joinedup.core.framework import Framework
from joinedup.core.register import Stage
from joinedup.core.relationships import Pair, RelationshipMap
from joinedup.core.stage import StageJudgement
from joinedup.web.assessments.models import Round
from joinedup.web.assessments.snapshots import Judge, frozen

OTHER_PARTNERS = "Other partners"
EVERYONE = "All respondents"

# What people read for the core's agenda reasons and flag kinds.
REASONS = {
    "low": "Low scores",
    "split": "Split",
    "partner_gap": "Partners far apart",
    "many_dont_know": "Many don't know",
}
# A reverse-scored statement scores low when most agree with it.
REVERSE_LOW = "Low scores (agreeing is bad news)"
FLAGS = {
    "dominant_partner": "One partner sees it far more favourably",
    "low_response": "Few respondents",
    "comfortable_consensus": "Comfortable consensus",
}
REVERSE_NOTE = "Scored in reverse: agreement is bad news"


def withheld_text(why: Withheld, min_group: int, what: str = "answers") -> str:
    """What a reader is told instead of a withheld figure: "fewer than 3 answers"
    (``what``: ratings, or answers on each statement for a principle)."""
    if why is Withheld.FEW:
        return f"fewer than {min_group} {what}"
    return f"counted in {OTHER_PARTNERS.lower()}"


@dataclass(frozen=True)
class Group:
    """One column of the results: everyone, a partner shown somewhere, or the pool."""

    name: str
    figures: Figures | Withheld

    @property
    def n(self) -> int | None:
        return self.figures.n if isinstance(self.figures, Figures) else None

    @property
    def mean(self) -> float | None:
        return self.figures.mean if isinstance(self.figures, Figures) else None

    @property
    def withheld(self) -> Withheld | None:
        return self.figures if isinstance(self.figures, Withheld) else None


def groups(item: ItemResult) -> list[Group]:
    """Everyone, then each partner shown somewhere in the round, then the pool."""
    rows = [Group(EVERYONE, item.everyone)]
    rows += [Group(name, figures) for name, figures in item.by_partner.items()]
    if item.other_partners is not None:
        rows.append(Group(OTHER_PARTNERS, item.other_partners))
    return rows


@dataclass(frozen=True)
class RoundResults:
    round: Round
    framework: Framework
    made_at: dt.datetime  # when the results were frozen
    scores: ScoreResult
    relationships: RelationshipMap
    declared: Stage  # as it was when the round closed
    stage: StageJudgement
    stage_note: str | None  # how the declared stage differs from the computed one
    previous: Round | None
    change: tuple[PrincipleChange, ...]  # empty without a previous round
    comments: dict[str, list[str]]  # principle id -> the comments that may be shown
    membership_changes: list[str] | None  # None for a round opened before they were kept

    @property
    def min_group(self) -> int:
        return self.scores.min_group

    @property
    def group_names(self) -> list[str]:
        """The columns every table shares, so partners line up across tables."""
        names = [EVERYONE, *self.scores.partners]
        if any(item.other_partners is not None for item in self.scores.statements):
            names.append(OTHER_PARTNERS)
        return names

    @property
    def names(self) -> dict[str, str]:
        """Principle and statement ids -> the name or text people read."""
        items = (*self.scores.principles, *self.scores.statements)
        return {item.id: item.name for item in items}

    @property
    def statement(self) -> dict[str, ItemResult]:
        return {item.id: item for item in self.scores.statements}

    def relationship_table(self) -> tuple[list[str], list[tuple[str, dict[str, Pair]]]]:
        """The rated partners (columns), and each rating group's medians (rows)."""
        rows = list(self.relationships.levels.items())
        if self.relationships.other_partners is not None:
            rows.append((OTHER_PARTNERS, self.relationships.other_partners))
        rated = sorted({about for _, levels in rows for about in levels})
        return rated, [(rater, dict(levels)) for rater, levels in rows]

    def statements_by_principle(self) -> Iterator[tuple[ItemResult, list[ItemResult]]]:
        for principle in self.scores.principles:
            yield (
                principle,
                [item for item in self.scores.statements if item.principle == principle.id],
            )


def round_results(round: Round, results_back_it: Judge) -> RoundResults:
    """The results of a closed round (the caller checks that it is closed).

    ``results_back_it`` is asked only when the round's snapshot has to be
    made (see ``snapshots.frozen``): whether the partnership's outcome
    results back a high, agreed assessment (joinedup.web.assessments.evidence).
    """
    snapshot = frozen(round, results_back_it)
    data = snapshot.data
    scores = ScoreResult.from_dict(data["scores"])
    previous = (
        round.partnership.rounds.closed()
        .filter(opened_at__lt=round.opened_at)
        .order_by("-opened_at")
        .first()
    )
    change: tuple[PrincipleChange, ...] = ()
    if previous is not None:
        earlier = frozen(previous, results_back_it).data
        by_id = {pk: name for name, pk in earlier["partner_ids"].items()}
        names = {name: by_id[pk] for name, pk in data["partner_ids"].items() if pk in by_id}
        change = compare_rounds(ScoreResult.from_dict(earlier["scores"]), scores, names)
    stage = data["stage"]
    return RoundResults(
        round=round,
        framework=round.framework,
        made_at=snapshot.made_at,
        scores=scores,
        relationships=RelationshipMap.from_dict(data["relationships"]),
        declared=Stage(stage["declared"]),
        stage=StageJudgement(
            None if stage["computed"] is None else Stage(stage["computed"]),
            tuple(stage["reasons"]),
        ),
        stage_note=stage["note"],
        previous=previous,
        change=change,
        comments=data["comments"],
        membership_changes=data["membership_changes"],
    )


def round_scores(round: Round, results_back_it: bool | None = None) -> ScoreResult:
    """Only the frozen scores of a closed round, with their flags: what the verdict
    weighs. ``results_back_it`` counts only if the snapshot is made now."""
    return ScoreResult.from_dict(frozen(round, lambda: results_back_it).data["scores"])
