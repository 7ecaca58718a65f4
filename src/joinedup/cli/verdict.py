"""``joinedup verdict``: the verdict on a partnership, from the database."""

from __future__ import annotations

import click

from joinedup.cli.options import echo_json, output_format
from joinedup.cli.web import find_partnership
from joinedup.core.verdict import Thresholds, Verdict

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

    PARTNERSHIP is the partnership's slug (as in its web address). The verdict
    is one of not_yet_judgeable, delivering, holding, talking_shop or drifting,
    with a suggested stance. An unknown partnership or a bad threshold exits
    with status 2.

    \b
    Examples:
        joinedup verdict riverside
        joinedup verdict riverside --format json --threshold substantial_hours=60
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
    lines = [f"{name}: {result.kind.label}", result.kind.meaning]
    if result.stance is None:
        lines.append("No stance yet: keep collecting data until the results can be judged.")
    else:
        lines.append(f"Suggested stance: {result.stance.label}.")
    for weight, facts in result.by_weight():
        lines += ["", f"{_HEADINGS[weight.value]}:"]
        lines += [f"  - {fact.text}" for fact in facts]
    return "\n".join(lines)
