"""Options more than one command takes, defined once so they read the same."""

from __future__ import annotations

import click

# --format text|json: every command that prints results offers both.
output_format = click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text for people, json for programs (same content).",
)
