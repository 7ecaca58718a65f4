"""Forms for the register. Every rule a person can break gets a message that
says what to do, shown by the field and in the error summary."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify

from joinedup.core.plausible import budget_year_problem, start_date_problem
from joinedup.core.register import STRUCTURAL_FEATURES, Role, Sector, Stage
from joinedup.web.forms import AmountField, DateField, offer, refuse
from joinedup.web.partnerships.models import (
    BudgetContribution,
    Member,
    Partner,
    Partnership,
    validate_gss_code,
    validate_ods_code,
)


class PartnershipForm(forms.ModelForm[Partnership]):
    start_date = DateField(
        label="Start date",
        help_text="For example, 1 4 2022",
        error_messages={"required": "Enter the date the partnership started"},
        validators=[refuse(start_date_problem)],
    )
    declared_stage = forms.ChoiceField(
        label="How closely do the partners work together, in your view?",
        choices=[(stage.value, f"{stage.label}: {stage.description}") for stage in Stage],
        widget=forms.RadioSelect,
        help_text="joinedup also works out the stage from the partners' answers and compares.",
        error_messages={"required": "Select how closely the partners work together"},
    )
    features = forms.MultipleChoiceField(
        label="Which of these does the partnership have?",
        choices=list(STRUCTURAL_FEATURES.items()),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Select all that apply.",
    )

    class Meta:
        model = Partnership
        fields = ["name", "purpose", "start_date", "declared_stage"]
        labels = {"name": "Name of the partnership"}
        error_messages = {
            "name": {"required": "Enter the name of the partnership"},
            "purpose": {"required": "Enter the partnership's purpose: what it exists to change"},
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["features"].initial = [
                name for name, held in self.instance.features.items() if held
            ]

    def save(self, commit: bool = True) -> Partnership:
        chosen = set(self.cleaned_data["features"])
        for name in STRUCTURAL_FEATURES:
            setattr(self.instance, name, name in chosen)
        saved: Partnership = super().save(commit)
        return saved


class NewPartnershipForm(PartnershipForm):
    """A partnership and the organisation of the person starting it, who leads it."""

    organisation = forms.CharField(
        label="Your organisation",
        max_length=200,
        help_text="You will be the partnership's lead, representing this partner.",
        error_messages={"required": "Enter the name of your organisation"},
    )
    sector = forms.ChoiceField(
        label="Your organisation's sector",
        choices=Sector.choices(),
        widget=forms.RadioSelect,
        error_messages={"required": "Select your organisation's sector"},
    )

    def create(self, lead: Any) -> Partnership | None:
        """The partnership, its first partner and ``lead`` as its lead, in one transaction.

        Its web address is its name as a slug, numbered if taken. Two people
        starting partnerships of one name at the same moment can pick the same
        address: the unique slug refuses the second, which tries the next one
        (``SLUG_ATTEMPTS`` times in all, then says to try again as the form's
        error: None). See docs/adr/1002.
        """
        for _ in range(SLUG_ATTEMPTS):
            self.instance.slug = free_slug(self.cleaned_data["name"])
            try:
                with transaction.atomic():
                    return self._create(lead)
            except IntegrityError:
                if not Partnership.objects.filter(slug=self.instance.slug).exists():
                    raise
        self.add_error(
            None,
            "Many partnerships of this name were being started at the same moment: "
            "press Create partnership again",
        )
        return None

    def _create(self, lead: Any) -> Partnership:
        partnership = self.save()
        partner = partnership.partners.create(
            name=self.cleaned_data["organisation"], sector=self.cleaned_data["sector"]
        )
        partnership.members.create(
            user=lead,
            partner=partner,
            role=Role.LEAD,
            can_commit_resources=True,
            # The person starting it has led it from its start (a partnership
            # starting later is theirs to set up from today).
            start_date=min(partnership.start_date, timezone.localdate()),
        )
        return partnership


# How many web addresses starting a partnership tries before giving up: each
# one lost means another request took it a moment before.
SLUG_ATTEMPTS = 25


def free_slug(name: str) -> str:
    """``name`` as a web address no partnership has yet: riverside, riverside-2..."""
    base = slugify(name)[:50] or "partnership"
    slug, n = base, 1
    while slug == "new" or Partnership.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


class CodeField(forms.CharField):
    """An optional organisation code, checked for its shape.

    People paste codes in any case and with spaces: they are tidied first.
    Only the shape check runs (no bare length limit), so a code of the wrong
    length gets the message that says what a code looks like.
    """

    def __init__(self, shape: Callable[[str], None], **kwargs: Any) -> None:
        super().__init__(required=False, validators=[shape], **kwargs)

    def to_python(self, value: Any) -> str:
        return "".join(str(super().to_python(value)).split()).upper()


class PartnerForm(forms.ModelForm[Partner]):
    sector = forms.ChoiceField(
        choices=Sector.choices(),
        widget=forms.RadioSelect,
        error_messages={"required": "Select the organisation's sector"},
    )
    ods_code = CodeField(
        validate_ods_code,
        label="ODS code",
        help_text="Optional. NHS organisations' code, like RXX.",
    )
    gss_code = CodeField(
        validate_gss_code,
        label="GSS code",
        help_text="Optional. Councils' statistical code, like E10000034.",
    )

    class Meta:
        model = Partner
        fields = ["name", "sector", "ods_code", "gss_code"]
        labels = {"name": "Organisation name"}
        error_messages = {"name": {"required": "Enter the organisation's name"}}

    def __init__(self, *args: Any, partnership: Partnership, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.partnership = partnership

    def clean_name(self) -> str:
        name: str = self.cleaned_data["name"].strip()
        taken = self.partnership.partners.filter(name__iexact=name).exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError("This partnership already has a partner with that name")
        return name

    def save(self, commit: bool = True) -> Partner:
        self.instance.partnership = self.partnership
        saved: Partner = super().save(commit)
        return saved


class MemberForm(forms.ModelForm[Member]):
    """A membership's role, title and dates. People join by invitation
    (joinedup.web.accounts), so the person is never chosen here."""

    role = forms.ChoiceField(
        choices=Role.choices(),
        widget=forms.RadioSelect,
        help_text="Leads manage the partnership; analysts also load data; "
        "members and viewers read.",
        error_messages={"required": "Select the person's role"},
    )
    start_date = DateField(
        label="Start date",
        help_text="When they began representing the partner.",
        error_messages={"required": "Enter the date they began representing the partner"},
    )
    end_date = DateField(
        label="End date",
        required=False,
        help_text="Leave empty while the person is still a member.",
    )

    class Meta:
        model = Member
        fields = ["partner", "role", "job_title", "can_commit_resources", "start_date", "end_date"]
        labels = {"partner": "Organisation they represent", "job_title": "Job title (optional)"}
        error_messages = {"partner": {"required": "Select the organisation they represent"}}

    def __init__(self, *args: Any, partnership: Partnership, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.partnership = partnership
        offer(self.fields["partner"], partnership.partners.all(), blank=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", "The end date must be the same as or after the start date")
        if end is None:
            current = self.partnership.members.filter(
                user=self.instance.user, end_date__isnull=True
            )
            if current.exclude(pk=self.instance.pk).exists():
                self.add_error(
                    "end_date",
                    "This person is already a current member: "
                    "give their other membership an end date first",
                )
        return data


class BudgetContributionForm(forms.ModelForm[BudgetContribution]):
    year = forms.IntegerField(
        label="Financial year starting in",
        help_text="The year the financial year starts: 2025 for April 2025 to March 2026.",
        error_messages={
            "required": "Enter the year the financial year starts in, like 2025",
            "invalid": "Enter a year, like 2025",
        },
    )
    amount = AmountField(
        label="Amount in pounds",
        min_value=0,
        max_digits=14,
        decimal_places=2,
        error_messages={
            "required": "Enter the amount in pounds",
            "invalid": "Enter an amount in pounds, like 250000",
            "min_value": "The amount cannot be negative",
            "max_digits": "Enter an amount under £1,000,000,000,000",
            "max_whole_digits": "Enter an amount under £1,000,000,000,000",
            "max_decimal_places": "Enter the amount in pounds and pence, like 250000.50",
        },
    )

    class Meta:
        model = BudgetContribution
        fields = ["partner", "year", "amount"]
        error_messages = {"partner": {"required": "Select the partner"}}

    def __init__(self, *args: Any, partnership: Partnership, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.partnership = partnership
        offer(self.fields["partner"], partnership.partners.all(), blank=False)

    def clean_year(self) -> int:
        """From the financial year the partnership started in to the one after
        the current one (joinedup.core.plausible)."""
        year: int = self.cleaned_data["year"]
        problem = budget_year_problem(year, timezone.localdate(), self.partnership.start_date)
        if problem:
            raise forms.ValidationError(problem)
        return year

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        partner, year = data.get("partner"), data.get("year")
        if partner and year:
            taken = BudgetContribution.objects.filter(partner=partner, year=year)
            if taken.exclude(pk=self.instance.pk).exists():
                self.add_error("year", "This partner already has a contribution for that year")
        return data

    def save(self, commit: bool = True) -> BudgetContribution:
        self.instance.partnership = self.partnership
        saved: BudgetContribution = super().save(commit)
        return saved
