"""Listing problems: the first hundred, then the others counted by column."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from joinedup.core.errors import Problem
from joinedup.core.problems import SHOWN, listed


def test_a_short_list_is_listed_whole() -> None:
    problems = [Problem("a value is needed", 2, "value")]
    assert listed(problems).shown == tuple(problems)
    assert listed(problems).rest == ""


def test_the_rest_are_counted_by_column() -> None:
    problems = [Problem("period 2021-01-01 is in the same month as row 2", n, "period")
                for n in range(3, 199_003)]  # fmt: skip
    problems += [Problem("a value is needed", 2, "value"), Problem("the file is odd")]
    found = listed(problems)
    assert found.shown == tuple(problems[:SHOWN]) and found.total == 199_002
    assert found.lines("f.csv: ")[0] == f"f.csv: {problems[0]}" and len(found.lines()) == 101
    assert found.rest == (
        "And 198,902 more problems, not listed: 198,900 in the period column, 1 in the value "
        "column and 1 elsewhere in the file. Fix the ones listed, then check the file again."
    )


@given(st.lists(st.sampled_from(["period", "value", None]), max_size=30), st.integers(0, 40))
def test_every_problem_is_listed_or_counted(fields: list[str | None], most: int) -> None:
    problems = [Problem("wrong", n, field) for n, field in enumerate(fields, start=2)]
    found = listed(problems, most)
    assert found.shown == tuple(problems[:most]) and found.total == len(problems)
    assert (found.rest == "") == (len(problems) <= most)
    if found.rest:
        assert f"And {len(problems) - most:,} more problem" in found.rest
