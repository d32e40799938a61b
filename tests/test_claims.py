"""Sentence splitting edge cases, claim filters and the exact-offset invariant."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from consistency.claims import drop_reason, extract_claims, extract_claims_many
from consistency.ingest import load_inputs
from consistency.sentences import split_sentences
from consistency.types import Article

FIX = Path(__file__).parent / "fixtures"
SHARED = Path(__file__).parents[1].parent / "shared"
NEWS = SHARED / "data" / "news"


def sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


def article(text: str, title: str = "") -> Article:
    return Article(id="t", path="t.txt", text=text, title=title)


def check_invariant(articles: list[Article]) -> int:
    claims = extract_claims_many(articles)
    total = 0
    for a in articles:
        for i, c in enumerate(claims[a.id]):
            assert c.text == a.text[c.start : c.end]
            assert c.index == i and c.article_id == a.id
            assert c.text == c.text.strip()
            if c.speaker:
                assert c.start <= c.content_start < c.content_end <= c.end
            total += 1
    return total


# ----------------------------------------------------------------- sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The vote is set for Sept. 5 in Washington. Officials agreed.",
            ["The vote is set for Sept. 5 in Washington.", "Officials agreed."],
        ),
        (
            "Dr. Jane Roe spoke at No. 10 Downing St. on Monday. She left early.",
            ["Dr. Jane Roe spoke at No. 10 Downing St. on Monday.", "She left early."],
        ),
        (
            "Prices rose 3.5 percent in the U.S. last year. Wages did not.",
            ["Prices rose 3.5 percent in the U.S. last year.", "Wages did not."],
        ),
        ("Well... he did not know. He left at 5 p.m.", ["Well... he did not know.", "He left at 5 p.m."]),
        (
            '"We will fight. We will win," he said. Officials declined to comment.',
            ['"We will fight. We will win," he said.', "Officials declined to comment."],
        ),
        (
            "“Why would we stop?” he asked. Officials declined to comment.",
            ["“Why would we stop?” he asked.", "Officials declined to comment."],
        ),
        (
            "Mr. Smith and Gen. Lee met. They agreed on a plan.",
            ["Mr. Smith and Gen. Lee met.", "They agreed on a plan."],
        ),
    ],
)
def test_sentence_edge_cases(text, expected):
    assert sentences(text) == expected


def test_closing_quote_belongs_to_the_sentence_it_ends():
    text = '"It was late. We were tired. Then the shots came," Smith told reporters. Police arrived at 2 a.m.'
    got = sentences(text)
    assert got[-1] == "Police arrived at 2 a.m."
    assert all(s.count('"') in (0, 1, 2) for s in got)
    assert any(s.endswith('came," Smith told reporters.') for s in got)


def test_split_respects_bounds_and_offsets():
    text = "Ignore this. The river rose. Homes flooded. Ignore that."
    start, end = text.index("The"), text.index(" Ignore that")
    spans = split_sentences(text, start, end)
    assert [text[s:e] for s, e in spans] == ["The river rose.", "Homes flooded."]


def test_splitting_is_fast():
    text = "The river rose three metres overnight, officials said on Saturday. " * 30
    started = time.perf_counter()
    for _ in range(20):
        split_sentences(text)
    assert time.perf_counter() - started < 10


# ----------------------------------------------------------------- filters


@pytest.mark.parametrize(
    ("sentence", "reason"),
    [
        ("Is the bridge safe?", "question"),
        ("“Why would we stop now?” he asked.", "question"),
        ("That's not good.", "too-short"),
        ("Flood closes Elm Street bridge", "title-repeat"),
        ("Secretary Of State Says All Options On The Table", "heading"),
        ("Sign up for our newsletter today", "boilerplate:newsletter"),
        ("The river rose three metres overnight.", None),
    ],
)
def test_drop_reasons(sentence, reason):
    assert drop_reason(sentence, title="Flood closes Elm Street bridge") == reason


def test_claims_from_txt_fixture():
    [flood], _ = load_inputs([str(FIX / "articles" / "flood.txt")])
    claims = extract_claims(flood)
    texts = [c.text for c in claims]
    assert texts == [
        "Flood waters closed the Elm Street bridge in Riverton on Saturday, officials said.",
        "The river rose three metres overnight.",
        "About 200 homes were evacuated, according to the fire service.",
        '"We have never seen water this high," Mayor Ana Ruiz said.',
    ]
    # "Nobody expected it." is 3 words; the question and the photo credit are dropped
    assert [c.index for c in claims] == [0, 1, 2, 3]
    assert claims[2].speaker == "the fire service"
    assert claims[3].speaker == "Mayor Ana Ruiz"


def test_md_heading_marker_and_title_repeat_dropped():
    [md], _ = load_inputs([str(FIX / "articles" / "flood.md")])
    claims = extract_claims(md)
    assert [c.text for c in claims] == [
        "The river crested at 4.2 metres on Sept. 5, Dr. Lee Wong of the U.S. Geological Survey said."
    ]


def test_bullet_marker_stripped_from_span():
    text = "• The river rose three metres overnight in the valley.\n\n• About 200 homes were evacuated on Friday."
    claims = extract_claims(article(text))
    assert [c.text for c in claims] == [
        "The river rose three metres overnight in the valley.",
        "About 200 homes were evacuated on Friday.",
    ]


def test_quote_continuation_gets_the_speaker():
    text = '"The water came in fast," Mayor Ana Ruiz said. "We lost the school and the library."'
    claims = extract_claims(article(text))
    assert [c.speaker for c in claims] == ["Mayor Ana Ruiz", "Mayor Ana Ruiz"]
    second = claims[1]
    assert text[second.content_start : second.content_end] == "We lost the school and the library."


def test_invariant_on_all_fixtures():
    articles, _ = load_inputs([str(FIX)])
    assert check_invariant(articles) > 10


def test_empty_content_gives_no_claims():
    assert extract_claims(article("Advertisement\n\nShare this article\n\nREAD MORE")) == []


@pytest.mark.skipif(not (SHARED / "data" / "seeds").is_dir(), reason="shared data absent")
def test_invariant_and_claims_on_seed_articles():
    articles, problems = load_inputs([str(SHARED / "data" / "seeds" / "putin-legitimate-targets")])
    assert problems == []
    assert check_invariant(articles) > 40
    claims = extract_claims_many(articles)
    redstate = [c.text for c in claims["redstate"]]
    assert any("157 drones and 7 missiles" in t for t in redstate)
    assert "Advertisement" not in redstate
    assert not any(t.startswith("Read More") for t in redstate)
    naturalnews = claims["naturalnews"]
    assert not any(c.text.startswith("•") for c in naturalnews)
    assert not any("(Related:" in c.text for c in naturalnews)


@pytest.mark.skipif(not NEWS.is_dir(), reason="shared data absent")
def test_invariant_on_news_clusters():
    folders = sorted(p for p in (NEWS / "gvc").iterdir() if p.is_dir())[:6]
    folders += sorted(p for p in (NEWS / "ecbplus").iterdir() if p.is_dir())[:3]
    articles, problems = load_inputs([str(f) for f in folders])
    assert problems == []
    assert check_invariant(articles) > 200
