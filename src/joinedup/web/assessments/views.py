"""The lead's and members' pages of a partnership's assessment rounds.

Nothing here shows a result before a round closes, or one person's answers
ever: results come only from the round's frozen snapshot (``results``). The
lead sees who was invited and sent a link, never a link (docs/privacy.md).
"""

from __future__ import annotations

import logging
from collections import Counter
from typing import Any

from django.contrib import messages
from django.core.mail import EmailMessage, get_connection
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone

from joinedup.web.access import Access, partnership_view, signed_in
from joinedup.web.assessments import charts, evidence, export, snapshots
from joinedup.web.assessments.forms import RoundForm
from joinedup.web.assessments.invitations import invited
from joinedup.web.assessments.links import link
from joinedup.web.assessments.models import Invitation, Round
from joinedup.web.assessments.results import (
    FLAGS,
    OTHER_PARTNERS,
    REASONS,
    REVERSE_LOW,
    REVERSE_NOTE,
    RoundResults,
    groups,
    round_results,
    withheld_text,
)
from joinedup.web.jinja import date
from joinedup.web.pages import partnership_page, posted

logger = logging.getLogger(__name__)


def _page(request: HttpRequest, template: str, access: Access, **context: Any) -> HttpResponse:
    return partnership_page(request, f"assessments/{template}", access, **context)


def _round(access: Access, pk: int) -> Round:
    return get_object_or_404(access.partnership.rounds.select_related("partnership"), pk=pk)


def _open_round(access: Access, pk: int) -> Round:
    found = _round(access, pk)
    if found.is_closed:
        raise Http404("This round is closed")
    return found


def _judge(access: Access) -> snapshots.Judge:
    return lambda: evidence.results_back_it(access.partnership)


@partnership_view()
def rounds(request: HttpRequest, access: Access) -> HttpResponse:
    return _page(request, "rounds.jinja", access, rounds=access.partnership.rounds.all())


@partnership_view("manage")
def round_new(request: HttpRequest, access: Access) -> HttpResponse:
    form = RoundForm(
        posted(request),
        request.FILES if request.method == "POST" else None,
        partnership=access.partnership,
    )
    if request.method == "POST" and form.is_valid():
        opened = form.open_round(signed_in(request))
        if opened is not None:
            messages.success(request, f"{opened.name} is open. Email each member their link.")
            return redirect("assessments:round", access.partnership.slug, opened.pk)
    return _page(request, "round_new.jinja", access, form=form)


@partnership_view()
def round_detail(request: HttpRequest, access: Access, pk: int) -> HttpResponse:
    shown = _round(access, pk)
    context: dict[str, Any] = {"round": shown}
    if shown.is_open:
        own = shown.invitations.filter(member=access.member).first()
        context["invited"] = own is not None
        if own is not None:
            # Only the member is ever shown their own link.
            context["own_link"] = request.build_absolute_uri(link(shown, access.member))
            context["own_response"] = shown.responses.filter(member=access.member).first()
        if access.can_manage:
            invitations = invited(shown)
            context["invitations"] = invitations
            context["counts"], context["uncounted"] = _response_counts(shown, invitations)
    return _page(request, "round.jinja", access, **context)


def _response_counts(
    shown: Round, invitations: list[Invitation]
) -> tuple[list[dict[str, Any]], list[str]]:
    """Per partner with at least K members invited: invited, started, finished; and
    the partners with fewer, whose counts would tell who has answered."""
    members = Counter(invitation.partner.name for invitation in invitations)
    answered = (
        shown.responses.filter(Q(answers__isnull=False) | Q(relationship_ratings__isnull=False))
        .values_list("pk", "partner__name", "finished_at")
        .distinct()
    )
    started, finished = Counter[str](), Counter[str]()
    for _, partner, finished_at in answered:
        started[partner] += 1
        if finished_at is not None:
            finished[partner] += 1
    counted = sorted(name for name, n in members.items() if n >= shown.min_group)
    rows = [
        {
            "partner": name,
            "members": members[name],
            "answered": started[name],
            "finished": finished[name],
        }
        for name in counted
    ]
    return rows, sorted(name for name in members if name not in counted)


@partnership_view("manage")
def round_close(request: HttpRequest, access: Access, pk: int) -> HttpResponse:
    """Close a round now. A round closed already (by its date, by another lead, or
    by a first click on Close) leads to its results, saying so."""
    closing = _round(access, pk)
    if closing.is_open and request.method != "POST":
        return _page(request, "round_close.jinja", access, round=closing)
    if closing.is_open and snapshots.close(closing, _judge(access)) is not None:
        said = f"{closing.name} is closed. These are its results."
    else:
        said = f"{closing.name} was closed already. These are its results."
    messages.success(request, said)
    return redirect("assessments:results", access.partnership.slug, closing.pk)


@partnership_view("manage")
def round_send(request: HttpRequest, access: Access, pk: int) -> HttpResponse:
    """Email every invited member who is still a member their own personal link."""
    sending = _open_round(access, pk)
    invitations = [i for i in invited(sending) if i.member.is_current]
    reachable = [i for i in invitations if i.member.user.email]
    problem = None
    if request.method == "POST":
        sent, problem = _send(request, sending, reachable)
        if problem is None:
            messages.success(request, f"Links sent to {sent} members by email.")
            return redirect("assessments:round", access.partnership.slug, sending.pk)
    return _page(
        request,
        "round_send.jinja",
        access,
        round=sending,
        reachable=reachable,
        unreachable=[i for i in invitations if not i.member.user.email],
        problem=problem,
    )


def _send(
    request: HttpRequest, sending: Round, reachable: list[Invitation]
) -> tuple[int, str | None]:
    """Email each invitation's member their link, one message each, noting each one
    sent; how many were sent, and what went wrong, if anything did."""
    sent = 0
    try:
        with get_connection() as connection:
            for invitation in reachable:
                url = request.build_absolute_uri(link(sending, invitation.member))
                message = EmailMessage(
                    f"{sending.partnership.name}: your assessment link",
                    _invitation(sending, invitation, url),
                    to=[invitation.member.user.email],
                    connection=connection,
                )
                message.send()
                invitation.sent_at = timezone.now()
                invitation.save(update_fields=["sent_at"])
                sent += 1
    except OSError as error:  # smtplib's errors included: the server, not the lead
        logger.exception("Sending the links of round %s failed", sending.pk)
        return sent, (
            f"The email server did not accept the emails ({error}): {sent} of "
            f"{len(reachable)} were sent. Try again later; members can also answer by "
            "logging in."
        )
    return sent, None


def _invitation(sending: Round, invitation: Invitation, url: str) -> str:
    return (
        f"Dear {invitation.member.display_name},\n\n"
        f"{sending.partnership.name} is asking every partner's members how the partnership "
        f"really works. Please answer for {invitation.partner.name} by "
        f"{date(sending.closes_on)}: it takes about 10 minutes, and you can save and come "
        "back.\n\n"
        f"Your personal link (only you have it: do not share it):\n{url}\n\n"
        "Your answers are private: nobody, the partnership's lead included, sees what you "
        "answered or has your link. Results are shown only when the round closes, and a "
        f"figure only where at least {sending.min_group} people answered.\n"
    )


def _results(access: Access, closed: Round) -> RoundResults:
    return round_results(closed, _judge(access))


@partnership_view()
def results(request: HttpRequest, access: Access, pk: int) -> HttpResponse:
    shown = _round(access, pk)
    if shown.is_open:
        return _page(request, "results_pending.jinja", access, round=shown)
    found = _results(access, shown)
    if found.scores.respondents < found.min_group:
        return _page(request, "results_too_few.jinja", access, round=shown, results=found)
    return _page(request, "results.jinja", access, round=shown, results=found, **helpers())


def helpers() -> dict[str, Any]:
    """What the results' templates (assessments/_sections.jinja) read besides the results."""
    return {
        "groups": groups,
        "charts": charts,
        "withheld": withheld_text,
        "reasons": REASONS,
        "reverse_low": REVERSE_LOW,
        "reverse_note": REVERSE_NOTE,
        "flag_names": FLAGS,
        "other_partners": OTHER_PARTNERS,
    }


@partnership_view()
def results_csv(request: HttpRequest, access: Access, pk: int) -> HttpResponse:
    shown = _round(access, pk)
    if shown.is_open:
        raise Http404("Results are shown only when the round has closed")
    found = _results(access, shown)
    if found.scores.respondents < found.min_group:
        raise Http404("Too few respondents to show results")
    return export.csv_response(found, f"{access.partnership.slug}-{shown.pk}-results.csv")
