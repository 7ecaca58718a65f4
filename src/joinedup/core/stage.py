"""The computed stage of a partnership, with its reasons, beside the declared one.

A self-chosen stage matches the stage computed from evidence poorly, so
joinedup computes one from three kinds of evidence: the structures the
partnership has declared, how closely members say they work together (the
relationship map) and how far they trust each other (the trust principle).
The rules are the table below, documented in docs/scoring.md.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from joinedup.core.numbers import plural
from joinedup.core.register import STRUCTURAL_FEATURES, Stage
from joinedup.core.relationships import LEVELS


@dataclass(frozen=True)
class StageRule:
    """What a stage needs; every condition must hold."""

    stage: Stage
    all_features: tuple[str, ...] = ()
    any_features: tuple[str, ...] = ()  # at least one of these, when given
    # A median of at least L - 0.5 means at least half the ratings are L or more.
    min_relationship: float = 0.0
    min_trust: float = 1.0  # the mean of the trust principle, on the 1-4 scale


# Highest stage first: the computed stage is the first whose conditions all hold.
RULES: tuple[StageRule, ...] = (
    StageRule(
        Stage.INTEGRATED,
        all_features=("pooled_budget",),
        any_features=("single_management", "joint_posts"),
        min_relationship=4.5,
        min_trust=3.0,
    ),
    StageRule(
        Stage.COORDINATING,
        all_features=("joint_plan",),
        min_relationship=3.5,
        min_trust=2.5,
    ),
    StageRule(Stage.COOPERATIVE, min_relationship=2.5),
    StageRule(Stage.NETWORKING),
)


@dataclass(frozen=True)
class StageJudgement:
    stage: Stage | None  # None when there is not enough evidence to compute one
    reasons: tuple[str, ...]  # plain sentences


def compute_stage(
    features: Mapping[str, bool],
    relationship_median: float | None,
    trust_mean: float | None,
) -> StageJudgement:
    """The highest stage whose rules hold, with the evidence for it and what the
    next stage up lacks.

    ``features`` maps names from :data:`~joinedup.core.register.STRUCTURAL_FEATURES`
    to whether the partnership has them (a missing name counts as absent).
    ``relationship_median`` is the relationship map's median level (0-5) and
    ``trust_mean`` the mean of the trust principle (1-4); without either the
    stage is not computed, since a guess from part of the evidence would be
    read as a finding.
    """
    unknown = set(features) - set(STRUCTURAL_FEATURES)
    if unknown:
        raise ValueError(f"unknown structural features: {', '.join(sorted(unknown))}")
    missing = [
        what
        for what, value in (
            ("relationship ratings", relationship_median),
            ("trust scores from an assessment round", trust_mean),
        )
        if value is None
    ]
    if relationship_median is None or trust_mean is None:
        return StageJudgement(
            None, (f"The stage cannot be computed yet: it needs {' and '.join(missing)}.",)
        )

    for position, rule in enumerate(RULES):
        conditions = _conditions(rule, features, relationship_median, trust_mean)
        if all(met for met, _ in conditions):
            reasons = [sentence for _, sentence in conditions]
            if position > 0:
                higher = RULES[position - 1]
                reasons += [
                    f"Not {higher.stage.value}: {_lower(sentence)}"
                    for met, sentence in _conditions(
                        higher, features, relationship_median, trust_mean
                    )
                    if not met
                ]
            return StageJudgement(rule.stage, tuple(reasons))
    raise AssertionError("the last rule has no conditions")


def compare_stage(declared: Stage | None, computed: Stage | None) -> str | None:
    """A note for a declared stage that differs from the computed one; None otherwise."""
    if declared is None or computed is None or declared == computed:
        return None
    order = list(Stage)
    steps = order.index(computed) - order.index(declared)
    distance = plural(abs(steps), "stage")
    if steps < 0:
        return (
            f"Declared {declared.value}, but the evidence supports {computed.value}, "
            f"{distance} lower. A self-chosen stage often overstates how closely partners "
            "work: the reasons show what is missing."
        )
    return (
        f"Declared {declared.value}, but the evidence supports {computed.value}, "
        f"{distance} higher: the partnership may work more closely than it says."
    )


def _conditions(
    rule: StageRule,
    features: Mapping[str, bool],
    relationship_median: float,
    trust_mean: float,
) -> list[tuple[bool, str]]:
    """Each condition of ``rule``: whether it holds, and a sentence saying so."""
    conditions = []
    for name in rule.all_features:
        label = STRUCTURAL_FEATURES[name]
        has = features.get(name, False)
        conditions.append((has, f"{label} in place." if has else f"No {_lower(label)}."))
    if rule.any_features:
        labels = [STRUCTURAL_FEATURES[name] for name in rule.any_features]
        present = [
            label
            for name, label in zip(rule.any_features, labels, strict=True)
            if features.get(name, False)
        ]
        conditions.append(
            (
                bool(present),
                f"{' and '.join(present)} in place."
                if present
                else f"None of: {', '.join(_lower(label) for label in labels)}.",
            )
        )
    if rule.min_relationship:
        needed = rule.min_relationship
        met = relationship_median >= needed
        level = round(needed + 0.5)
        name = LEVELS[level].split(":")[0].lower()
        said = f"at least {needed:g}: at least half the ratings are {level} ('{name}') or more"
        conditions.append(
            (
                met,
                f"Median relationship level {relationship_median:g} is "
                f"{said if met else f'below {needed:g}'}.",
            )
        )
    if rule.min_trust > 1.0:
        met = trust_mean >= rule.min_trust
        conditions.append(
            (
                met,
                f"Trust and candour mean {trust_mean:.2f} is "
                f"{'at least' if met else 'below'} {rule.min_trust:g}.",
            )
        )
    return conditions


def _lower(label: str) -> str:
    return label[0].lower() + label[1:]
