"""Read user inputs into `Article`s, turning every user error into an `InputProblem`.

Contract: `load_inputs` never raises for bad input. Each problem names the path
(and line where it helps) and costs only the input it is about: a bad file is
skipped, a bad JSONL line loses only that line, a bad element of a JSON list
loses only that element. An `InputProblem` therefore always means "this
article (or file) was not loaded".

Supported: .txt, .md (optional YAML front matter), .html/.htm (trafilatura),
.json (one article object or a list of them), .jsonl (one object a line), and
`-` for stdin. Folders are read recursively (hidden entries and unknown file
types skipped, folder symlinks not followed); globs are expanded like
`glob.glob(recursive=True)`, except that `**` does not follow folder symlinks.
Text is UTF-8 (BOM allowed) or UTF-16/32 with a BOM. Hostile inputs (sizes,
nesting, encodings, symlinks) are covered in docs/security.md.
"""

from __future__ import annotations

import codecs
import fnmatch
import glob
import json
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from consistency.frontmatter import FrontMatterError, split_front_matter
from consistency.html_text import extract_html
from consistency.types import Article, InputProblem

# Inputs bigger than this are refused before reading: news articles are a few
# hundred KB at most, so a bigger file is almost surely a dump or a mistake.
MAX_FILE_BYTES = 20 * 1024 * 1024
# A single line longer than this is not prose (minified data, a base64 blob):
# refusing it keeps the sentence splitter from choking on it.
MAX_LINE_CHARS = 100_000

TEXT_EXTS = (".txt", ".md")
HTML_EXTS = (".html", ".htm")
JSON_EXTS = (".json",)
JSONL_EXTS = (".jsonl",)
KNOWN_EXTS = TEXT_EXTS + HTML_EXTS + JSON_EXTS + JSONL_EXTS
STDIN = "<stdin>"
_GLOB_CHARS = set("*?[")


class _Bad(Exception):
    """Internal: carries one InputProblem out of the per-format readers."""

    def __init__(self, problem: str, line: int | None = None) -> None:
        super().__init__(problem)
        self.problem = problem
        self.line = line


@dataclass(frozen=True)
class _Source:
    """One input to read: a file path as the user should see it, or stdin."""

    shown: str
    real: str | None  # None for stdin


# --------------------------------------------------------------------------- paths


def _is_hidden(rel: str) -> bool:
    return any(part.startswith(".") for part in Path(rel).parts)


def _walk_folder(folder: str) -> list[str]:
    """Supported files under `folder`, recursively, sorted, hidden entries skipped."""
    found: list[str] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in files:
            if not name.startswith(".") and name.lower().endswith(KNOWN_EXTS):
                found.append(os.path.join(root, name))
    return sorted(found)


def _expand(arg: str) -> tuple[list[str], InputProblem | None]:
    """Expand one path argument into files (explicit files keep any extension)."""
    if os.path.isfile(arg):
        return [arg], None
    if os.path.isdir(arg):
        files = _walk_folder(arg)
        if not files:
            return [], InputProblem(arg, "folder contains no supported files " + _ext_list())
        return files, None
    if _GLOB_CHARS & set(arg):
        files: list[str] = []
        for match in _glob(arg):
            if os.path.isdir(match):
                files.extend(_walk_folder(match))
            elif not _is_hidden(os.path.basename(match)) and match.lower().endswith(KNOWN_EXTS):
                files.append(match)
        if not files:
            return [], InputProblem(arg, "pattern matched no supported files " + _ext_list())
        return files, None
    if os.path.lexists(arg):
        return [], InputProblem(arg, "not a regular file or folder")
    return [], InputProblem(arg, "no such file or directory")


def _match_parts(pattern: list[str], parts: list[str]) -> bool:
    """Glob semantics per path component: `**` spans folders, wildcards skip dot-names."""
    if not pattern:
        return not parts
    head = pattern[0]
    if head == "**":
        for k in range(len(parts) + 1):
            if k and parts[k - 1].startswith("."):
                return False
            if _match_parts(pattern[1:], parts[k:]):
                return True
        return False
    if not parts or (parts[0].startswith(".") and not head.startswith(".")):
        return False
    return fnmatch.fnmatchcase(parts[0], head) and _match_parts(pattern[1:], parts[1:])


def _glob(pattern: str) -> list[str]:
    """Sorted matches of `pattern`, like `glob.glob(recursive=True)` but never
    following a symlinked folder under `**`.

    `glob.glob` follows symlinks while expanding `**`, so a folder holding two
    links to itself makes it enumerate 2**40 paths (it hangs). Here the tree
    under the literal part of the pattern is walked once without following
    folder links; a matched folder is then read by `_walk_folder`, which does
    not follow links below it either.
    """
    if "**" not in pattern:
        return sorted(glob.glob(pattern))
    parts = pattern.split(os.sep)
    first_magic = next(i for i, part in enumerate(parts) if _GLOB_CHARS & set(part))
    root = os.sep.join(parts[:first_magic]) or (os.sep if pattern.startswith(os.sep) else "")
    wanted = [part for part in parts[first_magic:] if part] or ["**"]
    if not os.path.isdir(root or "."):
        return []
    matches = []
    for folder, dirs, files in os.walk(root or "."):
        dirs.sort()
        rel = os.path.relpath(folder, root or ".")
        prefix = [] if rel == "." else rel.split(os.sep)
        for name in dirs + files:
            if _match_parts(wanted, [*prefix, name]):
                matches.append(os.path.join(root, *prefix, name) if root else os.path.join(*prefix, name))
    return sorted(matches)


def _ext_list() -> str:
    return "(" + ", ".join(KNOWN_EXTS) + ")"


def _sources(paths: list[str], problems: list[InputProblem]) -> list[_Source]:
    """Resolve arguments in order; a file reached twice is read once."""
    seen: set[str] = set()
    out: list[_Source] = []
    stdin_used = False
    for arg in paths:
        if arg == "-":
            if not stdin_used:
                stdin_used = True
                out.append(_Source(STDIN, None))
            continue
        files, problem = _expand(arg)
        if problem:
            problems.append(problem)
        for path in files:
            key = os.path.realpath(path)
            if key not in seen:
                seen.add(key)
                out.append(_Source(path, key))
    return out


# --------------------------------------------------------------------------- bytes


def _read_bytes(path: str) -> bytes:
    try:
        size = os.path.getsize(path)
        if size > MAX_FILE_BYTES:
            raise _Bad(f"file is {size:,} bytes, over the {MAX_FILE_BYTES // (1024 * 1024)} MB limit")
        with open(path, "rb") as handle:
            return handle.read()
    except OSError as exc:
        raise _Bad(f"cannot read file: {exc.strerror or exc}") from None


# UTF-16/32 with a byte-order mark are unambiguous (Windows "Unicode" saves them):
# decoded, not refused. UTF-32 first: its little-endian BOM starts like UTF-16's.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)


def decode_text(data: bytes) -> str:
    """Decode UTF-8 (BOM allowed), or UTF-16/32 with a BOM; name the first bad byte."""
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(codec)
            except UnicodeDecodeError as exc:
                offset = exc.start + len(bom)
                raise _Bad(f"not valid {name} (bad data at byte offset {offset}); re-save the file as UTF-8") from None
            if not text.strip():
                raise _Bad("empty file")
            if "\x00" in text:
                raise _Bad("binary file (contains NUL characters), not text")
            return text
    if not data.strip():
        raise _Bad("empty file")
    if b"\x00" in data:
        raise _Bad("binary file (contains NUL bytes), not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _Bad(
            f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); re-save the file as UTF-8"
        ) from None
    return text


def _check_lines(text: str) -> None:
    """Refuse a text with an enormous line; named with its 1-based line number."""
    start = 0
    line_no = 1
    while start <= len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        if end - start > MAX_LINE_CHARS:
            raise _Bad(
                f"line is {end - start:,} characters long (limit {MAX_LINE_CHARS:,}); not article text?",
                line_no,
            )
        start = end + 1
        line_no += 1


# --------------------------------------------------------------------------- fields


def parse_published(value: Any) -> date | None:
    """ISO date or datetime (YAML may already give a date) -> date; None if absent."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        text = value.strip()
        try:
            return date.fromisoformat(text)
        except ValueError:
            pass
        try:
            return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
        except ValueError:
            pass
    raise _Bad(f"'published' is not an ISO date (YYYY-MM-DD): {value!r}")


def _opt_str(meta: dict[str, Any], key: str) -> str | None:
    value = meta.get(key)
    if value is None:
        return None
    if isinstance(value, (dict, list)):
        raise _Bad(f"'{key}' must be a string, not {type(value).__name__}")
    return str(value).strip()


def _make_article(meta: dict[str, Any], text: str, *, default_id: str, path: str, **where: Any) -> Article:
    """Build an Article from metadata + text, validating the user-facing fields."""
    if not text.strip():
        raise _Bad("article text is empty")
    _check_lines(text)
    return Article(
        id=_opt_str(meta, "id") or default_id,
        path=path,
        text=text,
        title=_opt_str(meta, "title") or "",
        source=_opt_str(meta, "source") or "",
        published=parse_published(meta.get("published")),
        url=_opt_str(meta, "url") or None,
        **where,
    )


# --------------------------------------------------------------------------- formats


def _read_plain(text: str, stem: str, path: str) -> Article:
    """.txt/.md: optional front matter; the body is kept verbatim."""
    try:
        front = split_front_matter(text)
    except FrontMatterError as exc:
        raise _Bad(str(exc), exc.line) from None
    body = text[front.body_offset :]
    return _make_article(front.meta, body, default_id=stem, path=path, text_line=front.body_line)


def _json_record(obj: Any, *, default_id: str, path: str, line: int) -> Article:
    if not isinstance(obj, dict):
        raise _Bad(f"expected an article object, got a JSON {_json_type(obj)}", line)
    if not isinstance(obj.get("text"), str):
        raise _Bad("article object has no 'text' string", line)
    try:
        return _make_article(obj, obj["text"], default_id=default_id, path=path, record_line=line)
    except _Bad as exc:
        raise _Bad(exc.problem, line) from None


def _json_type(obj: Any) -> str:
    names = {dict: "object", list: "array", str: "string", bool: "boolean", type(None): "null"}
    return names.get(type(obj), "number")


def _list_elements(text: str) -> Iterator[tuple[Any, int]]:
    """Yield (element, 1-based line) of a top-level JSON array, for precise locations."""
    decoder = json.JSONDecoder()
    idx = text.index("[") + 1
    while True:
        while idx < len(text) and text[idx] in " \t\r\n,":
            idx += 1
        if idx >= len(text) or text[idx] == "]":
            return
        obj, end = decoder.raw_decode(text, idx)
        yield obj, text.count("\n", 0, idx) + 1
        idx = end


def _read_json(text: str, stem: str, path: str, problems: list[InputProblem]) -> list[Article]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise _Bad(f"malformed JSON: {exc.msg} (column {exc.colno})", exc.lineno) from None
    if isinstance(data, dict):
        return [_json_record(data, default_id=stem, path=path, line=1)]
    if not isinstance(data, list):
        raise _Bad(f"expected an article object or a list of them, got a JSON {_json_type(data)}")
    if not data:
        raise _Bad("JSON list contains no articles")
    articles = []
    mine: list[InputProblem] = []
    reasons = set()
    for index, (obj, line) in enumerate(_list_elements(text)):
        try:
            articles.append(_json_record(obj, default_id=f"{stem}:{index}", path=path, line=line))
        except _Bad as exc:
            reasons.add(exc.problem)
            mine.append(InputProblem(path, f"item {index}: {exc.problem}", exc.line))
    if not articles and len(mine) > 1 and len(reasons) == 1:
        raise _Bad(f"no item is a usable article ({len(mine)} items: {reasons.pop()})")
    problems.extend(mine)
    return articles


def _read_jsonl(text: str, stem: str, path: str, problems: list[InputProblem]) -> list[Article]:
    articles = []
    mine: list[InputProblem] = []
    # Split on "\n" only: `str.splitlines` also splits on U+2028, U+0085 and
    # friends, which JSON allows unescaped inside strings.
    for line_no, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise _Bad(f"malformed JSON line: {exc.msg} (column {exc.colno})", line_no) from None
            articles.append(_json_record(obj, default_id=f"{stem}:{line_no}", path=path, line=line_no))
        except _Bad as exc:
            mine.append(InputProblem(path, exc.problem, exc.line))
    if not articles and len(mine) > 1 and len({p.problem for p in mine}) == 1:
        # Every line fails the same way (not an article file): one message, not one per line.
        raise _Bad(f"no line is a usable article ({len(mine)} lines: {mine[0].problem})")
    if not articles and not mine:
        raise _Bad("no JSON lines, only whitespace")  # never drop a file silently
    problems.extend(mine)
    return articles


# libxml2 (under trafilatura) stops parsing at 256 levels of nested elements and
# loses the rest of the page, even an article *after* the deep block. Pages
# nested deeper than this are flattened first (see `_flatten_markup`).
MAX_HTML_DEPTH = 200
_TAG = re.compile(r"<(/?)([A-Za-z][^\s/>]*)[^>]*>")
# Elements that never nest (void) or are usually left unclosed: not counted as depth.
_FLAT_TAGS = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
    | {"p", "li", "dt", "dd", "tr", "td", "th", "option"}
)


def _flatten_markup(html: str, limit: int = MAX_HTML_DEPTH) -> str | None:
    """Drop the tags nested deeper than `limit` (their text stays); None if none is.

    Below the limit the page is passed on untouched; beyond it libxml2 would
    stop reading and lose the rest of the page, article included.
    """
    out: list[str] = []
    depth = 0
    cursor = 0
    raw_until = 0  # inside <script>/<style>: "<div>" there is text, not markup
    dropped = False
    lowered = html.lower()
    for match in _TAG.finditer(html):
        if match.start() < raw_until:
            continue
        name = match.group(2).lower()
        closing = match.group(1) == "/"
        if name in ("script", "style") and not closing:
            end = lowered.find(f"</{name}", match.end())
            raw_until = len(html) if end < 0 else end
            continue
        if name in _FLAT_TAGS or match.group(0).endswith("/>"):
            continue
        deep = (depth if closing else depth + 1) > limit
        depth = max(0, depth - 1) if closing else depth + 1
        if deep:
            out.append(html[cursor : match.start()])
            cursor = match.end()
            dropped = True
    if not dropped:
        return None
    out.append(html[cursor:])
    return "".join(out)


# Browsers never show what is inside <iframe> (only the framed page), but the HTML
# parser under trafilatura reads it as text: "<p>fallback</p>" would become a claim.
# An <iframe> never closed runs to the end of the page, as in a browser.
_IFRAME = re.compile(r"<iframe\b[^>]*>.*?(?:</iframe\s*>|\Z)", re.IGNORECASE | re.DOTALL)


def _read_html(text: str, stem: str, path: str) -> Article:
    text = _IFRAME.sub("", text)
    try:
        page = extract_html(_flatten_markup(text) or text)
    except Exception as exc:  # a parser bug on one page must cost only that page
        # e.g. htmldate asserts on `<body><svg><p></p>` (tests/test_fuzz.py regression)
        raise _Bad(f"the HTML parser failed on this page ({type(exc).__name__}); save it as .txt instead") from None
    if page is None:
        raise _Bad("no article text found in the HTML page")
    meta = {"title": page.title, "source": page.source, "url": page.url}
    try:
        published = parse_published(page.published)
    except _Bad:
        published = None  # a page date we cannot read is metadata noise, not a user error
    article = _make_article(meta, page.text, default_id=stem, path=path)
    return replace(article, published=published)


def _read_stdin(text: str, problems: list[InputProblem]) -> list[Article]:
    """stdin: JSON / JSONL when it looks like it, plain text (front matter allowed) otherwise."""
    head = text.lstrip()
    if head.startswith("["):
        return _read_json(text, "stdin", STDIN, problems)
    if head.startswith("{"):
        try:
            json.loads(text)
        except json.JSONDecodeError as exc:
            if exc.msg == "Extra data":
                return _read_jsonl(text, "stdin", STDIN, problems)
        return _read_json(text, "stdin", STDIN, problems)
    return [_read_plain(text, "stdin", STDIN)]


def _read_source(source: _Source, stdin_text: str | None, problems: list[InputProblem]) -> list[Article]:
    if source.real is None:
        if stdin_text is None or not stdin_text.strip():
            raise _Bad("empty input on stdin")
        if "\x00" in stdin_text:
            raise _Bad("binary data (contains NUL bytes), not text")
        return _read_stdin(stdin_text, problems)
    path = source.shown
    ext = os.path.splitext(path)[1].lower()
    if ext not in KNOWN_EXTS:
        raise _Bad(f"unsupported file type '{ext or '(none)'}'; expected one of {_ext_list()}")
    text = decode_text(_read_bytes(source.real))
    stem = Path(path).stem
    if ext in TEXT_EXTS:
        return [_read_plain(text, stem, path)]
    if ext in HTML_EXTS:
        return [_read_html(text, stem, path)]
    if ext in JSON_EXTS:
        return _read_json(text, stem, path, problems)
    return _read_jsonl(text, stem, path, problems)


# --------------------------------------------------------------------------- ids


def unique_ids(articles: Iterable[Article]) -> list[Article]:
    """Second and later uses of an id get `~2`, `~3`, ... in input order."""
    used: set[str] = set()
    out = []
    for article in articles:
        new_id = article.id
        n = 2
        while new_id in used:
            new_id = f"{article.id}~{n}"
            n += 1
        used.add(new_id)
        out.append(article if new_id == article.id else replace(article, id=new_id))
    return out


def load_inputs(paths: list[str], stdin_text: str | None = None) -> tuple[list[Article], list[InputProblem]]:
    """Load every readable article from `paths`, in a deterministic order.

    Order: arguments as given; inside a folder or glob, sorted paths; inside a
    file, record order. Problems come back alongside, never as exceptions.
    """
    problems: list[InputProblem] = []
    articles: list[Article] = []
    for source in _sources(paths, problems):
        try:
            articles.extend(_read_source(source, stdin_text, problems))
        except _Bad as exc:
            problems.append(InputProblem(source.shown, exc.problem, exc.line))
        except (RecursionError, ValueError) as exc:  # e.g. absurdly nested JSON
            problems.append(InputProblem(source.shown, f"cannot parse: {exc}"))
    return unique_ids(articles), problems
