"""A member's emailed link forwarded to someone else opens blank pages and a
notice, never the member's answers; each page checked by axe."""

from __future__ import annotations

from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import PHONE, assert_accessible, emailed_links, log_in

# A member who answered the demo's open round (in no browser: the demo saved it).
ANSWERED = "r.patel@example.org"
NOTICE = "Answers have already been saved with this link in another browser."


def test_a_forwarded_link_shows_none_of_the_members_answers(
    page: Page, browser: Browser, demo: str
) -> None:
    log_in(page, demo, "lead")
    url = emailed_links(page, demo, "Follow-up round")[ANSWERED]
    context = browser.new_context(viewport=PHONE)  # whoever the email was forwarded to
    page = context.new_page()
    page.set_default_timeout(10_000)

    page.goto(url)
    expect(page.get_by_text(NOTICE)).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".nhsuk-caption-l")).to_have_text("Page 1 of 13")
    expect(page.get_by_text(NOTICE)).to_be_visible()
    expect(page.locator("input[type=radio]:checked")).to_have_count(0)
    expect(page.get_by_role("textbox")).to_have_value("")
    assert_accessible(page)

    page.goto(f"{url}check/")
    expect(page.get_by_text("Answered in another browser").first).to_be_visible()
    expect(page.get_by_text("Agree", exact=True)).to_have_count(0)
    assert_accessible(page)

    # Answering a page here replaces it, and this browser then sees that page only.
    page.goto(f"{url}1/")
    for fieldset in page.locator("fieldset").all():
        fieldset.get_by_label("Disagree", exact=True).check()
    page.get_by_role("button", name="Save and continue").click()
    expect(page.locator(".nhsuk-caption-l")).to_have_text("Page 2 of 13")
    expect(page.get_by_text(NOTICE)).to_be_visible()
    page.goto(f"{url}check/")
    expect(page.get_by_text("Disagree", exact=True).first).to_be_visible()
    expect(page.get_by_text("Answered in another browser")).to_have_count(12)
    assert_accessible(page)
    context.close()
