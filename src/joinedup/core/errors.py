"""The one exception type for input a person can fix."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input, and where it is.

    ``row`` is the 1-based line number a person sees in a spreadsheet or text
    editor (the header is row 1, so the first data row is row 2).
    """

    message: str
    row: int | None = None
    field: str | None = None

    def __str__(self) -> str:
        where = []
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.field is not None:
            where.append(f"field '{self.field}'")
        return f"{', '.join(where)}: {self.message}" if where else self.message


class InputError(ValueError):
    """Input that cannot be used, with every problem found and where it is.

    Raised by the core for bad data; the CLI prints it and exits with status 2,
    the web app shows it in an error summary. Never carries a traceback to a
    person.
    """

    def __init__(self, problems: str | Problem | Sequence[Problem], source: str | None = None):
        if isinstance(problems, str):
            problems = [Problem(problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems: tuple[Problem, ...] = tuple(problems)
        self.source = source
        super().__init__(str(self))

    def with_source(self, source: str) -> InputError:
        """The same problems, said to be in ``source`` (a file name)."""
        return InputError(self.problems, source=source)

    def __str__(self) -> str:
        prefix = f"{self.source}: " if self.source else ""
        return "\n".join(f"{prefix}{problem}" for problem in self.problems)
