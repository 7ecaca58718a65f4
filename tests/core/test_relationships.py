import pytest

from joinedup.core.disclosure import Withheld
from joinedup.core.errors import InputError
from joinedup.core.relationships import (
    AsymmetricPair,
    PairLevel,
    RelationshipResponse,
    parse_relationships,
    relationship_map,
)


def group(partner, size, **levels):
    return [RelationshipResponse(f"{partner}{i}", partner, levels) for i in range(size)]


def test_it_gives_each_partners_median_about_each_other_and_the_overall_median():
    responses = [
        RelationshipResponse("a1", "A", {"B": 4, "C": 2}),
        RelationshipResponse("a2", "A", {"B": 5}),
        RelationshipResponse("a3", "A", {"B": 4}),
        *group("B", 3, A=3),
    ]
    result = relationship_map(responses)
    assert result.levels == {
        "A": {"B": PairLevel(3, 4.0), "C": Withheld.FEW},  # one rating: one person's
        "B": {"A": PairLevel(3, 3.0), "C": Withheld.FEW},
    }
    assert result.other_partners == {"C": Withheld.FEW}
    assert result.median == 3.0  # of 2, 3, 3, 3, 4, 4, 5
    assert result.asymmetric_pairs == ()


def test_a_median_needs_k_raters_of_the_pair_not_k_respondents_of_the_partner():
    """Three respondents for A, but only one rates B: that median is one person's rating."""
    responses = [
        RelationshipResponse("a1", "A", {"B": 5, "C": 4}),
        RelationshipResponse("a2", "A", {"C": 4}),
        RelationshipResponse("a3", "A", {"C": 3}),
    ]
    result = relationship_map(responses)
    assert result.levels == {"A": {"B": Withheld.FEW, "C": PairLevel(3, 4.0)}}
    assert result.other_partners == {"B": Withheld.FEW}
    assert relationship_map(responses[:2]).median is None  # fewer than 3 raters in all


def test_it_flags_pairs_whose_two_directions_differ_by_two_or_more():
    responses = [*group("NHS", 3, Council=4, VCS=3), *group("Council", 3, NHS=1, VCS=3)]
    responses += group("VCS", 3, NHS=1, Council=3)
    pairs = relationship_map(responses).asymmetric_pairs
    assert pairs == (
        AsymmetricPair("NHS", "Council", 4.0, 1.0),  # widest first
        AsymmetricPair("NHS", "VCS", 3.0, 1.0),
    )


def test_a_partner_with_too_few_respondents_rates_only_within_other_partners():
    responses = [*group("A", 3, B=4), *group("B", 3, A=1, S=2), *group("S", 2, A=5)]
    result = relationship_map(responses)
    assert set(result.levels) == {"A", "B"}
    assert result.other_partners == {"A": Withheld.FEW}  # the pool of 2 is too small to show
    assert result.levels["B"]["S"] == PairLevel(3, 2.0)  # others may rate S by name
    shown = relationship_map(responses, min_group=2)
    assert shown.other_partners is None and set(shown.levels) == {"A", "B", "S"}
    pooled = relationship_map([*responses, *group("T", 1, A=3)])
    assert pooled.other_partners == {"A": PairLevel(3, 5.0)}


def test_the_map_has_the_documented_shape():
    result = relationship_map([*group("A", 3, B=4), *group("B", 3, A=1)]).as_dict()
    assert result == {
        "respondents": 6,
        "min_group": 3,
        "levels": {"A": {"B": {"n": 3, "median": 4.0}}, "B": {"A": {"n": 3, "median": 1.0}}},
        "other_partners": None,
        "asymmetric_pairs": [
            {"first": "A", "second": "B", "first_about_second": 4.0, "second_about_first": 1.0}
        ],
        "median": 2.5,
    }


def test_the_map_reads_back_what_it_wrote():
    responses = [*group("A", 3, B=4, C=1), *group("B", 3, A=1), *group("C", 1, A=2)]
    result = relationship_map(responses)
    assert type(result).from_dict(result.as_dict()) == result


def test_an_empty_map_has_no_median():
    assert relationship_map([]).median is None


def rows(*lines):
    header = ["respondent", "partner", "about_partner", "level"]
    return [(number, dict(zip(header, line, strict=True))) for number, line in enumerate(lines, 2)]


def test_it_parses_levels_and_skips_unanswered_ones():
    parsed = parse_relationships(rows(("a", "A", "B", "0"), ("a", "A", "C", "")))
    assert parsed == [RelationshipResponse("a", "A", {"B": 0})]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (("a", "A", "C", "6"), "row 3, field 'level': '6' is not a level"),
        (("a", "A", "C", "x"), "row 3, field 'level': 'x' is not a level"),
        (("a", "A", "A", "3"), "row 3, field 'about_partner': a partner does not rate itself"),
        (("a", "A", "B", "3"), "row 3, field 'about_partner': respondent 'a' already answered"),
        (("a", "C", "B", "3"), "row 3, field 'partner': respondent 'a' is under partner 'A'"),
        (("a", "A", "", "3"), "row 3, field 'about_partner': is empty"),
    ],
)
def test_bad_rows_are_named(line, expected):
    with pytest.raises(InputError) as caught:
        parse_relationships(rows(("a", "A", "B", "2"), line))
    assert str(caught.value).startswith(expected)
