"""The data-quality marks of indicators (joinedup.core.quality): for all of a
partnership's in three queries, or for one indicator whose values are loaded
already (the indicator page) in one."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator

from django.db.models import QuerySet
from django.utils import timezone

from joinedup.core.outcomes import Frequency
from joinedup.core.quality import DEFINITION_FIELDS, DefinitionChange, Quality, assess
from joinedup.web.outcomes.facts import day_after
from joinedup.web.outcomes.models import ChangeRecord, DataPoint, Indicator
from joinedup.web.partnerships.models import Partnership


def partnership_quality(
    partnership: Partnership, today: dt.date | None = None, *, as_of: dt.date | None = None
) -> dict[int, Quality]:
    """Indicator id -> its marks on ``today`` (London), for every indicator of
    ``partnership``. With ``as_of`` (then ``today`` too), only the values of
    periods that began by then and the changes made by its end count, as on
    the board (joinedup.web.outcomes.facts.board)."""
    today = as_of or today or timezone.localdate()
    points = DataPoint.objects.filter(indicator__outcome__partnership=partnership)
    records = ChangeRecord.objects.filter(partnership=partnership)
    if as_of is not None:
        points = points.filter(period__lte=as_of)
        records = records.filter(changed_at__lt=day_after(as_of))
    periods: dict[int, list[dt.date]] = defaultdict(list)
    for pk, period in points.values_list("indicator_id", "period"):
        periods[pk].append(period)
    changes: dict[int, list[DefinitionChange]] = defaultdict(list)
    for pk, change in _definition_changes(records):
        changes[pk].append(change)
    return {
        pk: assess(Frequency(frequency), periods[pk], partnership.start_date, today, changes[pk])
        for pk, frequency in Indicator.objects.of(partnership).values_list("pk", "frequency")
    }


def indicator_quality(
    indicator: Indicator, started: dt.date, today: dt.date | None = None
) -> Quality:
    """The marks of ``indicator`` (its points prefetched or not) in a partnership
    that started on ``started``."""
    return assess(
        indicator.frequency_choice,
        [point.period for point in indicator.points.all()],
        started,
        today or timezone.localdate(),
        [change for _, change in _definition_changes(indicator.changes.all())],
    )


def _definition_changes(
    records: QuerySet[ChangeRecord],
) -> Iterator[tuple[int, DefinitionChange]]:
    """(indicator id, change) for each recorded change of unit, direction or source."""
    found = records.filter(indicator__isnull=False, field__in=DEFINITION_FIELDS)
    for record in found.order_by("changed_at", "pk").only(
        "indicator_id", "field", "changed_at", "old", "new"
    ):
        assert record.indicator_id is not None  # filtered above
        yield (
            record.indicator_id,
            DefinitionChange(record.field, record.changed_on, record.old, record.new),
        )
