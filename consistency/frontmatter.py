"""YAML front matter for .md/.txt articles.

We parse the block ourselves (with PyYAML) instead of python-frontmatter because
we need the exact line where the body starts: claim locations must map back to
the file, and the body must stay byte-for-byte what the user wrote.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

_OPEN = re.compile(r"\A(?:\ufeff)?---[ \t]*\r?\n")
_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$", re.MULTILINE)


class FrontMatterError(ValueError):
    """The front matter block is present but unusable (bad YAML, not a mapping)."""

    def __init__(self, message: str, line: int = 1) -> None:
        super().__init__(message)
        self.line = line


@dataclass(frozen=True)
class FrontMatter:
    meta: dict[str, Any]
    body_offset: int  # character offset of the body in the file text
    body_line: int  # 1-based line of the body in the file


def split_front_matter(text: str) -> FrontMatter:
    """Split `text` into metadata and body position; no block means empty metadata.

    A file that starts with `---` but never closes it is treated as plain text
    (a Markdown horizontal rule at the top is legal), not as an error.
    """
    opening = _OPEN.match(text)
    if not opening:
        return FrontMatter({}, 0, 1)
    closing = _CLOSE.search(text, opening.end())
    if not closing:
        return FrontMatter({}, 0, 1)
    block = text[opening.end() : closing.start()]
    body_offset = closing.end()
    if text.startswith("\n", body_offset):
        body_offset += 1
    elif text.startswith("\r\n", body_offset):
        body_offset += 2
    body_line = text.count("\n", 0, body_offset) + 1
    try:
        meta = yaml.safe_load(block) if block.strip() else {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1  # block starts on file line 2
        reason = getattr(exc, "problem", None) or "syntax error"
        raise FrontMatterError(f"front matter is not valid YAML: {reason}", line) from None
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise FrontMatterError("front matter must be a YAML mapping (key: value lines)")
    return FrontMatter({str(k): v for k, v in meta.items()}, body_offset, body_line)
