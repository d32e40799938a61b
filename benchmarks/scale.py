#!/usr/bin/env python3
"""How the checker scales with batch size, and what nearest-neighbour pairing saves.

    python benchmarks/scale.py                          # 10, 100, 1000 articles + all-pairs + dev recall
    python benchmarks/scale.py --sizes 10,100 --skip-dev
    python benchmarks/scale.py --list                   # show the batches, run nothing
    python benchmarks/scale.py --profile                # cProfile the 1,000-article run, top 15

Batches are real articles from ../shared/data/news (ecbplus, then gvc; clusters
in sorted order, whole clusters first, the last cluster cut to hit the size
exactly). Each size runs the checker end to end as a subprocess; wall time and
peak memory (PSS of the process tree, psutil sampling) are measured, claims
and candidate pairs are read from the report summary.

The naive alternative (`--all-pairs`: NLI on every cross-article claim pair)
runs on the small batches only; for the larger ones its pair count is computed
from per-article claim counts and its time extrapolated from the measured NLI
throughput (marked "extrapolated"). The dev clusters are scored in both modes
with conflicts.py's code to show what the pairing costs in recall.

Prints JSON; writes scale.json, scale.md and scale.png to --out-dir.
"""

from __future__ import annotations

import argparse
import json
import pstats
import shlex
import shutil
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _markdown import table
from _runner import REPO, SHARED, CheckerError, fail, glue_cli_args, machine_info, run_checker
from devset import DevsetError

NEWS = SHARED / "data" / "news"
CORPORA = ("ecbplus", "gvc")
DEV_CLUSTERS = REPO / "benchmarks" / "dev_clusters"
PROFILE_TOP = 15


# --------------------------------------------------------------------------- batches


def list_clusters(news_dir: Path, corpora: Iterable[str] = CORPORA) -> list[tuple[str, str, list[Path]]]:
    """(corpus, cluster id, sorted article files) for every cluster, corpora in the given order."""
    if not news_dir.is_dir():
        raise FileNotFoundError(
            f"news corpus not found at {news_dir}; scale.py reads the real clusters from "
            "<repo>/../shared/data/news/<corpus>/<cluster>/<article>.json (see that folder's README.md), "
            "or pass --news-dir"
        )
    out = []
    for corpus in corpora:
        base = news_dir / corpus
        if not base.is_dir():
            raise FileNotFoundError(f"corpus folder missing: {base}")
        for cluster in sorted(p for p in base.iterdir() if p.is_dir()):
            files = sorted(cluster.glob("*.json"))
            if files:
                out.append((corpus, cluster.name, files))
    return out


def build_batch(clusters: list[tuple[str, str, list[Path]]], size: int) -> list[tuple[str, str, list[Path]]]:
    """The first `size` articles taking clusters in order; only the last cluster may be cut."""
    total = sum(len(files) for *_, files in clusters)
    if size > total:
        raise ValueError(f"asked for {size} articles but the corpus has only {total}")
    batch, left = [], size
    for corpus, name, files in clusters:
        if left <= 0:
            break
        take = files[:left]
        batch.append((corpus, name, take))
        left -= len(take)
    return batch


def materialize(batch: list[tuple[str, str, list[Path]]], dest: Path) -> Path:
    """Copy the batch's articles to dest/<corpus>__<cluster>/ (one input folder for the checker)."""
    for corpus, name, files in batch:
        folder = dest / f"{corpus}__{name}"
        folder.mkdir(parents=True, exist_ok=True)
        for f in files:
            shutil.copy2(f, folder / f.name)
    return dest


def describe_batch(batch: list[tuple[str, str, list[Path]]]) -> dict[str, Any]:
    return {
        "articles": sum(len(f) for *_, f in batch),
        "clusters": len(batch),
        "by_corpus": {c: sum(len(f) for corpus, _, f in batch if corpus == c) for c in sorted({b[0] for b in batch})},
        "last_cluster_cut": bool(batch)
        and len(batch[-1][2]) < len(sorted(Path(batch[-1][2][0]).parent.glob("*.json"))),
    }


# --------------------------------------------------------------------------- pair counts


def cross_pairs(claims_per_article: list[int]) -> int:
    """Number of claim pairs whose claims come from different articles."""
    total = sum(claims_per_article)
    return (total * total - sum(n * n for n in claims_per_article)) // 2


def claims_per_article(folder: Path) -> list[int] | None:
    """Exact claim counts per article with the checker's own extraction (no models); None if unavailable."""
    if str(REPO) not in sys.path:
        sys.path.insert(0, str(REPO))
    try:
        from consistency.ingest import load_inputs
    except ImportError:
        return None
    try:
        articles, _ = load_inputs([str(folder)])
        try:
            from consistency.claims import extract_claims_many
        except ImportError:
            from consistency.claims import extract_claims

            return [len(extract_claims(a)) for a in articles]
        by_id = extract_claims_many(articles)
        return [len(by_id.get(a.id, [])) for a in articles]
    except Exception as exc:  # the estimate falls back to a uniform split; say why
        print(f"warning: could not count claims per article ({exc}); assuming equal counts", file=sys.stderr)
        return None


def estimate_all_pairs(claims: int, articles: int, per_article: list[int] | None) -> tuple[int, str]:
    if per_article:
        return cross_pairs(per_article), "exact (per-article claim counts)"
    if articles <= 1:
        return 0, "uniform estimate"
    return round(claims * claims * (1 - 1 / articles) / 2), "uniform estimate (claims^2/2 x (1 - 1/articles))"


# --------------------------------------------------------------------------- runs


def one_run(
    folder: Path, size: int, mode: str, cli_args: list[str], timeout: float | None, keep: Path | None
) -> dict[str, Any]:
    extra = [*cli_args, "--all-pairs"] if mode == "all-pairs" else list(cli_args)
    print(f"running {mode} on {size} articles ...", file=sys.stderr, flush=True)
    report, result = run_checker(
        [str(folder)], f"the {size}-article batch ({mode})", extra, timeout=timeout, keep_report=keep
    )
    s = report["summary"]
    if report.get("problems"):
        print(f"warning: {len(report['problems'])} input problem(s) in the {size}-article batch", file=sys.stderr)
    row = {
        "mode": mode,
        "articles_requested": size,
        "articles": s.get("articles"),
        "claims": s.get("claims"),
        "candidate_pairs": s.get("candidate_pairs"),
        "contradictions": s.get("contradictions"),
        "agreements": s.get("agreements"),
        "wall_s": round(result.seconds, 2),
        "checker_s": s.get("seconds"),
        "peak_memory_mb": round(result.peak_memory_bytes / 2**20, 1),
        "extrapolated": False,
    }
    if row["candidate_pairs"] and result.seconds > 0:
        row["pairs_per_s"] = round(row["candidate_pairs"] / result.seconds, 1)
    return row


def extra_pair_rate(topk: dict[int, dict[str, Any]], allp: dict[int, dict[str, Any]]) -> tuple[float, str] | None:
    """NLI throughput for the pairs all-pairs adds, from the largest size measured in both modes.

    The two modes share ingest, claim extraction and embedding; they differ in
    the number of pairs sent to the NLI model, so
    r = (P_all - P_topk) / (t_all - t_topk).
    """
    both = sorted(n for n in allp if n in topk)
    if not both:
        return None
    ref = both[-1]
    extra_pairs = (allp[ref]["candidate_pairs"] or 0) - (topk[ref]["candidate_pairs"] or 0)
    extra_time = allp[ref]["wall_s"] - topk[ref]["wall_s"]
    if extra_pairs > 0 and extra_time > 0:
        return extra_pairs / extra_time, f"extra-pair NLI throughput measured at {ref} articles"
    # all-pairs was not slower (tiny batch, noise): fall back to its overall throughput
    if allp[ref]["wall_s"] and allp[ref]["candidate_pairs"]:
        return allp[ref]["candidate_pairs"] / allp[ref]["wall_s"], f"overall all-pairs throughput at {ref} articles"
    return None


def predict_all_pairs_seconds(topk_row: dict[str, Any], pairs: int, rate: float) -> float:
    """t_all(N) = t_topk(N) + (P_all(N) - P_topk(N)) / r."""
    return topk_row["wall_s"] + max(0, pairs - (topk_row["candidate_pairs"] or 0)) / rate


def extrapolate_all_pairs(
    topk: dict[int, dict[str, Any]], allp: dict[int, dict[str, Any]], pair_counts: dict[int, tuple[int, str]]
) -> list[dict[str, Any]]:
    """All-pairs rows (marked extrapolated) for sizes that only ran in top-k mode; see extra_pair_rate."""
    found = extra_pair_rate(topk, allp)
    if found is None:
        return []
    rate, how = found
    rows = []
    for n, row in sorted(topk.items()):
        if n in allp or n not in pair_counts:
            continue
        pairs, pairs_how = pair_counts[n]
        rows.append(
            {
                "mode": "all-pairs",
                "articles_requested": n,
                "articles": row["articles"],
                "claims": row["claims"],
                "candidate_pairs": pairs,
                "wall_s": round(predict_all_pairs_seconds(row, pairs, rate), 1),
                "peak_memory_mb": None,
                "extrapolated": True,
                "pairs_per_s": round(rate, 1),
                "method": f"pairs: {pairs_how}; time: top-k time + extra pairs / {rate:.1f} pairs/s ({how})",
            }
        )
    return rows


def compare(topk: dict[int, dict[str, Any]], allp_rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for row in sorted(allp_rows, key=lambda r: r["articles_requested"]):
        n = row["articles_requested"]
        base = topk.get(n)
        if not base:
            continue
        out.append(
            {
                "articles": n,
                "nli_pairs_topk": base["candidate_pairs"],
                "nli_pairs_all": row["candidate_pairs"],
                "pair_ratio": round(row["candidate_pairs"] / base["candidate_pairs"], 1)
                if base["candidate_pairs"]
                else None,
                "wall_s_topk": base["wall_s"],
                "wall_s_all": row["wall_s"],
                "time_ratio": round(row["wall_s"] / base["wall_s"], 1) if base["wall_s"] else None,
                "extrapolated": row["extrapolated"],
            }
        )
    return out


def dev_recall(cli_args: list[str], timeout: float | None) -> dict[str, Any]:
    from conflicts import run_devset

    out = {}
    for mode, extra in (("top-k", []), ("all-pairs", ["--all-pairs"])):
        print(f"scoring dev clusters ({mode}) ...", file=sys.stderr, flush=True)
        res = run_devset(DEV_CLUSTERS, [*cli_args, *extra], timeout=timeout, progress=False)
        sc = res["scores"]
        out[mode] = {
            "seconds": res["seconds_total"],
            "candidate_pairs": sum(r["candidate_pairs"] or 0 for r in res["runs"]),
            "contradict": {k: sc["contradict"][k] for k in ("support", "tp", "fp", "fn", "precision", "recall", "f1")},
            "agree": {k: sc["agree"][k] for k in ("support", "tp", "fp", "fn", "precision", "recall", "f1")},
            "unlabelled_contradictions": sc["unlabelled_contradictions"],
        }
    return out


# --------------------------------------------------------------------------- profile


# Frames that wrap the whole run (interpreter, runpy, the CLI framework): they
# always top a cumulative listing and say nothing, so they are left out.
_WRAPPER_FILES = ("runpy", "typer/", "click/", "<string>", "consistency/__main__.py", "consistency/cli.py")


def profile_top(prof_file: Path, n: int = PROFILE_TOP, only_project: bool = False) -> list[dict[str, Any]]:
    """Top `n` functions by cumulative time, wrapper frames left out (or only consistency/ code)."""
    stats = pstats.Stats(str(prof_file))
    rows = []
    for (filename, line, func), (cc, nc, tt, ct, _callers) in stats.stats.items():  # type: ignore[attr-defined]
        if filename == "~" or any(w in filename for w in _WRAPPER_FILES):
            continue
        short = _short_path(filename)
        if only_project and not short.startswith("consistency/"):
            continue
        rows.append(
            {
                "function": func,
                "file": short,
                "line": line,
                "ncalls": nc,
                "primitive_calls": cc,
                "tottime_s": round(tt, 3),
                "cumtime_s": round(ct, 3),
            }
        )
    rows.sort(key=lambda r: r["cumtime_s"], reverse=True)
    return rows[:n]


def _short_path(filename: str) -> str:
    for marker in ("site-packages/", str(REPO) + "/"):
        if marker in filename:
            return filename.split(marker, 1)[1]
    return filename


def run_profile(
    size: int, clusters: list[tuple[str, str, list[Path]]], out_dir: Path, cli_args: list[str], timeout: float | None
) -> dict[str, Any]:
    batch = build_batch(clusters, size)
    prof = out_dir / f"profile-{size}.prof"
    with tempfile.TemporaryDirectory(prefix="consistency-scale-") as tmp:
        folder = materialize(batch, Path(tmp) / f"batch-{size}")
        print(f"profiling the {size}-article run ...", file=sys.stderr, flush=True)
        report, result = run_checker(
            [str(folder)], f"the {size}-article batch (cProfile)", cli_args, timeout=timeout, profile_out=str(prof)
        )
    return {
        "articles": report["summary"].get("articles"),
        "wall_s_under_profiler": round(result.seconds, 2),
        "profile_file": str(prof),
        "top_cumulative": profile_top(prof),
        "top_cumulative_project": profile_top(prof, only_project=True),
    }


# --------------------------------------------------------------------------- outputs


def write_png(rows: list[dict[str, Any]], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, (ax_t, ax_p) = plt.subplots(1, 2, figsize=(11, 4.2))
    styles = {"top-k": ("tab:blue", "o"), "all-pairs": ("tab:red", "s")}
    for mode, (colour, marker) in styles.items():
        measured = sorted(
            (r for r in rows if r["mode"] == mode and not r["extrapolated"]), key=lambda r: r["articles"] or 0
        )
        guessed = sorted((r for r in rows if r["mode"] == mode and r["extrapolated"]), key=lambda r: r["articles"] or 0)
        for ax, key in ((ax_t, "wall_s"), (ax_p, "candidate_pairs")):
            if measured:
                ax.plot(
                    [r["articles"] for r in measured],
                    [r[key] for r in measured],
                    marker=marker,
                    color=colour,
                    label=f"{mode} (measured)",
                )
            if guessed:
                xs = [r["articles"] for r in guessed]
                ys = [r[key] for r in guessed]
                if measured:  # dashed line from the last measured point
                    xs, ys = [measured[-1]["articles"], *xs], [measured[-1][key], *ys]
                ax.plot(
                    xs,
                    ys,
                    linestyle="--",
                    marker=marker,
                    markerfacecolor="none",
                    color=colour,
                    label=f"{mode} (extrapolated)",
                )
    ax_t.set(xscale="log", yscale="log", xlabel="articles", ylabel="wall time (s)", title="End-to-end time")
    ax_p.set(xscale="log", yscale="log", xlabel="articles", ylabel="claim pairs sent to NLI", title="NLI pairs")
    for ax in (ax_t, ax_p):
        ax.grid(True, which="both", alpha=0.3)
        ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)


def _f(x: Any) -> str:
    if x is None:
        return "–"
    if isinstance(x, float):
        return f"{x:,.2f}" if x < 100 else f"{x:,.0f}"
    if isinstance(x, int):
        return f"{x:,}"
    return str(x)


DEV_HEADER = (
    "mode",
    "NLI pairs",
    "contradiction P",
    "contradiction R",
    "contradiction F1",
    "agreement R",
    "unlabelled contradictions",
    "s",
)


def write_md(result: dict[str, Any], path: Path) -> None:
    m = result["machine"]
    out = [
        "# Scale benchmark",
        "",
        f"Machine: {m['cpu']} ({', '.join(m.get('cpu_flags', [])) or 'no AVX2'}), "
        f"{m['usable_cpus']} usable of {m['logical_cpus']} logical CPUs, "
        f"{m['ram_gib']} GiB RAM, {m['os']}, Python {m['python']}. CPU only.",
        "",
        f"Checker arguments: `{' '.join(result['cli_args']) or '(defaults)'}`. "
        "Batches: real articles from `shared/data/news` (ecbplus, then gvc; whole clusters in sorted order, "
        "the last one cut to the size). Wall time includes interpreter start-up and model loading; peak "
        "memory is the checker's process tree (PSS: pages its parse workers share with it count once).",
        "",
    ]

    def run_row(r: dict[str, Any]) -> tuple[str, ...]:
        mark = " (extrapolated)" if r["extrapolated"] else ""
        clusters = result["batches"].get(str(r["articles_requested"]), {}).get("clusters")
        cells = (r["articles"], clusters, r["claims"], r["candidate_pairs"], r.get("contradictions"), r["wall_s"])
        return (f"{r['mode']}{mark}", *map(_f, cells), _f(r["peak_memory_mb"]))

    def comparison_row(c: dict[str, Any]) -> tuple[str, ...]:
        mark = " *" if c["extrapolated"] else ""
        pairs = (_f(c["articles"]), _f(c["nli_pairs_topk"]), _f(c["nli_pairs_all"]) + mark, _f(c["pair_ratio"]))
        return (*pairs, _f(c["wall_s_topk"]), _f(c["wall_s_all"]) + mark, _f(c["time_ratio"]))

    def dev_row(mode: str, d: dict[str, Any]) -> tuple[str, ...]:
        c = d["contradict"]
        cells = (d["candidate_pairs"], c["precision"], c["recall"], c["f1"], d["agree"]["recall"])
        return (mode, *map(_f, (*cells, d["unlabelled_contradictions"], d["seconds"])))

    out += table(
        ("mode", "articles", "clusters", "claims", "NLI pairs", "contradictions", "wall s", "peak memory MB"),
        map(run_row, result["runs"]),
    )
    if result["comparison"]:
        out += ["", "## Nearest-neighbour pairing vs all pairs", ""]
        out += table(
            ("articles", "NLI pairs top-k", "NLI pairs all", "pair ratio", "wall s top-k", "wall s all", "time ratio"),
            map(comparison_row, result["comparison"]),
            left=0,
        )
        notes = [r["method"] for r in result["runs"] if r["extrapolated"]]
        if notes:
            out += ["", f"\\* extrapolated, not measured: {notes[0]}."]
    if result.get("dev"):
        out += ["", "## Recall on the dev clusters", ""]
        out += table(DEV_HEADER, (dev_row(mode, d) for mode, d in result["dev"].items()))
    out += ["", "![time vs articles](scale.png)", ""]
    path.write_text("\n".join(out), encoding="utf-8")


# --------------------------------------------------------------------------- main


def _sizes(text: str) -> list[int]:
    try:
        sizes = sorted({int(x) for x in text.split(",") if x.strip()})
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a comma-separated list of integers: {text!r}") from None
    if not sizes or sizes[0] < 1:
        raise argparse.ArgumentTypeError("sizes must be positive integers")
    return sizes


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=_sizes, default=[10, 100, 1000], help="batch sizes (default 10,100,1000)")
    ap.add_argument(
        "--all-pairs-sizes",
        type=_sizes,
        default=[10, 100],
        help="sizes to also run with --all-pairs (default 10,100); larger sizes are extrapolated",
    )
    ap.add_argument("--no-all-pairs", action="store_true", help="skip the all-pairs comparison")
    ap.add_argument(
        "--all-pairs-budget",
        type=float,
        default=3600,
        help="seconds; an all-pairs run predicted (from a smaller one) to take longer is extrapolated, not run "
        "(default 3600)",
    )
    ap.add_argument("--skip-dev", action="store_true", help="skip scoring the dev clusters in both modes")
    ap.add_argument("--out-dir", type=Path, default=REPO / "benchmarks" / "results")
    ap.add_argument("--cli-args", default="", help="extra checker arguments for every run, one string")
    ap.add_argument("--news-dir", type=Path, default=NEWS, help=f"news corpus root (default {NEWS})")
    ap.add_argument("--timeout", type=float, help="seconds allowed per checker run")
    ap.add_argument("--keep-reports", action="store_true", help="save each run's JSON report in --out-dir")
    ap.add_argument("--list", action="store_true", help="print the batches and exit without running anything")
    ap.add_argument(
        "--profile",
        action="store_true",
        help="only profile one run (the largest size) under cProfile and print the top 15 cumulative entries",
    )
    args = ap.parse_args(glue_cli_args(sys.argv[1:] if argv is None else argv))
    cli_args = shlex.split(args.cli_args)

    try:
        clusters = list_clusters(args.news_dir)
        batches = {n: build_batch(clusters, n) for n in sorted(set(args.sizes) | set(args.all_pairs_sizes))}
    except (FileNotFoundError, ValueError) as exc:
        fail(str(exc), 2)
    if args.list:
        print(
            json.dumps(
                {
                    str(n): {**describe_batch(b), "clusters_used": [f"{c}/{name}" for c, name, _ in b]}
                    for n, b in batches.items()
                },
                indent=2,
            )
        )
        return 0
    args.out_dir.mkdir(parents=True, exist_ok=True)

    try:
        if args.profile:
            result = {
                "machine": machine_info(),
                "cli_args": cli_args,
                **run_profile(max(args.sizes), clusters, args.out_dir, cli_args, args.timeout),
            }
            print(json.dumps(result, indent=2))
            return 0

        runs: list[dict[str, Any]] = []
        topk: dict[int, dict[str, Any]] = {}
        allp: dict[int, dict[str, Any]] = {}
        pair_counts: dict[int, tuple[int, str]] = {}
        with tempfile.TemporaryDirectory(prefix="consistency-scale-") as tmp:
            sizes = args.sizes if args.no_all_pairs else sorted(set(args.sizes) | set(args.all_pairs_sizes))
            for n in sizes:
                folder = materialize(batches[n], Path(tmp) / f"batch-{n}")
                keep = args.out_dir / f"report-{n}-topk.json" if args.keep_reports else None
                topk[n] = one_run(folder, n, "top-k", cli_args, args.timeout, keep)
                runs.append(topk[n])
                if args.no_all_pairs:
                    continue
                if n in args.all_pairs_sizes:
                    found = extra_pair_rate(topk, allp)
                    if found:  # a smaller size already ran in both modes: is this one affordable?
                        counts = estimate_all_pairs(
                            topk[n]["claims"] or 0, topk[n]["articles"] or 0, claims_per_article(folder)
                        )
                        guess = predict_all_pairs_seconds(topk[n], counts[0], found[0])
                        if guess > args.all_pairs_budget:
                            print(
                                f"skipping all-pairs on {n} articles: about {guess:,.0f} s for {counts[0]:,} pairs "
                                f"is over --all-pairs-budget {args.all_pairs_budget:,.0f} s; extrapolating instead",
                                file=sys.stderr,
                            )
                            pair_counts[n] = counts
                            continue
                    keep = args.out_dir / f"report-{n}-all.json" if args.keep_reports else None
                    allp[n] = one_run(folder, n, "all-pairs", cli_args, args.timeout, keep)
                    # the formula used for extrapolated sizes, checked against this measured count
                    counts = claims_per_article(folder)
                    allp[n]["pairs_by_formula"] = cross_pairs(counts) if counts else None
                    runs.append(allp[n])
                else:
                    pair_counts[n] = estimate_all_pairs(
                        topk[n]["claims"] or 0, topk[n]["articles"] or 0, claims_per_article(folder)
                    )
        extrapolated = [] if args.no_all_pairs else extrapolate_all_pairs(topk, allp, pair_counts)
        runs.extend(extrapolated)
        dev = None if args.skip_dev else dev_recall(cli_args, args.timeout)
    except CheckerError as exc:
        fail(str(exc), 1)
    except DevsetError as exc:
        fail(str(exc), 2)

    result = {
        "machine": machine_info(),
        "cli_args": cli_args,
        "batches": {str(n): describe_batch(b) for n, b in batches.items()},
        "runs": runs,
        "comparison": compare(topk, [*allp.values(), *extrapolated]),
        "dev": dev,
    }
    print(json.dumps(result, indent=2))
    (args.out_dir / "scale.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    write_md(result, args.out_dir / "scale.md")
    write_png(runs, args.out_dir / "scale.png")
    print(f"wrote {args.out_dir / 'scale.md'} and {args.out_dir / 'scale.png'}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
