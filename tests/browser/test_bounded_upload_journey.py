"""Uploads over a cap or built to hurt, on a phone and a desktop, each page
checked by axe: the import page says the file is too large, and the "open a
round" page says a framework is nested too deeply, in its error summary."""

from __future__ import annotations

import os
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from joinedup.core.limits import MB, Limits
from tests.browser.conftest import assert_accessible, log_in

SCREENS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1366, "height": 900}}


def _look(page: Page, name: str, screen: str) -> None:
    assert_accessible(page)
    if os.environ.get("JOINEDUP_SCREENSHOTS"):
        path = f"{os.environ['JOINEDUP_SCREENSHOTS']}/bounded-{name}-{screen}.png"
        page.screenshot(path=path, full_page=True)


def _file(name: str, content: bytes) -> dict[str, object]:
    return {"name": name, "mimeType": "application/octet-stream", "buffer": content}


@pytest.mark.parametrize("screen", SCREENS)
def test_uploads_over_a_cap_or_nested_too_deeply_are_explained(
    browser: Browser, demo: str, screen: str, settings: Any
) -> None:
    settings.INPUT_LIMITS = Limits(file_bytes=MB)
    context = browser.new_context(viewport=SCREENS[screen])
    page = context.new_page()
    page.set_default_timeout(10_000)

    log_in(page, demo, "analyst")
    page.goto(f"{demo}/partnerships/riverside/outcomes/")
    page.get_by_role("link", name="Delayed bed days").first.click()
    page.get_by_role("link", name="Import values from a file").click()
    big = b"period,value\n" + b"2024-01-01,1\n" * 100_000  # 1.24 MB
    page.locator("input[type=file]").set_input_files(_file("big.csv", big))
    page.get_by_role("button", name="Check the file").click()
    summary = page.locator(".nhsuk-error-summary")
    expect(summary).to_contain_text(
        "big.csv: the file is 1.24 MB, more than the 1 MB joinedup reads"
    )
    _look(page, "import", screen)
    page.get_by_role("button", name="Log out").click()

    settings.INPUT_LIMITS = Limits()
    log_in(page, demo, "lead")
    page.goto(f"{demo}/partnerships/riverside/assessment/new/")
    page.get_by_label("Name of the round").fill("Nested")
    page.get_by_label("Day", exact=True).fill("1")
    page.get_by_label("Month", exact=True).fill("1")
    page.get_by_label("Year", exact=True).fill("2999")
    nested = b'name = "x"\nversion = "1"\nx = ' + b"[" * 3000 + b"]" * 3000 + b"\n"
    page.locator("input[type=file]").set_input_files(_file("deep.toml", nested))
    page.get_by_role("button", name="Open the round").click()
    expect(summary).to_contain_text("deep.toml: not a framework: its lists or tables are nested")
    _look(page, "framework", screen)
    context.close()
