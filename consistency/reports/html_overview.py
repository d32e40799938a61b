"""The HTML report's overview (where the contradictions are) and its toolbar (how to get to them).

The matrix answers "which outlets disagree, and how much" before any card is
read; each non-zero cell links to that pair's findings. The toolbar starts
`hidden`: its controls need the page script, so a reader without script sees
no dead controls.
"""

from __future__ import annotations

from html import escape as _escape
from pathlib import PurePosixPath

from consistency.reports._common import VERDICT_LABEL, VERDICT_RANK, article_positions
from consistency.types import FINDING_KINDS, Article, Report

SHORT_NAME_CHARS = 28


def _esc(text: object) -> str:
    return _escape(str(text), quote=True)


def short_name(article: Article) -> str:
    """A column-sized name: the source, else the title, else the file name."""
    name = article.source.strip() or article.title.strip() or PurePosixPath(article.path.replace("\\", "/")).name
    return name if len(name) <= SHORT_NAME_CHARS else name[: SHORT_NAME_CHARS - 1].rstrip() + "…"


def pair_anchor(left_id: str, right_id: str, positions: dict[str, int]) -> str:
    """The id of a pair's section; by article position so any article id is safe in it."""
    ends = sorted(str(positions.get(i, i)) for i in (left_id, right_id))
    return f"pair-{ends[0]}-{ends[1]}"


def _matrix(report: Report) -> str:
    positions = article_positions(report)
    counts: dict[tuple[int, int], int] = {}
    for finding in report.findings:
        if finding.verdict != "contradict":
            continue
        i, j = positions.get(finding.a.article_id), positions.get(finding.b.article_id)
        if i is None or j is None:
            continue
        key = (min(i, j), max(i, j))
        counts[key] = counts.get(key, 0) + 1
    names = [short_name(a) for a in report.articles]
    head = "".join(
        f'<th scope="col" title="{_esc(a.path)}">{_esc(n)}</th>' for a, n in zip(report.articles, names, strict=True)
    )
    rows = []
    for i, article in enumerate(report.articles):
        cells = []
        for j in range(len(report.articles)):
            count = counts.get((min(i, j), max(i, j)), 0)
            if count:
                anchor = f"pair-{min(i, j)}-{max(i, j)}"
                label = f"{count} contradiction{'s' if count != 1 else ''}: {names[i]} and {names[j]}"
                cells.append(f'<td class="hot"><a href="#{anchor}" aria-label="{_esc(label)}">{count}</a></td>')
            else:
                cells.append('<td class="zero">&middot;</td>')
        rows.append(f'<tr><th scope="row" title="{_esc(article.path)}">{_esc(names[i])}</th>{"".join(cells)}</tr>')
    return (
        '<div class="panel"><h3>Contradictions between articles</h3>'
        f'<table class="matrix"><thead><tr><td></td>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'
        '<p class="muted">The diagonal counts contradictions within one article.</p></div>'
    )


def _verdicts(report: Report) -> list[str]:
    return sorted({f.verdict for f in report.findings}, key=lambda v: VERDICT_RANK.get(v, len(VERDICT_RANK)))


def _kinds(report: Report) -> list[str]:
    order = {k: n for n, k in enumerate(FINDING_KINDS)}
    return sorted({f.kind for f in report.findings}, key=lambda k: (order.get(k, len(order)), k))


def _kind_table(report: Report) -> str:
    verdicts = _verdicts(report)
    head = "".join(f'<th scope="col">{_esc(VERDICT_LABEL.get(v, v))}</th>' for v in verdicts)
    rows = "".join(
        f'<tr><th scope="row">{_esc(kind)}</th>'
        + "".join(
            f"<td>{sum(1 for f in report.findings if f.kind == kind and f.verdict == v) or '&middot;'}</td>"
            for v in verdicts
        )
        + "</tr>"
        for kind in _kinds(report)
    )
    return (
        '<div class="panel"><h3>Findings by kind</h3>'
        f'<table class="matrix kinds"><thead><tr><td></td>{head}</tr></thead><tbody>{rows}</tbody></table></div>'
    )


def overview(report: Report) -> str:
    return f'<section class="overview" aria-label="Overview">{_matrix(report)}{_kind_table(report)}</section>'


def _select(id_: str, label: str, options: list[tuple[str, str]]) -> str:
    items = "".join(f'<option value="{_esc(v)}">{_esc(text)}</option>' for v, text in options)
    return f'<label for="{id_}">{label}</label><select id="{id_}">{items}</select>'


def toolbar(report: Report) -> str:
    """Search, filters (verdict, kind, article, confidence, triage state) and the baseline export."""
    verdicts = [("", "all")] + [(v, VERDICT_LABEL.get(v, v)) for v in _verdicts(report)]
    kinds = [("", "all")] + [(k, k) for k in _kinds(report)]
    articles = [("", "all")] + [(str(i), short_name(a)) for i, a in enumerate(report.articles)]
    triage = [("", "all"), ("open", "not triaged"), ("confirmed", "confirmed"), ("dismissed", "dismissed")]
    return (
        '<div class="toolbar" id="toolbar" role="search" hidden>'
        '<label for="f-search">Search</label>'
        '<input type="search" id="f-search" placeholder="words in claims or reasons" autocomplete="off">'
        + _select("f-verdict", "Verdict", verdicts)
        + _select("f-kind", "Kind", kinds)
        + _select("f-article", "Article", articles)
        + '<label for="f-conf">Confidence &ge;</label>'
        '<input type="range" id="f-conf" min="0" max="1" step="0.05" value="0"><output id="f-conf-out" '
        'for="f-conf">0.00</output>'
        + _select("f-triage", "Triage", triage)
        + '<button type="button" id="f-export" title="Download the dismissed contradictions as a file for '
        '--baseline (merge it with any baseline you already use)">Export dismissed as baseline</button>'
        '<span class="count" id="f-count" aria-live="polite"></span></div>'
        '<p class="keys" id="keys" hidden><kbd>/</kbd> search &middot; <kbd>j</kbd>/<kbd>k</kbd> next/previous '
        "finding &middot; <kbd>c</kbd> confirm &middot; <kbd>d</kbd> dismiss (press again to undo) &middot; "
        "triage is kept in this browser</p>"
    )
