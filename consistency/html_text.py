"""Main-text extraction from saved HTML pages (trafilatura).

Navigation, footers and comment blocks are dropped by trafilatura; what is left
still goes through `consistency.boilerplate`, which catches in-article promos.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass

import trafilatura

# trafilatura logs extraction failures at WARNING; we report them as InputProblems.
logging.getLogger("trafilatura").setLevel(logging.ERROR)


@dataclass(frozen=True)
class HtmlArticle:
    text: str
    title: str = ""
    source: str = ""
    published: str | None = None
    url: str | None = None


def extract_html(html: str) -> HtmlArticle | None:
    """Return the main text and metadata, or None when the page has no article text.

    Paragraphs are separated by a blank line, like the other formats, so that
    paragraph-level rules (boilerplate, quote continuation) see the same shape.
    """
    raw = trafilatura.extract(
        html,
        output_format="json",
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        deduplicate=False,
    )
    if not raw:
        return None
    data = json.loads(raw)
    lines = [line.strip() for line in (data.get("text") or "").splitlines()]
    text = "\n\n".join(line for line in lines if line)
    if not text:
        return None
    return HtmlArticle(
        text=text,
        title=str(data.get("title") or ""),
        source=str(data.get("source-hostname") or data.get("hostname") or ""),
        published=data.get("date") or None,
        url=data.get("source") or data.get("url") or None,
    )
