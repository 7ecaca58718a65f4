"""Forms keep what they show: every form page the URL resolver knows, opened
by its user and submitted exactly as it shows, leaves the stored data as it
was. Every other page is listed as an action (its button is the change, so it
is not pressed) or a page without a form, and is checked to be one; a URL
that is not listed here fails the first test."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html import unescape
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urljoin

import pytest
from django.apps import apps
from django.contrib.auth.models import User
from django.contrib.auth.tokens import default_token_generator
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from joinedup.web.accounts.invitations import new_link
from joinedup.web.assessments.links import link
from tests.factories import (
    FLAT,
    World,
    add_expense,
    add_meeting,
    add_staff_time,
    answer,
    closed_round_with_answers,
    invite_person,
    make_action,
    make_event,
    make_indicator,
    make_job,
    make_outcome,
    make_round,
    make_world,
    members,
)


@dataclass(frozen=True)
class Case:
    """How to reach one URL: who opens it, and its address in a world."""

    kind: str  # "form": submitted as shown; "action": not pressed; "page": no form
    who: str | None  # a user of the world, or None for a visitor who is not logged in
    path: Callable[[World], str]
    why: str = ""  # for an action: what pressing its button does


def _in(name: str, *args: Callable[[World], Any]) -> Callable[[World], str]:
    """The address of ``name`` in the world's partnership."""
    return lambda w: reverse(name, args=["riverside", *(arg(w) for arg in args)])


def _at(name: str) -> Callable[[World], str]:
    return lambda w: reverse(name)


def _respond(name: str, *args: Any) -> Callable[[World], str]:
    """An address of the member's personal link to an open round they have answered."""

    def path(w: World) -> str:
        round_ = make_round(w)
        member = w.partnership.members.get(user=w.member)
        answer(round_, member, 3, comments={"purpose": "Clear enough"})
        token = link(round_, member).strip("/").split("/")[-1]
        return reverse(name, args=[token, *args])

    return path


def _reset_link(w: World) -> str:
    user = User.objects.create_user("forgetful", email="forgetful@example.org", password="x")
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return reverse(
        "accounts:password_reset_confirm", args=[uid, default_token_generator.make_token(user)]
    )


def _contribution(w: World) -> int:
    return w.partnership.budget_contributions.create(partner=w.acute, year=2025, amount=1000).pk


def _indicator(w: World) -> int:
    indicator = make_indicator(w, FLAT, target=50.5)
    make_event(w)
    return indicator.pk


def _event(w: World) -> int:
    _indicator(w)
    return make_event(w).pk


def _member(w: World) -> int:
    member = w.partnership.members.get(user=w.analyst)
    member.job_title = "Analyst"
    member.can_commit_resources = True
    member.save()
    return member.pk


ACTIONS = {
    "logout": "logs out",
    "partnerships:partner_remove": "removes the partner",
    "partnerships:budget_remove": "removes the contribution",
    "invitations:resend": "sends the invitation again with a new link",
    "invitations:cancel": "cancels the invitation",
    "outcomes:value_remove": "removes the value",
    "outcomes:event_delete": "deletes the event",
    "outcomes:import_confirm": "imports the checked file",
    "assessments:close": "closes the round",
    "assessments:send": "emails every member their link",
    "effort:meeting_delete": "deletes the meeting",
    "effort:time_delete": "deletes the entry",
    "effort:expense_delete": "deletes the cost",
    "respond:check": "sends the member's answers",
}

CASES: dict[str, Case] = {
    "home": Case("page", "owner", _at("home")),
    "healthz": Case("page", None, _at("healthz")),
    "login": Case("form", None, _at("login")),
    "logout": Case("action", "owner", _at("partnerships:list")),  # its form is in every header
    "accounts:invitation": Case("form", None, lambda w: new_link(invite_person(w))),
    "accounts:password_reset": Case("form", None, _at("accounts:password_reset")),
    "accounts:password_reset_sent": Case("page", None, _at("accounts:password_reset_sent")),
    "accounts:password_reset_confirm": Case("form", None, _reset_link),
    "accounts:password_reset_done": Case("page", None, _at("accounts:password_reset_done")),
    "partnerships:list": Case("page", "owner", _at("partnerships:list")),
    "partnerships:new": Case("form", "owner", _at("partnerships:new")),
    "partnerships:edit": Case("form", "owner", _in("partnerships:edit")),
    "partnerships:partners": Case("page", "owner", _in("partnerships:partners")),
    "partnerships:partner_add": Case("form", "owner", _in("partnerships:partner_add")),
    "partnerships:partner_edit": Case(
        "form", "owner", _in("partnerships:partner_edit", lambda w: w.acute.pk)
    ),
    "partnerships:partner_remove": Case(
        "action", "owner", _in("partnerships:partner_remove", lambda w: w.acute.pk)
    ),
    "partnerships:members": Case("page", "owner", _in("partnerships:members")),
    "partnerships:member_edit": Case("form", "owner", _in("partnerships:member_edit", _member)),
    "partnerships:budget": Case("page", "owner", _in("partnerships:budget")),
    "partnerships:budget_add": Case("form", "owner", _in("partnerships:budget_add")),
    "partnerships:budget_edit": Case(
        "form", "owner", _in("partnerships:budget_edit", _contribution)
    ),
    "partnerships:budget_remove": Case(
        "action", "owner", _in("partnerships:budget_remove", _contribution)
    ),
    "invitations:new": Case("form", "owner", _in("invitations:new")),
    "invitations:resend": Case(
        "action", "owner", _in("invitations:resend", lambda w: invite_person(w).pk)
    ),
    "invitations:cancel": Case(
        "action", "owner", _in("invitations:cancel", lambda w: invite_person(w).pk)
    ),
    "overview:partnership": Case("page", "member", _in("overview:partnership")),
    "outcomes:list": Case("page", "owner", _in("outcomes:list")),
    "summary:table": Case("page", "member", _in("summary:table")),  # its form is a GET
    "summary:csv": Case("page", "member", _in("summary:csv")),
    "outcomes:add": Case("form", "owner", _in("outcomes:add")),
    "outcomes:detail": Case("page", "owner", _in("outcomes:detail", lambda w: make_outcome(w).pk)),
    "outcomes:edit": Case("form", "owner", _in("outcomes:edit", lambda w: _outcome(w))),
    "outcomes:indicator_add": Case(
        "form", "owner", _in("outcomes:indicator_add", lambda w: make_outcome(w).pk)
    ),
    "outcomes:indicator": Case("page", "analyst", _in("outcomes:indicator", _indicator)),
    "outcomes:indicator_edit": Case("form", "owner", _in("outcomes:indicator_edit", _indicator)),
    "outcomes:import": Case("form", "analyst", _in("outcomes:import", _indicator)),
    "outcomes:events": Case("page", "viewer", _in("outcomes:events", _indicator)),
    "outcomes:event_add": Case("form", "analyst", _in("outcomes:event_add", _indicator)),
    "outcomes:event_edit": Case("form", "analyst", _in("outcomes:event_edit", _indicator, _event)),
    "outcomes:event_delete": Case(
        "action", "analyst", _in("outcomes:event_delete", _indicator, _event)
    ),
    "outcomes:import_confirm": Case(
        "action", "analyst", _in("outcomes:import_confirm", _indicator)
    ),
    "outcomes:value": Case("form", "analyst", _in("outcomes:value", _indicator)),
    "outcomes:value_remove": Case(
        "action", "analyst", _in("outcomes:value_remove", _indicator, lambda w: "2021-01-01")
    ),
    "assessments:rounds": Case("page", "owner", _in("assessments:rounds")),
    "assessments:round_new": Case("form", "owner", _in("assessments:round_new")),
    "assessments:round": Case(
        "page", "owner", _in("assessments:round", lambda w: make_round(w).pk)
    ),
    "assessments:close": Case(
        "action", "owner", _in("assessments:close", lambda w: make_round(w).pk)
    ),
    "assessments:send": Case(
        "action", "owner", _in("assessments:send", lambda w: make_round(w).pk)
    ),
    "assessments:results": Case(
        "page", "member", _in("assessments:results", lambda w: closed_round_with_answers(w).pk)
    ),
    "assessments:results_csv": Case(
        "page", "member", _in("assessments:results_csv", lambda w: closed_round_with_answers(w).pk)
    ),
    "respond:start": Case("page", "member", _respond("respond:start")),
    "respond:page": Case("form", "member", _respond("respond:page", 1)),
    "respond:check": Case("action", "member", _respond("respond:check")),
    "respond:done": Case("page", "member", _respond("respond:done")),
    "actions:list": Case("page", "owner", _in("actions:list")),  # its filter form is a GET
    "actions:new": Case("form", "owner", _in("actions:new")),
    "actions:detail": Case("page", "owner", _in("actions:detail", lambda w: make_action(w).pk)),
    "actions:update": Case("form", "owner", _in("actions:update", lambda w: make_action(w).pk)),
    "overview:export": Case("page", "owner", _in("overview:export")),
    "jobs:detail": Case("page", "owner", _in("jobs:detail", lambda w: make_job(w).pk)),
    "effort:index": Case("page", "owner", _in("effort:index")),
    "report:page": Case("page", "viewer", _in("report:page")),
    "report:pdf": Case("page", "viewer", _in("report:pdf")),
    "effort:rates": Case("form", "owner", _in("effort:rates")),
    "effort:meeting_add": Case("form", "analyst", _in("effort:meeting_add")),
    "effort:meeting_edit": Case(
        "form", "analyst", _in("effort:meeting_edit", lambda w: add_meeting(w).pk)
    ),
    "effort:meeting_delete": Case(
        "action", "analyst", _in("effort:meeting_delete", lambda w: add_meeting(w).pk)
    ),
    "effort:time_add": Case("form", "analyst", _in("effort:time_add")),
    "effort:time_edit": Case(
        "form", "analyst", _in("effort:time_edit", lambda w: add_staff_time(w).pk)
    ),
    "effort:time_delete": Case(
        "action", "analyst", _in("effort:time_delete", lambda w: add_staff_time(w).pk)
    ),
    "effort:expense_add": Case("form", "analyst", _in("effort:expense_add")),
    "effort:expense_edit": Case(
        "form", "analyst", _in("effort:expense_edit", lambda w: add_expense(w).pk)
    ),
    "effort:expense_delete": Case(
        "action", "analyst", _in("effort:expense_delete", lambda w: add_expense(w).pk)
    ),
}
# Extra forms: the same page opened another way shows another form.
VARIANTS: dict[str, Case] = {
    "outcomes:value?period": Case(
        "form",
        "analyst",
        lambda w: (
            reverse("outcomes:value", args=["riverside", _indicator(w)]) + "?period=2021-03-01"
        ),
    ),
}


def _outcome(w: World) -> int:
    outcome = make_outcome(w)
    outcome.partners.set([w.acute, w.council])  # several ticked: all must survive
    outcome.description = "Fewer delays"
    outcome.save()
    return outcome.pk


def url_names(resolver: URLResolver | None = None, namespace: str = "") -> Iterator[str]:
    """Every named URL of the site, with its namespace (Django's admin aside)."""
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin":
                continue
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from url_names(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield namespace + pattern.name


def test_every_url_of_the_site_is_covered_here() -> None:
    known = set(url_names())
    missing = sorted(known - set(CASES))
    assert not missing, f"add these pages to CASES in {__name__}: {missing}"
    assert not set(CASES) - known, "CASES lists a page the site no longer has"
    assert set(ACTIONS) == {name for name, case in CASES.items() if case.kind == "action"}


@dataclass
class Form:
    action: str
    controls: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    text: dict[int, str] = field(default_factory=dict)  # textarea and option texts by index


class Forms(HTMLParser):
    """The POST forms of a page and their controls, as a browser reads them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._open: int | None = None  # the textarea being read

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value if value is not None else "" for name, value in attrs}
        if tag == "form" and values.get("method", "").lower() == "post":
            self._form = Form(values.get("action", ""))
            self.forms.append(self._form)
        elif self._form is not None and tag in ("input", "select", "option", "textarea", "button"):
            self._form.controls.append((tag, values))
            if tag == "textarea":
                self._open = len(self._form.controls) - 1
                self._form.text[self._open] = ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None
        elif tag == "textarea":
            self._open = None

    def handle_data(self, data: str) -> None:
        if self._form is not None and self._open is not None:
            self._form.text[self._open] += data


def submission(form: Form) -> dict[str, list[str]]:
    """What a browser sends when the form's first button is pressed, nothing changed."""
    data: dict[str, list[str]] = {}
    pressed = False
    controls = list(enumerate(form.controls))
    for position, (index, (tag, attrs)) in enumerate(controls):
        name = attrs.get("name", "")
        kind = attrs.get("type", "text").lower()
        if tag == "select" and name:
            options = []
            for _, (inner, option) in controls[position + 1 :]:
                if inner != "option":
                    break
                options.append(option)
            picked = [o for o in options if "selected" in o] or options[:1]
            data[name] = [o.get("value", "") for o in picked]
        elif tag == "textarea" and name:
            data.setdefault(name, []).append(unescape(form.text[index]).removeprefix("\n"))
        elif tag == "button" or kind in ("submit", "image"):
            if not pressed and kind in ("submit", "image") and name:
                data.setdefault(name, []).append(attrs.get("value", ""))
            pressed = pressed or kind in ("submit", "image")
        elif tag == "input" and name and kind == "radio":
            if "checked" in attrs:  # one per group: a later checked radio unchecks the others
                data[name] = [attrs.get("value", "on")]
        elif tag == "input" and name and kind == "checkbox":
            if "checked" in attrs:
                data.setdefault(name, []).append(attrs.get("value", "on"))
        elif tag == "input" and name and kind not in ("file", "reset", "button"):
            data.setdefault(name, []).append(attrs.get("value", ""))
    return data


# Bookkeeping a save may touch without changing what anyone entered.
VOLATILE = {
    "partnerships.partnership": {"data_version"},
    "auth.user": {"last_login"},
    "assessments.response": {"updated_at", "resume_hash", "resume_pages"},
}


def stored() -> dict[str, list[str]]:
    """Every row of the site's own models and its users, without bookkeeping.

    A row's own id is left out, so that a save which replaces rows with the
    same content (a meeting's attendance) counts as no change; the ids other
    rows point to are kept, so a row replaced under them still shows."""
    rows = {}
    for model in apps.get_models():
        label = model._meta.label_lower
        if not (model.__module__.startswith("joinedup.") or label == "auth.user"):
            continue
        skip = VOLATILE.get(label, set()) | {"id"}
        rows[label] = sorted(
            repr(sorted((k, v) for k, v in row.items() if k not in skip))
            for row in model.objects.values()
        )
        for m2m in model._meta.local_many_to_many:
            through = m2m.remote_field.through
            rows[f"{label}.{m2m.name}"] = sorted(
                repr(sorted((k, v) for k, v in row.items() if k != "id"))
                for row in through.objects.values()
            )
    return rows


def _client(world: World, who: str | None) -> Client:
    return world.client(who) if who else Client()


def _open(world: World, case: Case) -> tuple[Client, str, list[Form]]:
    client = _client(world, case.who)
    response = client.get(case.path(world), follow=True)
    assert response.status_code == 200, response.status_code
    url = response.request["PATH_INFO"] + (
        f"?{response.request['QUERY_STRING']}" if response.request.get("QUERY_STRING") else ""
    )
    parser = Forms()
    if response["Content-Type"].startswith("text/"):  # a PDF or a zip has no forms
        parser.feed(response.content.decode())
    forms = [form for form in parser.forms if form.action != reverse("logout")]
    return client, url, forms


@pytest.mark.parametrize(
    "name", [name for name, case in {**CASES, **VARIANTS}.items() if case.kind == "form"]
)
def test_a_form_submitted_as_shown_changes_nothing(world: World, name: str) -> None:
    case = {**CASES, **VARIANTS}[name]
    client, url, forms = _open(world, case)
    assert forms, f"{name} shows no form"
    before = stored()
    for form in forms:
        response = client.post(urljoin(url, form.action or url), submission(form))
        assert response.status_code in (200, 302), response.status_code
    assert stored() == before


@pytest.mark.parametrize("name", [name for name, case in CASES.items() if case.kind != "form"])
def test_pages_without_a_form_have_none_and_actions_ask_first(world: World, name: str) -> None:
    _, _, forms = _open(world, CASES[name])
    if CASES[name].kind == "page" or name == "logout":
        assert not forms, f"{name} has a form: list it as a form or an action"
    else:  # (the import's confirmation has nothing to ask until a file is checked)
        assert len(forms) <= 1, f"{name} should ask with one button: {ACTIONS[name]}"


def test_saving_the_partnership_unchanged_keeps_every_feature(world: World) -> None:
    """The finding: four of five features went from yes to no."""
    partnership = world.partnership
    for feature in ("joint_plan", "joint_posts", "joint_board", "shared_records"):
        setattr(partnership, feature, True)
    partnership.save()
    client, url, (form,) = _open(world, CASES["partnerships:edit"])
    sent = submission(form)
    assert sorted(sent["features"]) == [
        "joint_board",
        "joint_plan",
        "joint_posts",
        "pooled_budget",
        "shared_records",
    ]
    assert client.post(url, sent).status_code == 302
    partnership.refresh_from_db()
    assert partnership.joint_plan and partnership.shared_records and partnership.pooled_budget


def test_the_submission_is_what_a_browser_sends() -> None:
    parser = Forms()
    parser.feed(
        '<form method="post"><input name="a" value="1"><input type="checkbox" name="b" value="x">'
        '<input type="checkbox" name="b" value="y" checked><input type="radio" name="c" value="p">'
        '<input type="radio" name="h" value="1" checked>'
        '<input type="radio" name="h" value="2" checked>'
        '<select name="d"><option value="1">One</option><option value="2">Two</option></select>'
        '<select name="e"><option value="1">One</option><option value="2" selected>Two</option>'
        '</select><textarea name="f">\nline &amp; more</textarea><input type="file" name="g">'
        '<button type="submit" name="go" value="save">Save</button></form>'
    )
    (form,) = parser.forms
    assert submission(form) == {
        "a": ["1"],
        "b": ["y"],
        "d": ["1"],
        "e": ["2"],
        "f": ["line & more"],
        "go": ["save"],
        "h": ["2"],
    }


@pytest.fixture
def world(db: Any) -> World:
    """The usual world, with more than one of everything a form can tick."""
    made = make_world()
    made.partnership.joint_plan = made.partnership.joint_board = True
    made.partnership.save()
    for member in members(made):
        member.user.email = f"{member.user.username}@example.org"
        member.user.save()
    return made
