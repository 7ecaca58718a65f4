"""The disclosure rule: which groups' figures a round may show, and why the rest are withheld.

The scoring (:mod:`joinedup.core.assessment`) and the relationship map
(:mod:`joinedup.core.relationships`) decide every figure they give with
:func:`disclose`, and every output (the results page, heat map and CSV, the
overview and the verdict, the CLI) shows only what they give, so the rule is
written once. docs/privacy.md explains what it stops and what it does not.

- A figure for a group on one item (a statement, or a pair of partners on the
  relationship map) is shown only when at least K respondents gave that group
  an answer there on the scale. "Don't know" and blank never count.
- The partners that are not shown on their own are pooled as "other
  partners", shown when the pool reaches K.
- Where the figures for everyone are shown beside the named partners', a pool
  of 1 to K - 1 answers could be worked out by subtraction. So named partners
  join it (complementary suppression) until it reaches K, first the one that
  comes first in ``rank``: in the web app the partner's id, which no one can
  change, so renaming a partner or adding members never changes who is pooled.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass


class Withheld(enum.StrEnum):
    """Why a group's figure is not shown."""

    FEW = "few"  # fewer than K answers on the scale
    POOLED = "pooled"  # counted in other partners, so that a smaller group cannot be worked out


@dataclass(frozen=True)
class Disclosure:
    """Who may be shown on one item."""

    everyone: bool  # the figure over every group is shown
    named: frozenset[str]  # the groups shown on their own
    pooled: frozenset[str]  # the groups with answers counted in the pool
    pool_shown: bool  # the pool reaches K
    withheld: Mapping[str, Withheld]  # every group not shown on its own, and why


def disclose(
    counts: Mapping[str, int],
    min_group: int,
    *,
    rank: Callable[[str], tuple[int, str]] | None = None,
    complementary: bool = True,
) -> Disclosure:
    """Which groups may be shown on one item, from each group's count of answers
    on the scale there.

    ``complementary`` is for figures shown beside a total that they add up to
    (means, with their numbers of answers); medians, which cannot be
    subtracted, do without. ``rank`` gives each group the key that orders the
    named groups joining the pool: (its id, its name) in the web app, so the
    id decides; ``(0, name)`` without it.
    """
    if min_group < 1:
        raise ValueError("min_group must be at least 1")
    key: Callable[[str], tuple[int, str]] = rank or (lambda group: (0, group))
    everyone = sum(counts.values()) >= min_group
    named = sorted((g for g, n in counts.items() if n >= min_group), key=key)
    topped: list[str] = []
    pool = sum(n for g, n in counts.items() if g not in named)
    while complementary and named and 0 < pool < min_group:
        first = named.pop(0)
        topped.append(first)
        pool += counts[first]
    return Disclosure(
        everyone=everyone,
        named=frozenset(named),
        pooled=frozenset(g for g, n in counts.items() if n and g not in named),
        pool_shown=pool >= min_group,
        withheld={
            g: Withheld.POOLED if g in topped else Withheld.FEW for g in counts if g not in named
        },
    )


def disclosed_comments(
    comments: Iterable[tuple[str, str]], scorers: Mapping[str, int], min_group: int
) -> tuple[str, ...]:
    """The comments on one principle that may be shown, sorted so that their order
    says nothing about who wrote when.

    ``comments`` are (partner, text) pairs, one per respondent; ``scorers`` is
    each partner's number of respondents who answered the principle on the
    scale. A partner below K is never shown on its own, so its members'
    comments are shown only among the comments of at least K respondents,
    never alone (they carry no name, but a comment can give its partner away).
    """
    found = list(comments)
    if len(found) >= min_group:
        return tuple(sorted(text for _, text in found))
    return tuple(sorted(text for partner, text in found if scorers.get(partner, 0) >= min_group))
