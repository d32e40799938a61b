#!/usr/bin/env python3
"""Score the checker against labelled claim pairs (the dev clusters by default).

    python benchmarks/conflicts.py benchmarks/dev_clusters
    python benchmarks/conflicts.py benchmarks/dev_clusters --cli-args "--all-pairs" --out-md dev.md

For each cluster folder the checker runs once
(`consistency check <folder> --format json --output <tmp> --fail-on never --quiet`);
its findings are matched to the pairs in `labels.jsonl` (see devset.py) and
precision / recall / F1 for contradictions and agreements, overall and per
kind, are printed as JSON, with the missed contradictions, the false alarms on
pairs labelled agree/neutral, and the unlabelled contradictions.

`--reports DIR` scores saved reports (`DIR/<cluster>.json`, as written by
`--keep-reports`) without running the checker.
"""

from __future__ import annotations

import argparse
import json
import shlex
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _runner import CheckerError, fail, glue_cli_args, load_report, run_checker
from devset import DevsetError, label_counts, load_devset, score, scores_markdown


def run_devset(
    clusters_dir: Path,
    cli_args: list[str] | None = None,
    *,
    labels: Path | None = None,
    only: list[str] | None = None,
    keep_reports: Path | None = None,
    reports_dir: Path | None = None,
    timeout: float | None = None,
    progress: bool = True,
    include_neutral: bool = True,
) -> dict[str, Any]:
    """Run (or load) one report per labelled cluster and score them. Raises DevsetError/CheckerError."""
    cli_args = list(cli_args or [])
    if include_neutral and not {"--include-neutral", "--no-include-neutral"} & set(cli_args):
        # neutral findings do not change the contradict/agree scores, but they tell
        # "never paired" apart from "paired and judged neutral"
        cli_args.append("--include-neutral")
    clusters, pairs = load_devset(clusters_dir, labels)
    names = sorted({p.cluster for p in pairs})
    if only:
        unknown = sorted(set(only) - set(clusters))
        if unknown:
            raise DevsetError(f"unknown cluster(s): {', '.join(unknown)}")
        names = [n for n in names if n in only]
    reports: dict[str, dict[str, Any]] = {}
    runs: list[dict[str, Any]] = []
    started = time.perf_counter()
    for i, name in enumerate(names, start=1):
        if reports_dir is not None:
            report = load_report(reports_dir / f"{name}.json", f"cluster {name}")
            seconds = None
        else:
            if progress:
                print(f"[{i}/{len(names)}] {name}", file=sys.stderr, flush=True)
            keep = keep_reports / f"{name}.json" if keep_reports else None
            report, result = run_checker(
                [str(Path(clusters_dir) / name)], f"cluster {name}", cli_args, timeout=timeout, keep_report=keep
            )
            seconds = round(result.seconds, 2)
        if report.get("problems"):
            print(f"warning: {name}: the checker reported input problems: {report['problems']}", file=sys.stderr)
        summary = report.get("summary", {})
        reports[name] = report
        runs.append(
            {
                "cluster": name,
                "seconds": seconds,
                "articles": summary.get("articles"),
                "claims": summary.get("claims"),
                "candidate_pairs": summary.get("candidate_pairs"),
                "contradictions": summary.get("contradictions"),
                "agreements": summary.get("agreements"),
            }
        )
    return {
        "clusters_dir": str(clusters_dir),
        "cli_args": cli_args,
        "labels": label_counts(p for p in pairs if p.cluster in reports),
        "seconds_total": round(time.perf_counter() - started, 2),
        "runs": runs,
        "scores": score(pairs, reports),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("clusters_dir", type=Path, help="folder of cluster folders with a labels.jsonl")
    ap.add_argument("--labels", type=Path, help="labels file (default: CLUSTERS_DIR/labels.jsonl)")
    ap.add_argument("--cli-args", default="", help='extra checker arguments, one string, e.g. "--all-pairs --top-k 8"')
    ap.add_argument("--clusters", help="comma-separated cluster names to run (default: all labelled)")
    ap.add_argument("--out-md", type=Path, help="also write a Markdown summary here")
    ap.add_argument("--keep-reports", type=Path, help="save each cluster's JSON report in this folder")
    ap.add_argument("--reports", type=Path, help="score saved reports from this folder instead of running the checker")
    ap.add_argument("--timeout", type=float, help="seconds allowed per cluster run")
    ap.add_argument("--validate", action="store_true", help="only check the dev set and print its label counts")
    ap.add_argument(
        "--no-neutral",
        action="store_true",
        help="do not add --include-neutral to the checker's arguments (then pairing recall is not measurable)",
    )
    args = ap.parse_args(glue_cli_args(sys.argv[1:] if argv is None else argv))

    try:
        if args.validate:
            _, pairs = load_devset(args.clusters_dir, args.labels)
            print(json.dumps(label_counts(pairs), indent=2))
            return 0
        result = run_devset(
            args.clusters_dir,
            shlex.split(args.cli_args),
            labels=args.labels,
            only=[c.strip() for c in args.clusters.split(",") if c.strip()] if args.clusters else None,
            keep_reports=args.keep_reports,
            reports_dir=args.reports,
            timeout=args.timeout,
            include_neutral=not args.no_neutral,
        )
    except DevsetError as exc:
        fail(str(exc), 2)
    except CheckerError as exc:
        fail(str(exc), 1)
    print(json.dumps(result, indent=2, ensure_ascii=False))
    if args.out_md:
        title = "Dev-set scores" + (f" (`{args.cli_args}`)" if args.cli_args else "")
        args.out_md.parent.mkdir(parents=True, exist_ok=True)
        args.out_md.write_text(scores_markdown(result["scores"], title), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
