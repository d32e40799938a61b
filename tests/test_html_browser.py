"""The HTML report in a real browser: Playwright driving Debian's Chromium.

Skipped, with the reason, where Playwright (pip) or /usr/bin/chromium (apt) is
missing. The report of the bundled example is made by the real CLI, once per
module; the triage export is fed back to the real CLI as --baseline.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from clirun import EXAMPLE, run_cli
from test_reports import SCRIPT, make_report

from consistency.baseline import load_baseline
from consistency.reports import render

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed (pip install playwright)")
if not CHROMIUM.exists():
    pytest.skip(f"{CHROMIUM} not found (apt-get install chromium)", allow_module_level=True)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def example_html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("browser") / "report.html"
    result = run_cli("check", EXAMPLE, "--no-timing", "--quiet", "--fail-on", "never", "-f", "html", "-o", out)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh page (own storage) that records script errors and dialogs, which must stay empty."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    page.problems = []
    page.on("pageerror", lambda error: page.problems.append(f"error: {error}"))
    page.on("dialog", lambda dialog: (page.problems.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    page.on("console", lambda m: page.problems.append(f"console: {m.text}") if m.type == "error" else None)
    yield page
    context.close()


def visible_cards(page: Any) -> list[dict[str, Any]]:
    return page.eval_on_selector_all(
        "article.card",
        """cards => cards.filter(c => c.offsetParent !== null).map(c => ({
            id: c.dataset.id, verdict: c.dataset.verdict, kind: c.dataset.kind,
            confidence: parseFloat(c.dataset.confidence), articles: c.dataset.articles.split(" "),
            text: c.innerText}))""",
    )


def test_filters_change_the_visible_cards(page: Any, example_html: Path) -> None:
    page.goto(example_html.as_uri())
    everything = visible_cards(page)
    total = page.locator("article.card").count()
    assert len(everything) == total > 5
    assert page.locator("#f-count").inner_text() == f"{total} of {total} findings shown"

    page.select_option("#f-verdict", "contradict")
    shown = visible_cards(page)
    assert shown and {c["verdict"] for c in shown} == {"contradict"}
    assert len(shown) == page.locator('article.card[data-verdict="contradict"]').count() < total

    page.select_option("#f-kind", "temporal")
    assert {(c["verdict"], c["kind"]) for c in visible_cards(page)} == {("contradict", "temporal")}

    page.select_option("#f-verdict", "")
    page.select_option("#f-kind", "")
    page.fill("#f-conf", "0.9")  # a range input: fill sets its value and fires input
    strong = visible_cards(page)
    assert strong and all(c["confidence"] >= 0.9 for c in strong) and len(strong) < total
    assert page.locator("#f-conf-out").inner_text() == "0.90"

    page.fill("#f-conf", "0")
    page.select_option("#f-article", label="Harbor Wire")  # the example's second article, index 1
    harbor = visible_cards(page)
    assert harbor and all("1" in c["articles"] for c in harbor) and len(harbor) < total
    # a section with no card left is hidden with its heading
    hidden_sections = page.eval_on_selector_all("section.pair", "s => s.filter(x => x.hidden).length")
    assert hidden_sections > 0
    assert page.problems == []


def test_search_narrows_the_list(page: Any, example_html: Path) -> None:
    page.goto(example_html.as_uri())
    total = page.locator("article.card").count()
    page.keyboard.press("/")  # the search shortcut focuses the box
    page.keyboard.type("drones")
    shown = visible_cards(page)
    assert 0 < len(shown) < total
    assert all("drones" in c["text"].lower() for c in shown)
    page.fill("#f-search", "no-such-word-anywhere")
    assert visible_cards(page) == []
    assert page.locator("#f-count").inner_text() == f"0 of {total} findings shown"
    page.keyboard.press("Escape")  # Escape in the box clears it
    assert len(visible_cards(page)) == total
    assert page.problems == []


def test_example_highlights_the_differing_counts(page: Any, example_html: Path) -> None:
    page.goto(example_html.as_uri())
    marks = page.eval_on_selector_all("blockquote mark.ev", "ms => ms.map(m => [m.textContent, m.dataset.value || ''])")
    assert ["157", "157 drone (launch)"] in marks and ["150", "150 drone (launch)"] in marks
    # the value is drawn beside the span by CSS, outside the claim's text
    after = page.eval_on_selector(
        "blockquote mark.ev[data-value='157 drone (launch)']", "m => getComputedStyle(m, '::after').content"
    )
    assert after == '"157 drone (launch)"'


def test_highlights_are_present_and_escaped(page: Any, tmp_path: Path) -> None:
    hostile = tmp_path / "hostile.html"
    hostile.write_text(render(make_report(), "html"), encoding="utf-8")
    page.goto(hostile.as_uri())
    marks = page.eval_on_selector_all("mark.ev", "ms => ms.map(m => [m.textContent, m.dataset.value || ''])")
    assert [SCRIPT, ""] in marks  # the span over "<script>..." is text, not an element
    assert ["fourth year", "3–4 years <b>(war)</b>"] in marks
    assert page.locator("script").count() == 1  # only the page's own
    assert page.locator("mark b, blockquote b, blockquote script").count() == 0
    assert page.locator("#toolbar").is_visible()  # the page script ran under its CSP
    assert page.problems == []  # no alert, no CSP violation, no script error


def test_triage_export_is_a_baseline_the_cli_reads(page: Any, example_html: Path, tmp_path: Path) -> None:
    page.goto(example_html.as_uri())
    drones = page.locator('article.card[data-verdict="contradict"]', has_text="157 drones")
    drones.first.get_by_role("button", name="Dismiss").click()
    # keyboard: j focuses the first visible card, j again the next one, d dismisses it
    page.select_option("#f-verdict", "contradict")
    page.locator("h1").click()
    page.keyboard.press("j")
    page.keyboard.press("j")
    second = page.evaluate("document.activeElement.dataset.id")
    page.keyboard.press("d")
    dismissed = page.eval_on_selector_all(
        'article.card[data-triage="dismissed"][data-verdict="contradict"]', "cs => cs.map(c => c.dataset.id)"
    )
    assert second in dismissed and len(set(dismissed)) == 2
    page.reload()  # triage survives a reload (localStorage)
    assert page.locator('article.card[data-triage="dismissed"]').count() == 2
    with page.expect_download() as download:
        page.click("#f-export")
    baseline = tmp_path / "baseline.json"
    download.value.save_as(baseline)
    assert download.value.suggested_filename == "consistency-baseline.json"
    assert load_baseline(baseline) == set(dismissed)
    document = json.loads(baseline.read_text(encoding="utf-8"))
    assert [e["id"] for e in document["entries"]] == sorted(dismissed)
    assert any("157 drones" in e["a"]["text"] + e["b"]["text"] for e in document["entries"])

    result = run_cli(
        "check",
        EXAMPLE,
        "--no-timing",
        "--quiet",
        "--fail-on",
        "never",
        "--baseline",
        baseline,
        "-f",
        "json",
        "-o",
        "-",
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["summary"]["suppressed_by_baseline"] == 2
    assert not {f["id"] for f in report["findings"]} & set(dismissed)
    assert page.problems == []
