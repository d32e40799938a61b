"""FactCC-style synthetic contrast pairs for NLI training.

The human-labelled data is small, and NLI models are weak exactly where news
outlets disagree: counts, units, dates, durations, negation. Each transform below
edits one premise into a hypothesis whose label is known by construction. Two
sources feed it: premises from the training file (real prose) and news-style
templates written for this project (drone counts, troop numbers, war durations).

Tolerance rules match the symbolic comparator (`consistency.quantities`): a
hedged restatement ("more than 150", "about 160") of 157 is an entailment when
the hedge interval contains the exact value; an exact different value is a
contradiction.

Everything is driven by one `random.Random(seed)`, so the same seed and input
give the same pairs.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Sequence

from consistency.training.data import NLIPair

SMALL_NUMBERS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
]
WORD_TO_INT = {word: value for value, word in enumerate(SMALL_NUMBERS)}
ORDINALS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"]
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

ANTONYMS: dict[str, str] = {
    "rose": "fell",
    "increased": "decreased",
    "won": "lost",
    "approved": "rejected",
    "accepted": "rejected",
    "agreed": "refused",
    "higher": "lower",
    "more": "fewer",
    "before": "after",
    "larger": "smaller",
    "largest": "smallest",
    "first": "last",
    "opened": "closed",
    "gained": "lost",
    "rising": "falling",
    "expanded": "shrank",
    "allowed": "banned",
    "confirmed": "denied",
    "increase": "decrease",
    "above": "below",
    "older": "younger",
    "earlier": "later",
    "won't": "will",
    "success": "failure",
}
for _a, _b in list(ANTONYMS.items()):
    ANTONYMS.setdefault(_b, _a)

AUXILIARIES = ("is", "was", "are", "were", "has", "have", "had", "will", "can", "could", "would")

UNIT_SWAPS: dict[str, str] = {
    "km": "miles",
    "kilometres": "miles",
    "kilometers": "miles",
    "miles": "kilometers",
    "kg": "pounds",
    "kilograms": "pounds",
    "pounds": "kilograms",
    "meters": "feet",
    "metres": "feet",
    "feet": "meters",
    "percent": "percentage points",
    "%": " percentage points",
    "hours": "days",
    "days": "weeks",
    "weeks": "months",
    "months": "years",
    "years": "months",
    "minutes": "hours",
    "million": "billion",
    "billion": "million",
    "thousand": "million",
}
CURRENCY_SWAPS: dict[str, str] = {"$": "€", "€": "£", "£": "$"}

_NUMBER_RE = re.compile(r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?![\w.,]*\w)")
_YEAR_RE = re.compile(r"\b(1[6-9]\d\d|20\d\d)\b")


def _is_year(text: str) -> bool:
    return bool(re.fullmatch(r"1[6-9]\d\d|20\d\d", text))


def _parse_number(text: str) -> float:
    return float(text.replace(",", ""))


def _format_like(value: float, template: str) -> str:
    """Format `value` the way `template` was written (thousands separators, decimals)."""
    decimals = len(template.split(".")[1]) if "." in template else 0
    if decimals:
        return f"{value:.{decimals}f}"
    number = round(value)
    return f"{number:,}" if "," in template else str(number)


def _other_value(rng: random.Random, value: float, is_int: bool) -> float:
    """A value that cannot be a rounding of `value`: at least 8% and 1 unit away."""
    for _ in range(20):
        factor = rng.choice([0.5, 0.6, 0.75, 0.85, 0.9, 1.1, 1.2, 1.3, 1.5, 2.0])
        candidate = value * factor
        if is_int:
            candidate = float(round(candidate))
        if abs(candidate - value) >= max(1.0, 0.08 * abs(value)) and candidate > 0:
            return candidate
    return value + rng.choice([2, 3, 5, 10])


def _hedge(rng: random.Random, value: int) -> str | None:
    """A hedged restatement whose interval contains `value` (consistent rounding)."""
    if value < 20:
        return None
    magnitude = 10 ** (len(str(value)) - 2) if value >= 100 else 10
    lower = (value // magnitude) * magnitude
    upper = lower + magnitude
    if lower == value:
        return rng.choice([f"exactly {value:,}", f"{value:,}"])
    choice = rng.random()
    if choice < 0.4:
        return f"more than {lower:,}"
    if choice < 0.7:
        return f"nearly {upper:,}" if upper - value <= 0.05 * value else f"over {lower:,}"
    return f"about {upper:,}" if upper - value <= 0.05 * value else f"at least {lower:,}"


# --- transforms over real premises -----------------------------------------------------
Transform = Callable[[random.Random, str], tuple[str, str, str] | None]


def change_number(rng: random.Random, text: str) -> tuple[str, str, str] | None:
    matches = [m for m in _NUMBER_RE.finditer(text) if not _is_year(m.group(1))]
    if not matches:
        return None
    match = rng.choice(matches)
    raw = match.group(1)
    value = _parse_number(raw)
    new = _format_like(_other_value(rng, value, "." not in raw), raw)
    if new == raw:
        return None
    return text[: match.start(1)] + new + text[match.end(1) :], "contradiction", "number-changed"


def change_year(rng: random.Random, text: str) -> tuple[str, str, str] | None:
    matches = list(_YEAR_RE.finditer(text))
    if not matches:
        return None
    match = rng.choice(matches)
    new = str(int(match.group(1)) + rng.choice([-3, -2, -1, 1, 2, 3]))
    return text[: match.start()] + new + text[match.end() :], "contradiction", "year-changed"


def _swap_from(
    rng: random.Random, text: str, words: Sequence[str], tag: str, label: str = "contradiction"
) -> tuple[str, str, str] | None:
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, words)) + r")\b")
    matches = list(pattern.finditer(text))
    if not matches:
        return None
    match = rng.choice(matches)
    options = [w for w in words if w != match.group(1)]
    return text[: match.start()] + rng.choice(options) + text[match.end() :], label, tag


def change_month(rng: random.Random, text: str) -> tuple[str, str, str] | None:
    return _swap_from(rng, text, MONTHS, "month-changed")


def change_weekday(rng: random.Random, text: str) -> tuple[str, str, str] | None:
    return _swap_from(rng, text, WEEKDAYS, "weekday-changed")


def change_number_word(rng: random.Random, text: str) -> tuple[str, str, str] | None:
    return _swap_from(rng, text, SMALL_NUMBERS[2:13], "number-word-changed")


def change_ordinal(rng: random.Random, text: str) -> tuple[str, str, str] | None:
    return _swap_from(rng, text, ORDINALS[:6], "ordinal-changed")


def swap_antonym(rng: random.Random, text: str) -> tuple[str, str, str] | None:
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, ANTONYMS)) + r")\b")
    matches = list(pattern.finditer(text))
    if not matches:
        return None
    match = rng.choice(matches)
    return text[: match.start()] + ANTONYMS[match.group(1)] + text[match.end() :], "contradiction", "antonym"


def negate(rng: random.Random, text: str) -> tuple[str, str, str] | None:
    pattern = re.compile(r"\b(" + "|".join(AUXILIARIES) + r")\b(?! not\b| never\b|n't)")
    matches = list(pattern.finditer(text))
    if not matches:
        return None
    match = rng.choice(matches[:2])
    return text[: match.end()] + " not" + text[match.end() :], "contradiction", "negation"


def swap_unit(rng: random.Random, text: str) -> tuple[str, str, str] | None:
    pattern = re.compile(r"(?<=\d)\s?(" + "|".join(map(re.escape, UNIT_SWAPS)) + r")\b")
    matches = list(pattern.finditer(text))
    if not matches:
        return None
    match = rng.choice(matches)
    new = UNIT_SWAPS[match.group(1)]
    return text[: match.start(1)] + new.lstrip() + text[match.end(1) :], "contradiction", "unit-changed"


def swap_currency(rng: random.Random, text: str) -> tuple[str, str, str] | None:
    match = re.search(r"([$€£])(?=\d)", text)
    if not match:
        return None
    return (
        text[: match.start()] + CURRENCY_SWAPS[match.group(1)] + text[match.end() :],
        "contradiction",
        "currency-changed",
    )


def digits_to_words(rng: random.Random, text: str) -> tuple[str, str, str] | None:
    matches = [m for m in re.finditer(r"(?<![\w.,$€£])(\d{1,2})(?![\w.,%]*\w|%)", text) if int(m.group(1)) <= 20]
    if not matches:
        return None
    match = rng.choice(matches)
    word = SMALL_NUMBERS[int(match.group(1))]
    return text[: match.start()] + word + text[match.end() :], "entailment", "digits-to-words"


def words_to_digits(rng: random.Random, text: str) -> tuple[str, str, str] | None:
    pattern = re.compile(r"\b(" + "|".join(SMALL_NUMBERS[2:]) + r")\b")
    matches = list(pattern.finditer(text))
    if not matches:
        return None
    match = rng.choice(matches)
    return (
        text[: match.start()] + str(WORD_TO_INT[match.group(1)]) + text[match.end() :],
        "entailment",
        "words-to-digits",
    )


def hedge_number(rng: random.Random, text: str) -> tuple[str, str, str] | None:
    matches = [
        m
        for m in _NUMBER_RE.finditer(text)
        if "." not in m.group(1) and not _is_year(m.group(1)) and _parse_number(m.group(1)) >= 20
    ]
    if not matches:
        return None
    match = rng.choice(matches)
    hedged = _hedge(rng, int(_parse_number(match.group(1))))
    if hedged is None:
        return None
    return text[: match.start(1)] + hedged + text[match.end(1) :], "entailment", "consistent-rounding"


def drop_clause(rng: random.Random, text: str) -> tuple[str, str, str] | None:
    """Drop a trailing clause after the last comma: the kept part is still asserted."""
    head, sep, tail = text.rpartition(", ")
    if not sep or len(head.split()) < 6 or len(tail.split()) < 3:
        return None
    if re.match(r"(but|although|though|unless|if|except|or)\b", tail) or '"' in head:
        return None
    return head.rstrip(",;:") + ".", "entailment", "clause-dropped"


CONTRADICTION_TRANSFORMS: tuple[Transform, ...] = (
    change_number,
    change_number,
    change_year,
    change_month,
    change_weekday,
    change_number_word,
    change_ordinal,
    swap_antonym,
    negate,
    swap_unit,
    swap_currency,
)
ENTAILMENT_TRANSFORMS: tuple[Transform, ...] = (
    digits_to_words,
    words_to_digits,
    hedge_number,
    hedge_number,
    drop_clause,
)


_COMMON: tuple[Transform, ...] = (negate, drop_clause)


def from_premises(premises: Sequence[str], count: int, seed: int, contradiction_share: float = 0.6) -> list[NLIPair]:
    """Edit real premises into labelled contrast pairs (about `count` of them)."""
    rng = random.Random(seed)
    order = list(premises)
    rng.shuffle(order)
    pairs: list[NLIPair] = []
    for premise in order:
        if len(pairs) >= count:
            break
        if len(premise) > 400 or len(premise.split()) < 5:
            continue
        transforms = CONTRADICTION_TRANSFORMS if rng.random() < contradiction_share else ENTAILMENT_TRANSFORMS
        for transform in rng.sample(list(transforms), len(transforms)):
            if transform in _COMMON and rng.random() < 0.6:
                continue  # applies to almost any sentence: keep it from crowding out the rest
            result = transform(rng, premise)
            if result is None or result[0] == premise:
                continue
            hypothesis, label, tag = result
            pairs.append(
                NLIPair(
                    premise,
                    hypothesis,
                    label,
                    "synthetic-edit",
                    (tag, "numeric") if any(ch.isdigit() for ch in premise + hypothesis) else (tag,),
                )
            )
            break
    return pairs


# --- news-style templates ------------------------------------------------------------
ACTORS = [
    ("Russian forces", "Ukraine"),
    ("The army", "the northern region"),
    ("Rebel groups", "the capital"),
    ("The navy", "the coast"),
    ("Government troops", "the border towns"),
    ("Militants", "the province"),
]
THINGS = ["drones", "missiles", "rockets", "shells", "artillery rounds", "glide bombs"]
COUNTED = [
    ("nations", "pledged support"),
    ("countries", "signed the agreement"),
    ("soldiers", "were deployed"),
    ("people", "were injured"),
    ("workers", "were evacuated"),
    ("protesters", "were arrested"),
    ("schools", "were closed"),
    ("flights", "were cancelled"),
    ("homes", "were damaged"),
]
SOURCES = ["officials said", "the ministry said", "police said", "according to the mayor", "the agency reported"]
TIMES = ["overnight", "on Friday", "on Tuesday", "early Sunday", "last week", "in March", "in 2023"]


def _count_text(rng: random.Random, value: int) -> str:
    if value <= 12 and rng.random() < 0.5:
        return SMALL_NUMBERS[value]
    return f"{value:,}"


def _template_quantity(rng: random.Random) -> list[NLIPair]:
    actor, target = rng.choice(ACTORS)
    things = rng.choice(THINGS)
    launched = rng.randint(12, 900)
    downed = rng.randint(5, launched - 3)
    when = rng.choice(TIMES)
    premise = f"{actor} launched {launched:,} {things} at {target} {when}, {rng.choice(SOURCES)}."
    other = _other_value(rng, float(launched), True)
    hedged = _hedge(rng, launched) or f"{launched}"
    tags = ("template", "numeric")
    return [
        NLIPair(
            premise,
            f"{actor} launched {int(other):,} {things} at {target} {when}.",
            "contradiction",
            "synthetic-template",
            (*tags, "count-conflict"),
        ),
        NLIPair(
            premise,
            f"{hedged[0].upper() + hedged[1:]} {things} were launched at {target} {when}.",
            "entailment",
            "synthetic-template",
            (*tags, "consistent-rounding"),
        ),
        NLIPair(
            premise,
            f"Air defences shot down {downed:,} of the {things} {when}.",
            "neutral",
            "synthetic-template",
            (*tags, "different-measure"),
        ),
        NLIPair(
            f"Air defences shot down {downed:,} of the {things} {when}.",
            f"{actor} launched {launched:,} {things} at {target} {when}.",
            "neutral",
            "synthetic-template",
            (*tags, "different-measure"),
        ),
    ]


def _template_count(rng: random.Random) -> list[NLIPair]:
    noun, verb = rng.choice(COUNTED)
    value = rng.randint(2, 60)
    other = value + rng.choice([-3, -2, -1, 1, 2, 4, 10]) if value > 4 else value + rng.choice([1, 2, 3])
    tags = ("template", "numeric")
    premise = f"{_count_text(rng, value).capitalize()} {noun} {verb} {rng.choice(TIMES)}, {rng.choice(SOURCES)}."
    same_words = SMALL_NUMBERS[value] if value <= 20 else f"{value}"
    return [
        NLIPair(
            premise,
            f"{_count_text(rng, other).capitalize()} {noun} {verb}.",
            "contradiction",
            "synthetic-template",
            (*tags, "count-conflict"),
        ),
        NLIPair(
            premise,
            f"{same_words.capitalize()} {noun} {verb}.",
            "entailment",
            "synthetic-template",
            (*tags, "same-value-other-words"),
        ),
        NLIPair(
            premise,
            f"{_count_text(rng, other).capitalize()} {noun} {verb} a year earlier.",
            "neutral",
            "synthetic-template",
            (*tags, "different-time-frame"),
        ),
    ]


def _template_duration(rng: random.Random) -> list[NLIPair]:
    """War/crisis durations: "3½-year" vs "in its third year" and friends."""
    event = rng.choice(["war", "conflict", "invasion", "blockade", "strike", "occupation"])
    years = rng.randint(1, 6)
    half = rng.random() < 0.5
    elapsed = years + (0.5 if half else 0.0)
    frac = "½" if half else ""
    written = rng.choice([f"{years}{frac}-year", f"{years}{'.5' if half else ''}-year"])
    # elapsed in [n-1, n) years means "in its n-th year"
    ordinal_ok = ORDINALS[int(elapsed)] if int(elapsed) < len(ORDINALS) else None
    wrong_index = int(elapsed) + rng.choice([-1, 1]) if int(elapsed) >= 1 else int(elapsed) + 1
    wrong_index = max(0, min(wrong_index, len(ORDINALS) - 1))
    if wrong_index == int(elapsed):
        wrong_index = min(int(elapsed) + 1, len(ORDINALS) - 1)
    wrong = ORDINALS[wrong_index]
    premise = f"Leaders met on Friday to discuss an end to the {written} {event}."
    tags = ("template", "numeric", "duration")
    words = SMALL_NUMBERS[years] + (" and a half" if half else "")
    pairs = [
        NLIPair(
            premise,
            f"Leaders met as the {event} entered its {wrong} year.",
            "contradiction",
            "synthetic-template",
            (*tags, "ordinal-conflict"),
        ),
        NLIPair(
            premise,
            f"The {event} has lasted {words} years.",
            "entailment",
            "synthetic-template",
            (*tags, "same-value-other-words"),
        ),
        NLIPair(
            premise,
            f"The {event} has lasted {years + rng.choice([2, 3])} years.",
            "contradiction",
            "synthetic-template",
            (*tags, "duration-conflict"),
        ),
    ]
    if ordinal_ok and half:  # a whole number of years sits on the ordinal's boundary
        pairs.append(
            NLIPair(
                premise,
                f"The {event} is now in its {ordinal_ok} year.",
                "entailment",
                "synthetic-template",
                (*tags, "ordinal-consistent"),
            )
        )
    return pairs


def _template_percent(rng: random.Random) -> list[NLIPair]:
    what = rng.choice(["Inflation", "Unemployment", "The interest rate", "Turnout", "The approval rating"])
    value = rng.randint(2, 60)
    other = value + rng.choice([-5, -3, -2, 2, 3, 5]) if value > 5 else value + 3
    premise = f"{what} stood at {value} percent in {rng.choice(MONTHS)}, the report said."
    tags = ("template", "numeric", "percent")
    return [
        NLIPair(
            premise,
            f"{what} was {other}% that month.",
            "contradiction",
            "synthetic-template",
            (*tags, "percent-conflict"),
        ),
        NLIPair(
            premise,
            f"{what} was {value}% that month.",
            "entailment",
            "synthetic-template",
            (*tags, "same-value-other-words"),
        ),
        NLIPair(
            premise,
            f"{what} rose by {rng.randint(1, 4)} percentage points the following year.",
            "neutral",
            "synthetic-template",
            (*tags, "different-time-frame"),
        ),
    ]


TEMPLATES = (_template_quantity, _template_count, _template_duration, _template_percent)


def from_templates(count: int, seed: int) -> list[NLIPair]:
    rng = random.Random(seed)
    pairs: list[NLIPair] = []
    while len(pairs) < count:
        pairs.extend(rng.choice(TEMPLATES)(rng))
    return pairs[:count]


def generate(premises: Sequence[str], count: int, seed: int, template_share: float = 0.3) -> list[NLIPair]:
    """The full synthetic set: edits of real premises plus news templates, shuffled."""
    n_templates = int(count * template_share)
    pairs = from_premises(premises, count - n_templates, seed) + from_templates(n_templates, seed + 1)
    random.Random(seed + 2).shuffle(pairs)
    return pairs
