"""Timeline17 benchmark: the standard news-tls protocol on ``shared/dev/t17/*/``.

For each gold timeline of a topic (``timelines.jsonl``, one a line): the input is the
topic's articles published between the timeline's first and last date; we ask
:func:`storyline.story.timeline.build_timeline` for L dates (L = gold dates) and K
sentences a date (K = round(mean gold sentences a date)) inside that window, and score

* date F1: exact date match between predicted and gold dates;
* alignment ROUGE-1 / ROUGE-2 F, 'align+ m:1' (Martschat & Markert 2017): each
  predicted date is aligned to the gold date of lowest cost (for precision), each gold
  date to the predicted date of lowest cost (for recall), cost = (1 - 1/(|days|+1)) x
  (1 - ROUGE-1 F of the two daily summaries); matched n-gram counts are weighted by
  1/(|days|+1) and micro-averaged over dates.

ROUGE is computed here, as ROUGE-1.5.5 does with ``-m -s``: lower-cased alphanumeric
tokens, stop words removed, a full Porter (1980) stemmer (written below), clipped
n-gram counts. The stop list is our own short English list, not ROUGE's 571 words, so
figures differ slightly from the published ones.

Prints a table per topic/timeline and the mean, writes ``benchmarks/results/t17.json``;
skips (exit 0) when the shared data is absent. Usage::

    PYTHONPATH=src python benchmarks/t17.py
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from storyline.story.timeline import build_timeline  # noqa: E402


def shared_dir() -> Path | None:
    env = os.environ.get("STORYLINE_SHARED")
    for cand in ([Path(env)] if env else []) + [ROOT.parent / "shared", ROOT / "../shared"]:
        if (cand / "dev" / "t17").is_dir():
            return cand.resolve()
    return None


# ---------------------------------------------------------------------------
# Porter stemmer (M. F. Porter, "An algorithm for suffix stripping", 1980)
# ---------------------------------------------------------------------------

_VOWELS = frozenset("aeiou")


def _cons(w: str, i: int) -> bool:
    c = w[i]
    if c in _VOWELS:
        return False
    if c == "y":
        return i == 0 or not _cons(w, i - 1)
    return True


def _m(stem: str) -> int:
    """Number of VC sequences in ``stem``."""
    n, i, L = 0, 0, len(stem)
    while i < L and _cons(stem, i):
        i += 1
    while i < L:
        while i < L and not _cons(stem, i):
            i += 1
        if i >= L:
            break
        while i < L and _cons(stem, i):
            i += 1
        n += 1
    return n


def _has_vowel(stem: str) -> bool:
    return any(not _cons(stem, i) for i in range(len(stem)))


def _double_c(w: str) -> bool:
    return len(w) >= 2 and w[-1] == w[-2] and _cons(w, len(w) - 1)


def _cvc(w: str) -> bool:
    if len(w) < 3:
        return False
    i = len(w) - 1
    return (_cons(w, i - 2) and not _cons(w, i - 1) and _cons(w, i)
            and w[i] not in "wxy")


_STEP2 = [("ational", "ate"), ("tional", "tion"), ("enci", "ence"), ("anci", "ance"),
          ("izer", "ize"), ("bli", "ble"), ("alli", "al"), ("entli", "ent"), ("eli", "e"),
          ("ousli", "ous"), ("ization", "ize"), ("ation", "ate"), ("ator", "ate"),
          ("alism", "al"), ("iveness", "ive"), ("fulness", "ful"), ("ousness", "ous"),
          ("aliti", "al"), ("iviti", "ive"), ("biliti", "ble"), ("logi", "log")]
_STEP3 = [("icate", "ic"), ("ative", ""), ("alize", "al"), ("iciti", "ic"), ("ical", "ic"),
          ("ful", ""), ("ness", "")]
_STEP4 = ["al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent",
          "ion", "ou", "ism", "ate", "iti", "ous", "ive", "ize"]


def porter(w: str) -> str:
    if len(w) <= 2:
        return w
    # step 1a
    if w.endswith(("sses", "ies")):
        w = w[:-2]
    elif w.endswith("ss"):
        pass
    elif w.endswith("s"):
        w = w[:-1]
    # step 1b
    flag = False
    if w.endswith("eed"):
        if _m(w[:-3]) > 0:
            w = w[:-1]
    elif w.endswith("ed") and _has_vowel(w[:-2]):
        w, flag = w[:-2], True
    elif w.endswith("ing") and _has_vowel(w[:-3]):
        w, flag = w[:-3], True
    if flag:
        if w.endswith(("at", "bl", "iz")):
            w += "e"
        elif _double_c(w) and w[-1] not in "lsz":
            w = w[:-1]
        elif _m(w) == 1 and _cvc(w):
            w += "e"
    # step 1c
    if w.endswith("y") and _has_vowel(w[:-1]):
        w = w[:-1] + "i"
    # step 2
    for suf, rep in _STEP2:
        if w.endswith(suf):
            if _m(w[: -len(suf)]) > 0:
                w = w[: -len(suf)] + rep
            break
    # step 3
    for suf, rep in _STEP3:
        if w.endswith(suf):
            if _m(w[: -len(suf)]) > 0:
                w = w[: -len(suf)] + rep
            break
    # step 4
    for suf in _STEP4:
        if w.endswith(suf):
            stem = w[: -len(suf)]
            if _m(stem) > 1 and (suf != "ion" or stem.endswith(("s", "t"))):
                w = stem
            break
    # step 5a
    if w.endswith("e"):
        stem = w[:-1]
        if _m(stem) > 1 or (_m(stem) == 1 and not _cvc(stem)):
            w = stem
    # step 5b
    if _m(w) > 1 and _double_c(w) and w.endswith("l"):
        w = w[:-1]
    return w


# ---------------------------------------------------------------------------
# ROUGE
# ---------------------------------------------------------------------------

_STOP_WORDS = (
    """a about above across after afterwards again against all almost alone along already
    also although always am among an and another any anyhow anyone anything anyway anywhere
    are around as at be became because become becomes been before beforehand behind being
    below beside besides between beyond both but by can cannot could did do does doing done
    down during each either else elsewhere enough etc even ever every everyone everything
    everywhere except few for former formerly from further had has have having he hence her
    here hereafter hereby herein hers herself him himself his how however i ie if in indeed
    into is it its itself just last latter least less ltd many may me meanwhile might more
    moreover most mostly much must my myself namely neither never nevertheless next no nobody
    none noone nor not nothing now nowhere of off often on once one only onto or other others
    otherwise our ours ourselves out over own per perhaps rather re same seem seemed seeming
    seems several she should since so some somehow someone something sometime sometimes
    somewhere still such than that the their theirs them themselves then thence there
    thereafter thereby therefore therein thereupon these they this those though through
    throughout thru thus to together too toward towards under until up upon us very via was
    we well were what whatever when whence whenever where whereafter whereas whereby wherein
    whereupon wherever whether which while whither who whoever whole whom whose why will with
    within without would yet you your yours yourself yourselves"""
)
_STOP = frozenset(_STOP_WORDS.split())
_TOKEN = re.compile(r"[a-z0-9]+")
_STEM_CACHE: dict[str, str] = {}


def tokens(text: str) -> list[str]:
    out = []
    for w in _TOKEN.findall(text.lower()):
        if w in _STOP:
            continue
        s = _STEM_CACHE.get(w)
        if s is None:
            s = _STEM_CACHE[w] = porter(w) if len(w) > 3 else w
        out.append(s)
    return out


def ngrams(sents: list[str], n: int) -> Counter[tuple[str, ...]]:
    c: Counter[tuple[str, ...]] = Counter()
    for s in sents:
        t = tokens(s)
        c.update(tuple(t[i:i + n]) for i in range(len(t) - n + 1))
    return c


def counts(pred: list[str], ref: list[str], n: int) -> tuple[int, int, int]:
    """(matched, predicted total, reference total) n-gram counts."""
    p, r = ngrams(pred, n), ngrams(ref, n)
    hit = sum(min(v, r[g]) for g, v in p.items() if g in r)
    return hit, sum(p.values()), sum(r.values())


def f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _r1(pred: list[str], ref: list[str]) -> float:
    hit, np_, nr = counts(pred, ref, 1)
    return f1(hit / np_ if np_ else 0.0, hit / nr if nr else 0.0)


Timeline = dict[dt.date, list[str]]


def align_m1(pred: Timeline, ref: Timeline, n: int) -> dict[str, float]:
    """'align+ m:1' ROUGE-n precision, recall and F of ``pred`` against ``ref``."""
    pdates, rdates = sorted(pred), sorted(ref)
    if not pdates or not rdates:
        return {"p": 0.0, "r": 0.0, "f": 0.0}
    content = {(a, b): 1.0 - _r1(pred[a], ref[b]) for a in pdates for b in rdates}

    def cost(a: dt.date, b: dt.date) -> float:
        return (1 - 1 / (abs((a - b).days) + 1)) * content[(a, b)]

    pn = pd_ = rn = rd = 0.0
    for a in pdates:
        b = min(rdates, key=lambda b: cost(a, b))  # first minimum, as argmin
        hit, tot, _ = counts(pred[a], ref[b], n)
        pn += hit / (abs((a - b).days) + 1)
        pd_ += tot
    for b in rdates:
        a = min(pdates, key=lambda a: cost(a, b))
        hit, _, tot = counts(pred[a], ref[b], n)
        rn += hit / (abs((a - b).days) + 1)
        rd += tot
    p = pn / pd_ if pd_ else 0.0
    r = rn / rd if rd else 0.0
    return {"p": p, "r": r, "f": f1(p, r)}


def date_f1(pred: Timeline, ref: Timeline) -> float:
    hit = len(set(pred) & set(ref))
    return f1(hit / len(pred) if pred else 0.0, hit / len(ref) if ref else 0.0)


# ---------------------------------------------------------------------------
# Runner
# ---------------------------------------------------------------------------


def run_topic(topic: Path) -> list[dict[str, Any]]:
    articles = [json.loads(line) for line in (topic / "articles.jsonl").open(encoding="utf-8")
                if line.strip()]
    rows = []
    for i, line in enumerate((topic / "timelines.jsonl").open(encoding="utf-8")):
        if not line.strip():
            continue
        ref: Timeline = {}
        for d, sents in json.loads(line):
            ref.setdefault(dt.date.fromisoformat(d[:10]), []).extend(s.strip() for s in sents)
        first, last = min(ref), max(ref)
        inputs = [(str(a["id"]), a["time"][:10], a["text"]) for a in articles
                  if first <= dt.date.fromisoformat(a["time"][:10]) <= last]
        L = len(ref)
        K = max(1, round(sum(len(s) for s in ref.values()) / L))
        t0 = time.perf_counter()
        entries = build_timeline(inputs, n_dates=L, n_sentences=K,
                                 date_from=first.isoformat(), date_to=last.isoformat())
        secs = time.perf_counter() - t0
        pred: Timeline = {dt.date.fromisoformat(e["date"]): e["summary"] for e in entries}
        r1, r2 = align_m1(pred, ref, 1), align_m1(pred, ref, 2)
        rows.append({
            "topic": topic.name, "timeline": i, "articles": len(inputs), "L": L, "K": K,
            "predicted_dates": len(pred), "date_f1": date_f1(pred, ref),
            "rouge1_align_f": r1["f"], "rouge2_align_f": r2["f"],
            "rouge1_align": r1, "rouge2_align": r2, "seconds": round(secs, 3),
        })
    return rows


def main() -> int:
    shared = shared_dir()
    if shared is None:
        print("t17 benchmark skipped: no shared data (set $STORYLINE_SHARED or put it at "
              "<repo>/../shared with dev/t17/)")
        return 0
    topics = sorted(p for p in (shared / "dev" / "t17").iterdir()
                    if (p / "articles.jsonl").is_file() and (p / "timelines.jsonl").is_file())
    rows: list[dict[str, Any]] = []
    for t in topics:
        rows.extend(run_topic(t))
    if not rows:
        print("t17 benchmark: no timelines found")
        return 0
    print(f"{'topic':<14}{'tl':>3}{'arts':>6}{'L':>4}{'K':>3}{'dateF1':>8}{'R1-al':>8}"
          f"{'R2-al':>8}{'secs':>7}")
    for r in rows:
        print(f"{r['topic']:<14}{r['timeline']:>3}{r['articles']:>6}{r['L']:>4}{r['K']:>3}"
              f"{r['date_f1']:>8.3f}{r['rouge1_align_f']:>8.3f}{r['rouge2_align_f']:>8.3f}"
              f"{r['seconds']:>7.2f}")
    mean = {k: sum(r[k] for r in rows) / len(rows)
            for k in ("date_f1", "rouge1_align_f", "rouge2_align_f")}
    print(f"{'mean':<30}{mean['date_f1']:>8.3f}{mean['rouge1_align_f']:>8.3f}"
          f"{mean['rouge2_align_f']:>8.3f}")
    out = ROOT / "benchmarks" / "results" / "t17.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({
        "protocol": "news-tls: input = articles published in the gold timeline's window; "
                    "L gold dates, K = round(mean gold sentences a date); date F1 exact; "
                    "ROUGE align+ m:1 (Porter stems, own stop list)",
        "mean": mean, "timelines": rows,
    }, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
