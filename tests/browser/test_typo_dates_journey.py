"""A lead's typos in dates and years, on a phone and a desktop, each page
checked by axe: a start year of 2202, a cost dated 2099 and a pooled budget
year of 2099 are refused at the field, and a contribution can be removed."""

from __future__ import annotations

import os
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from joinedup.core.plausible import financial_year
from tests.browser.conftest import assert_accessible, log_in

SCREENS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1366, "height": 900}}
RIVERSIDE = "/partnerships/riverside"


def _seen(page: Page, name: str, screen: str) -> None:
    """axe on the page as it is, and its screenshot kept when asked for."""
    assert_accessible(page)
    folder = os.environ.get("JOINEDUP_SCREENSHOTS")
    if folder:
        page.screenshot(path=f"{folder}/typo-{name}-{screen}.png", full_page=True)


def _refused(page: Page, message: str) -> None:
    expect(page).to_have_title(re.compile("^Error: "))
    expect(page.locator(".nhsuk-error-summary")).to_contain_text(message)
    expect(page.locator(".nhsuk-error-message").first).to_contain_text(message)


@pytest.mark.parametrize("screen", SCREENS)
def test_typos_in_dates_are_refused_and_a_contribution_removed(
    browser: Browser, demo: str, screen: str
) -> None:
    context = browser.new_context(viewport=SCREENS[screen])
    page = context.new_page()
    page.set_default_timeout(10_000)
    log_in(page, demo, "lead")

    page.goto(f"{demo}{RIVERSIDE}/edit/")
    page.get_by_role("group", name="Start date").get_by_label("Year").fill("2202")
    page.get_by_role("button", name="Save").click()
    _refused(page, "The start date, 1 April 2202, is more than a year from today")
    _seen(page, "start-date", screen)

    page.goto(f"{demo}{RIVERSIDE}/effort/costs/add/")
    typed = {"Day": "3", "Month": "11", "Year": "2099", "Amount, in pounds": "106"}
    for label, value in {**typed, "What the money was for": "Room hire"}.items():
        page.get_by_label(label).fill(value)
    page.get_by_role("button", name="Save cost").click()
    _refused(page, "3 November 2099 is after today: effort records time and money already spent")
    _seen(page, "cost-date", screen)

    next_year = financial_year(timezone.localdate()) + 1
    page.goto(f"{demo}{RIVERSIDE}/budget/")
    page.get_by_role("button", name="Add a contribution").click()
    page.get_by_label("Partner", exact=True).select_option(
        label="Riverside Community Health NHS Trust"
    )
    page.get_by_label("Financial year starting in").fill("2099")
    page.get_by_label("Amount in pounds").fill("5")
    page.get_by_role("button", name="Save contribution").click()
    _refused(page, "The financial year starting in 2099 is more than a year after the current one")
    _seen(page, "budget-year", screen)
    page.get_by_label("Financial year starting in").fill(str(next_year))
    page.get_by_role("button", name="Save contribution").click()
    label = f"{next_year}/{(next_year + 1) % 100:02d}"
    expect(page.get_by_role("heading", level=1)).to_have_text("Pooled budget")
    expect(page.get_by_text(label, exact=True)).to_be_visible()
    _seen(page, "budget", screen)

    page.get_by_role("link", name=f"Change Riverside Community Health NHS Trust {label}").click()
    page.get_by_role("link", name="Remove this contribution").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Remove the contribution from Riverside Community Health NHS Trust for {label}?"
    )
    _seen(page, "budget-remove", screen)
    page.get_by_role("button", name="Remove contribution").click()
    expect(page.get_by_text("has been removed")).to_be_visible()
    expect(page.get_by_text(label, exact=True)).to_have_count(0)
    _seen(page, "budget-removed", screen)
    context.close()
