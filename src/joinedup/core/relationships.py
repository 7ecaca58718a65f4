"""The relationship map: how closely each partner says it works with each other.

Perception surveys overstate collaboration, and one side often sees a
relationship very differently from the other; the map shows both directions
and flags the pairs that disagree. Definitions: docs/scoring.md.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from joinedup.core.disclosure import Withheld, disclose
from joinedup.core.respondents import DEFAULT_MIN_GROUP, collect_answers

LEVELS: dict[int, str] = {
    0: "No contact",
    1: "Aware of each other",
    2: "Exchange information",
    3: "Cooperate",
    4: "Coordinate: plan and act jointly",
    5: "Integrate: shared resources, teams and decisions",
}
ASYMMETRY = 2  # levels between the two directions of a pair


@dataclass(frozen=True)
class RelationshipResponse:
    """One respondent's ratings: the partner rated (about_partner) -> level 0-5."""

    respondent: str
    partner: str
    levels: Mapping[str, int]


@dataclass(frozen=True)
class PairLevel:
    n: int  # ratings
    median: float


Pair = PairLevel | Withheld


@dataclass(frozen=True)
class AsymmetricPair:
    first: str  # the partner that rates the relationship higher
    second: str
    first_about_second: float
    second_about_first: float


@dataclass(frozen=True)
class RelationshipMap:
    respondents: int
    min_group: int
    # rating partner -> rated partner -> level, or why it is withheld; rating
    # partners shown on their own for at least one rated partner
    levels: Mapping[str, Mapping[str, Pair]]
    # rated partner -> level from the partners not shown on their own for it;
    # None when no such partner rated any
    other_partners: Mapping[str, Pair] | None
    asymmetric_pairs: tuple[AsymmetricPair, ...]  # widest difference first
    median: float | None  # over every rating in the round; None with fewer than K raters

    def as_dict(self) -> dict[str, Any]:
        """The map as JSON-ready values (the shape documented in docs/scoring.md)."""

        def pairs(levels: Mapping[str, Pair]) -> dict[str, Any]:
            return {
                about: {"withheld": pl.value}
                if isinstance(pl, Withheld)
                else {"n": pl.n, "median": pl.median}
                for about, pl in levels.items()
            }

        return {
            "respondents": self.respondents,
            "min_group": self.min_group,
            "levels": {partner: pairs(about) for partner, about in self.levels.items()},
            "other_partners": pairs(self.other_partners) if self.other_partners else None,
            "asymmetric_pairs": [
                {
                    "first": pair.first,
                    "second": pair.second,
                    "first_about_second": pair.first_about_second,
                    "second_about_first": pair.second_about_first,
                }
                for pair in self.asymmetric_pairs
            ],
            "median": self.median,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> RelationshipMap:
        """The map :meth:`as_dict` gave."""

        # In name order, as relationship_map makes them: stored JSON may keep no order.
        def pairs(levels: Mapping[str, Any]) -> dict[str, Pair]:
            return {
                about: Withheld(pl["withheld"])
                if "withheld" in pl
                else PairLevel(pl["n"], pl["median"])
                for about, pl in sorted(levels.items())
            }

        other = data["other_partners"]
        return cls(
            respondents=data["respondents"],
            min_group=data["min_group"],
            levels={partner: pairs(about) for partner, about in sorted(data["levels"].items())},
            other_partners=None if other is None else pairs(other),
            asymmetric_pairs=tuple(AsymmetricPair(**pair) for pair in data["asymmetric_pairs"]),
            median=data["median"],
        )


def parse_relationships(
    rows: Iterable[tuple[int, Mapping[str, str]]],
) -> list[RelationshipResponse]:
    """Responses from rows of ``respondent, partner, about_partner, level``.

    ``level`` is 0-5 or empty (not answered: left out). Raises
    :class:`~joinedup.core.errors.InputError` naming every bad row.
    """

    def check_about(about: str, partner: str) -> str | None:
        return "a partner does not rate itself" if about == partner else None

    answers = collect_answers(rows, "about_partner", "level", _parse_level, check_about)
    return [
        RelationshipResponse(respondent, partner, levels) for respondent, partner, levels in answers
    ]


def _parse_level(text: str) -> int:
    if text in {str(level) for level in LEVELS}:
        return int(text)
    raise ValueError(f"'{text}' is not a level: expected 0-5 or empty (not answered)")


def relationship_map(
    responses: Sequence[RelationshipResponse],
    *,
    min_group: int = DEFAULT_MIN_GROUP,
    rank: Mapping[str, int] | None = None,
) -> RelationshipMap:
    """The median level each partner gives each other partner, and the pairs that disagree.

    The disclosure rule is the scoring's, per pair: a rating partner's median
    for a rated partner is shown only when at least K of its respondents
    rated that partner, because it is its members' answers; the other
    ratings of that partner are pooled into ``other_partners``. Rated
    partners are always named: what others say about a partner reveals
    nothing its own members answered. Medians cannot be subtracted from a
    total, so the pool is not topped up as in scoring.
    """
    responses = [response for response in responses if response.levels]
    raters = sorted({response.partner for response in responses})
    given: dict[str, dict[str, list[int]]] = {
        about: defaultdict(list) for about in _rated(responses)
    }
    for response in responses:
        for about, level in response.levels.items():
            given[about][response.partner].append(level)

    def key(partner: str) -> tuple[int, str]:
        return (rank[partner] if rank is not None else 0, partner)

    shown = {
        about: disclose(
            {rater: len(by[rater]) for rater in raters}, min_group, rank=key, complementary=False
        )
        for about, by in given.items()
    }
    named = [r for r in raters if any(r in d.named for d in shown.values())]
    levels: dict[str, dict[str, Pair]] = {rater: {} for rater in named}
    pool: dict[str, Pair] = {}
    for about, by in sorted(given.items()):
        found = shown[about]
        for rater in named:
            if rater != about:
                levels[rater][about] = (
                    _level(by[rater]) if rater in found.named else found.withheld[rater]
                )
        if found.pooled:
            pooled = [level for rater in found.pooled for level in by[rater]]
            pool[about] = _level(pooled) if found.pool_shown else Withheld.FEW
    everything = [level for response in responses for level in response.levels.values()]
    return RelationshipMap(
        respondents=len(responses),
        min_group=min_group,
        levels=levels,
        other_partners=pool or None,
        asymmetric_pairs=_asymmetric(levels),
        median=(float(statistics.median(everything)) if len(responses) >= min_group else None),
    )


def _rated(responses: Sequence[RelationshipResponse]) -> list[str]:
    return sorted({about for response in responses for about in response.levels})


def _level(ratings: list[int]) -> PairLevel:
    return PairLevel(len(ratings), float(statistics.median(ratings)))


def _asymmetric(levels: Mapping[str, Mapping[str, Pair]]) -> tuple[AsymmetricPair, ...]:
    pairs = []
    for a, about_a in levels.items():
        for b, a_about_b in about_a.items():
            b_about_a = levels.get(b, {}).get(a)
            if (
                isinstance(a_about_b, PairLevel)
                and isinstance(b_about_a, PairLevel)
                and a_about_b.median - b_about_a.median >= ASYMMETRY
            ):
                pairs.append(AsymmetricPair(a, b, a_about_b.median, b_about_a.median))
    return tuple(
        sorted(
            pairs, key=lambda p: (p.second_about_first - p.first_about_second, p.first, p.second)
        )
    )
