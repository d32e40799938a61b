"""Find dates in text and resolve them against the publication date.

Own regexes locate the expressions (so spans are exact and words like "May",
"march" or "one of the" never become dates); dateparser is used behind
`parse_date_phrase` for absolute dates with a year and for "N units ago".
News rule: a bare weekday means the most recent such day on or before the
publication date ("said Friday" in a Friday paper is that Friday); "last
Friday" is strictly before it; "next Friday" strictly after.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

from consistency.quantities.numbers import UNITS

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = {
    "jan": 1,
    "january": 1,
    "feb": 2,
    "february": 2,
    "mar": 3,
    "march": 3,
    "apr": 4,
    "april": 4,
    "may": 5,
    "jun": 6,
    "june": 6,
    "jul": 7,
    "july": 7,
    "aug": 8,
    "august": 8,
    "sep": 9,
    "sept": 9,
    "september": 9,
    "oct": 10,
    "october": 10,
    "nov": 11,
    "november": 11,
    "dec": 12,
    "december": 12,
}
_MONTH = (
    r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
)
_WEEKDAY = r"(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_YEAR = r"(?P<year>1[89]\d\d|20\d\d)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_NUMWORD = r"(?P<n>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_SMALL = {"a": 1, "an": 1, **{word: n for word, n in UNITS.items() if 1 <= n <= 12}}

# Case-sensitive month names (capitalized): "may"/"march" as verbs are not dates.
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(?P<iso>(?:19|20)\d\d-[01]\d-[0-3]\d)\b")),
    ("md", re.compile(rf"(?:{_WEEKDAY},?\s+)?\b{_MONTH}\s+{_DAY}\b(?:,?\s+{_YEAR}\b)?")),
    ("dm", re.compile(rf"(?:{_WEEKDAY},?\s+)?\b{_DAY}\s+{_MONTH}(?:,?\s+{_YEAR}\b)?")),
    ("my", re.compile(rf"\b{_MONTH}\s+(?:of\s+)?{_YEAR}\b")),
    (
        "m",
        re.compile(
            r"(?:"
            + "|".join(
                rf"(?<=\b{w}\s)"
                for w in (
                    "in",
                    "during",
                    "since",
                    "by",
                    "until",
                    "through",
                    "for",
                    "last",
                    "this",
                    "next",
                    "early",
                    "late",
                    "mid",
                    "of",
                )
            )
            + ")"
            r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December)\b(?!\s+\d)"
        ),
    ),
    ("ago", re.compile(rf"\b{_NUMWORD}\s+(?P<unit>days?|weeks?|months?|years?)\s+ago\b", re.IGNORECASE)),
    # "a year earlier": read like "ago" (a past frame); not "two days before the vote".
    (
        "earlier",
        re.compile(
            rf"\b{_NUMWORD}\s+(?P<unit>days?|weeks?|months?|years?)\s+(?:earlier|before|previously)\b"
            r"(?=\s*(?:[,.;:)]|$)|\s+(?:and|but|when)\b)",
            re.IGNORECASE,
        ),
    ),
    (
        "rel",
        re.compile(
            r"\b(?P<rel>the\s+day\s+before\s+yesterday|yesterday|today|tonight|tomorrow|"
            r"(?:last|this|next|earlier\s+this|later\s+this)\s+(?:week|month|year|weekend))\b",
            re.IGNORECASE,
        ),
    ),
    ("wd", re.compile(rf"\b(?:(?P<mod>last|next|this|on|early|late)\s+)?{_WEEKDAY}(?:'s)?\b", re.IGNORECASE)),
    ("year", re.compile(rf"(?<![\d$€£,.\-/])\b{_YEAR}\b(?![.,]\d|%|\s*(?:percent|per cent))")),
]


@dataclass(frozen=True)
class DateValue:
    """A date interval [low, high] (inclusive days) with what it was read from."""

    low: date
    high: date
    text: str
    start: int
    end: int
    grain: str  # "day", "week", "month", "year", "weekday"
    weekday: int | None = None  # stated weekday, Mon=0
    resolved: bool = True  # False: a weekday with no publication date to anchor it


def weekday_after(published: date, weekday: int) -> date:
    """Next `weekday` strictly after `published` ("will begin on Thursday")."""
    return published + timedelta(days=(weekday - published.weekday() - 1) % 7 + 1)


def _month_bounds(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def weekday_on_or_before(published: date, weekday: int, strictly: bool = False) -> date:
    """Most recent `weekday` on or before `published` (strictly before if asked)."""
    delta = (published.weekday() - weekday) % 7
    if strictly and delta == 0:
        delta = 7
    return published - timedelta(days=delta)


def _nearest_year(month: int, day: int, published: date | None) -> int | None:
    """Year that puts month/day closest to publication (news talks about +-6 months)."""
    if published is None:
        return None
    best = None
    for y in (published.year - 1, published.year, published.year + 1):
        try:
            d = date(y, month, day)
        except ValueError:
            continue
        if best is None or abs((d - published).days) < abs((best - published).days):
            best = d
    return best.year if best else None


@lru_cache(maxsize=4096)
def parse_date_phrase(phrase: str, published: date | None) -> date | None:
    """dateparser behind a gate: only phrases our regexes accepted are parsed.

    dateparser alone turns "one of the", "No. 10", "4:59" and "May" into dates.
    """
    import dateparser  # lazy: import costs ~1 s

    if not any(rx.fullmatch(phrase.strip()) for kind, rx in _PATTERNS if kind in ("iso", "md", "dm", "ago")):
        return None
    base = datetime.combine(published, datetime.min.time()) if published else datetime(2000, 1, 1)
    settings = {"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past", "STRICT_PARSING": False}
    if published is None and "ago" in phrase.lower():
        return None
    parsed = dateparser.parse(phrase, languages=["en"], settings=settings)  # type: ignore[arg-type]
    return parsed.date() if parsed else None


def _resolve(kind: str, m: re.Match[str], published: date | None) -> DateValue | None:
    text, start, end = m.group(0), m.start(), m.end()
    g = m.groupdict()
    wd = WEEKDAYS.index(g["wd"].lower()) if g.get("wd") else None
    if kind == "iso":
        d = date.fromisoformat(g["iso"])
        return DateValue(d, d, text, start, end, "day", wd)
    if kind in ("md", "dm"):
        month = MONTHS[g["month"].lower().rstrip(".")]
        day = int(g["day"])
        if not 1 <= day <= 31:
            return None
        year = int(g["year"]) if g.get("year") else _nearest_year(month, day, published)
        if year is None:
            return DateValue(date.min, date.max, text, start, end, "day", wd, resolved=False)
        d = parse_date_phrase(re.sub(rf"^{_WEEKDAY},?\s+", "", text), published) if g.get("year") else None
        try:
            d = d or date(year, month, day)
        except ValueError:
            return None
        return DateValue(d, d, text, start, end, "day", wd)
    if kind == "my":
        lo, hi = _month_bounds(int(g["year"]), MONTHS[g["month"].lower().rstrip(".")])
        return DateValue(lo, hi, text, start, end, "month")
    if kind == "m":
        month = MONTHS[g["month"].lower()]
        year = _nearest_year(month, 15, published)
        if year is None:
            return None
        lo, hi = _month_bounds(year, month)
        return DateValue(lo, hi, text, start, end, "month")
    if kind == "year":
        y = int(g["year"])
        return DateValue(date(y, 1, 1), date(y, 12, 31), text, start, end, "year")
    if published is None:
        if kind == "wd":
            return DateValue(date.min, date.max, text, start, end, "weekday", wd, resolved=False)
        return None
    if kind in ("ago", "earlier"):
        n = int(g["n"]) if g["n"].isdigit() else _SMALL[g["n"].lower()]
        unit = g["unit"].lower().rstrip("s")
        if unit == "year":
            y = published.year - n
            return DateValue(date(y, 1, 1), date(y, 12, 31), text, start, end, "year")
        if kind == "earlier":
            d = published - timedelta(days=round(n * {"day": 1, "week": 7, "month": 30.44}[unit]))
        else:
            d = parse_date_phrase(text, published)
        if d is None:
            return None
        slack = {"day": 0, "week": 3, "month": 15}[unit]
        return DateValue(d - timedelta(days=slack), d + timedelta(days=slack), text, start, end, unit)
    if kind == "rel":
        rel = re.sub(r"\s+", " ", g["rel"].lower())
        one = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1, "the day before yesterday": -2}
        if rel in one:
            d = published + timedelta(days=one[rel])
            return DateValue(d, d, text, start, end, "day")
        which, unit = rel.rsplit(" ", 1)
        shift = {"last": -1, "next": 1}.get(which, 0)
        if unit in ("week", "weekend"):
            monday = published - timedelta(days=published.weekday()) + timedelta(weeks=shift)
            lo = monday + timedelta(days=5) if unit == "weekend" else monday
            hi = monday + timedelta(days=6)
            if which == "earlier this":
                hi = published
            return DateValue(lo, hi, text, start, end, "week")
        if unit == "month":
            y, mth = divmod(published.year * 12 + published.month - 1 + shift, 12)
            lo, hi = _month_bounds(y, mth + 1)
            return DateValue(lo, min(hi, published) if which == "earlier this" else hi, text, start, end, "month")
        y = published.year + shift
        return DateValue(date(y, 1, 1), date(y, 12, 31), text, start, end, "year")
    if kind == "wd":
        mod = (g.get("mod") or "").lower()
        if mod == "next":
            d = weekday_on_or_before(published + timedelta(days=7), wd or 0, strictly=True)
        elif mod == "this":
            # "this Friday": the one in the publication's week, either side.
            d = published - timedelta(days=published.weekday()) + timedelta(days=wd or 0)
        else:
            d = weekday_on_or_before(published, wd or 0, strictly=mod == "last")
        return DateValue(d, d, text, start, end, "weekday", wd)
    return None


_RANGE_JOIN = re.compile(
    r"^\s*(?:(?:night|evening|morning|afternoon)\s+)?(?:into|to|through|until|till|and|-|–)\s+(?:early\s+|late\s+)?$",
    re.IGNORECASE,
)


def find_dates(text: str, published: date | None) -> list[DateValue]:
    """Date expressions in `text`, resolved; adjacent ones joined into ranges.

    "Thursday night into early Friday" becomes one interval Thursday..Friday.
    """
    taken: list[tuple[int, int]] = []
    found: list[DateValue] = []
    for kind, rx in _PATTERNS:
        for m in rx.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            try:
                dv = _resolve(kind, m, published)
            except (OverflowError, ValueError):
                # "tomorrow" in a paper dated 9999-12-31, "two years ago" in year 1:
                # outside what `date` can hold, so not a date we can compare.
                dv = None
            if dv is not None:
                found.append(dv)
                taken.append((m.start(), m.end()))
    found.sort(key=lambda d: d.start)
    merged: list[DateValue] = []
    for dv in found:
        prev = merged[-1] if merged else None
        if (
            prev
            and prev.resolved
            and dv.resolved
            and prev.grain == dv.grain
            and _RANGE_JOIN.match(text[prev.end : dv.start])
            and prev.low <= dv.high
        ):
            merged[-1] = DateValue(prev.low, dv.high, text[prev.start : dv.end], prev.start, dv.end, prev.grain)
        else:
            merged.append(dv)
    return merged
