"""Rebuild ``src/storyline/data/target_ranker.json``: the learned last resort for targets.

Trains ONLY on the development two-thirds of ``../shared/dev/train/cameo_ner_train.txt``
(the hash split of ``benchmarks/actors_eval.py``, imported from it; the held-out third is
never read here). Each development sentence is coded by the product's coder with the
ranker off; where its main event has no target, every candidate of
:func:`storyline.events.ranker.candidates` is one example, labelled by whether its text
shares a word with the marked target (the benchmark's own test). A logistic regression
(scikit-learn, ``pip install 'storyline[train]'``) learns the weights of
:func:`storyline.events.ranker.features`; the threshold is the one that maximises the
development target F1 of the benchmark with five-fold out-of-fold scores, keeping
precision at or above 0.75.

    .venv/bin/python scripts/train_target_ranker.py
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

import actors_eval as ae  # noqa: E402
from storyline.events import ranker  # noqa: E402

OUT = ROOT / "src/storyline/data/target_ranker.json"
MIN_PRECISION = 0.75
C = 0.5
C = float(__import__("os").environ.get("RANKER_C", "0.5"))


def _held_out(text: str) -> bool:
    return hashlib.sha1(text.encode()).digest()[0] % 3 == 0  # as actors_eval.main


def examples(rows: list[dict[str, Any]]) -> tuple[list[list[list[str]]], list[list[int]],
                                                  dict[str, int]]:
    """Per sentence without a rule target: candidate features and labels; and the
    benchmark's counts of the rules alone (tp, fp, fn)."""
    from storyline.annotate.actors import find_actors
    from storyline.annotate.places import find_places, story_countries
    from storyline.annotate.stage import load_nlp
    from storyline.annotate.times import find_times
    from storyline.events.coder import get_coder, main_event

    ranker.ENABLED = False
    nlp, coder = load_nlp(), get_coder()
    feats: list[list[list[str]]] = []
    labels: list[list[int]] = []
    counts = {"tp": 0, "fp": 0, "fn": 0}
    for r, doc in zip(rows, nlp.pipe([r["text"] for r in rows]), strict=True):
        countries = story_countries(doc)
        actors = find_actors(doc, published=None,
                             story_country=countries[0] if countries else None)
        places = find_places(doc, context_countries=countries)
        coded = coder.code(doc, article_id="train", published=None, actors=actors,
                           times=find_times(r["text"], None), places=places)
        gold = ae._words(" ".join(r["target"]))
        m = main_event(coded, doc)
        ev = coded[m].event if m is not None else None
        got = ae._texts(ev.target) if ev is not None else []
        if got:
            ok = bool(gold) and any(ae._words(t) & gold for t in got)
            counts["tp"] += ok
            counts["fp"] += not ok
            counts["fn"] += bool(gold) and not ok
            continue
        counts["fn"] += bool(gold)
        if ev is None or m is None or coded[m].trigger is None:
            continue
        trig = coded[m].trigger
        assert trig is not None
        cands = ranker.candidates(doc, trig, actors, places, (), ev.source, ev.type)
        if not cands:
            continue
        feats.append([ranker.features(trig, ev.type, c) for c in cands])
        labels.append([int(bool(gold) and bool(ae._words(c.text) & gold)) for c in cands])
    ranker.ENABLED = True
    return feats, labels, counts


def _f1(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main() -> int:
    shared = ae.shared_dir()
    if shared is None:
        print("../shared/dev/train is absent: nothing to train on", file=sys.stderr)
        return 2
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    rows = [r for r in ae.load(shared / "dev/train/cameo_ner_train.txt")
            if not _held_out(r["text"])]
    feats, labels, base = examples(rows)
    n = len(feats)
    print(f"development: {len(rows)} sentences; rules alone tp {base['tp']} fp {base['fp']} "
          f"fn {base['fn']}; {n} without a target with candidates, "
          f"{sum(1 for ls in labels if any(ls))} with a right one")

    def fit(idx: list[int]) -> tuple[DictVectorizer, LogisticRegression]:
        vec = DictVectorizer()
        x = vec.fit_transform([{f: 1.0 for f in fs} for i in idx for fs in feats[i]])
        y = [lab for i in idx for lab in labels[i]]
        clf = LogisticRegression(C=C, max_iter=5000, fit_intercept=False)
        clf.fit(x, y)
        return vec, clf

    # five-fold out-of-fold scores: the best candidate of each sentence and its label
    oof: list[tuple[float, int]] = [(0.0, 0)] * n
    for k in range(5):
        test = [i for i in range(n) if i % 5 == k]
        vec, clf = fit([i for i in range(n) if i % 5 != k])
        for i in test:
            probs = clf.predict_proba(vec.transform([{f: 1.0 for f in fs}
                                                     for fs in feats[i]]))[:, 1]
            j = max(range(len(probs)), key=lambda q: probs[q])
            oof[i] = (float(probs[j]), labels[i][j])
    best = (-1.0, 1.01)
    for thr in sorted({round(s, 3) for s, _ in oof}):
        tp = base["tp"] + sum(lab for s, lab in oof if s >= thr)
        fp = base["fp"] + sum(1 - lab for s, lab in oof if s >= thr)
        fn = base["fn"] - sum(lab for s, lab in oof if s >= thr)
        p, _r, f = _f1(tp, fp, fn)
        if p >= MIN_PRECISION and f > best[0]:
            best = (f, thr)
    threshold = best[1]
    p0, r0, f0 = _f1(base["tp"], base["fp"], base["fn"])
    print(f"rules alone: P {p0:.3f} R {r0:.3f} F1 {f0:.3f}; with the ranker "
          f"(out of fold, threshold {threshold}): F1 {best[0]:.3f}")
    vec, clf = fit(list(range(n)))
    weights = {name: round(float(w), 4) for name, w in
               zip(vec.get_feature_names_out(), clf.coef_[0], strict=True) if abs(w) >= 1e-4}
    OUT.write_text(json.dumps({
        "about": "target ranker: logistic regression scoring the actors and places of a "
                 "sentence as the target of an event the rules gave none "
                 "(storyline.events.ranker.features); rebuilt by "
                 "scripts/train_target_ranker.py on the development two-thirds of "
                 "dev/train/cameo_ner_train.txt",
        "trained_on": {"sentences": n, "candidates": sum(len(ls) for ls in labels),
                       "right": sum(sum(ls) for ls in labels)},
        "development_out_of_fold_f1": round(best[0], 3),
        "threshold": threshold, "weights": weights}, indent=1, sort_keys=False) + "\n",
        encoding="utf-8")
    print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
