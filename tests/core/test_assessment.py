import json
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from joinedup.core.assessment import (
    Response,
    ScoreResult,
    parse_responses,
    score,
)
from joinedup.core.change import compare_rounds
from joinedup.core.disclosure import Withheld
from joinedup.core.errors import InputError
from joinedup.core.figures import Figures
from joinedup.core.framework import builtin, parse_framework

SMALL = parse_framework(
    """
name = "Small"
version = "1"

[[principles]]
id = "trust"
name = "Trust and candour"
  [[principles.statements]]
  id = "trust.candour"
  text = "People say what they think."
  [[principles.statements]]
  id = "trust.avoided"
  text = "Hard questions are avoided."
  reverse = true

[[principles]]
id = "authority"
name = "Authority"
  [[principles.statements]]
  id = "authority.rights"
  text = "Decision rights are clear."
""",
    source="small.toml",
)


def group(partner, size, **ratings):
    """``size`` respondents of ``partner`` giving the same ratings (ids with __ for .)."""
    ratings = {key.replace("__", "."): value for key, value in ratings.items()}
    return [Response(f"{partner}{i}", partner, ratings) for i in range(size)]


def statement(result: ScoreResult, statement_id: str):
    return next(item for item in result.statements if item.id == statement_id)


def test_it_counts_and_summarises_a_statement():
    responses = [
        Response("a", "P", {"trust.candour": 1}),
        Response("b", "P", {"trust.candour": 2}),
        Response("c", "P", {"trust.candour": 4}),
        Response("d", "P", {"trust.candour": 4}),
        Response("e", "P", {"trust.candour": None}),
    ]
    item = statement(score(responses, SMALL), "trust.candour")
    assert (item.n, item.dont_know, item.distribution) == (4, 1, (1, 1, 0, 2))
    assert item.mean == pytest.approx(2.75)
    assert item.median == 3.0
    # s^2 = 2.25, so r_wg = 1 - 2.25 / 1.25 < 0, counted as 0
    assert item.agreement == 0.0
    assert item.split


def test_agreement_is_one_when_everyone_gives_the_same_answer_and_none_for_one_answer():
    one = group("P", 3, trust__candour=3, authority__rights=2)[:1]
    assert statement(score(one, SMALL, min_group=1), "trust.candour").agreement is None
    result = score(group("P", 3, trust__candour=3), SMALL)
    assert statement(result, "trust.candour").agreement == 1.0


def test_agreement_follows_r_wg():
    responses = [Response(str(i), "P", {"trust.candour": v}) for i, v in enumerate([2, 3, 3, 3])]
    item = statement(score(responses, SMALL), "trust.candour")
    assert item.agreement == pytest.approx(1 - 0.25 / 1.25)


def test_a_statement_is_as_answered_and_a_principle_pools_its_statements_turned_favourable():
    responses = group("P", 3, trust__candour=4, trust__avoided=1)
    result = score(responses, SMALL)
    avoided = statement(result, "trust.avoided")
    assert avoided.reverse and avoided.mean == 1.0 and avoided.distribution == (3, 0, 0, 0)
    assert avoided.by_partner == {"P": Figures(3, 3)}
    trust = result.principle("trust")
    assert not trust.reverse
    assert (trust.n, trust.mean, trust.agreement) == (6, 4.0, 1.0)


def test_unanswered_statements_count_for_nothing_and_empty_responses_are_not_respondents():
    responses = [*group("P", 3, trust__candour=3), Response("x", "Q", {})]
    result = score(responses, SMALL)
    assert result.respondents == 3
    assert statement(result, "authority.rights").withheld is Withheld.FEW
    assert statement(result, "authority.rights").mean is None


def test_partners_below_the_minimum_group_are_pooled_and_shown_only_as_a_group():
    responses = [
        *group("Big", 3, trust__candour=4),
        *group("Small one", 2, trust__candour=1),
        *group("Small two", 1, trust__candour=2),
    ]
    item = statement(score(responses, SMALL), "trust.candour")
    assert list(item.by_partner) == ["Big"]
    assert item.other_partners.n == 3
    assert item.other_partners.mean == pytest.approx(4 / 3)


def test_a_pool_too_small_to_show_takes_in_the_smallest_named_partner():
    # Otherwise the lone respondent's answers would be the total minus Big and Bigger.
    responses = [
        *group("Bigger", 4, trust__candour=4),
        *group("Big", 3, trust__candour=3),
        *group("Lone", 1, trust__candour=1),
    ]
    item = statement(score(responses, SMALL), "trust.candour")
    assert list(item.by_partner) == ["Bigger"]
    assert item.other_partners.n == 4


def test_nothing_is_shown_below_the_minimum_group_overall():
    result = score(group("P", 2, trust__candour=4), SMALL)
    item = statement(result, "trust.candour")
    assert item.by_partner == {}
    assert item.other_partners is Withheld.FEW
    assert (item.withheld, item.n, item.mean, item.distribution) == (Withheld.FEW, None, None, None)
    [flag] = [flag for flag in result.flags if flag.kind == "low_response"]
    assert "2 respondents, fewer than the minimum group of 3: no figure is shown" in flag.detail


def test_the_agenda_gives_reasons_and_the_partners_on_each_side():
    responses = [
        *group("NHS trust", 3, authority__rights=4, trust__candour=3),
        *group("Voluntary", 3, authority__rights=2, trust__candour=None),
        *group("Council", 3, authority__rights=2, trust__candour=3),
    ]
    result = score(responses, SMALL)
    by_statement = {entry.statement: entry for entry in result.agenda}
    rights = by_statement["authority.rights"]
    assert rights.principle == "authority"
    assert rights.reasons == ("low", "split", "partner_gap")
    assert rights.high_partners == ("NHS trust",)
    assert rights.low_partners == ("Council", "Voluntary")
    assert by_statement["trust.candour"].reasons == ("many_dont_know",)
    assert "trust.avoided" not in by_statement  # nobody answered it: nothing to say


def test_a_partner_in_the_middle_of_a_wide_spread_is_on_neither_side():
    responses = [
        *group("High", 3, authority__rights=4),
        *group("Middle", 3, authority__rights=3),
        *group("Low", 3, authority__rights=2),
    ]
    [entry] = score(responses, SMALL).agenda
    assert (entry.high_partners, entry.low_partners) == (("High",), ("Low",))


def test_the_agenda_ranks_more_reasons_first_then_the_lower_median():
    responses = [
        *group("A", 3, trust__candour=1, authority__rights=1, trust__avoided=4),
        *group("B", 3, trust__candour=4, authority__rights=3, trust__avoided=3),
        *group("C", 3, trust__candour=None),
    ]
    agenda = score(responses, SMALL).agenda
    assert [(entry.statement, entry.reasons) for entry in agenda] == [
        ("authority.rights", ("low", "split", "partner_gap")),  # median 2
        ("trust.candour", ("split", "partner_gap", "many_dont_know")),  # median 2.5
        ("trust.avoided", ("low", "partner_gap")),  # flipped to 1 and 2
    ]


def test_the_agenda_ranks_a_wider_partner_gap_first_when_all_else_is_equal():
    responses = [
        *group("A", 3, trust__candour=3, authority__rights=4),
        *group("B", 3, trust__candour=2, authority__rights=1),
    ]
    agenda = score(responses, SMALL).agenda
    assert [entry.statement for entry in agenda] == ["authority.rights", "trust.candour"]


def test_it_flags_a_partner_that_rates_the_partnership_higher_than_everyone_else():
    responses = [
        *group("NHS trust", 3, trust__candour=4, authority__rights=4),
        *group("Council", 3, trust__candour=3, authority__rights=2),
        *group("Voluntary", 3, trust__candour=3, authority__rights=2),
    ]
    flags = [flag for flag in score(responses, SMALL).flags if flag.kind == "dominant_partner"]
    assert [flag.detail.split(" rates")[0] for flag in flags] == ["NHS trust"]
    assert "2 of 2 principles" in flags[0].detail


def test_comfortable_consensus_depends_on_what_the_results_say():
    responses = group("P", 4, trust__candour=4, trust__avoided=1)

    def kinds(results_back_it):
        result = score(responses, SMALL, results_back_it=results_back_it)
        return [flag for flag in result.flags if flag.kind == "comfortable_consensus"]

    [untested] = kinds(None)
    assert "no outcome results yet" in untested.detail
    [contradicted] = kinds(False)
    assert "do not back it" in contradicted.detail
    assert kinds(True) == []


def test_no_comfortable_consensus_when_trust_is_middling():
    responses = group("P", 4, trust__candour=3, trust__avoided=2)
    assert not any(flag.kind == "comfortable_consensus" for flag in score(responses, SMALL).flags)


def test_as_dict_has_the_documented_shape():
    result = score(group("P", 3, trust__candour=3), SMALL).as_dict()
    assert list(result) == [
        "respondents",
        "min_group",
        "partners",
        "principles",
        "statements",
        "agenda",
        "also_raised",
        "flags",
    ]
    assert result["principles"][0]["name"] == "Trust and candour"
    candour, avoided = result["statements"][:2]
    assert candour["principle"] == "trust" and candour["reverse"] is False
    assert candour["by_partner"] == {"P": {"n": 3, "mean": 3.0}}
    assert avoided["reverse"] is True
    assert avoided["withheld"] == "few" and avoided["n"] is None
    assert avoided["by_partner"] == {"P": {"withheld": "few"}}
    json.dumps(result)


def test_compare_rounds_shows_changes_only_for_what_both_rounds_show():
    rank = {"A": 2, "B": 3, "C": 1}  # C comes first: it joins the pool beside B
    before = score(
        [
            *group("A", 4, trust__candour=2),
            *group("B", 2, trust__candour=2),
            *group("C", 3, trust__candour=2),
        ],
        SMALL,
        rank=rank,
    )
    assert statement(before, "trust.candour").by_partner == {"A": Figures(4, 8)}
    after = score([*group("A", 3, trust__candour=3), *group("B", 3, trust__candour=4)], SMALL)
    trust, authority = compare_rounds(before, after)
    assert trust.id == "trust"
    assert trust.mean == pytest.approx(3.5 - 2)
    assert trust.by_partner == {"A": pytest.approx(1.0)}  # B was pooled before
    assert authority.mean is None


def test_compare_rounds_follows_a_renamed_partner():
    before = score([*group("A", 3, trust__candour=2), *group("B", 3, trust__candour=3)], SMALL)
    after = score([*group("A2", 3, trust__candour=4), *group("B", 3, trust__candour=3)], SMALL)
    [trust, _] = compare_rounds(before, after, {"A2": "A"})
    assert trust.by_partner == {"A2": pytest.approx(2.0), "B": pytest.approx(0.0)}


def test_a_respondent_with_two_responses_is_a_programming_error():
    with pytest.raises(ValueError, match="more than one response"):
        score([Response("a", "P", {"trust.candour": 1})] * 2, SMALL)


# Parsing rows


def rows(*lines):
    header = ["respondent", "partner", "statement", "score"]
    return [(number, dict(zip(header, line, strict=True))) for number, line in enumerate(lines, 2)]


def test_it_parses_scores_dont_know_and_not_answered():
    responses = parse_responses(
        rows(
            ("a", "P", "trust.candour", "3"),
            ("a", "P", "trust.avoided", "DK"),
            ("a", "P", "authority.rights", ""),
        ),
        SMALL,
    )
    assert responses == [Response("a", "P", {"trust.candour": 3, "trust.avoided": None})]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (("a", "P", "trust.nope", "3"), "row 3, field 'statement': unknown statement 'trust.nope'"),
        (("a", "P", "trust.avoided", "5"), "row 3, field 'score': '5' is not on the scale"),
        (("a", "P", "trust.avoided", "2.5"), "row 3, field 'score': '2.5' is not on the scale"),
        (("a", "P", "trust.candour", "3"), "row 3, field 'statement': respondent 'a' already"),
        (("a", "Q", "trust.avoided", "3"), "row 3, field 'partner': respondent 'a' is under"),
        (("", "P", "trust.avoided", "3"), "row 3, field 'respondent': is empty"),
    ],
)
def test_bad_rows_are_named(line, expected):
    with pytest.raises(InputError) as caught:
        parse_responses(rows(("a", "P", "trust.candour", "2"), line), SMALL)
    assert str(caught.value).startswith(expected)


def test_it_stops_after_twenty_problems():
    lines = [(f"r{i}", "P", "nope", "1") for i in range(100)]
    with pytest.raises(InputError) as caught:
        parse_responses(rows(*lines), SMALL)
    assert len(caught.value.problems) == 21


# Properties

FRAMEWORK = builtin()
PARTNERS = ["NHS trust", "Council", "Voluntary sector", "GP federation", "Hospice"]


@st.composite
def rounds(draw):
    ids = [s.id for s in FRAMEWORK.statements][:6]
    sizes = draw(st.lists(st.integers(0, 5), min_size=len(PARTNERS), max_size=len(PARTNERS)))
    answer = st.sampled_from([1, 2, 3, 4, None])
    responses = []
    for partner, size in zip(PARTNERS, sizes, strict=True):
        for i in range(size):
            ratings = draw(st.dictionaries(st.sampled_from(ids), answer, max_size=len(ids)))
            responses.append(Response(f"{partner}-{i}", partner, ratings))
    min_group = draw(st.integers(1, 4))
    return responses, min_group, sizes


@given(rounds(), st.randoms())
@settings(max_examples=60, deadline=None)
def test_results_do_not_depend_on_the_order_of_responses_or_ratings(round_, rnd):
    responses, min_group, _ = round_
    shuffled = [
        Response(r.respondent, r.partner, dict(rnd.sample(list(r.ratings.items()), len(r.ratings))))
        for r in rnd.sample(responses, len(responses))
    ]
    assert score(shuffled, FRAMEWORK, min_group=min_group) == score(
        responses, FRAMEWORK, min_group=min_group
    )


@given(rounds(), st.randoms())
@settings(max_examples=60, deadline=None)
def test_results_do_not_depend_on_the_order_of_rows(round_, rnd):
    responses, min_group, _ = round_
    lines = [
        (r.respondent, r.partner, statement_id, "dk" if value is None else str(value))
        for r in responses
        for statement_id, value in r.ratings.items()
    ]
    rnd.shuffle(lines)
    parsed = parse_responses(rows(*lines), FRAMEWORK)
    assert score(parsed, FRAMEWORK, min_group=min_group) == score(
        responses, FRAMEWORK, min_group=min_group
    )


@given(rounds())
@settings(max_examples=60, deadline=None)
def test_agreement_is_between_zero_and_one(round_):
    responses, min_group, _ = round_
    result = score(responses, FRAMEWORK, min_group=min_group)
    for item in (*result.principles, *result.statements):
        assert item.agreement is None or 0.0 <= item.agreement <= 1.0


@given(rounds())
@settings(max_examples=100, deadline=None)
def test_no_output_names_a_partner_with_fewer_than_the_minimum_group(round_):
    responses, min_group, sizes = round_
    answered = {r.partner for r in responses if r.ratings}
    too_small = [
        partner
        for partner, size in zip(PARTNERS, sizes, strict=True)
        if partner in answered
        and sum(1 for r in responses if r.partner == partner and r.ratings) < min_group
    ]
    output = json.dumps(score(responses, FRAMEWORK, min_group=min_group).as_dict())
    for partner in too_small:
        assert partner not in output


@given(rounds())
@settings(max_examples=60, deadline=None)
def test_renaming_respondents_changes_nothing(round_):
    responses, min_group, _ = round_
    renamed = [Response(f"someone else {random.random()}", r.partner, r.ratings) for r in responses]
    assert score(renamed, FRAMEWORK, min_group=min_group) == score(
        responses, FRAMEWORK, min_group=min_group
    )
