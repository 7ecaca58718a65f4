"""What the verdict weighs, as plain data: the web app and the CLI build it from
the database, tests build it by hand (:func:`joinedup.core.verdict.judge`).

Each kind of fact has its own field. A new kind (the actions came with the
board pack) is a new field here and one more collector in
:mod:`joinedup.core.verdict_facts`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from joinedup.core.actions import ActionFacts
from joinedup.core.assessment import Flag
from joinedup.core.baseline import Series
from joinedup.core.effort import MonthlyEffort

# Integrity flags that mean nobody is clearly accountable for an outcome: each
# makes the verdict conditional on naming an owner.
ACCOUNTABILITY_FLAGS = ("no_owner", "owner_without_authority", "owner_left")


@dataclass(frozen=True)
class OutcomeEvidence:
    """An outcome and its indicators. ``key`` is its identity (the database id)."""

    key: int | str
    title: str
    indicators: tuple[Series, ...] = ()
    # Principal outcomes decide the partnership's verdict; the others are reported.
    principal: bool = True


@dataclass(frozen=True)
class IntegrityEvidence:
    """A reason not to take the results as they stand (joinedup.core.outcomes
    makes these flags). ``outcome`` and ``indicator`` are the keys of what it
    is about; ``since`` is when an accountability gap appeared."""

    kind: str
    subject: str  # the outcome or indicator it is about, by name
    detail: str
    outcome: int | str | None = None
    indicator: int | str | None = None
    since: dt.date | None = None

    @property
    def text(self) -> str:
        return f"{self.subject}: {self.detail}"


@dataclass(frozen=True)
class AssessmentEvidence:
    """The latest closed assessment round's flags."""

    round_name: str
    flags: tuple[Flag, ...]


@dataclass(frozen=True)
class Evidence:
    """Everything known about a partnership ``on`` a day."""

    on: dt.date
    outcomes: tuple[OutcomeEvidence, ...] = ()
    integrity: tuple[IntegrityEvidence, ...] = ()
    effort: tuple[MonthlyEffort, ...] = ()  # per partner per month
    partners: int = 1
    pooled_budget: Decimal | None = None  # a year, where the partners pool one
    assessment: AssessmentEvidence | None = None
    actions: tuple[ActionFacts, ...] = ()  # every action the partnership agreed
