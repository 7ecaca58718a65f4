"""Options more than one command takes, and how they print, defined once."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import click

from joinedup.core.jsonable import jsonable
from joinedup.core.limits import NO_LIMIT, Limits, limits_from
from joinedup.core.numbers import read_number

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


class _OutFile(click.Path):
    """A file a command writes: its folder must exist and be writable, checked
    before any work starts (a report or a long run is not lost at the end)."""

    def __init__(self) -> None:
        super().__init__(dir_okay=False, path_type=Path)

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        path = Path(os.fsdecode(super().convert(value, param, ctx)))
        folder = path.parent
        if not folder.is_dir():
            self.fail(f"{path}: the folder {folder} does not exist", param, ctx)
        if not os.access(folder, os.W_OK | os.X_OK):
            self.fail(f"{path}: the folder {folder} cannot be written to", param, ctx)
        return path


OUT_FILE = _OutFile()


class _Number(click.ParamType[float]):
    """A number given as an option, read as a file's numbers are
    (:func:`joinedup.core.numbers.read_number`): never nan, inf or 1e400."""

    name = "number"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        try:
            return read_number(str(value))
        except ValueError as exc:
            self.fail(str(exc), param, ctx)


NUMBER = _Number()


def echo_json(value: Any) -> None:
    """Print ``value`` for programs: JSON, indented, every result through jsonable."""
    click.echo(json.dumps(jsonable(value), indent=2, allow_nan=False))
