"""Hostile and odd inputs: each gives a correct result or one clear message naming
the file, never a traceback, and never costs the other articles.

Why: articles come from scrapers, CMS exports and Windows editors; some are
broken and a few may be crafted. Most cases run the real readers in-process on
real files; one batch of all of them goes through the real CLI as a subprocess
(one model load), to hold the end-to-end contract: exit 2, each bad file named
once on stderr, every good article in the JSON report.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from consistency.claims import extract_claims
from consistency.ingest import MAX_FILE_BYTES, _flatten_markup, load_inputs
from consistency.quantities import extract
from consistency.schema import report_schema_errors

ROOT = Path(__file__).resolve().parents[1]
ENV = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "NO_COLOR": "1"}

PARAS = [
    "Russian forces launched 157 drones overnight, Ukraine's air force said on Friday morning.",
    "Officials said 121 of the drones were shot down over several regions of the country.",
]
BODY = "\n\n".join(PARAS) + "\n"
HTML_ARTICLE = "".join(f"<p>{p}</p>" for p in PARAS)


def hostile_html(attr_bytes: int = 2_000_000, depth: int = 1000) -> str:
    """Scripts, an iframe with fallback text, a huge attribute and a deep block before the article."""
    return (
        "<!doctype html><html><head><title>Drone attack</title>"
        "<script>alert('pwned')</script><style>p { color: red }</style></head><body>"
        "<iframe src='https://evil.example/x'><p>Iframe fallback claims 999 drones.</p></iframe>"
        f'<div data-blob="{"A" * attr_bytes}" onmouseover="alert(1)">'
        + "<div>" * depth
        + "deep"
        + "</div>" * depth
        + f"<article>{HTML_ARTICLE}</article></div>"
        "<script>document.write('more than 9000 drones were launched')</script>"
        "<noscript>Please enable JavaScript to read 12 more stories.</noscript></body></html>"
    )


def load_one(path: Path) -> tuple[list, list]:
    return load_inputs([str(path)])


# --------------------------------------------------------------------------- HTML


def test_html_with_scripts_iframes_and_a_huge_attribute_keeps_only_the_article(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(hostile_html(), encoding="utf-8")
    (article,), problems = load_one(page)
    assert problems == []
    assert article.text == "\n\n".join(PARAS)
    assert article.title == "Drone attack"


@pytest.mark.parametrize("depth", [300, 5000])
def test_deeply_nested_html_still_gives_its_article(tmp_path: Path, depth: int) -> None:
    """libxml2 stops at 256 levels; the page used to give 'no article text found'."""
    page = tmp_path / "deep.html"
    page.write_text(
        "<html><body>" + "<div>" * depth + HTML_ARTICLE + "</div>" * depth + "</body></html>", encoding="utf-8"
    )
    (article,), problems = load_one(page)
    assert problems == []
    assert article.text == "\n\n".join(PARAS)


def test_flattening_leaves_ordinary_pages_and_script_text_alone() -> None:
    """Only markup deeper than the limit is touched; '<div>' inside a script is text."""
    assert _flatten_markup("<script>" + "<div>" * 300 + "</script><div><p>x</p></div>") is None
    assert _flatten_markup(HTML_ARTICLE) is None
    assert _flatten_markup("<div>" * 3 + "x" + "</div>" * 3, limit=2) == "<div><div>x</div></div>"


def test_html_that_is_only_scripts_is_named(tmp_path: Path) -> None:
    page = tmp_path / "scripts.html"
    page.write_text("<html><body><script>var x = '157 drones';</script></body></html>", encoding="utf-8")
    articles, problems = load_one(page)
    assert articles == []
    assert [(p.path, p.problem) for p in problems] == [(str(page), "no article text found in the HTML page")]


def test_deeply_nested_json_is_named(tmp_path: Path) -> None:
    page = tmp_path / "nested.json"
    page.write_text("[" * 200_000 + "]" * 200_000, encoding="utf-8")
    good = tmp_path / "good.txt"
    good.write_text(BODY, encoding="utf-8")
    articles, problems = load_inputs([str(page), str(good)])
    assert [a.path for a in articles] == [str(good)]
    assert len(problems) == 1 and problems[0].path == str(page)
    assert problems[0].problem.startswith("cannot parse: maximum recursion depth exceeded"), problems[0].problem


# --------------------------------------------------------------------------- Markdown front matter


@pytest.mark.parametrize(
    ("front", "problem", "line"),
    [
        ("title: [unclosed\nsource: x\n", "front matter is not valid YAML", 3),
        ("- just\n- a list\n", "front matter must be a YAML mapping (key: value lines)", 1),
        ("published: 31/12/2024\n", "'published' is not an ISO date (YYYY-MM-DD): '31/12/2024'", None),
        ("title: {nested: map}\n", "'title' must be a string, not dict", None),
        ("key: &a [*a]\n", "", None),  # a recursive YAML alias: a clear message or an article, never a crash
    ],
)
def test_broken_front_matter_is_named_with_its_line(tmp_path: Path, front: str, problem: str, line: int | None) -> None:
    page = tmp_path / "broken.md"
    page.write_text(f"---\n{front}---\n{BODY}", encoding="utf-8")
    articles, problems = load_one(page)
    if not problem:
        assert len(articles) + len(problems) == 1
        return
    assert articles == []
    assert len(problems) == 1 and problems[0].path == str(page)
    assert problems[0].problem.startswith(problem), problems[0].problem
    if line is not None:
        assert problems[0].line == line


def test_unclosed_front_matter_is_a_horizontal_rule_not_an_error(tmp_path: Path) -> None:
    page = tmp_path / "rule.md"
    page.write_text("---\n" + BODY, encoding="utf-8")
    (article,), problems = load_one(page)
    assert problems == [] and article.text == "---\n" + BODY


# --------------------------------------------------------------------------- encodings, line endings, scripts


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-be", "utf-32"])
def test_files_with_a_byte_order_mark_are_read(tmp_path: Path, encoding: str) -> None:
    """UTF-16 with a BOM (Windows 'Unicode') used to be refused as binary; a BOM never
    ends up in the text."""
    page = tmp_path / "bom.md"
    codec = {"utf-16-be": "utf-16-be", "utf-32": "utf-32"}.get(encoding, encoding)
    data = ("\ufeff" if encoding == "utf-16-be" else "") + f"---\ntitle: Café\n---\n{BODY}"
    page.write_bytes(data.encode(codec))
    (article,), problems = load_one(page)
    assert problems == []
    assert article.title == "Café" and article.text == BODY and article.text_line == 4


def test_utf16_that_is_broken_is_named(tmp_path: Path) -> None:
    page = tmp_path / "bad16.txt"
    page.write_bytes(b"\xff\xfe" + "Officials".encode("utf-16-le") + b"\x00\xd8")  # a lone surrogate
    articles, problems = load_one(page)
    assert articles == []
    assert problems[0].path == str(page) and problems[0].problem.startswith("not valid UTF-16")


def test_windows_line_endings_keep_exact_claim_offsets(tmp_path: Path) -> None:
    page = tmp_path / "crlf.md"
    page.write_bytes(f"---\ntitle: Drones\n---\n{BODY}".replace("\n", "\r\n").encode("utf-8"))
    (article,), problems = load_one(page)
    assert problems == [] and article.title == "Drones"
    claims = extract_claims(article)
    assert [c.text for c in claims] == PARAS
    assert all(article.text[c.start : c.end] == c.text for c in claims)


def test_right_to_left_and_combining_characters_keep_exact_offsets(tmp_path: Path) -> None:
    text = (
        "\u05e9\u05dc\u05d5\u05dd. Cafe\u0301 owners in \u202eTel Aviv\u202c said 157 drones were "
        "launched overnight.\n\n\u0627\u0644\u0633\u0644\u0627\u0645 \u0639\u0644\u064a\u0643\u0645. "
        "The mayor of Re\u0301union said 40 people were hurt.\n"
    )
    page = tmp_path / "rtl.txt"
    page.write_text(text, encoding="utf-8")
    (article,), _ = load_one(page)
    assert article.text == text
    claims = extract_claims(article)
    assert claims and all(text[c.start : c.end] == c.text for c in claims)
    values = sorted(q.value for c in claims for q in extract(c.text, None) if q.kind == "count")
    assert values == [40, 157]


# --------------------------------------------------------------------------- sizes and counts


def test_a_50_mb_file_is_refused_by_name_without_reading_it(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:
        handle.write(b"Officials said many drones were launched.\n" * (50 * 1024 * 1024 // 42))
    good = tmp_path / "good.txt"
    good.write_text(BODY, encoding="utf-8")
    started = time.perf_counter()
    articles, problems = load_inputs([str(big), str(good)])
    assert time.perf_counter() - started < 5, "refused from its size, not read"
    assert [a.path for a in articles] == [str(good)]
    assert len(problems) == 1 and problems[0].path == str(big)
    assert "over the 20 MB limit" in problems[0].problem


def test_a_file_just_under_the_size_limit_is_read(tmp_path: Path) -> None:
    line = "Officials said 157 drones were launched overnight across the country.\n"
    page = tmp_path / "long.txt"
    page.write_text(line * ((MAX_FILE_BYTES - 1024) // len(line)), encoding="utf-8")
    (article,), problems = load_one(page)
    assert problems == [] and article.text.startswith(line) and len(article.text) > 19 * 1024 * 1024


def test_20000_tiny_files_in_a_folder(tmp_path: Path) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(20_000):
        (folder / f"a{i:05d}.txt").write_text(f"Officials said {i} drones were launched.\n", encoding="utf-8")
    started = time.perf_counter()
    articles, problems = load_inputs([str(folder)])
    assert time.perf_counter() - started < 60
    assert problems == []
    assert len(articles) == 20_000 and len({a.id for a in articles}) == 20_000
    assert articles[0].id == "a00000" and articles[-1].id == "a19999", "sorted by path"
    assert articles[12_345].text == "Officials said 12345 drones were launched.\n"


def test_duplicate_article_ids_are_kept_apart(tmp_path: Path) -> None:
    for name in ("one.json", "two.json"):
        (tmp_path / name).write_text(json.dumps({"id": "same", "text": BODY}), encoding="utf-8")
    (tmp_path / "three.jsonl").write_text(
        json.dumps({"id": "same", "text": BODY}) + "\n" + json.dumps({"id": "same~2", "text": BODY}) + "\n",
        encoding="utf-8",
    )
    articles, problems = load_inputs([str(tmp_path / n) for n in ("one.json", "two.json", "three.jsonl")])
    assert problems == []
    assert [a.id for a in articles] == ["same", "same~2", "same~3", "same~2~2"]


@pytest.mark.parametrize(
    ("published", "expected"),
    [
        ("2999-06-01", date(2999, 6, 1)),
        ("1850-06-01", date(1850, 6, 1)),
        ("0001-01-01", date(1, 1, 1)),
        ("9999-12-31", date(9999, 12, 31)),
    ],
)
def test_dates_in_the_future_or_before_1900(tmp_path: Path, published: str, expected: date) -> None:
    page = tmp_path / "dated.json"
    text = "Officials said 157 drones were launched yesterday and more would come tomorrow."
    page.write_text(json.dumps({"id": "d", "published": published, "text": text}), encoding="utf-8")
    (article,), problems = load_one(page)
    assert problems == [] and article.published == expected
    quantities = extract(text, article.published)  # must not overflow the calendar
    assert [q.value for q in quantities if q.kind == "count"] == [157]


# --------------------------------------------------------------------------- symlinks


def test_symlink_loops_in_an_input_folder(tmp_path: Path) -> None:
    folder = tmp_path / "loops"
    folder.mkdir()
    (folder / "good.txt").write_text(BODY, encoding="utf-8")
    (folder / "self.txt").symlink_to("self.txt")  # a file link to itself
    (folder / "up").symlink_to("..")  # folder links back up
    (folder / "here").symlink_to(".")
    articles, problems = load_inputs([str(folder)])
    assert [a.path for a in articles] == [str(folder / "good.txt")]
    assert [(p.path, p.problem) for p in problems] == [
        (str(folder / "self.txt"), "cannot read file: Too many levels of symbolic links")
    ]


def test_a_recursive_glob_over_symlink_loops_terminates(tmp_path: Path) -> None:
    """`glob.glob('**')` follows folder links: with three links to '.', it never ended."""
    folder = tmp_path / "loops"
    folder.mkdir()
    (folder / "good.txt").write_text(BODY, encoding="utf-8")
    for name in ("x", "y", "z"):
        (folder / name).symlink_to(".")
    probe = (
        "import sys; from consistency.ingest import load_inputs; "
        "a, p = load_inputs([sys.argv[1]]); print([x.id for x in a], len(p))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe, f"{folder}/**/*.txt"], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "['good'] 0"


# --------------------------------------------------------------------------- all of it through the CLI


def test_hostile_batch_through_the_cli(tmp_path: Path) -> None:
    batch = tmp_path / "batch"
    batch.mkdir()
    (batch / "hostile.html").write_text(hostile_html(), encoding="utf-8")
    (batch / "broken.md").write_text(f"---\ntitle: [unclosed\n---\n{BODY}", encoding="utf-8")
    (batch / "bom8.txt").write_bytes(("\ufeff" + BODY).encode("utf-8"))
    (batch / "bom16.txt").write_bytes(BODY.replace("157", "150").encode("utf-16"))
    (batch / "crlf.md").write_bytes(f"---\ntitle: CRLF\n---\n{BODY}".replace("\n", "\r\n").encode("utf-8"))
    (batch / "rtl.txt").write_text("\u05e9\u05dc\u05d5\u05dd. Cafe\u0301 owners said 157 drones came.\n", "utf-8")
    with (batch / "big.txt").open("wb") as handle:
        handle.write(b"x" * (50 * 1024 * 1024))
    for name, published in (("dup1.json", "2999-06-01"), ("dup2.json", "1850-06-01")):
        (batch / name).write_text(json.dumps({"id": "same", "published": published, "text": BODY}), "utf-8")
    loops = batch / "loops"
    loops.mkdir()
    (loops / "self.txt").symlink_to("self.txt")
    (loops / "up").symlink_to("..")
    report_path = tmp_path / "r.json"
    result = subprocess.run(
        [
            *(sys.executable, "-m", "consistency", "check", str(batch), "--quiet", "--no-timing"),
            *("--fail-on", "never", "-f", "json", "-o", str(report_path)),
        ],
        cwd=ROOT,
        env=ENV,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    named = sorted(Path(line.split(":")[1].strip()).name for line in errors)
    assert named == ["big.txt", "broken.md", "self.txt"], result.stderr
    report = json.loads(report_path.read_text(encoding="utf-8"))
    assert report_schema_errors(report) == []
    by_id = {a["id"]: a for a in report["articles"]}
    assert sorted(by_id) == ["bom16", "bom8", "crlf", "hostile", "rtl", "same", "same~2"]
    assert (by_id["same"]["published"], by_id["same~2"]["published"]) == ("2999-06-01", "1850-06-01")
    assert by_id["crlf"]["title"] == "CRLF"
    claims = {f[side]["text"] for f in report["findings"] for side in ("a", "b")}
    assert not any("pwned" in c or "9000" in c or "999 drones" in c for c in claims)
    assert len(report["problems"]) == 3
