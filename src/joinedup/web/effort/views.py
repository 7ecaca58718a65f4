"""Effort pages: the monthly cost of the partnership, and the entries behind it.

Analysts and leads enter effort ("load_data"); only leads set cost rates
("manage"). Every object is read through the partnership (joinedup.web.access).
"""

from __future__ import annotations

from collections.abc import Callable
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


@partnership_view()
def index(request: HttpRequest, access: Access) -> HttpResponse:
    partnership = access.partnership
    in_use = series.rates(partnership)
    table = series.cost_table(series.effort_rows(partnership))
    return partnership_page(
        request,
        "effort/index.jinja",
        access,
        table=table,
        charts=charts(table),
        rates=[(grade, in_use[grade], in_use[grade] != DEFAULT_RATES[grade]) for grade in Grade],
        meetings=partnership.meetings.prefetch_related("attendance"),
        staff_time=partnership.staff_time.select_related("partner"),
        expenses=partnership.expenses.select_related("partner"),
    )


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


def _entry_form(
    request: HttpRequest,
    access: Access,
    form_class: Callable[..., ModelForm[Any]],
    instance: Model,
    what: str,
    template: str = "partnerships/form.jinja",
) -> HttpResponse:
    form = form_class(posted(request), instance=instance, partnership=access.partnership)
    if request.method == "POST" and form.is_valid():
        form.save()
        return _done(request, access, f"The {what} has been saved.")
    title = f"Change the {what}" if instance.pk else f"Add {_article(what)} {what}"
    return _form_page(request, access, form, title, f"Save {what}", template)


def _article(what: str) -> str:
    return "an" if what[0] in "aeiou" else "a"


def _delete(
    request: HttpRequest, access: Access, queryset: Manager[Any], pk: int, what: str
) -> HttpResponse:
    entry = get_object_or_404(queryset, pk=pk)
    if request.method == "POST":
        entry.delete()
        return _done(request, access, f"The {what} has been deleted.")
    return partnership_page(request, "effort/delete.jinja", access, entry=entry, what=what)


@partnership_view("load_data")
def meeting_add(request: HttpRequest, access: Access) -> HttpResponse:
    return _entry_form(request, access, MeetingForm, Meeting(), "meeting", "effort/meeting.jinja")


@partnership_view("load_data")
def meeting_edit(request: HttpRequest, access: Access, pk: int) -> HttpResponse:
    meeting = get_object_or_404(access.partnership.meetings, pk=pk)
    return _entry_form(request, access, MeetingForm, meeting, "meeting", "effort/meeting.jinja")


@partnership_view("load_data")
def meeting_delete(request: HttpRequest, access: Access, pk: int) -> HttpResponse:
    return _delete(request, access, access.partnership.meetings, pk, "meeting")


@partnership_view("load_data")
def time_add(request: HttpRequest, access: Access) -> HttpResponse:
    return _entry_form(request, access, StaffTimeForm, StaffTime(), "staff time entry")


@partnership_view("load_data")
def time_edit(request: HttpRequest, access: Access, pk: int) -> HttpResponse:
    entry = get_object_or_404(access.partnership.staff_time, pk=pk)
    return _entry_form(request, access, StaffTimeForm, entry, "staff time entry")


@partnership_view("load_data")
def time_delete(request: HttpRequest, access: Access, pk: int) -> HttpResponse:
    return _delete(request, access, access.partnership.staff_time, pk, "staff time entry")


@partnership_view("load_data")
def expense_add(request: HttpRequest, access: Access) -> HttpResponse:
    return _entry_form(request, access, ExpenseForm, Expense(), "cost")


@partnership_view("load_data")
def expense_edit(request: HttpRequest, access: Access, pk: int) -> HttpResponse:
    entry = get_object_or_404(access.partnership.expenses, pk=pk)
    return _entry_form(request, access, ExpenseForm, entry, "cost")


@partnership_view("load_data")
def expense_delete(request: HttpRequest, access: Access, pk: int) -> HttpResponse:
    return _delete(request, access, access.partnership.expenses, pk, "cost")
