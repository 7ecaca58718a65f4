"""The board report: who reads its page and its PDF, what the demo's PDF says
and in what order, that no partner below K is named, and the as-of rule."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from joinedup.core.actions import Status
from joinedup.core.register import Sector
from joinedup.web import demo
from joinedup.web.actions.models import Action, ActionUpdate
from joinedup.web.assessments.results import round_results
from joinedup.web.outcomes.models import Indicator
from joinedup.web.overview.verdict import latest_closed_round, partnership_verdict
from joinedup.web.partnerships.models import Partnership
from joinedup.web.report import render
from joinedup.web.report.build import OGL_CREDIT, build
from tests.factories import (
    World,
    add_values,
    answer,
    close,
    make_action,
    make_indicator,
    make_round,
    members,
)

# The report's sections, in the order the board reads them.
SECTIONS = [
    "Verdict",
    "Summary of the indicators",
    "Hard-issues agenda",
    "Actions",
    "Each indicator's chart",
    "Assessment profile by partner",
    "Relationship map",
    "Accountability gaps",
    "Data quality",
    "Cost of the partnership",
]


def pdf_text(content: bytes) -> str:
    """Every page's text, with runs of white space (line breaks) as one space."""
    reader = PdfReader(io.BytesIO(content))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def fonts(content: bytes) -> dict[str, bool]:
    """Each font the PDF uses (without its subset prefix) -> whether its glyphs
    are in the file."""
    found = {}
    for page in PdfReader(io.BytesIO(content)).pages:
        for font in page["/Resources"].get_object().get("/Font", {}).values():
            font = font.get_object()
            for descendant in font.get("/DescendantFonts", [font]):
                descendant = descendant.get_object()
                described = descendant.get("/FontDescriptor")
                name = str(descendant["/BaseFont"]).split("+")[-1]
                found[name] = described is not None and "/FontFile2" in described.get_object()
    return found


def headings(content: bytes) -> list[tuple[str, int]]:
    """The PDF's bookmarks (WeasyPrint makes one of every heading), in the
    document's order: each heading's text and the page it is on."""
    reader = PdfReader(io.BytesIO(content))

    def walk(outline: list[Any]) -> list[tuple[str, int]]:
        found = []
        for item in outline:
            if isinstance(item, list):
                found += walk(item)
            else:
                found.append((item.title, reader.get_destination_page_number(item)))
        return found

    return walk(reader.outline)


def _url(partnership: Partnership, name: str) -> str:
    return reverse(f"report:{name}", args=[partnership.slug])


@pytest.mark.parametrize("who", ["owner", "member", "viewer"])
def test_members_and_viewers_read_the_page_and_the_pdf(world: World, who: str) -> None:
    client = world.client(who)
    page = client.get(_url(world.partnership, "page"))
    assert page.status_code == 200
    assert "Board report" in page.content.decode()
    pdf = client.get(_url(world.partnership, "pdf"))
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")


def test_an_outsider_gets_404_on_the_page_and_the_pdf(world: World) -> None:
    client = world.client("outsider")
    assert client.get(_url(world.partnership, "page")).status_code == 404
    assert client.get(_url(world.partnership, "pdf")).status_code == 404


def test_the_report_has_no_script_or_inline_style(world: World) -> None:
    """The report reads without JavaScript and passes a strict content security
    policy: its styles are files, its charts SVG drawn on the server."""
    page = world.client("member").get(_url(world.partnership, "page")).content.decode()
    report = page[page.index('<div class="app-report">') :]
    assert "<script" not in report and "<style" not in report and " style=" not in report


@pytest.fixture
def riverside_demo(db: Any) -> Partnership:
    demo.load()
    return Partnership.objects.get(slug="riverside")


def test_the_demo_pdf_tells_the_story_in_order(riverside_demo: Partnership) -> None:
    riverside = riverside_demo
    client = Client()
    client.force_login(User.objects.get(username="lead"))
    response = client.get(_url(riverside, "pdf"))
    text = pdf_text(response.content)

    verdict = partnership_verdict(riverside)
    assert f"{verdict.kind.label} {verdict.kind.description}" in text
    for indicator in Indicator.objects.of(riverside):
        assert indicator.name in text
    results = round_results(latest_closed_round(riverside), lambda: None)
    assert results.scores.agenda
    for entry in results.scores.agenda:
        assert results.statement[entry.statement].name in text
    to_do = Action.objects.of(riverside).to_do()
    assert to_do.exists()
    for action in to_do:
        assert action.title in text
    assert OGL_CREDIT in text
    # After the contents, each section in the board's order.
    at = text.index(SECTIONS[-1]) + len(SECTIONS[-1])
    for heading in SECTIONS:
        found = text.find(heading, at)
        assert found > 0, f"{heading!r} missing or out of order"
        at = found
    # Every glyph is in the font joinedup ships (its own family name, so no
    # font of the machine can stand in for it), embedded in the file.
    assert fonts(response.content) == {
        "joinedup-DejaVu-Sans": True,
        "joinedup-DejaVu-Sans-Bold": True,
    }


def test_no_indicator_or_principle_is_cut_across_two_pages(riverside_demo: Partnership) -> None:
    """docs/report.md: an indicator's block is never cut. Its name (a heading)
    and its chart's "Events on the chart" (the end of its block) are on one
    page, and the block's text too: its name, its words and its events. Nor
    is a principle's block of the assessment profile."""
    client = Client()
    client.force_login(User.objects.get(username="lead"))
    content = client.get(_url(riverside_demo, "pdf")).content
    pages = [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(content)).pages]
    found = headings(content)
    charts = [title for title, _ in found].index("Each indicator's chart")
    names = set(Indicator.objects.of(riverside_demo).values_list("name", flat=True))
    checked = 0
    for at, (title, page) in enumerate(found[charts:], start=charts):
        if title not in names:
            continue
        events = next(p for t, p in found[at + 1 :] if t == "Events on the chart")
        assert events == page, f"{title!r} starts on page {page + 1}, its events on {events + 1}"
        block = pages[page][pages[page].index(title) :]
        assert "Events on the chart" in block, f"{title!r}'s events are not on its page"
        checked += 1
    assert checked == len(names)
    # Each principle of the assessment profile: its bars and its numbers, to
    # the median and agreement under them, on the page of its heading.
    titles = [title for title, _ in found]
    profile = next(at for at, t in enumerate(titles) if t.startswith("Assessment profile"))
    relationships = next(at for at, t in enumerate(titles) if t.startswith("Relationship map"))
    principles = found[profile + 1 : relationships]
    assert principles
    for title, page in principles:
        text = pages[page]
        numbers = text.find(f"{title}: the numbers")
        assert numbers >= 0 and "agreement" in text[numbers:], f"{title!r} is cut"


@pytest.fixture
def with_a_small_partner(world: World) -> tuple[World, str]:
    """A closed round: three answering for each of the two big partners, and
    one person for the small one, whose figures K = 3 never shows."""
    small = world.partnership.partners.create(
        name="Riverside Tenants Forum", sector=Sector.VOLUNTARY
    )
    world.join("acute3", world.acute)
    world.join("council3", world.council)
    world.join("tenant", small)
    round = make_round(world, name="Autumn 2026")
    for n, member in enumerate(members(world)):
        answer(round, member, score=1 + n % 4, levels={world.acute: 2, world.council: 4})
    close(round)
    return world, small.name


def test_no_partner_below_k_is_named_in_the_report(with_a_small_partner: tuple[World, str]) -> None:
    world, small = with_a_small_partner
    client = world.client("member")
    page = client.get(_url(world.partnership, "page")).content.decode()
    text = pdf_text(client.get(_url(world.partnership, "pdf")).content)
    assert "Riverside Hospitals" in text and "Riverside County Council" in text
    assert "Other partners" in text
    assert small not in page
    assert small not in text


def test_as_of_a_date_the_report_shows_what_stood_then(world: World) -> None:
    today = timezone.localdate()
    then = today - dt.timedelta(days=30)
    done = make_action(
        world, title="Write the discharge policy", due_on=then - dt.timedelta(days=5)
    )
    done.raised_at = timezone.now() - dt.timedelta(days=60)
    done.status, done.closed_at = Status.DONE.value, timezone.now() - dt.timedelta(days=10)
    done.save()
    ActionUpdate.objects.create(
        action=done, at=done.closed_at, old_status="open", status="done", by=world.owner
    )
    make_action(world, title="Raised after the date")
    indicator = make_indicator(world)
    add_values(indicator, [50.0] * 24, dt.date(2022, 4, 1))
    late = make_round(world, name="Closed after the date")
    close(late)

    now = build(world.partnership)
    assert [a.title for a in now.actions.done] == ["Write the discharge policy"]
    assert now.round == late

    past = build(world.partnership, then)
    assert [a.title for a in past.actions.overdue] == ["Write the discharge policy"]
    assert past.actions.summary.to_do == 1 and not past.actions.done
    assert past.round is None

    indicator.events.create(date=dt.date(2023, 9, 1), kind="intervention", text="Huddle began")
    early = build(world.partnership, dt.date(2023, 3, 15))
    assert early.board.indicators[indicator.pk].points == 12  # April 2022 to March 2023
    [(_, [charted])] = early.charts
    assert "to March 2023 has a value" in charted.quality.complete.reason  # not the later ones
    assert [item.event.text for item in charted.drawn.events] == ["Partnership started"]
    [(_, [charted])] = build(world.partnership).charts
    assert "Huddle began" in [item.event.text for item in charted.drawn.events]


def _words(html: str) -> str:
    return " ".join(html.split())


def test_a_report_as_of_today_says_its_data_is_as_it_stood_when_it_was_made(
    world: World,
) -> None:
    page = world.client("member").get(_url(world.partnership, "page")).content.decode()
    made = build(world.partnership)
    for text in _words(page), _words(render.document(made, with_styles=False)):
        assert "stood when this report was made, " in text
        assert "at the end of" not in text
    assert f"made, {made.made_at.day} {made.made_at:%B %Y} at " in _words(render.document(made))


def test_a_report_as_of_a_past_day_says_its_data_is_as_it_stood_at_the_end_of_it(
    world: World,
) -> None:
    day = timezone.localdate() - dt.timedelta(days=1)
    past = build(world.partnership, day)
    text = _words(render.document(past, with_styles=False))
    assert f"As the partnership's data stood at the end of {day.day} {day:%B %Y}:" in text
    assert "when this report was made" not in text
    assert f"Made {past.made_at.day} {past.made_at:%B %Y} at " in text


def test_the_report_reads_the_marks_of_every_indicator_at_once(world: World) -> None:
    make_indicator(world, [50.0] * 12)
    with CaptureQueriesContext(connection) as one:
        build(world.partnership)
    for name in ("Readmissions", "Falls"):
        make_indicator(world, [20.0] * 12, name=name)
    with CaptureQueriesContext(connection) as three:
        build(world.partnership)
    assert len(three.captured_queries) == len(one.captured_queries)
