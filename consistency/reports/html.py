"""Self-contained HTML report: a fact-checker's workbench in one file, no network.

What a reader sees first: the summary, an overview (articles x articles matrix
of contradiction counts, counts by kind), then a toolbar (search, filters,
baseline export) over the findings. Each finding shows what differs (the
evidence spans, highlighted, with normalized values beside them), the sentence
before and after each claim, and the full article with the claim marked.

Every string that comes from an article or a model goes through `html.escape`
(quotes included, so it is safe in attributes too). The page carries a
Content-Security-Policy that allows exactly one inline script, by hash (see
`html_assets`), and forbids every external load, so a missed escape could not
run code or phone home. Without the script the page still reads in full; the
script only adds filtering and triage. Article URLs are links only when they
are plain http(s) URLs.
"""

from __future__ import annotations

from html import escape as _escape

from consistency.reports._common import (
    VERDICT_LABEL,
    Side,
    article_positions,
    articles_by_id,
    differing_values,
    group_by_pair,
    is_swapped,
    nli_pair,
    oriented,
    pair_title,
    rounded,
    spans_pair,
    summary_rows,
    summary_sentence,
)
from consistency.reports.context import sentence_after, sentence_before
from consistency.reports.html_assets import CSP, CSS, SCRIPT
from consistency.reports.html_overview import overview, pair_anchor, toolbar
from consistency.reports.locations import claim_location_label
from consistency.types import Article, EvidenceSpan, Finding, NLIScores, Report


def esc(text: object) -> str:
    """Escape anything for HTML text or a double-quoted attribute."""
    return _escape(str(text), quote=True)


def _percent(value: float) -> str:
    return f"{rounded(min(max(value, 0.0), 1.0), 2) * 100:.0f}"


def highlighted(text: str, offset: int, spans: tuple[EvidenceSpan, ...]) -> str:
    """`text` (which starts at article offset `offset`) escaped, with each evidence span in a <mark>.

    The normalized value rides in `data-value` and is drawn by CSS, so the
    element's textContent stays exactly the claim text (the baseline export reads it).
    """
    out: list[str] = []
    at = 0
    for span in sorted(spans, key=lambda s: s.start):
        start, end = span.start - offset, span.end - offset
        if start < at or end > len(text) or start >= end:
            continue  # not inside this text, or overlapping: leave it unmarked
        value = f' data-value="{esc(span.value)}"' if span.value and span.value != span.text else ""
        out.append(esc(text[at:start]))
        out.append(
            f'<mark class="ev ev-{esc(span.kind)}" title="{esc(span.kind)}: {esc(span.value or span.text)}"'
            f"{value}>{esc(text[start:end])}</mark>"
        )
        at = end
    out.append(esc(text[at:]))
    return "".join(out)


def _context(side: Side) -> tuple[str, str]:
    if side.article is None or side.article.text[side.claim.start : side.claim.end] != side.claim.text:
        return "", ""
    text = side.article.text
    before = sentence_before(text, side.claim.start)
    after = sentence_after(text, side.claim.end)
    return (
        f'<p class="ctx">&hellip; {esc(text[before[0] : before[1]])}</p>' if before else "",
        f'<p class="ctx">{esc(text[after[0] : after[1]])} &hellip;</p>' if after else "",
    )


def _full_article(side: Side) -> str:
    article, claim = side.article, side.claim
    if article is None or article.text[claim.start : claim.end] != claim.text:
        return ""
    text = article.text
    marked = (
        f"{esc(text[: claim.start])}<mark>{esc(claim.text)}</mark>{esc(text[claim.end :])}"
        if claim.end > claim.start
        else esc(text)
    )
    return f'<details class="full"><summary>Full article</summary><div class="fulltext">{marked}</div></details>'


def _claim(tag: str, side: Side, original: str, spans: tuple[EvidenceSpan, ...]) -> str:
    where = esc(claim_location_label(side.article, side.claim))
    speaker = f" &middot; {esc(side.claim.speaker)} speaking" if side.claim.speaker else ""
    before, after = _context(side)
    return (
        f'<div class="claim"><div class="where searchable"><b>{tag}</b> &middot; {esc(side.name)}'
        f" &middot; <code>{where}</code>{speaker}</div>{before}"
        f'<blockquote class="searchable" data-side="{original}">'
        f"{highlighted(side.claim.text, side.claim.start, spans)}</blockquote>"
        f"{after}{_full_article(side)}</div>"
    )


def _nli_table(scores: tuple[NLIScores, NLIScores]) -> str:
    rows = "".join(
        f"<tr><th>{label}</th><td>{rounded(s.entailment, 2):.2f}</td>"
        f"<td>{rounded(s.neutral, 2):.2f}</td><td>{rounded(s.contradiction, 2):.2f}</td></tr>"
        for label, s in (("A &rarr; B", scores[0]), ("B &rarr; A", scores[1]))
    )
    return (
        '<table class="nli"><tr><th>NLI</th><th>entailment</th><th>neutral</th>'
        f"<th>contradiction</th></tr>{rows}</table>"
    )


_TRIAGE = (
    '<span class="triage"><button type="button" data-action="confirmed" aria-pressed="false">Confirm</button>'
    '<button type="button" data-action="dismissed" aria-pressed="false">Dismiss</button>'
    '<span class="state" aria-live="polite"></span></span>'
)


def _card(
    finding: Finding, left_id: str, lookup: dict[str, Article], positions: dict[str, int], failing: frozenset[str]
) -> str:
    left, right = oriented(finding, left_id, lookup)
    swapped = is_swapped(finding, left_id)
    left_spans, right_spans = spans_pair(finding, swapped)
    is_failing = finding.id in failing
    verdict = esc(finding.verdict)
    label = esc(VERDICT_LABEL.get(finding.verdict, finding.verdict))
    badges = f'<span class="badge {verdict}">{label}</span><span class="badge">{esc(finding.kind)}</span>'
    if is_failing:
        badges += '<span class="badge failing">failing</span>'
    pct = _percent(finding.confidence)
    confidence = (
        f'<span class="conf">confidence {rounded(finding.confidence, 2):.2f}'
        f'<span class="bar"><span style="width:{pct}%"></span></span></span>'
    )
    articles = " ".join(
        sorted({str(positions[i]) for i in (finding.a.article_id, finding.b.article_id) if i in positions}, key=int)
    )
    attrs = (
        f'id="f-{esc(finding.id)}" data-id="{esc(finding.id)}" data-verdict="{verdict}" '
        f'data-kind="{esc(finding.kind)}" data-confidence="{rounded(finding.confidence, 2):.2f}" '
        f'data-articles="{articles}" data-a-article="{esc(finding.a.article_id)}" '
        f'data-b-article="{esc(finding.b.article_id)}" tabindex="0" '
        f'aria-label="{label}, {esc(finding.kind)}, confidence {rounded(finding.confidence, 2):.2f}"'
    )
    parts = [
        f'<article class="card {verdict}{" failing" if is_failing else ""}" {attrs}>',
        f'<div class="head">{badges}{confidence}{_TRIAGE}</div>',
    ]
    values = differing_values(finding, swapped)
    if values is not None:
        sign = "&ne;" if finding.verdict == "contradict" else ("=" if finding.verdict == "agree" else "vs")
        parts.append(
            f'<p class="diff searchable">A {esc(values[0])}<span class="vs">{sign}</span>B {esc(values[1])}</p>'
        )
    parts += [
        '<div class="claims">'
        f"{_claim('A', left, 'b' if swapped else 'a', left_spans)}"
        f"{_claim('B', right, 'a' if swapped else 'b', right_spans)}</div>",
        f'<p class="why searchable">{esc(finding.explanation)}</p>',
    ]
    scores = nli_pair(finding, swapped)
    if scores is not None:
        parts.append(_nli_table(scores))
    parts.append(f'<p class="muted">id <code class="searchable">{esc(finding.id)}</code></p></article>')
    return "\n".join(parts)


def _url_cell(url: str | None) -> str:
    if not url:
        return ""
    text = esc(url)
    if url.lower().startswith(("http://", "https://")) and not any(c.isspace() for c in url):
        return f'<a href="{text}" rel="noopener noreferrer nofollow">{text}</a>'
    return text


def _articles(report: Report) -> str:
    rows = "\n".join(
        f"<tr><td>{esc(a.title or a.id)}</td><td>{esc(a.source)}</td>"
        f"<td>{esc(a.published.isoformat() if a.published else '')}</td>"
        f"<td><code>{esc(a.path)}</code></td><td>{_url_cell(a.url)}</td></tr>"
        for a in report.articles
    )
    return (
        "<table><thead><tr><th>Article</th><th>Source</th><th>Published</th>"
        f"<th>File</th><th>URL</th></tr></thead><tbody>\n{rows}\n</tbody></table>"
    )


def _stats(report: Report) -> str:
    items = summary_rows(report)
    return '<ul class="stats">' + "".join(f"<li><b>{value}</b>{esc(name)}</li>" for name, value in items) + "</ul>"


def render(report: Report) -> str:
    """The complete HTML document."""
    failing = frozenset(report.failing)
    lookup = articles_by_id(report)
    positions = article_positions(report)
    body = [
        "<h1>Consistency report</h1>",
        f'<p class="meta">consistency {esc(report.tool_version)} &middot; embedding '
        f"<code>{esc(report.embedding_model)}</code> &middot; NLI "
        f"<code>{esc(report.nli_model)}</code>"
        + (f" &middot; gate <code>{esc(report.fail_on)}</code>" if report.fail_on else "")
        + "</p>",
        f'<p class="summary">{esc(summary_sentence(report))}</p>',
        _stats(report),
    ]
    if report.findings:
        body.append(overview(report))
    if report.problems:
        items = "".join(f"<li>{esc(p.message())}</li>" for p in report.problems)
        body.append(f"<h2>Input problems</h2><ul>{items}</ul>")
    if report.findings:
        body.append(toolbar(report))
    for group in group_by_pair(report):
        anchor = pair_anchor(group.left_id, group.right_id, positions)
        body.append(f'<section class="pair" id="{esc(anchor)}"><h2>{esc(pair_title(group))}</h2>')
        body += [_card(f, group.left_id, lookup, positions, failing) for f in group.findings]
        body.append("</section>")
    if report.articles:
        body += ["<h2>Articles</h2>", _articles(report)]
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="referrer" content="no-referrer">\n'
        "<title>Consistency report</title>\n"
        f"<style>{CSS}</style>\n</head>\n<body>\n<main>\n"
        + "\n".join(body)
        + f"\n</main>\n<script>{SCRIPT}</script>\n</body>\n</html>\n"
    )
