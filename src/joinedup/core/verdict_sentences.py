"""What the verdict says about each result and about the effort, in words a
board reads: the sentences behind the facts of :mod:`joinedup.core.verdict_facts`.

Each says what the data show and how they were judged (against the values
before the start, or not), never that the partnership caused a change.
"""

from __future__ import annotations

from joinedup.core.baseline import Change, Direction, Reading, Signal
from joinedup.core.effort_bands import Band, EffortReading, Measure
from joinedup.core.numbers import plural
from joinedup.core.spc import Assurance, Improvement, PointType, Rule
from joinedup.core.verdict_thresholds import Thresholds
from joinedup.core.verdict_words import day, month, number, pounds


def reading_sentences(
    reading: Reading, outcome: str, thresholds: Thresholds
) -> list[tuple[str, str]]:
    """The facts about one result indicator (its kinds and words): too few
    points, or each signal since the start, no change, and its targets."""
    series = reading.series
    name = f"{series.name} ({_KIND_WORDS.get(series.kind, series.kind)}, for “{outcome}”)"
    if not reading.judgeable:
        if reading.points < thresholds.min_points:
            why = (
                f"only {plural(reading.points, 'point')} since the partnership started; judging "
                f"it needs at least {thresholds.min_points}"
            )
        else:
            why = "its points since the start have no process limits yet"
        return [("too_few_points", f"{name}: {why}.")]
    facts = [_signal_fact(reading, signal, name) for signal in reading.signals]
    if not any(s.current for s in reading.signals):
        facts.append(("no_change", _no_change(reading, name)))
    return facts + _targets(reading, name)


def _span(reading: Reading) -> str:
    assert reading.first is not None and reading.last is not None
    return (
        f"in the {plural(reading.points, 'point')} since the start ({month(reading.first)} to "
        f"{month(reading.last)})"
    )


def _against(reading: Reading) -> str:
    if reading.has_baseline:
        return f", judged against the {plural(reading.baseline, 'value')} before the start"
    return ""


def _no_change(reading: Reading, name: str) -> str:
    if not reading.signals:
        return (
            f"{name}: only common cause variation {_span(reading)}{_against(reading)}: no sign "
            "that results have changed."
        )
    return (
        f"{name}: no sustained change is current {_span(reading)}{_against(reading)}; each "
        "special cause since the start is listed."
    )


def _signal_fact(reading: Reading, signal: Signal, name: str) -> tuple[str, str]:
    improvement = reading.series.improvement
    when = f"{month(signal.first)} to {month(signal.last)}"
    how = ", ".join(_RULE_WORDS[rule] for rule in signal.rules)
    if not signal.sustained:
        side = "above the upper" if _high(signal.point_type, improvement) else "below the lower"
        return (
            "investigate",
            f"{name}: one point {side} process limit in {month(signal.first)} "
            f"({_TYPE_WORDS[signal.point_type]}): worth investigating, not by itself a change.",
        )
    what = (
        f"{_TYPE_WORDS[signal.point_type]} in {plural(signal.points, 'point')} from {when} ({how})"
    )
    if signal.point_type not in (PointType.IMPROVEMENT, PointType.CONCERN):
        return (
            "change_neither",
            f"{name}: {what}; better is neither way for this indicator, so this is a change "
            "to understand, not an improvement or a concern.",
        )
    good = signal.point_type is PointType.IMPROVEMENT
    if not signal.current:
        since = (
            "it has since got worse"
            if good and reading.direction is Direction.DETERIORATING
            else "it has since improved"
            if not good and reading.direction is Direction.IMPROVING
            else f"the latest {plural(signal.after, 'point')} show no sustained signal"
        )
        return (
            "earlier_improvement" if good else "earlier_concern",
            f"{name}: {'improved' if good else 'got worse'} earlier: {what}; {since}.",
        )
    if good and reading.change is Change.ALREADY_RUNNING:
        return (
            "improvement_before_start",
            f"{name}: still improving, as it already was before the partnership started: "
            f"{what}, continuing a sustained improvement in the last values before the start, "
            "so it is not counted as a new change.",
        )
    return ("improvement" if good else "concern", f"{name}: {_current(reading, what, good)}")


def _current(reading: Reading, what: str, good: bool) -> str:
    verb = "improved" if good else "got worse"
    text = f"{verb} while the partnership ran: {what}"
    if reading.change is Change.CANNOT_TELL:
        return (
            f"{text}. There are no values from before the start to compare with, so joinedup "
            "cannot tell whether the change is new."
        )
    text += _against(reading)
    if reading.change is Change.ALREADY_RUNNING:
        return f"{text}; it was already getting worse before the start."
    earlier = any(s.sustained and s.point_type is PointType.IMPROVEMENT for s in reading.signals)
    if not good and earlier:
        return (
            f"{text}. The change began at or after the start, and it outweighs the earlier "
            "improvement."
        )
    return f"{text}. The change began at or after the start."


def _targets(reading: Reading, name: str) -> list[tuple[str, str]]:
    series = reading.series
    facts = []
    if series.target is not None and reading.assurance is not None:
        kind, words = _ASSURANCE[reading.assurance]
        facts.append((kind, f"{name}: against its target of {number(series.target)}, {words}."))
    original, shift = series.original_target, series.target_shift
    if original is not None and series.target is not None and shift is not None:
        against = (
            _ASSURANCE[reading.original_assurance][1]
            if reading.original_assurance is not None
            else "there are no limits yet to judge it against"
        )
        changed = f" on {day(series.target_changed_on)}" if series.target_changed_on else ""
        facts.append(
            (
                f"target_{shift}",
                f"{name}: the target was {shift} from "
                f"{number(original)} to {number(series.target)}{changed}, after values existed. "
                f"Against the original {number(original)}, {against}.",
            )
        )
    return facts


def _high(point_type: PointType, improvement: Improvement) -> bool:
    if point_type is PointType.NEITHER_HIGH:
        return True
    if point_type is PointType.NEITHER_LOW:
        return False
    return (point_type is PointType.IMPROVEMENT) == (improvement is Improvement.INCREASE)


_KIND_WORDS = {"how_much": "how much", "how_well": "how well", "better_off": "better off"}
_TYPE_WORDS = {
    PointType.IMPROVEMENT: "special cause improvement",
    PointType.CONCERN: "special cause concern",
    PointType.NEITHER_HIGH: "special cause variation (higher)",
    PointType.NEITHER_LOW: "special cause variation (lower)",
}
_RULE_WORDS = {
    Rule.OUTSIDE_LIMITS: "beyond the limits",
    Rule.TREND: "a trend",
    Rule.TWO_IN_THREE: "close to the limit",
    Rule.SHIFT: "a shift",
}
_ASSURANCE = {
    Assurance.PASS: ("target_met", "it is met consistently"),
    Assurance.FAIL: ("target_missed", "it will not be met unless the way of working changes"),
    Assurance.HIT_OR_MISS: ("target_hit_or_miss", "it is met in some periods and missed in others"),
}


def effort_sentence(effort: EffortReading, thresholds: Thresholds) -> tuple[str, str]:
    """The fact about the effort over the results' months: its kind and words."""
    averages = (
        f"{number(float(effort.hours))} person-hours and {pounds(float(effort.cost))} a month"
    )
    if not effort.known:
        if effort.first is None or effort.last is None:
            where = "There are no results yet to weigh effort against."
        else:
            window = (
                f"the {plural(effort.months, 'month')} the results cover "
                f"({month(effort.first)} to {month(effort.last)})"
            )
            where = (
                f"No effort is recorded for {window}."
                if not effort.recorded
                else f"Effort is recorded in {effort.recorded} of {window}, with "
                f"{plural(effort.longest_gap, 'month')} in a row without any entry."
            )
        recorded = (
            f" In the {plural(effort.averaged_over, 'month')} with entries it averaged {averages}."
            if effort.averaged_over
            else ""
        )
        return (
            "effort_unknown",
            f"Cost unknown: record effort before judging cost. {where}{recorded}",
        )
    assert effort.first is not None and effort.last is not None
    share = (
        f"; that cost is {number(float(effort.share))}% of the pooled budget for the same months"
        if effort.share is not None
        else ""
    )
    reasons = " and ".join(
        _band_reason(effort.band, measure, thresholds) for measure in effort.decided_by
    )
    return (
        f"effort_{effort.band.value}",
        f"Effort: {number(float(effort.hours_per_partner))} person-hours and "
        f"{pounds(float(effort.cost_per_partner))} a month per partner "
        f"({plural(effort.partners, 'partner')}: {averages} in all), over the "
        f"{plural(effort.months, 'month')} the results cover ({month(effort.first)} to "
        f"{month(effort.last)}){share}. That is {effort.band.value}: {reasons}.",
    )


def _band_reason(band: Band, measure: Measure, thresholds: Thresholds) -> str:
    light, heavy, unit = {
        Measure.HOURS: (
            number(float(thresholds.light_hours)),
            number(float(thresholds.heavy_hours)),
            " person-hours per partner a month",
        ),
        Measure.COST: (
            pounds(float(thresholds.light_cost)),
            pounds(float(thresholds.heavy_cost)),
            " per partner a month",
        ),
        Measure.SHARE: (
            f"{number(float(thresholds.light_share))}%",
            f"{number(float(thresholds.heavy_share))}%",
            " of the pooled budget for the same months",
        ),
    }[measure]
    if band is Band.LIGHT:
        return f"under {light}{unit}"
    if band is Band.HEAVY:
        return f"{heavy} or more{unit}"
    return f"from {light} to under {heavy}{unit}"
