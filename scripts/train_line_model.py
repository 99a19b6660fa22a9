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
best mean out-of-fold snippet F1 of the decoded bodies (the benchmark's scoring).

    .venv/bin/python scripts/train_line_model.py [--quick]
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
import time
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
    "outside_threshold": (0.8, 0.9, 1.01),  # 1.01: no line outside the run
    "length_power": (0.5, 1.0),
    "rules_floor": (1.01, 0.2),  # 1.01: the rules' body adds nothing
}
SEEDS = (0, 1, 2)
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


def f1(data: list[dict[str, Any]], probs: list[list[float]], decode: dict[str, float]) -> float:
    sc = Score()
    for d, pr in zip(data, probs, strict=True):
        page: PageLines = d["lines"]
        p: Page = d["page"]
        body = model_clean(page, pr, decode).body if page.lines else ""
        sc.add(p, body)
    return float(sc.metrics()["f1"])


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
    results: dict[tuple[float, int], list[float]] = {}
    for c in C_GRID:
        for seed in seeds:
            probs: list[list[float]] = [[] for _ in data]
            for tr, te in KFold(FOLDS, shuffle=True, random_state=seed).split(np.arange(len(data))):
                w = fit(*training_rows(data, list(tr)), c)
                for i in te:
                    probs[i] = line_model.probabilities(data[i]["X"], w)
            for g, decode in enumerate(grid):
                results.setdefault((c, g), []).append(f1(data, probs, decode))
        top = max((k for k in results if k[0] == c), key=lambda k: float(np.mean(results[k])))
        print(f"C={c}: best out-of-fold F1 {np.mean(results[top]):.4f} with {grid[top[1]]} "
              f"[{time.time() - t0:.0f}s]")
    (c, g) = max(results, key=lambda k: float(np.mean(results[k])))
    cv_f1 = float(np.mean(results[(c, g)]))
    w = fit(*training_rows(data, list(range(len(data)))), c)
    out = {
        "about": "whole-page text line classifier (storyline.clean.lines): logistic regression "
                 "over standardised line features, P(line is article body); decoded by "
                 "storyline.clean.text.model_clean; rebuilt by scripts/train_line_model.py on "
                 "the tuning part of dev/html (labels from the gold snippets)",
        "trained_on": {"pages": len(data), "labelled_lines": n_lab, "body_lines": n_body},
        "C": c,
        "cross_validation": {"folds": FOLDS, "shuffles": len(seeds),
                             "out_of_fold_f1": round(cv_f1, 4)},
        "decode": grid[g],
        "features": line_model.feature_names(),
        **w,
    }
    OUT.write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n", "utf-8")
    print(f"C={c}, decode {grid[g]}: out-of-fold F1 {cv_f1:.4f}; wrote {OUT}")


if __name__ == "__main__":
    main()
