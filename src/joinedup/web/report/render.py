"""The board report as a web page, a standalone HTML document and a PDF.

The page and the document share one body (report/body.jinja). The HTML file
carries its stylesheets in itself; the PDF is WeasyPrint's rendering of the
same document with the same stylesheets, parsed once per process, and the
DejaVu Sans font report.css declares (shipped in static/report/fonts/, with
its licence), charts as vector SVG (docs/adr/1303-the-board-report-pdf.md).
"""

from __future__ import annotations

import atexit
import threading
from functools import cache
from pathlib import Path
from typing import Any

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from joinedup.web.report.build import Report, context

# The document's stylesheets: the NHS.UK frontend's, the results' and the report's.
STYLES = ("joinedup/joinedup.css", "assessments/assessments.css", "report/report.css")
# WeasyPrint draws SVG text in the SVG's own font-family, not the page's: the
# PDF's drawings are given the report's font (report.css) as an attribute.
SVG_FONT = '<svg font-family="joinedup DejaVu Sans" '
# WeasyPrint's font set-up is not made for threads: one PDF at a time per process.
_ONE_AT_A_TIME = threading.Lock()


def _files() -> list[Path]:
    found = []
    for name in STYLES:
        path = finders.find(name)
        if not isinstance(path, str):
            raise FileNotFoundError(f"The static file {name} is missing")
        found.append(Path(path))
    return found


@cache
def styles() -> SafeString:
    """Every stylesheet of the document as text, read once."""
    return mark_safe("\n".join(path.read_text(encoding="utf-8") for path in _files()))


def document(report: Report, with_styles: bool = True) -> str:
    """The report as one HTML document, its stylesheets in it unless not ``with_styles``."""
    return render_to_string(
        "report/document.jinja", {**context(report), "styles": styles() if with_styles else ""}
    )


@cache
def _stylesheets() -> tuple[Any, list[Any]]:
    """WeasyPrint's font configuration and the parsed stylesheets, made once: parsing
    the NHS.UK stylesheet is a good part of a PDF's time (docs/performance.md)."""
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

    fonts = FontConfiguration()
    return fonts, [CSS(filename=str(path), font_config=fonts) for path in _files()]


# Let the font configuration go while Python still runs: its clean-up fails at exit.
atexit.register(_stylesheets.cache_clear)


def pdf(report: Report) -> bytes:
    """The report as an A4 PDF."""
    from weasyprint import HTML  # slow to import: only when a PDF is made

    with _ONE_AT_A_TIME:
        fonts, sheets = _stylesheets()
        html = document(report, with_styles=False).replace("<svg ", SVG_FONT)
        written = HTML(string=html).write_pdf(stylesheets=sheets, font_config=fonts)
    if not isinstance(written, bytes):  # write_pdf returns the bytes when given no target
        raise TypeError("WeasyPrint wrote no PDF")
    return written
