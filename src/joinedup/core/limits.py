"""How much input joinedup reads at once: the caps on files and rows.

Every file a person hands joinedup (an upload, a file given to a command) is
checked against these before the work: its size before it is read, its rows
while they are read (stopping at the cap), and a spreadsheet's unpacked size
from its zip directory before it is parsed. The defaults suit any real
series, round or framework; each is a setting (docs/configuration.md), and
the command line's ``--no-limit`` lifts them all. Why these and not others:
docs/adr/1003-bounded-input.md.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from joinedup.core.errors import InputError
from joinedup.core.numbers import format_number, plural

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """The caps; None lifts one."""

    file_bytes: int | None = 20 * MB  # a file's size as stored or uploaded
    rows: int | None = 200_000  # data rows of a table (not counting the header)
    unpacked_bytes: int | None = 100 * MB  # a spreadsheet's contents, unzipped

    def check_size(self, size: int) -> None:
        """Raise :class:`TooBig` if a file of ``size`` bytes is over the cap."""
        if self.file_bytes is not None and size > self.file_bytes:
            raise TooBig(
                f"the file is {_megabytes(size)}, more than the {_megabytes(self.file_bytes)} "
                "joinedup reads at once: split it into smaller files",
                setting="JOINEDUP_MAX_FILE_MB",
            )

    def check_rows(self, rows: int) -> None:
        """Raise :class:`TooBig` once ``rows`` data rows is over the cap."""
        if self.rows is not None and rows > self.rows:
            raise TooBig(
                f"the file has more than {plural(self.rows, 'row')} after the header, "
                "more than joinedup reads at once: split it into smaller files",
                setting="JOINEDUP_MAX_ROWS",
            )

    def check_unpacked(self, size: int) -> None:
        """Raise :class:`TooBig` if a spreadsheet unpacks to more than the cap."""
        if self.unpacked_bytes is not None and size > self.unpacked_bytes:
            raise TooBig(
                f"the workbook unpacks to {_megabytes(size)}, more than the "
                f"{_megabytes(self.unpacked_bytes)} joinedup unpacks at once: save it "
                "again with only the sheet it needs, or as CSV",
                setting="JOINEDUP_MAX_UNPACKED_MB",
            )


DEFAULT = Limits()
NO_LIMIT = Limits(file_bytes=None, rows=None, unpacked_bytes=None)

# Each cap's setting and the unit it is given in.
SETTINGS: dict[str, tuple[str, int]] = {
    "file_bytes": ("JOINEDUP_MAX_FILE_MB", MB),
    "rows": ("JOINEDUP_MAX_ROWS", 1),
    "unpacked_bytes": ("JOINEDUP_MAX_UNPACKED_MB", MB),
}


class TooBig(InputError):
    """Input over one of the caps; ``setting`` names the setting that raises it."""

    def __init__(self, message: str, *, setting: str, source: str | None = None):
        super().__init__(message, source=source)
        self.setting = setting

    def with_source(self, source: str) -> TooBig:
        return TooBig(self.problems[0].message, setting=self.setting, source=source)


def limits_from(environ: Mapping[str, str]) -> Limits:
    """The caps the settings in ``environ`` ask for (the defaults for those
    not set). Each is a whole number above 0; InputError names a bad one."""
    values: dict[str, int] = {}
    for field, (name, unit) in SETTINGS.items():
        text = environ.get(name, "").strip()
        if not text:
            continue
        if not text.isdecimal() or int(text) < 1:
            raise InputError(f"{name} must be a whole number above 0, not {text!r}")
        values[field] = int(text) * unit
    return Limits(**values)


def _megabytes(size: int) -> str:
    return f"{format_number(size / MB)} MB"
