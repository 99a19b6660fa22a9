"""Source and target actors of real sentences, through the product's sentence coder.

``../shared/dev/train/cameo_ner_train.txt`` marks, in about 1,150 real news sentences, the
source (``B-S``/``I-S``) and target (``B-T``/``I-T``) of the sentence's event. Each
sentence goes through :func:`storyline.api.code_records` (what ``storyline code`` runs);
the main event's source and target are compared with the marked spans: an actor is right
when its text overlaps the marked span (a word in common, ignoring determiners). A
sentence with a marked side and no event, or an event without that side, is a miss; an
actor given where none is marked, or outside the span, is a false one. Precision, recall
and F1 per side.

Some sentences mark their participants reciprocal (``B-R``/``I-R``: "X met Y", "X signed a
deal with Y") and neither side: the headline counts any source or target given there as a
false one. ``reciprocal`` counts them, and ``target_directed`` is the target figure over
the other sentences (a secondary figure; the headline is ``target``). With ``--classes``
the development part's target errors are counted by class: no main event
(``missed_no_event``), a main event without a target (``missed_no_target``), a target
where the gold marks none (``false_reciprocal``, ``false_other``), and a target that is
not the marked one (``wrong``).

A sentence whose coder output has no main event but a plain statement (``statement``:
CAMEO 01, "expressed condolences to X", "claimed responsibility for the attack on X",
which PLOVER does not code as an event) is scored by that statement's speaker and target:
the gold marks those too. ``statements`` counts them, and ``target_events_only`` is the
target figure with statements left out (what the main events alone give).

A fixed third of the sentences (by hash) is held out: its figures are reported, its
errors never printed. Usage::

    .venv/bin/python benchmarks/actors_eval.py [--errors N] [--classes]

Writes ``benchmarks/results/actors.json``. Skips without ../shared.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

RESULTS = ROOT / "benchmarks/results/actors.json"
_SKIP = frozenset({"the", "a", "an", "of", "'s", "its", "their", "his", "her", ",", "and"})


def shared_dir() -> Path | None:
    env = os.environ.get("STORYLINE_SHARED")
    for cand in ([Path(env)] if env else []) + [ROOT.parent / "shared"]:
        if (cand / "dev" / "train" / "cameo_ner_train.txt").is_file():
            return cand.resolve()
    return None


def load(path: Path) -> list[dict[str, Any]]:
    """Sentences: text (tokens joined by spaces), the marked source/target words, and
    whether the sentence marks reciprocal participants (R tags)."""
    out: list[dict[str, Any]] = []
    toks: list[tuple[str, str]] = []

    def flush() -> None:
        if toks:
            side: dict[str, list[str]] = {"S": [], "T": []}
            for w, tag in toks:
                if tag[2:] in side:
                    side[tag[2:]].append(w)
            out.append({"text": " ".join(w for w, _ in toks),
                        "source": side["S"], "target": side["T"],
                        "reciprocal": any(tag[2:] == "R" for _, tag in toks)})
            toks.clear()

    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            flush()
            continue
        w, _, tag = line.rpartition(" ")
        toks.append((w, tag))
    flush()
    return out


def _words(s: str) -> set[str]:
    return {w for w in re.findall(r"[\w']+", s.lower()) if w not in _SKIP}


def _texts(side: Any) -> list[str]:
    if side is None:
        return []
    return [a.text for a in (side if isinstance(side, list) else [side])]


def _error_class(r: dict[str, Any], p: dict[str, Any], side: str) -> str | None:
    """The class of one sentence's error on ``side`` (None when it is right or silent)."""
    gold = _words(" ".join(r[side]))
    got = p[side]
    if gold and any(_words(t) & gold for t in got):
        return None
    if gold and not got:
        return "missed_no_target" if p.get("event", True) else "missed_no_event"
    if got and not gold:
        return "false_reciprocal" if r.get("reciprocal") else "false_other"
    return "wrong" if got else None


def _prf(rows: list[dict[str, Any]], preds: list[dict[str, Any]], side: str
         ) -> dict[str, float]:
    tp = fp = fn = 0
    for r, p in zip(rows, preds, strict=True):
        gold = _words(" ".join(r[side]))
        got = p[side]
        if gold and any(_words(t) & gold for t in got):
            tp += 1
        else:
            fp += bool(got)
            fn += bool(gold)
    pr = tp / (tp + fp) if tp + fp else 0.0
    rc = tp / (tp + fn) if tp + fn else 0.0
    return {"precision": round(pr, 3), "recall": round(rc, 3),
            "f1": round(2 * pr * rc / (pr + rc), 3) if pr + rc else 0.0}


def score(rows: list[dict[str, Any]], preds: list[dict[str, Any]], errors: int,
          classes: bool = False) -> dict[str, Any]:
    res: dict[str, Any] = {"sentences": len(rows),
                           "reciprocal": sum(1 for r in rows if r.get("reciprocal"))}
    shown = 0
    for side in ("source", "target"):
        res[side] = _prf(rows, preds, side)
        if errors:
            for r, p in zip(rows, preds, strict=True):
                if shown < errors and _error_class(r, p, side) is not None:
                    shown += 1
                    print(f"[{side}] got {p[side]} gold {r[side]}: {r['text'][:140]}")
    res["statements"] = sum(1 for p in preds if p.get("statement"))
    events_only = [p if not p.get("statement") else {**p, "source": [], "target": []}
                   for p in preds]
    res["target_events_only"] = _prf(rows, events_only, "target")
    directed = [i for i, r in enumerate(rows) if not r.get("reciprocal")]
    res["target_directed"] = _prf([rows[i] for i in directed], [preds[i] for i in directed],
                                  "target")
    if classes:
        counts: dict[str, int] = {}
        for r, p in zip(rows, preds, strict=True):
            k = _error_class(r, p, "target")
            if k is not None:
                counts[k] = counts.get(k, 0) + 1
        res["target_errors"] = dict(sorted(counts.items()))
    return res


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--errors", type=int, default=0, help="print N development errors")
    ap.add_argument("--classes", action="store_true",
                    help="count the development target errors by class")
    args = ap.parse_args(argv)
    shared = shared_dir()
    if shared is None:
        print("skipped: ../shared/dev/train is absent (set STORYLINE_SHARED)")
        return 0
    from storyline.api import Record, code_records

    rows = load(shared / "dev/train/cameo_ner_train.txt")
    preds: list[dict[str, Any]] = []
    for c in code_records(Record(r["text"], str(i)) for i, r in enumerate(rows)):
        ev = c.events[c.main] if c.main is not None else None
        said = c.statement if ev is None else None
        side = ev or said
        preds.append({"source": _texts(side.source) if side else [],
                      "target": _texts(side.target) if side else [],
                      "event": ev is not None, "statement": said is not None})
    held = [hashlib.sha1(r["text"].encode()).digest()[0] % 3 == 0 for r in rows]
    result = {
        "dev": score([r for r, h in zip(rows, held, strict=True) if not h],
                     [p for p, h in zip(preds, held, strict=True) if not h], args.errors,
                     args.classes),
        "heldout": score([r for r, h in zip(rows, held, strict=True) if h],
                         [p for p, h in zip(preds, held, strict=True) if h], 0),
    }
    print(json.dumps(result, indent=1))
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
