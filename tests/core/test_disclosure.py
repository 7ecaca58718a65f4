"""The disclosure rule: a figure per group and item only with K answers on the scale
behind it, complementary suppression in a fixed order, comments never alone; and
the property that nothing a round shows gives away one person's answer."""

from __future__ import annotations

import itertools
import json

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from joinedup.core.assessment import Response, ScoreResult, score
from joinedup.core.disclosure import Withheld, disclose, disclosed_comments
from joinedup.core.figures import Figures, ItemResult
from joinedup.core.framework import parse_framework
from joinedup.core.relationships import PairLevel, RelationshipResponse, relationship_map

FRAMEWORK = parse_framework(
    """
name = "Two principles"
version = "1"
[[principles]]
id = "trust"
name = "Trust"
  [[principles.statements]]
  id = "trust.candour"
  text = "People say what they think."
  [[principles.statements]]
  id = "trust.avoided"
  text = "Hard questions are avoided."
  reverse = true
  [[principles.statements]]
  id = "trust.word"
  text = "People keep their word."
[[principles]]
id = "authority"
name = "Authority"
  [[principles.statements]]
  id = "authority.rights"
  text = "Decision rights are clear."
  [[principles.statements]]
  id = "authority.mandate"
  text = "Representatives can commit their organisation."
""",
    source="two.toml",
)
IDS = [s.id for s in FRAMEWORK.statements]


def test_a_group_is_shown_only_with_k_answers_and_the_total_only_with_k():
    alone = disclose({"A": 3, "B": 0}, 3)
    assert alone.everyone and alone.named == {"A"} and not alone.pooled
    found = disclose({"A": 3, "B": 1, "C": 0}, 3)
    # B's one answer would be the total minus A: A joins the pool, which is then shown.
    assert found.everyone and found.named == set()
    assert found.pooled == {"A", "B"} and found.pool_shown
    assert found.withheld == {"A": Withheld.POOLED, "B": Withheld.FEW, "C": Withheld.FEW}
    nothing = disclose({"A": 1, "B": 1}, 3)
    assert not nothing.everyone and not nothing.named and not nothing.pool_shown


def test_the_pool_is_topped_up_in_rank_order_not_name_or_size_order():
    counts = {"Alpha": 3, "Beta": 5, "Solo": 1}
    by_name = disclose(counts, 3)
    assert by_name.named == {"Beta"}  # Alpha comes first by name
    ranked = disclose(counts, 3, rank=lambda p: ({"Alpha": 2, "Beta": 1, "Solo": 3}[p], p))
    assert ranked.named == {"Alpha"}  # Beta comes first by rank, bigger as it is
    renamed = disclose(
        {"Zeta": 3, "Beta": 5, "Solo": 1},
        3,
        rank=lambda p: ({"Zeta": 2, "Beta": 1, "Solo": 3}[p], p),
    )
    assert renamed.withheld["Beta"] is Withheld.POOLED  # the same partner, whatever its name


def test_a_pool_needing_everyone_names_no_one():
    found = disclose({"A": 3, "B": 2}, 3)
    assert found.named == set() and found.pool_shown  # the pool is everyone
    assert found.withheld == {"A": Withheld.POOLED, "B": Withheld.FEW}


def test_medians_are_not_topped_up():
    found = disclose({"A": 3, "B": 1}, 3, complementary=False)
    assert found.named == {"A"} and not found.pool_shown


def test_a_small_partners_comment_is_shown_only_among_k_comments():
    scorers = {"Big": 3, "Small": 1}
    assert disclosed_comments([("Small", "Only I say this.")], scorers, 3) == ()
    assert disclosed_comments([("Small", "b"), ("Big", "a")], scorers, 3) == (
        "a",
    )  # the big partner's comment alone, never the small one's
    three = [("Small", "c"), ("Big", "a"), ("Big", "b")]
    assert disclosed_comments(three, scorers, 3) == ("a", "b", "c")


def group(partner, size, **ratings):
    ratings = {key.replace("__", "."): value for key, value in ratings.items()}
    return [Response(f"{partner}{i}", partner, ratings) for i in range(size)]


def item(result: ScoreResult, item_id: str) -> ItemResult:
    return next(i for i in (*result.principles, *result.statements) if i.id == item_id)


def test_dont_know_never_counts_towards_k():
    """Attack 1 in the core: two accounts answering "don't know" beside one member."""
    victim = Response("v", "Voluntary", dict.fromkeys(IDS, 2))
    aliases = [Response(f"a{i}", "Voluntary", dict.fromkeys(IDS)) for i in range(2)]
    result = score([victim, *aliases], FRAMEWORK)
    assert result.respondents == 3
    for found in (*result.principles, *result.statements):
        assert found.withheld is Withheld.FEW and found.mean is None
        assert found.by_partner == {}
    assert result.agenda == () and result.partners == ()


def test_a_figure_is_withheld_where_too_few_answered_it_and_the_rest_goes_to_the_pool():
    responses = [
        *group("A", 3, trust__candour=4, trust__word=4),
        Response("b0", "B", {"trust.candour": 1, "trust.word": 1}),
        *(Response(f"b{i}", "B", {"trust.candour": None, "trust.word": 2}) for i in (1, 2)),
        *group("C", 3, trust__candour=3, trust__word=3),
    ]
    result = score(responses, FRAMEWORK, rank={"A": 1, "B": 2, "C": 3})
    candour = item(result, "trust.candour")
    assert candour.by_partner == {
        "A": Withheld.POOLED,  # topped up: first in rank
        "B": Withheld.FEW,  # one answer on the scale
        "C": Figures(3, 9),
    }
    assert candour.other_partners == Figures(4, 13)  # A's three and B's one
    word = item(result, "trust.word")
    assert word.by_partner == {"A": Figures(3, 12), "B": Figures(3, 5), "C": Figures(3, 9)}
    # The principle pools, for each group, the statements where it is shown.
    trust = item(result, "trust")
    assert trust.by_partner == {"A": Figures(3, 12), "B": Figures(3, 5), "C": Figures(6, 18)}
    assert trust.other_partners == Figures(4, 13)
    assert trust.n == 16


def test_the_agenda_reads_a_negative_statement_as_written_and_judges_it_favourably():
    responses = [*group("Trust", 3, trust__avoided=1), *group("Council", 3, trust__avoided=4)]
    result = score(responses, FRAMEWORK)
    avoided = item(result, "trust.avoided")
    assert avoided.mean == 2.5 and avoided.distribution == (3, 0, 0, 3)  # as answered
    [entry] = result.agenda
    assert entry.reasons == ("split", "partner_gap")
    assert entry.figures == ("3 agree, 3 disagree", "Council 4 vs Trust 1")
    assert entry.high_partners == ("Council",)  # agrees more: bad news
    agreed = score(group("All", 4, trust__avoided=3), FRAMEWORK)
    assert agreed.agenda[0].reasons == ("low",)
    assert agreed.agenda[0].figures == ("4 of 4 agree",)
    assert agreed.principle("trust").mean == 2.0  # turned round: agreeing is bad news


def test_the_agenda_holds_the_most_pressing_and_lists_the_rest_in_rank_order():
    responses = group("P", 3, **{i.replace(".", "__"): 1 for i in IDS})
    full = score(responses, FRAMEWORK, agenda_size=10)
    ranked = [entry.statement for entry in full.agenda]
    assert len(ranked) == 4 and full.also_raised == ()  # trust.avoided answered 1: good news
    short = score(responses, FRAMEWORK, agenda_size=2)
    assert [entry.statement for entry in short.agenda] == ranked[:2]
    assert short.also_raised == tuple(ranked[2:])
    with pytest.raises(ValueError):
        score(responses, FRAMEWORK, agenda_size=0)


def test_many_dont_know_is_said_without_giving_away_a_withheld_count():
    responses = [*group("P", 4, trust__candour=None), Response("x", "P", {"trust.candour": 2})]
    [entry] = score(responses, FRAMEWORK).agenda
    assert entry.reasons == ("many_dont_know",)
    assert entry.figures == ("4 said don't know; fewer than 3 answered on the scale",)


def test_a_comfortable_consensus_needs_the_trust_principle_shown():
    lone = score([Response("a", "P", dict.fromkeys(IDS, 4))], FRAMEWORK, min_group=3)
    assert [flag.kind for flag in lone.flags] == ["low_response"]


# The property: random rounds, every shown figure checked against the answers behind it.

ANSWERS = st.sampled_from([1, 2, 3, 4, None, "blank"])


@st.composite
def rounds(draw):
    sizes = draw(st.lists(st.integers(1, 8), min_size=1, max_size=5))
    responses = []
    for p, size in enumerate(sizes):
        for i in range(size):
            ratings = {s: a for s in IDS if (a := draw(ANSWERS)) != "blank"}
            responses.append(Response(f"p{p}r{i}", f"Partner {p}", ratings))
    order = draw(st.permutations(range(len(sizes))))
    rank = {f"Partner {p}": order[p] for p in range(len(sizes))}
    return responses, rank, draw(st.integers(2, 4))


def _shown_sets(responses, result):
    """Every figure the result shows, as (the answers behind it, its n, its total):
    each answer a (respondent, statement) cell, its value in the item's direction."""
    partner = {r.respondent: r.partner for r in responses}
    value = {(r.respondent, s): v for r in responses for s, v in r.ratings.items() if v is not None}
    reverse = {s.id: s.reverse for s in FRAMEWORK.statements}
    shown_on = {}  # (group, statement) -> the cells of that shown figure
    figures = []
    for found in result.statements:
        cells = {c for c in value if c[1] == found.id}
        columns = {p for p, g in found.by_partner.items() if isinstance(g, Figures)}
        groups = {"*": cells} | {p: {c for c in cells if partner[c[0]] == p} for p in columns}
        groups["pool"] = {c for c in cells if partner[c[0]] not in columns}
        for name, group_cells in groups.items():
            g = (
                found.everyone
                if name == "*"
                else found.other_partners
                if name == "pool"
                else (found.by_partner[name])
            )
            if isinstance(g, Figures):
                total = sum(value[c] for c in group_cells)
                assert (g.n, g.total) == (len(group_cells), total), (found.id, name)
                shown_on[name, found.id] = group_cells
                figures.append((frozenset(group_cells), g))
    for found in result.principles:
        statements = [s.id for s in FRAMEWORK.statements if s.principle == found.id]
        groups = {"*": found.everyone, "pool": found.other_partners, **found.by_partner}
        for name, g in groups.items():
            if isinstance(g, Figures):
                group_cells = set().union(*(shown_on.get((name, s), set()) for s in statements))
                favourable = sum(5 - value[c] if reverse[c[1]] else value[c] for c in group_cells)
                assert (g.n, g.total) == (len(group_cells), favourable), (found.id, name)
                figures.append((frozenset(group_cells), g))
    return value, figures


@given(rounds())
@settings(max_examples=100, deadline=None)
def test_nothing_a_round_shows_can_be_combined_to_give_one_persons_answer(round_):
    responses, rank, k = round_
    result = score(responses, FRAMEWORK, min_group=k, rank=rank)
    value, figures = _shown_sets(responses, result)

    for cells, _ in figures:  # no shown figure has fewer than K answers, or people, behind it
        assert len(cells) >= k and len({c[0] for c in cells}) >= k
    for (a, _), (b, _) in itertools.permutations(figures, 2):  # nor do two differ by fewer
        if b < a:
            assert len(a - b) >= k

    # Nor does any combination: the answer in a cell is not a linear combination of
    # what is shown (every figure's n and sum, everyone's distribution), even to
    # someone who knows who answered what on the scale.
    cells = sorted(value)
    where = {c: i for i, c in enumerate(cells)}
    rows = []
    for c in cells:  # who answered: one count per cell (values one-hot, 4 per cell)
        row = np.zeros(4 * len(cells))
        row[4 * where[c] : 4 * where[c] + 4] = 1
        rows.append(row)
    for group_cells, _ in figures:
        total = np.zeros(4 * len(cells))
        for c in group_cells:
            total[4 * where[c] : 4 * where[c] + 4] = [1, 2, 3, 4]
        rows.append(total)
    for found in result.statements:
        if found.distribution is not None:
            for v in range(4):
                row = np.zeros(4 * len(cells))
                for c in cells:
                    if c[1] == found.id:
                        row[4 * where[c] + v] = 1
                rows.append(row)
    if not cells:
        return
    known = np.array(rows)
    # An orthonormal basis of everything that can be worked out from what is shown;
    # a cell's answer can be worked out only if its functional lies in that space.
    _, singular, basis = np.linalg.svd(known, full_matrices=False)
    basis = basis[singular > 1e-9 * singular[0]]
    targets = np.zeros((len(cells), 4 * len(cells)))
    for i in range(len(cells)):
        targets[i, 4 * i : 4 * i + 4] = [1, 2, 3, 4]
    residual = targets - (targets @ basis.T) @ basis
    assert (np.linalg.norm(residual, axis=1) > 1e-6).all()


@given(rounds())
@settings(max_examples=60, deadline=None)
def test_no_partner_below_k_on_every_statement_is_ever_named(round_):
    responses, rank, k = round_
    result = score(responses, FRAMEWORK, min_group=k, rank=rank)
    scored = {
        p: max(
            (
                sum(1 for r in responses if r.partner == p and r.ratings.get(s) is not None)
                for s in IDS
            ),
            default=0,
        )
        for p in {r.partner for r in responses}
    }
    text = json.dumps(result.as_dict())
    for partner, most in scored.items():
        if most < k:
            assert partner not in text


@given(rounds())
@settings(max_examples=60, deadline=None)
def test_a_result_reads_back_from_its_json_unchanged(round_):
    responses, rank, k = round_
    result = score(responses, FRAMEWORK, min_group=k, rank=rank)
    assert ScoreResult.from_dict(json.loads(json.dumps(result.as_dict(precision=None)))) == result


@st.composite
def ratings(draw):
    sizes = draw(st.lists(st.integers(1, 8), min_size=2, max_size=4))
    names = [f"Partner {p}" for p in range(len(sizes))]
    responses = []
    for p, size in enumerate(sizes):
        for i in range(size):
            levels = {
                about: level
                for about in names
                if about != names[p]
                and (level := draw(st.sampled_from([0, 3, 5, None]))) is not None
            }
            responses.append(RelationshipResponse(f"p{p}r{i}", names[p], levels))
    return responses, draw(st.integers(2, 4))


@given(ratings())
@settings(max_examples=100, deadline=None)
def test_every_median_shown_has_k_raters_behind_it(round_):
    responses, k = round_
    result = relationship_map(responses, min_group=k)
    for rater, levels in result.levels.items():
        for about, level in levels.items():
            raters = [r for r in responses if r.partner == rater and about in r.levels]
            if isinstance(level, PairLevel):
                assert level.n == len(raters) >= k
    for level in (result.other_partners or {}).values():
        assert not isinstance(level, PairLevel) or level.n >= k
    if result.median is not None:
        assert len(responses) >= k
