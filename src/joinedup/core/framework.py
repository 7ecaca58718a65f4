"""Frameworks: the principles and statements members rate, read from TOML.

A framework is data, not code. Each built-in framework is one TOML file in
``frameworks/``, named by its stem (``default.toml`` is the default); a
custom framework is a file in the same format (docs/frameworks.md).
:func:`parse_framework` checks the whole file and names the principle or
statement that is wrong, so one fix-and-retry cycle suffices.
"""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass
from importlib import resources
from typing import Any

from joinedup.core.errors import InputError, Problem

# A 4-point agreement scale with no neutral middle (people must lean one way),
# plus "don't know", which is counted but never scored.
SCALE: dict[int, str] = {
    1: "Strongly disagree",
    2: "Disagree",
    3: "Agree",
    4: "Strongly agree",
}
DONT_KNOW_LABEL = "Don't know"

# Ids end up in CSV files, URLs and stored rounds: short, lower case, stable.
_ID = re.compile(r"[a-z][a-z0-9_]*")


@dataclass(frozen=True)
class Statement:
    id: str  # "<principle id>.<name>", e.g. "trust.candour"
    principle: str
    text: str
    help: str = ""  # what the statement means, shown under it
    evidence: str = ""  # what a respondent might point to when rating it
    reverse: bool = False  # agreeing is bad news: scores are flipped (1<->4, 2<->3)


@dataclass(frozen=True)
class Principle:
    id: str
    name: str
    statements: tuple[Statement, ...]
    description: str = ""


@dataclass(frozen=True)
class Framework:
    name: str
    version: str
    principles: tuple[Principle, ...]
    description: str = ""

    @property
    def statements(self) -> tuple[Statement, ...]:
        """Every statement, in the order of the file."""
        return tuple(s for p in self.principles for s in p.statements)


# The built-in framework a round uses unless it is given another.
DEFAULT = "default"


def builtin_names() -> tuple[str, ...]:
    """The built-in frameworks: one TOML file each in ``frameworks/``, named by its stem."""
    folder = resources.files("joinedup.core").joinpath("frameworks")
    return tuple(sorted(f.name[:-5] for f in folder.iterdir() if f.name.endswith(".toml")))


def builtin_text(name: str = DEFAULT) -> str:
    """The TOML text of a built-in framework, as a round stores it.

    Raises :class:`InputError` for a name that is not built in."""
    if name not in builtin_names():
        raise InputError(
            f"no built-in framework '{name}': expected one of {', '.join(builtin_names())}"
        )
    folder = resources.files("joinedup.core").joinpath("frameworks")
    return folder.joinpath(f"{name}.toml").read_text("utf-8")


@functools.cache
def builtin(name: str = DEFAULT) -> Framework:
    """A built-in framework (docs/frameworks.md describes the default's principles)."""
    return parse_framework(builtin_text(name), source=f"built-in framework '{name}'")


# field -> (type, required) for each kind of table in the file.
_Fields = dict[str, tuple[type, bool]]
_FRAMEWORK_FIELDS: _Fields = {
    "name": (str, True),
    "version": (str, True),
    "description": (str, False),
    "principles": (list, True),
}
_PRINCIPLE_FIELDS: _Fields = {
    "id": (str, True),
    "name": (str, True),
    "description": (str, False),
    "statements": (list, True),
}
_STATEMENT_FIELDS: _Fields = {
    "id": (str, True),
    "text": (str, True),
    "help": (str, False),
    "evidence": (str, False),
    "reverse": (bool, False),
}


def parse_framework(text: str, source: str) -> Framework:
    """A framework from the text of a TOML file; ``source`` names it in errors.

    Raises :class:`InputError` listing every problem: invalid TOML (or lists
    and tables nested too deeply to read), a missing or mistyped field, an
    unknown field (usually a typo), a malformed or repeated id, a statement
    id that does not start with its principle's id.
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"not valid TOML: {exc}", source=source) from None
    except RecursionError:
        # tomllib reads nested arrays and inline tables recursively; a
        # framework needs two levels (principles, statements).
        raise InputError(
            "not a framework: its lists or tables are nested too deeply to read "
            "(a framework has principles, each with statements)",
            source=source,
        ) from None

    problems: list[Problem] = []
    top = _fields(data, _FRAMEWORK_FIELDS, "", problems)
    principles = []
    seen: set[str] = set()
    for p_number, p_table in enumerate(top.get("principles", []), start=1):
        p_where = _where(p_table, "principle", p_number)
        p_fields = _fields(p_table, _PRINCIPLE_FIELDS, p_where, problems)
        p_id = p_fields.get("id", "")
        _check_id(p_id, p_where, seen, problems)
        statements = []
        for s_number, s_table in enumerate(p_fields.get("statements", []), start=1):
            s_where = f"{p_where}, {_where(s_table, 'statement', s_number)}"
            s_fields = _fields(s_table, _STATEMENT_FIELDS, s_where, problems)
            s_id = s_fields.get("id", "")
            _check_id(s_id, s_where, seen, problems, prefix=p_id)
            statements.append(
                Statement(
                    id=s_id,
                    principle=p_id,
                    text=s_fields.get("text", ""),
                    help=s_fields.get("help", ""),
                    evidence=s_fields.get("evidence", ""),
                    reverse=s_fields.get("reverse", False),
                )
            )
        principles.append(
            Principle(
                id=p_id,
                name=p_fields.get("name", ""),
                statements=tuple(statements),
                description=p_fields.get("description", ""),
            )
        )

    if problems:
        raise InputError(problems, source=source)
    return Framework(
        name=top["name"],
        version=top["version"],
        principles=tuple(principles),
        description=top.get("description", ""),
    )


def _where(table: object, kind: str, number: int) -> str:
    """How errors name a principle or statement: by its id if it has one, else its place."""
    if isinstance(table, dict) and isinstance(table.get("id"), str) and table["id"].strip():
        return f"{kind} '{table['id'].strip()}'"
    return f"{kind} {number}"


def _fields(table: object, spec: _Fields, where: str, problems: list[Problem]) -> dict[str, Any]:
    """The table's fields that have the right type; a problem for every other."""

    def report(message: str) -> None:
        problems.append(Problem(f"{where}: {message}" if where else message))

    if not isinstance(table, dict):
        report("expected a table of fields")
        return {}
    fields: dict[str, Any] = {}
    for key, value in table.items():
        if key not in spec:
            report(f"unknown field '{key}' (expected one of {', '.join(spec)})")
            continue
        kind, _ = spec[key]
        if isinstance(value, str):
            value = value.strip()
        if not isinstance(value, kind):
            report(f"'{key}' must be {_KIND_NAMES[kind]}")
        elif isinstance(value, str | list) and not value:
            report(f"'{key}' is empty")
        else:
            fields[key] = value
    for key, (_, required) in spec.items():
        if required and key not in table:
            report(f"'{key}' is missing")
    return fields


_KIND_NAMES = {str: "text in quotes", list: "a list of tables", bool: "true or false"}


def _check_id(
    value: str, where: str, seen: set[str], problems: list[Problem], prefix: str | None = None
) -> None:
    if not value:
        return  # already reported as missing or mistyped
    name = value.removeprefix(f"{prefix}.") if prefix is not None else value
    if prefix is not None and name == value:
        problems.append(Problem(f"{where}: id must start with '{prefix}.' (its principle's id)"))
    elif not _ID.fullmatch(name):
        problems.append(Problem(f"{where}: id may hold only lower-case letters, digits and '_'"))
    if value in seen:
        problems.append(Problem(f"{where}: id '{value}' is used twice"))
    seen.add(value)
