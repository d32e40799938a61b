"""Typed records of the quantities layer.

A `Quantity` is one number-like mention normalized to an interval in a base
unit of its dimension, plus what it measures (counted noun, event verb, agents)
so that two claims are only compared when they talk about the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

QuantityKind = Literal["count", "measure", "money", "percent", "duration", "age", "date", "clock"]

# Base units per dimension (what `low`/`high` are expressed in):
#   count: items; length: metres; mass: kilograms; temperature: degrees Celsius;
#   speed: km/h; area: square metres; volume: litres; money: units of `unit`
#   (a currency code, no exchange rates); percent: %; pp: percentage points;
#   points: index points; time: years; age: years; date: proleptic ordinal day;
#   clock: minutes after midnight, in the zone named by `unit` ("UTC" or "local").


@dataclass(frozen=True)
class NumberMention:
    """A number as written, before units and meaning are attached."""

    start: int
    end: int
    value: float  # the stated value ("3½" -> 3.5); for vague words the low end
    low: float  # interval the words themselves allow ("dozens" -> 24..143)
    high: float
    granularity: float  # step of the last written digit/fraction ("6.2" -> 0.1)
    text: str
    vague: bool = False  # "dozens", "thousands of", "several"
    is_word: bool = False  # spelled out ("twenty-six")
    scale: float = 1.0  # 1e6 for "1.2 million"


@dataclass(frozen=True)
class Quantity:
    """One normalized quantity mention of a claim."""

    kind: QuantityKind
    dimension: str
    low: float  # interval in the dimension's base unit (see above)
    high: float
    unit: str  # surface unit in canonical spelling ("km", "mi", "USD", "%", "year")
    value: float  # stated number in the surface unit, before the qualifier
    text: str  # source span
    start: int
    end: int
    noun: str = ""  # counted / measured noun lemma ("drone"), "" when unknown
    verb: str = ""  # event verb lemma incl. particle ("shoot down")
    agents: frozenset[str] = field(default_factory=frozenset)  # normalized actors
    role: str = ""  # "partitive" ("121 of the drones"), "to"/"by" for changes
    qualifier: str = ""  # "about", "more than", "range", "vague", ...
    published: date | None = None
    weekday: int | None = None  # dates: stated weekday (Mon=0)
    marks: frozenset[str] = field(default_factory=frozenset)  # "first", "10-year": tells same nouns apart
    note: str = ""  # how the value was read ("elapsed in its Nth year", ...)
    mods: frozenset[str] = field(default_factory=frozenset)  # restrictive noun modifiers ("core", "league"; ALL)
    owner: str = ""  # scale readings: what has the value ("earthquake" for "magnitude 6.4 earthquake")
    frame: str = ""  # dates: "cutoff" ("by Monday night", "as of"), "since" ("since 2022"), else ""

    @property
    def approximate(self) -> bool:
        return bool(self.qualifier)
