"""Making, sending, reading and accepting invitation links.

A link is ``/accounts/invitations/<token>/``; the token is the invitation's id
and a random key, signed (docs/accounts.md). Only the key's hash is stored.
"""

from __future__ import annotations

import enum
import hashlib
import hmac
import secrets
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.core import signing
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from joinedup.web.accounts.models import Invitation
from joinedup.web.jinja import date
from joinedup.web.partnerships.models import Member

# A salt of its own, so no other signed value of the site passes as an invitation.
_SIGNER = signing.Signer(salt="joinedup.accounts.invitation")


class State(enum.Enum):
    """What a link stands for when someone opens it."""

    OPEN = "open"
    EXPIRED = "expired"
    REPLACED = "replaced"  # the invitation was sent again: a newer link works
    ACCEPTED = "accepted"
    CANCELLED = "cancelled"


@dataclass(frozen=True)
class Opened:
    invitation: Invitation
    state: State


class AlreadyMember(Exception):
    """The person accepting is a current member of the partnership already."""


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def new_link(invitation: Invitation) -> str:
    """Give the (saved) invitation a new key and return the path of its link.

    Any earlier link of the invitation stops working; the new one works for
    ``VALID_FOR`` from when :func:`send` has sent it."""
    key = secrets.token_urlsafe(24)
    invitation.key_hash = _hash(key)
    invitation.delivered = False
    invitation.save(update_fields=["key_hash", "delivered"])
    return reverse("accounts:invitation", args=[_SIGNER.sign(f"{invitation.pk}.{key}")])


def open_link(token: str) -> Opened | None:
    """The invitation a link stands for and its state; None for a link that
    was never made here (altered, truncated or made up)."""
    try:
        pk, key = _SIGNER.unsign(token).split(".", 1)
        found = Invitation.objects.select_related("partnership", "partner", "invited_by").get(
            pk=int(pk)
        )
    except (signing.BadSignature, ValueError, Invitation.DoesNotExist):
        return None
    if found.cancelled_at is not None:
        state = State.CANCELLED
    elif found.accepted_at is not None:
        state = State.ACCEPTED
    elif not hmac.compare_digest(found.key_hash, _hash(key)):
        state = State.REPLACED
    elif found.is_expired:
        state = State.EXPIRED
    else:
        state = State.OPEN
    return Opened(found, state)


def send(invitation: Invitation, url: str) -> None:
    """Email the invitation's link (``url``, absolute). Raises OSError when the
    email server does not take it; the invitation stays, marked undelivered,
    its ``sent_at`` as it was (None if no email has ever been sent)."""
    partnership = invitation.partnership
    inviter = invitation.invited_by
    who = "The partnership's lead"
    if inviter is not None:
        who = inviter.get_full_name() or inviter.get_username()
    body = (
        f"{who} has invited you to join {partnership.name} on joinedup, representing "
        f"{invitation.partner.name} as a {invitation.role_label.lower()}.\n\n"
        f"To accept, open this link. It works once, until {date(invitation.expires_at)}:\n"
        f"{url}\n\n"
        "You will set your own name and password, or log in if you already have a "
        "joinedup account.\n\n"
        "If you were not expecting this, you can ignore this email: nobody is added to a "
        "partnership without accepting.\n"
    )
    send_mail(f"Join {partnership.name} on joinedup", body, None, [invitation.email])
    invitation.delivered = True
    invitation.sent_at = timezone.now()
    invitation.save(update_fields=["delivered", "sent_at"])


def accept(invitation: Invitation, user: User) -> Member:
    """Make ``user`` a member as the invitation says, once: two people opening
    the same link at the same moment cannot both accept it.

    Raises AlreadyMember when ``user`` is a current member already (the
    invitation stays open, for them to ask the lead), and ValueError when the
    invitation is no longer open."""
    with transaction.atomic():
        locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if locked.accepted_at or locked.cancelled_at or locked.is_expired:
            raise ValueError("This invitation is no longer open")
        if Member.objects.current().filter(partnership=locked.partnership, user=user).exists():
            raise AlreadyMember()
        member = Member.objects.create(
            partnership_id=locked.partnership_id,
            user=user,
            partner_id=locked.partner_id,
            role=locked.role,
            job_title=locked.job_title,
            can_commit_resources=locked.can_commit_resources,
            start_date=timezone.localdate(),
        )
        locked.accepted_at = timezone.now()
        locked.member = member
        locked.save(update_fields=["accepted_at", "member"])
        if not user.email:  # so that the partnership's emails reach them
            user.email = locked.email
            user.save(update_fields=["email"])
    return member
