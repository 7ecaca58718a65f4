"""``joinedup spc``: judge one series with statistical process control."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.table import Table

from joinedup.cli.options import NUMBER, echo_json, no_limit, output_format
from joinedup.core import spc as core
from joinedup.core.errors import InputError
from joinedup.core.limits import Limits
from joinedup.core.numbers import series_format
from joinedup.core.outcomes import parse_series
from joinedup.core.spc_words import describe
from joinedup.tabular import read_table

_STYLES = {
    core.PointType.IMPROVEMENT: "bold blue",
    core.PointType.CONCERN: "bold dark_orange",
    core.PointType.NEITHER_HIGH: "bold magenta",
    core.PointType.NEITHER_LOW: "bold magenta",
}


@click.command()
@click.argument("series", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--improvement",
    type=click.Choice([choice.value for choice in core.Improvement]),
    default=core.Improvement.INCREASE.value,
    show_default=True,
    help="Which way is better.",
)
@click.option(
    "--target", type=NUMBER, help="Target, for the assurance icon (a number within ±1e15)."
)
@click.option(
    "--rebase",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    multiple=True,
    help="Start new limits at the first point on or after this date (repeatable).",
)
@click.option("--baseline", type=int, help="Fix the limits on the first N points (N >= 12).")
@click.option(
    "--profile",
    type=click.Choice([choice.value for choice in core.Profile]),
    default=core.Profile.MDC.value,
    show_default=True,
    help="mdc: Making Data Count tools; ptd: NHSRplotthedots.",
)
@click.option(
    "--screen/--no-screen",
    default=None,
    help="Screen out large moving ranges [default: off for mdc, on for ptd].",
)
@output_format
@no_limit
def spc(
    series: Path,
    improvement: str,
    target: float | None,
    rebase: tuple[dt.datetime, ...],
    baseline: int | None,
    profile: str,
    screen: bool | None,
    output_format: str,
    limits: Limits,
) -> None:
    """Judge a series from a CSV or XLSX file with columns period,value.

    A period is a date (YYYY-MM-DD); an empty value or NA is missing and
    skipped. Prints every point with its mean, limits, type and the rules that
    flagged it, then what the chart says.

    \b
    Example:
        joinedup spc delayed-discharges.csv --improvement decrease \\
            --target 40 --rebase 2024-04-01 --format json
    """
    periods, values = read_series(series, limits)
    result = core.analyse(
        periods,
        values,
        improvement=improvement,
        target=target,
        rebase=[moment.date() for moment in rebase],
        baseline=baseline,
        profile=profile,
        screen=screen,
    )
    if output_format == "json":
        echo_json(_shown(result))
    else:
        _print_text(result)


def read_series(path: Path, limits: Limits) -> tuple[list[dt.date], list[float | None]]:
    """Periods and values of a period,value file; every bad row is reported at once."""
    table = read_table(path, ["period", "value"], limits=limits)
    try:
        rows = parse_series(table.rows)
    except InputError as exc:
        raise exc.with_source(str(path)) from None
    return [row.period for row in rows], [row.value for row in rows]


def _shown(result: core.SpcResult) -> dict[str, Any]:
    """What the JSON shows of the result, numbers unrounded (docs/spc.md)."""
    shown = ("profile", "improvement", "target", "variation", "assurance", "warnings")
    return {
        **{name: getattr(result, name) for name in shown},
        "points": [
            {name: getattr(point, name) for name in _POINT_FIELDS} for point in result.points
        ],
    }


_POINT_FIELDS = ("period", "value", "mean", "lpl", "upl", "point_type", "rules")


def _print_text(result: core.SpcResult) -> None:
    table = Table(title=f"SPC ({result.profile.value}, improvement {result.improvement.value})")
    for heading in ("Period", "Value", "Mean", "LPL", "UPL"):
        table.add_column(heading, justify="right" if heading != "Period" else "left")
    table.add_column("Type")
    table.add_column("Rules")
    # One number of places for the whole series, as on the pages.
    style = series_format("", [point.value for point in result.points])
    for point in result.points:
        table.add_row(
            point.period.isoformat(),
            style.number(point.value),
            style.number(point.mean),
            style.number(point.lpl),
            style.number(point.upl),
            point.point_type.value.replace("_", " "),
            ", ".join(rule.value.replace("_", " ") for rule in point.rules),
            style=_STYLES.get(point.point_type),
        )
    console = Console(highlight=False)
    with console.capture() as captured:
        console.print(table)
        for line in describe(result, style):
            console.print(line)
        for warning in result.warnings:
            console.print(f"Warning: {warning}")
    click.echo(captured.get(), nl=False)
