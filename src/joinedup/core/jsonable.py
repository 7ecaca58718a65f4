"""Plain JSON values from the domain's results, written once.

Results are frozen dataclasses holding enums, dates, tuples and mappings;
:func:`jsonable` turns any of them into what ``json.dumps`` takes, so that
each result's ``as_dict`` says only which fields it shows and under what name.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from collections.abc import Mapping
from enum import Enum
from typing import Any


def jsonable(value: Any, *, places: int | None = None) -> Any:
    """``value`` as JSON values: an enum as its value, a date as ISO 8601, a
    dataclass or mapping as an object (fields in order), a tuple or list as an
    array, NaN or infinity as null; floats rounded to ``places`` when given."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        if not math.isfinite(value):
            return None
        return value if places is None else round(value, places)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            field.name: jsonable(getattr(value, field.name), places=places)
            for field in dataclasses.fields(value)
        }
    if isinstance(value, Mapping):
        return {str(jsonable(key)): jsonable(item, places=places) for key, item in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        items = sorted(value) if isinstance(value, set | frozenset) else value
        return [jsonable(item, places=places) for item in items]
    return value
