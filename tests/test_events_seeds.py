"""The seeds event gold (benchmarks/gold/seeds_events.json): well-formed, and a floor on
the coder's recall with zero non-asserted statements output as asserted.

Both read the seeds in ../shared and skip without them.
"""

from __future__ import annotations

import json
from pathlib import Path

from storyline.model import EVENT_TYPES
from tests.bench import load_benchmark

ROOT = Path(__file__).resolve().parents[1]
GOLD = json.loads((ROOT / "benchmarks/gold/seeds_events.json").read_text())
MODALITIES = {"asserted", "future", "hypothetical", "negated"}

# Measured with benchmarks/events_eval.py (recall 0.882 of 68 required events, branch
# s2-events2): a floor a regression below which must be explained.
RECALL_FLOOR = 0.87


def test_seeds_gold_well_formed(seed_articles):
    by_prefix = {name[:3]: name for name in (a["file"] for a in GOLD["articles"])}
    assert len(by_prefix) == 5
    assert sum(1 for a in GOLD["articles"] for e in a["events"] if not e["optional"]) >= 60
    for art_gold in GOLD["articles"]:
        art = seed_articles[art_gold["file"][:3]]
        assert art.published.date == art_gold["published"]
        for item in art_gold["events"] + art_gold["non_asserted"]:
            a = item["anchor"]
            assert art.text[a["start"]:a["end"]] == a["phrase"], a
            assert 1 <= len(a["phrase"].split()) <= 6
            assert item["modality"] in MODALITIES
        for ev in art_gold["events"]:
            assert ev["type"] in EVENT_TYPES
            assert all(x["type"] in EVENT_TYPES and x["modality"] in MODALITIES
                       for x in ev["also_acceptable"])
            assert isinstance(ev["source"], list) and ev["source"]
            if ev["date"] is not None:
                assert ev["date"]["start"] <= ev["date"]["end"]
        for st in art_gold["non_asserted"]:
            assert st["modality"] != "asserted"


def _eval_module():
    return load_benchmark("events_eval")


def test_seeds_recall_floor_and_no_non_asserted_as_asserted(seeds_dir, nlp):
    res = _eval_module().eval_seeds(nlp, seeds_dir.parent, 0)
    assert res["non_asserted_output_as_asserted"] == 0, res
    assert res["recall"] >= RECALL_FLOOR, res
    if res["date_accuracy"] is not None:
        assert res["date_accuracy"] >= 0.85, res

