"""Loading an indicator's values: import a file (check, confirm, apply) or
enter one value by hand. Leads and analysts may ("load_data").

Between checking and confirming, the parsed rows wait in the server-side
session, so what is applied is exactly what was checked and shown, and the
browser cannot alter it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect

from joinedup.core.errors import InputError
from joinedup.core.numbers import series_format
from joinedup.core.outcomes import SeriesRow
from joinedup.web.access import Access, partnership_view
from joinedup.web.outcomes import import_jobs, series, values
from joinedup.web.outcomes.forms import RemoveValueForm, UploadForm, ValueForm
from joinedup.web.outcomes.models import DataPoint, Indicator, Upload
from joinedup.web.outcomes.views import indicator_of, page
from joinedup.web.pages import posted

# The confirmation page lists at most this many replaced values (and values
# far outside the usual range), then says how many more there are: a page of
# 100,000 rows helps nobody check anything. The history keeps every old value.
SHOWN = 100


def _session_key(indicator: Indicator) -> str:
    return f"outcomes-import-{indicator.pk}"


@partnership_view("load_data")
def import_upload(request: HttpRequest, access: Access, pk: int) -> HttpResponse:
    indicator = indicator_of(access, pk)
    form = UploadForm(posted(request), request.FILES or None)
    problems: list[dict[str, str]] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if import_jobs.in_background(upload):
            job = import_jobs.start_check(indicator, upload, request.user)
            request.session[_session_key(indicator)] = {"upload": job.params["upload"]}
            return redirect("jobs:detail", access.partnership.slug, job.pk)
        try:
            rows = series.read_series_file(indicator, upload, name=upload.name)
        except InputError as exc:
            problems = [{"text": str(problem), "href": "#id_file"} for problem in exc.problems]
            form.add_error("file", f"{upload.name} has problems: fix them and upload it again")
        else:
            request.session[_session_key(indicator)] = {
                "name": upload.name,
                "rows": series.held(rows),
            }
            return redirect("outcomes:import_confirm", access.partnership.slug, indicator.pk)
    return page(
        request,
        "import.jinja",
        access,
        indicator=indicator,
        form=form,
        problems=problems,
    )


@partnership_view("load_data")
def import_confirm(request: HttpRequest, access: Access, pk: int) -> HttpResponse:
    indicator = indicator_of(access, pk)
    held = request.session.get(_session_key(indicator))
    upload = None
    if held and "upload" in held:  # a large file, checked by the worker
        upload = Upload.objects.filter(pk=held["upload"], indicator=indicator).first()
        held = {"name": upload.name, "rows": upload.rows} if upload and upload.rows else None
    if not held:
        return page(request, "import_confirm.jinja", access, indicator=indicator, plan=None)
    rows = series.unheld(held["rows"])
    if request.method == "POST":
        del request.session[_session_key(indicator)]
        if upload is not None:
            job = import_jobs.start_apply(upload, request.user)
            return redirect("jobs:detail", access.partnership.slug, job.pk)
        try:
            done = series.apply_series(
                indicator, rows, user=request.user, source=f"import of {held['name']}"
            )
        except InputError as exc:
            # The indicator changed since the file was checked (a new frequency).
            messages.error(
                request, f"{held['name']} no longer fits the indicator ({exc}): upload it again."
            )
            return redirect("outcomes:import", access.partnership.slug, indicator.pk)
        messages.success(
            request,
            f"Imported {held['name']}: {done.counts()}.",
        )
        return redirect("outcomes:indicator", access.partnership.slug, indicator.pk)
    plan = series.plan(indicator, rows)
    return page(
        request,
        "import_confirm.jinja",
        access,
        indicator=indicator,
        name=held["name"],
        plan=plan,
        shown=SHOWN,
        far=values.far_outside(indicator, [*plan.added, *(row for _, row in plan.replaced)]),
        style=series_format(indicator.unit, [row.value for row in rows if row.value is not None]),
    )


@partnership_view("load_data")
def value_entry(request: HttpRequest, access: Access, pk: int) -> HttpResponse:
    indicator = indicator_of(access, pk)
    current = _current(indicator, request.GET.get("period", ""))
    initial: dict[str, Any] = {}
    if current is not None:
        initial = {"period": current.period, "value": current.value, "note": current.note}
    form = ValueForm(posted(request), initial=initial, indicator=indicator)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        period = data["period"]
        row = SeriesRow(1, period, data["value"], data["note"])
        done = series.apply_series(
            indicator, [row], user=request.user, source="entered by hand", reason=data["reason"]
        )
        name = indicator.frequency_choice.name_of(period)
        if done.replaced:
            old = form.style.value(done.replaced[0][0])
            said = f"The value for {name} has been changed from {old}; the history keeps it."
        elif done.added:
            said = f"The value for {name} has been saved."
        else:
            said = (
                f"Nothing changed: the value for {name} was already {form.style.value(row.value)}."
            )
        messages.success(request, said)
        return redirect("outcomes:indicator", access.partnership.slug, indicator.pk)
    return page(request, "value.jinja", access, indicator=indicator, form=form, current=current)


@partnership_view("load_data")
def value_remove(request: HttpRequest, access: Access, pk: int, period: str) -> HttpResponse:
    indicator = indicator_of(access, pk)
    current = _current(indicator, period)
    if current is None:
        raise Http404("No value for that period")
    form = RemoveValueForm(posted(request))
    style = series_format(indicator.unit, [p.value for p in indicator.points.all()])
    name = indicator.frequency_choice.name_of(current.period)
    if request.method == "POST" and form.is_valid():
        try:
            removed = values.remove_value(
                indicator, current.period, user=request.user, reason=form.cleaned_data["reason"]
            )
        except DataPoint.DoesNotExist:  # removed by someone else a moment ago
            messages.success(request, f"The value for {name} had been removed already.")
        else:
            messages.success(
                request,
                f"The value for {name} ({style.value(removed)}) has been removed. "
                "It is kept in the indicator's history.",
            )
        return redirect("outcomes:indicator", access.partnership.slug, indicator.pk)
    return page(
        request,
        "value_remove.jinja",
        access,
        indicator=indicator,
        form=form,
        current=current,
        shown=style.value(current.value),
        name=name,
    )


def _current(indicator: Indicator, text: str) -> DataPoint | None:
    """The stored value for the period named ``text`` (an ISO date)."""
    try:
        period = dt.date.fromisoformat(text)
    except ValueError:
        return None
    return indicator.points.filter(period=period).first()
