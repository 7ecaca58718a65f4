"""jsonable: the domain's results as plain JSON values."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import math

from hypothesis import given
from hypothesis import strategies as st

from joinedup.core.jsonable import jsonable
from joinedup.core.register import Role


@dataclasses.dataclass(frozen=True)
class Inner:
    when: dt.date
    role: Role


@dataclasses.dataclass(frozen=True)
class Outer:
    name: str
    share: float
    inner: Inner
    many: tuple[Inner, ...]
    by_name: dict[str, float | None]


def test_dataclasses_enums_dates_and_containers_become_json() -> None:
    inner = Inner(dt.date(2026, 11, 1), Role.LEAD)
    value = Outer("x", 0.123456, inner, (inner,), {"a": math.nan, "b": 1.0, "c": math.inf})
    assert jsonable(value, places=2) == {
        "name": "x",
        "share": 0.12,
        "inner": {"when": "2026-11-01", "role": "lead"},
        "many": [{"when": "2026-11-01", "role": "lead"}],
        "by_name": {"a": None, "b": 1.0, "c": None},
    }
    assert jsonable(0.123456) == 0.123456  # unrounded unless asked


@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats() | st.text() | st.dates(),
        lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner),
        max_leaves=20,
    )
)
def test_whatever_it_makes_json_can_write(value: object) -> None:
    json.dumps(jsonable(value), allow_nan=False)
