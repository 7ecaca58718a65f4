"""Chart and icon colours: 3:1 on white, partners distinguishable pair by
pair, and never told apart by colour alone."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest

from joinedup.web import colours
from joinedup.web.colours import PAIR_CONTRAST, PARTNERS, PATTERNS, WHITE, contrast, luminance
from joinedup.web.effort.chart import fills

TEMPLATES = Path(colours.__file__).parent


def test_the_contrast_formula_is_wcags() -> None:
    assert contrast("#000000", WHITE) == pytest.approx(21)
    assert contrast(WHITE, WHITE) == 1
    assert luminance("#767676") == pytest.approx(0.1812, abs=1e-4)  # 4.54:1, WCAG's grey
    assert contrast("#767676", WHITE) == pytest.approx(4.54, abs=0.01)


@pytest.mark.parametrize(
    "colour",
    [
        *PARTNERS,
        colours.COMMON_CAUSE,
        colours.IMPROVEMENT,
        colours.CONCERN,
        colours.NEITHER,
        colours.TARGET,
    ],
)
def test_every_chart_colour_has_3_to_1_on_white(colour: str) -> None:
    assert contrast(colour, WHITE) >= 3


@pytest.mark.parametrize(("first", "second"), list(itertools.combinations(PARTNERS, 2)))
def test_every_pair_of_partner_colours_differs_in_luminance(first: str, second: str) -> None:
    assert contrast(first, second) >= PAIR_CONTRAST


def test_the_two_colours_once_confused_are_not_both_in_the_palette() -> None:
    assert not {"#7c2855", "#8a1538"} <= set(PARTNERS)


def test_every_partner_has_its_own_colour_and_pattern() -> None:
    many = fills(len(PARTNERS) * len(PATTERNS))
    assert len({(fill.colour, fill.pattern) for fill in many}) == len(many)
    # The first partners differ by pattern as well as colour: never colour alone.
    first = fills(len(PATTERNS))
    assert len({fill.pattern for fill in first}) == len(first)


def test_the_icons_use_the_palettes_colours() -> None:
    icons = (TEMPLATES / "outcomes" / "jinja2" / "outcomes" / "icons.jinja").read_text()
    used = set(re.findall(r'"(#[0-9a-f]{6})"', icons))
    meaning = {colours.COMMON_CAUSE, colours.IMPROVEMENT, colours.CONCERN, colours.NEITHER}
    assert meaning <= used
    assert all(contrast(colour, WHITE) >= 3 for colour in used - {"#ffffff", "#aeb7bd"})
