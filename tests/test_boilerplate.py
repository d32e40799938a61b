"""Boilerplate rules, one by one, and the offsets contract of content_spans."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from consistency.boilerplate import RULES, boilerplate_spans, content_spans, line_rule

SHARED = Path(__file__).parents[1].parent / "shared"
SEEDS = SHARED / "data" / "seeds" / "putin-legitimate-targets"


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("Advertisement", "advertisement"),
        ("ADVERTISEMENT", "advertisement"),
        ("Sponsored", "advertisement"),
        ("Read more: Storm season starts early", "read-more"),
        ("Read More: Surprise: Mayor Invites Rival to Debate", "read-more"),
        ("READ MORE", "read-more"),
        ("Related: Man charged in fatal shooting", "read-more"),
        ("RELATED | Father speaks after crash", "read-more"),
        ("►Related: Snow day brings closures", "read-more"),
        ("Related Coverage Two hurt in crash", "read-more"),
        ("Read or Share this story: http://example.org/x", "read-more"),
        ("Sign up for our newsletter", "newsletter"),
        ("Subscribe now for unlimited access", "newsletter"),
        ("Stay informed with the latest headlines; sign up for our newsletter", "newsletter"),
        ("Join the conversation as a VIP Member", "vip-promo"),
        ("Become a VIP member today and use promo code SAVE", "vip-promo"),
        ("Click here for reuse options!", "vip-promo"),
        ("Share this article", "share"),
        ("Share on Facebook", "share"),
        ("Follow us on Twitter | Like us on Facebook", "share"),
        ("Twitter", "share"),
        ("Photo: Riverton Fire Department", "caption"),
        ("A firefighter carries a child from the flood. (AP Photo/Jane Doe)", "caption"),
        ("Police say the suspect fled on foot. View Full Caption NYPD", "caption"),
        ("Jane Doe, Example Agency, Pool Photo via AP", "caption"),
        ("Smoke rises over the harbour. Getty Images", "caption"),
        ("Three people were hurt in the blast. (WISH Photo)", "caption"),
        ("Please enable Javascript to watch this video", "video"),
        ("Watch the mayor explain the evacuation plan.", "video"),
        ("© 2025 Example Media", "copyright"),
        ("Copyright 2016 Example Broadcasting, Inc. All rights reserved.", "copyright"),
        ("(© 2016 KXYZ)", "copyright"),
        ("To reach Jane Doe, call 555-123-4567 or email jdoe@example.org", "contact"),
        ("Editor's Note: This story was updated with new figures.", "editor-note"),
        ("Example.com", "link-line"),
        ("Read full article here", "read-full"),
    ],
)
def test_line_rules(line, rule):
    assert line_rule(line) == rule


@pytest.mark.parametrize(
    "line",
    [
        "Related charges were filed against two other men on Friday.",
        "Copyright lawsuits against the company rose sharply last year.",
        "Contact with the boat was lost at 5 p.m., the coast guard said.",
        "The advertisement ran in three newspapers before the vote.",
        "Police said the photo was taken hours before the shooting.",
        "Subscribers to the service lost access for three hours.",
    ],
)
def test_real_sentences_are_kept(line):
    assert line_rule(line) is None


def test_rule_names_are_documented():
    assert all(rule.why for rule in RULES)


def test_title_repeat_is_case_and_space_insensitive():
    assert line_rule("FLOOD  closes Elm Street bridge", title="Flood closes Elm Street Bridge") == "title-repeat"


def test_related_aside_removes_only_the_aside():
    text = "The mayor ordered an evacuation. (Related: Storm season starts early.)"
    [(start, end, rule)] = boilerplate_spans(text)
    assert rule == "read-more"
    assert text[start:end] == " (Related: Storm season starts early.)"
    assert [text[s:e] for s, e in content_spans(text)] == ["The mayor ordered an evacuation."]


def test_link_list_after_heading():
    text = (
        "The dam held overnight, engineers said.\n\nMore related stories:\n\n"
        "Storm season starts early in the valley.\n\nBridge inspections planned for May.\n\nSources include:\n\n"
        "Example.com"
    )
    removed = [(text[s:e], r) for s, e, r in boilerplate_spans(text)]
    assert ("Storm season starts early in the valley.", "link-list") in removed
    assert ("Bridge inspections planned for May.", "link-list") in removed
    assert [text[s:e] for s, e in content_spans(text)] == ["The dam held overnight, engineers said."]


def test_content_spans_are_exact_offsets_and_paragraphs():
    text = (
        "  First paragraph here.\n\nAdvertisement\n\nSecond paragraph, wrapped over a long line that\ncontinues here.\n"
    )
    spans = content_spans(text)
    assert [text[s:e] for s, e in spans] == [
        "First paragraph here.",
        "Second paragraph, wrapped over a long line that\ncontinues here.",
    ]


def test_short_lines_are_not_joined():
    text = "Flood update\nThe river rose three metres overnight."
    assert [text[s:e] for s, e in content_spans(text)] == [
        "Flood update",
        "The river rose three metres overnight.",
    ]


def test_bullets_are_separate_spans():
    text = (
        "• The river rose three metres overnight in the valley.\n• About 200 homes were evacuated by the fire service."
    )
    assert len(content_spans(text)) == 2


def test_crlf_text():
    text = "The river rose three metres overnight.\r\n\r\nAdvertisement\r\n\r\nHomes were evacuated."
    assert [text[s:e] for s, e in content_spans(text)] == [
        "The river rose three metres overnight.",
        "Homes were evacuated.",
    ]


@pytest.mark.skipif(not SEEDS.is_dir(), reason="shared data absent")
def test_seed_boilerplate():
    redstate = json.loads((SEEDS / "redstate.json").read_text(encoding="utf-8"))
    removed = {redstate["text"][s:e] for s, e, _ in boilerplate_spans(redstate["text"], redstate["title"])}
    assert "Advertisement" in removed
    assert any(r.startswith("Read More:") for r in removed)
    assert any("Photo via AP" in r for r in removed)
    assert any("VIP" in r for r in removed)
    kept = " ".join(redstate["text"][s:e] for s, e in content_spans(redstate["text"], redstate["title"]))
    assert "157 drones" in kept
    naturalnews = json.loads((SEEDS / "naturalnews.json").read_text(encoding="utf-8"))
    kept = " ".join(naturalnews["text"][s:e] for s, e in content_spans(naturalnews["text"], naturalnews["title"]))
    assert "(Related:" not in kept
    assert "InfoWars.com" not in kept
    assert "signaling a potential long-term Western military presence." in kept
