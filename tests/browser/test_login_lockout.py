"""A locked-out log-in, in the browser: our page says why and for how long."""

from __future__ import annotations

import os
from pathlib import Path

from playwright.sync_api import Browser, expect

from tests.browser.conftest import assert_accessible, csp_violations

# Set to a folder to keep the screenshots of the page (to look at them).
SCREENSHOTS = os.environ.get("JOINEDUP_SCREENSHOTS")


def test_ten_wrong_passwords_stop_logging_in_with_a_message(browser: Browser, demo: str) -> None:
    for name, viewport in (
        ("phone", {"width": 390, "height": 844}),
        ("desktop", {"width": 1366, "height": 900}),
    ):
        context = browser.new_context(viewport=viewport)  # type: ignore[arg-type]
        page = context.new_page()
        refused = csp_violations(page)
        page.goto(f"{demo}/accounts/login/")
        for attempt in range(10):
            page.get_by_label("Username").fill(f"{name}-lead")
            page.get_by_label("Password").fill(f"wrong-{attempt}")
            page.get_by_role("button", name="Log in").click()
        summary = page.locator(".nhsuk-error-summary")
        expect(summary).to_contain_text("Logging in has been stopped for 15 minutes")
        expect(page).to_have_title("Error: Log in – joinedup")
        assert_accessible(page)
        if SCREENSHOTS:
            page.screenshot(path=Path(SCREENSHOTS) / f"lockout-{name}.png", full_page=True)
        context.close()
        assert not refused, refused


def test_the_admin_says_so_too_and_its_pages_need_nothing_the_policy_refuses(
    browser: Browser, demo: str
) -> None:
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    refused = csp_violations(page)
    page.goto(f"{demo}/admin/login/")
    for attempt in range(10):
        page.get_by_label("Username").fill("admin")
        page.get_by_label("Password").fill(f"wrong-{attempt}")
        page.get_by_role("button", name="Log in").click()
    expect(page.locator(".errornote")).to_contain_text("Logging in has been stopped")
    if SCREENSHOTS:
        page.screenshot(path=Path(SCREENSHOTS) / "lockout-admin.png", full_page=True)
    context.close()
    assert not refused, refused
