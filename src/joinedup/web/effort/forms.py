"""Forms for effort: meetings with their attendance, other staff time, money,
and the partnership's cost rates. Each error says what to enter."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.db import transaction

from joinedup.core.effort import DEFAULT_RATES, Grade
from joinedup.core.numbers import format_money
from joinedup.core.plausible import spent_date_problem
from joinedup.web.effort.models import CostRate, Expense, Meeting, StaffTime
from joinedup.web.forms import AmountField, DateField, offer, refuse
from joinedup.web.freshness.versions import one_change
from joinedup.web.partnerships.models import Partner, Partnership

MAX_PEOPLE = 200
# Effort records what was spent: never a date after today (docs/effort.md).
SPENT = refuse(spent_date_problem)


class MeetingForm(forms.ModelForm[Meeting]):
    """A meeting and how many people of each partner and grade attended.

    The attendance boxes are named ``people_<partner id>_<grade>``; an empty
    box means nobody. Saving replaces the meeting's attendance in one
    transaction.
    """

    date = DateField(
        label="Date of the meeting", help_text="For example, 15 5 2025", validators=[SPENT]
    )
    duration_minutes = forms.IntegerField(
        label="How long it lasted, in minutes",
        min_value=1,
        max_value=24 * 60,
        help_text="For example, 90 for an hour and a half. Include travel if people travelled.",
        error_messages={
            "required": "Enter how long the meeting lasted, in minutes",
            "invalid": "Enter the length in whole minutes, like 90",
            "min_value": "The meeting must last at least 1 minute",
            "max_value": "A meeting can last up to 1440 minutes (a day)",
        },
    )

    class Meta:
        model = Meeting
        fields = ["title", "date", "duration_minutes"]
        labels = {"title": "What the meeting was"}
        help_texts = {"title": "For example, Partnership board"}
        error_messages = {"title": {"required": "Enter what the meeting was"}}

    def __init__(self, *args: Any, partnership: Partnership, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.partnership = partnership
        self.fields["date"].error_messages["required"] = "Enter the date of the meeting"
        self.partners = list(partnership.partners.all())
        existing = (
            {(row.partner_id, row.grade): row.people for row in self.instance.attendance.all()}
            if self.instance.pk
            else {}
        )
        for partner in self.partners:
            for grade in Grade:
                self.fields[self.people_field(partner, grade)] = forms.IntegerField(
                    label=grade.label,
                    required=False,
                    min_value=0,
                    max_value=MAX_PEOPLE,
                    initial=existing.get((partner.pk, grade.value)),
                    error_messages={
                        "invalid": f"Enter a whole number of {grade.label.lower()} "
                        f"attendees from {partner.name}, like 2",
                        "min_value": f"The number of {grade.label.lower()} attendees from "
                        f"{partner.name} cannot be negative",
                        "max_value": f"Enter up to {MAX_PEOPLE} attendees",
                    },
                )

    @staticmethod
    def people_field(partner: Partner, grade: Grade) -> str:
        return f"people_{partner.pk}_{grade.value}"

    def attendance_groups(self) -> list[tuple[Partner, list[forms.BoundField], int, bool]]:
        """Each partner with its attendance boxes, the people entered so far, and
        whether to show the boxes open (when some are filled in or wrong)."""
        groups = []
        for partner in self.partners:
            boxes = [self[self.people_field(partner, grade)] for grade in Grade]
            people = sum(_whole(box.value()) for box in boxes)
            groups.append((partner, boxes, people, bool(people or any(b.errors for b in boxes))))
        return groups

    def main_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.Meta.fields]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        boxes = [name for name in self.fields if name.startswith("people_")]
        if boxes and not any(cleaned.get(name) for name in boxes):
            # Said at the first box, so the error summary leads there.
            self.add_error(boxes[0], "Enter how many people from at least one partner attended")
        return cleaned

    def save(self, commit: bool = True) -> Meeting:
        self.instance.partnership = self.partnership
        with one_change(self.partnership.pk):
            meeting = super().save()
            meeting.attendance.all().delete()
            meeting.attendance.bulk_create(
                [
                    meeting.attendance.model(
                        meeting=meeting, partner=partner, grade=grade.value, people=people
                    )
                    for partner in self.partners
                    for grade in Grade
                    if (people := self.cleaned_data.get(self.people_field(partner, grade)))
                ]
            )
        return meeting


def _whole(value: Any) -> int:
    """A box's number of people as typed, or 0 when it is not a whole number."""
    try:
        return max(int(value), 0)
    except (TypeError, ValueError):
        return 0


def _partner_field() -> forms.ModelChoiceField[Partner]:
    """A partner of the form's partnership: ``__init__`` sets the queryset to its own."""
    return forms.ModelChoiceField(
        queryset=Partner.objects.none(),
        label="Which partner's staff",
        empty_label=None,
        error_messages={
            "required": "Choose the partner",
            "invalid_choice": "Choose one of the partnership's partners",
        },
    )


class StaffTimeForm(forms.ModelForm[StaffTime]):
    partner = _partner_field()
    date = DateField(
        label="Date", help_text="Any day in the month the time was spent", validators=[SPENT]
    )
    grade = forms.ChoiceField(
        label="Grade of the staff",
        choices=Grade.choices(),
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the grade of the staff"},
    )
    hours = AmountField(
        label="Hours",
        min_value=Decimal("0.25"),
        max_value=Decimal(10_000),
        decimal_places=2,
        help_text="Person-hours: 2 people for 3 hours is 6. For example, 7.5",
        error_messages={
            "required": "Enter the hours",
            "invalid": "Enter the hours as a number, like 7.5",
            "min_value": "Enter at least 0.25 hours (15 minutes)",
            "max_value": "Enter up to 10,000 hours in one entry",
            "max_decimal_places": "Enter the hours with up to 2 decimal places",
        },
    )

    class Meta:
        model = StaffTime
        fields = ["partner", "date", "grade", "hours", "description"]
        labels = {"description": "What the time was for"}
        help_texts = {"description": "For example, preparing the board papers"}
        error_messages = {"description": {"required": "Enter what the time was for"}}

    def __init__(self, *args: Any, partnership: Partnership, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.partnership = partnership
        offer(self.fields["partner"], partnership.partners.all())
        self.fields["date"].error_messages["required"] = "Enter the date"

    def save(self, commit: bool = True) -> StaffTime:
        self.instance.partnership = self.partnership
        saved: StaffTime = super().save(commit)
        return saved


class ExpenseForm(forms.ModelForm[Expense]):
    partner = _partner_field()
    date = DateField(label="Date", help_text="For example, 15 5 2025", validators=[SPENT])
    amount = AmountField(
        label="Amount, in pounds",
        min_value=Decimal("0.01"),
        max_value=Decimal(10_000_000),
        decimal_places=2,
        error_messages={
            "required": "Enter the amount",
            "invalid": "Enter the amount as a number, like 250 or 99.50",
            "min_value": "Enter an amount of at least 1p",
            "max_value": "Enter an amount up to £10,000,000",
            "max_decimal_places": "Enter the amount in pounds and pence, like 99.50",
        },
    )

    class Meta:
        model = Expense
        fields = ["partner", "date", "amount", "description"]
        labels = {"description": "What the money was for"}
        help_texts = {"description": "For example, room hire for the board"}
        error_messages = {"description": {"required": "Enter what the money was for"}}

    def __init__(self, *args: Any, partnership: Partnership, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.partnership = partnership
        offer(self.fields["partner"], partnership.partners.all())
        self.fields["partner"].label = "Which partner paid"
        self.fields["date"].error_messages["required"] = "Enter the date"

    def save(self, commit: bool = True) -> Expense:
        self.instance.partnership = self.partnership
        saved: Expense = super().save(commit)
        return saved


class CostRatesForm(forms.Form):
    """One hourly rate per grade; an empty box means the default."""

    def __init__(self, *args: Any, partnership: Partnership, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.partnership = partnership
        own = {rate.grade: rate.hourly_rate for rate in partnership.cost_rates.all()}
        for grade in Grade:
            default = DEFAULT_RATES[grade]
            self.fields[grade.value] = AmountField(
                label=f"{grade.label}: pounds per hour",
                help_text=f"{grade.description.capitalize()}. Leave empty for the default, "
                f"{format_money(default)}.",
                required=False,
                min_value=Decimal(0),
                max_value=Decimal(10_000),
                decimal_places=2,
                initial=own.get(grade.value),
                error_messages={
                    "invalid": f"Enter the {grade.label.lower()} rate as a number, like {default}",
                    "min_value": f"The {grade.label.lower()} rate cannot be negative",
                    "max_value": f"Enter a {grade.label.lower()} rate up to £10,000 an hour",
                    "max_decimal_places": f"Enter the {grade.label.lower()} rate in pounds "
                    "and pence",
                },
            )

    @transaction.atomic
    def save(self) -> None:
        for grade in Grade:
            rate = self.cleaned_data.get(grade.value)
            if rate is None:
                self.partnership.cost_rates.filter(grade=grade.value).delete()
            else:
                CostRate.objects.update_or_create(
                    partnership=self.partnership, grade=grade.value, defaults={"hourly_rate": rate}
                )
