"""A new partnership from nothing to an explained verdict, in the browser only.

A lead who has just been given an account (the one thing the site's operator
does, with ``joinedup createuser``) starts a partnership, adds its partners,
invites a member from each (who follow the links in their email and set up
their own accounts), opens an assessment round and emails its links, which
the members follow and answer on their phones, closes the round and reads
its results, adds an outcome and an indicator, imports 24 months of values
and reads the explained verdict. Nothing is typed into a command or written
to the database on the way: every step is a page.

``tests/browser/test_whole_journey.py`` runs it with axe on every page;
``benchmarks/journey.py`` runs it for its wall time and its page count.
"""

from __future__ import annotations

import datetime as dt
import email
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from email.message import Message
from pathlib import Path

from playwright.sync_api import Browser, BrowserContext, Page, expect

from joinedup.core.outcomes import Frequency
from tests.browser.conftest import csp_violations

DESKTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}
LEAD = ("ayesha", "Ayesha Rahman", "a-long-lead-passphrase")
PARTNERSHIP = "Eastbay Discharge Partnership"
ROUND = "First round"
OUTCOME = "People go home from hospital as soon as they are ready"
INDICATOR = "Discharged on the day they were ready"
# Each partner and the person who represents it: (organisation, sector label,
# first name, last name, email, how they lean in the assessment, relationship level).
LEAD_ORGANISATION = ("Eastbay Hospitals NHS Trust", "NHS")
PARTNERS = [
    ("Eastbay County Council", "Local authority", "Tom", "Okafor", "tom@example.org"),
    ("Eastbay Carers", "Voluntary and community sector", "Grace", "Murphy", "grace@example.org"),
    ("Eastbay Community Health", "NHS", "Priya", "Shah", "priya@example.org"),
]
ANSWERS = ["Agree", "Strongly agree", "Disagree"]
LEVELS = ["3: Cooperate", "4: Coordinate: plan and act jointly", "2: Exchange information"]
MONTHS = 24  # of values imported, to last month
SINCE_START = 16  # of them from the partnership's start on


@dataclass
class Mailbox:
    """The emails Django's file-based backend wrote, one file per connection."""

    folder: Path

    def messages(self) -> list[Message]:
        found = []
        for path in sorted(self.folder.glob("*.log")):
            for chunk in path.read_bytes().split(b"\n" + b"-" * 79 + b"\n"):
                if chunk.strip():
                    found.append(email.message_from_bytes(chunk.strip()))
        return found

    def link(self, to: str, path: str) -> str:
        """The newest link to a page under ``path`` emailed to ``to``."""
        for message in reversed(self.messages()):
            if to in str(message["To"]):
                body = _body(message)
                links = re.findall(rf"https?://\S+{re.escape(path)}\S*", body)
                if links:
                    return links[-1]
        raise AssertionError(f"no email to {to} with a link to {path}")


def _body(message: Message) -> str:
    payload = message.get_payload(decode=True)
    assert isinstance(payload, bytes)
    return payload.decode(message.get_content_charset() or "utf-8")


@dataclass
class Journey:
    """One run of the journey against the site at ``base``."""

    browser: Browser
    base: str
    mailbox: Mailbox
    check: Callable[[Page], None] = lambda page: None  # axe, in the test
    today: dt.date = field(default_factory=dt.date.today)
    pages: int = 0  # documents a person loaded: every click that opened a page
    _contexts: list[BrowserContext] = field(default_factory=list)
    _refused: list[list[str]] = field(default_factory=list)  # by the CSP, per page

    def open(self, viewport: dict[str, int]) -> Page:
        context = self.browser.new_context(viewport=viewport)  # type: ignore[arg-type]
        self._contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)

        def loaded(frame: object) -> None:
            if frame is page.main_frame:
                self.pages += 1

        page.on("framenavigated", loaded)
        self._refused.append(csp_violations(page))
        return page

    def close(self) -> None:
        for context in self._contexts:
            context.close()
        refused = [message for found in self._refused for message in found]
        assert not refused, refused

    def run(self) -> Page:
        """The whole journey; returns the lead's page, on the verdict."""
        lead = self.open(DESKTOP)
        self.log_in(lead)
        self.start_partnership(lead)
        self.add_partners(lead)
        self.invite_members(lead)
        for _, _, first, last, address in PARTNERS:
            self.accept(address, first, last)
        self.open_round(lead)
        for (_, _, first, _, address), answer, level in zip(PARTNERS, ANSWERS, LEVELS, strict=True):
            self.answer(address, first, answer, level)
        self.close_round(lead)
        self.add_outcome_and_indicator(lead)
        self.import_values(lead)
        self.read_verdict(lead)
        return lead

    # The steps, each ending on a page checked by ``check``.

    def log_in(self, page: Page) -> None:
        page.goto(f"{self.base}/")
        self.check(page)
        page.get_by_label("Username").fill(LEAD[0])
        page.get_by_label("Password").fill(LEAD[2])
        page.get_by_role("button", name="Log in").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Your partnerships")
        expect(page.get_by_text("You are not a member of any partnership yet")).to_be_visible()
        self.check(page)

    def start_partnership(self, page: Page) -> None:
        page.get_by_role("link", name="Start a partnership").click()
        self.check(page)
        start = Frequency.MONTHLY.shift(Frequency.MONTHLY.start_of(self.today), -SINCE_START)
        page.get_by_label("Name of the partnership").fill(PARTNERSHIP)
        page.get_by_label("Purpose").fill(
            "People in Eastbay leave hospital as soon as they are ready."
        )
        page.get_by_label("Day", exact=True).fill(str(start.day))
        page.get_by_label("Month", exact=True).fill(str(start.month))
        page.get_by_label("Year", exact=True).fill(str(start.year))
        page.get_by_label("Cooperative: Each partner pursues its own goals").check()
        page.get_by_label("Information-sharing agreement").check()
        page.get_by_label("Joint plan").check()
        page.get_by_label("Your organisation", exact=True).fill(LEAD_ORGANISATION[0])
        page.get_by_label(LEAD_ORGANISATION[1], exact=True).check()
        page.get_by_role("button", name="Create partnership").click()
        expect(page.get_by_role("heading", level=1)).to_have_text(PARTNERSHIP)
        expect(
            page.get_by_text(f"{PARTNERSHIP} has been created. You are its lead.")
        ).to_be_visible()
        self.check(page)

    def add_partners(self, page: Page) -> None:
        page.get_by_role("link", name="Partners", exact=True).first.click()
        expect(page.get_by_text("a partnership needs at least two")).to_be_visible()
        self.check(page)
        for name, sector, *_ in PARTNERS:
            page.get_by_role("button", name="Add a partner").click()
            self.check(page)
            page.get_by_label("Organisation name").fill(name)
            page.get_by_label(sector, exact=True).check()
            page.get_by_role("button", name="Save partner").click()
            expect(page.get_by_role("cell", name=name, exact=True)).to_be_visible()
        self.check(page)

    def invite_members(self, page: Page) -> None:
        page.get_by_role("link", name="Members", exact=True).first.click()
        expect(page.get_by_text("You are the only member so far")).to_be_visible()
        self.check(page)
        for organisation, _, first, last, address in PARTNERS:
            page.get_by_role("button", name="Invite a member").click()
            self.check(page)
            page.get_by_label("Their email address").fill(address)
            page.get_by_label("Organisation they represent").select_option(label=organisation)
            page.get_by_label("Member", exact=True).check()
            page.get_by_label("Job title (optional)").fill(f"{first} {last}'s title")
            page.get_by_role("button", name="Send the invitation").click()
            expect(page.get_by_text(f"An invitation has been sent to {address}")).to_be_visible()
        table = page.get_by_role("table", name="Invitations not yet accepted")
        for *_, address in PARTNERS:
            expect(table).to_contain_text(address)
        self.check(page)

    def accept(self, address: str, first: str, last: str) -> None:
        """The invited person follows the link in their email, on their phone."""
        phone = self.open(PHONE)
        phone.goto(self.mailbox.link(address, "/accounts/invitations/"))
        expect(phone.get_by_role("heading", level=1)).to_have_text(f"Join {PARTNERSHIP}")
        self.check(phone)
        phone.get_by_label("First name").fill(first)
        phone.get_by_label("Last name").fill(last)
        phone.get_by_label("Choose a username").fill(first.lower())
        phone.get_by_label("Choose a password").fill(f"{first} chose a long password")
        phone.get_by_label("Type the password again").fill(f"{first} chose a long password")
        phone.get_by_role("button", name="Create my account and join").click()
        expect(phone.get_by_text(f"Welcome to {PARTNERSHIP}")).to_be_visible()
        self.check(phone)
        phone.context.close()

    def open_round(self, page: Page) -> None:
        page.reload()
        expect(page.get_by_text("There are no invitations waiting for an answer.")).to_be_visible()
        expect(page.get_by_role("table", name="Current members")).to_contain_text("Grace Murphy")
        self.check(page)
        page.get_by_role("link", name="Assessment", exact=True).first.click()
        self.check(page)
        page.get_by_role("button", name="Open a round").click()
        self.check(page)
        closes = self.today + dt.timedelta(days=14)
        page.get_by_label("Name of the round").fill(ROUND)
        page.get_by_label("Day", exact=True).fill(str(closes.day))
        page.get_by_label("Month", exact=True).fill(str(closes.month))
        page.get_by_label("Year", exact=True).fill(str(closes.year))
        page.get_by_role("button", name="Open the round").click()
        expect(page.get_by_role("heading", level=1)).to_have_text(ROUND)
        self.check(page)
        page.get_by_role("button", name="Email the links").click()
        self.check(page)
        page.get_by_role("button", name="Send the emails").click()
        expect(page.get_by_text("Links sent to 4 members by email.")).to_be_visible()
        self.check(page)

    def answer(self, address: str, first: str, answer: str, level: str) -> None:
        """A member answers through the link in their email, on their phone."""
        phone = self.open(PHONE)
        phone.goto(self.mailbox.link(address, "/r/"))
        self.check(phone)
        phone.get_by_role("button", name="Start now").click()
        while "/check/" not in phone.url:
            relationships = "each partner" in phone.get_by_role("heading", level=1).inner_text()
            for fieldset in phone.locator("fieldset").all():
                fieldset.get_by_label(level if relationships else answer, exact=True).check()
            self.check(phone)
            phone.get_by_role("button", name="Save and continue").click()
        expect(phone.get_by_role("heading", level=1)).to_have_text("Check your answers")
        self.check(phone)
        phone.get_by_role("button", name="Confirm your answers").click()
        expect(phone.get_by_role("heading", level=1)).to_have_text("Thank you: your answers are in")
        self.check(phone)
        phone.context.close()

    def close_round(self, page: Page) -> None:
        page.reload()
        self.check(page)
        page.get_by_role("button", name="Close the round").click()
        self.check(page)
        page.get_by_role("button", name="Close the round").click()
        expect(page.get_by_role("heading", level=1)).to_have_text(f"Results of {ROUND}")
        expect(page.get_by_role("heading", name="Hard-issues agenda")).to_be_visible()
        self.check(page)

    def add_outcome_and_indicator(self, page: Page) -> None:
        page.get_by_role("link", name="Outcomes", exact=True).first.click()
        expect(page.get_by_text("No outcomes have been set yet.")).to_be_visible()
        self.check(page)
        page.get_by_role("button", name="Add an outcome").click()
        self.check(page)
        page.get_by_label("Outcome", exact=True).fill(OUTCOME)
        page.get_by_label("Accountable owner").select_option(
            label=f"{LEAD[1]}, Lead ({LEAD_ORGANISATION[0]})"
        )
        for organisation, *_ in [LEAD_ORGANISATION, *PARTNERS]:
            page.get_by_label(organisation, exact=True).check()
        page.get_by_role("button", name="Save outcome").click()
        expect(page.get_by_role("heading", level=1)).to_have_text(OUTCOME)
        self.check(page)
        page.get_by_role("button", name="Add an indicator").click()
        self.check(page)
        page.get_by_label("Indicator", exact=True).fill(INDICATOR)
        page.get_by_label("Unit").fill("%")
        page.get_by_label("Is anyone better off? (result)").check()
        page.get_by_label("Increase: higher is better").check()
        page.get_by_label("Monthly", exact=True).check()
        page.get_by_label("Target (optional)").fill("85")
        page.get_by_role("button", name="Save indicator").click()
        expect(page.get_by_role("heading", level=1)).to_have_text(INDICATOR)
        expect(
            page.get_by_text("There are no values yet, so there is nothing to chart.")
        ).to_be_visible()
        self.check(page)

    def import_values(self, page: Page) -> None:
        page.get_by_role("link", name="Import values from a file").click()
        self.check(page)
        page.locator("input[type=file]").set_input_files(
            {"name": "discharged.csv", "mimeType": "text/csv", "buffer": self.values()}
        )
        page.get_by_role("button", name="Check the file").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Check before you import")
        expect(page.get_by_text(f"{MONTHS} new periods")).to_be_visible()
        self.check(page)
        page.get_by_role("button", name="Import the values").click()
        expect(page.get_by_text(f"Imported discharged.csv: {MONTHS} new values")).to_be_visible()
        expect(page.get_by_role("img", name=f"SPC chart of {INDICATOR}")).to_be_visible()
        self.check(page)

    def values(self) -> bytes:
        """24 months to last month: level before the start, higher after it."""
        last = Frequency.MONTHLY.shift(Frequency.MONTHLY.start_of(self.today), -1)
        before = [80.1, 82.4, 79.6, 81.2] * 2
        after = [86.0, 88.3, 87.1, 89.2] * 4
        rows = [
            f"{Frequency.MONTHLY.shift(last, n - MONTHS + 1).isoformat()},{value}"
            for n, value in enumerate(before + after)
        ]
        return ("period,value\n" + "\n".join(rows) + "\n").encode()

    def read_verdict(self, page: Page) -> None:
        page.get_by_role("link", name="Overview", exact=True).first.click()
        verdict = page.locator("section[aria-labelledby='verdict-heading']")
        expect(verdict.get_by_role("heading", name="Verdict")).to_be_visible()
        # A verdict, judged (16 values since the start are enough), and the facts behind it.
        expect(verdict.locator(".nhsuk-tag").first).not_to_have_text("Not yet judgeable")
        expect(verdict.locator("h3 + ul > li").first).to_be_visible()
        expect(verdict).to_contain_text(INDICATOR)
        self.check(page)
