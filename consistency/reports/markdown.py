"""Markdown report for pull-request comments, issues and wikis.

Article text is untrusted: a claim like "*all* [victims](x) | 3" must render
as those literal characters, not as emphasis, a link or a broken table. Every
piece of article text goes through `escape` (backslash-escapes, valid for
every ASCII punctuation character in CommonMark/GFM), whitespace is folded to
single spaces so text cannot start a new block, and `|` is escaped for tables.
"""

from __future__ import annotations

import re

from consistency.reports._common import (
    VERDICT_LABEL,
    articles_by_id,
    group_by_pair,
    is_swapped,
    nli_pair,
    oriented,
    pair_title,
    rounded,
    scores_text,
    summary_rows,
    summary_sentence,
)
from consistency.reports.locations import claim_location_label
from consistency.types import Article, Finding, Report

# Significant anywhere in a line: CommonMark inline syntax, GFM's ~ and |,
# GitHub's $ math, & entities, and @/# which GitHub turns into mentions and
# issue links. Other punctuation only matters at the start of a block.
_INLINE = re.compile(r"([\\`*_\[\]{}()<>|~&$!#@])")
_BLOCK_START = re.compile(r"^(\d+(?=[.)])|(?=[-+=]))")
_SPACE = re.compile(r"\s+")


def escape(text: str, *, block_start: bool = False) -> str:
    """Render `text` literally in Markdown, on a single line.

    A backslash before any ASCII punctuation yields that character in
    CommonMark, so escaping is always safe; it is limited to what can matter
    to keep the raw Markdown readable. With `block_start` (text that opens a
    paragraph or list item) a leading "1." / "2)" / "-" / "+" / "=" is escaped
    as well, so it cannot start a list or a heading underline.
    """
    flat = _INLINE.sub(r"\\\1", _SPACE.sub(" ", text).strip())
    if block_start:
        flat = _BLOCK_START.sub(lambda m: m.group(0) + "\\", flat, count=1)
    return flat


def _verdict_heading(index: int, finding: Finding, failing: frozenset[str]) -> str:
    label = VERDICT_LABEL.get(finding.verdict, escape(finding.verdict))
    tail = " - **failing**" if finding.id in failing else ""
    return f"### {index}. {label} ({escape(finding.kind)}), confidence {rounded(finding.confidence, 2):.2f}{tail}"


def _finding_section(
    index: int, finding: Finding, left_id: str, lookup: dict[str, Article], failing: frozenset[str]
) -> list[str]:
    left, right = oriented(finding, left_id, lookup)
    swapped = is_swapped(finding, left_id)
    lines = [_verdict_heading(index, finding, failing), ""]
    for tag, side in (("A", left), ("B", right)):
        where = _code(claim_location_label(side.article, side.claim))
        speaker = f" ({escape(side.claim.speaker)} speaking)" if side.claim.speaker else ""
        lines.append(f"> **{tag}** {where}{speaker}: {escape(side.claim.text)}")
        lines.append(">")
    lines.pop()
    lines += ["", f"**Why:** {escape(finding.explanation)}"]
    if finding.symbolic is not None:
        values = [escape(v) for v in (finding.symbolic.a_value, finding.symbolic.b_value)]
        if swapped:
            values.reverse()
        if any(values):
            lines.append("")
            lines.append(f"**Values:** A: {values[0] or 'n/a'}; B: {values[1] or 'n/a'}")
    scores = nli_pair(finding, swapped)
    if scores is not None:
        lines += [
            "",
            f"**NLI:** A→B {scores_text(scores[0])}; B→A {scores_text(scores[1])}",
        ]
    lines += ["", f"<sub>id `{finding.id}`</sub>", ""]
    return lines


def _code(text: str) -> str:
    """A code span: contents are literal there, only backticks need care."""
    return "`" + " ".join(text.replace("`", "'").split()) + "`"


def _summary_table(report: Report) -> list[str]:
    rows = [(name[0].upper() + name[1:], value) for name, value in summary_rows(report)]
    lines = ["| | |", "| --- | ---: |"]
    lines += [f"| {name} | {value} |" for name, value in rows]
    return lines


def _articles_table(report: Report) -> list[str]:
    lines = ["| Article | Source | Published | Path |", "| --- | --- | --- | --- |"]
    for article in report.articles:
        published = article.published.isoformat() if article.published else ""
        lines.append(
            f"| {escape(article.title) or escape(article.id)} | {escape(article.source)} "
            f"| {escape(published)} | {escape(article.path)} |"
        )
    return lines


def render(report: Report) -> str:
    """The whole Markdown document (GitHub Flavored Markdown)."""
    failing = frozenset(report.failing)
    lookup = articles_by_id(report)
    lines = ["# Consistency report", "", escape(summary_sentence(report), block_start=True), ""]
    lines += [*_summary_table(report), ""]
    if report.articles:
        lines += ["## Articles", "", *_articles_table(report), ""]
    if report.problems:
        lines += ["## Input problems", ""]
        lines += [f"- {escape(p.message(), block_start=True)}" for p in report.problems]
        lines.append("")
    index = 0
    for group in group_by_pair(report):
        lines += [f"## {escape(pair_title(group))}", ""]
        for finding in group.findings:
            index += 1
            lines += _finding_section(index, finding, group.left_id, lookup, failing)
    lines += [
        "---",
        "",
        f"<sub>consistency {escape(report.tool_version)} · embedding "
        f"{escape(report.embedding_model)} · NLI {escape(report.nli_model)}"
        + (f" · gate {escape(report.fail_on)}" if report.fail_on else "")
        + "</sub>",
    ]
    return "\n".join(lines) + "\n"
