"""Map claim character offsets to file lines and columns.

Claims carry offsets into `Article.text`. For plain text and Markdown inputs
the text appears verbatim in the file starting at `Article.text_line` /
`text_column`, so a claim's offsets translate to an exact file region. For
JSON/JSONL/HTML inputs the text was decoded or extracted, so the best honest
answer is the line of the record (`Article.record_line`), without a column.

Lines and columns are 1-based and count Unicode code points (Python string
indices), which is what SARIF's `columnKind: unicodeCodePoints` declares.
Only "\\n" ends a line: ingest reads files with universal newlines, so "\\r\\n"
and "\\r" already arrive as "\\n".
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path, PurePosixPath

from consistency.types import Article, Claim


@dataclass(frozen=True)
class Region:
    """A span in a file. Columns are None when only the line is known.

    `end_column` is exclusive (one past the last character), as in SARIF.
    """

    start_line: int
    start_column: int | None = None
    end_line: int | None = None
    end_column: int | None = None

    @property
    def exact(self) -> bool:
        return self.start_column is not None

    def label(self) -> str:
        """Location as "line:col", or "line" when the column is unknown."""
        if self.start_column is None:
            return str(self.start_line)
        return f"{self.start_line}:{self.start_column}"


@lru_cache(maxsize=64)
def _line_starts(text: str) -> tuple[int, ...]:
    """Offsets at which each line of `text` starts (cached: many claims per article)."""
    starts = [0]
    position = text.find("\n")
    while position != -1:
        starts.append(position + 1)
        position = text.find("\n", position + 1)
    return tuple(starts)


def offset_to_line_col(text: str, offset: int, first_line: int = 1, first_column: int = 1) -> tuple[int, int]:
    """1-based (line, column) in the file of character `offset` of `text`.

    `first_line`/`first_column` say where `text` itself starts in the file;
    the column offset applies only to the first line of `text`.
    """
    offset = max(0, min(offset, len(text)))
    starts = _line_starts(text)
    index = bisect_right(starts, offset) - 1
    column = offset - starts[index] + 1
    if index == 0:
        column += first_column - 1
    return first_line + index, column


def claim_region(article: Article | None, claim: Claim) -> Region:
    """Where `claim` is in its article's file (see module docstring)."""
    if article is None:
        return Region(start_line=1)
    if article.text_line is None:
        return Region(start_line=article.record_line)
    line, column = offset_to_line_col(article.text, claim.start, article.text_line, article.text_column)
    if claim.end <= claim.start:
        return Region(line, column, line, column)
    # Locate the last character, then step one past it: a claim that ends in
    # a newline must not spill over onto the next line.
    end_line, last_column = offset_to_line_col(article.text, claim.end - 1, article.text_line, article.text_column)
    return Region(line, column, end_line, last_column + 1)


def claim_location_label(article: Article | None, claim: Claim) -> str:
    """Location as "path:line:col" (or "path:line") for terminal and Markdown output."""
    path = article.path if article is not None else claim.article_id
    return f"{path}:{claim_region(article, claim).label()}"


def relative_path(path: str, base: Path | None = None) -> str | None:
    """`path` with forward slashes, relative to `base` (default: the working directory) when under it.

    CI annotations name files relative to the checkout; None for stdin, which has no file.
    """
    if path in ("", "-", "<stdin>"):
        return None
    posix = PurePosixPath(path.replace("\\", "/"))
    if posix.is_absolute():
        try:
            posix = posix.relative_to(PurePosixPath((base or Path.cwd()).resolve().as_posix()))
        except ValueError:
            return posix.as_posix()
    return "/".join(part for part in posix.parts if part != ".") or "."
