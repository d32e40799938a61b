"""Claims: the check-worthy sentences of an article, with exact offsets and speakers.

Pipeline per article: boilerplate-free content spans -> sentences (senter) ->
filters -> attribution (parser, only on sentences with a reporting cue) ->
quote continuation (a pure-quote sentence next to an attributed quote gets the
same speaker). `extract_claims_many` batches all of it over many articles, so
spaCy runs as two `nlp.pipe` passes in total, not one per sentence.

Invariant, tested on every fixture and on real articles:
`claim.text == article.text[claim.start:claim.end]`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from consistency.attribution import Attribution, attribute_many
from consistency.boilerplate import content_spans, line_rule
from consistency.sentences import split_texts
from consistency.types import Article, Claim

Span = tuple[int, int]

MIN_WORDS = 4
# Leading list/heading markers that are layout, not content: "• ", "- ", "1. ", "## ".
_PREFIX = re.compile(r"(?:[•·▪►▶‣◦*–—-]+\s+|\d{1,2}[.)]\s+|#{1,6}\s+|>\s+)+")
_CLOSERS = "\"”’')]» "
_OPENERS = '"“‘«'
_TERMINAL = ".!?…"
_WORDS = re.compile(r"[\w'’-]+")


def _strip_prefix(text: str, start: int, end: int) -> int:
    match = _PREFIX.match(text, start, end)
    return match.end() if match else start


def _norm(text: str) -> str:
    return " ".join(_WORDS.findall(text.casefold()))


def is_question(sentence: str) -> bool:
    """Ends in "?" (inside closing quotes too), or is a quoted question with a tail."""
    core = sentence.rstrip(_CLOSERS)
    return core.endswith("?") or bool(re.search(r"\?[\"”]\s+\S+ (asked|wondered)\.?$", sentence))


def looks_like_heading(sentence: str) -> bool:
    """No final punctuation and mostly Capitalized Words: a headline or section title."""
    if sentence.rstrip(_CLOSERS)[-1:] in _TERMINAL:
        return False
    words = [w for w in _WORDS.findall(sentence) if w[:1].isalpha()]
    if not words:
        return True
    caps = sum(1 for w in words if w[:1].isupper())
    return caps / len(words) >= 0.6


def drop_reason(sentence: str, title: str) -> str | None:
    """Why a sentence is not a claim, or None to keep it (each reason is tested)."""
    if len(_WORDS.findall(sentence)) < MIN_WORDS:
        return "too-short"
    if is_question(sentence):
        return "question"
    if title and _norm(sentence) == _norm(title):
        return "title-repeat"
    if looks_like_heading(sentence):
        return "heading"
    rule = line_rule(sentence)
    if rule:
        return f"boilerplate:{rule}"
    return None


def _opens_quote(sentence: str) -> bool:
    return sentence[:1] in _OPENERS


def _is_pure_quote(sentence: str) -> bool:
    """Whole sentence is quoted speech with no tail: `"We will win."`."""
    core = sentence.rstrip(" ")
    return _opens_quote(core) and core[-1:] in '"”' and core.count("“") <= 1


def _unquoted(sentence: str) -> tuple[int, int]:
    start, end = 0, len(sentence)
    while start < end and sentence[start] in _OPENERS + " ":
        start += 1
    while end > start and sentence[end - 1] in _CLOSERS:
        end -= 1
    return start, end


def _carry_speakers(sentences: list[str], attrs: list[Attribution], groups: list[int]) -> list[Attribution]:
    """Give a pure-quote sentence the speaker of an adjacent attributed quote.

    Two or more quoted sentences often share one tail: `"A," she said. "B."`
    Only neighbours in the same paragraph and only quoted sentences qualify.
    """
    out = list(attrs)
    for i, sentence in enumerate(sentences):
        if out[i][0] is not None or not _is_pure_quote(sentence):
            continue
        for j in (i - 1, i + 1):
            if not (0 <= j < len(sentences) and groups[j] == groups[i] and attrs[j][0]):
                continue
            if any(q in sentences[j] for q in '"“”'):
                out[i] = (attrs[j][0], *_unquoted(sentence))
                break
    return out


def _candidates(article: Article, sentence_spans: list[list[Span]]) -> tuple[list[Span], list[int]]:
    """Kept claim spans and their paragraph group, after prefix stripping and filters."""
    text = article.text
    spans: list[Span] = []
    groups: list[int] = []
    for group, sents in enumerate(sentence_spans):
        for start, end in sents:
            start = _strip_prefix(text, start, end)
            while start < end and text[start].isspace():
                start += 1
            if start >= end or drop_reason(text[start:end], article.title):
                continue
            spans.append((start, end))
            groups.append(group)
    return spans, groups


def extract_claims_many(articles: Sequence[Article]) -> dict[str, list[Claim]]:
    """Claims for many articles at once (two batched spaCy passes in total)."""
    paragraphs = [content_spans(a.text, a.title) for a in articles]
    split = split_texts([(a.text, spans) for a, spans in zip(articles, paragraphs, strict=True)])
    per_article = [_candidates(a, sents) for a, sents in zip(articles, split, strict=True)]
    flat = [a.text[s:e] for a, (spans, _) in zip(articles, per_article, strict=True) for s, e in spans]
    attrs = attribute_many(flat)
    out: dict[str, list[Claim]] = {}
    cursor = 0
    for article, (spans, groups) in zip(articles, per_article, strict=True):
        texts = flat[cursor : cursor + len(spans)]
        mine = _carry_speakers(texts, attrs[cursor : cursor + len(spans)], groups)
        cursor += len(spans)
        out[article.id] = [
            _claim(article, i, span, attr) for i, (span, attr) in enumerate(zip(spans, mine, strict=True))
        ]
    return out


def _claim(article: Article, index: int, span: Span, attr: Attribution) -> Claim:
    start, end = span
    speaker, c_start, c_end = attr
    return Claim(
        article_id=article.id,
        index=index,
        text=article.text[start:end],
        start=start,
        end=end,
        speaker=speaker,
        content_start=start + c_start if speaker else None,
        content_end=start + c_end if speaker else None,
    )


def extract_claims(article: Article) -> list[Claim]:
    """Claims of one article, in reading order; see `extract_claims_many` for batches."""
    return extract_claims_many([article])[article.id]
