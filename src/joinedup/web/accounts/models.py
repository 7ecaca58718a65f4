"""Invitations: how a lead brings a person into a partnership.

Nobody becomes a member until they accept. The link in the email holds the
invitation's id and a random key, signed with the site's secret key; only a
hash of the key is stored, so the database alone cannot produce a working
link. Sending the invitation again replaces the key, so older links stop
working; accepting or cancelling it ends it.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from joinedup.core.register import Role
from joinedup.web.partnerships.models import Member, Partner, Partnership

VALID_FOR = dt.timedelta(days=14)


class InvitationQuerySet(models.QuerySet["Invitation"]):
    def pending(self) -> InvitationQuerySet:
        """Neither accepted nor cancelled (expired ones included: they can be sent again)."""
        return self.filter(accepted_at__isnull=True, cancelled_at__isnull=True)


class Invitation(models.Model):
    partnership = models.ForeignKey(Partnership, models.CASCADE, related_name="invitations")
    partner = models.ForeignKey(Partner, models.CASCADE, related_name="invitations")
    email = models.EmailField()
    role = models.CharField(
        max_length=10,
        choices=[(role.value, role.label) for role in Role],
        default=Role.MEMBER.value,
    )
    job_title = models.CharField(max_length=200, blank=True)
    can_commit_resources = models.BooleanField(default=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    # When the email server took an email with a link: None until one is
    # sent. The link works for VALID_FOR from then.
    sent_at = models.DateTimeField(null=True, blank=True)
    # False while the email server has not taken the current link's email.
    delivered = models.BooleanField(default=False)
    key_hash = models.CharField(max_length=64)
    accepted_at = models.DateTimeField(null=True, blank=True)
    member = models.OneToOneField(
        Member, models.SET_NULL, null=True, blank=True, related_name="invitation"
    )
    cancelled_at = models.DateTimeField(null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(
                "partnership",
                models.functions.Lower("email"),
                condition=Q(accepted_at__isnull=True, cancelled_at__isnull=True),
                name="one_pending_invitation_per_email",
                violation_error_message="This person has been invited already",
            )
        ]

    def __str__(self) -> str:
        return f"{self.email} to {self.partnership}"

    @property
    def expires_at(self) -> dt.datetime:
        return (self.sent_at or self.created_at) + VALID_FOR

    @property
    def is_expired(self) -> bool:
        return timezone.now() >= self.expires_at

    @property
    def role_label(self) -> str:
        return Role(self.role).label
