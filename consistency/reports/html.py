"""Self-contained HTML report: one file, inline CSS, no scripts, no network.

Every string that comes from an article or a model goes through
`html.escape` (quotes included, so it is safe in attributes too). As a second
line of defence the page carries a Content-Security-Policy that forbids
scripts and every external load, so even a missed escape could not run code
or phone home. Article URLs are shown as text, and as links only when they
are plain http(s) URLs.
"""

from __future__ import annotations

from html import escape as _escape

from consistency.reports._common import (
    VERDICT_LABEL,
    Side,
    articles_by_id,
    group_by_pair,
    is_swapped,
    nli_pair,
    oriented,
    pair_title,
    rounded,
    summary_rows,
    summary_sentence,
)
from consistency.reports.locations import claim_location_label
from consistency.types import Article, Finding, NLIScores, Report

CSS = """
:root { color-scheme: light dark; --bg:#fafafa; --fg:#1d1d1f; --muted:#6b6b70;
  --card:#fff; --line:#e3e3e8; --red:#c62828; --red-bg:#fdecea; --green:#2e7d32;
  --green-bg:#e8f5e9; --grey-bg:#eeeeef; --quote:#f4f4f7; }
@media (prefers-color-scheme: dark) { :root { --bg:#161618; --fg:#ececef;
  --muted:#a0a0a8; --card:#1f1f22; --line:#333338; --red:#ef9a9a; --red-bg:#3b1f1f;
  --green:#a5d6a7; --green-bg:#1e3320; --grey-bg:#2a2a2e; --quote:#26262a; } }
* { box-sizing: border-box; }
body { margin:0; padding:2rem 1rem; background:var(--bg); color:var(--fg);
  font:15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
main { max-width: 72rem; margin: 0 auto; }
h1 { font-size:1.6rem; margin:0 0 .25rem; }
h2 { font-size:1.15rem; margin:2rem 0 .75rem; padding-bottom:.25rem;
  border-bottom:1px solid var(--line); }
.meta, .muted { color:var(--muted); font-size:.85rem; }
.summary { font-size:1.05rem; margin:1rem 0; }
.stats { display:flex; flex-wrap:wrap; gap:.75rem; margin:1rem 0; padding:0; list-style:none; }
.stats li { background:var(--card); border:1px solid var(--line); border-radius:8px;
  padding:.5rem .9rem; min-width:8rem; }
.stats b { display:block; font-size:1.3rem; }
table { border-collapse:collapse; width:100%; background:var(--card); }
th, td { text-align:left; padding:.4rem .6rem; border-bottom:1px solid var(--line);
  vertical-align:top; overflow-wrap:anywhere; }
th { font-weight:600; font-size:.85rem; color:var(--muted); }
.card { background:var(--card); border:1px solid var(--line); border-radius:10px;
  padding:1rem 1.1rem; margin:0 0 1rem; }
.card.failing { border-left:5px solid var(--red); }
.head { display:flex; flex-wrap:wrap; align-items:center; gap:.5rem; margin-bottom:.75rem; }
.badge { display:inline-block; border-radius:999px; padding:.1rem .65rem;
  font-size:.8rem; font-weight:600; background:var(--grey-bg); }
.badge.contradict, .badge.failing { background:var(--red-bg); color:var(--red); }
.badge.agree { background:var(--green-bg); color:var(--green); }
.conf { display:inline-flex; align-items:center; gap:.4rem; font-size:.85rem; }
.bar { width:6rem; height:.45rem; background:var(--grey-bg); border-radius:999px;
  overflow:hidden; }
.bar span { display:block; height:100%; background:var(--fg); opacity:.6; }
.claims { display:grid; grid-template-columns:1fr 1fr; gap:.75rem; }
@media (max-width: 48rem) { .claims { grid-template-columns:1fr; } }
blockquote { margin:0; padding:.6rem .8rem; background:var(--quote);
  border-radius:6px; white-space:pre-wrap; overflow-wrap:anywhere; }
.claim .where { font-size:.8rem; color:var(--muted); margin-bottom:.25rem;
  overflow-wrap:anywhere; }
.why { margin:.75rem 0 .25rem; }
.nli { font-size:.8rem; color:var(--muted); }
.nli td, .nli th { padding:.15rem .5rem; background:transparent; }
code { font-size:.85em; }
"""

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; form-action 'none'"


def esc(text: object) -> str:
    """Escape anything for HTML text or a double-quoted attribute."""
    return _escape(str(text), quote=True)


def _percent(value: float) -> str:
    return f"{rounded(min(max(value, 0.0), 1.0), 2) * 100:.0f}"


def _claim(tag: str, side: Side) -> str:
    where = esc(claim_location_label(side.article, side.claim))
    speaker = f" &middot; {esc(side.claim.speaker)} speaking" if side.claim.speaker else ""
    return (
        f'<div class="claim"><div class="where"><b>{tag}</b> &middot; {esc(side.name)}'
        f" &middot; <code>{where}</code>{speaker}</div>"
        f"<blockquote>{esc(side.claim.text)}</blockquote></div>"
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


def _card(finding: Finding, left_id: str, lookup: dict[str, Article], failing: frozenset[str]) -> str:
    left, right = oriented(finding, left_id, lookup)
    swapped = is_swapped(finding, left_id)
    is_failing = finding.id in failing
    verdict = esc(finding.verdict)
    badges = (
        f'<span class="badge {verdict}">'
        f"{esc(VERDICT_LABEL.get(finding.verdict, finding.verdict))}</span>"
        f'<span class="badge">{esc(finding.kind)}</span>'
    )
    if is_failing:
        badges += '<span class="badge failing">failing</span>'
    pct = _percent(finding.confidence)
    confidence = (
        f'<span class="conf">confidence {rounded(finding.confidence, 2):.2f}'
        f'<span class="bar"><span style="width:{pct}%"></span></span></span>'
    )
    parts = [
        f'<article class="card{" failing" if is_failing else ""}" id="f-{esc(finding.id)}">',
        f'<div class="head">{badges}{confidence}</div>',
        f'<div class="claims">{_claim("A", left)}{_claim("B", right)}</div>',
        f'<p class="why">{esc(finding.explanation)}</p>',
    ]
    if finding.symbolic is not None:
        values = [finding.symbolic.a_value, finding.symbolic.b_value]
        if swapped:
            values.reverse()
        if any(values):
            parts.append(f'<p class="muted">Values: A {esc(values[0] or "n/a")}; B {esc(values[1] or "n/a")}</p>')
    scores = nli_pair(finding, swapped)
    if scores is not None:
        parts.append(_nli_table(scores))
    parts.append(f'<p class="muted">id <code>{esc(finding.id)}</code></p></article>')
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
    if report.problems:
        items = "".join(f"<li>{esc(p.message())}</li>" for p in report.problems)
        body.append(f"<h2>Input problems</h2><ul>{items}</ul>")
    for group in group_by_pair(report):
        body.append(f"<section><h2>{esc(pair_title(group))}</h2>")
        body += [_card(f, group.left_id, lookup, failing) for f in group.findings]
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
        f"<style>{CSS}</style>\n</head>\n<body>\n<main>\n" + "\n".join(body) + "\n</main>\n</body>\n</html>\n"
    )
