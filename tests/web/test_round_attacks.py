"""The attacks of issue 8, each tried as a hostile lead (or colluding members)
would, through the app's own pages, the CSV export and the CLI.

Each test fails on the code before the fix: it is the attack written down,
and what stops it.
"""

from __future__ import annotations

import csv
import io
import re
from typing import Any

from click.testing import CliRunner
from django.test import Client
from django.urls import reverse

from joinedup.cli import main
from joinedup.core.framework import builtin
from joinedup.web.assessments.links import link
from joinedup.web.assessments.models import Round
from joinedup.web.partnerships.models import Member, Partner
from tests.factories import (
    FLAT,
    World,
    answer,
    close,
    home_indicator,
    html,
    make_outcome,
    make_round,
    monthly_meetings,
    round_form,
)

FRAMEWORK = builtin()
VICTIMS = "Riverside Voluntary Action"
K = 3


def _url(world: World, name: str, *args: Any) -> str:
    return reverse(f"assessments:{name}", args=[world.partnership.slug, *args])


def _rows(export: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(export)))


def _shown(row: dict[str, str]) -> bool:
    """Whether a CSV row shows a figure (a number of answers and a mean)."""
    return bool(row["n"]) and bool(row["mean"])


def _answer_every_page(browser: Client, url: str, score: str, levels: dict[Partner, str]) -> None:
    """Answer every principle page with ``score`` and the relationships page with ``levels``."""
    for number, principle in enumerate(FRAMEWORK.principles, start=1):
        data = {s.id.replace(".", "-"): score for s in principle.statements} | {"comment": ""}
        assert browser.post(f"{url}{number}/", data).status_code == 302
    last = len(FRAMEWORK.principles) + 1
    rated = {f"partner-{partner.pk}": level for partner, level in levels.items()}
    assert browser.post(f"{url}{last}/", rated).status_code == 302


def test_attack_1_dont_know_accounts_beside_a_member_recover_nothing(world: World) -> None:
    """The lead adds two accounts to the victim's partner, opens a round, answers
    "don't know" to everything through those accounts' links and closes the round.
    Before the fix the round page showed the lead every link, the partner counted
    three respondents, and its figures and relationship medians were one person's."""
    victims = world.partnership.partners.create(name=VICTIMS, sector="voluntary")
    victim = world.join("victim", victims)
    accomplices = [world.join(name, victims) for name in ("alias1", "alias2")]
    lead = world.client("owner")
    assert lead.post(_url(world, "round_new"), round_form()).status_code == 302
    opened = world.partnership.rounds.get()

    round_page = lead.get(_url(world, "round", opened.pk)).content.decode()
    leaked = [
        member
        for member in world.partnership.members.all()
        if member.user != world.owner and link(opened, member) in round_page
    ]
    # With the links on the page the lead answers for the two accounts; without
    # them, two colleagues who are in on it answer "don't know" themselves.
    for accomplice in accomplices:
        _answer_every_page(Client(), link(opened, accomplice), "dk", {})
    _answer_every_page(Client(), link(opened, victim), "1", {world.acute: "5", world.council: "0"})
    assert lead.post(_url(world, "close", opened.pk)).status_code == 302

    export = lead.get(_url(world, "results_csv", opened.pk)).content.decode()
    page = lead.get(_url(world, "results", opened.pk)).content.decode()
    for row in _rows(export):
        assert not _shown(row) or int(row["n"]) >= K, row
    relationships = page[page.find('id="relationships"') :]
    assert not re.search(r"\((1|2)\)", relationships), "a median of fewer than 3 ratings"
    assert leaked == []  # and the lead could not have answered for anyone


def test_attack_1_two_colleagues_answering_dont_know_recover_nothing(world: World) -> None:
    """The same without the lead: two colleagues of the victim answer "don't know"."""
    victims = world.partnership.partners.create(name=VICTIMS, sector="voluntary")
    victim = world.join("victim", victims)
    colleagues = [world.join(name, victims) for name in ("colleague1", "colleague2")]
    shown = make_round(world)
    answer(shown, victim, 2)
    for colleague in colleagues:
        answer(shown, colleague, None)
    for member in list(world.partnership.members.exclude(partner=victims))[:3]:
        answer(shown, member, None)  # everyone else says "don't know" too
    close(shown)
    export = world.client("member").get(_url(world, "results_csv", shown.pk))
    if export.status_code == 200:
        for row in _rows(export.content.decode()):
            assert not _shown(row), row  # nobody but the victim gave a score
    page = world.client("member").get(_url(world, "results", shown.pk)).content.decode()
    assert "2.00" not in page and ">2<" not in page


def _three_partners(world: World) -> tuple[Partner, Partner, Partner]:
    """Alpha and Beta with three members each, and Solo with one."""
    alpha = world.partnership.partners.create(name="Alpha Trust", sector="nhs")
    beta = world.partnership.partners.create(name="Beta Council", sector="local_authority")
    solo = world.partnership.partners.create(name="Solo Care", sector="private")
    for partner, size in ((alpha, 3), (beta, 3), (solo, 1)):
        for i in range(size):
            world.join(f"{partner.name.split()[0].lower()}{i}", partner)
    return alpha, beta, solo


def _answer_as(round: Round, partner: Partner, score: int) -> None:
    for member in Member.objects.filter(partner=partner):
        answer(round, member, score)


def test_attack_2_renaming_a_partner_after_close_changes_nothing(world: World) -> None:
    """Before the fix results were recomputed from current names on every view, and
    equal-sized partners joined the pool in name order: renaming one named the other,
    and everyone minus the two named partners was the one-person partner."""
    alpha, beta, solo = _three_partners(world)
    shown = make_round(world)
    _answer_as(shown, alpha, 4)
    _answer_as(shown, beta, 3)
    _answer_as(shown, solo, 1)
    close(shown)
    client = world.client("member")
    before = client.get(_url(world, "results_csv", shown.pk)).content
    page_before = html(client, _url(world, "results", shown.pk))

    alpha.name = "Zeta Trust"  # now last in name order
    alpha.save()
    Round.objects.filter(pk=shown.pk).update(min_group=5)
    world.join("latecomer", beta)

    assert client.get(_url(world, "results_csv", shown.pk)).content == before
    assert html(client, _url(world, "results", shown.pk)) == page_before


def test_attack_3_the_overview_and_the_verdict_show_nothing_of_a_round_below_k(
    world: World,
) -> None:
    """One respondent: the results page said "too few", but the overview and
    `joinedup verdict` printed the trust principle's mean and agreement, which
    with four statements fix the person's answers."""
    home_indicator(make_outcome(world, "Home sooner"), FLAT)
    monthly_meetings(world, people=30)
    shown = make_round(world)
    trust = {s.id: 4 for s in FRAMEWORK.principles[3].statements}
    trust["trust.keep_word"] = 3
    answer(shown, world.partnership.members.get(user=world.member), 4, scores=trust)
    close(shown)
    overview = world.client("viewer").get(reverse("overview:partnership", args=["riverside"]))
    result = CliRunner().invoke(main, ["verdict", "riverside"])
    for text in (overview.content.decode(), result.stdout):
        assert "3.75" not in text
        assert "0.80" not in text
        assert "rated high" not in text


def test_attack_4_no_difference_between_rounds_isolates_a_small_partner(world: World) -> None:
    """Round 1 pools Solo with one of the two equal partners; round 2, with one
    more respondent in Alpha, pooled the other before the fix. Alpha then had a
    figure of its own in round 2 and was in round 1's pool: the pool of round 1
    minus Alpha of round 2 (its three members answering as before, the fourth a
    known answer) was Solo's answer."""
    alpha, beta, solo = _three_partners(world)
    first = make_round(world, name="Autumn 2025")
    _answer_as(first, alpha, 4)
    _answer_as(first, beta, 3)
    _answer_as(first, solo, 1)
    close(first)
    world.join("alpha_new", alpha)
    second = make_round(world, name="Spring 2026")
    _answer_as(second, alpha, 4)
    _answer_as(second, beta, 3)
    _answer_as(second, solo, 2)
    close(second)

    client = world.client("owner")
    exports = [
        _rows(client.get(_url(world, "results_csv", r.pk)).content.decode())
        for r in (first, second)
    ]
    for item in {row["id"] for row in exports[0]}:
        one, two = ({r["group"]: r for r in rows if r["id"] == item} for rows in exports)
        pool = one.get("Other partners")
        if pool is None or not _shown(pool):
            continue
        # The partners counted in round 1's pool beside Solo: shown in neither table of round 1.
        hidden = [p.name for p in (alpha, beta) if p.name not in one or not _shown(one[p.name])]
        for name in hidden:
            assert name not in two or not _shown(two[name]), (item, name)


def test_attack_5_counts_while_open_say_nothing_of_a_one_member_partner(world: World) -> None:
    """The lead's response counts showed whether a one-member partner had answered."""
    solo = world.partnership.partners.create(name="Solo Care", sector="private")
    alone = world.join("alone", solo)
    shown = make_round(world)
    lead = world.client("owner")
    before = html(lead, _url(world, "round", shown.pk))
    answer(shown, alone, 2)
    after = html(lead, _url(world, "round", shown.pk))
    assert after == before


def test_attack_5_a_one_member_partners_comment_is_not_shown_alone(world: World) -> None:
    """A one-person partner's comment was shown on the results page."""
    alpha = world.partnership.partners.create(name="Alpha Trust", sector="nhs")
    solo = world.partnership.partners.create(name="Solo Care", sector="private")
    people = [world.join(f"alpha{i}", alpha) for i in range(3)]
    alone = world.join("alone", solo)
    shown = make_round(world)
    for member in people:
        answer(shown, member, 3)
    comment = "As the only care provider here, I am never asked."
    answer(shown, alone, 2, comments={"trust": comment})
    close(shown)
    page = world.client("member").get(_url(world, "results", shown.pk)).content.decode()
    assert comment not in page
