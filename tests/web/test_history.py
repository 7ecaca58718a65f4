"""The history as the outcome and indicator pages show it: numbers in the
series' format with its unit, periods named as the page names them (once when
there is one), which way is better in words, and the moved goalpost tagged only
while it stands moved."""

from __future__ import annotations

import datetime as dt

from joinedup.core.outcomes import SeriesRow
from joinedup.web.outcomes.facts import board
from joinedup.web.outcomes.history import history_lines
from joinedup.web.outcomes.models import ChangeRecord
from joinedup.web.outcomes.series import added_text, apply_series, read_added
from joinedup.web.outcomes.values import remove_value
from tests.factories import World, make_indicator, outcomes_url

# Two years of monthly bed days from January 2021, in the thousands.
THOUSANDS = [9000.0, 9100.0, 8900.0] * 8


def lines(world: World) -> list[tuple[str, str, str]]:
    indicator = make_indicator(world)
    changes = indicator.changes.select_related("changed_by").order_by("changed_at", "pk")
    return [
        (line.what, line.was, line.now) for line in history_lines(changes, board(world.partnership))
    ]


def test_every_kind_of_line_writes_its_numbers_and_periods_as_the_page_does(
    world: World,
) -> None:
    indicator = make_indicator(world, THOUSANDS, target=None)
    apply_series(indicator, [SeriesRow(2, dt.date(2021, 1, 1), 9450.0)], user=world.owner)
    apply_series(indicator, [SeriesRow(2, dt.date(2023, 1, 1), 9300.0)], source="import of a.csv")
    apply_series(
        indicator,
        [SeriesRow(2, dt.date(2023, 2, 1), 9200.0), SeriesRow(3, dt.date(2023, 3, 1), 9250.0)],
    )
    remove_value(indicator, dt.date(2021, 2, 1), user=world.owner, reason="Wrong month")
    edit = outcomes_url(world, "indicator_edit", indicator.pk)
    world.client("owner").post(
        edit,
        {
            "name": indicator.name,
            "unit": "bed days",
            "kind": "better_off",
            "improvement": "increase",
            "frequency": "monthly",
            "source": "SUS",
            "target": "9500",
        },
    )
    assert lines(world) == [
        ("Value for Jan 2021", "9,000 bed days", "9,450 bed days"),
        ("New values", "Nothing", "1 new value, Jan 2023"),
        ("New values", "Nothing", "2 new values, Feb 2023 to Mar 2023"),
        ("Value for Feb 2021", "9,100 bed days", "Nothing"),
        ("Target", "Nothing", "9,500 bed days"),
        ("Improvement", "Decrease: lower is better", "Increase: higher is better"),
        ("Source", "Nothing", "SUS"),
    ]


def test_the_pages_show_the_lines_and_an_outcome_names_its_indicator(world: World) -> None:
    indicator = make_indicator(world, THOUSANDS)
    apply_series(indicator, [SeriesRow(2, dt.date(2023, 1, 1), 9450.0)], source="import of a.csv")
    for name, pk in (("indicator", indicator.pk), ("detail", indicator.outcome_id)):
        page = world.client("member").get(outcomes_url(world, name, pk)).content.decode()
        assert "1 new value, Jan 2023" in page
        assert "2023-01-01" not in page
    detail = world.client("member").get(outcomes_url(world, "detail", indicator.outcome_id))
    assert f"{indicator.name}: New values" in detail.content.decode()


def test_the_moved_goalpost_is_tagged_on_the_change_that_moved_it(world: World) -> None:
    indicator = make_indicator(world, THOUSANDS, target=9000.0)
    ChangeRecord.objects.create(
        partnership=world.partnership,
        outcome=indicator.outcome,
        indicator=indicator,
        field="target",
        old="8000",
        new="9000",
        moved_goalpost=True,
    )
    found = history_lines(indicator.changes.all(), board(world.partnership))
    assert [(line.was, line.now, line.moved_goalpost) for line in found] == [
        ("8,000 bed days", "9,000 bed days", True)
    ]
    assert found[0].who == "A command"


def test_an_imports_new_values_are_kept_as_dates_and_read_back() -> None:
    first, last = dt.date(2026, 10, 1), dt.date(2026, 12, 1)
    assert added_text(3, first, last) == "3 new values, 2026-10-01 to 2026-12-01"
    assert read_added(added_text(3, first, last)) == (3, first, last)
    assert read_added(added_text(1, last, last)) == (1, last, last)
    assert read_added("typed by someone") is None
