"""Pages of the register. Each view reads through its ``Access`` (see
joinedup.web.access); logic lives in models, forms and the core."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import ProtectedError
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse

from joinedup.web.access import Access, partnership_view, signed_in
from joinedup.web.pages import partnership_page, posted
from joinedup.web.partnerships.forms import (
    BudgetContributionForm,
    MemberForm,
    NewPartnershipForm,
    PartnerForm,
    PartnershipForm,
)
from joinedup.web.partnerships.models import BudgetContribution, Partner, Partnership


def _page(
    request: HttpRequest, template: str, access: Access | None, **context: Any
) -> HttpResponse:
    return partnership_page(request, f"partnerships/{template}", access, **context)


def _form_page(
    request: HttpRequest,
    access: Access | None,
    form: BaseForm,
    title: str,
    submit: str,
    cancel: str,
    **context: Any,
) -> HttpResponse:
    return _page(
        request,
        "form.jinja",
        access,
        form=form,
        title=title,
        submit=submit,
        cancel=cancel,
        **context,
    )


@login_required
def partnership_list(request: HttpRequest) -> HttpResponse:
    partnerships = Partnership.objects.for_user(request.user)
    return _page(request, "list.jinja", None, partnerships=partnerships)


@login_required
def partnership_new(request: HttpRequest) -> HttpResponse:
    form = NewPartnershipForm(posted(request))
    if request.method == "POST" and form.is_valid():
        partnership = form.create(signed_in(request))
        if partnership is not None:
            messages.success(request, f"{partnership.name} has been created. You are its lead.")
            return redirect("overview:partnership", partnership.slug)
    return _form_page(
        request, None, form, "Start a partnership", "Create partnership", "partnerships:list"
    )


@partnership_view("manage")
def partnership_edit(request: HttpRequest, access: Access) -> HttpResponse:
    form = PartnershipForm(posted(request), instance=access.partnership)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "The partnership's details have been saved.")
        return redirect("overview:partnership", access.partnership.slug)
    return _form_page(
        request, access, form, "Change the partnership's details", "Save", "overview:partnership"
    )


@partnership_view()
def partners(request: HttpRequest, access: Access) -> HttpResponse:
    rows = access.partnership.partners.all()
    return _page(request, "partners.jinja", access, partners=rows)


@partnership_view("manage")
def partner_add(request: HttpRequest, access: Access) -> HttpResponse:
    return _partner_form(request, access, Partner())


@partnership_view("manage")
def partner_edit(request: HttpRequest, access: Access, pk: int) -> HttpResponse:
    return _partner_form(request, access, get_object_or_404(access.partnership.partners, pk=pk))


def _partner_form(request: HttpRequest, access: Access, partner: Partner) -> HttpResponse:
    form = PartnerForm(posted(request), instance=partner, partnership=access.partnership)
    if request.method == "POST" and form.is_valid():
        saved = form.save()
        messages.success(request, f"{saved.name} has been saved.")
        return redirect("partnerships:partners", access.partnership.slug)
    title = f"Change {partner.name}" if partner.pk else "Add a partner"
    return _form_page(request, access, form, title, "Save partner", "partnerships:partners")


@partnership_view("manage")
def partner_remove(request: HttpRequest, access: Access, pk: int) -> HttpResponse:
    partner = get_object_or_404(access.partnership.partners, pk=pk)
    problem = None
    if request.method == "POST":
        try:
            partner.delete()
        except ProtectedError:
            problem = (
                f"{partner.name} cannot be removed while anything is recorded against it "
                "(members, budget contributions, effort or assessment answers). "
                "Give its members an end date instead."
            )
        else:
            messages.success(request, f"{partner.name} has been removed.")
            return redirect("partnerships:partners", access.partnership.slug)
    return _page(request, "partner_remove.jinja", access, partner=partner, problem=problem)


@partnership_view()
def members(request: HttpRequest, access: Access) -> HttpResponse:
    rows = list(access.partnership.members.select_related("user", "partner"))
    current = [member for member in rows if member.is_current]
    former = [member for member in rows if not member.is_current]
    # Who has been invited is the leads' business: they send and cancel invitations.
    invited = (
        access.partnership.invitations.pending().select_related("partner")
        if access.can_manage
        else []
    )
    return _page(request, "members.jinja", access, current=current, former=former, invited=invited)


@partnership_view("manage")
def member_edit(request: HttpRequest, access: Access, pk: int) -> HttpResponse:
    member = get_object_or_404(access.partnership.members.select_related("user"), pk=pk)
    form = MemberForm(posted(request), instance=member, partnership=access.partnership)
    if request.method == "POST" and form.is_valid():
        saved = form.save()
        messages.success(request, f"{saved.display_name}'s membership has been saved.")
        return redirect("partnerships:members", access.partnership.slug)
    title = f"Change {member.display_name}'s membership"
    return _form_page(request, access, form, title, "Save member", "partnerships:members")


@partnership_view()
def budget(request: HttpRequest, access: Access) -> HttpResponse:
    return _page(request, "budget.jinja", access, years=access.partnership.budget_by_year())


@partnership_view("manage")
def budget_add(request: HttpRequest, access: Access) -> HttpResponse:
    return _budget_form(request, access, BudgetContribution())


@partnership_view("manage")
def budget_edit(request: HttpRequest, access: Access, pk: int) -> HttpResponse:
    contribution = get_object_or_404(access.partnership.budget_contributions, pk=pk)
    return _budget_form(request, access, contribution)


@partnership_view("manage")
def budget_remove(request: HttpRequest, access: Access, pk: int) -> HttpResponse:
    """Remove a contribution (a typo'd year, say) after asking. The budget keeps
    no history, so the page says how to put it back."""
    contribution = get_object_or_404(
        access.partnership.budget_contributions.select_related("partner"), pk=pk
    )
    if request.method == "POST":
        contribution.delete()
        messages.success(
            request,
            f"The contribution of {contribution.partner.name} for "
            f"{contribution.financial_year} has been removed.",
        )
        return redirect("partnerships:budget", access.partnership.slug)
    return _page(request, "budget_remove.jinja", access, contribution=contribution)


def _budget_form(
    request: HttpRequest, access: Access, contribution: BudgetContribution
) -> HttpResponse:
    form = BudgetContributionForm(
        posted(request), instance=contribution, partnership=access.partnership
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "The contribution has been saved.")
        return redirect("partnerships:budget", access.partnership.slug)
    title = "Change a budget contribution" if contribution.pk else "Add a budget contribution"
    remove = None
    if contribution.pk:
        slug = access.partnership.slug
        where = reverse("partnerships:budget_remove", args=[slug, contribution.pk])
        remove = (where, "Remove this contribution")
    return _form_page(
        request, access, form, title, "Save contribution", "partnerships:budget", remove=remove
    )
