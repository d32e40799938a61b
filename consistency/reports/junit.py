"""JUnit XML, for CI systems that display test results (Jenkins, GitLab, ...).

One <testsuite name="consistency">; one <testcase> per contradiction, whose
classname is the article pair so viewers group them; a <failure> for each
finding that fails the `--fail-on` gate (contradictions below the gate pass,
and their explanation is kept in <system-out>). Input problems are <error>
test cases. A run with no contradictions still has one passing test case, as
some CI systems treat an empty suite as an error.

XML escaping is done by ElementTree; characters that XML 1.0 cannot carry at
all (most C0 control characters, lone surrogates) are replaced by U+FFFD.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from consistency.reports._common import (
    articles_by_id,
    group_by_pair,
    is_swapped,
    nli_line,
    oriented,
    pair_title,
    rounded,
    summary_sentence,
)
from consistency.reports.locations import claim_location_label
from consistency.reports.sarif import rule_id
from consistency.types import Article, Finding, Report

SUITE_NAME = "consistency"
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: str) -> str:
    """`text` with characters XML 1.0 forbids replaced, so the file always parses."""
    return _NOT_XML.sub("\ufffd", text)


def _details(finding: Finding, left_id: str, lookup: dict[str, Article]) -> str:
    left, right = oriented(finding, left_id, lookup)
    lines = [
        f"{finding.verdict} ({finding.kind}), confidence {rounded(finding.confidence, 2):.2f}",
        f"A {claim_location_label(left.article, left.claim)}: {left.claim.text}",
        f"B {claim_location_label(right.article, right.claim)}: {right.claim.text}",
        f"Why: {finding.explanation}",
    ]
    nli = nli_line(finding, is_swapped(finding, left_id))
    if nli:
        lines.append(f"NLI {nli}")
    lines.append(f"id {finding.id}")
    return "\n".join(lines)


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, {k: xml_text(v) for k, v in attrs.items()})
    if text is not None:
        element.text = xml_text(text)
    return element


def render(report: Report) -> str:
    """The JUnit XML document."""
    failing = frozenset(report.failing)
    lookup = articles_by_id(report)
    suite = ET.Element("testsuite", {"name": SUITE_NAME})
    properties = ET.SubElement(suite, "properties")
    for name, value in (
        ("tool.version", report.tool_version),
        ("model.embedding", report.embedding_model),
        ("model.nli", report.nli_model),
        ("fail_on", report.fail_on),
    ):
        _sub(properties, "property", name=name, value=value)
    tests = failures = errors = 0
    for problem in report.problems:
        case = _sub(suite, "testcase", classname="input", name=problem.path)
        _sub(case, "error", problem.message(), message=problem.problem, type="InputProblem")
        tests += 1
        errors += 1
    for group in group_by_pair(report):
        for finding in group.findings:
            if finding.verdict != "contradict":
                continue
            case = _sub(
                suite,
                "testcase",
                classname=pair_title(group),
                name=f"{finding.kind} contradiction {finding.id}",
            )
            details = _details(finding, group.left_id, lookup)
            if finding.id in failing:
                _sub(
                    case,
                    "failure",
                    details,
                    message=finding.explanation,
                    type=rule_id(finding.kind),
                )
                failures += 1
            else:
                _sub(case, "system-out", details)
            tests += 1
    if tests == 0:
        case = _sub(suite, "testcase", classname=SUITE_NAME, name="no contradictions")
        _sub(case, "system-out", summary_sentence(report))
        tests = 1
    suite.set("tests", str(tests))
    suite.set("failures", str(failures))
    suite.set("errors", str(errors))
    suite.set("skipped", "0")
    suite.set("time", f"{rounded(report.summary.seconds, 3):.3f}")
    ET.indent(suite)
    body = ET.tostring(suite, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"
