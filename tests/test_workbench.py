"""Evidence spans, claim context, the concise format and highlighted claims (issue 15).

Expected values are written out by hand from the texts below.
"""

from __future__ import annotations

import json
import re
from io import StringIO

from rich.console import Console
from test_reports import ARTICLE_A, C_WAR_A, SCRIPT, make_report

from consistency import quantities
from consistency.evidence import with_evidence
from consistency.reports import render
from consistency.reports.context import sentence_after, sentence_before
from consistency.reports.terminal import print_report, squash
from consistency.types import Article, CandidatePair, Claim, EvidenceSpan, Finding
from consistency.verdict import decide

A_TEXT = "Air raid sirens sounded in Kyiv. Russia launched 157 drones overnight."
B_TEXT = "Officials spoke on Friday.\nRussia launched 150 drones overnight."


def _claim(article: Article, fragment: str, index: int = 0) -> Claim:
    start = article.text.index(fragment)
    return Claim(article.id, index, fragment, start, start + len(fragment))


def _finding(a: Claim, b: Claim, kind: str, verdict: str = "contradict") -> Finding:
    return Finding("0123456789abcdef", verdict, kind, 0.8, a, b, 0.9, "why")  # type: ignore[arg-type]


def test_evidence_points_at_the_counts_the_numbers_layer_compared() -> None:
    a_article, b_article = Article("a", "a.txt", A_TEXT), Article("b", "b.txt", B_TEXT)
    a = _claim(a_article, "Russia launched 157 drones overnight.")
    b = _claim(b_article, "Russia launched 150 drones overnight.")
    qa, qb = quantities.extract(a.text, None), quantities.extract(b.text, None)
    symbolic = quantities.compare_extracted(tuple(qa), tuple(qb), 0.9)
    assert symbolic is not None and symbolic.status == "conflict"
    finding = with_evidence(decide(CandidatePair(a, b, 0.9), None, symbolic, "0123456789abcdef"), qa, qb)
    # "Russia launched 157": the claim starts at 33 in A, at 27 in B (after the newline)
    assert finding.a_spans == (EvidenceSpan("number", 49, 52, "157", "157 drone (launch)"),)
    assert finding.b_spans == (EvidenceSpan("number", 43, 46, "150", "150 drone (launch)"),)
    assert A_TEXT[49:52] == "157" and B_TEXT[43:46] == "150"


def test_evidence_marks_negation_cues_and_names_only_one_claim_has() -> None:
    article = Article("x", "x.txt", "The bridge was not damaged. The bridge was damaged. Police held Smith in Leeds.")
    other = Article("y", "y.txt", "Police held Smith in York.")
    negated = with_evidence(
        _finding(
            _claim(article, "The bridge was not damaged."), _claim(article, "The bridge was damaged.", 1), "negation"
        ),
        (),
        (),
    )
    assert negated.a_spans == (EvidenceSpan("negation", 15, 18, "not", "not"),)
    assert negated.b_spans == ()
    names = with_evidence(
        _finding(
            _claim(article, "Police held Smith in Leeds.", 2), _claim(other, "Police held Smith in York."), "entity"
        ),
        (),
        (),
    )
    assert names.a_spans == (EvidenceSpan("name", 73, 78, "Leeds", "Leeds"),)
    assert names.b_spans == (EvidenceSpan("name", 21, 25, "York", "York"),)


def test_nli_findings_without_numbers_carry_no_spans() -> None:
    article = Article("x", "x.txt", "Talks went well. Talks failed.")
    plain = with_evidence(
        _finding(_claim(article, "Talks went well."), _claim(article, "Talks failed.", 1), "nli"), (), ()
    )
    assert plain.a_spans == () and plain.b_spans == ()


def test_context_is_the_neighbouring_sentences() -> None:
    text = 'He said "yes." Then 5 people left. Rain fell\non the town. End'
    claim_start = text.index("Then")
    claim_end = text.index("left.") + len("left.")
    assert text[slice(*sentence_before(text, claim_start))] == 'He said "yes."'
    assert text[slice(*sentence_after(text, claim_end))] == "Rain fell"
    assert sentence_before(text, 0) is None
    assert sentence_after(text, len(text)) is None
    long = "word " * 200 + "Claim."
    before = sentence_before(long, long.index("Claim"), limit=30)
    assert before is not None and long[slice(*before)] == "word word word word word word"


def test_concise_is_one_line_per_finding() -> None:
    assert render(make_report(), "concise").splitlines() == [
        "bad.jsonl:3: line is not JSON: <oops>",
        'news/a.md:4:3: contradict numeric 0.93 FAILING "157 drones" vs "810 drones" [news\\b.json:7]',
        f'news/a.md:5:1: contradict temporal 0.41 "2–3 years" vs "{SCRIPT}, 3–4 years <b>(war)</b>" [news\\b.json:7]',
        'news/a.md:4:3: agree nli 0.70 "Russia launched 157 drones overnight, officials…" vs '
        '"Kyiv said *all* [victims](http://evil.example)…" [news/a.md:6:1]',
        "2 contradictions and 1 agreement in 2 articles (5 claims, 6 pairs checked). 1 suppressed by baseline. "
        "Gate contradict:0.5: 1 failing.",
    ]


def test_squash_keeps_the_offsets_of_kept_characters() -> None:
    assert squash(" a \n b ") == ("a b", [1, 2, 5])


def test_terminal_highlights_evidence_on_a_tty_only() -> None:
    buffer = StringIO()
    console = Console(file=buffer, force_terminal=True, color_system="standard", width=120)
    print_report(make_report(), console)
    coloured = buffer.getvalue()
    # the span "157 drones" is styled on its own (bold, underlined, yellow), the rest of the claim is not
    assert re.search(r"Russia launched \x1b\[1;4;33m157 drones\x1b\[0m\s", coloured), coloured
    assert re.search(r"Russia launched \x1b\[1;4;33m810 drones\x1b\[0m,", coloured)
    piped = render(make_report(), "terminal")
    assert "\x1b" not in piped and "Russia launched 157" in piped


def test_html_highlights_are_escaped_and_carry_values() -> None:
    html = render(make_report(), "html")
    assert (
        '<mark class="ev ev-name" title="name: &lt;script&gt;alert(1)&lt;/script&gt;">'
        "&lt;script&gt;alert(1)&lt;/script&gt;</mark>"
    ) in html
    assert 'data-value="3–4 years &lt;b&gt;(war)&lt;/b&gt;">fourth year</mark>' in html
    assert '<p class="diff searchable">A 157 drones<span class="vs">&ne;</span>B 810 drones</p>' in html
    # the sentences around "The war is in its third year." and the whole article, the claim marked
    assert '<p class="ctx">&hellip; Russia launched 157 drones overnight, officials said.</p>' in html
    assert f"<mark>{C_WAR_A.text}</mark>" in html
    assert html.count('<details class="full">') == 6  # two claims in each of three cards


def test_json_spans_index_the_article_text() -> None:
    document = json.loads(render(make_report(), "json"))
    texts = {"redstate": ARTICLE_A.text, "naturalnews": make_report().articles[1].text}
    spans = [(f[side]["article"], s) for f in document["findings"] for side in ("a", "b") for s in f[side]["evidence"]]
    assert len(spans) == 5
    for article, span in spans:
        assert texts[article][span["start"] : span["end"]] == span["text"]
    assert document["schema_version"] == "2"


def test_terminal_formats_never_pass_control_characters_through() -> None:
    """An article with ESC sequences must not clear, retitle or recolour the reader's terminal."""
    from dataclasses import replace as copy

    from test_reports import ARTICLE_A, C_DRONES_A, C_DRONES_B, finding, make_report

    from consistency.reports import render

    evil = "Russia launched 157 drones\x1b[2J\x1b]0;pwned\x07 overnight\x9b31m, officials said."
    article = copy(ARTICLE_A, text=ARTICLE_A.text.replace(C_DRONES_A.text, evil))
    claim = copy(C_DRONES_A, text=evil, end=C_DRONES_A.start + len(evil))
    report = copy(make_report((finding(claim, C_DRONES_B, "contradict", "numeric", 0.9, "x\x1b[31m"),)),
                  articles=(article, make_report().articles[1]))  # fmt: skip
    for fmt in ("terminal", "concise"):
        text = render(report, fmt)
        assert "\x1b" not in text and "\x07" not in text and "\x9b" not in text, fmt
        assert "\ufffd[2J" in text or "\ufffd[2J" in text.replace("\n", ""), fmt
