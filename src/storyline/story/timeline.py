"""Timeline summarisation: the dates a story happened on, each with a few source sentences.

A DATEWISE-style method (Gholipour Ghalandari & Ifrim 2020) without a trained ranker:

1. Split every article into sentences and find the day-precision dates each sentence
   refers to (:func:`storyline.annotate.times.find_times` against the publication
   date, once per article so that anaphora keep their context).
2. Score each date by how many distinct articles refer to it; an article also gives a
   weaker vote to its own publication date and the day before (news mostly reports
   the last day or two) when it has sentences without a date expression.
3. Keep the best ``n_dates`` dates inside the window; for each, rank its candidate
   sentences (those that mention the date, then undated sentences of articles
   published on it or the day after) by cosine similarity to the TF-IDF centroid of
   the candidates, skipping any sentence too similar to one already chosen.

Sentences are returned verbatim (whitespace stripped only). The function is pure.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

import numpy as np

from storyline.annotate.times import find_times, resolve_range
from storyline.model import TimeExpression

__all__ = ["TimelineConfig", "build_timeline"]


@dataclass(frozen=True, slots=True)
class TimelineConfig:
    """The timeline's tunables, in one place (chosen with ``benchmarks/t17.py``).

    The defaults are the setting the leave-one-topic-out protocol of that benchmark
    selects most often; the benchmark reports how far figures fall on a held-out topic.
    """

    ref_weight: float = 1.0  # an article refers to the date explicitly
    pub_weight: float = 0.5  # an article was published on the date (undated sentences)
    pub_prev_weight: float = 0.25  # an article was published the day after the date
    redundancy: float = 0.5  # cosine above which a sentence repeats one already chosen
    mention_bonus: float = 0.1  # added to the centroid score of sentences naming the date
    min_tokens: int = 5
    max_tokens: int = 40


DEFAULT_CONFIG = TimelineConfig()

_SPLIT = re.compile(r"(?<=[.!?])[\"')\]’”]*\s+(?=[\"'(\[‘“]?[A-Z0-9])")
_ABBREV = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|Gen|Col|Lt|Sgt|Capt|Sen|Rep|Gov|St|Jr|Sr|No|Inc|Ltd|Co|Corp|vs"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)|\b[A-Z](?:\.[A-Z])*)\.$"
)
_WORD = re.compile(r"[a-z0-9]+")
_STOP_WORDS = (
    """a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each few
    for from further had has have having he her here hers herself him himself his how i if in
    into is it its itself just me more most my myself no nor not now of off on once only or
    other our ours ourselves out over own said same says she should so some such than that the
    their theirs them themselves then there these they this those through to too under until up
    very was we were what when where which while who whom why will with would you your yours
    yourself yourselves s t"""
)
_STOP = frozenset(_STOP_WORDS.split())


@dataclass(slots=True)
class _Sentence:
    article: str
    published: dt.date | None
    text: str
    dates: set[dt.date] = field(default_factory=set)
    dated: bool = False  # it has any date expression (of any precision)


def _split(text: str) -> list[tuple[int, int]]:
    """Sentence spans: lines first, then sentence-final punctuation before a capital."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        start = pos
        pos += len(line) + 1
        cut = start
        for m in _SPLIT.finditer(line):
            end = start + m.start()
            if _ABBREV.search(text[cut:end]):
                continue
            spans.append((cut, end))
            cut = start + m.end()
        spans.append((cut, start + len(line)))
    out = []
    for a, b in spans:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            out.append((a, b))
    return out


def _day(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _sentences(article_id: str, published: str, text: str,
               times: list[TimeExpression] | None = None) -> list[_Sentence]:
    pub = _day(published)
    spans = _split(text or "")
    sents = [_Sentence(article_id, pub, text[a:b]) for a, b in spans]
    if not sents or pub is None:
        return sents
    starts = [a for a, _ in spans]
    for t in times if times is not None else find_times(text, pub.isoformat()):
        if t.type not in ("DATE", "TIME"):
            continue
        # the sentence holding the expression: last span starting at or before it
        lo, hi = 0, len(starts) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if starts[mid] <= t.start:
                lo = mid
            else:
                hi = mid - 1
        s = sents[lo]
        rng = resolve_range(t.value)
        if rng is None:
            continue  # PRESENT_REF and the like: still undated
        s.dated = True
        if rng[0] == rng[1] and (d := _day(rng[0])) is not None:
            s.dates.add(d)
    return sents


def _tokens(text: str) -> list[str]:
    return [w for w in _WORD.findall(text.lower()) if w not in _STOP and len(w) > 1]


def _tfidf(docs: list[list[str]]) -> np.ndarray:
    vocab: dict[str, int] = {}
    for d in docs:
        for w in d:
            vocab.setdefault(w, len(vocab))
    m = np.zeros((len(docs), max(len(vocab), 1)), dtype=np.float64)
    for i, d in enumerate(docs):
        for w, c in Counter(d).items():
            m[i, vocab[w]] = c
    df = (m > 0).sum(axis=0)
    idf = np.log((1 + len(docs)) / (1 + df)) + 1.0
    m *= idf
    norms = np.linalg.norm(m, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return m / norms


def _key(text: str) -> str:
    return " ".join(text.lower().split())


def _pick(cands: list[_Sentence], k: int, used: set[str], day: dt.date | None,
          cfg: TimelineConfig) -> list[_Sentence]:
    """Up to ``k`` central, mutually non-redundant sentences not in ``used`` (updated)."""
    if k <= 0 or not cands:
        return []
    seen: set[str] = set(used)
    uniq: list[_Sentence] = []
    toks: list[list[str]] = []
    for s in cands:
        key = _key(s.text)
        n = len(s.text.split())
        if key in seen or n < cfg.min_tokens or n > cfg.max_tokens:
            continue
        seen.add(key)
        uniq.append(s)
        toks.append(_tokens(s.text))
    if not uniq:
        return []
    vecs = _tfidf(toks)
    centroid = vecs.mean(axis=0)
    cn = float(np.linalg.norm(centroid))
    scores = vecs @ centroid / cn if cn else np.zeros(len(uniq))
    if day is not None and cfg.mention_bonus:
        scores = scores + cfg.mention_bonus * np.array([day in s.dates for s in uniq], dtype=float)
    chosen: list[int] = []
    for i in np.argsort(-scores, kind="stable"):
        if len(chosen) >= k:
            break
        if chosen and float(np.max(vecs[chosen] @ vecs[i])) > cfg.redundancy:
            continue
        chosen.append(int(i))
    used.update(_key(uniq[i].text) for i in chosen)
    return [uniq[i] for i in chosen]


def build_timeline(
    articles: list[tuple[str, str, str]],
    *,
    n_dates: int | None,
    n_sentences: int,
    date_from: str | None = None,
    date_to: str | None = None,
    times: dict[str, list[TimeExpression]] | None = None,
    config: TimelineConfig | None = None,
) -> list[dict]:
    """Timeline entries for ``articles`` (``(article_id, published_iso_date, text)``).

    Returns at most ``n_dates`` entries (all dates with support when None) inside
    ``[date_from, date_to]``, sorted by date, each
    ``{"date", "precision": "day", "summary": [sentences], "events": [], "sources": [ids]}``
    with at most ``n_sentences`` verbatim sentences. ``times`` may give each article's
    time expressions (as :func:`find_times` finds them against its publication date, e.g.
    stored by the annotation stage) so that they are not searched again.
    """
    cfg = config or DEFAULT_CONFIG
    lo = _day(date_from) or dt.date.min
    hi = _day(date_to) or dt.date.max
    refs: dict[dt.date, set[str]] = defaultdict(set)
    pubs: dict[dt.date, set[str]] = defaultdict(set)
    pubs_after: dict[dt.date, set[str]] = defaultdict(set)
    by_date: dict[dt.date, list[_Sentence]] = defaultdict(list)
    undated_by_pub: dict[dt.date, list[_Sentence]] = defaultdict(list)
    for art_id, published, text in articles:
        sents = _sentences(str(art_id), published, text,
                           times.get(str(art_id)) if times is not None else None)
        has_undated = False
        for s in sents:
            for d in s.dates:
                if lo <= d <= hi:
                    refs[d].add(s.article)
                    by_date[d].append(s)
            if not s.dated and s.published is not None:
                has_undated = True
                undated_by_pub[s.published].append(s)
        pub = _day(published)
        if has_undated and pub is not None:
            if lo <= pub <= hi:
                pubs[pub].add(str(art_id))
            prev = pub - dt.timedelta(days=1)
            if lo <= prev <= hi:
                pubs_after[prev].add(str(art_id))

    scores: dict[dt.date, float] = {}
    for d in set(refs) | set(pubs) | set(pubs_after):
        scores[d] = (cfg.ref_weight * len(refs.get(d, ()))
                     + cfg.pub_weight * len(pubs.get(d, ()))
                     + cfg.pub_prev_weight * len(pubs_after.get(d, ())))
    limit = len(scores) if n_dates is None else max(n_dates, 0)
    entries: list[dict] = []
    used: set[str] = set()  # a sentence summarises one date only
    for d in sorted(scores, key=lambda d: (-scores[d], d)):
        if len(entries) >= limit:
            break
        cands = list(by_date.get(d, []))
        cands += undated_by_pub.get(d, [])
        cands += undated_by_pub.get(d + dt.timedelta(days=1), [])
        picked = _pick(cands, n_sentences, used, d, cfg)
        if not picked and n_sentences > 0:
            continue  # nothing quotable for this date: take the next one
        sources: list[str] = []
        for s in picked:
            if s.article not in sources:
                sources.append(s.article)
        entries.append({
            "date": d.isoformat(),
            "precision": "day",
            "summary": [s.text.strip() for s in picked],
            "events": [],
            "sources": sources,
        })
    entries.sort(key=lambda e: e["date"])
    return entries
