"""Hand-built facts for the verdict's tests: series from values, effort from
hours and pounds a month. Pure Python, no database."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from joinedup.core.baseline import Series
from joinedup.core.effort import MonthlyEffort
from joinedup.core.outcomes import Frequency
from joinedup.core.spc import Improvement
from joinedup.core.verdict_evidence import Evidence, IntegrityEvidence, OutcomeEvidence
from tests.factories import month

START = dt.date(2022, 4, 1)
# Values alternating 9 and 11: mean 10, mean moving range 2, so limits 4.68
# to 15.32 and near lines 10 +- 3.5467 (the factories' BASE, two years of it).
BEFORE = [9.0, 11.0] * 12
FLAT = [9.0, 11.0]
UP = [13.0, 14.0]  # above the baseline's mean, inside its limits: a shift of improvement
DOWN = [7.0, 8.0]  # below it: a shift of concern
MISSED = 20.0  # above the limits of FLAT: with improvement "increase", assurance fail


def series(
    before: list[float],
    after: list[float],
    *,
    key: int | str = 1,
    name: str = "Home on the day",
    frequency: Frequency = Frequency.MONTHLY,
    **fields: Any,
) -> Series:
    """Values before the partnership's start (ending the period before it) and
    from its start on, a period apart."""
    if frequency is Frequency.WEEKLY:
        monday = START + dt.timedelta(days=-START.weekday() % 7)  # the first Monday from it
        periods = [monday + dt.timedelta(weeks=n - len(before)) for n in range(len(before + after))]
    else:
        periods = [month(n - len(before), START) for n in range(len(before + after))]
    values = {
        "kind": "better_off",
        "improvement": Improvement.INCREASE,
        "started": START,
        **fields,
    }
    return Series(
        key=key,
        name=name,
        frequency=frequency,
        periods=tuple(periods),
        values=tuple(before + after),
        **values,
    )


def outcome(
    *indicators: Series, key: int | str = 1, title: str = "Home when ready", principal: bool = True
) -> OutcomeEvidence:
    return OutcomeEvidence(key, title, tuple(indicators), principal)


def effort(
    hours: float,
    pounds: float,
    months: int,
    first: int = 0,
    partners: tuple[str, ...] = ("Acute", "Council"),
) -> tuple[MonthlyEffort, ...]:
    """``hours`` and ``pounds`` a month in all, shared between ``partners``,
    for ``months`` months from the month ``first`` months after the start."""
    share = len(partners)
    return tuple(
        MonthlyEffort(
            month=month(first + n, START),
            partner=partner,
            minutes=Decimal(str(hours * 60 / share)),
            staff_cost=Decimal(0),
            money=Decimal(str(pounds / share)),
        )
        for n in range(months)
        for partner in partners
    )


def no_owner(
    outcome_key: int | str = 2, since: dt.date | None = None, kind: str = "no_owner"
) -> IntegrityEvidence:
    return IntegrityEvidence(
        kind,
        "Carers are supported",
        "Nobody is accountable for this outcome.",
        outcome_key,
        None,
        since,
    )


def evidence(*outcomes: OutcomeEvidence, on: dt.date | None = None, **fields: Any) -> Evidence:
    """Judged the month after the latest value, with two partners unless said."""
    latest = max((p for o in outcomes for s in o.indicators for p in s.periods), default=START)
    fields.setdefault("partners", 2)
    return Evidence(on=on or month(1, latest), outcomes=outcomes, **fields)


def kinds(facts: Any) -> list[str]:
    return [fact.kind for fact in facts]


def fact(verdict: Any, kind: str) -> Any:
    """The one fact of ``kind``."""
    (found,) = [f for f in verdict.facts if f.kind == kind]
    return found
