"""Terminal report: rich tables grouped by article pair, most serious first.

Article text is always wrapped in `rich.text.Text`, never interpolated into
console markup, so a claim such as "[bold]x[/bold]" prints literally. Colour
is decoration only: every verdict is also spelled out, so the report reads the
same in a CI log without colour. The evidence spans (the values the verdict
compared) are highlighted in each claim; piped, that is plain text too.
"""

from __future__ import annotations

import io

from rich import box
from rich.console import Console, Group, RenderableType
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from consistency.reports._common import (
    VERDICT_LABEL,
    articles_by_id,
    count_verdicts,
    for_terminal,
    group_by_pair,
    is_swapped,
    nli_line,
    oriented,
    pair_title,
    plural,
    rounded,
    spans_pair,
    summary_sentence,
)
from consistency.reports.locations import claim_location_label
from consistency.types import Claim, EvidenceSpan, Finding, Report

DEFAULT_WIDTH = 100
VERDICT_STYLE = {"contradict": "bold red", "agree": "green", "neutral": "dim"}
SPAN_STYLE = {"contradict": "bold yellow underline", "agree": "bold green underline", "neutral": "bold"}


def _verdict_cell(finding: Finding, failing: frozenset[str]) -> Text:
    text = Text(VERDICT_LABEL.get(finding.verdict, finding.verdict), VERDICT_STYLE.get(finding.verdict, ""))
    text.append(f"\n{finding.kind}\n{rounded(finding.confidence, 2):.2f}")
    if finding.id in failing:
        text.append("\nFAILING", "bold white on red")
    return text


def squash(text: str) -> tuple[str, list[int]]:
    """`text` with whitespace runs made one space and the ends trimmed, and each kept character's old offset."""
    chars: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        if char.isspace():
            if chars and chars[-1] != " ":
                chars.append(" ")
                origin.append(index)
            continue
        chars.append(char)
        origin.append(index)
    while chars and chars[-1] == " ":
        chars.pop()
        origin.pop()
    return "".join(chars), origin


def _claim_cell(label: str, claim: Claim, spans: tuple[EvidenceSpan, ...], style: str) -> Text:
    text, origin = squash(claim.text)
    cell = Text(text)
    for span in spans:
        start, end = span.start - claim.start, span.end - claim.start
        kept = [i for i, old in enumerate(origin) if start <= old < end]
        if kept:
            cell.stylize(style, kept[0], kept[-1] + 1)
    cell.append(f"\n{label}", "dim")
    return cell


def _why_cell(finding: Finding, swapped: bool) -> Text:
    cell = Text(finding.explanation)
    nli = nli_line(finding, swapped)
    if nli:
        cell.append(f"\nNLI {nli}", "dim")
    cell.append(f"\nid {finding.id}", "dim")
    return cell


def renderables(report: Report, *, ascii_only: bool = True) -> list[RenderableType]:
    """The report as rich renderables (shared by `render` and `print_report`)."""
    report = for_terminal(report)  # no control character of an article reaches the terminal
    lookup = articles_by_id(report)
    failing = frozenset(report.failing)
    table_box = box.ASCII2 if ascii_only else box.ROUNDED
    out: list[RenderableType] = [
        Text(
            f"consistency {report.tool_version} | embedding: {report.embedding_model} | NLI: {report.nli_model}",
            "dim",
        )
    ]
    for group in group_by_pair(report):
        counts = [
            plural(count_verdicts(group.findings, "contradict"), "contradiction"),
            plural(count_verdicts(group.findings, "agree"), "agreement"),
        ]
        out.append(Rule(Text(f"{pair_title(group)}: {', '.join(counts)}"), characters="-" if ascii_only else "─"))
        table = Table(box=table_box, show_lines=True, expand=True, pad_edge=False)
        table.add_column("Verdict", no_wrap=True, width=13)
        table.add_column("Claim A", ratio=3)
        table.add_column("Claim B", ratio=3)
        table.add_column("Why", ratio=3)
        for finding in group.findings:
            left, right = oriented(finding, group.left_id, lookup)
            swapped = is_swapped(finding, group.left_id)
            left_spans, right_spans = spans_pair(finding, swapped)
            style = SPAN_STYLE.get(finding.verdict, "bold")
            table.add_row(
                _verdict_cell(finding, failing),
                _claim_cell(claim_location_label(left.article, left.claim), left.claim, left_spans, style),
                _claim_cell(claim_location_label(right.article, right.claim), right.claim, right_spans, style),
                _why_cell(finding, swapped),
            )
        out.append(table)
    if report.problems:
        problems = Text("Input problems:", "bold yellow")
        for problem in report.problems:
            problems.append(f"\n  {problem.message()}")
        out.append(problems)
    has_conflicts = count_verdicts(report.findings, "contradict") > 0
    out.append(
        Text(summary_sentence(report), "bold red" if report.failing else ("bold" if has_conflicts else "bold green"))
    )
    return out


def render(report: Report, width: int = DEFAULT_WIDTH) -> str:
    """Plain text (no colour, ASCII boxes) at a fixed width: deterministic bytes."""
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=width,
        color_system=None,
        force_terminal=False,
        force_jupyter=False,
        force_interactive=False,
        no_color=True,
        legacy_windows=False,
        highlight=False,
        markup=False,
        emoji=False,
        soft_wrap=False,
    )
    console.print(Group(*renderables(report, ascii_only=True)))
    return "\n".join(line.rstrip() for line in buffer.getvalue().splitlines()) + "\n"


def print_report(report: Report, console: Console | None = None) -> None:
    """Print to a real console: colour and Unicode boxes only on a terminal."""
    console = console or Console(highlight=False, markup=False, emoji=False)
    console.print(Group(*renderables(report, ascii_only=not console.is_terminal)))
