"""``joinedup export``: what a partnership's members may see, as a zip of CSV files."""

from __future__ import annotations

from pathlib import Path

import click

from joinedup.cli.options import OUT_FILE
from joinedup.cli.web import find_partnership
from joinedup.core.errors import InputError
from joinedup.pipelines.atomic import replacing


@click.command()
@click.argument("slug")
@click.option(
    "--out",
    required=True,
    type=OUT_FILE,
    help="The zip file to write (a new file).",
)
def export(slug: str, out: Path) -> None:
    """Export what the members of partnership SLUG may see, for sharing.

    A zip of CSV files: partners, outcomes and owners, indicators and values,
    effort by partner and month, actions, and each closed round's results as
    its results page shows them (the minimum group decides every figure).
    Never anyone's own answers. See docs/operations.md.

    Example: joinedup export riverside --out riverside.zip
    """
    partnership = find_partnership(slug)
    from joinedup.web.overview import export as partnership_export

    if out.exists():
        raise InputError(f"{out} already exists: give a new file name, or remove it first")
    # Written next to OUT and renamed onto it only once whole: a failure
    # part-way leaves no broken zip behind.
    with replacing(out) as partial, partial.open("wb") as file:
        names = partnership_export.write(partnership, file)
    click.echo(f"Wrote {out}: {', '.join(names)}.")
