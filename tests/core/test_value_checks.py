"""The checks a new value passes: its period must have begun, and a value far
outside its series is taken for a typo until confirmed. Periods' names."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from joinedup.core.errors import InputError
from joinedup.core.outcomes import (
    FAR_OUTSIDE_WIDTHS,
    Frequency,
    Scale,
    not_yet_begun,
    parse_series,
    period_problem,
    robust_scale,
    usual_scale,
)
from tests.factories import BASE, judge

TODAY = dt.date(2026, 12, 15)


@pytest.mark.parametrize(
    ("frequency", "start", "name"),
    [
        (Frequency.MONTHLY, dt.date(2026, 11, 1), "Nov 2026"),
        (Frequency.QUARTERLY, dt.date(2026, 10, 1), "Oct to Dec 2026"),
        (Frequency.QUARTERLY, dt.date(2026, 1, 1), "Jan to Mar 2026"),
        (Frequency.YEARLY, dt.date(2026, 4, 1), "2026/27"),
        (Frequency.YEARLY, dt.date(1999, 4, 1), "1999/00"),
        (Frequency.WEEKLY, dt.date(2026, 11, 2), "week from 2 Nov 2026"),
    ],
)
def test_each_period_is_named_as_people_name_it(
    frequency: Frequency, start: dt.date, name: str
) -> None:
    assert frequency.name_of(start) == name


def test_the_current_period_is_open_and_the_next_is_refused() -> None:
    monthly = Frequency.MONTHLY
    assert not_yet_begun(dt.date(2026, 12, 1), monthly, TODAY) is None
    assert not_yet_begun(dt.date(2020, 1, 1), monthly, TODAY) is None
    assert not_yet_begun(dt.date(2027, 1, 1), monthly, TODAY) == (
        "Jan 2027 has not begun yet: values can be given for periods up to the current "
        "month, Dec 2026"
    )
    # A financial year that began in April 2026 is the current one in December.
    assert not_yet_begun(dt.date(2026, 4, 1), Frequency.YEARLY, TODAY) is None
    assert not_yet_begun(dt.date(2027, 4, 1), Frequency.YEARLY, TODAY) is not None


@given(
    st.sampled_from(list(Frequency)),
    st.dates(dt.date(2000, 1, 1), dt.date(2040, 12, 31)),
    st.dates(dt.date(2000, 1, 1), dt.date(2040, 12, 31)),
)
def test_a_period_is_refused_exactly_when_it_starts_after_the_current_one(
    frequency: Frequency, day: dt.date, today: dt.date
) -> None:
    start = frequency.start_of(day)
    assert (not_yet_begun(start, frequency, today) is None) == (start <= frequency.start_of(today))


def test_parsing_with_today_refuses_every_period_not_begun_by_row() -> None:
    lines = [
        (2, {"period": "2026-12-31", "value": "1"}),
        (3, {"period": "2099-10-01", "value": "2"}),
    ]
    with pytest.raises(InputError) as raised:
        parse_series(lines, frequency=Frequency.MONTHLY, today=TODAY)
    (problem,) = raised.value.problems
    assert (problem.row, problem.field) == (3, "period")
    assert problem.message.startswith("Oct 2099 has not begun yet")
    # Without today (a record pipeline's own dates), nothing is refused.
    assert len(parse_series(lines, frequency=Frequency.MONTHLY)) == 2


def test_a_series_with_limits_is_measured_by_their_width() -> None:
    scale = usual_scale(judge([*BASE, *BASE]))  # mean 10, limits 4.68 to 15.32
    assert scale is not None
    assert scale.centre == pytest.approx(10) and scale.width == pytest.approx(10.64)
    assert not scale.far_outside(100) and scale.far_outside(2099) and scale.far_outside(-100)


def test_a_series_without_limits_is_measured_by_its_median_moving_range() -> None:
    scale = robust_scale([50, 52, 49, 51, 50])
    assert scale is not None and scale.centre == 50
    assert not scale.far_outside(60) and scale.far_outside(5100)
    # One typo among its values barely moves the scale it is measured by.
    assert robust_scale([50, 52, 49, 5100, 51, 50]).far_outside(5100)  # type: ignore[union-attr]
    assert robust_scale([7.0]) is None and robust_scale([]) is None
    flat = robust_scale([20.0, 20.0, 20.0])
    assert flat == Scale(20.0, 20.0) and flat.far_outside(2099)


# Values as people record them: to a hundredth, up to ten thousand.
series = st.lists(st.integers(-(10**6), 10**6).map(lambda n: n / 100), min_size=2, max_size=40)


@given(series)
def test_a_typo_far_beyond_the_series_spread_is_always_caught(values: list[float]) -> None:
    scale = robust_scale(values)
    assert scale is not None and scale.width > 0
    spread = max(values) - min(values) + abs(scale.centre) + 1
    assert scale.far_outside(max(values) + 100 * spread)
    assert scale.far_outside(min(values) - 100 * spread)
    assert not scale.far_outside(scale.centre)


@given(series)
def test_far_outside_means_beyond_ten_widths_from_the_centre(values: list[float]) -> None:
    scale = robust_scale(values)
    assert scale is not None
    reach = FAR_OUTSIDE_WIDTHS * scale.width
    assert not scale.far_outside(scale.centre + 0.99 * reach)
    assert scale.far_outside(scale.centre - 1.01 * reach)


def test_a_period_before_1990_is_a_slipped_year_and_refused_with_its_row() -> None:
    assert period_problem(dt.date(1990, 1, 1), Frequency.MONTHLY, TODAY) is None
    assert period_problem(dt.date(1989, 12, 1), Frequency.MONTHLY, TODAY) == (
        "1989-12-01 is before 1990: check the year (values can be given for periods from 1990 on)"
    )
    rows = [
        (2, {"period": "0026-12-01", "value": "5"}),
        (3, {"period": "2026-11-01", "value": "6"}),
    ]
    with pytest.raises(InputError) as caught:
        parse_series(rows, frequency=Frequency.MONTHLY, today=TODAY)
    assert [(p.row, p.field) for p in caught.value.problems] == [(2, "period")]
    assert "0026-12-01 is before 1990" in str(caught.value)
