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

from joinedup.pipelines import discharges as pipeline
from joinedup.pipelines import synth as generator

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
@click.option("--out", type=_FILE, required=True, help="A .parquet or .csv file.")
def discharges(rows: int, seed: int, bad_share: float, out: Path) -> None:
    """Write synthetic hospital spells, one row each, in the discharge record
    format (docs/data/discharges.md).

    Example: joinedup synth discharges --rows 1000000 --seed 1 --out spells.parquet
    """
    generator.synth_discharges(out, rows, seed, bad_share)
    click.echo(f"Wrote {rows:,} spells to {out}")


@click.command("discharge-indicators")
@click.argument("records", type=_FILE)
@click.option(
    "--footprints",
    type=_FILE,
    help="CSV of provider_code,patient_la_code,footprint rules (* for any code). "
    "Without it, each spell counts in its patient's council.",
)
@click.option("--out", type=_FILE, required=True, help="CSV of monthly indicators.")
@click.option("--rejects", type=_FILE, help="CSV of every bad row with its row number and reason.")
@click.option("--strict", is_flag=True, help="Fail (exit status 2) on any bad row.")
def discharge_indicators(
    records: Path, footprints: Path | None, out: Path, rejects: Path | None, strict: bool
) -> None:
    """Turn hospital spells (CSV or Parquet, one row each) into monthly
    delayed-discharge indicators per footprint.

    Bad rows are never dropped silently: they are counted by reason, and
    listed with --rejects. With --strict any bad row fails the run and
    nothing is written to --out.

    Example: joinedup discharge-indicators spells.parquet --out indicators.csv
    --rejects rejects.csv
    """
    rules = pipeline.read_footprints(footprints) if footprints is not None else None
    with _progress(Console(stderr=True)) as report:
        result = pipeline.discharge_indicators(
            records, rules, rejects=rejects, strict=strict, progress=report
        )
    pipeline.write_indicators(result.rows, out)
    _summarise(Console(), result, out, rejects)


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


def _summarise(
    console: Console, result: pipeline.DischargeResult, out: Path, rejects: Path | None
) -> None:
    counted = result.spells - result.rejected
    console.print(
        f"Read {result.spells:,} spells: {counted:,} counted, {result.rejected:,} rejected."
    )
    if result.rejected:
        table = Table("Reason", "Rows", "What is wrong", box=None)
        for reason, count in result.reasons.items():
            if count:
                table.add_row(reason, f"{count:,}", pipeline.REASONS[reason])
        console.print(table)
        console.print(
            f"Rejected rows are listed in {rejects}."
            if rejects is not None
            else "Use --rejects FILE to list the rejected rows."
        )
    console.print(f"Wrote {len(result.rows):,} rows (footprint by month) to {out}.")
