"""The effort pages: entering meetings, staff time and costs, and the monthly series."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
import time_machine
from django.urls import reverse

from joinedup.core.effort import DEFAULT_RATES, Grade
from joinedup.web.effort.models import Attendance, Expense, Meeting, StaffTime
from tests.factories import World, add_expense, add_meeting, meeting_data


def url(name: str, *args: Any) -> str:
    return reverse(f"effort:{name}", args=["riverside", *args])


@pytest.mark.parametrize("who", ["owner", "analyst"])
def test_leads_and_analysts_record_a_meeting_with_its_attendance(world: World, who: str) -> None:
    response = world.client(who).post(url("meeting_add"), meeting_data(world))
    assert response.status_code == 302
    meeting = world.partnership.meetings.get()
    assert (meeting.title, meeting.date, meeting.duration_minutes) == (
        "Partnership board",
        dt.date(2025, 5, 15),
        90,
    )
    assert sorted(meeting.attendance.values_list("partner__name", "grade", "people")) == [
        ("Riverside County Council", "manager", 3),
        ("Riverside Hospitals", "executive", 2),
    ]


def test_the_meeting_form_shows_a_box_per_partner_and_grade(world: World) -> None:
    page = world.client("analyst").get(url("meeting_add")).content.decode()
    assert page.count('name="people_') == 2 * len(Grade)
    assert "Riverside Hospitals" in page and "Who attended" in page


def test_a_meeting_nobody_attended_is_refused_and_nothing_is_saved(world: World) -> None:
    data = meeting_data(world)
    data = {k: v for k, v in data.items() if not k.startswith("people_")}
    response = world.client("owner").post(url("meeting_add"), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: Add a meeting" in page
    assert "Enter how many people from at least one partner attended" in page
    assert f'href="#id_people_{world.council.pk}_executive"' in page  # the first box
    assert not Meeting.objects.exists()


def test_bad_meeting_input_is_explained_by_each_field(world: World) -> None:
    data = meeting_data(
        world,
        title="",
        date_0="31",
        date_1="2",
        duration_minutes="an hour",
        **{f"people_{world.council.pk}_manager": "-1"},
    )
    page = world.client("owner").post(url("meeting_add"), data).content.decode()
    assert "Enter what the meeting was" in page
    assert "Date of the meeting must be a real date" in page
    assert "Enter the length in whole minutes, like 90" in page
    assert "manager attendees from Riverside County Council cannot be negative" in page
    assert not Meeting.objects.exists()


def test_changing_a_meeting_replaces_its_attendance(world: World) -> None:
    meeting = add_meeting(world)
    data = meeting_data(world, **{f"people_{world.acute.pk}_executive": ""})
    response = world.client("owner").post(url("meeting_edit", meeting.pk), data)
    assert response.status_code == 302
    assert list(meeting.attendance.values_list("grade", "people")) == [("manager", 3)]


def test_the_change_form_shows_who_attended(world: World) -> None:
    meeting = add_meeting(world)
    page = world.client("owner").get(url("meeting_edit", meeting.pk)).content.decode()
    box = page.split(f'name="people_{world.acute.pk}_executive"')[1].split(">")[0]
    assert 'value="2"' in box
    assert "Riverside Hospitals: 2 attending" in page


def test_deleting_a_meeting_asks_first_then_deletes_it_and_its_attendance(world: World) -> None:
    meeting = add_meeting(world)
    client = world.client("analyst")
    assert "Delete the meeting?" in client.get(url("meeting_delete", meeting.pk)).content.decode()
    assert client.post(url("meeting_delete", meeting.pk)).status_code == 302
    assert not Meeting.objects.exists() and not Attendance.objects.exists()


def test_a_meeting_of_another_partnership_is_404(world: World) -> None:
    other = world.other.meetings.create(date=dt.date(2025, 1, 1), title="X", duration_minutes=60)
    client = world.client("owner")
    for name in ("meeting_edit", "meeting_delete"):
        assert client.get(url(name, other.pk)).status_code == 404
        assert client.post(url(name, other.pk)).status_code == 404
    assert Meeting.objects.filter(pk=other.pk).exists()


def test_staff_time_is_recorded_for_one_of_the_partnerships_partners(world: World) -> None:
    data = {
        "partner": str(world.council.pk),
        "date_0": "3",
        "date_1": "6",
        "date_2": "2025",
        "grade": "practitioner",
        "hours": "7.5",
        "description": "Board papers",
    }
    client = world.client("analyst")
    assert client.post(url("time_add"), data).status_code == 302
    entry = world.partnership.staff_time.get()
    assert (entry.partner, entry.hours, entry.grade) == (
        world.council,
        Decimal("7.5"),
        "practitioner",
    )

    foreign = world.other.partners.get()
    page = client.post(url("time_add"), {**data, "partner": str(foreign.pk)}).content.decode()
    assert "Choose one of the partnership&#39;s partners" in page
    assert world.partnership.staff_time.count() == 1


def test_bad_staff_time_is_explained(world: World) -> None:
    page = (
        world.client("owner")
        .post(url("time_add"), {"hours": "0.1", "description": ""})
        .content.decode()
    )
    for message in (
        "Enter the date",
        "Choose the grade of the staff",
        "Enter at least 0.25 hours",
        "Enter what the time was for",
    ):
        assert message in page


def test_a_cost_is_recorded_changed_and_deleted(world: World) -> None:
    data = {
        "partner": str(world.acute.pk),
        "date_0": "3",
        "date_1": "6",
        "date_2": "2025",
        "amount": "250.00",
        "description": "Room hire",
    }
    client = world.client("owner")
    assert client.post(url("expense_add"), data).status_code == 302
    expense = world.partnership.expenses.get()
    assert (
        client.post(url("expense_edit", expense.pk), {**data, "amount": "300"}).status_code == 302
    )
    expense.refresh_from_db()
    assert expense.amount == Decimal("300")
    assert (
        "Enter the amount as a number"
        in client.post(url("expense_edit", expense.pk), {**data, "amount": "lots"}).content.decode()
    )
    assert client.post(url("expense_delete", expense.pk)).status_code == 302
    assert not world.partnership.expenses.exists()


def test_the_lead_sets_rates_and_an_empty_box_restores_the_default(world: World) -> None:
    client = world.client("owner")
    response = client.post(url("rates"), {"executive": "120", "support": ""})
    assert response.status_code == 302
    assert list(world.partnership.cost_rates.values_list("grade", "hourly_rate")) == [
        ("executive", Decimal("120.00"))
    ]
    client.post(url("rates"), {"executive": ""})
    assert not world.partnership.cost_rates.exists()


def test_a_negative_rate_is_refused(world: World) -> None:
    page = world.client("owner").post(url("rates"), {"manager": "-3"}).content.decode()
    assert "<title>Error: Cost rates" in page
    assert "The manager rate cannot be negative" in page
    assert not world.partnership.cost_rates.exists()


def test_the_effort_page_shows_the_monthly_series_chart_and_table(world: World) -> None:
    add_meeting(world, dt.date(2025, 3, 10))
    add_meeting(world, dt.date(2025, 5, 15))
    world.partnership.cost_rates.create(grade=Grade.EXECUTIVE, hourly_rate=Decimal("100"))
    add_expense(world)
    page = world.client("viewer").get(url("index")).content.decode()
    assert (
        '<svg class="app-chart app-chart--bars" viewBox="0 0 420 240" width="100%" role="img"'
        in page
    )
    assert "Person-hours per month by partner, June 2024 to May 2025" in page
    assert "Person-hours by partner, June 2024 to May 2025" in page
    # May: the acute trust gave 2 executives x 2 hours = 4 hours at £100.
    assert "Riverside Hospitals, May 2025: 4 hours" in page
    assert "£400" in page
    # The council: 2 hours of a manager at the default rate, plus £50.
    manager = 2 * DEFAULT_RATES[Grade.MANAGER] + 50
    assert f"£{manager:,.0f}" in page
    assert "(default)" in page and "Change the cost rates" not in page
    assert "Add a meeting" not in page


def test_the_effort_page_without_entries_says_so(world: World) -> None:
    page = world.client("member").get(url("index")).content.decode()
    assert "No effort has been recorded yet, so the cost of the partnership is unknown" in page
    assert "<svg" not in page.split("Cost of the partnership</h1>")[1].split("Meetings")[0]


def test_the_effort_page_reads_in_a_fixed_number_of_queries(
    world: World, django_assert_max_num_queries: Any
) -> None:
    for month in range(1, 13):
        add_meeting(world, dt.date(2024, month, 10))
        world.partnership.staff_time.create(
            partner=world.acute,
            date=dt.date(2024, month, 2),
            grade=Grade.SUPPORT,
            hours=Decimal(3),
            description="Papers",
        )
    client = world.client("owner")
    # A count of each kind of entry for its pages (joinedup.web.paging) included.
    with django_assert_max_num_queries(17):
        assert client.get(url("index")).status_code == 200


def test_the_demo_has_effort_in_every_month_since_the_start_and_loads_twice_alike(
    db: Any,
) -> None:
    from joinedup.web import demo

    with time_machine.travel(dt.datetime(2026, 11, 15, 12, tzinfo=dt.UTC), tick=False):
        demo.load()
        counts = [model.objects.count() for model in (Meeting, Attendance, StaffTime, Expense)]
        demo.load()
    assert [model.objects.count() for model in (Meeting, Attendance, StaffTime, Expense)] == counts
    boards = Meeting.objects.filter(title="Partnership board")
    # April 2022 (the partnership's start) to October 2026, the last complete month.
    assert boards.count() == 55
    assert {meeting.date.weekday() for meeting in boards} == {1}  # Tuesdays
    months = {(m.date.year, m.date.month) for m in Meeting.objects.all()}
    assert len(months) == 55
    groups = Meeting.objects.filter(title="Discharge operational group").count()
    assert 115 <= groups <= 121  # every other Thursday for 55 months


FUTURE = {"date_0": "3", "date_1": "11", "date_2": "2099"}


def _entry_data(world: World, kind: str) -> dict[str, str]:
    if kind == "meeting":
        return meeting_data(world, **FUTURE)
    if kind == "time":
        return {
            "partner": str(world.acute.pk),
            "grade": "manager",
            "hours": "3",
            "description": "Papers",
            **FUTURE,
        }
    return {"partner": str(world.council.pk), "amount": "106", "description": "Room", **FUTURE}


@pytest.mark.parametrize("kind", ["meeting", "time", "expense"])
@time_machine.travel(dt.datetime(2026, 12, 1, 12, tzinfo=dt.UTC))
def test_effort_dated_after_today_is_refused_saying_why(world: World, kind: str) -> None:
    response = world.client("analyst").post(url(f"{kind}_add"), _entry_data(world, kind))
    page = response.content.decode()
    assert response.status_code == 200
    assert (
        "3 November 2099 is after today: effort records time and money already spent, "
        "so enter a date up to today, 1 December 2026"
    ) in page
    assert 'href="#id_date_0"' in page
    assert not (Meeting.objects.exists() or StaffTime.objects.exists() or Expense.objects.exists())


@time_machine.travel(dt.datetime(2026, 12, 1, 12, tzinfo=dt.UTC))
def test_changing_an_entry_to_a_future_date_is_refused(world: World) -> None:
    expense = add_expense(world)
    world.client("owner").post(url("expense_edit", expense.pk), _entry_data(world, "expense"))
    expense.refresh_from_db()
    assert expense.date == dt.date(2025, 5, 1)


@time_machine.travel(dt.datetime(2026, 12, 1, 12, tzinfo=dt.UTC))
def test_the_cost_page_overview_and_report_show_the_same_twelve_months(world: World) -> None:
    """One window rule: the 12 months up to the latest month with effort that
    has begun. An entry stored for 2099 before dates were checked is left out
    of all three, not shown as a year of cost by one and ignored by another."""
    add_meeting(world, dt.date(2025, 5, 15))
    world.partnership.expenses.create(
        partner=world.council, date=dt.date(2099, 11, 3), amount=Decimal(106), description="Typo"
    )
    client = world.client("member")
    pages = [
        client.get(reverse(name, args=["riverside"])).content.decode()
        for name in ["effort:index", "overview:partnership", "report:page"]
    ]
    for page in pages:
        assert "June 2024 to May 2025" in page
        assert "2098" not in page and "2099" not in page.split('<h2 id="meetings">')[0]
    for page in pages[1:]:
        assert "In the 12 months from June 2024 to May 2025, running the partnership cost" in page
