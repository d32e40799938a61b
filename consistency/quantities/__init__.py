"""Symbolic numbers, quantities, durations and dates layer.

`check_pair` is what the pipeline calls; `extract` exposes the normalized
quantities for tests and reports. Pure and deterministic: spaCy is loaded once
lazily, parses and extractions are cached per text, and texts without any
digit, number word or date word skip the parse entirely.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from consistency.quantities.compare import decide
from consistency.quantities.extract import extract, has_cue
from consistency.quantities.model import Quantity
from consistency.quantities.subjects import prime, unprime
from consistency.types import SymbolicCheck


def check_pair(a_text: str, a_published: date | None, b_text: str, b_published: date | None) -> SymbolicCheck | None:
    """Compare the quantities of two claims; None when nothing measures the same thing."""
    qa = extract(a_text, a_published)
    if not qa:
        return None
    qb = extract(b_text, b_published)
    if not qb:
        return None
    return decide(qa, qb)


def compare_extracted(
    qa: tuple[Quantity, ...], qb: tuple[Quantity, ...], similarity: float = 0.0
) -> SymbolicCheck | None:
    """`check_pair` on quantities already extracted (see `extract_many`).

    (Named apart from the `compare` submodule, which a function of that name would shadow.)

    `similarity` is the evidence that the claims state one fact in other words:
    their cosine when they are each other's nearest quantity-bearing claim across
    their articles, else 0 (see `compare.same_thing`).
    """
    if not qa or not qb:
        return None
    return decide(list(qa), list(qb), similarity)


def extract_many(items: Iterable[tuple[str, date | None]]) -> dict[tuple[str, date | None], tuple[Quantity, ...]]:
    """Extract many texts at once: one batched spaCy pass instead of one parse per text."""
    unique = list(dict.fromkeys(items))
    prime([text for text, _ in unique if has_cue(text)])
    try:
        return {(text, published): tuple(extract(text, published)) for text, published in unique}
    finally:
        unprime()


def mentions_quantity(text: str) -> bool:
    """Cheap regex test (no parse): could this text hold a number, duration or date?"""
    return has_cue(text)


__all__ = ["Quantity", "check_pair", "compare_extracted", "extract", "extract_many", "mentions_quantity"]
