"""The board report as a web page, a standalone HTML document and a PDF.

The page and the document share one body (report/body.jinja); the document
carries its styles in itself and uses the DejaVu Sans font shipped in
``fonts/`` (its licence beside it), and WeasyPrint turns the document into
the PDF, charts as vector SVG (docs/adr/1303-the-board-report-pdf.md).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from joinedup.web.report.build import Report, context

FONTS = Path(__file__).parent / "fonts"
# The styles a document carries: the NHS.UK frontend's, the results' and the report's.
STYLES = ("joinedup/joinedup.css", "assessments/assessments.css", "report/report.css")


@cache
def styles() -> SafeString:
    """Every stylesheet of the document, read once from the static files."""
    texts = []
    for name in STYLES:
        found = finders.find(name)
        if not isinstance(found, str):
            raise FileNotFoundError(f"The static file {name} is missing")
        texts.append(Path(found).read_text(encoding="utf-8"))
    return mark_safe("\n".join(texts))  # our own stylesheets


def document(report: Report) -> str:
    """The report as one HTML file that needs nothing else to be read."""
    return render_to_string("report/document.jinja", {**context(report), "styles": styles()})


def pdf(report: Report) -> bytes:
    """The report as an A4 PDF."""
    from weasyprint import HTML  # slow to import: only when a PDF is made

    # Relative addresses (the fonts) are found beside this module.
    written = HTML(string=document(report), base_url=f"{FONTS.parent.as_uri()}/").write_pdf()
    if not isinstance(written, bytes):  # write_pdf returns the bytes when given no target
        raise TypeError("WeasyPrint wrote no PDF")
    return written
