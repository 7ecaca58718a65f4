"""The dashboard is cached, and never stale: every change it could show gives
the partnership a new data version, and the next request shows the change."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

import pytest
import time_machine
from django.apps import apps
from django.db import connection
from django.db.models.signals import m2m_changed
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from joinedup.core.effort import Grade
from joinedup.core.outcomes import SeriesRow
from joinedup.web.freshness.versions import NOT_SHOWN, TOWARDS_PARTNERSHIP, lookup, one_change
from joinedup.web.outcomes.models import DataPoint
from joinedup.web.outcomes.series import apply_series
from joinedup.web.partnerships.models import Partnership
from tests.factories import (
    FLAT,
    World,
    answer,
    home_indicator,
    make_outcome,
    make_round,
    meeting_data,
    members,
    month,
    monthly_meetings,
)

OVERVIEW = reverse("overview:partnership", args=["riverside"])


def dashboard(world: World, who: str = "owner") -> str:
    """The cached part of the overview: from the verdict to the end of the page."""
    page = world.client(who).get(OVERVIEW).content.decode()
    return page[page.index("Verdict") : page.index("<footer")]


def version(partnership: Partnership) -> Any:
    return Partnership.objects.values_list("data_version", flat=True).get(pk=partnership.pk)


def test_every_joinedup_model_says_how_it_reaches_its_partnership() -> None:
    for config in apps.get_app_configs():
        if not config.name.startswith("joinedup."):
            continue
        for model in config.get_models():
            label = model._meta.label
            if label in NOT_SHOWN:
                continue
            assert label in TOWARDS_PARTNERSHIP, f"add {label} to TOWARDS_PARTNERSHIP"
            if TOWARDS_PARTNERSHIP[label] is not None:
                str(model.objects.filter(**{lookup(model): 1}).query)  # a real path
            for field in model._meta.local_many_to_many:
                assert m2m_changed.has_listeners(field.remote_field.through), label


def test_the_lookup_follows_each_model_to_its_partnership() -> None:
    assert lookup(DataPoint) == "indicator__outcome__partnership"


def test_an_import_shows_on_the_next_request(world: World) -> None:
    made = home_indicator(make_outcome(world, "Home sooner"), FLAT)
    assert "987.0%" not in dashboard(world)
    apply_series(made, [SeriesRow(1, month(24), 987.0)])
    assert "987.0%" in dashboard(world)


def test_a_value_entered_by_hand_shows_on_the_next_request(world: World) -> None:
    made = home_indicator(make_outcome(world, "Home sooner"), FLAT)
    assert "654.0%" not in dashboard(world)
    day = month(24)
    response = world.client("analyst").post(
        reverse("outcomes:value", args=["riverside", made.pk]),
        {
            "period_0": "1",
            "period_1": str(day.month),
            "period_2": str(day.year),
            "value": "654",
            "confirm": "on",  # far above every other value: it asks first
        },
    )
    assert response.status_code == 302
    assert "654.0%" in dashboard(world)


def test_a_new_owner_shows_on_the_next_request(world: World) -> None:
    found = make_outcome(world, "Home sooner")
    assert "Owner: Owner (Riverside Hospitals)" in dashboard(world)
    member = world.partnership.members.get(user=world.member)
    response = world.client("owner").post(
        reverse("outcomes:edit", args=["riverside", found.pk]),
        {"title": found.title, "owner": member.pk},
    )
    assert response.status_code == 302
    assert "Owner: Member (Riverside County Council)" in dashboard(world)


def test_an_owner_who_leaves_is_flagged_on_the_next_request(world: World) -> None:
    member = world.partnership.members.get(user=world.member)
    world.partnership.outcomes.create(title="Carers supported", owner=member)
    assert "left the partnership" not in dashboard(world)
    response = world.client("owner").post(
        reverse("partnerships:member_edit", args=["riverside", member.pk]),
        {
            "partner": str(world.council.pk),
            "role": "member",
            "job_title": "",
            **{f"start_date_{i}": part for i, part in enumerate(["1", "4", "2022"])},
            **{f"end_date_{i}": part for i, part in enumerate(["31", "3", "2024"])},
        },
    )
    assert response.status_code == 302
    assert "Its owner, Member, left the partnership on 31 March 2024" in dashboard(world)


def summary(world: World, key: str) -> str:
    """A value in the overview's "About the partnership" list."""
    page = world.client("owner").get(OVERVIEW).content.decode()
    found = re.search(rf"{key}\s*</dt>\s*<dd[^>]*>\s*([^<]*?)\s*</dd>", page)
    assert found, key
    return found.group(1)


def test_the_partners_members_and_budget_show_on_the_next_request(world: World) -> None:
    assert summary(world, "Current members") == "4"
    world.partnership.partners.create(name="Riverside Carers", sector="voluntary")
    viewer = world.partnership.members.get(user=world.viewer)
    viewer.end_date = timezone.localdate() - dt.timedelta(days=1)
    viewer.save()
    assert summary(world, "Current members") == "3"
    page = world.client("owner").get(OVERVIEW).content.decode()
    assert (
        'Riverside Carers <span class="nhsuk-body-s">(Voluntary and community sector, 0 members)'
        in page
    )
    world.partnership.budget_contributions.create(partner=world.acute, year=2025, amount=1000)
    assert "2025/26: £1,000 from 1 partner" in world.client("member").get(OVERVIEW).content.decode()


def answered_round(world: World, **fields: Any) -> int:
    """A round every member answered with "strongly agree", beside flat results and
    real effort: a comfortable consensus once it closes."""
    home_indicator(make_outcome(world, "Home sooner"), FLAT)
    monthly_meetings(world, people=30)
    found = make_round(world, **fields)
    for member in members(world):
        answer(found, member, 4)
    return found.pk


def test_closing_a_round_shows_on_the_next_request(world: World) -> None:
    pk = answered_round(world)
    assert "Assessment Spring 2026" not in dashboard(world)
    close = reverse("assessments:close", args=["riverside", pk])
    assert world.client("owner").post(close).status_code == 302
    assert "Assessment Spring 2026: " in dashboard(world)


def test_a_round_that_closes_by_date_shows_the_next_day(world: World) -> None:
    today = timezone.localdate()
    answered_round(world, closes_on=today)
    with time_machine.travel(dt.datetime.combine(today, dt.time(23, 59)), tick=False):
        assert "Assessment Spring 2026" not in dashboard(world)
    tomorrow = today + dt.timedelta(days=1)
    with time_machine.travel(dt.datetime.combine(tomorrow, dt.time(0, 1)), tick=False):
        assert "Assessment Spring 2026: " in dashboard(world)


def test_a_meeting_shows_on_the_next_request_and_goes_when_deleted(world: World) -> None:
    assert "the cost of the partnership is unknown" in dashboard(world)
    response = world.client("owner").post(
        reverse("effort:meeting_add", args=["riverside"]), meeting_data(world)
    )
    assert response.status_code == 302
    assert "the cost of the partnership is unknown" not in dashboard(world)
    meeting = world.partnership.meetings.get()
    delete = reverse("effort:meeting_delete", args=["riverside", meeting.pk])
    assert world.client("owner").post(delete).status_code == 302
    assert "the cost of the partnership is unknown" in dashboard(world)


def test_a_new_rate_shows_on_the_next_request(world: World) -> None:
    meeting = world.partnership.meetings.create(date=month(24), title="Board", duration_minutes=120)
    meeting.attendance.create(partner=world.council, grade=Grade.MANAGER, people=1)
    assert "£106" in dashboard(world)  # 2 hours at the default £53
    response = world.client("owner").post(
        reverse("effort:rates", args=["riverside"]), {"manager": "100"}
    )
    assert response.status_code == 302
    page = dashboard(world)
    assert "£200" in page and "£106" not in page


def test_a_renamed_partner_or_person_shows_on_the_next_request(world: World) -> None:
    make_outcome(world, "Home sooner")
    assert "Owner: Owner (Riverside Hospitals)" in dashboard(world)
    world.acute.name = "Riverside University Hospitals"
    world.acute.save()
    world.owner.first_name = "Olu"
    world.owner.save()
    assert "Owner: Olu (Riverside University Hospitals)" in dashboard(world)


def test_each_member_sees_their_own_role_beside_the_shared_dashboard(world: World) -> None:
    owner = world.client("owner").get(OVERVIEW).content.decode()
    member = world.client("member").get(OVERVIEW).content.decode()
    assert "Lead, for Riverside Hospitals" in owner
    assert "Member, for Riverside County Council" in member
    cut = slice(member.index("Verdict"), member.index("<footer"))
    assert owner[owner.index("Verdict") :][: len(member[cut])] == member[cut]


def _outcome_partners_added(world: World) -> None:
    make_outcome(world, "Home sooner").partners.add(world.council)


def _outcome_partners_cleared(world: World) -> None:
    found = make_outcome(world, "Home sooner")
    found.partners.add(world.council)
    found.partners.clear()


def _partner_outcomes_added(world: World) -> None:
    found = make_outcome(world, "Home sooner")
    world.council.outcomes.add(found)


def _points_deleted(world: World) -> None:
    made = home_indicator(make_outcome(world, "Home sooner"), FLAT)
    DataPoint.objects.filter(indicator=made, period=month(0)).delete()


def _viewer_deleted(world: World) -> None:
    world.viewer.delete()  # their membership goes with them


def _budget_added(world: World) -> None:
    world.partnership.budget_contributions.create(partner=world.acute, year=2025, amount=1000)


@pytest.mark.parametrize(
    "change",
    [
        _outcome_partners_added,
        _outcome_partners_cleared,
        _partner_outcomes_added,
        _points_deleted,
        _viewer_deleted,
        _budget_added,
    ],
)
def test_each_kind_of_write_gives_only_its_own_partnership_a_new_version(
    world: World, change: Callable[[World], None]
) -> None:
    before, other = version(world.partnership), version(world.other)
    change(world)
    assert version(world.partnership) != before
    assert version(world.other) == other


def test_saving_a_partnership_read_earlier_never_writes_its_old_version_back(
    world: World,
) -> None:
    earlier = Partnership.objects.get(pk=world.partnership.pk)
    first = earlier.data_version
    make_outcome(world, "Home sooner")
    second = version(world.partnership)
    earlier.purpose = "Home sooner, and safely."
    earlier.save()
    assert version(world.partnership) not in (first, second)


def test_logging_in_does_not_change_the_version(world: World) -> None:
    before = version(world.partnership)
    world.client("owner")
    assert version(world.partnership) == before


def _version_writes(queries: CaptureQueriesContext) -> int:
    return sum(q["sql"].startswith('UPDATE "partnerships_partnership"') for q in queries)


def test_an_import_changes_the_version_once_however_many_rows(world: World) -> None:
    made = home_indicator(make_outcome(world, "Home sooner"), FLAT)
    before = version(world.partnership)
    rows = [SeriesRow(n + 2, month(n), 60.0 + n) for n in range(36)]  # 24 replaced, 12 new
    with CaptureQueriesContext(connection) as queries:
        apply_series(made, rows)
    assert _version_writes(queries) == 1
    assert version(world.partnership) != before


def test_a_block_that_fails_changes_no_version(world: World) -> None:
    before = version(world.partnership)
    with pytest.raises(ZeroDivisionError), one_change(world.partnership.pk):
        world.partnership.partners.create(name="Gone again", sector="voluntary")
        1 / 0  # noqa: B018
    assert version(world.partnership) == before
    assert not world.partnership.partners.filter(name="Gone again").exists()


def test_one_change_blocks_do_not_nest(world: World) -> None:
    with pytest.raises(RuntimeError, match="do not nest"), one_change(1), one_change(2):
        pass
