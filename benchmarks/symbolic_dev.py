#!/usr/bin/env python3
"""Run the symbolic quantities layer alone over the labelled dev pairs.

    python benchmarks/symbolic_dev.py [benchmarks/dev_clusters] [--all]

No checker subprocess and no model: `check_pair` is called directly on the two
labelled sentences (each with its article's `published` date), so the layer's
own hits and false alarms can be tracked while editing `consistency/quantities`.
Prints JSON: per kind, how many labelled contradictions got a symbolic
"conflict" and how many labelled agree/neutral pairs got a false "conflict"
(those are listed, they cost a fact-checker most); `--all` also lists every
pair's result.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from devset import LabelledPair, load_devset

from consistency.quantities import check_pair

DEFAULT_DIR = Path(__file__).resolve().parent / "dev_clusters"


def _published(article: dict[str, Any]) -> date | None:
    return date.fromisoformat(article["published"]) if article.get("published") else None


def _row(pair: LabelledPair, status: str, res: Any) -> dict[str, Any]:
    return {
        "line": pair.line,
        "cluster": pair.cluster,
        "label": pair.label,
        "kind": pair.kind,
        "symbolic": status,
        "a": pair.a.sentence,
        "b": pair.b.sentence,
        "explanation": res.explanation if res else "",
    }


def run(root: Path, show_all: bool = False) -> dict[str, Any]:
    """Counts per kind plus the false conflicts (and misses) as rows."""
    clusters, pairs = load_devset(root)
    by_kind: dict[str, dict[str, int]] = defaultdict(
        lambda: {"contradict": 0, "found": 0, "agree_neutral": 0, "false_conflicts": 0, "matches": 0}
    )
    false_conflicts: list[dict[str, Any]] = []
    found: list[dict[str, Any]] = []
    misses: list[dict[str, Any]] = []
    rows: list[dict[str, Any]] = []
    for pair in pairs:
        arts = clusters[pair.cluster]
        a, b = arts[pair.a.article], arts[pair.b.article]
        res = check_pair(pair.a.sentence, _published(a), pair.b.sentence, _published(b))
        status = res.status if res else "none"
        row = _row(pair, status, res)
        k = by_kind[pair.kind]
        if status == "match":
            k["matches"] += 1
        if pair.label == "contradict":
            k["contradict"] += 1
            if status == "conflict":
                k["found"] += 1
                found.append(row)
            else:
                misses.append(row)
        else:
            k["agree_neutral"] += 1
            if status == "conflict":
                k["false_conflicts"] += 1
                false_conflicts.append(row)
        rows.append(row)
    total = {key: sum(v[key] for v in by_kind.values()) for key in next(iter(by_kind.values()))}
    out: dict[str, Any] = {
        "pairs": len(pairs),
        "total": total,
        "by_kind": dict(sorted(by_kind.items())),
        "false_conflicts": false_conflicts,
        "true_conflicts": found,
        "misses": [m for m in misses if m["kind"] in ("numeric", "temporal", "unit")],
    }
    if show_all:
        out["all"] = rows
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("root", nargs="?", type=Path, default=DEFAULT_DIR)
    ap.add_argument("--all", action="store_true", help="list every pair's symbolic result")
    args = ap.parse_args(argv)
    print(json.dumps(run(args.root, args.all), indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
