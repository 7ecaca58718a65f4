"""``joinedup report``: the board report of a partnership as a PDF or an HTML file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from joinedup.cli.options import OUT_FILE
from joinedup.cli.web import find_partnership
from joinedup.core.errors import InputError

FORMATS = (".pdf", ".html")


@click.command()
@click.argument("partnership")
@click.option(
    "--out",
    "out",
    required=True,
    type=OUT_FILE,
    help="The file to write: FILE.pdf for the PDF, FILE.html for one HTML file.",
)
@click.option(
    "--as-of",
    "as_of",
    metavar="YYYY-MM-DD",
    help="The report as the data stood at the end of this day (London). [default: today]",
)
def report(partnership: str, out: Path, as_of: str | None) -> None:
    """Write the board report of a partnership as a PDF or an HTML file.

    PARTNERSHIP is the partnership's slug (as in its web address). The report
    holds, in this order: the verdict and every fact behind it, the summary
    of the indicators, the hard-issues agenda of the latest closed round,
    the actions (overdue, still to do, done since the quarter before), each
    indicator's SPC chart, the assessment profile by partner and the
    relationship map, the accountability and data-quality gaps, and the
    cost. With --as-of it shows the values of periods that began by that
    day, the rounds closed by then and each action as it stood then
    (docs/report.md). An unknown partnership, a bad date or an unknown
    file extension exits with status 2.

    \b
    Examples:
        joinedup report riverside --out riverside.pdf
        joinedup report riverside --out riverside.html --as-of 2026-09-30
    """
    suffix = out.suffix.lower()
    if suffix not in FORMATS:
        raise InputError(
            f"--out {out}: the file must end in .pdf or .html (not {suffix or 'nothing'})"
        )
    day = _day(as_of) if as_of is not None else None
    found = find_partnership(partnership)
    from joinedup.web.report import render
    from joinedup.web.report.build import build

    built = build(found, day)
    if suffix == ".pdf":
        out.write_bytes(render.pdf(built))
    else:
        out.write_text(render.document(built), encoding="utf-8")
    click.echo(f"Wrote the board report of {found.name} as of {built.as_of.isoformat()} to {out}")


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise InputError(
            f"--as-of {text!r}: not a date; write it as YYYY-MM-DD, such as 2026-09-30"
        ) from None
