"""End to end: the `consistency check` command run as a subprocess on real files.

Each run loads the real embedding and NLI models, so runs are shared between
tests through module-scoped fixtures.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from clirun import EXAMPLE, ROOT, run_cli

from consistency.schema import report_schema_errors

FIXTURES = Path(__file__).parent / "fixtures"
SHARED = ROOT.parent / "shared" / "data"
SEEDS = SHARED / "seeds" / "putin-legitimate-targets"
NEWS = SHARED / "news"

needs_shared = pytest.mark.skipif(not SEEDS.exists(), reason="../shared/data is not beside the repo")


def load_valid_json(path: Path) -> dict:
    document = json.loads(path.read_text(encoding="utf-8"))
    assert report_schema_errors(document) == []
    return document


def contradictions(report: dict) -> list[dict]:
    return [f for f in report["findings"] if f["verdict"] == "contradict"]


def pair_has(finding: dict, a_part: str, b_part: str) -> bool:
    texts = (finding["a"]["text"], finding["b"]["text"])
    return (a_part in texts[0] and b_part in texts[1]) or (a_part in texts[1] and b_part in texts[0])


# --- the bundled example ---------------------------------------------------------------
@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> dict:
    out = tmp_path_factory.mktemp("example")
    result = run_cli(
        "check",
        EXAMPLE,
        "--no-timing",
        "--quiet",
        "-f",
        "json",
        "-o",
        out / "r.json",
        "-f",
        "sarif",
        "-o",
        out / "r.sarif",
        "-f",
        "junit",
        "-o",
        out / "r.xml",
        "-f",
        "html",
        "-o",
        out / "r.html",
        "-f",
        "markdown",
        "-o",
        out / "r.md",
        "-f",
        "concise",
        "-o",
        out / "r.concise.txt",
        "-f",
        "terminal",
        "-o",
        "-",
        "--write-baseline",
        out / "baseline.json",
    )
    return {"result": result, "out": out, "report": load_valid_json(out / "r.json")}


def test_example_fails_the_gate_on_its_planted_conflicts(example: dict) -> None:
    result = example["result"]
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert example["report"]["gate"]["failing"] >= 1


def test_example_reports_the_war_duration_as_temporal_contradiction(example: dict) -> None:
    hits = [f for f in contradictions(example["report"]) if pair_has(f, "3½-year", "approaches its third year")]
    assert hits, [f["explanation"] for f in contradictions(example["report"])]
    assert hits[0]["kind"] == "temporal"
    assert "third year" in hits[0]["explanation"] or "duration" in hits[0]["explanation"]


def test_example_reports_the_drone_count_as_numeric_contradiction(example: dict) -> None:
    hits = [f for f in contradictions(example["report"]) if pair_has(f, "157 drones", "150 drones")]
    assert hits and hits[0]["kind"] == "numeric"
    assert "157" in hits[0]["explanation"] and "150" in hits[0]["explanation"]


def test_example_consistent_restatements_are_not_contradictions(example: dict) -> None:
    report = example["report"]
    for finding in contradictions(report):
        both = finding["a"]["text"] + " " + finding["b"]["text"]
        assert not ("26 nations" in both and "wenty-six" in both), finding
    agreements = [f for f in report["findings"] if f["verdict"] == "agree"]
    assert any(pair_has(f, "26 nations", "wenty-six") for f in agreements), [
        (f["a"]["text"], f["b"]["text"]) for f in agreements
    ]


def test_example_shot_down_is_not_a_conflicting_count(example: dict) -> None:
    for finding in contradictions(example["report"]):
        if "shot down" in finding["a"]["text"] + finding["b"]["text"]:
            assert finding["kind"] not in ("numeric",), finding


def test_claim_spans_are_exact(example: dict) -> None:
    report = example["report"]
    texts = {}
    for article in report["articles"]:
        if article["path"].endswith((".txt", ".md")):
            texts[article["id"]] = Path(ROOT, article["path"]).read_text(encoding="utf-8")
    for finding in report["findings"]:
        for side in ("a", "b"):
            claim = finding[side]
            assert claim["end"] > claim["start"]
            if claim["article"] in texts:
                assert claim["text"] in texts[claim["article"]]


def test_sarif_is_valid_and_points_into_the_files(example: dict) -> None:
    sarif = json.loads((example["out"] / "r.sarif").read_text())
    assert sarif["version"] == "2.1.0"
    results = sarif["runs"][0]["results"]
    assert len(results) == len(contradictions(example["report"]))
    md_checked = False
    for result in results:
        location = result["locations"][0]["physicalLocation"]
        path = ROOT / location["artifactLocation"]["uri"]
        assert path.exists(), path
        if path.suffix == ".md":
            line = path.read_text(encoding="utf-8").splitlines()[location["region"]["startLine"] - 1]
            column = location["region"]["startColumn"]
            assert len(line) >= column
            md_checked = True
    assert md_checked
    try:
        from sarif_pydantic import Sarif
    except ImportError:
        return
    assert Sarif.model_validate(sarif).runs[0].results


def test_junit_parses_and_counts_failures(example: dict) -> None:
    from junitparser import Failure, JUnitXml

    xml = JUnitXml.fromfile(str(example["out"] / "r.xml"))
    failures = [case for suite in xml for case in suite if any(isinstance(r, Failure) for r in case.result)]
    assert len(failures) == example["report"]["gate"]["failing"]


def test_html_is_one_self_contained_file(example: dict) -> None:
    html = (example["out"] / "r.html").read_text(encoding="utf-8")
    # one inline script (the page's own, allowed by hash), just before </body>; nothing loaded
    assert html.lower().count("<script") == 1
    assert html.endswith("</script>\n</body>\n</html>\n") and html.lower().count("</script") == 1
    assert "<link" not in html.lower()
    assert "157 drones" in html


def test_example_json_carries_the_evidence_spans_of_the_drone_count(example: dict) -> None:
    (hit,) = [f for f in contradictions(example["report"]) if pair_has(f, "157 drones", "150 drones")]
    by_number = {}
    for side in ("a", "b"):
        claim = hit[side]
        for span in claim["evidence"]:
            # offsets are into the article text, so they index the claim shifted by its start
            assert claim["text"][span["start"] - claim["start"] : span["end"] - claim["start"]] == span["text"]
            by_number[span["text"]] = (span["kind"], span["value"])
    assert by_number == {"157": ("number", "157 drone (launch)"), "150": ("number", "150 drone (launch)")}


def test_example_concise_is_one_line_per_finding(example: dict) -> None:
    lines = (example["out"] / "r.concise.txt").read_text(encoding="utf-8").splitlines()
    findings = example["report"]["findings"]
    assert len(lines) == len(findings) + 1  # and the summary sentence
    assert re.match(r"\d+ contradictions? and \d+ agreements? in 4 articles", lines[-1]), lines[-1]
    # daily-ledger.md line 13: "... heavy night of strikes. Russia launched 157 drones ..." (column 53)
    assert (
        f"{EXAMPLE / 'daily-ledger.md'}:13:53: contradict numeric 1.00 FAILING "
        f'"157 drone (launch)" vs "150 drone (launch)" [{EXAMPLE / "northgate-post.json"}:1]'
    ) in lines, lines


def test_markdown_and_terminal_outputs(example: dict) -> None:
    md = (example["out"] / "r.md").read_text(encoding="utf-8")
    assert md.startswith("#") and "157" in md
    assert "contradict" in example["result"].stdout.lower()


def test_same_input_gives_byte_identical_reports(example: dict, tmp_path: Path) -> None:
    result = run_cli("check", EXAMPLE, "--no-timing", "--quiet", "-f", "json", "-o", tmp_path / "again.json")
    assert result.returncode == 1
    assert (tmp_path / "again.json").read_bytes() == (example["out"] / "r.json").read_bytes()


def test_baseline_survives_reordering_and_whitespace(example: dict, tmp_path: Path) -> None:
    batch = tmp_path / "batch"
    batch.mkdir()
    for path in EXAMPLE.iterdir():
        shutil.copy(path, batch / path.name)
    md = batch / "daily-ledger.md"
    md.write_text(md.read_text(encoding="utf-8").replace(" launched ", "  launched "), encoding="utf-8")
    files = sorted(batch.iterdir(), reverse=True)
    result = run_cli(
        "check",
        *files,
        "--quiet",
        "--baseline",
        example["out"] / "baseline.json",
        "-f",
        "json",
        "-o",
        tmp_path / "r.json",
    )
    report = load_valid_json(tmp_path / "r.json")
    assert result.returncode == 0, (result.stderr, contradictions(report))
    assert report["summary"]["suppressed_by_baseline"] >= 2
    assert contradictions(report) == []


# --- real articles -------------------------------------------------------------------------
@needs_shared
def test_seed_articles(tmp_path: Path) -> None:
    result = run_cli(
        "check", SEEDS, "--quiet", "-f", "json", "-o", tmp_path / "r.json", "-f", "sarif", "-o", tmp_path / "r.sarif"
    )
    assert result.returncode in (0, 1), result.stderr
    report = load_valid_json(tmp_path / "r.json")
    assert {a["source"] for a in report["articles"]} == {"RedState", "Natural News"}
    hits = [f for f in contradictions(report) if pair_has(f, "3½-year", "third year")]
    assert hits and hits[0]["kind"] == "temporal", [f["explanation"] for f in report["findings"]]
    for finding in report["findings"]:  # boilerplate never becomes a claim
        for side in ("a", "b"):
            assert not finding[side]["text"].startswith(("Advertisement", "Read More"))


@needs_shared
def test_real_news_clusters(tmp_path: Path) -> None:
    clusters = [NEWS / "gvc" / "111416", NEWS / "gvc" / "223936", NEWS / "ecbplus" / "10_ecbplus"]
    result = run_cli(
        "check",
        *clusters,
        "--quiet",
        "--fail-on",
        "never",
        "-f",
        "json",
        "-o",
        tmp_path / "r.json",
        "-f",
        "junit",
        "-o",
        tmp_path / "r.xml",
    )
    assert result.returncode == 0, result.stderr
    report = load_valid_json(tmp_path / "r.json")
    assert report["summary"]["articles"] == sum(len(list(c.glob("*.json"))) for c in clusters)
    assert report["summary"]["claims"] > 50
    assert report["summary"]["candidate_pairs"] > 0
    ET.parse(tmp_path / "r.xml")


# --- escaping, bad input, stdin, usage -------------------------------------------------------
def test_html_escapes_article_text(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(
        "Officials said 40 people were evacuated <script>alert(1)</script> from the town on Monday.\n", encoding="utf-8"
    )
    (tmp_path / "b.txt").write_text(
        "Officials said 55 people were evacuated <script>alert(1)</script> from the town on Monday.\n", encoding="utf-8"
    )
    result = run_cli(
        "check",
        tmp_path / "a.txt",
        tmp_path / "b.txt",
        "--quiet",
        "--fail-on",
        "never",
        "-f",
        "html",
        "-o",
        tmp_path / "r.html",
        "-f",
        "json",
        "-o",
        tmp_path / "r.json",
    )
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert contradictions(load_valid_json(tmp_path / "r.json")), "the planted count conflict should be found"
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


BAD = {
    "empty.txt": "empty",
    "binary.txt": "binary",
    "latin1.txt": "UTF-8",
    "malformed.json": "JSON",
    "notext.json": "text",
    "table.csv": "unsupported file type",
}


@pytest.fixture(scope="module")
def bad_batch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("bad")
    for name in BAD:
        shutil.copy(FIXTURES / "bad" / name, folder / name)
    lines = [
        json.dumps({"id": "ok", "text": "Officials said 40 people were evacuated from the town on Monday."}),
        "{not json",
        json.dumps({"id": "ok2", "text": "Officials said 40 people left the town on Monday."}),
    ]
    (folder / "mixed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "huge.txt").write_text("word " * 60_000, encoding="utf-8")
    return folder


def test_bad_inputs_are_reported_and_the_rest_is_checked(bad_batch: Path, tmp_path: Path) -> None:
    files = [*sorted(bad_batch.iterdir()), bad_batch / "missing.txt", EXAMPLE / "daily-ledger.md"]
    result = run_cli("check", *files, "-f", "json", "-o", tmp_path / "r.json", "--fail-on", "never")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    for name, word in {**BAD, "missing.txt": "", "huge.txt": "line", "mixed.jsonl": "JSON"}.items():
        matching = [line for line in errors if name in line]
        assert matching, (name, result.stderr)
        assert word.lower() in matching[0].lower(), matching[0]
    report = load_valid_json(tmp_path / "r.json")
    ids = {a["id"] for a in report["articles"]}
    assert {"daily-ledger", "ok", "ok2"} <= ids
    assert len(report["problems"]) == len(errors)


def test_skip_bad_input_turns_errors_into_warnings(bad_batch: Path, tmp_path: Path) -> None:
    result = run_cli(
        "check",
        bad_batch,
        EXAMPLE / "daily-ledger.md",
        "--skip-bad-input",
        "--fail-on",
        "never",
        "-f",
        "json",
        "-o",
        tmp_path / "r.json",
    )
    assert result.returncode == 0, result.stderr
    assert "warning:" in result.stderr and "error:" not in result.stderr


def test_stdin_json(tmp_path: Path) -> None:
    articles = [
        {
            "id": "one",
            "source": "A",
            "published": "2025-09-05",
            "text": "Russia launched 157 drones overnight, the air force said.",
        },
        {
            "id": "two",
            "source": "B",
            "published": "2025-09-05",
            "text": "Russia launched 150 drones overnight, the air force said.",
        },
    ]
    result = run_cli("check", "-", "--quiet", "-f", "json", "-o", tmp_path / "r.json", stdin=json.dumps(articles))
    report = load_valid_json(tmp_path / "r.json")
    assert result.returncode == 1, result.stderr
    assert [a["id"] for a in report["articles"]] == ["one", "two"]
    assert contradictions(report)[0]["kind"] == "numeric"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["check", str(EXAMPLE), "--fail-on", "sometimes"], "--fail-on"),
        (["check", str(EXAMPLE), "-f", "pdf"], "pdf"),
        (["check", str(EXAMPLE), "-o", "report.unknown"], "format"),
        (["check", str(EXAMPLE), "--baseline", "no-such-baseline.json"], "no-such-baseline.json"),
        (["check", "no/such/dir"], "no/such/dir"),
        (["check", str(EXAMPLE), "--nli-model", "no/such/model"], "no/such/model"),
        (["frobnicate"], "frobnicate"),
    ],
)
def test_usage_errors_exit_2_without_traceback(args: list[str], message: str) -> None:
    result = run_cli(*args)
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_a_bad_parse_process_setting_exits_2_naming_it() -> None:
    result = run_cli("check", EXAMPLE, "--quiet", env={"CONSISTENCY_PARSE_PROCESSES": "many"})
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert "CONSISTENCY_PARSE_PROCESSES" in result.stderr and "'many'" in result.stderr
    assert "Traceback" not in result.stderr


def test_schema_command_prints_the_schema() -> None:
    result = run_cli("schema")
    assert result.returncode == 0
    assert json.loads(result.stdout)["$schema"].startswith("https://json-schema.org/")


def test_interactive_run_shows_progress_on_the_terminal(tmp_path: Path) -> None:
    """stderr on a TTY gets a progress bar; --quiet and pipes get none (the CI logs above)."""
    import pty
    import select

    primary, secondary = pty.openpty()
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TERM": "xterm", "COLUMNS": "100"}
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "consistency",
            "check",
            str(EXAMPLE / "daily-ledger.md"),
            str(EXAMPLE / "northgate-post.json"),
            "--fail-on",
            "never",
            "-f",
            "json",
            "-o",
            str(tmp_path / "r.json"),
        ],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=secondary,
        cwd=ROOT,
        env=env,
    )
    os.close(secondary)
    captured = b""
    while True:
        ready, _, _ = select.select([primary], [], [], 600)
        if not ready:
            break
        try:
            chunk = os.read(primary, 4096)
        except OSError:
            break
        if not chunk:
            break
        captured += chunk
    assert process.wait(timeout=600) == 0
    text = captured.decode("utf-8", "replace")
    assert "nli" in text and "\x1b[" in text  # a live (ANSI-drawn) bar for the NLI stage
    assert "2 articles" in text


def test_version_names_the_tool_model_and_libraries() -> None:
    from importlib import metadata

    from consistency import __version__

    for args in (("--version",), ("-V",), ("version",)):
        result = run_cli(*args)
        assert result.returncode == 0, result.stderr
        lines = result.stdout.splitlines()
        assert lines[0] == f"consistency {__version__}"
        assert "NLI model: consistency-nli-minilm (found at" in result.stdout
        assert f"torch {metadata.version('torch')}" in lines
        assert f"transformers {metadata.version('transformers')}" in lines
    # it reads versions from package metadata: printing them must not pay for importing torch
    probe = "import sys; from consistency.cli import version_text; version_text(); print('torch' in sys.modules)"
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, check=True)
    assert loaded.stdout.strip() == "False"


def test_outputs_are_checked_and_their_folders_made_before_the_run(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("The council approved 157 new homes on Monday.\n")
    blocker = tmp_path / "taken"
    blocker.write_text("a file where a folder should be\n")
    result = run_cli("check", article, "--output", blocker / "report.json", cwd=tmp_path)
    assert result.returncode == 2
    assert f"cannot write {blocker / 'report.json'}: cannot create folder {blocker}" in result.stderr
    assert "claims" not in result.stderr  # no run summary: it stopped before checking
    folder = tmp_path / "out"
    folder.mkdir()
    result = run_cli("check", article, "--format", "json", "--output", folder, cwd=tmp_path)
    assert result.returncode == 2 and f"cannot write {folder}: it is a folder" in result.stderr
    nested = tmp_path / "new" / "deeper" / "report.json"
    result = run_cli("check", article, "--output", nested, "--quiet", "--fail-on", "never", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert json.loads(nested.read_text())["summary"]["articles"] == 1


def test_the_default_report_folder_is_created(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("The council approved 157 new homes on Monday.\n")
    result = run_cli("check", article, "--format", "json", "--quiet", "--fail-on", "never", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert json.loads((tmp_path / "reports" / "consistency.json").read_text())["summary"]["articles"] == 1
