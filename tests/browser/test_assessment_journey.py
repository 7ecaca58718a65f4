"""An assessment round from the emailed personal links to the agenda, on a
phone-sized screen, each page checked by axe."""

from __future__ import annotations

from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import PHONE, assert_accessible, emailed_links, log_in

ROUND = "Follow-up round"
# Two members who have not answered the demo's open round yet, and how they lean.
RESPONDENTS = {
    "member@example.org": ("Disagree", "2: Exchange information"),
    "g.murphy@example.org": ("Strongly agree", "4: Coordinate: plan and act jointly"),
}


def _round_page(page: Page, base: str) -> None:
    page.goto(f"{base}/partnerships/riverside/assessment/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Assessment rounds")
    assert_accessible(page)
    page.get_by_role("link", name=ROUND).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(ROUND)
    assert_accessible(page)


def _answer(browser: Browser, url: str, answer: str, level: str) -> None:
    """Answer every page through a personal link, without logging in."""
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto(url)
    assert_accessible(page)
    page.get_by_role("button", name="Start now").click()
    pages = 0
    while "/check/" not in page.url:
        pages += 1
        expect(page.locator(".nhsuk-caption-l")).to_have_text(f"Page {pages} of 13")
        relationships = "each partner" in page.get_by_role("heading", level=1).inner_text()
        for fieldset in page.locator("fieldset").all():
            fieldset.get_by_label(level if relationships else answer, exact=True).check()
        assert_accessible(page)
        page.get_by_role("button", name="Save and continue").click()
    assert pages == 13
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your answers")
    expect(page.get_by_text(answer, exact=True).first).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Confirm your answers").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you: your answers are in")
    assert_accessible(page)
    context.close()


def test_two_members_answer_from_their_emails_and_the_lead_closes_and_sees_the_agenda(
    page: Page, browser: Browser, demo: str
) -> None:
    log_in(page, demo, "lead")
    _round_page(page, demo)
    # The lead sees who is invited and whether their link was emailed, never a link.
    expect(page.get_by_role("heading", name="Members invited")).to_be_visible()
    expect(page.locator("input.app-link-box")).to_have_count(0)
    assert page.content().count("/r/") == 1  # the lead's own "Answer the assessment" button
    links = emailed_links(page, demo, ROUND)
    assert len(links) == 16  # every current member, the lead included, each their own
    expect(page.get_by_text("Links sent to 16 members by email.")).to_be_visible()
    assert page.content().count("/r/") == 1
    assert_accessible(page)

    for email, (answer, level) in RESPONDENTS.items():
        _answer(browser, links[email], answer, level)

    page.reload()
    page.get_by_role("button", name="Close the round").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Close {ROUND} now?")
    assert_accessible(page)
    page.get_by_role("button", name="Close the round").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(f"Results of {ROUND}")
    expect(page.get_by_role("heading", name="Hard-issues agenda")).to_be_visible()
    agenda = page.locator("ol.app-agenda > li")
    expect(agenda.first).to_be_visible()
    assert agenda.count() <= 7
    assert_accessible(page)

    # The round is closed: the links say so.
    for url in (links[email] for email in RESPONDENTS):
        response = page.goto(url)
        assert response is not None and response.status == 410
        expect(page.get_by_role("heading", level=1)).to_have_text("This round has closed")
    assert_accessible(page)


def test_outsiders_and_bad_links_get_404(page: Page, demo: str) -> None:
    log_in(page, demo, "lead")
    _round_page(page, demo)
    round_path = page.url.removeprefix(demo)
    link = emailed_links(page, demo, ROUND)["member@example.org"]
    page.get_by_role("button", name="Log out").click()

    token = link.rstrip("/").rsplit("/", 1)[1]
    altered = token[:-1] + ("A" if token[-1] != "A" else "B")
    for bad in ("made-up", "1-1:forged", altered):
        response = page.goto(f"{demo}/r/{bad}/")
        assert response is not None and response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    assert_accessible(page)

    log_in(page, demo, "outsider")
    paths = ["", "new/", "1/results/", "1/results.csv"]
    paths += [round_path.split("/assessment/")[1] + suffix for suffix in ("", "close/", "send/")]
    for path in paths:
        response = page.goto(f"{demo}/partnerships/riverside/assessment/{path}")
        assert response is not None and response.status == 404, path
