"""The bundled sample corpus comes out as its gold file says (tests/gold/examples_articles.json)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from storyline.pipeline import Options, run
from storyline.schemas import validate

ROOT = Path(__file__).resolve().parents[1]
GOLD = json.loads((ROOT / "tests" / "gold" / "examples_articles.json").read_text("utf-8"))


@pytest.fixture(scope="module")
def produced(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str | None], dict]:
    out = tmp_path_factory.mktemp("out")
    import os

    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        run(["examples"], out, options=Options(progress=False))
    finally:
        os.chdir(cwd)
    lines = [json.loads(x) for x in (out / "articles.jsonl").read_text("utf-8").splitlines()]
    for line in lines:
        validate("articles", line)
    return {(a["path"], a.get("position")): a for a in lines}


def _gold_articles() -> list[dict]:
    return [g for g in GOLD["articles"] if not g.get("duplicate_of")] + [
        g for g in GOLD["articles"] if g.get("duplicate_of")]


@pytest.mark.parametrize("gold", _gold_articles(), ids=lambda g: f"{g['path']}:{g.get('position')}")
def test_example_article(produced: dict, gold: dict) -> None:
    art = produced[(gold["path"], gold.get("position"))]
    assert art["outlet"] == gold["outlet"]
    assert art["title"] == gold["title"]
    assert art["dateline"] == gold["dateline"]
    pub = art["published"]
    assert pub["source"] == gold["date_source"]
    if gold["date_source"] == "inferred":
        true = dt.date.fromisoformat(gold["true_date"])
        lo, hi = dt.date.fromisoformat(pub["earliest"]), dt.date.fromisoformat(pub["latest"])
        assert lo <= true <= hi and (hi - lo).days <= 21
    else:
        assert pub["date"] == gold["published"]
    for phrase in gold.get("boilerplate", []):
        assert phrase not in art["text"], phrase
    for phrase in gold.get("body", []):
        assert phrase in art["text"], phrase


def test_every_article_found_once(produced: dict) -> None:
    assert len(produced) == len(GOLD["articles"])


def test_figures_validate_and_quote_their_article(produced: dict, tmp_path: Path) -> None:
    out = tmp_path / "out"
    import os

    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        run(["examples"], out, options=Options(progress=False))
    finally:
        os.chdir(cwd)
    texts = {a["id"]: a["text"] for a in produced.values()}
    figures = [json.loads(x) for x in (out / "figures.jsonl").read_text("utf-8").splitlines()]
    assert len(figures) >= 20
    for fig in figures:
        validate("figures", fig)
        assert fig["value_max"] is None or fig["value_max"] > fig["value"]
        assert (fig["value_max"] is not None) <= (fig["qualifier"] == "between")
        m = fig["mention"]
        assert texts[m["article"]][m["start"] : m["end"]] == m["quote"]
    # the displaced-people series of the story is there, figure by figure
    displaced = {f["value"] for f in figures if f["what"] == "people displaced"}
    assert {9000.0, 18000.0} <= displaced


def test_events_and_timeline_validate(tmp_path: Path) -> None:
    import os

    out = tmp_path / "out"
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        run(["examples"], out, options=Options(progress=False, timeline_dates=5,
                                               timeline_sentences=1))
    finally:
        os.chdir(cwd)
    texts = {json.loads(x)["id"]: json.loads(x)["text"]
             for x in (out / "articles.jsonl").read_text("utf-8").splitlines()}
    events = [json.loads(x) for x in (out / "events.jsonl").read_text("utf-8").splitlines()]
    assert len(events) >= 50
    for ev in events:
        validate("events", ev)
        for m in ev["mentions"]:
            assert texts[m["article"]][m["start"] : m["end"]] == m["quote"]
    assert {"AGREE", "ASSAULT", "ACCUSE"} <= {e["type"] for e in events}
    assert {"asserted", "hypothetical"} <= {e["modality"] for e in events}
    timeline = json.loads((out / "timeline.json").read_text("utf-8"))
    validate("timeline", timeline)
    assert 1 <= len(timeline["entries"]) <= 5
    for entry in timeline["entries"]:
        assert len(entry["summary"]) <= 1
        for sentence in entry["summary"]:  # verbatim from a source
            assert any(sentence in texts[s] for s in entry["sources"])
