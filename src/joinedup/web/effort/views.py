"""Effort pages: the monthly cost of the partnership, and the entries behind it.

Analysts and leads enter effort ("load_data"); only leads set cost rates
("manage"). Every object is read through the partnership (joinedup.web.access).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.db.models import Manager, Model
from django.forms import ModelForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect

from joinedup.core.effort import DEFAULT_RATES, Grade
from joinedup.web.access import Access, partnership_view
from joinedup.web.effort import series
from joinedup.web.effort.chart import charts
from joinedup.web.effort.forms import CostRatesForm, ExpenseForm, MeetingForm, StaffTimeForm
from joinedup.web.effort.models import Expense, Meeting, StaffTime
from joinedup.web.pages import partnership_page, posted
from joinedup.web.paging import Paged, paged
from joinedup.web.partnerships.models import Partnership


@partnership_view()
def index(request: HttpRequest, access: Access) -> HttpResponse:
    """The cost, its charts and the rates; of each kind of entry the newest 20
    (paging through the rest, joinedup.web.paging)."""
    partnership = access.partnership
    in_use = series.rates(partnership)
    table = series.cost_table(series.effort_until(partnership))
    return partnership_page(
        request,
        "effort/index.jinja",
        access,
        table=table,
        charts=charts(table),
        rates=[(grade, in_use[grade], in_use[grade] != DEFAULT_RATES[grade]) for grade in Grade],
        **_lists(request, partnership),
    )


def _lists(request: HttpRequest, partnership: Partnership) -> dict[str, Paged]:
    """The page asked for of each kind of entry, newest first, under its query
    parameter (the folder of its addresses, effort/urls.py)."""
    kinds = [
        (
            "meetings",
            "meetings",
            ("meeting", "meetings"),
            partnership.meetings.prefetch_related("attendance"),
        ),
        (
            "staff_time",
            "time",
            ("entry of staff time", "entries of staff time"),
            partnership.staff_time.select_related("partner"),
        ),
        ("expenses", "costs", ("cost", "costs"), partnership.expenses.select_related("partner")),
    ]
    return {
        name: paged(request, entries, key, noun, "newest first")
        for name, key, noun, entries in kinds
    }


def _form_page(
    request: HttpRequest, access: Access, form: object, title: str, submit: str, template: str
) -> HttpResponse:
    return partnership_page(
        request, template, access, form=form, title=title, submit=submit, cancel="effort:index"
    )


def _done(request: HttpRequest, access: Access, message: str) -> HttpResponse:
    messages.success(request, message)
    return redirect("effort:index", access.partnership.slug)


@partnership_view("manage")
def rates(request: HttpRequest, access: Access) -> HttpResponse:
    form = CostRatesForm(posted(request), partnership=access.partnership)
    if request.method == "POST" and form.is_valid():
        form.save()
        return _done(request, access, "The cost rates have been saved.")
    return _form_page(request, access, form, "Cost rates", "Save rates", "effort/rates.jinja")


@dataclass(frozen=True)
class _Entries:
    """One kind of effort entry: its form, how the partnership holds them, its name."""

    form: Callable[..., ModelForm[Any]]
    model: type[Model]
    related_name: str
    what: str
    template: str = "partnerships/form.jinja"

    def of(self, access: Access) -> Manager[Any]:
        manager: Manager[Any] = getattr(access.partnership, self.related_name)
        return manager


# The URLs name the kind (effort/urls.py), so each page keeps its own name.
ENTRIES = {
    "meeting": _Entries(MeetingForm, Meeting, "meetings", "meeting", "effort/meeting.jinja"),
    "time": _Entries(StaffTimeForm, StaffTime, "staff_time", "staff time entry"),
    "expense": _Entries(ExpenseForm, Expense, "expenses", "cost"),
}


@partnership_view("load_data")
def entry_add(request: HttpRequest, access: Access, kind: str) -> HttpResponse:
    return _entry_form(request, access, ENTRIES[kind], ENTRIES[kind].model())


@partnership_view("load_data")
def entry_edit(request: HttpRequest, access: Access, kind: str, pk: int) -> HttpResponse:
    entries = ENTRIES[kind]
    return _entry_form(request, access, entries, get_object_or_404(entries.of(access), pk=pk))


@partnership_view("load_data")
def entry_delete(request: HttpRequest, access: Access, kind: str, pk: int) -> HttpResponse:
    entries = ENTRIES[kind]
    entry = get_object_or_404(entries.of(access), pk=pk)
    if request.method == "POST":
        entry.delete()
        return _done(request, access, f"The {entries.what} has been deleted.")
    return partnership_page(request, "effort/delete.jinja", access, entry=entry, what=entries.what)


def _entry_form(
    request: HttpRequest, access: Access, entries: _Entries, instance: Model
) -> HttpResponse:
    form = entries.form(posted(request), instance=instance, partnership=access.partnership)
    what = entries.what
    if request.method == "POST" and form.is_valid():
        form.save()
        return _done(request, access, f"The {what} has been saved.")
    title = f"Change the {what}" if instance.pk else f"Add {_article(what)} {what}"
    return _form_page(request, access, form, title, f"Save {what}", entries.template)


def _article(what: str) -> str:
    return "an" if what[0] in "aeiou" else "a"
