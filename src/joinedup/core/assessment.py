"""Scoring a round: figures per statement, principle and partner, the hard-issues
agenda, the flags, and the change since the previous round.

Every definition is written out in docs/scoring.md. The CLI and the web app
both call :func:`score`, so each rule has one implementation. All figures
come from counts of each answer (1-4, don't know), which makes them exact and
independent of the order the answers arrive in.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from joinedup.core.framework import Framework
from joinedup.core.respondents import DEFAULT_MIN_GROUP, collect_answers, named_partners

DONT_KNOW = "dk"  # how "don't know" is written in a file

LOW_MEDIAN = 2.0  # median at "disagree" or below
SPLIT_SHARE = 0.25  # at least this share on each side of the agree/disagree line
PARTNER_GAP = 1.0  # a whole scale point between two named partners' means
MANY_DONT_KNOW = 0.25  # share of a statement's ratings that are "don't know"
DOMINANT_LEAD = 0.75  # a partner's lead over everyone else on a principle
TRUST_PRINCIPLE = "trust"
CONSENSUS_AGREEMENT = 0.7  # r_wg from 0.7 is conventionally "strong agreement"
CONSENSUS_MEAN = 3.2  # most answers "agree", a good share "strongly agree"

# The variance of answers spread evenly over a 4-point scale: (A^2 - 1) / 12.
_UNIFORM_VARIANCE = (4**2 - 1) / 12
# Means are ratios of integers; keep a threshold from failing by a rounding error.
_EPSILON = 1e-9
# Answer codes in the tally: 0 = not answered, 1-4 as given, 5 = don't know.
_DK = 5
_CODES: dict[int | None, int] = {1: 1, 2: 2, 3: 3, 4: 4, None: _DK}


@dataclass(frozen=True)
class Response:
    """One respondent's ratings in a round: statement id -> 1-4, or None for don't know."""

    respondent: str
    partner: str
    ratings: Mapping[str, int | None]


@dataclass(frozen=True)
class GroupFigures:
    n: int
    mean: float | None


@dataclass(frozen=True)
class ItemResult:
    """The figures for one principle (its statements' answers pooled) or statement."""

    id: str
    principle: str  # a principle's own id, or the id of a statement's principle
    name: str  # a principle's name, or a statement's text
    n: int  # answers 1-4
    dont_know: int
    distribution: tuple[int, int, int, int]  # how many answered 1, 2, 3, 4
    mean: float | None
    median: float | None
    agreement: float | None  # r_wg, in [0, 1]
    split: bool
    by_partner: Mapping[str, GroupFigures]  # named partners only
    other_partners: GroupFigures | None  # None unless the pool reaches the minimum group


@dataclass(frozen=True)
class AgendaItem:
    statement: str
    principle: str
    reasons: tuple[str, ...]  # of "low", "split", "partner_gap", "many_dont_know"
    high_partners: tuple[str, ...]
    low_partners: tuple[str, ...]


@dataclass(frozen=True)
class Flag:
    kind: str  # "dominant_partner", "low_response" or "comfortable_consensus"
    detail: str


@dataclass(frozen=True)
class ScoreResult:
    respondents: int
    min_group: int
    principles: tuple[ItemResult, ...]
    statements: tuple[ItemResult, ...]
    agenda: tuple[AgendaItem, ...]  # most pressing first
    flags: tuple[Flag, ...]

    def principle(self, principle_id: str) -> ItemResult | None:
        return next((p for p in self.principles if p.id == principle_id), None)

    def as_dict(self) -> dict[str, Any]:
        """The result as JSON-ready values (the shape documented in docs/scoring.md)."""
        return {
            "respondents": self.respondents,
            "min_group": self.min_group,
            "principles": [_item_dict(item, "name", item.name) for item in self.principles],
            "statements": [
                _item_dict(item, "principle", item.principle) for item in self.statements
            ],
            "agenda": [
                {
                    "statement": entry.statement,
                    "principle": entry.principle,
                    "reasons": list(entry.reasons),
                    "high_partners": list(entry.high_partners),
                    "low_partners": list(entry.low_partners),
                }
                for entry in self.agenda
            ],
            "flags": [{"kind": flag.kind, "detail": flag.detail} for flag in self.flags],
        }


def parse_responses(
    rows: Iterable[tuple[int, Mapping[str, str]]], framework: Framework
) -> list[Response]:
    """Responses from rows of ``respondent, partner, statement, score``.

    ``score`` is 1-4, ``dk`` (don't know) or empty (not answered: left out).
    Raises :class:`~joinedup.core.errors.InputError` naming every bad row.
    """
    known = {statement.id for statement in framework.statements}

    def check_statement(statement: str, partner: str) -> str | None:
        if statement in known:
            return None
        return f"unknown statement '{statement}': not in the framework '{framework.name}'"

    answers = collect_answers(rows, "statement", "score", _parse_score, check_statement)
    return [Response(respondent, partner, ratings) for respondent, partner, ratings in answers]


_SCORE_TEXT: dict[str, int | None] = {"1": 1, "2": 2, "3": 3, "4": 4, DONT_KNOW: None}


def _parse_score(text: str) -> int | None:
    try:
        return _SCORE_TEXT[text.lower()]
    except KeyError:
        raise ValueError(
            f"'{text}' is not on the scale: expected 1-4, {DONT_KNOW} (don't know) "
            "or empty (not answered)"
        ) from None


def score(
    responses: Sequence[Response],
    framework: Framework,
    *,
    min_group: int = DEFAULT_MIN_GROUP,
    results_back_it: bool | None = None,
) -> ScoreResult:
    """Score a round.

    ``responses`` must be valid for ``framework`` (as :func:`parse_responses`
    and the web forms make them): a rating for an unknown statement or off the
    scale raises :class:`KeyError`. A response with no ratings is not counted.
    ``results_back_it`` says whether the outcome results back the trust
    scores (None until there are results); it only affects the
    ``comfortable_consensus`` flag.
    """
    responses = [response for response in responses if response.ratings]
    if len({response.respondent for response in responses}) < len(responses):
        raise ValueError("a respondent has more than one response")
    sizes = Counter(response.partner for response in responses)
    named, pooled = named_partners(sizes, min_group, totals_shown=True)
    pool_shown = sum(sizes[partner] for partner in pooled) >= min_group

    # counts[g, s, code]: how often group g gave answer code to statement s;
    # groups are the named partners in order, then the pool.
    counts = _count(responses, framework, named)
    principle_counts = _count_principles(counts, framework)

    principles = tuple(
        _item((p.id, p.id, p.name), principle_counts[:, k].tolist(), named, pool_shown)
        for k, p in enumerate(framework.principles)
    )
    statements = tuple(
        _item((s.id, s.principle, s.text), counts[:, j].tolist(), named, pool_shown)
        for j, s in enumerate(framework.statements)
    )
    flags = [
        *_dominant_partners(principle_counts, named),
        *_low_response(len(responses), len(pooled), min_group),
        *_comfortable_consensus(principles, results_back_it),
    ]
    return ScoreResult(
        respondents=len(responses),
        min_group=min_group,
        principles=principles,
        statements=statements,
        agenda=_agenda(statements),
        flags=tuple(flags),
    )


def _count(
    responses: Sequence[Response], framework: Framework, named: Sequence[str]
) -> npt.NDArray[np.int64]:
    column = {statement.id: j for j, statement in enumerate(framework.statements)}
    group_of = {partner: g for g, partner in enumerate(named)}
    codes = np.zeros((len(responses), len(column)), dtype=np.int8)
    groups = np.empty(len(responses), dtype=np.intp)
    for i, response in enumerate(responses):
        groups[i] = group_of.get(response.partner, len(named))
        row = codes[i]
        for statement, value in response.ratings.items():
            row[column[statement]] = _CODES[value]

    # Flip reverse-scored statements so that a higher score is always better news.
    flip = [j for j, statement in enumerate(framework.statements) if statement.reverse]
    answered = (codes[:, flip] >= 1) & (codes[:, flip] <= 4)
    codes[:, flip] = np.where(answered, 5 - codes[:, flip], codes[:, flip])

    one_hot = codes[:, :, np.newaxis] == np.arange(_DK + 1)
    return np.stack(
        [one_hot[groups == g].sum(axis=0, dtype=np.int64) for g in range(len(named) + 1)]
    )


def _count_principles(counts: npt.NDArray[np.int64], framework: Framework) -> npt.NDArray[np.int64]:
    """A principle pools the answers to its statements."""
    first = 0
    pooled = []
    for principle in framework.principles:
        last = first + len(principle.statements)
        pooled.append(counts[:, first:last].sum(axis=1))
        first = last
    return np.stack(pooled, axis=1)


def _item(
    ids: tuple[str, str, str],
    group_counts: list[list[int]],
    named: Sequence[str],
    pool_shown: bool,
) -> ItemResult:
    item_id, principle, name = ids
    total = [sum(column) for column in zip(*group_counts, strict=True)]
    n = sum(total[1:_DK])
    mean = _mean(total)
    return ItemResult(
        id=item_id,
        principle=principle,
        name=name,
        n=n,
        dont_know=total[_DK],
        distribution=(total[1], total[2], total[3], total[4]),
        mean=mean,
        median=_median(total),
        agreement=_agreement(total, mean),
        split=n > 0
        and total[1] + total[2] >= SPLIT_SHARE * n
        and total[3] + total[4] >= SPLIT_SHARE * n,
        by_partner={
            partner: GroupFigures(sum(c[1:_DK]), _mean(c))
            for partner, c in zip(named, group_counts[:-1], strict=True)
        },
        other_partners=(
            GroupFigures(sum(group_counts[-1][1:_DK]), _mean(group_counts[-1]))
            if pool_shown
            else None
        ),
    )


def _mean(counts: Sequence[int]) -> float | None:
    n = sum(counts[1:_DK])
    return sum(value * counts[value] for value in range(1, _DK)) / n if n else None


def _median(counts: Sequence[int]) -> float | None:
    n = sum(counts[1:_DK])
    if not n:
        return None

    def nth(position: int) -> int:  # the position-th smallest answer, from 1
        seen = 0
        for value in range(1, _DK):
            seen += counts[value]
            if seen >= position:
                return value
        raise AssertionError("position beyond the answers")

    return (nth((n + 1) // 2) + nth(n // 2 + 1)) / 2


def _agreement(counts: Sequence[int], mean: float | None) -> float | None:
    """r_wg: 1 - observed variance / variance of answers spread evenly over the scale."""
    n = sum(counts[1:_DK])
    if n < 2 or mean is None:
        return None
    variance = sum(counts[v] * (v - mean) ** 2 for v in range(1, _DK)) / (n - 1)
    return max(0.0, 1 - variance / _UNIFORM_VARIANCE)


def _agenda(statements: Sequence[ItemResult]) -> tuple[AgendaItem, ...]:
    """The statements with a reason to be talked about, most pressing first.

    Ranked by the number of reasons, then the lower median, then the wider gap
    between named partners, then the order of the framework.
    """
    ranked = []
    for order, item in enumerate(statements):
        high, low, gap = _gap_sides(item.by_partner)
        rated = item.n + item.dont_know
        reasons = [
            reason
            for reason, applies in (
                ("low", item.median is not None and item.median <= LOW_MEDIAN),
                ("split", item.split),
                ("partner_gap", bool(high)),
                ("many_dont_know", rated > 0 and item.dont_know >= MANY_DONT_KNOW * rated),
            )
            if applies
        ]
        if reasons:
            median = item.median if item.median is not None else math.inf
            key = (-len(reasons), median, -gap, order)
            ranked.append((key, AgendaItem(item.id, item.principle, tuple(reasons), high, low)))
    return tuple(entry for _, entry in sorted(ranked, key=lambda pair: pair[0]))


def _gap_sides(
    by_partner: Mapping[str, GroupFigures],
) -> tuple[tuple[str, ...], tuple[str, ...], float]:
    """The partners on the high and low side of a partner gap, and the widest gap.

    A partner is on the high side when it is a gap above the lowest partner
    but not a gap below the highest; the low side likewise. Partners in the
    middle of a wide spread are on neither side.
    """
    means = {p: figures.mean for p, figures in by_partner.items() if figures.mean is not None}
    if len(means) < 2:
        return (), (), 0.0
    lowest, highest = min(means.values()), max(means.values())
    threshold = PARTNER_GAP - _EPSILON
    high = [p for p, m in means.items() if m - lowest >= threshold > highest - m]
    low = [p for p, m in means.items() if highest - m >= threshold > m - lowest]
    return (
        tuple(sorted(high, key=lambda p: (-means[p], p))),
        tuple(sorted(low, key=lambda p: (means[p], p))),
        highest - lowest,
    )


def _dominant_partners(principle_counts: npt.NDArray[np.int64], named: Sequence[str]) -> list[Flag]:
    """Named partners at least DOMINANT_LEAD above everyone else on at least half of
    the principles that both they and the others answered."""
    everyone = principle_counts.sum(axis=0)
    flags = []
    for g, partner in enumerate(named):
        compared = ahead = 0
        for mine, total in zip(principle_counts[g].tolist(), everyone.tolist(), strict=True):
            own = _mean(mine)
            others = _mean([t - m for t, m in zip(total, mine, strict=True)])
            if own is None or others is None:
                continue
            compared += 1
            if own - others >= DOMINANT_LEAD - _EPSILON:
                ahead += 1
        if ahead and 2 * ahead >= compared:
            flags.append(
                Flag(
                    "dominant_partner",
                    f"{partner} rates {ahead} of {compared} principles at least "
                    f"{DOMINANT_LEAD} higher than the other respondents: the partnership "
                    "may look better from where it sits than from anywhere else.",
                )
            )
    return flags


def _low_response(respondents: int, pooled: int, min_group: int) -> list[Flag]:
    if respondents < min_group:
        return [
            Flag(
                "low_response",
                f"{respondents} respondent(s), fewer than the minimum group of {min_group}: "
                "no partner is shown and the figures rest on very few people.",
            )
        ]
    if pooled:
        return [
            Flag(
                "low_response",
                f"{pooled} partner(s) are pooled as other partners so that no group of "
                f"fewer than {min_group} respondents is shown on its own.",
            )
        ]
    return []


def _comfortable_consensus(
    principles: Sequence[ItemResult], results_back_it: bool | None
) -> list[Flag]:
    trust = next((p for p in principles if p.id == TRUST_PRINCIPLE), None)
    if (
        trust is None
        or trust.mean is None
        or trust.agreement is None
        or trust.mean < CONSENSUS_MEAN
        or trust.agreement < CONSENSUS_AGREEMENT
        or results_back_it
    ):
        return []
    found = (
        f"{trust.name} is rated high (mean {trust.mean:.2f}) with strong agreement "
        f"({trust.agreement:.2f})"
    )
    if results_back_it is None:
        return [
            Flag(
                "comfortable_consensus",
                f"{found}, and there are no outcome results yet to test it against: "
                "check that it is not the comfort of avoiding the hard questions.",
            )
        ]
    return [Flag("comfortable_consensus", f"{found}, but the outcome results do not back it.")]


@dataclass(frozen=True)
class PrincipleChange:
    """One principle's change from the previous round to this one (this minus previous)."""

    id: str
    name: str
    mean: float | None  # None when either round has no mean
    agreement: float | None
    by_partner: Mapping[str, float]  # partners named, with a mean, in both rounds


def compare_rounds(previous: ScoreResult, current: ScoreResult) -> tuple[PrincipleChange, ...]:
    """The change in each principle both rounds share, in the current round's order.

    Built only from what each round shows, so a partner pooled in either round
    (fewer than the minimum group) has no change shown, and nothing hidden in
    one round can be worked out from the other.
    """
    before = {principle.id: principle for principle in previous.principles}
    changes = []
    for now in current.principles:
        then = before.get(now.id)
        if then is None:
            continue
        partner_changes = {}
        for partner, figures in now.by_partner.items():
            earlier = then.by_partner.get(partner)
            change = _change(earlier.mean if earlier else None, figures.mean)
            if change is not None:
                partner_changes[partner] = change
        changes.append(
            PrincipleChange(
                id=now.id,
                name=now.name,
                mean=_change(then.mean, now.mean),
                agreement=_change(then.agreement, now.agreement),
                by_partner=partner_changes,
            )
        )
    return tuple(changes)


def _change(before: float | None, after: float | None) -> float | None:
    return None if before is None or after is None else after - before


def _item_dict(item: ItemResult, label_key: str, label: str) -> dict[str, Any]:
    return {
        "id": item.id,
        label_key: label,
        "n": item.n,
        "dont_know": item.dont_know,
        "distribution": list(item.distribution),
        "mean": _round(item.mean),
        "median": item.median,
        "agreement": _round(item.agreement),
        "split": item.split,
        "by_partner": {
            partner: {"n": figures.n, "mean": _round(figures.mean)}
            for partner, figures in item.by_partner.items()
        },
        "other_partners": (
            {"n": item.other_partners.n, "mean": _round(item.other_partners.mean)}
            if item.other_partners
            else None
        ),
    }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)
