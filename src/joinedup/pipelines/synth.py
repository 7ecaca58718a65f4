"""Synthetic hospital spells, realistic enough to demonstrate and benchmark the
discharge pipeline on data nobody has to share.

The shapes follow NHS England's published Discharge Ready Date statistics
(see docs/data/discharges.md): about 13.5% of discharges delayed by a day or
more, a mean delay of about 5 days among those, more admissions and more delay
in winter, pathway shares near 50/45/4/1 per cent and delayed bed days owned
about 60% by the NHS, 30% by social care and 10% by both.

Rows are made in fixed-size chunks, each from its own seed, so the output
depends only on ``rows`` and ``seed`` and memory stays flat however many rows
are asked for.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from joinedup.core.errors import InputError
from joinedup.pipelines.atomic import replacing
from joinedup.pipelines.records import COLUMNS

CHUNK_ROWS = 1_000_000
FIRST_ADMISSION = dt.date(2021, 4, 1)
DAYS = 4 * 365 + 1  # four years of admissions, one of them a leap year

PROVIDERS = 30
COUNCILS = 40
# A trust's patients: its home council, two neighbours, or anywhere else.
CATCHMENT_SHARES = (0.75, 0.12, 0.08, 0.05)

PATHWAY_SHARES = (0.50, 0.45, 0.04, 0.01)
PATHWAY_MISSING = 0.01
# Chance of a delay of a day or more, by pathway: about 13.5% overall, as in
# England 2024-25. Care home and bed-based pathways wait far more often...
DELAY_CHANCE = np.array([0.06, 0.18, 0.45, 0.55])
# ... and for longer: log-normal delays (heavy-tailed) whose mean, with the
# pathway mix above, comes to about 5 days among delayed discharges.
DELAY_LOG_MEAN = np.array([0.7, 0.9, 1.4, 1.6])
DELAY_LOG_SD = 1.0
LONGEST_DELAY = 365
READY_MISSING = 0.02  # discharges with no ready date recorded
DISCHARGED_EARLY = 0.005  # discharged before the recorded ready date

# Among delayed discharges: responsible nhs, social_care, both, or not recorded.
RESPONSIBLE = ("nhs", "social_care", "both")
RESPONSIBLE_SHARES = (0.59, 0.29, 0.10, 0.02)
REASONS = {
    "nhs": ("medicines", "transport", "diagnostics", "nhs_assessment", "community_bed"),
    "social_care": ("care_package", "care_home", "sc_assessment", "funding"),
    "both": ("joint_assessment", "housing", "equipment"),
}

BAD_KINDS = (
    "date",
    "discharge_before_admission",
    "ready_before_admission",
    "pathway",
    "responsible",
    "duplicate_spell_id",
    "provider_code",
    "la_code",
)
BAD_PROVIDER = "R-1"
BAD_COUNCIL = "E1000003"
BAD_RESPONSIBLE = "council"
BAD_PATHWAY = 7
BAD_DATE_TEXT = ("31/01/2024", "2024-02-30")


def synth_discharges(path: str | Path, rows: int, seed: int, bad_share: float = 0.0) -> None:
    """Write ``rows`` synthetic spells to ``path`` (``.parquet`` or ``.csv``).

    ``bad_share`` (0 to 1) of the rows are spoilt, one fault each, of the kinds
    the pipeline rejects. A Parquet file keeps dates as dates, so there its
    "bad date" is a missing discharge date rather than unreadable text.
    """
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix not in (".parquet", ".csv"):
        raise InputError("expected a file name ending .parquet or .csv", source=str(target))
    if rows < 1:
        raise InputError("the number of rows must be at least 1")
    if not 0 <= bad_share <= 1:
        raise InputError("the share of bad rows must be between 0 and 1")

    catalogue = _Catalogue.make(np.random.default_rng([seed, 0]))
    chunk_seeds = np.random.SeedSequence([seed, 1]).spawn(-(-rows // CHUNK_ROWS))
    as_text = suffix == ".csv"
    with replacing(target) as temporary:
        writer: pq.ParquetWriter | pacsv.CSVWriter | None = None
        try:
            for index, chunk_seed in enumerate(chunk_seeds):
                first = index * CHUNK_ROWS
                table = _chunk(
                    np.random.default_rng(chunk_seed),
                    catalogue,
                    first,
                    min(CHUNK_ROWS, rows - first),
                    bad_share,
                    as_text,
                )
                if writer is None:
                    writer = (
                        pacsv.CSVWriter(temporary, table.schema)
                        if as_text
                        else pq.ParquetWriter(temporary, table.schema)
                    )
                writer.write_table(table)
        finally:
            if writer is not None:
                writer.close()


@dataclass(frozen=True)
class _Catalogue:
    """The made-up NHS trusts and councils, and who goes where."""

    providers: pa.Array  # ODS-shaped trust codes, then one malformed code
    councils: pa.Array  # GSS-shaped council codes, then one malformed code
    provider_weights: np.ndarray
    provider_delay: np.ndarray  # how much more (or less) often a trust delays
    catchments: np.ndarray  # per trust: home council and two neighbours
    admission_weights: np.ndarray  # per day: winter peaks, quiet weekends

    @classmethod
    def make(cls, rng: np.random.Generator) -> _Catalogue:
        letters = list("ABCDEFGHJKLMNPQRTVWXY0123456789")
        providers: set[str] = set()
        while len(providers) < PROVIDERS:
            providers.add("R" + "".join(rng.choice(letters, 2)))
        # Upper-tier councils: unitary (E06), metropolitan (E08), London (E09),
        # county (E10).
        pool = [f"E06{n:06d}" for n in range(1, 61)] + [f"E08{n:06d}" for n in range(1, 38)]
        pool += [f"E09{n:06d}" for n in range(1, 34)] + [f"E10{n:06d}" for n in range(2, 35)]
        councils = rng.choice(pool, COUNCILS, replace=False)
        home = rng.permutation(COUNCILS)[:PROVIDERS]
        neighbours = rng.integers(0, COUNCILS, (PROVIDERS, 2))
        sizes = rng.lognormal(0.0, 0.5, PROVIDERS)

        days = np.arange(DAYS)
        weekend = (days + FIRST_ADMISSION.weekday()) % 7 >= 5
        admissions = (1 + 0.12 * _winter(days)) * np.where(weekend, 0.75, 1.0)
        return cls(
            providers=pa.array([*sorted(providers), BAD_PROVIDER]),
            councils=pa.array([*councils, BAD_COUNCIL]),
            provider_weights=sizes / sizes.sum(),
            provider_delay=rng.lognormal(0.0, 0.25, PROVIDERS),
            catchments=np.column_stack([home, neighbours]),
            admission_weights=admissions / admissions.sum(),
        )


def _winter(days: np.ndarray) -> np.ndarray:
    """1 in mid-January, -1 in mid-July, for days counted from the first admission."""
    day_of_year = days + FIRST_ADMISSION.timetuple().tm_yday - 1
    return np.cos(2 * np.pi * (day_of_year - 15) / 365.25)


def _chunk(
    rng: np.random.Generator,
    catalogue: _Catalogue,
    first: int,
    n: int,
    bad_share: float,
    as_text: bool,
) -> pa.Table:
    provider = rng.choice(PROVIDERS, n, p=catalogue.provider_weights)
    slot = rng.choice(len(CATCHMENT_SHARES), n, p=CATCHMENT_SHARES)
    council = np.where(
        slot < 3,
        catalogue.catchments[provider, np.minimum(slot, 2)],
        rng.integers(0, COUNCILS, n),
    )

    # Days are counted from FIRST_ADMISSION until the arrays become dates.
    admitted = rng.choice(DAYS, n, p=catalogue.admission_weights)
    ready = admitted + np.floor(rng.lognormal(1.0, 1.0, n)).astype(np.int64)
    pathway = rng.choice(4, n, p=PATHWAY_SHARES)
    chance = DELAY_CHANCE[pathway] * catalogue.provider_delay[provider] * (1 + 0.1 * _winter(ready))
    delayed = rng.random(n) < chance
    delay = 1 + np.floor(rng.lognormal(DELAY_LOG_MEAN[pathway], DELAY_LOG_SD)).astype(np.int64)
    discharged = ready + np.where(delayed, np.minimum(delay, LONGEST_DELAY), 0)
    early = ~delayed & (rng.random(n) < DISCHARGED_EARLY)
    discharged[early] = np.maximum(admitted, ready - rng.integers(1, 4, n))[early]
    ready_missing = rng.random(n) < READY_MISSING
    pathway_missing = rng.random(n) < PATHWAY_MISSING

    # Who is responsible for a delay: an index into RESPONSIBLE, then "not
    # recorded" (also every discharge without delay), then a malformed value.
    unrecorded, malformed = len(RESPONSIBLE), len(RESPONSIBLE) + 1
    responsible = np.where(
        delayed, rng.choice(len(RESPONSIBLE_SHARES), n, p=RESPONSIBLE_SHARES), unrecorded
    )
    reason_sizes = np.array([len(REASONS[who]) for who in RESPONSIBLE])
    reason_first = np.cumsum(reason_sizes) - reason_sizes
    owner = np.minimum(responsible, unrecorded - 1)
    reason = reason_first[owner] + (rng.random(n) * reason_sizes[owner]).astype(np.int64)
    spell = np.arange(first, first + n)

    # Spoil some rows, one fault each.
    kind = np.where(rng.random(n) < bad_share, rng.integers(0, len(BAD_KINDS), n), -1)
    bad = {name: kind == number for number, name in enumerate(BAD_KINDS)}
    bad["duplicate_spell_id"][0] = False  # the first row has no previous row to copy
    spell[bad["duplicate_spell_id"]] = spell[np.flatnonzero(bad["duplicate_spell_id"]) - 1]
    discharged[bad["discharge_before_admission"]] = admitted[bad["discharge_before_admission"]] - 1
    ready[bad["ready_before_admission"]] = admitted[bad["ready_before_admission"]] - 1
    ready_missing &= ~bad["ready_before_admission"]
    pathway[bad["pathway"]] = BAD_PATHWAY
    pathway_missing &= ~bad["pathway"]
    responsible[bad["responsible"]] = malformed
    provider[bad["provider_code"]] = PROVIDERS
    council[bad["la_code"]] = COUNCILS

    reason_names = pa.array([name for who in RESPONSIBLE for name in REASONS[who]])
    responsible_names = pa.array([*RESPONSIBLE, None, BAD_RESPONSIBLE])
    spell_text = pc.utf8_lpad(pa.array(spell).cast(pa.string()), 10, "0")
    dates = {
        "admission_date": _dates(admitted),
        "discharge_ready_date": _dates(ready, ready_missing),
        # Parquet dates are typed, so the nearest to a bad one is none at all.
        "discharge_date": _dates(discharged, None if as_text else bad["date"]),
    }
    if as_text:
        column = rng.integers(0, len(dates), n)
        for number, name in enumerate(dates):
            spoil = pa.array(bad["date"] & (column == number))
            text = pa.array(np.array(BAD_DATE_TEXT)[np.arange(n) % len(BAD_DATE_TEXT)])
            dates[name] = pc.if_else(spoil, text, dates[name].cast(pa.string()))
    columns = {
        "spell_id": pc.binary_join_element_wise("S", spell_text, ""),
        "provider_code": catalogue.providers.take(provider),
        "patient_la_code": catalogue.councils.take(council),
        **dates,
        "pathway": pa.array(pathway, pa.int8(), mask=pathway_missing),
        "delay_reason": reason_names.take(pa.array(reason, mask=responsible >= unrecorded)),
        "responsible": responsible_names.take(responsible),
    }
    return pa.table([columns[name] for name in COLUMNS], names=list(COLUMNS))


def _dates(days: np.ndarray, missing: np.ndarray | None = None) -> pa.Array:
    epoch = (FIRST_ADMISSION - dt.date(1970, 1, 1)).days
    return pa.array((days + epoch).astype(np.int32), pa.date32(), mask=missing)
