"""The indicator pages after a tester's findings, on a phone and a desktop,
each page checked by axe: a target typed and cleared again leaves no moved
goalpost, the history writes its figures as the page does, a chart too short
for limits keys only what it draws, and an event's year before 1900 is
refused in words."""

from __future__ import annotations

import os
import re

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import assert_accessible, log_in

SCREENS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1366, "height": 900}}
MEETINGS = "Joint discharge meetings held"
CARERS = "Carers contacted within 2 days of discharge"


def _seen(page: Page, name: str, screen: str) -> None:
    """axe on the page as it is, and its screenshot kept when asked for."""
    assert_accessible(page)
    folder = os.environ.get("JOINEDUP_SCREENSHOTS")
    if folder:
        page.screenshot(path=f"{folder}/indicator-{name}-{screen}.png", full_page=True)


def _indicator(page: Page, demo: str, name: str) -> None:
    page.goto(f"{demo}/partnerships/riverside/outcomes/")
    page.get_by_role("link", name=name).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(name)


def _set_target(page: Page, target: str) -> None:
    page.get_by_role("link", name="Change the indicator").click()
    page.get_by_label("Target").fill(target)
    page.get_by_role("button", name="Save indicator").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(MEETINGS)


@pytest.mark.parametrize("screen", SCREENS)
def test_the_indicator_pages_after_the_testers_findings(
    browser: Browser, demo: str, screen: str
) -> None:
    context = browser.new_context(viewport=SCREENS[screen])
    page = context.new_page()
    page.set_default_timeout(10_000)
    log_in(page, demo, "lead")

    _indicator(page, demo, MEETINGS)
    _set_target(page, "200")
    _set_target(page, "")
    history = page.get_by_role("table", name="Changes to this indicator and its values")
    expect(history).to_contain_text("200 meetings")
    expect(history).not_to_contain_text("Moved goalpost")
    _seen(page, "target-corrected", screen)
    page.goto(f"{demo}/partnerships/riverside/")
    expect(page.get_by_text(f"{MEETINGS}: The target was changed")).to_have_count(0)

    _indicator(page, demo, CARERS)
    key = page.locator("figcaption ul").first
    expect(key).not_to_contain_text("Mean")
    expect(key).not_to_contain_text("Process limits")
    _seen(page, "too-few-key", screen)

    page.get_by_role("link", name="Record an event on the chart").click()
    page.get_by_label("Day").fill("1")
    page.get_by_label("Month").fill("10")
    page.get_by_label("Year").fill("1023")
    page.get_by_role("radio", name=re.compile("^Note:")).check()
    page.get_by_label("What happened").fill("Carers' hub opened")
    page.get_by_role("button", name="Save event").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("Enter a date in 1900 or later")
    expect(page.locator(".nhsuk-error-message").first).to_contain_text(
        "Enter a date in 1900 or later"
    )
    _seen(page, "event-date", screen)
    context.close()
