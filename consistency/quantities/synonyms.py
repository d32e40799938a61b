"""Small closed synonym groups for counted nouns, event nouns and verbs.

Closed lists on purpose: a wrong "same thing" decision produces a false
contradiction, so we only merge words news writers use interchangeably.
"""

from __future__ import annotations

NOUN_GROUPS: list[frozenset[str]] = [
    frozenset(g)
    for g in (
        {"country", "nation", "state", "member state", "government"},
        {"people", "person", "individual", "persons"},
        {"drone", "uav", "shahed"},
        {"soldier", "troop", "serviceman", "servicemember", "service member"},
        {"war", "invasion", "conflict", "fighting", "offensive", "aggression", "invade"},
        {"attack", "strike", "assault", "raid", "bombardment"},
        {"child", "kid", "minor"},
        {"missile", "rocket"},
        {"rate", "interest rate", "benchmark rate", "borrowing cost"},
        {"aid", "assistance", "package", "support", "funding"},
        {"migrant", "asylum seeker", "refugee"},
        {"vehicle", "car"},
        {"protester", "demonstrator"},
        {"home", "house", "building"},
        {"death", "fatality", "dead"},
        {"plane", "aircraft", "jet"},
        {"strike", "walkout", "stoppage"},
        {"earthquake", "quake"},
        {"man", "suspect", "gunman", "attacker", "shooter", "person", "driver", "victim"},
        {"woman", "suspect", "attacker", "shooter", "person", "driver", "victim"},
    )
]
VERB_GROUPS: list[frozenset[str]] = [
    frozenset(g)
    for g in (
        {"launch", "fire", "send", "unleash", "use", "deploy"},
        {"shoot down", "down", "intercept", "destroy", "neutralize", "neutralise", "shoot"},
        {"kill", "die", "perish", "claim", "leave"},
        {"injure", "wound", "hurt"},
        {"pledge", "promise", "commit", "vow", "agree", "sign", "join", "back"},
        {"say", "state", "tell", "announce", "declare", "claim", "insist", "warn", "add"},
        {"arrest", "detain", "apprehend", "hold"},
        {"happen", "occur", "take place", "take", "unfold"},
        {"begin", "start", "launch", "invade"},
        {"end", "halt", "stop", "conclude", "finish"},
        {"rise", "increase", "climb", "grow", "jump", "go up", "surge", "raise", "hike", "lift"},
        {"fall", "drop", "decline", "decrease", "slip", "go down", "cut", "lower", "reduce", "slash"},
        {"travel", "drive", "march", "walk", "move", "advance", "cover"},
        {"evacuate", "flee", "displace"},
        {"hit", "strike", "target"},
        {"attend", "gather", "turn out", "join", "draw", "march", "rally"},
        {"cost", "spend", "pay", "allocate", "approve", "pledge", "provide", "give"},
        {"last", "continue", "rage", "go on", "drag on", "run"},
        {"have", "own", "operate", "employ", "count", "number", "total", "comprise"},
    )
]
# Nouns that count humans in general: "226 people" says nothing about which fact until a
# verb does ("226 people on board" / "18 people are missing" / "30,000 people who live there").
GENERIC_COUNT_NOUNS = frozenset({"people", "person", "persons", "individual", "individuals", "other", "others"})

# Verbs that state a level, not a change: "the rate stands at 4.5%" is the same
# reading as "raised the rate to 4.75%" (the "to" side of a change).
LEVEL_VERBS = frozenset({"stand", "sit", "remain", "stay", "hold", "hover", "rest", "be", "have"})


def _same(a: str, b: str, groups: list[frozenset[str]]) -> bool:
    if a == b:
        return True
    return any(a in g and b in g for g in groups)


def nouns_compatible(a: str, b: str) -> bool:
    """Same counted/measured thing, allowing plural/singular lemma quirks."""
    a, b = a.lower(), b.lower()
    return _same(a, b, NOUN_GROUPS) or a.rstrip("s") == b.rstrip("s")


def verbs_compatible(a: str, b: str) -> bool:
    """Same kind of event ("launched" ~ "fired"), never "launched" ~ "shot down"."""
    return _same(a.lower(), b.lower(), VERB_GROUPS)


def event_compatible(a: str, b: str) -> bool:
    """Noun or verb naming the same event ("invasion" ~ "war" ~ "invade")."""
    return nouns_compatible(a, b) or verbs_compatible(a, b)
