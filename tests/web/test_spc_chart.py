"""The SPC chart's geometry: the unit on the y axis, periods named as
months, and time labels that never overlap wherever the data starts."""

from __future__ import annotations

import datetime as dt
import re

from django.template import engines
from hypothesis import given, settings
from hypothesis import strategies as st

from joinedup.core.numbers import series_format
from joinedup.core.outcomes import Frequency
from joinedup.core.spc import analyse
from joinedup.web.axis import label_width
from joinedup.web.outcomes.chart import FONT, WIDTH, build
from tests.factories import months


def chart_of(  # type: ignore[no-untyped-def]
    values: list[float],
    start: dt.date,
    frequency: Frequency,
    unit: str = "bed days",
    target: float | None = None,
):
    periods = [frequency.shift(frequency.start_of(start), n) for n in range(len(values))]
    result = analyse(periods, values, target=target)
    chart = build(result, [], series_format(unit, values), frequency)
    assert chart is not None
    return chart


def test_the_y_axis_names_the_unit_and_the_values_share_their_places() -> None:
    chart = chart_of([387.0, 238.0, 412.0] * 6, dt.date(2024, 1, 1), Frequency.MONTHLY)
    assert chart.y_title == "bed days"
    assert all("." not in tick.text for tick in chart.y_ticks)
    assert chart.marks[0].label == "Jan 2024: 387 bed days, common cause"


def test_monthly_ticks_name_months_and_do_not_collide_when_data_starts_in_december() -> None:
    chart = chart_of([10.0, 12.0] * 6, dt.date(2020, 12, 1), Frequency.MONTHLY)
    texts = [tick.text for tick in chart.x_ticks if tick.text]
    assert texts[0] == "Dec 2020" or texts[0].startswith(("Jan", "Feb", "Mar", "Apr"))
    assert all(len(text.split()) == 2 for text in texts)  # "Nov 2026", never a bare year
    _no_overlap(chart.x_ticks)


def test_a_long_series_is_labelled_by_years_in_months() -> None:
    chart = chart_of([10.0, 12.0] * 30, dt.date(2020, 12, 1), Frequency.MONTHLY)
    labels = [tick for tick in chart.x_ticks if tick.text]
    assert all(tick.text.startswith("Jan ") for tick in labels)
    assert len(labels) >= 2 and len(chart.x_ticks) == 5  # a tick every January


def test_labels_far_apart_have_unlabelled_ticks_between() -> None:
    chart = chart_of([10.0, 12.0] * 40, dt.date(2018, 1, 1), Frequency.MONTHLY)
    labelled = [tick.text for tick in chart.x_ticks if tick.text]
    assert labelled == ["Jan 2018", "Jan 2020", "Jan 2022", "Jan 2024"]
    assert len(chart.x_ticks) == 7  # every January


def test_a_yearly_series_is_labelled_by_financial_years() -> None:
    chart = chart_of([10.0, 12.0, 11.0, 13.0], dt.date(2021, 4, 1), Frequency.YEARLY)
    assert [tick.text for tick in chart.x_ticks if tick.text][0] == "2021/22"


def _no_overlap(ticks: list) -> None:  # type: ignore[type-arg]
    ticks = [tick for tick in ticks if tick.text]  # unlabelled ticks only mark the axis
    for earlier, later in zip(ticks, ticks[1:], strict=False):
        room = (label_width(earlier.text, FONT) + label_width(later.text, FONT)) / 2
        assert later.at - earlier.at >= room, (earlier, later)
    for tick in ticks:
        half = label_width(tick.text, FONT) / 2
        assert tick.at - half >= 0 and tick.at + half <= WIDTH, tick


@settings(max_examples=150, deadline=None)
@given(
    st.dates(dt.date(2000, 1, 1), dt.date(2030, 12, 31)),
    st.integers(1, 130),
    st.sampled_from(list(Frequency)),
)
def test_time_labels_never_overlap_or_leave_the_chart(
    start: dt.date, count: int, frequency: Frequency
) -> None:
    values = [float(n % 7) for n in range(count)]
    chart = chart_of(values, start, frequency)
    assert chart.x_ticks
    _no_overlap(chart.x_ticks)


def test_months_of_the_factories_are_consecutive() -> None:
    assert months(2, dt.date(2020, 12, 1)) == [dt.date(2020, 12, 1), dt.date(2021, 1, 1)]


def key_of(values: list[float], target: float | None = None) -> list[str]:
    """The words of the chart's key, as its page renders it."""
    chart = chart_of(values, dt.date(2024, 1, 1), Frequency.MONTHLY, target=target)
    template = engines["jinja2"].from_string(
        '{% from "outcomes/chart.jinja" import spc_chart %}'
        '{{ spc_chart(chart, "Carers contacted", ["Too few values."], target) }}'
    )
    html = template.render({"chart": chart, "target": None if target is None else f"{target:g}"})
    key = html.split("<figcaption>")[1].split("</ul>")[0]
    return [" ".join(re.sub(r"<[^>]+>", " ", item).split()) for item in key.split("<li>")[1:]]


def test_the_key_lists_only_the_lines_drawn() -> None:
    # Too few values for limits: no mean or limits are drawn, so none is in the key.
    assert not chart_of([4.0, 6.0, 5.0] * 3, dt.date(2024, 1, 1), Frequency.MONTHLY).lines
    assert key_of([4.0, 6.0, 5.0] * 3) == ["Common cause"]
    assert key_of([4.0, 6.0, 5.0] * 3, target=5.0) == ["Common cause", "Target: 5"]
    assert key_of([4.0, 6.0, 5.0] * 8, target=5.0) == [
        "Common cause",
        "Mean",
        "Process limits",
        "Target: 5",
    ]
