"""Turn NLI scores (both directions) and the symbolic check into one verdict per pair.

The rule, in order:

1. **Sources are not speakers.** A conflict of *facts* (the numbers/dates layer
   found two incompatible values of one measured thing) is reported whoever is
   cited for it: "12 died, police said" vs "15 died, according to the hospital"
   is a conflict, explained as "sources disagree: police vs hospital". Only an
   NLI-only contradiction between two different speakers (the minister says the
   plan works, the opposition says it fails) is a disagreement between the people
   quoted, not between the outlets: it becomes `neutral` unless `include_speakers`.
2. **Symbolic conflict.** If the numbers/dates layer finds that both claims
   measure the same thing with values that cannot both hold, the pair is a
   contradiction of that kind (numeric / temporal / unit), whatever NLI says:
   NLI models are weak at numbers. Confidence = max(symbolic, NLI contradiction).
3. **NLI contradiction.** `c = mean(P_contra(a→b), P_contra(b→a))`. The pair is a
   contradiction when `c >= CONTRADICTION_THRESHOLD`, `c` exceeds the mean
   entailment, and the two claims are close enough in embedding space to be about
   the same fact (`similarity >= SAME_FACT_SIMILARITY`). An NLI model trained on
   "same scene" data calls most pairs of unrelated sentences contradictions; on
   the labelled dev clusters every NLI-only contradiction below cosine 0.55 was
   such a pair (39 of 39), above it 9 of 16 were right. If the symbolic layer
   found the numbers *match*, NLI alone must be surer
   (`c >= CONTRADICTION_THRESHOLD_WHEN_NUMBERS_MATCH`), since the usual NLI error
   is a misread number.
4. **Agreement.** `e = max(P_entail(a→b), P_entail(b→a))` (one outlet may add
   detail, so one direction is enough) when neither direction leans to
   contradiction (`max contradiction < 0.5`) and `e >= AGREEMENT_THRESHOLD`; a
   symbolic match with no NLI objection also counts as agreement.
5. Otherwise neutral.

The thresholds were read off `benchmarks/calibrate_verdict.py` on
`../shared/data/nli/dev.jsonl` (never on the held-out eval files), preferring
precision: with the shipped model, contradiction F1 keeps rising as the threshold
falls towards 0.3, but precision falls to 0.56 there; at 0.5 it is 0.62 (recall
0.25). Agreement F1 is flat (0.72) from 0.3 to 0.5, so 0.5 takes the most precise
point of that plateau (precision 0.68, recall 0.75). (Re-read for the stage-2
weights; the stage-1 model gave the same choice: 0.61 / 0.27 and 0.68 / 0.71.)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from consistency.types import SYMBOLIC_KINDS, CandidatePair, Finding, PairNLI, SymbolicCheck

CONTRADICTION_THRESHOLD = 0.5
SAME_FACT_SIMILARITY = 0.55
CONTRADICTION_THRESHOLD_WHEN_NUMBERS_MATCH = 0.9
AGREEMENT_THRESHOLD = 0.5

_NEGATION = re.compile(
    r"\b(not|no|never|none|nobody|nothing|neither|nor|without|n't|denied|denies|refused)\b|n't\b", re.IGNORECASE
)


@dataclass(frozen=True)
class VerdictOptions:
    include_speakers: bool = False


def decide(
    pair: CandidatePair,
    nli: PairNLI | None,
    symbolic: SymbolicCheck | None,
    finding_id: str,
    options: VerdictOptions = VerdictOptions(),
    same_speaker=lambda a, b: a == b,
) -> Finding:
    a, b = pair.a, pair.b
    verdict, kind, confidence, why = _decide(pair, nli, symbolic)
    different_speakers = bool(a.speaker and b.speaker and not same_speaker(a.speaker, b.speaker))
    factual = verdict != "neutral" and kind in SYMBOLIC_KINDS  # the verdict rests on the numbers layer
    if different_speakers and factual:
        why = f"Sources disagree: {a.speaker} vs {b.speaker}. {why}" if verdict == "contradict" else why
    elif different_speakers and verdict != "neutral" and not options.include_speakers:
        why = (
            f"different speakers ({a.speaker!r} vs {b.speaker!r}): {why} "
            "This is a disagreement between the people quoted, not between the outlets."
        )
        verdict = "neutral"
    return Finding(
        id=finding_id,
        verdict=verdict,
        kind=kind,
        confidence=round(confidence, 4),
        a=a,
        b=b,
        similarity=round(pair.similarity, 4),
        explanation=why,
        nli=nli,
        symbolic=symbolic,
    )


def nli_contradicts(nli: PairNLI, threshold: float = CONTRADICTION_THRESHOLD) -> bool:
    """The NLI model's own call: mean contradiction of both directions over the threshold and the mean entailment."""
    contra = (nli.a_to_b.contradiction + nli.b_to_a.contradiction) / 2
    entail = (nli.a_to_b.entailment + nli.b_to_a.entailment) / 2
    return contra >= threshold and contra > entail


def _decide(pair: CandidatePair, nli: PairNLI | None, symbolic: SymbolicCheck | None) -> tuple[str, str, float, str]:
    contra = entail = max_contra = 0.0
    if nli is not None:
        contra = (nli.a_to_b.contradiction + nli.b_to_a.contradiction) / 2
        entail = max(nli.a_to_b.entailment, nli.b_to_a.entailment)
        max_contra = max(nli.a_to_b.contradiction, nli.b_to_a.contradiction)
    nli_text = (
        (f"NLI: contradiction {contra:.2f} (mean of both directions), entailment {entail:.2f} (stronger direction).")
        if nli
        else ""
    )

    if symbolic is not None and symbolic.status == "conflict":
        confidence = max(symbolic.confidence, contra)
        return "contradict", symbolic.kind, confidence, f"{symbolic.explanation}."

    threshold = CONTRADICTION_THRESHOLD
    if symbolic is not None and symbolic.status == "match":
        threshold = CONTRADICTION_THRESHOLD_WHEN_NUMBERS_MATCH
    same_fact = pair.similarity >= SAME_FACT_SIMILARITY
    if nli is not None and nli_contradicts(nli, threshold) and same_fact:
        kind = _nli_kind(pair)
        why = {
            "negation": "One claim negates the other.",
            "entity": "The claims name different people, places or organisations for one fact.",
            "quote": "The same speaker is reported as saying incompatible things.",
            "nli": "The claims cannot both be true according to the NLI model.",
        }[kind]
        if symbolic is not None:
            why += f" (The numbers agree: {symbolic.explanation}.)"
        return "contradict", kind, contra, f"{why} {nli_text}"

    if symbolic is not None and symbolic.status == "match" and max_contra < 0.5:
        return "agree", symbolic.kind, max(symbolic.confidence, entail), f"{symbolic.explanation}."
    if nli is not None and entail >= AGREEMENT_THRESHOLD and max_contra < 0.5:
        direction = (
            "both directions"
            if min(nli.a_to_b.entailment, nli.b_to_a.entailment) >= AGREEMENT_THRESHOLD
            else ("A implies B" if nli.a_to_b.entailment >= nli.b_to_a.entailment else "B implies A")
        )
        return "agree", "nli", entail, f"The claims agree ({direction}). {nli_text}"
    return "neutral", "nli", max(contra, entail), f"No clear relation. {nli_text}".strip()


def _nli_kind(pair: CandidatePair) -> str:
    a, b = pair.a, pair.b
    if a.speaker and b.speaker:
        return "quote"
    neg_a = len(_NEGATION.findall(a.text))
    neg_b = len(_NEGATION.findall(b.text))
    if neg_a != neg_b:
        return "negation"
    if _names_swapped(a.text, b.text):
        return "entity"
    return "nli"


_NAME = re.compile(r"(?<!^)(?<![.!?]\s)\b[A-Z][a-z]+(?:\s[A-Z][a-z]+)*")


def names_of(text: str) -> set[str]:
    """Capitalised words past the sentence start: the people, places and bodies a claim names."""
    return {name for name, _, _ in name_spans(text)}


def name_spans(text: str) -> list[tuple[str, int, int]]:
    """(name, start, end) for each name `names_of` sees, offsets into `text` (reports mark them)."""
    stripped = text.strip()
    shift = len(text) - len(text.lstrip())
    return [(m.group(0), m.start() + shift, m.end() + shift) for m in _NAME.finditer(stripped)]


def negation_spans(text: str) -> list[tuple[int, int]]:
    """Where the negation cues the `negation` kind counts are (reports mark them)."""
    return [m.span() for m in _NEGATION.finditer(text)]


def _names_swapped(a: str, b: str) -> bool:
    """Each claim names someone or somewhere the other does not: the NLI conflict is likely about who or where."""
    na, nb = names_of(a), names_of(b)
    return bool(na - nb) and bool(nb - na) and bool(na & nb)
