"""The HTML report's inline style and script, and the CSP that allows exactly that script.

Why a hash-based CSP: the page must stay one file with no network, so the
script is inline; `script-src 'sha256-...'` lets the browser run this script
and nothing else, so text that slipped past escaping still could not run. The
script is a constant (no report data inside), so its hash is fixed per version
and the page stays byte-for-byte deterministic. It reads everything from the
DOM (data attributes and the claims' text) and only ever sets `textContent`,
never markup.
"""

from __future__ import annotations

import base64
import hashlib

CSS = """
:root { color-scheme: light dark; --bg:#fafafa; --fg:#1d1d1f; --muted:#6b6b70;
  --card:#fff; --line:#e3e3e8; --red:#c62828; --red-bg:#fdecea; --green:#2e7d32;
  --green-bg:#e8f5e9; --grey-bg:#eeeeef; --quote:#f4f4f7; --mark:#fff3b0; --focus:#1a73e8; }
@media (prefers-color-scheme: dark) { :root { --bg:#161618; --fg:#ececef;
  --muted:#a0a0a8; --card:#1f1f22; --line:#333338; --red:#ef9a9a; --red-bg:#3b1f1f;
  --green:#a5d6a7; --green-bg:#1e3320; --grey-bg:#2a2a2e; --quote:#26262a; --mark:#5a4d12; --focus:#8ab4f8; } }
* { box-sizing: border-box; }
body { margin:0; padding:1.25rem 1rem 2rem; background:var(--bg); color:var(--fg);
  font:15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
main { max-width: 76rem; margin: 0 auto; }
h1 { font-size:1.5rem; margin:0 0 .2rem; }
h2 { font-size:1.1rem; margin:1.5rem 0 .6rem; padding-bottom:.25rem; border-bottom:1px solid var(--line); }
h3 { font-size:.95rem; margin:0 0 .4rem; }
.meta, .muted { color:var(--muted); font-size:.85rem; }
.summary { font-size:1.05rem; margin:.6rem 0; }
.stats { display:flex; flex-wrap:wrap; gap:.5rem; margin:.6rem 0; padding:0; list-style:none; }
.stats li { background:var(--card); border:1px solid var(--line); border-radius:8px;
  padding:.3rem .75rem; min-width:7rem; font-size:.85rem; }
.stats b { display:block; font-size:1.15rem; }
.overview { display:grid; grid-template-columns:minmax(0,2fr) minmax(0,1fr); gap:1rem; align-items:start; }
@media (max-width: 56rem) { .overview { grid-template-columns:1fr; } }
.panel { background:var(--card); border:1px solid var(--line); border-radius:10px; padding:.7rem .9rem;
  overflow-x:auto; }
table { border-collapse:collapse; width:100%; background:var(--card); }
th, td { text-align:left; padding:.35rem .55rem; border-bottom:1px solid var(--line);
  vertical-align:top; overflow-wrap:anywhere; }
th { font-weight:600; font-size:.85rem; color:var(--muted); }
.matrix td, .matrix th { text-align:center; font-size:.85rem; padding:.25rem .4rem; }
.matrix th[scope=row] { text-align:left; }
.matrix td.hot { background:var(--red-bg); color:var(--red); font-weight:700; }
.matrix td a { color:inherit; display:block; }
.zero { color:var(--muted); }
.toolbar { position:sticky; top:0; z-index:2; display:flex; flex-wrap:wrap; gap:.5rem .9rem;
  align-items:center; background:var(--bg); border-bottom:1px solid var(--line); padding:.55rem 0; margin-top:1rem; }
.toolbar label { font-size:.85rem; display:inline-flex; align-items:center; gap:.3rem; }
.toolbar input[type=search] { width:16rem; }
.toolbar input, .toolbar select, .toolbar button, .triage button { font:inherit; font-size:.85rem; }
.toolbar .count { font-size:.85rem; color:var(--muted); margin-left:auto; }
.keys { font-size:.8rem; color:var(--muted); margin:.3rem 0 0; }
kbd { border:1px solid var(--line); border-radius:4px; padding:0 .3rem; font-size:.8em; background:var(--card); }
:focus-visible { outline:3px solid var(--focus); outline-offset:2px; }
.card { background:var(--card); border:1px solid var(--line); border-radius:10px;
  padding:.9rem 1.1rem; margin:0 0 1rem; }
.card.failing { border-left:5px solid var(--red); }
.card[data-triage=dismissed] { opacity:.55; }
.card[data-triage=confirmed] { box-shadow:0 0 0 2px var(--red-bg); }
.head { display:flex; flex-wrap:wrap; align-items:center; gap:.5rem; margin-bottom:.6rem; }
.badge { display:inline-block; border-radius:999px; padding:.1rem .65rem;
  font-size:.8rem; font-weight:600; background:var(--grey-bg); }
.badge.contradict, .badge.failing { background:var(--red-bg); color:var(--red); }
.badge.agree { background:var(--green-bg); color:var(--green); }
.conf { display:inline-flex; align-items:center; gap:.4rem; font-size:.85rem; }
.bar { width:6rem; height:.45rem; background:var(--grey-bg); border-radius:999px; overflow:hidden; }
.bar span { display:block; height:100%; background:var(--fg); opacity:.6; }
.diff { font-size:1rem; font-weight:600; margin:0 0 .6rem; }
.diff .vs { color:var(--muted); font-weight:400; margin:0 .4rem; }
.triage { margin-left:auto; display:inline-flex; gap:.35rem; align-items:center; }
.triage button[aria-pressed=true] { font-weight:700; }
.triage .state { font-size:.8rem; color:var(--muted); }
.claims { display:grid; grid-template-columns:1fr 1fr; gap:.75rem; }
@media (max-width: 48rem) { .claims { grid-template-columns:1fr; } }
blockquote { margin:0; padding:.5rem .75rem; background:var(--quote);
  border-radius:6px; white-space:pre-wrap; overflow-wrap:anywhere; }
mark.ev { background:var(--mark); color:inherit; border-radius:3px; padding:0 .1rem; font-weight:600; }
.contradict mark.ev { background:var(--red-bg); color:var(--red); }
.agree mark.ev { background:var(--green-bg); color:var(--green); }
mark.ev[data-value]::after { content:attr(data-value); margin-left:.3rem; font-size:.72rem; font-weight:500;
  color:var(--muted); background:var(--card); border:1px solid var(--line); border-radius:999px; padding:0 .4rem;
  white-space:nowrap; }
.ctx { font-size:.82rem; color:var(--muted); margin:.3rem 0; white-space:pre-wrap; overflow-wrap:anywhere; }
.claim .where { font-size:.8rem; color:var(--muted); margin-bottom:.25rem; overflow-wrap:anywhere; }
details.full { margin-top:.35rem; font-size:.85rem; }
details.full summary { cursor:pointer; color:var(--muted); }
.fulltext { white-space:pre-wrap; overflow-wrap:anywhere; max-height:24rem; overflow-y:auto;
  padding:.5rem .75rem; border:1px solid var(--line); border-radius:6px; }
.fulltext mark { background:var(--mark); color:inherit; }
.why { margin:.6rem 0 .25rem; }
.nli { font-size:.8rem; color:var(--muted); }
.nli td, .nli th { padding:.15rem .5rem; background:transparent; }
code { font-size:.85em; }
[hidden] { display:none !important; }
"""

SCRIPT = r"""
(function () {
  "use strict";
  if (!document.getElementById("toolbar")) { return; }  /* no findings: nothing to filter */
  var KEY = "consistency-triage:";
  var memory = {};
  function load(id) {
    try { return window.localStorage.getItem(KEY + id) || ""; } catch (e) { return memory[id] || ""; }
  }
  function save(id, value) {
    memory[id] = value;
    try {
      if (value) { window.localStorage.setItem(KEY + id, value); } else { window.localStorage.removeItem(KEY + id); }
    } catch (e) { /* storage blocked: keep the choice for this page view */ }
  }
  var $ = function (id) { return document.getElementById(id); };
  var cards = Array.prototype.slice.call(document.querySelectorAll("article.card[data-id]"));
  var sections = Array.prototype.slice.call(document.querySelectorAll("section.pair"));
  var search = $("f-search"), verdict = $("f-verdict"), kind = $("f-kind"), article = $("f-article");
  var conf = $("f-conf"), confOut = $("f-conf-out"), triage = $("f-triage"), count = $("f-count");
  var exportButton = $("f-export");
  $("toolbar").hidden = false;
  $("keys").hidden = false;
  cards.forEach(function (card) {
    card.searchText = Array.prototype.map.call(card.querySelectorAll(".searchable"), function (el) {
      return el.textContent;
    }).join(" ").toLowerCase();
    show(card, load(card.dataset.id));
  });
  function show(card, state) {
    if (state) { card.dataset.triage = state; } else { delete card.dataset.triage; }
    card.querySelectorAll(".triage button").forEach(function (button) {
      button.setAttribute("aria-pressed", String(button.dataset.action === state));
    });
    card.querySelector(".triage .state").textContent = state ? state : "";
  }
  function mark(card, action) {
    var state = card.dataset.triage === action ? "" : action;
    save(card.dataset.id, state);
    show(card, state);
    apply();
  }
  function apply() {
    var words = search.value.toLowerCase().split(/\s+/).filter(Boolean);
    var least = parseFloat(conf.value);
    var shown = 0;
    confOut.textContent = least.toFixed(2);
    cards.forEach(function (card) {
      var visible = (!verdict.value || card.dataset.verdict === verdict.value) &&
        (!kind.value || card.dataset.kind === kind.value) &&
        (!article.value || card.dataset.articles.split(" ").indexOf(article.value) >= 0) &&
        parseFloat(card.dataset.confidence) >= least &&
        (!triage.value || (card.dataset.triage || "open") === triage.value) &&
        words.every(function (word) { return card.searchText.indexOf(word) >= 0; });
      card.hidden = !visible;
      if (visible) { shown += 1; }
    });
    sections.forEach(function (section) {
      section.hidden = !section.querySelector("article.card:not([hidden])");
    });
    count.textContent = shown + " of " + cards.length + " findings shown";
    var dismissed = cards.filter(exportable).length;
    exportButton.textContent = "Export dismissed as baseline (" + dismissed + ")";
    exportButton.disabled = dismissed === 0;
  }
  function exportable(card) {
    return card.dataset.triage === "dismissed" && card.dataset.verdict === "contradict";
  }
  function side(card, name) {
    return { article: card.dataset[name + "Article"],
             text: card.querySelector('blockquote[data-side="' + name + '"]').textContent };
  }
  function exportBaseline() {
    var byId = {};
    cards.filter(exportable).forEach(function (card) {
      byId[card.dataset.id] = { id: card.dataset.id, kind: card.dataset.kind, a: side(card, "a"), b: side(card, "b") };
    });
    var ids = Object.keys(byId).sort();
    var doc = { schema_version: "1", fingerprints: ids, entries: ids.map(function (id) { return byId[id]; }) };
    var blob = new Blob([JSON.stringify(doc, null, 2) + "\n"], { type: "application/json" });
    var link = document.createElement("a");
    link.href = window.URL.createObjectURL(blob);
    link.download = "consistency-baseline.json";
    document.body.appendChild(link);
    link.click();
    window.setTimeout(function () { window.URL.revokeObjectURL(link.href); link.remove(); }, 1000);
  }
  [search, verdict, kind, article, conf, triage].forEach(function (control) {
    control.addEventListener("input", apply);
    control.addEventListener("change", apply);
  });
  exportButton.addEventListener("click", exportBaseline);
  document.querySelectorAll("details.full").forEach(function (details) {
    details.addEventListener("toggle", function () {  /* bring the marked claim into the box's view */
      var box = details.querySelector(".fulltext"), claim = box && box.querySelector("mark");
      if (details.open && claim) {
        box.scrollTop += claim.getBoundingClientRect().top - box.getBoundingClientRect().top - box.clientHeight / 3;
      }
    });
  });
  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest(".triage button") : null;
    if (button) { mark(button.closest("article.card"), button.dataset.action); }
  });
  function visibleCards() { return cards.filter(function (card) { return !card.hidden; }); }
  function step(delta) {
    var list = visibleCards();
    if (!list.length) { return; }
    var current = document.activeElement && document.activeElement.closest ?
      document.activeElement.closest("article.card") : null;
    var index = list.indexOf(current);
    var next = index < 0 ? (delta > 0 ? 0 : list.length - 1) : Math.min(list.length - 1, Math.max(0, index + delta));
    list[next].focus();
  }
  document.addEventListener("keydown", function (event) {
    var tag = event.target.tagName;
    if (event.altKey || event.ctrlKey || event.metaKey) { return; }
    if (tag === "INPUT" || tag === "SELECT" || tag === "TEXTAREA") {
      if (event.key === "Escape" && event.target === search) { search.value = ""; apply(); search.blur(); }
      return;
    }
    var card = document.activeElement && document.activeElement.closest ?
      document.activeElement.closest("article.card") : null;
    if (event.key === "/") { event.preventDefault(); search.focus(); }
    else if (event.key === "j") { step(1); }
    else if (event.key === "k") { step(-1); }
    else if (event.key === "c" && card) { mark(card, "confirmed"); }
    else if (event.key === "d" && card) { mark(card, "dismissed"); }
  });
  apply();
})();
"""


def script_hash(script: str = SCRIPT) -> str:
    """The CSP source expression ('sha256-...') that allows exactly `script` as an inline script."""
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


CSP = (
    f"default-src 'none'; script-src {script_hash()}; style-src 'unsafe-inline'; "
    "img-src 'none'; form-action 'none'; base-uri 'none'"
)
