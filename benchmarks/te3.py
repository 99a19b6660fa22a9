"""TempEval-3 time-expression benchmark on the TimeBank TimeML files in ``shared/dev/te3``.

For each ``.tml`` file: strip the tags from ``<TEXT>`` to get the text and the gold
TIMEX3 spans, run :func:`storyline.annotate.times.find_times` with the document
creation time from ``<DCT>``, and score as TempEval-3 does:

* strict span match: identical offsets; relaxed: overlapping spans (one-to-one);
* value: among relaxed matches, the normalised values are equal.
  Value P = correct values / predicted, R = correct values / gold.

Prints a table and writes ``benchmarks/results/te3.json``. Skips (exit 0) when the
shared data is absent. Usage::

    PYTHONPATH=src python benchmarks/te3.py [--errors N]
"""

from __future__ import annotations

import argparse
import glob
import html
import json
import os
import re
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from storyline.annotate.times import find_times  # noqa: E402


def shared_dir() -> Path | None:
    env = os.environ.get("STORYLINE_SHARED")
    for cand in ([Path(env)] if env else []) + [ROOT.parent / "shared", ROOT / "../shared"]:
        if (cand / "dev" / "te3").is_dir():
            return cand.resolve()
    return None


_TAG = re.compile(r"<(/?)([A-Za-z0-9_]+)([^>]*?)(/?)>")


def parse_tml(raw: str) -> tuple[str, str, list[dict[str, Any]]]:
    """(text, dct, gold) where gold items are {start, end, type, value, text}."""
    m = re.search(r"<DCT>.*?value=\"([^\"]+)\"", raw, re.S)
    dct = m.group(1)[:10] if m else ""
    body = re.search(r"<TEXT>(.*?)</TEXT>", raw, re.S)
    src = body.group(1) if body else ""
    out: list[str] = []
    pos = 0
    gold: list[dict[str, Any]] = []
    open_timex: dict[str, Any] | None = None
    length = 0
    for t in _TAG.finditer(src):
        chunk = html.unescape(src[pos:t.start()])
        out.append(chunk)
        length += len(chunk)
        pos = t.end()
        closing, name, attrs = t.group(1), t.group(2), t.group(3)
        if name != "TIMEX3":
            continue
        if not closing:
            a = dict(re.findall(r'(\w+)="([^"]*)"', attrs))
            open_timex = {"start": length, "type": a.get("type", ""), "value": a.get("value", "")}
        elif open_timex is not None:
            open_timex["end"] = length
            gold.append(open_timex)
            open_timex = None
    out.append(html.unescape(src[pos:]))
    text = "".join(out)
    for g in gold:
        g["text"] = text[g["start"]:g["end"]]
    return text, dct, gold


def match(gold: list[dict[str, Any]], pred: list[dict[str, Any]]) -> dict[str, int]:
    """Counts for one document: strict and relaxed one-to-one span matches, value hits."""
    strict = sum(1 for p in pred if any(p["start"] == g["start"] and p["end"] == g["end"]
                                        for g in gold))
    used: set[int] = set()
    relaxed = value = typ = 0
    # Prefer exact then overlapping pairs; greedy one-to-one.
    for p in sorted(pred, key=lambda p: p["start"]):
        best = None
        for i, g in enumerate(gold):
            if i in used or not (p["start"] < g["end"] and g["start"] < p["end"]):
                continue
            score = (g["start"] == p["start"] and g["end"] == p["end"], g["value"] == p["value"])
            if best is None or score > best[0]:
                best = (score, i)
        if best is None:
            continue
        used.add(best[1])
        g = gold[best[1]]
        relaxed += 1
        value += g["value"] == p["value"]
        typ += g["type"] == p["type"]
    return {"strict": strict, "relaxed": relaxed, "value": value, "type": typ,
            "gold": len(gold), "pred": len(pred)}


def prf(hit: int, pred: int, gold: int) -> dict[str, float]:
    p = hit / pred if pred else 0.0
    r = hit / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--errors", type=int, default=0, help="print up to N value/span errors")
    ap.add_argument("--no-tense", action="store_true", help="run without tense hints")
    args = ap.parse_args(argv)
    shared = shared_dir()
    if shared is None:
        print("te3: skipped: no shared data (set STORYLINE_SHARED or put ../shared next to "
              "the repository with dev/te3/*.tml)")
        return 0
    files = sorted(glob.glob(str(shared / "dev" / "te3" / "*.tml")))
    totals = {"strict": 0, "relaxed": 0, "value": 0, "type": 0, "gold": 0, "pred": 0}
    errors: list[str] = []
    chars = 0
    elapsed = 0.0
    for f in files:
        raw = Path(f).read_text(encoding="utf-8")
        text, dct, gold = parse_tml(raw)
        t0 = time.perf_counter()
        found = find_times(text, dct or None, tense_hints=not args.no_tense)
        elapsed += time.perf_counter() - t0
        chars += len(text)
        pred = [{"start": t.start, "end": t.end, "type": t.type, "value": t.value,
                 "text": t.text} for t in found]
        counts = match(gold, pred)
        for k in totals:
            totals[k] += counts[k]
        if args.errors:
            name = Path(f).stem
            for g in gold:
                ps = [p for p in pred if p["start"] < g["end"] and g["start"] < p["end"]]
                if not ps:
                    errors.append(f"MISS {name} {dct} {g['text']!r} {g['type']} {g['value']}")
                elif all(p["value"] != g["value"] for p in ps):
                    errors.append(f"VAL  {name} {dct} {g['text']!r} {g['value']} <- "
                                  + ", ".join(f"{p['text']!r} {p['value']}" for p in ps))
            for p in pred:
                if not any(p["start"] < g["end"] and g["start"] < p["end"] for g in gold):
                    ctx = text[max(0, p["start"] - 40):p["end"] + 20].replace("\n", " ")
                    errors.append(f"FP   {name} {dct} {p['text']!r} {p['value']}  [{ctx}]")
    g, p = totals["gold"], totals["pred"]
    result = {
        "dataset": "TempEval-3 TimeBank (shared/dev/te3)",
        "documents": len(files),
        "gold": g,
        "predicted": p,
        "strict": prf(totals["strict"], p, g),
        "relaxed": prf(totals["relaxed"], p, g),
        "value": prf(totals["value"], p, g),
        "type_accuracy_on_relaxed": round(totals["type"] / totals["relaxed"], 4)
        if totals["relaxed"] else 0.0,
        "tense_hints": not args.no_tense,
        "chars_per_second": round(chars / elapsed) if elapsed else None,
        "reference": {"HeidelTime TempEval-3 value F1": 0.776},
    }
    print(f"TempEval-3 TIMEX3 on {len(files)} documents: {g} gold, {p} predicted")
    print(f"{'':10}{'P':>8}{'R':>8}{'F1':>8}")
    for k in ("strict", "relaxed", "value"):
        r = result[k]
        print(f"{k:10}{r['precision']:8.3f}{r['recall']:8.3f}{r['f1']:8.3f}")
    print(f"type accuracy (relaxed matches): {result['type_accuracy_on_relaxed']:.3f}; "
          f"speed {result['chars_per_second']} chars/s")
    print("reference: HeidelTime value F1 0.776 (TempEval-3)")
    for e in errors[: args.errors]:
        print(e)
    out = ROOT / "benchmarks" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "te3.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
