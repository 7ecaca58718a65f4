"""Data-quality marks: complete, recent, stable definition and baseline, each
with its reason in words."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from joinedup.core.outcomes import Frequency
from joinedup.core.quality import (
    BASELINE_POINTS,
    WINDOW,
    DefinitionChange,
    MarkKind,
    assess,
)

START = dt.date(2022, 4, 1)
TODAY = dt.date(2025, 6, 15)
MONTHLY = Frequency.MONTHLY


def monthly(first: dt.date, count: int) -> list[dt.date]:
    return [MONTHLY.shift(first, n) for n in range(count)]


# April 2021 to May 2025: 12 months before the start, current on TODAY.
FULL = monthly(dt.date(2021, 4, 1), 50)


def quality(periods: list[dt.date], *changes: DefinitionChange, frequency: Frequency = MONTHLY):
    return assess(frequency, periods, START, TODAY, changes)


def test_a_well_kept_series_passes_every_mark_with_its_reasons() -> None:
    marks = quality(FULL)
    assert all(mark.passed for mark in marks.marks)
    assert marks.supports_delivering and not marks.failed
    assert marks.complete.reason == "Each of the 12 months from June 2024 to May 2025 has a value."
    assert marks.recent.reason == (
        "The latest value is for May 2025; the value for June 2025 is expected by 14 August 2025."
    )
    assert marks.baseline.reason == "12 values from before the partnership started on 1 April 2022."
    assert [mark.text for mark in marks.marks] == [
        "Complete",
        "Recent",
        "Stable definition",
        "Baseline",
    ]


def test_no_values_fails_all_but_the_definition() -> None:
    marks = quality([])
    assert [mark.passed for mark in marks.marks] == [False, False, True, False]
    assert marks.complete.reason == marks.recent.reason == "It has no values yet."
    assert not marks.supports_delivering


def test_gaps_in_the_last_12_periods_are_named() -> None:
    holes = [p for p in FULL if p not in (dt.date(2024, 9, 1), dt.date(2025, 1, 1))]
    marks = quality(holes)
    assert not marks.complete.passed and not marks.supports_delivering
    assert marks.complete.text == "Incomplete"
    assert marks.complete.reason == (
        "2 of the 12 months from June 2024 to May 2025 have no value: "
        "September 2024 and January 2025."
    )
    many = [p for p in FULL if not dt.date(2024, 7, 1) <= p <= dt.date(2024, 11, 1)]
    assert quality(many).complete.reason.endswith(
        "have no value: July 2024, August 2024, September 2024 and 2 more."
    )
    # A gap older than the last 12 months does not count.
    assert quality([p for p in FULL if p != dt.date(2023, 1, 1)]).complete.passed


def test_a_short_series_is_not_yet_complete() -> None:
    marks = quality(monthly(dt.date(2024, 12, 1), 6))
    assert marks.complete.reason == (
        "Only 6 of the 12 months from June 2024 to May 2025 have a value: "
        "its values start in December 2024."
    )


def test_recent_allows_the_grace_after_the_next_period_ends() -> None:
    # Latest March 2025: April's value was due within 45 days of 30 April.
    to_march = FULL[:-2]
    assert assess(MONTHLY, to_march, START, dt.date(2025, 6, 14)).recent.passed
    late = assess(MONTHLY, to_march, START, dt.date(2025, 6, 15)).recent
    assert not late.passed and late.text == "Out of date"
    assert late.reason == (
        "The latest value is for March 2025; the value for April 2025 was expected by 14 June 2025."
    )


@pytest.mark.parametrize(
    ("frequency", "latest", "last_on_time"),
    [
        # The week of Monday 2 June: the next week ends on Sunday 15 June, then 14 days.
        (Frequency.WEEKLY, dt.date(2025, 6, 2), dt.date(2025, 6, 29)),
        # April to June 2025: July to September ends on 30 September, then 90 days.
        (Frequency.QUARTERLY, dt.date(2025, 4, 1), dt.date(2025, 12, 29)),
        # 2023/24: 2024/25 ends on 31 March 2025, then 270 days.
        (Frequency.YEARLY, dt.date(2023, 4, 1), dt.date(2025, 12, 26)),
    ],
)
def test_each_frequency_has_its_own_grace(
    frequency: Frequency, latest: dt.date, last_on_time: dt.date
) -> None:
    def recent(on: dt.date) -> bool:
        return assess(frequency, [latest], START, on).recent.passed

    assert recent(last_on_time)
    assert not recent(last_on_time + dt.timedelta(days=1))


def test_period_names_read_as_people_say_them() -> None:
    assert Frequency.WEEKLY.period_name(dt.date(2025, 6, 2)) == "the week of 2 June 2025"
    assert Frequency.MONTHLY.period_name(dt.date(2025, 6, 1)) == "June 2025"
    assert Frequency.QUARTERLY.period_name(dt.date(2025, 4, 1)) == "the quarter to June 2025"
    assert Frequency.YEARLY.period_name(dt.date(2025, 4, 1)) == "2025/26"


def change(field: str, old: str, new: str, on: dt.date = dt.date(2024, 3, 5)) -> DefinitionChange:
    return DefinitionChange(field, on, old, new)


def test_a_change_of_unit_direction_or_source_once_values_existed_is_named() -> None:
    marks = quality(
        FULL,
        change("unit", "beds", "bed days"),
        change("improvement", "increase", "decrease", dt.date(2024, 6, 1)),
    )
    assert not marks.stable.passed and marks.stable.text == "Definition changed"
    assert marks.stable.reason == (
        "Its unit changed from “beds” to “bed days” on 5 March 2024; its direction changed "
        "from higher is better to lower is better on 1 June 2024, after values existed."
    )
    # Stability is not what a verdict of delivering needs; complete and recent are.
    assert marks.supports_delivering
    assert not quality(FULL, change("source", "", "SUS")).stable.passed


def test_a_change_before_any_value_or_of_another_field_is_not_counted() -> None:
    before = change("unit", "bed day", "bed days", dt.date(2021, 3, 1))
    assert quality(FULL, before).stable.passed
    assert quality(FULL, change("target", "95", "92")).stable.passed
    assert quality(FULL, change("unit", "beds", "beds")).stable.passed
    assert quality([], change("unit", "beds", "bed days")).stable.passed


def test_a_baseline_needs_12_values_before_the_start() -> None:
    assert quality(FULL[1:]).baseline.reason == (
        "Only 11 values from before the partnership started on 1 April 2022: at least 12 "
        "are needed to judge against the level before."
    )
    since_start = quality(FULL[12:]).baseline
    assert not since_start.passed and since_start.text == "No baseline"
    assert since_start.reason == (
        "No values from before the partnership started on 1 April 2022, so nobody can tell "
        "whether a change began with it."
    )


def test_mark_kinds_are_stable_strings() -> None:
    assert [kind.value for kind in MarkKind] == ["complete", "recent", "stable", "baseline"]


# Properties

months = st.lists(
    st.integers(0, 80).map(lambda n: MONTHLY.shift(dt.date(2019, 1, 1), n)), max_size=60
)
days = st.dates(min_value=dt.date(2019, 1, 1), max_value=dt.date(2027, 12, 31))


@given(months, days)
def test_marks_depend_on_the_periods_not_their_order(
    periods: list[dt.date], today: dt.date
) -> None:
    assert assess(MONTHLY, periods, START, today) == assess(
        MONTHLY, sorted(periods, reverse=True) + periods, START, today
    )


@given(months, days, st.integers(0, 400))
def test_a_series_that_is_out_of_date_stays_so_until_a_value_arrives(
    periods: list[dt.date], today: dt.date, later: int
) -> None:
    if not assess(MONTHLY, periods, START, today).recent.passed:
        after = today + dt.timedelta(days=later)
        assert not assess(MONTHLY, periods, START, after).recent.passed


@given(months, days)
def test_complete_means_the_12_periods_up_to_the_latest_all_have_values(
    periods: list[dt.date], today: dt.date
) -> None:
    complete = assess(MONTHLY, periods, START, today).complete.passed
    if periods:
        last = max(periods)
        window = {MONTHLY.shift(last, -n) for n in range(WINDOW)}
        assert complete == window.issubset(periods)
    else:
        assert not complete


@given(months, days)
def test_baseline_counts_the_values_before_the_start(
    periods: list[dt.date], today: dt.date
) -> None:
    before = len({p for p in periods if p < START})
    assert assess(MONTHLY, periods, START, today).baseline.passed == (before >= BASELINE_POINTS)
