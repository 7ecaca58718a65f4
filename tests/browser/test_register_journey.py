"""The register's main journeys, on a phone-sized screen, each page checked by axe."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.browser.conftest import assert_accessible, log_in


def test_the_lead_adds_a_partner_fixing_an_invalid_ods_code(page: Page, demo: str) -> None:
    log_in(page, demo, "lead")
    assert_accessible(page)
    page.get_by_role("link", name="Riverside Discharge Partnership").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Riverside Discharge Partnership")
    assert_accessible(page)

    page.goto(f"{demo}/partnerships/riverside/partners/")
    assert_accessible(page)
    page.get_by_role("button", name="Add a partner").click()
    assert_accessible(page)
    page.get_by_label("Organisation name").fill("Riverside Hospice")
    page.get_by_label("Voluntary and community sector").check()
    page.get_by_label("ODS code").fill("R!X")
    page.get_by_role("button", name="Save partner").click()

    expect(page).to_have_title("Error: Add a partner – Riverside Discharge Partnership – joinedup")
    summary = page.locator(".nhsuk-error-summary")
    expect(summary).to_contain_text("Enter an ODS code")
    assert_accessible(page)
    summary.get_by_role("link").click()
    expect(page.get_by_label("ODS code")).to_be_focused()

    page.get_by_label("ODS code").fill("RH1")
    page.get_by_role("button", name="Save partner").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Partners")
    expect(page.get_by_role("cell", name="Riverside Hospice", exact=True)).to_be_visible()
    assert_accessible(page)


def test_the_outsider_gets_404_on_riverside(page: Page, demo: str) -> None:
    log_in(page, demo, "outsider")
    expect(page.get_by_role("link", name="Northbank Community Safety Partnership")).to_be_visible()
    expect(page.get_by_text("Riverside")).to_have_count(0)
    for path in ("", "partners/", "members/", "budget/", "edit/"):
        response = page.goto(f"{demo}/partnerships/riverside/{path}")
        assert response is not None and response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    assert_accessible(page)


def test_a_member_reads_but_sees_no_way_to_change(page: Page, demo: str) -> None:
    log_in(page, demo, "member")
    for path in ("", "partners/", "members/", "budget/"):
        page.goto(f"{demo}/partnerships/riverside/{path}")
        expect(page.get_by_role("link", name="Change")).to_have_count(0)
        assert_accessible(page)
