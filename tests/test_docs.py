"""The docs stay true: every command and every setting is documented, and
the demo is as the docs describe it."""

from __future__ import annotations

import re
import runpy
from collections import Counter
from pathlib import Path
from typing import Any

from django.utils import timezone

from joinedup.core.actions import Status
from joinedup.web import demo
from joinedup.web.actions.facts import partnership_actions
from joinedup.web.partnerships.models import Partnership

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


def test_the_demos_actions_are_counted_as_docs_actions_md_says(db: Any) -> None:
    demo.load()
    today = timezone.localdate()
    facts = partnership_actions(Partnership.objects.get(slug="riverside"))
    words = {
        Status.OPEN: "open",
        Status.IN_PROGRESS: "in progress",
        Status.DONE: "done",
        Status.DROPPED: "dropped",
    }
    found = Counter("overdue" if fact.overdue(today) else words[fact.status] for fact in facts)
    found["actions"] = len(facts)
    text = (ROOT / "docs" / "actions.md").read_text()
    said = text[text.index("\n## Demo\n") :]
    counts = re.findall(r"(\d+) (actions|overdue|in progress|open|done|dropped)\b", said)
    assert {kind: int(n) for n, kind in counts} == dict(found), (
        "docs/actions.md's Demo section miscounts the demo's actions"
    )
