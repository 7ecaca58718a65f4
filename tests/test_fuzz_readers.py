"""Every reader, fed random bytes and damaged copies of good files, gives a
clean result or an InputError naming the file: never another exception.

Each test runs for a few seconds (``max_examples``); the damage is a few
bytes changed, cut out or put in, so most files stay nearly valid and reach
deep into the readers.
"""

from __future__ import annotations

import io
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from joinedup.core.errors import InputError
from joinedup.core.framework import builtin_text, parse_framework
from joinedup.pipelines.discharges import discharge_indicators
from joinedup.pipelines.synth import synth_discharges
from joinedup.tabular import read_table
from tests.test_tabular_hostile import GOOD as GOOD_XLSX

FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
Edit = tuple[str, int, bytes]


def damaged(data: bytes) -> st.SearchStrategy[bytes]:
    """``data`` with one to five bytes changed, cut out or put in."""
    edit = st.tuples(
        st.sampled_from(["change", "cut", "insert"]),
        st.integers(0, max(len(data) - 1, 0)),
        st.binary(min_size=1, max_size=4),
    )
    return st.lists(edit, min_size=1, max_size=5).map(lambda edits: _apply(data, edits))


def _apply(data: bytes, edits: list[Edit]) -> bytes:
    out = bytearray(data)
    for kind, at, new in edits:
        at = min(at, len(out))
        if kind == "change":
            out[at : at + len(new)] = new
        elif kind == "cut":
            del out[at : at + len(new) * 16]
        else:
            out[at:at] = new
    return bytes(out)


def clean(read: Callable[[Path], object], data: bytes, name: str) -> None:
    """Reading ``data`` as a file called ``name`` succeeds or fails cleanly."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        try:
            read(path)
        except InputError as error:
            assert str(error).startswith(str(path)), error
            assert "Traceback" not in str(error)


SERIES_CSV = b'period,value,note\n2024-01-01,5,first\n2024-02-01,6.5,\n2024-03-01,"7","a\nb"\n'


def read_series(path: Path) -> object:
    return read_table(path, ["period", "value"], ["note"])


@FUZZ
@given(st.binary(max_size=500) | damaged(SERIES_CSV))
def test_csv(data: bytes) -> None:
    clean(read_series, data, "series.csv")


def _rezipped_parts(edits: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(GOOD_XLSX)) as old, zipfile.ZipFile(out, "w") as new:
        for part in old.namelist():
            new.writestr(part, edits.get(part, old.read(part)))
    return out.getvalue()


def _parts() -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(GOOD_XLSX)) as archive:
        return {part: archive.read(part) for part in archive.namelist()}


PARTS = _parts()
# A workbook with one of its XML parts damaged, zipped again (damaging the
# zip itself only ever reaches its checksum).
damaged_workbooks = st.sampled_from(sorted(PARTS)).flatmap(
    lambda part: damaged(PARTS[part]).map(lambda data: _rezipped_parts({part: data}))
)


@FUZZ
@given(st.binary(max_size=500) | damaged(GOOD_XLSX) | damaged_workbooks)
def test_xlsx(data: bytes) -> None:
    clean(read_series, data, "series.xlsx")


FRAMEWORK = builtin_text().encode()


def read_framework(path: Path) -> object:
    text = path.read_bytes().decode("utf-8", errors="replace")
    return parse_framework(text, source=str(path))


@FUZZ
@given(
    st.binary(max_size=500)
    | damaged(FRAMEWORK)
    | st.integers(1, 3000).map(lambda depth: b"x = " + b"[" * depth + b"]" * depth)
    | st.integers(1, 3000).map(lambda depth: b"x = " + b"{a=" * depth + b"1" + b"}" * depth)
)
def test_toml(data: bytes) -> None:
    clean(read_framework, data, "framework.toml")


def _spells(name: str) -> bytes:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        synth_discharges(path, 40, seed=1, bad_share=0.1)
        return path.read_bytes()


SPELLS_PARQUET = _spells("spells.parquet")
SPELLS_CSV = _spells("spells.csv")


@settings(FUZZ, max_examples=40)
@given(st.binary(max_size=300) | damaged(SPELLS_PARQUET))
def test_parquet(data: bytes) -> None:
    clean(discharge_indicators, b"PAR1" + data if data[:4] != b"PAR1" else data, "spells.parquet")


@settings(FUZZ, max_examples=40)
@given(
    st.binary(max_size=300)
    | damaged(SPELLS_CSV)
    | st.just(SPELLS_CSV.replace(b"\n", b"\r"))
    | st.just(SPELLS_CSV.replace(b"\n", b"\r\n"))
)
def test_discharge_csv(data: bytes) -> None:
    clean(discharge_indicators, data, "spells.csv")
