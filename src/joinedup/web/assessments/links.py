"""Members' personal links: /r/<token>/, answerable without logging in.

The token is the round and member ids signed with the site's secret key
(docs/adr/0301-signed-personal-links.md). Nothing is stored, so the lead can
be shown the links at any time, and a token that was made up or altered
fails the signature check. A valid token still opens nothing once the round
is closed or the person is no longer a current member.
"""

from __future__ import annotations

from django.core import signing
from django.http import Http404
from django.urls import reverse

from joinedup.web.assessments.models import Round
from joinedup.web.partnerships.models import Member

# A salt of its own, so no other signed value of the site can pass as a link.
_SIGNER = signing.Signer(salt="joinedup.assessments.personal-link")


def token(round: Round, member: Member) -> str:
    return _SIGNER.sign(f"{round.pk}-{member.pk}")


def link(round: Round, member: Member) -> str:
    """The path of ``member``'s personal link to ``round``."""
    return reverse("respond:start", args=[token(round, member)])


def respondent(value: str) -> tuple[Round, Member]:
    """The open round and current member a token stands for, or Http404."""
    try:
        round_id, member_id = (int(part) for part in _SIGNER.unsign(value).split("-"))
    except (signing.BadSignature, ValueError):
        raise Http404("No such link") from None
    round = Round.objects.select_related("partnership").filter(pk=round_id).first()
    member = (
        Member.objects.current()
        .select_related("partner", "user")
        .filter(pk=member_id, partnership_id=round.partnership_id if round else -1)
        .first()
    )
    if round is None or member is None or round.is_closed:
        raise Http404("This link has expired")
    return round, member
