"""The verdict's vocabulary: stable machine ids, and the words a partner reads.

Ids never change once published (the JSON of ``joinedup verdict`` carries
them); labels are written to be heard by the partners being judged, so they
say what the data shows and never call anyone names. docs/verdict.md lists
every id with its label.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from joinedup.core.labels import Labelled
from joinedup.core.numbers import format_number


class VerdictKind(Labelled):
    """A verdict on an outcome or on the partnership, with what it means. Some
    ids are older than their labels: they are kept so that programs reading
    them keep working."""

    NOT_YET_JUDGEABLE = (
        "not_yet_judgeable",
        "Not yet judgeable",
        "There is not yet enough data on the results to judge.",
    )
    IMPROVING = (
        "delivering",
        "Improving",
        "Results improved while the partnership ran, and none got worse. This says what "
        "happened, not that the partnership caused it.",
    )
    MIXED = (
        "mixed",
        "Mixed",
        "Some results improved while others got worse: the picture is mixed.",
    )
    DETERIORATING = (
        "drifting",
        "Deteriorating",
        "A result has got worse since the partnership started, with a sustained signal.",
    )
    STABLE = (
        "holding",
        "Stable",
        "Nothing new has changed in the results since the partnership started (an "
        "improvement already under way before it is not counted), and none is consistently "
        "missing its target.",
    )
    STABLE_OFF_TARGET = (
        "stable_off_target",
        "Stable, off target",
        "Nothing new has changed in the results since the partnership started, and at least "
        "one will not meet its target unless something changes.",
    )
    EFFORT_WITHOUT_RESULTS = (  # the partnership only
        "talking_shop",
        "Effort without results yet",
        "The partners put heavy effort in, but no principal result has moved in a year or more.",
    )
    ACCOUNTABILITY_LAPSED = (  # the partnership only
        "accountability_lapsed",
        "Accountability lapsed",
        "A principal outcome still has no accountable owner after the date set for naming "
        "one, so nobody answers for its results, whatever they show.",
    )

    @property
    def changed(self) -> bool:
        """A verdict that some result moved (so a signal carries it)."""
        return self in (VerdictKind.IMPROVING, VerdictKind.MIXED, VerdictKind.DETERIORATING)


class Stance(Labelled):
    """What the board might do, from the most to the least committed, with
    why. ``end_it`` is an older id for "consider ending it at review"."""

    INVEST = (
        "invest_to_deepen",
        "Invest to deepen it",
        "Build on what is working: more joint work, pooled resources where they help.",
    )
    LOW_MAINTENANCE = (
        "keep_low_maintenance",
        "Keep it low-maintenance",
        "Keep what works with as little effort as the results allow.",
    )
    RENEGOTIATE = (
        "renegotiate",
        "Escalate and redesign it",
        "Take it to the partners' leaders and agree what changes. First ask whether the "
        "partners hold the levers for these results.",
    )
    CONSIDER_ENDING = (
        "end_it",
        "Consider ending it at review",
        "At the next formal review, weigh ending or merging it: the effort has gone on for "
        "years without a result moving. This is for the review to decide, not a default.",
    )

    @property
    def rank(self) -> int:
        return list(Stance).index(self)


class Level(Labelled):
    """How sure a verdict is (its reasons say why)."""

    NONE = "none", "Not enough data yet"
    EARLY_SIGNS = "early_signs", "Early signs"
    MODERATE = "moderate", "Moderate"
    HIGH = "high", "High"


class Weight(StrEnum):
    """How a fact bears on the verdict given."""

    SUPPORTS = "supports"
    AGAINST = "against"
    CONTEXT = "context"


@dataclass(frozen=True)
class Fact:
    """One thing the verdict rests on or should be read with. ``kind`` is a
    stable id (docs/verdict.md lists them); ``outcome`` is the key of the
    outcome it is about, if any."""

    kind: str
    text: str
    weight: Weight
    outcome: int | str | None = None

    def as_dict(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "text": self.text,
            "weight": self.weight.value,
            "outcome": self.outcome,
        }


def month(day: dt.date) -> str:
    return f"{day:%B %Y}"


def day(date: dt.date) -> str:
    return f"{date.day} {date:%B %Y}"


def number(value: float) -> str:
    return format_number(value)


def pounds(value: float) -> str:
    return f"£{format_number(round(value))}"
