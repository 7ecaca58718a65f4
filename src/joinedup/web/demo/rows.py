"""Writing demo rows in bulk, found again by their natural key.

Loading the demo again must find what it made before instead of adding
copies, but one ``update_or_create`` per row costs four queries (and two
savepoints); the demo has hundreds of rows. :func:`upsert` reads the rows
that exist in one query, then creates the rest and refreshes the others in
two more.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

from django.db.models import Field, Model, Q

M = TypeVar("M", bound=Model)


def upsert(model: type[M], rows: Sequence[M], key: Sequence[str], fields: Sequence[str]) -> list[M]:
    """Save ``rows`` (unsaved instances of ``model``): each row whose ``key``
    fields match a stored row updates that row's ``fields``; the others are
    created. Returns the rows, each with its primary key."""
    if not rows:
        return []

    attnames = [_concrete(model, name).attname for name in key]

    def key_of(row: Any) -> tuple[Any, ...]:
        return tuple(getattr(row, attname) for attname in attnames)

    wanted = Q()
    for row in rows:
        wanted |= Q(**dict(zip(attnames, key_of(row), strict=True)))
    stored = {key_of(found): found for found in model._default_manager.filter(wanted)}
    new = [row for row in rows if key_of(row) not in stored]
    old = []
    for row in rows:
        found = stored.get(key_of(row))
        if found is not None:
            for name in fields:
                setattr(found, name, getattr(row, name))
            row.pk = found.pk
            old.append(found)
    model._default_manager.bulk_create(new)
    if old and fields:
        model._default_manager.bulk_update(old, list(fields))
    return list(rows)


def _concrete(model: type[Model], name: str) -> Field[Any, Any]:
    field = model._meta.get_field(name)
    assert isinstance(field, Field)  # a column of the table, not a reverse relation
    return field
