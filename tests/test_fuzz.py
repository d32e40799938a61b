"""Property-based fuzzing (hypothesis) of the readers, boilerplate rules, sentence
splitter, claim offsets and the numbers/dates layer.

Why: the hand-written bad-input tests cover the inputs somebody thought of;
these generate the ones nobody did. Each target is time-bounded: a few dozen
examples by default so the file stays fast in the suite and in `.ci/run`.
A long run raises the count for every target:

    CONSISTENCY_FUZZ_EXAMPLES=2000 .venv/bin/pytest -q tests/test_fuzz.py

Crashes the fuzzer found are pinned as plain example tests at the end of the
file (`test_regression_*`), each with the input that crashed.
"""

from __future__ import annotations

import json
import math
import os
import tempfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from consistency.boilerplate import boilerplate_spans, content_spans, line_rule
from consistency.claims import extract_claims
from consistency.ingest import (
    _Bad,
    _read_html,
    _read_json,
    _read_jsonl,
    _read_plain,
    decode_text,
    load_inputs,
)
from consistency.quantities.extract import extract_cached
from consistency.quantities.numbers import find_numbers, parse_words
from consistency.quantities.qualifiers import apply_floored_qualifier, apply_qualifier
from consistency.sentences import split_sentences
from consistency.types import Article, InputProblem

EXAMPLES = int(os.environ.get("CONSISTENCY_FUZZ_EXAMPLES", "25"))
# Slow targets (trafilatura, spaCy parse per example) run fewer by default.
SLOW_EXAMPLES = max(5, EXAMPLES // 3) if "CONSISTENCY_FUZZ_EXAMPLES" not in os.environ else EXAMPLES

FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,  # first calls load spaCy / trafilatura; a deadline would flake on that
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize="CONSISTENCY_FUZZ_EXAMPLES" not in os.environ,  # CI: same inputs every run
    database=None,
)
SLOW = settings(FUZZ, max_examples=SLOW_EXAMPLES)

# Tokens that exercise the rules: abbreviations, quotes, hedges, numbers, dates,
# boilerplate markers, bidi/combining marks, BOMs, odd line endings.
TOKENS = [
    "Mr.",
    "Dr.",
    "Sept.",
    "No.",
    "U.S.",
    "e.g.",
    "etc.",
    "“",
    "”",
    '"',
    "'",
    "‘",
    "’",
    "«",
    "»",
    "(",
    ")",
    "[",
    "]",
    ".",
    "?",
    "!",
    "…",
    "...",
    ",",
    ";",
    ":",
    "—",
    "–",
    "-",
    "•",
    "#",
    "##",
    ">",
    "*",
    "1.",
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    "\t",
    " ",
    "\u00a0",
    "\u2028",
    "\u200f",
    "\u202e",
    "\ufeff",
    "e\u0301",
    "\u0645\u0631\u062d\u0628\u0627",
    "\u05e9\u05dc\u05d5\u05dd",
    "🚀",
    "3½",
    "½",
    "1,000",
    "0",
    "00",
    "157",
    "6.2",
    "1.2 million",
    "5m",
    "$5",
    "€3bn",
    "40%",
    "4:59",
    "9:30 a.m.",
    "21:20 GMT",
    "more than",
    "at least",
    "about",
    "up to",
    "nearly",
    "just over",
    "fewer than",
    "between",
    "and",
    "to",
    "or",
    "one",
    "two",
    "twenty-six",
    "hundred",
    "thousand",
    "dozens",
    "a few",
    "several",
    "a year and a half",
    "third year",
    "anniversary",
    "Monday",
    "last Friday",
    "next week",
    "yesterday",
    "two days ago",
    "May 5, 2020",
    "5 May",
    "2025-09-05",
    "1899",
    "2099",
    "in March",
    "drones",
    "people",
    "were",
    "killed",
    "said",
    "he said.",
    "according to police",
    "Putin",
    "The",
    "Russia",
    "launched",
    "miles",
    "km",
    "years old",
    "aged",
    "Read more:",
    "(Related: x)",
    "Advertisement",
    "Sign up for our newsletter",
    "© 2024",
    "http://x.com",
    "a@b.co",
    "Share this:",
    "(AP Photo/X)",
]


def _join(parts: list[str]) -> str:
    return "".join(parts)


news_text = st.lists(
    st.one_of(st.sampled_from(TOKENS), st.sampled_from([" ", " ", "\n"]), st.text(max_size=6)),
    max_size=60,
).map(_join)
any_text = st.one_of(news_text, st.text(max_size=300))
published = st.one_of(
    st.none(),
    st.dates(),
    st.sampled_from([date.min, date.max, date(1899, 12, 31), date(2999, 1, 1)]),  # hostile publication dates
)


# --------------------------------------------------------------------------- readers


def _check_articles(articles: list[Article], path: str) -> None:
    for article in articles:
        assert isinstance(article, Article)
        assert article.path == path
        assert article.text.strip(), "an article is never empty"
        assert isinstance(article.id, str) and article.id
        assert article.published is None or isinstance(article.published, date)


yaml_values = st.one_of(
    st.sampled_from(["2025-09-05", "2025-09-05T10:00:00Z", "not a date", "[1, 2]", "{a: b}", "", "null", "1899-01-01"]),
    st.text(max_size=20),
)
front_matter = st.builds(
    lambda keys, values, closer: "---\n" + "".join(f"{k}: {v}\n" for k, v in zip(keys, values, strict=False)) + closer,
    st.lists(st.sampled_from(["id", "title", "source", "published", "url", "x", ":", "- a", "? b"]), max_size=5),
    st.lists(yaml_values, min_size=5, max_size=5),
    st.sampled_from(["---\n", "...\n", "---\r\n", "", "--\n"]),
)


@FUZZ
@given(head=st.one_of(st.just(""), front_matter, st.text(max_size=80)), body=any_text)
def test_fuzz_plain_reader(head: str, body: str) -> None:
    """txt/md with optional (possibly broken) front matter: an Article whose text is
    a verbatim suffix of the file, or a `_Bad` input error; nothing else."""
    text = head + body
    try:
        article = _read_plain(text, "a", "a.md")
    except _Bad as bad:
        assert bad.problem
        return
    _check_articles([article], "a.md")
    assert text.endswith(article.text)


json_leaf = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=20), news_text
)
json_value = st.recursive(
    json_leaf,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)),
    max_leaves=12,
)
article_obj = st.fixed_dictionaries(
    {"text": st.one_of(news_text, json_value)},
    optional={
        "id": json_value,
        "title": json_value,
        "source": json_value,
        "published": st.one_of(yaml_values, json_value),
        "url": json_value,
    },
)
json_doc = st.one_of(
    article_obj.map(json.dumps),
    st.lists(st.one_of(article_obj, json_value), max_size=5).map(json.dumps),
    json_value.map(json.dumps),
    st.builds(lambda doc, cut: doc[:cut], article_obj.map(json.dumps), st.integers(0, 200)),
    st.text(max_size=100),
)


@FUZZ
@given(doc=json_doc)
def test_fuzz_json_reader(doc: str) -> None:
    """.json: articles, per-item problems, or one `_Bad`; never another exception."""
    problems: list[InputProblem] = []
    try:
        articles = _read_json(doc, "a", "a.json", problems)
    except _Bad as bad:
        assert bad.problem
        return
    _check_articles(articles, "a.json")
    assert all(p.path == "a.json" and p.problem for p in problems)


@FUZZ
@given(
    lines=st.lists(
        st.one_of(article_obj.map(json.dumps), article_obj.map(lambda o: json.dumps(o, ensure_ascii=False)), json_doc),
        max_size=6,
    ),
    sep=st.sampled_from(["\n", "\r\n"]),
)
def test_fuzz_jsonl_reader(lines: list[str], sep: str) -> None:
    """.jsonl: a bad line costs only that line."""
    problems: list[InputProblem] = []
    try:
        articles = _read_jsonl(sep.join(lines), "a", "a.jsonl", problems)
    except _Bad as bad:
        assert bad.problem
        return
    _check_articles(articles, "a.jsonl")
    assert all(p.path == "a.jsonl" and p.problem for p in problems)
    filled = [line for line in sep.join(lines).split("\n") if line.strip()]
    assert len(articles) + len(problems) == len(filled), "every non-blank line is an article or a problem"


TAGS = ["p", "div", "article", "span", "script", "style", "iframe", "h1", "a", "table", "td", "b", "noscript", "svg"]


@st.composite
def html_doc(draw: st.DrawFn) -> str:
    """Nested markup with scripts, iframes, odd attributes, entities and broken tags."""

    def node(depth: int) -> str:
        if depth > 6 or draw(st.booleans()):
            return draw(st.one_of(news_text, st.sampled_from(["&amp;", "&#0;", "&#x110000;", "&bogus;", "<", "]]>"])))
        tag = draw(st.sampled_from(TAGS))
        attr = draw(st.sampled_from(["", ' class="x"', " onload='alert(1)'", ' src="javascript:x"', " a=" + "x" * 300]))
        kids = "".join(node(depth + 1) for _ in range(draw(st.integers(0, 3))))
        close = draw(st.sampled_from([f"</{tag}>", f"</{tag}>", ""]))
        return f"<{tag}{attr}>{kids}{close}"

    body = "".join(node(0) for _ in range(draw(st.integers(1, 4))))
    return draw(st.sampled_from(["", "<!doctype html>", "<html><head><title>T</title></head>"])) + f"<body>{body}"


@SLOW
@given(doc=html_doc())
def test_fuzz_html_reader(doc: str) -> None:
    """.html through trafilatura: an Article or `_Bad`; never another exception."""
    try:
        article = _read_html(doc, "a", "a.html")
    except _Bad as bad:
        assert bad.problem
        return
    _check_articles([article], "a.html")
    assert "<script" not in article.text.lower() and "<iframe" not in article.text.lower(), "no markup as text"


@FUZZ
@given(data=st.one_of(st.binary(max_size=200), any_text.map(lambda t: t.encode("utf-8", "surrogatepass"))))
def test_fuzz_decode(data: bytes) -> None:
    """Any bytes decode to text or give an input error that says why."""
    try:
        text = decode_text(data)
    except _Bad as bad:
        assert bad.problem
        return
    assert isinstance(text, str)
    if data.startswith(b"\xef\xbb\xbf"):
        assert text == data[3:].decode("utf-8"), "exactly one UTF-8 BOM is dropped"


@FUZZ
@given(
    data=st.one_of(st.binary(max_size=300), any_text.map(lambda t: t.encode("utf-8", "surrogatepass"))),
    ext=st.sampled_from([".txt", ".md", ".json", ".jsonl", ".html", ".xyz", ""]),
)
def test_fuzz_load_inputs_on_real_files(data: bytes, ext: str) -> None:
    """The public loader on a real file never raises; a file it cannot read is named."""
    with tempfile.TemporaryDirectory() as folder:
        good = Path(folder, "good.txt")
        good.write_text("Russia launched 157 drones overnight, officials said.\n", encoding="utf-8")
        odd = Path(folder, "odd" + ext)
        odd.write_bytes(data)
        articles, problems = load_inputs([str(good), str(odd)])
    assert articles and articles[0].path == str(good), "a bad file never costs the others"
    assert all(p.path == str(odd) for p in problems)
    if not any(a.path == str(odd) for a in articles):
        assert problems, "a file that gave no article is reported"


@FUZZ
@given(text=st.one_of(any_text, json_doc, st.builds(lambda h, b: h + b, front_matter, any_text)))
def test_fuzz_stdin(text: str) -> None:
    """`-` guesses JSON, JSONL or plain text from the content: never an exception."""
    articles, problems = load_inputs(["-"], stdin_text=text)
    _check_articles(articles, "<stdin>")
    assert all(p.path == "<stdin>" and p.problem for p in problems)
    assert articles or problems, "stdin that gave no article is reported"


# --------------------------------------------------------------------------- boilerplate / sentences / claims


def _assert_spans(text: str, spans: list[tuple[int, int]]) -> None:
    prev_end = 0
    for start, end in spans:
        assert prev_end <= start < end <= len(text), (spans, len(text))
        assert not text[start].isspace() and not text[end - 1].isspace()
        prev_end = end


@FUZZ
@given(text=any_text, title=st.one_of(st.just(""), news_text))
def test_fuzz_boilerplate(text: str, title: str) -> None:
    """Kept spans are ordered, trimmed, in bounds and never overlap a removed line."""
    kept = content_spans(text, title)
    _assert_spans(text, kept)
    removed = boilerplate_spans(text, title)
    for start, end, rule in removed:
        assert 0 <= start <= end <= len(text) and rule
        assert not any(s < end and start < e for s, e in kept), ("a kept span covers removed text", rule)
    assert content_spans(text, title) == kept, "deterministic"
    for line in text.splitlines():
        line_rule(line, title)  # never raises on any line


@FUZZ
@given(text=any_text)
def test_fuzz_sentence_splitter(text: str) -> None:
    """Sentences are trimmed, ordered, non-overlapping slices of the text."""
    spans = split_sentences(text)
    _assert_spans(text, spans)
    assert split_sentences(text) == spans, "deterministic"


@SLOW
@given(text=any_text, title=st.one_of(st.just(""), news_text))
def test_fuzz_claim_offsets(text: str, title: str) -> None:
    """`claim.text == article.text[claim.start:claim.end]` always, and the quoted
    content span of an attributed claim lies inside the claim."""
    if not text.strip():
        return
    article = Article(id="a", path="a.txt", text=text, title=title)
    claims = extract_claims(article)
    removed = [(s, e) for s, e, _ in boilerplate_spans(text, title) if s < e]
    for i, claim in enumerate(claims):
        assert claim.index == i
        assert claim.text == text[claim.start : claim.end]
        assert not any(s < claim.end and claim.start < e for s, e in removed), "a claim holds removed boilerplate"
        if claim.speaker is not None:
            assert claim.content_start is not None and claim.content_end is not None
            assert claim.start <= claim.content_start <= claim.content_end <= claim.end
    assert extract_claims(article) == claims, "deterministic"


# --------------------------------------------------------------------------- quantities


def _extract_fresh(text: str, pub: date | None) -> tuple:
    """Extraction with the per-text cache cleared, so determinism is really tested."""
    extract_cached.cache_clear()
    return extract_cached(text, pub)


@FUZZ
@given(text=news_text, pub=published)
def test_fuzz_quantities(text: str, pub: date | None) -> None:
    """No exception on any text and any publication date; spans slice the text;
    intervals are well-formed; the same input gives the same output."""
    found = _extract_fresh(text, pub)
    for q in found:
        assert 0 <= q.start <= q.end <= len(text)
        assert q.text == text[q.start : q.end]
        assert not math.isnan(q.low) and not math.isnan(q.high)
        assert q.low <= q.high, q
    assert _extract_fresh(text, pub) == found, "deterministic"


_ONES = [
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
]
_TENS = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def _words_below_1000(n: int, british: bool) -> str:
    """Hand-written English number words (independent of the code under test)."""
    hundreds, rest = divmod(n, 100)
    parts = []
    if hundreds:
        parts.append(f"{_ONES[hundreds]} hundred")
    if rest:
        tail = _ONES[rest] if rest < 20 else _TENS[rest // 10] + (f"-{_ONES[rest % 10]}" if rest % 10 else "")
        parts.append(("and " if british and hundreds else "") + tail)
    return " ".join(parts)


def to_words(n: int, british: bool = False) -> str:
    if n == 0:
        return "zero"
    groups = []
    for scale in ("billion", "million", "thousand", ""):
        size = {"billion": 10**9, "million": 10**6, "thousand": 10**3, "": 1}[scale]
        chunk, n = divmod(n, size)
        if chunk:
            groups.append((_words_below_1000(chunk, british) + " " + scale).strip())
    return " ".join(groups)


def test_hand_written_number_words_are_right() -> None:
    """The test's own number writer, checked by hand on a few values."""
    assert to_words(157) == "one hundred fifty-seven"
    assert to_words(2005, british=True) == "two thousand five"
    assert to_words(1_200_040) == "one million two hundred thousand forty"
    assert to_words(90) == "ninety"


numbers = st.one_of(st.integers(0, 120), st.integers(0, 10**6), st.integers(0, 999_999_999))


@FUZZ
@given(n=numbers, british=st.booleans(), commas=st.booleans())
def test_fuzz_digits_and_words_normalize_alike(n: int, british: bool, commas: bool) -> None:
    """'157 drones' and 'one hundred fifty-seven drones' give the same value."""
    words = to_words(n, british)
    parsed = parse_words(words)
    assert parsed is not None and parsed[0] == n, (words, parsed)
    digits = f"{n:,}" if commas else str(n)
    in_digits = find_numbers(f"Officials said {digits} drones were launched.")
    in_words = find_numbers(f"Officials said {words} drones were launched.")
    assert [m.value for m in in_digits] == [n], (digits, in_digits)
    assert [m.value for m in in_words] == [n], (words, in_words)


# Hedge -> values it admits for an integer count N (hand-written from plain English).
ADMITS = {
    "more than": lambda n: [n + 1, n + 1000],
    "over": lambda n: [n + 1],
    "just over": lambda n: [n + 1],
    "at least": lambda n: [n, n + 1, n * 10],
    "no fewer than": lambda n: [n],
    "about": lambda n: [n],
    "around": lambda n: [n],
    "roughly": lambda n: [n],
    "approximately": lambda n: [n],
    "some": lambda n: [n],
    "nearly": lambda n: [n - 1] if n >= 10 else [],
    "almost": lambda n: [n - 1] if n >= 10 else [],
    "just under": lambda n: [n - 1] if n >= 10 else [],
    "up to": lambda n: [0, n // 2, n],
    "as many as": lambda n: [n],
    "at most": lambda n: [0, n],
    "no more than": lambda n: [n],
    "fewer than": lambda n: [n - 1, 0] if n >= 1 else [],
    "less than": lambda n: [n - 1] if n >= 1 else [],
}
# Hedge -> a stated measure (one decimal place precision) and values it admits.
MEASURE_ADMITS = {
    "more than": lambda x: [x + 0.2, x * 3],
    "just over": lambda x: [x * 1.05],
    "at least": lambda x: [x, x + 0.2],
    "about": lambda x: [x],
    "nearly": lambda x: [x - 0.2] if x >= 5 else [],
    "up to": lambda x: [0.0, x],
    "fewer than": lambda x: [x - 0.2, 0.0] if x >= 1 else [],
    "less than": lambda x: [x - 0.2] if x >= 1 else [],
}


def _count_interval(text: str, noun: str) -> tuple[float, float]:
    qs = [q for q in _extract_fresh(text, None) if q.kind == "count" and q.noun == noun]
    assert len(qs) == 1, (text, qs)
    return qs[0].low, qs[0].high


@FUZZ
@given(hedge=st.sampled_from(sorted(ADMITS)), n=st.integers(1, 100_000))
def test_fuzz_count_hedge_admits_its_values(hedge: str, n: int) -> None:
    """'more than N drones' must admit N+1; 'about N' must admit N; and so on."""
    text = f"Russia launched {hedge} {n:,} drones overnight."
    low, high = _count_interval(text, "drone")
    assert low <= high, (text, low, high)
    for value in ADMITS[hedge](n):
        assert low <= value <= high, (text, value, low, high)


@FUZZ
@given(hedge=st.sampled_from(sorted(MEASURE_ADMITS)), tenths=st.integers(1, 9999), unit=st.sampled_from(["%", " km"]))
def test_fuzz_measure_hedge_admits_its_values(hedge: str, tenths: int, unit: str) -> None:
    """A hedge on a measure: 'more than 5 km' admits 5.2 km; 'fewer than 40%' admits 39.8%."""
    x = tenths / 10
    written = f"{x:g}"
    text = f"The figure was {hedge} {written}{unit} last year."
    qs = [q for q in _extract_fresh(text, None) if q.kind in ("percent", "measure")]
    assert len(qs) == 1, (text, qs)
    factor = 1000.0 if unit == " km" else 1.0  # km are stored in metres
    low, high = qs[0].low / factor, qs[0].high / factor
    assert low <= high, (text, low, high)
    for value in MEASURE_ADMITS[hedge](float(written)):
        assert low - 1e-9 <= value <= high + 1e-9, (text, value, low, high)


# Hedge -> durations in years it admits for "N years" (floored: "three years" is 3.x years).
DURATION_ADMITS = {
    "more than": lambda n: [n + 0.5, n + 10],
    "at least": lambda n: [n, n + 0.5],
    "about": lambda n: [n, n + 0.5],
    "up to": lambda n: [0.0, n],
    "fewer than": lambda n: [n - 0.5, 0.0],
    "nearly": lambda n: [n - 0.2] if n >= 3 else [],
}


@FUZZ
@given(hedge=st.sampled_from(sorted(DURATION_ADMITS)), n=st.integers(1, 80))
def test_fuzz_duration_hedge_admits_its_values(hedge: str, n: int) -> None:
    """'more than three years' admits 3.5 years; 'fewer than three years' admits 2.5."""
    text = f"The war has lasted {hedge} {n} years."
    qs = [q for q in _extract_fresh(text, None) if q.kind == "duration"]
    assert len(qs) == 1, (text, qs)
    low, high = qs[0].low, qs[0].high
    assert low <= high, (text, low, high)
    for value in DURATION_ADMITS[hedge](n):
        assert low <= value <= high, (text, value, low, high)


@FUZZ
@given(
    name=st.sampled_from(["about", "nearly", "more than", "just over", "at least", "up to", "fewer than"]),
    low=st.floats(0, 1e12),
    width=st.floats(0, 1e6),
    integer=st.booleans(),
)
def test_fuzz_apply_qualifier_interval_is_well_formed(name: str, low: float, width: float, integer: bool) -> None:
    """Any hedge on any stated interval gives low <= high (an empty interval would
    conflict with every value)."""
    if integer:
        low, width = float(round(low)), float(round(width))
    lo, hi = apply_qualifier(name, low, low + width, integer)
    assert lo <= hi, (name, low, width, lo, hi)


# --------------------------------------------------------------------------- regressions found by the fuzzer


def test_regression_nearly_a_small_count_is_not_an_empty_interval() -> None:
    """Found: 'almost 1 drones' gave [0.9, 0] (empty), so it conflicted with everything."""
    assert apply_qualifier("nearly", 5, 5, integer=True) == (4, 4)
    assert apply_qualifier("nearly", 1, 1, integer=True) == (0, 0)
    low, high = _count_interval("Russia launched nearly 5 drones overnight.", "drone")
    assert (low, high) == (4, 4)


def test_regression_just_over_a_small_count_admits_the_next_one() -> None:
    """Found: 'just over 5' gave (6, 5.5], an empty interval."""
    assert _count_interval("Russia launched just over 5 drones overnight.", "drone") == (6, 6)
    assert _count_interval("Russia launched just over 100 drones overnight.", "drone") == (101, pytest.approx(110))


def test_regression_bound_hedges_on_a_rounded_measure_admit_nearby_values() -> None:
    """Found: 'more than 5 km' started at 5.5 km (the rounding edge), so it excluded
    5.2 km; 'fewer than 40%' stopped at 39.5%."""
    (more,) = [q for q in _extract_fresh("The march covered more than 5 km last year.", None) if q.kind == "measure"]
    assert 5000 < more.low <= 5001 and more.high == math.inf
    (fewer,) = [q for q in _extract_fresh("Turnout was fewer than 40% last year.", None) if q.kind == "percent"]
    assert fewer.low == 0 and 39.99 < fewer.high < 40
    (over,) = [q for q in _extract_fresh("Turnout was just over 40% last year.", None) if q.kind == "percent"]
    assert 40 < over.low < 40.01 and over.high == pytest.approx(44.55)
    # floored durations keep their own reading: "fewer than three years" stays below 3
    low, high = apply_floored_qualifier("fewer than", 3, 4 - 1e-9)
    assert low == 0 and 2.999 < high < 3


def test_regression_jsonl_line_with_a_unicode_line_separator_is_one_article() -> None:
    """Found: `str.splitlines` cut a JSONL record at a raw U+2028 (legal inside a JSON
    string), so a valid article became two 'malformed JSON line' problems."""
    line = '{"text": "Officials said 157 drones\u2028were launched overnight."}'
    assert "\u2028" in line
    problems: list[InputProblem] = []
    articles = _read_jsonl(line + "\r\n" + '{"text": "A second article about it."}', "a", "a.jsonl", problems)
    assert problems == []
    assert [a.text for a in articles] == [
        "Officials said 157 drones\u2028were launched overnight.",
        "A second article about it.",
    ]


def test_regression_jsonl_of_only_unicode_whitespace_is_reported(tmp_path: Path) -> None:
    """Found: a .jsonl holding only U+0085 gave no article and no problem: silently lost."""
    odd = tmp_path / "odd.jsonl"
    odd.write_bytes(b"\xc2\x85")
    articles, problems = load_inputs([str(odd)])
    assert articles == []
    assert [(p.path, p.problem) for p in problems] == [(str(odd), "no JSON lines, only whitespace")]


def test_regression_iframe_content_is_not_article_text() -> None:
    """Found: the parser reads what is inside <iframe> as text, so this page gave the
    article '<script></script>'; browsers never show it, so it is dropped."""
    doc = "<!doctype html><body><p><p><iframe><script></script></iframe><p></p></p></p><p></p><p></p>"
    with pytest.raises(_Bad, match="no article text found"):
        _read_html(doc, "a", "a.html")
    page = (
        "<html><body><iframe><p>Fallback says 999 drones were seen.</p></iframe><p>Officials said 157 drones came.</p>"
    )
    assert _read_html(page, "a", "a.html").text == "Officials said 157 drones came."


def test_regression_unclosed_iframe_is_not_article_text() -> None:
    """Found: an <iframe> never closed turned the rest of the page into text
    ('<p></p><script></script>'); a browser shows none of it either."""
    with pytest.raises(_Bad, match="no article text found"):
        _read_html("<!doctype html><body><iframe><p></p><script></script>", "a", "a.html")
    page = "<html><body><p>Officials said 157 drones came.</p><iframe src='x'><p>Fallback 999 drones.</p>"
    assert _read_html(page, "a", "a.html").text == "Officials said 157 drones came."


def test_regression_wrapped_line_join_does_not_bring_back_an_inline_cut() -> None:
    """Found: a line of 40+ characters ending in '(Related: ...)' was joined with the
    next line as wrapped prose, and the joined span covered the removed aside."""
    text = "Officials said 157 drones were launched overnight (Related: Drone war explained)\nacross the country."
    kept = [text[s:e] for s, e in content_spans(text)]
    assert kept == ["Officials said 157 drones were launched overnight", "across the country."]
    fuzzed = "Mr.Mr.Mr.Mr.Mr.Mr.Mr.Mr.a year and a half(Related: x)\nMr."
    assert [fuzzed[s:e] for s, e in content_spans(fuzzed)] == ["Mr.Mr.Mr.Mr.Mr.Mr.Mr.Mr.a year and a half", "Mr."]


def test_regression_html_parser_crash_is_an_input_problem(tmp_path: Path) -> None:
    """Found: `<body><svg><p></p><p></p>` makes htmldate (inside trafilatura) raise
    AssertionError, which escaped `load_inputs` as a traceback."""
    page = tmp_path / "svg.html"
    page.write_text("<body><svg><p></p><p></p>", encoding="utf-8")
    good = tmp_path / "good.txt"
    good.write_text("Officials said 157 drones were launched overnight.\n", encoding="utf-8")
    articles, problems = load_inputs([str(page), str(good)])
    assert [a.path for a in articles] == [str(good)]
    assert [(p.path, p.problem) for p in problems] == [
        (str(page), "the HTML parser failed on this page (AssertionError); save it as .txt instead")
    ]


def test_regression_relative_dates_at_the_ends_of_the_calendar() -> None:
    """Found: 'tomorrow' in a paper dated 9999-12-31 and 'yesterday' in year 1 raised
    OverflowError, 'next year' ValueError; such dates are now skipped, others kept."""
    for text in ("It happened tomorrow.", "It begins next year.", "The strike will begin on Thursday."):
        _extract_fresh(text, date.max)
    for text in ("It happened yesterday.", "It was two years ago.", "It was last Friday."):
        _extract_fresh(text, date.min)
    (yesterday,) = _extract_fresh("It happened yesterday.", date.max)
    assert yesterday.note == "9999-12-30..9999-12-30"
    (old,) = _extract_fresh("It happened yesterday.", date(1850, 6, 1))
    assert old.note == "1850-05-31..1850-05-31"


pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
