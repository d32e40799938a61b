#!/usr/bin/env python3
"""Soak: thousands of real articles mixed with 5% bad inputs in one checker run.

    python benchmarks/soak.py                      # 1,000 then 3,000 articles (+5% bad each)
    python benchmarks/soak.py --sizes 3000         # one run
    python benchmarks/soak.py --sizes 200 --bad-fraction 0.1

Each size builds a folder of N good articles, copied from ../shared/data/news
(every corpus, clusters in sorted order; when N is larger than the corpus the
articles are repeated with a distinct id `<id>~rK` and the publication date
moved K weeks, so no two inputs are identical files), plus round(N * 5%) bad
inputs of a dozen kinds (empty, binary, Latin-1, broken JSON, JSON without
text, broken front matter, HTML with no article, a 50 MB file, a symlink loop,
broken UTF-16, a JSONL file of only bad lines). The checker then runs once
over the folder and the run is judged on the contract:

- exit status 2 (bad input);
- every bad file named exactly once on stderr, and nothing else reported;
- every good article in the JSON report (by id);
- the JSON report valid against the schema printed by `consistency schema`;
- peak memory of the process tree (PSS sampled every 0.5 s, as scale.py) and
  the child's maximum RSS from the OS.

With two or more sizes, memory flatness is the growth of peak memory per
extra article (and per extra claim) between the smallest and largest run.

Prints JSON on stdout; exit status 1 when any run breaks the contract.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _runner import POLL_SECONDS, REPO, SHARED, _tree_memory, checker_command, machine_info

NEWS = SHARED / "data" / "news"
BIG_FILE_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True)
class SoakInputs:
    folder: Path
    good_ids: list[str]
    bad_files: list[Path]


def news_articles(news_dir: Path = NEWS) -> list[Path]:
    """Every article file of the shared news corpus, in a fixed order."""
    if not news_dir.is_dir():
        raise FileNotFoundError(f"news corpus not found at {news_dir} (see ../shared/data/news/README.md)")
    return sorted(news_dir.glob("*/*/*.json"))


def _bad_writers(folder: Path) -> list[tuple[str, Any]]:
    """(file name, how to create it): each must be refused with one message naming it."""

    def text(name: str, content: str | bytes) -> tuple[str, Any]:
        data = content.encode("utf-8") if isinstance(content, str) else content
        return name, lambda path: path.write_bytes(data)

    def big(path: Path) -> None:
        with path.open("wb") as handle:
            handle.write(b"Officials said drones were launched.\n" * (BIG_FILE_BYTES // 37 + 1))

    def loop(path: Path) -> None:
        path.symlink_to(path.name)

    return [
        text("empty.txt", ""),
        text("binary.txt", b"\x00\x01\x02binary\x00"),
        text("latin1.txt", "Caf\u00e9 owners said 40 people came.".encode("latin-1")),
        text("malformed.json", '{"text": "unterminated'),
        text("notext.json", json.dumps({"id": "x", "title": "no text"})),
        text("badfront.md", "---\ntitle: [unclosed\n---\nOfficials said 40 people came.\n"),
        text("scripts.html", "<html><body><script>var n = 157;</script></body></html>"),
        text("badlines.jsonl", "{broken\n{also broken\n"),
        text("bad16.txt", b"\xff\xfe" + "Officials".encode("utf-16-le") + b"\x00\xd8"),
        ("big.txt", big),
        ("loop.txt", loop),
    ]


def build_inputs(dest: Path, n_good: int, bad_fraction: float = 0.05, news_dir: Path = NEWS) -> SoakInputs:
    """Write N good articles and round(N * bad_fraction) bad inputs (at most one 50 MB file) into `dest`."""
    sources = news_articles(news_dir)
    good_dir, bad_dir = dest / "good", dest / "bad"
    good_dir.mkdir(parents=True)
    bad_dir.mkdir()
    good_ids: list[str] = []
    for i in range(n_good):
        round_no, index = divmod(i, len(sources))
        src = sources[index]
        record = json.loads(src.read_text(encoding="utf-8"))
        if round_no:
            record["id"] = f"{record['id']}~r{round_no}"
            if record.get("published"):
                shifted = date.fromisoformat(record["published"]) + timedelta(weeks=round_no)
                record["published"] = shifted.isoformat()
        sub = good_dir / f"r{round_no}" / src.parent.parent.name / src.parent.name
        sub.mkdir(parents=True, exist_ok=True)
        (sub / src.name).write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
        good_ids.append(record["id"])
    writers = _bad_writers(bad_dir)
    bad_files: list[Path] = []
    for k in range(round(n_good * bad_fraction)):
        name, write = writers[k % len(writers)]
        if name == "big.txt" and k >= len(writers):
            name, write = writers[0]  # one 50 MB file is enough
        stem, suffix = os.path.splitext(name)
        path = bad_dir / f"{stem}-{k:04d}{suffix}"
        write(path)
        bad_files.append(path)
    return SoakInputs(dest, good_ids, bad_files)


def run_checker_full(inputs: list[str], report: Path, timeout: float | None = None) -> dict[str, Any]:
    """One checker run with full stderr kept (scale's runner keeps only a tail) and peak memory sampled."""
    cmd = checker_command(inputs, str(report))
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    with tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        child = subprocess.Popen(
            cmd, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=err, stdin=subprocess.DEVNULL
        )
        proc = psutil.Process(child.pid)
        peak = 0
        while True:
            # wait4 gives this child's own maximum RSS (getrusage would mix all children)
            pid, status, usage = os.wait4(child.pid, os.WNOHANG)
            if pid:
                child.returncode = returncode = os.waitstatus_to_exitcode(status)
                break
            peak = max(peak, _tree_memory(proc))
            if timeout is not None and time.perf_counter() - started > timeout:
                child.kill()
                child.wait()
                raise TimeoutError(f"checker ran over {timeout:.0f} s")
            time.sleep(POLL_SECONDS)
        seconds = time.perf_counter() - started
        err.seek(0)
        stderr = err.read().decode("utf-8", errors="replace")
    return {
        "returncode": returncode,
        "seconds": round(seconds, 1),
        "peak_memory_bytes": peak,
        "max_rss_bytes": usage.ru_maxrss * 1024,  # kilobytes on Linux
        "stderr": stderr,
    }


def schema_from_cli() -> dict[str, Any]:
    """The report schema exactly as `consistency schema` prints it."""
    out = subprocess.run(
        [sys.executable, "-m", "consistency", "schema"], cwd=REPO, capture_output=True, text=True, check=True
    )
    schema: dict[str, Any] = json.loads(out.stdout)
    return schema


def judge(
    inputs: SoakInputs, run: dict[str, Any], report_path: Path, schema: dict[str, Any] | None = None
) -> dict[str, Any]:
    """Check one run against the contract; every list here should be empty.

    `schema` should be read before the run (`schema_from_cli`), so that report and
    schema come from the same checkout even if it is edited during a long run.
    """
    from jsonschema import Draft202012Validator

    errors = [line for line in run["stderr"].splitlines() if line.startswith("error:")]
    named = {str(p): sum(1 for line in errors if line.startswith(f"error: {p}:")) for p in inputs.bad_files}
    unexplained = [
        line
        for line in errors
        if not any(line.startswith(f"error: {p}:") for p in inputs.bad_files)
        and not line.startswith("error: no readable")
    ]
    report = json.loads(report_path.read_text(encoding="utf-8")) if report_path.exists() else {}
    validator = Draft202012Validator(schema or schema_from_cli(), format_checker=Draft202012Validator.FORMAT_CHECKER)
    schema_errors = [e.message for e in validator.iter_errors(report)][:10]
    reported = {a["id"] for a in report.get("articles", [])}
    return {
        "exit_status_ok": run["returncode"] == 2,
        "bad_not_named_once": sorted(Path(p).name for p, n in named.items() if n != 1),
        "unexplained_errors": unexplained[:10],
        "good_missing_from_report": sorted(set(inputs.good_ids) - reported)[:10],
        "good_missing_count": len(set(inputs.good_ids) - reported),
        "problems_in_report": len(report.get("problems", [])),
        "schema_errors": schema_errors,
        "traceback": "Traceback" in run["stderr"],
        "summary": report.get("summary", {}),
    }


def passed(verdict: dict[str, Any], n_bad: int) -> bool:
    return (
        verdict["exit_status_ok"]
        and not verdict["bad_not_named_once"]
        and not verdict["unexplained_errors"]
        and verdict["good_missing_count"] == 0
        and verdict["problems_in_report"] == n_bad
        and not verdict["schema_errors"]
        and not verdict["traceback"]
    )


def soak_one(n_good: int, bad_fraction: float, news_dir: Path, timeout: float | None) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="consistency-soak-") as tmp:
        inputs = build_inputs(Path(tmp) / "in", n_good, bad_fraction, news_dir)
        report_path = Path(tmp) / "report.json"
        schema = schema_from_cli()
        run = run_checker_full([str(inputs.folder)], report_path, timeout)
        verdict = judge(inputs, run, report_path, schema)
    return {
        "articles": n_good,
        "bad_inputs": len(inputs.bad_files),
        "seconds": run["seconds"],
        "peak_memory_mb": round(run["peak_memory_bytes"] / 2**20, 1),
        "max_rss_mb": round(run["max_rss_bytes"] / 2**20, 1),
        "claims": verdict["summary"].get("claims"),
        "passed": passed(verdict, len(inputs.bad_files)),
        **{k: v for k, v in verdict.items() if k != "summary"},
    }


def flatness(runs: list[dict[str, Any]]) -> dict[str, Any] | None:
    """Peak-memory growth per extra article / claim between the smallest and largest run."""
    runs = [r for r in runs if r["claims"]]  # a run that wrote no report has no figures
    if len(runs) < 2:
        return None
    small, large = min(runs, key=lambda r: r["articles"]), max(runs, key=lambda r: r["articles"])
    extra_articles = large["articles"] - small["articles"]
    extra_claims = (large["claims"] or 0) - (small["claims"] or 0)
    growth = (large["peak_memory_mb"] - small["peak_memory_mb"]) * 2**20
    return {
        "from_articles": small["articles"],
        "to_articles": large["articles"],
        "peak_growth_mb": round(growth / 2**20, 1),
        "growth_per_article_kb": round(growth / extra_articles / 1024, 1) if extra_articles else None,
        "growth_per_claim_kb": round(growth / extra_claims / 1024, 2) if extra_claims else None,
        "note": "the batch's own data grows with it: texts, claims, a 384-float embedding per claim, findings",
    }


def _sizes(text: str) -> list[int]:
    try:
        sizes = [int(x) for x in text.split(",") if x.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a comma-separated list of integers: {text!r}") from None
    if not sizes or any(s < 1 for s in sizes):
        raise argparse.ArgumentTypeError("sizes must be positive integers")
    return sizes


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=_sizes, default=[1000, 3000], help="good articles per run (default 1000,3000)")
    ap.add_argument("--bad-fraction", type=float, default=0.05, help="bad inputs per good article (default 0.05)")
    ap.add_argument("--news-dir", type=Path, default=NEWS, help=f"news corpus root (default {NEWS})")
    ap.add_argument("--timeout", type=float, help="seconds allowed per checker run")
    args = ap.parse_args(argv)
    runs = []
    for n in args.sizes:
        runs.append(soak_one(n, args.bad_fraction, args.news_dir, args.timeout))
        print(json.dumps(runs[-1]), file=sys.stderr, flush=True)  # each run as it ends: long runs can be cut short
    result = {
        "machine": machine_info(),
        "bad_fraction": args.bad_fraction,
        "runs": runs,
        "memory_flatness": flatness(runs),
        "passed": all(r["passed"] for r in runs),
    }
    print(json.dumps(result, indent=1, ensure_ascii=False))
    return 0 if result["passed"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
