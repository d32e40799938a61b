"""Candidate pairs: nearest neighbours in embedding space, never all pairs.

Each claim keeps its `top_k` most similar claims from *other* articles (and its
`within_top_k` most similar claims from its own article, for self-contradictions)
above `min_similarity`. The NLI cost is therefore at most
`n_claims * (top_k + within_top_k)` pairs, linear in the number of claims.

The defaults (2 neighbours down to cosine 0.3) come from the labelled dev
clusters (`benchmarks/conflicts.py`), not from the held-out eval files. Rank
matters more than the floor: outlets that disagree on a place or a person write
"The summit was held in Porto" and "The talks took place in Lisbon" (cosine
0.45, yet each other's nearest neighbour). The earlier 3 neighbours above 0.55
reached 62 of the 122 labelled pairs; 2 above 0.3 reach 101, for about the same
number of pairs on 1,000 real news articles (24,652 vs 24,461). A third neighbour
(`--top-k 3`) found one more labelled contradiction with the stage-1 NLI model,
for 46% more NLI pairs.

A third, looser tier serves the numbers/dates layer: a claim that mentions a
quantity keeps its `quantity_top_k` nearest neighbours among other articles'
quantity-bearing claims down to `quantity_min_similarity`. Outlets often state
the same figure in sentences that embed far apart ("its 3½-year invasion" vs "as
the war approaches its third year": cosine 0.43), and those are the
disagreements NLI misses. These pairs are marked `via="quantity"`; the pipeline
keeps them only when the symbolic layer finds that both measure the same thing.

Similarities are computed block by block with one matrix product per block of
rows; at 384 dimensions this is thousands of times cheaper per pair than a
cross-encoder call, and memory stays at `block * n` floats.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from consistency.types import CandidatePair, Claim

DEFAULT_TOP_K = 2
DEFAULT_WITHIN_TOP_K = 1
DEFAULT_MIN_SIMILARITY = 0.3
DEFAULT_WITHIN_MIN_SIMILARITY = 0.65
DEFAULT_QUANTITY_TOP_K = 4
DEFAULT_QUANTITY_MIN_SIMILARITY = 0.3
_BLOCK = 1024


def candidate_pairs(
    claims: Sequence[Claim],
    embeddings: np.ndarray,
    top_k: int = DEFAULT_TOP_K,
    min_similarity: float = DEFAULT_MIN_SIMILARITY,
    within_top_k: int = DEFAULT_WITHIN_TOP_K,
    within_min_similarity: float = DEFAULT_WITHIN_MIN_SIMILARITY,
    has_quantity: Sequence[bool] | None = None,
    quantity_top_k: int = DEFAULT_QUANTITY_TOP_K,
    quantity_min_similarity: float = DEFAULT_QUANTITY_MIN_SIMILARITY,
) -> list[CandidatePair]:
    """Deduplicated pairs, each ordered (earlier claim, later claim), sorted deterministically."""
    n = len(claims)
    if n < 2:
        return []
    article_codes = _article_codes(claims)
    best: dict[tuple[int, int], float] = {}
    loose: dict[tuple[int, int], float] = {}
    quantity = np.asarray(has_quantity, dtype=bool) if has_quantity is not None else None
    for start in range(0, n, _BLOCK):
        stop = min(n, start + _BLOCK)
        sims = embeddings[start:stop] @ embeddings.T  # (block, n)
        rows = np.arange(stop - start)
        sims[rows, rows + start] = -np.inf  # never pair a claim with itself
        same = article_codes[start:stop, None] == article_codes[None, :]
        if top_k > 0:
            _keep_top(best, np.where(same, -np.inf, sims), start, top_k, min_similarity)
        if within_top_k > 0:
            _keep_top(best, np.where(same, sims, -np.inf), start, within_top_k, within_min_similarity)
        if quantity is not None and quantity_top_k > 0 and quantity[start:stop].any():
            allowed = ~same & quantity[None, :] & quantity[start:stop, None]
            _keep_top(loose, np.where(allowed, sims, -np.inf), start, quantity_top_k, quantity_min_similarity)
    pairs = [CandidatePair(claims[i], claims[j], sim) for (i, j), sim in best.items()]
    pairs += [
        CandidatePair(claims[i], claims[j], sim, via="quantity") for (i, j), sim in loose.items() if (i, j) not in best
    ]
    pairs.sort(key=lambda p: (p.a.article_id, p.a.index, p.b.article_id, p.b.index))
    return pairs


def all_cross_pairs(claims: Sequence[Claim], embeddings: np.ndarray) -> list[CandidatePair]:
    """Every cross-article pair: the naive scan, kept only for benchmarks (`--all-pairs`)."""
    pairs: list[CandidatePair] = []
    sims = embeddings @ embeddings.T if len(claims) else np.zeros((0, 0))
    for i in range(len(claims)):
        for j in range(i + 1, len(claims)):
            if claims[i].article_id != claims[j].article_id:
                pairs.append(CandidatePair(claims[i], claims[j], float(sims[i, j])))
    return pairs


def _article_codes(claims: Sequence[Claim]) -> np.ndarray:
    codes: dict[str, int] = {}
    return np.array([codes.setdefault(c.article_id, len(codes)) for c in claims])


def _keep_top(best: dict[tuple[int, int], float], sims: np.ndarray, offset: int, k: int, floor: float) -> None:
    k = min(k, sims.shape[1])
    top = np.argpartition(-sims, k - 1, axis=1)[:, :k]
    for row, cols in enumerate(top):
        i = row + offset
        for j in cols:
            sim = float(sims[row, j])
            if sim >= floor:
                key = (i, int(j)) if i < j else (int(j), i)
                best[key] = sim


def mutual_nearest(
    pairs: Sequence[CandidatePair], claims: Sequence[Claim], embeddings: np.ndarray, eligible: Sequence[bool]
) -> set[tuple[str, str]]:
    """Ids (a, b) of the pairs whose claims are each other's closest eligible claim across their articles.

    An article states a fact once, so two differently worded claims are
    candidates for one fact when each is the other's most similar claim among
    the eligible (here: quantity-bearing) claims of the other article. Cost: one
    dot product per eligible claim of the other article, per pair.
    """
    index_of = {c.id: i for i, c in enumerate(claims)}
    members: dict[str, list[int]] = {}
    for i, c in enumerate(claims):
        if eligible[i]:
            members.setdefault(c.article_id, []).append(i)
    best: dict[tuple[int, str], int] = {}

    def closest(i: int, article: str) -> int:
        key = (i, article)
        if key not in best:
            group = members.get(article, [])
            best[key] = group[int(np.argmax(embeddings[group] @ embeddings[i]))] if group else -1
        return best[key]

    out: set[tuple[str, str]] = set()
    for pair in pairs:
        i, j = index_of[pair.a.id], index_of[pair.b.id]
        if pair.within_article or not (eligible[i] and eligible[j]):
            continue
        if closest(i, pair.b.article_id) == j and closest(j, pair.a.article_id) == i:
            out.add((pair.a.id, pair.b.id))
    return out
