"""What `joinedup serve` needs before it will start."""

from __future__ import annotations

from collections.abc import Mapping

# Environment variables production cannot do without, and why.
REQUIRED = {
    "JOINEDUP_SECRET_KEY": "a long random string that signs sessions and links",
    "JOINEDUP_ALLOWED_HOSTS": "the host names the site answers to, comma separated",
    "DATABASE_URL": "the PostgreSQL database, like postgres://user:password@host:5432/joinedup",
}


def missing_settings(environ: Mapping[str, str]) -> list[str]:
    """A sentence for each required production setting that is not set."""
    return [
        f"{name} is not set: {why}"
        for name, why in REQUIRED.items()
        if not environ.get(name, "").strip()
    ]
