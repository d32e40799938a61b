"""Evidence spans: where in each claim the verdict's reason is written.

A fact-checker wants to see *what* differs, not only that two claims differ.
The symbolic layer reports the normalized values it compared ("157 drone
(launch)"); this module finds the quantities those values came from and turns
them into offsets into the article text. For the NLI kinds it marks what the
kind was named after: the negation cues (negation) or the names one claim has
and the other lacks (entity). Pure and deterministic: spans come sorted.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from consistency.quantities.compare import value_text
from consistency.quantities.model import Quantity
from consistency.types import Claim, EvidenceSpan, Finding, SpanKind, SymbolicCheck
from consistency.verdict import name_spans, negation_spans

_QUANTITY_SPAN_KIND: dict[str, SpanKind] = {"date": "date", "clock": "time", "duration": "duration", "age": "duration"}


def with_evidence(finding: Finding, qa: Sequence[Quantity], qb: Sequence[Quantity]) -> Finding:
    """`finding` with its evidence spans; `qa`/`qb` are the claims' extracted quantities."""
    a_spans: list[EvidenceSpan] = []
    b_spans: list[EvidenceSpan] = []
    if finding.symbolic is not None:
        picked = deciding_quantities(finding.symbolic, qa, qb)
        if picked is not None:
            a_spans.append(_quantity_span(finding.a, picked[0], finding.symbolic))
            b_spans.append(_quantity_span(finding.b, picked[1], finding.symbolic))
    if finding.kind == "negation":
        a_spans += _negations(finding.a)
        b_spans += _negations(finding.b)
    elif finding.kind == "entity":
        a_only, b_only = _differing_names(finding.a, finding.b)
        a_spans += a_only
        b_spans += b_only
    return replace(finding, a_spans=_sorted(a_spans), b_spans=_sorted(b_spans))


def deciding_quantities(
    check: SymbolicCheck, qa: Sequence[Quantity], qb: Sequence[Quantity]
) -> tuple[Quantity, Quantity] | None:
    """The quantities the check compared: those whose normalized value it reports.

    When one value is read off several mentions, the one the explanation quotes
    ("A: 157 drones ...") wins, then the first in the claim.
    """
    a = _pick(check.a_value, qa, check.explanation, "A: ")
    b = _pick(check.b_value, qb, check.explanation, "B: ")
    return (a, b) if a is not None and b is not None else None


def _pick(value: str, quantities: Sequence[Quantity], explanation: str, tag: str) -> Quantity | None:
    matching = [q for q in quantities if value and value_text(q) == value]
    quoted = [q for q in matching if f"{tag}{q.text.strip()}" in explanation]
    return (quoted or matching or [None])[0]


def _quantity_span(claim: Claim, q: Quantity, check: SymbolicCheck) -> EvidenceSpan:
    kind: SpanKind = "unit" if check.kind == "unit" else _QUANTITY_SPAN_KIND.get(q.kind, "number")
    return EvidenceSpan(kind, claim.start + q.start, claim.start + q.end, claim.text[q.start : q.end], value_text(q))


def _negations(claim: Claim) -> list[EvidenceSpan]:
    return [
        EvidenceSpan("negation", claim.start + s, claim.start + e, claim.text[s:e], claim.text[s:e].lower())
        for s, e in negation_spans(claim.text)
    ]


def _differing_names(a: Claim, b: Claim) -> tuple[list[EvidenceSpan], list[EvidenceSpan]]:
    """Names each claim has that the other lacks: who or where the claims disagree on."""
    names_a, names_b = name_spans(a.text), name_spans(b.text)
    in_a, in_b = {n for n, _, _ in names_a}, {n for n, _, _ in names_b}

    def spans(claim: Claim, names: list[tuple[str, int, int]], other: set[str]) -> list[EvidenceSpan]:
        return [EvidenceSpan("name", claim.start + s, claim.start + e, n, n) for n, s, e in names if n not in other]

    return spans(a, names_a, in_b), spans(b, names_b, in_a)


def _sorted(spans: list[EvidenceSpan]) -> tuple[EvidenceSpan, ...]:
    """By offset, overlaps dropped (the earlier, longer span kept), duplicates removed."""
    out: list[EvidenceSpan] = []
    for span in sorted(set(spans), key=lambda s: (s.start, -s.end, s.kind, s.value)):
        if out and span.start < out[-1].end:
            continue
        out.append(span)
    return tuple(out)
