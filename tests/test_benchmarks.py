"""Tests of the benchmark helpers, the dev-set labels and the bundled example (one runs the checker)."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import psutil
import pytest

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "benchmarks"))

import devset  # noqa: E402
import scale  # noqa: E402
from _runner import _tree_memory  # noqa: E402
from devset import DevsetError, LabelledPair, Side  # noqa: E402

DEV = REPO / "benchmarks" / "dev_clusters"
EXAMPLE = REPO / "examples" / "ukraine-troops"


# --------------------------------------------------------------------------- the dev set itself


@pytest.fixture(scope="module")
def dev():
    return devset.load_devset(DEV)


def test_dev_set_size_and_shape(dev):
    clusters, pairs = dev
    assert len(clusters) >= 12
    assert len(pairs) >= 80
    for name, articles in clusters.items():
        assert 2 <= len(articles) <= 4, name
        for article in articles.values():
            assert set(article) == set(devset.ARTICLE_KEYS)
    assert {p.cluster for p in pairs} == set(clusters), "every cluster has labelled pairs"


def test_every_labelled_sentence_is_copied_from_its_article(dev):
    clusters, pairs = dev
    for p in pairs:
        for side in (p.a, p.b):
            text = clusters[p.cluster][side.article]["text"]
            assert side.sentence in text
            assert devset.is_whole_sentence(text, side.sentence)


def test_dev_set_label_mix(dev):
    _, pairs = dev
    share = {lab: n / len(pairs) for lab, n in Counter(p.label for p in pairs).items()}
    assert 0.25 <= share["contradict"] <= 0.45
    assert 0.25 <= share["agree"] <= 0.45
    assert 0.2 <= share["neutral"] <= 0.4
    kinds = {p.kind for p in pairs}
    assert kinds == set(devset.FINDING_KINDS)  # "other" is for sets written elsewhere
    # hard negatives the set is meant to hold
    assert {(p.label, p.kind) for p in pairs} >= {
        ("agree", "unit"),
        ("agree", "numeric"),
        ("neutral", "numeric"),
        ("neutral", "quote"),
        ("contradict", "negation"),
        ("contradict", "entity"),
        ("contradict", "temporal"),
    }


# --------------------------------------------------------------------------- label loader


def _write_cluster(root: Path, text: str = "First sentence here. The count was 12 people.") -> None:
    folder = root / "c1"
    folder.mkdir(parents=True)
    for aid in ("x", "y"):
        (folder / f"{aid}.json").write_text(
            json.dumps({"id": aid, "title": "", "source": "S", "published": "2024-01-02", "url": None, "text": text})
        )


def _label(**over):
    obj = {
        "cluster": "c1",
        "a": {"article": "x", "sentence": "First sentence here."},
        "b": {"article": "y", "sentence": "The count was 12 people."},
        "label": "agree",
        "kind": "numeric",
    }
    obj.update(over)
    return json.dumps(obj)


def test_loader_accepts_a_valid_set(tmp_path):
    _write_cluster(tmp_path)
    (tmp_path / "labels.jsonl").write_text(_label(note="ok") + "\n\n")
    clusters, pairs = devset.load_devset(tmp_path)
    assert list(clusters) == ["c1"]
    assert pairs == [
        LabelledPair(
            1, "c1", Side("x", "First sentence here."), Side("y", "The count was 12 people."), "agree", "numeric", "ok"
        )
    ]


@pytest.mark.parametrize(
    "line, message",
    [
        (_label(b={"article": "y", "sentence": "The count was 13 people."}), "line 1: b: sentence not found verbatim"),
        (_label(b={"article": "y", "sentence": "count was 12 people."}), "line 1: b: not a whole sentence"),
        (_label(a={"article": "zz", "sentence": "First sentence here."}), "no article 'zz'"),
        (_label(cluster="nope"), "unknown cluster 'nope'"),
        (_label(label="contradiction"), "label 'contradiction' is not one of"),
        (_label(kind="number"), "kind 'number' is not one of"),
        (_label(extra=1), "unknown keys extra"),
        ("{not json", "line 1: malformed JSON"),
        (json.dumps({"cluster": "c1"}), "missing a, b, kind, label"),
    ],
)
def test_loader_names_the_problem_and_line(tmp_path, line, message):
    _write_cluster(tmp_path)
    (tmp_path / "labels.jsonl").write_text(line + "\n")
    with pytest.raises(DevsetError, match=message.replace("(", r"\(")):
        devset.load_devset(tmp_path)


def test_loader_reports_all_errors_and_duplicates(tmp_path):
    _write_cluster(tmp_path)
    (tmp_path / "labels.jsonl").write_text("\n".join([_label(), _label(label="bad"), _label()]) + "\n")
    with pytest.raises(DevsetError) as err:
        devset.load_devset(tmp_path)
    assert "2 problem(s)" in str(err.value)
    assert "line 3: same pair as line 1" in str(err.value)


def test_loader_rejects_bad_articles(tmp_path):
    folder = tmp_path / "c1"
    folder.mkdir()
    (folder / "x.json").write_text(json.dumps({"id": "x", "text": "Hi."}))
    (tmp_path / "labels.jsonl").write_text("")
    with pytest.raises(DevsetError, match="article is missing title, source, published, url"):
        devset.load_devset(tmp_path)


def test_is_whole_sentence():
    text = 'He left. The toll rose to 52 on Thursday. Then "It is over," she said.'
    assert devset.is_whole_sentence(text, "He left.")
    assert devset.is_whole_sentence(text, "The toll rose to 52 on Thursday.")
    assert devset.is_whole_sentence(text, 'Then "It is over," she said.')
    assert not devset.is_whole_sentence(text, "toll rose to 52 on Thursday.")
    assert not devset.is_whole_sentence(text, "The toll rose to 52")
    assert not devset.is_whole_sentence(text, "He left. The")


# --------------------------------------------------------------------------- matching and scoring

PAIR_C = LabelledPair(
    1,
    "c",
    Side("x", "Russia launched 157 drones overnight, the air force said."),
    Side("y", "Russia launched 150 drones overnight."),
    "contradict",
    "numeric",
)
PAIR_A = LabelledPair(
    2,
    "c",
    Side("x", "A total of 26 nations pledged support on Thursday."),
    Side("y", "Twenty-six countries pledged support."),
    "agree",
    "numeric",
)
PAIR_N = LabelledPair(
    3,
    "c",
    Side("x", "Air defences shot down 121 of the drones."),
    Side("y", "Russia launched 150 drones overnight."),
    "neutral",
    "numeric",
)
PAIR_Q = LabelledPair(
    4,
    "c",
    Side("x", "\u201cWe will win,\u201d the mayor said."),
    Side("y", "\u201cWe will lose,\u201d the rival said."),
    "contradict",
    "quote",
)


def _finding(verdict, a_article, a_text, b_article, b_text, kind="numeric"):
    return {
        "id": "0" * 16,
        "verdict": verdict,
        "kind": kind,
        "confidence": 0.9,
        "a": {"article": a_article, "text": a_text, "start": 0, "end": len(a_text), "speaker": None},
        "b": {"article": b_article, "text": b_text, "start": 0, "end": len(b_text), "speaker": None},
        "explanation": "test",
    }


def test_texts_match_containment_both_ways_and_short_fragments():
    s = "Russia launched 157 drones overnight, the air force said."
    assert devset.texts_match(s, s)
    assert devset.texts_match("Russia launched 157 drones overnight", s)  # claim inside sentence
    assert devset.texts_match("Late news. " + s + " More.", s)  # sentence inside claim
    assert devset.texts_match("the  air\nforce said.", s)  # whitespace normalised
    assert not devset.texts_match("157 drones", s)  # fragment too short to count
    assert not devset.texts_match("Russia launched 150 drones overnight", s)
    assert devset.texts_match("\u201cWe will win,\u201d the mayor said.", '"We will win," the mayor said.')


def test_finding_matches_either_order_and_needs_the_same_articles():
    f = _finding(
        "contradict", "y", "Russia launched 150 drones overnight.", "x", "Russia launched 157 drones overnight"
    )
    assert devset.finding_matches(f, PAIR_C)
    wrong = _finding(
        "contradict", "z", "Russia launched 150 drones overnight.", "x", "Russia launched 157 drones overnight"
    )
    assert not devset.finding_matches(wrong, PAIR_C)


def test_predicted_label_precedence():
    assert devset.predicted_label([]) is None
    assert devset.predicted_label([{"verdict": "neutral"}, {"verdict": "agree"}]) == "agree"
    assert devset.predicted_label([{"verdict": "agree"}, {"verdict": "contradict"}]) == "contradict"


def test_prf_handles_empty_denominators():
    assert devset.prf(0, 0, 0) == {
        "support": 0,
        "tp": 0,
        "fp": 0,
        "fn": 0,
        "precision": None,
        "recall": None,
        "f1": None,
    }
    assert devset.prf(0, 0, 3)["recall"] == 0.0
    r = devset.prf(3, 1, 1)
    assert (r["precision"], r["recall"], r["f1"]) == (0.75, 0.75, 0.75)


def test_score_counts_hits_false_alarms_misses_and_unlabelled():
    report = {
        "findings": [
            _finding("contradict", "x", PAIR_C.a.sentence, "y", PAIR_C.b.sentence),  # TP
            _finding("contradict", "x", PAIR_N.a.sentence, "y", PAIR_N.b.sentence),  # false alarm on a neutral pair
            _finding("agree", "y", PAIR_A.b.sentence, "x", PAIR_A.a.sentence),  # agreement found (reversed order)
            _finding(
                "contradict", "x", "Something else entirely happened.", "y", "Nothing of the sort happened."
            ),  # unlabelled
        ],
        "summary": {},
    }
    s = devset.score([PAIR_C, PAIR_A, PAIR_N, PAIR_Q], {"c": report})
    assert s["pairs"] == 4
    assert s["contradict"] | {} == {**s["contradict"], "support": 2, "tp": 1, "fp": 1, "fn": 1}
    assert s["contradict"]["precision"] == 0.5 and s["contradict"]["recall"] == 0.5
    assert s["contradict"]["precision_with_unlabelled"] == pytest.approx(1 / 3, abs=1e-4)
    assert (s["agree"]["tp"], s["agree"]["fp"], s["agree"]["fn"]) == (1, 0, 0)
    assert s["unlabelled_contradictions"] == 1
    assert s["pairing"]["reached"] == 3 and s["pairing"]["by_label"]["contradict"] == {"reached": 1, "pairs": 2}
    assert [m["line"] for m in s["misses"]] == [4]
    assert [m["line"] for m in s["false_alarms"]] == [3]
    assert s["confusion"]["neutral"]["contradict"] == 1
    assert s["confusion"]["contradict"]["none"] == 1
    assert s["by_kind"]["quote"]["contradict"]["recall"] == 0.0
    assert s["by_kind"]["numeric"]["contradict"]["precision"] == 0.5
    assert "Missed contradictions (1)" in devset.scores_markdown(s)


def test_score_by_tag_counts_what_each_sub_type_got():
    tagged_c = LabelledPair(1, "c", PAIR_C.a, PAIR_C.b, "contradict", "numeric", "[currency] $ vs euro")
    tagged_n = LabelledPair(3, "c", PAIR_N.a, PAIR_N.b, "neutral", "numeric", "[different_metric] two figures")
    untagged = LabelledPair(2, "c", PAIR_A.a, PAIR_A.b, "agree", "numeric", "no tag here")
    report = {
        "findings": [
            _finding("contradict", "x", PAIR_N.a.sentence, "y", PAIR_N.b.sentence),
            _finding("agree", "x", PAIR_A.a.sentence, "y", PAIR_A.b.sentence),
        ]
    }
    s = devset.score([tagged_c, tagged_n, untagged], {"c": report})
    assert (tagged_c.tag, untagged.tag) == ("currency", "")
    assert s["by_tag"] == {
        "agree/-": {"pairs": 1, "right": 1, "agree": 1},
        "contradict/currency": {"pairs": 1, "right": 0, "none": 1},
        "neutral/different_metric": {"pairs": 1, "right": 0, "contradict": 1},
    }
    assert "| contradict/currency | 1 | 0 | 0 | 0 | 0 | 1 |" in devset.scores_markdown(s)


def test_reliability_bins_precision_and_calibration_error():
    rel = devset.reliability([(0.55, True), (0.55, False), (0.95, True), (0.95, True), (1.0, False)])
    assert [(b["bin"], b["reported"], b["right"]) for b in rel["bins"]] == [("[0.5, 0.6)", 2, 1), ("[0.9, 1.0]", 3, 2)]
    # |0.5 - 0.55| * 2 + |2/3 - 2.9/3| * 3, over 5 reported
    assert rel["ece"] == pytest.approx((0.05 * 2 + 0.3 * 3) / 5, abs=1e-4)
    assert rel["precision_at_confidence_at_least"]["0.9"] == pytest.approx(2 / 3, abs=1e-4)
    assert rel["precision_at_confidence_at_least"]["0.6"] == rel["precision_at_confidence_at_least"]["0.9"]
    assert devset.reliability([]) == {
        "bins": [],
        "precision_at_confidence_at_least": dict.fromkeys(("0.5", "0.6", "0.7", "0.8", "0.9")),
        "ece": None,
    }


def test_loader_takes_the_within_article_flag_and_kind_other(tmp_path):
    _write_cluster(tmp_path)
    (tmp_path / "labels.jsonl").write_text(_label(within_article=False, kind="other") + "\n")
    _, pairs = devset.load_devset(tmp_path)
    assert pairs[0].kind == "other"
    (tmp_path / "labels.jsonl").write_text(_label(within_article="no") + "\n")
    with pytest.raises(DevsetError, match="'within_article' must be true or false"):
        devset.load_devset(tmp_path)


def test_cross_event_pairs_the_two_events_of_a_topic(tmp_path):
    import cross_event

    for name in ("3_ecb", "3_ecbplus", "12_ecb", "12_ecbplus", "7_ecb"):
        (tmp_path / name).mkdir()
    assert cross_event.topics_of(tmp_path) == ["3", "12"]  # numeric order; 7 has one event only
    missing = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "cross_event.py"), str(tmp_path / "absent")],
        capture_output=True,
        text=True,
        cwd=REPO,
    )
    assert missing.returncode == 2 and "absent: not a folder" in missing.stderr


def test_score_skips_clusters_without_a_report():
    other = LabelledPair(9, "other", PAIR_C.a, PAIR_C.b, "contradict", "numeric")
    s = devset.score([PAIR_C, other], {"c": {"findings": []}})
    assert s["pairs"] == 1 and s["contradict"]["fn"] == 1


# --------------------------------------------------------------------------- scale helpers


def _fake_corpus(root: Path) -> Path:
    for corpus, clusters in {"ecbplus": {"1_ecb": 3, "2_ecb": 4}, "gvc": {"100": 3}}.items():
        for name, n in clusters.items():
            folder = root / corpus / name
            folder.mkdir(parents=True)
            for i in range(n):
                (folder / f"{name}-{i}.json").write_text("{}")
    return root


def test_build_batch_takes_whole_clusters_then_cuts_the_last(tmp_path):
    clusters = scale.list_clusters(_fake_corpus(tmp_path))
    assert [(c, n, len(f)) for c, n, f in clusters] == [
        ("ecbplus", "1_ecb", 3),
        ("ecbplus", "2_ecb", 4),
        ("gvc", "100", 3),
    ]
    batch = scale.build_batch(clusters, 8)
    assert [(n, len(f)) for _, n, f in batch] == [("1_ecb", 3), ("2_ecb", 4), ("100", 1)]
    assert scale.describe_batch(batch)["by_corpus"] == {"ecbplus": 7, "gvc": 1}
    with pytest.raises(ValueError, match="only 10"):
        scale.build_batch(clusters, 11)
    out = scale.materialize(batch, tmp_path / "batch")
    assert len(list(out.rglob("*.json"))) == 8


def test_list_clusters_says_where_the_corpus_should_be(tmp_path):
    with pytest.raises(FileNotFoundError, match="news corpus not found"):
        scale.list_clusters(tmp_path / "missing")


def test_pair_counts_and_extrapolation():
    assert scale.cross_pairs([2, 3]) == 6
    assert scale.cross_pairs([2, 3, 4]) == 6 + 8 + 12
    assert scale.estimate_all_pairs(9, 3, [2, 3, 4]) == (26, "exact (per-article claim counts)")
    topk = {
        10: {"articles": 10, "claims": 100, "candidate_pairs": 200, "wall_s": 20.0},
        1000: {"articles": 1000, "claims": 10000, "candidate_pairs": 20000, "wall_s": 300.0},
    }
    allp = {10: {"articles": 10, "claims": 100, "candidate_pairs": 4200, "wall_s": 60.0}}
    rows = scale.extrapolate_all_pairs(topk, allp, {1000: (1_000_000, "exact")})
    assert len(rows) == 1 and rows[0]["extrapolated"]
    # 4,000 extra pairs in 40 s -> 100 pairs/s; 980,000 extra pairs -> 9,800 s on top of 300 s
    assert rows[0]["pairs_per_s"] == 100.0
    assert rows[0]["wall_s"] == pytest.approx(10_100.0)
    comp = scale.compare(topk, [{**allp[10], "articles_requested": 10, "extrapolated": False}, *rows])
    assert [c["pair_ratio"] for c in comp] == [21.0, 50.0]


# --------------------------------------------------------------------------- bundled example

PLANTED = {
    "daily-ledger.md": [
        "since Moscow launched its 3½-year full-scale invasion.",
        "Russia launched 157 drones overnight, Ukraine's air force said.",
        "A total of 26 nations pledged on Thursday",
        "said on Friday that any foreign troops deployed in Ukraine would be legitimate targets.",
    ],
    "northgate-post.json": [
        "as the war approaches its third year.",
        "Russia launched 150 drones overnight, according to Ukraine's air force.",
        "Air defences shot down 121 of the drones",
        "Twenty-six countries have committed",
    ],
    "harbor-wire.html": [
        "on Sept. 5, Putin said foreign troops in Ukraine would be considered legitimate targets for destruction.",
        "twenty-six countries signed up",
        "<p>Advertisement</p>",
        "Read More: ",
        "Morning Briefing newsletter",
        "Become a VIP member",
        "<figcaption>",
    ],
    "meridian-dispatch.txt": ["Advertisement", "Read More: ", "Photo: "],
}


def test_example_batch_holds_the_planted_claims():
    names = sorted(p.name for p in EXAMPLE.iterdir())
    assert names == sorted(PLANTED)
    for name, snippets in PLANTED.items():
        raw = (EXAMPLE / name).read_text(encoding="utf-8")
        for snippet in snippets:
            assert snippet in raw, (name, snippet)
        if name.endswith((".md", ".txt")):
            words = len(raw.split())
            assert 150 <= words <= 400, (name, words)
    article = json.loads((EXAMPLE / "northgate-post.json").read_text(encoding="utf-8"))
    assert set(article) == set(devset.ARTICLE_KEYS) and article["published"] == "2025-09-05"


def test_example_batch_ingests_cleanly():
    ingest = pytest.importorskip("consistency.ingest")
    articles, problems = ingest.load_inputs([str(EXAMPLE)])
    assert problems == []
    by_id = {a.id: a for a in articles}
    assert set(by_id) == {"daily-ledger", "northgate-post", "harbor-wire", "meridian-dispatch"}
    assert str(by_id["daily-ledger"].published) == "2025-09-05"
    assert by_id["harbor-wire"].source == "Harbor Wire"
    assert "legitimate targets for destruction" in by_id["harbor-wire"].text
    assert "main-nav" not in by_id["harbor-wire"].text and "More from World" not in by_id["harbor-wire"].text


def test_cli_args_value_may_start_with_dashes():
    import _runner

    argv = ["dir", "--cli-args", "--all-pairs --top-k 8", "--out-md", "x.md"]
    assert _runner.glue_cli_args(argv) == ["dir", "--cli-args=--all-pairs --top-k 8", "--out-md", "x.md"]
    cmd = _runner.checker_command(["a"], "out.json", ["--all-pairs"])
    assert cmd[1:4] == ["-m", "consistency", "check"]
    assert cmd[-4:] == ["--fail-on", "never", "--quiet", "--all-pairs"]


def test_conflicts_together_scores_each_story_from_one_mixed_run(tmp_path):
    """One checker run over two stories; findings are split back to their own cluster (real models)."""
    stories = {
        "drones": (
            "Russia launched 157 drones at Ukraine overnight.",
            "Russia launched 150 drones at Ukraine overnight.",
        ),
        "festival": (
            "The harvest festival drew 20,000 visitors on Saturday.",
            "The harvest festival drew 35,000 visitors on Saturday.",
        ),
    }
    labels = []
    for cluster, (first, second) in stories.items():
        folder = tmp_path / cluster
        folder.mkdir()
        for aid, sentence in ((f"{cluster}-a", first), (f"{cluster}-b", second)):
            article = {"id": aid, "title": "", "source": aid, "published": "2025-09-06", "url": None, "text": sentence}
            (folder / f"{aid}.json").write_text(json.dumps(article))
        labels.append(
            {
                "cluster": cluster,
                "a": {"article": f"{cluster}-a", "sentence": first},
                "b": {"article": f"{cluster}-b", "sentence": second},
                "label": "contradict",
                "kind": "numeric",
            }
        )
    (tmp_path / "labels.jsonl").write_text("".join(json.dumps(x) + "\n" for x in labels))
    done = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "conflicts.py"), str(tmp_path), "--together"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["together"] is True
    assert [r["articles"] for r in result["runs"]] == [4]
    assert result["scores"]["contradict"]["tp"] == 2
    assert result["scores"]["contradict"]["fn"] == 0
    assert result["cross_cluster"].get("contradict", 0) == 0


def test_markdown_table_alignment_and_empty_header_cell():
    from _markdown import table

    assert table(("", "n"), [("a", 1), ("b", None)]) == ["| | n |", "| --- | ---: |", "| a | 1 |", "| b | None |"]
    assert table(("x", "y"), [], left=0) == ["| x | y |", "| ---: | ---: |"]


# --------------------------------------------------------------------------- memory of a process tree

_FORKING_CHILD = """
import os, sys, time
block = bytearray(os.urandom(1 << 20) * 200)  # 200 MiB, every page touched
pid = os.fork()
if pid == 0:  # the child only holds its copy-on-write view of the block
    time.sleep(30)
    os._exit(0)
print("ready", flush=True)  # the parent alone writes, after the fork: the child exists
os.waitpid(pid, 0)
"""


@pytest.mark.skipif(sys.platform != "linux", reason="PSS is read from /proc (Linux); elsewhere RSS is summed")
def test_tree_memory_counts_pages_a_fork_shares_once() -> None:
    child = subprocess.Popen([sys.executable, "-c", _FORKING_CHILD], stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "ready"
        proc = psutil.Process(child.pid)
        procs = [proc, *proc.children(recursive=True)]
        assert len(procs) == 2
        rss_sum = sum(p.memory_info().rss for p in procs)
        measured = _tree_memory(proc)
        mib = 1 << 20
        assert rss_sum > 400 * mib  # both processes map the 200 MiB block
        assert 200 * mib < measured < 300 * mib
    finally:
        for p in psutil.Process(child.pid).children(recursive=True):
            p.kill()
        child.kill()
        child.wait()


def test_best_recall_at_precision_sweeps_thresholds() -> None:
    import nli_cross_document

    # scores with truth: 0.9 T, 0.8 T, 0.7 F, 0.6 T, 0.5 F, 0.4 T; 4 positives
    scored = [(0.9, True), (0.8, True), (0.7, False), (0.6, True), (0.5, False), (0.4, True)]
    best = nli_cross_document.best_recall_at_precision(scored, 4)
    # at 0.6: 3 of 4 called right (precision 0.75 < 0.8); at 0.8: 2 of 2 (recall 0.5)
    assert best == {"recall": 0.5, "precision": 1.0, "threshold": 0.8}
    assert nli_cross_document.best_recall_at_precision([(0.9, False)], 1)["threshold"] is None


def test_machine_info_names_the_cpu_flags_that_decide_speed() -> None:
    from _runner import machine_info

    from consistency.cpu import SPEED_FLAGS

    info = machine_info()
    flags = Path("/proc/cpuinfo").read_text().split() if Path("/proc/cpuinfo").exists() else []
    assert info["cpu_flags"] == [f for f in SPEED_FLAGS if f in flags]


def test_scale_markdown_names_the_cpu_class(tmp_path: Path) -> None:
    machine = {
        "cpu": "Some CPU",
        "cpu_flags": ["avx2", "avx512_bf16"],
        "usable_cpus": 2,
        "logical_cpus": 2,
        "ram_gib": 24.0,
        "os": "Linux",
        "python": "3.11",
    }
    result = {"machine": machine, "cli_args": [], "runs": [], "batches": {}, "comparison": []}
    scale.write_md(result, tmp_path / "scale.md")
    assert "Machine: Some CPU (avx2, avx512_bf16), 2 usable" in (tmp_path / "scale.md").read_text()
    scale.write_md({**result, "machine": {**machine, "cpu_flags": []}}, tmp_path / "bare.md")
    assert "Machine: Some CPU (no AVX2)" in (tmp_path / "bare.md").read_text()
