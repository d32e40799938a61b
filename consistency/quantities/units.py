"""Units of measure, currencies and percentage kinds, with conversion to base units.

A small closed table instead of a general quantity parser: news uses a few
dozen units, and a closed table cannot misread "pounds" or "m" silently
(the ambiguous ones are resolved by explicit rules below).
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Unit:
    name: str  # canonical spelling ("km", "mi", "USD", "%")
    dimension: str  # see model.py for base units
    factor: float = 1.0  # base = value * factor + offset
    offset: float = 0.0

    def to_base(self, value: float) -> float:
        return value * self.factor + self.offset


def _u(name: str, dim: str, factor: float = 1.0, offset: float = 0.0) -> Unit:
    return Unit(name, dim, factor, offset)


# (regex after the number, unit). Order matters: longer phrases first.
_SUFFIX_UNITS: list[tuple[str, Unit]] = [
    (r"percentage\s+points?|pct\.?\s+points?|ppts?|pp\b", _u("pp", "pp")),
    (r"basis\s+points?|bps|bp\b", _u("bp", "pp", 0.01)),
    (r"%|per\s*cent\b|percent\b|pct\b", _u("%", "percent")),
    (r"points?\b|pts\b", _u("points", "points")),
    (r"square\s+(?:kilometres|kilometers|kilometre|kilometer|km)|km2|km²|sq\.?\s*km", _u("km2", "area", 1e6)),
    (r"square\s+miles?|sq\.?\s*mi(?:les?)?", _u("mi2", "area", 2_589_988.11)),
    (r"hectares?|ha\b", _u("ha", "area", 1e4)),
    (r"acres?", _u("acre", "area", 4046.8564224)),
    (r"km/h|kmh|kph|kilometres?\s+(?:per|an)\s+hour|kilometers?\s+(?:per|an)\s+hour", _u("km/h", "speed")),
    (r"mph|miles?\s+(?:per|an)\s+hour", _u("mph", "speed", 1.609344)),
    (r"knots?", _u("kn", "speed", 1.852)),
    (r"nautical\s+miles?", _u("nmi", "length", 1852.0)),
    (r"kilometres?|kilometers?|kms?\b", _u("km", "length", 1000.0)),
    (r"centimetres?|centimeters?|cm\b", _u("cm", "length", 0.01)),
    (r"millimetres?|millimeters?|mm\b", _u("mm", "length", 0.001)),
    (r"metres?|meters?|m\b", _u("m", "length")),
    (r"miles?|mi\b", _u("mi", "length", 1609.344)),
    (r"feet|foot|ft\b", _u("ft", "length", 0.3048)),
    (r"yards?|yds?\b", _u("yd", "length", 0.9144)),
    (r"inch(?:es)?|in\.", _u("in", "length", 0.0254)),
    (r"kilograms?|kilos?\b|kgs?\b", _u("kg", "mass")),
    (r"grams?|g\b", _u("g", "mass", 0.001)),
    (r"metric\s+tons?|tonnes?|tons?\b", _u("t", "mass", 1000.0)),
    (r"lbs?\b|pounds?\s+(?=of\b)", _u("lb", "mass", 0.45359237)),
    (r"ounces?|oz\b", _u("oz", "mass", 0.028349523125)),
    (r"(?:°|º|degrees?\s+)(?:C\b|Celsius|centigrade)|C\b(?=[\s,.;)]|$)", _u("°C", "temperature")),
    (r"(?:°|º|degrees?\s+)(?:F\b|Fahrenheit)|F\b(?=[\s,.;)]|$)", _u("°F", "temperature", 5 / 9, -160 / 9)),
    (r"litres?|liters?|l\b", _u("l", "volume")),
    (r"gallons?", _u("gal", "volume", 3.785411784)),
    (r"(?:US\s+|U\.S\.\s+|American\s+)?dollars?|USD\b", _u("USD", "money")),
    (r"euros?|EUR\b", _u("EUR", "money")),
    (r"pounds?\s+sterling|sterling|GBP\b", _u("GBP", "money")),
    (r"yen\b|JPY\b", _u("JPY", "money")),
    (r"(?:yuan|renminbi)\b|CNY\b", _u("CNY", "money")),
    (r"r[ou]+bles?|RUB\b", _u("RUB", "money")),
    (r"hryvnias?|UAH\b", _u("UAH", "money")),
    (r"swiss\s+francs?|CHF\b", _u("CHF", "money")),
    (r"centuries|century", _u("century", "time", 100.0)),
    (r"decades?", _u("decade", "time", 10.0)),
    (r"years?|yrs?\b", _u("year", "time")),
    (r"months?", _u("month", "time", 1 / 12)),
    (r"weeks?", _u("week", "time", 7 / 365.25)),
    (r"days?", _u("day", "time", 1 / 365.25)),
    (r"hours?|hrs?\b", _u("hour", "time", 1 / 8766)),
    (r"minutes?|mins?\b", _u("minute", "time", 1 / 525_960)),
]
_SUFFIX_RE = [
    (re.compile(r"\s*-?\s*(?:" + rx + r")", re.IGNORECASE if unit.dimension != "temperature" else 0), unit)
    for rx, unit in _SUFFIX_UNITS
]
# "5 million pounds" is money; "5 pounds" of something is mass.
_POUNDS = re.compile(r"\s*pounds?\b", re.IGNORECASE)

_PREFIX_CURRENCY: list[tuple[str, Unit]] = [
    (r"US\$|U\.S\.\s*\$|\$", _u("USD", "money")),
    (r"C\$|CA\$", _u("CAD", "money")),
    (r"A\$|AU\$", _u("AUD", "money")),
    (r"€|EUR\s?", _u("EUR", "money")),
    (r"£|GBP\s?", _u("GBP", "money")),
    (r"¥|JPY\s?", _u("JPY", "money")),
    (r"USD\s?", _u("USD", "money")),
]
_PREFIX_RE = [(re.compile(r"(?:" + rx + r")\s*$"), unit) for rx, unit in _PREFIX_CURRENCY]

POINT_FRACTIONS = re.compile(
    r"\b(?:(?P<a>a|one)\s+)?(?P<f>quarter|half)(?:\s+(?:of\s+)?a)?(?:\s+percentage)?[\s-]+points?\b",
    re.IGNORECASE,
)


def unit_after(text: str, pos: int, scale: float = 1.0) -> tuple[Unit, int] | None:
    """Unit written right after position `pos` ("10 km", "3½-year", "5 million euros")."""
    rest = text[pos : pos + 40]
    if scale >= 1e6 and (m := _POUNDS.match(rest)):
        return _u("GBP", "money"), pos + m.end()
    for rx, unit in _SUFFIX_RE:
        m = rx.match(rest)
        if m:
            return unit, pos + m.end()
    return None


def currency_before(text: str, pos: int) -> tuple[Unit, int] | None:
    """Currency sign or code right before position `pos` ("$5", "€3bn")."""
    before = text[max(0, pos - 6) : pos]
    for rx, unit in _PREFIX_RE:
        m = rx.search(before)
        if m:
            return unit, pos - (len(before) - m.start())
    return None


def same_scale_family(a: Unit, b: Unit) -> bool:
    """Whether values in `a` and `b` can be converted into each other."""
    if a.dimension != b.dimension:
        return False
    if a.dimension == "money":
        return a.name == b.name  # no exchange rates: they change daily
    return True
