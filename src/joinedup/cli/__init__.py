"""The ``joinedup`` command: thin commands over the core, pipelines and web app.

Each command module parses its arguments and calls one library function.
Input a person can fix raises :class:`~joinedup.core.errors.InputError`; the
group turns it into a message on stderr and exit status 2, never a traceback.
A database that cannot be used (not migrated, not reachable) is exit status 1
with a message saying so. A file that cannot be written, or a wrong setting
in the environment, is exit status 2 with one line naming it.
"""

from __future__ import annotations

from typing import Any

import click

from joinedup import __version__
from joinedup.core.errors import InputError
from joinedup.core.limits import TooBig


class _Group(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except InputError as exc:
            click.echo(f"Error: {exc}", err=True)
            if isinstance(exc, TooBig):
                click.echo(
                    f"The cap is the setting {exc.setting}; --no-limit lifts it for one run.",
                    err=True,
                )
            ctx.exit(2)
        except OSError as exc:
            # A file that could not be read or written after its checks (the
            # disk filled, a folder removed meanwhile): the file and the reason.
            click.echo(f"Error: {exc.filename or 'a file'}: {exc.strerror or exc}", err=True)
            ctx.exit(2)
        except Exception as exc:
            from django.db import DatabaseError  # loaded only once a command has failed

            if not isinstance(exc, DatabaseError):
                raise
            click.echo(
                f"Error: the database could not be used ({exc}). If joinedup was just "
                "installed or upgraded, run: joinedup migrate",
                err=True,
            )
            ctx.exit(1)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="joinedup")
def main() -> None:
    """joinedup: find out whether a health and social care partnership works."""


# Command modules register themselves here, one line each.
from joinedup.cli.web import createuser, demo, manage, migrate, serve  # noqa: E402

for _command in (demo, serve, migrate, createuser, manage):
    main.add_command(_command)

from joinedup.cli.spc import spc  # noqa: E402

main.add_command(spc)

from joinedup.cli.assessment import relationships, score  # noqa: E402

main.add_command(score)
main.add_command(relationships)
from joinedup.cli.discharges import discharge_indicators, synth  # noqa: E402

main.add_command(synth)
main.add_command(discharge_indicators)

from joinedup.cli.import_series import import_series  # noqa: E402

main.add_command(import_series)

from joinedup.cli.verdict import verdict  # noqa: E402

main.add_command(verdict)

from joinedup.cli.jobs import send_reminders, worker  # noqa: E402

main.add_command(worker)
main.add_command(send_reminders)

from joinedup.cli.backup import backup, restore  # noqa: E402

main.add_command(backup)
main.add_command(restore)

from joinedup.cli.report import report  # noqa: E402

main.add_command(report)

from joinedup.cli.export import export  # noqa: E402

main.add_command(export)
