"""A member answering a round through their personal link, one principle a page.

Pages 1 to P are the framework's principles; page P + 1 rates the other
partners; then the member checks their own answers. Each page is saved in one
transaction when it is submitted, so a member can stop at any page and come
back with the same link until the round closes.

Saved answers are shown only to the member, logged in, and to the browser the
response is bound to, for the pages it saved (resume.py): anyone else with
the link, the lead included, answers on blank pages.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, Concatenate, ParamSpec

from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from joinedup.core.framework import DONT_KNOW_LABEL, SCALE
from joinedup.core.relationships import LEVELS
from joinedup.web.access import View
from joinedup.web.assessments import resume
from joinedup.web.assessments.forms import PrincipleForm, RelationshipForm, field_name
from joinedup.web.assessments.links import Unusable, closed, respondent
from joinedup.web.assessments.models import (
    Answer,
    Comment,
    Invitation,
    RelationshipRating,
    Response,
    Round,
)
from joinedup.web.pages import posted

P = ParamSpec("P")


class Respondent:
    """A member's link in use, where its answers are kept, and which this visitor may see."""

    def __init__(self, request: HttpRequest, token: str, invitation: Invitation) -> None:
        self.request = request
        self.token = token
        self.round = round = invitation.round
        self.member = member = invitation.member
        # The partner the member was invited for, even if they have moved since.
        self.partner = invitation.partner
        self.framework = round.framework
        self.principles = self.framework.principles
        self.others = list(round.partnership.partners.exclude(pk=self.partner.pk))
        self.pages = len(self.principles) + (1 if self.others else 0)
        self.response = Response.objects.filter(round=round, member=member).first()
        # The pages whose saved answers this visitor is shown.
        self.visible: set[int] = set()
        if request.user.is_authenticated and request.user.pk == member.user_id:
            self.visible = set(range(1, self.pages + 1))
        elif self.response is not None and resume.is_bound(request, self.response):
            self.visible = set(self.response.resume_pages)
        self.secret: str | None = None  # a new resume secret, for the cookie

    @functools.cached_property
    def _scores(self) -> dict[str, int | None]:
        if self.response is None:
            return {}
        return dict(self.response.answers.values_list("statement", "score"))

    @functools.cached_property
    def _comments(self) -> dict[str, str]:
        if self.response is None:
            return {}
        return dict(self.response.comments.values_list("principle", "text"))

    @functools.cached_property
    def _levels(self) -> dict[int, int]:
        if self.response is None:
            return {}
        return dict(self.response.relationship_ratings.values_list("about_id", "level"))

    def _saved_on(self, number: int) -> bool:
        if number > len(self.principles):
            return bool(self._levels)
        principle = self.principles[number - 1]
        return principle.id in self._comments or any(
            statement.id in self._scores for statement in principle.statements
        )

    @functools.cached_property
    def hidden_pages(self) -> set[int]:
        """Pages with answers saved in another browser, which this visitor is not shown."""
        return {
            number
            for number in range(1, self.pages + 1)
            if number not in self.visible and self._saved_on(number)
        }

    def scores(self, number: int) -> dict[str, int | None]:
        """statement id -> score saved on principle page ``number``, if shown to this visitor."""
        if number not in self.visible:
            return {}
        return {
            statement.id: self._scores[statement.id]
            for statement in self.principles[number - 1].statements
            if statement.id in self._scores
        }

    def comment(self, number: int) -> str:
        if number not in self.visible:
            return ""
        return self._comments.get(self.principles[number - 1].id, "")

    def levels(self) -> dict[int, int]:
        """partner id -> level saved on the last page, if shown to this visitor."""
        return self._levels if self.pages in self.visible else {}

    def locked_response(self) -> Response:
        """The member's response, created on first use and locked until the transaction ends.

        Locks the round first, as closing it does, and raises :class:`Unusable`
        when it closed after the page was opened: an answer is saved while its
        round is open, in the same transaction, or not at all.
        """
        if not Round.objects.lock_open(self.round.pk):
            self.round.refresh_from_db()
            raise closed(self.round)
        response, _ = Response.objects.select_for_update().get_or_create(
            round=self.round, member=self.member, defaults={"partner": self.partner}
        )
        response.partner = self.partner
        self.response = response
        return response

    def saving(self, number: int) -> Response:
        """The response, bound to this browser, about to take page ``number``'s answers.

        A browser that is not bound yet takes the response over: what other
        browsers saved stays (and counts) until this one replaces it, page by
        page, but it is never shown here, and no longer shown there.
        """
        response = self.locked_response()
        if not resume.is_bound(self.request, response):
            self.secret = resume.bind(response)
        response.resume_pages = sorted({*response.resume_pages, number})
        response.save()
        return response


def respondent_view(
    view: Callable[Concatenate[HttpRequest, Respondent, P], HttpResponse],
) -> View:
    """Wrap a view taking ``(request, respondent, ...)`` as one taking the link's token.

    A made-up or altered token is 404; a genuine link that cannot be used (a
    closed round, a former member, a member not invited) says why.
    """

    def wrapper(
        request: HttpRequest, token: str, *args: P.args, **kwargs: P.kwargs
    ) -> HttpResponse:
        try:
            who = Respondent(request, token, respondent(token))
            page = view(request, who, *args, **kwargs)
        except Unusable as unusable:
            context = {"unusable": unusable}
            return render(
                request, "assessments/respond/unusable.jinja", context, status=unusable.status
            )
        if who.secret is not None and who.response is not None:
            resume.set_cookie(request, page, who.response, who.secret)
        return page

    functools.update_wrapper(wrapper, view)
    return never_cache(wrapper)


def _render(request: HttpRequest, template: str, who: Respondent, **context: Any) -> HttpResponse:
    return render(request, f"assessments/respond/{template}", {"who": who, **context})


@respondent_view
def start(request: HttpRequest, who: Respondent) -> HttpResponse:
    return _render(request, "start.jinja", who)


@respondent_view
def page(request: HttpRequest, who: Respondent, number: int) -> HttpResponse:
    if not 1 <= number <= who.pages:
        raise Http404("No such page")
    if number > len(who.principles):
        return _relationships(request, who, number)
    principle = who.principles[number - 1]
    initial = PrincipleForm.initial_from(principle, who.scores(number), who.comment(number))
    form = PrincipleForm(posted(request), initial=initial, principle=principle)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            response = who.saving(number)
            for statement, value in form.scores().items():
                if value == "":
                    response.answers.filter(statement=statement).delete()
                else:
                    Answer.objects.update_or_create(
                        response=response, statement=statement, defaults={"score": value}
                    )
            comment = form.cleaned_data["comment"].strip()
            if comment:
                Comment.objects.update_or_create(
                    response=response, principle=principle.id, defaults={"text": comment}
                )
            else:
                response.comments.filter(principle=principle.id).delete()
        return _next(request, who, number)
    return _render(request, "principle.jinja", who, form=form, principle=principle, number=number)


def _relationships(request: HttpRequest, who: Respondent, number: int) -> HttpResponse:
    initial = {f"partner-{pk}": str(level) for pk, level in who.levels().items()}
    form = RelationshipForm(posted(request), initial=initial, own=who.partner, others=who.others)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            response = who.saving(number)
            for partner, level in form.levels().items():
                if level is None:
                    response.relationship_ratings.filter(about=partner).delete()
                else:
                    RelationshipRating.objects.update_or_create(
                        response=response, about=partner, defaults={"level": level}
                    )
        return _next(request, who, number)
    return _render(request, "relationships.jinja", who, form=form, number=number)


def _next(request: HttpRequest, who: Respondent, number: int) -> HttpResponse:
    if request.POST.get("action") == "later":
        return redirect("respond:done", who.token)
    if number < who.pages:
        return redirect("respond:page", who.token, number + 1)
    return redirect("respond:check", who.token)


ANSWER_LABELS: dict[int | None, str] = dict([*SCALE.items(), (None, DONT_KNOW_LABEL)])


@respondent_view
def check(request: HttpRequest, who: Respondent) -> HttpResponse:
    """The answers this visitor may see, to check and change; the rest without values."""
    if request.method == "POST":
        with transaction.atomic():
            response = who.locked_response()
            response.finished_at = timezone.now()
            response.save()
        return redirect("respond:done", who.token)
    sections = []
    for number, principle in enumerate(who.principles, start=1):
        scores = who.scores(number)
        sections.append(
            {
                "number": number,
                "principle": principle,
                "rows": [
                    (
                        statement.text,
                        ANSWER_LABELS[scores[statement.id]]
                        if statement.id in scores
                        else "Not answered",
                        f"id_{field_name(statement.id)}_0",
                    )
                    for statement in principle.statements
                ],
                "comment": who.comment(number),
            }
        )
    levels = who.levels()
    relationships = [
        (
            partner,
            f"{levels[partner.pk]}: {LEVELS[levels[partner.pk]]}"
            if partner.pk in levels
            else "Not answered",
        )
        for partner in who.others
    ]
    return _render(request, "check.jinja", who, sections=sections, relationships=relationships)


@respondent_view
def done(request: HttpRequest, who: Respondent) -> HttpResponse:
    return _render(request, "done.jinja", who)
