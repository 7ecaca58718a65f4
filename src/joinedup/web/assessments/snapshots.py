"""A closed round's results, computed once and frozen (docs/privacy.md).

Closing a round computes everything its results show, with the disclosure
rule of ``joinedup.core``, and stores it as JSON in the same transaction:
the figures, who was pooled, the partner names, the comments that may be
shown, the stage and the membership changes. Every later view reads that
snapshot, so renaming a partner, changing the members or the round's minimum
group cannot change what a closed round shows, nor make a second version to
set beside the first.

A round closed by its date passing has no request that closes it: its
snapshot is made on first read, in a transaction that holds the round's row
(so that an answer still being saved finishes first), and a second reader at
the same moment reads the first one's.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone

from joinedup.core.assessment import TRUST_PRINCIPLE, Response, score, scorers
from joinedup.core.disclosure import disclosed_comments
from joinedup.core.relationships import RelationshipResponse, relationship_map
from joinedup.core.stage import compare_stage, compute_stage
from joinedup.web.assessments.invitations import membership_changes
from joinedup.web.assessments.models import RelationshipRating, Round, Snapshot

# Bumped when the shape of ``Snapshot.data`` changes.
VERSION = 1

Judge = Callable[[], bool | None]


def close(round: Round, results_back_it: Judge) -> Snapshot | None:
    """Close an open round now and freeze its results, in one transaction.

    None when it was closed meanwhile (by another request, or its date):
    nothing is written then. ``results_back_it`` says whether the outcome
    results back the assessment, for the comfortable consensus flag.
    """
    with transaction.atomic():
        # The lock an answer takes before it is saved (RoundQuerySet.lock_open),
        # held until the snapshot is written: an answer that took it first is
        # committed and counted; one that waits for it finds the round closed.
        if not Round.objects.lock_open(round.pk):
            return None
        round.closed_at = timezone.now()
        round.save(update_fields=["closed_at"])
        # A round reopened (in the admin) may have a snapshot from its first
        # close: this close's results replace it.
        snapshot, _ = Snapshot.objects.update_or_create(
            round=round, defaults={"data": compute(round, results_back_it())}
        )
        return snapshot


def frozen(round: Round, results_back_it: Judge) -> Snapshot:
    """The snapshot of a closed round (the caller checks that it is closed),
    made now if it closed by its date and nobody has read it since."""
    found = Snapshot.objects.filter(round=round).first()
    if found is not None:
        return found
    with transaction.atomic():
        Round.objects.select_for_update().filter(pk=round.pk).first()
        made, _ = Snapshot.objects.get_or_create(
            round=round, defaults={"data": lambda: compute(round, results_back_it())}
        )
    return made


def compute(round: Round, results_back_it: bool | None) -> dict[str, Any]:
    """Everything the results of ``round`` show, as JSON-ready values."""
    framework = round.framework
    known = {statement.id for statement in framework.statements}
    partnership = round.partnership
    ids = {partner.name: partner.pk for partner in partnership.partners.all()}
    responses = round.responses.select_related("partner").prefetch_related(
        "answers",
        "comments",
        Prefetch("relationship_ratings", RelationshipRating.objects.select_related("about")),
    )
    answers, ratings = [], []
    comments: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for response in responses:
        # Respondents reach the core as response ids, which no output shows.
        respondent, partner = str(response.pk), response.partner.name
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
            comments[comment.principle].append((partner, comment.text))
    scores = score(
        answers,
        framework,
        min_group=round.min_group,
        results_back_it=results_back_it,
        rank=ids,
        agenda_size=round.agenda_size,
    )
    relationships = relationship_map(ratings, min_group=round.min_group, rank=ids)
    trust = scores.principle(TRUST_PRINCIPLE)
    stage = compute_stage(partnership.features, relationships.median, trust.mean if trust else None)
    answered = scorers(answers, framework)
    return {
        "version": VERSION,
        "partner_ids": ids,
        "scores": scores.as_dict(precision=None),
        "relationships": relationships.as_dict(),
        "stage": {
            "declared": partnership.declared_stage,
            "computed": None if stage.stage is None else stage.stage.value,
            "reasons": list(stage.reasons),
            "note": compare_stage(partnership.stage, stage.stage),
        },
        "comments": {
            principle.id: list(
                disclosed_comments(
                    comments.get(principle.id, []), answered[principle.id], round.min_group
                )
            )
            for principle in framework.principles
        },
        "membership_changes": membership_changes(round),
    }
