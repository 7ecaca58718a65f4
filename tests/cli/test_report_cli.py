"""``joinedup report``: the board report written as a PDF or an HTML file."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from joinedup.cli import main
from joinedup.web.partnerships.models import Partnership


@pytest.mark.parametrize(
    ("name", "start"), [("board.pdf", b"%PDF"), ("board.HTML", b"<!DOCTYPE html>")]
)
def test_it_writes_either_format(
    riverside: Partnership, tmp_path: Path, name: str, start: bytes
) -> None:
    out = tmp_path / name
    result = CliRunner().invoke(main, ["report", "riverside", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "Wrote the board report of Riverside Discharge Partnership" in result.output
    assert out.read_bytes().lstrip().startswith(start)


def test_the_html_file_carries_its_styles_and_the_date(
    riverside: Partnership, tmp_path: Path
) -> None:
    out = tmp_path / "board.html"
    result = CliRunner().invoke(
        main, ["report", "riverside", "--out", str(out), "--as-of", "2026-09-30"]
    )
    assert result.exit_code == 0, result.output
    page = out.read_text()
    assert "Board report, 30 September 2026" in page
    assert "<style>" in page and '<link rel="stylesheet"' not in page


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--as-of", "2026-13-01"], "--as-of '2026-13-01': not a date; write it as YYYY-MM-DD"),
        (["--as-of", "last week"], "--as-of 'last week': not a date"),
    ],
)
def test_a_bad_date_is_refused(
    riverside: Partnership, tmp_path: Path, arguments: list[str], message: str
) -> None:
    out = tmp_path / "board.pdf"
    result = CliRunner().invoke(main, ["report", "riverside", "--out", str(out), *arguments])
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output
    assert not out.exists()


@pytest.mark.parametrize("name", ["board.docx", "board"])
def test_an_unknown_extension_is_refused(riverside: Partnership, tmp_path: Path, name: str) -> None:
    out = tmp_path / name
    result = CliRunner().invoke(main, ["report", "riverside", "--out", str(out)])
    assert result.exit_code == 2
    assert "the file must end in .pdf or .html" in result.output
    assert not out.exists()


def test_an_unknown_partnership_is_refused(riverside: Partnership, tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["report", "nowhere", "--out", str(tmp_path / "x.pdf")])
    assert result.exit_code == 2
    assert "there is no partnership called 'nowhere'" in result.output
