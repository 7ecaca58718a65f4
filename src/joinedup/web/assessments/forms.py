"""Forms for opening a round and for answering one, page by page."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.db import IntegrityError, transaction
from django.utils import timezone

from joinedup.core.agenda import AGENDA_SIZE
from joinedup.core.errors import InputError
from joinedup.core.framework import (
    DEFAULT,
    DONT_KNOW_LABEL,
    SCALE,
    Principle,
    builtin_text,
    parse_framework,
)
from joinedup.core.problems import listed
from joinedup.core.relationships import LEVELS
from joinedup.core.respondents import DEFAULT_MIN_GROUP
from joinedup.web.assessments.invitations import invite
from joinedup.web.assessments.models import OPEN_ALREADY, Round
from joinedup.web.forms import DateField, within_size_limit
from joinedup.web.partnerships.models import Partner, Partnership

NAME_TAKEN = "This partnership already has a round with that name"
DONT_KNOW = "dk"  # how "don't know" is posted
MAX_AGENDA = 20  # more is no longer an agenda


class RoundForm(forms.ModelForm[Round]):
    closes_on = DateField(
        label="Closing date",
        help_text="Members can answer until the end of this day. For example, 27 3 2026",
    )
    min_group = forms.IntegerField(
        label="Minimum group",
        initial=DEFAULT_MIN_GROUP,
        min_value=DEFAULT_MIN_GROUP,
        max_value=50,
        help_text='No figure is shown with fewer answers than this behind it ("don\'t know" '
        f"does not count). At least {DEFAULT_MIN_GROUP}.",
        error_messages={
            "invalid": "Enter the minimum group as a whole number, like 3",
            "min_value": f"The minimum group must be {DEFAULT_MIN_GROUP} or more, "
            "so that nobody's answers can be picked out",
        },
    )
    agenda_size = forms.IntegerField(
        label="Items on the hard-issues agenda",
        initial=AGENDA_SIZE,
        min_value=1,
        max_value=MAX_AGENDA,
        help_text=f"The most pressing statements a board can discuss in one meeting; the rest "
        f"are listed below them as also raised. From 1 to {MAX_AGENDA}.",
        error_messages={
            "invalid": "Enter the number of agenda items as a whole number, like 7",
            "min_value": "The agenda needs at least 1 item",
            "max_value": f"The agenda can hold at most {MAX_AGENDA} items",
        },
    )
    framework_file = forms.FileField(
        label="Custom framework (optional)",
        required=False,
        validators=[within_size_limit],
        help_text="Leave empty to use the joinedup default framework. Otherwise, a TOML file "
        "in the framework format.",
    )

    class Meta:
        model = Round
        fields = ["name", "closes_on", "min_group", "agenda_size"]
        labels = {"name": "Name of the round"}
        help_texts = {"name": "For example, Autumn 2026."}

    def __init__(self, *args: Any, partnership: Partnership, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.partnership = partnership

    def clean_name(self) -> str:
        name: str = self.cleaned_data["name"].strip()
        if self.partnership.rounds.filter(name__iexact=name).exists():
            raise forms.ValidationError(NAME_TAKEN)
        return name

    def clean_closes_on(self) -> Any:
        closes_on = self.cleaned_data["closes_on"]
        if closes_on is not None and closes_on < timezone.localdate():
            raise forms.ValidationError("The closing date must be today or in the future")
        return closes_on

    def clean_framework_file(self) -> tuple[str, str]:
        """The framework's key and text: the default, or the uploaded file if it is valid."""
        upload = self.cleaned_data.get("framework_file")
        if not upload:
            return DEFAULT, builtin_text()
        try:
            text = upload.read().decode("utf-8")
        except UnicodeDecodeError:
            raise forms.ValidationError(
                f"{upload.name} is not a text file: save the framework as UTF-8 TOML"
            ) from None
        try:
            parse_framework(text, source=upload.name)
        except InputError as error:
            said = listed(error.problems).lines(prefix=f"{upload.name}: ")
            raise forms.ValidationError(said) from None
        return upload.name, text

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.partnership.rounds.open().exists():
            raise forms.ValidationError(OPEN_ALREADY)
        return data

    def open_round(self, opened_by: Any) -> Round | None:
        """Open the round and invite every current member, in one transaction.

        None, with the reason as the form's error, when another request opened
        a round (or took this name) after the form was checked: the database's
        constraints decide between requests that race (docs/adr/1002).
        """
        self.instance.opened_by = opened_by
        try:
            with transaction.atomic():
                self.partnership.rounds.stamp_closed_by_date()
                opened = self.save()
                invite(opened)
        except IntegrityError:
            if self.partnership.rounds.open().exists():
                self.add_error(None, OPEN_ALREADY)
            elif self.partnership.rounds.filter(name=self.cleaned_data["name"]).exists():
                self.add_error("name", NAME_TAKEN)
            else:
                raise
            return None
        return opened

    def save(self, commit: bool = True) -> Round:
        self.instance.partnership = self.partnership
        key, text = self.cleaned_data["framework_file"]
        self.instance.framework_key = key
        self.instance.framework_text = text
        saved: Round = super().save(commit)
        return saved


def field_name(statement_id: str) -> str:
    # Statement ids hold a dot, which would break the error summary's #links.
    return statement_id.replace(".", "-")


ANSWER_CHOICES = [(str(score), label) for score, label in SCALE.items()] + [
    (DONT_KNOW, DONT_KNOW_LABEL)
]


class PrincipleForm(forms.Form):
    """One principle's statements, each optional, and an optional comment."""

    def __init__(self, *args: Any, principle: Principle, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.principle = principle
        for statement in principle.statements:
            hints = [statement.help]
            if statement.evidence:
                hints.append(f"You might think of: {statement.evidence}")
            self.fields[field_name(statement.id)] = forms.ChoiceField(
                label=statement.text,
                choices=ANSWER_CHOICES,
                widget=forms.RadioSelect,
                required=False,
                help_text=" ".join(hint for hint in hints if hint),
                error_messages={"invalid_choice": f"Choose an answer to: {statement.text}"},
            )
        self.fields["comment"] = forms.CharField(
            label=f"Anything you want to add about {principle.name.lower()} (optional)",
            widget=forms.Textarea,
            required=False,
            max_length=2000,
            help_text="Shown in the results without your name or organisation (and, if few "
            "people from your organisation answer, only among other people's comments). "
            "Leave out anything that would identify you or someone else.",
        )

    @staticmethod
    def initial_from(
        principle: Principle, scores: dict[str, int | None], comment: str
    ) -> dict[str, str]:
        initial = {
            field_name(s.id): DONT_KNOW if scores[s.id] is None else str(scores[s.id])
            for s in principle.statements
            if s.id in scores
        }
        initial["comment"] = comment
        return initial

    def scores(self) -> dict[str, int | None | str]:
        """statement id -> 1-4, None (don't know) or "" (not answered)."""
        result: dict[str, int | None | str] = {}
        for statement in self.principle.statements:
            value = self.cleaned_data[field_name(statement.id)]
            result[statement.id] = None if value == DONT_KNOW else (int(value) if value else "")
        return result


LEVEL_CHOICES = [(str(level), f"{level}: {label}") for level, label in LEVELS.items()]


class RelationshipForm(forms.Form):
    """How closely the respondent's organisation works with each other partner."""

    def __init__(self, *args: Any, own: Partner, others: Iterable[Partner], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.others = list(others)
        for partner in self.others:
            self.fields[f"partner-{partner.pk}"] = forms.ChoiceField(
                label=f"How closely does {own.name} work with {partner.name}?",
                choices=LEVEL_CHOICES,
                widget=forms.RadioSelect,
                required=False,
                error_messages={"invalid_choice": f"Choose a level for {partner.name}"},
            )

    def levels(self) -> dict[Partner, int | None]:
        """partner -> level 0-5, or None when not answered."""
        return {
            partner: int(value) if (value := self.cleaned_data[f"partner-{partner.pk}"]) else None
            for partner in self.others
        }
