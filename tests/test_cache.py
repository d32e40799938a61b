"""The score cache: exact reuse across runs, a size bound, concurrent and interrupted writers."""

from __future__ import annotations

import json
import multiprocessing
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from clirun import EXAMPLE, run_cli

from consistency.cache import FILE_NAME, CacheError, ScoreCache, cached_rows, digest
from consistency.embeddings import Embedder
from consistency.nli import DEFAULT_NLI_MODEL, NLIModel

DEV = Path(__file__).resolve().parents[2] / "shared" / "data" / "nli" / "dev.jsonl"


def test_values_round_trip_per_namespace(tmp_path: Path) -> None:
    cache = ScoreCache(tmp_path)
    cache.put("nli", [(digest("a"), b"1"), (digest("b"), b"2")])
    cache.put("embedding", [(digest("a"), b"3")])
    assert cache.get("nli", [digest("a"), digest("b"), digest("c")]) == {digest("a"): b"1", digest("b"): b"2"}
    assert cache.get("embedding", [digest("a")]) == {digest("a"): b"3"}
    assert cache.stats().entries == {"embedding": 1, "nli": 2}
    assert cache.clear() == 3 and cache.stats().entries == {}


def test_digest_is_unambiguous() -> None:
    assert digest("ab", "c") != digest("a", "bc")
    assert digest("x") == digest("x")


def test_cached_rows_computes_only_what_is_missing(tmp_path: Path) -> None:
    cache = ScoreCache(tmp_path)
    asked: list[list[int]] = []

    def compute(indices: list[int]) -> np.ndarray:
        asked.append(indices)
        return np.array([[float(len(keys[i][0])), 0.5] for i in indices])

    keys = [("one",), ("three",)]
    first = cached_rows(cache, "t", "model-1", keys, 2, np.float64, compute)
    keys = [("three",), ("seven",), ("one",)]
    second = cached_rows(cache, "t", "model-1", keys, 2, np.float64, compute)
    assert asked == [[0, 1], [1]]  # "seven" only, the second time
    assert second.tolist() == [[5.0, 0.5], [5.0, 0.5], [3.0, 0.5]] and first.tolist()[0] == [3.0, 0.5]
    cached_rows(cache, "t", "model-2", [("one",)], 2, np.float64, compute)  # another model: a miss
    assert asked[-1] == [0]


def test_the_size_bound_drops_the_least_recently_used(tmp_path: Path) -> None:
    cache = ScoreCache(tmp_path, max_mb=1)
    old, kept = digest("old"), digest("kept")
    cache.put("t", [(old, b"x" * 300_000), (kept, b"y" * 300_000)])
    cache._db.execute("UPDATE entries SET used = 0 WHERE key = ?", [old])  # make it the oldest
    cache.put("t", [(digest(f"new{i}"), b"z" * 300_000) for i in range(2)])  # 1.2 MB > 1 MB
    left = cache.get("t", [old, kept, digest("new0"), digest("new1")])
    assert old not in left and kept in left and len(left) == 3


def _writer(folder: str, start: int) -> None:
    cache = ScoreCache(Path(folder))
    for i in range(start, start + 300, 20):
        cache.put("t", [(digest(str(k)), str(k).encode()) for k in range(i, i + 20)])


def test_concurrent_runs_share_one_file(tmp_path: Path) -> None:
    context = multiprocessing.get_context("spawn")
    writers = [context.Process(target=_writer, args=(str(tmp_path), start)) for start in (0, 300, 600)]
    for process in writers:
        process.start()
    for process in writers:
        process.join(120)
        assert process.exitcode == 0
    found = ScoreCache(tmp_path).get("t", [digest(str(k)) for k in range(900)])
    assert len(found) == 900 and found[digest("451")] == b"451"


def test_a_killed_writer_leaves_whole_entries(tmp_path: Path) -> None:
    script = (
        "import sys; from pathlib import Path; from consistency.cache import ScoreCache, digest\n"
        "c = ScoreCache(Path(sys.argv[1]))\n"
        "print('ready', flush=True)\n"
        "for i in range(100000): c.put('t', [(digest(str(i) + str(k)), b'v' * 1000) for k in range(50)])\n"
    )
    process = subprocess.Popen([sys.executable, "-c", script, str(tmp_path)], stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None and process.stdout.readline().strip() == "ready"
    while not (tmp_path / FILE_NAME).exists() or ScoreCache(tmp_path).stats().entries.get("t", 0) < 500:
        pass
    process.send_signal(signal.SIGKILL)
    process.wait(30)
    db = sqlite3.connect(tmp_path / FILE_NAME)
    assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    (count,) = db.execute("SELECT COUNT(*) FROM entries").fetchone()
    assert count % 50 == 0  # each put is one transaction: all of its 50 entries or none
    assert db.execute("SELECT COUNT(*) FROM entries WHERE LENGTH(value) != 1000").fetchone() == (0,)


def test_an_unusable_folder_is_a_cache_error_naming_it(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(CacheError, match=str(blocker)):
        ScoreCache(blocker)


@pytest.mark.skipif(not DEV.exists(), reason="../shared/data/nli/dev.jsonl is not beside the repo")
@pytest.mark.parametrize("precision", ["fp32", "auto"])
def test_scores_do_not_depend_on_batch_partners(precision: str) -> None:
    """What makes reuse exact: a pair scored among others gets the bits it gets among different ones."""
    rows = [json.loads(line) for line in DEV.read_text("utf-8").splitlines()[:240]]
    premises, hypotheses = [r["premise"] for r in rows], [r["hypothesis"] for r in rows]
    some = random.Random(7).sample(range(len(rows)), 41)
    nli = NLIModel.from_pretrained(DEFAULT_NLI_MODEL, precision=precision)
    everything = nli.predict(premises, hypotheses)
    assert np.array_equal(everything[some], nli.predict([premises[i] for i in some], [hypotheses[i] for i in some]))
    embedder = Embedder.load(None, precision=precision)
    vectors = embedder.encode(premises)
    assert np.array_equal(vectors[some], embedder.encode([premises[i] for i in some]))


def test_a_warm_run_gives_the_cold_run_byte_for_byte(tmp_path: Path) -> None:
    """Cache a run on part of the example, then check all of it: the report a cold run writes."""
    part, full = tmp_path / "part", tmp_path / "full"
    shutil.copytree(EXAMPLE, full)
    shutil.copytree(EXAMPLE, part)
    (part / "daily-ledger.md").unlink()
    cache = tmp_path / "cache"
    args = ["-f", "json", "--no-timing", "--quiet", "--fail-on", "never"]
    assert run_cli("check", part, *args, "-o", tmp_path / "p.json", "--cache-dir", cache).returncode == 0
    warm = run_cli("check", full, *args, "-o", tmp_path / "warm.json", "--cache-dir", cache)
    cold = run_cli("check", full, *args, "-o", tmp_path / "cold.json")
    assert warm.returncode == cold.returncode == 0, warm.stderr + cold.stderr
    assert (tmp_path / "warm.json").read_bytes() == (tmp_path / "cold.json").read_bytes()
    info = run_cli("cache", "info", "--cache-dir", cache)
    assert info.returncode == 0 and "nli:" in info.stdout and "embedding:" in info.stdout
    cleared = run_cli("cache", "clear", "--cache-dir", cache)
    assert cleared.returncode == 0 and cleared.stdout.startswith("removed ")
    assert "nli:" not in run_cli("cache", "info", "--cache-dir", cache).stdout


def test_bad_cache_folders_exit_2_naming_them(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    article = tmp_path / "a.txt"
    article.write_text("The council approved 157 new homes on Monday.\n")
    result = run_cli("check", article, "--cache-dir", blocker, "--quiet", cwd=tmp_path)
    assert result.returncode == 2 and str(blocker) in result.stderr and "Traceback" not in result.stderr
    result = run_cli("cache", "info", "--cache-dir", tmp_path / "none", env={"HOME": os.fspath(tmp_path)})
    assert result.returncode == 2 and "no cache at" in result.stderr


def test_each_precision_is_its_own_model_in_the_cache() -> None:
    precisions = ("fp32", "bf16", "int8")
    identities = {p: NLIModel.from_pretrained(DEFAULT_NLI_MODEL, precision=p).identity for p in precisions}
    assert len(set(identities.values())) == 3  # int8 weights and bf16 kernels give other scores
    assert NLIModel.from_pretrained(DEFAULT_NLI_MODEL, precision="fp32").identity == identities["fp32"]
