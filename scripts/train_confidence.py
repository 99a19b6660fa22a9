"""Rebuild ``src/storyline/data/confidence.json``: the event confidence model.

Every development article of the whole-article gold (``benchmarks/gold/articles_events.json``,
``part: dev``; texts from ``../shared/dev/t17``) is cleaned and annotated exactly as
``storyline run`` does (:func:`storyline.annotate.stage.analyse`); each coded event is
labelled fully right or not against the gold (the benchmark's own matching,
``benchmarks/articles_eval.py``) and described by
:func:`storyline.events.confidence.features`. A logistic regression (scikit-learn,
``pip install 'storyline[train]'``) maps features to the probability of being fully right.
The default output threshold is chosen for precision on out-of-fold scores of the
development articles: the highest whose F0.5 of the type-level match (precision weighted
twice as much as recall) is within one standard error of the best. The events a user
sees are mostly real events, while confidence itself says how likely each is right in
every slot. The held-out part is only
scored: calibration (mean confidence against the fully-right rate, per bin) is printed,
never its errors.

    .venv/bin/python scripts/train_confidence.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

import articles_eval as ae  # noqa: E402
from storyline.annotate.stage import analyse  # noqa: E402
from storyline.api import event_json  # noqa: E402
from storyline.clean.article import make_article  # noqa: E402
from storyline.events.confidence import FEATURES, features, logit, platt  # noqa: E402
from storyline.model import Article, RawDocument  # noqa: E402

OUT = ROOT / "src/storyline/data/confidence.json"


def examples(gold: list[dict[str, Any]], texts: dict[str, dict[str, Any]]
             ) -> tuple[list[list[float]], list[int], list[int], list[str]]:
    """Feature vectors, fully-right labels, type-right labels (2: matches a required
    gold event, 1: an optional one, 0: none) and articles of every coded event."""
    xs: list[list[float]] = []
    arts: list[str] = []
    full: list[int] = []
    typed: list[int] = []
    for a in gold:
        key = f"{a['topic']}/{a['id']}"
        src = texts[key]
        art = make_article(RawDocument(path=key, kind="text", content=src["text"],
                                       input_id=key, given_published=src["time"],
                                       given_text=True))
        if not isinstance(art, Article):
            continue
        _doc, _ann, coded = analyse(art)
        n_lines = len(art.text.split("\n"))
        spans = [ae.locate(art.text, g["anchor"], g["line"], n_lines) for g in a["events"]]
        preds = [ae.Pred(event_json(c.event), [(c.event.mentions[0].start,
                                                c.event.mentions[0].end)]) for c in coded]
        ae.match_article(preds, a["events"], spans)
        for c, p in zip(coded, preds, strict=True):
            # the context as the pipeline gives it: the desk of the whole article
            from storyline.events.desk import desk_score

            xs.append(features(c.event, c.trigger, {"desk": desk_score(art.text)}))
            full.append(int(p.fully))
            typed.append(0 if p.gold is None else 2 if not a["events"][p.gold].get("optional")
                         else 1)
            arts.append(key)
    return xs, full, typed, arts


def seed_examples(shared: Path) -> list[tuple[str, list[float], int, int]]:
    """(seed file, features, fully right, type right: 2 required / 1 optional / 0) of every
    event coded in the seeds (``../shared/seeds``, read and cleaned as ``storyline run``
    reads them), against ``benchmarks/gold/seeds_events.json`` with the strict seeds check's
    slots (type, modality, source and target ids, date): one to one, best first."""
    from storyline.events.desk import desk_score
    from storyline.ingest.guard import clean_document
    from storyline.ingest.readers import read_documents

    gold = json.loads((ROOT / "benchmarks/gold/seeds_events.json").read_text(encoding="utf-8"))
    by_file = {a["file"]: a for a in gold["articles"]}
    out: list[tuple[str, list[float], int, int]] = []
    for item in read_documents([str(shared / "seeds")]):
        art = clean_document(item) if isinstance(item, RawDocument) else None
        g = by_file.get(Path(item.path).name) if isinstance(art, Article) else None
        if not isinstance(art, Article) or g is None:
            continue
        _doc, _ann, coded = analyse(art)
        desk = desk_score(art.text)
        used: set[int] = set()
        for c in coded:
            m = c.event.mentions[0]
            ej = event_json(c.event)
            best: tuple[int, int, bool] | None = None
            for gi, ge in enumerate(g["events"]):
                a0, a1 = ge["anchor"]["start"], ge["anchor"]["end"]
                if gi in used or not (m.start <= a0 and a1 <= m.end):
                    continue
                sl = ae._seed_slots(ej, ge)
                if sl["type"] and (best is None or sum(sl.values()) > best[0]):
                    best = (sum(sl.values()), gi, all(sl.values()))
            typed = full = 0
            if best is not None:
                used.add(best[1])
                typed = 1 if g["events"][best[1]]["optional"] else 2
                full = int(best[2])
            out.append((g["file"], features(c.event, c.trigger, {"desk": desk}), full, typed))
    return out


class TwoStage:
    """Confidence as two logistic regressions: P(the event is real and of the right type)
    times P(every slot is right | right type). The first learns from the many type-right
    events (a sharper line between events and non-events than the few fully right ones
    give: out-of-fold type AUC 0.70 -> 0.73 on the development articles), the second
    keeps the product calibrated on "fully right"."""

    C_EVENT = 1.0  # chosen by 5-fold cross-validation on the development articles
    C_SLOTS = 0.3

    def __init__(self, event: Any, slots: Any) -> None:
        self.event, self.slots = event, slots
        self.scale, self.shift = 1.0, 0.0  # Platt scaling of the product's logit

    def raw(self, xs: list[list[float]]) -> Any:
        """The uncalibrated product."""
        return self.event.predict_proba(xs)[:, 1] * self.slots.predict_proba(xs)[:, 1]

    def calibrate(self, lr: Any, oof: list[float], fully: list[int]) -> None:
        """Platt scaling fitted on out-of-fold products of the Timeline17 development
        articles: the seeds (well-coded conflict reporting) make the raw product
        overconfident on other news."""
        z = [[logit(p)] for p in oof]
        m = lr(C=1e4, max_iter=5000).fit(z, fully)
        self.scale, self.shift = float(m.coef_[0][0]), float(m.intercept_[0])

    def calibrated(self, p: float) -> float:
        return platt(p, self.scale, self.shift)

    @classmethod
    def fit(cls, lr: Any, xs: list[list[float]], typed: list[int], fully: list[int],
            weights: list[float]) -> TwoStage:
        event = lr(C=cls.C_EVENT, max_iter=5000).fit(xs, typed, sample_weight=weights)
        keep = [i for i, v in enumerate(typed) if v]
        slots = lr(C=cls.C_SLOTS, max_iter=5000).fit(
            [xs[i] for i in keep], [fully[i] for i in keep],
            sample_weight=[weights[i] for i in keep])
        return cls(event, slots)

    def predict_proba(self, xs: list[list[float]]) -> Any:
        p = np.array([self.calibrated(float(v)) for v in self.raw(xs)])
        return np.column_stack([1.0 - p, p])

    def calibration(self) -> dict[str, float]:
        return {"scale": round(self.scale, 4), "shift": round(self.shift, 4)}

    def stages(self) -> dict[str, Any]:
        return {name: {"bias": round(float(m.intercept_[0]), 4),
                       "weights": {f: round(float(w), 4)
                                   for f, w in zip(FEATURES, m.coef_[0], strict=True)}}
                for name, m in (("event", self.event), ("slots", self.slots))}


def _fbeta(p: float, r: float, beta: float = 0.5) -> float:
    b2 = beta * beta
    return (1 + b2) * p * r / (b2 * p + r) if p + r else 0.0


SEED_WEIGHT = 0.5  # a seed event counts half a Timeline17 event in the fit


def _seeds_left_out(seeds: list[tuple[str, list[float], int, int]], fit: Any,
                    dev_x: list[list[float]], dev_typed: list[int], n_req: int) -> None:
    """Each seed scored by a model fitted without it (its threshold chosen on the
    development articles, as for the shipped model): the seeds figure not tuned on itself."""
    if not seeds:
        return
    gold = json.loads((ROOT / "benchmarks/gold/seeds_events.json").read_text(encoding="utf-8"))
    req = sum(1 for a in gold["articles"] for g in a["events"] if not g["optional"])
    kept: list[tuple[int, int]] = []
    scored: list[tuple[float, int]] = []
    for name in sorted({r[0] for r in seeds}):
        model = fit([r for r in seeds if r[0] != name])
        thr = _threshold(list(model.predict_proba(dev_x)[:, 1]), dev_typed, n_req)
        test = [r for r in seeds if r[0] == name]
        for r, p in zip(test, model.predict_proba([r[1] for r in test])[:, 1], strict=True):
            scored.append((float(p), r[2]))
            if p >= thr:
                kept.append((r[2], r[3]))
    print("seeds, each left out, calibration:", json.dumps(_bins(scored)))
    print(f"seeds, each left out: {len(kept)} kept of {len(seeds)}; right type "
          f"{sum(1 for _, tt in kept if tt)}/{len(kept)}; required found "
          f"{sum(1 for _, tt in kept if tt == 2)}/{req}; fully right "
          f"{sum(f for f, _ in kept)}/{req} (before merging)")


def _bins(scored: list[tuple[float, int]]) -> list[dict[str, Any]]:
    """Calibration: per confidence bin, the events, their mean confidence and the share
    fully right."""
    bins: list[dict[str, Any]] = []
    for lo, hi in ((0.0, 0.1), (0.1, 0.2), (0.2, 0.4), (0.4, 0.6), (0.6, 1.01)):
        sel = [(p, yy) for p, yy in scored if lo <= p < hi]
        if sel:
            bins.append({"bin": [lo, min(hi, 1.0)], "events": len(sel),
                         "mean_confidence": round(sum(p for p, _ in sel) / len(sel), 3),
                         "fully_right_rate": round(sum(yy for _, yy in sel) / len(sel), 3)})
    return bins


GRID = [round(0.02 * i, 2) for i in range(1, 21)]  # candidate thresholds 0.02 .. 0.40


def _oof_threshold(x: list[list[float]], y: list[int], t: list[int], arts: list[str],
                   seeds: list[tuple[str, list[float], int, int]], req: dict[str, int],
                   lr: Any) -> tuple[list[float], list[float]]:
    """Candidate default thresholds (on the uncalibrated product) and the out-of-fold
    scores of the first shuffle (what the calibration learns from). Candidate thresholds, most precise first, chosen on scores the model did
    not see: the development
    articles in five folds (five shuffles), each fold scored by a model fitted on the other
    folds and the seeds. Each candidate's F0.5 of the type-level match is taken per fold;
    the candidates are the thresholds whose mean is within one standard error (over the
    folds) of the best mean, highest first (precision first): the curve is flat near its
    top, and an in-sample maximum overstates how precise the kept events are."""
    import random

    groups = sorted(set(arts))
    per_fold: dict[float, list[float]] = {thr: [] for thr in GRID}
    first = [0.0] * len(x)
    for shuffle in range(5):
        order = groups[:]
        random.Random(shuffle).shuffle(order)
        for k in range(5):
            fold = set(order[k::5])
            tr = [i for i, a in enumerate(arts) if a not in fold]
            model = TwoStage.fit(
                lr, [x[i] for i in tr] + [r[1] for r in seeds],
                [int(t[i] > 0) for i in tr] + [int(r[3] > 0) for r in seeds],
                [y[i] for i in tr] + [r[2] for r in seeds],
                [1.0] * len(tr) + [SEED_WEIGHT] * len(seeds))
            te = [i for i, a in enumerate(arts) if a in fold]
            probs = model.raw([x[i] for i in te])
            if shuffle == 0:
                for i, p in zip(te, probs, strict=True):
                    first[i] = float(p)
            n_req = sum(req[a] for a in fold)
            for thr in GRID:
                kept = [t[i] for i, p in zip(te, probs, strict=True) if p >= thr]
                prec = sum(1 for tt in kept if tt) / len(kept) if kept else 0.0
                rec = sum(1 for tt in kept if tt == 2) / max(1, n_req)
                per_fold[thr].append(_fbeta(prec, rec))
    mean = {thr: float(np.mean(v)) for thr, v in per_fold.items()}
    best = max(mean, key=lambda thr: mean[thr])
    se = float(np.std(per_fold[best], ddof=1) / np.sqrt(5))  # five folds per shuffle
    for thr in GRID:
        print(f"  out-of-fold F0.5 at {thr}: {mean[thr]:.3f}")
    return sorted((thr for thr in GRID if mean[thr] >= mean[best] - se), reverse=True), first


SEEDS_FULLY_RIGHT = 0.90  # issue 11: 90% of the seeds' core events fully right


def _seeds_strict(threshold: float) -> float:
    """The seeds' strict fully-right recall of the whole pipeline (merging included) at a
    threshold, with the model file as now written (in a fresh process, which loads it)."""
    import os
    import subprocess

    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    proc = subprocess.run([sys.executable, str(ROOT / "benchmarks/articles_eval.py"),
                           "--only", "seeds", "--min-confidence", str(threshold)],
                          capture_output=True, text=True, env=env, check=True)
    result = json.loads(proc.stdout[proc.stdout.index("{"):])
    return float(result["seeds_strict"]["fully_right_recall"])


def _write(clf: Any, threshold: float, meta: dict[str, Any]) -> None:
    OUT.write_text(json.dumps({
        "about": "event confidence: P(a real event of the right type) x P(type, source, "
                 "target, modality and date all right | right type), two logistic "
                 "regressions over storyline.events.confidence.features; rebuilt by "
                 "scripts/train_confidence.py on the development part of "
                 "benchmarks/gold/articles_events.json and the seeds "
                 "(benchmarks/gold/seeds_events.json)",
        **meta, "stages": clf.stages(), "calibration": clf.calibration(),
        "threshold": threshold}, indent=1) + "\n",
        encoding="utf-8")


def _threshold(probs: list[float], typed: list[int], n_req: int) -> float:
    """The threshold with the best development F0.5 of the type-level match."""
    best = (0.0, 0.0)
    for thr in sorted({round(float(p), 3) for p in probs}):
        kept = [tt for tt, p in zip(typed, probs, strict=True) if p >= thr]
        if not kept:
            continue
        prec = sum(1 for tt in kept if tt) / len(kept)
        rec = sum(1 for tt in kept if tt == 2) / max(1, n_req)
        f = _fbeta(prec, rec)
        if f > best[0]:
            best = (f, thr)
    return best[1]


def main() -> int:
    shared = ae.shared_dir()
    if shared is None:
        print("../shared/dev/t17 is absent: nothing to train on", file=sys.stderr)
        return 2
    from sklearn.linear_model import LogisticRegression

    gold = ae.load_gold()
    texts = ae.load_texts(shared, gold)
    # the Timeline17 articles: the shipped model was trained on these (a model trained
    # with the dev/html pages too, two-stage, was tried and did not beat it held out)
    gold = [a for a in gold if a["topic"] != ae.HTML]
    dev = [a for a in gold if a["part"] == "dev"]
    held = [a for a in gold if a["part"] == "heldout"]
    x, y, t, arts = examples(dev, texts)
    print(f"development: {len(y)} coded events, {sum(y)} fully right, "
          f"{sum(1 for v in t if v)} right type")
    # The seeds are the only conflict reporting in the development material: without them
    # the model learns from the oil-spill, flu and earthquake topics that attacks are
    # rarely right. They train the weights (at SEED_WEIGHT each); the threshold is chosen
    # on the Timeline17 development articles alone, and the seeds are scored leave one
    # seed out.
    seeds = seed_examples(shared) if (shared / "seeds").is_dir() else []

    def fit(rows: list[tuple[str, list[float], int, int]]) -> Any:
        xs = x + [r[1] for r in rows]
        weights = [1.0] * len(x) + [SEED_WEIGHT] * len(rows)
        typed = [int(v > 0) for v in t] + [int(r[3] > 0) for r in rows]
        fully = y + [r[2] for r in rows]
        return TwoStage.fit(LogisticRegression, xs, typed, fully, weights)

    clf = fit(seeds)
    probs = clf.predict_proba(x)[:, 1]
    n_req = sum(1 for a in dev for g in a["events"] if not g.get("optional"))
    req = {f"{a['topic']}/{a['id']}": sum(1 for g in a["events"] if not g.get("optional"))
           for a in dev}
    raw_candidates, oof = _oof_threshold(x, y, t, arts, seeds, req, LogisticRegression)
    clf.calibrate(LogisticRegression, oof, y)
    print(f"calibration: scale {clf.scale:.3f}, shift {clf.shift:.3f}")
    candidates = [round(clf.calibrated(thr), 3) for thr in raw_candidates]
    meta: dict[str, Any] = {
        "trained_on": {"events": len(y), "right_type": sum(1 for v in t if v),
                       "fully_right": sum(y), "seed_events": len(seeds),
                       "seed_weight": SEED_WEIGHT,
                       "threshold_from": "out-of-fold Timeline17 development articles; "
                                         "the seeds' strict check"}}
    # the most precise candidate that keeps the seeds' target (the seeds are development
    # material); the least precise one when none does
    threshold = candidates[-1]
    for thr in candidates:
        _write(clf, thr, meta)
        strict = _seeds_strict(thr)
        print(f"  seeds strict fully right at {thr}: {strict:.3f}")
        if strict >= SEEDS_FULLY_RIGHT:
            threshold = thr
            break
    print(f"threshold {threshold} (the most precise within one standard error of the best "
          "out-of-fold development F0.5 of the type-level match that keeps the seeds' "
          f"strict figure at {SEEDS_FULLY_RIGHT} or more)")
    for thr in (0.0, 0.02, 0.03, 0.04, 0.05, 0.06, 0.08, 0.1, 0.15, 0.2):
        kept2 = [(yy, tt) for yy, tt, p in zip(y, t, probs, strict=True) if p >= thr]
        print(f"  dev >= {thr}: {len(kept2)} events, right type {sum(1 for _, tt in kept2 if tt)}"
              f", required matched {sum(1 for _, tt in kept2 if tt == 2)}/{n_req}, "
              f"fully right {sum(yy for yy, _ in kept2)}/{sum(y)}")
    _seeds_left_out(seeds, fit, x, t, n_req)
    hx, hy, ht, _ = examples(held, texts)
    hp = clf.predict_proba(hx)[:, 1] if hx else []
    bins = _bins([(float(p), yy) for p, yy in zip(hp, hy, strict=True)])
    kept_h = [(yy, tt) for p, yy, tt in zip(hp, hy, ht, strict=True) if p >= threshold]
    print("held-out calibration:", json.dumps(bins))
    print(f"held-out: {len(hy)} events, {len(kept_h)} at or above the threshold")
    _write(clf, threshold, {**meta, "held_out_calibration": bins})
    print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
