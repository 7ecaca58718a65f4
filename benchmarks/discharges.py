"""Benchmark: 10 million spells to monthly delayed-discharge indicators.

Times (a) our pipeline, (b) the obvious pandas implementation of the same
definitions and (c) the floor, a single DuckDB scan of the same columns
computing one aggregate. Each runs in its own process, so that its peak
memory is its own (the process's VmHWM, read from /proc at its end: unlike
getrusage, it does not carry over the parent's peak across exec); the time is
measured inside the process, around the work only (not Python's start-up or
imports). Prints the figures for docs/performance.md.

    .venv/bin/python benchmarks/discharges.py [--rows N] [--data FILE.parquet]

``--data`` keeps the generated file between runs (it is made if missing);
without it the data goes to a temporary folder.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from joinedup.pipelines.discharge_sql import RESPONSIBLE
from joinedup.pipelines.records import COLUMNS

RUNS = 3  # the machine is shared: the best of a few runs is the least disturbed


def pipeline(path: Path) -> dict[str, int]:
    from joinedup.pipelines.discharges import discharge_indicators

    result = discharge_indicators(path)
    return {
        "rows": len(result.rows),
        "discharges": sum(row.discharges for row in result.rows),
        "delayed_bed_days": sum(row.delayed_bed_days for row in result.rows),
        "rejected": result.rejected,
    }


def pandas(path: Path) -> dict[str, int]:
    """The same definitions, written the way a pandas user would."""
    import pandas as pd

    df = pd.read_parquet(path)
    admitted = pd.to_datetime(df["admission_date"], errors="coerce")
    ready = pd.to_datetime(df["discharge_ready_date"], errors="coerce")
    discharged = pd.to_datetime(df["discharge_date"], errors="coerce")
    spell_id = df["spell_id"].replace("", None)
    bad = (
        spell_id.isna()
        | ~df["provider_code"].fillna("").str.fullmatch(r"[A-Z0-9]{3,6}")
        | ~df["patient_la_code"].fillna("").str.fullmatch(r"[ENSW][0-9]{8}")
        | admitted.isna()
        | (ready.isna() & df["discharge_ready_date"].notna())
        | discharged.isna()
        | (discharged < admitted)
        | (ready < admitted)
        | ~(df["pathway"].isna() | df["pathway"].isin([0, 1, 2, 3]))
        | ~(df["responsible"].isna() | df["responsible"].isin(RESPONSIBLE))
        | (spell_id.notna() & spell_id.duplicated(keep=False))
    )
    good = df[~bad].copy()
    delay = (discharged[~bad] - ready[~bad]).dt.days.clip(lower=0).fillna(0).astype("int64")
    good["delay"] = delay
    good["delayed"] = delay >= 1
    good["month"] = discharged[~bad].dt.to_period("M").dt.to_timestamp()
    good["owner"] = good["responsible"].fillna("unknown")
    by = ["patient_la_code", "month"]
    totals = good.groupby(by).agg(
        discharges=("delay", "size"),
        delayed_discharges=("delayed", "sum"),
        delayed_bed_days=("delay", "sum"),
    )
    split = good.pivot_table(
        index=by, columns="owner", values="delay", aggfunc="sum", fill_value=0
    ).add_prefix("delayed_bed_days_")
    out = totals.join(split).fillna(0).reset_index()
    out["pct_no_delay"] = 100 * (out.discharges - out.delayed_discharges) / out.discharges
    out["mean_delay_days"] = out.delayed_bed_days / out.discharges
    rejects = df[bad]
    return {
        "rows": len(out),
        "discharges": int(out.discharges.sum()),
        "delayed_bed_days": int(out.delayed_bed_days.sum()),
        "rejected": len(rejects),
    }


def floor(path: Path) -> dict[str, int]:
    import duckdb

    found = duckdb.execute(
        f"SELECT max(hash({', '.join(COLUMNS)})) FROM read_parquet('{path}')"
    ).fetchone()
    assert found is not None
    return {"hash": int(found[0])}


KINDS = {"pipeline": pipeline, "pandas": pandas, "floor": floor}


def measure(kind: str, path: Path) -> dict[str, float | dict[str, int]]:
    """Run one kind in a child process: its seconds, peak RSS and answer."""
    child = subprocess.run(
        [sys.executable, __file__, "--child", kind, "--data", str(path)],
        stdout=subprocess.PIPE,
        text=True,
    )
    if child.returncode:
        raise SystemExit(f"{kind} failed with status {child.returncode}")
    figures: dict[str, float | dict[str, int]] = json.loads(child.stdout)
    return figures


def peak_kilobytes() -> int:
    """This process's peak resident memory so far."""
    status = Path("/proc/self/status").read_text().splitlines()
    return next(int(line.split()[1]) for line in status if line.startswith("VmHWM"))


def machine() -> str:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    kilobytes = next(
        int(line.split()[1])
        for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal")
    )
    return (
        f"{dt.date.today().isoformat()}, {os.cpu_count()} cores ({cpu}), "
        f"{kilobytes / 1024**2:.0f} GB RAM, Python {platform.python_version()}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--data", type=Path, help="Parquet file to use or make")
    parser.add_argument("--child", choices=KINDS, help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.child:
        started = time.perf_counter()
        answer = KINDS[args.child](args.data)
        seconds = time.perf_counter() - started
        print(
            json.dumps({"seconds": seconds, "peak_mb": peak_kilobytes() / 1024, "answer": answer})
        )
        return

    with tempfile.TemporaryDirectory() as scratch:
        path = args.data or Path(scratch) / "spells.parquet"
        if not path.exists():
            from joinedup.pipelines.synth import synth_discharges

            started = time.perf_counter()
            synth_discharges(path, args.rows, args.seed)
            print(f"Generated {args.rows:,} spells in {time.perf_counter() - started:.1f} s")
        print(f"Machine: {machine()}")
        best = {}
        for kind in ("pipeline", "floor", "pandas"):
            runs = [measure(kind, path) for _ in range(1 if kind == "pandas" else RUNS)]
            best[kind] = min(runs, key=lambda figures: figures["seconds"])
            seconds = ", ".join(f"{run['seconds']:.2f}" for run in runs)
            print(
                f"{kind:>8}: {best[kind]['seconds']:6.2f} s (runs: {seconds}), "
                f"peak {max(run['peak_mb'] for run in runs):,.0f} MB"
            )
        if best["pipeline"]["answer"] != best["pandas"]["answer"]:
            raise SystemExit(
                f"pipeline and pandas disagree: {best['pipeline']['answer']} "
                f"!= {best['pandas']['answer']}"
            )
        print(f"pandas / pipeline: {best['pandas']['seconds'] / best['pipeline']['seconds']:.1f}x")
        print(f"pipeline / floor:  {best['pipeline']['seconds'] / best['floor']['seconds']:.1f}x")


if __name__ == "__main__":
    main()
