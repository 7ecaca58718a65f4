"""The whole journey of a new partnership in the browser (tests/browser/journey.py),
with axe on every page: the lead on a desktop, the members on their phones,
every invitation and round link followed from the emails written to a folder."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Browser, expect

from tests.browser.conftest import assert_accessible
from tests.browser.journey import LEAD, PARTNERS, PARTNERSHIP, Journey, Mailbox


@pytest.fixture
def site(transactional_db: Any, live_server: Any, settings: Any, tmp_path: Path) -> Journey:
    """An empty site whose operator has made one account, for the lead."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = tmp_path / "mail"
    username, name, password = LEAD
    first, last = name.split()
    User.objects.create_user(
        username,
        email=f"{username}@example.org",
        password=password,
        first_name=first,
        last_name=last,
    )
    return Journey(browser=None, base=str(live_server.url), mailbox=Mailbox(tmp_path / "mail"))  # type: ignore[arg-type]


def test_a_lead_runs_a_partnership_alone_from_nothing_to_an_explained_verdict(
    site: Journey, browser: Browser
) -> None:
    site.browser = browser
    site.check = assert_accessible
    try:
        lead = site.run()
        verdict = lead.locator("section[aria-labelledby='verdict-heading']")
        expect(verdict).to_be_visible()
        expect(lead.get_by_role("heading", level=1)).to_have_text(PARTNERSHIP)
        # Nobody was added without accepting, and everyone invited did.
        assert User.objects.filter(memberships__partnership__name=PARTNERSHIP).count() == 1 + len(
            PARTNERS
        )
    finally:
        site.close()
