"""Backing up and restoring the whole database, SQLite or PostgreSQL.

SQLite: Python's online backup API (``sqlite3.Connection.backup``), which
copies a consistent snapshot while the site runs. PostgreSQL: ``pg_dump
--format=custom`` and ``pg_restore --clean --if-exists --single-transaction``,
run with the connection's own settings (the password through ``PGPASSWORD``,
never on the command line). A backup is written beside its name and renamed
into place, readable by its owner only: it holds personal data. A restore
checks the file before touching the database, and replaces everything in it
in one go or not at all. Docs: docs/operations.md, "Backups".
"""

from __future__ import annotations

import os
import shlex
import shutil
import sqlite3
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.db import connection

from joinedup.core.errors import InputError

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_MAGIC = b"PGDMP"
Say = Callable[[str], None]


def vendor() -> str:
    return str(connection.vendor)


# The tables ``migrate`` fills by itself: a database with rows in these alone
# holds nothing anybody entered.
MIGRATE_FILLS = frozenset({"django_migrations", "django_content_type", "auth_permission"})


def holds_data() -> bool:
    """Whether the database holds anything a restore would overwrite: a row in
    any table but those ``migrate`` fills. A new database, migrated or not,
    holds nothing."""
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            if table not in MIGRATE_FILLS:
                cursor.execute(f"SELECT 1 FROM {quote(table)} LIMIT 1")
                if cursor.fetchone() is not None:
                    return True
    return False


def backup(path: Path, say: Say) -> None:
    """Write a backup of the whole database to ``path`` (which must not exist)."""
    if path.exists():
        raise InputError(f"{path} already exists: give a new file name, or remove it first")
    if not path.parent.is_dir():
        raise InputError(f"{path.parent} is not a folder")
    partial = path.with_name(path.name + ".partial")
    try:
        if vendor() == "sqlite":
            _sqlite_backup(partial)
        elif vendor() == "postgresql":
            _run("pg_dump", ["--format=custom", "--no-owner", f"--file={partial}"], say)
        else:
            raise InputError(f"joinedup cannot back up a {vendor()} database")
        partial.chmod(0o600)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)


def check(path: Path) -> str:
    """What ``path`` is a backup of ("sqlite" or "postgresql"), or InputError
    saying what is wrong with it."""
    if not path.is_file():
        raise InputError(f"{path} is not a file")
    with path.open("rb") as file:
        start = file.read(len(SQLITE_MAGIC))
    if start.startswith(SQLITE_MAGIC):
        _check_sqlite(path)
        return "sqlite"
    if start.startswith(PG_MAGIC):
        if shutil.which("pg_restore"):
            listed = subprocess.run(["pg_restore", "--list", str(path)], capture_output=True)
            if listed.returncode != 0:
                problem = listed.stderr.decode(errors="replace").strip()
                raise InputError(f"{path} is not a PostgreSQL backup that can be read: {problem}")
        return "postgresql"
    raise InputError(
        f"{path} is not a joinedup backup: it is neither a SQLite database nor a "
        "pg_dump file in the custom format"
    )


def restore(path: Path, say: Say) -> None:
    """Replace everything in the database with the backup ``path`` (checked first)."""
    made_by = check(path)
    if made_by != vendor():
        raise InputError(
            f"{path} is a backup of a {made_by} database, but this joinedup uses "
            f"{vendor()} (DATABASE_URL): restore it into a {made_by} database"
        )
    if made_by == "sqlite":
        source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            source.backup(_sqlite_connection())
        finally:
            source.close()
    else:
        _run(
            "pg_restore",
            ["--clean", "--if-exists", "--no-owner", "--single-transaction", str(path)],
            say,
        )


def _sqlite_connection() -> sqlite3.Connection:
    connection.ensure_connection()
    raw: Any = connection.connection
    assert isinstance(raw, sqlite3.Connection)
    return raw


def _sqlite_backup(target: Path) -> None:
    copy = sqlite3.connect(target)
    try:
        _sqlite_connection().backup(copy)
    finally:
        copy.close()


def _check_sqlite(path: Path) -> None:
    try:
        backup_db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            (verdict,) = backup_db.execute("PRAGMA quick_check").fetchone()
            migrations = backup_db.execute(
                "SELECT count(*) FROM sqlite_master WHERE name = 'django_migrations'"
            ).fetchone()[0]
        finally:
            backup_db.close()
    except sqlite3.DatabaseError as error:
        raise InputError(f"{path} is a damaged SQLite database: {error}") from None
    if verdict != "ok":
        raise InputError(f"{path} is a damaged SQLite database: {verdict}")
    if not migrations:
        raise InputError(f"{path} is a SQLite database, but not one of joinedup's")


def _run(program: str, args: list[str], say: Say) -> None:
    """Run pg_dump or pg_restore on this joinedup's database, saying the command."""
    db = connection.settings_dict
    target = [f"--dbname={db['NAME']}"]
    for option, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if db.get(key):
            target.append(f"{option}={db[key]}")
    command = [program, *args, *target] if program == "pg_dump" else [program, *target, *args]
    shown = shlex.join(command)
    if shutil.which(program) is None:
        raise InputError(
            f"{program} is not installed (apt-get install postgresql-client, the same major "
            f"version as the server). The command to run, with PGPASSWORD set:\n  {shown}"
        )
    say(f"Running: {shown}")
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    done = subprocess.run(command, env=env, capture_output=True)
    if done.returncode != 0:
        problem = done.stderr.decode(errors="replace").strip()
        raise InputError(f"{program} failed (exit status {done.returncode}): {problem}")
