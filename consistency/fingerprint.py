"""Stable identifiers for findings.

A finding's id is what baselines store and what SARIF uses as a partial
fingerprint, so it must survive the changes that do not make a finding "new":

* whitespace edits (re-wrapped paragraphs, double spaces, trailing newlines);
* letter case and typographic variants (curly vs straight quotes, en/em dashes
  vs hyphens, NFKC compatibility forms such as non-breaking spaces);
* the order in which articles were given on the command line (the two sides
  are sorted before hashing, so (a, b) and (b, a) give the same id);
* a change of the *kind* label or of the *verdict* (e.g. when the symbolic
  layer learns to call an "nli" finding "numeric", or a model update moves a
  confidence around): neither is hashed, so a finding accepted into a baseline
  stays suppressed. A baseline only ever records contradictions (see
  `consistency.baseline`), so ignoring the verdict cannot hide a new one.

It deliberately changes when the claim wording changes or when a claim moves to
another article id: that is a different statement and deserves a fresh look.
Article ids themselves come from ingest; the id is only as stable as they are.

Format: the first 16 hex digits (64 bits) of a SHA-256 over a versioned,
unambiguous encoding of the two normalized sides.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

FINGERPRINT_VERSION = "1"
FINGERPRINT_LENGTH = 16
FINGERPRINT_PATTERN = re.compile(r"^[0-9a-f]{16}$")

# Typographic variants that editors and CMSs swap freely.
_TYPOGRAPHY = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u00ad": None,  # soft hyphen: invisible
        "\u200b": None,  # zero-width space
        "\ufeff": None,  # byte-order mark / zero-width no-break space
    }
)
_WHITESPACE = re.compile(r"\s+")


def normalize_text(text: str) -> str:
    """Reduce claim text to what matters for identity (see module docstring)."""
    text = unicodedata.normalize("NFKC", text).translate(_TYPOGRAPHY)
    return _WHITESPACE.sub(" ", text).strip().casefold()


def finding_id(a_article_id: str, a_text: str, b_article_id: str, b_text: str) -> str:
    """The stable id of a finding between claim `a` and claim `b`.

    Symmetric in its two sides; see the module docstring for what it ignores.
    """
    sides = sorted(
        (
            (a_article_id.strip(), normalize_text(a_text)),
            (b_article_id.strip(), normalize_text(b_text)),
        )
    )
    # Unit/record separators cannot appear after normalization (they are
    # whitespace-like control characters folded by \s), so the encoding is
    # unambiguous.
    payload = "\x1e".join(f"{article}\x1f{text}" for article, text in sides)
    # surrogatepass: text decoded with errors="surrogateescape" still hashes.
    data = f"v{FINGERPRINT_VERSION}\x1d{payload}".encode("utf-8", "surrogatepass")
    digest = hashlib.sha256(data).hexdigest()
    return digest[:FINGERPRINT_LENGTH]


def is_fingerprint(value: object) -> bool:
    """True when `value` looks like an id made by `finding_id`."""
    return isinstance(value, str) and FINGERPRINT_PATTERN.fullmatch(value) is not None
