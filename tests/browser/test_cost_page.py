"""The Cost page on a phone and a desktop: the demo's year of entries is
paged, 20 of each kind at a time, the pages move on, and axe finds nothing."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, expect

from tests.browser.conftest import assert_accessible, log_in, sized_page
from tests.browser.test_report_journey import SIZES, _shot


@pytest.mark.parametrize("size", SIZES)
def test_the_cost_page_pages_its_entries(browser: Browser, demo: str, size: str) -> None:
    page = sized_page(browser, SIZES[size])
    log_in(page, demo, "analyst")
    page.goto(f"{demo}/partnerships/riverside/effort/")
    for kind in ("meetings", "time", "costs"):
        rows = page.locator(f"h2#{kind} ~ table").first.locator("tbody tr")
        assert 0 < rows.count() <= 20, kind
    # The demo's year of entries was about 100,000 pixels tall on a phone.
    assert page.evaluate("document.documentElement.scrollHeight") < 30_000
    expect(page.locator("p", has_text="Meetings 1 to 20 of ")).to_be_visible()
    assert_accessible(page)
    _shot(page, f"cost-{size}")
    meetings = page.get_by_role("navigation", name="Pages of the meetings")
    meetings.get_by_role("link", name="Next").click()
    expect(page.locator("p", has_text="Meetings 21 to 40 of ")).to_be_visible()
    assert page.url.endswith("?meetings=2#meetings")
    assert_accessible(page)
    page.context.close()
