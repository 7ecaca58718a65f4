"""The cost page lists the newest 20 of each kind of entry and pages through
the rest (joinedup.web.paging): short on a phone, every entry reachable."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from joinedup.core.effort import Grade
from tests.factories import World

START = dt.date(2025, 1, 1)


@pytest.fixture
def busy(world: World) -> World:
    """45 meetings on 45 days and 3 entries of staff time."""
    for n in range(45):
        world.partnership.meetings.create(
            date=START + dt.timedelta(days=n), title=f"Meeting {n:02}", duration_minutes=60
        )
    for n in range(3):
        world.partnership.staff_time.create(
            partner=world.acute,
            date=START + dt.timedelta(days=n),
            grade=Grade.SUPPORT,
            hours=Decimal(1),
            description=f"Papers {n}",
        )
    return world


def _page(world: World, query: str = "", who: str = "member") -> str:
    response = world.client(who).get(reverse("effort:index", args=["riverside"]) + query)
    assert response.status_code == 200
    return str(response.content.decode())


def _meetings(page: str) -> list[str]:
    return re.findall(r"Meeting \d\d", page.split('id="meetings"')[1].split('id="time"')[0])


def test_the_newest_20_meetings_are_shown_and_what_part_of_the_list_it_is(busy: World) -> None:
    page = _page(busy)
    assert _meetings(page) == [f"Meeting {n:02}" for n in range(44, 24, -1)]
    assert "Meetings 1 to 20 of 45, newest first." in page
    assert 'aria-label="Pages of the meetings"' in page
    assert 'href="?meetings=2#meetings"' in page and 'rel="next"' in page
    # A list that fits on one page says how many, with no pages to move through.
    assert "3 entries of staff time, newest first." in page
    assert "Pages of the entries of staff time" not in page


def test_every_meeting_is_reachable_page_by_page(busy: World) -> None:
    seen = [
        title for number in (1, 2, 3) for title in _meetings(_page(busy, f"?meetings={number}"))
    ]
    assert seen == [f"Meeting {n:02}" for n in range(44, -1, -1)]
    last = _page(busy, "?meetings=3")
    assert "Meetings 41 to 45 of 45, newest first." in last
    assert 'href="?meetings=2#meetings"' in last and 'rel="prev"' in last


def test_paging_one_list_keeps_the_others_page(busy: World) -> None:
    page = _page(busy, "?meetings=2&time=1")
    assert 'href="?meetings=3&amp;time=1#meetings"' in page


@pytest.mark.parametrize(
    ("query", "shown"),
    [("?meetings=abc", "1 to 20"), ("?meetings=99", "41 to 45"), ("?meetings=-1", "41 to 45")],
)
def test_a_page_number_that_is_not_a_page_shows_the_first_or_the_last(
    busy: World, query: str, shown: str
) -> None:
    assert f"Meetings {shown} of 45, newest first." in _page(busy, query)


def test_leads_see_the_change_links_on_every_page(busy: World) -> None:
    page = _page(busy, "?meetings=3", who="owner")
    assert page.count(">Change<") == 5 + 3  # the meetings of the page, the staff time
