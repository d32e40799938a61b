"""Find and parse cardinal numbers written in digits or words.

Own small parser instead of word2number/text2num: those raise or guess on
news text ("once upon a time", "one of the"), and we need character spans,
fractions ("3½") and vague amounts ("dozens") which they do not give.
"""

from __future__ import annotations

import re

from consistency.quantities.model import NumberMention

UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
SCALES = {"hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
UNAMBIGUOUS_SUFFIXES = frozenset({"bn", "mn", "trn"})
SCALE_SUFFIX = {"bn": 1e9, "b": 1e9, "mn": 1e6, "m": 1e6, "k": 1e3, "tn": 1e12, "trn": 1e12}
FRACTIONS = {"½": 0.5, "¼": 0.25, "¾": 0.75, "⅓": 1 / 3, "⅔": 2 / 3, "⅛": 0.125}
ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "twentieth": 20,
    "thirtieth": 30,
    "fiftieth": 50,
    "hundredth": 100,
}
ORDINAL_RE = r"(?:" + "|".join(ORDINALS) + r"|\d+(?:st|nd|rd|th))"

# Vague amounts: interval the phrase commits to (documented in the spec).
VAGUE = {
    "tens of thousands": (2e4, 99_999),
    "hundreds of thousands": (2e5, 999_999),
    "tens of millions": (2e7, 99_999_999),
    "hundreds of millions": (2e8, 999_999_999),
    "dozens": (24, 143),
    "scores": (40, 199),
    "hundreds": (200, 999),
    "thousands": (2000, 9999),
    "millions": (2e6, 999_999_999),
    "billions": (2e9, 999e9),
    "a dozen": (12, 12),
    "half a dozen": (6, 6),
    "a couple of": (2, 3),
    "a handful of": (2, 6),
    "a few": (2, 5),
    "several": (3, 9),
}

_WORD = "|".join(sorted([*UNITS, *TENS, *SCALES, "dozen"], key=len, reverse=True))
_WORD_SEQ = re.compile(
    rf"\b(?:a\s+(?=(?:hundred|thousand|million|billion|dozen)\b))?"
    rf"(?:{_WORD})(?:(?:\s+and\s+|[\s-]+)(?:{_WORD}))*"
    rf"(?:[\s-]+and[\s-]+a[\s-]+(?:half|quarter)(?:\s+(?:million|billion|trillion|thousand))?)?\b",
    re.IGNORECASE,
)
_DIGITS = re.compile(
    r"(?<![\w.,/:#])(?P<num>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<dec>\d+))?(?P<frac>[½¼¾⅓⅔⅛])?"
    r"(?:\s*(?P<scale>million|billion|trillion|thousand)\b|(?P<suffix>bn|mn|trn|tn|[mkb])\b)?",
    re.IGNORECASE,
)
_LONE_FRACTION = re.compile(r"(?<![\w\d])(?P<frac>[½¼¾⅓⅔⅛])")
_HALF = re.compile(r"\bhalf\s+a\s+(?P<scale>million|billion|dozen)\b", re.IGNORECASE)
_VAGUE = re.compile(
    r"\b(?P<mult>several|a\s+few)\s+(?P<scale>hundred|thousand|million|billion)\b|"
    r"\b(?P<v>" + "|".join(k.replace(" ", r"\s+") for k in sorted(VAGUE, key=len, reverse=True)) + r")\b",
    re.IGNORECASE,
)

# Spans that look numeric but are not amounts: times, phone numbers, labels.
_NOT_AMOUNTS = [
    re.compile(r"\b\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?", re.IGNORECASE),  # 4:59, 4:59 p.m.
    re.compile(r"\b\d{1,2}\s*[ap]\.m\.", re.IGNORECASE),  # 4 p.m.
    re.compile(r"(?:\+\d{1,3}[\s.-]?)?\(?\b\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}\b"),  # phone numbers
    re.compile(r"\b\d+/\d+(?:/\d+)?\b"),  # 9/11, 24/7, 05/09/2025
    re.compile(r"\b[A-Za-z]+-?\d+[A-Za-z]*\b"),  # Covid-19, G7, F-16, MH17, Su-34
    re.compile(r"(?:\bNo\.?|\bNos\.|#|\bnumber)\s*\d+", re.IGNORECASE),  # No. 10, #3
    re.compile(
        r"\b(?:Article|Section|Chapter|Resolution|Flight|Route|Highway|Room|Level|"
        r"Category|Phase|Stage|Apollo|Windows|iPhone|Title|Amendment|Paragraph|Rule|Act|Item)"
        r"\s+\d+\b"
    ),
    re.compile(r"\b\d+(?:st|nd|rd|th)\b", re.IGNORECASE),  # ordinals
    re.compile(r"\b\d{1,2}-\d{1,2}\s+(?:win|loss|victory|defeat|draw|tie)\b", re.IGNORECASE),  # scores
    re.compile(r"\b(?:won|lost|beat|drew|tied|led|trailed)\s+(?:\w+\s+)?\d{1,2}\s*[-–]\s*\d{1,2}\b", re.IGNORECASE),
]
# Word sequences that contain a number word but are idioms, not counts.
_IDIOMS = re.compile(
    r"\b(?:one\s+(?:of|another|day|time|point|way|side|by\s+one|or\s+another|thing)\b|"
    r"no\s+one|some\s*one|any\s*one|every\s*one|the\s+one|this\s+one|that\s+one|"
    r"one-(?:time|off|sided|way|on-one|third|half)|ten\s+downing|"
    r"(?:a|the)\s+(?:hundred|thousand)\s+years'?\s+war)\b",
    re.IGNORECASE,
)


def digits_granularity(dec: str | None, frac: str | None, scale: float) -> float:
    """Step of the last written digit, e.g. '6.2' -> 0.1, '1.2 million' -> 1e5, '3½' -> 0.5."""
    if frac:
        step = FRACTIONS[frac]
        return min(step, 1 - step) if step != 0.5 else 0.5
    if dec:
        return 10.0 ** -len(dec) * scale
    return 0.1 * scale if scale > 1 else 1.0


def parse_words(text: str) -> tuple[float, float] | None:
    """Value and granularity of a spelled-out number ('one hundred fifty-seven' -> 157).

    Returns None for sequences that are not a well-formed number.
    """
    words = [w for w in re.split(r"[\s-]+", text.lower()) if w and w != "and"]
    if not words:
        return None
    total = 0.0
    current = 0.0
    seen = False
    gran = 1.0
    fraction = 0.0
    i = 0
    while i < len(words):
        w = words[i]
        if w == "a" and i + 1 < len(words) and words[i + 1] in ("half", "quarter"):
            fraction = 0.5 if words[i + 1] == "half" else 0.25
            gran = fraction
            i += 2
            continue
        if w == "a":
            current = current or 1
            seen = True
        elif w in UNITS:
            current += UNITS[w]
            seen = True
        elif w in TENS:
            current += TENS[w]
            seen = True
        elif w == "dozen":
            current = (current or 1) * 12
            seen = True
        elif w == "hundred":
            current = (current or 1) * 100
            seen = True
        elif w in SCALES:
            total += ((current or 1) + fraction) * SCALES[w]
            gran = SCALES[w] * (fraction or 0.1)
            current = 0
            fraction = 0.0
            seen = True
        else:
            return None
        i += 1
    if not seen:
        return None
    if fraction:
        gran = fraction
    elif current or not total:
        gran = 1.0
    return total + current + fraction, gran


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(start < e and s < end for s, e in spans)


def blocked_spans(text: str) -> list[tuple[int, int]]:
    """Character spans that must never yield an amount (times, labels, idioms)."""
    spans: list[tuple[int, int]] = []
    for rx in _NOT_AMOUNTS:
        spans += [m.span() for m in rx.finditer(text)]
    spans += [m.span() for m in _IDIOMS.finditer(text)]
    return spans


def find_numbers(text: str, exclude: list[tuple[int, int]] | None = None) -> list[NumberMention]:
    """All cardinal amounts in `text`, left to right, without overlaps.

    `exclude` are spans already claimed by another reader (dates, ordinals).
    """
    taken: list[tuple[int, int]] = list(exclude or []) + blocked_spans(text)
    found: list[NumberMention] = []

    def add(m: NumberMention) -> None:
        if not _overlaps(m.start, m.end, taken):
            found.append(m)
            taken.append((m.start, m.end))

    for m in _VAGUE.finditer(text):
        if m.group("mult"):
            mult = (3, 9) if m.group("mult").lower() == "several" else (2, 5)
            sc = SCALES[m.group("scale").lower()]
            lo, hi = mult[0] * sc, (mult[1] + 1) * sc - 1
        else:
            key = re.sub(r"\s+", " ", m.group("v").lower())
            lo, hi = VAGUE[key]
        if lo == hi:  # "a dozen" is exact
            add(NumberMention(m.start(), m.end(), lo, lo, hi, 1.0, m.group(0), is_word=True))
        else:
            add(NumberMention(m.start(), m.end(), lo, lo, hi, 1.0, m.group(0), vague=True, is_word=True))
    for m in _HALF.finditer(text):
        sc = {"million": 1e6, "billion": 1e9, "dozen": 12}[m.group("scale").lower()]
        add(NumberMention(m.start(), m.end(), sc / 2, sc / 2, sc / 2, sc / 10, m.group(0), is_word=True, scale=sc))
    for m in _DIGITS.finditer(text):
        num = float(m.group("num").replace(",", ""))
        dec, frac = m.group("dec"), m.group("frac")
        value = num + (float("0." + dec) if dec else 0.0) + (FRACTIONS[frac] if frac else 0.0)
        scale = 1.0
        end = m.end()
        if m.group("scale"):
            scale = SCALES[m.group("scale").lower()]
        elif m.group("suffix"):
            # "5m"/"3k" only mean million/thousand after a currency sign (else metres
            # etc.); "312bn thalers", "4mn barrels" are scaled whatever follows.
            before = text[max(0, m.start() - 4) : m.start()]
            if m.group("suffix").lower() in UNAMBIGUOUS_SUFFIXES or re.search(r"[$€£¥]\s*$|US\$\s*$", before):
                scale = SCALE_SUFFIX[m.group("suffix").lower()]
            else:
                end = m.start("suffix")
        gran = digits_granularity(dec, frac, scale)
        v = value * scale
        add(NumberMention(m.start(), end, v, v, v, gran, text[m.start() : end], scale=scale))
    for m in _LONE_FRACTION.finditer(text):
        v = FRACTIONS[m.group("frac")]
        add(NumberMention(m.start(), m.end(), v, v, v, v, m.group(0)))
    for m in _WORD_SEQ.finditer(text):
        parsed = parse_words(m.group(0))
        if parsed is None:
            continue
        v, gran = parsed
        scale = max([SCALES[w] for w in re.split(r"[\s-]+", m.group(0).lower()) if w in SCALES] or [1.0])
        add(NumberMention(m.start(), m.end(), v, v, v, gran, m.group(0), is_word=True, scale=scale))
    found.sort(key=lambda n: n.start)
    return found
