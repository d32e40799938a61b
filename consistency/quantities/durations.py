"""Elapsed time read from ordinals: "in its third year", "approaches its third year".

Documented choice (the spec tests it), N = the ordinal, in the named unit:
  "in / into / enters / now in its Nth year"       -> elapsed in [N-1, N)
  "approaches / nears / heads into its Nth year"   -> elapsed in [N-1.5, N-1)
      (about to *enter* year N: just under N-1 years have passed)
  "its Nth anniversary" (marks, on, after)         -> elapsed in [N, N+0.1]
  "approaches / nears its Nth anniversary"         -> elapsed in [N-0.5, N)
Either reading of "approaches its third year" conflicts with "3½-year".
Counted durations ("18 months", "3½-year") are handled in extract.py with
floor semantics: "N units" = [N, N + step) where step is the written precision.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from consistency.quantities.numbers import ORDINALS

UNIT_YEARS = {"year": 1.0, "month": 1 / 12, "week": 7 / 365.25, "day": 1 / 365.25}

_ORD = r"(?P<ord>" + "|".join(ORDINALS) + r"|\d+(?:st|nd|rd|th))"
_POSS = r"(?:its|the|their|his|her|a)"
_APPROACH = (
    r"approach(?:es|ed|ing)?|nears?|neared|nearing|heads?\s+into|heading\s+into|"
    r"edges?\s+(?:closer\s+)?(?:to(?:ward)?s?|into)|closes?\s+in\s+on|on\s+the\s+cusp\s+of|about\s+to\s+enter"
)
_IN = r"in|into|enters?|entered|entering|begins?|began|beginning|starts?|started|starting"

_PATTERNS = [
    ("approach", re.compile(rf"\b(?:{_APPROACH})\s+{_POSS}\s+{_ORD}\s+(?P<unit>year|month|week|day)\b", re.IGNORECASE)),
    ("in", re.compile(rf"\b(?:{_IN})\s+{_POSS}\s+{_ORD}\s+(?P<unit>year|month|week|day)\b", re.IGNORECASE)),
    ("approach_anniv", re.compile(rf"\b(?:{_APPROACH})\s+{_POSS}\s+{_ORD}\s+anniversary\b", re.IGNORECASE)),
    ("anniv", re.compile(rf"\b{_POSS}\s+{_ORD}\s+anniversary\b", re.IGNORECASE)),
]
# "a year and a half", "for a year": durations with an article instead of a digit.
_ARTICLE_DURATION = re.compile(
    r"\b(?:(?<=for\s)|(?<=lasted\s)|(?<=after\s)|(?<=than\s)|(?<=nearly\s)|(?<=almost\s)|(?<=about\s)|"
    r"(?<=over\s)|(?<=within\s)|(?<=spent\s)|(?<=took\s)|(?<=last\s)|(?<=lasts\s)|(?<=around\s)|(?=\S+\s+\S+\s+and\s+a\s+half))"
    r"(?:an|a|one)\s+(?P<unit>year|month|week|day|decade|hour)(?P<half>\s+and\s+a\s+half)?\b"
    r"(?!\s+(?:ago|later|earlier))",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Elapsed:
    """Elapsed-time interval in years read from an ordinal phrase."""

    low: float
    high: float
    unit: str
    ordinal: int
    text: str
    start: int
    end: int
    anchor_start: int  # span of the "year"/"anniversary" word, for the parse
    anchor_end: int
    note: str


def ordinal_value(word: str) -> int:
    w = word.lower()
    return ORDINALS[w] if w in ORDINALS else int(re.sub(r"\D", "", w))


def find_article_durations(text: str) -> list[tuple[int, int, float, float, str]]:
    """(start, end, low, high, unit) in years for "a year and a half" (1.5..2) or "for a week"."""
    out = []
    for m in _ARTICLE_DURATION.finditer(text):
        unit = m.group("unit").lower()
        u = {**UNIT_YEARS, "decade": 10.0, "hour": 1 / 8766}[unit]
        if m.group("half"):
            out.append((m.start(), m.end(), 1.5 * u, 2.0 * u - 1e-9, unit))
        else:
            out.append((m.start(), m.end(), 1.0 * u, 2.0 * u - 1e-9, unit))
    return out


def find_elapsed(text: str) -> list[Elapsed]:
    """Ordinal elapsed-time phrases in `text`, without overlaps."""
    out: list[Elapsed] = []
    taken: list[tuple[int, int]] = []
    for kind, rx in _PATTERNS:
        for m in rx.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            n = ordinal_value(m.group("ord"))
            unit = m.groupdict().get("unit") or "year"
            u = UNIT_YEARS[unit.lower()]
            nth = m.group("ord")
            if kind == "approach":
                lo, hi = (n - 1.5) * u, (n - 1) * u
                note = f"approaching its {nth} {unit}: elapsed in [{n - 1.5:g}, {n - 1:g}) {unit}s"
            elif kind == "in":
                lo, hi = (n - 1) * u, n * u
                note = f"in its {nth} {unit}: elapsed in [{n - 1:g}, {n:g}) {unit}s"
            elif kind == "approach_anniv":
                lo, hi = n - 0.5, float(n)
                note = f"approaching its {nth} anniversary: elapsed in [{n - 0.5:g}, {n:g}) years"
            else:
                lo, hi = float(n), n + 0.1
                note = f"{nth} anniversary: elapsed about {n} years"
            hi -= 1e-9
            anchor = m.start("unit") if kind in ("approach", "in") else m.end() - len("anniversary")
            out.append(Elapsed(max(lo, 0.0), hi, "year", n, m.group(0), m.start(), m.end(), anchor, m.end(), note))
            taken.append(m.span())
    return sorted(out, key=lambda e: e.start)
