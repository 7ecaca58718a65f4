"""On a phone every table's caption reads whole: it wraps to the screen,
even over a table wider than the screen (which scrolls sideways), and is
never cut off at the screen's edge."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from joinedup.web.assessments.models import Round
from tests.browser.conftest import assert_accessible, log_in, sized_page
from tests.browser.test_report_journey import SIZES, _shot

# Each shown caption: whether its text fits its box, and its box the screen
# and the box it scrolls in (a visually hidden caption is for screen readers).
CAPTIONS = """() => [...document.querySelectorAll("caption")]
  .filter(caption => !caption.classList.contains("nhsuk-u-visually-hidden"))
  .map(caption => {
    const box = caption.getBoundingClientRect();
    const scroller = caption.closest(".app-scroll") || document.documentElement;
    return {
      text: caption.innerText,
      wraps: caption.scrollWidth <= caption.clientWidth,
      within: box.left >= 0 && box.right <= Math.min(
        window.innerWidth, scroller.getBoundingClientRect().right
      ) + 1,
    };
  })"""


@pytest.mark.parametrize("size", SIZES)
def test_every_caption_reads_whole(browser: Browser, demo: str, size: str) -> None:
    page = sized_page(browser, SIZES[size])
    log_in(page, demo, "lead")
    results = [
        f"/partnerships/riverside/assessment/{round.pk}/results/"
        for round in Round.objects.filter(partnership__slug="riverside", closed_at__isnull=False)
    ]
    checked = set()
    for path in ["/partnerships/riverside/report/", *results]:
        page.goto(demo + path)
        captions = page.evaluate(CAPTIONS)
        assert captions, path
        for caption in captions:
            assert caption["wraps"] and caption["within"], (path, caption)
            checked.add(caption["text"].split("\n")[0])
        assert_accessible(page)
    _shot(page, f"results-{size}")
    assert {
        "Mean answer to each statement, by partner",
        "What each partner (rows) says about each other (columns)",
    } <= checked
    page.context.close()
