"""Form pieces shared by every app: the NHS.UK date input, the mapping from a
Django bound field to the parameters of its NHS.UK macro, and error messages
that always name their field."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db.models import QuerySet
from django.utils import timezone

from joinedup.core.limits import Limits, TooBig
from joinedup.core.numbers import OutOfRange, is_plain_number, read_number
from joinedup.tabular import check_unpacked


def limits() -> Limits:
    """The caps on uploads and imports, as configured (docs/configuration.md)."""
    configured: Limits = settings.INPUT_LIMITS
    return configured


def within_size_limit(upload: UploadedFile) -> None:
    """A FileField validator: the upload is no bigger than the configured cap,
    checked from its size before anything reads it, and a workbook unpacks to
    no more than its cap, checked from its zip directory before anything
    (an import, or a look at how many rows it has) parses it."""
    try:
        limits().check_size(upload.size or 0)
        if (upload.name or "").lower().endswith((".xlsx", ".xlsm")):
            check_unpacked(upload, limits())
    except TooBig as exc:
        raise ValidationError(f"{upload.name}: {exc.problems[0].message}") from None


class NumberField(forms.FloatField):
    """A number typed into a page, read as a file's numbers are
    (:func:`joinedup.core.numbers.read_number`): ``1e400`` and ``1e-400``
    are refused saying why, rather than kept as infinity or as 0."""

    def to_python(self, value: Any) -> float | None:  # type: ignore[override]  # the stubs give FloatField its parent IntegerField's int
        if value in self.empty_values:
            return None
        text = str(value).strip()
        try:
            return read_number(text)
        except OutOfRange as exc:
            raise ValidationError(f"{self.label}: {exc}", code="out_of_range") from None
        except ValueError:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None


# The years a date field takes: a date outside them is a typo.
FIRST_YEAR, LAST_YEAR = 1900, 2999


class AmountField(forms.DecimalField):
    """Hours or pounds typed into a page, in plain ASCII digits as every number
    joinedup reads (:func:`joinedup.core.numbers.is_plain_number`): Django's
    DecimalField alone would take ``1_000`` and Arabic-Indic ``٥``."""

    def to_python(self, value: Any) -> Any:
        if value not in self.empty_values and not is_plain_number(str(value).strip()):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)


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
    """A date typed into day, month and year boxes; its messages name the field."""

    widget = DateWidget

    def __init__(self, **kwargs: Any) -> None:
        label = str(kwargs.get("label") or "The date")
        messages = {
            "invalid": f"{label} must be a real date, like 27 3 2026",
            "incomplete": f"{label} must include a day, a month and a year",
            # The year's bounds, in words: what to enter, naming the field.
            "min_value": f"Enter {_one(label)} in {FIRST_YEAR} or later",
            "max_value": f"Enter {_one(label)} in {LAST_YEAR} or earlier",
        }
        kwargs["error_messages"] = {**messages, **kwargs.get("error_messages", {})}
        # A day or a month out of range is not a real date.
        invalid = dict.fromkeys(("invalid", "min_value", "max_value"), messages["invalid"])
        year = {**invalid, "min_value": messages["min_value"], "max_value": messages["max_value"]}
        fields = (
            forms.IntegerField(min_value=1, max_value=31, error_messages=invalid),
            forms.IntegerField(min_value=1, max_value=12, error_messages=invalid),
            forms.IntegerField(min_value=FIRST_YEAR, max_value=LAST_YEAR, error_messages=year),
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


def refuse(problem: Callable[[dt.date, dt.date], str | None]) -> Callable[[dt.date], None]:
    """A date field's validator from a rule of :mod:`joinedup.core.plausible`,
    asked against today (London): its answer becomes the field's message."""

    def validate(day: dt.date) -> None:
        answer = problem(day, timezone.localdate())
        if answer is not None:
            raise ValidationError(answer, code="implausible")

    return validate


# Errors that Django raises with its own wording, which never names the field:
# the codes of its validators (a field's own codes are checked against the
# field class's defaults instead).
_VALIDATOR_CODES = {
    "max_length",
    "min_length",
    "max_value",
    "min_value",
    "step_size",
    "max_digits",
    "max_decimal_places",
    "max_whole_digits",
    "null_characters_not_allowed",
    "invalid_extension",
}
# Labels that read as part of a sentence already: "Enter your organisation".
_DETERMINERS = ("the ", "your ", "a ", "an ", "their ", "its ", "this ", "who ", "what ")


def _stock(field: forms.Field, error: ValidationError) -> bool:
    """Whether ``error`` carries Django's own message, not one written for the field."""
    code = error.code
    if code is None:
        return False
    if code not in field.error_messages:
        return code in _VALIDATOR_CODES
    for klass in type(field).__mro__:
        default = vars(klass).get("default_error_messages", {}).get(code)
        if default is not None:
            return str(field.error_messages[code]) == str(default)
    return False


def _thing(label: str) -> str:
    """A label as the object of a sentence: "Start date" -> "the start date"."""
    # An acronym keeps its capitals: "ODS code".
    text = label if label[1:2].isupper() else label[:1].lower() + label[1:]
    return text if text.lower().startswith(_DETERMINERS) else f"the {text}"


def _one(label: str) -> str:
    """A label as something to enter: "Start date" -> "a start date", "End
    date" -> "an end date"."""
    text = _thing(label)
    if label.lower().startswith(_DETERMINERS):
        return text
    text = text.removeprefix("the ")
    return f"{'an' if text[:1] in 'aeiou' else 'a'} {text}"


def required_message(bound: forms.BoundField) -> str:
    """What to tell a person who left ``bound`` empty, naming it."""
    label = str(bound.label).strip()
    if label.endswith("?"):
        return f"Answer the question “{label}”"
    widget = bound.field.widget
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return f"Select at least one: {label}"
    if isinstance(widget, forms.CheckboxInput):
        return f"Tick “{label}” to go on"
    if isinstance(widget, forms.RadioSelect | forms.Select):
        return f"Select {_thing(label)}"
    if isinstance(widget, forms.ClearableFileInput | forms.FileInput):
        return f"Choose {_thing(label)}"
    return f"Enter {_thing(label)}"


def field_errors(bound: forms.BoundField) -> list[str]:
    """The errors of ``bound``, each naming the field: Django's stock
    "This field is required." becomes "Enter the start date", and its other
    stock messages are prefixed with the field's label."""
    messages = []
    for error in bound.form.errors.as_data().get(bound.name, []):
        for text in error.messages:
            if not _stock(bound.field, error):
                messages.append(text)
            elif error.code == "required":
                messages.append(required_message(bound))
            else:
                messages.append(f"{bound.label}: {text}")
    return messages


def first_input_id(bound: forms.BoundField) -> str:
    """The id an error summary link should move focus to."""
    if isinstance(bound.field.widget, forms.MultiWidget | forms.RadioSelect):
        return f"{bound.auto_id}_0"  # CheckboxSelectMultiple is a RadioSelect in Django
    return str(bound.auto_id)


def error_list(form: forms.BaseForm) -> list[dict[str, str]]:
    """Every error of ``form`` as NHS.UK error summary items, in field order."""
    fields = list(form)
    # Errors about the whole form take the reader to its first field.
    top = f"#{first_input_id(fields[0])}" if fields else "#maincontent"
    items = [{"text": str(error), "href": top} for error in form.non_field_errors()]
    for bound in fields:
        for text in field_errors(bound):
            items.append({"text": text, "href": f"#{first_input_id(bound)}"})
    return items


def _choice_items(bound: forms.BoundField, value: Any) -> dict[str, Any]:
    """Radios or checkboxes: one item per choice, ticked when chosen."""
    chosen = {str(v) for v in value} if isinstance(value, list | tuple) else {str(value)}
    # Django's CheckboxSelectMultiple subclasses RadioSelect: test for it first.
    many = isinstance(bound.field.widget, forms.CheckboxSelectMultiple)
    return {
        "macro": "checkboxes" if many else "radios",
        "idPrefix": bound.auto_id,
        "fieldset": {"legend": {"text": bound.label, "size": "s"}},
        "items": [
            {
                "id": f"{bound.auto_id}_{i}",
                "value": choice_value,
                "text": choice_label,
                "checked": str(choice_value) in chosen,
            }
            for i, (choice_value, choice_label) in enumerate(_choices(bound))
        ],
    }


def _date(bound: forms.BoundField, widget: DateWidget, value: Any, errors: str) -> dict[str, Any]:
    parts = value if isinstance(value, list) else widget.decompress(value)
    return {
        "macro": "date",
        "fieldset": {"legend": {"text": bound.label, "size": "s"}},
        "items": [
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
    }


def _single_checkbox(bound: forms.BoundField, value: Any, hint: Any) -> dict[str, Any]:
    # The box alone carries the field's id, so that its label is the one
    # pointing at it (the wrapper takes none) and the error summary lands on it.
    return {
        "macro": "checkboxes",
        "id": None,
        "idPrefix": bound.auto_id,
        "label": None,
        "hint": None,
        "items": [
            {
                "id": bound.auto_id,
                "value": "on",
                "text": bound.label,
                "hint": hint,
                "checked": bool(value),
            }
        ],
    }


def field_params(bound: forms.BoundField, **extra: Any) -> dict[str, Any]:
    """The parameters of the NHS.UK macro for ``bound``, with ``extra`` on top.

    The kind of macro is in ``params["macro"]``; templates call
    ``forms.field(form["name"])`` which picks the macro.
    """
    widget = bound.field.widget
    errors = " ".join(field_errors(bound))
    params: dict[str, Any] = {
        "id": bound.auto_id,
        "name": bound.html_name,
        "label": {"text": bound.label},
        "hint": {"text": str(bound.help_text)} if bound.help_text else None,
        "errorMessage": {"text": errors} if errors else None,
    }
    value = bound.value()
    if isinstance(widget, DateWidget):
        params.update(_date(bound, widget, value, errors))
    elif isinstance(widget, forms.CheckboxInput):
        params.update(_single_checkbox(bound, value, params["hint"]))
    elif isinstance(widget, forms.RadioSelect):
        params.update(_choice_items(bound, value))
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
    elif isinstance(widget, forms.PasswordInput):
        # A password is never sent back to the browser.
        params.update(macro="input", type="password", value="", autocomplete="new-password")
    else:
        params.update(
            macro="input",
            value="" if value is None else value,
            type=getattr(widget, "input_type", "text"),
        )
        if isinstance(widget, forms.EmailInput):
            params.update(autocomplete="email", spellcheck=False)
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
