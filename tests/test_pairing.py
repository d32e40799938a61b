"""Candidate pairing: nearest neighbours with the real embedding model, never all pairs."""

from __future__ import annotations

import numpy as np
import pytest

from consistency.embeddings import Embedder
from consistency.pairing import DEFAULT_TOP_K, all_cross_pairs, candidate_pairs, mutual_nearest
from consistency.quantities import mentions_quantity
from consistency.types import CandidatePair, Claim


def claims_of(article_id: str, sentences: list[str]) -> list[Claim]:
    out, offset = [], 0
    for index, text in enumerate(sentences):
        out.append(Claim(article_id, index, text, offset, offset + len(text)))
        offset += len(text) + 1
    return out


A = claims_of(
    "a",
    [
        "Russia launched 157 drones at Ukraine overnight, the air force said.",
        "The summit in Paris ended with a pledge from 26 nations.",
        "Moscow would comply with a treaty to halt its 3½-year full-scale invasion.",
        "The weather in the capital was mild for the time of year.",
    ],
)
B = claims_of(
    "b",
    [
        "Russia fired 150 drones at Ukraine during the night, according to the air force.",
        "Twenty-six countries made a commitment at the Paris summit.",
        "As the war approaches its third year, the gulf between the two sides is wide.",
        "A local bakery won a prize for its rye bread.",
    ],
)


@pytest.fixture(scope="module")
def embedder() -> Embedder:
    return Embedder.load()


def test_matching_claims_pair_across_articles(embedder: Embedder) -> None:
    claims = A + B
    vectors = embedder.encode([c.text for c in claims])
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    pairs = candidate_pairs(claims, vectors, top_k=1, min_similarity=0.5, within_top_k=0)
    linked = {(p.a.text[:20], p.b.text[:20]) for p in pairs}
    assert (A[0].text[:20], B[0].text[:20]) in linked  # the drone counts
    assert (A[1].text[:20], B[1].text[:20]) in linked  # the pledge
    assert all(p.a.article_id != p.b.article_id for p in pairs)
    assert all(p.similarity >= 0.5 for p in pairs)


def test_quantity_tier_links_far_apart_durations(embedder: Embedder) -> None:
    claims = A + B
    vectors = embedder.encode([c.text for c in claims])
    plain = candidate_pairs(claims, vectors, top_k=2, min_similarity=0.55, within_top_k=0)
    assert not any("3½" in p.a.text + p.b.text and "third year" in p.a.text + p.b.text for p in plain)
    mask = [mentions_quantity(c.text) for c in claims]
    tiered = candidate_pairs(claims, vectors, top_k=2, min_similarity=0.55, within_top_k=0, has_quantity=mask)
    loose = [p for p in tiered if p.via == "quantity"]
    assert any("3½" in p.a.text + p.b.text and "third year" in p.a.text + p.b.text for p in loose)
    assert not any("bakery" in p.a.text + p.b.text for p in loose)


def test_pair_count_is_bounded_by_k_per_claim() -> None:
    rng = np.random.default_rng(0)
    claims = [c for i in range(40) for c in claims_of(f"art{i:02d}", [f"claim {j} of {i}" for j in range(25)])]
    vectors = rng.normal(size=(len(claims), 16)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    pairs = candidate_pairs(claims, vectors, top_k=3, min_similarity=-1.0, within_top_k=1)
    assert len(pairs) <= len(claims) * 4
    assert len(pairs) < len(all_cross_pairs(claims[:200], vectors[:200])) * 25
    keys = [(p.a.id, p.b.id) for p in pairs]
    assert len(keys) == len(set(keys))
    assert pairs == candidate_pairs(claims, vectors, top_k=3, min_similarity=-1.0, within_top_k=1)


def test_within_article_pairs_only_when_asked() -> None:
    claims = claims_of("solo", ["The bridge opened on Monday.", "The bridge did not open on Monday.", "Other news."])
    vectors = np.array([[1.0, 0.0], [0.99, 0.141], [0.0, 1.0]], dtype=np.float32)
    assert candidate_pairs(claims, vectors, top_k=3, within_top_k=0) == []
    pairs = candidate_pairs(claims, vectors, top_k=3, within_top_k=1, within_min_similarity=0.9)
    assert [(p.a.index, p.b.index) for p in pairs] == [(0, 1)]
    assert pairs[0].within_article


def test_tiny_inputs() -> None:
    assert candidate_pairs([], np.zeros((0, 4), dtype=np.float32)) == []
    one = claims_of("a", ["Only one claim here."])
    assert candidate_pairs(one, np.ones((1, 4), dtype=np.float32) / 2) == []


def test_defaults_pair_outlets_that_name_different_places(embedder: Embedder) -> None:
    """An entity swap embeds far apart (cosine < 0.55) yet each sentence is the other's nearest neighbour."""
    left = claims_of(
        "observer",
        [
            "The summit was held in Porto.",
            "Ticket prices for the final rose sharply this season.",
            "The central bank left interest rates unchanged on Thursday.",
        ],
    )
    right = claims_of(
        "bulletin",
        [
            "The talks took place in Lisbon.",
            "The striker signed a four-year contract with the club.",
            "Heavy rain flooded several roads in the north.",
        ],
    )
    claims = left + right
    vectors = embedder.encode([c.text for c in claims])
    similarity = float(vectors[0] @ vectors[3])
    assert similarity < 0.55  # why a high similarity floor would lose this pair
    pairs = candidate_pairs(claims, vectors)
    assert any(p.a is left[0] and p.b is right[0] for p in pairs)
    assert len([p for p in pairs if p.a.article_id != p.b.article_id]) <= len(claims) * DEFAULT_TOP_K


def test_mutual_nearest_keeps_only_claims_that_pick_each_other() -> None:
    a = claims_of("a", ["Russia fired 64 rockets at the town.", "The mayor opened a new school in 2019."])
    b = claims_of("b", ["Moscow launched 70 rockets at the town overnight.", "The school cost 4 million euros."])
    claims = a + b
    vectors = Embedder.load().encode([c.text for c in claims])
    pairs = [CandidatePair(x, y, float(vectors[i] @ vectors[2 + j])) for i, x in enumerate(a) for j, y in enumerate(b)]
    mutual = mutual_nearest(pairs, claims, vectors, [True] * 4)
    assert (a[0].id, b[0].id) in mutual
    assert (a[0].id, b[1].id) not in mutual and (a[1].id, b[0].id) not in mutual
    # a claim that is not eligible (no quantity) never links
    assert mutual_nearest(pairs, claims, vectors, [False, True, True, True]) & {(a[0].id, b[0].id)} == set()
