"""A job's page on a phone and a desktop: waiting, running, done with bad
rows, failed; every state passes axe; the running one brings itself up to
date when the job ends. And the partnership export's download on the overview."""

from __future__ import annotations

import os
import zipfile
from typing import Any

import pytest
from playwright.sync_api import Browser, expect

from joinedup.web.jobs.models import Job, Status
from joinedup.web.partnerships.models import Partnership
from tests.browser.conftest import assert_accessible, log_in

SCREENS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1366, "height": 900}}
STATES = {
    "running": {"status": Status.RUNNING, "done": 41_200, "total": 100_000},
    "done": {
        "status": Status.DONE,
        "result": {
            "summary": "Imported 99,997 values; 3 rows could not be used.",
            "problems": [
                "row 12, field 'value': enter a number, not 'n/a'",
                "row 480, field 'period': enter a date as YYYY-MM-DD, not '31/02/2025'",
                "row 99,001, field 'value': this number is too large",
            ],
            "next": {"text": "See the indicator", "url": "/partnerships/riverside/outcomes/"},
        },
    },
    "failed": {
        "status": Status.FAILED,
        "error": "The mail server did not answer.\nNo reminder was marked as sent.",
    },
}


@pytest.mark.parametrize("screen", SCREENS)
def test_the_job_page_in_every_state(browser: Browser, demo: str, screen: str) -> None:
    riverside = Partnership.objects.get(slug="riverside")
    context = browser.new_context(viewport=SCREENS[screen])
    page = context.new_page()
    page.set_default_timeout(10_000)
    log_in(page, demo, "lead")
    for state, fields in STATES.items():
        job = Job.objects.create(
            partnership=riverside,
            kind="outcomes.import",
            key=f"browser:{screen}:{state}",
            title="Importing values into Delayed bed days",
            **fields,
        )
        page.goto(f"{demo}/partnerships/riverside/jobs/{job.pk}/")
        expect(page.get_by_role("heading", level=1)).to_have_text(job.title)
        assert (page.locator("[data-reload-every]").count() == 1) == (state == "running")
        assert_accessible(page)
        if os.environ.get("JOINEDUP_SCREENSHOTS"):
            page.screenshot(
                path=f"{os.environ['JOINEDUP_SCREENSHOTS']}/job-{state}-{screen}.png",
                full_page=True,
            )
        if state == "running":  # the page follows the job to its end by itself
            Job.objects.filter(pk=job.pk).update(status=Status.DONE, done=100_000, result={})
            expect(page.get_by_role("heading", name="Result")).to_be_visible(timeout=15_000)
            expect(page.get_by_text("It finished without problems.")).to_be_visible()
    context.close()


@pytest.mark.parametrize("screen", SCREENS)
def test_a_member_downloads_the_partnership_export_from_the_overview(
    browser: Browser, demo: str, screen: str, tmp_path: Any
) -> None:
    context = browser.new_context(viewport=SCREENS[screen], accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    log_in(page, demo, "member")
    page.goto(f"{demo}/partnerships/riverside/")
    link = page.get_by_role("link", name="Download what the partnership's members may see")
    link.scroll_into_view_if_needed()
    assert_accessible(page)
    if os.environ.get("JOINEDUP_SCREENSHOTS"):
        page.screenshot(path=f"{os.environ['JOINEDUP_SCREENSHOTS']}/overview-export-{screen}.png")
    with page.expect_download() as download:
        link.click()
    saved = tmp_path / "export.zip"
    download.value.save_as(saved)
    with zipfile.ZipFile(saved) as archive:
        assert "riverside/README.txt" in archive.namelist()
    context.close()
