"""Large imports from the web, run by the worker (docs/outcomes.md).

A file with more rows than ``IMPORT_BACKGROUND_ROWS`` is held in the
database (:class:`Upload`) and checked by a job, whose page shows its
progress and then its bad rows (the first 100, and how many more), or what
the import would change; the person confirms on the usual confirmation
page, and a second job applies it. Smaller files are checked and applied in
the request, which reads no more than that many rows of them: a file whose
row count was wrong goes to a job too.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
import zlib
from dataclasses import replace
from typing import IO, Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from joinedup.core.errors import InputError
from joinedup.core.limits import SETTINGS, TooBig
from joinedup.core.outcomes import SeriesRow
from joinedup.core.problems import listed
from joinedup.web.forms import limits as configured_limits
from joinedup.web.jobs.kinds import JobFailed, Kind, register
from joinedup.web.jobs.models import Job
from joinedup.web.jobs.queue import enqueue
from joinedup.web.jobs.worker import Run
from joinedup.web.outcomes import series
from joinedup.web.outcomes.models import Indicator, Upload

CHECK, APPLY = "outcomes.check_import", "outcomes.apply_import"
HELD_DAYS = 2  # a held file nobody confirmed is removed when another is uploaded


def rows_in(upload: UploadedFile) -> int | None:
    """About how many rows ``upload`` has, without reading it as a table: its
    lines for a CSV, the size its first sheet states for an XLSX; None when
    that cannot be told (the request's own reading then says what is wrong)."""
    try:
        if (upload.name or "").lower().endswith((".xlsx", ".xlsm")):
            return _stated_rows(upload)
        lines: int = sum(bytes(chunk).count(b"\n") for chunk in upload.chunks())
        return lines
    finally:
        upload.seek(0)


# <dimension ref="A1:C1200"/>, near the start of a sheet's XML.
_DIMENSION = re.compile(rb'<(?:\w+:)?dimension ref="[A-Z]+\d+:[A-Z]+(\d+)"')
_SHEET = re.compile(r"xl/worksheets/sheet(\d+)\.xml")


def _stated_rows(upload: UploadedFile) -> int | None:
    """The last row an XLSX file's first sheet says it uses, from the first
    few kilobytes of that sheet alone: nothing else is decompressed, so a
    file that would expand to gigabytes costs nothing here."""
    try:
        with zipfile.ZipFile(upload) as book:
            numbered = [(_SHEET.fullmatch(name), name) for name in book.namelist()]
            sheets = sorted((int(match[1]), name) for match, name in numbered if match)
            if not sheets:
                return None
            with book.open(sheets[0][1]) as sheet:
                stated = _DIMENSION.search(sheet.read(4096))
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, zlib.error):
        return None
    return int(stated[1]) if stated else None


def in_background(upload: UploadedFile) -> bool:
    """Whether ``upload`` is large enough to be imported by the worker."""
    rows = rows_in(upload)
    return rows is not None and rows > settings.IMPORT_BACKGROUND_ROWS


def read_in_request(indicator: Indicator, upload: UploadedFile) -> list[SeriesRow] | None:
    """The rows of a file :func:`in_background` called small, read in the
    request, but never beyond ``IMPORT_BACKGROUND_ROWS``: None (the upload
    rewound) when it has more, as a workbook that states a false size may,
    for the worker to read. InputError for a bad file, as ever."""
    configured = configured_limits()
    threshold = settings.IMPORT_BACKGROUND_ROWS
    if configured.rows is not None and configured.rows <= threshold:
        return series.read_series_file(indicator, upload, name=upload.name)
    try:
        return series.read_series_file(
            indicator, upload, name=upload.name, limits=replace(configured, rows=threshold)
        )
    except TooBig as exc:
        if exc.setting != SETTINGS["rows"][0]:
            raise
    upload.seek(0)
    return None


def start_check(indicator: Indicator, upload: UploadedFile, user: Any, token: str) -> Job:
    """Hold ``upload`` and queue the job that checks it; ``token`` is the one its
    confirmation page is opened with (``confirm_url``)."""
    Upload.objects.filter(uploaded_at__lt=timezone.now() - dt.timedelta(days=HELD_DAYS)).delete()
    held = Upload.objects.create(
        indicator=indicator, name=upload.name or "upload", content=upload.read(), uploaded_by=user
    )
    job, _ = enqueue(
        CHECK,
        f"{CHECK}:{held.pk}",
        title=f"Checking {held.name} for {indicator.name}",
        partnership=indicator.outcome.partnership,
        params={"upload": held.pk, "held": token},
        requested_by=user,
    )
    return job


def checked_for(user: Any, indicator: Indicator, token: str) -> int | None:
    """The held upload whose check ``user`` asked for under ``token``, from
    any session of theirs: the job page's link to the confirmation works
    wherever they are logged in, for them only."""
    job = (
        Job.objects.filter(
            kind=CHECK,
            requested_by=user,
            partnership=indicator.outcome.partnership_id,
            params__held=token,
        )
        .only("params")
        .first()
    )
    return None if job is None else int(job.params["upload"])


def start_apply(upload: Upload, user: Any, token: str, plan: str) -> Job:
    """Queue the job that imports the checked ``upload``, as confirmed: only if
    what it would change still has the fingerprint ``plan``. One job per
    confirmed plan, however often the button is pressed."""
    job, _ = enqueue(
        APPLY,
        f"{APPLY}:{upload.pk}:{plan}",
        title=f"Importing {upload.name} into {upload.indicator.name}",
        partnership=upload.indicator.outcome.partnership,
        params={"upload": upload.pk, "held": token, "plan": plan},
        requested_by=user,
    )
    return job


def _url(name: str, indicator: Indicator) -> str:
    return reverse(name, args=[indicator.outcome.partnership.slug, indicator.pk])


def confirm_url(indicator: Indicator, token: str) -> str:
    """The confirmation page of the check held under ``token``."""
    return f"{_url('outcomes:import_confirm', indicator)}?{urlencode({'held': token})}"


def _held(run: Run) -> Upload | None:
    return (
        Upload.objects.select_related("indicator__outcome__partnership", "uploaded_by")
        .filter(pk=run.params["upload"])
        .first()
    )


def check(run: Run) -> dict[str, Any]:
    """Read and check the held file; its bad rows (the first 100, and what the
    others are), or what importing it would change."""
    upload = _held(run)
    if upload is None:
        raise JobFailed("The file is no longer held (it was imported or removed): upload it again.")
    indicator = upload.indicator
    source: IO[bytes] = io.BytesIO(bytes(upload.content))
    try:
        rows = series.read_series_file(indicator, source, name=upload.name)
    except InputError as exc:
        upload.delete()
        found = listed(exc.problems)
        return {
            "summary": f"{upload.name} has problems, so nothing was imported: fix them and "
            "upload it again.",
            "problems": [str(problem) for problem in found.shown],
            "problems_total": found.total,
            "problems_rest": found.rest,
            "next": {"text": "Upload a corrected file", "url": _url("outcomes:import", indicator)},
        }
    upload.rows = series.held(rows)
    upload.save(update_fields=["rows"])
    plan = series.plan(indicator, rows)
    run.progress(len(rows), len(rows))
    return {
        "summary": f"{upload.name} has no problems: {plan.counts()}. "
        "Nothing is imported until you confirm.",
        "next": {
            "text": "Check the changes and import them",
            "url": confirm_url(indicator, run.params.get("held", "")),
        },
    }


def apply(run: Run) -> dict[str, Any]:
    """Import the held file's checked rows, all or nothing, and let the file go."""
    upload = _held(run)
    if upload is None:  # an earlier run of this job imported it and was cut off
        raise JobFailed("Nothing to import: the indicator's history shows what was imported.")
    indicator, rows = upload.indicator, series.unheld(upload.rows or [])
    run.progress(0, len(rows))
    try:
        with transaction.atomic():
            done = series.apply_series(
                indicator,
                rows,
                user=upload.uploaded_by,
                source=f"import of {upload.name}",
                expect=run.params.get("plan"),
            )
            upload.delete()
    except series.PlanChanged:  # another import or an edit since the confirmation
        return {
            "summary": f"The values of {indicator.name} changed after you confirmed "
            f"{upload.name}, so nothing was imported. Check the changes it would make now "
            "and confirm again.",
            "next": {
                "text": "Check the changes again",
                "url": confirm_url(indicator, run.params.get("held", "")),
            },
        }
    except InputError as exc:  # the indicator changed since the file was checked
        raise JobFailed(
            f"{upload.name} no longer fits the indicator ({exc}): upload it again."
        ) from None
    run.progress(len(rows), len(rows))
    return {
        "summary": f"Imported {upload.name}: {done.counts()}.",
        "next": {"text": "See the indicator", "url": _url("outcomes:indicator", indicator)},
    }


def connect() -> None:
    """Register the two kinds of job (from the app's ``ready``)."""
    register(Kind(CHECK, check, unit="row"))
    register(Kind(APPLY, apply, unit="row"))
