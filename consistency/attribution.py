"""Who says a claim: reported and direct speech from spaCy's dependency parse.

A sentence is attributed when a verb from `REPORTING_VERBS` has an active
subject (`nsubj`) and the verb governs the sentence (ROOT, or a `parataxis`
tail as in `"...," he said.`), or when it has the form "according to X, ...".
The speaker is the subject noun phrase cut at its first comma or dash, so
"Osborne, the son of a trooper, said" gives "Osborne". Pronouns are kept
literally ("he"); `same_speaker` treats them as unknown.

Reporting verbs inside a relative clause ("Trump - who has claimed he could
end the war - expressed frustration") do not attribute the sentence: the main
clause is still the outlet's own claim.

Offsets are relative to the sentence; `content` is what the speaker is
reported to say (the complement clause, or the quote without its tail).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Token

from consistency import parsing
from consistency.sentences import load_model

Attribution = tuple[str | None, int, int]

REPORTING_VERBS = frozenset(
    [
        "say",
        "tell",
        "state",
        "add",
        "claim",
        "declare",
        "announce",
        "insist",
        "warn",
        "confirm",
        "deny",
        "note",
        "explain",
        "argue",
        "allege",
        "assert",
        "suggest",
        "write",
        "testify",
        "admit",
        "acknowledge",
        "estimate",
        "predict",
        "reply",
        "respond",
        "comment",
        "emphasize",
        "emphasise",
        "stress",
        "indicate",
        "reveal",
        "maintain",
        "contend",
        "vow",
        "threaten",
        "caution",
        "concede",
        "report",
        "tweet",
        "recall",
        "observe",
        "conclude",
        "remark",
        "pledge",
        "promise",
        "disclose",
        "affirm",
        "reiterate",
        "mention",
        "complain",
        "believe",
    ]
)

# Cheap prefilter: only sentences matching this are parsed (the parse is the slow part).
CUE = re.compile(
    r"\b(according to|sa(?:y|ys|id|ying)|t(?:ell|ells|old|elling)|"
    r"(?:stat|add|claim|declar|announc|insist|warn|confirm|den(?:y|ie)|not(?=e)|explain|argu|alleg|"
    r"assert|suggest|testif|admit|acknowledg|estimat|predict|repl|respond|comment|emphasi[sz]|"
    r"stress|indicat|reveal|maintain|contend|vow|threaten|caution|conced|report|tweet|"
    r"recall|observ|conclud|remark|pledg|promis|disclos|affirm|reiterat|mention|complain|"
    r"believ)(?:e|es|ed|ing|s|ies|ied)?|wr(?:ite|ites|ote|iting))\b",
    re.IGNORECASE,
)

PRONOUNS = frozenset(
    [
        "he",
        "she",
        "they",
        "it",
        "we",
        "i",
        "you",
        "him",
        "her",
        "them",
        "us",
        "this",
        "that",
        "who",
        "which",
        "one",
        "someone",
    ]
)
_SPEAKER_STOP = {",", "(", "—", "–", "-", ";", ":"}
_TRIM_CHARS = " \t\r\n\"“”‘’'«»,;:—–-"
_ACCORDING_START = re.compile(r"^\s*according to (?P<who>[^,]{2,120}?),\s*(?P<what>.+)$", re.IGNORECASE | re.DOTALL)
_ACCORDING_END = re.compile(
    r"^(?P<what>.+?),?\s+according to (?P<who>[^,]{2,120}?)[.!]?[\"”]?\s*$", re.IGNORECASE | re.DOTALL
)
_ACCORDING_MID = re.compile(r",\s*according to (?P<who>[^,]{2,120}?),", re.IGNORECASE)


@lru_cache(maxsize=1)
def parser() -> Language:
    """Tagger + parser + lemmatizer; NER and the senter are not needed here."""
    return load_model(exclude=["ner", "senter"])


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _TRIM_CHARS:
        start += 1
    while end > start and text[end - 1] in _TRIM_CHARS:
        end -= 1
    return start, end


def _according_to(text: str) -> Attribution | None:
    """'According to X, ...' / '..., according to X.' / '..., according to X, ...'."""
    for pattern in (_ACCORDING_START, _ACCORDING_END):
        match = pattern.match(text)
        if match:
            who = match.group("who").strip(_TRIM_CHARS + ".")
            start, end = _trimmed(text, *match.span("what"))
            if who and end > start:
                return who, start, end
    match = _ACCORDING_MID.search(text)
    if match:
        who = match.group("who").strip(_TRIM_CHARS + ".")
        return who, *_trimmed(text, 0, len(text))
    return None


def _speaker_text(doc: Doc, subj: Token) -> tuple[str, int, int]:
    """The subject phrase, cut before its first comma/dash/parenthesis."""
    tokens = list(subj.subtree)
    kept = []
    for tok in tokens:
        if tok.text in _SPEAKER_STOP or (tok.dep_ in ("relcl", "acl", "appos") and tok.i > subj.i):
            break
        kept.append(tok)
    if not kept:
        kept = [subj]
    start, end = kept[0].idx, kept[-1].idx + len(kept[-1].text)
    return doc.text[start:end], start, end


def _pick_verb(doc: Doc) -> tuple[Token, Token] | None:
    """The governing reporting verb and its subject, preferring the ROOT."""
    found = []
    for tok in doc:
        if tok.lemma_.lower() not in REPORTING_VERBS or tok.pos_ not in ("VERB", "AUX"):
            continue
        if tok.dep_ not in ("ROOT", "parataxis"):
            continue
        if tok.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass") for c in tok.children):
            continue  # "Russia's stated reasons": an adjective, not a report
        subjects = [c for c in tok.children if c.dep_ == "nsubj"]
        if not subjects or subjects[0].lower_ in ("who", "which", "that"):
            continue
        found.append((0 if tok.dep_ == "ROOT" else 1, tok.i, tok, subjects[0]))
    if not found:
        return None
    _, _, verb, subj = min(found)
    return verb, subj


_QUOTE_PAIRS = {"“": "”", '"': '"', "‘": "’", "«": "»"}


def _leading_quote(text: str, verb_at: int) -> tuple[int, int] | None:
    """Direct speech first, tail after: `"We will win," he said.` -> the quoted words."""
    stripped = len(text) - len(text.lstrip())
    opener = text[stripped : stripped + 1]
    closer = _QUOTE_PAIRS.get(opener)
    if not closer:
        return None
    close_at = text.rfind(closer, stripped + 1, verb_at)
    if close_at < 0:
        return None
    return _trimmed(text, stripped + 1, close_at)


def _content(doc: Doc, verb: Token, speaker: tuple[int, int]) -> tuple[int, int]:
    """Character span of what is reported: complement clause, else the rest of the sentence."""
    text = doc.text
    comps = [c for c in verb.children if c.dep_ in ("ccomp", "xcomp")]
    if verb.dep_ == "parataxis":
        # `"...," he said.`: everything before (or after) the tail clause.
        tail_start = min(t.idx for t in verb.subtree)
        tail_end = max(t.idx + len(t.text) for t in verb.subtree)
        if tail_start > 0 and tail_start >= len(text) - tail_end:
            return _trimmed(text, 0, tail_start)
        return _trimmed(text, tail_end, len(text))
    quoted = _leading_quote(text, verb.idx)
    if quoted:
        return quoted
    if comps:
        comp = max(comps, key=lambda c: len(list(c.subtree)))
        toks = [t for t in comp.subtree if not (speaker[0] <= t.idx < speaker[1])]
        if toks and toks[0].i > verb.i:
            # Reported content runs to the end of the sentence; the parser's
            # complement subtree often stops early on long sentences.
            first = toks[1] if toks[0].lower_ == "that" and len(toks) > 1 else toks[0]
            return _trimmed(text, first.idx, len(text))
        if toks:
            return _trimmed(text, toks[0].idx, toks[-1].idx + len(toks[-1].text))
    after_verb = verb.idx + len(verb.text)
    if speaker[0] > after_verb:  # "..., said Smith."
        return _trimmed(text, 0, verb.idx)
    return _trimmed(text, after_verb, len(text))


def attribute_doc(doc: Doc) -> Attribution:
    """Attribution of one parsed sentence; (None, 0, len) when it is the outlet's own."""
    text = doc.text
    according = _according_to(text)
    if according:
        return according
    picked = _pick_verb(doc)
    if picked is None:
        return None, 0, len(text)
    verb, subj = picked
    speaker, s_start, s_end = _speaker_text(doc, subj)
    start, end = _content(doc, verb, (s_start, s_end))
    if end <= start:
        return None, 0, len(text)
    return speaker, start, end


def attribute_many(sentences: Sequence[str], batch_size: int = 128) -> list[Attribution]:
    """Attribute many sentences with one `nlp.pipe` pass over those with a reporting cue."""
    results: list[Attribution] = [(None, 0, len(s)) for s in sentences]
    todo = [i for i, s in enumerate(sentences) if CUE.search(s)]
    docs = parsing.pipe(parser(), (sentences[i] for i in todo), batch_size)
    for i, doc in zip(todo, docs, strict=True):
        results[i] = attribute_doc(doc)
    return results


def attribute(sentence_text: str) -> Attribution:
    """(speaker | None, content_start, content_end), offsets relative to the sentence."""
    return attribute_many([sentence_text])[0]


# --------------------------------------------------------------------------- speakers

TITLE_WORDS = frozenset(
    [
        "president",
        "vice",
        "prime",
        "minister",
        "secretary",
        "spokesperson",
        "spokesman",
        "spokeswoman",
        "press",
        "foreign",
        "defense",
        "defence",
        "interior",
        "general",
        "chancellor",
        "chief",
        "senator",
        "sen",
        "rep",
        "representative",
        "governor",
        "gov",
        "mayor",
        "judge",
        "justice",
        "officer",
        "sheriff",
        "deputy",
        "lt",
        "sgt",
        "capt",
        "col",
        "commander",
        "director",
        "ceo",
        "chairman",
        "chairwoman",
        "chair",
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "the",
        "a",
        "an",
        "of",
        "said",
        "former",
        "acting",
        "state",
        "attorney",
        "assistant",
        "district",
        "county",
        "police",
        "detective",
        "sergeant",
        "captain",
        "lieutenant",
        "pope",
        "king",
        "queen",
        "prince",
        "princess",
        "minister's",
        "u.s.",
        "us",
        "uk",
    ]
)
_WORD = re.compile(r"[A-Za-z][\w.'’-]*")


def _name_tokens(speaker: str) -> list[str]:
    """Capitalized, non-title words: the proper-noun part of a speaker phrase.

    Empty unless the phrase ends in a capitalized word, so "Russian officials"
    (a common-noun head) is never matched by its adjective alone.
    """
    found = _WORD.findall(speaker)
    if not found or not found[-1][:1].isupper():
        return []
    words = []
    for word in found:
        word = re.sub(r"['’]s$", "", word).rstrip(".")
        if word[:1].isupper() and word.lower() not in TITLE_WORDS:
            words.append(word.lower())
    return words


def same_speaker(a: str | None, b: str | None) -> bool:
    """Whether two speaker phrases name the same person or body.

    True for equal phrases (ignoring case), or when the last proper-noun word
    (the surname in "Russian President Vladimir Putin") matches. Pronouns and missing speakers are
    unknown, hence False: we never claim two anonymous speakers are one.
    """
    if not a or not b:
        return False
    a_norm, b_norm = " ".join(a.lower().split()), " ".join(b.lower().split())
    if a_norm in PRONOUNS or b_norm in PRONOUNS:
        return False
    if a_norm == b_norm:
        return True
    names_a, names_b = _name_tokens(a), _name_tokens(b)
    if not names_a or not names_b:
        return False
    return names_a[-1] == names_b[-1]
