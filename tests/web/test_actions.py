"""Action pages: the list, raising an action, an action with its log, and
updating it (its owner the status and a note; a lead everything)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.utils import timezone

from joinedup.web.actions.models import Action
from joinedup.web.partnerships.models import Partnership
from tests.factories import World, actions_url, make_action

TODAY = dt.date(2026, 5, 20)


@pytest.fixture(autouse=True)
def _today() -> Any:
    # Noon in London, so that "today" is the same date in UTC and London.
    with time_machine.travel(dt.datetime(2026, 5, 20, 11, 0, tzinfo=dt.UTC), tick=False):
        yield


def days(n: int) -> dt.date:
    return TODAY + dt.timedelta(days=n)


def due_fields(day: dt.date) -> dict[str, str]:
    return {"due_on_0": str(day.day), "due_on_1": str(day.month), "due_on_2": str(day.year)}


def member_of(world: World, who: str) -> int:
    return world.partnership.members.get(user=getattr(world, who)).pk


def raise_data(world: World, **overrides: str) -> dict[str, str]:
    return {
        "title": "Agree who decides on discharge capacity",
        "owner": str(member_of(world, "member")),
        **due_fields(days(30)),
        **overrides,
    }


def text(response: Any) -> str:
    return response.content.decode()


# The list


def test_the_list_puts_overdue_first_then_due_dates_then_the_closed(world: World) -> None:
    make_action(world, title="Later", due_on=days(40))
    make_action(world, title="Sooner", due_on=days(3))
    make_action(world, title="Late", due_on=days(-12), status="in_progress")
    make_action(world, title="Finished", due_on=days(-30), status="done", closed_at=timezone.now())
    page = text(world.client("viewer").get(actions_url(world, "list")))
    order = [page.index(title) for title in ("Late", "Sooner", "Later", "Finished")]
    assert order == sorted(order)
    assert "Overdue by 12 days" in page
    assert "4 actions, 1 overdue" in page
    assert "Raise an action" not in page  # a viewer reads only


def test_the_list_filters_by_status_and_owner(world: World) -> None:
    make_action(world, title="Late one", due_on=days(-1))
    make_action(world, title="Members own", owner="member", due_on=days(5))
    make_action(world, title="All done", status="done", closed_at=timezone.now())
    client, url = world.client("owner"), actions_url(world, "list")

    def titles(**query: str) -> set[str]:
        page = text(client.get(url, query))
        return {t for t in ("Late one", "Members own", "All done") if t in page}

    assert titles() == {"Late one", "Members own", "All done"}
    assert titles(status="overdue") == {"Late one"}
    assert titles(status="to_do") == {"Late one", "Members own"}
    assert titles(status="done") == {"All done"}
    assert titles(owner=str(member_of(world, "member"))) == {"Members own"}
    assert titles(status="done", owner=str(member_of(world, "member"))) == set()
    assert "Overdue by 1 day<" in text(client.get(url))


def test_a_filter_that_is_not_offered_is_an_error_and_shows_everything(world: World) -> None:
    make_action(world, title="Still listed")
    outsiders = world.other.members.get().pk
    response = world.client("owner").get(actions_url(world, "list"), {"owner": outsiders})
    page = text(response)
    assert "Choose an owner from the list" in page and "Still listed" in page
    assert "Northbank" not in page


def test_an_empty_list_says_where_actions_come_from(world: World) -> None:
    page = text(world.client("owner").get(actions_url(world, "list")))
    assert "No actions have been raised yet" in page


# Raising an action


def test_a_lead_raises_an_action(world: World) -> None:
    response = world.client("owner").post(actions_url(world, "new"), raise_data(world))
    action = Action.objects.get()
    assert response.status_code == 302
    assert response["Location"] == actions_url(world, "detail", action.pk)
    assert (action.status, action.due_on, action.raised_by) == ("open", days(30), world.owner)
    assert action.owner.user == world.member and action.partnership == world.partnership
    page = text(world.client("member").get(actions_url(world, "detail", action.pk)))
    assert "Agree who decides on discharge capacity" in page and "Member (" in page
    assert "Nothing in particular" in page


def test_a_new_action_needs_what_who_and_when(world: World) -> None:
    response = world.client("owner").post(actions_url(world, "new"), {})
    page = text(response)
    assert response.status_code == 200 and "Error: " in page
    for message in ("Enter what is to be done", "Choose who owns the action"):
        assert message in page
    assert "Enter the date the action is due" in page
    assert not Action.objects.exists()


@pytest.mark.parametrize(
    ("due", "message"),
    [
        (days(-1), "The due date must be today or later"),
        (days(365 * 5 + 30), "The due date must be within 5 years: check the year"),
    ],
)
def test_a_due_date_in_the_past_or_far_ahead_is_refused(
    world: World, due: dt.date, message: str
) -> None:
    data = raise_data(world, **due_fields(due))
    assert message in text(world.client("owner").post(actions_url(world, "new"), data))
    assert not Action.objects.exists()


@pytest.mark.parametrize("who", ["outsider", "former"])
def test_the_owner_must_be_a_current_member_of_this_partnership(world: World, who: str) -> None:
    if who == "former":
        former = world.join("gone", world.council)
        former.end_date = days(-10)
        former.save()
        owner = former.pk
    else:
        owner = world.other.members.get().pk
    data = raise_data(world, owner=str(owner))
    page = text(world.client("owner").post(actions_url(world, "new"), data))
    assert "Choose a current member of the partnership" in page
    assert not Action.objects.exists()


# Updating an action


def update(world: World, who: str, action: Action, **data: str) -> Any:
    """Post the update form as a browser would: a lead's holds the owner and due date too."""
    data.setdefault("revision", str(action.revision))
    if who == "owner":
        data = {"owner": str(action.owner_id), **due_fields(action.due_on), **data}
    return world.client(who).post(actions_url(world, "update", action.pk), data)


def test_the_owner_moves_their_action_on_with_a_note(world: World) -> None:
    action = make_action(world, owner="member", due_on=days(10))
    response = update(world, "member", action, status="in_progress", note="Met the trust.")
    assert response.status_code == 302
    action.refresh_from_db()
    assert (action.status, action.revision, action.closed_at) == ("in_progress", 1, None)
    (entry,) = action.updates.all()
    assert (entry.by, entry.old_status, entry.status, entry.note) == (
        world.member,
        "open",
        "in_progress",
        "Met the trust.",
    )
    page = text(world.client("viewer").get(actions_url(world, "detail", action.pk)))
    assert "Status changed from Open to In progress" in page and "Met the trust." in page


def test_an_owner_cannot_reassign_or_move_the_due_date(world: World) -> None:
    action = make_action(world, owner="member", due_on=days(10))
    form = text(world.client("member").get(actions_url(world, "update", action.pk)))
    assert 'name="owner"' not in form and 'name="due_on_0"' not in form
    update(
        world,
        "member",
        action,
        status="done",
        owner=str(member_of(world, "viewer")),
        **due_fields(days(300)),
    )
    action.refresh_from_db()
    assert action.status == "done" and action.closed_at is not None
    assert action.owner.user == world.member and action.due_on == days(10)


def test_a_lead_reassigns_and_moves_the_due_date(world: World) -> None:
    action = make_action(world, owner="member", due_on=days(10))
    response = update(
        world,
        "owner",
        action,
        status="open",
        owner=str(member_of(world, "analyst")),
        **due_fields(days(40)),
        note="Sam has the data.",
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.owner.user == world.analyst and action.due_on == days(40)
    page = text(world.client("member").get(actions_url(world, "detail", action.pk)))
    assert "Owner changed from Member to Analyst" in page
    assert "Due date changed from 30 May 2026 to 29 June 2026" in page


def test_submitting_the_form_unchanged_changes_nothing(world: World) -> None:
    action = make_action(world, owner="member")
    page = text(update(world, "member", action, status="open", note="  "))
    assert "Change the status, owner or due date, or add a note" in page
    action.refresh_from_db()
    assert action.revision == 0 and not action.updates.exists()


def test_a_note_alone_is_an_update(world: World) -> None:
    action = make_action(world, owner="member")
    update(world, "member", action, status="open", note="Waiting for the council.")
    assert action.updates.get().status == ""


def test_dropping_an_action_needs_a_reason(world: World) -> None:
    action = make_action(world)
    assert "Say why the action is dropped" in text(update(world, "owner", action, status="dropped"))
    update(world, "owner", action, status="dropped", note="The board chose another way.")
    action.refresh_from_db()
    assert action.status == "dropped" and action.closed_at is not None


def test_only_a_lead_drops_an_action(world: World) -> None:
    action = make_action(world, owner="member")
    form = text(world.client("member").get(actions_url(world, "update", action.pk)))
    assert 'value="dropped"' not in form
    page = text(update(world, "member", action, status="dropped", note="Not for me."))
    assert "Choose one of the statuses shown" in page
    action.refresh_from_db()
    assert action.status == "open"


def test_reopening_a_done_action_clears_when_it_closed(world: World) -> None:
    action = make_action(world, status="done", closed_at=timezone.now())
    update(world, "owner", action, status="in_progress", note="Not finished after all.")
    action.refresh_from_db()
    assert action.status == "in_progress" and action.closed_at is None


def test_an_update_made_on_an_old_page_does_not_overwrite_a_newer_one(world: World) -> None:
    action = make_action(world, owner="member")
    update(world, "owner", action, status="in_progress", note="Started.")
    stale = update(world, "member", action, status="done", revision="0")
    assert stale.status_code == 200
    assert "Someone else updated this action" in text(stale)
    action.refresh_from_db()
    assert (action.status, action.revision, action.updates.count()) == ("in_progress", 1, 1)


def test_the_update_button_shows_only_to_those_who_may_update(world: World) -> None:
    action = make_action(world, owner="member")
    url = actions_url(world, "detail", action.pk)
    assert "Update this action" in text(world.client("member").get(url))
    assert "Update this action" in text(world.client("owner").get(url))
    assert "Update this action" not in text(world.client("viewer").get(url))


def test_an_action_of_another_partnership_is_404(world: World) -> None:
    theirs = Action.objects.create(
        partnership=world.other,
        owner=world.other.members.get(),
        title="Theirs",
        due_on=days(5),
    )
    for name in ("detail", "update"):
        url = actions_url(world, name, theirs.pk)
        assert world.client("owner").get(url).status_code == 404
        assert world.client("owner").post(url, {"status": "done"}).status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == "open"


# Dates


@pytest.mark.parametrize(
    ("moment", "due", "overdue"),
    [
        # 23:30 UTC on 1 June is 00:30 on 2 June in London (summer time).
        (dt.datetime(2026, 6, 1, 23, 30, tzinfo=dt.UTC), dt.date(2026, 6, 1), True),
        (dt.datetime(2026, 6, 1, 22, 30, tzinfo=dt.UTC), dt.date(2026, 6, 1), False),
        # In winter London keeps UTC.
        (dt.datetime(2026, 12, 1, 23, 30, tzinfo=dt.UTC), dt.date(2026, 12, 1), False),
        (dt.datetime(2026, 12, 2, 0, 30, tzinfo=dt.UTC), dt.date(2026, 12, 1), True),
    ],
)
def test_an_action_is_overdue_from_midnight_in_london(
    world: World, moment: dt.datetime, due: dt.date, overdue: bool
) -> None:
    make_action(world, due_on=due)
    with time_machine.travel(moment, tick=False):
        page = text(world.client("owner").get(actions_url(world, "list")))
    assert ("Overdue by 1 day" in page) == overdue
    assert ("Due today" in page) != overdue


def test_raising_and_updating_give_the_partnership_a_new_data_version(world: World) -> None:
    def version(partnership: Partnership) -> Any:
        return Partnership.objects.get(pk=partnership.pk).data_version

    before, other = version(world.partnership), version(world.other)
    world.client("owner").post(actions_url(world, "new"), raise_data(world))
    raised = version(world.partnership)
    assert raised != before
    update(world, "owner", Action.objects.get(), status="done")
    assert version(world.partnership) != raised
    assert version(world.other) == other
