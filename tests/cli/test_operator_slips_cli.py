"""What an unlucky operator types: a file in a folder that is not there, a
wrong setting in the environment, a username or email that cannot be one.
Each is one line naming what is wrong and exit status 2, never a traceback."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest
from click.testing import CliRunner

from joinedup.cli import main
from joinedup.web.partnerships.models import Partnership
from tests.cli.test_web_cli import _run

PASSWORD = {"JOINEDUP_NEW_USER_PASSWORD": "a-long-enough-password"}


@pytest.mark.parametrize(
    ("args", "option"),
    [
        (["report", "riverside", "--out", "/nonexist/x.pdf"], "--out"),
        (["export", "riverside", "--out", "/nonexist/x.zip"], "--out"),
        (["backup", "/nonexist/x.backup"], "FILE"),
        (["synth", "discharges", "--rows", "1", "--out", "/nonexist/x.csv"], "--out"),
        (["discharge-indicators", "spells.csv", "--out", "/nonexist/x.csv"], "--out"),
        (
            ["discharge-indicators", "spells.csv", "--into", "x", "--rejects", "/nonexist/r.csv"],
            "--rejects",
        ),
    ],
)
def test_a_file_in_a_folder_that_is_not_there_is_refused_before_any_work(
    riverside: Partnership, args: list[str], option: str
) -> None:
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2
    assert f"Invalid value for '{option}'" in result.stderr
    assert "the folder /nonexist does not exist" in result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_a_file_that_cannot_be_written_after_the_checks_is_a_message(
    riverside: Partnership, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "board.html"

    def disk_full(path: Path, *args: object, **kwargs: object) -> int:
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setattr(Path, "write_text", disk_full)  # the disk fills meanwhile
    result = CliRunner().invoke(main, ["report", "riverside", "--out", str(out)])
    assert result.exit_code == 2
    assert result.stderr == f"Error: {out}: No space left on device\n"


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        ("JOINEDUP_HTTPS=maybe", "JOINEDUP_HTTPS must be true or false, not 'maybe'"),
        ("JOINEDUP_JOBS_STALE_AFTER=abc", "JOINEDUP_JOBS_STALE_AFTER must be a whole number"),
        (
            "JOINEDUP_LOGIN_FAILURE_LIMIT=0",
            "JOINEDUP_LOGIN_FAILURE_LIMIT must be a whole number of at least 1, not '0'",
        ),
        ("JOINEDUP_HSTS_SECONDS=-1", "JOINEDUP_HSTS_SECONDS must be a whole number of at least 0"),
        ("JOINEDUP_LOG_LEVEL=LOUD", "JOINEDUP_LOG_LEVEL must be one of DEBUG, INFO, WARNING"),
        ("DATABASE_URL=mysql://me:secret@x/db", "DATABASE_URL must be a PostgreSQL URL"),
    ],
)
@pytest.mark.parametrize(
    "command", [["manage", "check"], ["verdict", "riverside"], ["worker", "--once"]]
)
def test_a_bad_setting_is_one_line_naming_it(
    tmp_path: Path, setting: str, message: str, command: list[str]
) -> None:
    name, value = setting.split("=", 1)
    result = _run(tmp_path, *command, **{name: value})
    assert result.returncode == 2
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith(f"Error: a setting in the environment is wrong: {message}")
    assert "secret" not in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["bad user/"], "username 'bad user/': A username can have only letters, numbers and"),
        (["j.smith", "--email", "notanemail"], "--email 'notanemail': not an email address"),
    ],
)
def test_createuser_refuses_what_sign_up_refuses(
    tmp_path: Path, args: list[str], message: str
) -> None:
    assert _run(tmp_path, "migrate").returncode == 0
    result = _run(tmp_path, "createuser", *args, **PASSWORD)
    assert result.returncode == 2
    assert f"Error: {message}" in result.stderr
    assert "Traceback" not in result.stderr
    taken = _run(tmp_path, "createuser", "J.Smith", **PASSWORD)
    assert taken.returncode == 0, taken.stderr  # nothing was made by the refused one
