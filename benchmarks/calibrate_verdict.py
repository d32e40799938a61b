"""Choose the verdict thresholds on dev data (never on eval/): print JSON.

    python benchmarks/calibrate_verdict.py models/consistency-nli-minilm [--dev ../shared/data/nli/dev.jsonl]

The verdict rule (consistency/verdict.py) scores a pair symmetrically:
contradiction = mean of P(contradiction) over both directions, agreement = the
stronger direction's P(entailment). This script scores every dev pair in both
directions and reports, for a grid of thresholds, precision/recall/F1 of
"contradiction" against the gold label, and of "entailment" likewise, so the
thresholds in verdict.py can be read off (best F1, with precision preferred on
ties because a false alarm costs a fact-checker more than a miss).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from consistency.nli import NLIModel  # noqa: E402
from consistency.training.data import read_pairs  # noqa: E402

DEV = ROOT.parent / "shared" / "data" / "nli" / "dev.jsonl"


def prf(pred: np.ndarray, gold: np.ndarray) -> dict[str, float]:
    tp = int((pred & gold).sum())
    p = tp / max(1, int(pred.sum()))
    r = tp / max(1, int(gold.sum()))
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(2 * p * r / (p + r) if p + r else 0.0, 4)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("model")
    parser.add_argument("--dev", default=str(DEV))
    parser.add_argument("--limit", type=int, default=0)
    args = parser.parse_args(argv)
    pairs = read_pairs(args.dev)
    if args.limit:
        pairs = pairs[: args.limit]
    model = NLIModel.from_pretrained(args.model)
    forward = model.predict([p.premise for p in pairs], [p.hypothesis for p in pairs])
    backward = model.predict([p.hypothesis for p in pairs], [p.premise for p in pairs])
    contra = (forward[:, 2] + backward[:, 2]) / 2
    entail_mean = (forward[:, 0] + backward[:, 0]) / 2
    entail = np.maximum(forward[:, 0], backward[:, 0])
    max_contra = np.maximum(forward[:, 2], backward[:, 2])
    gold_c = np.array([p.label == "contradiction" for p in pairs])
    gold_e = np.array([p.label == "entailment" for p in pairs])
    grid = [round(x, 2) for x in np.arange(0.3, 0.96, 0.05)]
    out = {
        "dev": args.dev,
        "rows": len(pairs),
        "forward_only_contradiction": prf(forward.argmax(1) == 2, gold_c),
        "contradiction": {str(t): prf((contra >= t) & (contra > entail_mean), gold_c) for t in grid},
        "agreement": {str(t): prf((entail >= t) & (max_contra < 0.5), gold_e) for t in grid},
    }
    best_c = max(grid, key=lambda t: (out["contradiction"][str(t)]["f1"], out["contradiction"][str(t)]["precision"]))
    best_e = max(grid, key=lambda t: (out["agreement"][str(t)]["f1"], out["agreement"][str(t)]["precision"]))
    out["best"] = {"contradiction_threshold": best_c, "agreement_threshold": best_e}
    print(json.dumps(out, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
