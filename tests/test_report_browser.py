"""The report in a real browser: Debian's Chromium driven by Playwright, page opened from disk.

Builds the report for the sample corpus plus one invented article whose text carries a
``<script>`` and an ``<img onerror>``; checks that the page draws without errors, that a
timeline sentence opens its quote, that the hostile markup is shown as text and never
runs, and that the page asks for nothing but itself. Saves screenshots under
``tests/output/`` (git-ignored) and prints their paths.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
SHOTS = ROOT / "tests" / "output"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run"]

SCRIPT = "<script>window.__pwned=1</script>"
IMG = '<img src=x onerror="window.__pwned=1">'
HOSTILE_ARTICLE = f"""Sudan and Ethiopia trade blame over Gallabat market fire

GALLABAT: Sudan on Wednesday accused Ethiopian militiamen of setting fire to the cattle market in Gallabat, a charge Addis Ababa rejected within hours.

The market burned for most of the night, traders said. {SCRIPT} Nobody was hurt, according to the local council.

A trader posted a photo of the ruins online with the caption {IMG} before the post was removed.

The AU monitors in Gallabat said they would look into the fire and report to both governments next week.
"""


def _playwright() -> Any:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is absent: install Debian's chromium (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("playwright is not installed: pip install -e '.[test]'")
    return sync_playwright


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    _playwright()
    from storyline.pipeline import Options, run

    base = tmp_path_factory.mktemp("report")
    inputs = base / "inputs"
    shutil.copytree(ROOT / "examples", inputs / "examples")
    (inputs / "gallabat_market_fire.txt").write_text(HOSTILE_ARTICLE, "utf-8")
    out = base / "out"
    summary = run([str(inputs)], out, options=Options(progress=False))
    path = Path(summary.outputs["report"])
    assert path == out / "report.html" and path.exists()
    texts = [json.loads(x)["text"] for x in (out / "articles.jsonl").read_text("utf-8").split("\n")
             if x.strip()]
    # The injection must reach the page, or the checks below would prove nothing.
    assert any(SCRIPT in t and IMG in t for t in texts)
    return path


def _open(sync_playwright: Any, path: Path, width: int = 1280) -> Any:
    """Start Chromium, open the page, and return (playwright, browser, page, problems)."""
    pw = sync_playwright().start()
    browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
    page = browser.new_page(viewport={"width": width, "height": 900})
    problems: list[str] = []
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}")
            if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("request", lambda r: None if r.url.startswith(("file:", "data:"))
            else problems.append(f"request: {r.url}"))
    page.goto(path.as_uri())
    page.wait_for_selector("html[data-ready]", timeout=15_000)
    return pw, browser, page, problems


def test_report_in_chromium(report: Path) -> None:
    sync_playwright = _playwright()
    pw, browser, page, problems = _open(sync_playwright, report)
    try:
        # The timeline draws, and a click on a sentence opens its quote in its article.
        assert page.locator("#timeline-list .tl-entry").count() >= 3
        first = page.locator("#timeline-list .quote-link").first
        sentence = first.inner_text()
        assert page.locator("#source-panel").is_hidden()
        first.click()
        assert page.locator("#source-panel").is_visible()
        assert page.locator("#sp-quote").inner_text() == sentence
        assert page.locator("#sp-title").inner_text()  # the article's headline
        body = page.locator("#sp-body").inner_text()
        assert len(body) > len(sentence)  # the quote sits in its article's text
        page.keyboard.press("Escape")
        assert page.locator("#source-panel").is_hidden()

        # Every section draws.
        assert page.locator("#dyad-chart svg rect").count() >= 1
        assert page.locator("#dyad-select option").count() >= 1
        assert page.locator("#network-chart svg circle").count() >= 2
        assert page.locator("#figure-list .card").count() >= 3
        assert page.locator("#map-chart svg path.land").count() > 150
        rows = page.locator("#event-table tbody tr")
        assert rows.count() >= 20

        # The whole input (the last entry of the story list), every event included.
        if page.locator("#stories").is_visible():
            page.locator("#stories summary").click()
            page.locator("#story-list .story-pick").last.click()
        if page.locator("#event-all").is_visible():
            page.check("#event-all")

        # Filters work on modality; negated rows are marked as such.
        page.select_option("#filter-modality", "negated")
        assert rows.count() >= 1
        assert all("mod-negated" in (rows.nth(i).get_attribute("class") or "")
                   for i in range(rows.count()))
        page.select_option("#filter-modality", "")

        # The hostile article opens as plain text: its markup is shown, never run.
        page.fill("#filter-text", "cattle market")
        assert rows.count() >= 1
        # A merged event may carry reports from several articles: open the hostile one.
        buttons = rows.first.locator(".reports button")
        panel_text = ""
        for i in range(buttons.count()):
            buttons.nth(i).click()
            panel_text = page.locator("#sp-body").inner_text()
            if "cattle market" in panel_text:
                break
            page.keyboard.press("Escape")
        assert SCRIPT in panel_text and IMG in panel_text
        assert page.locator("#sp-body img, #sp-body script").count() == 0
        assert page.evaluate("typeof window.__pwned") == "undefined"
        assert page.evaluate("document.querySelectorAll('img').length") == 0

        SHOTS.mkdir(parents=True, exist_ok=True)
        shot = SHOTS / "report-source-panel.png"
        page.screenshot(path=str(shot))
        page.keyboard.press("Escape")
        page.fill("#filter-text", "")
        full = SHOTS / "report-full.png"
        page.screenshot(path=str(full), full_page=True)
        print(f"\nscreenshots: {full} {shot}")
        assert not problems, problems
    finally:
        browser.close()
        pw.stop()


def test_report_fits_a_phone(report: Path) -> None:
    sync_playwright = _playwright()
    pw, browser, page, problems = _open(sync_playwright, report, width=390)
    try:
        overflow = page.evaluate("document.documentElement.scrollWidth")
        assert overflow <= 392, f"page is {overflow}px wide on a 390px screen"
        page.locator("#timeline-list .quote-link").first.click()
        assert page.locator("#source-panel").is_visible()
        SHOTS.mkdir(parents=True, exist_ok=True)
        shot = SHOTS / "report-phone.png"
        page.screenshot(path=str(shot))
        print(f"\nscreenshot: {shot}")
        assert not problems, problems
    finally:
        browser.close()
        pw.stop()



def test_merged_formats_in_chromium(tmp_path: Path) -> None:
    """Stories, series and timeline entries that name merged events (the story stage's
    formats), on invented outputs whose article carries hostile markup and a javascript: URL."""
    sync_playwright = _playwright()
    from storyline.report.build import build_report
    from tests.report_fixtures import HOSTILE, write_outputs

    write_outputs(tmp_path, new_formats=True)
    # a second, smaller story: one invented article of its own
    arts = [json.loads(x) for x in (tmp_path / "articles.jsonl").read_text("utf-8").split("\n")
            if x.strip()]
    arts.append(dict(arts[1], id="other003", story="st2", title="Ferry timetable changes",
                     text="JINJA: The ferry to Buvuma will run twice a day from May, the "
                          "operator said."))
    (tmp_path / "articles.jsonl").write_text(
        "".join(json.dumps(a) + "\n" for a in arts), "utf-8")
    with open(tmp_path / "stories.jsonl", "a", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": "st2", "title": "ferry buvuma operator",
                             "articles": ["other003"], "first": "2024-04-12",
                             "last": "2024-04-12"}) + "\n")
    path = build_report(tmp_path)
    pw, browser, page, problems = _open(sync_playwright, path)
    try:
        # both stories and the whole input in one list; the bigger story opens the page
        assert page.locator("#story-list .story-pick").count() == 3
        assert page.locator("#story-title").inner_text() == "Lake Victoria <fishing> dispute"
        # A timeline entry's event chip leads to that event's row in the table.
        page.locator("#timeline-list .chip").first.click()
        assert page.locator("#event-table tr.flash").count() == 1
        # A figure series point opens the figure's quote.
        page.locator("#figure-list .fig-point").last.click()
        assert page.locator("#sp-quote").inner_text().startswith("KAMPALA: About 1,500")
        page.keyboard.press("Escape")
        # The future event is marked as planned, not as something that happened.
        row = page.locator("#ev-e_meet")
        assert "mod-future" in (row.get_attribute("class") or "")
        assert row.locator(".badge").inner_text() == "planned"
        # The hostile article: text shown, nothing run, no javascript: link.
        page.locator("#ev-e_accuse .reports button").first.click()
        assert HOSTILE in page.locator("#sp-body").inner_text()
        assert page.locator("#source-panel a").count() == 0
        assert page.evaluate("typeof window.__pwned") == "undefined"
        # The dyad chart switches to the actor view from a network edge.
        page.locator("#network-chart line.clickable").first.click()
        assert not page.locator("#dyad-country").is_checked()
        # The smaller story: its own title (its headline, not its key words), no event rows
        page.locator("#stories summary").click()
        page.fill("#story-search", "ferry")
        assert page.locator("#story-list li:not([hidden])").count() == 1
        page.locator("#story-list li:not([hidden]) button").click()
        assert page.locator("#story-title").inner_text() == "Ferry timetable changes"
        assert page.locator("#event-table tbody tr").count() == 0
        assert page.locator("#timeline-list .tl-entry").count() == 0
        assert not problems, problems
    finally:
        browser.close()
        pw.stop()
