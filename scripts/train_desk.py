"""Rebuild ``src/storyline/data/desk.json``: is an article politics/world news or another desk?

Trained on ``../shared/dev/train/bbc_news_train.tsv`` (1,588 BBC articles, lower-cased,
punctuation stripped; label 1 = politics, 0 = business, sport, tech, entertainment).
A logistic regression over binary word features (scikit-learn, ``pip install
'storyline[train]'``); only the vocabulary and its weights are shipped, and
:mod:`storyline.events.desk` applies them with plain Python. A fixed fifth of the
articles is held out and scored before the final model is fitted on all of them.

    .venv/bin/python scripts/train_desk.py [--shared ../shared]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from storyline.events.desk import TOKEN, words  # noqa: E402

OUT = ROOT / "src/storyline/data/desk.json"
VOCAB = 4000


def _fit(texts: list[str], labels: list[int]) -> tuple[list[str], list[float], float]:
    from sklearn.feature_extraction.text import CountVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = CountVectorizer(binary=True, min_df=3, max_features=VOCAB, token_pattern=TOKEN,
                          stop_words="english")
    x = vec.fit_transform(texts)
    clf = LogisticRegression(C=0.5, max_iter=2000, class_weight="balanced")
    clf.fit(x, labels)
    vocab = list(vec.get_feature_names_out())
    return vocab, [float(w) for w in clf.coef_[0]], float(clf.intercept_[0])


def _score(vocab: list[str], weights: list[float], bias: float, text: str) -> float:
    w = dict(zip(vocab, weights, strict=True))
    return bias + sum(w.get(t, 0.0) for t in words(text))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = ap.parse_args()
    path = args.shared / "dev/train/bbc_news_train.tsv"
    if not path.exists():
        print(f"{path} is absent: nothing to train on", file=sys.stderr)
        return 2
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        text, _, label = line.rpartition("\t")
        if label.strip() in ("0", "1"):
            rows.append((text, int(label)))
    held = [r for r in rows if hashlib.sha1(r[0].encode()).digest()[0] % 5 == 0]
    train = [r for r in rows if hashlib.sha1(r[0].encode()).digest()[0] % 5 != 0]
    vocab, weights, bias = _fit([t for t, _ in train], [y for _, y in train])
    tp = fp = fn = correct = 0
    for text, y in held:
        p = int(_score(vocab, weights, bias, text) > 0)
        correct += p == y
        tp += p and y
        fp += p and not y
        fn += (not p) and y
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    print(f"held-out ({len(held)} articles): accuracy {correct / len(held):.3f}, politics "
          f"precision {prec:.3f} recall {rec:.3f}")
    vocab, weights, bias = _fit([t for t, _ in rows], [y for _, y in rows])
    keep = [(v, round(w, 4)) for v, w in zip(vocab, weights, strict=True) if abs(w) >= 0.01]
    OUT.write_text(json.dumps({
        "about": "politics-desk classifier: logistic regression over binary words; "
                 "rebuilt by scripts/train_desk.py from dev/train/bbc_news_train.tsv",
        "held_out": {"articles": len(held), "accuracy": round(correct / len(held), 3),
                     "precision": round(prec, 3), "recall": round(rec, 3)},
        "bias": round(bias, 4), "weights": dict(keep)}, indent=0, sort_keys=True) + "\n",
        encoding="utf-8")
    print(f"wrote {OUT} ({len(keep)} words)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
