"""``joinedup score`` and ``joinedup relationships``: output, and errors that name the row."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from joinedup.cli import main

# The demo story in miniature: the NHS trust rates authority and accountability
# far higher than the council and the voluntary sector; a split on the pooled budget.
RESPONSES = "respondent,partner,statement,score,comment\n" + "".join(
    f"{partner[0]}{i},{partner},{statement},{score},\n"
    for partner, scores in [
        ("NHS trust", ("4", "4", "4", "3")),
        ("Council", ("2", "1", "1", "dk")),
        ("Voluntary sector", ("2", "2", "1", "")),
    ]
    for i in range(3)
    for statement, score in zip(
        [
            "authority.decision_rights",
            "accountability.owner",
            "commitment.pooled_resources",
            "trust.candour",
        ],
        scores,
        strict=True,
    )
)
RATINGS = """respondent,partner,about_partner,level
n1,NHS trust,Council,4
n2,NHS trust,Council,4
n3,NHS trust,Council,5
c1,Council,NHS trust,2
c2,Council,NHS trust,1
c3,Council,NHS trust,2
"""


def write(tmp_path: Path, text: str, name: str = "input.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [*map(str, args)])


def test_score_prints_the_documented_json(tmp_path: Path) -> None:
    result = run("score", write(tmp_path, RESPONSES), "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert list(data) == ["respondents", "min_group", "principles", "statements", "agenda", "flags"]
    assert data["respondents"] == 9
    authority = next(p for p in data["principles"] if p["id"] == "authority")
    assert authority["by_partner"]["NHS trust"] == {"n": 3, "mean": 4.0}
    assert authority["other_partners"] is None
    top = data["agenda"][0]
    assert top["statement"] == "commitment.pooled_resources"
    assert top["high_partners"] == ["NHS trust"]
    assert {flag["kind"] for flag in data["flags"]} == {"dominant_partner"}


def test_score_text_has_the_same_content_for_people(tmp_path: Path) -> None:
    result = run("score", write(tmp_path, RESPONSES))
    assert result.exit_code == 0, result.output
    assert "9 respondents" in result.stdout
    assert "Hard-issues agenda (most pressing first)" in result.stdout
    assert "rated higher by NHS trust; lower by Council, Voluntary sector" in result.stdout
    assert "dominant_partner: NHS trust rates" in result.stdout


def test_score_hides_partners_below_the_minimum_group(tmp_path: Path) -> None:
    result = run("score", write(tmp_path, RESPONSES), "--min-group", "4", "--format", "json")
    assert result.exit_code == 0, result.output
    assert "NHS trust" not in result.stdout
    assert json.loads(result.stdout)["flags"][0]["kind"] == "low_response"


def test_score_reads_a_custom_framework(tmp_path: Path) -> None:
    framework = write(
        tmp_path,
        'name = "Mine"\nversion = "1"\n[[principles]]\nid = "p"\nname = "P"\n'
        '[[principles.statements]]\nid = "p.one"\ntext = "One."\n',
        "mine.toml",
    )
    responses = write(tmp_path, "respondent,partner,statement,score\na,X,p.one,3\n")
    result = run("score", responses, "--framework", framework, "--format", "json")
    assert result.exit_code == 0, result.output
    assert [p["id"] for p in json.loads(result.stdout)["principles"]] == ["p"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("respondent,partner,score\n", "row 1 (header): missing column(s) statement"),
        (
            "respondent,partner,statement,score\na,X,trust.nope,3\n",
            "row 2, field 'statement': unknown statement 'trust.nope'",
        ),
        (
            "respondent,partner,statement,score\na,X,trust.candour,5\n",
            "row 2, field 'score': '5' is not on the scale",
        ),
        (
            "respondent,partner,statement,score\na,X,trust.candour,3\na,X,trust.candour,2\n",
            "row 3, field 'statement': respondent 'a' already answered 'trust.candour' on row 2",
        ),
        (
            "respondent,partner,statement,score\na,X,trust.candour,3\na,Y,trust.keep_word,2\n",
            "row 3, field 'partner': respondent 'a' is under partner 'X' on row 2",
        ),
    ],
)
def test_score_rejects_bad_input_naming_the_row(tmp_path: Path, text: str, expected: str) -> None:
    path = write(tmp_path, text)
    result = run("score", path, "--format", "json")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(f"Error: {path}: {expected}")
    assert "Traceback" not in result.stderr


def test_score_rejects_a_bad_framework_naming_the_file(tmp_path: Path) -> None:
    framework = write(tmp_path, 'name = "x"\n', "bad.toml")
    result = run("score", write(tmp_path, RESPONSES), "--framework", framework)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert f"{framework}: 'version' is missing" in result.stderr


def test_score_names_a_missing_framework(tmp_path: Path) -> None:
    result = run("score", write(tmp_path, RESPONSES), "--framework", "nonesuch")
    assert result.exit_code == 2
    assert "nonesuch: framework not found" in result.stderr


def test_relationships_prints_the_map(tmp_path: Path) -> None:
    result = run("relationships", write(tmp_path, RATINGS), "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["levels"]["NHS trust"]["Council"] == {"n": 3, "median": 4.0}
    assert data["asymmetric_pairs"] == [
        {
            "first": "NHS trust",
            "second": "Council",
            "first_about_second": 4.0,
            "second_about_first": 2.0,
        }
    ]
    assert data["median"] == 3.0
    text = run("relationships", write(tmp_path, RATINGS)).stdout
    assert "NHS trust says 4 of Council; Council says 2 of NHS trust" in text


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("c3,Council,NHS trust,7", "row 7, field 'level': '7' is not a level"),
        ("c4,Council,Council,3", "row 8, field 'about_partner': a partner does not rate itself"),
    ],
)
def test_relationships_rejects_bad_input_naming_the_row(
    tmp_path: Path, line: str, expected: str
) -> None:
    text = (
        RATINGS.replace("c3,Council,NHS trust,2\n", line + "\n")
        if line.startswith("c3")
        else (RATINGS + line + "\n")
    )
    path = write(tmp_path, text)
    result = run("relationships", path)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(f"Error: {path}: {expected}")
