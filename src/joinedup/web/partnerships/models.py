"""The register: who is in a partnership, on whose behalf, and since when."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone

from joinedup.core.register import (
    STRUCTURAL_FEATURES,
    Role,
    Sector,
    Stage,
    is_gss_code,
    is_ods_code,
)


def validate_ods_code(value: str) -> None:
    if not is_ods_code(value):
        raise ValidationError(
            "Enter an ODS code of 3 to 6 capital letters or numbers, like RXX or RXX01"
        )


def validate_gss_code(value: str) -> None:
    if not is_gss_code(value):
        raise ValidationError("Enter a GSS code of a country letter and 8 numbers, like E10000034")


class PartnershipQuerySet(models.QuerySet["Partnership"]):
    def for_user(self, user: Any) -> PartnershipQuerySet:
        """The partnerships ``user`` is a current member of."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(pk__in=Member.objects.current().filter(user=user).values("partnership"))


class Partnership(models.Model):
    name = models.CharField(max_length=200)
    slug = models.SlugField(
        max_length=60,
        unique=True,
        help_text="Used in web addresses. Lower case letters, numbers and hyphens.",
    )
    purpose = models.TextField(help_text="What the partnership exists to change, for whom.")
    start_date = models.DateField()
    declared_stage = models.CharField(max_length=20, choices=Stage.choices())
    information_sharing_agreement = models.BooleanField(default=False)
    joint_plan = models.BooleanField(default=False)
    joint_posts = models.BooleanField(default=False)
    pooled_budget = models.BooleanField(default=False)
    joint_board = models.BooleanField(default=False)
    single_management = models.BooleanField(default=False)
    shared_records = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)
    # Replaced whenever anything the dashboard reads changes, so results cached
    # under an old version are never read again (joinedup.web.freshness).
    data_version = models.UUIDField(default=uuid.uuid4, editable=False)

    objects = PartnershipQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def features(self) -> dict[str, bool]:
        """Each structural feature's name and whether the partnership has it."""
        return {name: getattr(self, name) for name in STRUCTURAL_FEATURES}

    @property
    def stage(self) -> Stage:
        return Stage(self.declared_stage)

    def budget_by_year(self) -> list[dict[str, Any]]:
        """Pooled budget contributions grouped by financial year, newest first."""
        years: dict[int, dict[str, Any]] = {}
        for contribution in self.budget_contributions.select_related("partner"):
            year = years.setdefault(
                contribution.year,
                {"label": contribution.financial_year, "rows": [], "total": Decimal(0)},
            )
            year["rows"].append(contribution)
            year["total"] += contribution.amount
        return [years[year] for year in sorted(years, reverse=True)]


class Partner(models.Model):
    partnership = models.ForeignKey(Partnership, models.CASCADE, related_name="partners")
    name = models.CharField(max_length=200)
    sector = models.CharField(max_length=20, choices=Sector.choices())
    ods_code = models.CharField(
        "ODS code", max_length=6, blank=True, validators=[validate_ods_code]
    )
    gss_code = models.CharField(
        "GSS code", max_length=9, blank=True, validators=[validate_gss_code]
    )

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                "partnership",
                Lower("name"),
                name="partner_name_unique_in_partnership",
                violation_error_message="This partnership already has a partner with that name",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def sector_label(self) -> str:
        return Sector(self.sector).label


class MemberQuerySet(models.QuerySet["Member"]):
    def current(self, on: dt.date | None = None) -> MemberQuerySet:
        """Memberships held on ``on`` (today by default)."""
        on = on or timezone.localdate()
        return self.filter(Q(start_date__lte=on), Q(end_date__isnull=True) | Q(end_date__gte=on))

    def current_or(self, keep: int | None = None) -> MemberQuerySet:
        """Current memberships, and ``keep``: a former member who may stay chosen
        while they still hold something (an outcome, an action)."""
        return self.filter(Q(pk__in=self.current()) | Q(pk=keep or 0))


class Member(models.Model):
    """A person representing a partner, in a role, between two dates.

    A person who leaves keeps their row with an end date, so turnover can be
    reported; rejoining is a new row.
    """

    partnership = models.ForeignKey(Partnership, models.CASCADE, related_name="members")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="memberships")
    partner = models.ForeignKey(Partner, models.PROTECT, related_name="members")
    role = models.CharField(max_length=10, choices=Role.choices(), default=Role.MEMBER)
    can_commit_resources = models.BooleanField(
        "Can commit resources",
        default=False,
        help_text="The role carries authority to commit the partner's money, staff or services.",
    )
    job_title = models.CharField(max_length=200, blank=True)
    start_date = models.DateField(default=timezone.localdate)
    end_date = models.DateField(null=True, blank=True)

    objects = MemberQuerySet.as_manager()

    class Meta:
        ordering = ["user__last_name", "user__first_name", "start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="member_ends_after_start",
                violation_error_message="The end date must be the same as or after the start date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.display_name} ({self.partner})"

    @property
    def display_name(self) -> str:
        return self.user.get_full_name() or self.user.get_username()

    @property
    def is_lead(self) -> bool:
        return self.role == Role.LEAD

    @property
    def is_current(self) -> bool:
        today = timezone.localdate()
        return self.start_date <= today and (self.end_date is None or self.end_date >= today)

    @property
    def role_label(self) -> str:
        return Role(self.role).label


class BudgetContribution(models.Model):
    """One partner's contribution to a pooled budget (such as a section 75
    agreement) in one financial year, April to March."""

    partnership = models.ForeignKey(
        Partnership, models.CASCADE, related_name="budget_contributions"
    )
    partner = models.ForeignKey(Partner, models.PROTECT, related_name="budget_contributions")
    year = models.PositiveSmallIntegerField(
        help_text="The year the financial year starts in: 2025 for April 2025 to March 2026."
    )
    amount = models.DecimalField(max_digits=14, decimal_places=2)

    class Meta:
        ordering = ["-year", "partner__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["partner", "year"],
                name="one_contribution_per_partner_per_year",
                violation_error_message="This partner already has a contribution for that year",
            ),
            models.CheckConstraint(
                condition=Q(amount__gte=0),
                name="contribution_not_negative",
                violation_error_message="The amount cannot be negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.partner} {self.financial_year}: {self.amount}"

    @property
    def financial_year(self) -> str:
        return f"{self.year}/{(self.year + 1) % 100:02d}"
