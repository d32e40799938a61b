"""Report writers: one module per output format, all pure functions of a Report.

`render(report, fmt)` returns the text; `write_report(report, fmt, path)`
writes it atomically (or prints to stdout when `path` is None, in colour on a
terminal for the "terminal" format). Same Report, same bytes, for every format.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import dataclass

from consistency.atomic import atomic_write_text
from consistency.reports import concise, github, gitlab, html, json_report, junit, markdown, sarif, terminal
from consistency.types import Report


@dataclass(frozen=True)
class ReportFormat:
    """One output format: the CLI derives its choices, help and suffix guessing from these."""

    name: str
    render: Callable[[Report], str]
    suffixes: tuple[str, ...]  # the first one names default output files
    description: str
    stdout: bool = False  # written to stdout when no --output is given (else reports/consistency.SUFFIX)


REPORT_FORMATS: dict[str, ReportFormat] = {
    f.name: f
    for f in (
        ReportFormat("terminal", terminal.render, (".txt",), "a table for people (colour on a terminal)", stdout=True),
        ReportFormat("markdown", markdown.render, (".md", ".markdown"), "for pull requests and wikis"),
        ReportFormat("json", json_report.render, (".json",), "machine-readable, with a JSON Schema"),
        ReportFormat("html", html.render, (".html", ".htm"), "one self-contained page"),
        ReportFormat("sarif", sarif.render, (".sarif", ".sarif.json"), "SARIF 2.1.0 for code-scanning tools"),
        ReportFormat("junit", junit.render, (".xml",), "JUnit XML for CI test views"),
        ReportFormat("github", github.render, (".github.txt",), "GitHub Actions annotations", stdout=True),
        ReportFormat("gitlab", gitlab.render, (".codequality.json",), "GitLab Code Quality JSON"),
        ReportFormat("concise", concise.render, (".concise.txt",), "one line per finding, like ruff", stdout=True),
    )
}
FORMATS: tuple[str, ...] = tuple(REPORT_FORMATS)
# (suffix, format), longest suffix first so ".sarif.json" wins over ".json"
_BY_SUFFIX = sorted(((s, f.name) for f in REPORT_FORMATS.values() for s in f.suffixes), key=lambda x: -len(x[0]))


class UnknownFormatError(ValueError):
    """An output format name not in FORMATS."""


def _check(fmt: str) -> str:
    if fmt not in REPORT_FORMATS:
        raise UnknownFormatError(f"unknown report format {fmt!r} (choose from {', '.join(FORMATS)})")
    return fmt


def render(report: Report, fmt: str) -> str:
    """The report in format `fmt` (one of FORMATS) as text."""
    return REPORT_FORMATS[_check(fmt)].render(report)


def guess_format(path: str | os.PathLike[str]) -> str | None:
    """Format implied by a file name ("out.sarif" -> "sarif"), or None."""
    name = str(path).lower()
    return next((fmt for suffix, fmt in _BY_SUFFIX if name.endswith(suffix)), None)


def write_report(report: Report, fmt: str, path: str | os.PathLike[str] | None) -> None:
    """Write the report to `path` atomically, or to stdout when `path` is None.

    On stdout the terminal format uses colour and Unicode boxes when stdout is
    a terminal; every other format (and the terminal format when piped) is
    exactly `render(report, fmt)`.
    """
    _check(fmt)
    if path is None or str(path) == "-":
        if fmt == "terminal" and sys.stdout.isatty():
            terminal.print_report(report)
        else:
            sys.stdout.write(render(report, fmt))
            sys.stdout.flush()
        return
    atomic_write_text(path, render(report, fmt))


__all__ = ["FORMATS", "UnknownFormatError", "guess_format", "render", "write_report"]
