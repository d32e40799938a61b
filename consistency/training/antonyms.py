"""Antonyms from WordNet's database files, for polarity-flip training pairs.

A hand list of antonyms covers the dozen verbs somebody thought of ("rose"/"fell");
WordNet 3.0 (Princeton, a permissive licence) has a few thousand direct antonym
pointers between verb and adjective senses. We read them straight from the
database files documented in wndb(5), as Debian's `wordnet-base` installs them under
/usr/share/wordnet, so training needs no extra Python package and no download.

Only *direct* antonyms (`!` pointers between two lemmas) are used: indirect
("similar to" an antonym) pairs are too loose to label a contradiction by
construction. Inflected forms come from WordNet's exception lists (fell → fall)
plus the regular English rules, and a form is only offered when it is seen in the
caller's vocabulary, so a wrong regular form ("stoped") is never produced.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

DEFAULT_DIRS = (os.environ.get("WNSEARCHDIR", ""), "/usr/share/wordnet", "/usr/local/share/wordnet")
POS_FILES = {"v": "verb", "a": "adj"}


class WordNetMissing(RuntimeError):
    """WordNet's database files are not installed (Debian: `apt-get install wordnet-base`)."""


def find_wordnet(dirs: tuple[str, ...] = DEFAULT_DIRS) -> Path:
    for folder in dirs:
        if folder and (Path(folder) / "data.verb").is_file() and (Path(folder) / "data.adj").is_file():
            return Path(folder)
    raise WordNetMissing(
        "WordNet database files not found (looked in "
        + ", ".join(d for d in dirs if d)
        + "); install Debian's wordnet-base or set WNSEARCHDIR"
    )


def _parse_line(line: str) -> tuple[str, list[str], list[tuple[int, str, int]]] | None:
    """One synset line: its offset, its lemmas and its antonym pointers (source, target offset, target)."""
    if line.startswith("  "):  # licence header
        return None
    fields = line.split(" | ", 1)[0].split()
    offset, _lex, _ss_type, w_cnt = fields[0], fields[1], fields[2], int(fields[3], 16)
    words = [fields[4 + 2 * i].split("(")[0].lower() for i in range(w_cnt)]
    at = 4 + 2 * w_cnt
    p_cnt = int(fields[at])
    pointers: list[tuple[int, str, int]] = []
    for i in range(p_cnt):
        symbol, target, _pos, source_target = fields[at + 1 + 4 * i : at + 5 + 4 * i]
        if symbol == "!":
            pointers.append((int(source_target[:2], 16), target, int(source_target[2:], 16)))
    return offset, words, pointers


def _sense_order(folder: Path, name: str) -> dict[str, list[str]]:
    """Each lemma's synsets, most frequent sense first (index files list them in that order)."""
    order: dict[str, list[str]] = {}
    with open(folder / f"index.{name}", encoding="utf-8", errors="replace") as handle:
        for line in handle:
            if line.startswith("  "):
                continue
            fields = line.split()
            lemma, synset_cnt, p_cnt = fields[0], int(fields[2]), int(fields[3])
            order[lemma] = fields[-synset_cnt:] if synset_cnt else []
            del p_cnt
    return order


def read_antonyms(folder: Path) -> dict[str, dict[str, str]]:
    """Base-form antonym per part of speech, from the lemma's most frequent sense that has one.

    "lose" has antonyms in several senses (win, keep, find, profit); the commonest sense's
    (win) is the one a news sentence most likely means.
    """
    result: dict[str, dict[str, str]] = {}
    for pos, name in POS_FILES.items():
        synsets: dict[str, list[str]] = {}
        pointers_of: dict[tuple[str, str], list[str]] = {}
        with open(folder / f"data.{name}", encoding="utf-8", errors="replace") as handle:
            parsed_lines = [parsed for line in handle if (parsed := _parse_line(line)) is not None]
        for offset, words, _ in parsed_lines:
            synsets[offset] = words
        for offset, words, pointers in parsed_lines:
            for source, target, index in pointers:
                if target in synsets and source and index:
                    pointers_of.setdefault((offset, words[source - 1]), []).append(synsets[target][index - 1])
        table: dict[str, str] = {}
        for lemma, senses in _sense_order(folder, name).items():
            if "_" in lemma:
                continue
            for offset in senses:
                others = [o for o in pointers_of.get((offset, lemma), []) if "_" not in o]
                if others:
                    table[lemma] = others[0]
                    break
        result[pos] = table
    return result


def read_exceptions(folder: Path) -> dict[str, set[str]]:
    """Irregular verb forms per base form (fall → {fell, fallen}), from verb.exc."""
    forms: dict[str, set[str]] = {}
    path = folder / "verb.exc"
    if path.is_file():
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            parts = line.split()
            for base in parts[1:]:
                forms.setdefault(base, set()).add(parts[0])
    return forms


def regular_past(base: str) -> str:
    if base.endswith("e"):
        return base + "d"
    if base.endswith("y") and len(base) > 2 and base[-2] not in "aeiou":
        return base[:-1] + "ied"
    return base + "ed"


def regular_third(base: str) -> str:
    if base.endswith(("s", "sh", "ch", "x", "z", "o")):
        return base + "es"
    if base.endswith("y") and len(base) > 2 and base[-2] not in "aeiou":
        return base[:-1] + "ies"
    return base + "s"


@dataclass(frozen=True)
class Antonyms:
    """Antonym lookup by spaCy tag, limited to forms the caller's text uses."""

    verbs: dict[str, str]
    adjectives: dict[str, str]
    irregular: dict[str, set[str]]
    vocabulary: frozenset[str]

    def inflect(self, base: str, tag: str) -> str | None:
        """`base` in the form `tag` (VBD, VBN, VBZ, VBG, VB/VBP) if that form is in the vocabulary."""
        if tag in ("VB", "VBP"):
            candidates = [base]
        elif tag == "VBZ":
            candidates = [regular_third(base)]
        elif tag == "VBG":
            stem = base[:-1] if base.endswith("e") and not base.endswith("ee") else base
            candidates = [stem + "ing", base + base[-1] + "ing"]
        else:
            candidates = [*sorted(self.irregular.get(base, ())), regular_past(base), base + base[-1] + "ed"]
        return next((form for form in candidates if form in self.vocabulary), None)

    def options(self, lemma: str, tag: str) -> list[str]:
        """The inflected antonym of a token with this lemma and tag, if WordNet and the vocabulary have one."""
        lemma = lemma.lower()
        if tag.startswith("VB") and lemma in self.verbs:
            form = self.inflect(self.verbs[lemma], tag)
            return [form] if form else []
        if tag == "JJ" and self.adjectives.get(lemma) in self.vocabulary:
            return [self.adjectives[lemma]]
        return []


def load(vocabulary: frozenset[str], folder: Path | None = None) -> Antonyms:
    folder = folder or find_wordnet()
    tables = read_antonyms(folder)
    return Antonyms(tables["v"], tables["a"], read_exceptions(folder), vocabulary)
