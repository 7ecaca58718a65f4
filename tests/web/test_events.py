"""Indicator events: recorded by leads and analysts, read by everyone in the
partnership, numbered on the chart with their list; a rebase needs a reason
and redraws the limits; the rebase dates kept before became events."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from joinedup.web.outcomes.events import EventForm
from joinedup.web.outcomes.facts import board
from joinedup.web.outcomes.models import ChangeRecord, IndicatorEvent
from tests.factories import FLAT, World, make_event, make_indicator, outcomes_url

# Two flat years from January 2021, then 16 months well up: a shift a rebase explains.
STEPPED = FLAT + [80.0, 82.0, 79.0, 81.0] * 4


def event_form(**changes: str) -> dict[str, str]:
    form = {
        "date_0": "1",
        "date_1": "1",
        "date_2": "2023",
        "kind": "rebase",
        "text": "Discharge hub opened",
        "reason": "A new way of discharging people: a new process.",
    }
    return {**form, **changes}


def test_an_analyst_records_a_rebase_with_its_reason_and_the_history_keeps_it(
    world: World,
) -> None:
    indicator = make_indicator(world, STEPPED)
    response = world.client("analyst").post(
        outcomes_url(world, "event_add", indicator.pk), event_form()
    )
    assert response.status_code == 302
    event = indicator.events.get()
    assert (event.date, event.kind, event.recorded_by) == (
        dt.date(2023, 1, 1),
        "rebase",
        world.analyst,
    )
    change = ChangeRecord.objects.get(field="rebase dates")
    assert (change.old, change.new) == ("", "1 January 2023: Discharge hub opened")
    assert change.changed_by == world.analyst


def test_a_rebase_without_a_reason_is_refused_and_nothing_is_saved(world: World) -> None:
    indicator = make_indicator(world, STEPPED)
    response = world.client("owner").post(
        outcomes_url(world, "event_add", indicator.pk), event_form(reason="  ")
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Say why the limits start again from this date" in page
    assert not indicator.events.exists() and not ChangeRecord.objects.exists()


def test_a_date_before_1900_says_what_to_enter(world: World) -> None:
    indicator = make_indicator(world, STEPPED)
    response = world.client("owner").post(
        outcomes_url(world, "event_add", indicator.pk), event_form(date_2="1023")
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Enter a date in 1900 or later" in page
    assert "Ensure this value" not in page
    assert not indicator.events.exists()


def test_a_note_needs_no_reason_and_two_rebases_cannot_share_a_date(world: World) -> None:
    indicator = make_indicator(world, STEPPED)
    client = world.client("owner")
    url = outcomes_url(world, "event_add", indicator.pk)
    assert client.post(url, event_form(kind="note", reason="")).status_code == 302
    assert client.post(url, event_form()).status_code == 302
    page = client.post(url, event_form(text="Again")).content.decode()
    assert "There is a rebase on 1 January 2023 already" in page
    page = client.post(url, event_form(date_2="2022", date_1="4")).content.decode()
    assert "at the partnership&#39;s start already" in page
    assert indicator.events.count() == 2
    assert ChangeRecord.objects.filter(field="rebase dates").count() == 1  # the note is no rebase


def test_a_rebase_redraws_the_limits_and_deleting_it_puts_them_back(world: World) -> None:
    indicator = make_indicator(world, STEPPED)
    before = board(world.partnership).indicators[indicator.pk].result
    client = world.client("owner")
    client.post(outcomes_url(world, "event_add", indicator.pk), event_form())
    after = board(world.partnership).indicators[indicator.pk].result
    assert after.points[-1].mean != before.points[-1].mean
    assert after.points[-1].mean == pytest.approx(80.5)
    event = indicator.events.get()
    client.post(outcomes_url(world, "event_delete", indicator.pk, event.pk))
    again = board(world.partnership).indicators[indicator.pk].result
    assert again.points[-1].mean == before.points[-1].mean
    change = ChangeRecord.objects.filter(field="rebase dates").first()
    assert change is not None and (change.old, change.new) == (
        "1 January 2023: Discharge hub opened",
        "",
    )


def test_the_chart_numbers_its_events_in_date_order_with_their_list(world: World) -> None:
    indicator = make_indicator(world, STEPPED)
    indicator.events.create(date=dt.date(2023, 1, 1), kind="rebase", text="Hub opened")
    indicator.events.create(
        date=dt.date(2021, 6, 1), kind="intervention", text="Pilot began", reason="To try it"
    )
    drawn = board(world.partnership).drawn(indicator, world.partnership.start_date)
    assert drawn.chart is not None
    listed = [(item.number, item.event.text, item.on_chart) for item in drawn.events]
    start = world.partnership.start_date
    assert [text for _, text, _ in listed] == [
        text
        for _, text in sorted(
            [
                (dt.date(2021, 6, 1), "Pilot began"),
                (start, "Partnership started"),
                (dt.date(2023, 1, 1), "Hub opened"),
            ]
        )
    ]
    assert [number for number, _, _ in listed] == [1, 2, 3]
    assert [marker.number for marker in drawn.chart.markers] == [n for n, _, on in listed if on]
    page = (
        world.client("viewer").get(outcomes_url(world, "indicator", indicator.pk)).content.decode()
    )
    assert "Events on the chart" in page
    assert "Reason not recorded" in page  # the hub's rebase has none
    assert "Why: To try it" in page
    assert page.index("Pilot began") < page.index("Hub opened")


def test_the_events_page_lists_them_and_only_data_editors_may_change(world: World) -> None:
    event = make_event(world)
    url = outcomes_url(world, "events", event.indicator_id)
    edit = outcomes_url(world, "event_edit", event.indicator_id, event.pk)
    assert edit in world.client("analyst").get(url).content.decode()
    page = world.client("member").get(url).content.decode()
    assert "Hub opened" in page and "Why: A new process" in page and edit not in page
    assert world.client("member").post(edit, event_form()).status_code == 403
    assert world.client("outsider").get(url).status_code == 404


def test_an_event_of_another_indicator_is_not_found(world: World) -> None:
    event = make_event(world)
    other = make_indicator(world, name="Readmissions")
    url = outcomes_url(world, "event_edit", other.pk, event.pk)
    assert world.client("owner").get(url).status_code == 404


@pytest.mark.django_db(transaction=True)
def test_the_migration_turns_each_rebase_date_into_a_rebase_event_without_a_reason(
    world: Any,
) -> None:
    before, after = [("outcomes", "0004_upload")], [("outcomes", "0005_indicator_events")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    indicator = old.get_model("outcomes", "Indicator").objects.get(pk=make_indicator_pk(world))
    old.get_model("outcomes", "RebaseDate").objects.create(
        indicator=indicator, date=dt.date(2023, 10, 1), label="Discharge to assess began"
    )
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(after)
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    event = IndicatorEvent.objects.get()
    assert (event.date, event.kind, event.text, event.reason) == (
        dt.date(2023, 10, 1),
        "rebase",
        "Discharge to assess began",
        "",
    )
    assert event.facts().reason_text == "Reason not recorded"


def make_indicator_pk(world: Any) -> int:
    return int(make_indicator(world).pk)


def test_a_rebase_saved_on_the_same_date_since_the_form_was_checked_is_a_date_error(
    world: World,
) -> None:
    indicator = make_indicator(world, STEPPED)
    form = EventForm(event_form(), instance=IndicatorEvent(), indicator=indicator)
    assert form.is_valid()
    IndicatorEvent.objects.create(
        indicator=indicator,
        date=dt.date(2023, 1, 1),
        kind="rebase",
        text="Saved first",
        reason="Another tab",
    )
    assert form.save_by(world.owner) is None
    assert form.errors["date"] == ["There is a rebase on 1 January 2023 already"]
    assert list(indicator.events.values_list("text", flat=True)) == ["Saved first"]
