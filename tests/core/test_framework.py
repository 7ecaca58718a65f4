import pytest

from joinedup.core.errors import InputError
from joinedup.core.framework import builtin, builtin_names, builtin_text, parse_framework

GOOD = """
name = "Small"
version = "2"

[[principles]]
id = "trust"
name = "Trust"

  [[principles.statements]]
  id = "trust.candour"
  text = "  People say what they think.  "
  help = "Think of the last meeting."

  [[principles.statements]]
  id = "trust.avoidance"
  text = "Hard questions are avoided."
  reverse = true
"""


def problems(text: str) -> str:
    with pytest.raises(InputError) as caught:
        parse_framework(text, source="mine.toml")
    return str(caught.value)


def test_it_reads_principles_statements_and_optional_fields():
    framework = parse_framework(GOOD, source="mine.toml")
    assert (framework.name, framework.version) == ("Small", "2")
    [trust] = framework.principles
    candour, avoidance = trust.statements
    assert candour.text == "People say what they think."
    assert candour.help == "Think of the last meeting."
    assert candour.principle == "trust"
    assert (candour.reverse, avoidance.reverse) == (False, True)
    assert framework.statements == (candour, avoidance)


def test_the_default_framework_has_the_principles_later_features_rely_on():
    framework = builtin()
    ids = [principle.id for principle in framework.principles]
    assert {"trust", "authority", "accountability"} <= set(ids)
    assert ids[:6] == ["need", "purpose", "commitment", "trust", "arrangements", "learning"]
    assert "commitment.pooled_resources" in {s.id for s in framework.statements}
    assert 30 <= len(framework.statements) <= 40


def test_it_names_the_file_for_invalid_toml():
    message = problems("name = ")
    assert message.startswith("mine.toml: not valid TOML")


def test_it_names_the_principle_and_statement_that_are_wrong():
    message = problems(GOOD.replace('text = "Hard questions are avoided."', 'txt = "x"'))
    assert (
        "mine.toml: principle 'trust', statement 'trust.avoidance': unknown field 'txt'" in message
    )
    assert "statement 'trust.avoidance': 'text' is missing" in message


def test_it_names_a_statement_without_an_id_by_its_place():
    message = problems(GOOD.replace('id = "trust.avoidance"\n', ""))
    assert "principle 'trust', statement 2: 'id' is missing" in message


def test_it_rejects_repeated_ids():
    message = problems(GOOD.replace("trust.avoidance", "trust.candour"))
    assert "statement 'trust.candour': id 'trust.candour' is used twice" in message


def test_statement_ids_start_with_their_principle():
    message = problems(GOOD.replace("trust.avoidance", "candour2"))
    assert "statement 'candour2': id must start with 'trust.'" in message


def test_it_rejects_malformed_ids_wrong_types_and_empty_lists():
    text = 'name = "x"\nversion = 1\n[[principles]]\nid = "Big Idea"\nname = "x"\nstatements = []\n'
    message = problems(text)
    assert "mine.toml: 'version' must be text in quotes" in message
    assert "principle 'Big Idea': id may hold only lower-case letters, digits and '_'" in message
    assert "principle 'Big Idea': 'statements' is empty" in message


def test_it_reports_every_problem_at_once():
    with pytest.raises(InputError) as caught:
        parse_framework('version = ""\n', source="mine.toml")
    assert len(caught.value.problems) == 3  # version empty; name and principles missing


def test_built_in_frameworks_are_the_toml_files_in_the_folder() -> None:
    assert "default" in builtin_names()
    assert builtin() == builtin("default")
    assert "[[principles]]" in builtin_text("default")


def test_an_unknown_built_in_framework_names_the_ones_there_are() -> None:
    with pytest.raises(InputError, match="expected one of default"):
        builtin_text("nonesuch")
