"""The JSON report: the machine-readable contract other tools build on.

Its shape is fixed by `consistency/schema/report.schema.json`
(schema_version "2": version 1 plus `evidence` on each claim of a finding,
every version-1 field kept as it was); keys appear in a fixed order, floats are rounded to 4
decimals and findings are sorted (contradictions first, most confident first,
then by id), so the same Report always gives the same bytes. `summary.seconds`
is the only run-dependent value; the CLI's `--no-timing` sets it to 0.
"""

from __future__ import annotations

import json
from typing import Any

from consistency.reports._common import rounded, sorted_findings
from consistency.types import Article, Claim, EvidenceSpan, Finding, InputProblem, NLIScores, Report

SCHEMA_VERSION = "2"
TOOL_NAME = "consistency"


def _article(article: Article) -> dict[str, Any]:
    return {
        "id": article.id,
        "path": article.path,
        "title": article.title,
        "source": article.source,
        "published": article.published.isoformat() if article.published else None,
        "url": article.url,
    }


def _span(span: EvidenceSpan) -> dict[str, Any]:
    return {"kind": span.kind, "start": span.start, "end": span.end, "text": span.text, "value": span.value}


def _claim(claim: Claim, spans: tuple[EvidenceSpan, ...]) -> dict[str, Any]:
    return {
        "article": claim.article_id,
        "text": claim.text,
        "start": claim.start,
        "end": claim.end,
        "speaker": claim.speaker,
        "evidence": [_span(s) for s in sorted(spans, key=lambda s: (s.start, s.end, s.kind))],
    }


def _scores(scores: NLIScores) -> dict[str, float]:
    return {
        "entailment": rounded(scores.entailment),
        "neutral": rounded(scores.neutral),
        "contradiction": rounded(scores.contradiction),
    }


def _finding(finding: Finding, failing: frozenset[str]) -> dict[str, Any]:
    nli = None
    if finding.nli is not None:
        nli = {"a_to_b": _scores(finding.nli.a_to_b), "b_to_a": _scores(finding.nli.b_to_a)}
    symbolic = None
    if finding.symbolic is not None:
        symbolic = {
            "status": finding.symbolic.status,
            "kind": finding.symbolic.kind,
            "explanation": finding.symbolic.explanation,
            "a_value": finding.symbolic.a_value,
            "b_value": finding.symbolic.b_value,
        }
    return {
        "id": finding.id,
        "verdict": finding.verdict,
        "kind": finding.kind,
        "confidence": rounded(finding.confidence),
        "within_article": finding.within_article,
        "similarity": rounded(finding.similarity),
        "failing": finding.id in failing,
        "a": _claim(finding.a, finding.a_spans),
        "b": _claim(finding.b, finding.b_spans),
        "nli": nli,
        "symbolic": symbolic,
        "explanation": finding.explanation,
    }


def _problem(problem: InputProblem) -> dict[str, Any]:
    return {"path": problem.path, "line": problem.line, "problem": problem.problem}


def report_to_dict(report: Report) -> dict[str, Any]:
    """The report as plain JSON-ready data, in contract key order."""
    failing = frozenset(report.failing)
    s = report.summary
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": TOOL_NAME, "version": report.tool_version},
        "models": {"embedding": report.embedding_model, "nli": report.nli_model},
        "articles": [_article(a) for a in report.articles],
        "findings": [_finding(f, failing) for f in sorted_findings(report.findings)],
        "problems": [_problem(p) for p in report.problems],
        "gate": {"fail_on": report.fail_on, "failing": len(failing)},
        "summary": {
            "articles": s.articles,
            "claims": s.claims,
            "candidate_pairs": s.candidate_pairs,
            "contradictions": s.contradictions,
            "agreements": s.agreements,
            "suppressed_by_baseline": s.suppressed_by_baseline,
            "seconds": rounded(s.seconds),
        },
    }


def render(report: Report) -> str:
    """Pretty-printed UTF-8 JSON with a trailing newline.

    `ensure_ascii=False` keeps article text readable; `allow_nan=False` makes
    a stray NaN an error here instead of invalid JSON downstream.
    """
    return json.dumps(report_to_dict(report), indent=2, ensure_ascii=False, allow_nan=False) + "\n"
