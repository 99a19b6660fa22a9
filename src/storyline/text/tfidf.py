"""The one TF-IDF weighting: smoothed inverse document frequency, unit vectors, cosine.

Vectors are sparse dictionaries (term -> weight), so the same functions serve a batch of
sentences (the timeline) and an incremental corpus whose document frequencies live in the
store (stories).

>>> vecs, idf = tfidf([["ferry", "sank"], ["ferry", "rescue"]])
>>> round(idf["ferry"], 3), round(idf["sank"], 3)
(1.0, 1.405)
>>> round(dot(vecs[0], vecs[1]), 3)
0.336
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from typing import TypeVar

K = TypeVar("K", bound=Hashable)


def idf(df: int, n_docs: int) -> float:
    """Smoothed IDF (as scikit-learn's ``smooth_idf``): ``ln((1 + n) / (1 + df)) + 1``."""
    return math.log((1 + n_docs) / (1 + df)) + 1.0


def unit(weights: Mapping[K, float]) -> dict[K, float]:
    """``weights`` scaled to unit length (empty when all are zero)."""
    n = math.sqrt(sum(x * x for x in weights.values()))
    return {t: x / n for t, x in weights.items()} if n else {}


def dot(a: Mapping[K, float], b: Mapping[K, float]) -> float:
    """Dot product of two sparse vectors (their cosine when both are unit vectors)."""
    if len(a) > len(b):
        a, b = b, a
    return sum(x * b.get(t, 0.0) for t, x in a.items())


def norm(v: Mapping[K, float]) -> float:
    return math.sqrt(sum(x * x for x in v.values()))


def weigh(counts: Mapping[K, int], df: Mapping[K, int], n_docs: int, *,
          sublinear: bool = False, boost: Callable[[K], float] | None = None) -> dict[K, float]:
    """The unit TF-IDF vector of one document's term ``counts`` against document
    frequencies ``df`` over ``n_docs`` documents; ``sublinear`` uses ``1 + ln(tf)``,
    ``boost(term)`` multiplies a term's weight (entities over words)."""
    vec: dict[K, float] = {}
    for t, c in counts.items():
        w = ((1.0 + math.log(c)) if sublinear else float(c)) * idf(df.get(t, 0), n_docs)
        if boost is not None:
            w *= boost(t)
        vec[t] = w
    return unit(vec)


def tfidf(docs: Sequence[Iterable[K]]) -> tuple[list[dict[K, float]], dict[K, float]]:
    """Unit TF-IDF vectors of ``docs`` (each a sequence of terms) and each term's IDF."""
    bags = [Counter(d) for d in docs]
    df: Counter[K] = Counter()
    for b in bags:
        df.update(b.keys())
    weights = {t: idf(c, len(bags)) for t, c in df.items()}
    return [unit({t: c * weights[t] for t, c in b.items()}) for b in bags], weights


def mean(vecs: Sequence[Mapping[K, float]]) -> dict[K, float]:
    """The mean of sparse vectors (the centroid)."""
    total: dict[K, float] = {}
    for v in vecs:
        for t, x in v.items():
            total[t] = total.get(t, 0.0) + x
    n = max(len(vecs), 1)
    return {t: x / n for t, x in total.items()}
