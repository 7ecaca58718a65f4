"""Cached results that are never stale.

Every partnership carries a data version (``Partnership.data_version``) that
is replaced whenever anything the dashboard reads changes: a signal receiver
for every joinedup model (see :mod:`.versions`) does it in one place, and
code that writes without signals (``bulk_create``, ``QuerySet.update``) calls
:func:`.versions.data_changed` itself. Results are cached under the version,
so a change makes the old ones unreachable instead of having to find and
delete them. Why: docs/adr/0601-dashboard-cache.md.
"""
