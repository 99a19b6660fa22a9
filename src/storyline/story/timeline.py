"""Timeline summarisation: the dates a story happened on, each with a few source sentences.

A DATEWISE-style method (Gholipour Ghalandari & Ifrim 2020) with a linear date ranker
whose weights are chosen on the development topics (``benchmarks/t17.py``):

1. Split every article into sentences and find the day-precision dates each sentence
   refers to (:func:`storyline.annotate.times.find_times` against the publication
   date, once per article so that anaphora keep their context).
2. Score each date by how the whole coverage refers to it (:data:`DATE_FEATURES`): the
   articles that refer to it, those published later that look back on it, those that
   name it by month and day, plans made before it, the articles published on it and
   the day after (news mostly reports the last day or two), and the articles reporting
   a coded event that took place that day (plain, by PLOVER quad class, by confidence).
3. Keep the best ``n_dates`` dates inside the window; for each, rank its candidate
   sentences (those that mention the date, then undated sentences of articles
   published on it or the day after) by cosine similarity to the TF-IDF centroid of
   the candidates plus their likeness to the whole story (so that a stray article's
   sentences stay out) and, with ``bigram_weight``, to the candidates' centroid of
   content-word bigrams (the phrases the day's coverage repeats), skipping page
   leftovers, captions and fragments (:func:`quotable`), sentences too similar to one
   already chosen and, less strongly, those that announce rather than report; with
   ``event_bonus``, sentences that report an event of the day are candidates too, and
   favoured.

:func:`merge_timelines` makes one timeline of several stories' timelines. Sentences
are returned verbatim (whitespace stripped only). The functions are pure.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import pairwise

import numpy as np

from storyline.annotate.times import find_times, resolve_range
from storyline.model import Event, MergedEvent, TimeExpression, TimelineEntry
from storyline.text import tfidf
from storyline.text.sentences import sentence_at, sentence_spans
from storyline.text.vocab import MONTH_ABBREVIATIONS, STOP_WORDS

__all__ = ["DATE_FEATURES", "REPORTED", "TimelineConfig", "build_timeline",
           "date_candidates", "merge_timelines", "quotable"]


# Weights of the date ranker (see DATE_FEATURES below): the best of the benchmark's grid
# on the ten development topics (``benchmarks/t17.py --fit``; its leave-one-topic-out
# figure is the one to quote).
DATE_WEIGHTS: dict[str, float] = {
    "ref_articles": 1.0, "ref_later": 0.5, "ref_before": -0.5, "ref_named": 1.0,
    "ref_named_later": 1.0, "pub": 1.0, "pub_next": 0.25,
}
# Weight of an event's PLOVER quad class in the ``ev_typed`` and ``ev_confidence`` date
# features: what happened (material) counts more than what was said (verbal).
EVENT_TYPE_WEIGHTS: dict[str, float] = {
    "verbal_cooperation": 0.5, "material_cooperation": 1.0,
    "verbal_conflict": 0.5, "material_conflict": 1.0,
}
_QUADS = {1: "verbal_cooperation", 2: "material_cooperation", 3: "verbal_conflict",
          4: "material_conflict"}
# The modalities of an event that took place on its day (or reportedly did not): the
# events a timeline entry lists and the only ones that are evidence for its date.
REPORTED = ("asserted", "negated")


@dataclass(frozen=True, slots=True)
class TimelineConfig:
    """The timeline's tunables, in one place (chosen with ``benchmarks/t17.py``).

    The defaults are the setting the leave-one-topic-out protocol of that benchmark
    selects most often; the benchmark reports how far figures fall on a held-out topic.
    """

    # the date ranker: weight of each of DATE_FEATURES in a date's score
    date_weights: dict[str, float] = field(default_factory=lambda: dict(DATE_WEIGHTS))
    redundancy: float = 0.5  # cosine above which a sentence repeats one already chosen
    mention_bonus: float = 0.1  # added to the centroid score of sentences naming the date
    min_tokens: int = 5
    max_tokens: int = 40
    quality_filter: bool = True  # skip menus, captions, bylines and fragments
    relevance_weight: float = 1.0  # weight of a sentence's likeness to the whole story
    relevance_votes: bool = False  # an article's date votes weigh its likeness to the story
    future_penalty: float = 0.2  # taken off sentences that announce rather than report
    recent_bonus: float = 0.0  # added to sentences published on the day or the next
    # events below this confidence are no evidence for a date (0: every coded event;
    # an event without a confidence always counts)
    event_min_confidence: float = 0.0
    # added to sentences that hold the trigger of an event dated on the day (which are
    # then candidates for the day even without a date of their own); 0: events do not
    # choose sentences
    event_bonus: float = 0.1
    # weight of a sentence's likeness to the candidates' centroid of content-word bigrams
    # (the day's recurring phrases: "crane collapsed"), beside that of its words
    bigram_weight: float = 0.5
    # weight of each PLOVER quad class in the event date features
    event_type_weights: dict[str, float] = field(
        default_factory=lambda: dict(EVENT_TYPE_WEIGHTS))


def configured() -> TimelineConfig:
    """The timeline settings of ``data/config.toml`` (and the user's file, if any)."""
    from dataclasses import fields

    from storyline.config import settings

    section = dict(settings().get("timeline", {}))
    weights = {**DATE_WEIGHTS, **section.pop("date_weights", {})}
    types = {**EVENT_TYPE_WEIGHTS, **section.pop("event_type_weights", {})}
    names = {f.name for f in fields(TimelineConfig)}
    return TimelineConfig(date_weights=weights, event_type_weights=types,
                          **{k: v for k, v in section.items() if k in names})


DEFAULT_CONFIG = configured()

_WORD = re.compile(r"[a-z0-9]+")
_STOP = STOP_WORDS


@dataclass(slots=True)
class _Sentence:
    article: str
    published: dt.date | None
    text: str
    dates: set[dt.date] = field(default_factory=set)
    dated: bool = False  # it has any date expression (of any precision)
    explicit: set[dt.date] = field(default_factory=set)  # days it names by month and day
    relevance: float | None = None  # cosine with the whole input's words (see _Pool)
    key: str | None = None  # normalised text (cached by _pick, as are ok and toks)
    ok: bool = False  # fit to quote: length and quality
    toks: list[str] | None = None
    events: set[dt.date] = field(default_factory=set)  # days of events it reports


def _day(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


# a day named by its month ("April 20", "20 April", "4/20"), not by "Tuesday" or "today"
_EXPLICIT = re.compile(r"(?i:" + "|".join(MONTH_ABBREVIATIONS) + r")|\d{1,4}[/-]\d")


def _sentences(article_id: str, published: str, text: str,
               times: list[TimeExpression] | None = None,
               spans: list[tuple[int, int]] | None = None,
               events: list[tuple[int, dt.date]] | None = None) -> list[_Sentence]:
    pub = _day(published)
    spans = sentence_spans(text or "") if spans is None else [(a, b) for a, b in spans]
    sents = [_Sentence(article_id, pub, text[a:b]) for a, b in spans]
    if not sents:
        return sents
    starts = [a for a, _ in spans]
    for offset, day in events or ():
        if 0 <= offset < len(text or ""):
            sents[sentence_at(starts, offset)].events.add(day)
    if pub is None:
        return sents
    for t in times if times is not None else find_times(text, pub.isoformat(), sentences=spans):
        if t.type not in ("DATE", "TIME"):
            continue
        s = sents[sentence_at(starts, t.start)]  # the sentence holding the expression
        rng = resolve_range(t.value)
        if rng is None:
            continue  # PRESENT_REF and the like: still undated
        s.dated = True
        if rng[0] == rng[1] and (d := _day(rng[0])) is not None:
            s.dates.add(d)
            if _EXPLICIT.search(t.text):
                s.explicit.add(d)
    return sents


def _tokens(text: str) -> list[str]:
    return [w for w in _WORD.findall(text.lower()) if w not in _STOP and len(w) > 1]


# Page furniture, captions and bylines that sentence splitting leaves in news text.
_JUNK = re.compile(
    r"\b(?:last updated|page last|updated at|click here|read more|sign up|subscribe|"
    r"newsletter|e-?mail this|share this|all rights reserved|copyright|image caption|"
    r"photo(?:graph)?:|pictured:|getty images|follow us|related (?:stories|articles)|"
    r"terms of use|privacy policy|watch (?:the )?video|video:|audio:|listen:|"
    r"\d{1,2}[.:]\d{2}\s*(?:am|pm)\s*-|gmt\b|bst\b|edt\b|est\b|utc\b|-[lr]rb-\s*$)",
    re.IGNORECASE,
)
# a caption ends with the day the picture was taken ("..., off Louisiana, May 27, 2010.")
_ABBR = "|".join(MONTH_ABBREVIATIONS)
_CAPTION = re.compile(
    r",\s*(?:(?:" + _ABBR + r")[a-z]*\.?\s+\d{1,2}"
    r"|\d{1,2}\s+(?:" + _ABBR + r")[a-z]*)\s*,?\s*\d{4}"
    r"\s*[.]?\s*$")
_CAPS_RUN = re.compile(r"(?:\b[A-Z][A-Z0-9'&-]{1,}\b[\s,]+){3,}")
_END = re.compile(r"[.!?]['\"’”)\s]*$|[.!?]\s*(?:''|``)\s*$")
# an attribution left alone ("..., she added.") or a reply to an unseen question
_FRAGMENT = re.compile(
    r"^(?:[a-z,;:)\]'’”-]|''|[A-Z]{1,2}\s*(?:-RRB-|\))|(?i:(?:he|she|they|it) (?:said|added))\b)")


# a sentence that announces what is to come on the day rather than reports it
_FUTURE = re.compile(
    r"\b(?:will|would|is|are) (?:be )?(?:due|expected|scheduled|set|planning|going) to\b"
    r"|\bwill (?!have\b)[a-z]+\b|\bplans? to\b", re.IGNORECASE)


def quotable(text: str) -> bool:
    """Whether ``text`` reads as a whole news sentence (no menu, caption or fragment)."""
    t = text.strip()
    if not t or not _END.search(t) or t.endswith("?") or _JUNK.search(t):
        return False
    return not (t[0].islower() or _FRAGMENT.match(t) or _CAPS_RUN.search(t)
                or _CAPTION.search(t))


def _key(text: str) -> str:
    return " ".join(text.lower().split())


def _bigrams(toks: list[str]) -> list[tuple[str, str]]:
    return list(pairwise(toks))


def _centrality(docs: list[list[tuple[str, str]]]) -> np.ndarray:
    """Each document's cosine with the TF-IDF centroid of ``docs`` (0 when it is empty)."""
    vecs, _ = tfidf.tfidf(docs)
    centroid = tfidf.mean(vecs)
    cn = tfidf.norm(centroid)
    return (np.array([tfidf.dot(v, centroid) for v in vecs]) / cn
            if cn else np.zeros(len(docs)))


def _pick(cands: list[_Sentence], k: int, used: set[str], day: dt.date | None,
          cfg: TimelineConfig, pool: _Pool | None = None) -> list[_Sentence]:
    """Up to ``k`` central, mutually non-redundant sentences not in ``used`` (updated)."""
    if k <= 0 or not cands:
        return []
    seen: set[str] = set(used)
    uniq: list[_Sentence] = []
    toks: list[list[str]] = []
    for s in cands:
        if s.key is None:
            s.key = _key(s.text)
            n = len(s.key.split())
            s.ok = cfg.min_tokens <= n <= cfg.max_tokens and (
                not cfg.quality_filter or quotable(s.text))
        if s.key in seen or not s.ok:
            continue
        seen.add(s.key)
        uniq.append(s)
        if s.toks is None:
            s.toks = _tokens(s.text)
        toks.append(s.toks)
    if not uniq:
        return []
    vecs, _ = tfidf.tfidf(toks)
    centroid = tfidf.mean(vecs)
    cn = tfidf.norm(centroid)
    scores = (np.array([tfidf.dot(v, centroid) for v in vecs]) / cn
              if cn else np.zeros(len(uniq)))
    if cfg.bigram_weight:
        scores = scores + cfg.bigram_weight * _centrality([_bigrams(t) for t in toks])
    if cfg.relevance_weight and pool is not None:
        scores = scores + cfg.relevance_weight * np.array([pool.relevance(s) for s in uniq])
    if cfg.future_penalty:
        scores = scores - cfg.future_penalty * np.array(
            [bool(_FUTURE.search(s.text)) for s in uniq], dtype=float)
    if day is not None and cfg.recent_bonus:
        # reported on the day or the next, not recalled weeks later as background
        scores = scores + cfg.recent_bonus * np.array(
            [s.published is not None and 0 <= (s.published - day).days <= 1 for s in uniq],
            dtype=float)
    if day is not None and cfg.mention_bonus:
        scores = scores + cfg.mention_bonus * np.array([day in s.dates for s in uniq], dtype=float)
    if day is not None and cfg.event_bonus:
        scores = scores + cfg.event_bonus * np.array([day in s.events for s in uniq], dtype=float)
    chosen: list[int] = []
    for i in np.argsort(-scores, kind="stable"):
        if len(chosen) >= k:
            break
        if chosen and max(tfidf.dot(vecs[j], vecs[i]) for j in chosen) > cfg.redundancy:
            continue
        chosen.append(int(i))
    used.update(_key(uniq[i].text) for i in chosen)
    return [uniq[i] for i in chosen]


# The date ranker's features, one value each per candidate date (see ``_features``).
DATE_FEATURES = (
    "ref_articles",  # articles with a sentence that refers to the day
    "ref_later",  # articles published two or more days after it that refer to it
    "ref_before",  # articles published before the day that refer to it (plans)
    "ref_sentences",  # sentences that refer to the day
    "ref_lead",  # articles whose first three sentences refer to the day
    "pub",  # articles published on the day with undated sentences
    "pub_next",  # articles published the day after with undated sentences
    "ref_span",  # days from the day to the last article referring to it
    "ref_named",  # articles that name the day by month and day
    "ref_named_later",  # articles two or more days later that name it by month and day
    "ev_articles",  # articles reporting an event dated on the day (see _evidence)
    "ev_typed",  # the same, each article counting its events' best PLOVER type weight
    "ev_confidence",  # the same, that weight times the event's confidence over the floor
)


@dataclass(slots=True)
class _Evidence:
    """The coded events that are evidence for days (:func:`_evidence`)."""

    # article -> (trigger offset, day) of each of its reports of an event dated on a day
    triggers: dict[str, list[tuple[int, dt.date]]] = field(
        default_factory=lambda: defaultdict(list))
    # day -> article -> (best type weight, best type weight x confidence share)
    articles: dict[dt.date, dict[str, tuple[float, float]]] = field(
        default_factory=lambda: defaultdict(dict))


def _evidence(events: Iterable[Event | MergedEvent] | None, lo: dt.date, hi: dt.date,
              cfg: TimelineConfig) -> _Evidence:
    """The events that took place on one day inside ``[lo, hi]`` (modality in
    :data:`REPORTED`, confidence at least ``cfg.event_min_confidence``), by the articles
    that report them (every mention of a merged event counts its article)."""
    from storyline.events.confidence import default_threshold

    ev = _Evidence()
    if not events:
        return ev
    floor = cfg.event_min_confidence
    # the share of the shipped threshold an event's confidence reaches, capped at 1
    scale = default_threshold() or 1.0
    for e in events:
        if e.modality not in REPORTED or not e.date.start or e.date.start != e.date.end:
            continue
        conf = e.confidence
        if conf is not None and float(conf) < floor:
            continue
        day = _day(e.date.start)
        if day is None or not lo <= day <= hi:
            continue
        tw = float(cfg.event_type_weights.get(_QUADS.get(int(e.quad), ""), 0.0))
        cw = tw * (min(float(conf) / scale, 1.0) if conf is not None else 1.0)
        for m in e.mentions:
            art = str(m.article)
            ev.triggers[art].append((m.trigger.start if m.trigger else m.start, day))
            old = ev.articles[day].get(art, (0.0, 0.0))
            ev.articles[day][art] = (max(old[0], tw), max(old[1], cw))
    return ev



@dataclass(slots=True)
class _Pool:
    """Every sentence of the input, indexed by the days they refer to or report."""

    by_date: dict[dt.date, list[_Sentence]] = field(default_factory=lambda: defaultdict(list))
    undated_by_pub: dict[dt.date, list[_Sentence]] = field(
        default_factory=lambda: defaultdict(list))
    refs: dict[dt.date, set[str]] = field(default_factory=lambda: defaultdict(set))
    ref_pubs: dict[dt.date, dict[str, dt.date]] = field(
        default_factory=lambda: defaultdict(dict))
    ref_sents: Counter[dt.date] = field(default_factory=Counter)
    lead: dict[dt.date, set[str]] = field(default_factory=lambda: defaultdict(set))
    named: dict[dt.date, dict[str, dt.date]] = field(default_factory=lambda: defaultdict(dict))
    pubs: dict[dt.date, set[str]] = field(default_factory=lambda: defaultdict(set))
    by_event: dict[dt.date, list[_Sentence]] = field(default_factory=lambda: defaultdict(list))
    evidence: _Evidence = field(default_factory=_Evidence)
    weight: dict[str, float] = field(default_factory=dict)  # article -> likeness to story
    centroid: dict[str, float] = field(default_factory=dict)  # the story's words (TF-IDF)
    centroid_norm: float = 1.0

    def relevance(self, s: _Sentence) -> float:
        """Cosine of the sentence's words with the story's centroid (cached)."""
        if s.relevance is None:
            if s.toks is None:
                s.toks = _tokens(s.text)
            bag = Counter(s.toks)
            nn = math.sqrt(sum(c * c for c in bag.values()))
            s.relevance = (sum(c * self.centroid.get(w, 0.0) for w, c in bag.items())
                           / (nn * self.centroid_norm) if nn else 0.0)
        return s.relevance


def _story_vectors(bags: list[Counter[str]]) -> tuple[dict[str, float], list[float]]:
    """The input's centroid (TF-IDF) and each article's cosine with it, scaled to median 1."""
    units, idf = tfidf.tfidf([list(b.elements()) for b in bags])
    cen: Counter[str] = Counter()
    for u in units:
        cen.update(u)
    centroid = tfidf.unit(cen)
    rel = [tfidf.dot(u, centroid) for u in units]
    med = float(np.median(rel)) if rel else 0.0
    scale = [min(r / med, 1.0) if med > 0 else 1.0 for r in rel]
    # the centroid in IDF space, for sentence likeness
    return {w: x * idf[w] for w, x in centroid.items()}, scale


def _pool(articles: list[tuple[str, str, str]], lo: dt.date, hi: dt.date,
          times: dict[str, list[TimeExpression]] | None,
          sentences: dict[str, list[tuple[int, int]]] | None = None,
          evidence: _Evidence | None = None) -> _Pool:
    pool = _Pool()
    ids = {str(a) for a, _, _ in articles}
    pool.evidence = ev = evidence or _Evidence()
    for day in list(ev.articles):  # only the input's articles are evidence
        ev.articles[day] = {a: v for a, v in ev.articles[day].items() if a in ids}
    split = [_sentences(str(art_id), published, text,
                        times.get(str(art_id)) if times is not None else None,
                        sentences.get(str(art_id)) if sentences is not None else None,
                        ev.triggers.get(str(art_id)))
             for art_id, published, text in articles]
    bags = [Counter(_tokens(text or "")) for _, _, text in articles]
    pool.centroid, weight = _story_vectors(bags)
    pool.centroid_norm = math.sqrt(sum(x * x for x in pool.centroid.values())) or 1.0
    for (art_id, published, _text), sents, wt in zip(articles, split, weight, strict=True):
        pool.weight[str(art_id)] = wt
        has_undated = False
        for i, s in enumerate(sents):
            for d in s.events:
                pool.by_event[d].append(s)
            for d in s.dates:
                if lo <= d <= hi:
                    pool.refs[d].add(s.article)
                    pool.by_date[d].append(s)
                    pool.ref_sents[d] += 1
                    if s.published is not None:
                        pool.ref_pubs[d][s.article] = s.published
                    if i < 3:
                        pool.lead[d].add(s.article)
                    if d in s.explicit and s.published is not None:
                        pool.named[d][s.article] = s.published
            if not s.dated and s.published is not None:
                has_undated = True
                pool.undated_by_pub[s.published].append(s)
        pub = _day(published)
        if has_undated and pub is not None:
            pool.pubs[pub].add(str(art_id))
    return pool


def _features(pool: _Pool, lo: dt.date, hi: dt.date,
              weighted: bool = False) -> tuple[list[dt.date], np.ndarray]:
    """Each candidate day's DATE_FEATURES; ``weighted``: an article counts its likeness."""
    one = dt.timedelta(days=1)
    days = {d for d in pool.refs}
    days |= {d for d in pool.pubs if lo <= d <= hi}
    days |= {d - one for d in pool.pubs if lo <= d - one <= hi}
    days |= {d for d, arts in pool.evidence.articles.items() if arts}
    dates = sorted(days)
    wt = pool.weight if weighted else {}

    def n(arts: Iterable[str]) -> float:
        return float(sum(wt.get(a, 1.0) for a in arts))

    x = np.zeros((len(dates), len(DATE_FEATURES)), dtype=np.float64)
    for i, d in enumerate(dates):
        pubs = pool.ref_pubs.get(d, {})
        later = n(a for a, p in pubs.items() if (p - d).days >= 2)
        before = n(a for a, p in pubs.items() if p < d)
        span = max(((p - d).days for p in pubs.values()), default=0)
        named = pool.named.get(d, {})
        ev = pool.evidence.articles.get(d, {})
        x[i] = (n(pool.refs.get(d, ())), later, before, pool.ref_sents.get(d, 0),
                n(pool.lead.get(d, ())), n(pool.pubs.get(d, ())),
                n(pool.pubs.get(d + one, ())), max(span, 0), n(named),
                n(a for a, p in named.items() if (p - d).days >= 2), n(ev),
                sum(wt.get(a, 1.0) * t for a, (t, _) in ev.items()),
                sum(wt.get(a, 1.0) * c for a, (_, c) in ev.items()))
    return dates, x


def date_candidates(
    articles: list[tuple[str, str, str]],
    *,
    date_from: str | None = None,
    date_to: str | None = None,
    times: dict[str, list[TimeExpression]] | None = None,
    weighted: bool = False,
    events: Iterable[Event | MergedEvent] | None = None,
    config: TimelineConfig | None = None,
) -> tuple[list[dt.date], np.ndarray]:
    """The candidate dates of ``articles`` and their :data:`DATE_FEATURES` (one row each).

    What the date ranker scores; exposed so that its weights can be fitted
    (``benchmarks/t17.py``). ``events`` and ``config`` as for :func:`build_timeline`.
    """
    cfg = config or DEFAULT_CONFIG
    lo = _day(date_from) or dt.date.min
    hi = _day(date_to) or dt.date.max
    pool = _pool(articles, lo, hi, times, evidence=_evidence(events, lo, hi, cfg))
    return _features(pool, lo, hi, weighted)


def build_timeline(
    articles: list[tuple[str, str, str]],
    *,
    n_dates: int | None,
    n_sentences: int,
    date_from: str | None = None,
    date_to: str | None = None,
    times: dict[str, list[TimeExpression]] | None = None,
    sentences: dict[str, list[tuple[int, int]]] | None = None,
    config: TimelineConfig | None = None,
    scores_out: dict[str, tuple[float, list[str]]] | None = None,
    events: Iterable[Event | MergedEvent] | None = None,
) -> list[TimelineEntry]:
    """Timeline entries for ``articles`` (``(article_id, published_iso_date, text)``).

    Returns at most ``n_dates`` entries (all dates with support when None) inside
    ``[date_from, date_to]``, sorted by date, each a :class:`TimelineEntry` at day precision
    (its ``events`` left empty: the pipeline fills them)
    with at most ``n_sentences`` verbatim sentences. ``times`` may give each article's
    time expressions (as :func:`find_times` finds them against its publication date, e.g.
    stored by the annotation stage) so that they are not searched again, and
    ``sentences`` each article's stored segmentation (:mod:`storyline.text.sentences`). ``scores_out``,
    when given, receives each returned date's ranking score and the article each of its
    sentences comes from (for :func:`merge_timelines`).

    ``events``: the events coded in ``articles`` (per-article :class:`Event` or merged
    :class:`MergedEvent`, whose mentions name their articles and triggers). Those that
    took place on one day (:func:`_evidence`) are evidence for the day (the ``ev_*``
    features of :data:`DATE_FEATURES`) and, with ``config.event_bonus``, make the
    sentences that report them candidates for the day and favour them.
    """
    cfg = config or DEFAULT_CONFIG
    lo = _day(date_from) or dt.date.min
    hi = _day(date_to) or dt.date.max
    pool = _pool(articles, lo, hi, times, sentences, _evidence(events, lo, hi, cfg))
    dates, x = _features(pool, lo, hi, cfg.relevance_votes)
    w = np.array([cfg.date_weights.get(f, 0.0) for f in DATE_FEATURES])
    scores = dict(zip(dates, (x @ w).tolist(), strict=True)) if dates else {}
    by_date, undated_by_pub = pool.by_date, pool.undated_by_pub
    limit = len(scores) if n_dates is None else max(n_dates, 0)
    entries: list[TimelineEntry] = []
    used: set[str] = set()  # a sentence summarises one date only
    for d in sorted(scores, key=lambda d: (-scores[d], d)):
        if len(entries) >= limit:
            break
        cands = list(by_date.get(d, []))
        cands += undated_by_pub.get(d, [])
        cands += undated_by_pub.get(d + dt.timedelta(days=1), [])
        if cfg.event_bonus:
            cands += pool.by_event.get(d, [])  # _pick drops the repeats
        picked = _pick(cands, n_sentences, used, d, cfg, pool)
        if not picked and n_sentences > 0:
            continue  # nothing quotable for this date: take the next one
        sources: list[str] = []
        for s in picked:
            if s.article not in sources:
                sources.append(s.article)
        entries.append(TimelineEntry(
            date=d.isoformat(),
            precision="day",
            summary=[s.text.strip() for s in picked],
            events=[],
            sources=sources,
        ))
        if scores_out is not None:
            scores_out[d.isoformat()] = (float(scores[d]), [s.article for s in picked])
    entries.sort(key=lambda e: e.date)
    return entries


def merge_timelines(
        timelines: list[tuple[list[TimelineEntry], dict[str, tuple[float, list[str]]]]], *,
        n_dates: int | None, n_sentences: int) -> list[TimelineEntry]:
    """One timeline over several stories, made of the stories' own entries.

    ``timelines``: each story's entries with their date scores (``scores_out`` of
    :func:`build_timeline`). A date's score is the sum of its stories' scores; the best
    ``n_dates`` dates are kept, and a date that several stories share takes its
    sentences from the stories in turn, best-scored story first, up to ``n_sentences``.
    A story's sentences never move to another date or mix with an unrelated ranking.
    """
    by_date: dict[str, list[tuple[float, list[str], TimelineEntry]]] = defaultdict(list)
    for entries, scores in timelines:
        for e in entries:
            sc, arts = scores.get(e.date, (0.0, []))
            by_date[e.date].append((sc, arts, e))
    total = {d: sum(p[0] for p in parts) for d, parts in by_date.items()}
    order = sorted(total, key=lambda d: (-total[d], d))
    if n_dates is not None:
        order = order[:max(n_dates, 0)]
    out: list[TimelineEntry] = []
    for d in sorted(order):
        parts = sorted(by_date[d], key=lambda p: -p[0])
        summary: list[str] = []
        sources: list[str] = []
        events: set[str] = set()
        depth = max(len(e.summary) for _, _, e in parts)
        for i in range(depth):
            for _, arts, e in parts:
                if i >= len(e.summary) or len(summary) >= n_sentences \
                        or e.summary[i] in summary:
                    continue
                summary.append(e.summary[i])
                src = arts[i] if i < len(arts) else None
                if src is not None and src not in sources:
                    sources.append(src)
                events.update(e.events)  # the events of a story that speaks
        out.append(TimelineEntry(date=d, precision=parts[0][2].precision, summary=summary,
                                 events=sorted(events), sources=sources))
    return out
