"""Each partnership's data version, replaced after every change it could show.

One receiver per kind of write (save, delete, many-to-many change) covers
every joinedup model, so no single save can be forgotten:
``TOWARDS_PARTNERSHIP`` names the foreign key that leads from each model to
its partnership, and a test fails when a model is added without one. The
version is replaced after the write and, when the write is in a transaction,
in the same transaction, so a reader sees the new data and the new version
together. Writes that send no signals (``bulk_create``, ``QuerySet.update``,
raw SQL) call :func:`data_changed` (or :func:`changed`) themselves.

An operation that writes many rows (an import, a meeting with its
attendance, loading the demo) runs inside :func:`one_change` or
:func:`loading`: its rows' receivers then do nothing, and each partnership
it changed gets one new version at the end, still inside its transaction.
Why: docs/adr/0601-dashboard-cache.md.
"""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.db.models import Model
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save

from joinedup.web.partnerships.models import Member, Partnership

# Every joinedup model ("app_label.Model") and its foreign key towards its
# partnership; None for the partnership itself.
TOWARDS_PARTNERSHIP: dict[str, str | None] = {
    "partnerships.Partnership": None,
    "partnerships.Partner": "partnership",
    "partnerships.Member": "partnership",
    "partnerships.BudgetContribution": "partnership",
    "accounts.Invitation": "partnership",
    "outcomes.Outcome": "partnership",
    "outcomes.Indicator": "outcome",
    "outcomes.IndicatorEvent": "indicator",
    "outcomes.DataPoint": "indicator",
    "outcomes.ChangeRecord": "partnership",
    "assessments.Round": "partnership",
    "assessments.Response": "round",
    "assessments.Answer": "response",
    "assessments.Comment": "response",
    "assessments.RelationshipRating": "response",
    "assessments.Invitation": "round",
    "assessments.Snapshot": "round",
    "effort.CostRate": "partnership",
    "effort.Meeting": "partnership",
    "effort.Attendance": "meeting",
    "effort.StaffTime": "partnership",
    "effort.Expense": "partnership",
    "actions.Action": "partnership",
    "actions.ActionUpdate": "action",
}

# joinedup models no cached page shows: writing them changes no version (a
# job's progress is written every few seconds while it runs; a file held for
# an import shows nowhere until its values are imported).
NOT_SHOWN: frozenset[str] = frozenset({"jobs.Job", "actions.Reminded", "outcomes.Upload"})

# The dashboard shows an outcome owner's name; a login only saves last_login.
USER_NAME_FIELDS = frozenset({"first_name", "last_name", "username"})


@dataclasses.dataclass
class _Batch:
    """The partnerships a block of writes changes, given a new version once, at its end."""

    partnerships: set[int] = dataclasses.field(default_factory=set)
    everything: bool = False  # loading: every partnership, so no row need be looked up


_batch: ContextVar[_Batch | None] = ContextVar("joinedup_data_changes", default=None)


def data_changed(*partnership_ids: int) -> None:
    """Give each partnership a new data version, so nothing cached before is read again.

    Call it after a write that sends no signals, inside the same transaction.
    Inside :func:`one_change` or :func:`loading` it waits for the block's end."""
    batch = _batch.get()
    if batch is not None:
        batch.partnerships.update(partnership_ids)
    elif partnership_ids:
        Partnership.objects.filter(pk__in=partnership_ids).update(data_version=uuid.uuid4())


@contextmanager
def one_change(*partnership_ids: int) -> Iterator[None]:
    """Run a block of writes to ``partnership_ids`` as one change, in one transaction.

    Rows saved or deleted inside it touch no version (nor look up their
    partnership); at the end each of these partnerships gets one new version.
    Only for blocks that write to these partnerships alone: a row of another
    partnership written here would not change that one's version.
    """
    with _batched(_Batch(set(partnership_ids))):
        yield


@contextmanager
def loading() -> Iterator[None]:
    """Load data in bulk (the demo) in one transaction: at the end every
    partnership gets a new version, and no row is looked up on the way."""
    with _batched(_Batch(everything=True)):
        yield


@contextmanager
def _batched(batch: _Batch) -> Iterator[None]:
    if _batch.get() is not None:
        raise RuntimeError("one_change and loading do not nest")
    token = _batch.set(batch)
    try:
        with transaction.atomic():
            yield
            _batch.reset(token)
            if batch.everything:
                _everything_changed()
            else:
                data_changed(*batch.partnerships)
    finally:
        if _batch.get() is batch:  # the block failed before its end
            _batch.reset(token)


def lookup(model: type[Model]) -> str:
    """The query path from ``model`` to its partnership: ``indicator__outcome__partnership``."""
    steps = []
    while (step := TOWARDS_PARTNERSHIP[model._meta.label]) is not None:
        steps.append(step)
        parent = model._meta.get_field(step).related_model
        assert isinstance(parent, type)  # a foreign key to a model class
        model = parent
    return "__".join(steps)


def partnership_of(instance: Model) -> int | None:
    """The id of the partnership ``instance`` belongs to; None once its parent is deleted."""
    step = TOWARDS_PARTNERSHIP[instance._meta.label]
    if step is None:
        return int(instance.pk)
    field: Any = instance._meta.get_field(step)
    parent: type[Model] = field.related_model
    if TOWARDS_PARTNERSHIP[parent._meta.label] is None:
        return int(getattr(instance, field.attname))
    if field.is_cached(instance):
        return partnership_of(getattr(instance, step))
    found = parent._default_manager.filter(pk=getattr(instance, field.attname))
    return found.values_list(lookup(parent), flat=True).first()


def changed(instance: Model) -> None:
    """Give the partnership ``instance`` belongs to a new data version (see
    :func:`data_changed`)."""
    if _batch.get() is not None:  # the block names its partnerships: no lookup
        return
    found = partnership_of(instance)
    if found is not None:
        data_changed(found)


def _everything_changed() -> None:
    Partnership.objects.update(data_version=uuid.uuid4())


def _saved(sender: Any, instance: Model, raw: bool, **kwargs: Any) -> None:
    if _batch.get() is not None:
        return
    if raw:  # loaddata: the rows this one points to may not be loaded yet
        _everything_changed()
    else:
        changed(instance)


def _deleted(sender: Any, instance: Model, origin: Any = None, **kwargs: Any) -> None:
    if (
        isinstance(origin, Model)
        and origin is not instance
        and origin._meta.label in TOWARDS_PARTNERSHIP
    ):
        # Deleted along with ``origin``, whose own receiver changes the same
        # partnership's version; looking up each row's would cost a query each.
        return
    changed(instance)


def _related_changed(sender: Any, instance: Model, action: str, **kwargs: Any) -> None:
    if action.startswith("post_"):
        changed(instance)


def _partnership_saving(sender: Any, instance: Partnership, **kwargs: Any) -> None:
    # A form saving a partnership read before some other change must not write
    # that older version back, even for a moment.
    instance.data_version = uuid.uuid4()


def _user_saved(
    sender: Any, instance: Any, raw: bool, update_fields: Any = None, **kwargs: Any
) -> None:
    batch = _batch.get()
    if batch is not None and batch.everything:
        return
    if raw:
        _everything_changed()
    elif update_fields is None or USER_NAME_FIELDS & set(update_fields):
        data_changed(*Member.objects.filter(user=instance).values_list("partnership", flat=True))


def connect() -> None:
    """Connect the receivers (from the app's ``ready``)."""
    for label in TOWARDS_PARTNERSHIP:
        model = apps.get_model(label)
        post_save.connect(_saved, sender=model, dispatch_uid=f"freshness-save-{label}")
        post_delete.connect(_deleted, sender=model, dispatch_uid=f"freshness-delete-{label}")
        for field in model._meta.local_many_to_many:
            through = field.remote_field.through
            uid = f"freshness-{label}.{field.name}"
            m2m_changed.connect(_related_changed, sender=through, dispatch_uid=uid)
    pre_save.connect(_partnership_saving, sender=Partnership, dispatch_uid="freshness-partnership")
    post_save.connect(_user_saved, sender=settings.AUTH_USER_MODEL, dispatch_uid="freshness-user")
