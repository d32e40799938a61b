#!/usr/bin/env python3
"""How an NLI model behaves on the pairs a cross-outlet checker gives it; prints JSON.

    python benchmarks/nli_cross_document.py ../shared/data/clusters [--model models/consistency-nli-minilm]

Two measures from the NLI model alone (no numbers layer, no verdict rules beyond the
model's own call: mean contradiction of both directions >= 0.5 and above the mean
entailment, as `verdict.nli_contradicts`):

* **different events**: all clusters' articles go through claim extraction and the
  default pairing as one batch; of the pairs whose two articles belong to *different*
  clusters (different invented events, so nothing there can truly conflict), the share
  the model labels contradiction. Target (NLI v2 issue): <= 2%.
* **paraphrased conflicts**: the labelled pairs of kinds entity, negation and other,
  scored both directions; recall on the labelled contradictions and precision over
  the model's contradiction calls among those pairs. Target: recall >= 0.6 at
  precision >= 0.8. Also the best recall reachable at precision >= 0.8 over
  thresholds on the mean contradiction (a dev-set sweep: these clusters are for
  development, never for training).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _runner import machine_info  # noqa: E402
from devset import load_devset  # noqa: E402

from consistency.claims import extract_claims_many  # noqa: E402
from consistency.embeddings import Embedder  # noqa: E402
from consistency.ingest import load_inputs  # noqa: E402
from consistency.nli import NLIModel  # noqa: E402
from consistency.pipeline import CheckOptions, pair_claims  # noqa: E402
from consistency.quantities import mentions_quantity  # noqa: E402
from consistency.types import CandidatePair, Claim, PairNLI  # noqa: E402
from consistency.verdict import nli_contradicts  # noqa: E402

PARAPHRASE_KINDS = ("entity", "negation", "other")
TARGET_PRECISION = 0.8


def _claim(text: str, article: str, index: int) -> Claim:
    return Claim(article_id=article, index=index, text=text, start=0, end=len(text))


def different_event_pairs(root: Path, embedder: Embedder, options: CheckOptions) -> tuple[list[CandidatePair], int]:
    folders = sorted(p for p in root.iterdir() if p.is_dir())
    articles, _problems = load_inputs([str(f) for f in folders])
    cluster_of = {a.id: Path(a.path).parent.name for a in articles}
    by_article = extract_claims_many(articles)
    claims = [c for a in articles for c in by_article.get(a.id, [])]
    embeddings = embedder.encode([c.text for c in claims])
    pairs = pair_claims(claims, embeddings, [mentions_quantity(c.text) for c in claims], options)
    across = [p for p in pairs if cluster_of[p.a.article_id] != cluster_of[p.b.article_id]]
    return across, len(pairs)


def _mean_contradiction(nli: PairNLI) -> float:
    return (nli.a_to_b.contradiction + nli.b_to_a.contradiction) / 2


def best_recall_at_precision(scored: list[tuple[float, bool]], positives: int) -> dict[str, Any]:
    """Highest recall whose precision is >= TARGET_PRECISION, over thresholds at each score."""
    best: dict[str, Any] = {"recall": 0.0, "precision": None, "threshold": None}
    ordered = sorted(scored, key=lambda s: -s[0])
    tp = 0
    for i, (value, positive) in enumerate(ordered, start=1):
        tp += positive
        precision = tp / i
        recall = tp / positives if positives else 0.0
        if precision >= TARGET_PRECISION and recall > best["recall"]:
            best = {"recall": round(recall, 3), "precision": round(precision, 3), "threshold": round(value, 4)}
    return best


def paraphrase_measure(root: Path, model: NLIModel) -> dict[str, Any]:
    _clusters, labelled = load_devset(root)
    chosen = [p for p in labelled if p.kind in PARAPHRASE_KINDS]
    pairs = [
        CandidatePair(_claim(p.a.sentence, p.a.article, 2 * i), _claim(p.b.sentence, p.b.article, 2 * i + 1), 1.0)
        for i, p in enumerate(chosen)
    ]
    scores = model.score_pairs(pairs)
    per_kind: dict[str, Counter] = {k: Counter() for k in PARAPHRASE_KINDS}
    scored = []
    for pair, nli in zip(chosen, scores, strict=True):
        called = nli_contradicts(nli)
        truth = pair.label == "contradict"
        per_kind[pair.kind][("tp" if truth else "fp") if called else ("fn" if truth else "tn")] += 1
        scored.append((_mean_contradiction(nli), truth))
    total = sum(per_kind.values(), Counter())
    positives = total["tp"] + total["fn"]

    def prf(c: Counter) -> dict[str, Any]:
        called, truth = c["tp"] + c["fp"], c["tp"] + c["fn"]
        return {
            "contradictions": truth,
            "called": called,
            "recall": round(c["tp"] / truth, 3) if truth else None,
            "precision": round(c["tp"] / called, 3) if called else None,
        }

    return {
        "pairs": len(chosen),
        **prf(total),
        "per_kind": {k: prf(c) for k, c in per_kind.items()},
        f"best_recall_at_precision_{TARGET_PRECISION}": best_recall_at_precision(scored, positives),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("clusters", type=Path)
    parser.add_argument("--model", default=str(REPO / "models" / "consistency-nli-minilm"))
    parser.add_argument("--precision", default="auto")
    args = parser.parse_args(argv)
    if not (args.clusters / "labels.jsonl").is_file():
        print(f"error: {args.clusters}: no labels.jsonl (the labelled clusters are in ../shared/data/clusters)")
        return 2
    options = CheckOptions(nli_model=args.model, precision=args.precision)
    started = time.perf_counter()
    embedder = Embedder.load(options.embedding_model, precision=args.precision)
    model = NLIModel.from_pretrained(args.model, precision=args.precision)
    across, total_pairs = different_event_pairs(args.clusters, embedder, options)
    nli = model.score_pairs(across)
    called = [nli_contradicts(x) for x in nli]
    examples = [
        {"a": p.a.text, "b": p.b.text, "contradiction": round(_mean_contradiction(x), 3)}
        for p, x, c in zip(across, nli, called, strict=True)
        if c
    ]
    examples.sort(key=lambda e: -e["contradiction"])
    result = {
        "model": args.model,
        "machine": machine_info(),
        "different_events": {
            "pairs_in_batch": total_pairs,
            "pairs_across_clusters": len(across),
            "labelled_contradiction": int(np.sum(called)),
            "share": round(float(np.mean(called)), 4) if called else None,
            "target_share": 0.02,
            "examples": examples[:8],
        },
        "paraphrased_conflicts": paraphrase_measure(args.clusters, model),
        "seconds": round(time.perf_counter() - started, 1),
    }
    print(json.dumps(result, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
