"""A partnership's actions as the core sees them: what the verdict and the
board report summarise with ``joinedup.core.actions``."""

from __future__ import annotations

from joinedup.core.actions import ActionFacts
from joinedup.web.actions.links import statements
from joinedup.web.actions.models import Action
from joinedup.web.partnerships.models import Partnership


def partnership_actions(partnership: Partnership) -> list[ActionFacts]:
    """Every action of ``partnership``, each with the principle of the agenda
    item it answers (if any), in one query however many there are."""
    actions = list(Action.objects.of(partnership))
    agenda = statements(actions)
    return [
        action.facts(agenda[(action.round.pk, action.statement)][1] if action.round else None)
        for action in actions
    ]
