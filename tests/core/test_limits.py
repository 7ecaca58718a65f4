"""The caps on input: their settings, and that each check refuses exactly
what is over its cap, saying so and naming its setting."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from joinedup.core.errors import InputError
from joinedup.core.limits import MB, NO_LIMIT, SETTINGS, Limits, TooBig, limits_from

caps = st.integers(min_value=1, max_value=10**9)


def test_the_defaults_are_the_documented_ones() -> None:
    assert limits_from({}) == Limits(file_bytes=20 * MB, rows=200_000, unpacked_bytes=100 * MB)


@given(st.tuples(caps, caps, caps))
def test_each_setting_sets_its_cap_in_its_unit(values: tuple[int, int, int]) -> None:
    environ = {
        name: f" {value} " for (name, _), value in zip(SETTINGS.values(), values, strict=True)
    }
    limits = limits_from(environ)
    for (field, (_, unit)), value in zip(SETTINGS.items(), values, strict=True):
        assert getattr(limits, field) == value * unit


@pytest.mark.parametrize("text", ["lots", "0", "-5", "1.5", "1e3"])
def test_a_setting_that_is_not_a_whole_number_above_0_is_named(text: str) -> None:
    with pytest.raises(
        InputError, match=f"JOINEDUP_MAX_ROWS must be a whole number above 0, not '{text}'"
    ):
        limits_from({"JOINEDUP_MAX_ROWS": text})


@given(caps, st.integers(min_value=0, max_value=2 * 10**9))
def test_a_check_refuses_exactly_what_is_over_its_cap(cap: int, amount: int) -> None:
    limits = Limits(file_bytes=cap, rows=cap, unpacked_bytes=cap)
    for check, setting in (
        (limits.check_size, "JOINEDUP_MAX_FILE_MB"),
        (limits.check_rows, "JOINEDUP_MAX_ROWS"),
        (limits.check_unpacked, "JOINEDUP_MAX_UNPACKED_MB"),
    ):
        if amount > cap:
            with pytest.raises(TooBig) as refused:
                check(amount)
            assert refused.value.setting == setting
            assert refused.value.with_source("f.csv").setting == setting
            assert str(refused.value.with_source("f.csv")).startswith("f.csv: the ")
        else:
            check(amount)
        NO_LIMIT.check_size(amount)
        NO_LIMIT.check_rows(amount)
        NO_LIMIT.check_unpacked(amount)
