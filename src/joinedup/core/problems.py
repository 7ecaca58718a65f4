"""Listing the problems of a file: the first hundred, then what the rest are.

A file of 199,000 bad rows has 199,000 problems; a page (or a job's result)
listing them all helps nobody and weighs megabytes. Every list of bad rows
shown to a person goes through :func:`listed`: the first ``SHOWN`` problems,
in order, then one line counting the others by the column they are in
(docs/outcomes.md, "Importing"). The command line prints them all.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from babel.lists import format_list

from joinedup.core.errors import Problem
from joinedup.core.numbers import LOCALE, format_number, plural

SHOWN = 100


@dataclass(frozen=True)
class Listed:
    """The problems to list, how many there are in all, and a sentence
    saying what the ones not listed are ("" when every one is listed)."""

    shown: tuple[Problem, ...]
    total: int
    rest: str

    def lines(self, prefix: str = "") -> list[str]:
        """Each problem listed, as text after ``prefix``, then the sentence
        about the others (if any)."""
        return [f"{prefix}{problem}" for problem in self.shown] + ([self.rest] if self.rest else [])


def listed(problems: Sequence[Problem], most: int = SHOWN) -> Listed:
    """The first ``most`` of ``problems``, and what the others are."""
    more = problems[most:]
    if not more:
        return Listed(tuple(problems), len(problems), "")
    where = Counter(problem.field for problem in more)
    counts = [
        f"{format_number(count)} {_place(field)}"
        for field, count in sorted(
            where.items(), key=lambda item: (-item[1], item[0] is None, item[0] or "")
        )
    ]
    rest = (
        f"And {plural(len(more), 'more problem')}, not listed: "
        f"{format_list(counts, locale=LOCALE)}. Fix the ones listed, then check the file again."
    )
    return Listed(tuple(problems[:most]), len(problems), rest)


def _place(field: str | None) -> str:
    return f"in the {field} column" if field else "elsewhere in the file"
