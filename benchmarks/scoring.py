"""Scoring a round of 5,000 respondents x 40 statements.

Run: .venv/bin/python benchmarks/scoring.py [--respondents N] [--repeat N]

Target (DESIGN.md): under 1 s for ``score``. Printed beside it, in the same
process: the whole path from a CSV file (read, check, score), and two
baselines: one plain pass over every rating (the floor any scorer pays to look
at the data) and a naive scorer that keeps every answer in lists and calls
``statistics`` per statement and partner (what a first version would do).
"""

from __future__ import annotations

import argparse
import csv
import random
import statistics
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

from joinedup.core.assessment import Response, parse_responses, score
from joinedup.core.framework import Framework, parse_framework
from joinedup.tabular import read_table

PRINCIPLES = 10
STATEMENTS_EACH = 4
PARTNERS = ["NHS trust", "County council", "District council", "Voluntary sector", "Hospice"]


def make_framework() -> Framework:
    lines = ['name = "Benchmark"', 'version = "1"']
    for p in range(PRINCIPLES):
        lines += ["[[principles]]", f'id = "p{p}"', f'name = "Principle {p}"']
        for s in range(STATEMENTS_EACH):
            lines += ["[[principles.statements]]", f'id = "p{p}.s{s}"', f'text = "S {s}."']
    return parse_framework("\n".join(lines), source="benchmark")


def make_round(framework: Framework, respondents: int, seed: int = 7) -> list[Response]:
    """Each partner leans its own way; a few answers are don't know or missing."""
    rnd = random.Random(seed)
    answers: list[int | None] = [1, 2, 3, 4, None]
    responses = []
    for i in range(respondents):
        partner = PARTNERS[i % len(PARTNERS)]
        lean = i % len(PARTNERS)
        weights = [1 + lean, 3, 3, 5 - lean, 0.3]
        ratings = {
            s.id: rnd.choices(answers, weights)[0]
            for s in framework.statements
            if rnd.random() > 0.03
        }
        responses.append(Response(f"r{i}", partner, ratings))
    return responses


def write_csv(responses: list[Response], path: Path) -> None:
    with path.open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(["respondent", "partner", "statement", "score"])
        for r in responses:
            for statement, value in r.ratings.items():
                writer.writerow([r.respondent, r.partner, statement, value or "dk"])


def one_pass(responses: list[Response], framework: Framework) -> int:
    """The floor: look at every rating once."""
    total = 0
    for response in responses:
        for value in response.ratings.values():
            total += value or 0
    return total


def naive(responses: list[Response], framework: Framework) -> dict[str, object]:
    """Statement figures only, the obvious way: lists and ``statistics``."""
    answers: dict[str, list[int]] = defaultdict(list)
    by_partner: dict[tuple[str, str], list[int]] = defaultdict(list)
    for response in responses:
        for statement, value in response.ratings.items():
            if value is not None:
                answers[statement].append(value)
                by_partner[statement, response.partner].append(value)
    figures: dict[str, object] = {}
    for statement, values in answers.items():
        figures[statement] = (
            statistics.mean(values),
            statistics.median(values),
            max(0.0, 1 - statistics.variance(values) / 1.25),
            {p: statistics.mean(v) for (s, p), v in by_partner.items() if s == statement},
        )
    return figures


def best_of(repeat: int, work: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--respondents", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    framework = make_framework()
    responses = make_round(framework, args.respondents)
    ratings = sum(len(r.ratings) for r in responses)
    print(
        f"{args.respondents} respondents x {len(framework.statements)} statements, "
        f"{ratings} ratings; best of {args.repeat}"
    )

    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "round.csv"
        write_csv(responses, path)
        columns = ["respondent", "partner", "statement", "score"]

        def from_csv() -> object:
            table = read_table(path, columns)
            return score(parse_responses(table.rows, framework), framework)

        def parse_only() -> object:
            return parse_responses(read_table(path, columns).rows, framework)

        timings = {
            "score (pure function)": best_of(args.repeat, lambda: score(responses, framework)),
            "read CSV": best_of(args.repeat, lambda: read_table(path, columns)),
            "read CSV + check rows": best_of(args.repeat, parse_only),
            "read CSV + check rows + score": best_of(args.repeat, from_csv),
            "baseline: one pass over ratings": best_of(
                args.repeat, lambda: one_pass(responses, framework)
            ),
            "baseline: naive statistics scorer": best_of(
                args.repeat, lambda: naive(responses, framework)
            ),
        }
    for label, seconds in timings.items():
        print(f"  {label:36} {seconds * 1000:8.1f} ms")
    pure = timings["score (pure function)"]
    print(
        f"score / one pass:      {pure / timings['baseline: one pass over ratings']:.1f}x the floor"
    )
    print(
        f"naive / score:         {timings['baseline: naive statistics scorer'] / pure:.1f}x faster"
    )
    print(f"target under 1 s:      {'met' if pure < 1 else 'NOT met'}")


if __name__ == "__main__":
    main()
