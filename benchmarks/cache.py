#!/usr/bin/env python3
"""What the score cache saves on a re-run, and that it changes nothing.

    python benchmarks/cache.py                   # 1,000 real articles, then the same plus 20 new
    python benchmarks/cache.py --size 200 --new 20

Three checker runs on real articles from ../shared/data/news (scale.py's batches):
1. `--cache-dir` on an empty cache, SIZE articles (fills it);
2. `--cache-dir` again, the same SIZE articles plus NEW more (the incremental run);
3. no cache, the SIZE + NEW articles (the cold reference).
Prints JSON: each run's wall time and peak memory, run 2 / run 3 as a ratio (the
target is <= 0.15), and whether reports 2 and 3 are byte-identical (`--no-timing`).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _runner import CheckerError, checker_command, fail, machine_info, run_measured
from scale import NEWS, build_batch, list_clusters, materialize


def _run(inputs: list[str], report: Path, extra: list[str]) -> dict:
    result = run_measured(checker_command(inputs, str(report), ["--no-timing", *extra]))
    if result.returncode != 0:
        raise CheckerError(f"checker failed (exit {result.returncode}):\n{result.stderr_tail}")
    return {"seconds": round(result.seconds, 1), "peak_memory_mb": round(result.peak_memory_bytes / 2**20)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--size", type=int, default=1000, help="articles in the first run (default 1000)")
    ap.add_argument("--new", type=int, default=20, help="articles the second run adds (default 20)")
    ap.add_argument("--news-dir", type=Path, default=NEWS)
    args = ap.parse_args()
    try:
        clusters = list_clusters(args.news_dir)
        full = build_batch(clusters, args.size + args.new)
    except (FileNotFoundError, ValueError) as error:
        fail(str(error), 2)
    with tempfile.TemporaryDirectory(prefix="consistency-cache-bench-") as tmp:
        root = Path(tmp)
        first = materialize(build_batch(clusters, args.size), root / "first")
        second = materialize(full, root / "second")
        cache = ["--cache-dir", str(root / "cache")]
        try:
            fill = _run([str(first)], root / "fill.json", cache)
            warm = _run([str(second)], root / "warm.json", cache)
            cold = _run([str(second)], root / "cold.json", [])
        except CheckerError as error:
            fail(str(error))
        identical = (root / "warm.json").read_bytes() == (root / "cold.json").read_bytes()
        summary = json.loads((root / "cold.json").read_text("utf-8"))["summary"]
    print(
        json.dumps(
            {
                "machine": machine_info(),
                "articles": {"first": args.size, "second": args.size + args.new},
                "claims": summary["claims"],
                "pairs": summary["candidate_pairs"],
                "fill_run": fill,
                "incremental_run": warm,
                "cold_run": cold,
                "incremental_over_cold": round(warm["seconds"] / cold["seconds"], 3),
                "reports_identical": identical,
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
