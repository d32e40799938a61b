"""SARIF 2.1.0 output, for GitHub code scanning and other SARIF viewers.

One run; one rule per finding kind (CONSISTENCY-NUMERIC, ...); one result per
*contradiction* (agreements are not defects). The primary location is claim
A, claim B is a related location, so both show up in a viewer.

Levels follow the gate: a finding that fails `--fail-on` is an "error"; other
contradictions are a "warning" at or above DEFAULT_FAIL_CONFIDENCE and a
"note" below it. `rank` is the confidence on SARIF's 0-100 scale.

Regions are exact (line and column, end column exclusive, counted in Unicode
code points as `columnKind` declares) when the article text appears verbatim
in its file; otherwise they point at the record's line only.
"""

from __future__ import annotations

import json
import os
from functools import lru_cache
from importlib import metadata
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any
from urllib.parse import quote

from consistency.gate import KINDS
from consistency.reports._common import articles_by_id, level, rounded, sorted_findings
from consistency.reports.locations import claim_region
from consistency.types import Article, Claim, Finding, InputProblem, Report

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
TOOL_NAME = "consistency"
FINGERPRINT_KEY = "consistencyFinding/v1"

_RULE_TEXT = {
    "numeric": "Articles report different numbers for the same quantity.",
    "temporal": "Articles report incompatible dates or durations for the same event.",
    "unit": "Articles report the same measurement with incompatible units or magnitudes.",
    "entity": "Articles attribute the same event to different people, places or organisations.",
    "negation": "One article asserts what the other denies.",
    "quote": "Articles attribute conflicting wording to the same speaker.",
    "nli": "A natural-language inference model judges the two claims contradictory.",
}


def rule_id(kind: str) -> str:
    return f"CONSISTENCY-{kind.upper()}"


@lru_cache(maxsize=1)
def information_uri() -> str | None:
    """The project's home page from the installed package metadata, if declared.

    Read from metadata (pyproject `[project.urls]`) rather than hard-coded so
    the SARIF file never points at a guessed address.
    """
    try:
        meta = metadata.metadata(TOOL_NAME)
    except metadata.PackageNotFoundError:
        return None
    for entry in meta.get_all("Project-URL") or []:
        label, _, url = entry.partition(",")
        if label.strip().lower() in {"homepage", "home", "repository", "source"}:
            url = url.strip()
            if url.startswith(("https://", "http://")):
                return url
    home = meta.get("Home-page")
    return home if home and home.startswith(("https://", "http://")) else None


def artifact_uri(path: str, base: Path | None = None) -> str | None:
    """A URI reference for an input path: relative with forward slashes when possible.

    Absolute paths under `base` (default: the working directory) are made
    relative, as code-scanning services expect paths relative to the checkout;
    other absolute paths become file: URIs. Returns None for "<stdin>".
    """
    if path in ("", "-", "<stdin>"):
        return None
    windows = PureWindowsPath(path)
    if windows.drive and windows.is_absolute():  # C:\\... given on Windows
        return windows.as_uri()
    posix = PurePosixPath(path.replace("\\", "/"))
    if posix.is_absolute():
        root = PurePosixPath((base or Path.cwd()).as_posix())
        try:
            posix = posix.relative_to(root)
        except ValueError:
            return posix.as_uri()
    parts = [p for p in posix.parts if p != "."]
    return quote("/".join(parts) or ".", safe="/")


def _rules() -> list[dict[str, Any]]:
    return [
        {
            "id": rule_id(kind),
            "name": f"{kind.capitalize()}Contradiction",
            "shortDescription": {"text": f"Contradictory claims ({kind})"},
            "fullDescription": {"text": _RULE_TEXT[kind]},
            "help": {
                "text": _RULE_TEXT[kind] + " Check both sources; correct the article, or accept the finding "
                "into the baseline if the difference is intended."
            },
            "defaultConfiguration": {"level": "warning"},
            "properties": {"tags": ["consistency", kind]},
        }
        for kind in KINDS
    ]


def _location(article: Article | None, claim: Claim, message: str, base: Path | None) -> dict[str, Any]:
    location: dict[str, Any] = {}
    uri = artifact_uri(article.path, base) if article is not None else None
    if uri is not None:
        region = claim_region(article, claim)
        sarif_region: dict[str, Any] = {"startLine": region.start_line}
        if region.exact:
            sarif_region.update(
                startColumn=region.start_column,
                endLine=region.end_line,
                endColumn=region.end_column,
                snippet={"text": claim.text},
            )
        location["physicalLocation"] = {
            "artifactLocation": {"uri": uri},
            "region": sarif_region,
        }
    else:
        name = article.path if article is not None else claim.article_id
        location["logicalLocations"] = [{"name": name or "<stdin>", "kind": "module"}]
    location["message"] = {"text": message}
    return location


def _result(finding: Finding, lookup: dict[str, Article], failing: frozenset[str], base: Path | None) -> dict[str, Any]:
    kind = finding.kind if finding.kind in KINDS else "nli"
    a_article = lookup.get(finding.a.article_id)
    b_article = lookup.get(finding.b.article_id)
    b_name = b_article.path if b_article is not None else finding.b.article_id
    primary = _location(a_article, finding.a, f"Claim: {finding.a.text}", base)
    related = _location(b_article, finding.b, f"Conflicting claim in {b_name}: {finding.b.text}", base)
    related = {"id": 1, **related}
    return {
        "ruleId": rule_id(kind),
        "ruleIndex": KINDS.index(kind),
        "level": level(finding, failing),
        "message": {"text": finding.explanation or "Contradictory claims."},
        "locations": [primary],
        "relatedLocations": [related],
        "partialFingerprints": {FINGERPRINT_KEY: finding.id},
        "rank": rounded(min(max(finding.confidence, 0.0), 1.0) * 100, 2),
        "properties": {
            "confidence": rounded(finding.confidence),
            "similarity": rounded(finding.similarity),
            "failing": finding.id in failing,
            "withinArticle": finding.within_article,
            "kind": finding.kind,
        },
    }


def _notification(problem: InputProblem, base: Path | None) -> dict[str, Any]:
    notification: dict[str, Any] = {"level": "error", "message": {"text": problem.problem}}
    uri = artifact_uri(problem.path, base)
    if uri is not None:
        location: dict[str, Any] = {"artifactLocation": {"uri": uri}}
        if problem.line:
            location["region"] = {"startLine": problem.line}
        notification["locations"] = [{"physicalLocation": location}]
    return notification


def sarif_document(report: Report, base: Path | None = None) -> dict[str, Any]:
    """The SARIF log as plain data."""
    lookup = articles_by_id(report)
    failing = frozenset(report.failing)
    driver: dict[str, Any] = {"name": TOOL_NAME, "version": report.tool_version}
    uri = information_uri()
    if uri:
        driver["informationUri"] = uri
    driver["rules"] = _rules()
    contradictions = [f for f in sorted_findings(report.findings) if f.verdict == "contradict"]
    invocation: dict[str, Any] = {"executionSuccessful": True}
    if report.problems:
        invocation["toolExecutionNotifications"] = [_notification(p, base) for p in report.problems]
    return {
        "$schema": SARIF_SCHEMA_URI,
        "version": SARIF_VERSION,
        "runs": [
            {
                "tool": {"driver": driver},
                "invocations": [invocation],
                "columnKind": "unicodeCodePoints",
                "results": [_result(f, lookup, failing, base) for f in contradictions],
                "properties": {
                    "embeddingModel": report.embedding_model,
                    "nliModel": report.nli_model,
                    "failOn": report.fail_on,
                },
            }
        ],
    }


def render(report: Report, base: Path | str | os.PathLike[str] | None = None) -> str:
    """SARIF JSON text. `base` is the folder paths are made relative to."""
    folder = Path(base) if base is not None else None
    return json.dumps(sarif_document(report, folder), indent=2, ensure_ascii=False, allow_nan=False) + "\n"
