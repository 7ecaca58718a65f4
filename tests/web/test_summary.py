"""The summary table: one row per indicator grouped by outcome, with its icons,
latest value, target, owner, data-quality mark and what the chart says;
sorted and filtered from the query string; the same as CSV."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterator

import pytest
import time_machine
from django.urls import reverse

from joinedup.core.summary import Sort
from joinedup.web.outcomes.summary import COLUMNS, summary_rows
from tests.factories import FLAT, IMPROVED, World, home_indicator, make_outcome

TABLE = reverse("summary:table", args=["riverside"])
CSV = reverse("summary:csv", args=["riverside"])


@pytest.fixture(autouse=True)
def _just_after_the_data() -> Iterator[None]:
    """The factories' series run April 2022 to March 2024: read them in April 2024."""
    with time_machine.travel(dt.datetime(2024, 4, 15, 12, tzinfo=dt.UTC)):
        yield


@pytest.fixture
def indicators(world: World) -> dict[str, int]:
    """Two outcomes: "Home sooner" (improved, flat with a target it misses) and
    "Carers supported" (no owner, one indicator without values)."""
    home = make_outcome(world, "Home sooner")
    improved = home_indicator(home, IMPROVED, "Home on the day")
    flat = home_indicator(home, FLAT, "Reablement offered", kind="how_well")
    flat.target = 90
    flat.save()
    carers = make_outcome(world, "Carers supported", owner=None)
    empty = carers.indicators.create(
        name="Carers assessed", unit="carers", improvement="increase", kind="how_much"
    )
    return {"improved": improved.pk, "flat": flat.pk, "empty": empty.pk}


def test_rows_come_outcome_by_outcome_with_every_column(
    world: World, indicators: dict[str, int]
) -> None:
    rows = summary_rows(world.partnership)
    assert [(row.outcome, row.indicator) for row in rows] == [
        ("Carers supported", "Carers assessed"),
        ("Home sooner", "Home on the day"),
        ("Home sooner", "Reablement offered"),
    ]
    empty, improved, flat = rows
    assert empty.owner is None and empty.latest_value is None and empty.variation is None
    assert improved.owner == "Owner (Riverside Hospitals)"
    assert improved.latest_period == dt.date(2024, 3, 1) and improved.latest_value == 71
    assert improved.variation is not None and improved.variation.value == "improvement_high"
    assert improved.says.startswith("Special cause improvement")
    assert flat.assurance is not None and flat.assurance.value == "fail"
    assert flat.target == 90
    assert not empty.quality.supports_delivering


def test_the_page_shows_each_outcome_with_its_owner_and_links_each_chart(
    world: World, indicators: dict[str, int]
) -> None:
    page = world.client("member").get(TABLE).content.decode()
    assert page.index("Carers supported") < page.index("Home sooner")
    assert "Owner: <strong>nobody</strong>" in page
    assert "Owner: Owner (Riverside Hospitals)" in page
    for pk in indicators.values():
        assert reverse("outcomes:indicator", args=["riverside", pk]) in page
    assert "Improving (higher)" in page and "Misses the target" in page
    assert "Target 90.0%" in page and "71.0%" in page and "Mar 2024" in page
    assert "No values yet" in page and "Fit to judge" not in page.split("Carers assessed")[1][:400]
    assert "3 indicators" in page


def test_sorting_by_assurance_puts_missed_targets_first_and_names_each_outcome(
    world: World, indicators: dict[str, int]
) -> None:
    page = world.client("member").get(TABLE, {"sort": Sort.ASSURANCE}).content.decode()
    assert page.index("Reablement offered") < page.index("Home on the day")
    assert "Home sooner. Owner: Owner (Riverside Hospitals)" in page
    assert 'scope="colgroup"' not in page


def test_filtering_by_icon_keeps_only_those_rows(world: World, indicators: dict[str, int]) -> None:
    client = world.client("member")
    page = client.get(TABLE, {"variation": "improvement_high"}).content.decode()
    assert "Home on the day" in page and "Reablement offered" not in page
    assert "1 indicator with these icons" in page
    page = client.get(TABLE, {"assurance": "none"}).content.decode()
    assert "Reablement offered" not in page and "Carers assessed" in page
    page = client.get(TABLE, {"variation": "concern_low"}).content.decode()
    assert "No indicator has these icons" in page


def test_a_wrong_choice_is_named_and_ignored(world: World, indicators: dict[str, int]) -> None:
    response = world.client("member").get(TABLE, {"sort": "nonsense", "variation": "purple"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Choose a variation icon from the list" in page
    assert "3 indicators" in page


def test_the_csv_has_the_same_rows_with_numbers_as_numbers(
    world: World, indicators: dict[str, int]
) -> None:
    response = world.client("viewer").get(CSV, {"sort": Sort.ASSURANCE})
    assert response["Content-Type"].startswith("text/csv")
    assert "riverside-summary.csv" in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert list(rows[0]) == COLUMNS
    assert [row["indicator"] for row in rows] == [
        "Reablement offered",
        "Carers assessed",  # no assurance either: the outcome order
        "Home on the day",
    ]
    flat, empty, improved = rows
    assert flat["target"] == "90" and flat["assurance"] == "fail"
    assert flat["assurance_meaning"] == "Misses the target every period"
    assert improved["latest_value"] == "71" and improved["latest_period"] == "2024-03-01"
    assert improved["latest_period_name"] == "Mar 2024" and improved["unit"] == "%"
    assert improved["variation"] == "improvement_high" and improved["kind"] == "better_off"
    assert improved["chart"] == "http://testserver" + reverse(
        "outcomes:indicator", args=["riverside", indicators["improved"]]
    )
    assert empty["owner"] == "" and empty["latest_value"] == "" and empty["variation"] == ""
    assert empty["variation_meaning"] == "Too few values to judge"
    assert "Out of date" in empty["data_quality"] and empty["data_quality_reasons"]


def test_the_csv_follows_the_filter(world: World, indicators: dict[str, int]) -> None:
    response = world.client("member").get(CSV, {"variation": "improvement_high"})
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [row["indicator"] for row in rows] == ["Home on the day"]


@pytest.mark.parametrize("name", ["summary:table", "summary:csv"])
def test_outsiders_get_404(world: World, indicators: dict[str, int], name: str) -> None:
    assert world.client("outsider").get(reverse(name, args=["riverside"])).status_code == 404


def test_the_summary_is_in_the_navigation_and_linked_from_the_overview(
    world: World, indicators: dict[str, int]
) -> None:
    page = world.client("member").get(reverse("overview:partnership", args=["riverside"]))
    assert page.content.decode().count(f'href="{TABLE}"') >= 2


def test_without_outcomes_it_says_what_is_needed(world: World) -> None:
    page = world.client("owner").get(TABLE).content.decode()
    assert "No indicators yet, so there is nothing to summarise" in page


def test_the_csv_writes_formula_like_text_as_text(world: World) -> None:
    home_indicator(make_outcome(world, "=HYPERLINK(1)"), FLAT, "-sum")
    rows = list(csv.DictReader(io.StringIO(world.client("member").get(CSV).content.decode())))
    assert rows[0]["outcome"] == "'=HYPERLINK(1)" and rows[0]["indicator"] == "'-sum"
