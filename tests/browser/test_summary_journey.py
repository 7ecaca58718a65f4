"""The summary table in a browser: on a phone and a desktop, sorted and
filtered with a GET form, each page checked by axe."""

from __future__ import annotations

import os

from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import assert_accessible, log_in

SUMMARY = "/partnerships/riverside/summary/"
DESKTOP = {"width": 1366, "height": 900}
# Set to a folder to keep screenshots of the pages for a person to look at.
SHOTS = os.environ.get("JOINEDUP_SCREENSHOTS")


def _shot(page: Page, name: str) -> None:
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)


def test_a_member_filters_the_summary_on_a_phone(page: Page, demo: str) -> None:
    log_in(page, demo, "member")
    page.goto(f"{demo}/partnerships/riverside/")
    page.get_by_role("link", name="the summary table").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Summary of the indicators")
    table = page.get_by_role("table", name="Indicators by outcome", exact=False)
    expect(table).to_be_visible()
    assert_accessible(page)
    _shot(page, "summary-phone")

    page.get_by_label("Sort by").select_option("variation")
    page.get_by_label("Assurance icon").select_option("none")
    page.get_by_role("button", name="Show").click()
    expect(page).to_have_url(f"{demo}{SUMMARY}?sort=variation&variation=&assurance=none")
    assert_accessible(page)
    page.get_by_role("link", name="Show every indicator by outcome").click()
    expect(page).to_have_url(f"{demo}{SUMMARY}")


def test_the_summary_on_a_desktop(browser: Browser, demo: str) -> None:
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    try:
        log_in(page, demo, "lead")
        page.goto(f"{demo}{SUMMARY}")
        first = page.get_by_role("table").get_by_role("link").nth(1)
        name = first.inner_text()
        page.get_by_label("Sort by").select_option("assurance")
        page.get_by_role("button", name="Show").click()
        expect(page).to_have_url(f"{demo}{SUMMARY}?sort=assurance&variation=&assurance=")
        assert_accessible(page)
        _shot(page, "summary-desktop-by-assurance")
        page.get_by_role("link", name=name, exact=True).first.click()
        expect(page.get_by_role("heading", level=1)).to_have_text(name)
    finally:
        context.close()
