"""Forms for outcomes, indicators and their values. Saving an owner, a
target or a direction keeps the change in the history (events, rebases
among them, are in events.py)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.db import transaction
from django.utils import timezone

from joinedup.core.goalposts import is_moved_goalpost
from joinedup.core.numbers import series_format
from joinedup.core.outcomes import NOTE_MAX, Frequency, Kind, period_problem
from joinedup.core.spc import Improvement
from joinedup.web.forms import DateField, NumberField, offer, within_size_limit
from joinedup.web.freshness.versions import one_change
from joinedup.web.outcomes.models import ChangeRecord, Indicator, Outcome
from joinedup.web.outcomes.series import number_text
from joinedup.web.outcomes.values import scale_without
from joinedup.web.partnerships.models import Member, Partnership

# Which way is better, in words: the form's choices and the history's lines.
IMPROVEMENT_WORDS: dict[str, str] = {
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
        error_messages = {"title": {"required": "Enter the outcome, as a change for people"}}

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


class IndicatorForm(forms.ModelForm[Indicator]):
    kind = forms.ChoiceField(
        label="What does it measure?",
        choices=Kind.choices(),
        widget=forms.RadioSelect,
        error_messages={"required": "Select what the indicator measures"},
    )
    improvement = forms.ChoiceField(
        label="Which way is better?",
        choices=list(IMPROVEMENT_WORDS.items()),
        widget=forms.RadioSelect,
        error_messages={"required": "Select which way is better"},
    )
    frequency = forms.ChoiceField(
        choices=Frequency.choices(),
        widget=forms.RadioSelect,
        error_messages={"required": "Select how often the indicator has a value"},
    )
    target = NumberField(
        label="Target (optional)",
        required=False,
        help_text="A number in the indicator's unit, like 90.",
        error_messages={"invalid": "Enter the target as a number, like 90"},
    )

    class Meta:
        model = Indicator
        fields = ["name", "unit", "kind", "improvement", "frequency", "source", "target"]
        labels = {"name": "Indicator", "source": "Source (optional)"}
        help_texts = {"source": "Where the values come from, like SUS discharge records."}
        error_messages = {
            "name": {"required": "Enter the indicator's name"},
            "unit": {"required": "Enter the unit, like bed days or %"},
        }

    def __init__(self, *args: Any, outcome: Outcome, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.outcome = outcome
        indicator = self.instance
        self.old: dict[str, Any] = {
            "target": indicator.target,
            "improvement": indicator.improvement,
            "unit": indicator.unit,
            "source": indicator.source,
        }
        self.order_fields(["name", "unit", "kind", "improvement", "frequency", "target"])

    def clean_frequency(self) -> str:
        frequency: str = self.cleaned_data["frequency"]
        indicator = self.instance
        if indicator.pk and frequency != indicator.frequency and indicator.points.exists():
            raise forms.ValidationError("The frequency cannot change once the indicator has values")
        return frequency

    def save_by(self, user: Any) -> Indicator:
        """Save, recording each change of target, direction, unit or source."""
        with one_change(self.outcome.partnership_id):
            self.instance.outcome = self.outcome
            new = self.instance.pk is None
            indicator: Indicator = self.save()
            if not new:
                self._record(indicator, user)
        return indicator

    def _record(self, indicator: Indicator, user: Any) -> None:
        today = timezone.localdate()
        changes = [
            ("target", number_text(self.old["target"]), number_text(indicator.target)),
            ("improvement", self.old["improvement"], indicator.improvement),
            # What a value means: the data-quality marks read these (core/quality.py).
            ("unit", self.old["unit"], indicator.unit),
            ("source", self.old["source"], indicator.source),
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
    """One value by hand: a new period, or a correction kept in the history
    with why. A period that has not begun is refused; a value far outside the
    series is saved only once the person confirms it."""

    period = DateField(label="Period")
    value = NumberField(label="Value")
    note = forms.CharField(
        label="Note about the value (optional)",
        max_length=NOTE_MAX,
        required=False,
        help_text="Shown beside the value, for example: includes a winter ward.",
        error_messages={"max_length": f"A note can have up to {NOTE_MAX} characters"},
    )
    reason = forms.CharField(
        label="Why is it changing?",
        max_length=500,
        required=False,
        help_text="Needed when the period has a value already. It is kept in the "
        "indicator's history with your name.",
        error_messages={"max_length": "Say why in up to 500 characters"},
    )
    confirm = forms.BooleanField(required=False)

    def __init__(self, *args: Any, indicator: Indicator, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.indicator = indicator
        self.frequency = indicator.frequency_choice
        self.style = series_format(indicator.unit, [p.value for p in indicator.points.all()])
        self.asks_to_confirm = False
        unit = self.frequency.unit
        self.fields[
            "period"
        ].help_text = (
            f"Any day in the {unit}: it is kept as the {unit}'s first day. For example, 1 3 2025."
        )
        self.fields["period"].error_messages["required"] = f"Enter a day in the {unit}"
        self.fields["value"].label = f"Value ({indicator.unit})"
        self.fields["value"].error_messages.update(
            required=f"Enter the value, in {indicator.unit}",
            invalid=f"Enter the value as a number in {indicator.unit}, like 42.5",
        )

    def clean_period(self) -> dt.date | None:
        day: dt.date | None = self.cleaned_data["period"]
        if day is None:
            return None
        period = self.frequency.start_of(day)
        problem = period_problem(period, self.frequency, timezone.localdate())
        if problem:
            raise forms.ValidationError(problem)
        return period

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        period, value = data.get("period"), data.get("value")
        if period is None or value is None:
            return data
        stored = self.indicator.points.filter(period=period).first()
        name = self.frequency.name_of(period)
        changes = stored is not None and (stored.value, stored.note) != (value, data["note"])
        if changes and stored is not None and not data.get("reason", "").strip():
            self.add_error(
                "reason",
                f"Say why the value for {name} is changing: it is "
                f"{self.style.value(stored.value)} now, and the reason is kept in the history",
            )
        unchanged = stored is not None and stored.value == value
        scale = None if unchanged else scale_without(self.indicator, period)
        if scale is not None and scale.far_outside(value) and not data.get("confirm"):
            self.asks_to_confirm = True
            # The bound field copied its label when the form was cleaned: set both.
            label = f"Yes, {self.style.value(value)} is right for {name}: save it"
            self.fields["confirm"].label = self["confirm"].label = label
            self.add_error(
                "value",
                f"{self.style.value(value)} is far outside this indicator's usual values "
                f"(around {self.style.value(scale.centre)}): check it for a typo, then "
                "confirm it below if it is right",
            )
        return data


class RemoveValueForm(forms.Form):
    reason = forms.CharField(
        label="Why are you removing it?",
        max_length=500,
        help_text="For example: entered for the wrong month. It is kept in the "
        "indicator's history with your name.",
        error_messages={
            "required": "Say why the value is being removed: it is kept in the history",
            "max_length": "Say why in up to 500 characters",
        },
    )


class UploadForm(forms.Form):
    file = forms.FileField(
        label="Upload a CSV or XLSX file",
        validators=[within_size_limit],
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
