"""The relationship map: how closely each partner says it works with each other.

Perception surveys overstate collaboration, and one side often sees a
relationship very differently from the other; the map shows both directions
and flags the pairs that disagree. Definitions: docs/scoring.md.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from joinedup.core.respondents import DEFAULT_MIN_GROUP, collect_answers, named_partners

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
    # rating partner -> rated partner -> level; named rating partners only
    levels: Mapping[str, Mapping[str, PairLevel]]
    # rated partner -> level, from the pooled partners; None unless the pool
    # reaches the minimum group
    other_partners: Mapping[str, PairLevel] | None
    asymmetric_pairs: tuple[AsymmetricPair, ...]  # widest difference first
    median: float | None  # over every rating in the round

    def as_dict(self) -> dict[str, Any]:
        """The map as JSON-ready values (the shape documented in docs/scoring.md)."""

        def pairs(levels: Mapping[str, PairLevel]) -> dict[str, Any]:
            return {about: {"n": pl.n, "median": pl.median} for about, pl in levels.items()}

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
    responses: Sequence[RelationshipResponse], *, min_group: int = DEFAULT_MIN_GROUP
) -> RelationshipMap:
    """The median level each partner gives each other partner, and the pairs that disagree.

    The minimum-group rule is the scoring's: a rating partner with too few
    respondents is pooled into ``other_partners``, because its medians are
    its members' answers. Rated partners are always named: what others say
    about a partner reveals nothing its own members answered.
    """
    responses = [response for response in responses if response.levels]
    sizes = Counter(response.partner for response in responses)
    named, pooled = named_partners(sizes, min_group, totals_shown=False)
    pool_shown = sum(sizes[partner] for partner in pooled) >= min_group

    given: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    pool: dict[str, list[int]] = defaultdict(list)
    for response in responses:
        into = given[response.partner] if response.partner in named else pool
        for about, level in response.levels.items():
            into[about].append(level)

    levels = {partner: _medians(given[partner]) for partner in named}
    everything = [level for response in responses for level in response.levels.values()]
    return RelationshipMap(
        respondents=len(responses),
        min_group=min_group,
        levels=levels,
        other_partners=_medians(pool) if pool_shown else None,
        asymmetric_pairs=_asymmetric(levels),
        median=float(statistics.median(everything)) if everything else None,
    )


def _medians(ratings: Mapping[str, list[int]]) -> dict[str, PairLevel]:
    return {
        about: PairLevel(len(levels), float(statistics.median(levels)))
        for about, levels in sorted(ratings.items())
    }


def _asymmetric(levels: Mapping[str, Mapping[str, PairLevel]]) -> tuple[AsymmetricPair, ...]:
    pairs = []
    for a, about_a in levels.items():
        for b, a_about_b in about_a.items():
            b_about_a = levels.get(b, {}).get(a)
            if b_about_a is not None and a_about_b.median - b_about_a.median >= ASYMMETRY:
                pairs.append(AsymmetricPair(a, b, a_about_b.median, b_about_a.median))
    return tuple(
        sorted(
            pairs, key=lambda p: (p.second_about_first - p.first_about_second, p.first, p.second)
        )
    )
