"""``joinedup import-series``: load an indicator's values from a file."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from joinedup.cli.options import no_limit
from joinedup.cli.web import find_partnership
from joinedup.core.errors import InputError
from joinedup.core.limits import Limits
from joinedup.core.numbers import series_format

if TYPE_CHECKING:
    from joinedup.web.outcomes.models import Indicator
    from joinedup.web.partnerships.models import Partnership


@click.command("import-series")
@click.argument("partnership")
@click.argument("indicator")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--yes", is_flag=True, help="Apply the changes without asking.")
@no_limit
def import_series(partnership: str, indicator: str, file: Path, yes: bool, limits: Limits) -> None:
    """Import a CSV or XLSX file of period,value[,note] into an indicator.

    PARTNERSHIP is the partnership's slug (as in its web address); INDICATOR is
    the indicator's number or its name written as a slug. All or nothing: if
    any row is bad, every bad row is listed, nothing changes and the exit
    status is 2. Prints what will change (new periods, values replaced) and
    asks before applying, unless --yes; values far outside the indicator's
    usual range are listed as possible typos first. A period that has not
    begun yet is bad input. Replaced values are kept in the indicator's history.

    \b
    Example:
        joinedup import-series riverside delayed-bed-days bed-days.csv --yes
    """
    found = find_partnership(partnership)
    from joinedup.web.outcomes import series, values

    target = find_indicator(found, indicator)
    rows = series.read_series_file(target, file, name=str(file), limits=limits)
    plan = series.plan(target, rows)
    style = series_format(target.unit, [row.value for row in rows if row.value is not None])
    click.echo(f"{target.name}: {plan.counts()}.")
    for old, row in plan.replaced:
        click.echo(f"  {row.period.isoformat()}: {style.number(old)} -> {style.number(row.value)}")
    far = values.far_outside(target, [*plan.added, *(row for _, row in plan.replaced)])
    if far:
        click.echo("Far outside the indicator's usual range (check for typos):", err=True)
        for row in far:
            click.echo(
                f"  row {row.row}, {row.period.isoformat()}: {style.value(row.value)}", err=True
            )
    if not plan.changes:
        click.echo("Nothing to change.")
        return
    if not yes:
        click.confirm("Apply these changes?", abort=True)
    series.apply_series(target, rows, source=f"joinedup import-series {file.name}")
    click.echo("Done.")


def find_indicator(partnership: Partnership, indicator: str) -> Indicator:
    """The indicator named by number or slug in the partnership, or InputError."""
    from django.utils.text import slugify

    from joinedup.web.outcomes.models import Indicator

    found = list(Indicator.objects.of(partnership).select_related("outcome"))
    matches = [
        candidate
        for candidate in found
        if str(candidate.pk) == indicator or slugify(candidate.name) == indicator
    ]
    if len(matches) != 1:
        names = ", ".join(f"{c.pk} ({slugify(c.name)})" for c in found) or "none yet"
        problem = "matches several indicators" if matches else "is not one of its indicators"
        raise InputError(f"{indicator!r} {problem} in {partnership.slug}; they are: {names}")
    return matches[0]
