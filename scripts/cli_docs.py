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
traceback for bad input. A file a command writes must be in a folder that
exists and can be written to: that is checked before any work starts. A wrong
setting in the environment (`JOINEDUP_HTTPS=maybe`, `DATABASE_URL=mysql://...`)
stops every command with one line naming the variable and what it accepts,
and exit status 2. A number given to a command (`spc --target`) is read as the
numbers of a file are ([outcomes](outcomes.md#import-a-file-web)).

This page is generated from each command's `--help` by
`python scripts/cli_docs.py`; a test fails when it is out of date.
"""


def _sections(command: click.Command, name: str, parent: click.Context) -> list[str]:
    # A context under its parent, as when run from the shell, so options the
    # group passes down (such as -h for help) show the same as they work.
    ctx = click.Context(command, info_name=name, parent=parent)
    sections = [f"## `{ctx.command_path}`\n\n```text\n{command.get_help(ctx)}\n```\n"]
    if isinstance(command, click.Group):
        for child in sorted(command.commands):
            sections += _sections(command.commands[child], child, ctx)
    return sections


def render() -> str:
    top = click.Context(
        main, info_name="joinedup", terminal_width=88, max_content_width=88, **main.context_settings
    )
    parts = [INTRO]
    for name in sorted(main.commands):
        parts += _sections(main.commands[name], name, top)
    return "\n".join(parts)


if __name__ == "__main__":
    DOC.write_text(render())
    sys.stdout.write(f"wrote {DOC}\n")
