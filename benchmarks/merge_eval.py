"""Merge precision: are the mentions storyline merges into one event the same incident?

The gold (``benchmarks/gold/merge_pairs.json``) holds pairs of mentions from different
articles that storyline once merged, each judged by an annotator who saw neither code
nor output (``same``, ``different``, ``unsure``). ``tuned``: 120 pairs from three
Timeline17 topics (the merge rules were revised looking at them); ``dev``: 80 pairs from
three more topics (revised again on them); ``heldout``: 73 pairs from three other
topics, judged after the first revision and never used to change the rules.

The real ``storyline run`` reads each set's topics (JSON Lines with their dates, from
``../shared/dev/t17``); each side of a pair is found again among the mentions of
``events.jsonl`` by its article, trigger word and anchor. A pair counts as merged when
both sides are mentions of one event. Reported per set: **precision**, the share of
merged judged pairs that are one incident (``unsure`` left out), and how many of the
``same`` pairs are still merged. Pairs merged by a new rule but never judged are not
seen: precision is measured on what was once merged.

Usage::

    .venv/bin/python benchmarks/merge_eval.py [--set tuned|heldout]

Writes ``benchmarks/results/merges.json``. Skips (exit 0, a message) without ../shared.
About 5 minutes a set on one core. With ``--set``, the file holds that set only.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from articles_eval import shared_dir  # noqa: E402

GOLD = ROOT / "benchmarks/gold/merge_pairs.json"
RESULTS = ROOT / "benchmarks/results/merges.json"
TOPICS = {"tuned": ["haiti_bbc", "bpoil_reuters", "H1N1_reuters"],
          "dev": ["bpoil_bbc", "bpoil_washingtonpost", "H1N1_bbc"],
          "heldout": ["bpoil_guardian", "H1N1_guardian", "bpoil_foxnews"]}


def _norm(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip().lower()


def run_topics(shared: Path, topics: list[str], work: Path) -> Path:
    from storyline.pipeline import Options, run

    src = work / "input.jsonl"
    with open(src, "w", encoding="utf-8") as out:
        for topic in topics:
            with open(shared / "dev/t17" / topic / "articles.jsonl", encoding="utf-8") as fh:
                for line in fh:
                    art = json.loads(line)
                    out.write(json.dumps({"id": f"{topic}/{art['id']}", "text": art["text"],
                                          "published": art["time"]}) + "\n")
    run([str(src)], work / "out", None, Options(progress=False), log=lambda _m: None)
    return work / "out"


def mention_events(out: Path) -> dict[str, list[tuple[str, str, str]]]:
    """input id -> (normalised quote, trigger text, event id) of every mention."""
    input_of = {}
    with open(out / "articles.jsonl", encoding="utf-8") as fh:
        for line in fh:
            a = json.loads(line)
            input_of[a["id"]] = a.get("input_id")
    found: dict[str, list[tuple[str, str, str]]] = {}
    with open(out / "events.jsonl", encoding="utf-8") as fh:
        for line in fh:
            e = json.loads(line)
            for m in e["mentions"]:
                trig = (m.get("trigger") or {}).get("text") or ""
                found.setdefault(str(input_of.get(m["article"])), []).append(
                    (_norm(m["quote"]), trig, e["id"]))
    return found


def _event_of(side: dict[str, Any], found: dict[str, list[tuple[str, str, str]]]) -> str | None:
    anchor = _norm(side["anchor"])
    for quote, trig, eid in found.get(side["article"], []):
        if trig == side["trigger"] and anchor in quote:
            return eid
    return None


def score(pairs: list[dict[str, Any]], found: dict[str, list[tuple[str, str, str]]]
          ) -> dict[str, Any]:
    merged = {"same": 0, "different": 0, "unsure": 0}
    located = same_total = 0
    for p in pairs:
        a, b = _event_of(p["a"], found), _event_of(p["b"], found)
        if a is None or b is None:
            continue  # a side no longer coded (or above the threshold): not judged here
        located += 1
        same_total += p["judgement"] == "same"
        if a == b:
            merged[p["judgement"]] += 1
    judged = merged["same"] + merged["different"]
    return {"pairs": len(pairs), "located": located, "merged": sum(merged.values()),
            "merged_same": merged["same"], "merged_different": merged["different"],
            "merged_unsure": merged["unsure"],
            "precision": round(merged["same"] / judged, 3) if judged else None,
            "same_pairs_located": same_total, "same_pairs_still_merged": merged["same"]}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--set", choices=sorted(TOPICS), help="one set (default: both)")
    args = ap.parse_args(argv)
    shared = shared_dir()
    if shared is None:
        print("skipped: ../shared/dev/t17 is absent (set STORYLINE_SHARED)")
        return 0
    gold = json.loads(GOLD.read_text(encoding="utf-8"))["pairs"]
    result: dict[str, Any] = {}
    for name in [args.set] if args.set else sorted(TOPICS):
        with tempfile.TemporaryDirectory() as tmp:
            found = mention_events(run_topics(shared, TOPICS[name], Path(tmp)))
        result[name] = score([p for p in gold if p["set"] == name], found)
        print(name, json.dumps(result[name]))
    RESULTS.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
