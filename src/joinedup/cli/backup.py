"""``joinedup backup`` and ``joinedup restore``: the whole database to a file and back."""

from __future__ import annotations

from pathlib import Path

import click

from joinedup.cli.options import OUT_FILE
from joinedup.cli.web import home, setup_django
from joinedup.core.errors import InputError

FILE = click.Path(dir_okay=False, path_type=Path)


@click.command()
@click.argument("file", type=OUT_FILE)
def backup(file: Path) -> None:
    """Back up the whole database to FILE (a new file, readable by you only).

    SQLite: a consistent copy while the site runs (the online backup API).
    PostgreSQL: pg_dump --format=custom, which must be installed. The backup
    holds personal data: keep it as safe as the database. See docs/operations.md.

    Example: joinedup backup /var/backups/joinedup/$(date +%F).backup
    """
    setup_django()
    from joinedup.web.backup import backup as back_up

    back_up(file, click.echo)
    click.echo(f"Backed up the database to {file} ({file.stat().st_size:,} bytes).")


@click.command()
@click.argument("file", type=FILE)
@click.option("--yes", is_flag=True, help="Replace what the database holds now.")
def restore(file: Path, yes: bool) -> None:
    """Replace everything in the database with the backup FILE.

    Checks FILE first (a joinedup backup, undamaged, of the same kind of
    database). Refuses to overwrite a database that holds anything unless
    --yes is given; a new one (on a new machine, migrated or not) is just
    restored into. PostgreSQL: pg_restore --clean --single-transaction, so
    it is restored whole or not at all. Run joinedup migrate afterwards if the
    backup was made by an older joinedup.

    Example: joinedup restore /var/backups/joinedup/2026-12-01.backup --yes
    """
    home()
    setup_django()
    from joinedup.web.backup import check, holds_data
    from joinedup.web.backup import restore as put_back

    check(file)
    if holds_data() and not yes:
        raise InputError(
            "the database is not empty: restoring replaces everything in it with the "
            f"backup. Run again with --yes to do so: joinedup restore {file} --yes"
        )
    put_back(file, click.echo)
    click.echo(f"Restored the database from {file}.")
