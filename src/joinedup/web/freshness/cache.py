"""Results cached per partnership, never stale.

A result is cached under the partnership's data version and today's date in
London: any change the result could show gives the partnership a new version
(:mod:`.versions`), and some results depend on the date too (the verdict's
stale-data flags, which rounds have closed, who is a current member). An old
key is simply never asked for again. Each process keeps its own cache
(Django's default, in memory): a worker computes a result once per version and
day, then serves it from memory.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar, cast

from django.core.cache import cache
from django.utils import timezone

from joinedup.web.partnerships.models import Partnership

T = TypeVar("T")

# A key stops being asked for at midnight anyway (its date); this only frees memory.
TIMEOUT = 24 * 60 * 60
_MISSING = object()


def cached(partnership: Partnership, name: str, build: Callable[[], T]) -> T:
    """What ``build()`` returns for ``partnership`` (it must pickle), built once
    per data version and day.

    ``partnership`` must have been read from the database before any of the
    data ``build`` reads, as ``joinedup.web.access`` does: its version then
    names data no newer than what ``build`` sees. A change committed meanwhile
    makes this key old; it never makes what is cached under it older than its
    version. The date is read before ``build`` reads it, for the same reason.
    """
    today = timezone.localdate()
    key = f"joinedup:{name}:{partnership.pk}:{partnership.data_version}:{today.isoformat()}"
    found = cache.get(key, _MISSING)
    if found is _MISSING:
        built = build()
        cache.set(key, built, TIMEOUT)
        return built
    return cast(T, found)
