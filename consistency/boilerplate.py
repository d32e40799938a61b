"""Page furniture that is not a claim: ads, promos, captions, share links, copyright.

Rules are data, listed in `RULES` so a reader can see (and a test can pin) what
gets dropped. Each rule is a regex with a *scope*:

- ``line``: matched against a whole stripped line (after any leading bullet
  marker such as "•" or "►"); the line is removed.
- ``inline``: searched inside a line; only the matched text is removed (used for
  "(Related: ...)" asides at the end of real paragraphs).

Two rules are contextual and live in code, because a regex over one line cannot
express them: `title-repeat` (a body line equal to the headline, ignoring case
and spacing) and `link-list` (the short lines that follow a "More related
stories:" / "Sources include:" heading).

Nothing here rewrites the text: the functions return character spans into the
original string so claim offsets stay exact.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Span = tuple[int, int]


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: re.Pattern[str]
    scope: Literal["line", "inline"] = "line"
    why: str = ""


def _r(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


RULES: tuple[Rule, ...] = (
    Rule(
        "advertisement",
        _r(
            r"^(advertisement|advertising|sponsored( content| post)?|ad|story continues below( advertisement)?|"
            r"recommended)$"
        ),
        why="ad slot markers",
    ),
    Rule(
        "read-more",
        _r(
            r"^(read more|read next|read or share this story|related|more on this( story)?|"
            r"see also|also read)\s*([:|►»\-–].*)?$"
        ),
        why="links to other stories: 'Read More: ...', 'READ MORE', 'Related: ...'",
    ),
    Rule(
        "read-more",
        _r(r"^(more )?related (stories|coverage|articles|content|posts|links|videos|\w+ stories)\b.*$"),
        why="'Related Coverage ...' link blocks",
    ),
    Rule(
        "read-more",
        re.compile(r"\s*\((?:Related|RELATED|Read more|READ MORE|Read More): [^()]*\)"),
        scope="inline",
        why="an aside linking another story, inside a real paragraph",
    ),
    Rule(
        "newsletter",
        _r(
            r"^(sign up\b|subscribe\b|get (our|the) .*newsletter|.*\bnewsletters?\b.*(inbox|"
            r"sign up|privacy)|stay informed\b.*sign up).*$"
        ),
        why="newsletter/subscription promos",
    ),
    Rule(
        "newsletter",
        _r(r"^.*\b(sign up for (our|one of our|the) .*newsletter|manage newsletters)\b.*$"),
        why="newsletter promos in longer lines",
    ),
    Rule(
        "vip-promo",
        _r(
            r"^.*\b(become a vip member|vip member|join \w+ vip|promo code|click here|"
            r"join the conversation|trending on \w+)\b.*$"
        ),
        why="membership and click-bait promos",
    ),
    Rule(
        "share",
        _r(
            r"^(share this( article| story)?|share on (facebook|twitter|x)|follow us on|"
            r"like us on|share this:.*|like this:.*|(facebook|twitter|google\+?|email|"
            r"e-mail|print|more|pinterest|linkedin|whatsapp|reddit|comments?)( \| .*)?)\s*[:.]?$"
        ),
        why="share buttons and social links",
    ),
    Rule(
        "share",
        _r(
            r"^(follow (us|him|her|them|\w+ \w+) on (twitter|facebook|instagram|x)|for live updates:|"
            r"view image on twitter|(twitter|instagram|facebook):\s*@?[\w.]+$).*$"
        ),
        why="social-media follow lines",
    ),
    Rule(
        "caption",
        _r(
            r"^(?=.{0,250}$).*\b(view full caption|buy photo|photo via \w+|getty images|"
            r"ap photo/|photos? credit:|photo courtesy)\b.*$"
        ),
        why="photo captions and credits",
    ),
    Rule(
        "caption",
        _r(
            r"^(photos?|images?|videos?|file photo|photos? of .*|photos?:.*|photo credit:.*|"
            r"credit:.*|image:.*|image source:.*)$"
        ),
        why="photo/video labels",
    ),
    Rule(
        "caption",
        _r(r"^.{0,300}(\((\w[\w .&'/-]*\s)?photos?(\s*[:/][^)]*)?\)|\|\s*\w+ photo)\s*$"),
        why="a line ending in a photo credit such as '(AP Photo/...)' is a caption",
    ),
    Rule(
        "video",
        _r(
            r"^(please enable javascript.*|having trouble viewing the video.*|watch (the |"
            r"mobile )?video.*|on a mobile device\?.*|this video is from .*|watch\s.*|"
            r"watch:.*)$"
        ),
        why="video player furniture and 'Watch ...' promos",
    ),
    Rule(
        "copyright",
        _r(
            r"^\(?\s*(©.*|\(c\)\s*\d{4}.*|copyright\b.*(\d{4}|all rights reserved|associated press|"
            r"reuters).*|all rights reserved.*)$"
        ),
        why="copyright notices",
    ),
    Rule(
        "contact",
        _r(r"^(?=.*(@|\(?\d{3}\)?[ .-]\d{3}-\d{4}))(to reach|contact|email|e-mail|twitter|call)\b.*$"),
        why="reporter contact lines",
    ),
    Rule(
        "contact", _r(r"^.{0,200}\b[\w.+-]+@[\w-]+\.[\w.-]+\b.{0,200}$"), why="short lines carrying an e-mail address"
    ),
    Rule(
        "editor-note",
        _r(r"^(editor'?s|editors’|editor’s) note\b.*$"),
        why="editorial notes about the outlet, not the story",
    ),
    Rule(
        "link-line",
        _r(r"^(https?://\S+|www\.\S+|[\w-]+(\.[\w-]+)*\.(com|org|net|ai|io|co\.uk|news))$"),
        why="a bare link or domain",
    ),
    Rule(
        "read-full",
        _r(r"^(read (the )?full (article|story)( here)?|continue reading|more:?|more stories:?)\W*$"),
        why="link to the full story",
    ),
)

# Headings that introduce a list of links; the short lines after them are links too.
LIST_HEADINGS = re.compile(
    r"^(more related stories|related stories|more stories|sources include|sources|related|"
    r"recommended|you may also like|more from \w+)\s*:?$",
    re.IGNORECASE,
)
LIST_ITEM_MAX_CHARS = 160

_BULLET = re.compile(r"^[\s•·▪►▶‣◦\-*–—]+")
_LINE = re.compile(r"[^\n]*")
_LIST_ITEM = re.compile(r"([•·▪►▶‣◦*–—-]|\d{1,2}[.)])\s")


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def _lines(text: str) -> list[Span]:
    """Spans of non-blank lines, with surrounding whitespace trimmed."""
    spans = []
    for match in _LINE.finditer(text):
        start, _end = match.span()
        raw = match.group()
        stripped = raw.strip()
        if stripped:
            lead = len(raw) - len(raw.lstrip())
            spans.append((start + lead, start + lead + len(stripped)))
    return spans


def _bare(line: str) -> str:
    """The line without a leading bullet marker, for rule matching."""
    return _BULLET.sub("", line).strip()


def line_rule(line: str, title: str = "") -> str | None:
    """Name of the line rule that removes this whole line, or None to keep it."""
    bare = _bare(line)
    if not bare:
        return "bullet"
    if title and _norm(bare) == _norm(title):
        return "title-repeat"
    for rule in RULES:
        if rule.scope == "line" and rule.pattern.match(bare):
            return rule.name
    return None


def _inline_cuts(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    cuts = []
    for rule in RULES:
        if rule.scope == "inline":
            for match in rule.pattern.finditer(text, start, end):
                cuts.append((match.start(), match.end(), rule.name))
    return sorted(cuts)


def _classify(text: str, title: str) -> list[tuple[int, int, str | None]]:
    """Every non-blank line with the rule that removes it (None = kept)."""
    out: list[tuple[int, int, str | None]] = []
    in_list = False
    for start, end in _lines(text):
        line = text[start:end]
        rule = line_rule(line, title)
        if LIST_HEADINGS.match(_bare(line)):
            in_list = True
            rule = rule or "link-list"
        elif in_list and rule is None and len(line) <= LIST_ITEM_MAX_CHARS:
            rule = "link-list"
        elif rule is None:
            in_list = False
        out.append((start, end, rule))
    return out


def boilerplate_spans(text: str, title: str = "") -> list[tuple[int, int, str]]:
    """Removed spans with the rule name that removed each, in text order."""
    removed: list[tuple[int, int, str]] = []
    for start, end, rule in _classify(text, title):
        if rule:
            removed.append((start, end, rule))
        else:
            removed.extend(_inline_cuts(text, start, end))
    return sorted(removed)


def _trim(text: str, start: int, end: int) -> Span | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


def _kept_pieces(text: str, start: int, end: int) -> list[Span]:
    """The line minus inline cuts, as trimmed spans."""
    pieces = []
    cursor = start
    for cut_start, cut_end, _ in _inline_cuts(text, start, end):
        piece = _trim(text, cursor, cut_start)
        if piece:
            pieces.append(piece)
        cursor = cut_end
    piece = _trim(text, cursor, end)
    if piece:
        pieces.append(piece)
    return pieces


# A line shorter than this is a heading/label, never wrapped prose: it ends a span.
WRAP_MIN_CHARS = 40


def _joins(text: str, prev: Span, nxt: Span) -> bool:
    """Whether two adjacent kept lines are one wrapped paragraph."""
    between = text[prev[1] : nxt[0]]
    if between.count("\n") != 1:
        return False  # blank line: paragraph break
    if between.strip():
        return False  # an inline cut ("(Related: ...)") sits between them: joining would bring it back
    if prev[1] - prev[0] < WRAP_MIN_CHARS:
        return False
    return not _LIST_ITEM.match(text, nxt[0])


def content_spans(text: str, title: str = "") -> list[Span]:
    """Kept paragraph spans (absolute offsets into `text`), boilerplate removed.

    A span is a paragraph, or a run of wrapped lines inside one; sentence
    splitting never crosses a span boundary.
    """
    spans: list[Span] = []
    prev: Span | None = None
    for start, end, rule in _classify(text, title):
        if rule:
            prev = None
            continue
        for piece in _kept_pieces(text, start, end):
            if prev is not None and spans and spans[-1][1] == prev[1] and _joins(text, prev, piece):
                spans[-1] = (spans[-1][0], piece[1])
            else:
                spans.append(piece)
            prev = piece
    return spans
