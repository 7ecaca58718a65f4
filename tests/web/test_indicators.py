"""The indicator page (chart, summary, table, history), adding and changing an
indicator, entering a value by hand, and the facts the verdict reads."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from joinedup.core.outcomes import FlagKind, Kind
from joinedup.web.outcomes.facts import partnership_facts
from joinedup.web.outcomes.models import ChangeRecord, DataPoint, Indicator, Outcome
from tests.factories import World, make_indicator, make_outcome, outcomes_url

# From January 2021: 15 months before the partnership started (April 2022), then
# 18 months at 10-12 and a drop: special-cause improvement for "decrease".
SERIES = [11.0] * 15 + [10.0, 12.0, 11.0] * 6 + [6.0] * 8


@pytest.mark.parametrize("who", ["owner", "member", "analyst", "viewer"])
def test_the_page_has_the_chart_its_text_alternative_and_the_table(world: World, who: str) -> None:
    indicator = make_indicator(world, SERIES)
    page = world.client(who).get(outcomes_url(world, "indicator", indicator.pk)).content.decode()
    assert '<svg class="app-chart" viewBox="0 0 420 300" width="100%" role="img"' in page
    assert 'aria-labelledby="spc-title spc-desc"' in page
    assert (
        "Special cause improvement: the latest value (6 bed days) is below the lower process limit"
        in page
    )
    assert page.count('<tr class="nhsuk-table__row">') >= len(SERIES)
    assert "Partnership started" in page  # the start is a rebase by default
    # Only leads and analysts are offered ways to load data.
    assert ("Import values from a file" in page) == (who in ("owner", "analyst"))
    assert ("Change the indicator" in page) == (who == "owner")


def test_a_chart_loads_nothing_from_another_host(world: World) -> None:
    indicator = make_indicator(world, SERIES)
    page = (
        world.client("owner").get(outcomes_url(world, "indicator", indicator.pk)).content.decode()
    )
    assert not re.search(r'(src|href)="(https?:)?//', page)


def test_an_indicator_without_values_says_so(world: World) -> None:
    indicator = make_indicator(world)
    page = (
        world.client("member").get(outcomes_url(world, "indicator", indicator.pk)).content.decode()
    )
    assert "No values yet." in page and "It has no values yet." in page
    assert "<svg viewBox" not in page


def test_the_outsider_gets_404_and_another_partnerships_indicator_is_404(world: World) -> None:
    indicator = make_indicator(world, SERIES)
    assert (
        world.client("outsider").get(outcomes_url(world, "indicator", indicator.pk)).status_code
        == 404
    )
    theirs = Indicator.objects.create(
        outcome=Outcome.objects.create(partnership=world.other, title="Safer"),
        name="Incidents",
        unit="incidents",
        improvement="decrease",
        kind=Kind.BETTER_OFF,
    )
    assert world.client("owner").get(outcomes_url(world, "indicator", theirs.pk)).status_code == 404


def indicator_form(**overrides: object) -> dict[str, object]:
    return {
        "name": "Readmitted within 30 days",
        "unit": "%",
        "kind": "better_off",
        "improvement": "decrease",
        "frequency": "monthly",
        "source": "SUS",
        "target": "",
        **overrides,
    }


def test_changes_of_target_direction_unit_and_source_are_kept(world: World) -> None:
    indicator = make_indicator(world, target=None)
    world.client("owner").post(
        outcomes_url(world, "indicator_edit", indicator.pk),
        indicator_form(
            name=indicator.name,
            unit="beds",
            improvement="increase",
            target="40",
        ),
    )
    changes = {c.field: (c.old, c.new, c.moved_goalpost) for c in ChangeRecord.objects.all()}
    assert changes == {
        "unit": ("bed days", "beds", False),
        "source": ("", "SUS", False),
        "improvement": ("decrease", "increase", False),
        "target": ("", "40", False),  # setting a first target moves no goalpost
    }


def test_a_target_changed_after_values_exist_is_a_moved_goalpost(world: World) -> None:
    indicator = make_indicator(world, SERIES, target=5.0)
    world.client("owner").post(
        outcomes_url(world, "indicator_edit", indicator.pk),
        indicator_form(name=indicator.name, target="8"),
    )
    change = ChangeRecord.objects.get(field="target")
    assert (change.old, change.new, change.moved_goalpost) == ("5", "8", True)
    page = (
        world.client("member").get(outcomes_url(world, "indicator", indicator.pk)).content.decode()
    )
    assert "Moved goalpost" in page and "The target was changed from 5 to 8" in page


def test_a_target_typed_and_cleared_again_is_a_correction_not_a_moved_goalpost(
    world: World,
) -> None:
    indicator = make_indicator(world, SERIES, target=None)
    edit = outcomes_url(world, "indicator_edit", indicator.pk)
    form = {"name": indicator.name, "unit": "bed days", "source": ""}
    world.client("owner").post(edit, indicator_form(**form, target="200"))
    world.client("owner").post(edit, indicator_form(**form, target=""))
    # Both changes are kept; neither moved the goalpost the data is judged by.
    changes = ChangeRecord.objects.filter(field="target").order_by("changed_at", "pk")
    assert [(c.old, c.new) for c in changes] == [("", "200"), ("200", "")]
    _, flags = partnership_facts(world.partnership)
    assert FlagKind.MOVED_GOALPOST not in {flag.kind for flag in flags}
    for name, pk in (("indicator", indicator.pk), ("detail", indicator.outcome_id)):
        page = world.client("member").get(outcomes_url(world, name, pk)).content.decode()
        assert "Moved goalpost" not in page
    overview = world.client("member").get(f"/partnerships/{world.partnership.slug}/")
    assert "Moved goalpost" not in overview.content.decode()


def test_a_target_moved_and_put_back_later_no_longer_stands_moved(world: World) -> None:
    indicator = make_indicator(world, SERIES, target=5.0)
    edit = outcomes_url(world, "indicator_edit", indicator.pk)
    world.client("owner").post(edit, indicator_form(name=indicator.name, target="8"))
    moved = ChangeRecord.objects.get(field="target")
    ChangeRecord.objects.filter(pk=moved.pk).update(
        changed_at=moved.changed_at - dt.timedelta(days=9)
    )
    page = world.client("member").get(outcomes_url(world, "indicator", indicator.pk))
    assert "The target was changed from 5 to 8" in page.content.decode()
    world.client("owner").post(edit, indicator_form(name=indicator.name, target="5"))
    _, flags = partnership_facts(world.partnership)
    assert FlagKind.MOVED_GOALPOST not in {flag.kind for flag in flags}
    page = world.client("member").get(outcomes_url(world, "indicator", indicator.pk))
    assert "Moved goalpost" not in page.content.decode()
    assert ChangeRecord.objects.filter(field="target").count() == 2


def test_the_frequency_is_fixed_once_there_are_values(world: World) -> None:
    indicator = make_indicator(world, SERIES)
    response = world.client("owner").post(
        outcomes_url(world, "indicator_edit", indicator.pk),
        indicator_form(name=indicator.name, frequency="weekly"),
    )
    assert "The frequency cannot change once the indicator has values" in response.content.decode()


def test_the_analyst_can_load_data_but_not_change_targets(world: World) -> None:
    indicator = make_indicator(world, SERIES)
    client = world.client("analyst")
    assert client.get(outcomes_url(world, "value", indicator.pk)).status_code == 200
    response = client.post(
        outcomes_url(world, "indicator_edit", indicator.pk), indicator_form(target="1")
    )
    assert response.status_code == 403
    assert Indicator.objects.get().target is None


@pytest.mark.parametrize("who", ["member", "viewer"])
def test_readers_cannot_enter_values(world: World, who: str) -> None:
    indicator = make_indicator(world, SERIES)
    form = {"period_0": "1", "period_1": "1", "period_2": "2021", "value": "99"}
    assert (
        world.client(who).post(outcomes_url(world, "value", indicator.pk), form).status_code == 403
    )
    assert DataPoint.objects.get(period=dt.date(2021, 1, 1)).value == 11


def test_a_corrected_value_is_kept_in_the_history(world: World) -> None:
    indicator = make_indicator(world, SERIES)
    client = world.client("analyst")
    correct = client.get(
        outcomes_url(world, "value", indicator.pk) + "?period=2021-02-01"
    ).content.decode()
    assert "The value for Feb 2021 is 11 bed days" in correct
    form = {
        "period_0": "15",
        "period_1": "2",
        "period_2": "2021",
        "value": "13.5",
        "note": "recount",
    }
    refused = client.post(outcomes_url(world, "value", indicator.pk), form).content.decode()
    assert "Say why the value for Feb 2021 is changing: it is 11 bed days now" in refused
    response = client.post(
        outcomes_url(world, "value", indicator.pk), {**form, "reason": "The trust recounted"}
    )
    assert response.status_code == 302
    point = DataPoint.objects.get(indicator=indicator, period=dt.date(2021, 2, 1))
    assert (point.value, point.note) == (13.5, "recount")
    change = ChangeRecord.objects.get()
    assert (change.field, change.period, change.old, change.new) == (
        "value",
        dt.date(2021, 2, 1),
        "11",
        "13.5",
    )
    assert change.changed_by == world.analyst and change.source == "entered by hand"
    assert change.reason == "The trust recounted"


def test_a_bad_value_is_explained_by_the_field(world: World) -> None:
    indicator = make_indicator(world, SERIES)
    response = world.client("owner").post(
        outcomes_url(world, "value", indicator.pk),
        {"period_0": "31", "period_1": "2", "period_2": "2021"},
    )
    page = response.content.decode()
    assert "<title>Error: Add a value" in page
    assert "Period must be a real date" in page and "Enter the value, in bed days" in page
    assert "This field is required" not in page
    assert DataPoint.objects.count() == len(SERIES)


def test_the_facts_carry_each_indicator_and_every_flag(world: World) -> None:
    started = world.partnership.start_date
    indicator = make_indicator(world, SERIES[:20], target=9.0)
    make_outcome(world, "Carers supported", owner=None)
    with time_of(dt.date(2022, 10, 15)):
        facts, flags = partnership_facts(world.partnership)
    (fact,) = facts
    assert (fact.id, fact.kind, fact.target, fact.points) == (
        indicator.pk,
        Kind.BETTER_OFF,
        9.0,
        20,
    )
    assert fact.started == started and fact.last_period == dt.date(2022, 8, 1)
    assert fact.baseline_points == 15
    assert fact.since_start()[0].period == started
    assert [flag.kind for flag in flags] == [FlagKind.NO_OWNER, FlagKind.TOO_FEW_POINTS]


def time_of(day: dt.date):  # type: ignore[no-untyped-def]
    import time_machine

    return time_machine.travel(dt.datetime.combine(day, dt.time(12)), tick=False)


def test_the_pages_use_a_bounded_number_of_queries(world: World) -> None:
    """20 indicators of 60 months cost no more queries than one."""
    outcome = make_outcome(world)
    make_indicator(world, [1.0] * 60, name="Indicator 0", outcome=outcome)
    with CaptureQueriesContext(connection) as one:
        world.client("owner").get(outcomes_url(world, "list"))
    for i in range(1, 20):
        make_indicator(world, [float(i)] * 60, name=f"Indicator {i}", outcome=outcome)
    indicator = Indicator.objects.last()
    for name, args in (("list", ()), ("detail", (outcome.pk,)), ("indicator", (indicator.pk,))):
        with CaptureQueriesContext(connection) as many:
            assert world.client("owner").get(outcomes_url(world, name, *args)).status_code == 200
        assert len(many) <= len(one) + 3, name
    with CaptureQueriesContext(connection) as facts:
        partnership_facts(world.partnership)
    assert len(facts) <= 6


def test_a_target_a_float_cannot_hold_is_refused(world: World) -> None:
    indicator = make_indicator(world, target=None)
    response = world.client("owner").post(
        outcomes_url(world, "indicator_edit", indicator.pk),
        indicator_form(name=indicator.name, target="1e-400"),
    )
    assert "Target (optional): 1e-400 is too close to zero to keep" in response.content.decode()
    indicator.refresh_from_db()
    assert indicator.target is None
