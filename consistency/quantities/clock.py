"""Clock times ("9:30 a.m.", "21:20 GMT", "6.50pm", "shortly before midnight").

Each time becomes an interval of minutes after midnight, with the zone it is
stated in: "UTC" (GMT/UTC/Zulu), or "local" (said so, or no zone given: the
reader takes a bare time as local). Times in different zones are never
compared here, since the offset is not known; "9:30 a.m." and "9:30 p.m." are,
and are twelve hours apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from consistency.quantities.numbers import parse_words

MINUTES_PER_DAY = 24 * 60
# How far a hedge moves a time: "about 7:40" is 7:30-7:50, "shortly after 4" 4:00-4:30.
AROUND_MINUTES = 10
SHORTLY_MINUTES = 30
# "after 4 p.m." / "before noon" with no "shortly": a wide window, never a point.
OPEN_MINUTES = 180
# A time given to the hour ("at 2 p.m.") is read as that hour, give or take this.
HOUR_ONLY_SLACK = 5

_MERIDIEM = r"(?P<mer>a\.?\s?m\b\.?|p\.?\s?m\b\.?)"
_ZONE = r"(?:\s*(?P<zone>GMT|UTC|Zulu|local\s+time))?"
_DIGITAL = re.compile(
    r"\b(?P<h>[01]?\d|2[0-3])(?:[:.](?P<m>[0-5]\d))?\s*"
    + _MERIDIEM
    + _ZONE
    + r"|\b(?P<h24>[01]?\d|2[0-3]):(?P<m24>[0-5]\d)\b"
    + _ZONE.replace("zone", "zone24")
    + r"|\b(?P<hhmm>(?:[01]\d|2[0-3])[0-5]\d)\s+(?P<zone4>GMT|UTC)\b",
    re.IGNORECASE,
)
_WORD_NUMBER = r"(?:[a-z]+(?:-[a-z]+)?|\d{1,2})"
_WORDED = re.compile(
    r"\b(?:(?P<mins>"
    + _WORD_NUMBER
    + r")(?:\s+minutes)?\s+(?P<dir>past|to|after)\s+)?(?P<hour>"
    + _WORD_NUMBER
    + r")(?:\s+o'clock)?\s+(?:on\s+\w+\s+)?"
    + r"(?:(?:in\s+the\s+)?(?P<part>morning|afternoon|evening)|at\s+(?P<night>night))",
    re.IGNORECASE,
)
_NOT_A_TIME = re.compile(r"(?:\bNo\.|\bnumber|#)\s*$", re.IGNORECASE)
_NAMED = re.compile(r"\b(?P<name>noon|midday|midnight)\b", re.IGNORECASE)
_HEDGE = re.compile(
    r"(?P<hedge>shortly\s+(?:before|after)|just\s+(?:before|after)|soon\s+after|about|around|roughly|"
    r"approximately|some|circa|nearly|almost|after|before)\s+(?:at\s+)?(?:a\s+)?$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class ClockValue:
    start: int
    end: int
    low: float  # minutes after midnight
    high: float
    zone: str  # "UTC" or "local"
    text: str
    qualifier: str = ""


def _word_value(word: str) -> int | None:
    """ "twenty", "5", "forty-five" as a whole number (the numbers module parses the words)."""
    if word.isdigit():
        return int(word)
    parsed = parse_words(word)
    return int(parsed[0]) if parsed is not None and parsed[0].is_integer() else None


def _zone(raw: str | None) -> str:
    return "UTC" if raw and raw.strip().upper() in {"GMT", "UTC", "ZULU"} else "local"


def _hedged(text: str, start: int, low: float, high: float) -> tuple[int, float, float, str]:
    found = _HEDGE.search(text[max(0, start - 24) : start])
    if not found:
        return start, low, high, ""
    hedge = " ".join(found.group("hedge").lower().split())
    new_start = start - (len(text[max(0, start - 24) : start]) - found.start())
    mid = (low + high) / 2
    if hedge.endswith("before"):
        span = SHORTLY_MINUTES if hedge != "before" else OPEN_MINUTES
        return new_start, mid - span, mid, hedge
    if hedge.endswith("after"):
        span = SHORTLY_MINUTES if hedge != "after" else OPEN_MINUTES
        return new_start, mid, mid + span, hedge
    if hedge in {"nearly", "almost"}:
        return new_start, low - AROUND_MINUTES, high, hedge
    return new_start, low - AROUND_MINUTES, high + AROUND_MINUTES, hedge


def find_clocks(text: str) -> list[ClockValue]:
    """Every clock time in `text`, left to right, none overlapping."""
    found: list[ClockValue] = []
    taken: list[tuple[int, int]] = []

    def add(start: int, end: int, minutes: float, slack: float, zone: str) -> None:
        if any(start < e and s < end for s, e in taken):
            return
        s, lo, hi, qual = _hedged(text, start, minutes - slack, minutes + slack)
        found.append(ClockValue(s, end, lo, hi, zone, text[s:end], qual))
        taken.append((start, end))

    for m in _DIGITAL.finditer(text):
        if m.group("hhmm"):
            raw = m.group("hhmm")
            add(m.start(), m.end(), int(raw[:2]) * 60 + int(raw[2:]), 0, "UTC")
        elif m.group("h24") is not None:
            if text[m.end() : m.end() + 1].isdigit():
                continue
            add(m.start(), m.end(), int(m.group("h24")) * 60 + int(m.group("m24")), 0, _zone(m.group("zone24")))
        else:
            hour = int(m.group("h"))
            if hour == 0 or hour > 12:
                continue
            pm = m.group("mer").lower().startswith("p")
            minutes = (hour % 12 + (12 if pm else 0)) * 60 + int(m.group("m") or 0)
            add(m.start(), m.end(), minutes, 0 if m.group("m") else HOUR_ONLY_SLACK, _zone(m.group("zone")))
    for m in _WORDED.finditer(text):
        if _NOT_A_TIME.search(text[max(0, m.start() - 8) : m.start()]):
            continue  # "returned to No. 10 in the evening" names an address
        hour = _word_value(m.group("hour"))
        if hour is None or not 1 <= hour <= 12:
            continue
        mins = _word_value(m.group("mins")) if m.group("mins") else 0
        if mins is None or mins >= 60:
            continue
        part = (m.group("part") or m.group("night") or "").lower()
        pm = part in {"afternoon", "evening", "night"} and hour != 12
        base = (hour % 12 + (12 if pm else 0)) * 60
        minutes = base - mins if (m.group("dir") or "").lower() == "to" else base + mins
        add(m.start(), m.end(), minutes % MINUTES_PER_DAY, 0 if m.group("mins") else HOUR_ONLY_SLACK, "local")
    for m in _NAMED.finditer(text):
        minutes = MINUTES_PER_DAY if m.group("name").lower() == "midnight" else 12 * 60
        add(m.start(), m.end(), minutes, 0, "local")
    return sorted(found, key=lambda c: c.start)
