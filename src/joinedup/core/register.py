"""The vocabulary of the partnership register: sectors, roles, stages,
structural features and the shape of organisation codes."""

from __future__ import annotations

import re

from joinedup.core.labels import Labelled


class Sector(Labelled):
    NHS = "nhs", "NHS"
    LOCAL_AUTHORITY = "local_authority", "Local authority"
    VOLUNTARY = "voluntary", "Voluntary and community sector"
    PRIVATE = "private", "Private provider"
    OTHER = "other", "Other"


class Role(Labelled):
    """A member's role in the partnership. Leads manage; the rest read."""

    LEAD = "lead", "Lead"
    MEMBER = "member", "Member"
    ANALYST = "analyst", "Analyst"
    VIEWER = "viewer", "Viewer"

    @property
    def can_manage(self) -> bool:
        """Change the register, outcomes, owners and targets; run rounds."""
        return self is Role.LEAD

    @property
    def can_load_data(self) -> bool:
        """Load and correct indicator data and effort."""
        return self in (Role.LEAD, Role.ANALYST)

    @property
    def rank(self) -> int:
        """Which role counts when a person holds several at once."""
        return (Role.VIEWER, Role.MEMBER, Role.ANALYST, Role.LEAD).index(self)


class Stage(Labelled):
    """How far the partners work together, from loosest to closest."""

    NETWORKING = (
        "networking",
        "Networking",
        "Partners know of each other and exchange information.",
    )
    COOPERATIVE = (
        "cooperative",
        "Cooperative",
        "Each partner pursues its own goals, helped by cooperating.",
    )
    COORDINATING = (
        "coordinating",
        "Coordinating",
        "Partners plan and act jointly and trust each other.",
    )
    INTEGRATED = (
        "integrated",
        "Integrated",
        "Pooled resources, joint teams and single management.",
    )


# The structural features a partnership declares, in the order they are shown:
# field name -> what a person reads. Models, forms and the stage rules all use
# these names.
STRUCTURAL_FEATURES: dict[str, str] = {
    "information_sharing_agreement": "Information-sharing agreement",
    "joint_plan": "Joint plan",
    "joint_posts": "Joint posts or teams",
    "pooled_budget": "Pooled budget (such as a section 75 agreement)",
    "joint_board": "Joint board with delegated decisions",
    "single_management": "Single management",
    "shared_records": "Shared records",
}

_ODS = re.compile(r"[A-Z0-9]{3,6}")
_GSS = re.compile(r"[ENSW]\d{8}")


def is_ods_code(code: str) -> bool:
    """An NHS Organisation Data Service code's shape: 3 to 6 letters or digits
    (``RXX`` for a trust, ``RXX01`` for a site, ``A81001`` for a practice)."""
    return bool(_ODS.fullmatch(code))


def is_gss_code(code: str) -> bool:
    """A GSS statistical code's shape: a country letter and 8 digits
    (``E10000034`` for a county council, ``W06000015`` in Wales)."""
    return bool(_GSS.fullmatch(code))
