"""Forms for outcomes, indicators and their values. Saving an owner, a
target, a direction or rebase dates keeps the change in the history."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.db import transaction
from django.utils import timezone

from joinedup.core.outcomes import NOTE_MAX, Frequency, Kind, is_moved_goalpost
from joinedup.core.spc import Improvement
from joinedup.web.forms import DateField, offer
from joinedup.web.freshness.versions import one_change
from joinedup.web.outcomes.models import ChangeRecord, Indicator, Outcome, RebaseDate
from joinedup.web.outcomes.series import number_text
from joinedup.web.partnerships.models import Member, Partnership

_IMPROVEMENTS = {
    Improvement.INCREASE: "Increase: higher is better",
    Improvement.DECREASE: "Decrease: lower is better",
    Improvement.NEITHER: "Neither: watch for change either way",
}


class OwnerField(forms.ModelChoiceField[Member]):
    def label_from_instance(self, obj: Member) -> str:
        return f"{obj.display_name}, {obj.job_title or obj.role_label} ({obj.partner.name})"


class OutcomeForm(forms.ModelForm[Outcome]):
    owner = OwnerField(
        queryset=Member.objects.none(),
        required=False,
        empty_label="Nobody yet",
        label="Accountable owner",
        help_text="One person, who can commit their organisation's resources to it.",
    )

    class Meta:
        model = Outcome
        fields = ["title", "description", "owner", "partners", "principal"]
        labels = {
            "title": "Outcome",
            "description": "Description (optional)",
            "partners": "Contributing partners",
            "principal": "This is a principal outcome",
        }
        help_texts = {
            "title": "A change for people, like: people go home from hospital as soon as "
            "they are ready.",
            "partners": "Select all that apply.",
            "principal": "Principal outcomes are what the partnership exists for: they decide "
            "its verdict. Other outcomes are reported alongside.",
        }
        widgets = {"partners": forms.CheckboxSelectMultiple}

    def __init__(self, *args: Any, partnership: Partnership, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.partnership = partnership
        self.old_owner = self.instance.owner if self.instance.pk else None
        self.old_principal = self.instance.principal
        # A former member stays selectable only while they still own it.
        members = partnership.members.current_or(self.instance.owner_id)
        offer(self.fields["owner"], members.select_related("user", "partner"))
        offer(self.fields["partners"], partnership.partners.all())

    def save_by(self, user: Any) -> Outcome:
        """Save, recording a change of owner or of whether it is principal (either
        can change the verdict) with who made it."""
        with transaction.atomic():
            self.instance.partnership = self.partnership
            new = self.instance.pk is None
            outcome: Outcome = self.save()
            changes = [
                (
                    "owner",
                    outcome.owner != self.old_owner,
                    self.old_owner.display_name if self.old_owner else "",
                    outcome.owner.display_name if outcome.owner else "",
                ),
                (
                    "principal",
                    outcome.principal != self.old_principal,
                    _yes_no(self.old_principal),
                    _yes_no(outcome.principal),
                ),
            ]
            for field, differs, old, now in changes:
                if differs and not new:
                    ChangeRecord.objects.create(
                        partnership=self.partnership,
                        outcome=outcome,
                        field=field,
                        old=old,
                        new=now,
                        changed_by=user,
                        source="page",
                    )
        return outcome


def _yes_no(value: bool) -> str:
    return "yes" if value else "no"


class RebaseDatesField(forms.Field):
    """One named intervention a line: ``2023-10-01 Discharge to assess began``."""

    widget = forms.Textarea

    def to_python(self, value: Any) -> list[tuple[dt.date, str]]:
        text = "" if value in self.empty_values else str(value).strip()
        dates: list[tuple[dt.date, str]] = []
        problems = []
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            day, _, label = line.strip().partition(" ")
            try:
                date = dt.date.fromisoformat(day)
            except ValueError:
                problems.append(f"Line {number}: start with a date like 2023-10-01, not {day!r}")
                continue
            if not label.strip():
                problems.append(f"Line {number}: after the date, name the intervention")
                continue
            dates.append((date, label.strip()[:200]))
        if problems:
            raise forms.ValidationError(problems)
        if len({date for date, _ in dates}) < len(dates):
            raise forms.ValidationError("Give each date only once")
        return sorted(dates)


def rebase_text(dates: list[tuple[dt.date, str]]) -> str:
    return "\n".join(f"{date.isoformat()} {label}" for date, label in dates)


class IndicatorForm(forms.ModelForm[Indicator]):
    kind = forms.ChoiceField(
        label="What does it measure?",
        choices=Kind.choices(),
        widget=forms.RadioSelect,
    )
    improvement = forms.ChoiceField(
        label="Which way is better?",
        choices=list(_IMPROVEMENTS.items()),
        widget=forms.RadioSelect,
    )
    frequency = forms.ChoiceField(
        choices=Frequency.choices(),
        widget=forms.RadioSelect,
    )
    target = forms.FloatField(
        label="Target (optional)",
        required=False,
        help_text="A number in the indicator's unit, like 90.",
        error_messages={"invalid": "Enter the target as a number, like 90"},
    )
    rebase = RebaseDatesField(
        label="Named interventions (optional)",
        required=False,
        help_text="One a line: a date and what began, like 2023-10-01 Discharge to assess "
        "began. The chart starts new limits at each, and at the partnership's start.",
    )

    class Meta:
        model = Indicator
        fields = ["name", "unit", "kind", "improvement", "frequency", "source", "target"]
        labels = {"name": "Indicator", "source": "Source (optional)"}
        help_texts = {"source": "Where the values come from, like SUS discharge records."}

    def __init__(self, *args: Any, outcome: Outcome, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.outcome = outcome
        indicator = self.instance
        self.old: dict[str, Any] = {
            "target": indicator.target,
            "improvement": indicator.improvement,
            "unit": indicator.unit,
            "source": indicator.source,
            "rebase": [(r.date, r.label) for r in indicator.rebase_dates.all()]
            if indicator.pk
            else [],
        }
        self.fields["rebase"].initial = rebase_text(self.old["rebase"])
        self.order_fields(["name", "unit", "kind", "improvement", "frequency", "target"])

    def clean_frequency(self) -> str:
        frequency: str = self.cleaned_data["frequency"]
        indicator = self.instance
        if indicator.pk and frequency != indicator.frequency and indicator.points.exists():
            raise forms.ValidationError("The frequency cannot change once the indicator has values")
        return frequency

    def save_by(self, user: Any) -> Indicator:
        """Save, recording each change of target, direction, unit, source or rebase dates."""
        with one_change(self.outcome.partnership_id):
            self.instance.outcome = self.outcome
            new = self.instance.pk is None
            indicator: Indicator = self.save()
            rebase = self.cleaned_data["rebase"]
            if rebase != self.old["rebase"]:
                indicator.rebase_dates.all().delete()
                RebaseDate.objects.bulk_create(
                    RebaseDate(indicator=indicator, date=date, label=label)
                    for date, label in rebase
                )
            if not new:
                self._record(indicator, user, rebase)
        return indicator

    def _record(self, indicator: Indicator, user: Any, rebase: list[tuple[dt.date, str]]) -> None:
        today = timezone.localdate()
        changes = [
            ("target", number_text(self.old["target"]), number_text(indicator.target)),
            ("improvement", self.old["improvement"], indicator.improvement),
            # What a value means: the data-quality marks read these (core/quality.py).
            ("unit", self.old["unit"], indicator.unit),
            ("source", self.old["source"], indicator.source),
            ("rebase dates", rebase_text(self.old["rebase"]), rebase_text(rebase)),
        ]
        moved = is_moved_goalpost(
            self.old["target"],
            indicator.target,
            indicator.points.values_list("period", flat=True),
            today,
        )
        ChangeRecord.objects.bulk_create(
            ChangeRecord(
                partnership=self.outcome.partnership,
                outcome=self.outcome,
                indicator=indicator,
                field=field,
                old=old,
                new=new,
                changed_by=user,
                source="page",
                moved_goalpost=moved and field == "target",
            )
            for field, old, new in changes
            if old != new
        )


class ValueForm(forms.Form):
    period = DateField(label="Period")
    value = forms.FloatField(
        label="Value", error_messages={"invalid": "Enter the value as a number, like 42.5"}
    )
    note = forms.CharField(
        label="Note (optional)",
        max_length=NOTE_MAX,
        required=False,
        help_text="For example, why a value was corrected.",
    )

    def __init__(self, *args: Any, indicator: Indicator, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        frequency = indicator.frequency_choice
        self.fields["period"].help_text = (
            f"Any day in the {frequency.unit}: it is kept as the {frequency.unit}'s first day. "
            "For example, 1 3 2025."
        )
        self.fields["value"].label = f"Value ({indicator.unit})"


class UploadForm(forms.Form):
    file = forms.FileField(
        label="Upload a CSV or XLSX file",
        help_text="Columns period, value and optionally note, with a header row. "
        "A period is a date like 2025-03-01.",
        error_messages={
            "required": "Choose a CSV or XLSX file to upload",
            "empty": "The file is empty: it needs a header row and a row for each period",
        },
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".csv", ".xlsx", ".xlsm")):
            raise forms.ValidationError("The file must be a CSV or XLSX file")
        return upload
