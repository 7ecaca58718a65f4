"""Each form component rendered on its own, as NHS England's services test
their macros: what a browser and a screen reader get from ``forms.field``."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from html.parser import HTMLParser

from django import forms
from django.template import engines

from joinedup.web.forms import DateField, error_list


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    text: str = ""


@dataclass
class Page(HTMLParser):
    """The elements of a fragment, with each element's own text."""

    elements: list[Element] = field(default_factory=list)
    _open: list[Element] = field(default_factory=list)

    def __post_init__(self) -> None:
        HTMLParser.__init__(self)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {name: value or "" for name, value in attrs})
        self.elements.append(element)
        if tag not in ("input", "br", "img", "meta", "link"):
            self._open.append(element)

    def handle_endtag(self, tag: str) -> None:
        while self._open and self._open.pop().tag != tag:
            pass

    def handle_data(self, data: str) -> None:
        for element in self._open:
            element.text += data

    def all(self, tag: str, **attrs: str) -> list[Element]:
        return [
            e
            for e in self.elements
            if e.tag == tag and all(e.attrs.get(k.rstrip("_")) == v for k, v in attrs.items())
        ]

    def label_of(self, element_id: str) -> str:
        (label,) = self.all("label", for_=element_id)
        return " ".join(label.text.split())

    def ids(self) -> list[str]:
        return [e.attrs["id"] for e in self.elements if "id" in e.attrs]


def render(form: forms.Form, name: str) -> Page:
    template = engines["jinja2"].from_string(
        '{% from "forms.jinja" import field %}{{ field(form[name]) }}'
    )
    page = Page()
    page.feed(template.render({"form": form, "name": name}))
    return page


class Example(forms.Form):
    stage = forms.ChoiceField(
        label="How closely do they work?",
        choices=[("a", "Apart"), ("b", "Together")],
        widget=forms.RadioSelect,
    )
    features = forms.MultipleChoiceField(
        label="Which of these does it have?",
        choices=[("plan", "Joint plan"), ("board", "Joint board"), ("budget", "Pooled budget")],
        widget=forms.CheckboxSelectMultiple,
        help_text="Select all that apply.",
    )
    started = DateField(label="Start date")
    commits = forms.BooleanField(
        label="Can commit resources", required=False, help_text="Money, staff or services."
    )
    name = forms.CharField(label="Name of the partnership", max_length=5)
    partner = forms.ChoiceField(label="Partner", choices=[("1", "Trust"), ("2", "Council")])


def _every_id_is_unique(page: Page) -> None:
    assert len(page.ids()) == len(set(page.ids())), page.ids()


def test_radios_are_one_choice_each_labelled_in_a_fieldset() -> None:
    page = render(Example(initial={"stage": "b"}), "stage")
    boxes = page.all("input", type="radio")
    assert [box.attrs["value"] for box in boxes] == ["a", "b"]
    assert {box.attrs["name"] for box in boxes} == {"stage"}
    assert [page.label_of(box.attrs["id"]) for box in boxes] == ["Apart", "Together"]
    assert ["checked" in box.attrs for box in boxes] == [False, True]
    (legend,) = page.all("legend")
    assert " ".join(legend.text.split()) == "How closely do they work?"
    _every_id_is_unique(page)


def test_multiple_choices_are_checkboxes_that_keep_every_choice() -> None:
    page = render(Example(initial={"features": ["plan", "budget"]}), "features")
    assert page.all("input", type="radio") == []
    boxes = page.all("input", type="checkbox")
    assert [box.attrs["value"] for box in boxes] == ["plan", "board", "budget"]
    assert [("checked" in box.attrs) for box in boxes] == [True, False, True]
    assert [page.label_of(box.attrs["id"]) for box in boxes] == [
        "Joint plan",
        "Joint board",
        "Pooled budget",
    ]
    _every_id_is_unique(page)


def test_checkboxes_posted_back_keep_what_was_ticked() -> None:
    form = Example({"features": ["board", "budget"]})
    boxes = render(form, "features").all("input", type="checkbox")
    assert [("checked" in box.attrs) for box in boxes] == [False, True, True]


def test_the_date_input_has_three_labelled_boxes_and_keeps_the_date() -> None:
    page = render(Example(initial={"started": dt.date(2022, 4, 1)}), "started")
    boxes = page.all("input")
    assert [box.attrs["name"] for box in boxes] == ["started_0", "started_1", "started_2"]
    assert [box.attrs["value"] for box in boxes] == ["1", "4", "2022"]
    assert [page.label_of(box.attrs["id"]) for box in boxes] == ["Day", "Month", "Year"]
    _every_id_is_unique(page)


def test_a_date_typed_wrong_is_kept_as_typed_and_named_in_its_error() -> None:
    form = Example({"started_0": "31", "started_1": "2", "started_2": "2026"})
    page = render(form, "started")
    assert [box.attrs["value"] for box in page.all("input")] == ["31", "2", "2026"]
    assert "Start date must be a real date" in " ".join(e.text for e in page.all("span"))


def test_a_date_out_of_bounds_says_what_to_enter_naming_the_field() -> None:
    def errors(day: str, month: str, year: str) -> list[str]:
        form = Example({"started_0": day, "started_1": month, "started_2": year})
        return [item["text"] for item in error_list(form) if item["href"] == "#id_started_0"]

    assert errors("1", "2", "1899") == ["Enter a start date in 1900 or later"]
    assert errors("1", "2", "3000") == ["Enter a start date in 2999 or earlier"]
    # A day or month out of range is not a real date, whatever the bound.
    assert errors("32", "2", "2026") == ["Start date must be a real date, like 27 3 2026"]
    assert errors("1", "13", "2026") == ["Start date must be a real date, like 27 3 2026"]
    assert errors("0", "0", "2026") == ["Start date must be a real date, like 27 3 2026"]


def test_each_date_field_names_what_to_enter_before_its_bound() -> None:
    class Dates(forms.Form):
        ended = DateField(label="End date")
        due = DateField(label="The date it is due")

    typed = {"ended_0": "1", "ended_1": "1", "ended_2": "1066"}
    form = Dates({**typed, "due_0": "1", "due_1": "1", "due_2": "1500"})
    assert [item["text"] for item in error_list(form)] == [
        "Enter an end date in 1900 or later",
        "Enter the date it is due in 1900 or later",
    ]


def test_a_single_checkbox_is_named_by_its_own_label() -> None:
    page = render(Example(initial={"commits": True}), "commits")
    (box,) = page.all("input", type="checkbox")
    assert box.attrs["id"] == "id_commits" and box.attrs["name"] == "commits"
    assert "checked" in box.attrs
    assert page.label_of("id_commits") == "Can commit resources"
    assert page.ids().count("id_commits") == 1  # the wrapper does not take the box's id
    hint = next(e for e in page.elements if e.attrs.get("id") == box.attrs["aria-describedby"])
    assert "Money, staff or services." in hint.text
    _every_id_is_unique(page)


def test_an_unticked_single_checkbox_stays_unticked() -> None:
    (box,) = render(Example({"name": "x"}), "commits").all("input", type="checkbox")
    assert "checked" not in box.attrs


def test_a_required_single_checkbox_left_unticked_is_named() -> None:
    class Consent(forms.Form):
        agree = forms.BooleanField(label="I have read the privacy notice")

    form = Consent({})
    assert not form.is_valid()
    assert [item["text"] for item in error_list(form)] == [
        "Tick “I have read the privacy notice” to go on"
    ]


def test_a_select_keeps_its_choice() -> None:
    page = render(Example({"partner": "2"}), "partner")
    options = page.all("option")
    assert [("selected" in o.attrs) for o in options] == [False, True]
    assert page.label_of("id_partner") == "Partner"


def test_every_error_names_its_field_and_links_to_it() -> None:
    form = Example({"name": "far too long"})
    assert not form.is_valid()
    items = error_list(form)
    texts = [item["text"] for item in items]
    assert texts == [
        "Answer the question “How closely do they work?”",
        "Answer the question “Which of these does it have?”",
        "Enter the start date",
        "Name of the partnership: Ensure this value has at most 5 characters (it has 12).",
        "Select the partner",
    ]
    assert [item["href"] for item in items] == [
        "#id_stage_0",
        "#id_features_0",
        "#id_started_0",
        "#id_name",
        "#id_partner",
    ]
    for item in items:
        field_name = item["href"].removeprefix("#id_").removesuffix("_0")
        page = render(form, field_name)
        assert item["href"][1:] in page.ids()
        assert item["text"] in " ".join(" ".join(e.text.split()) for e in page.all("span"))
