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

from consistency import parsing

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
    """The full English pipeline (NER gives actors), loaded once and lazily (about 0.5 s)."""
    from consistency.sentences import load_model

    return load_model()


# Docs parsed ahead in one batched `nlp.pipe` pass (see `prime`); consulted before
# the per-text cache so a large batch is parsed once, in bulk, not text by text.
_PRIMED: dict[str, Doc] = {}


def prime(texts: list[str], batch_size: int = 256) -> None:
    """Parse `texts` in one batched pass; `parse` then returns these docs."""
    todo = [t for t in dict.fromkeys(texts) if t not in _PRIMED]
    for text, doc in zip(todo, parsing.pipe(nlp(), todo, batch_size), strict=True):
        _PRIMED[text] = doc


def unprime() -> None:
    """Drop the primed docs (they are only needed while extracting)."""
    _PRIMED.clear()


def parse(text: str) -> Doc:
    """Parsed doc, cached per text: the pipeline pairs one claim with many others."""
    doc = _PRIMED.get(text)
    return doc if doc is not None else _parse_one(text)


@lru_cache(maxsize=2048)
def _parse_one(text: str) -> Doc:
    return nlp()(text)


@dataclass(frozen=True)
class Attachment:
    noun: str = ""  # lemma of counted / measured / event noun
    verb: str = ""  # lemma of the event verb, with particle ("shoot down")
    agents: frozenset[str] = frozenset()
    role: str = ""  # "partitive", "to", "by", "from"
    marks: frozenset[str] = frozenset()  # distinguishing modifiers of the noun ("first", "10-year")
    mods: frozenset[str] = frozenset()  # restrictive modifiers ("core", "league"), ALL for "in total"
    future: bool = False  # the governing verb is future ("will begin on Thursday")


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
    """Nearest governing verb; a copula heading its own clause counts
    ("Participation was 72%, officials said": "was", not "said")."""
    cur = tok
    for _ in range(limit):
        if cur.pos_ == "VERB" or (
            cur.pos_ == "AUX" and (cur.dep_ == "ROOT" or any(c.dep_ == "nsubj" for c in cur.children))
        ):
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


# Modifiers that do not narrow what is measured: "the main interest rate" is the
# benchmark rate, "the new total" is the total. Everything else in amod/compound
# position ("core inflation", "league goals", "overlapping branches") restricts.
GENERIC_MODS = {
    "main",
    "key",
    "benchmark",
    "official",
    "policy",
    "interest",
    "base",
    "overall",
    "total",
    "new",
    "latest",
    "current",
    "estimated",
    "reported",
    "confirmed",
    "more",
    "other",
    "additional",
    "further",
    "same",
    "recent",
    "record",
    "combined",
    "whole",
    "entire",
    "full",
    "final",
    "preliminary",
    "unofficial",
    "some",
    "many",
    "few",
    "several",
}
# Modifiers naming a non-default variant of a measure: "core inflation" is not
# "inflation" (headline), "net profit" may not be "profit". One side alone is enough.
VARIANT_MODS = frozenset({"core", "underlying", "adjusted", "unadjusted", "real", "nominal", "gross", "net"})
# Sentinel modifier for an aggregate ("in total", "in all competitions", "overall"):
# an aggregate and a restricted count ("league goals") are different things.
ALL = "ALL"
_AGGREGATE_ADV = {"overall", "altogether", "combined", "cumulatively", "total", "all"}
_AGGREGATE_POBJ = {"total", "all", "aggregate"}
_NAME_ENTS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART"}
# Future auxiliaries and heads of "due to", "set to", "scheduled for" ...
_FUTURE_AUX = {"will", "shall", "'ll", "wo"}
_FUTURE_SELF = {"schedule", "slate", "due"}  # "is scheduled for Thursday"
_FUTURE_HEADS = {"due", "set", "schedule", "slate", "plan", "expect"}  # "is set to begin on ..."


def _mods(noun: Token, skip: set[int]) -> set[str]:
    """Restrictive modifiers of `noun`: lemmas of its amod/compound children."""
    out = set()
    for c in noun.children:
        if c.dep_ not in ("amod", "compound") or c.i in skip or c.pos_ == "PROPN" or c.ent_type_ in _NAME_ENTS:
            continue
        w = _lemma(c)
        if _DIGITISH.search(w) or w in _ORDINAL_WORDS or w in GENERIC_MODS or w in TIME_WORDS or not c.is_alpha:
            continue
        out.add(w)
    return out


def _aggregate(tok: Token) -> bool:
    """`tok` carries "in total", "in all (competitions)", "overall", "altogether"."""
    for c in tok.children:
        if c.dep_ in ("advmod", "npadvmod") and c.lower_ in _AGGREGATE_ADV:
            return True
        if c.dep_ == "prep" and c.lower_ in ("in", "across"):
            for p in c.children:
                if p.dep_ == "pobj" and (
                    p.lower_ in _AGGREGATE_POBJ
                    or any(d.dep_ in ("det", "predet") and d.lower_ == "all" for d in p.children)
                ):
                    return True
    return False


REPORT_VERBS = {"say", "announce", "tell", "state", "confirm", "warn", "add", "report", "declare", "write"}


def _after_reporting_verb(first: Token) -> bool:
    """A date right after "said" dates the saying ("said on Friday it will strike"), whatever the parse says."""
    doc = first.doc
    i = first.i - 1
    while i >= 0 and doc[i].lower_ in ("on", "late", "early", "last"):
        i -= 1
    return i >= 0 and doc[i].pos_ in ("VERB", "AUX") and _lemma(doc[i]) in REPORT_VERBS


def _is_future(verb: Token) -> bool:
    """The event lies ahead: "will begin", "is scheduled for", "is due / set to start"."""
    if any(c.dep_ == "aux" and c.lower_ in _FUTURE_AUX for c in verb.children) or _lemma(verb) in _FUTURE_SELF:
        return True
    cur = verb
    for _ in range(2):
        if cur.dep_ != "xcomp" or cur.head.i == cur.i:
            return False
        cur = cur.head
        lemma = _lemma(cur)
        if any(c.dep_ == "aux" and c.lower_ in _FUTURE_AUX for c in cur.children):
            return True
        if (lemma in _FUTURE_HEADS and cur.tag_ != "VBD") or (lemma == "go" and cur.tag_ == "VBG"):
            return True
    return False


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
            # "Turnout was 61%": the tagger often calls a capitalized first word a
            # name; as the subject of a copula it is what is measured.
            copula = _lemma(verb) == "be"
            subs = [
                c
                for c in verb.children
                if c.dep_ in ("nsubj", "nsubjpass")
                and c.i not in ids
                and (
                    c.pos_ == "NOUN"
                    or (c.pos_ == "PROPN" and c.is_sent_start and (not c.ent_type_ or copula) and c.n_lefts == 0)
                )
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
    mods = _mods(noun_tok, ids) if noun_tok is not None and mode != "date" else set()
    if mode in ("count", "measure", "money") and any(t is not None and _aggregate(t) for t in (verb, noun_tok)):
        mods.add(ALL)
    # "have" as a main verb is kept: "has 640 branches" (a stock) is not "to close
    # 60 branches" (an event); "had been" and "has launched" are auxiliaries.
    light = _lemma(verb) == "be" or (_lemma(verb) == "have" and verb.pos_ == "AUX") if verb is not None else True
    return Attachment(
        noun=_lemma(noun_tok) if noun_tok is not None else "",
        verb="" if light or verb is None else _verb_lemma(verb),
        agents=agents,
        role="partitive" if partitive else role,
        marks=_marks(noun_tok, ids) if noun_tok is not None else frozenset(),
        mods=frozenset(mods),
        future=verb is not None and _is_future(verb) and not _after_reporting_verb(toks[0]),
    )


def scale_label(text: str, start: int, end: int) -> tuple[str, str] | None:
    """(label, owner) when a bare number follows the noun it measures.

    "magnitude 6.4 earthquake", "quake at magnitude 6.2", "raised to level 3":
    the singular common noun right before the number names the scale; the owner
    is what has that value (the noun after the number, else the verb's object).
    Not when a plural noun follows ("region 3 times" counts times).
    """
    doc = parse(text)
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or span.start == 0:
        return None
    label = doc[span.start - 1]
    if label.tag_ != "NN" or not label.is_alpha or not label.is_lower or _lemma(label) in TIME_WORDS:
        return None
    nxt = doc[span.end] if span.end < len(doc) else None
    if nxt is not None and nxt.tag_ in ("NNS", "NNPS"):
        return None
    num = span[-1]
    owner: Token | None = None
    via = label.head.head if label.dep_ == "pobj" and label.head.dep_ == "prep" else None
    if num.head.i != label.i and num.head.i >= span.end and _is_noun(num.head):
        owner = num.head  # "a magnitude 6.4 earthquake"
    elif via is not None and _is_noun(via):
        owner = via  # "aftershocks of magnitude 4"
    elif (verb := _find_verb(label)) is not None:
        # "measured the quake at magnitude 6.2", "the aftershock reached magnitude 4.1"
        rank = {"dobj": 0, "nsubjpass": 0, "nsubj": 1}
        args = sorted(
            (c for c in verb.children if c.dep_ in rank and c.i != label.i and _is_noun(c)), key=lambda c: rank[c.dep_]
        )
        owner = args[0] if args else None
    return _lemma(label), _lemma(owner) if owner is not None else ""
