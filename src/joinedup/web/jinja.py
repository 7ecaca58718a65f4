"""The Jinja2 environment for our pages, with the NHS.UK frontend macros."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.contrib.messages import get_messages
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from jinja2 import ChainableUndefined, ChoiceLoader, Environment, PackageLoader

from joinedup.core.numbers import (
    format_hours,
    format_money,
    format_number,
    plural,
    series_format,
)
from joinedup.core.summary import ASSURANCE_WORDS, VARIATION_WORDS
from joinedup.web.forms import error_list, field_params
from joinedup.web.navigation import partnership_navigation


def url(name: str, *args: Any, **kwargs: Any) -> str:
    return reverse(name, args=args or None, kwargs=kwargs or None)


def date(value: dt.date | dt.datetime | None, empty: str = "") -> str:
    """A date as the NHS style guide writes it: 3 March 2026."""
    if value is None:
        return empty
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value)
        return f"{value.day} {value:%B %Y} at {value:%H:%M}"
    return f"{value.day} {value:%B %Y}"


def money(value: Decimal | int | float | None, places: int = 0) -> str:
    return "" if value is None else format_money(value, places)


def environment(**options: Any) -> Environment:
    # The NHS.UK macros read optional parameters that may be missing at any
    # depth (params.label.text): ChainableUndefined lets them be absent.
    options["undefined"] = ChainableUndefined
    # Django passes the loader for our app templates; the macros come second.
    options["loader"] = ChoiceLoader(
        [options["loader"], PackageLoader("nhsuk_frontend_jinja", "templates")]
    )
    options.setdefault("extensions", []).append("jinja2.ext.do")
    env = Environment(**options)
    env.globals.update(
        url=url,
        static=static,
        get_messages=get_messages,
        field_params=field_params,
        error_list=error_list,
        partnership_navigation=partnership_navigation,
        # Every number on a page goes through joinedup.core.numbers.
        number=format_number,
        series_format=series_format,
        plural=plural,
        # The words of the Making Data Count icons (outcomes/icons.jinja).
        VARIATION_WORDS=VARIATION_WORDS,
        ASSURANCE_WORDS=ASSURANCE_WORDS,
    )
    env.filters.update(date=date, money=money, hours=format_hours)
    return env
