"""Finding ids: stable under edits that do not change what is claimed."""

from __future__ import annotations

import pytest

from consistency.fingerprint import finding_id, is_fingerprint, normalize_text

A = "Russia launched 157 drones overnight, officials said."
B = "Russia launched 810 drones, the largest attack so far."
BASE = finding_id("redstate", A, "naturalnews", B)


def test_format_is_16_lowercase_hex() -> None:
    assert is_fingerprint(BASE)
    assert len(BASE) == 16 and BASE.lower() == BASE


def test_same_input_same_id_known_value() -> None:
    # Pinned: changing the hashing scheme invalidates every user's baseline,
    # so it must be a deliberate, versioned change (FINGERPRINT_VERSION).
    # The expected value is derived here from the documented scheme (version tag,
    # sides sorted, separators \x1d/\x1e/\x1f, SHA-256, first 16 hex digits),
    # not copied from the code's output.
    import hashlib

    expected = hashlib.sha256(b"v1\x1da\x1fx\x1eb\x1fy").hexdigest()[:16]
    assert finding_id("a", "x", "b", "y") == expected
    assert finding_id("b", "y", "a", "x") == expected


def test_symmetric_in_its_two_sides() -> None:
    assert finding_id("naturalnews", B, "redstate", A) == BASE


@pytest.mark.parametrize(
    "variant",
    [
        "  Russia launched   157 drones\novernight,  officials said.\n",
        "Russia\tlaunched 157 drones overnight,\r\nofficials said.",
        "RUSSIA launched 157 drones overnight, officials said.",
        "Russia launched 157\u00a0drones overnight, officials said.",  # no-break space
        "Russia launched 157 drones overnight,\u200b officials said.",  # zero-width space
    ],
)
def test_whitespace_case_and_invisible_characters_do_not_matter(variant: str) -> None:
    assert finding_id("redstate", variant, "naturalnews", B) == BASE


def test_typographic_quotes_and_dashes_do_not_matter() -> None:
    curly = "He said \u201cno\u201d \u2014 it\u2019s over"
    straight = 'He said "no" - it\'s over'
    assert normalize_text(curly) == normalize_text(straight)
    assert finding_id("a", curly, "b", B) == finding_id("a", straight, "b", B)


@pytest.mark.parametrize(
    ("a_id", "a_text", "b_id", "b_text"),
    [
        ("redstate", A.replace("157", "158"), "naturalnews", B),  # wording changed
        ("other", A, "naturalnews", B),  # claim moved to another article
        ("redstate", B, "naturalnews", A),  # claims swapped between articles
        ("redstate", A, "redstate", B),  # within one article
    ],
)
def test_real_changes_give_a_new_id(a_id: str, a_text: str, b_id: str, b_text: str) -> None:
    assert finding_id(a_id, a_text, b_id, b_text) != BASE


def test_encoding_is_unambiguous() -> None:
    # Moving text across the article/claim boundary must not collide.
    assert finding_id("a", "b c", "d", "e") != finding_id("a b", "c", "d", "e")
    assert finding_id("a", "x", "b", "y z") != finding_id("a", "x y", "b", "z")


def test_is_fingerprint_rejects_other_values() -> None:
    for value in (None, 12, "", "ABCDEF0123456789", "0123456789abcdef0", "xyz"):
        assert not is_fingerprint(value)
