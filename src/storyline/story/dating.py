"""Cross-document dating: choose the year of an undated article from its neighbours.

An article whose references fix the day and month of its publication but not
the year ("on Sept. 11-12" still ahead, nothing else) is dated near the dated
article most similar to it in the same store: coverage of one story clusters
in time. The article keeps ``source: inferred`` and a warning says how.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

from storyline.clean.dates import infer_date
from storyline.store.db import Store
from storyline.text import tfidf
from storyline.text.vocab import NEWS_FILLER, STOP_WORDS

_WORD = re.compile(r"[A-Za-z][A-Za-z'-]{3,}")
_STOP = STOP_WORDS | NEWS_FILLER
MAX_NEIGHBOURS = 20_000


def _vector(text: str) -> Counter[str]:
    return Counter(w.lower() for w in _WORD.findall(text) if w.lower() not in _STOP)


# the warning of an article dated from its neighbour (its date follows it)
INFERRED_NOTE = "publication year inferred from the most similar dated article"


def refine_undated(store: Store) -> int:
    """Re-infer the dates of undated articles with a hint from similar dated ones.

    When the dated articles changed since the last run (removed from an edited file,
    added), the articles dated from them before are dated again, as a fresh run on the
    same inputs dates them: an article kept the year of a neighbour that was gone."""
    key = store.dated_key(MAX_NEIGHBOURS)
    undated = store.undated_articles()
    if key != store.last_dated_key():
        undated = sorted(set(undated) | set(store.refined_articles(INFERRED_NOTE)))
    changed = _refine(store, undated)
    store.set_dated_key(key)
    return changed


def _refine(store: Store, undated: list[tuple[str, str]]) -> int:
    if not undated:
        return 0
    dated = store.dated_articles(MAX_NEIGHBOURS)
    if not dated:
        return 0
    vectors = [(_vector(t), d) for _, t, d in dated]
    df: Counter[str] = Counter()
    for v, _ in vectors:
        df.update(v.keys())
    n = len(vectors)

    def weigh(v: Counter[str]) -> dict[str, float]:
        return tfidf.weigh(v, df, n)

    weighted = [(weigh(v), d) for v, d in vectors]
    changed = 0
    for aid, text in undated:
        q = weigh(_vector(text))
        best, best_date = -1.0, None
        for w, d in weighted:
            sim = tfidf.dot(q, w)
            if sim > best:
                best, best_date = sim, d
        if best_date is None:
            continue
        near = dt.date.fromisoformat(best_date)
        pub = infer_date(text, near=near)
        if pub is None or pub.date is None:
            continue
        store.update_published(aid, pub, f"{INFERRED_NOTE} ({best_date})",
                               replaces=INFERRED_NOTE)
        changed += 1
    return changed
