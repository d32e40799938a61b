"""Hedges around numbers turned into intervals.

Documented tolerances (the spec tests them):
  about/around/approximately/roughly/some/an estimated/estimated  -> [0.9x, 1.1x]
  nearly/almost/close to/just under/just shy of/nearing            -> [0.9x, x]
  more than/over/above/in excess of/upwards of/exceeding           -> (x, inf)
  just over                                                        -> (x, 1.1x] (whole counts: at least x+1)
  at least/no fewer than/no less than/a minimum of                 -> [x, inf)
  up to/as many as/at most/no more than/a maximum of               -> [0, x]
  fewer than/less than/under/below                                 -> [0, x)

Durations and ages are floored ("three years" = [3, 4)), so a lower-bound hedge
bounds the stated value, not the floored interval's top: "more than three
years" = (3, inf) and fits "3½ years"; "at least" = [3, inf); "just over" =
(3, 4.4]. The other hedges keep the floored interval (lenient: "nearly four
years" = [3.6, 5), "about three years" = [2.7, 4.4]).
"""

from __future__ import annotations

import math
import re

ABOUT_TOLERANCE = 0.10

_NAMES: list[tuple[str, str]] = [
    ("just over", "just over"),
    ("just under|just shy of|just below", "nearly"),
    ("approximately|approx\\.|about|around|roughly|some|an estimated|estimated|circa|c\\.|~", "about"),
    ("nearly|almost|close to|nearing", "nearly"),
    ("more than|over|above|in excess of|upwards of|exceeding|greater than", "more than"),
    ("at least|no fewer than|no less than|a minimum of|a minimum", "at least"),
    ("up to|as many as|as much as|at most|no more than|a maximum of|maximum of", "up to"),
    ("fewer than|less than|under|below", "fewer than"),
]
_BEFORE = re.compile(r"(?:^|(?<=[\s(\"“]))(?P<q>" + "|".join(rx for rx, _ in _NAMES) + r")\s+$", re.IGNORECASE)
_CANON = [(re.compile(rf"^(?:{rx})$", re.IGNORECASE), name) for rx, name in _NAMES]


def qualifier_before(text: str, start: int) -> tuple[str, int] | None:
    """Hedge written right before `start` ("more than 150"), with its start offset."""
    m = _BEFORE.search(text[max(0, start - 24) : start])
    if not m:
        return None
    word = re.sub(r"\s+", " ", m.group("q"))
    for rx, name in _CANON:
        if rx.match(word):
            return name, start - (min(start, 24) - m.start())
    return None


def apply_qualifier(name: str, low: float, high: float, integer: bool) -> tuple[float, float]:
    """Interval allowed by `name` applied to a stated interval [low, high].

    The result is never empty and always admits what the hedge admits: a
    bound hedge ("more than", "fewer than", "just over") on a rounded measure
    is about the number said, not the edge of its rounding interval ("more
    than 5 km" admits 5.2 km), and on small whole counts "nearly 5" still
    admits 4 and "just over 5" admits 6.
    """
    step = 1.0 if integer else max(abs(high) * 1e-9, 1e-12)
    said = (low + high) / 2 if not integer else None
    if name == "about":
        return low * (1 - ABOUT_TOLERANCE), high * (1 + ABOUT_TOLERANCE)
    if name == "nearly":
        if not integer:
            return low * (1 - ABOUT_TOLERANCE), high
        top = max(high - step, 0.0)
        return min(low * (1 - ABOUT_TOLERANCE), top), top
    if name == "more than":
        return (high if said is None else said) + step, math.inf
    if name == "just over":
        base = high if said is None else said
        return base + step, max(high * (1 + ABOUT_TOLERANCE), base + step)
    if name == "at least":
        return low, math.inf
    if name == "up to":
        return 0.0, high
    if name == "fewer than":
        return 0.0, max((low if said is None else said) - step, 0.0)
    return low, high


def apply_floored_qualifier(name: str, value: float, floor_high: float) -> tuple[float, float]:
    """Hedge on a floored duration/age: the stated `value` with floor [value, floor_high).

    Applying "more than" to the floored top would turn "more than three years"
    into [4, inf) and clash with "3½ years"; the hedge is about the number said.
    """
    if name in ("more than", "at least", "just over"):
        lo, _ = apply_qualifier(name, value, value, integer=False)
        hi = floor_high * (1 + ABOUT_TOLERANCE) if name == "just over" else math.inf
        return lo, hi
    if name == "fewer than":  # "fewer than three years" = [0, 3): below the number said
        return apply_qualifier(name, value, value, integer=False)
    return apply_qualifier(name, value, floor_high, integer=False)
