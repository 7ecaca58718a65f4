"""``joinedup score`` and ``joinedup relationships``: an assessment round from CSV files."""

from __future__ import annotations

from pathlib import Path

import click

from joinedup.cli.options import echo_json, no_limit, output_format
from joinedup.core.agenda import AGENDA_SIZE
from joinedup.core.assessment import ScoreResult, parse_responses
from joinedup.core.assessment import score as score_round
from joinedup.core.disclosure import Withheld
from joinedup.core.errors import InputError
from joinedup.core.figures import Group, ItemResult, mean_text
from joinedup.core.framework import DEFAULT, Framework, builtin, builtin_names, parse_framework
from joinedup.core.limits import Limits
from joinedup.core.relationships import (
    ASYMMETRY,
    Pair,
    RelationshipMap,
    parse_relationships,
    relationship_map,
)
from joinedup.core.respondents import DEFAULT_MIN_GROUP
from joinedup.tabular import read_table

_MIN_GROUP = click.option(
    "--min-group",
    type=click.IntRange(min=1),
    default=DEFAULT_MIN_GROUP,
    show_default=True,
    help="Show no figure with fewer answers behind it than this "
    "(don't know and blank do not count).",
)


@click.command()
@click.argument("responses", type=click.Path(dir_okay=False))
@click.option(
    "--framework",
    "framework_name",
    default=DEFAULT,
    show_default=True,
    help="A built-in framework's name (default: 'default') or the path of a framework TOML file.",
)
@_MIN_GROUP
@click.option(
    "--agenda-size",
    type=click.IntRange(min=1),
    default=AGENDA_SIZE,
    show_default=True,
    help="Items on the hard-issues agenda; the rest are listed as also raised.",
)
@output_format
@no_limit
def score(
    responses: str,
    framework_name: str,
    min_group: int,
    agenda_size: int,
    output_format: str,
    limits: Limits,
) -> None:
    """Score an assessment round from RESPONSES, a CSV file with the columns
    respondent, partner, statement, score and optionally comment.

    A score is 1-4, dk (don't know) or empty (not answered).

    \b
    Example:
        joinedup score round.csv --min-group 3 --agenda-size 5 --format json
    """
    framework = _framework(framework_name, limits)
    table = read_table(
        responses, ["respondent", "partner", "statement", "score"], ["comment"], limits=limits
    )
    try:
        parsed = parse_responses(table.rows, framework)
    except InputError as exc:
        raise exc.with_source(responses) from None
    result = score_round(parsed, framework, min_group=min_group, agenda_size=agenda_size)
    if output_format == "json":
        echo_json(result.as_dict())
    else:
        click.echo(_score_text(result))


@click.command()
@click.argument("ratings", type=click.Path(dir_okay=False))
@_MIN_GROUP
@output_format
@no_limit
def relationships(ratings: str, min_group: int, output_format: str, limits: Limits) -> None:
    """Map how closely partners work together from RATINGS, a CSV file with the
    columns respondent, partner, about_partner, level.

    A level is 0 (no contact) to 5 (integrate), or empty (not answered).

    \b
    Example:
        joinedup relationships ratings.csv --format json
    """
    table = read_table(ratings, ["respondent", "partner", "about_partner", "level"], limits=limits)
    try:
        result = relationship_map(parse_relationships(table.rows), min_group=min_group)
    except InputError as exc:
        raise exc.with_source(ratings) from None
    if output_format == "json":
        echo_json(result.as_dict())
    else:
        click.echo(_relationships_text(result))


def _framework(name: str, limits: Limits) -> Framework:
    if name in builtin_names():
        return builtin(name)
    try:
        limits.check_size(Path(name).stat().st_size)
        text = Path(name).read_text(encoding="utf-8")
    except InputError as exc:
        raise exc.with_source(name) from None
    except FileNotFoundError:
        raise InputError(
            f"framework not found: give a built-in framework ({', '.join(builtin_names())}) "
            "or the path of a TOML file",
            source=name,
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"framework cannot be read ({exc})", source=name) from None
    return parse_framework(text, source=name)


def _score_text(result: ScoreResult) -> str:
    k = result.min_group
    lines = [
        f"{result.respondents} respondents. A figure with fewer than {k} answers (1-4) "
        "behind it is not shown; partners not shown on their own are pooled as "
        "'other partners'.",
        "",
        "Principles (answers to statements scored in reverse turned round: higher is better)",
    ]
    for item in result.principles:
        lines += _item_text(item, item.name, k)
    lines += ["", "Statements (as answered)"]
    for item in result.statements:
        reverse = " (scored in reverse: agreement is bad news)" if item.reverse else ""
        lines += _item_text(item, f"[{item.id}] {item.name}{reverse}", k)

    text = {item.id: item.name for item in result.statements}
    lines += ["", "Hard-issues agenda (most pressing first)"]
    if not result.agenda:
        lines.append("  Nothing stands out.")
    for rank, entry in enumerate(result.agenda, start=1):
        lines.append(f"{rank:3}. [{entry.statement}] {text[entry.statement]}")
        for reason, figures in zip(entry.reasons, entry.figures, strict=True):
            lines.append(f"     {reason}: {figures}")
        if entry.high_partners:
            lines.append(
                f"     agreed more by {', '.join(entry.high_partners)}; "
                f"less by {', '.join(entry.low_partners)}"
            )
    if result.also_raised:
        lines += ["", "Also raised (in rank order)"]
        lines += [f"  [{statement}] {text[statement]}" for statement in result.also_raised]

    lines += ["", "Flags"]
    lines += [f"  {flag.kind}: {flag.detail}" for flag in result.flags] or ["  None."]
    return "\n".join(lines)


def _withheld(why: Withheld, k: int, what: str = "answers") -> str:
    return f"fewer than {k} {what}" if why is Withheld.FEW else "pooled in other partners"


def _group_text(group: Group, k: int) -> str:
    if isinstance(group, Withheld):
        return _withheld(group, k)
    return f"{mean_text(group.mean)} (n {group.n})"


def _item_text(item: ItemResult, title: str, k: int) -> list[str]:
    if item.distribution is None:
        figures = [f"fewer than {k} answers", f"don't know {item.dont_know}"]
    else:
        figures = [
            f"n {item.n}",
            f"don't know {item.dont_know}",
            f"mean {_number(item.mean)}",
            f"median {_number(item.median)}",
            f"agreement {_number(item.agreement)}",
            "answers 1-4: " + " ".join(str(count) for count in item.distribution),
        ]
        if item.split:
            figures.append("SPLIT")
    groups = [f"{partner} {_group_text(g, k)}" for partner, g in item.by_partner.items()]
    if item.other_partners is not None:
        groups.append(f"other partners {_group_text(item.other_partners, k)}")
    lines = [f"  {title}", f"    {'; '.join(figures)}"]
    if groups:
        lines.append(f"    by partner: {'; '.join(groups)}")
    return lines


def _pair_text(level: Pair, k: int) -> str:
    if isinstance(level, Withheld):
        return _withheld(level, k, "ratings")
    return f"{level.median:g} (n {level.n})"


def _relationships_text(result: RelationshipMap) -> str:
    k = result.min_group
    lines = [
        f"{result.respondents} respondents. A median of fewer than {k} ratings is not shown; "
        "partners not shown on their own are pooled as 'other partners'.",
        f"Partnership median level: {_number(result.median)}",
        "",
        "Median level given by each partner (0 no contact ... 5 integrate)",
    ]
    givers = dict(result.levels)
    if result.other_partners:
        givers["other partners"] = result.other_partners
    for partner, about in givers.items():
        for other, level in about.items():
            lines.append(f"  {partner} about {other}: {_pair_text(level, k)}")
    lines += ["", f"Asymmetric pairs (directions differ by {ASYMMETRY} or more)"]
    lines += [
        f"  {pair.first} says {pair.first_about_second:g} of {pair.second}; "
        f"{pair.second} says {pair.second_about_first:g} of {pair.first}"
        for pair in result.asymmetric_pairs
    ] or ["  None."]
    return "\n".join(lines)


def _number(value: float | None) -> str:
    return "-" if value is None else mean_text(value)
