from __future__ import annotations

import pytest

from joinedup.web.axis import round_step, steps


@pytest.mark.parametrize(
    ("raw", "step"), [(7, 10), (10, 10), (0.3, 0.5), (230, 250), (1.1, 2), (4000, 5000)]
)
def test_a_step_is_the_next_round_number(raw: float, step: float) -> None:
    assert round_step(raw) == pytest.approx(step)


def test_steps_fall_between_the_ends_at_round_numbers() -> None:
    assert steps(3, 27) == [5, 10, 15, 20, 25]
    assert steps(-3.2, 3.2) == [-2, 0, 2]
