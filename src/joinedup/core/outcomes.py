"""Outcomes, indicators and their series: reading a series, planning an
import, and the integrity checks that say whether results can be trusted.

Pure functions over plain dataclasses: the web app and the CLI turn database
rows into these, and the verdict reads the flags. Flag kinds are stable
strings (docs/outcomes.md lists them).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from joinedup.core.errors import InputError, Problem
from joinedup.core.labels import Labelled
from joinedup.core.numbers import format_number, plural, read_number
from joinedup.core.spc import MDC_MIN_POINTS, Improvement, SpcPoint, SpcResult

NOTE_MAX = 200  # characters of a note on one value
_MISSING = {"", "na", "n/a"}
# Days after a period ends within which its value still arrives on time: the
# lag of published statistics (docs/outcomes.md, "Data-quality marks").
GRACE_DAYS = {"weekly": 14, "monthly": 45, "quarterly": 90, "yearly": 270}


class Kind(Labelled):
    """What an indicator measures, after Results-Based Accountability."""

    HOW_MUCH = "how_much", "How much did we do? (activity)"
    HOW_WELL = "how_well", "How well did we do it? (quality)"
    BETTER_OFF = "better_off", "Is anyone better off? (result)"


class Frequency(Labelled):
    """How often an indicator has a value; each period is named by its first day."""

    WEEKLY = "weekly", "Weekly (weeks start on Monday)"
    MONTHLY = "monthly", "Monthly"
    QUARTERLY = "quarterly", "Quarterly"
    YEARLY = "yearly", "Yearly (financial years, April to March)"

    @property
    def unit(self) -> str:
        return {"weekly": "week", "monthly": "month", "quarterly": "quarter"}.get(
            self.value, "financial year"
        )

    def start_of(self, day: dt.date) -> dt.date:
        """The first day of the period ``day`` falls in."""
        if self is Frequency.WEEKLY:
            return day - dt.timedelta(days=day.weekday())
        if self is Frequency.MONTHLY:
            return day.replace(day=1)
        if self is Frequency.QUARTERLY:
            return day.replace(month=(day.month - 1) // 3 * 3 + 1, day=1)
        # Public bodies count years from April: a financial year.
        return dt.date(day.year if day.month >= 4 else day.year - 1, 4, 1)

    def name_of(self, start: dt.date) -> str:
        """The period starting on ``start`` as people name it: ``Nov 2026``,
        ``Apr to Jun 2026``, ``2026/27``, ``week from 2 Nov 2026``."""
        if self is Frequency.WEEKLY:
            return f"week from {start.day} {start:%b %Y}"
        if self is Frequency.MONTHLY:
            return f"{start:%b %Y}"
        if self is Frequency.QUARTERLY:
            end = self.shift(start, 1) - dt.timedelta(days=1)
            return f"{start:%b} to {end:%b %Y}"
        return f"{start.year}/{(start.year + 1) % 100:02d}"

    def shift(self, start: dt.date, periods: int) -> dt.date:
        """The start of the period ``periods`` after (or before) the one starting on ``start``."""
        if self is Frequency.WEEKLY:
            return start + dt.timedelta(weeks=periods)
        months = {"monthly": 1, "quarterly": 3}.get(self.value, 12) * periods
        index = start.year * 12 + start.month - 1 + months
        return dt.date(index // 12, index % 12 + 1, 1)

    def expected_by(self, start: dt.date) -> dt.date:
        """The last day on which the value for the period starting on ``start``
        arrives on time: the grace after the period's last day."""
        return self.shift(start, 1) + dt.timedelta(days=GRACE_DAYS[self.value] - 1)

    def period_name(self, start: dt.date) -> str:
        """The period starting on ``start`` as people say it: March 2025."""
        if self is Frequency.WEEKLY:
            return f"the week of {start.day} {start:%B %Y}"
        if self is Frequency.MONTHLY:
            return f"{start:%B %Y}"
        if self is Frequency.QUARTERLY:
            return f"the quarter to {self.shift(start, 1) - dt.timedelta(days=1):%B %Y}"
        return f"{start.year}/{(start.year + 1) % 100:02d}"


@dataclass(frozen=True)
class SeriesRow:
    """One row of a series as read: ``value`` None is a missing value."""

    row: int
    period: dt.date
    value: float | None
    note: str = ""


# Earlier than any partnership joinedup serves, and late enough to catch a
# slipped century or decade (1922 or 0026 for 2022): no date a person gives
# for a partnership, its effort or its values is earlier.
EARLIEST = dt.date(1990, 1, 1)


def period_problem(period: dt.date, frequency: Frequency, today: dt.date) -> str | None:
    """Why no value can be given for the period starting ``period``: it
    starts before 1990 (a slipped year) or after the current period
    (:func:`not_yet_begun`). None when a value can be given."""
    if period < EARLIEST:
        return (
            f"{period.isoformat()} is before {EARLIEST.year}: check the year "
            f"(values can be given for periods from {EARLIEST.year} on)"
        )
    return not_yet_begun(period, frequency, today)


def not_yet_begun(period: dt.date, frequency: Frequency, today: dt.date) -> str | None:
    """Why no value can be given for the period starting ``period``: it starts
    after the current one (``today``'s). None when a value can be given.

    Every way a value comes in (the page, the import page, ``joinedup
    import-series``) asks this, so a typo like 2099 never reaches a chart."""
    current = frequency.start_of(today)
    if period <= current:
        return None
    return (
        f"{frequency.name_of(period)} has not begun yet: values can be given for periods "
        f"up to the current {frequency.unit}, {frequency.name_of(current)}"
    )


def parse_series(
    rows: Iterable[tuple[int, Mapping[str, str]]],
    *,
    frequency: Frequency | None = None,
    values_required: bool = False,
    today: dt.date | None = None,
) -> list[SeriesRow]:
    """Read ``period,value[,note]`` rows (numbered as a person sees them).

    With a ``frequency``, each period becomes the first day of the period it
    falls in, so 2024-03-31 and 2024-03-01 are the same month; with ``today``
    as well, a period before 1990 or after the current one is refused
    (:func:`period_problem`).
    Every bad row is reported at once in one :class:`InputError`; nothing is
    returned then.
    """
    parsed: list[SeriesRow] = []
    problems: list[Problem] = []
    seen: dict[dt.date, int] = {}
    for row, cells in rows:
        text = cells.get("period", "")
        try:
            given = dt.date.fromisoformat(text)
        except ValueError:
            problems.append(
                Problem(f"expected a date like 2024-03-31, not {text!r}", row, "period")
            )
            continue
        period = frequency.start_of(given) if frequency else given
        refused = period_problem(period, frequency, today) if frequency and today else None
        if refused:
            problems.append(Problem(refused, row, "period"))
            continue
        if period in seen:
            message = f"period {given.isoformat()} appears again (first in row {seen[period]})"
            if frequency and period != given:
                message = (
                    f"period {given.isoformat()} is in the same {frequency.unit} "
                    f"as row {seen[period]}"
                )
            problems.append(Problem(message, row, "period"))
            continue
        seen[period] = row
        text = cells.get("value", "")
        try:
            value = _value(text)
        except ValueError as exc:
            problems.append(Problem(str(exc), row, "value"))
            continue
        if value is None and values_required:
            problems.append(
                Problem("a value is needed: leave out a period that has no value", row, "value")
            )
            continue
        note = cells.get("note", "")
        if len(note) > NOTE_MAX:
            problems.append(Problem(f"a note can have up to {NOTE_MAX} characters", row, "note"))
            continue
        parsed.append(SeriesRow(row, period, value, note))
    if problems:
        raise InputError(problems)
    return parsed


def _value(text: str) -> float | None:
    """A cell as a value: None when missing; ValueError saying why when it is
    not a number a float holds (see :func:`read_number`)."""
    if text.lower() in _MISSING:
        return None
    return read_number(text, expected="a number or nothing")


@dataclass(frozen=True)
class SeriesPlan:
    """What applying a series to an indicator would do."""

    added: tuple[SeriesRow, ...]
    replaced: tuple[tuple[float, SeriesRow], ...]  # (value now, the row replacing it)
    unchanged: tuple[SeriesRow, ...]

    @property
    def changes(self) -> bool:
        return bool(self.added or self.replaced)

    def counts(self) -> str:
        """``12 new values, 1 value replaced, 3 values unchanged``: what every
        import (page, job, command) says it will do or did."""
        return (
            f"{plural(len(self.added), 'new value')}, "
            f"{plural(len(self.replaced), 'value')} replaced, "
            f"{plural(len(self.unchanged), 'value')} unchanged"
        )

    def fingerprint(self) -> str:
        """A digest of everything the plan says: each period's value now and
        after the import, and its note. Two plans with the same fingerprint
        do the same; a confirmation carries it, so that what is applied is
        exactly what the person was shown."""
        said = [
            [[row.period.isoformat(), row.value, row.note] for row in self.added],
            [[old, row.period.isoformat(), row.value, row.note] for old, row in self.replaced],
            [[row.period.isoformat(), row.value, row.note] for row in self.unchanged],
        ]
        return hashlib.sha256(json.dumps(said).encode()).hexdigest()[:32]


def plan_series(
    existing: Mapping[dt.date, tuple[float, str]], rows: Iterable[SeriesRow]
) -> SeriesPlan:
    """Compare incoming rows (with values) with the stored ``period -> (value, note)``."""
    added, replaced, unchanged = [], [], []
    for row in sorted(rows, key=lambda r: r.period):
        if row.value is None:
            raise ValueError(f"row {row.row} has no value to apply")
        old = existing.get(row.period)
        if old is None:
            added.append(row)
        elif old == (row.value, row.note):
            unchanged.append(row)
        else:
            replaced.append((old[0], row))
    return SeriesPlan(tuple(added), tuple(replaced), tuple(unchanged))


# A value further from the centre than this many times the width between the
# process limits is taken for a typo until the person confirms it.
FAR_OUTSIDE_WIDTHS = 10
# Limits from the median moving range (median +- 3.145 x median MR) resist the
# very outlier being looked for, where a series has no limits of its own yet.
MEDIAN_LIMIT_FACTOR = 3.145


@dataclass(frozen=True)
class Scale:
    """Where a series usually sits (``centre``) and how widely (``width``: its
    process limits' width)."""

    centre: float
    width: float

    def far_outside(self, value: float) -> bool:
        """So far from the series that it is more likely a typo (2099 for
        20.99) than a change: further from the centre than
        ``FAR_OUTSIDE_WIDTHS`` times the limits' width."""
        return abs(value - self.centre) > FAR_OUTSIDE_WIDTHS * self.width


def usual_scale(result: SpcResult) -> Scale | None:
    """The scale of a judged series: its latest mean and limits, or, while it
    has no limits yet, :func:`robust_scale` of its values."""
    for point in reversed(result.points):
        if point.mean is not None and point.lpl is not None and point.upl is not None:
            return Scale(point.mean, point.upl - point.lpl)
    return robust_scale([point.value for point in result.points])


def robust_scale(values: Sequence[float]) -> Scale | None:
    """The scale of ``values`` (in period order) from their median and median
    moving range; None for fewer than two values, which give nothing to go by."""
    if len(values) < 2:
        return None
    ranges = [abs(later - earlier) for earlier, later in zip(values, values[1:], strict=False)]
    centre = statistics.median(values)
    width = 2 * MEDIAN_LIMIT_FACTOR * statistics.median(ranges)
    # A flat series (every value the same) still has a scale: its spread, or its size.
    width = width or (max(values) - min(values)) or abs(centre) or 1.0
    return Scale(centre, width)


class FlagKind(StrEnum):
    NO_OWNER = "no_owner"
    OWNER_WITHOUT_AUTHORITY = "owner_without_authority"
    OWNER_LEFT = "owner_left"
    NO_DATA = "no_data"
    TOO_FEW_POINTS = "too_few_points"
    STALE_DATA = "stale_data"
    TARGET_WITHOUT_BASELINE = "target_without_baseline"
    ACTIVITY_ONLY = "activity_only"
    MOVED_GOALPOST = "moved_goalpost"


@dataclass(frozen=True)
class IntegrityFlag:
    """A reason not to trust the results as they stand. ``subject`` names what it is about."""

    kind: FlagKind
    subject: str
    detail: str
    outcome_id: int | None = None
    indicator_id: int | None = None


@dataclass(frozen=True)
class Owner:
    name: str
    can_commit_resources: bool
    end_date: dt.date | None  # the last day of their membership, None while current


@dataclass(frozen=True)
class OutcomeFacts:
    id: int
    title: str
    owner: Owner | None


@dataclass(frozen=True)
class IndicatorFacts:
    """An indicator and its SPC result, as the verdict and the integrity checks see it.

    ``result`` judges the whole series as charted: rebased at ``started`` (the
    partnership's start) and at any named intervention; its last partition is
    the latest stretch since the start. ``baseline_points`` counts values from
    before the start.
    """

    id: int
    outcome_id: int
    name: str
    kind: Kind
    improvement: Improvement
    frequency: Frequency
    target: float | None
    started: dt.date
    result: SpcResult
    points: int
    baseline_points: int
    last_period: dt.date | None

    def since_start(self) -> tuple[SpcPoint, ...]:
        """The judged points from the partnership's start on."""
        return tuple(point for point in self.result.points if point.period >= self.started)


@dataclass(frozen=True)
class TargetChange:
    """A target that stands moved (``joinedup.core.goalposts``): from ``old``,
    the one the data was judged by, to ``new``, on ``days`` days, the latest
    ``changed_on``."""

    indicator_id: int
    outcome_id: int
    indicator: str
    changed_on: dt.date
    old: float | None
    new: float | None
    days: int = 1


def integrity_flags(
    outcomes: Sequence[OutcomeFacts],
    indicators: Sequence[IndicatorFacts],
    moved_goalposts: Sequence[TargetChange],
    today: dt.date,
) -> list[IntegrityFlag]:
    """Every integrity problem of a partnership's outcomes, partnership-wide ones first."""
    flags = []
    if indicators and all(i.kind is Kind.HOW_MUCH for i in indicators):
        flags.append(
            IntegrityFlag(
                FlagKind.ACTIVITY_ONLY,
                "the partnership",
                "Every indicator counts activity (how much), so the partnership measures "
                "activity, not results: add an indicator of how well or who is better off.",
            )
        )
    by_outcome: dict[int, list[IndicatorFacts]] = {}
    for indicator in indicators:
        by_outcome.setdefault(indicator.outcome_id, []).append(indicator)
    for outcome in outcomes:
        flags += _owner_flags(outcome, today)
        for indicator in by_outcome.get(outcome.id, []):
            flags += _indicator_flags(indicator, today)
    flags += [
        IntegrityFlag(
            FlagKind.MOVED_GOALPOST,
            change.indicator,
            _moved_detail(change),
            outcome_id=change.outcome_id,
            indicator_id=change.indicator_id,
        )
        for change in moved_goalposts
    ]
    return flags


def _moved_detail(change: TargetChange) -> str:
    days = "" if change.days == 1 else f" (the latest of {plural(change.days, 'day')} it changed)"
    return (
        f"The target was changed from {_number(change.old)} to {_number(change.new)} on "
        f"{day_name(change.changed_on)}{days}, after values for its periods existed."
    )


def _owner_flags(outcome: OutcomeFacts, today: dt.date) -> list[IntegrityFlag]:
    owner = outcome.owner

    def flag(kind: FlagKind, detail: str) -> list[IntegrityFlag]:
        return [IntegrityFlag(kind, outcome.title, detail, outcome_id=outcome.id)]

    if owner is None:
        return flag(FlagKind.NO_OWNER, "Nobody is accountable for this outcome.")
    if owner.end_date is not None and owner.end_date < today:
        return flag(
            FlagKind.OWNER_LEFT,
            f"Its owner, {owner.name}, left the partnership on {day_name(owner.end_date)}.",
        )
    if not owner.can_commit_resources:
        return flag(
            FlagKind.OWNER_WITHOUT_AUTHORITY,
            f"Its owner, {owner.name}, has no authority to commit resources to it.",
        )
    return []


def _indicator_flags(indicator: IndicatorFacts, today: dt.date) -> list[IntegrityFlag]:
    flags = []

    def flag(kind: FlagKind, detail: str) -> None:
        flags.append(
            IntegrityFlag(
                kind,
                indicator.name,
                detail,
                outcome_id=indicator.outcome_id,
                indicator_id=indicator.id,
            )
        )

    frequency = indicator.frequency
    if indicator.last_period is None:
        flag(FlagKind.NO_DATA, "It has no values yet.")
    else:
        if indicator.result.variation is None:
            last = indicator.result.points[-1].partition
            count = sum(point.partition == last for point in indicator.result.points)
            flag(
                FlagKind.TOO_FEW_POINTS,
                f"Only {plural(count, 'value')} in its latest stretch: at least {MDC_MIN_POINTS} "
                "are needed to judge it.",
            )
        following = frequency.shift(indicator.last_period, 1)
        if today > frequency.expected_by(following):
            flag(
                FlagKind.STALE_DATA,
                f"The latest value is for {frequency.period_name(indicator.last_period)}; "
                f"the value for {frequency.period_name(following)} was expected by "
                f"{day_name(frequency.expected_by(following))}.",
            )
    if indicator.target is not None and indicator.baseline_points == 0:
        flag(
            FlagKind.TARGET_WITHOUT_BASELINE,
            f"It has a target of {_number(indicator.target)} but no value from before the "
            f"partnership started on {day_name(indicator.started)}, so nobody knows where it "
            "started from.",
        )
    return flags


def day_name(day: dt.date) -> str:
    """A date as people write it: 3 March 2026."""
    return f"{day.day} {day:%B %Y}"


def _number(value: float | None) -> str:
    return "none" if value is None else format_number(value)
