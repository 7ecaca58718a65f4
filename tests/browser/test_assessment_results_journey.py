"""A member reads a closed round's results on a phone and on a desktop: a
negatively worded statement reads as written in the heat map and on the
agenda, marked as scored in reverse; withheld figures say why; axe on each."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import PHONE, assert_accessible, log_in

AVOIDED = "Some important questions never reach the agenda because they would cause an argument."
DESKTOP = {"width": 1366, "height": 768}


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_a_negative_statement_reads_as_written_on_the_agenda_and_the_heat_map(
    browser: Browser, demo: str, viewport: dict[str, int]
) -> None:
    context = browser.new_context(viewport=viewport)
    page: Page = context.new_page()
    page.set_default_timeout(10_000)
    log_in(page, demo, "member")
    page.goto(f"{demo}/partnerships/riverside/assessment/")
    page.get_by_role("link", name="Results of Autumn 2025").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Results of Autumn 2025")

    agenda = page.locator("ol.app-agenda > li")
    assert 1 <= agenda.count() <= 7
    item = agenda.filter(has_text=AVOIDED)
    expect(item).to_contain_text("Scored in reverse: agreement is bad news")
    low = re.compile(r"Low scores \(agreeing is bad news\): \d+ of \d+ agree")
    expect(item).to_contain_text(low)
    expect(item).to_contain_text("; less by Riverside University Hospitals NHS Foundation Trust.")
    expect(page.get_by_role("heading", name="Also raised")).to_be_visible()

    heatmap = page.locator("table:has(#heatmap-caption)")
    row = heatmap.locator("tr").filter(has_text=AVOIDED)
    expect(row).to_contain_text("(scored in reverse: agreement is bad news)")
    # As answered: the acute trust disagrees (below 2.5), the council agrees (above).
    cells = row.locator("td")
    columns = [c.inner_text() for c in heatmap.locator("thead th").all()][1:]
    values = dict(zip(columns, [c.inner_text() for c in cells.all()], strict=True))
    assert float(values["Riverside University Hospitals NHS Foundation Trust"]) < 2.5
    assert float(values["Riverside County Council Adult Social Care"]) > 2.5
    expect(page.locator(".app-heat--withheld").first).to_contain_text("fewer than 3 answers")
    assert_accessible(page)
    context.close()
