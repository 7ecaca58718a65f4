"""The colours of charts and icons, and the contrast rule they keep.

WCAG 2.2 asks 3:1 for graphics against what is next to them (1.4.11); the
relative luminance and contrast ratio are WCAG's own formulas. Colour is
never the only signal: every colour here goes with a shape, a pattern, a
letter or words.
"""

from __future__ import annotations

WHITE = "#ffffff"
TEXT = "#212b32"  # NHS.UK text colour
GRID = "#d8dde0"
TARGET = "#d5281b"  # NHS red: the target line

# Making Data Count's meanings in its hues (grey, blue, orange, purple),
# darkened where its own are too pale for 3:1 on white.
COMMON_CAUSE = "#4c6272"
IMPROVEMENT = "#005eb8"
CONCERN = "#b35c00"
NEITHER = "#7030a0"

# A colour per partner in a stacked chart (NHS identity colours of six hues):
# each is 3:1 on white, and any two differ by at least PAIR_CONTRAST in
# luminance, so they stay apart in greyscale and for colour-blind readers
# too. Six is as many as the 3:1 band holds at that spacing, so a seventh
# partner takes the first colour again with its own pattern: every partner
# has a distinct (colour, pattern) pair, and the legend names them.
PARTNERS = ["#005eb8", "#c25700", "#003087", "#00a499", "#7c2855", "#231f20"]
PAIR_CONTRAST = 1.25
# SVG patterns drawn over a partner's colour, in order: none first.
PATTERNS = ["solid", "diagonal", "dots", "horizontal", "crosshatch", "vertical", "backward"]


def luminance(colour: str) -> float:
    """WCAG's relative luminance of a ``#rrggbb`` colour."""

    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)


def contrast(first: str, second: str) -> float:
    """WCAG's contrast ratio between two colours, from 1 (the same) to 21."""
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)
