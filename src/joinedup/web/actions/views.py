"""Pages of actions. Everyone in the partnership reads them; leads raise and
reassign them ("manage"); an action's owner updates their own. Every action
is read through the partnership (joinedup.web.access)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone

from joinedup.web.access import Access, partnership_view
from joinedup.web.actions import links
from joinedup.web.actions.forms import FilterForm, RaiseForm, UpdateForm
from joinedup.web.actions.models import Action
from joinedup.web.pages import partnership_page, posted


def action_of(access: Access, pk: int) -> Action:
    return get_object_or_404(Action.objects.of(access.partnership), pk=pk)


def can_update(access: Access, action: Action) -> bool:
    """Leads update any action; everyone else only the ones they own."""
    return access.can_manage or action.owner.user_id == access.member.user_id


@partnership_view()
def action_list(request: HttpRequest, access: Access) -> HttpResponse:
    today = timezone.localdate()
    filters = FilterForm(request.GET or None, partnership=access.partnership)
    actions = list(filters.apply(Action.objects.of(access.partnership), today).in_order(today))
    return partnership_page(
        request,
        "actions/list.jinja",
        access,
        actions=actions,
        overdue=sum(action.days_overdue(today) > 0 for action in actions),
        filters=filters,
        filtered=filters.is_bound and filters.is_valid() and any(filters.cleaned_data.values()),
        statements=links.statements(actions),
        today=today,
    )


@partnership_view()
def action_detail(request: HttpRequest, access: Access, pk: int) -> HttpResponse:
    action = action_of(access, pk)
    return partnership_page(
        request,
        "actions/detail.jinja",
        access,
        action=action,
        log=action.updates.select_related("by", "owner__user", "old_owner__user"),
        statements=links.statements([action]),
        can_update=can_update(access, action),
        today=timezone.localdate(),
    )


@partnership_view("manage")
def action_new(request: HttpRequest, access: Access) -> HttpResponse:
    answers = links.from_query(access.partnership, request.GET)
    action = Action(**answers)
    form = RaiseForm(posted(request), instance=action, partnership=access.partnership)
    if request.method == "POST" and form.is_valid():
        saved = form.save_by(request.user)
        messages.success(request, f"The action “{saved.title}” has been raised.")
        return redirect("actions:detail", access.partnership.slug, saved.pk)
    return partnership_page(
        request,
        "actions/form.jinja",
        access,
        form=form,
        action=action,
        statements=links.statements([action]),
        title="Raise an action",
        submit="Raise the action",
        today=timezone.localdate(),
    )


@partnership_view()
def action_update(request: HttpRequest, access: Access, pk: int) -> HttpResponse:
    action = action_of(access, pk)
    if not can_update(access, action):
        raise PermissionDenied("Only its owner or a lead can update an action")
    form = UpdateForm(posted(request), action=action, full=access.can_manage)
    if request.method == "POST" and form.is_valid():
        if form.save_by(request.user):
            messages.success(request, f"The action “{action.title}” has been updated.")
            return redirect("actions:detail", access.partnership.slug, action.pk)
        # Someone else's update came first: show theirs, and let this one be made again.
        action = action_of(access, pk)
        form = UpdateForm(None, action=action, full=access.can_manage)
        messages.error(
            request,
            "Someone else updated this action while you were on this page. It now stands as "
            "shown below: make your update again.",
        )
    return partnership_page(
        request,
        "actions/form.jinja",
        access,
        form=form,
        action=action,
        statements=links.statements([action]),
        title=f"Update the action “{action.title}”",
        submit="Save the update",
        today=timezone.localdate(),
    )
