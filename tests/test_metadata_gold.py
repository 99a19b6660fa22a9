"""The hand-made metadata gold (benchmarks/gold/html_metadata.json) is well formed and
holds no page text: titles only as hashes, dates as ISO days, datelines as short places."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

GOLD = Path(__file__).resolve().parent.parent / "benchmarks" / "gold" / "html_metadata.json"


def test_gold_is_well_formed() -> None:
    gold = json.loads(GOLD.read_text("utf-8"))
    pages = gold["pages"]
    assert len(pages) >= 200
    assert not set(pages) & set(gold["not_articles"])
    for name, g in pages.items():
        assert name.endswith(".html"), name
        assert set(g) == {"title_sha256", "title_words", "date", "dateline", "url"}, name
        assert g["title_sha256"] and all(re.fullmatch(r"[0-9a-f]{16}", h) for h in g["title_sha256"]), name
        assert len(set(g["title_sha256"])) == len(g["title_sha256"]), name
        assert isinstance(g["title_words"], int) and 1 <= g["title_words"] <= 40, name
        if g["date"] not in (None, "unscored"):
            assert dt.date.fromisoformat(g["date"]).year >= 1995, name
        if g["dateline"] is not None:
            assert 2 <= len(g["dateline"]) <= 40 and len(g["dateline"].split()) <= 4, name
        assert g["url"] in ("canonical", "og:url", "snippets"), name


def test_gold_covers_dated_undated_and_datelines() -> None:
    pages = json.loads(GOLD.read_text("utf-8"))["pages"].values()
    assert sum(1 for g in pages if g["date"] is None) >= 5
    assert sum(1 for g in pages if g["dateline"]) >= 10
