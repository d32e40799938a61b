"""GitLab Code Quality report: a JSON array of issues, as `artifacts:reports:codequality` reads it.

One issue per contradiction at claim A, and one per input problem. GitLab needs
`description`, `check_name`, `fingerprint` (unique per issue: the finding's own
stable id, so merge requests show what is new), `severity` and `location.path` with
`location.lines.begin`. Severity follows the gate (`_common.level`): `major` fails it,
`minor` would fail the default gate, `info` is below it; an unreadable input is
`critical`, as it stops the run.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from consistency.reports._common import articles_by_id, level, sorted_findings
from consistency.reports.locations import claim_location_label, claim_region, relative_path
from consistency.types import Report

_SEVERITY = {"error": "major", "warning": "minor", "note": "info"}


def code_quality_issues(report: Report) -> list[dict[str, Any]]:
    lookup = articles_by_id(report)
    failing = frozenset(report.failing)
    issues: list[dict[str, Any]] = []
    for problem in report.problems:
        digest = hashlib.sha256(f"{problem.path}\0{problem.problem}".encode()).hexdigest()
        issues.append(
            {
                "type": "issue",
                "check_name": "consistency/input",
                "description": f"Unreadable input: {problem.problem}",
                "categories": ["Bug Risk"],
                "fingerprint": digest,
                "severity": "critical",
                "location": {"path": relative_path(problem.path) or "<stdin>", "lines": {"begin": problem.line or 1}},
            }
        )
    for finding in sorted_findings(report.findings):
        if finding.verdict != "contradict":
            continue
        article = lookup.get(finding.a.article_id)
        region = claim_region(article, finding.a)
        path = relative_path(article.path) if article is not None else None
        other = claim_location_label(lookup.get(finding.b.article_id), finding.b)
        issues.append(
            {
                "type": "issue",
                "check_name": f"consistency/{finding.kind}",
                "description": f"{finding.explanation} Conflicts with {other}: {finding.b.text}",
                "content": {"body": f"This claim: {finding.a.text}\n\nConflicting claim ({other}): {finding.b.text}"},
                "categories": ["Bug Risk"],
                "fingerprint": finding.id,
                "severity": _SEVERITY[level(finding, failing)],
                "location": {
                    "path": path or "<stdin>",
                    "lines": {"begin": region.start_line, "end": region.end_line or region.start_line},
                },
            }
        )
    return issues


def render(report: Report) -> str:
    return json.dumps(code_quality_issues(report), indent=2, ensure_ascii=False) + "\n"
