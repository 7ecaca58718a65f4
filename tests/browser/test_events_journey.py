"""Events on a chart in a browser: the lead reads them under the chart, and
records a rebase, which needs a reason; every page checked by axe, on a
phone and on a desktop."""

from __future__ import annotations

from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import assert_accessible, log_in
from tests.browser.test_summary_journey import DESKTOP, _shot


def _record_a_rebase(page: Page, demo: str, name: str) -> None:
    log_in(page, demo, "lead")
    page.goto(f"{demo}/partnerships/riverside/outcomes/")
    page.get_by_role("link", name="Joint discharge meetings held").first.click()
    expect(page.get_by_role("heading", name="Events on the chart")).to_be_visible()
    expect(page.get_by_text("Why: The weekly discharge meeting became a huddle")).to_be_visible()
    assert_accessible(page)
    _shot(page, f"indicator-events-{name}")
    page.get_by_role("link", name="See or record events").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Events on the chart")
    assert_accessible(page)
    page.get_by_role("button", name="Add an event").click()
    page.get_by_label("Day").fill("1")
    page.get_by_label("Month").fill("6")
    page.get_by_label("Year").fill("2024")
    page.get_by_label("Rebase: New process limits from this date.").check()
    page.get_by_label("What happened").fill("Huddle moved to the wards")
    page.get_by_role("button", name="Save event").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text(
        "Say why the limits start again from this date"
    )
    assert_accessible(page)
    _shot(page, f"event-form-error-{name}")
    page.get_by_label("Why (required for a rebase)").fill("Each ward now runs its own huddle.")
    page.get_by_role("button", name="Save event").click()
    expect(
        page.get_by_text("The event “Huddle moved to the wards” has been saved.")
    ).to_be_visible()
    expect(page.get_by_text("Why: Each ward now runs its own huddle.")).to_be_visible()
    assert_accessible(page)
    _shot(page, f"events-{name}")


def test_the_lead_records_a_rebase_on_a_phone(page: Page, demo: str) -> None:
    _record_a_rebase(page, demo, "phone")


def test_the_lead_records_a_rebase_on_a_desktop(browser: Browser, demo: str) -> None:
    context = browser.new_context(viewport=DESKTOP)
    try:
        _record_a_rebase(context.new_page(), demo, "desktop")
    finally:
        context.close()
