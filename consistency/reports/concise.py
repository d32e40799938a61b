"""The concise format: one line per finding, like ruff's default output.

    news/a.md:4:3: contradict numeric 0.93 "157 drone (launch)" vs "150 drone (launch)" [news/b.txt:7:1]

Why: the full table is for reading; this is for scanning a long run, for grep,
and for editors that jump to `path:line:col`. Claim A (the one in the article
given first) leads, so the line opens at it; claim B's location follows in
brackets. The values are the ones the verdict compared (see
`_common.differing_values`), else the start of each claim. Plain text, no
colour, whitespace collapsed so that a finding never spans two lines.
"""

from __future__ import annotations

from consistency.reports._common import (
    article_positions,
    articles_by_id,
    differing_values,
    for_terminal,
    is_swapped,
    oriented,
    rounded,
    sorted_findings,
    summary_sentence,
)
from consistency.reports.locations import claim_location_label
from consistency.types import Finding, Report

EXCERPT_CHARS = 48


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _quoted(text: str, limit: int | None = None) -> str:
    text = _one_line(text)
    if limit is not None and len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _left_id(finding: Finding, positions: dict[str, int]) -> str:
    """The finding's article that came first on the command line (as every other format orients it)."""
    ids = (finding.a.article_id, finding.b.article_id)
    return min(ids, key=lambda i: (positions.get(i, len(positions)), i))


def finding_line(finding: Finding, report: Report) -> str:
    lookup = articles_by_id(report)
    left_id = _left_id(finding, article_positions(report))
    left, right = oriented(finding, left_id, lookup)
    values = differing_values(finding, is_swapped(finding, left_id))
    if values is not None:
        shown = f"{_quoted(values[0])} vs {_quoted(values[1])}"
    else:
        shown = f"{_quoted(left.claim.text, EXCERPT_CHARS)} vs {_quoted(right.claim.text, EXCERPT_CHARS)}"
    failing = " FAILING" if finding.id in report.failing else ""
    return (
        f"{_one_line(claim_location_label(left.article, left.claim))}: {finding.verdict} {finding.kind} "
        f"{rounded(finding.confidence, 2):.2f}{failing} {shown} "
        f"[{_one_line(claim_location_label(right.article, right.claim))}]"
    )


def render(report: Report) -> str:
    """Problems first (as `path:line: problem`), then one line per finding, then the summary sentence."""
    report = for_terminal(report)  # no control character of an article reaches the terminal
    lines = [_one_line(problem.message()) for problem in report.problems]
    lines += [finding_line(finding, report) for finding in sorted_findings(report.findings)]
    lines.append(summary_sentence(report))
    return "\n".join(lines) + "\n"
