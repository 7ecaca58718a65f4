"""Loading an indicator's values: import a file (check, confirm, apply) or
enter one value by hand. Leads and analysts may ("load_data").

Between checking and confirming, the parsed rows wait in the server-side
session (a large file's, in the database), under a token the confirmation
page carries with the fingerprint of the changes it shows: what is applied
is exactly the file that page checked, with the changes it showed, and the
browser cannot alter it.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect

from joinedup.core.errors import InputError
from joinedup.core.numbers import series_format
from joinedup.core.outcomes import SeriesPlan, SeriesRow
from joinedup.core.problems import listed
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


# Checks a person may keep waiting per indicator, each confirmed from its own
# page (two tabs, two files): the oldest is let go after that.
HELD = 3
CHANGED = (
    "The indicator's values changed after this page was shown (another import, or a "
    "value entered by hand), so nothing has been imported yet. These are the changes "
    "the import would make now: check them and import again."
)


@dataclass(frozen=True)
class Held:
    """A checked import waiting for confirmation: its file's name and rows, and
    the held upload when the worker checked it."""

    token: str
    name: str
    rows: list[SeriesRow]
    upload: Upload | None


def _session_key(indicator: Indicator) -> str:
    return f"outcomes-import-{indicator.pk}"


def _hold(request: HttpRequest, indicator: Indicator, token: str, entry: dict[str, Any]) -> None:
    """Keep a checked import in the session under ``token`` (new, from
    :func:`secrets.token_urlsafe`), which its confirmation page carries."""
    waiting = request.session.get(_session_key(indicator)) or {}
    kept = [(key, value) for key, value in waiting.items() if isinstance(value, dict)]
    request.session[_session_key(indicator)] = dict([*kept[-(HELD - 1) :], (token, entry)])


def _let_go(request: HttpRequest, indicator: Indicator, token: str) -> None:
    waiting = dict(request.session.get(_session_key(indicator)) or {})
    waiting.pop(token, None)
    request.session[_session_key(indicator)] = waiting


def _held(request: HttpRequest, indicator: Indicator, token: str) -> Held | None:
    """The import waiting under ``token`` in this person's session, if any
    (a large file's, checked by a job, from any session of theirs)."""
    waiting = request.session.get(_session_key(indicator)) or {}
    entry = waiting.get(token) if token else None
    if entry is None and token:
        checked = import_jobs.checked_for(request.user, indicator, token)
        entry = None if checked is None else {"upload": checked}
    if not isinstance(entry, dict):
        return None
    if "upload" not in entry:
        return Held(token, entry["name"], series.unheld(entry["rows"]), None)
    upload = Upload.objects.filter(pk=entry["upload"], indicator=indicator).first()
    if upload is None or upload.rows is None:  # imported, let go, or not checked yet
        return None
    return Held(token, upload.name, series.unheld(upload.rows), upload)


@partnership_view("load_data")
def import_upload(request: HttpRequest, access: Access, pk: int) -> HttpResponse:
    indicator = indicator_of(access, pk)
    form = UploadForm(posted(request), request.FILES or None)
    problems: list[dict[str, str]] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        token = secrets.token_urlsafe(12)
        rows = None
        try:
            if not import_jobs.in_background(upload):
                rows = import_jobs.read_in_request(indicator, upload)
        except InputError as exc:
            said = listed(exc.problems).lines()
            problems = [{"text": text, "href": "#id_file"} for text in said]
            form.add_error("file", f"{upload.name} has problems: fix them and upload it again")
        else:
            if rows is None:  # too many rows for the request: the worker checks it
                job = import_jobs.start_check(indicator, upload, request.user, token)
                _hold(request, indicator, token, {"upload": job.params["upload"]})
                return redirect("jobs:detail", access.partnership.slug, job.pk)
            _hold(request, indicator, token, {"name": upload.name, "rows": series.held(rows)})
            return redirect(import_jobs.confirm_url(indicator, token))
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
    """The changes a checked file would make, and the button that makes them.

    The form carries the token of the check it shows and the fingerprint of
    its plan: pressing the button applies exactly that file, and only while
    the plan is still what the page showed; otherwise the page shows the new
    plan, saying why (docs/outcomes.md, "Importing")."""
    indicator = indicator_of(access, pk)
    data = request.POST if request.method == "POST" else request.GET
    held = _held(request, indicator, data.get("held", ""))
    if held is None:
        return page(request, "import_confirm.jinja", access, indicator=indicator, plan=None)
    if request.method != "POST":
        return _confirm_page(request, access, indicator, held, series.plan(indicator, held.rows))
    confirmed = data.get("plan", "")
    try:
        if held.upload is not None:  # applied by the worker, which checks again
            now = series.plan(indicator, held.rows)
            if now.fingerprint() != confirmed:
                raise series.PlanChanged(now)
            job = import_jobs.start_apply(held.upload, request.user, held.token, confirmed)
            return redirect("jobs:detail", access.partnership.slug, job.pk)
        done = series.apply_series(
            indicator,
            held.rows,
            user=request.user,
            source=f"import of {held.name}",
            expect=confirmed,
        )
    except series.PlanChanged as exc:
        messages.error(request, CHANGED)
        return _confirm_page(request, access, indicator, held, exc.plan)
    except InputError as exc:
        # The indicator changed since the file was checked (a new frequency).
        _let_go(request, indicator, held.token)
        messages.error(
            request, f"{held.name} no longer fits the indicator ({exc}): upload it again."
        )
        return redirect("outcomes:import", access.partnership.slug, indicator.pk)
    _let_go(request, indicator, held.token)
    messages.success(request, f"Imported {held.name}: {done.counts()}.")
    return redirect("outcomes:indicator", access.partnership.slug, indicator.pk)


def _confirm_page(
    request: HttpRequest, access: Access, indicator: Indicator, held: Held, plan: SeriesPlan
) -> HttpResponse:
    return page(
        request,
        "import_confirm.jinja",
        access,
        indicator=indicator,
        name=held.name,
        held=held.token,
        plan=plan,
        shown=SHOWN,
        far=values.far_outside(indicator, [*plan.added, *(row for _, row in plan.replaced)]),
        style=series_format(
            indicator.unit, [row.value for row in held.rows if row.value is not None]
        ),
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
