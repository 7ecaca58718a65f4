"""Commands for delayed discharges: synthetic spells, and spells to indicators."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from joinedup.cli.options import OUT_FILE, no_limit
from joinedup.cli.web import find_partnership
from joinedup.core.limits import Limits
from joinedup.core.numbers import format_number, plural
from joinedup.pipelines import discharges as pipeline
from joinedup.pipelines import synth as generator
from joinedup.pipelines.discharge_sql import REASONS
from joinedup.pipelines.footprints import read_footprints

# Only a run longer than this shows a progress bar: a short one would flicker.
PROGRESS_AFTER_SECONDS = 1.0

_FILE = click.Path(dir_okay=False, path_type=Path)


@click.group()
def synth() -> None:
    """Make synthetic data for demonstrations, tests and benchmarks."""


@synth.command("discharges")
@click.option("--rows", type=click.IntRange(min=1), default=100_000, show_default=True)
@click.option("--seed", type=int, default=0, show_default=True, help="Same seed, same data.")
@click.option(
    "--bad-share",
    type=click.FloatRange(0, 1),
    default=0.0,
    show_default=True,
    help="Share of rows to spoil with one fault each, to test rejects.",
)
@click.option("--out", type=OUT_FILE, required=True, help="A .parquet or .csv file.")
def discharges(rows: int, seed: int, bad_share: float, out: Path) -> None:
    """Write synthetic hospital spells, one row each, in the discharge record
    format (docs/data/discharges.md).

    Example: joinedup synth discharges --rows 1000000 --seed 1 --out spells.parquet
    """
    generator.synth_discharges(out, rows, seed, bad_share)
    click.echo(f"Wrote {plural(rows, 'spell')} to {out}")


@click.command("discharge-indicators")
@click.argument("records", type=_FILE)
@click.option(
    "--footprints",
    type=_FILE,
    help="CSV of provider_code,patient_la_code,footprint rules (* for any code). "
    "Without it, each spell counts in its patient's council.",
)
@click.option("--out", type=OUT_FILE, help="CSV of monthly indicators.")
@click.option(
    "--rejects", type=OUT_FILE, help="CSV of every bad row with its row number and reason."
)
@click.option("--strict", is_flag=True, help="Fail (exit status 2) on any bad row.")
@click.option(
    "--into",
    "slug",
    metavar="SLUG",
    help="Also load one footprint's months into this partnership's standard indicators "
    "(delayed bed days, percentage discharged with no delay), made when missing.",
)
@click.option(
    "--footprint",
    help="With --into: the footprint to load (default: the partnership's slug, as named "
    "in the footprint file; without one, a council's GSS code).",
)
@no_limit
def discharge_indicators(
    records: Path,
    footprints: Path | None,
    out: Path | None,
    rejects: Path | None,
    strict: bool,
    slug: str | None,
    footprint: str | None,
    limits: Limits,
) -> None:
    """Turn hospital spells (CSV or Parquet, one row each) into monthly
    delayed-discharge indicators per footprint.

    Bad rows are never dropped silently: they are counted by reason, and
    listed with --rejects. With --strict any bad row fails the run and
    nothing is written to --out.

    With --into SLUG, the footprint's months also become the values of the
    partnership's standard indicators, all or nothing, each change kept in
    the indicator's history; --out is then optional.

    \b
    Examples:
        joinedup discharge-indicators spells.parquet --out indicators.csv --rejects rejects.csv
        joinedup discharge-indicators spells.parquet --footprints footprints.csv --into riverside
    """
    if out is None and slug is None:
        raise click.UsageError("say where the indicators go: --out FILE, --into SLUG, or both")
    if footprint is not None and slug is None:
        raise click.UsageError("--footprint only makes sense with --into")
    # Checked before the long run starts.
    partnership = find_partnership(slug) if slug is not None else None
    rules = read_footprints(footprints, limits) if footprints is not None else None
    with _progress(Console(stderr=True)) as report:
        result = pipeline.discharge_indicators(
            records, rules, rejects=rejects, strict=strict, progress=report
        )
    console = Console()
    _summarise(console, result, rejects)
    if partnership is not None:
        from joinedup.web.outcomes.discharges import load_discharges

        name = footprint or partnership.slug
        for indicator, plan in load_discharges(partnership, result.rows, name).items():
            console.print(
                f"{partnership.name}, {indicator}: {plural(len(plan.added), 'new month')}, "
                f"{len(plan.replaced)} replaced, {len(plan.unchanged)} unchanged."
            )
    if out is not None:
        pipeline.write_indicators(result.rows, out)


@contextmanager
def _progress(console: Console) -> Iterator[Callable[[float], None]]:
    """A progress bar on a terminal, shown once a run has taken a while."""
    bar = Progress(
        TextColumn("Reading spells"),
        BarColumn(),
        TextColumn("{task.percentage:>3.0f}%"),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    )
    task = bar.add_task("", total=1.0)
    started = time.monotonic()

    def report(share: float) -> None:
        if console.is_terminal and time.monotonic() - started > PROGRESS_AFTER_SECONDS:
            bar.start()  # does nothing once started
            bar.update(task, completed=share)

    try:
        yield report
    finally:
        bar.stop()


def _summarise(console: Console, result: pipeline.DischargeResult, rejects: Path | None) -> None:
    counted = result.spells - result.rejected
    console.print(
        f"Read {plural(result.spells, 'spell')}: {format_number(counted)} counted, "
        f"{format_number(result.rejected)} rejected."
    )
    if result.rejected:
        table = Table("Reason", "Rows", "What is wrong", box=None)
        for reason, count in result.reasons.items():
            if count:
                table.add_row(reason, format_number(count), REASONS[reason])
        console.print(table)
        console.print(
            f"Rejected rows are listed in {rejects}."
            if rejects is not None
            else "Use --rejects FILE to list the rejected rows."
        )
