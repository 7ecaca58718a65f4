"""Demo data: the Riverside Discharge Partnership and a second, smaller one.

Loading happens once: when a demo partnership exists already, :func:`load`
leaves the database alone, so what people did in the demo (a round closed, a
value edited) stays as they left it. Each part's loader finds every object by
its natural key, so a part loaded twice never duplicates anything either. All
names are fictional.
"""

from __future__ import annotations

import os

from joinedup.web.demo import actions, assessments, effort, outcomes, register
from joinedup.web.freshness.versions import loading
from joinedup.web.partnerships.models import Partnership

DEFAULT_PASSWORD = "joinedup-demo"

# The logins printed by `joinedup demo`: username -> what they can see.
LOGINS = {
    "lead": "leads the Riverside Discharge Partnership",
    "member": "a member of Riverside (county council adult social care)",
    "analyst": "Riverside's analyst (loads indicator data)",
    "outsider": "belongs only to the Northbank Community Safety Partnership",
}


def password() -> str:
    return os.environ.get("JOINEDUP_DEMO_PASSWORD") or DEFAULT_PASSWORD


def loaded() -> bool:
    """Whether a demo partnership is in the database already."""
    return Partnership.objects.filter(slug__in=[register.RIVERSIDE, register.NORTHBANK]).exists()


def load() -> bool:
    """Create every demo object, in one transaction; or, when the demo is
    there already, change nothing. Whether it loaded anything."""
    if loaded():
        return False
    with loading():
        register.load(password())
        outcomes.load()
        assessments.load()
        effort.load()
        actions.load()
    return True
