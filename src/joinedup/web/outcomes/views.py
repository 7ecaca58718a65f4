"""Pages of outcomes and indicators. Leads change them ("manage"); everyone
in the partnership reads. Loading values is in data_views.py."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect

from joinedup.web.access import Access, partnership_view
from joinedup.web.outcomes import facts
from joinedup.web.outcomes.forms import IndicatorForm, OutcomeForm
from joinedup.web.outcomes.history import history_lines
from joinedup.web.outcomes.models import Indicator, Outcome
from joinedup.web.outcomes.quality import indicator_quality
from joinedup.web.pages import partnership_page, posted


def page(request: HttpRequest, template: str, access: Access, **context: Any) -> HttpResponse:
    return partnership_page(request, f"outcomes/{template}", access, **context)


def _form_page(
    request: HttpRequest, access: Access, form: BaseForm, title: str, submit: str
) -> HttpResponse:
    # The register's form page fits: a title, the fields, a button, a way back.
    return partnership_page(
        request,
        "partnerships/form.jinja",
        access,
        form=form,
        title=title,
        submit=submit,
        cancel="outcomes:list",
    )


def outcome_of(access: Access, pk: int) -> Outcome:
    return get_object_or_404(access.partnership.outcomes, pk=pk)


def indicator_of(access: Access, pk: int) -> Indicator:
    return get_object_or_404(
        Indicator.objects.of(access.partnership).select_related("outcome"), pk=pk
    )


@partnership_view()
def outcome_list(request: HttpRequest, access: Access) -> HttpResponse:
    return page(request, "list.jinja", access, board=facts.board(access.partnership))


@partnership_view()
def outcome_detail(request: HttpRequest, access: Access, pk: int) -> HttpResponse:
    board = facts.board(access.partnership)
    outcome = board.outcome(outcome_of(access, pk).pk)
    history = history_lines(
        outcome.changes.select_related("changed_by"), board, name_indicator=True
    )
    return page(request, "detail.jinja", access, outcome=outcome, board=board, history=history)


@partnership_view("manage")
def outcome_add(request: HttpRequest, access: Access) -> HttpResponse:
    return _outcome_form(request, access, Outcome())


@partnership_view("manage")
def outcome_edit(request: HttpRequest, access: Access, pk: int) -> HttpResponse:
    return _outcome_form(request, access, outcome_of(access, pk))


def _outcome_form(request: HttpRequest, access: Access, outcome: Outcome) -> HttpResponse:
    form = OutcomeForm(posted(request), instance=outcome, partnership=access.partnership)
    if request.method == "POST" and form.is_valid():
        saved = form.save_by(request.user)
        messages.success(request, f"“{saved.title}” has been saved.")
        return redirect("outcomes:detail", access.partnership.slug, saved.pk)
    title = "Change the outcome" if outcome.pk else "Add an outcome"
    return _form_page(request, access, form, title, "Save outcome")


@partnership_view("manage")
def indicator_add(request: HttpRequest, access: Access, pk: int) -> HttpResponse:
    outcome = outcome_of(access, pk)
    return _indicator_form(request, access, Indicator(outcome=outcome), outcome)


@partnership_view("manage")
def indicator_edit(request: HttpRequest, access: Access, pk: int) -> HttpResponse:
    indicator = indicator_of(access, pk)
    return _indicator_form(request, access, indicator, indicator.outcome)


def _indicator_form(
    request: HttpRequest, access: Access, indicator: Indicator, outcome: Outcome
) -> HttpResponse:
    form = IndicatorForm(posted(request), instance=indicator, outcome=outcome)
    if request.method == "POST" and form.is_valid():
        saved = form.save_by(request.user)
        messages.success(request, f"The indicator “{saved.name}” has been saved.")
        return redirect("outcomes:indicator", access.partnership.slug, saved.pk)
    title = f"Change the indicator “{indicator.name}”" if indicator.pk else "Add an indicator"
    return _form_page(request, access, form, title, "Save indicator")


@partnership_view()
def indicator_page(request: HttpRequest, access: Access, pk: int) -> HttpResponse:
    board = facts.board(access.partnership)
    indicator = board.indicator(indicator_of(access, pk).pk)
    drawn = board.drawn(indicator, access.partnership.start_date)
    return page(
        request,
        "indicator.jinja",
        access,
        indicator=indicator,
        outcome=board.outcome(indicator.outcome_id),
        facts=board.indicators[indicator.pk],
        style=drawn.style,
        chart=drawn.chart,
        summary=drawn.summary,
        events=drawn.events,
        flags=board.indicator_flags(indicator.pk),
        quality=indicator_quality(indicator, access.partnership.start_date),
        history=history_lines(indicator.changes.select_related("changed_by"), board),
        notes={point.period: point.note for point in indicator.points.all() if point.note},
    )
