"""A value stored before the bound on measures (1.05e28), on a phone and a
desktop, each page checked by axe: the indicator page shows it in full, a
target of 1e30 is refused in words, and the value can be removed."""

from __future__ import annotations

import os

import pytest
from playwright.sync_api import Browser, Page, expect

from joinedup.web.outcomes.models import Indicator
from tests.browser.conftest import assert_accessible, log_in

SCREENS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1366, "height": 900}}
MEETINGS = "Joint discharge meetings held"


def _seen(page: Page, name: str, screen: str) -> None:
    assert_accessible(page)
    folder = os.environ.get("JOINEDUP_SCREENSHOTS")
    if folder:
        page.screenshot(path=f"{folder}/huge-{name}-{screen}.png", full_page=True)


@pytest.mark.parametrize("screen", SCREENS)
def test_a_value_stored_before_the_bound_is_shown_and_removed(
    browser: Browser, demo: str, screen: str
) -> None:
    indicator = Indicator.objects.get(outcome__partnership__slug="riverside", name=MEETINGS)
    slip = indicator.points.order_by("-period").first()
    assert slip is not None
    slip.value = 1.05e28
    slip.save()

    context = browser.new_context(viewport=SCREENS[screen])
    page = context.new_page()
    page.set_default_timeout(10_000)
    log_in(page, demo, "lead")
    page.goto(f"{demo}/partnerships/riverside/outcomes/indicators/{indicator.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(MEETINGS)
    expect(page.get_by_text("10,500,000,000,000,000,000,000,000,000").first).to_be_attached()
    _seen(page, "indicator", screen)

    page.get_by_role("link", name="Change the indicator").click()
    page.get_by_label("Target").fill("1e30")
    page.get_by_role("button", name="Save indicator").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("1e30 is too large")
    _seen(page, "target-refused", screen)

    page.goto(
        f"{demo}/partnerships/riverside/outcomes/indicators/{indicator.pk}/values/"
        f"{slip.period.isoformat()}/remove/"
    )
    expect(page.get_by_text("10,500,000,000,000,000,000,000,000,000").first).to_be_visible()
    _seen(page, "remove", screen)
    page.get_by_label("Why").fill("A slip: not a count of meetings")
    page.get_by_role("button", name="Remove").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(MEETINGS)
    assert not indicator.points.filter(period=slip.period).exists()
    context.close()
