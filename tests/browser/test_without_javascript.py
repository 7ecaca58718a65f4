"""The main pages work with JavaScript turned off, on a phone-sized screen:
forms post and show their errors, charts are drawn on the server, a member
can answer through their link, and logging out is a plain form."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from joinedup.web.demo import password
from tests.browser.conftest import PHONE


def log_in(page: Page, base: str, username: str) -> None:
    # Not conftest's log_in: axe runs in the page's JavaScript, which is off
    # here (the same pages pass axe in the other journeys).
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password())
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{base}/partnerships/")


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def test_the_lead_works_without_javascript(page: Page, demo: str) -> None:
    log_in(page, demo, "lead")
    page.goto(f"{demo}/partnerships/riverside/partners/add/")
    page.get_by_label("Organisation name").fill("Riverside Hospice")
    page.get_by_label("Voluntary and community sector").check()
    page.get_by_label("ODS code").fill("not a code")
    page.get_by_role("button", name="Save partner").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("Enter an ODS code")
    page.get_by_label("ODS code").fill("RH1")
    page.get_by_role("button", name="Save partner").click()
    expect(page.get_by_role("cell", name="Riverside Hospice", exact=True)).to_be_visible()

    page.goto(f"{demo}/partnerships/riverside/outcomes/")
    page.get_by_role("link", name="Delayed bed days").first.click()
    expect(page.locator("svg[role='img']").first).to_be_visible()
    page.get_by_text("values, with the chart's mean and limits").click()  # a native details
    expect(page.get_by_role("table").first).to_be_visible()

    page.goto(f"{demo}/partnerships/riverside/summary/")
    page.get_by_label("Variation icon").select_option("common_cause")
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_role("heading", level=2).first).to_have_text("1 indicator with these icons")

    page.goto(f"{demo}/partnerships/riverside/")
    expect(page.get_by_role("heading", name="Verdict")).to_be_visible()
    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Log in to joinedup")


def test_a_member_answers_through_their_link_without_javascript(
    page: Page, browser: Browser, demo: str
) -> None:
    log_in(page, demo, "member")
    page.goto(f"{demo}/partnerships/riverside/assessment/")
    page.get_by_role("link", name="Follow-up round").click()
    page.get_by_role("button", name="Answer the assessment").click()  # their own link
    page.get_by_role("button", name="Start now").click()
    expect(page.locator(".nhsuk-caption-l")).to_have_text("Page 1 of 13")
    for fieldset in page.locator("fieldset").all():
        fieldset.get_by_label("Agree", exact=True).check()
    page.get_by_role("button", name="Save and continue").click()
    expect(page.locator(".nhsuk-caption-l")).to_have_text("Page 2 of 13")
