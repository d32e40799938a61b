"""GitHub Actions workflow commands: one annotation per contradiction, on claim A's lines.

A step that runs `consistency check --format github` shows each contradiction in the
pull request's diff and the run's summary, as ruff's `--output-format github` does.
The level follows the gate (`_common.level`): `error` fails it, `warning` would fail
the default gate, `notice` is below it. Input problems are `error` annotations on
their file. Values are escaped as the runner unescapes them: in the message `%`, CR
and LF; in a property also `:` and `,`.
"""

from __future__ import annotations

from consistency.reports._common import articles_by_id, level, sorted_findings
from consistency.reports.locations import claim_location_label, claim_region, relative_path
from consistency.types import Report

_COMMAND = {"error": "error", "warning": "warning", "note": "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _command(name: str, properties: dict[str, str | int | None], message: str) -> str:
    props = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items() if value is not None)
    return f"::{name}{' ' + props if props else ''}::{escape_data(message)}"


def render(report: Report) -> str:
    lookup = articles_by_id(report)
    failing = frozenset(report.failing)
    lines = []
    for problem in report.problems:
        lines.append(_command("error", {"file": relative_path(problem.path), "line": problem.line}, problem.problem))
    for finding in sorted_findings(report.findings):
        if finding.verdict != "contradict":
            continue
        article = lookup.get(finding.a.article_id)
        other = lookup.get(finding.b.article_id)
        region = claim_region(article, finding.a)
        file = relative_path(article.path) if article is not None else None
        properties: dict[str, str | int | None] = {
            "file": file,
            "line": region.start_line if file else None,
            "endLine": region.end_line if file and region.exact else None,
            "col": region.start_column if file and region.exact and region.end_line == region.start_line else None,
            "endColumn": region.end_column if file and region.exact and region.end_line == region.start_line else None,
            "title": f"consistency: {finding.kind} contradiction ({finding.confidence:.2f})",
        }
        message = (
            f"{finding.explanation}\n"
            f"This claim: {finding.a.text}\n"
            f"Conflicts with {claim_location_label(other, finding.b)}: {finding.b.text}\n"
            f"Finding {finding.id}"
        )
        lines.append(_command(_COMMAND[level(finding, failing)], properties, message))
    return "".join(line + "\n" for line in lines)
