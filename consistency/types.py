"""Typed records passed between pipeline stages.

Every stage takes and returns these frozen dataclasses, so stages stay pure and
testable on their own, and the report writers never reach back into the models.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal, get_args

Verdict = Literal["contradict", "agree", "neutral"]
FindingKind = Literal["numeric", "temporal", "unit", "entity", "negation", "quote", "nli"]
FINDING_KINDS: tuple[str, ...] = get_args(FindingKind)
SymbolicKind = Literal["numeric", "temporal", "unit"]  # the kinds the numbers/dates layer decides
SYMBOLIC_KINDS: tuple[str, ...] = get_args(SymbolicKind)
# What an evidence span is: the parts of a claim a verdict rests on.
SpanKind = Literal["number", "duration", "date", "time", "unit", "name", "negation"]
SPAN_KINDS: tuple[str, ...] = get_args(SpanKind)


@dataclass(frozen=True)
class Article:
    """One article as read from disk; `text` is kept exactly as in the file."""

    id: str
    path: str  # file path as given by the user, or "<stdin>"
    text: str
    title: str = ""
    source: str = ""
    published: date | None = None
    url: str | None = None
    # Where `text` starts in the file (1-based line and column) when the text
    # appears there verbatim (txt/md). For json/jsonl/html the text is encoded
    # or extracted, so locations point at `record_line` instead.
    text_line: int | None = None
    text_column: int = 1
    record_line: int = 1


@dataclass(frozen=True)
class InputProblem:
    """A user error in one input: reported, never a traceback."""

    path: str
    problem: str
    line: int | None = None

    def message(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.problem}"


@dataclass(frozen=True)
class Claim:
    """A check-worthy sentence; `text == article.text[start:end]` always."""

    article_id: str
    index: int  # position among the article's claims
    text: str
    start: int
    end: int
    # Reported speech: who is speaking ("Vladimir Putin", "police") and the
    # span of what they are reported to say, when the sentence is attributed.
    speaker: str | None = None
    content_start: int | None = None
    content_end: int | None = None

    @property
    def id(self) -> str:
        return f"{self.article_id}#{self.index}"

    @property
    def attributed(self) -> bool:
        return self.speaker is not None


@dataclass(frozen=True)
class CandidatePair:
    """Two claims close enough in embedding space to be worth an NLI call."""

    a: Claim
    b: Claim
    similarity: float
    # "embedding": a nearest neighbour above the similarity floor; "quantity": a
    # looser neighbour kept because both claims carry numbers or dates, scored
    # only if the symbolic layer finds they measure the same thing.
    via: Literal["embedding", "quantity"] = "embedding"

    @property
    def within_article(self) -> bool:
        return self.a.article_id == self.b.article_id


@dataclass(frozen=True)
class NLIScores:
    entailment: float
    neutral: float
    contradiction: float

    def as_dict(self) -> dict[str, float]:
        return {
            "entailment": self.entailment,
            "neutral": self.neutral,
            "contradiction": self.contradiction,
        }


@dataclass(frozen=True)
class PairNLI:
    a_to_b: NLIScores  # premise a, hypothesis b
    b_to_a: NLIScores


@dataclass(frozen=True)
class SymbolicCheck:
    """What the numbers/dates layer concluded about a pair of claims.

    `status` is "conflict" when both claims measure the same thing and their
    values cannot both hold, "match" when they measure the same thing and agree.
    Pairs with nothing comparable produce no SymbolicCheck at all.
    """

    status: Literal["conflict", "match"]
    kind: SymbolicKind
    explanation: str
    confidence: float
    a_value: str = ""  # human-readable normalized value, e.g. "157 drones (launched)"
    b_value: str = ""


@dataclass(frozen=True)
class EvidenceSpan:
    """A part of a claim the verdict rests on, so reports can point at it.

    Offsets are into the article text (like `Claim.start`), so
    `article.text[start:end] == text`; `value` is the symbolic layer's
    normalized reading ("157 drone (launch)"), "" where it has none.
    """

    kind: SpanKind
    start: int
    end: int
    text: str
    value: str = ""


@dataclass(frozen=True)
class Finding:
    id: str  # stable fingerprint, see consistency.fingerprint
    verdict: Verdict
    kind: str
    confidence: float
    a: Claim
    b: Claim
    similarity: float
    explanation: str
    nli: PairNLI | None = None
    symbolic: SymbolicCheck | None = None
    # The evidence in each claim, sorted by offset (see consistency.evidence).
    a_spans: tuple[EvidenceSpan, ...] = ()
    b_spans: tuple[EvidenceSpan, ...] = ()

    @property
    def within_article(self) -> bool:
        return self.a.article_id == self.b.article_id


@dataclass(frozen=True)
class Summary:
    articles: int
    claims: int
    candidate_pairs: int
    contradictions: int
    agreements: int
    seconds: float
    suppressed_by_baseline: int = 0


@dataclass(frozen=True)
class Report:
    """Everything a report writer needs; writers must not compute verdicts."""

    tool_version: str
    embedding_model: str
    nli_model: str
    articles: tuple[Article, ...]
    findings: tuple[Finding, ...]
    summary: Summary
    problems: tuple[InputProblem, ...] = field(default_factory=tuple)
    fail_on: str = ""
    failing: tuple[str, ...] = field(default_factory=tuple)  # ids of findings that fail the gate
