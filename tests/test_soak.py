"""Short soak (benchmarks/soak.py at 20 real articles + 2 bad inputs, one CLI run).

Why: the full soak (3,000 articles) takes most of an hour on 2 cores; this
keeps its contract under test on every run: exit 2, each bad file named once,
every good article reported, a schema-valid report. The expected figures are
written here by hand, not taken from the benchmark's own verdict.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "benchmarks"))

import soak  # noqa: E402

needs_news = pytest.mark.skipif(not soak.NEWS.is_dir(), reason="../shared/data/news is not beside the repo")


@needs_news
def test_inputs_repeat_the_corpus_with_distinct_ids_and_dates(tmp_path: Path) -> None:
    corpus = soak.news_articles()
    inputs = soak.build_inputs(tmp_path / "in", len(corpus) + 3, bad_fraction=0.0)
    assert len(inputs.good_ids) == len(set(inputs.good_ids)) == len(corpus) + 3
    assert inputs.bad_files == []
    first = json.loads(corpus[0].read_text(encoding="utf-8"))
    assert inputs.good_ids[len(corpus)] == f"{first['id']}~r1"
    again = next((tmp_path / "in" / "good" / "r1").rglob(corpus[0].name))
    copy = json.loads(again.read_text(encoding="utf-8"))
    assert copy["text"] == first["text"]
    if first.get("published"):
        assert copy["published"] != first["published"]


@needs_news
def test_short_soak_20_articles_2_bad(tmp_path: Path) -> None:
    inputs = soak.build_inputs(tmp_path / "in", 20, bad_fraction=0.1)
    assert [p.name for p in inputs.bad_files] == ["empty-0000.txt", "binary-0001.txt"]
    report_path = tmp_path / "r.json"
    schema = soak.schema_from_cli()
    run = soak.run_checker_full([str(inputs.folder)], report_path, timeout=600)
    assert run["returncode"] == 2, run["stderr"][-2000:]
    assert "Traceback" not in run["stderr"]
    errors = [line for line in run["stderr"].splitlines() if line.startswith("error:")]
    assert sorted(errors) == sorted(
        [
            f"error: {inputs.bad_files[0]}: empty file",
            f"error: {inputs.bad_files[1]}: binary file (contains NUL bytes), not text",
        ]
    )
    report = json.loads(report_path.read_text(encoding="utf-8"))
    assert sorted(a["id"] for a in report["articles"]) == sorted(inputs.good_ids)
    assert len(report["problems"]) == 2
    verdict = soak.judge(inputs, run, report_path, schema)
    assert verdict["schema_errors"] == []
    assert soak.passed(verdict, 2)
    assert run["peak_memory_bytes"] > 100 * 2**20, "the sampler saw the models loaded"
