"""``joinedup verdict``: the verdict on a partnership, from the database."""

from __future__ import annotations

import click

from joinedup.cli.options import echo_json, output_format
from joinedup.cli.web import find_partnership
from joinedup.core.verdict import Verdict
from joinedup.core.verdict_thresholds import Thresholds

_HEADINGS = {"supports": "Why", "against": "Against it", "context": "Also worth knowing"}


@click.command()
@click.argument("partnership")
@output_format
@click.option(
    "--threshold",
    "thresholds",
    metavar="NAME=VALUE",
    multiple=True,
    help="Change one of the rules' thresholds (docs/verdict.md lists them); repeatable.",
)
def verdict(partnership: str, output_format: str, thresholds: tuple[str, ...]) -> None:
    """Print the verdict on a partnership and every fact behind it.

    PARTNERSHIP is the partnership's slug (as in its web address). It prints
    the verdict with any conditions, how sure it is and why, a suggested
    stance, each outcome's own verdict, and every fact, weighed. The JSON
    carries the same with stable ids (docs/verdict.md lists them). An unknown
    partnership or a bad threshold exits with status 2.

    \b
    Examples:
        joinedup verdict riverside
        joinedup verdict riverside --format json --threshold heavy_hours=30
    """
    chosen = Thresholds.parse(thresholds)
    found = find_partnership(partnership)
    from joinedup.web.overview.verdict import partnership_verdict

    result = partnership_verdict(found, chosen)
    if output_format == "json":
        echo_json({"partnership": found.slug, **result.as_dict()})
    else:
        click.echo(_text(found.name, result))


def _text(name: str, result: Verdict) -> str:
    lines = [f"{name}: {result.headline}", result.kind.description]
    lines += [
        f"Condition: {condition.text}." for condition in result.conditions if condition.overdue
    ]
    sure = result.confidence
    lines += ["", f"Confidence: {sure.level.label}."] + [f"  - {why}" for why in sure.reasons]
    stance = f"Suggested stance: {result.stance.label}." if result.stance else "No stance yet."
    lines += ["", f"{stance} {result.stance_reason}"]
    if result.outcomes:
        lines += ["", "Outcome by outcome:"]
        lines += [
            f"  - {o.title}{'' if o.principal else ' (not principal)'}: {o.kind.label} "
            f"(confidence: {o.confidence.level.label.lower()})"
            for o in result.outcomes
        ]
    for weight, facts in result.by_weight():
        lines += ["", f"{_HEADINGS[weight.value]}:"]
        lines += [f"  - {fact.text}" for fact in facts]
    return "\n".join(lines)
