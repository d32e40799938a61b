"""Report writers: one module per output format, all pure functions of a Report.

`render(report, fmt)` returns the text; `write_report(report, fmt, path)`
writes it atomically (or prints to stdout when `path` is None, in colour on a
terminal for the "terminal" format). Same Report, same bytes, for every format.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

from consistency.atomic import atomic_write_text
from consistency.reports import html, json_report, junit, markdown, sarif, terminal
from consistency.types import Report

FORMATS: tuple[str, ...] = ("terminal", "markdown", "json", "html", "sarif", "junit")

_RENDERERS: dict[str, Callable[[Report], str]] = {
    "terminal": terminal.render,
    "markdown": markdown.render,
    "json": json_report.render,
    "html": html.render,
    "sarif": sarif.render,
    "junit": junit.render,
}

_SUFFIXES = {
    ".json": "json",
    ".sarif": "sarif",
    ".html": "html",
    ".htm": "html",
    ".md": "markdown",
    ".markdown": "markdown",
    ".xml": "junit",
    ".txt": "terminal",
}


class UnknownFormatError(ValueError):
    """An output format name not in FORMATS."""


def _check(fmt: str) -> str:
    if fmt not in _RENDERERS:
        raise UnknownFormatError(f"unknown report format {fmt!r} (choose from {', '.join(FORMATS)})")
    return fmt


def render(report: Report, fmt: str) -> str:
    """The report in format `fmt` (one of FORMATS) as text."""
    return _RENDERERS[_check(fmt)](report)


def guess_format(path: str | os.PathLike[str]) -> str | None:
    """Format implied by a file name ("out.sarif" -> "sarif"), or None."""
    name = str(path).lower()
    if name.endswith(".sarif.json"):
        return "sarif"
    return _SUFFIXES.get(Path(name).suffix)


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
