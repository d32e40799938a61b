"""Ordering, grouping and wording shared by every report writer.

All writers present findings in the same order so that the terminal, Markdown,
HTML, SARIF and JUnit outputs of one run read alike, and so that output depends
only on the Report's content, never on the order pipeline stages produced it.
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from consistency.gate import DEFAULT_FAIL_CONFIDENCE
from consistency.types import SYMBOLIC_KINDS, Article, Claim, EvidenceSpan, Finding, NLIScores, Report

VERDICT_RANK = {"contradict": 0, "agree": 1, "neutral": 2}
VERDICT_LABEL = {"contradict": "Contradiction", "agree": "Agreement", "neutral": "Neutral"}


def rounded(value: float, digits: int = 4) -> float:
    """Round for output; non-finite values become 0.0 so JSON stays valid."""
    if not math.isfinite(value):
        return 0.0
    result = round(float(value), digits)
    return 0.0 if result == 0 else result  # no "-0.0"


# C0 and C1 control characters but tab and newline: ESC and friends would let an article
# drive the reader's terminal (clear it, retitle it, hide text). One character for one,
# so claim offsets still hold.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def visible(text: str) -> str:
    return _CONTROL.sub("\ufffd", text)


def _visible_copy(value: Any) -> Any:
    if isinstance(value, str):
        return visible(value)
    if isinstance(value, tuple):
        return tuple(_visible_copy(v) for v in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {f.name: _visible_copy(getattr(value, f.name)) for f in dataclasses.fields(value)}
        return dataclasses.replace(value, **changes)
    return value


def for_terminal(report: Report) -> Report:
    """`report` with every control character in its text shown as U+FFFD (terminal formats)."""
    return _visible_copy(report)


def level(finding: Finding, failing: frozenset[str]) -> str:
    """ "error" for a finding that fails the gate; else "warning" at the default gate's confidence, else "note".

    Every CI format maps these three onto its own scale, so they all say the same.
    """
    if finding.id in failing:
        return "error"
    return "warning" if finding.confidence >= DEFAULT_FAIL_CONFIDENCE else "note"


def finding_sort_key(finding: Finding) -> tuple[int, float, str, str, str]:
    """Contradictions first, most confident first, then by id (a total order)."""
    return (
        VERDICT_RANK.get(finding.verdict, len(VERDICT_RANK)),
        -rounded(finding.confidence),
        finding.id,
        finding.a.text,
        finding.b.text,
    )


def sorted_findings(findings: Iterable[Finding]) -> list[Finding]:
    return sorted(findings, key=finding_sort_key)


def articles_by_id(report: Report) -> dict[str, Article]:
    return {article.id: article for article in report.articles}


def article_positions(report: Report) -> dict[str, int]:
    return {article.id: index for index, article in enumerate(report.articles)}


@dataclass(frozen=True)
class Side:
    """One claim of a finding together with its article (None if unknown)."""

    claim: Claim
    article: Article | None

    @property
    def path(self) -> str:
        return self.article.path if self.article is not None else self.claim.article_id

    @property
    def name(self) -> str:
        """Article title if it has one, else its path."""
        if self.article is not None and self.article.title.strip():
            return self.article.title.strip()
        return self.path


@dataclass(frozen=True)
class PairGroup:
    """The findings between one pair of articles (or within one article)."""

    left: Article | None
    right: Article | None
    left_id: str
    right_id: str
    findings: tuple[Finding, ...]

    @property
    def within_article(self) -> bool:
        return self.left_id == self.right_id


def oriented(finding: Finding, left_id: str, lookup: dict[str, Article]) -> tuple[Side, Side]:
    """The finding's two sides, ordered so the left one belongs to `left_id`."""
    a = Side(finding.a, lookup.get(finding.a.article_id))
    b = Side(finding.b, lookup.get(finding.b.article_id))
    return (b, a) if is_swapped(finding, left_id) else (a, b)


def group_by_pair(report: Report) -> list[PairGroup]:
    """Findings grouped by article pair, the most serious group first.

    Within a pair the article given first on the command line is on the left.
    Groups are ordered by their best finding (see `finding_sort_key`).
    """
    positions = article_positions(report)
    lookup = articles_by_id(report)
    buckets: dict[tuple[str, str], list[Finding]] = {}

    def rank(article_id: str) -> tuple[int, str]:
        return (positions.get(article_id, len(positions)), article_id)

    for finding in report.findings:
        ids = sorted((finding.a.article_id, finding.b.article_id), key=rank)
        buckets.setdefault((ids[0], ids[1]), []).append(finding)
    groups = [
        PairGroup(
            left=lookup.get(left),
            right=lookup.get(right),
            left_id=left,
            right_id=right,
            findings=tuple(sorted_findings(items)),
        )
        for (left, right), items in buckets.items()
    ]
    groups.sort(key=lambda g: (finding_sort_key(g.findings[0]), rank(g.left_id), rank(g.right_id)))
    return groups


def article_name(article: Article | None, fallback: str) -> str:
    if article is None:
        return fallback
    return article.title.strip() or article.path


def pair_title(group: PairGroup) -> str:
    """Heading for a pair group, e.g. "BBC report (a.txt) vs Reuters (b.txt)"."""

    def one(article: Article | None, article_id: str) -> str:
        if article is None:
            return article_id
        title = article.title.strip()
        return f"{title} ({article.path})" if title else article.path

    if group.within_article:
        return f"Within {one(group.left, group.left_id)}"
    return f"{one(group.left, group.left_id)} vs {one(group.right, group.right_id)}"


def count_verdicts(findings: Sequence[Finding], verdict: str) -> int:
    return sum(1 for f in findings if f.verdict == verdict)


def summary_rows(report: Report) -> list[tuple[str, int]]:
    """The headline counts every file format shows, in one order (labels in lower case)."""
    s = report.summary
    return [
        ("articles", s.articles),
        ("claims", s.claims),
        ("pairs checked", s.candidate_pairs),
        ("contradictions", count_verdicts(report.findings, "contradict")),
        ("agreements", count_verdicts(report.findings, "agree")),
        ("suppressed by baseline", s.suppressed_by_baseline),
        ("failing the gate", len(report.failing)),
    ]


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    word = singular if count == 1 else (plural_form or singular + "s")
    return f"{count} {word}"


def summary_sentence(report: Report) -> str:
    """One line that says what was checked and what was found."""
    s = report.summary
    contradictions = count_verdicts(report.findings, "contradict")
    if contradictions == 0:
        text = (
            f"No conflicts found in {plural(s.articles, 'article')} "
            f"({plural(s.claims, 'claim')}, {plural(s.candidate_pairs, 'pair')} checked)."
        )
        agreements = count_verdicts(report.findings, "agree")
        if agreements:
            text += f" {plural(agreements, 'agreement')}."
    else:
        text = (
            f"{plural(contradictions, 'contradiction')} and "
            f"{plural(count_verdicts(report.findings, 'agree'), 'agreement')} in "
            f"{plural(s.articles, 'article')} "
            f"({plural(s.claims, 'claim')}, {plural(s.candidate_pairs, 'pair')} checked)."
        )
    if s.suppressed_by_baseline:
        text += f" {s.suppressed_by_baseline} suppressed by baseline."
    if report.fail_on:
        text += f" Gate {report.fail_on}: {len(report.failing)} failing."
    return text


def is_swapped(finding: Finding, left_id: str) -> bool:
    """True when the finding's `b` claim is shown on the left."""
    return finding.a.article_id != left_id and finding.b.article_id == left_id


def nli_pair(finding: Finding, swapped: bool) -> tuple[NLIScores, NLIScores] | None:
    """(left->right, right->left) NLI scores, following the display orientation."""
    if finding.nli is None:
        return None
    if swapped:
        return finding.nli.b_to_a, finding.nli.a_to_b
    return finding.nli.a_to_b, finding.nli.b_to_a


def scores_text(scores: NLIScores) -> str:
    return (
        f"entailment {rounded(scores.entailment, 2):.2f}, "
        f"neutral {rounded(scores.neutral, 2):.2f}, "
        f"contradiction {rounded(scores.contradiction, 2):.2f}"
    )


def nli_line(finding: Finding, swapped: bool = False) -> str | None:
    """Compact NLI scores in display orientation, or None without NLI."""
    pair = nli_pair(finding, swapped)
    if pair is None:
        return None
    return f"A->B {scores_text(pair[0])}; B->A {scores_text(pair[1])}"


def spans_pair(finding: Finding, swapped: bool) -> tuple[tuple[EvidenceSpan, ...], tuple[EvidenceSpan, ...]]:
    """(left spans, right spans), following the display orientation."""
    return (finding.b_spans, finding.a_spans) if swapped else (finding.a_spans, finding.b_spans)


def differing_values(finding: Finding, swapped: bool = False) -> tuple[str, str] | None:
    """What the two claims say that the verdict compared, left then right ("157 drone (launch)", "150 ...").

    The symbolic layer's normalized values when the verdict rests on it, else
    the evidence spans' values; None when the verdict rests on whole sentences.
    """
    if finding.symbolic is not None and finding.kind in SYMBOLIC_KINDS:
        a, b = finding.symbolic.a_value, finding.symbolic.b_value
    elif finding.a_spans or finding.b_spans:
        a, b = (", ".join(s.value or s.text for s in spans) for spans in (finding.a_spans, finding.b_spans))
    else:
        return None
    left, right = (b, a) if swapped else (a, b)
    return (left or "-", right or "-")
