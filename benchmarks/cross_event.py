#!/usr/bin/env python3
"""Cross-event false alarms on real news: ECB+ topics checked with both their events in one batch.

    python benchmarks/cross_event.py ../shared/data/news/ecbplus --topics 10

Each ECB+ topic holds two different events of one type (`<topic>_ecb`, e.g. a
2009 earthquake, and `<topic>_ecbplus`, a different one). Both sub-topics are
checked together as one batch, so every contradiction between an article of
one event and an article of the other is a false alarm: two different events
disagree on nothing. Prints JSON: per topic and in total, the articles, the
contradictions within each event and across the two, and the cross-event
contradictions per 100 articles (the generalization issue's target is < 5).
Models load once, in-process; nothing is written.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

from consistency.ingest import load_inputs
from consistency.pipeline import CheckOptions, Models, run_check


def topics_of(root: Path) -> list[str]:
    """Topic numbers that have both an `_ecb` and an `_ecbplus` folder, in numeric order."""
    names = {p.name for p in root.iterdir() if p.is_dir()}
    topics = {n.split("_")[0] for n in names}
    both = [t for t in topics if f"{t}_ecb" in names and f"{t}_ecbplus" in names]
    return sorted(both, key=lambda t: (len(t), t))


def check_topic(root: Path, topic: str, models: Models, options: CheckOptions) -> dict[str, Any]:
    folders = [root / f"{topic}_ecb", root / f"{topic}_ecbplus"]
    articles, problems = load_inputs([str(f) for f in folders])
    event = {a.id: Path(a.path).parent.name for a in articles}
    result = run_check(articles, models, options)
    within = cross = 0
    examples = []
    for finding in result.findings:
        if finding.verdict != "contradict":
            continue
        if event.get(finding.a.article_id) == event.get(finding.b.article_id):
            within += 1
        else:
            cross += 1
            if len(examples) < 3:
                examples.append({"kind": finding.kind, "a": finding.a.text, "b": finding.b.text})
    return {
        "topic": topic,
        "articles": len(articles),
        "problems": len(problems),
        "claims": len(result.claims),
        "contradictions_within_event": within,
        "contradictions_across_events": cross,
        "examples": examples,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("root", type=Path, help="the ECB+ folder of the shared news data")
    ap.add_argument("--topics", type=int, default=0, help="only the first N topics (default: all)")
    args = ap.parse_args(argv)
    if not args.root.is_dir():
        print(f"error: {args.root}: not a folder (the shared news data is not beside the checkout)", file=sys.stderr)
        return 2
    topics = topics_of(args.root)
    if args.topics:
        topics = topics[: args.topics]
    options = CheckOptions()
    models = Models.load(options)
    started = time.perf_counter()
    rows = [check_topic(args.root, t, models, options) for t in topics]
    articles = sum(r["articles"] for r in rows)
    cross = sum(r["contradictions_across_events"] for r in rows)
    total = {
        "topics": len(rows),
        "articles": articles,
        "contradictions_within_event": sum(r["contradictions_within_event"] for r in rows),
        "contradictions_across_events": cross,
        "cross_event_per_100_articles": round(100 * cross / articles, 2) if articles else None,
        "seconds": round(time.perf_counter() - started, 1),
    }
    print(json.dumps({"total": total, "topics": rows}, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
