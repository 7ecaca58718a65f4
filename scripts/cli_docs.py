"""Write docs/cli.md from the commands' own --help, so the two cannot drift.

Run after changing a command: python scripts/cli_docs.py
(tests/test_docs.py fails while docs/cli.md is out of date).
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from joinedup.cli import main

DOC = Path(__file__).resolve().parent.parent / "docs" / "cli.md"

INTRO = """\
# The command line

`joinedup` is installed with the package (`./run demo` and `./run test` set it
up in `.venv/`; then `.venv/bin/joinedup`). Every command prints a clear
message and exits with status 2 when its input is wrong; none prints a
traceback for bad input.

This page is generated from each command's `--help` by
`python scripts/cli_docs.py`; a test fails when it is out of date.
"""


def _help(command: click.Command, path: list[str]) -> str:
    ctx = click.Context(command, info_name=" ".join(path), terminal_width=88, max_content_width=88)
    return command.get_help(ctx)


def _sections(command: click.Command, path: list[str]) -> list[str]:
    sections = [f"## `{' '.join(path)}`\n\n```text\n{_help(command, path)}\n```\n"]
    if isinstance(command, click.Group):
        for name in sorted(command.commands):
            sections += _sections(command.commands[name], [*path, name])
    return sections


def render() -> str:
    parts = [INTRO]
    for name in sorted(main.commands):
        parts += _sections(main.commands[name], ["joinedup", name])
    return "\n".join(parts)


if __name__ == "__main__":
    DOC.write_text(render())
    sys.stdout.write(f"wrote {DOC}\n")
