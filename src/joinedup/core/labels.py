"""Enums whose members carry the words people read.

Every vocabulary of the domain (sectors, roles, grades, kinds...) is a string
enum stored by its value; pages show its label, and some a longer
description. Written once here, so that each enum is a list of members:
``NHS = "nhs", "NHS"``.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Self


class Labelled(StrEnum):
    """A string enum of ``NAME = value, label[, description]`` members."""

    _value_: str
    label: str
    description: str

    # ``label`` has a default only so that type checkers accept ``Role("lead")``,
    # which the enum answers by looking up the member, never through here.
    def __new__(cls, value: str, label: str = "", description: str = "") -> Self:
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        member.description = description
        return member

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        """(value, label) pairs, in order, as Django's ``choices`` take them."""
        return [(member.value, member.label) for member in cls]
