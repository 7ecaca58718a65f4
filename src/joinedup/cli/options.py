"""Options more than one command takes, and how they print, defined once."""

from __future__ import annotations

import json
import os
from typing import Any

import click

from joinedup.core.jsonable import jsonable
from joinedup.core.limits import NO_LIMIT, Limits, limits_from

# --format text|json: every command that prints results offers both.
output_format = click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text for people, json for programs (same content).",
)


def _limits(ctx: click.Context, param: click.Parameter, no_limit: bool) -> Limits:
    return NO_LIMIT if no_limit else limits_from(os.environ)


# --no-limit: the caps on input files (joinedup.core.limits) are the web's
# unless lifted; the command receives them as ``limits``.
no_limit = click.option(
    "--no-limit",
    "limits",
    is_flag=True,
    callback=_limits,
    help="Read the input however large (without the caps JOINEDUP_MAX_FILE_MB, "
    "JOINEDUP_MAX_ROWS and JOINEDUP_MAX_UNPACKED_MB).",
)


def echo_json(value: Any) -> None:
    """Print ``value`` for programs: JSON, indented, every result through jsonable."""
    click.echo(json.dumps(jsonable(value), indent=2, allow_nan=False))
