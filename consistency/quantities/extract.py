"""Turn a claim into typed, normalized `Quantity` records.

Readers run in a fixed order so each character is claimed once: dates, ordinal
elapsed-time phrases, "a quarter point", then numbers (+ currency, unit,
hedge, range). The dependency parse is only used to say *what* each quantity
measures (subjects.py); the values themselves come from the text.
"""

from __future__ import annotations

import contextlib
import math
import re
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache

from consistency.quantities.clock import ClockValue, find_clocks
from consistency.quantities.dates import MONTHS, DateValue, find_dates, weekday_after
from consistency.quantities.durations import find_article_durations, find_elapsed
from consistency.quantities.model import NumberMention, Quantity
from consistency.quantities.numbers import ORDINALS, TENS, UNITS, find_numbers
from consistency.quantities.qualifiers import apply_floored_qualifier, apply_qualifier, qualifier_before
from consistency.quantities.subjects import Attachment, attach, parse, scale_label
from consistency.quantities.units import POINT_FRACTIONS, Unit, currency_before, unit_after

_CUE = re.compile(
    r"\d|[½¼¾⅓⅔⅛]|\b(?:"
    + "|".join(
        [
            *UNITS,
            *TENS,
            *ORDINALS,
            "hundred",
            "thousand",
            "million",
            "billion",
            "dozen",
            "dozens",
            "hundreds",
            "thousands",
            "millions",
            "several",
            "few",
            "couple",
            "handful",
            "scores",
            "half",
            "quarter",
            "yesterday",
            "today",
            "tonight",
            "tomorrow",
            "week",
            "month",
            "year",
            "weekend",
            "ago",
            "anniversary",
            "noon",
            "midday",
            "midnight",
        ]
    )
    + r")\b|\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|"
    r"May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b",
    re.IGNORECASE,
)
_RANGE_SEP = re.compile(r"^\s*(?:to|-|–|—|or|and)\s*$", re.IGNORECASE)
_AGE_AFTER = re.compile(r"^\s*-?\s*old\b", re.IGNORECASE)
_AGE_BEFORE = re.compile(r"\b(?:aged|age|ages)\s+$", re.IGNORECASE)
# "Dovrell, 58, resigned": a bare whole number set off by commas right after a name
_APPOSITIVE_BEFORE = re.compile(r"\b(?P<word>[A-Z][a-z’'-]+|[a-z]+),\s*$")
_APPOSITIVE_AFTER = re.compile(r"^\s*[,)]")
_PLURAL_TIME = {"year", "month", "week", "day", "hour", "minute", "decade", "century"}
# Preposition before a date that makes it a cut-off ("by Monday night": a running
# total at that time) or the start of a period ("since 2022").
_CUTOFF_BEFORE = re.compile(r"\b(?:by|as\s+of|until|till|through|up\s+to)\s+(?:(?:early|late|mid)[\s-]+)?$", re.I)
_SINCE_BEFORE = re.compile(r"\bsince\s+(?:(?:early|late|mid)[\s-]+)?$", re.IGNORECASE)
_WEEKDAY_MOD = re.compile(r"^(?:last|next|this)\b", re.IGNORECASE)
# "five others were wounded", "and eight injured": the noun of the count before.
_ELLIPSIS_GAP = re.compile(r"^[^.;:!?]{0,80}\band\s+$", re.IGNORECASE)


def has_cue(text: str) -> bool:
    """Cheap test that lets texts without numbers/dates skip the parse."""
    return bool(_CUE.search(text))


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    low: float
    high: float
    value: float
    gran: float
    vague: bool
    exact_integer: bool
    ranged: bool
    scale: float


def _merge_ranges(text: str, nums: list[NumberMention]) -> list[_Span]:
    """Join "10 to 12", "10–12", "two or three", "between 5 and 7 million"."""
    out: list[_Span] = []
    i = 0
    while i < len(nums):
        a = nums[i]
        span = _Span(
            a.start,
            a.end,
            a.low,
            a.high,
            a.value,
            a.granularity,
            a.vague,
            float(a.value).is_integer() and a.granularity <= 1,
            False,
            a.scale,
        )
        if i + 1 < len(nums):
            b = nums[i + 1]
            sep = text[a.end : b.start]
            is_and = sep.strip().lower() == "and"
            between = re.search(r"\b(?:between|from)\s+\S*$", text[max(0, a.start - 12) : a.start], re.IGNORECASE)
            if _RANGE_SEP.match(sep) and (not is_and or between) and not a.vague and not b.vague:
                lo = a.value * (b.scale if a.scale == 1 and b.scale > 1 else 1)
                if lo <= b.value:
                    span = _Span(
                        a.start,
                        b.end,
                        lo,
                        b.high,
                        lo,
                        b.granularity,
                        False,
                        float(b.value).is_integer() and b.granularity <= 1,
                        True,
                        b.scale,
                    )
                    i += 1
        out.append(span)
        i += 1
    return out


def _attached(att: Attachment, *, whole: bool = False, **fields) -> Quantity:
    """A Quantity whose subject (noun, verb, agents, marks) is the parse attachment.

    `whole` also takes the attachment's role and restrictive modifiers; dates
    and durations keep their own (empty) role and no modifiers.
    """
    if whole:
        fields.update(role=att.role, mods=att.mods)
    return Quantity(noun=att.noun, verb=att.verb, agents=att.agents, marks=att.marks, **fields)


def _appositive_age(text: str, span: _Span) -> bool:
    """A person's age in apposition: "Dovrell, 58," / "the minister, 61," (never "March, 12,")."""
    written = text[span.start : span.end]
    if not written.isdigit() or written.startswith("0") or span.ranged or not 1 <= span.value <= 120:
        return False
    before = _APPOSITIVE_BEFORE.search(text[max(0, span.start - 40) : span.start])
    return (
        before is not None
        and before.group("word").lower() not in MONTHS
        and _APPOSITIVE_AFTER.match(text[span.end :]) is not None
    )


def _clock_quantity(text: str, clock: ClockValue, published: date | None) -> Quantity:
    return _attached(
        attach(text, clock.start, clock.end, "date"),
        kind="clock",
        dimension="clock",
        low=clock.low,
        high=clock.high,
        unit=clock.zone,
        value=clock.low,
        text=clock.text,
        start=clock.start,
        end=clock.end,
        qualifier=clock.qualifier,
        published=published,
    )


def _date_quantity(text: str, dv: DateValue, published: date | None) -> Quantity:
    att = attach(text, dv.start, dv.end, "date")
    if (
        att.future
        and published is not None
        and dv.resolved
        and dv.grain == "weekday"
        and dv.weekday is not None
        and not _WEEKDAY_MOD.match(dv.text)
    ):
        # "The walkout will begin on Thursday": a future bare weekday is the next one.
        with contextlib.suppress(OverflowError):  # not past 9999-12-31
            d = weekday_after(published, dv.weekday)
            dv = replace(dv, low=d, high=d)
    before = text[max(0, dv.start - 16) : dv.start]
    frame = "cutoff" if _CUTOFF_BEFORE.search(before) else "since" if _SINCE_BEFORE.search(before) else ""
    lo = float(dv.low.toordinal()) if dv.resolved else -math.inf
    hi = float(dv.high.toordinal()) if dv.resolved else math.inf
    return _attached(
        att,
        kind="date",
        dimension="date",
        low=lo,
        high=hi,
        unit=dv.grain,
        value=lo,
        text=dv.text,
        start=dv.start,
        end=dv.end,
        published=published,
        weekday=dv.weekday,
        note=f"{dv.low.isoformat()}..{dv.high.isoformat()}" if dv.resolved else "unresolved weekday",
        frame=frame,
    )


def _year_is_count(text: str, dv: DateValue) -> bool:
    """'2022 drones' counts; 'in 2022' is a year."""
    if dv.grain != "year" or not re.fullmatch(r"\d{4}", dv.text):
        return False
    doc = parse(text)
    span = doc.char_span(dv.start, dv.end, alignment_mode="expand")
    if span is None:
        return False
    tok = span[-1]
    before = text[max(0, dv.start - 8) : dv.start].lower().split()
    if before and before[-1] in (
        "in",
        "since",
        "by",
        "of",
        "until",
        "from",
        "to",
        "before",
        "after",
        "during",
        "early",
        "late",
        "mid",
        "fiscal",
        "year",
        "summer",
        "winter",
        "spring",
        "autumn",
        "fall",
    ):
        return False
    return tok.dep_ == "nummod" and tok.head.tag_ == "NNS" and tok.head.lemma_.lower() not in _PLURAL_TIME


def _interval(span: _Span, kind: str, unit: Unit | None) -> tuple[float, float]:
    """Stated interval in surface units, before any hedge.

    counts: exact integers stay exact; "1.2 million" means +- half its last digit.
    measures/money/percent: +- half the last written digit ("6.2 miles" -> 6.15..6.25).
    durations/ages: floor semantics, [x, x + step) ("3½ years" -> 3.5..4).
    scale readings ("magnitude 6.4"): half-open [x - step/2, x + step/2), so
    neighbouring readings (6.4 vs 6.5, level 3 vs 4) never touch.
    """
    lo, hi, g = span.low, span.high, span.gran
    if span.vague:
        return lo, hi
    if kind in ("duration", "age"):
        return lo, hi + g - 1e-9
    if unit is not None and unit.dimension == "scale":
        return lo - g / 2, hi + g / 2 - 1e-9 * max(1.0, abs(hi))
    if kind == "count" and span.exact_integer:
        return lo, hi
    return lo - g / 2, hi + g / 2


def _number_quantity(text: str, span: _Span, published: date | None) -> Quantity | None:
    start, end = span.start, span.end
    unit: Unit | None = None
    cur = currency_before(text, start)
    if cur:
        unit, start = cur
    after = unit_after(text, end, span.scale)
    if after and (unit is None or after[0].name == unit.name):  # "$5 million dollars" is fine too
        unit, end = after
    kind = "count"
    if unit is not None:
        kind = {"money": "money", "percent": "percent", "pp": "percent", "points": "percent", "time": "duration"}.get(
            unit.dimension, "measure"
        )
    m = _AGE_AFTER.match(text[end:]) if kind == "duration" and unit is not None and unit.name == "year" else None
    if m:
        kind, end = "age", end + m.end()
    if kind == "count" and (_AGE_BEFORE.search(text[max(0, start - 8) : start]) or _appositive_age(text, span)):
        kind, unit = "age", Unit("year", "time")
    if unit is not None and unit.dimension == "points" and span.value < 10:
        unit = Unit("pp", "pp")  # "a 0.5 point cut" is about rates, not index points
    label = scale_label(text, span.start, span.end) if kind == "count" and not span.vague else None
    if label is not None:
        kind, unit = "measure", Unit(label[0], "scale")
    qual = ""
    q = qualifier_before(text, start)
    if q and not span.ranged:
        qual, start = q
    lo, hi = _interval(span, kind, unit)
    integer = kind == "count" and span.exact_integer
    if qual and kind in ("duration", "age"):
        lo, hi = apply_floored_qualifier(qual, span.low, hi)
    elif qual:
        lo, hi = apply_qualifier(qual, lo, hi, integer)
    elif span.ranged:
        qual = "range"
    elif span.vague:
        qual = "vague"
    if unit is not None:
        lo, hi = unit.to_base(lo), unit.to_base(hi) if math.isfinite(hi) else math.inf
    mode = {"money": "money", "percent": "measure", "measure": "measure"}.get(kind, kind)
    att = attach(text, span.start, end if kind != "count" else span.end, mode)
    if label is not None:
        return Quantity(
            "measure",
            "scale",
            lo,
            hi,
            label[0],
            span.value,
            text[start:end],
            start,
            end,
            label[0],
            qualifier=qual,
            published=published,
            owner=label[1],
        )
    if kind == "count" and text[span.start : span.end].strip().lower() == "one" and not att.noun:
        return None  # "one" without a counted noun is a pronoun ("one said")
    dim = unit.dimension if unit else "count"
    if kind == "age":
        dim = "age"
    return _attached(
        att,
        whole=True,
        kind=kind,
        dimension=dim,
        low=lo,
        high=hi,
        unit=unit.name if unit else "",
        value=span.value,
        text=text[start:end],
        start=start,
        end=end,
        qualifier=qual,
        published=published,
    )


def _point_fractions(text: str, published: date | None) -> list[Quantity]:
    out = []
    for m in POINT_FRACTIONS.finditer(text):
        v = 0.25 if m.group("f").lower() == "quarter" else 0.5
        att = attach(text, m.start(), m.end(), "measure")
        qual = ""
        start = m.start()
        q = qualifier_before(text, start)
        lo, hi = v, v
        if q:
            qual, start = q
            lo, hi = apply_qualifier(qual, lo, hi, False)
        out.append(
            _attached(
                att,
                whole=True,
                kind="percent",
                dimension="pp",
                low=lo,
                high=hi,
                unit="pp",
                value=v,
                text=text[start : m.end()],
                start=start,
                end=m.end(),
                qualifier=qual,
                published=published,
            )
        )
    return out


@lru_cache(maxsize=4096)
def extract_cached(text: str, published: date | None) -> tuple[Quantity, ...]:
    if not has_cue(text):
        return ()
    out: list[Quantity] = []
    taken: list[tuple[int, int]] = []
    for clock in find_clocks(text):
        out.append(_clock_quantity(text, clock, published))
        taken.append((clock.start, clock.end))
    for dv in find_dates(text, published):
        if any(dv.start < e and s < dv.end for s, e in taken):
            continue
        if _year_is_count(text, dv):
            continue
        out.append(_date_quantity(text, dv, published))
        taken.append((dv.start, dv.end))
    for el in find_elapsed(text):
        if any(el.start < e and s < el.end for s, e in taken):
            continue
        att = attach(text, el.anchor_start, el.anchor_end, "duration")
        out.append(
            _attached(
                att,
                kind="duration",
                dimension="time",
                low=el.low,
                high=el.high,
                unit="year",
                value=float(el.ordinal),
                text=el.text,
                start=el.start,
                end=el.end,
                qualifier="ordinal",
                published=published,
                note=el.note,
            )
        )
        taken.append((el.start, el.end))
    for start, end, lo, hi, unit in find_article_durations(text):
        if any(start < e and s < end for s, e in taken):
            continue
        att = attach(text, start, end, "duration")
        qual = ""
        q = qualifier_before(text, start)
        if q:
            qual, start = q
            lo, hi = apply_floored_qualifier(qual, lo, hi)
        out.append(
            _attached(
                att,
                kind="duration",
                dimension="time",
                low=lo,
                high=hi,
                unit=unit,
                value=lo,
                text=text[start:end],
                start=start,
                end=end,
                qualifier=qual,
                published=published,
            )
        )
        taken.append((start, end))
    for q in _point_fractions(text, published):
        if not any(q.start < e and s < q.end for s, e in taken):
            out.append(q)
            taken.append((q.start, q.end))
    for span in _merge_ranges(text, find_numbers(text, taken)):
        qty = _number_quantity(text, span, published)
        if qty is not None:
            out.append(qty)
    return tuple(_inherit_nouns(text, sorted(_mark_classifiers(out), key=lambda q: q.start)))


def _inherit_nouns(text: str, qs: list[Quantity]) -> list[Quantity]:
    """Elliptical counts borrow the noun of the count before them.

    In "three people were killed and five others wounded" or "three dead and
    eight injured" a count with no noun (or "others") right after "and" counts
    the same noun; its own verb still tells the events apart.
    """
    out: list[Quantity] = []
    for q in qs:
        prev = next((p for p in reversed(out) if p.kind == "count"), None)
        if (
            q.kind == "count"
            and q.noun in ("", "other")
            and prev is not None
            and prev.noun
            and prev.role != "partitive"
            and _ELLIPSIS_GAP.match(text[prev.end : q.start])
        ):
            q = replace(q, noun=prev.noun)
        out.append(q)
    return out


def _mark_classifiers(qs: list[Quantity]) -> list[Quantity]:
    """'The 10-year bond yield rose to 4.2%': the duration names *which* yield,
    it is not a claim about time. Such durations get role "classifier" and are
    never compared."""
    measured = {q.noun for q in qs if q.kind not in ("duration", "date", "age") and q.noun}
    return [
        replace(q, role="classifier") if q.kind == "duration" and "-" in q.text and q.noun in measured else q
        for q in qs
    ]


def extract(text: str, published: date | None) -> list[Quantity]:
    """All quantities in `text`, normalized; `published` anchors relative dates."""
    return list(extract_cached(text, published))


__all__ = ["extract", "has_cue"]
