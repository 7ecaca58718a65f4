"""A partnership's actions as the core sees them: what the verdict and the
board report summarise with ``joinedup.core.actions``, now or as they stood
on a past date."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.utils import timezone

from joinedup.core.actions import ActionFacts, Change, Standing, Status, stood
from joinedup.web.actions.links import statements
from joinedup.web.actions.models import Action, ActionUpdate
from joinedup.web.partnerships.models import Member, Partnership


def partnership_actions(
    partnership: Partnership, as_of: dt.date | None = None
) -> list[ActionFacts]:
    """Every action of ``partnership`` (as they stood at the end of ``as_of``,
    if given), each with the principle of the agenda item it answers (if
    any), in a fixed number of queries however many there are."""
    if as_of is None:
        actions = list(Action.objects.of(partnership))
    else:
        actions = actions_as_of(partnership, as_of)
    agenda = statements(actions)
    return [
        action.facts(agenda[(action.round.pk, action.statement)][1] if action.round else None)
        for action in actions
    ]


def actions_as_of(partnership: Partnership, day: dt.date) -> list[Action]:
    """The actions of ``partnership`` raised by the end of ``day`` (London), each
    with the status, due date, owner and closing time it had then: the updates
    of its log made later are undone (``joinedup.core.actions.stood``).

    The actions returned are for reading only: never save one."""
    raised = [
        action
        for action in Action.objects.of(partnership)
        if timezone.localdate(action.raised_at) <= day
    ]
    logs: dict[int, list[Change]] = defaultdict(list)
    for update in ActionUpdate.objects.filter(action__in=raised):
        logs[update.action_id].append(_change(update))
    owners = {member.pk: member for member in _owners(partnership)}
    for action in raised:
        now = Standing(action.status_choice, action.due_on, action.owner_id, action.closed_on)
        then = stood(now, logs[action.pk], day)
        action.status, action.due_on = then.status.value, then.due
        action.owner = owners[then.owner]
        action.closed_at = (
            None
            if then.closed_on is None
            else dt.datetime.combine(then.closed_on, dt.time(12), timezone.get_current_timezone())
        )
    return raised


def _change(update: ActionUpdate) -> Change:
    return Change(
        on=timezone.localdate(update.at),
        status=(Status(update.old_status), Status(update.status)) if update.status else None,
        due=(update.old_due_on, update.due_on) if update.due_on and update.old_due_on else None,
        owner=(update.old_owner_id, update.owner_id)
        if update.owner_id and update.old_owner_id
        else None,
    )


def _owners(partnership: Partnership) -> list[Member]:
    return list(Member.objects.filter(partnership=partnership).select_related("user", "partner"))
