"""Rebuild ``src/storyline/data/line_model.json``: the learned line classifier of the
whole-page text cleaner (:mod:`storyline.clean.lines`).

Trains ONLY on the tuning part of ``../shared/dev/html`` (the pages that
``benchmarks/text_clean.py`` does not hold out; its ``held_out`` split is imported, and
held-out pages are never read here). Each page is turned into whole-page text as the
benchmark does (``html_text``, ``guess_layout=True``) and split into the cleaner's lines
(:func:`storyline.clean.text.page_lines`). A line is labelled body when it holds one of the
page's gold ``with`` snippets and none of its ``without`` snippets, chrome in the opposite
case; the other lines carry no label. (The snippets are short fragments, two to eight
words, one line each: a line that holds one is the line the gold is about.)

A logistic regression over standardised features (scikit-learn, ``pip install
'storyline[train]'``) learns the weights; its regularisation and the decoding thresholds
of :func:`storyline.clean.text.model_clean` are chosen by cross-validation within the
tuning part: pages are split into five folds (three shuffles), each fold's pages get
probabilities from a model trained on the other folds, and the choice is the one with the
best mean out-of-fold snippet F1 of the decoded bodies (the benchmark's scoring). That
best figure is optimistic (one of many settings wins on these pages partly by chance), so
the script also records a selection-aware estimate: the setting chosen on a random half of
the pages, scored on the other half (:func:`selection_aware_f1`).

    .venv/bin/python scripts/train_line_model.py [--quick]
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from _htmlbench import Page, Score, load_pages, norm, require_shared  # noqa: E402
from storyline.clean import lines as line_model  # noqa: E402
from storyline.clean.text import PageLines, model_clean, page_features, page_lines  # noqa: E402
from text_clean import held_out  # noqa: E402

OUT = ROOT / "src/storyline/data/line_model.json"
C_GRID = (0.03, 0.1, 0.3)
DECODE_GRID = {
    "run_threshold": (0.3, 0.4, 0.5),
    "keep_threshold": (0.1, 0.2, 0.3),
    # 1.01: no line outside the run. Lower values (0.8, 0.9) were not chosen by
    # cross-validation with the current features, and each extra setting makes the best
    # out-of-fold figure more optimistic (at C=0.1: selection-aware 0.9146 with them,
    # 0.9157 without)
    "outside_threshold": (1.01,),
    "length_power": (0.5, 1.0),
    "rules_floor": (1.01, 0.2),  # 1.01: the rules' body adds nothing
}
SEEDS = (0, 1, 2)
SPLIT_REPEATS = 100  # random half splits for selection_aware_f1
FOLDS = 5


def label(text: str, with_: list[str], without: list[str]) -> int:
    """1 body, 0 chrome, -1 no label."""
    t = norm(text)
    a = any(s in t for s in with_)
    b = any(s in t for s in without)
    return 1 if a and not b else 0 if b and not a else -1


def load(sd: Path) -> list[dict[str, Any]]:
    import html_text

    out = []
    for p in load_pages(sd):
        if held_out(p.name):
            continue  # the benchmark's held-out third: never read here
        try:
            text = html_text.extract_text(p.html, guess_layout=True)
        except Exception:
            text = ""
        page = page_lines(text)
        w = [norm(s) for s in p.with_]
        wo = [norm(s) for s in p.without]
        out.append({"page": p, "lines": page, "X": page_features(page),
                    "y": [label(t, w, wo) for t in page.lines]})
    return out


def fit(rows: list[list[float]], ys: list[int], c: float) -> dict[str, Any]:
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    x = np.asarray(rows, dtype=float)
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale < 1e-9] = 1.0
    clf = LogisticRegression(C=c, max_iter=5000)
    clf.fit((x - mean) / scale, np.asarray(ys))
    return {"mean": [round(float(v), 6) for v in mean],
            "scale": [round(float(v), 6) for v in scale],
            "coef": [round(float(v), 6) for v in clf.coef_[0]],
            "intercept": round(float(clf.intercept_[0]), 6)}


def training_rows(data: list[dict[str, Any]], idx: list[int]) -> tuple[list[list[float]], list[int]]:
    rows, ys = [], []
    for i in idx:
        for x, y in zip(data[i]["X"], data[i]["y"], strict=True):
            if y >= 0:
                rows.append(x)
                ys.append(y)
    return rows, ys


def page_counts(data: list[dict[str, Any]], probs: list[list[float]],
                decode: dict[str, float]) -> list[tuple[int, int, int]]:
    """Each page's (true positives, false negatives, false positives) of the decoded body."""
    out = []
    for d, pr in zip(data, probs, strict=True):
        page: PageLines = d["lines"]
        p: Page = d["page"]
        sc = Score()
        sc.add(p, model_clean(page, pr, decode).body if page.lines else "")
        out.append((sc.tp, sc.fn, sc.fp))
    return out


def f1_of(counts: Sequence[tuple[int, int, int]]) -> float:
    """The snippet F1 of summed page counts (the benchmark's micro-average)."""
    tp = sum(c[0] for c in counts)
    fn = sum(c[1] for c in counts)
    fp = sum(c[2] for c in counts)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


def selection_aware_f1(results: dict[Any, list[list[tuple[int, int, int]]]],
                       repeats: int = SPLIT_REPEATS, seed: int = 0) -> float:
    """An estimate of the chosen setting's F1 that pays for the choice itself.

    The best mean out-of-fold F1 over many settings is optimistic: some setting wins on
    these pages by chance. Here the pages are split in two halves at random; the setting
    that is best on one half is scored on the other (both ways, ``repeats`` times, over the
    shuffles in turn). ``results`` maps each setting to its per-page counts
    (:func:`page_counts`), one list per shuffle."""
    import random

    keys = list(results)
    shuffles = len(next(iter(results.values())))
    n = len(results[keys[0]][0])
    rng = random.Random(seed)
    scores = []
    for r in range(repeats):
        s = r % shuffles
        half = set(rng.sample(range(n), n // 2))
        a = [i for i in range(n) if i in half]
        b = [i for i in range(n) if i not in half]
        for pick, score in ((a, b), (b, a)):
            best = max(keys, key=lambda k: f1_of([results[k][s][i] for i in pick]))
            scores.append(f1_of([results[best][s][i] for i in score]))
    return sum(scores) / len(scores)


def main() -> None:
    import numpy as np
    from sklearn.model_selection import KFold

    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true", help="one shuffle, fewer settings")
    args = ap.parse_args()
    sd = require_shared("train_line_model")
    t0 = time.time()
    data = load(sd)
    seeds = SEEDS[:1] if args.quick else SEEDS
    grid = [dict(zip(DECODE_GRID, v, strict=True))
            for v in itertools.product(*DECODE_GRID.values())]
    n_lab = sum(y >= 0 for d in data for y in d["y"])
    n_body = sum(y == 1 for d in data for y in d["y"])
    print(f"{len(data)} tuning pages, {sum(len(d['y']) for d in data)} lines, "
          f"{n_lab} labelled ({n_body} body) [{time.time() - t0:.0f}s]")
    counts: dict[tuple[float, int], list[list[tuple[int, int, int]]]] = {}
    results: dict[tuple[float, int], list[float]] = {}
    for c in C_GRID:
        for seed in seeds:
            probs: list[list[float]] = [[] for _ in data]
            for tr, te in KFold(FOLDS, shuffle=True, random_state=seed).split(np.arange(len(data))):
                w = fit(*training_rows(data, list(tr)), c)
                for i in te:
                    probs[i] = line_model.probabilities(data[i]["X"], w)
            for g, decode in enumerate(grid):
                counts.setdefault((c, g), []).append(page_counts(data, probs, decode))
        results = {k: [f1_of(x) for x in v] for k, v in counts.items()}
        top = max((k for k in results if k[0] == c), key=lambda k: float(np.mean(results[k])))
        print(f"C={c}: best out-of-fold F1 {np.mean(results[top]):.4f} with {grid[top[1]]} "
              f"[{time.time() - t0:.0f}s]")
    (c, g) = max(results, key=lambda k: float(np.mean(results[k])))
    cv_f1 = float(np.mean(results[(c, g)]))
    honest = selection_aware_f1(counts)
    w = fit(*training_rows(data, list(range(len(data)))), c)
    out = {
        "about": "whole-page text line classifier (storyline.clean.lines): logistic regression "
                 "over standardised line features, P(line is article body); decoded by "
                 "storyline.clean.text.model_clean; rebuilt by scripts/train_line_model.py on "
                 "the tuning part of dev/html (labels from the gold snippets)",
        "trained_on": {"pages": len(data), "labelled_lines": n_lab, "body_lines": n_body},
        "C": c,
        "cross_validation": {"folds": FOLDS, "shuffles": len(seeds),
                             "out_of_fold_f1": round(cv_f1, 4),
                             "selection_aware_f1": round(honest, 4)},
        "decode": grid[g],
        "features": line_model.feature_names(),
        **w,
    }
    OUT.write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n", "utf-8")
    print(f"C={c}, decode {grid[g]}: out-of-fold F1 {cv_f1:.4f} (selection-aware "
          f"{honest:.4f}); wrote {OUT}")


if __name__ == "__main__":
    main()
