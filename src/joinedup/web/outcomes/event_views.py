"""Pages of an indicator's events: the list (everyone in the partnership
reads it), and adding, changing and deleting one (for those who load the
indicator's data: leads and analysts)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect

from joinedup.web.access import Access, partnership_view
from joinedup.web.outcomes.events import EventForm, delete_event
from joinedup.web.outcomes.models import Indicator, IndicatorEvent
from joinedup.web.outcomes.views import indicator_of, page
from joinedup.web.pages import posted


def _event_of(indicator: Indicator, pk: int) -> IndicatorEvent:
    return get_object_or_404(indicator.events, pk=pk)


@partnership_view()
def event_list(request: HttpRequest, access: Access, pk: int) -> HttpResponse:
    indicator = indicator_of(access, pk)
    stored = indicator.events.select_related("recorded_by")
    return page(
        request,
        "events.jinja",
        access,
        indicator=indicator,
        stored=stored,
    )


@partnership_view("load_data")
def event_add(request: HttpRequest, access: Access, pk: int) -> HttpResponse:
    indicator = indicator_of(access, pk)
    return _event_form(request, access, indicator, IndicatorEvent(indicator=indicator))


@partnership_view("load_data")
def event_edit(request: HttpRequest, access: Access, pk: int, event: int) -> HttpResponse:
    indicator = indicator_of(access, pk)
    return _event_form(request, access, indicator, _event_of(indicator, event))


def _event_form(
    request: HttpRequest, access: Access, indicator: Indicator, event: IndicatorEvent
) -> HttpResponse:
    form = EventForm(posted(request), instance=event, indicator=indicator)
    saved = form.save_by(request.user) if request.method == "POST" and form.is_valid() else None
    if saved is not None:
        messages.success(request, f"The event “{saved.text}” has been saved.")
        return redirect("outcomes:events", access.partnership.slug, indicator.pk)
    return page(
        request,
        "event_form.jinja",
        access,
        indicator=indicator,
        form=form,
        title="Change the event" if event.pk else "Add an event",
    )


@partnership_view("load_data")
def event_delete(request: HttpRequest, access: Access, pk: int, event: int) -> HttpResponse:
    indicator = indicator_of(access, pk)
    found = _event_of(indicator, event)
    if request.method == "POST":
        delete_event(found, request.user)
        messages.success(request, f"The event “{found.text}” has been deleted.")
        return redirect("outcomes:events", access.partnership.slug, indicator.pk)
    return page(request, "event_delete.jinja", access, indicator=indicator, event=found)
