"""Measure an NLI model folder (or hub id) on held-out sets; print JSON.

    python benchmarks/nli_eval.py models/consistency-nli-minilm [--files ../shared/data/eval/*.jsonl]

For each file: accuracy, per-class precision/recall/F1, confusion matrix
(rows = gold, columns = predicted, order entailment/neutral/contradiction), the
`numeric` slice and every tag slice with at least 30 rows, and pairs/second.
Two-way sets (no neutral gold) are also scored two-way: neutral predictions
count as non-entailment, i.e. as contradiction, as is usual for FEVER-style data.

The eval files are for measuring only: nothing here feeds back into training,
thresholds or checkpoint choice.
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from consistency.nli import NLIModel  # noqa: E402
from consistency.training.data import LABELS, NLIPair, iter_premises, read_pairs  # noqa: E402
from consistency.training.synthetic import generate  # noqa: E402

DEFAULT_FILES = sorted(glob.glob(str(ROOT.parent / "shared" / "data" / "eval" / "*.jsonl")))
DEV_FILE = ROOT.parent / "shared" / "data" / "nli" / "dev.jsonl"
SYNTHETIC_SEED = 20261121  # differs from every training seed


def synthetic_heldout(count: int) -> list[NLIPair]:
    """Synthetic pairs built from *dev* premises (never seen in training) with a fresh seed."""
    return generate(list(iter_premises(read_pairs(DEV_FILE))), count, SYNTHETIC_SEED)


def class_metrics(gold: np.ndarray, pred: np.ndarray) -> dict[str, dict[str, float]]:
    out = {}
    for k, name in enumerate(LABELS):
        tp = int(((pred == k) & (gold == k)).sum())
        fp = int(((pred == k) & (gold != k)).sum())
        fn = int(((pred != k) & (gold == k)).sum())
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        out[name] = {
            "precision": round(p, 4),
            "recall": round(r, 4),
            "f1": round(f, 4),
            "support": int((gold == k).sum()),
        }
    return out


def confusion(gold: np.ndarray, pred: np.ndarray) -> list[list[int]]:
    m = np.zeros((3, 3), dtype=int)
    for g, p in zip(gold, pred, strict=False):
        m[g, p] += 1
    return m.tolist()


def evaluate_file(model: NLIModel, path: str, limit: int = 0, pairs: list[NLIPair] | None = None) -> dict:
    pairs = read_pairs(path) if pairs is None else pairs
    if limit:
        pairs = pairs[:limit]
    gold = np.array([LABELS.index(p.label) for p in pairs])
    started = time.perf_counter()
    probs = model.predict([p.premise for p in pairs], [p.hypothesis for p in pairs])
    seconds = time.perf_counter() - started
    pred = probs.argmax(1)
    two_way = not (gold == 1).any()
    result: dict = {
        "file": os.path.basename(path),
        "rows": len(pairs),
        "accuracy": round(float((pred == gold).mean()), 4),
        "per_class": class_metrics(gold, pred),
        "confusion": confusion(gold, pred),
        "pairs_per_second": round(len(pairs) / seconds, 1),
    }
    if two_way:
        pred2 = np.where(probs[:, 0] >= probs[:, 1:].max(1), 0, 2)
        result["accuracy_two_way"] = round(float((pred2 == gold).mean()), 4)
    tag_counts = Counter(tag for p in pairs for tag in p.tags)
    slices = {}
    for tag, count in sorted(tag_counts.items()):
        if count < 30 and tag != "numeric":
            continue
        mask = np.array([tag in p.tags for p in pairs])
        sl = {"rows": int(mask.sum()), "accuracy": round(float((pred[mask] == gold[mask]).mean()), 4)}
        if two_way:
            sl["accuracy_two_way"] = round(float((pred2[mask] == gold[mask]).mean()), 4)
        slices[tag] = sl
    result["slices"] = slices
    numeric = np.array(["numeric" in p.tags for p in pairs])
    said_contra = (pred == 2) & numeric
    if said_contra.any():
        result["numeric_contradiction_precision"] = round(float((gold[said_contra] == 2).mean()), 4)
        result["numeric_contradiction_recall"] = round(
            float((pred[numeric & (gold == 2)] == 2).mean()) if (numeric & (gold == 2)).any() else 0.0, 4
        )
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("model", help="model folder or Hugging Face id")
    parser.add_argument("--files", nargs="*", default=DEFAULT_FILES)
    parser.add_argument("--limit", type=int, default=0, help="first N rows of each file (quick looks)")
    parser.add_argument("--precision", default="auto", choices=["auto", "bf16", "fp32", "int8"])
    parser.add_argument("--max-length", type=int, default=128)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--synthetic", type=int, default=3000, help="held-out synthetic pairs (0: skip)")
    args = parser.parse_args(argv)
    if not args.files:
        print("no eval files found (expected ../shared/data/eval/*.jsonl)", file=sys.stderr)
        return 2
    model = NLIModel.from_pretrained(
        args.model, precision=args.precision, max_length=args.max_length, batch_size=args.batch_size
    )
    import torch

    report = {
        "model": args.model,
        "precision": args.precision,
        "max_length": args.max_length,
        "threads": torch.get_num_threads(),
        "results": [evaluate_file(model, f, args.limit) for f in args.files],
    }
    if args.synthetic and DEV_FILE.exists():
        report["results"].append(evaluate_file(model, "synthetic-heldout", 0, synthetic_heldout(args.synthetic)))
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
