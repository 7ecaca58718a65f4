"""A large import on a phone and a desktop, each page checked by axe: the
file's check runs as a job whose page lists every bad row; a good file is
checked, confirmed (its confirmation listing the first replaced values and
counting the rest) and imported by the worker."""

from __future__ import annotations

import os
import threading
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from joinedup.core.outcomes import Frequency
from joinedup.web.jobs.worker import work
from joinedup.web.outcomes import data_views
from tests.browser.conftest import assert_accessible, log_in

SCREENS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1366, "height": 900}}


def _csv(name: str, months: int, bad: str = "") -> dict[str, object]:
    this_month = Frequency.MONTHLY.start_of(timezone.localdate())
    lines = [
        f"{Frequency.MONTHLY.shift(this_month, -n).isoformat()},{100 + n}" for n in range(months)
    ]
    content = "period,value\n" + "\n".join(lines) + "\n" + bad
    return {"name": name, "mimeType": "text/csv", "buffer": content.encode()}


def _worker_runs(page: Page) -> None:
    assert work("browser-worker", once=True, poll=0.1, stop=threading.Event()) == 1
    page.reload()


def _look(page: Page, name: str, screen: str) -> None:
    assert_accessible(page)
    if os.environ.get("JOINEDUP_SCREENSHOTS"):
        path = f"{os.environ['JOINEDUP_SCREENSHOTS']}/large-import-{name}-{screen}.png"
        page.screenshot(path=path, full_page=True)


@pytest.mark.parametrize("screen", SCREENS)
def test_a_large_import_runs_as_a_job(
    browser: Browser, demo: str, screen: str, settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings.IMPORT_BACKGROUND_ROWS = 10
    monkeypatch.setattr(data_views, "SHOWN", 5)  # as with more than 100 replaced values
    context = browser.new_context(viewport=SCREENS[screen])
    page = context.new_page()
    page.set_default_timeout(10_000)
    log_in(page, demo, "analyst")
    page.goto(f"{demo}/partnerships/riverside/outcomes/")
    page.get_by_role("link", name="Delayed bed days").first.click()
    page.get_by_role("link", name="Import values from a file").click()
    import_page = page.url

    page.locator("input[type=file]").set_input_files(
        _csv("big.csv", 20, "last spring,850\n2024-03-01,many\n")
    )
    page.get_by_role("button", name="Check the file").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Checking big.csv for Delayed bed days"
    )
    expect(page.get_by_text("Waiting to start")).to_be_visible()
    _look(page, "waiting", screen)
    _worker_runs(page)
    expect(page.get_by_text("big.csv has problems, so nothing was imported")).to_be_visible()
    expect(page.get_by_text("row 22, field 'period'")).to_be_visible()
    expect(page.get_by_text("row 23, field 'value'")).to_be_visible()
    _look(page, "bad-rows", screen)

    page.goto(import_page)
    page.locator("input[type=file]").set_input_files(_csv("big.csv", 20))
    page.get_by_role("button", name="Check the file").click()
    _worker_runs(page)
    expect(page.get_by_text("big.csv has no problems")).to_be_visible()
    _look(page, "checked", screen)
    page.get_by_role("link", name="Check the changes and import them").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check before you import")
    expect(
        page.get_by_text("The first 5 are listed below, in order: 14 more values")
    ).to_be_visible()
    _look(page, "confirm", screen)
    page.get_by_role("button", name="Import the values").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Importing big.csv into Delayed bed days"
    )
    _worker_runs(page)
    expect(page.get_by_text("Imported big.csv:")).to_be_visible()
    _look(page, "imported", screen)
    page.get_by_role("link", name="See the indicator").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Delayed bed days")
    context.close()
