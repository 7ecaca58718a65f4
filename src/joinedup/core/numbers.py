"""Numbers as people read them, for every page, export and command.

One formatter for the whole app, so that a value reads the same on a chart,
in a table, in a sentence and in the CLI.
"""

from __future__ import annotations

import numpy as np


def format_number(value: float) -> str:
    """A number as a person reads it: four significant figures, no exponent."""
    return str(np.format_float_positional(value, precision=4, fractional=False, trim="-"))
