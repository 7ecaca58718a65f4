"""The partnership export of the demo: every file read, no raw answer, no
comment, no figure for a partner below the minimum group, and the figures of
each closed round's results page."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from joinedup.cli import main
from joinedup.web import demo
from joinedup.web.assessments.models import Comment, Response, Round
from joinedup.web.assessments.results import EVERYONE, OTHER_PARTNERS
from joinedup.web.overview.export import files
from joinedup.web.partnerships.models import Partnership
from tests.factories import World

RAW_COLUMNS = {"member", "member_id", "response", "response_id", "rating", "answer", "user"}


@pytest.fixture
def riverside(db: Any) -> Partnership:
    demo.load()
    return Partnership.objects.get(slug="riverside")


@pytest.fixture
def exported(riverside: Partnership, tmp_path: Path) -> dict[str, str]:
    out = tmp_path / "riverside.zip"
    result = CliRunner().invoke(main, ["export", "riverside", "--out", str(out)])
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(out) as archive:
        return {
            name.removeprefix("riverside/"): archive.read(name).decode()
            for name in archive.namelist()
        }


def table(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def lead() -> Client:
    client = Client()
    client.force_login(User.objects.get(username="lead"))
    return client


def test_it_holds_every_part_and_says_what_each_is(
    exported: dict[str, str], riverside: Partnership
) -> None:
    names = set(exported)
    assert {
        "partners.csv",
        "outcomes.csv",
        "indicators.csv",
        "values.csv",
        "effort.csv",
        "actions.csv",
        "README.txt",
    } <= names
    closed = list(riverside.rounds.closed())
    assert closed, "the demo has closed rounds"
    assert len([n for n in names if n.startswith("rounds/")]) >= 1
    assert len(table(exported["partners.csv"])) == riverside.partners.count()
    assert len(table(exported["actions.csv"])) == riverside.actions.count()
    values = table(exported["values.csv"])
    assert len(values) == sum(
        i.points.count() for o in riverside.outcomes.all() for i in o.indicators.all()
    )
    owners = {row["owner"] for row in table(exported["outcomes.csv"])}
    assert owners - {""}, "outcomes name their owners"
    assert "fewer than" in exported["README.txt"] or "results page" in exported["README.txt"]


def test_no_raw_answer_no_comment_and_no_member_id(
    exported: dict[str, str], riverside: Partnership
) -> None:
    everything = "\n".join(exported.values())
    for name, text in exported.items():
        if name.endswith(".csv"):
            header = next(csv.reader(io.StringIO(text)))
            assert not RAW_COLUMNS & set(header), name
    for comment in Comment.objects.filter(response__round__partnership=riverside):
        assert comment.text not in everything
    # No row of a round's file is one person's: every figure counts a group.
    for name, text in exported.items():
        if name.startswith("rounds/"):
            for row in table(text):
                assert row["n"] == "" or int(row["n"]) >= 3 or row["group"] == EVERYONE, row


def test_no_figure_for_a_partner_below_the_minimum_group(
    exported: dict[str, str], riverside: Partnership
) -> None:
    for closed in riverside.rounds.closed():
        name = next((n for n in exported if n.startswith(f"rounds/{closed.pk}-")), None)
        if name is None:
            continue
        answered = {
            partner: Response.objects.filter(round=closed, partner__name=partner).count()
            for partner in riverside.partners.values_list("name", flat=True)
        }
        for row in table(exported[name]):
            if row["group"] in (EVERYONE, OTHER_PARTNERS) or row["mean"] == "":
                continue
            assert answered[row["group"]] >= closed.min_group, row
            assert int(row["n"]) >= closed.min_group, row


def test_each_round_has_the_figures_of_its_results_page(
    exported: dict[str, str], riverside: Partnership
) -> None:
    client = lead()
    checked = 0
    for closed in Round.objects.filter(partnership=riverside).closed():
        name = next((n for n in exported if n.startswith(f"rounds/{closed.pk}-")), None)
        if name is None:
            continue
        download = client.get(reverse("assessments:results_csv", args=["riverside", closed.pk]))
        assert exported[name] == download.content.decode()  # the results CSV, row for row
        page = client.get(reverse("assessments:results", args=["riverside", closed.pk]))
        html = page.content.decode()
        for row in table(exported[name]):
            if row["level"] == "principle" and row["group"] == EVERYONE:
                assert row["mean"] in html, row
                checked += 1
    assert checked


def test_members_download_it_from_the_overview(world: World) -> None:
    url = reverse("overview:export", args=[world.partnership.slug])
    assert (
        url
        in world.client("viewer")
        .get(reverse("overview:partnership", args=[world.partnership.slug]))
        .content.decode()
    )
    response = world.client("viewer").get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith('attachment; filename="riverside-')
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        assert "riverside/partners.csv" in archive.namelist()
    assert world.client("outsider").get(url).status_code == 404


def test_effort_holds_the_months_the_cost_page_counts(world: World) -> None:
    """An entry stored for 2099 before dates were checked is no month of cost
    on the Cost page (docs/effort.md), so none in the export either."""
    world.partnership.expenses.create(
        partner=world.council, date=dt.date(2025, 5, 3), amount=Decimal(40), description="Room"
    )
    world.partnership.expenses.create(
        partner=world.council, date=dt.date(2099, 11, 3), amount=Decimal(106), description="Typo"
    )
    rows = table(files(world.partnership, dt.date(2026, 12, 1))["effort.csv"])
    months = {row["month"][:7] for row in rows}
    assert "2025-05" in months
    assert not any(month.startswith("2099") for month in months)


def test_the_command_refuses_an_unknown_partnership_and_an_existing_file(
    riverside: Partnership, tmp_path: Path
) -> None:
    result = CliRunner().invoke(main, ["export", "nowhere", "--out", str(tmp_path / "x.zip")])
    assert (result.exit_code, result.stderr.strip()) == (
        2,
        "Error: there is no partnership called 'nowhere'",
    )
    existing = tmp_path / "old.zip"
    existing.write_bytes(b"old")
    result = CliRunner().invoke(main, ["export", "riverside", "--out", str(existing)])
    assert result.exit_code == 2 and "already exists" in result.stderr
    assert existing.read_bytes() == b"old"


def test_a_failed_export_leaves_no_file_behind(
    riverside: Partnership, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from joinedup.web.overview import export

    def broken(*args: Any) -> Any:
        raise RuntimeError("the database went away")

    monkeypatch.setattr(export, "_actions", broken)
    out = tmp_path / "riverside.zip"
    result = CliRunner().invoke(main, ["export", "riverside", "--out", str(out)])
    assert isinstance(result.exception, RuntimeError)
    assert list(tmp_path.iterdir()) == []
