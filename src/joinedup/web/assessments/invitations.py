"""Who is asked to answer a round: fixed when it opens.

Every current member is invited, for the partner they represent, in the
transaction that opens the round. Nobody is added later, so a lead cannot
fill a partner with accounts of their own once a round is under way, and the
results list every membership change made while it was open (docs/privacy.md).
"""

from __future__ import annotations

from collections import Counter

from django.utils import timezone

from joinedup.web.assessments.models import Invitation, Round
from joinedup.web.freshness.versions import changed
from joinedup.web.partnerships.models import Member


def invite(round: Round) -> None:
    """Invite every member current on the day ``round`` opens (call it as it opens)."""
    members = Member.objects.current(timezone.localdate(round.opened_at)).filter(
        partnership_id=round.partnership_id
    )
    Invitation.objects.bulk_create(
        Invitation(round=round, member=member, partner_id=member.partner_id) for member in members
    )
    changed(round)  # bulk_create sends no signals


def invited(round: Round) -> list[Invitation]:
    """The round's invitations, by partner and name."""
    return list(
        round.invitations.select_related("member__user", "partner").order_by(
            "partner__name", "member__user__last_name", "member__user__first_name", "member_id"
        )
    )


def _members(count: int) -> str:
    return f"{count} member{'' if count == 1 else 's'}"


def membership_changes(round: Round) -> list[str] | None:
    """The changes to the partnership's members while ``round`` was open, as
    sentences; None for a round opened before invitations were kept."""
    invitations = {i.member_id: i for i in round.invitations.select_related("partner")}
    if not invitations:
        return None
    current = {
        m.pk: m
        for m in Member.objects.current(round.closed_on)
        .filter(partnership_id=round.partnership_id)
        .select_related("partner")
    }
    added = Counter(m.partner.name for pk, m in current.items() if pk not in invitations)
    left = Counter(i.partner.name for pk, i in invitations.items() if pk not in current)
    moved = Counter(
        (i.partner.name, current[pk].partner.name)
        for pk, i in invitations.items()
        if pk in current and current[pk].partner_id != i.partner_id
    )
    were = {True: "was", False: "were"}
    sentences = [
        f"{_members(n)} {were[n == 1]} added to {partner} after the round opened."
        for partner, n in sorted(added.items())
    ]
    sentences += [
        f"{_members(n)} of {partner} left after the round opened."
        for partner, n in sorted(left.items())
    ]
    sentences += [
        f"{_members(n)} moved from {before} to {after} after the round opened."
        for (before, after), n in sorted(moved.items())
    ]
    return sentences
