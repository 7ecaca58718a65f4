"""A closed round's results are computed once, when it closes (or, closed by its
date, when first read), and every later view reads them unchanged."""

from __future__ import annotations

import csv
import io
import threading
from typing import Any

import pytest
from django.db import connection
from django.urls import reverse

from joinedup.core.framework import builtin
from joinedup.web.assessments import snapshots
from joinedup.web.assessments.models import Answer, Round, Snapshot
from joinedup.web.assessments.results import round_scores
from joinedup.web.overview.verdict import partnership_verdict
from tests.factories import (
    FLAT,
    IMPROVED,
    World,
    answer,
    close,
    close_by_date,
    home_indicator,
    html,
    make_outcome,
    make_round,
    members,
    monthly_meetings,
)

FRAMEWORK = builtin()
AVOIDED = "conflict.avoided"  # "Some important questions never reach the agenda ..."


def _url(world: World, name: str, shown: Round) -> str:
    return reverse(f"assessments:{name}", args=[world.partnership.slug, shown.pk])


def _answered(world: World, **scores: int | None) -> Round:
    """Three members of each partner answer 3, except the statements in ``scores``
    (for the acute trust; the council answers 5 minus that)."""
    for name in ("xavier", "yolanda"):
        world.join(name, world.acute if name == "xavier" else world.council)
    shown = make_round(world)
    for member in members(world):
        chosen = {
            s: (v if member.partner == world.acute else None if v is None else 5 - v)
            for s, v in scores.items()
        }
        answer(shown, member, 3, scores=chosen)
    return shown


def test_closing_computes_the_results_in_the_same_transaction(
    world: World, monkeypatch: Any
) -> None:
    shown = _answered(world)

    def broken(*args: Any) -> dict[str, Any]:
        raise RuntimeError("the results could not be computed")

    monkeypatch.setattr(snapshots, "compute", broken)
    with pytest.raises(RuntimeError):
        world.client("owner").post(_url(world, "close", shown))
    shown.refresh_from_db()
    assert shown.is_open and not Snapshot.objects.exists()  # nothing half-written


def test_a_round_is_closed_once(world: World) -> None:
    shown = _answered(world)
    judge = lambda: None  # noqa: E731
    assert snapshots.close(shown, judge) is not None
    assert snapshots.close(shown, judge) is None  # a second request finds it closed
    assert Snapshot.objects.count() == 1


def test_a_round_closed_by_its_date_is_frozen_when_first_read(world: World) -> None:
    shown = close_by_date(_answered(world))
    assert not Snapshot.objects.exists()
    client = world.client("member")
    page = html(client, _url(world, "results", shown))
    export = client.get(_url(world, "results_csv", shown)).content
    assert Snapshot.objects.filter(round=shown).count() == 1

    # Whatever happens to the data afterwards, the round shows what it showed.
    world.acute.name = "Renamed Hospitals"
    world.acute.save()
    Answer.objects.filter(response__round=shown).update(score=1)
    Round.objects.filter(pk=shown.pk).update(min_group=6, agenda_size=1)
    assert html(client, _url(world, "results", shown)) == page
    assert client.get(_url(world, "results_csv", shown)).content == export
    assert "Renamed" not in page


def test_a_closed_round_without_results_gets_them_from_its_first_reader_the_overview(
    world: World,
) -> None:
    """Rounds closed before results were frozen have none: the first read makes them."""
    shown = _answered(world)
    Round.objects.filter(pk=shown.pk).update(closes_on="2020-01-01")
    assert not Snapshot.objects.exists()
    partnership_verdict(world.partnership)
    assert Snapshot.objects.filter(round=shown).exists()


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor == "sqlite", reason="PostgreSQL's row lock")
def test_two_first_reads_at_once_make_one_snapshot(world: World) -> None:
    shown = close_by_date(_answered(world))
    barrier = threading.Barrier(2)
    found: list[int] = []

    def read() -> None:
        try:
            barrier.wait()
            found.append(snapshots.frozen(Round.objects.get(pk=shown.pk), lambda: None).pk)
        finally:
            connection.close()

    threads = [threading.Thread(target=read) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(found) == 2 and found[0] == found[1]
    assert Snapshot.objects.count() == 1


def test_the_comfortable_consensus_is_judged_as_the_round_closes(world: World) -> None:
    outcome = make_outcome(world, "Home sooner")
    home_indicator(outcome, FLAT)
    monthly_meetings(world, people=30)
    shown = make_round(world)
    for member in members(world):
        answer(shown, member, 4)
    for name in ("xavier", "yolanda"):
        answer(shown, world.join(name, world.acute), 4)
    close(shown)
    kinds = [flag.kind for flag in round_scores(shown).flags]
    assert "comfortable_consensus" in kinds
    home_indicator(outcome, IMPROVED, name="Home on the day, improved")  # results back it now
    assert [flag.kind for flag in round_scores(shown).flags] == kinds
    page = world.client("member").get(_url(world, "results", shown)).content.decode()
    assert "Comfortable consensus" in page


def test_membership_changes_while_the_round_was_open_are_listed(world: World) -> None:
    shown = _answered(world)
    carers = world.partnership.partners.create(name="Riverside Carers", sector="voluntary")
    world.join("late1", carers)
    world.join("late2", carers)
    moved = world.partnership.members.get(user__username="yolanda")
    moved.partner = world.acute
    moved.save()
    close(shown)
    page = world.client("viewer").get(_url(world, "results", shown)).content.decode()
    assert "2 members were added to Riverside Carers after the round opened." in page
    assert (
        "1 member moved from Riverside County Council to Riverside Hospitals after the "
        "round opened." in page
    )


def test_a_withheld_figure_says_why_on_the_page_and_in_the_csv(world: World) -> None:
    shown = make_round(world)
    for member in members(world):  # two members per partner: never shown alone
        scores = {"trust.candour": None} if member.partner == world.council else {}
        answer(shown, member, 3, scores=scores)
    close(shown)
    page = world.client("owner").get(_url(world, "results", shown)).content.decode()
    assert "fewer than 3 answers" in page
    rows = list(
        csv.DictReader(
            io.StringIO(world.client("owner").get(_url(world, "results_csv", shown)).text)
        )
    )
    candour = [r for r in rows if r["id"] == "trust.candour"]
    assert [(r["group"], r["n"], r["withheld"]) for r in candour] == [
        ("All respondents", "", "fewer than 3 answers"),  # the council said don't know
        ("Other partners", "", "fewer than 3 answers"),
    ]
    everyone = next(r for r in rows if r["id"] == "trust.keep_word")
    assert (everyone["group"], everyone["n"], everyone["withheld"]) == ("All respondents", "4", "")


def test_a_negative_statement_reads_as_written_and_is_on_the_agenda_as_bad_news(
    world: World,
) -> None:
    shown = _answered(world, **{AVOIDED: 1})  # the acute trust disagrees, the council agrees
    close(shown)
    page = world.client("member").get(_url(world, "results", shown)).content.decode()
    heatmap = page[page.index('id="heatmap"') :]
    row = heatmap[heatmap.index("Some important questions never reach the agenda") :][:600]
    assert "(scored in reverse: agreement is bad news)" in row
    assert ">1</td>" in row and ">4</td>" in row  # as answered: 1 for the trust, 4 for the council
    agenda = page[page.index('id="agenda"') : page.index('id="flags"')]
    assert "Scored in reverse: agreement is bad news" in agenda
    assert "Partners far apart: Riverside County Council 4 vs Riverside Hospitals 1." in agenda
    assert "Agreed with more by Riverside County Council; less by Riverside Hospitals." in agenda


def test_the_agenda_holds_the_rounds_agenda_size_and_lists_the_rest_as_also_raised(
    world: World,
) -> None:
    shown = _answered(world, **{s.id: 1 for s in FRAMEWORK.statements[:5]})
    Round.objects.filter(pk=shown.pk).update(agenda_size=2)
    shown.refresh_from_db()
    close(shown)
    page = world.client("member").get(_url(world, "results", shown)).content.decode()
    agenda = page[page.index('id="agenda"') : page.index('id="flags"')]
    assert agenda.count("<li>\n    <strong>") == 2
    assert "Also raised" in agenda and "did not make the agenda of\n2" in agenda
    assert agenda.count("</li>") >= 5
