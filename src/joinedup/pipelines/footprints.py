"""Footprints: which footprint (a place, a system) a hospital spell counts in.

A footprint file maps provider and council codes to footprints, one rule a
row; the precedence rules are documented in docs/data/discharges.md.
"""

from __future__ import annotations

from pathlib import Path

from joinedup.core import limits as caps
from joinedup.core.errors import InputError, Problem
from joinedup.core.limits import Limits
from joinedup.core.register import is_gss_code, is_ods_code
from joinedup.tabular import read_table

UNMATCHED = "unmatched"
WILDCARD = "*"

Rules = dict[tuple[str, str], str]


class Footprints:
    """Which footprint a spell counts in, from a footprint file's rules.

    Each rule maps a provider code and a council code, either of them ``*``,
    to a footprint. The most specific rule wins: both codes given beats one
    ``*``, which beats two. A provider rule and a council rule that both match
    a spell and name different footprints are an error in the file, unless a
    rule naming both codes settles it. A spell no rule matches is counted
    under ``unmatched``.
    """

    def __init__(self, rules: Rules):
        self.rules = rules

    def footprint(self, provider: str, council: str) -> str:
        rules = self.rules
        for key in ((provider, council), (provider, WILDCARD), (WILDCARD, council)):
            if key in rules:
                return rules[key]
        return rules.get((WILDCARD, WILDCARD), UNMATCHED)


def read_footprints(path: str | Path, limits: Limits = caps.DEFAULT) -> Footprints:
    """Read and check a footprint file: ``provider_code,patient_la_code,footprint``."""
    table = read_table(
        path, required=("provider_code", "patient_la_code", "footprint"), limits=limits
    )
    problems: list[Problem] = []
    rules: Rules = {}
    where: dict[tuple[str, str], int] = {}
    for number, row in table.rows:
        provider, council = row["provider_code"], row["patient_la_code"]
        footprint = row["footprint"]
        problems += _row_problems(number, provider, council, footprint)
        key = (provider, council)
        if key in rules and rules[key] != footprint:
            problems.append(
                Problem(
                    f"{provider},{council} is already given footprint '{rules[key]}' "
                    f"on row {where[key]}",
                    number,
                )
            )
        rules.setdefault(key, footprint)
        where.setdefault(key, number)
    if not table.rows:
        problems.append(Problem("no footprints: expected one row per rule after the header"))
    problems += _conflicts(rules, where)
    if problems:
        raise InputError(problems, source=str(path))
    return Footprints(rules)


def _row_problems(number: int, provider: str, council: str, footprint: str) -> list[Problem]:
    problems = []
    if provider != WILDCARD and not is_ods_code(provider):
        problems.append(Problem(f"'{provider}' is not an ODS code or *", number, "provider_code"))
    if council != WILDCARD and not is_gss_code(council):
        problems.append(Problem(f"'{council}' is not a GSS code or *", number, "patient_la_code"))
    if not footprint:
        problems.append(Problem("is empty", number, "footprint"))
    elif footprint == UNMATCHED:
        problems.append(
            Problem(f"'{UNMATCHED}' is kept for spells no rule matches", number, "footprint")
        )
    return problems


def _conflicts(rules: Rules, where: dict[tuple[str, str], int]) -> list[Problem]:
    """A spell from provider P for council C matches both (P,*) and (*,C): rules
    that name different footprints need a (P,C) rule to settle which."""
    problems = []
    for (provider, council_p), by_provider in rules.items():
        if council_p != WILDCARD or provider == WILDCARD:
            continue
        for (provider_c, council), by_council in rules.items():
            if provider_c != WILDCARD or council == WILDCARD or by_provider == by_council:
                continue
            if (provider, council) not in rules:
                problems.append(
                    Problem(
                        f"rows {where[provider, WILDCARD]} and {where[WILDCARD, council]} both "
                        f"match provider {provider} with council {council} and name different "
                        f"footprints ('{by_provider}', '{by_council}'); add a row "
                        f"{provider},{council},<footprint> to say which"
                    )
                )
    return problems
