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

`--together` runs the checker once on all the clusters' articles as one batch,
the way a newsroom would feed a day's copy: every claim then competes with the
other stories' claims for its nearest neighbours, and `--all-pairs` pays for
every cross-story pair. Findings are scored per cluster as before; the ones that
link two different stories are counted under `cross_cluster`.

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
    together: bool = False,
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
    if together and reports_dir is None:
        return _run_together(clusters_dir, names, clusters, pairs, cli_args, keep_reports, timeout, started)
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


SUMMARY_KEYS = ("articles", "claims", "candidate_pairs", "contradictions", "agreements")


def _run_together(
    clusters_dir: Path,
    names: list[str],
    clusters: dict[str, dict[str, Any]],
    pairs: list[Any],
    cli_args: list[str],
    keep_reports: Path | None,
    timeout: float | None,
    started: float,
) -> dict[str, Any]:
    """One checker run over every cluster; its findings split back per cluster for scoring."""
    keep = keep_reports / "together.json" if keep_reports else None
    inputs = [str(Path(clusters_dir) / n) for n in names]
    report, result = run_checker(inputs, "dev clusters together", cli_args, timeout=timeout, keep_report=keep)
    home = {article: name for name in names for article in clusters[name]}
    per_cluster: dict[str, dict[str, Any]] = {n: {**report, "findings": []} for n in names}
    cross: dict[str, int] = {}
    for finding in report.get("findings") or []:
        a, b = home.get(finding["a"]["article"]), home.get(finding["b"]["article"])
        if a is not None and a == b:
            per_cluster[a]["findings"].append(finding)
        else:
            cross[finding["verdict"]] = cross.get(finding["verdict"], 0) + 1
    summary = report.get("summary", {})
    return {
        "clusters_dir": str(clusters_dir),
        "cli_args": cli_args,
        "together": True,
        "labels": label_counts(p for p in pairs if p.cluster in per_cluster),
        "seconds_total": round(time.perf_counter() - started, 2),
        "runs": [
            {
                "cluster": "(all together)",
                "seconds": round(result.seconds, 2),
                **{k: summary.get(k) for k in SUMMARY_KEYS},
            }
        ],
        "cross_cluster": dict(sorted(cross.items())),
        "scores": score(pairs, per_cluster),
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
    ap.add_argument("--together", action="store_true", help="one checker run over all clusters as a single batch")
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
            together=args.together,
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
