"""Whether a partnership's outcome results back its assessment.

The comfortable consensus flag (docs/scoring.md) weighs the outcome results,
which this app does not own. The overview app, which sits above both, hands
over the judge when Django starts (``OverviewConfig.ready``), so that this
app never imports what sits above it (docs/development.md, the layers).
"""

from __future__ import annotations

from collections.abc import Callable

from joinedup.web.freshness.cache import cached
from joinedup.web.partnerships.models import Partnership

OutcomeJudge = Callable[[Partnership], bool | None]

_judge: OutcomeJudge | None = None


def provide(judge: OutcomeJudge) -> None:
    """Use ``judge`` to tell whether a partnership's outcome results back it."""
    global _judge
    _judge = judge


def results_back_it(partnership: Partnership) -> bool | None:
    """What ``judge`` says (None, "not yet known", without one). It costs every
    indicator's SPC, so it is cached per data version, like the overview."""
    judge = _judge
    if judge is None:
        return None
    return cached(partnership, "results_back_it", lambda: judge(partnership))
