"""The lead's and members' pages of a partnership's assessment rounds.

Nothing here shows a result before a round closes, or one person's answers
ever: results come only from ``results.round_results``.
"""

from __future__ import annotations

import logging
from collections import Counter
from typing import Any

from django.contrib import messages
from django.core.mail import send_mass_mail
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone

from joinedup.web.access import Access, partnership_view, signed_in
from joinedup.web.assessments import charts, evidence, export
from joinedup.web.assessments.forms import RoundForm
from joinedup.web.assessments.links import link
from joinedup.web.assessments.models import Round
from joinedup.web.assessments.results import (
    FLAGS,
    OTHER_PARTNERS,
    REASONS,
    RoundResults,
    groups,
    round_results,
)
from joinedup.web.jinja import date
from joinedup.web.pages import partnership_page, posted
from joinedup.web.partnerships.models import Member

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
        form.instance.opened_by = signed_in(request)
        opened = form.save()
        messages.success(request, f"{opened.name} is open. Send each member their link.")
        return redirect("assessments:round", access.partnership.slug, opened.pk)
    return _page(request, "round_new.jinja", access, form=form)


def _current_members(access: Access) -> list[Member]:
    return list(
        Member.objects.current()
        .filter(partnership=access.partnership)
        .select_related("user", "partner")
        .order_by("partner__name", "user__last_name", "user__first_name")
    )


@partnership_view()
def round_detail(request: HttpRequest, access: Access, pk: int) -> HttpResponse:
    shown = _round(access, pk)
    context: dict[str, Any] = {"round": shown}
    if shown.is_open:
        context["own_link"] = request.build_absolute_uri(link(shown, access.member))
        context["own_response"] = shown.responses.filter(member=access.member).first()
    if access.can_manage and shown.is_open:  # the lead's links and counts: open rounds only
        members = _current_members(access)
        context["links"] = [
            (member, request.build_absolute_uri(link(shown, member))) for member in members
        ]
        context["counts"] = _response_counts(shown, members)
    return _page(request, "round.jinja", access, **context)


def _response_counts(shown: Round, members: list[Member]) -> list[dict[str, Any]]:
    """Per partner: current members, responses with an answer, finished responses."""
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
    invited = Counter(member.partner.name for member in members)
    return [
        {
            "partner": name,
            "members": invited[name],
            "answered": started[name],
            "finished": finished[name],
        }
        for name in sorted(invited | started)
    ]


@partnership_view("manage")
def round_close(request: HttpRequest, access: Access, pk: int) -> HttpResponse:
    closing = _open_round(access, pk)
    if request.method == "POST":
        closing.closed_at = timezone.now()
        closing.save(update_fields=["closed_at"])
        messages.success(request, f"{closing.name} is closed. These are its results.")
        return redirect("assessments:results", access.partnership.slug, closing.pk)
    return _page(request, "round_close.jinja", access, round=closing)


@partnership_view("manage")
def round_send(request: HttpRequest, access: Access, pk: int) -> HttpResponse:
    """Email every current member their personal link."""
    sending = _open_round(access, pk)
    members = _current_members(access)
    reachable = [member for member in members if member.user.email]
    problem = None
    if request.method == "POST":
        partnership = access.partnership
        try:
            send_mass_mail(
                [
                    (
                        f"{partnership.name}: your assessment link",
                        _invitation(
                            sending, member, request.build_absolute_uri(link(sending, member))
                        ),
                        None,
                        [member.user.email],
                    )
                    for member in reachable
                ]
            )
        except OSError as error:  # smtplib's errors included: the server, not the lead
            logger.exception("Sending the links of round %s failed", sending.pk)
            problem = (
                f"The email server did not accept the emails ({error}), so some or all of them "
                "were not sent. Try again later, or give members their links from the "
                "round's page."
            )
        else:
            messages.success(request, f"Links sent to {len(reachable)} members by email.")
            return redirect("assessments:round", partnership.slug, sending.pk)
    unreachable = [member for member in members if not member.user.email]
    return _page(
        request,
        "round_send.jinja",
        access,
        round=sending,
        reachable=reachable,
        unreachable=unreachable,
        problem=problem,
    )


def _invitation(sending: Round, member: Member, url: str) -> str:
    return (
        f"Dear {member.display_name},\n\n"
        f"{sending.partnership.name} is asking every partner's members how the partnership "
        f"really works. Please answer for {member.partner.name} by {date(sending.closes_on)}: "
        "it takes about 10 minutes, and you can save and come back.\n\n"
        f"Your personal link (do not share it):\n{url}\n\n"
        "Your answers are private: nobody, the partnership's lead included, sees what you "
        "answered. Results are shown only when the round closes, and only for groups of "
        f"at least {sending.min_group} people.\n"
    )


def _results(access: Access, closed: Round) -> RoundResults:
    """The results of a closed round."""
    return round_results(closed, evidence.results_back_it(access.partnership))


@partnership_view()
def results(request: HttpRequest, access: Access, pk: int) -> HttpResponse:
    shown = _round(access, pk)
    if shown.is_open:
        return _page(request, "results_pending.jinja", access, round=shown)
    found = _results(access, shown)
    if found.scores.respondents < shown.min_group:
        return _page(request, "results_too_few.jinja", access, round=shown, results=found)
    return _page(
        request,
        "results.jinja",
        access,
        round=shown,
        results=found,
        groups=groups,
        charts=charts,
        reasons=REASONS,
        flag_names=FLAGS,
        other_partners=OTHER_PARTNERS,
    )


@partnership_view()
def results_csv(request: HttpRequest, access: Access, pk: int) -> HttpResponse:
    shown = _round(access, pk)
    if shown.is_open:
        raise Http404("Results are shown only when the round has closed")
    found = _results(access, shown)
    if found.scores.respondents < shown.min_group:
        raise Http404("Too few respondents to show results")
    return export.csv_response(found, f"{access.partnership.slug}-{shown.pk}-results.csv")
