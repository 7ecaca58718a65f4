"""The sections of a partnership, shown as the header navigation."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

# (label, URL name): each area of the app adds its section here.
SECTIONS = [
    ("Overview", "overview:partnership"),
    ("Partners", "partnerships:partners"),
    ("Members", "partnerships:members"),
    ("Pooled budget", "partnerships:budget"),
    ("Outcomes", "outcomes:list"),
    ("Summary", "summary:table"),
    ("Assessment", "assessments:rounds"),
    ("Actions", "actions:list"),
    ("Cost", "effort:index"),
    ("Board report", "report:page"),
]


def partnership_navigation(slug: str, path: str) -> list[dict[str, Any]]:
    items = []
    for label, name in SECTIONS:
        href = reverse(name, args=[slug])
        # The overview's URL is a prefix of every other: it is current only itself.
        current = path == href if name == SECTIONS[0][1] else path.startswith(href)
        items.append({"href": href, "text": label, "current": current})
    return items
