"""Demo data: the Riverside Discharge Partnership and a second, smaller one.

Loading is idempotent: every object is found by its natural key and updated,
so running ``joinedup demo`` twice never duplicates anything. All names are
fictional.
"""

from __future__ import annotations

import os

from joinedup.web.demo import actions, assessments, effort, outcomes, register
from joinedup.web.freshness.versions import loading

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


def load() -> None:
    """Create or refresh every demo object, in one transaction."""
    with loading():
        register.load(password())
        outcomes.load()
        assessments.load()
        effort.load()
        actions.load()
