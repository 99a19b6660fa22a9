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
