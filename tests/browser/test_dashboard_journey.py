"""The dashboard and the cost of the partnership, on a phone-sized screen, each
page checked by axe."""

from __future__ import annotations

import os

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import assert_accessible, log_in

RIVERSIDE = "/partnerships/riverside/"
# Set to a folder to keep screenshots of the pages for a person to look at.
SHOTS = os.environ.get("JOINEDUP_SCREENSHOTS")


def test_the_lead_reads_the_verdict_then_records_a_meeting(page: Page, demo: str) -> None:
    log_in(page, demo, "lead")
    page.goto(f"{demo}{RIVERSIDE}")
    verdict = page.locator("section[aria-labelledby='verdict-heading']")
    expect(verdict.get_by_role("heading", name="Verdict")).to_be_visible()
    expect(verdict).to_contain_text("Improving")
    expect(verdict).to_contain_text("Suggested stance: Invest to deepen it.")
    expect(verdict).to_contain_text("Confidence: High.")
    condition = verdict.locator(".nhsuk-inset-text")
    expect(condition).to_contain_text("“Carers are supported when the person they care for")
    expect(condition).to_contain_text("has an accountable owner by")
    reasons = verdict.get_by_text("Why this confidence")
    reasons.click()
    expect(verdict.get_by_text("against its own values from before the start")).to_be_visible()
    expect(page.get_by_role("heading", name="Cost", exact=True)).to_be_visible()
    expect(page.get_by_text("running the partnership cost £")).to_be_visible()
    expect(page.get_by_role("table", name="Outcomes and their indicators")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="See the cost by partner and month").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Cost of the partnership")
    expect(page.get_by_role("img", name="Person-hours per month by partner")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Add a meeting").click()
    assert_accessible(page)
    page.get_by_label("What the meeting was").fill("Winter planning workshop")
    page.get_by_label("Day").fill("3")
    page.get_by_label("Month").fill("11")
    page.get_by_label("Year").fill("2026")
    page.get_by_label("How long it lasted, in minutes").fill("180")
    page.get_by_role("button", name="Save meeting").click()

    expect(page).to_have_title("Error: Add a meeting – Riverside Discharge Partnership – joinedup")
    summary = page.locator(".nhsuk-error-summary")
    expect(summary).to_contain_text("Enter how many people from at least one partner attended")
    assert_accessible(page)
    summary.get_by_role("link").click()
    first_box = page.locator("input[name^='people_']").first
    expect(first_box).to_be_focused()

    # The error opened the first partner's boxes (partners go in name order).
    page.get_by_label("Manager from HomeFirst Care Ltd", exact=True).fill("2")
    page.get_by_role("button", name="Save meeting").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Cost of the partnership")
    expect(page.get_by_text("The meeting has been saved.")).to_be_visible()
    expect(page.get_by_role("cell", name="Winter planning workshop", exact=True)).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Change the cost rates").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Cost rates")
    assert_accessible(page)


def test_a_member_reads_the_dashboard_and_cost_but_cannot_change_them(
    page: Page, demo: str
) -> None:
    log_in(page, demo, "member")
    page.goto(f"{demo}{RIVERSIDE}")
    expect(page.get_by_role("heading", name="Verdict")).to_be_visible()
    assert_accessible(page)
    page.goto(f"{demo}{RIVERSIDE}effort/")
    expect(page.get_by_role("button", name="Add a meeting")).to_have_count(0)
    expect(page.get_by_role("link", name="Change", exact=False)).to_have_count(0)
    assert_accessible(page)
    response = page.goto(f"{demo}{RIVERSIDE}effort/meetings/add/")
    assert response is not None and response.status == 403


def test_the_outsider_gets_404_on_the_cost_pages(page: Page, demo: str) -> None:
    log_in(page, demo, "outsider")
    for path in ("effort/", "effort/rates/", "effort/meetings/add/"):
        response = page.goto(f"{demo}{RIVERSIDE}{path}")
        assert response is not None and response.status == 404
    assert_accessible(page)


# The overview must fit a board member's desktop in under three screens.
MAX_DESKTOP_HEIGHT = 2500


@pytest.mark.parametrize("who", ["lead", "member"])
def test_the_overview_fits_under_2500_pixels_on_a_desktop(
    browser: Browser, demo: str, who: str
) -> None:
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    try:
        log_in(page, demo, who)
        page.goto(f"{demo}{RIVERSIDE}")
        height = page.evaluate("document.body.scrollHeight")
        print(f"overview as {who} at 1366 wide: {height} px")
        if SHOTS:
            page.screenshot(path=f"{SHOTS}/overview-desktop-{who}.png", full_page=True)
        assert height <= MAX_DESKTOP_HEIGHT, f"the overview is {height} px tall"
        assert_accessible(page)
    finally:
        context.close()
