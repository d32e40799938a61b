"""Training pairs for the cross-document convention of NLI.

SNLI-style data assumes both sentences describe one scene, so "a fire killed 12 in
Leeds on Monday" vs "a fire killed 30 in Cardiff on Friday" reads as a
contradiction. Across outlets most pairs that look alike are about different
events, and they must come out neutral. And the existing contrast pairs edit one
token of a copied sentence, so the model learnt "same words, one token changed"
rather than "different words, same fact, incompatible value". Two families answer
that:

* **paraphrase edits**: start from an entailment pair of the training file, whose
  hypothesis already restates its premise in other words, and edit the hypothesis's
  number, year, month, weekday, ordinal, polarity or verb/adjective (WordNet
  antonyms): a contradiction that is a paraphrase, not a copy. The same hypotheses
  restated (digits as words, consistent rounding) stay entailments.
* **event templates**: one event type written several ways. Same event, same
  values, other wording: entailment. Same event, one value changed: contradiction.
  Another place and another day: neutral, whatever the numbers say.

Everything is seeded; the same seed and input give the same pairs.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial

from consistency.training import synthetic
from consistency.training.antonyms import Antonyms
from consistency.training.data import NLIPair

SOURCE = "synthetic-cross-document"
HEDGES = re.compile(r"\b(more than|over|at least|about|around|nearly|almost|up to|less than|fewer than|some)\s*$", re.I)
NEGATION = re.compile(r"\s+(not|never)\b|n't\b", re.I)

# verbs whose WordNet antonyms (have/lack, give/take, come/go) rarely flip a claim's truth
LIGHT_VERBS = frozenset(["be", "have", "do", "get", "make", "take", "give", "go", "come", "keep", "let", "put"])

Edit = Callable[[random.Random, NLIPair], tuple[str, str] | None]


def _numbers_shared(premise: str, edited_from: str) -> bool:
    """The hypothesis's numbers all appear in the premise: editing one contradicts it."""
    numbers = synthetic._NUMBER_RE.findall(edited_from)
    return bool(numbers) and all(n in premise for n in numbers)


def _unhedged(text: str, new: str) -> bool:
    index = text.find(new)
    return index < 0 or not HEDGES.search(text[:index])


def _edit_value(transform: synthetic.Transform, tag: str) -> Edit:
    def edit(rng: random.Random, pair: NLIPair) -> tuple[str, str] | None:
        if tag == "number" and not _numbers_shared(pair.premise, pair.hypothesis):
            return None
        result = transform(rng, pair.hypothesis)
        if result is None:
            return None
        new, _label, _tag = result
        changed = next((a for a, b in zip(new.split(), pair.hypothesis.split(), strict=False) if a != b), "")
        if not _unhedged(new, changed):
            return None
        return new, tag

    return edit


def _unnegate(rng: random.Random, pair: NLIPair) -> tuple[str, str] | None:
    match = NEGATION.search(pair.hypothesis)
    if match is None or re.search(r"\b(not only|never before)\b", pair.hypothesis, re.I):
        return None
    if match.group(0).lower() == "n't":
        head = pair.hypothesis[: match.start()]
        if head.lower().endswith(("ca", "wo")):  # can't, won't
            head = head[:-2] + ("can" if head.lower().endswith("ca") else "will")
        return head + pair.hypothesis[match.end() :], "negation-removed"
    return pair.hypothesis[: match.start()] + pair.hypothesis[match.end() :], "negation-removed"


VALUE_EDITS: tuple[Edit, ...] = (
    _edit_value(synthetic.change_number, "number"),
    _edit_value(synthetic.change_number, "number"),
    _edit_value(synthetic.change_year, "year"),
    _edit_value(synthetic.change_month, "month"),
    _edit_value(synthetic.change_weekday, "weekday"),
    _edit_value(synthetic.change_number_word, "number-word"),
    _edit_value(synthetic.change_ordinal, "ordinal"),
    _unnegate,
)
NEGATE = _edit_value(synthetic.negate, "negation")
RESTATEMENTS: tuple[synthetic.Transform, ...] = (
    synthetic.digits_to_words,
    synthetic.words_to_digits,
    synthetic.hedge_number,
)


@dataclass(frozen=True)
class Token:
    text: str
    lemma: str
    tag: str
    start: int


Parser = Callable[[Sequence[str]], list[list[Token]]]


def spacy_parser() -> Parser:
    """Tags and lemmas from spaCy's small English pipeline (the checker's own)."""
    from consistency.sentences import load_model

    nlp = load_model(exclude=["ner", "parser"])

    def parse(texts: Sequence[str]) -> list[list[Token]]:
        return [[Token(t.text, t.lemma_, t.tag_, t.idx) for t in doc] for doc in nlp.pipe(texts, batch_size=256)]

    return parse


def _antonym_edit(rng: random.Random, text: str, tokens: list[Token], antonyms: Antonyms) -> tuple[str, str] | None:
    options = [
        (t, antonyms.options(t.lemma, t.tag))
        for t in tokens
        if t.tag in ("VBD", "VBZ", "VBP", "JJ") and t.lemma.lower() not in LIGHT_VERBS
    ]
    options = [(t, forms) for t, forms in options if forms and t.text.islower()]
    if not options:
        return None
    token, forms = rng.choice(options)
    return text[: token.start] + rng.choice(forms) + text[token.start + len(token.text) :], "antonym"


def _negate_verb(rng: random.Random, text: str, tokens: list[Token]) -> tuple[str, str] | None:
    """A finite main verb without an auxiliary: "ruled out" → "did not rule out"."""
    if NEGATION.search(text):
        return None
    support = {"VBD": "did not", "VBZ": "does not", "VBP": "do not"}
    for i, token in enumerate(tokens):
        if token.tag in support and token.lemma.lower() not in ("be", "have", "do") and token.text.islower():
            if i and tokens[i - 1].tag == "MD":
                return None
            head = text[: token.start] + support[token.tag] + " " + token.lemma
            return head + text[token.start + len(token.text) :], "negation"
    return None


def _contradict(
    rng: random.Random, pair: NLIPair, tokens: list[Token], antonyms: Antonyms | None
) -> tuple[str, str] | None:
    """The first edit that applies, value edits and antonyms tried in random order before polarity."""
    specific: list[Callable[[], tuple[str, str] | None]] = [partial(e, rng, pair) for e in VALUE_EDITS]
    if tokens and antonyms is not None:
        specific.append(partial(_antonym_edit, rng, pair.hypothesis, tokens, antonyms))
    rng.shuffle(specific)
    # negation applies to almost any sentence: keep it to about a third of the edits
    polarity = [partial(_negate_verb, rng, pair.hypothesis, tokens), partial(NEGATE, rng, pair)]
    for edit in specific + (polarity if rng.random() < 0.35 else []):
        result = edit()
        if result and result[0] != pair.hypothesis:
            return result
    return None


def paraphrase_edits(
    pairs: Sequence[NLIPair],
    count: int,
    seed: int,
    antonyms: Antonyms | None = None,
    parse: Parser | None = None,
    restate_share: float = 0.25,
    paired: bool = False,
) -> list[NLIPair]:
    """Contradictions (and restated entailments) built on the training file's paraphrases.

    `paired`: each contradiction comes with an entailment on the same premise (the
    hypothesis restated where a restatement applies, else as it was), so that another
    wording carries no label by itself; without it every edit is a contradiction, and
    a model trained on them (measured, see the model card) calls rewording a conflict.
    """
    rng = random.Random(seed)
    pool = [p for p in pairs if p.label == "entailment" and p.hypothesis.strip() != p.premise.strip()]
    rng.shuffle(pool)
    pool = pool[: count * 3]
    parsed = parse([p.hypothesis for p in pool]) if parse else [[] for _ in pool]
    out: list[NLIPair] = []
    for pair, tokens in zip(pool, parsed, strict=True):
        if len(out) >= count:
            break
        if rng.random() < restate_share:
            transform = rng.choice(RESTATEMENTS)
            result = transform(rng, pair.hypothesis)
            if result and _numbers_shared(pair.premise, pair.hypothesis):
                out.append(NLIPair(pair.premise, result[0], "entailment", SOURCE, ("paraphrase-restated", result[2])))
            continue
        edited = _contradict(rng, pair, tokens, antonyms)
        if edited is not None:
            out.append(NLIPair(pair.premise, edited[0], "contradiction", SOURCE, ("paraphrase-edit", edited[1])))
            if paired:
                out.append(_kept(rng, pair))
    return out


def _kept(rng: random.Random, pair: NLIPair) -> NLIPair:
    """The entailment beside an edit: the hypothesis restated, or as it was."""
    for transform in (*RESTATEMENTS, synthetic.drop_clause):
        result = transform(rng, pair.hypothesis)
        if result and result[1] == "entailment" and _numbers_shared(pair.premise, pair.hypothesis):
            return NLIPair(pair.premise, result[0], "entailment", SOURCE, ("paraphrase-kept", result[2]))
    return NLIPair(pair.premise, pair.hypothesis, "entailment", SOURCE, ("paraphrase-kept", "as-written"))


# --- event templates --------------------------------------------------------------------
PLACES = [
    "Leeds", "Cardiff", "Lyon", "Porto", "Gdansk", "Tampere", "Valencia", "Graz", "Ostrava", "Cluj",
    "Malmo", "Aarhus", "Bergen", "Bilbao", "Dresden", "Turin", "Utrecht", "Ghent", "Kaunas", "Split",
    "Denver", "Tucson", "Halifax", "Winnipeg", "Perth", "Hobart", "Durban", "Mombasa", "Pune", "Cebu",
    "Medan", "Osaka", "Busan", "Recife", "Rosario", "Quito", "Arequipa", "Oaxaca", "Izmir", "Tabriz",
]  # fmt: skip
DAYS = [*synthetic.WEEKDAYS, *(f"{m} {d}" for m in ("March", "June", "October") for d in (3, 11, 19, 27))]
BUILDINGS = ["a warehouse", "a hotel", "an apartment block", "a nightclub", "a hospital", "a factory"]
COMPANIES = ["Norvale", "Kestrel Motors", "Brightline", "Orrin Steel", "Calder Foods"]
PEOPLE = ["Maria Ilves", "Tomas Brenner", "Aisha Okafor", "Daniel Roux", "Lena Sorvik", "Piet Hanke"]
TEAMS = ["Rovers", "City", "United", "Athletic", "Wanderers", "Albion"]
CRIMES = ["a stabbing", "an armed robbery", "a hit-and-run", "a break-in at a jeweller's"]


def _cap(text: str) -> str:
    return text[0].upper() + text[1:]


def _num(rng: random.Random, value: int) -> str:
    return synthetic.SMALL_NUMBERS[value] if value <= 12 and rng.random() < 0.4 else f"{value:,}"


@dataclass(frozen=True)
class EventType:
    """Several wordings of one kind of event; `values` draws the numbers it states."""

    name: str
    wordings: tuple[str, ...]
    values: Callable[[random.Random], dict[str, int]]


def _deaths(rng: random.Random) -> dict[str, int]:
    return {"n": rng.randint(2, 60)}


EVENT_TYPES: tuple[EventType, ...] = (
    EventType(
        "quake",
        (
            "A magnitude {m}.{d} earthquake struck near {place} on {day}, killing {n} people.",
            "{N} people died when a {m}.{d}-magnitude quake hit {place} on {day}.",
            "The {day} earthquake near {place}, measured at {m}.{d}, left {n} people dead.",
        ),
        lambda rng: {"m": rng.randint(4, 7), "d": rng.randint(0, 9), "n": rng.randint(2, 80)},
    ),
    EventType(
        "fire",
        (
            "A fire at {building} in {place} on {day} killed {n} people.",
            "{N} people were killed when fire swept through {building} in {place} on {day}.",
            "Firefighters in {place} said {n} people died in the {day} blaze at {building}.",
        ),
        _deaths,
    ),
    EventType(
        "shooting",
        (
            "{N} people were shot dead in {place} on {day}, police said.",
            "A gunman killed {n} people in {place} on {day}.",
            "Police said the {day} shooting in {place} left {n} people dead.",
        ),
        _deaths,
    ),
    EventType(
        "flood",
        (
            "Floods in {place} forced {k},000 people from their homes on {day}.",
            "Some {k},000 residents of {place} were evacuated as floodwaters rose on {day}.",
            "On {day}, {k},000 people in {place} had to leave their homes because of flooding.",
        ),
        lambda rng: {"k": rng.randint(2, 90)},
    ),
    EventType(
        "strike",
        (
            "Workers at the {company} plant in {place} voted on {day} to strike, with {p} percent in favour.",
            "{P}% of {company} staff in {place} backed a walkout in a ballot held on {day}.",
            "In a vote on {day}, {p} percent of {company}'s workforce in {place} supported strike action.",
        ),
        lambda rng: {"p": rng.randint(51, 97)},
    ),
    EventType(
        "match",
        (
            "{team} beat {rival} {x}-{y} in {place} on {day}.",
            "{rival} lost {x}-{y} to {team} on {day} in {place}.",
            "A {x}-{y} win over {rival} in {place} on {day} lifted {team}.",
        ),
        lambda rng: {"x": rng.randint(2, 7), "y": rng.randint(0, 1)},
    ),
    EventType(
        "election",
        (
            "{person} won the mayoral election in {place} on {day} with {p} percent of the vote.",
            "Voters in {place} elected {person} mayor on {day}, giving {person} {p}% of the ballots.",
            "With {p} percent of the vote, {person} became mayor of {place} in the {day} election.",
        ),
        lambda rng: {"p": rng.randint(40, 75)},
    ),
    EventType(
        "arrest",
        (
            "A {a}-year-old man was arrested in {place} on {day} after {crime}.",
            "Police in {place} detained a man, {a}, on {day} over {crime}.",
            "On {day}, officers in {place} arrested a {a}-year-old in connection with {crime}.",
        ),
        lambda rng: {"a": rng.randint(17, 70)},
    ),
)


def _scene(rng: random.Random, event: EventType) -> dict[str, object]:
    return {
        "place": rng.choice(PLACES),
        "day": rng.choice(DAYS),
        "building": rng.choice(BUILDINGS),
        "company": rng.choice(COMPANIES),
        "person": rng.choice(PEOPLE),
        "team": rng.choice(TEAMS[:3]),
        "rival": rng.choice(TEAMS[3:]),
        "crime": rng.choice(CRIMES),
        **event.values(rng),
    }


def _write(rng: random.Random, wording: str, scene: dict[str, object]) -> str:
    slots = dict(scene)
    for key in ("n", "p"):
        if key in scene:
            slots[key.upper()] = _cap(_num(rng, int(scene[key]))) if key == "n" else scene[key]
            if key == "n":
                slots[key] = _num(rng, int(scene[key]))
    return wording.format(**slots)


def _changed(rng: random.Random, event: EventType, scene: dict[str, object]) -> dict[str, object]:
    """The same scene with one stated value changed beyond any rounding (>= 15% and >= 2)."""
    keys = sorted(event.values(rng))
    rng.shuffle(keys)
    for key in keys:
        old = int(scene[key])
        far = [v for v in (event.values(rng)[key] for _ in range(50)) if abs(v - old) >= max(2, 0.15 * old)]
        if far:
            return {**scene, key: far[0]}
    raise ValueError(f"{event.name}: no value can change")


def event_pairs(rng: random.Random) -> list[NLIPair]:
    event = rng.choice(EVENT_TYPES)
    first, second = rng.sample(event.wordings, 2)
    scene = _scene(rng, event)
    other = _scene(rng, event)
    while other["place"] == scene["place"] or other["day"] == scene["day"]:
        other = _scene(rng, event)
    premise = _write(rng, first, scene)
    tags = ("event-template", event.name)
    return [
        NLIPair(premise, _write(rng, second, scene), "entailment", SOURCE, (*tags, "same-event")),
        NLIPair(premise, _write(rng, second, _changed(rng, event, scene)), "contradiction", SOURCE, (*tags, "value")),
        NLIPair(premise, _write(rng, second, other), "neutral", SOURCE, (*tags, "different-event")),
        NLIPair(_write(rng, first, other), premise, "neutral", SOURCE, (*tags, "different-event")),
    ]


def from_events(count: int, seed: int) -> list[NLIPair]:
    rng = random.Random(seed)
    pairs: list[NLIPair] = []
    while len(pairs) < count:
        pairs.extend(event_pairs(rng))
    return pairs[:count]


def generate(
    pairs: Sequence[NLIPair],
    count: int,
    seed: int,
    antonyms: Antonyms | None = None,
    parse: Parser | None = None,
    event_share: float = 0.4,
    paired: bool = False,
) -> list[NLIPair]:
    n_events = int(count * event_share)
    edits = paraphrase_edits(pairs, count - n_events, seed, antonyms, parse, paired=paired)
    out = edits + from_events(n_events, seed + 1)
    random.Random(seed + 2).shuffle(out)
    return out
