"""Recording an indicator's events (joinedup.core.events): the form, and
saving or deleting one. A rebase needs its reason, and every change to the
indicator's rebases is kept in its history, as rebase dates always were."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django import forms
from django.db import IntegrityError, transaction

from joinedup.core.events import EventKind
from joinedup.web.forms import DateField
from joinedup.web.freshness.versions import one_change
from joinedup.web.outcomes.models import ChangeRecord, Indicator, IndicatorEvent

REBASE_FIELD = "rebase dates"  # ChangeRecord.field of a change to the rebases


def rebase_text(indicator: Indicator) -> str:
    """The indicator's rebases as the history keeps them: 1 October 2023: D2A began."""
    rebases = indicator.events.filter(kind=EventKind.REBASE).order_by("date")
    return "; ".join(f"{e.date.day} {e.date:%B %Y}: {e.text}" for e in rebases)


class EventForm(forms.ModelForm[IndicatorEvent]):
    date = DateField(label="Date", help_text="When it happened or began. For example, 1 10 2024")
    kind = forms.ChoiceField(
        label="What kind of event?",
        choices=[(kind.value, f"{kind.label}: {kind.description}") for kind in EventKind],
        widget=forms.RadioSelect,
        error_messages={"required": "Select what kind of event it is"},
    )

    class Meta:
        model = IndicatorEvent
        fields = ["date", "kind", "text", "reason"]
        labels = {"text": "What happened", "reason": "Why (required for a rebase)"}
        help_texts = {
            "text": "Shown beside the chart. For example, Discharge to assess pilot began",
            "reason": "For a rebase: why the process changed from this date, so that new "
            "limits are justified (Making Data Count advises against redrawing limits "
            "without an understood cause).",
        }
        error_messages = {
            "text": {
                "required": "Say what happened",
                "max_length": "Say what happened in up to 200 characters",
            },
        }

    def __init__(self, *args: Any, indicator: Indicator, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.indicator = indicator
        self.fields["reason"].widget.attrs["rows"] = 3

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("kind") != EventKind.REBASE:
            return data
        if not data.get("reason", "").strip():
            self.add_error("reason", "Say why the limits start again from this date")
        day = data.get("date")
        if day is None:  # its own error says what is wrong
            return data
        others = self.indicator.events.filter(kind=EventKind.REBASE, date=day)
        if others.exclude(pk=self.instance.pk).exists():
            self.add_error("date", _rebase_taken(day))
        elif day == self.indicator.outcome.partnership.start_date:
            self.add_error("date", "The chart starts new limits at the partnership's start already")
        return data

    def save_by(self, user: Any) -> IndicatorEvent | None:
        """Save the event; a change to the rebases goes in the history. None,
        with the date's error, when another rebase on its date was saved since
        the form was checked (the database's constraint decides the race)."""
        event = self.instance
        event.indicator = self.indicator
        if event.pk is None:
            event.recorded_by = user
        try:
            with transaction.atomic(), _rebases_kept(self.indicator, user):
                saved: IndicatorEvent = self.save()
        except IntegrityError:
            self.add_error("date", _rebase_taken(event.date))
            return None
        return saved


def _rebase_taken(day: dt.date) -> str:
    return f"There is a rebase on {day.day} {day:%B %Y} already"


def delete_event(event: IndicatorEvent, user: Any) -> None:
    with _rebases_kept(event.indicator, user):
        event.delete()


@contextmanager
def _rebases_kept(indicator: Indicator, user: Any) -> Iterator[None]:
    """Around a change to an indicator's events: one data change for its
    partnership, and a history record when its rebases differ after it."""
    with one_change(indicator.outcome.partnership_id):
        old = rebase_text(indicator)
        yield
        new = rebase_text(indicator)
        if new != old:
            ChangeRecord.objects.create(
                partnership_id=indicator.outcome.partnership_id,
                outcome_id=indicator.outcome_id,
                indicator=indicator,
                field=REBASE_FIELD,
                old=old,
                new=new,
                changed_by=user,
                source="page",
            )
