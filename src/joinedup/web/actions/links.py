"""What an action answers: read from a link's query string, found only in the
action's own partnership, and the words a page shows for it.

Pages elsewhere link to "raise an action" by URL name with a query string
(``?round=5&statement=trust.candour``, ``?outcome=3``, ``?indicator=7``,
``?flag=no_owner&subject=...``); anything that does not name a thing of this
partnership answers 404, as a child object of another partnership would.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.http import Http404

from joinedup.web.actions.models import Action
from joinedup.web.assessments.models import Round
from joinedup.web.outcomes import facts
from joinedup.web.outcomes.models import Indicator
from joinedup.web.partnerships.models import Partnership

KEYS = ("round", "outcome", "indicator", "flag")


def from_query(partnership: Partnership, query: Mapping[str, str]) -> dict[str, Any]:
    """The fields of an action answering what ``query`` names, or Http404."""
    named = [key for key in KEYS if query.get(key)]
    if not named:
        return {}
    if len(named) > 1:
        raise Http404("An action answers one thing at a time")
    key = named[0]
    if key == "flag":
        kind, subject = query["flag"], query.get("subject", "")
        board = facts.board(partnership)
        if not any(f.kind == kind and f.subject == subject for f in board.flags):
            raise Http404("The partnership has no such integrity flag now")
        return {"flag_kind": kind, "flag_subject": subject}
    pk = _number(query[key])
    if key == "outcome":
        return {"outcome": _found(partnership.outcomes.all(), pk)}
    if key == "indicator":
        found = Indicator.objects.of(partnership).select_related("outcome")
        return {"indicator": _found(found, pk)}
    round = _found(partnership.rounds.closed(), pk)
    statement = query.get("statement", "")
    if statement not in {s.id for s in round.framework.statements}:
        raise Http404("The round has no such statement")
    return {"round": round, "statement": statement}


def _number(text: str) -> int:
    if not text.isdigit():
        raise Http404("Not a number")
    return int(text)


def _found(queryset: Any, pk: int) -> Any:
    found = queryset.filter(pk=pk).first()
    if found is None:
        raise Http404("Not in this partnership")
    return found


def statements(actions: Iterable[Action]) -> dict[tuple[int, str], tuple[str, str]]:
    """(round id, statement id) -> (the statement's text, its principle) for
    each agenda item ``actions`` answer, reading each round's framework once."""
    rounds: dict[int, Round] = {a.round.pk: a.round for a in actions if a.round is not None}
    return {
        (pk, statement.id): (statement.text, statement.principle)
        for pk, round in rounds.items()
        for statement in round.framework.statements
    }
