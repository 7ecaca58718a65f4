"""Form pieces shared by every app: the NHS.UK date input, and the mapping
from a Django bound field to the parameters of its NHS.UK macro."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.db.models import QuerySet


class DateWidget(forms.MultiWidget):
    """Day, month and year boxes, as the NHS.UK date input pattern asks."""

    template_name = ""  # rendered by the nhsuk date-input macro, never by Django

    def __init__(self) -> None:
        super().__init__([forms.TextInput(), forms.TextInput(), forms.TextInput()])

    def decompress(self, value: dt.date | None) -> list[Any]:
        if value is None:
            return [None, None, None]
        return [value.day, value.month, value.year]


class DateField(forms.MultiValueField):
    widget = DateWidget

    default_error_messages = {
        "invalid": "Enter a real date, like 27 3 2026",
        "incomplete": "Enter a day, a month and a year",
    }

    def __init__(self, **kwargs: Any) -> None:
        invalid = {"invalid": self.default_error_messages["invalid"]}
        fields = (
            forms.IntegerField(min_value=1, max_value=31, error_messages=invalid),
            forms.IntegerField(min_value=1, max_value=12, error_messages=invalid),
            forms.IntegerField(min_value=1900, max_value=2999, error_messages=invalid),
        )
        super().__init__(fields, require_all_fields=False, **kwargs)

    def compress(self, data_list: list[int | None]) -> dt.date | None:
        if not data_list or all(part is None for part in data_list):
            return None
        if any(part is None for part in data_list):
            raise forms.ValidationError(self.error_messages["incomplete"], code="incomplete")
        day, month, year = data_list
        try:
            return dt.date(year, month, day)  # type: ignore[arg-type]
        except ValueError:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None


def first_input_id(bound: forms.BoundField) -> str:
    """The id an error summary link should move focus to."""
    if isinstance(
        bound.field.widget, forms.MultiWidget | forms.RadioSelect | forms.CheckboxSelectMultiple
    ):
        return f"{bound.auto_id}_0"
    return str(bound.auto_id)


def error_list(form: forms.BaseForm) -> list[dict[str, str]]:
    """Every error of ``form`` as NHS.UK error summary items, in field order."""
    fields = list(form)
    # Errors about the whole form take the reader to its first field.
    top = f"#{first_input_id(fields[0])}" if fields else "#maincontent"
    items = [{"text": str(error), "href": top} for error in form.non_field_errors()]
    for bound in fields:
        for error in bound.errors:
            items.append({"text": str(error), "href": f"#{first_input_id(bound)}"})
    return items


def field_params(bound: forms.BoundField, **extra: Any) -> dict[str, Any]:
    """The parameters of the NHS.UK macro for ``bound``, with ``extra`` on top.

    The kind of macro is in ``params["macro"]``; templates call
    ``forms.field(form["name"])`` which picks the macro.
    """
    widget = bound.field.widget
    errors = " ".join(str(error) for error in bound.errors)
    params: dict[str, Any] = {
        "id": bound.auto_id,
        "name": bound.html_name,
        "label": {"text": bound.label},
        "hint": {"text": str(bound.help_text)} if bound.help_text else None,
        "errorMessage": {"text": errors} if errors else None,
    }
    value = bound.value()
    if isinstance(widget, DateWidget):
        parts = value if isinstance(value, list) else widget.decompress(value)
        params.update(
            macro="date",
            fieldset={"legend": {"text": bound.label, "size": "s"}},
            items=[
                {
                    "id": f"{bound.auto_id}_{i}",
                    "name": f"{bound.html_name}_{i}",
                    "label": label,
                    "value": "" if part is None else part,
                    "width": width,
                    "classes": "nhsuk-input--error" if errors else "",
                }
                for i, (label, part, width) in enumerate(
                    zip(("Day", "Month", "Year"), parts, (2, 2, 4), strict=True)
                )
            ],
        )
    elif isinstance(widget, forms.CheckboxInput):
        params.update(
            macro="checkboxes",
            items=[
                {
                    "id": bound.auto_id,
                    "value": "on",
                    "text": bound.label,
                    "hint": params["hint"],
                    "checked": bool(value),
                }
            ],
        )
        # The id is the box's, not its wrapper's: its label must find the box.
        params.update(hint=None, label=None, id=None)
    elif isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
        chosen = {str(v) for v in value} if isinstance(value, list | tuple) else {str(value)}
        # CheckboxSelectMultiple is a RadioSelect in Django: ask about it first.
        multiple = isinstance(widget, forms.CheckboxSelectMultiple)
        params.update(
            macro="checkboxes" if multiple else "radios",
            idPrefix=bound.auto_id,
            fieldset={"legend": {"text": bound.label, "size": "s"}},
            items=[
                {
                    "id": f"{bound.auto_id}_{i}",
                    "value": choice_value,
                    "text": choice_label,
                    "checked": str(choice_value) in chosen,
                }
                for i, (choice_value, choice_label) in enumerate(_choices(bound))
            ],
        )
    elif isinstance(widget, forms.Select):
        params.update(
            macro="select",
            items=[
                {
                    "value": choice_value,
                    "text": choice_label,
                    "selected": str(choice_value) == str(value),
                }
                for choice_value, choice_label in _choices(bound)
            ],
        )
    elif isinstance(widget, forms.Textarea):
        params.update(macro="textarea", value=value or "", rows=4)
    else:
        params.update(
            macro="input",
            value="" if value is None else value,
            type=getattr(widget, "input_type", "text"),
        )
    params.update(extra)
    return params


def _choices(bound: forms.BoundField) -> list[tuple[Any, Any]]:
    field = bound.field
    assert isinstance(field, forms.ChoiceField)  # it has a widget of choices
    return list(field.choices)  # type: ignore[arg-type]  # always a list of pairs here


def offer(field: forms.Field, queryset: QuerySet[Any], *, blank: bool = True) -> None:
    """Offer only ``queryset`` in the model choice ``field`` (a partnership's own
    partners, say), without the empty choice unless ``blank``."""
    assert isinstance(field, forms.ModelChoiceField)
    field.queryset = queryset
    if not blank:
        field.empty_label = None
