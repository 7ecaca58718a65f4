"""``joinedup backup`` and ``restore``: the demo backed up, wiped, restored
with every row of every table; bad files and a database in use refused."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db import connection

from joinedup.cli import main
from joinedup.web import demo

pytestmark = pytest.mark.django_db(transaction=True)  # pg_dump reads committed rows only


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def everything() -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, in a stable order."""
    tables = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names()):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            tables[table] = sorted(cursor.fetchall(), key=repr)
    return tables


def test_the_demo_backed_up_wiped_and_restored_has_every_row(tmp_path: Path) -> None:
    demo.load()
    before = everything()
    assert sum(len(rows) for rows in before.values()) > 1000
    file = tmp_path / "joinedup.backup"
    code, out, err = run("backup", str(file))
    assert code == 0, err
    assert f"Backed up the database to {file} (" in out
    assert file.stat().st_mode & 0o777 == 0o600  # personal data: its owner's only
    call_command("flush", interactive=False, verbosity=0)
    assert everything() != before
    code, out, err = run("restore", str(file), "--yes")
    assert code == 0, err
    assert out.strip().endswith(f"Restored the database from {file}.")
    assert everything() == before


def test_restore_refuses_to_overwrite_without_yes(tmp_path: Path) -> None:
    User.objects.create_user("jo")  # something entered
    file = tmp_path / "joinedup.backup"
    assert run("backup", str(file))[0] == 0
    code, _, err = run("restore", str(file))
    assert code == 2
    assert "the database is not empty" in err and "--yes" in err


def test_backup_will_not_overwrite_a_file(tmp_path: Path) -> None:
    file = tmp_path / "old.backup"
    file.write_text("yesterday's")
    code, _, err = run("backup", str(file))
    assert (code, err.strip()) == (
        2,
        f"Error: {file} already exists: give a new file name, or remove it first",
    )
    assert file.read_text() == "yesterday's"


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b"name,value\n", "is not a joinedup backup"),
        (b"SQLite format 3\x00" + b"\x00" * 200, "damaged SQLite database"),
    ],
)
def test_restore_checks_the_file_before_touching_the_database(
    tmp_path: Path, content: bytes, says: str
) -> None:
    file = tmp_path / "bad.backup"
    file.write_bytes(content)
    code, _, err = run("restore", str(file), "--yes")
    assert code == 2
    assert says in err and "Traceback" not in err
    assert connection.introspection.table_names()  # untouched
    assert run("restore", str(tmp_path / "missing.backup"), "--yes")[0] == 2


@pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_dump is for PostgreSQL")
def test_a_missing_pg_dump_prints_the_command(tmp_path: Path, monkeypatch: Any) -> None:
    monkeypatch.setattr(shutil, "which", lambda program: None)
    code, _, err = run("backup", str(tmp_path / "x.backup"))
    assert code == 2
    assert "pg_dump is not installed" in err
    assert "pg_dump --format=custom --no-owner" in err and "--dbname=" in err
    assert not (tmp_path / "x.backup").exists()


def test_restore_into_a_freshly_migrated_database_needs_no_yes(tmp_path: Path) -> None:
    User.objects.create_user("jo")
    file = tmp_path / "joinedup.backup"
    assert run("backup", str(file))[0] == 0
    call_command("flush", interactive=False, verbosity=0)  # migrated, nothing entered
    code, out, err = run("restore", str(file))
    assert code == 0, err
    assert User.objects.filter(username="jo").exists()


def test_restore_on_a_new_machine_creates_its_home(tmp_path: Path) -> None:
    """A new machine: JOINEDUP_HOME does not exist yet, nothing migrated (SQLite)."""
    joinedup = str(Path(sys.executable).with_name("joinedup"))
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}

    def there(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [joinedup, *args], env={**env, "JOINEDUP_HOME": str(home)},
            capture_output=True, text=True, check=False,
        )  # fmt: skip

    old, new = tmp_path / "old", tmp_path / "new" / "joinedup"
    assert there(old, "migrate").returncode == 0
    made = there(old, "createuser", "jo", "--password", "a long pass phrase 1")
    assert made.returncode == 0, made.stderr
    file = tmp_path / "joinedup.backup"
    assert there(old, "backup", str(file)).returncode == 0
    restored = there(new, "restore", str(file))
    assert restored.returncode == 0, restored.stderr
    with closing(sqlite3.connect(new / "joinedup.sqlite3")) as db:
        assert db.execute("SELECT username FROM auth_user").fetchall() == [("jo",)]
