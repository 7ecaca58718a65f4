"""Members' personal links: /r/<token>/, answerable without logging in.

The token is the round and member ids signed with the site's secret key
(docs/adr/0301-signed-personal-links.md). Nothing is stored, and a token
that was made up or altered fails the signature check. Only the member is
given their link, by email or on the round's page when logged in as
themself; the lead never sees one (docs/adr/0303-only-the-member-holds-their-link.md).
A genuine link opens the round only for a member invited to it, while it is
open and they are still a member; otherwise its page says why.
"""

from __future__ import annotations

from django.core import signing
from django.http import Http404
from django.urls import reverse

from joinedup.web.assessments.models import Invitation, Round
from joinedup.web.jinja import date
from joinedup.web.partnerships.models import Member

# A salt of its own, so no other signed value of the site can pass as a link.
_SIGNER = signing.Signer(salt="joinedup.assessments.personal-link")


class Unusable(Exception):
    """A genuine link that cannot be used now, and why, for its holder to read."""

    def __init__(self, round: Round, heading: str, text: str, status: int) -> None:
        super().__init__(heading)
        self.round = round
        self.heading = heading
        self.text = text
        self.status = status


def token(round: Round, member: Member) -> str:
    return _SIGNER.sign(f"{round.pk}-{member.pk}")


def link(round: Round, member: Member) -> str:
    """The path of ``member``'s personal link to ``round``."""
    return reverse("respond:start", args=[token(round, member)])


def respondent(value: str) -> Invitation:
    """The invitation a token stands for, to an open round of a current member.

    Http404 for a token that was made up or altered; :class:`Unusable` for a
    genuine one whose round has closed, whose member has left or who was not
    invited (they joined after the round opened).
    """
    try:
        round_id, member_id = (int(part) for part in _SIGNER.unsign(value).split("-"))
    except (signing.BadSignature, ValueError):
        raise Http404("No such link") from None
    found = (
        Invitation.objects.select_related(
            "round__partnership", "member__user", "member__partner", "partner"
        )
        .filter(round_id=round_id, member_id=member_id)
        .first()
    )
    if found is None:
        round = Round.objects.select_related("partnership").filter(pk=round_id).first()
        member = Member.objects.filter(pk=member_id).first()
        if round is None or member is None or member.partnership_id != round.partnership_id:
            raise Http404("No such link")
        if round.is_closed:
            raise closed(round)
        raise Unusable(
            round,
            "You are not in this round",
            f"You joined {round.partnership.name} after {round.name} opened, so you are "
            "not asked to answer it. You will be in the next round.",
            403,
        )
    if found.round.is_closed:
        raise closed(found.round)
    if not found.member.is_current:
        raise Unusable(
            found.round,
            "This link no longer works",
            f"You are no longer a member of {found.round.partnership.name}, so you cannot "
            f"answer {found.round.name}.",
            410,
        )
    return found


def closed(round: Round) -> Unusable:
    """Why a link to ``round``, closed, can no longer be used."""
    return Unusable(
        round,
        "This round has closed",
        f"{round.name} closed on {date(round.closed_on)}, so answers can no longer be "
        "given or changed. Members of the partnership can see its results.",
        410,
    )
