"""The base fixture of every view test: ``world`` (see tests.factories.World)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.factories import World, make_world


@pytest.fixture
def world(db: Any) -> World:
    return make_world()
