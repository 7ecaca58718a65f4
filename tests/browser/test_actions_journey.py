"""The actions journey on a phone: the lead raises an action from the list
page (fixing a mistake first), and its owner moves it on with a note. Every
page is checked by axe."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from playwright.sync_api import Page, expect

from tests.browser.conftest import assert_accessible, log_in

TITLE = "Ask carers how the hospital told them about discharge"
OWNER = "Tom Okafor, Head of Hospital Social Work (Riverside County Council Adult Social Care)"


def test_the_lead_raises_an_action_and_its_owner_moves_it_on(page: Page, demo: str) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    actions = f"{demo}/partnerships/riverside/actions/"
    due = timezone.localdate() + dt.timedelta(days=14)

    log_in(page, demo, "lead")
    page.goto(actions)
    expect(page.get_by_role("heading", level=1)).to_have_text("Actions")
    expect(page.get_by_text("Overdue by 45 days")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Raise an action").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Raise an action")
    assert_accessible(page)
    page.get_by_label("What is to be done").fill(TITLE)
    page.get_by_label("Owner").select_option(label=OWNER)
    page.get_by_label("Day").fill(str(due.day))
    page.get_by_label("Month").fill(str(due.month))
    page.get_by_label("Year").fill(str(due.year - 1))  # a typo: last year
    page.get_by_role("button", name="Raise the action").click()
    expect(page).to_have_title(
        "Error: Raise an action – Riverside Discharge Partnership – joinedup"
    )
    expect(page.locator(".nhsuk-error-summary")).to_contain_text(
        "The due date must be today or later"
    )
    assert_accessible(page)
    page.get_by_label("Year").fill(str(due.year))
    page.get_by_role("button", name="Raise the action").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.get_by_text(f"The action “{TITLE}” has been raised.")).to_be_visible()
    expect(page.get_by_text("No updates since it was raised.")).to_be_visible()
    assert_accessible(page)
    detail = page.url

    page.get_by_role("button", name="Log out").click()
    log_in(page, demo, "member")
    page.goto(actions + "?status=to_do")
    row = page.get_by_role("row").filter(has_text=TITLE)
    expect(row).to_contain_text("Tom Okafor")
    expect(page.get_by_role("button", name="Raise an action")).to_have_count(0)
    assert_accessible(page)
    row.get_by_role("link", name=TITLE).click()
    assert page.url == detail

    page.get_by_role("button", name="Update this action").click()
    expect(page.get_by_label("Owner")).to_have_count(0)  # only a lead reassigns
    page.get_by_role("button", name="Save the update").click()  # nothing changed yet
    expect(page.locator(".nhsuk-error-summary")).to_contain_text(
        "Change the status, owner or due date, or add a note"
    )
    assert_accessible(page)
    page.get_by_label("In progress").check()
    page.get_by_label("Note (optional)").fill("Asked Grace Murphy to add it to the carers' survey.")
    page.get_by_role("button", name="Save the update").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.get_by_text("Status changed from Open to In progress")).to_be_visible()
    expect(page.get_by_text("Asked Grace Murphy to add it to the carers' survey.")).to_be_visible()
    assert_accessible(page)


def test_the_outsider_gets_404_on_riverside_actions(page: Page, demo: str) -> None:
    log_in(page, demo, "outsider")
    for path in ("", "new/", "1/", "1/update/", "new/?outcome=1"):
        response = page.goto(f"{demo}/partnerships/riverside/actions/{path}")
        assert response is not None and response.status == 404
    assert_accessible(page)
