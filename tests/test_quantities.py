"""Properties of the quantities layer that are not single spec cases:
library failure cases behind our wrappers, purity/determinism, speed."""

from __future__ import annotations

import time
from datetime import date

import pytest

from consistency.quantities import check_pair, extract
from consistency.quantities.dates import parse_date_phrase, weekday_after, weekday_on_or_before
from consistency.quantities.extract import has_cue
from consistency.quantities.numbers import find_numbers, parse_words
from consistency.quantities.qualifiers import apply_floored_qualifier, apply_qualifier
from consistency.quantities.units import unit_after
from consistency.types import SymbolicCheck

PUB = date(2025, 9, 5)  # a Friday


@pytest.mark.parametrize("phrase", ["one of the", "No. 10", "4:59", "May", "march", "Friday", "once upon a time"])
def test_dateparser_gate_rejects_known_misparses(phrase: str) -> None:
    # dateparser alone returns a date for most of these.
    assert parse_date_phrase(phrase, PUB) is None


@pytest.mark.parametrize(
    ("phrase", "want"),
    [
        ("5 September 2025", date(2025, 9, 5)),
        ("September 5, 2025", date(2025, 9, 5)),
        ("two days ago", date(2025, 9, 3)),
    ],
)
def test_dateparser_gate_passes_real_dates(phrase: str, want: date) -> None:
    assert parse_date_phrase(phrase, PUB) == want


def test_bare_weekday_is_on_or_before_publication() -> None:
    # dateparser's PREFER_DATES_FROM=past gives the previous week's Friday here.
    assert weekday_on_or_before(PUB, 4) == PUB
    assert weekday_on_or_before(PUB, 4, strictly=True) == date(2025, 8, 29)
    assert weekday_on_or_before(PUB, 3) == date(2025, 9, 4)


@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("one hundred fifty-seven", 157),
        ("twenty-six", 26),
        ("three and a half", 3.5),
        ("a dozen", 12),
        ("two thousand and five", 2005),
    ],
)
def test_parse_words(words: str, value: float) -> None:
    parsed = parse_words(words)
    assert parsed is not None and parsed[0] == value


def test_parse_words_rejects_non_numbers() -> None:
    assert parse_words("once upon a time") is None
    assert find_numbers("once upon a time, one of the drones") == []


def test_suffix_m_is_million_only_after_currency() -> None:
    assert find_numbers("$5m")[0].value == 5e6
    n = find_numbers("a 5m wall")[0]
    assert n.value == 5
    unit = unit_after("a 5m wall", n.end)
    assert unit is not None and unit[0].name == "m"


def test_future_weekday_is_strictly_after_publication() -> None:
    assert weekday_after(PUB, 3) == date(2025, 9, 11)
    assert weekday_after(PUB, 4) == date(2025, 9, 12)  # "will ... on Friday" in a Friday paper
    assert weekday_after(PUB, 5) == date(2025, 9, 6)


def test_floored_qualifier_bounds_the_value() -> None:
    # "more than three years" must not become [4, inf) through the floor [3, 4).
    lo, hi = apply_floored_qualifier("more than", 3, 4 - 1e-9)
    assert 3 < lo < 3.001 and hi == float("inf")
    assert apply_floored_qualifier("at least", 3, 4 - 1e-9) == (3, float("inf"))
    assert apply_floored_qualifier("nearly", 4, 5 - 1e-9) == pytest.approx((3.6, 5))


def test_qualifier_intervals() -> None:
    assert apply_qualifier("more than", 150, 150, integer=True) == (151, float("inf"))
    assert apply_qualifier("about", 160, 160, integer=True) == pytest.approx((144, 176))
    assert apply_qualifier("fewer than", 20, 20, integer=True) == (0, 19)


def test_no_cue_skips_parse() -> None:
    assert not has_cue("Putin dismissed the idea of peacekeepers.")
    assert extract("Putin dismissed the idea of peacekeepers.", PUB) == []


def test_check_pair_is_deterministic_and_typed() -> None:
    a, b = "Russian forces launched 157 drones overnight.", "Russia launched 150 drones overnight."
    first = check_pair(a, PUB, b, PUB)
    assert isinstance(first, SymbolicCheck)
    assert first == check_pair(a, PUB, b, PUB)
    assert first.status == "conflict" and first.kind == "numeric"
    assert first.explanation.startswith("A: 157")
    assert "drone" in first.a_value and 0 < first.confidence <= 1


def test_speed_per_pair() -> None:
    texts = [f"Russia launched {n} drones and {n % 7 + 2} missiles on Friday." for n in range(100, 160)]
    extract(texts[0], PUB)  # load the model outside the timing
    start = time.perf_counter()
    for i in range(len(texts) - 1):
        check_pair(texts[i], PUB, texts[i + 1], PUB)
    per_pair = (time.perf_counter() - start) / (len(texts) - 1)
    assert per_pair < 0.05  # uncached parse of both sides; cached pairs are ~0.1 ms


def test_close_claims_link_quantities_worded_differently() -> None:
    from consistency.quantities import compare_extracted as compare
    from consistency.quantities.compare import LINK_SIMILARITY

    a = tuple(extract("Russia fired 64 rockets at the town.", PUB))
    b = tuple(extract("Moscow launched sixty-four projectiles at the border town.", PUB))
    assert compare(a, b) is None  # no synonym table says rocket ~ projectile
    linked = compare(a, b, LINK_SIMILARITY)
    assert linked is not None and linked.status == "match" and "other words" in linked.explanation
    assert compare(a, b, LINK_SIMILARITY - 0.01) is None
    # closeness alone supports an agreement, never a conflict (real news has too many near-misses)
    c = tuple(extract("Moscow launched 70 projectiles at the border town.", PUB))
    assert compare(a, c, 0.9) is None


def test_context_links_still_respect_disjoint_actors() -> None:
    from consistency.quantities import compare_extracted as compare

    a = tuple(extract("Velmoran exports to Kestria rose 6 percent.", PUB))
    b = tuple(extract("Kestrian exports to Velmora slipped 3 percent.", PUB))
    assert compare(a, b, 0.9) is None


def test_a_context_link_carries_a_conflict_when_the_same_figure_is_read_two_ways() -> None:
    from consistency.quantities import compare_extracted as compare

    dollars = tuple(extract("Trade among the members is worth about $41 billion.", PUB))
    euros = tuple(extract("The bloc's internal commerce is valued at 41 billion euros.", PUB))
    linked = compare(dollars, euros, 0.7)
    assert linked is not None and linked.status == "conflict" and linked.kind == "unit"
    assert "currencies USD vs EUR" in linked.explanation
    other = tuple(extract("The bloc's internal commerce is valued at 38 billion euros.", PUB))
    assert compare(dollars, other, 0.7) is None  # different figures: closeness alone is no conflict


def test_transposed_digits_carry_a_context_link_and_link_less_close_claims() -> None:
    from consistency.quantities import compare_extracted as compare

    projected = tuple(extract("The Finance Ministry projects a deficit of 3.4 percent of GDP.", PUB))
    borrowing = tuple(extract("The government is borrowing its way to a deficit of 4.3 percent of GDP.", PUB))
    linked = compare(projected, borrowing, 0.7)
    assert linked is not None and linked.status == "conflict" and "transposition" in linked.explanation
    unrelated = tuple(extract("The government is borrowing its way to a deficit of 4.8 percent of GDP.", PUB))
    assert compare(projected, unrelated, 0.7) is None  # two digits differ: not a swap
    # two-digit swaps need the usual closeness; three or more digits link at a lower one
    assert compare(projected, borrowing, 0.45) is None
    backed = tuple(extract("In the end, 131 deputies backed the budget on Thursday.", PUB))
    tally = tuple(extract("Lawmakers approved the spending plan with 113 deputies in favour.", PUB))
    linked = compare(backed, tally, 0.45)
    assert linked is not None and linked.status == "conflict"
    assert compare(backed, tally, 0.35) is None


def test_digits_transposed_means_one_adjacent_swap() -> None:
    from consistency.quantities.compare import digits_transposed

    def q(text: str):
        return next(iter(extract(text, PUB)))

    assert digits_transposed(q("It cost 6,032 dollars."), q("It cost 6,302 dollars."))
    assert digits_transposed(q("They found 214 coins."), q("They found 241 coins."))
    assert not digits_transposed(q("They found 214 coins."), q("They found 214 coins."))
    assert not digits_transposed(q("They found 214 coins."), q("They found 412 coins."))  # not adjacent
    assert not digits_transposed(q("They found 7 coins."), q("They found 7 coins."))


def test_a_relabelled_or_transposed_figure_is_compared_across_time_frames() -> None:
    from consistency.quantities import compare_extracted as compare

    last_year = tuple(extract("Trade among the members was worth about $41 billion last year.", PUB))
    euros = tuple(extract("The bloc's internal trade is worth 41 billion euros.", PUB))
    linked = compare(last_year, euros, 0.0)
    assert linked is not None and linked.status == "conflict" and linked.kind == "unit"
    # a different figure in a past frame is a past reading, not a conflict
    earlier = tuple(extract("Four years ago, turnout was 44%.", PUB))
    assert compare(earlier, tuple(extract("Turnout was 48%.", PUB)), 0.0) is None
    by_evening = tuple(extract("By Wednesday evening, 187 people had been rescued.", PUB))
    rescued = tuple(extract("A total of 178 people were rescued alive from the water.", PUB))
    linked = compare(by_evening, rescued, 0.0)
    assert linked is not None and linked.status == "conflict"


def test_people_counts_need_an_event_verb_on_both_sides() -> None:
    aboard = tuple(extract("There were 226 people on board the ferry, according to the manifest.", PUB))
    missing = tuple(extract("Twenty-one bodies have been recovered, and 18 people are still missing.", PUB))
    from consistency.quantities import compare_extracted

    assert compare_extracted(aboard, missing) is None
    population = tuple(extract("The island is home to roughly 30,000 people.", PUB))
    killed = tuple(extract("The capsizing in 2017 killed nine people.", PUB))
    assert compare_extracted(population, killed) is None
    # with the same event on both sides, people counts are still one fact
    police = tuple(extract("Twelve people died in the fire, police said.", PUB))
    hospital = tuple(extract("Fifteen people died in the fire, according to the hospital.", PUB))
    linked = compare_extracted(police, hospital)
    assert linked is not None and linked.status == "conflict"


def test_counts_qualified_by_different_durations_are_different_categories() -> None:
    from consistency.quantities import compare_extracted

    weeks = tuple(extract("About 236,000 patients had been waiting longer than 18 weeks.", PUB))
    year = tuple(extract("The office said 38,900 patients had been waiting for more than a year.", PUB))
    assert compare_extracted(weeks, year) is None
    same = tuple(extract("In all, 45,000 patients had been waiting more than a year.", PUB))
    linked = compare_extracted(year, same)
    assert linked is not None and linked.status == "conflict"


def test_figures_linked_by_verbs_alone_need_one_event() -> None:
    from consistency.quantities import compare_extracted

    yields = tuple(extract("Ten-year yields climbed 0.35 percentage points to 7.85 percent on Monday.", PUB))
    rate = tuple(extract("The central bank did not alter its benchmark interest rate, which remains at 10%.", PUB))
    assert compare_extracted(yields, rate) is None
