"""Loading the discharge pipeline's months into a partnership's standard
indicators (joinedup.web.outcomes.discharges), when names are ambiguous."""

from __future__ import annotations

import datetime as dt

import pytest

from joinedup.core.errors import InputError
from joinedup.pipelines.discharges import MonthlyDischarges
from joinedup.web.outcomes.discharges import OUTCOME, load_discharges
from joinedup.web.outcomes.models import DataPoint, Indicator, Outcome
from tests.factories import World

JANUARY = MonthlyDischarges(dt.date(2024, 1, 1), "riverside", 10, 2, 5, 5, 0, 0, 0)


def test_two_outcomes_with_the_standard_title_load_into_the_first(world: World) -> None:
    first = Outcome.objects.create(partnership=world.partnership, title=OUTCOME)
    Outcome.objects.create(partnership=world.partnership, title=OUTCOME)
    load_discharges(world.partnership, [JANUARY], "riverside")
    assert set(Indicator.objects.values_list("outcome", flat=True)) == {first.pk}


def test_two_indicators_with_a_standard_name_are_refused_not_guessed(world: World) -> None:
    for title in ("Home sooner", "Fewer delays"):
        outcome = Outcome.objects.create(partnership=world.partnership, title=title)
        Indicator.objects.create(
            outcome=outcome, name="Delayed bed days", unit="bed days", improvement="decrease"
        )
    with pytest.raises(InputError, match="2 indicators named 'Delayed bed days'"):
        load_discharges(world.partnership, [JANUARY], "riverside")
    assert not DataPoint.objects.exists()
