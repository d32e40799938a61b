"""The verdict rule: NLI in both directions plus the symbolic check, as documented in verdict.py."""

from __future__ import annotations

from consistency.attribution import same_speaker
from consistency.types import CandidatePair, Claim, NLIScores, PairNLI, SymbolicCheck
from consistency.verdict import (
    AGREEMENT_THRESHOLD,
    CONTRADICTION_THRESHOLD,
    CONTRADICTION_THRESHOLD_WHEN_NUMBERS_MATCH,
    SAME_FACT_SIMILARITY,
    decide,
)


def claim(article: str, text: str, speaker: str | None = None) -> Claim:
    return Claim(article, 0, text, 0, len(text), speaker=speaker)


def pair(a_text: str = "Prices rose.", b_text: str = "Prices fell.", a_speaker=None, b_speaker=None):
    return CandidatePair(claim("a", a_text, a_speaker), claim("b", b_text, b_speaker), 0.8)


def nli(e1: float, c1: float, e2: float, c2: float) -> PairNLI:
    return PairNLI(NLIScores(e1, 1 - e1 - c1, c1), NLIScores(e2, 1 - e2 - c2, c2))


CONFLICT = SymbolicCheck("conflict", "numeric", "A: 157 drones; B: 150 drones; values differ", 0.9)
MATCH = SymbolicCheck("match", "numeric", "A: 26 nations; B: 26 countries; values agree", 0.8)


def test_symmetric_contradiction() -> None:
    f = decide(pair(), nli(0.1, 0.8, 0.1, 0.7), None, "0" * 16, same_speaker=same_speaker)
    assert (f.verdict, f.kind) == ("contradict", "nli")
    assert f.confidence == 0.75


def test_one_sided_contradiction_below_threshold_is_not_reported() -> None:
    low = CONTRADICTION_THRESHOLD * 2 - 0.9 - 0.02  # mean just below the threshold
    f = decide(pair(), nli(0.05, 0.9, 0.3, max(low, 0.0)), None, "0" * 16)
    assert f.verdict != "contradict"


def test_symbolic_conflict_wins_over_nli_entailment() -> None:
    f = decide(pair("157 drones", "150 drones"), nli(0.9, 0.05, 0.9, 0.05), CONFLICT, "0" * 16)
    assert (f.verdict, f.kind) == ("contradict", "numeric")
    assert "values differ" in f.explanation
    assert f.confidence == 0.9


def test_matching_numbers_raise_the_bar_for_nli_contradiction() -> None:
    c = (CONTRADICTION_THRESHOLD + CONTRADICTION_THRESHOLD_WHEN_NUMBERS_MATCH) / 2
    without = decide(pair(), nli(0.1, c, 0.1, c), None, "0" * 16)
    with_match = decide(pair(), nli(0.1, c, 0.1, c), MATCH, "0" * 16)
    assert without.verdict == "contradict"
    assert with_match.verdict != "contradict"


def test_agreement_needs_one_direction_and_no_contradiction() -> None:
    e = AGREEMENT_THRESHOLD + 0.1
    agree = decide(pair("A said X.", "X."), nli(e, 0.05, 0.3, 0.1), None, "0" * 16)
    assert agree.verdict == "agree" and "A implies B" in agree.explanation
    blocked = decide(pair(), nli(e, 0.05, 0.2, 0.6), None, "0" * 16)
    assert blocked.verdict != "agree"


def test_symbolic_match_is_an_agreement() -> None:
    f = decide(pair("26 nations pledged.", "Twenty-six countries pledged."), nli(0.4, 0.1, 0.4, 0.1), MATCH, "0" * 16)
    assert (f.verdict, f.kind) == ("agree", "numeric")


def test_different_speakers_are_not_an_outlet_conflict() -> None:
    p = pair(
        "The deal is dead, Peskov said.", "The deal is alive, Zelensky said.", "Dmitry Peskov", "Volodymyr Zelensky"
    )
    f = decide(p, nli(0.05, 0.9, 0.05, 0.9), None, "0" * 16, same_speaker=same_speaker)
    assert f.verdict == "neutral"
    assert "different speakers" in f.explanation


def test_same_speaker_contradiction_is_a_quote_conflict() -> None:
    p = pair("Putin said troops would be targets.", "Putin said troops would be welcome.", "Vladimir Putin", "Putin")
    f = decide(p, nli(0.05, 0.9, 0.05, 0.9), None, "0" * 16, same_speaker=same_speaker)
    assert (f.verdict, f.kind) == ("contradict", "quote")


def test_negation_kind() -> None:
    p = pair("The bridge was opened on Monday.", "The bridge was not opened on Monday.")
    f = decide(p, nli(0.05, 0.9, 0.05, 0.9), None, "0" * 16)
    assert (f.verdict, f.kind) == ("contradict", "negation")


def test_a_conflict_of_facts_is_reported_whoever_is_cited() -> None:
    p = pair("12 people died, police said.", "15 people died, according to the hospital.", "police", "the hospital")
    f = decide(p, nli(0.1, 0.3, 0.1, 0.3), CONFLICT, "0" * 16, same_speaker=same_speaker)
    assert (f.verdict, f.kind) == ("contradict", "numeric")
    assert f.explanation.startswith("Sources disagree: police vs the hospital.")


def test_an_nli_contradiction_needs_claims_about_the_same_fact() -> None:
    far = CandidatePair(
        claim("a", "Donate to keep us independent."), claim("b", "This article is for subscribers."), 0.32
    )
    f = decide(far, nli(0.05, 0.9, 0.05, 0.9), None, "0" * 16)
    assert f.verdict == "neutral"
    close = CandidatePair(far.a, far.b, SAME_FACT_SIMILARITY)
    assert decide(close, nli(0.05, 0.9, 0.05, 0.9), None, "0" * 16).verdict == "contradict"


def test_an_nli_contradiction_that_swaps_a_name_is_an_entity_finding() -> None:
    swapped = pair(
        "The accord was signed in Port Castel by Paulo Renvik on Monday.",
        "The accord was signed in Valmont by Paulo Renvik on Monday.",
    )
    f = decide(swapped, nli(0.1, 0.8, 0.1, 0.8), None, "0" * 16)
    assert (f.verdict, f.kind) == ("contradict", "entity")
    assert "different people, places or organisations" in f.explanation
    # no shared name: two claims about different things, not a swap
    unrelated = pair("The accord was signed in Port Castel.", "Talks collapsed in Valmont.")
    assert decide(unrelated, nli(0.1, 0.8, 0.1, 0.8), None, "0" * 16).kind == "nli"
