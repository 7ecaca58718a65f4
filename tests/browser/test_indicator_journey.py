"""The indicator journeys on a phone-sized screen, each page checked by axe:
an analyst's import with bad rows changes nothing and lists every one; a good
import is confirmed and draws the chart."""

from __future__ import annotations

from django.utils import timezone
from playwright.sync_api import Page, expect

from joinedup.core.outcomes import Frequency
from tests.browser.conftest import assert_accessible, log_in

BAD = b"period,value\n2024-01-01,900\nlast spring,850\n2024-03-01,many\n"


def _file(name: str, content: bytes) -> dict[str, object]:
    return {"name": name, "mimeType": "text/csv", "buffer": content}


def test_an_analyst_imports_a_series_fixing_bad_rows(page: Page, demo: str) -> None:
    this_month = Frequency.MONTHLY.start_of(timezone.localdate())
    last_month = Frequency.MONTHLY.shift(this_month, -1)

    log_in(page, demo, "analyst")
    page.get_by_role("link", name="Riverside Discharge Partnership").click()
    assert_accessible(page)  # the overview, with its accountability gaps
    page.get_by_role("link", name="every outcome in full").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Outcomes")
    assert_accessible(page)
    page.get_by_role("link", name="Delayed bed days").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Delayed bed days")
    expect(page.get_by_role("img", name="SPC chart of Delayed bed days")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Import values from a file").click()
    assert_accessible(page)
    page.locator("input[type=file]").set_input_files(_file("bed-days.csv", BAD))
    page.get_by_role("button", name="Check the file").click()
    expect(page).to_have_title(
        "Error: Import values for Delayed bed days – Riverside Discharge Partnership – joinedup"
    )
    summary = page.locator(".nhsuk-error-summary")
    expect(summary).to_contain_text("nothing has been imported")
    expect(summary).to_contain_text("row 3, field 'period': expected a date")
    expect(summary).to_contain_text("row 4, field 'value': expected a number")
    assert_accessible(page)

    good = (
        f"period,value,note\n{last_month.isoformat()},123,corrected\n"
        f"{this_month.isoformat()},118,\n"
    ).encode()
    page.locator("input[type=file]").set_input_files(_file("bed-days.csv", good))
    page.get_by_role("button", name="Check the file").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check before you import")
    expect(page.get_by_text("1 new period,")).to_be_visible()
    expect(page.get_by_role("table", name="Replaced values")).to_contain_text("123")
    assert_accessible(page)

    page.get_by_role("button", name="Import the values").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Delayed bed days")
    expect(
        page.get_by_text(
            "Imported bed-days.csv: 1 new value, 1 value replaced, 0 values unchanged."
        )
    ).to_be_visible()
    expect(page.get_by_role("img", name="SPC chart of Delayed bed days")).to_be_visible()
    history = page.get_by_role("table", name="Changes to this indicator and its values")
    expect(history).to_contain_text("Sam Lee (import of bed-days.csv)")
    expect(history).to_contain_text(f"Value for {last_month:%b %Y}")
    assert_accessible(page)


def test_the_outsider_gets_404_on_riverside_outcomes(page: Page, demo: str) -> None:
    log_in(page, demo, "outsider")
    for path in ("", "1/", "1/edit/", "add/", "indicators/1/", "indicators/1/import/"):
        response = page.goto(f"{demo}/partnerships/riverside/outcomes/{path}")
        assert response is not None and response.status == 404
    assert_accessible(page)


def test_a_member_reads_outcomes_but_cannot_load_data(page: Page, demo: str) -> None:
    log_in(page, demo, "member")
    page.goto(f"{demo}/partnerships/riverside/outcomes/")
    assert_accessible(page)
    page.get_by_role(
        "link", name="Carers are supported when the person they care for comes home"
    ).click()
    expect(page.get_by_text("Nobody is accountable for this outcome.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Carers contacted within 2 days of discharge").click()
    expect(page.get_by_role("link", name="Import values from a file")).to_have_count(0)
    assert_accessible(page)
    response = page.goto(page.url + "import/")
    assert response is not None and response.status == 403


def test_a_typo_is_refused_or_confirmed_then_removed_with_a_reason(page: Page, demo: str) -> None:
    this_month = Frequency.MONTHLY.start_of(timezone.localdate())
    log_in(page, demo, "analyst")
    page.goto(f"{demo}/partnerships/riverside/outcomes/")
    page.get_by_role("link", name="Delayed bed days").first.click()
    page.get_by_role("link", name="Add or correct one value").click()
    assert_accessible(page)

    def enter(day: int, month: int, year: int, value: str) -> None:
        page.get_by_label("Day", exact=True).fill(str(day))
        page.get_by_label("Month", exact=True).fill(str(month))
        page.get_by_label("Year", exact=True).fill(str(year))
        page.get_by_label("Value (bed days)").fill(value)
        page.get_by_role("button", name="Save value").click()

    enter(1, 10, 2099, "2099")
    summary = page.locator(".nhsuk-error-summary")
    expect(summary).to_contain_text("Oct 2099 has not begun yet")
    assert_accessible(page)

    enter(this_month.day, this_month.month, this_month.year, "2099000")
    expect(summary).to_contain_text("is far outside this indicator's usual values")
    assert_accessible(page)
    page.get_by_label("Yes, 2,099,000 bed days is right").check()
    page.get_by_role("button", name="Save value").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Delayed bed days")

    page.get_by_text("values, with the chart's mean and limits").click()
    name = f"{this_month:%b %Y}"
    page.get_by_role("link", name=f"Remove the value for {name}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Remove the value for {name}?")
    assert_accessible(page)
    page.get_by_label("Why are you removing it?").fill("Typed 2099000 for 209")
    page.get_by_role("button", name="Remove the value").click()
    expect(
        page.get_by_text(f"The value for {name} (2,099,000 bed days) has been removed.")
    ).to_be_visible()
    history = page.get_by_role("table", name="Changes to this indicator and its values")
    expect(history).to_contain_text(f"Value for {name}")
    expect(history).to_contain_text("Why: Typed 2099000 for 209")
    assert_accessible(page)


def test_the_charts_time_labels_do_not_overlap_in_the_browser(page: Page, demo: str) -> None:
    log_in(page, demo, "member")
    for number in (1, 2, 3, 4):
        page.goto(f"{demo}/partnerships/riverside/outcomes/indicators/{number}/")
        chart = page.locator("svg.app-chart")
        if not chart.count():
            continue
        boxes = chart.evaluate(
            """svg => [...svg.querySelectorAll("text[text-anchor=middle]")]
                .map(t => t.getBBox()).map(b => [b.x, b.x + b.width])"""
        )
        width = chart.evaluate("svg => svg.viewBox.baseVal.width")
        assert boxes and all(left >= 0 and right <= width for left, right in boxes)
        for (_, end), (start, _) in zip(boxes, boxes[1:], strict=False):
            assert end < start, boxes
