"""One page of a long list (Django's Paginator), the words that say which
part of it is shown, and the NHS.UK numbered pagination that moves through it.

Each list on a page has its own query parameter, so several lists page
independently; a number that is not a page shows the first or the last one
(Paginator.get_page), never an error.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest

from joinedup.core.numbers import format_number, plural

PER_PAGE = 20


@dataclass(frozen=True)
class Paged:
    """The page of a list asked for: its entries, what they are, and the
    pagination's parameters (None when the list fits on one page)."""

    page: Page[Any]
    shown: str  # "Meetings 21 to 40 of 312, newest first"
    pagination: dict[str, Any] | None


def paged(
    request: HttpRequest,
    entries: QuerySet[Any],
    key: str,
    noun: tuple[str, str],
    order: str,
    per_page: int = PER_PAGE,
) -> Paged:
    """The page of ``entries`` that the query parameter ``key`` asks for.

    ``noun`` is the entry's name, singular and plural ("meeting",
    "meetings"); ``order`` how the list is sorted ("newest first"). Links go
    back to the list's heading, whose id is ``key``.
    """
    singular, many = noun
    page = Paginator(entries, per_page).get_page(request.GET.get(key))
    total = page.paginator.count
    if page.paginator.num_pages == 1:
        return Paged(page, f"{plural(total, singular, many)}, {order}", None)
    first, last = format_number(page.start_index()), format_number(page.end_index())
    shown = f"{many.capitalize()} {first} to {last} of {format_number(total)}, {order}"

    def href(number: int) -> str:
        query = request.GET.copy()
        query[key] = str(number)
        return f"?{query.urlencode()}#{key}"

    items: list[dict[str, Any]] = [
        {
            "number": number,
            "href": href(number),
            "current": number == page.number,
            "visuallyHiddenText": f"Page {number} of the {many}",
        }
        if isinstance(number, int)
        else {"ellipsis": True}  # Paginator.ELLIPSIS
        for number in page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1)
    ]
    pagination: dict[str, Any] = {"items": items, "ariaLabel": f"Pages of the {many}"}
    if page.has_previous():
        pagination["previous"] = {"href": href(page.previous_page_number())}
    if page.has_next():
        pagination["next"] = {"href": href(page.next_page_number())}
    return Paged(page, shown, pagination)
