"""The vocabularies of the domain: each member has the words people read."""

from __future__ import annotations

import pytest

from joinedup.core.actions import Status
from joinedup.core.effort import Grade
from joinedup.core.labels import Labelled
from joinedup.core.outcomes import Frequency, Kind
from joinedup.core.quality import MarkKind
from joinedup.core.register import Role, Sector, Stage

VOCABULARIES: list[type[Labelled]] = [Sector, Role, Stage, Grade, Kind, Frequency, Status, MarkKind]


@pytest.mark.parametrize("vocabulary", VOCABULARIES)
def test_every_member_has_a_label_and_is_found_by_its_value(vocabulary: type[Labelled]) -> None:
    for member in vocabulary:
        assert member.label.strip()
        assert vocabulary(member.value) is member
        assert member == member.value  # stored and compared as its text


def test_choices_are_value_and_label_in_order() -> None:
    assert Sector.choices()[0] == ("nhs", "NHS")
    assert [value for value, _ in Role.choices()] == ["lead", "member", "analyst", "viewer"]


def test_a_description_is_optional() -> None:
    assert Stage.COOPERATIVE.description.startswith("Each partner pursues its own goals")
    assert Sector.NHS.description == ""
