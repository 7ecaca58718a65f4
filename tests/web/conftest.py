"""The base fixtures of every view test: a partnership with an owner (its
lead), a member, an analyst, a viewer, and an outsider who belongs only to
another partnership."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from joinedup.core.register import Role, Sector, Stage
from joinedup.web.partnerships.models import Member, Partner, Partnership


@pytest.fixture(autouse=True)
def _fast_hasher(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@dataclass
class World:
    partnership: Partnership
    acute: Partner
    council: Partner
    owner: User
    member: User
    analyst: User
    viewer: User
    outsider: User
    other: Partnership

    def client(self, who: str) -> Client:
        client = Client()
        client.force_login(getattr(self, who))
        return client


def _join(
    partnership: Partnership, user: User, partner: Partner, role: Role, **extra: Any
) -> Member:
    return Member.objects.create(
        partnership=partnership,
        user=user,
        partner=partner,
        role=role,
        start_date=dt.date(2022, 4, 1),
        **extra,
    )


@pytest.fixture
def world(db: Any) -> World:
    partnership = Partnership.objects.create(
        name="Riverside Discharge Partnership",
        slug="riverside",
        purpose="Home sooner.",
        start_date=dt.date(2022, 4, 1),
        declared_stage=Stage.COORDINATING,
        pooled_budget=True,
    )
    acute = partnership.partners.create(
        name="Riverside Hospitals", sector=Sector.NHS, ods_code="R9R"
    )
    council = partnership.partners.create(
        name="Riverside County Council", sector=Sector.LOCAL_AUTHORITY, gss_code="E10000099"
    )
    users = {
        name: User.objects.create_user(name, password="pw", first_name=name.capitalize())
        for name in ("owner", "member", "analyst", "viewer", "outsider")
    }
    _join(partnership, users["owner"], acute, Role.LEAD, can_commit_resources=True)
    _join(partnership, users["member"], council, Role.MEMBER)
    _join(partnership, users["analyst"], acute, Role.ANALYST)
    _join(partnership, users["viewer"], council, Role.VIEWER)
    other = Partnership.objects.create(
        name="Northbank Community Safety Partnership",
        slug="northbank",
        purpose="Safer streets.",
        start_date=dt.date(2023, 9, 1),
        declared_stage=Stage.COOPERATIVE,
    )
    _join(
        other,
        users["outsider"],
        other.partners.create(name="Northbank Council", sector=Sector.LOCAL_AUTHORITY),
        Role.LEAD,
    )
    return World(partnership, acute, council, other=other, **users)
