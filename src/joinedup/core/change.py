"""The change in each principle since the previous round, from what both rounds show.

A change is worked out only between two figures that the disclosure rule
showed, one in each round: everyone's, or a partner's shown on its own in
both. The pool of other partners is never compared, because who is in it can
differ between rounds. So a change gives away nothing that the two rounds did
not already show (docs/privacy.md: what is left of differencing between rounds).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from joinedup.core.assessment import ScoreResult
from joinedup.core.figures import Figures


@dataclass(frozen=True)
class PrincipleChange:
    """One principle's change from the previous round to this one (this minus previous)."""

    id: str
    name: str
    mean: float | None  # None when either round shows no mean
    agreement: float | None
    by_partner: Mapping[str, float]  # partners shown on their own, with a mean, in both rounds


def compare_rounds(
    previous: ScoreResult, current: ScoreResult, earlier_names: Mapping[str, str] | None = None
) -> tuple[PrincipleChange, ...]:
    """The change in each principle both rounds share, in the current round's order.

    ``earlier_names`` gives a partner's name in the previous round where it has
    been renamed since (by default, the same name).
    """
    before = {principle.id: principle for principle in previous.principles}
    names = earlier_names or {}
    changes = []
    for now in current.principles:
        then = before.get(now.id)
        if then is None:
            continue
        partner_changes = {}
        for partner, figures in now.by_partner.items():
            earlier = then.by_partner.get(names.get(partner, partner))
            if isinstance(figures, Figures) and isinstance(earlier, Figures):
                partner_changes[partner] = figures.mean - earlier.mean
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
