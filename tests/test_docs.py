"""The docs stay true: every command and every setting is documented."""

from __future__ import annotations

import re
import runpy
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_cli_reference_is_current() -> None:
    render = runpy.run_path(str(ROOT / "scripts" / "cli_docs.py"))["render"]
    assert (ROOT / "docs" / "cli.md").read_text() == render(), (
        "docs/cli.md is out of date: run python scripts/cli_docs.py"
    )


def test_every_environment_variable_is_documented() -> None:
    used = set()
    for path in (ROOT / "src").rglob("*.py"):
        used |= set(
            re.findall(r"\b(?:JOINEDUP_[A-Z_]+|DATABASE_URL|WEB_CONCURRENCY)\b", path.read_text())
        )
    documented = (ROOT / "docs" / "configuration.md").read_text()
    missing = sorted(name for name in used if f"`{name}`" not in documented)
    assert not missing, f"not in docs/configuration.md: {missing}"
