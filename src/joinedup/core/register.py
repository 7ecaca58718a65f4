"""The vocabulary of the partnership register: sectors, roles, stages,
structural features and the shape of organisation codes."""

from __future__ import annotations

import re
from enum import StrEnum


class Sector(StrEnum):
    NHS = "nhs"
    LOCAL_AUTHORITY = "local_authority"
    VOLUNTARY = "voluntary"
    PRIVATE = "private"
    OTHER = "other"

    @property
    def label(self) -> str:
        return _SECTOR_LABELS[self]


_SECTOR_LABELS = {
    Sector.NHS: "NHS",
    Sector.LOCAL_AUTHORITY: "Local authority",
    Sector.VOLUNTARY: "Voluntary and community sector",
    Sector.PRIVATE: "Private provider",
    Sector.OTHER: "Other",
}


class Role(StrEnum):
    """A member's role in the partnership. Leads manage; the rest read."""

    LEAD = "lead"
    MEMBER = "member"
    ANALYST = "analyst"
    VIEWER = "viewer"

    @property
    def label(self) -> str:
        return self.value.capitalize()

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


class Stage(StrEnum):
    """How far the partners work together, from loosest to closest."""

    NETWORKING = "networking"
    COOPERATIVE = "cooperative"
    COORDINATING = "coordinating"
    INTEGRATED = "integrated"

    @property
    def label(self) -> str:
        return self.value.capitalize()

    @property
    def description(self) -> str:
        return _STAGE_DESCRIPTIONS[self]


_STAGE_DESCRIPTIONS = {
    Stage.NETWORKING: "Partners know of each other and exchange information.",
    Stage.COOPERATIVE: "Each partner pursues its own goals, helped by cooperating.",
    Stage.COORDINATING: "Partners plan and act jointly and trust each other.",
    Stage.INTEGRATED: "Pooled resources, joint teams and single management.",
}

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
