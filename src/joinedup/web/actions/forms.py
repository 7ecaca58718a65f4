"""Forms for actions: raising one, updating one (every update goes in its
log), and filtering the list. Each error says what to enter."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.db.models import F
from django.utils import timezone

from joinedup.core.actions import NOTE_MAX, TITLE_MAX, Status
from joinedup.web.actions.models import Action, ActionQuerySet, ActionUpdate
from joinedup.web.forms import DateField, offer
from joinedup.web.freshness.versions import one_change
from joinedup.web.outcomes.forms import OwnerField
from joinedup.web.partnerships.models import Member, Partnership

FURTHEST_YEARS = 5  # a due date further ahead is taken for a typo


def owner_field() -> OwnerField:
    return OwnerField(
        queryset=Member.objects.none(),
        label="Owner",
        help_text="The member who will do it, or see that it is done.",
        empty_label="Choose a member",
        error_messages={
            "required": "Choose who owns the action",
            "invalid_choice": "Choose a current member of the partnership",
        },
    )


def due_field() -> DateField:
    field = DateField(label="Due date", help_text="For example, 27 3 2026")
    field.error_messages["required"] = "Enter the date the action is due"
    return field


def check_due(due: dt.date) -> dt.date:
    today = timezone.localdate()
    if due < today:
        raise forms.ValidationError("The due date must be today or later")
    if due > today.replace(year=today.year + FURTHEST_YEARS, day=min(today.day, 28)):
        raise forms.ValidationError(
            f"The due date must be within {FURTHEST_YEARS} years: check the year"
        )
    return due


class RaiseForm(forms.ModelForm[Action]):
    """A new action: its title, owner and due date. What it answers is set on
    the instance by the view, from the link that led here."""

    owner = owner_field()
    due_on = due_field()

    class Meta:
        model = Action
        fields = ["title", "owner", "due_on"]
        labels = {"title": "What is to be done"}
        help_texts = {"title": "For example, Agree who decides on discharge capacity"}
        error_messages = {
            "title": {
                "required": "Enter what is to be done",
                "max_length": f"Say what is to be done in up to {TITLE_MAX} characters",
            }
        }

    def __init__(self, *args: Any, partnership: Partnership, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.partnership = partnership
        owners = partnership.members.current_or().select_related("user", "partner")
        offer(self.fields["owner"], owners)

    def clean_due_on(self) -> dt.date:
        return check_due(self.cleaned_data["due_on"])

    def save_by(self, user: Any) -> Action:
        with one_change(self.instance.partnership_id):
            self.instance.raised_by = user
            self.instance.raised_at = timezone.now()
            return self.save()


class UpdateForm(forms.Form):
    """An update of an action: its owner changes the status (to anything but
    dropped) and adds a note; a lead may also drop it, reassign it and change
    its due date (``full``).

    ``revision`` is the action's revision when the page was shown: if someone
    else updated it since, the update is refused rather than overwriting theirs.
    """

    status = forms.ChoiceField(
        label="Status",
        choices=Status.choices(),
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose the action's status",
            "invalid_choice": "Choose one of the statuses shown",
        },
    )
    owner = owner_field()
    due_on = due_field()
    note = forms.CharField(
        label="Note (optional)",
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea,
        help_text="What was done, what is in the way, or why it is dropped.",
        error_messages={"max_length": f"A note can have up to {NOTE_MAX} characters"},
    )
    revision = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, action: Action, full: bool, **kwargs: Any) -> None:
        kwargs["initial"] = {
            "status": action.status,
            "owner": action.owner_id,
            "due_on": action.due_on,
            "revision": action.revision,
        }
        super().__init__(*args, **kwargs)
        self.action = action
        if full:
            owners = action.partnership.members.current_or(action.owner_id)
            offer(self.fields["owner"], owners.select_related("user", "partner"))
        else:
            del self.fields["owner"], self.fields["due_on"]
            # Dropping what was agreed is the partnership's decision, so a lead's.
            status = self.fields["status"]
            assert isinstance(status, forms.ChoiceField)
            status.choices = [
                (value, label)
                for value, label in Status.choices()
                if value != Status.DROPPED or action.status == Status.DROPPED
            ]

    def clean_due_on(self) -> dt.date:
        due: dt.date = self.cleaned_data["due_on"]
        return due if due == self.action.due_on else check_due(due)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            return data
        if not self.changes() and not data["note"].strip():
            raise forms.ValidationError("Change the status, owner or due date, or add a note")
        if data["status"] == Status.DROPPED and self.changes().get("status") and not data["note"]:
            self.add_error("note", "Say why the action is dropped")
        return data

    def changes(self) -> dict[str, Any]:
        """The fields whose new value differs from the action's: name -> (old, new)."""
        data, action = self.cleaned_data, self.action
        now = {
            "status": action.status,
            "owner": action.owner,
            "due_on": action.due_on,
        }
        new = {"status": data["status"], "owner": data.get("owner"), "due_on": data.get("due_on")}
        return {
            name: (now[name], value)
            for name, value in new.items()
            if value is not None and value != now[name]
        }

    def save_by(self, user: Any) -> bool:
        """Apply the update and log it; False when someone else updated it first."""
        action, changes = self.action, self.changes()
        fields: dict[str, Any] = {name: new for name, (_, new) in changes.items()}
        if "status" in changes:
            fields["closed_at"] = None if Status(fields["status"]).to_do else timezone.now()
        with one_change(action.partnership_id):
            updated = Action.objects.filter(
                pk=action.pk, revision=self.cleaned_data["revision"]
            ).update(revision=F("revision") + 1, **fields)
            if not updated:
                return False
            ActionUpdate.objects.create(
                action=action,
                by=user,
                old_status=changes["status"][0] if "status" in changes else "",
                status=fields.get("status", ""),
                old_owner=changes["owner"][0] if "owner" in changes else None,
                owner=fields.get("owner"),
                old_due_on=changes["due_on"][0] if "due_on" in changes else None,
                due_on=fields.get("due_on"),
                note=self.cleaned_data["note"].strip(),
            )
        return True


class FilterForm(forms.Form):
    """The list's filters, from the query string: by status and by owner."""

    status = forms.ChoiceField(
        label="Status",
        required=False,
        choices=[
            ("", "All"),
            ("to_do", "Still to do (open or in progress)"),
            ("overdue", "Overdue"),
            *Status.choices(),
        ],
    )
    owner = OwnerField(
        queryset=Member.objects.none(),
        label="Owner",
        required=False,
        empty_label="Anyone",
        error_messages={"invalid_choice": "Choose an owner from the list"},
    )

    def __init__(self, *args: Any, partnership: Partnership, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Everyone who owns one of the partnership's actions, former members too.
        offer(
            self.fields["owner"],
            partnership.members.filter(actions__isnull=False)
            .distinct()
            .select_related("user", "partner"),
        )

    def apply(self, actions: ActionQuerySet, today: dt.date) -> ActionQuerySet:
        """``actions`` narrowed by the valid filters (all of them when none are)."""
        if not self.is_valid():
            return actions
        status, owner = self.cleaned_data["status"], self.cleaned_data["owner"]
        if status == "to_do":
            actions = actions.to_do()
        elif status == "overdue":
            actions = actions.overdue(today)
        elif status:
            actions = actions.filter(status=status)
        if owner is not None:
            actions = actions.filter(owner=owner)
        return actions
