"""The check itself: articles in, findings out. No I/O besides loading models.

Stages: claims -> embeddings -> candidate pairs -> symbolic numbers/dates check
(which also drops loose quantity-tier pairs it cannot link) -> NLI (both
directions) -> verdict -> evidence spans (where each claim says what the
verdict rests on). Findings are sorted (contradictions, then agreements,
then neutral; most confident first; ties by fingerprint), so the same input
gives the same report.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from consistency import quantities
from consistency.attribution import same_speaker
from consistency.cache import ScoreCache
from consistency.claims import extract_claims_many
from consistency.embeddings import DEFAULT_EMBEDDING_NAME, Embedder
from consistency.evidence import with_evidence
from consistency.fingerprint import finding_id
from consistency.nli import DEFAULT_NLI_MODEL, NLIModel
from consistency.pairing import (
    DEFAULT_MIN_SIMILARITY,
    DEFAULT_QUANTITY_MIN_SIMILARITY,
    DEFAULT_QUANTITY_TOP_K,
    DEFAULT_TOP_K,
    DEFAULT_WITHIN_MIN_SIMILARITY,
    DEFAULT_WITHIN_TOP_K,
    all_cross_pairs,
    candidate_pairs,
    mutual_nearest,
)
from consistency.types import Article, CandidatePair, Claim, Finding
from consistency.verdict import VerdictOptions, decide

Progress = Callable[[str, int, int], None]  # (stage, done, total)


@dataclass(frozen=True)
class CheckOptions:
    top_k: int = DEFAULT_TOP_K
    min_similarity: float = DEFAULT_MIN_SIMILARITY
    within_top_k: int = DEFAULT_WITHIN_TOP_K
    within_min_similarity: float = DEFAULT_WITHIN_MIN_SIMILARITY
    quantity_top_k: int = DEFAULT_QUANTITY_TOP_K
    quantity_min_similarity: float = DEFAULT_QUANTITY_MIN_SIMILARITY
    all_pairs: bool = False
    include_neutral: bool = False
    include_speakers: bool = False
    nli_model: str = str(DEFAULT_NLI_MODEL)
    embedding_model: str | None = None
    precision: str = "auto"
    batch_size: int = 32


@dataclass
class CheckResult:
    claims: list[Claim]
    pairs: list[CandidatePair]
    findings: list[Finding]
    seconds: float
    embedding_name: str = DEFAULT_EMBEDDING_NAME
    nli_name: str = ""


@dataclass
class Models:
    """Loaded once per process; the CLI and benchmarks share them across batches."""

    embedder: Embedder
    nli: NLIModel

    @classmethod
    def load(cls, options: CheckOptions, cache: ScoreCache | None = None) -> Models:
        """Both models; with a `cache`, they reuse what earlier runs computed (same results)."""
        embedder = Embedder.load(options.embedding_model, precision=options.precision)
        nli = NLIModel.from_pretrained(options.nli_model, precision=options.precision, batch_size=options.batch_size)
        embedder.cache = nli.cache = cache
        return cls(embedder, nli)


def pair_claims(
    claims: Sequence[Claim], embeddings: np.ndarray, has_quantity: Sequence[bool], options: CheckOptions
) -> list[CandidatePair]:
    """The candidate pairs `options` ask for (benchmarks use it to see what the checker would score)."""
    if options.all_pairs:
        return all_cross_pairs(claims, embeddings)
    return candidate_pairs(
        claims,
        embeddings,
        options.top_k,
        options.min_similarity,
        options.within_top_k,
        options.within_min_similarity,
        has_quantity=has_quantity,
        quantity_top_k=options.quantity_top_k,
        quantity_min_similarity=options.quantity_min_similarity,
    )


def run_check(
    articles: Sequence[Article], models: Models, options: CheckOptions, progress: Progress | None = None
) -> CheckResult:
    started = time.perf_counter()
    notify = progress or (lambda stage, done, total: None)

    by_article = extract_claims_many(list(articles))
    claims = [claim for article in articles for claim in by_article.get(article.id, [])]
    notify("claims", len(articles), len(articles))

    embeddings = models.embedder.encode([c.text for c in claims])
    has_quantity = [quantities.mentions_quantity(c.text) for c in claims]

    pairs = pair_claims(claims, embeddings, has_quantity, options)

    # The symbolic layer runs first: it is cheap (cached parses), and it decides
    # which loose quantity-tier pairs are worth an NLI call at all.
    published = {a.id: a.published for a in articles}
    in_pairs = {c.id: c for p in pairs for c in (p.a, p.b)}
    extracted = quantities.extract_many((c.text, published.get(c.article_id)) for c in in_pairs.values())

    def quantities_of(claim: Claim) -> tuple:
        return extracted[(claim.text, published.get(claim.article_id))]

    symbolic_checks = {}
    kept_pairs = []
    # Worded differently, two quantities are one fact only when their claims are
    # each other's closest quantity-bearing claim across the two articles.
    mutual = mutual_nearest(pairs, claims, embeddings, has_quantity)
    for pair in pairs:
        linked = pair.similarity if (pair.a.id, pair.b.id) in mutual else 0.0
        symbolic = quantities.compare_extracted(quantities_of(pair.a), quantities_of(pair.b), linked)
        if pair.via == "quantity" and symbolic is None:
            continue
        symbolic_checks[(pair.a.id, pair.b.id)] = symbolic
        kept_pairs.append(pair)
    pairs = kept_pairs

    nli_results = models.nli.score_pairs(pairs, lambda done, total: notify("nli", done, total))
    notify("nli", len(pairs), len(pairs))

    verdict_options = VerdictOptions(include_speakers=options.include_speakers)
    findings: list[Finding] = []
    for pair, nli in zip(pairs, nli_results, strict=False):
        symbolic = symbolic_checks[(pair.a.id, pair.b.id)]
        fid = finding_id(pair.a.article_id, pair.a.text, pair.b.article_id, pair.b.text)
        finding = decide(pair, nli, symbolic, fid, verdict_options, same_speaker)
        if finding.verdict != "neutral" or options.include_neutral:
            findings.append(with_evidence(finding, quantities_of(pair.a), quantities_of(pair.b)))

    findings.sort(key=_finding_order)
    return CheckResult(claims, pairs, findings, time.perf_counter() - started, models.embedder.name, models.nli.name)


_VERDICT_RANK = {"contradict": 0, "agree": 1, "neutral": 2}


def _finding_order(finding: Finding) -> tuple:
    return (_VERDICT_RANK[finding.verdict], -finding.confidence, finding.id)
