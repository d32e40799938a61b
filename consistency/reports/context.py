"""The sentences around a claim, for reports that show a claim in context.

Why a light rule and not the spaCy splitter that made the claims: writers are
pure functions of a Report and must not load models; a reader only needs the
neighbouring text to judge the claim, and a boundary off by a clause does no
harm there. A sentence ends at ., !, ? or … (with closing quotes or brackets)
before whitespace, or at a line break; each neighbour is capped in length.
"""

from __future__ import annotations

import re

Span = tuple[int, int]

_BOUNDARY = re.compile(r"[.!?…][\"'”’)\]]*\s+|\n+")
MAX_CONTEXT_CHARS = 400


def sentence_before(text: str, start: int, limit: int = MAX_CONTEXT_CHARS) -> Span | None:
    """The span of the sentence that ends before offset `start`, or None at the start of the text."""
    end = len(text[:start].rstrip())
    if end == 0:
        return None
    window = max(0, end - limit)
    begin = window
    for match in _BOUNDARY.finditer(text, window, end - 1):
        begin = match.end()
    if begin == window and window > 0:  # cut mid-sentence: start at a word
        space = text.find(" ", window, end)
        begin = space + 1 if space != -1 else window
    begin += len(text[begin:end]) - len(text[begin:end].lstrip())
    return (begin, end) if begin < end else None


def sentence_after(text: str, end: int, limit: int = MAX_CONTEXT_CHARS) -> Span | None:
    """The span of the sentence that starts after offset `end`, or None at the end of the text."""
    begin = end + len(text[end:]) - len(text[end:].lstrip())
    if begin >= len(text):
        return None
    stop = min(len(text), begin + limit)
    match = _BOUNDARY.search(text, begin, stop)
    if match is not None:
        stop = match.end()
    elif stop < len(text):  # cut mid-sentence: stop at a word
        space = text.rfind(" ", begin, stop)
        stop = space if space > begin else stop
    stop = begin + len(text[begin:stop].rstrip())
    return (begin, stop) if begin < stop else None
