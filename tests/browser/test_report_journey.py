"""The board report page on a phone and a desktop: reached from the
navigation, every section in order, axe finds nothing, and it reads the same
without JavaScript."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import assert_accessible, csp_violations, log_in
from tests.browser.test_without_javascript import log_in as log_in_without_javascript

SIZES = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1366, "height": 900}}
# Set to a folder to keep full-page screenshots to look at.
SHOTS = os.environ.get("JOINEDUP_SCREENSHOTS")


def _shot(page: Page, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)


@pytest.mark.parametrize("size", SIZES)
def test_a_member_reads_the_board_report(browser: Browser, demo: str, size: str) -> None:
    context = browser.new_context(viewport=SIZES[size])
    page = context.new_page()
    page.set_default_timeout(10_000)
    refused = csp_violations(page)
    log_in(page, demo, "member")
    page.goto(f"{demo}/partnerships/riverside/")
    # The last of the sections: folded under "More" when the header is too narrow.
    more = page.get_by_role("button", name="More")
    if more.is_visible():
        more.click()
    page.get_by_role("link", name="Board report").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Board report, ")
    for name in (
        "Verdict",
        "Summary of the indicators",
        "Hard-issues agenda: Autumn 2025",
        "Actions",
        "Each indicator's chart",
        "Assessment profile by partner: Autumn 2025",
        "Relationship map: Autumn 2025",
        "Accountability and data-quality gaps",
        "Cost of the partnership",
    ):
        expect(page.get_by_role("heading", name=name, exact=True)).to_be_visible()
    # Nothing is folded away: every fact behind the verdict is on the page.
    expect(page.get_by_text("Also worth knowing")).to_be_visible()
    expect(page.get_by_role("img", name="SPC chart of Delayed bed days")).to_be_visible()
    expect(page.get_by_role("link", name="download it as a PDF")).to_be_visible()
    assert_accessible(page)
    _shot(page, f"report-{size}")
    page.emulate_media(media="print")
    _shot(page, f"report-{size}-print")
    context.close()
    assert not refused, refused


def test_the_report_reads_without_javascript(browser: Browser, demo: str) -> None:
    context = browser.new_context(viewport=SIZES["phone"], java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(10_000)
    refused = csp_violations(page)
    log_in_without_javascript(page, demo, "l.evans")  # a viewer
    page.goto(f"{demo}/partnerships/riverside/report/")
    expect(page.get_by_role("heading", name="Hard-issues agenda: Autumn 2025")).to_be_visible()
    expect(page.get_by_text("Also worth knowing")).to_be_visible()
    expect(page.get_by_role("img", name="SPC chart of Delayed bed days")).to_be_visible()
    context.close()
    assert not refused, refused
