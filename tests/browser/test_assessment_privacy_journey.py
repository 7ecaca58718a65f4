"""The lead opens the link of a member who has answered: blank pages and a
notice, never the member's answers; each page checked by axe."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.browser.conftest import assert_accessible, log_in

# A member who answered the demo's open round (in no browser: the demo saved it).
ANSWERED = "Ravi Patel, Riverside University Hospitals NHS Foundation Trust"
NOTICE = "Answers have already been saved with this link in another browser."


def test_the_lead_holding_a_members_link_sees_none_of_their_answers(page: Page, demo: str) -> None:
    log_in(page, demo, "lead")
    page.goto(f"{demo}/partnerships/riverside/assessment/")
    page.get_by_role("link", name="Follow-up round").click()
    url = page.get_by_label(ANSWERED).input_value()

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
