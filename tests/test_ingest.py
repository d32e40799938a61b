"""Ingest: every format, paths/folders/globs/stdin, and one problem per bad input."""

from __future__ import annotations

import os
import shutil
from datetime import date
from pathlib import Path

import pytest

from consistency.ingest import MAX_FILE_BYTES, MAX_LINE_CHARS, load_inputs

FIX = Path(__file__).parent / "fixtures"
ART = FIX / "articles"
BAD = FIX / "bad"
SHARED = Path(__file__).parents[1].parent / "shared"


def load(*paths: object, stdin: str | None = None):
    return load_inputs([str(p) for p in paths], stdin)


def only_problem(path: Path) -> str:
    articles, problems = load(path)
    assert articles == []
    assert len(problems) == 1, problems
    assert problems[0].path == str(path)
    return problems[0].problem


# ----------------------------------------------------------------- formats


def test_txt_without_front_matter_keeps_whole_file_and_no_title():
    [article], problems = load(ART / "flood.txt")
    assert problems == []
    assert article.id == "flood"
    assert article.title == ""
    assert article.text == (ART / "flood.txt").read_text(encoding="utf-8")
    assert article.text_line == 1


def test_md_front_matter_sets_metadata_and_body_line():
    [article], _ = load(ART / "flood.md")
    assert article.id == "gazette-flood"
    assert article.title == "Flood closes Elm Street bridge"
    assert article.source == "Riverton Gazette"
    assert article.published == date(2024, 3, 2)
    assert article.url == "https://example.org/flood"
    assert article.text.startswith("# Flood closes Elm Street bridge\n")
    lines = (ART / "flood.md").read_text(encoding="utf-8").splitlines()
    assert lines[article.text_line - 1] == "# Flood closes Elm Street bridge"


def test_html_main_text_and_metadata():
    [article], problems = load(ART / "bridge.html")
    assert problems == []
    assert article.title == "Bridge reopens after flood"
    assert article.source == "Valley Herald"
    assert article.published == date(2024, 3, 9)
    assert article.text_line is None
    assert "engineers inspected its pillars" in article.text
    assert "Home" not in article.text  # navigation dropped
    assert "\n\n" in article.text  # paragraphs separated by a blank line


def test_json_list_ids_dates_and_record_lines():
    articles, problems = load(ART / "pair.json")
    assert problems == []
    assert [a.id for a in articles] == ["herald-1", "pair:1"]
    assert articles[0].published == date(2024, 2, 28)
    assert articles[1].published == date(2024, 2, 29)  # full ISO datetime accepted
    assert [a.record_line for a in articles] == [2, 3]


def test_json_single_object_defaults_id_to_stem():
    [article], _ = load(ART / "single.json")
    assert article.id == "single"
    assert article.title == "Power restored"
    assert article.published is None


def test_jsonl_malformed_line_loses_only_that_line():
    articles, problems = load(ART / "lines.jsonl")
    assert [(a.id, a.record_line) for a in articles] == [("a", 1), ("c", 3)]
    assert len(problems) == 1
    assert problems[0].line == 2
    assert "malformed JSON line" in problems[0].problem


def test_jsonl_default_id_is_stem_and_line(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text(
        '{"text": "The first line is an article about a flood."}\n\n'
        '{"text": "The third line is an article about a storm."}\n',
        encoding="utf-8",
    )
    articles, problems = load(path)
    assert problems == []
    assert [a.id for a in articles] == ["feed:1", "feed:3"]


# ----------------------------------------------------------------- paths


def test_folder_recursive_sorted_skips_hidden_and_unknown():
    articles, problems = load(FIX / "folder")
    assert problems == []
    assert [a.id for a in articles] == ["one", "two"]
    assert articles[1].path == str(FIX / "folder" / "sub" / "two.txt")


def test_glob_recursive_sorted():
    articles, problems = load(FIX / "folder" / "**" / "*.txt")
    assert problems == []
    assert [a.id for a in articles] == ["one", "two"]


def test_same_file_twice_is_loaded_once():
    articles, _ = load(ART / "single.json", ART / "single.json", ART)
    assert [a.id for a in articles].count("single") == 1


def test_duplicate_ids_get_deterministic_suffix(tmp_path):
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        shutil.copy(ART / "single.json", tmp_path / name / "single.json")
    articles, _ = load(tmp_path / "a" / "single.json", tmp_path / "b" / "single.json")
    assert [a.id for a in articles] == ["single", "single~2"]


def test_stdin_plain_text_json_and_jsonl():
    [plain], _ = load("-", stdin="The mayor said the bridge would reopen on Friday.\n")
    assert (plain.path, plain.id, plain.title) == ("<stdin>", "stdin", "")
    [obj], _ = load("-", stdin='{"id": "x", "text": "The bridge reopened on Friday morning."}')
    assert obj.id == "x"
    lines = '{"text": "The bridge reopened on Friday."}\n{"text": "The road stayed closed all day."}\n'
    articles, problems = load("-", stdin=lines)
    assert problems == [] and [a.record_line for a in articles] == [1, 2]
    _, problems = load("-", stdin="   ")
    assert problems[0].path == "<stdin>" and "empty" in problems[0].problem


def test_order_is_argument_order(tmp_path):
    articles, _ = load(ART / "single.json", ART / "flood.txt")
    assert [a.id for a in articles] == ["single", "flood"]


# ----------------------------------------------------------------- bad inputs


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("empty.txt", "empty file"),
        ("binary.txt", "binary file"),
        ("latin1.txt", "not valid UTF-8 (byte 0xe9 at offset 7)"),
        ("malformed.json", "malformed JSON"),
        ("notext.json", "no 'text' string"),
        ("string.json", "got a JSON string"),
        ("numbers.json", "expected an article object"),
        ("blank_text.json", "article text is empty"),
        ("bad_date.md", "not an ISO date"),
        ("bad_yaml.md", "front matter is not valid YAML"),
        ("table.csv", "unsupported file type '.csv'"),
    ],
)
def test_each_bad_input_gives_one_clear_problem(name, expected):
    assert expected in only_problem(BAD / name)


def test_bad_inputs_do_not_stop_good_ones():
    articles, problems = load(BAD, ART / "single.json")
    assert [a.id for a in articles] == ["single"]
    # table.csv inside a folder is skipped silently; every other bad file is reported once
    reported = sorted(Path(p.path).name for p in problems)
    assert reported == sorted(p.name for p in BAD.iterdir() if p.suffix != ".csv")


def test_malformed_json_reports_line():
    _, [problem] = load(BAD / "malformed.json")
    assert problem.line == 2


def test_missing_path_and_empty_glob(tmp_path):
    _, problems = load(tmp_path / "missing.txt", tmp_path / "*.json")
    assert [p.problem for p in problems] == [
        "no such file or directory",
        "pattern matched no supported files (.txt, .md, .html, .htm, .json, .jsonl)",
    ]


def test_folder_without_articles(tmp_path):
    (tmp_path / "notes.csv").write_text("a,b\n", encoding="utf-8")
    assert "no supported files" in only_problem(tmp_path)


def test_enormous_line_is_reported_not_split(tmp_path):
    path = tmp_path / "blob.txt"
    path.write_text("word " * (MAX_LINE_CHARS // 5 + 10), encoding="utf-8")
    problem = only_problem(path)
    assert "characters long" in problem
    _, [p] = load(path)
    assert p.line == 1


def test_file_over_size_cap(tmp_path):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as handle:  # sparse: costs no disk or time
        handle.truncate(MAX_FILE_BYTES + 1)
    assert "over the 20 MB limit" in only_problem(path)


def test_html_without_article_text(tmp_path):
    path = tmp_path / "empty.html"
    path.write_text("<html><head><script>var x = 1;</script></head><body></body></html>", encoding="utf-8")
    assert "no article text" in only_problem(path)


def test_utf8_bom_is_accepted(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeffThe council approved the budget on Monday.".encode())
    [article], _ = load(path)
    assert article.text.startswith("The council")


def test_unreadable_file(tmp_path):
    if os.geteuid() == 0:
        pytest.skip("root can read anything")
    path = tmp_path / "locked.txt"
    path.write_text("The council approved the budget on Monday.", encoding="utf-8")
    path.chmod(0)
    assert "cannot read" in only_problem(path)


@pytest.mark.skipif(not (SHARED / "data" / "seeds").is_dir(), reason="shared data absent")
def test_seed_articles_load():
    articles, problems = load(SHARED / "data" / "seeds" / "putin-legitimate-targets")
    assert problems == []
    assert {a.id for a in articles} == {"redstate", "naturalnews"}
    assert all(a.published for a in articles)
