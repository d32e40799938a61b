"""Decide whether two quantities measure the same thing, and whether they agree.

Two quantities are *comparable* only when their dimensions can meet and the
parse says they measure the same thing: same counted noun (or synonym), no
clashing event verbs ("launched" vs "shot down"), no disjoint actors
("Russia" vs "Ukraine"), same role (whole vs "121 of the drones"), no disjoint
restrictive modifiers ("core" vs "annual" inflation, "league" goals vs goals
"in all competitions"), and the same time frame (a figure dated "four years
ago" or "by Monday night" is not the undated figure of the other claim). Then
the normalized intervals decide: overlap -> match, disjoint -> conflict.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from datetime import date
from typing import Literal, NamedTuple

from consistency.attribution import REPORTING_VERBS
from consistency.quantities.model import Quantity
from consistency.quantities.subjects import VARIANT_MODS
from consistency.quantities.synonyms import (
    GENERIC_COUNT_NOUNS,
    LEVEL_VERBS,
    event_compatible,
    nouns_compatible,
    verbs_compatible,
)
from consistency.types import SymbolicCheck, SymbolicKind

Kind = SymbolicKind  # one definition, in types
DAYS_PER_YEAR = 365.25
# A dated figure whose frame ended this many days before publication is a past
# reading ("four years ago", "in 2021", "last year"), not the story's own figure.
PAST_FRAME_DAYS = 31
# Elapsed time since a date is only compared with durations of at least this many
# years: a "48-hour strike" that began on Monday is over by Friday, a war is not.
MIN_ELAPSED_DURATION = 1 / 12
# Claims at least this close (cosine of their sentence embeddings) that carry
# quantities of one kind are taken to state the same fact even when the counted
# noun or the verb is worded differently; chosen on the labelled dev clusters.
LINK_SIMILARITY = 0.55
DATE_LINK_SIMILARITY = 0.6
# Three or more digits transposed (131/113, 6,032/6,302) are evidence of one figure in
# themselves: claims less close in wording still link.
TRANSPOSED_LINK_SIMILARITY = 0.4
# A link made only by the claims' closeness supports an agreement, not a conflict.
# Measured: conflicts from such links lift contradiction recall on the shared dev
# clusters from 0.11 to 0.24, but on real news (8 ECB+ topics, both events in one
# batch) cross-event contradictions go from 6.4 to 28.9 per 100 articles.
CONFLICTS_FROM_CONTEXT = False
# ...except when both are written with the same digits, at least this many of them,
# in the same order or with two of them swapped (a transposition: 131 vs 113).
MIN_SHARED_DIGITS = 2
_NON_DIGITS = re.compile(r"\D")
WEEKDAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


@dataclass(frozen=True)
class Verdict:
    status: Literal["conflict", "match"]
    kind: Kind
    confidence: float
    reason: str
    a: Quantity
    b: Quantity


def _fmt(x: float) -> str:
    if not math.isfinite(x):
        return "∞" if x > 0 else "-∞"
    if abs(x) >= 1e6:
        return f"{x / 1e6:.4g} million"
    return f"{x:.4g}"


def value_text(q: Quantity) -> str:
    """Normalized value for reports, e.g. '157 drone (launch)', '2025-09-05' or '21:30 local'."""
    if q.kind == "clock":
        lo, hi = (f"{int(m) // 60 % 24:02d}:{int(m) % 60:02d}" for m in (q.low, q.high))
        val = f"{lo} {q.unit}" if lo == hi else f"{lo}–{hi} {q.unit}"
    elif q.kind == "date":
        if not math.isfinite(q.low):
            return f"a {WEEKDAY_NAMES[q.weekday or 0]} (no publication date)"
        lo, hi = date.fromordinal(int(q.low)), date.fromordinal(int(q.high))
        val = lo.isoformat() if lo == hi else f"{lo.isoformat()}..{hi.isoformat()}"
    else:
        base = {
            "time": "years",
            "age": "years",
            "length": "m",
            "mass": "kg",
            "temperature": "°C",
            "speed": "km/h",
            "area": "m²",
            "volume": "l",
            "percent": "%",
            "pp": "percentage points",
            "money": q.unit,
            "points": "points",
            "count": q.noun or "items",
            "scale": q.unit,
        }.get(q.dimension, "")
        span = _fmt(q.low) if q.low == q.high else f"{_fmt(q.low)}–{_fmt(q.high)}"
        val = f"{span} {base}"
    extra = f" ({q.verb})" if q.verb else ""
    return f"{val}{extra}"


def _describe(q: Quantity) -> str:
    noun = f" {q.noun}" if q.noun and q.noun not in q.text.lower() and q.kind != "count" else ""
    noun = f" {q.noun}" if q.kind == "count" and q.noun and q.noun[:4] not in q.text.lower() else noun
    verb = f" ({q.verb})" if q.verb else ""
    return f"{q.text.strip()}{noun}{verb}"


def _overlap(a_lo: float, a_hi: float, b_lo: float, b_hi: float) -> bool:
    return a_lo <= b_hi and b_lo <= a_hi


def _agents_ok(a: Quantity, b: Quantity) -> bool:
    return not (a.agents and b.agents and not (a.agents & b.agents))


def _role_ok(a: Quantity, b: Quantity) -> bool:
    if "partitive" in (a.role, b.role):
        return a.role == b.role
    return not (a.role and b.role and a.role != b.role)


def _level_vs_change(a: Quantity, b: Quantity) -> bool:
    """A change's "to" value is a level: "raised the rate to 4.75%" ~ "the rate stands at 4.5%"."""
    return any(x.role == "to" and not y.role and (not y.verb or y.verb in LEVEL_VERBS) for x, y in ((a, b), (b, a)))


class Link(NamedTuple):
    """Why two quantities are taken to measure one thing, and whether only context says so."""

    why: str
    by_context: bool = False


def same_thing(a: Quantity, b: Quantity, similarity: float = 0.0) -> Link | None:
    """Why `a` and `b` measure the same thing, or None when they do not.

    The parse vetoes (disjoint actors, roles, marks, restrictive modifiers) always
    apply. Past them, the counted noun and event verb either match lexically, or
    the claims are close enough to state the same fact in other words ("fired 64
    rockets at the town" / "launched sixty-four projectiles"), which no synonym
    table covers. `similarity` is that evidence: the claims' cosine when they are
    each other's nearest quantity-bearing claim across their articles, else 0.
    """
    lexical = _same_thing_lexically(a, b)
    if lexical is not None:
        return Link(lexical)
    floor = TRANSPOSED_LINK_SIMILARITY if digits_transposed(a, b) and len(_digits(a)) >= 3 else LINK_SIMILARITY
    if similarity < floor or not _vetoes_pass(a, b):
        return None
    if a.kind == b.kind == "date" and (similarity < DATE_LINK_SIMILARITY or {a.verb, b.verb} & REPORTING_VERBS):
        # A story dates many events (founded, announced, sank, resumed): two dates
        # worded differently need closer claims to be one fact, and a date of
        # saying ("said on Wednesday") dates the statement, not the event.
        return None
    what = " and ".join(x for x in (_pair_text(a.noun, b.noun), _pair_text(a.verb, b.verb)) if x)
    return Link(f"same fact in other words ({what + '; ' if what else ''}claims' cosine {similarity:.2f})", True)


def _pair_text(x: str, y: str) -> str:
    return f"{x}/{y}" if x and y and x != y else ""


def _vetoes_pass(a: Quantity, b: Quantity) -> bool:
    """The parse says nothing that keeps the two apart."""
    if not (_agents_ok(a, b) and _role_ok(a, b)) or "classifier" in (a.role, b.role):
        return False
    if a.marks and b.marks and not (a.marks & b.marks):
        return False  # "first round" vs "second round", "10-year yield" vs "2-year yield"
    if a.mods and b.mods and not (a.mods & b.mods):
        return False  # "core" vs "annual" inflation, "league goals" vs goals "in all competitions"
    if (a.mods ^ b.mods) & VARIANT_MODS:
        return False  # "core inflation" vs "inflation": the bare noun is the headline figure
    # magnitude of the earthquake vs of the strongest aftershock
    return not (a.owner and b.owner and not nouns_compatible(a.owner, b.owner))


def _same_thing_lexically(a: Quantity, b: Quantity) -> str | None:
    if not _vetoes_pass(a, b):
        return None
    verbs_clash = bool(a.verb and b.verb and not verbs_compatible(a.verb, b.verb)) and not _level_vs_change(a, b)
    nouns_both = bool(a.noun and b.noun)
    nouns_ok = nouns_both and nouns_compatible(a.noun, b.noun)
    if a.kind == "count" or b.kind == "count":
        if a.kind != b.kind or not nouns_ok or verbs_clash:
            return None
        if a.noun.lower() in GENERIC_COUNT_NOUNS and not (a.verb and b.verb):
            return None  # "people" alone names no fact: the event verb must, on both sides
        event = f" and event ({a.verb}/{b.verb})" if a.verb and b.verb else ""
        return f"same counted noun ({a.noun}/{b.noun}){event}"
    if a.kind == "age" or b.kind == "age":
        if a.kind != b.kind or (nouns_both and not nouns_ok):
            return None
        return f"same person ({a.noun or b.noun or 'unnamed'})"
    if "clock" in (a.kind, b.kind) and a.kind != b.kind:
        return None
    if {a.kind, b.kind} <= {"duration", "date"} or a.kind == "clock":
        if nouns_both:
            if not nouns_ok or (a.kind == b.kind and a.kind in ("date", "clock") and verbs_clash):
                return None
            return f"same event ({a.noun}/{b.noun})"
        ev_a, ev_b = a.noun or a.verb, b.noun or b.verb
        if ev_a and ev_b and event_compatible(ev_a, ev_b) and not verbs_clash:
            return f"same event ({ev_a}/{ev_b})"
        return None
    # measures, money, percentages
    if not nouns_both and (a.noun in b.agents or b.noun in a.agents) and not verbs_clash:
        return f"same measured thing ({a.noun or b.noun})"  # parser tagged the noun as a name
    if nouns_both:
        return None if not nouns_ok or verbs_clash else f"same measured thing ({a.noun}/{b.noun})"
    if a.verb and b.verb and verbs_compatible(a.verb, b.verb) and (a.noun or b.noun or a.agents or b.agents or a.role):
        # with a noun on one side at most, the verbs are all that link the figures: they must
        # name one event ("soared to 7.85%" / "remains at 10%" are a level and a change of what?)
        return f"same event ({a.verb}/{b.verb})"
    return None


def _confidence(a: Quantity, b: Quantity, base: float) -> float:
    c = base
    for q in (a, b):
        if q.qualifier == "vague":
            c -= 0.2
        elif q.qualifier:  # hedges, ranges, ordinal readings
            c -= 0.1
        if q.kind == "count" and not q.verb:
            c -= 0.1
    return round(max(0.3, min(c, 0.95)), 2)


def _date_vs_date(a: Quantity, b: Quantity) -> tuple[bool, str] | None:
    if (a.frame == "since") != (b.frame == "since"):
        # "the first increase since March 2023" dates the previous one, not the event the other claim dates
        return None
    if math.isfinite(a.low) and math.isfinite(b.low):
        ok = _overlap(a.low, a.high, b.low, b.high)
        return ok, "dates agree" if ok else "dates differ"

    def weekdays(q: Quantity) -> set[int] | None:
        if not math.isfinite(q.low):
            return {q.weekday} if q.weekday is not None else None
        if q.high - q.low > 6:
            return None
        return {date.fromordinal(int(d)).weekday() for d in range(int(q.low), int(q.high) + 1)}

    wa, wb = weekdays(a), weekdays(b)
    if wa is None or wb is None:
        return None
    ok = bool(wa & wb)
    return ok, "weekdays agree" if ok else "weekdays differ"


def _elapsed_from_date(d: Quantity, at: date) -> tuple[float, float]:
    """Years between a date interval and `at`."""
    at_ord = at.toordinal()
    return (at_ord - d.high) / DAYS_PER_YEAR, (at_ord - d.low) / DAYS_PER_YEAR


def judge(a: Quantity, b: Quantity, similarity: float = 0.0) -> Verdict | None:
    """Verdict for one comparable pair of quantities, or None."""
    link = same_thing(a, b, similarity)
    if link is None:
        return None
    verdict = _judge_values(a, b, link.why)
    if verdict is None or verdict.status != "conflict" or not link.by_context or CONFLICTS_FROM_CONTEXT:
        return verdict
    # Linked by closeness only: a conflict needs the same written figure read in two
    # ways ("$41 billion" / "41 billion euros", "4:40 a.m." / "4:40 p.m."), which two
    # different facts rarely share.
    if same_digits(a, b):
        return verdict
    if digits_transposed(a, b):
        return replace(verdict, reason=f"{verdict.reason} (the same digits in another order: a transposition?)")
    return None


def _digits(q: Quantity) -> str:
    return _NON_DIGITS.sub("", q.text)


def same_digits(a: Quantity, b: Quantity) -> bool:
    """Both quantities are written with the same digits, at least MIN_SHARED_DIGITS of them."""
    da, db = _digits(a), _digits(b)
    return len(da) >= MIN_SHARED_DIGITS and da == db


def digits_transposed(a: Quantity, b: Quantity) -> bool:
    """The same digits with one adjacent pair swapped: 131/113, 4.3/3.4, 6,032/6,302.

    The classic typing slip. Two unrelated figures rarely share all their digits
    in a swapped order, so like the same digits read two ways it is evidence that
    two claims close in meaning state one figure.
    """
    da, db = _digits(a), _digits(b)
    if len(da) < MIN_SHARED_DIGITS or len(da) != len(db) or da == db:
        return False
    diff = [i for i in range(len(da)) if da[i] != db[i]]
    return len(diff) == 2 and diff[1] == diff[0] + 1 and da[diff[0]] == db[diff[1]] and da[diff[1]] == db[diff[0]]


def _judge_values(a: Quantity, b: Quantity, why: str) -> Verdict | None:
    """Compare the values of two quantities already linked as one thing (`why` says how)."""
    kinds = {a.kind, b.kind}
    if kinds == {"clock"}:
        if a.unit != b.unit:
            return None  # UTC vs local time: the offset is not known
        ok = _overlap(a.low, a.high, b.low, b.high)
        how = "times agree" if ok else "times differ"
        if not ok and abs(abs(a.low - b.low) - 720) < 1 and abs(abs(a.high - b.high) - 720) < 1:
            how = "times differ: a.m. vs p.m."
        return Verdict("match" if ok else "conflict", "temporal", _confidence(a, b, 0.85), f"{why}; {how}", a, b)
    if kinds == {"date"}:
        res = _date_vs_date(a, b)
        if res is None:
            return None
        ok, how = res
        base = 0.85 if "weekday" in how or a.unit == b.unit else 0.8
        return Verdict("match" if ok else "conflict", "temporal", _confidence(a, b, base), f"{why}; {how}", a, b)
    if kinds == {"duration", "date"}:
        dur, dt = (a, b) if a.kind == "duration" else (b, a)
        at = dur.published or dt.published
        if at is None or not math.isfinite(dt.low) or dt.unit == "weekday" or dur.low < MIN_ELAPSED_DURATION:
            return None
        lo, hi = _elapsed_from_date(dt, at)
        if lo < 0:
            return None  # "starts on June 14" in a June 10 paper: a date ahead is not an elapsed time
        ok = _overlap(dur.low, dur.high, lo, hi)
        how = f"elapsed since {dt.text} is {lo:.2g}–{hi:.2g} years at {at.isoformat()}"
        how += "; durations agree" if ok else "; durations differ"
        return Verdict("match" if ok else "conflict", "temporal", _confidence(a, b, 0.75), f"{why}; {how}", a, b)
    if kinds <= {"duration"} or kinds == {"age"}:
        slack = 0.0
        if a.published and b.published and kinds == {"duration"}:
            slack = abs((a.published - b.published).days) / DAYS_PER_YEAR
        ok = _overlap(a.low - slack, a.high + slack, b.low, b.high)
        noun = "ages" if kinds == {"age"} else "durations"
        how = f"{noun} agree" if ok else f"{noun} differ"
        return Verdict("match" if ok else "conflict", "temporal", _confidence(a, b, 0.85), f"{why}; {how}", a, b)
    if kinds == {"count"}:
        ok = _overlap(a.low, a.high, b.low, b.high)
        return Verdict(
            "match" if ok else "conflict",
            "numeric",
            _confidence(a, b, 0.9),
            f"{why}; {'values agree' if ok else 'values differ'}",
            a,
            b,
        )
    if not kinds <= {"measure", "money", "percent"} or len(kinds) > 1:
        return None
    return _judge_units(a, b, why)


def _judge_units(a: Quantity, b: Quantity, why: str) -> Verdict | None:
    same_surface = math.isclose(a.value, b.value, rel_tol=1e-6)
    if a.dimension != b.dimension or (a.dimension == "money" and a.unit != b.unit):
        if {a.dimension, b.dimension} == {"percent", "pp"} and same_surface:
            return Verdict(
                "conflict", "unit", _confidence(a, b, 0.6), f"{why}; units differ: percent vs percentage points", a, b
            )
        if a.dimension == b.dimension == "money" and same_surface:
            return Verdict(
                "conflict",
                "unit",
                _confidence(a, b, 0.6),
                f"{why}; units differ: currencies {a.unit} vs {b.unit}",
                a,
                b,
            )
        return None
    ok = _overlap(a.low, a.high, b.low, b.high)
    if a.unit != b.unit:
        if ok:
            return Verdict(
                "match",
                "unit",
                _confidence(a, b, 0.85),
                f"{why}; after unit conversion values agree ({a.unit} vs {b.unit})",
                a,
                b,
            )
        kind: Kind = "unit" if same_surface else "numeric"
        how = (
            f"units differ: same number in {a.unit} vs {b.unit}"
            if same_surface
            else f"after unit conversion values differ ({a.unit} vs {b.unit})"
        )
        return Verdict("conflict", kind, _confidence(a, b, 0.8), f"{why}; {how}", a, b)
    return Verdict(
        "match" if ok else "conflict",
        "numeric",
        _confidence(a, b, 0.9),
        f"{why}; {'values agree' if ok else 'values differ'}",
        a,
        b,
    )


def _frame(q: Quantity, qs: list[Quantity]) -> list[Quantity]:
    """Resolved dates of the claim that situate `q` (same verb, or all when unknown)."""
    dates = [d for d in qs if d.kind == "date" and math.isfinite(d.low) and d is not q]
    same_verb = [d for d in dates if q.verb and d.verb == q.verb]
    return same_verb or ([] if q.verb and any(d.verb for d in dates) else dates)


def _own_frame(frame: list[Quantity]) -> bool:
    """A frame that marks a figure as not the story's current one.

    A past reading ("four years ago", "in 2021", "last year", "a year earlier":
    the frame ended well before publication) or a running total's cut-off
    ("by Monday night", "as of Tuesday") up to publication. "since 2022" is not
    a frame of its own: it runs up to now.
    """
    dated = [d for d in frame if d.frame != "since"]
    if not dated:
        return False
    for d in dated:
        pub = d.published
        if pub is None:
            return False
        if d.frame == "cutoff" and d.high <= pub.toordinal():
            continue
        if d.high < pub.toordinal() - PAST_FRAME_DAYS:
            continue
        return False
    return True


def same_time_frame(a: Quantity, qa: list[Quantity], b: Quantity, qb: list[Quantity]) -> bool:
    """False when the claims' quantities belong to different time frames.

    Both dated and the dates cannot meet: "Inflation was 3.2% in August" vs
    "2.9% in July" are two measurements. One dated with a past or cut-off frame,
    the other undated: "Four years ago, turnout was 44%" vs "Turnout was 48%",
    "By Monday night it had burned 3,000 hectares" vs "has burned 12,400 acres".
    """
    if a.kind == "date" or b.kind == "date":
        return True
    fa, fb = _frame(a, qa), _frame(b, qb)
    if not fa and not fb:
        return True
    if not fa or not fb:
        return not _own_frame(fa or fb)
    return any(_overlap(x.low, x.high, y.low, y.high) for x in fa for y in fb)


def same_threshold(a: Quantity, qa: list[Quantity], b: Quantity, qb: list[Quantity]) -> bool:
    """False when both claims qualify their figures by durations that differ.

    "236,000 patients waiting longer than 18 weeks" and "38,900 waiting more than a
    year" count two categories; if the durations themselves conflict, that pair of
    durations is compared on its own.
    """
    if a.kind in ("duration", "date") or b.kind in ("duration", "date"):
        return True
    da = [q for q in qa if q.kind == "duration" and math.isfinite(q.low)]
    db = [q for q in qb if q.kind == "duration" and math.isfinite(q.low)]
    if not da or not db:
        return True
    return any(
        _overlap(x.low, x.high, y.low, y.high) or abs(x.low - y.low) <= 0.1 * max(x.low, y.low) for x in da for y in db
    )


def _framed(d: Quantity, qs: list[Quantity]) -> list[Quantity]:
    return [q for q in qs if q.kind != "date" and any(f is d for f in _frame(q, qs))]


def _event_date_ok(v: Verdict, qa: list[Quantity], qb: list[Quantity], similarity: float = 0.0) -> bool:
    """Dates that frame measurements on both sides are only compared when the
    measurements themselves agree: "157 drones on Thursday" vs "157 drones on
    Friday" is a date conflict, "3.2% in August" vs "2.9% in July" is two readings.
    """
    if not (v.a.kind == v.b.kind == "date"):
        return True
    fa, fb = _framed(v.a, qa), _framed(v.b, qb)
    if not fa or not fb:
        return True
    return any((w := judge(x, y, similarity)) is not None and w.status == "match" for x in fa for y in fb)


def _relabelled(v: Verdict) -> bool:
    """One figure miswritten: under two units ("$41 billion last year" / "41 billion euros")
    or with two digits swapped (187 / 178 rescued). No change of time frame explains
    either, so the frame test does not apply."""
    if v.status != "conflict":
        return False
    return (v.kind == "unit" and same_digits(v.a, v.b)) or digits_transposed(v.a, v.b)


def decide(qa: list[Quantity], qb: list[Quantity], similarity: float = 0.0) -> SymbolicCheck | None:
    """One SymbolicCheck for two claims' quantities, or None when nothing is comparable.

    A quantity that matches some comparable quantity of the other claim is not
    reported as conflicting with another one ("157, up from 150" vs "150").
    """
    verdicts = [
        v
        for a in qa
        for b in qb
        if (v := judge(a, b, similarity)) is not None
        and ((same_time_frame(a, qa, b, qb) and same_threshold(a, qa, b, qb)) or _relabelled(v))
        and _event_date_ok(v, qa, qb, similarity)
    ]
    if not verdicts:
        return None
    matched = {id(v.a) for v in verdicts if v.status == "match"} | {id(v.b) for v in verdicts if v.status == "match"}
    conflicts = [v for v in verdicts if v.status == "conflict" and id(v.a) not in matched and id(v.b) not in matched]
    pool = conflicts or [v for v in verdicts if v.status == "match"]
    if not pool:
        return None
    best = max(pool, key=lambda v: v.confidence)
    expl = f"A: {_describe(best.a)}; B: {_describe(best.b)}; {best.reason}"
    for q, tag in ((best.a, "A"), (best.b, "B")):
        if q.note and q.kind != "date":
            expl += f"; {tag} read as {q.note}"
    return SymbolicCheck(best.status, best.kind, expl, best.confidence, value_text(best.a), value_text(best.b))
