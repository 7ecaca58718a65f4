"""Runs of consecutive chosen items, so that a range of rows can be written
with one statement instead of one per row (replacing an indicator's values)."""

from __future__ import annotations

from collections.abc import Container, Iterable
from typing import TypeVar

T = TypeVar("T")


def runs(ordered: Iterable[T], chosen: Container[T]) -> list[tuple[T, T]]:
    """The longest runs of consecutive items of ``ordered`` that are all in
    ``chosen``, each as its (first, last) item, in order.

    ``runs([1, 2, 3, 5, 6], {1, 2, 5, 6})`` is ``[(1, 2), (5, 6)]``: every item
    between a run's first and last is chosen, and no chosen item is left out.
    """
    found: list[tuple[T, T]] = []
    run: tuple[T, T] | None = None
    for item in ordered:
        if item in chosen:
            run = (item, item) if run is None else (run[0], item)
        elif run is not None:
            found.append(run)
            run = None
    if run is not None:
        found.append(run)
    return found
