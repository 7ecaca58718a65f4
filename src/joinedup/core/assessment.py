"""Scoring a round: figures per statement, principle and partner, the hard-issues
agenda and the flags.

Every definition is written out in docs/scoring.md. The CLI and the web app
both call :func:`score`, so each rule has one implementation. All figures
come from counts of each answer (1-4, don't know), which makes them exact and
independent of the order the answers arrive in; which of them may be shown is
decided by the disclosure rule (:mod:`joinedup.core.disclosure`) before any
output, rule or flag sees them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from joinedup.core.agenda import AGENDA_SIZE, AgendaItem, hard_issues
from joinedup.core.disclosure import Disclosure, Withheld, disclose
from joinedup.core.figures import (
    Figures,
    Group,
    ItemResult,
    Tally,
    agreement,
    item_dict,
    item_from_dict,
    mean,
    mean_text,
)
from joinedup.core.framework import Framework
from joinedup.core.numbers import plural
from joinedup.core.respondents import DEFAULT_MIN_GROUP, collect_answers

DONT_KNOW = "dk"  # how "don't know" is written in a file

DOMINANT_LEAD = 0.75  # a partner's lead over everyone else on a principle
TRUST_PRINCIPLE = "trust"
CONSENSUS_AGREEMENT = 0.7  # r_wg from 0.7 is conventionally "strong agreement"
CONSENSUS_MEAN = 3.2  # most answers "agree", a good share "strongly agree"

# Means are ratios of integers; keep a threshold from failing by a rounding error.
_EPSILON = 1e-9
# Answer codes in the tally: 0-3 for answers 1-4, 4 for don't know; -1 not answered.
_DK = 4
_CODES: dict[int | None, int] = {1: 0, 2: 1, 3: 2, 4: 3, None: _DK}


@dataclass(frozen=True)
class Response:
    """One respondent's ratings in a round: statement id -> 1-4, or None for don't know."""

    respondent: str
    partner: str
    ratings: Mapping[str, int | None]


@dataclass(frozen=True)
class Flag:
    kind: str  # "dominant_partner", "low_response" or "comfortable_consensus"
    detail: str


@dataclass(frozen=True)
class ScoreResult:
    respondents: int
    min_group: int
    partners: tuple[str, ...]  # shown on their own on at least one statement
    principles: tuple[ItemResult, ...]
    statements: tuple[ItemResult, ...]
    agenda: tuple[AgendaItem, ...]  # most pressing first, at most the agenda's size
    also_raised: tuple[str, ...]  # the other statements with a reason, in rank order
    flags: tuple[Flag, ...]

    def principle(self, principle_id: str) -> ItemResult | None:
        return next((p for p in self.principles if p.id == principle_id), None)

    def as_dict(self, precision: int | None = 2) -> dict[str, Any]:
        """The result as JSON-ready values (the shape documented in docs/scoring.md).

        Means and agreement are rounded to ``precision`` decimals; with None
        nothing is rounded, and :meth:`from_dict` gives the same result back.
        """
        return {
            "respondents": self.respondents,
            "min_group": self.min_group,
            "partners": list(self.partners),
            "principles": [item_dict(item, precision) for item in self.principles],
            "statements": [item_dict(item, precision) for item in self.statements],
            "agenda": [
                {
                    "statement": entry.statement,
                    "principle": entry.principle,
                    "reasons": list(entry.reasons),
                    "figures": dict(zip(entry.reasons, entry.figures, strict=True)),
                    "high_partners": list(entry.high_partners),
                    "low_partners": list(entry.low_partners),
                }
                for entry in self.agenda
            ],
            "also_raised": list(self.also_raised),
            "flags": [{"kind": flag.kind, "detail": flag.detail} for flag in self.flags],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ScoreResult:
        """The result :meth:`as_dict` gave (with ``precision`` None)."""
        partners = tuple(data["partners"])
        return cls(
            respondents=data["respondents"],
            min_group=data["min_group"],
            partners=partners,
            principles=tuple(item_from_dict(item, partners) for item in data["principles"]),
            statements=tuple(item_from_dict(item, partners) for item in data["statements"]),
            agenda=tuple(
                AgendaItem(
                    statement=entry["statement"],
                    principle=entry["principle"],
                    reasons=tuple(entry["reasons"]),
                    figures=tuple(entry["figures"][reason] for reason in entry["reasons"]),
                    high_partners=tuple(entry["high_partners"]),
                    low_partners=tuple(entry["low_partners"]),
                )
                for entry in data["agenda"]
            ),
            also_raised=tuple(data["also_raised"]),
            flags=tuple(Flag(flag["kind"], flag["detail"]) for flag in data["flags"]),
        )


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
    rank: Mapping[str, int] | None = None,
    agenda_size: int = AGENDA_SIZE,
) -> ScoreResult:
    """Score a round.

    ``responses`` must be valid for ``framework`` (as :func:`parse_responses`
    and the web forms make them): a rating for an unknown statement or off the
    scale raises :class:`KeyError`. A response with no ratings is not counted.
    ``results_back_it`` says whether the outcome results back the trust
    scores (None until there are results); it only affects the
    ``comfortable_consensus`` flag. ``rank`` gives each partner a position no
    one can change (its id), which decides who joins the pool first
    (docs/scoring.md); without it, partners go in name order.
    """
    responses = [response for response in responses if response.ratings]
    if len({response.respondent for response in responses}) < len(responses):
        raise ValueError("a respondent has more than one response")
    partners = sorted({response.partner for response in responses})
    # tallies[g, s, code]: how often partner g gave answer code to statement s, as answered.
    tallies = _tally(responses, framework, partners)
    reverse = np.array([statement.reverse for statement in framework.statements], dtype=bool)
    favourable = tallies.copy()
    favourable[:, reverse, :_DK] = tallies[:, reverse, _DK - 1 :: -1]

    def key(partner: str) -> tuple[int, str]:
        return (rank[partner] if rank is not None else 0, partner)

    shown = [
        disclose(
            {p: int(tallies[g, s, :_DK].sum()) for g, p in enumerate(partners)},
            min_group,
            rank=key,
        )
        for s in range(len(framework.statements))
    ]
    columns = tuple(p for p in partners if any(p in d.named for d in shown))
    round_ = _Round(partners, columns, shown)

    statements = tuple(
        round_.item((s.id, s.principle, s.text, s.reverse), tallies, [j])
        for j, s in enumerate(framework.statements)
    )
    principles = []
    first = 0
    for p in framework.principles:
        span = list(range(first, first + len(p.statements)))
        principles.append(round_.item((p.id, p.id, p.name, False), favourable, span))
        first += len(p.statements)
    agenda = hard_issues(statements, min_group, agenda_size)
    flags = [
        *round_.dominant_partners(favourable, framework),
        *_low_response(len(responses), len(partners) - len(columns), shown, min_group),
        *_comfortable_consensus(principles, results_back_it),
    ]
    return ScoreResult(
        respondents=len(responses),
        min_group=min_group,
        partners=columns,
        principles=tuple(principles),
        statements=statements,
        agenda=agenda.items,
        also_raised=agenda.also_raised,
        flags=tuple(flags),
    )


def scorers(responses: Sequence[Response], framework: Framework) -> dict[str, Counter[str]]:
    """Principle id -> each partner's number of respondents who answered it on the
    scale: what decides whether their comments may be shown."""
    principle_of = {statement.id: statement.principle for statement in framework.statements}
    found: dict[str, Counter[str]] = {p.id: Counter() for p in framework.principles}
    for response in responses:
        scored = {principle_of[s] for s, value in response.ratings.items() if value is not None}
        for principle in scored:
            found[principle][response.partner] += 1
    return found


def _tally(
    responses: Sequence[Response], framework: Framework, partners: Sequence[str]
) -> npt.NDArray[np.int64]:
    column = {statement.id: j for j, statement in enumerate(framework.statements)}
    group_of = {partner: g for g, partner in enumerate(partners)}
    codes = np.full((len(responses), len(column)), -1, dtype=np.int8)
    groups = np.empty(len(responses), dtype=np.intp)
    for i, response in enumerate(responses):
        groups[i] = group_of[response.partner]
        row = codes[i]
        for statement, value in response.ratings.items():
            row[column[statement]] = _CODES[value]
    one_hot = codes[:, :, np.newaxis] == np.arange(_DK + 1)
    if not partners:
        return np.zeros((0, len(column), _DK + 1), dtype=np.int64)
    return np.stack(
        [one_hot[groups == g].sum(axis=0, dtype=np.int64) for g in range(len(partners))]
    )


def _figures(tally: Sequence[int]) -> Figures:
    return Figures(sum(tally[:_DK]), sum(v * c for v, c in enumerate(tally[:_DK], start=1)))


def _distribution(tally: Sequence[int]) -> Tally:
    return (tally[0], tally[1], tally[2], tally[3])


@dataclass(frozen=True)
class _Round:
    """Who is shown where in one round, to build its items and flags."""

    partners: Sequence[str]  # every partner with a respondent
    columns: Sequence[str]  # shown on their own somewhere
    shown: Sequence[Disclosure]  # per statement

    def item(
        self,
        about: tuple[str, str, str, bool],
        tallies: npt.NDArray[np.int64],
        span: Sequence[int],
    ) -> ItemResult:
        """The figures over the statements ``span`` (one, or a principle's), each group
        pooling only the statements where it is shown."""
        item_id, principle, name, reverse = about
        total = tallies.sum(axis=0)
        everyone = [s for s in span if self.shown[s].everyone]
        by_partner: dict[str, Group] = {}
        for g, partner in enumerate(self.partners):
            if partner not in self.columns:
                continue
            mine = [s for s in span if partner in self.shown[s].named]
            by_partner[partner] = (
                _figures(tallies[g, mine].sum(axis=0).tolist())
                if mine
                else self._why(partner, span)
            )
        pooled = [s for s in span if self.shown[s].pool_shown]
        pool: Group | None = None
        if pooled:
            rows = [
                tallies[g, s]
                for s in pooled
                for g, p in enumerate(self.partners)
                if p in self.shown[s].pooled
            ]
            pool = _figures(np.sum(rows, axis=0).tolist())
        elif any(self.shown[s].pooled for s in span):
            pool = Withheld.FEW
        return ItemResult(
            id=item_id,
            principle=principle,
            name=name,
            reverse=reverse,
            dont_know=int(total[span, _DK].sum()),
            distribution=(
                _distribution(total[everyone].sum(axis=0).tolist()) if everyone else None
            ),
            by_partner=by_partner,
            other_partners=pool,
        )

    def _why(self, partner: str, span: Sequence[int]) -> Withheld:
        reasons = {self.shown[s].withheld[partner] for s in span}
        return Withheld.POOLED if Withheld.POOLED in reasons else Withheld.FEW

    def dominant_partners(
        self, favourable: npt.NDArray[np.int64], framework: Framework
    ) -> list[Flag]:
        """Partners at least DOMINANT_LEAD above everyone else on at least half of the
        principles both answered, each principle over the statements where the
        partner is shown (and so everyone else is: never fewer than K of them)."""
        total = favourable.sum(axis=0)
        flags = []
        for g, partner in enumerate(self.partners):
            if partner not in self.columns:
                continue
            compared = ahead = 0
            first = 0
            for principle in framework.principles:
                span = range(first, first + len(principle.statements))
                first += len(principle.statements)
                mine = [s for s in span if partner in self.shown[s].named]
                if not mine:
                    continue
                own = favourable[g, mine].sum(axis=0)
                others = total[mine].sum(axis=0) - own
                own_mean = mean(_distribution(own.tolist()))
                others_mean = mean(_distribution(others.tolist()))
                if own_mean is None or others_mean is None:
                    continue
                compared += 1
                if own_mean - others_mean >= DOMINANT_LEAD - _EPSILON:
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


def _low_response(
    respondents: int, never_shown: int, shown: Sequence[Disclosure], min_group: int
) -> list[Flag]:
    if respondents < min_group:
        return [
            Flag(
                "low_response",
                f"{plural(respondents, 'respondent')}, fewer than the minimum group of "
                f"{min_group}: "
                "no figure is shown.",
            )
        ]
    if never_shown or any(d.pooled for d in shown):
        alone = (
            f"{plural(never_shown, 'partner')} {'is' if never_shown == 1 else 'are'} never shown "
            "on their own, and "
            if never_shown
            else ""
        )
        return [
            Flag(
                "low_response",
                f"{alone}figures that would rest on fewer than {min_group} answers are withheld "
                "or counted in other partners, so that nobody's answers can be picked out.",
            )
        ]
    return []


def _comfortable_consensus(
    principles: Sequence[ItemResult], results_back_it: bool | None
) -> list[Flag]:
    trust = next((p for p in principles if p.id == TRUST_PRINCIPLE), None)
    if trust is None or trust.distribution is None or results_back_it:
        return []
    average, agreed = trust.mean, agreement(trust.distribution)
    if average is None or agreed is None:
        return []
    if average < CONSENSUS_MEAN or agreed < CONSENSUS_AGREEMENT:
        return []
    found = (
        f"{trust.name} is rated high (mean {mean_text(average)}) with strong agreement "
        f"({mean_text(agreed)})"
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
