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
    assert list(data) == [
        "respondents",
        "min_group",
        "partners",
        "principles",
        "statements",
        "agenda",
        "also_raised",
        "flags",
    ]
    assert data["respondents"] == 9
    authority = next(p for p in data["principles"] if p["id"] == "authority")
    assert authority["by_partner"]["NHS trust"] == {"n": 3, "mean": 4.0}
    assert authority["other_partners"] is None
    top = data["agenda"][0]
    assert top["statement"] == "commitment.pooled_resources"
    assert top["high_partners"] == ["NHS trust"]
    assert top["figures"]["partner_gap"] == "NHS trust 4 vs Council 1"
    assert top["figures"]["low"] == "6 of 9 disagree"
    assert {flag["kind"] for flag in data["flags"]} == {"dominant_partner"}


def test_score_text_has_the_same_content_for_people(tmp_path: Path) -> None:
    result = run("score", write(tmp_path, RESPONSES))
    assert result.exit_code == 0, result.output
    assert "9 respondents" in result.stdout
    assert "Hard-issues agenda (most pressing first)" in result.stdout
    assert "agreed more by NHS trust; less by Council, Voluntary sector" in result.stdout
    assert "partner_gap: NHS trust 4 vs Council 1" in result.stdout
    assert "dominant_partner: NHS trust rates" in result.stdout


def test_score_hides_partners_below_the_minimum_group(tmp_path: Path) -> None:
    result = run("score", write(tmp_path, RESPONSES), "--min-group", "4", "--format", "json")
    assert result.exit_code == 0, result.output
    assert "NHS trust" not in result.stdout
    assert json.loads(result.stdout)["flags"][0]["kind"] == "low_response"


def test_the_agenda_holds_at_most_agenda_size_items_and_the_rest_are_also_raised(
    tmp_path: Path,
) -> None:
    path = write(tmp_path, RESPONSES)
    full = json.loads(run("score", path, "--format", "json").stdout)
    ranked = [entry["statement"] for entry in full["agenda"]] + full["also_raised"]
    assert len(ranked) == 4 and full["also_raised"] == []
    short = json.loads(run("score", path, "--agenda-size", "2", "--format", "json").stdout)
    assert [entry["statement"] for entry in short["agenda"]] == ranked[:2]
    assert short["also_raised"] == ranked[2:]
    text = run("score", path, "--agenda-size", "2").stdout
    assert "Also raised (in rank order)" in text
    assert run("score", path, "--agenda-size", "0").exit_code == 2


# A negatively worded statement, scored in reverse, that everyone agrees with.
NEGATIVE = """
name = "With a negative statement"
version = "1"
[[principles]]
id = "conflict"
name = "Conflict raised and settled"
  [[principles.statements]]
  id = "conflict.raised"
  text = "Disagreements are raised at the partnership itself."
  [[principles.statements]]
  id = "conflict.avoided"
  text = "Some important questions never reach the agenda."
  reverse = true
"""


def test_a_reverse_scored_statement_is_reported_as_answered_and_put_on_the_agenda_as_low(
    tmp_path: Path,
) -> None:
    framework = write(tmp_path, NEGATIVE, "negative.toml")
    rows = "respondent,partner,statement,score\n" + "".join(
        f"{p}{i},{p},conflict.avoided,{score}\n{p}{i},{p},conflict.raised,3\n"
        for p, scores in (("Trust", "434"), ("Council", "343"))
        for i, score in enumerate(scores)
    )
    result = run("score", write(tmp_path, rows), "--framework", framework, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    avoided = next(s for s in data["statements"] if s["id"] == "conflict.avoided")
    assert avoided["reverse"] is True
    assert avoided["distribution"] == [0, 0, 3, 3]  # as answered: everyone agrees
    assert avoided["mean"] == 3.5 and avoided["median"] == 3.5
    assert avoided["by_partner"] == {
        "Council": {"n": 3, "mean": 3.33},
        "Trust": {"n": 3, "mean": 3.67},
    }
    raised = next(s for s in data["statements"] if s["id"] == "conflict.raised")
    assert raised["reverse"] is False
    [entry] = data["agenda"]
    assert entry["statement"] == "conflict.avoided"
    assert entry["reasons"] == ["low"]
    assert entry["figures"] == {"low": "6 of 6 agree"}
    conflict = data["principles"][0]  # the favourable direction: (3 + 2 answers of 1.5) / 2
    assert conflict["mean"] == 2.25
    text = run("score", write(tmp_path, rows), "--framework", framework).stdout
    assert "Some important questions never reach the agenda. (scored in reverse: " in text
    assert "low: 6 of 6 agree" in text


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
        ("respondent,partner,score\n", "row 1 (header): missing 1 column (statement)"),
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
