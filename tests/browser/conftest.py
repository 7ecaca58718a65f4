"""Browser tests: Playwright driving Debian's Chromium against a live server.

They need /usr/bin/chromium (``apt-get install chromium``; never
``playwright install``). Without it they are skipped with a reason, except in
CI (CI=true), where a missing browser is a failure: CI must run them.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, ConsoleMessage, Page, sync_playwright

# Playwright's sync API keeps an event loop running in this thread for the
# whole session; Django's guard against database calls from async code would
# refuse the tests' own set-up and tear-down. (Tests that start other
# processes leave this variable out of their environment.)
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("JOINEDUP_CHROMIUM", "/usr/bin/chromium")
PHONE = {"width": 375, "height": 740}
# WCAG 2.0, 2.1 and 2.2, levels A and AA. No rule is excluded.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not shutil.which(CHROMIUM):
        message = f"Chromium not found at {CHROMIUM}: apt-get install chromium"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def demo(transactional_db: Any, live_server: Any, settings: Any) -> str:
    """The demo data on a live server; returns the server's URL."""
    from joinedup.web import demo as demo_data

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    demo_data.load()
    return str(live_server.url)


def csp_violations(page: Page) -> list[str]:
    """What the Content-Security-Policy refuses on ``page`` from now on (Chromium
    logs each refusal as a console error), for the test to find empty."""
    found: list[str] = []

    def seen(message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text:
            found.append(message.text)

    page.on("console", seen)
    return found


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.set_default_timeout(10_000)
    refused = csp_violations(page)
    yield page
    context.close()
    assert not refused, refused


def sized_page(browser: Browser, viewport: dict[str, int]) -> Page:
    """A page of its own context at ``viewport``; close it with page.context.close()."""
    page = browser.new_context(viewport=viewport).new_page()
    page.set_default_timeout(10_000)
    return page


def assert_accessible(page: Page) -> None:
    """axe finds no WCAG 2.2 AA violation on the page as it is now."""
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    assert results.violations_count == 0, results.generate_report()


def log_in(page: Page, base: str, username: str) -> None:
    from joinedup.web.demo import password

    page.goto(f"{base}/accounts/login/")
    assert_accessible(page)
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password())
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{base}/partnerships/")


def emailed_links(page: Page, base: str, round_name: str) -> dict[str, str]:
    """As the lead (logged in), email every member their link to ``round_name``;
    each member's email address -> the link in their email."""
    from django.core import mail

    page.goto(f"{base}/partnerships/riverside/assessment/")
    page.get_by_role("link", name=round_name).click()
    page.get_by_role("button", name="Email the links").click()
    assert_accessible(page)
    mail.outbox.clear()
    page.get_by_role("button", name="Send the emails").click()
    page.wait_for_url("**/assessment/*/")
    links = {}
    for message in mail.outbox:
        [url] = re.findall(r"^http\S+/r/\S+$", message.body, re.MULTILINE)
        links[message.to[0]] = url
    return links
