"""The figures of one item of a round: a statement, or a principle pooling its statements.

Every figure comes from counts of each answer, so it is exact and can be
stored and read back unchanged (a closed round's results are frozen as JSON).
A statement's figures are as answered, so that agreeing with a negatively
worded statement reads as agreement; a principle's are in the favourable
direction (a reverse statement's answers turned round, 1<->4 and 2<->3), so
that a higher score is always better news. Definitions: docs/scoring.md.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from joinedup.core.disclosure import Withheld
from joinedup.core.numbers import format_number

# How many answered 1, 2, 3 and 4.
Tally = tuple[int, int, int, int]

SPLIT_SHARE = 0.25  # at least this share on each side of the agree/disagree line
# The variance of answers spread evenly over a 4-point scale: (A^2 - 1) / 12.
_UNIFORM_VARIANCE = (4**2 - 1) / 12


@dataclass(frozen=True)
class Figures:
    """A group's answers on an item, when they may be shown: how many, and their sum."""

    n: int
    total: int

    @property
    def mean(self) -> float:
        return self.total / self.n

    def turned(self) -> Figures:
        """The same answers turned round (1<->4, 2<->3)."""
        return Figures(self.n, 5 * self.n - self.total)


Group = Figures | Withheld


def mean_text(value: float) -> str:
    """A mean on the 1-4 scale as people read it: 3.83, 2.5, 4."""
    return format_number(round(value, 2))


def mean(tally: Tally) -> float | None:
    n = sum(tally)
    return sum(value * count for value, count in enumerate(tally, start=1)) / n if n else None


def median(tally: Tally) -> float | None:
    """The middle answer, or the mean of the two middle answers."""
    n = sum(tally)
    if not n:
        return None

    def nth(position: int) -> int:  # the position-th smallest answer, from 1
        seen = 0
        for value, count in enumerate(tally, start=1):
            seen += count
            if seen >= position:
                return value
        raise AssertionError("position beyond the answers")

    return (nth((n + 1) // 2) + nth(n // 2 + 1)) / 2


def agreement(tally: Tally) -> float | None:
    """r_wg: 1 - observed variance / variance of answers spread evenly over the scale."""
    n = sum(tally)
    average = mean(tally)
    if n < 2 or average is None:
        return None
    squares = sum(count * (value - average) ** 2 for value, count in enumerate(tally, start=1))
    return max(0.0, 1 - squares / (n - 1) / _UNIFORM_VARIANCE)


def split(tally: Tally) -> bool:
    """Real numbers of people on both sides of the agree/disagree line."""
    n = sum(tally)
    disagree, agree = tally[0] + tally[1], tally[2] + tally[3]
    return n > 0 and disagree >= SPLIT_SHARE * n and agree >= SPLIT_SHARE * n


def turned(tally: Tally) -> Tally:
    return (tally[3], tally[2], tally[1], tally[0])


@dataclass(frozen=True)
class ItemResult:
    """The figures for one statement (as answered) or principle (favourable)."""

    id: str
    principle: str  # a principle's own id, or the id of a statement's principle
    name: str  # a principle's name, or a statement's text
    reverse: bool  # a statement scored in reverse: agreeing is bad news
    dont_know: int
    # Every respondent's answers 1-4; None when fewer than K are behind it.
    distribution: Tally | None
    # Every partner shown on its own somewhere in the round: its figures here, or why not.
    by_partner: Mapping[str, Group]
    other_partners: Group | None  # None when no partner's answers are pooled here

    @property
    def withheld(self) -> Withheld | None:
        return Withheld.FEW if self.distribution is None else None

    @property
    def n(self) -> int | None:
        return None if self.distribution is None else sum(self.distribution)

    @property
    def mean(self) -> float | None:
        return None if self.distribution is None else mean(self.distribution)

    @property
    def median(self) -> float | None:
        return None if self.distribution is None else median(self.distribution)

    @property
    def agreement(self) -> float | None:
        return None if self.distribution is None else agreement(self.distribution)

    @property
    def split(self) -> bool | None:
        return None if self.distribution is None else split(self.distribution)

    @property
    def favourable(self) -> Tally | None:
        """The distribution with a reverse statement's answers turned round."""
        if self.distribution is None or not self.reverse:
            return self.distribution
        return turned(self.distribution)

    @property
    def everyone(self) -> Group:
        """Every respondent's figures, or why they are withheld."""
        if self.distribution is None:
            return Withheld.FEW
        total = sum(value * count for value, count in enumerate(self.distribution, start=1))
        return Figures(sum(self.distribution), total)

    def shown(self) -> dict[str, Figures]:
        """The partners shown here on their own."""
        return {p: g for p, g in self.by_partner.items() if isinstance(g, Figures)}


def _rounded(value: float | None, precision: int | None) -> float | None:
    return None if value is None or precision is None else round(value, precision)


def _group_dict(group: Group, precision: int | None) -> dict[str, Any]:
    if isinstance(group, Withheld):
        return {"withheld": group.value}
    shown = group.mean if precision is None else round(group.mean, precision)
    return {"n": group.n, "mean": shown}


def item_dict(item: ItemResult, precision: int | None = 2) -> dict[str, Any]:
    """The item as JSON-ready values (docs/scoring.md); ``precision`` None keeps
    every digit, so that :func:`item_from_dict` gives the same item back."""
    found: dict[str, Any] = {"id": item.id, "principle": item.principle, "name": item.name}
    found["reverse"] = item.reverse
    found |= {
        "n": item.n,
        "dont_know": item.dont_know,
        "distribution": None if item.distribution is None else list(item.distribution),
        "mean": item.mean if precision is None else _rounded(item.mean, precision),
        "median": item.median,
        "agreement": item.agreement if precision is None else _rounded(item.agreement, precision),
        "split": item.split,
        "withheld": None if item.withheld is None else item.withheld.value,
        "by_partner": {p: _group_dict(g, precision) for p, g in item.by_partner.items()},
        "other_partners": (
            None if item.other_partners is None else _group_dict(item.other_partners, precision)
        ),
    }
    return found


def _group_from_dict(data: Mapping[str, Any]) -> Group:
    if "withheld" in data:
        return Withheld(data["withheld"])
    return Figures(data["n"], round(data["mean"] * data["n"]))


def _tally(values: list[int]) -> Tally:
    first, second, third, fourth = values
    return first, second, third, fourth


def item_from_dict(data: Mapping[str, Any], partners: Sequence[str]) -> ItemResult:
    """The item :func:`item_dict` gave; ``partners`` in the order of the round's
    columns (JSON stored in PostgreSQL keeps no order of keys)."""
    distribution = data["distribution"]
    return ItemResult(
        id=data["id"],
        principle=data["principle"],
        name=data["name"],
        reverse=data["reverse"],
        dont_know=data["dont_know"],
        distribution=None if distribution is None else _tally(distribution),
        by_partner={p: _group_from_dict(data["by_partner"][p]) for p in partners},
        other_partners=(
            None if data["other_partners"] is None else _group_from_dict(data["other_partners"])
        ),
    )
