"""Options more than one command takes, and how they print, defined once."""

from __future__ import annotations

import json
from typing import Any

import click

from joinedup.core.jsonable import jsonable

# --format text|json: every command that prints results offers both.
output_format = click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text for people, json for programs (same content).",
)


def echo_json(value: Any) -> None:
    """Print ``value`` for programs: JSON, indented, every result through jsonable."""
    click.echo(json.dumps(jsonable(value), indent=2, allow_nan=False))
