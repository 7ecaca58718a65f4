"""What an unlucky operator met, on a phone and a desktop, each page checked by
axe: two files checked in two tabs each import their own; values changed
after the check come back for confirming again; a file of many bad rows lists
the first hundred and counts the rest (page and job); a password reset with
the email server down says the email could not be sent."""

from __future__ import annotations

import os
import threading
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from joinedup.core.outcomes import Frequency
from joinedup.web.jobs.worker import work
from joinedup.web.outcomes.models import DataPoint
from tests.browser.conftest import assert_accessible, log_in

SCREENS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1366, "height": 900}}
LAST_MONTH = Frequency.MONTHLY.shift(Frequency.MONTHLY.start_of(timezone.localdate()), -1)


def _file(name: str, content: str) -> dict[str, object]:
    return {"name": name, "mimeType": "text/csv", "buffer": content.encode()}


def _look(page: Page, name: str, screen: str) -> None:
    assert_accessible(page)
    if os.environ.get("JOINEDUP_SCREENSHOTS"):
        path = f"{os.environ['JOINEDUP_SCREENSHOTS']}/conflicts-{name}-{screen}.png"
        page.screenshot(path=path, full_page=True)


def _check(page: Page, import_page: str, name: str, content: str) -> None:
    page.goto(import_page)
    page.locator("input[type=file]").set_input_files(_file(name, content))
    page.get_by_role("button", name="Check the file").click()


@pytest.mark.parametrize("screen", SCREENS)
def test_imports_confirm_what_they_showed_and_lists_stay_short(
    browser: Browser, demo: str, screen: str, settings: Any
) -> None:
    context = browser.new_context(viewport=SCREENS[screen])
    page, other = context.new_page(), context.new_page()
    for tab in (page, other):
        tab.set_default_timeout(10_000)
    log_in(page, demo, "analyst")
    page.goto(f"{demo}/partnerships/riverside/outcomes/")
    page.get_by_role("link", name="Delayed bed days").first.click()
    page.get_by_role("link", name="Import values from a file").click()
    import_page = page.url
    period = LAST_MONTH.isoformat()

    _check(page, import_page, "concA.csv", f"period,value\n{period},928\n")
    _check(other, import_page, "concB.csv", f"period,value\n{period},777\n")
    expect(other.get_by_text("concB.csv has 1 value.")).to_be_visible()
    expect(page.get_by_text("concA.csv has 1 value.")).to_be_visible()
    page.get_by_role("button", name="Import the values").click()
    expect(page.get_by_text("Imported concA.csv")).to_be_visible()

    _check(page, import_page, "later.csv", f"period,value\n{period},500\n")
    DataPoint.objects.filter(indicator__name="Delayed bed days", period=LAST_MONTH).update(
        value=401
    )  # another import, meanwhile
    page.get_by_role("button", name="Import the values").click()
    expect(page.get_by_text("values changed after this page was shown")).to_be_visible()
    expect(page.get_by_role("cell", name="401", exact=True)).to_be_visible()
    _look(page, "changed", screen)

    _check(page, import_page, "same.csv", "period,value\n" + f"{period},5\n" * 150)
    expect(page.get_by_text("And 49 more problems, not listed")).to_be_visible()
    _look(page, "many-bad-rows", screen)

    settings.IMPORT_BACKGROUND_ROWS = 10
    _check(page, import_page, "same.csv", "period,value\n" + f"{period},5\n" * 150)
    assert work("browser-worker", once=True, poll=0.1, stop=threading.Event()) == 1
    page.reload()
    expect(page.get_by_text("149 problems")).to_be_visible()
    expect(page.get_by_text("And 49 more problems, not listed")).to_be_visible()
    _look(page, "job-many-bad-rows", screen)
    context.close()


@pytest.mark.parametrize("screen", SCREENS)
def test_a_password_reset_with_the_mail_server_down_says_so(
    browser: Browser, demo: str, screen: str, settings: Any
) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 1, 2
    context = browser.new_context(viewport=SCREENS[screen])
    page = context.new_page()
    page.goto(f"{demo}/accounts/password/reset/")
    page.get_by_label("Your email address").fill("nobody@example.org")
    page.get_by_role("button", name="Send me the link").click()
    expect(page.get_by_text("The email could not be sent just now").first).to_be_visible()
    _look(page, "reset-mail-down", screen)
    context.close()
