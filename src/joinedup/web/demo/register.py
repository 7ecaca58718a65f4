"""The demo register: partnerships, partners, members and pooled budgets."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import AbstractUser

from joinedup.core.register import Role, Sector, Stage
from joinedup.web.partnerships.models import BudgetContribution, Member, Partner, Partnership

RIVERSIDE = "riverside"
NORTHBANK = "northbank"

ACUTE = "Riverside University Hospitals NHS Foundation Trust"
COUNCIL = "Riverside County Council Adult Social Care"
COMMUNITY = "Riverside Community Health NHS Trust"
VOLUNTARY = "Riverside Carers and Neighbours"
PRIVATE = "HomeFirst Care Ltd"

# fmt: off
# (username, first name, last name, partner, role, can commit, job title, start, end)
RIVERSIDE_PEOPLE = [
    ("lead", "Helen", "Carter", ACUTE, Role.LEAD, True, "Chief Operating Officer", "2022-04-01", None),
    ("analyst", "Sam", "Lee", ACUTE, Role.ANALYST, False, "Senior Performance Analyst", "2022-04-01", None),
    ("r.patel", "Ravi", "Patel", ACUTE, Role.MEMBER, False, "Discharge Lead Nurse", "2022-04-01", None),
    ("a.novak", "Anna", "Novak", ACUTE, Role.MEMBER, True, "Divisional Director, Medicine", "2023-01-09", None),
    ("member", "Tom", "Okafor", COUNCIL, Role.MEMBER, False, "Head of Hospital Social Work", "2022-04-01", None),
    ("j.brown", "Julie", "Brown", COUNCIL, Role.MEMBER, True, "Director of Adult Social Care", "2022-04-01", None),
    ("k.ahmed", "Kamal", "Ahmed", COUNCIL, Role.MEMBER, False, "Brokerage Team Manager", "2022-09-05", None),
    ("l.evans", "Lowri", "Evans", COUNCIL, Role.VIEWER, False, "Commissioning Officer", "2023-06-01", None),
    ("m.osei", "Mary", "Osei", COMMUNITY, Role.MEMBER, True, "Director of Community Services", "2022-04-01", None),
    ("d.kowalski", "Daniel", "Kowalski", COMMUNITY, Role.MEMBER, False, "Intermediate Care Manager", "2022-04-01", None),
    ("s.hughes", "Sian", "Hughes", COMMUNITY, Role.MEMBER, False, "Therapy Lead", "2023-03-01", None),
    ("p.grant", "Peter", "Grant", COMMUNITY, Role.MEMBER, False, "Former Intermediate Care Lead", "2022-04-01", "2023-02-28"),
    ("f.ali", "Fatima", "Ali", VOLUNTARY, Role.MEMBER, True, "Chief Executive", "2022-04-01", None),
    ("g.murphy", "Grace", "Murphy", VOLUNTARY, Role.MEMBER, False, "Home from Hospital Coordinator", "2022-04-01", None),
    ("b.thompson", "Ben", "Thompson", VOLUNTARY, Role.MEMBER, False, "Volunteer Manager", "2024-01-15", None),
    ("c.wright", "Chloe", "Wright", PRIVATE, Role.MEMBER, True, "Registered Manager", "2022-04-01", None),
    ("o.james", "Owen", "James", PRIVATE, Role.MEMBER, False, "Care Coordinator", "2022-04-01", None),
]
# fmt: on

RIVERSIDE_BUDGET = {
    2024: {ACUTE: "1200000", COUNCIL: "2400000", COMMUNITY: "600000"},
    2025: {ACUTE: "1250000", COUNCIL: "2300000", COMMUNITY: "650000"},
}


def _user(username: str, first: str, last: str, hashed_password: str) -> AbstractUser:
    user, _ = get_user_model().objects.update_or_create(
        username=username,
        defaults={
            "first_name": first,
            "last_name": last,
            "email": f"{username}@example.org",
            "password": hashed_password,
        },
    )
    return user


def _member(
    partnership: Partnership,
    partners: dict[str, Partner],
    person: tuple[Any, ...],
    hashed_password: str,
) -> None:
    username, first, last, partner, role, commits, title, start, end = person
    Member.objects.update_or_create(
        partnership=partnership,
        user=_user(username, first, last, hashed_password),
        start_date=dt.date.fromisoformat(start),
        defaults={
            "partner": partners[partner],
            "role": role,
            "can_commit_resources": commits,
            "job_title": title,
            "end_date": dt.date.fromisoformat(end) if end else None,
        },
    )


def _partners(
    partnership: Partnership, rows: list[tuple[str, Sector, str, str]]
) -> dict[str, Partner]:
    """Each (name, sector, ODS code, GSS code) as a partner, by name."""
    return {
        name: Partner.objects.update_or_create(
            partnership=partnership,
            name=name,
            defaults={"sector": sector, "ods_code": ods, "gss_code": gss},
        )[0]
        for name, sector, ods, gss in rows
    }


def load(password: str) -> None:
    # Every demo login shares the one password: hash it once (a hash costs a
    # good part of a second by design), not once per person.
    password = make_password(password)
    riverside, _ = Partnership.objects.update_or_create(
        slug=RIVERSIDE,
        defaults={
            "name": "Riverside Discharge Partnership",
            "purpose": "People in Riverside go home from hospital as soon as they are ready, "
            "with the support they need to stay there.",
            "start_date": dt.date(2022, 4, 1),
            "declared_stage": Stage.INTEGRATED,
            "information_sharing_agreement": True,
            "joint_plan": True,
            "joint_posts": True,
            "pooled_budget": True,
            "joint_board": True,
            "single_management": False,
            "shared_records": False,
        },
    )
    partners = _partners(
        riverside,
        [
            (ACUTE, Sector.NHS, "R9R", ""),
            (COUNCIL, Sector.LOCAL_AUTHORITY, "", "E10000099"),
            (COMMUNITY, Sector.NHS, "R9C", ""),
            (VOLUNTARY, Sector.VOLUNTARY, "", ""),
            (PRIVATE, Sector.PRIVATE, "", ""),
        ],
    )
    for person in RIVERSIDE_PEOPLE:
        _member(riverside, partners, person, password)
    for year, amounts in RIVERSIDE_BUDGET.items():
        for name, amount in amounts.items():
            BudgetContribution.objects.update_or_create(
                partnership=riverside,
                partner=partners[name],
                year=year,
                defaults={"amount": Decimal(amount)},
            )

    northbank, _ = Partnership.objects.update_or_create(
        slug=NORTHBANK,
        defaults={
            "name": "Northbank Community Safety Partnership",
            "purpose": "Fewer people in Northbank are harmed by antisocial behaviour "
            "and domestic abuse.",
            "start_date": dt.date(2023, 9, 1),
            "declared_stage": Stage.COOPERATIVE,
            "information_sharing_agreement": True,
            "joint_plan": True,
        },
    )
    northbank_partners = _partners(
        northbank,
        [
            ("Northbank Borough Council", Sector.LOCAL_AUTHORITY, "", "E06000099"),
            ("Northbank Neighbourhood Policing", Sector.OTHER, "", ""),
            ("Safe at Home Northbank", Sector.VOLUNTARY, "", ""),
        ],
    )
    for person in [
        (
            "outsider",
            "Jordan",
            "Reid",
            "Northbank Borough Council",
            Role.LEAD,
            True,
            "Community Safety Manager",
            "2023-09-01",
            None,
        ),
        (
            "n.clarke",
            "Nadia",
            "Clarke",
            "Safe at Home Northbank",
            Role.MEMBER,
            False,
            "Service Manager",
            "2023-09-01",
            None,
        ),
    ]:
        _member(northbank, northbank_partners, person, password)
