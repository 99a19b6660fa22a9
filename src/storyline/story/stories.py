"""Stories: articles grouped by what they are about, incrementally and with stable ids.

An article is represented by what a story is about: the actors it names (actor ids and
their countries), the places (names and countries), and the salient content words of
its title and body, weighted by TF-IDF over the store (entities weigh more than words).
Articles are taken in date order; each joins the most similar story (cosine with the
story's centroid) when the similarity reaches :data:`THRESHOLD` and the article falls
within :data:`WINDOW_DAYS` of the story's dates, or reaches :data:`LONG_GAP_THRESHOLD`
whatever the gap; otherwise it starts a new story.
Syndicated copies join their original's story.

Incremental: articles that already have a story keep it; a later run only places the
new ones, against the stored centroids. A story's id is a hash of the article that
started it, so it never changes. With ``one_story`` every article joins one story.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from storyline.clean.dates import MAX_DATE, MIN_DATE
from storyline.config import setting
from storyline.model import stable_id
from storyline.store.db import Store
from storyline.text import tfidf
from storyline.text.vocab import NEWS_FILLER, STOP_WORDS

THRESHOLD = float(setting("stories", "threshold"))  # see data/config.toml
WINDOW_DAYS = int(setting("stories", "window_days"))
# A story that goes quiet for months and comes back (a war, a negotiation) is still one
# story: past the window an article joins only on a much stronger match.
LONG_GAP_THRESHOLD = float(setting("stories", "long_gap_threshold"))
CENTROID_TERMS = 400
ARTICLE_TERMS = 150
ENTITY_WEIGHT = float(setting("stories", "entity_weight"))
TITLE_WEIGHT = int(setting("stories", "title_weight"))
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]{2,}")
_STOP = STOP_WORDS | NEWS_FILLER


@dataclass
class StoryState:
    id: str
    title: str | None
    first: str | None
    last: str | None
    centroid: dict[str, float]
    size: int
    mode: str
    created_run: int
    members: list[str] = field(default_factory=list)  # articles added in this run
    touched: bool = False


def article_terms(title: str | None, text: str, ann: dict[str, Any] | None) -> Counter[str]:
    """The raw term counts of an article: ``a:``/``c:``/``p:`` entities and ``w:`` words."""
    terms: Counter[str] = Counter()
    if ann:
        for m in ann.get("actors", []):
            actor = m.get("actor") or {}
            if actor.get("id"):
                terms["a:" + str(actor["id"])] += 1
            if actor.get("country"):
                terms["c:" + str(actor["country"])] += 1
        for p in ann.get("places", []):
            if p.get("name"):
                terms["p:" + str(p["name"]).lower()] += 1
            if p.get("country"):
                terms["c:" + str(p["country"])] += 1
    for w in _WORD.findall(title or ""):
        lw = w.lower()
        if lw not in _STOP:
            terms["w:" + lw] += TITLE_WEIGHT
    for w in _WORD.findall(text or ""):
        lw = w.lower()
        if lw not in _STOP:
            terms["w:" + lw] += 1
    return Counter(dict(terms.most_common(ARTICLE_TERMS)))


def _boost(term: str) -> float:
    return 1.0 if term.startswith("w:") else ENTITY_WEIGHT


def weigh(terms: dict[str, int], df: dict[str, int], n_docs: int) -> dict[str, float]:
    """Unit-length TF-IDF vector of an article's terms (sublinear counts, entities
    boosted)."""
    return tfidf.weigh(terms, df, n_docs, sublinear=True, boost=_boost)


def cosine(vec: dict[str, float], centroid: dict[str, float]) -> float:
    """Cosine of a unit vector with a centroid (any length)."""
    norm = tfidf.norm(centroid)
    return tfidf.dot(vec, centroid) / norm if norm else 0.0


def _day(value: str | None) -> dt.date | None:
    try:
        d = dt.date.fromisoformat(value[:10]) if isinstance(value, str) and value else None
    except ValueError:
        return None
    # outside the calendar of news the window arithmetic would overflow: no date
    return d if d is not None and MIN_DATE <= d <= MAX_DATE else None


def _in_window(date: str | None, story: StoryState) -> bool:
    d = _day(date)
    first, last = _day(story.first), _day(story.last)
    if d is None or first is None or last is None:
        return True
    window = dt.timedelta(days=WINDOW_DAYS)
    return first - window <= d <= last + window


def _add(story: StoryState, aid: str, vec: dict[str, float], date: str | None) -> None:
    for t, x in vec.items():
        story.centroid[t] = story.centroid.get(t, 0.0) + x
    if len(story.centroid) > CENTROID_TERMS * 2:
        story.centroid = dict(sorted(story.centroid.items(), key=lambda kv: -kv[1])[:CENTROID_TERMS])
    story.size += 1
    if date:
        story.first = min(story.first or date, date)
        story.last = max(story.last or date, date)
    story.members.append(aid)
    story.touched = True


def _store_terms(store: Store, annotation_stage: tuple[str, str]) -> None:
    """Compute and store the term counts of every article that lacks them; update df."""
    todo = store.articles_without_terms(annotation_stage)
    if not todo:
        return
    rows = []
    df: Counter[str] = Counter()
    for aid, title, text, pub, ann in todo:
        terms = article_terms(title, text, ann)
        rows.append((aid, pub, json.dumps(terms, sort_keys=True)))
        df.update(terms.keys())
    store.add_story_terms(rows, dict(df))


def _load_stories(store: Store) -> dict[str, StoryState]:
    return {
        sid: StoryState(id=sid, title=title, first=first, last=last, centroid=centroid,
                        size=size, mode=mode, created_run=created)
        for sid, title, first, last, centroid, size, mode, created in store.story_rows()
    }


def assign_stories(store: Store, *, one_story: bool, run: int,
                   annotation_stage: tuple[str, str]) -> list[str]:
    """Place every article without a story; return the ids of stories that received articles."""
    mode = "one" if one_story else "cluster"
    store.set_story_mode(mode)
    _store_terms(store, annotation_stage)

    todo = store.unplaced_articles()
    if not todo:
        return []
    n_docs = store.count_story_terms()
    needed = {t for r in todo for t in r[3]}
    df = store.term_df(sorted(needed))
    stories = _load_stories(store)
    placed = store.article_stories()
    assignments: list[tuple[str, str, float]] = []
    originals = [r for r in todo if r[4] is None]
    copies = [r for r in todo if r[4] is not None]
    for aid, pub, language, terms, _orig in originals:
        if not one_story and language != "en":
            continue  # not annotated: no story (one story takes everything)
        vec = weigh(terms, df, n_docs)
        best, best_sim = None, -1.0
        if one_story:
            best = next((s for s in stories.values() if s.mode == "one"), None)
            best_sim = 1.0
        else:
            for s in stories.values():
                sim = cosine(vec, s.centroid)
                need = THRESHOLD if _in_window(pub, s) else LONG_GAP_THRESHOLD
                if sim >= need and sim > best_sim:
                    best, best_sim = s, sim
        if best is None:
            sid = stable_id("story", aid)
            best = stories[sid] = StoryState(id=sid, title=None, first=None, last=None,
                                             centroid={}, size=0, mode=mode, created_run=run)
            best_sim = 1.0
        _add(best, aid, vec, pub)
        placed[aid] = best.id
        assignments.append((aid, best.id, round(best_sim, 4)))
    for aid, pub, _language, _terms, orig in copies:
        home = placed.get(str(orig))
        if home is None:
            continue
        s = stories[home]
        s.size += 1
        if pub:
            s.first = min(s.first or pub, pub)
            s.last = max(s.last or pub, pub)
        s.touched = True
        placed[aid] = home
        assignments.append((aid, home, 1.0))
    touched = sorted(s.id for s in stories.values() if s.touched)
    rows = []
    for sid in touched:
        s = stories[sid]
        centroid = dict(sorted(s.centroid.items(), key=lambda kv: -kv[1])[:CENTROID_TERMS])
        rows.append((sid, s.title, s.first, s.last,
                     json.dumps({t: round(x, 5) for t, x in centroid.items()}), s.size, s.mode,
                     s.created_run))
    store.save_stories(assignments, rows)
    return touched


def story_title(members: list[tuple[str, str | None, dict[str, float]]],
                centroid: dict[str, float]) -> str | None:
    """The headline of the member closest to the story's centroid (a real headline reads
    best); ``members`` are ``(article id, title, vector)`` of the story's originals."""
    best: tuple[float, str] | None = None
    for _aid, title, vec in members:
        if not title:
            continue
        sim = cosine(vec, centroid)
        if best is None or sim > best[0] + 1e-12:
            best = (sim, title)
    if best is not None:
        return best[1]
    top = [t for t in sorted(centroid, key=lambda t: -centroid[t]) if t.startswith("w:")][:4]
    return " ".join(t[2:] for t in top) or None


def story_titles(store: Store, stories: list[str]) -> dict[str, str | None]:
    """Choose the titles of some stories from their current members (copies left out)."""
    parsed = store.title_candidates(stories)
    centroids = store.story_centroids(stories)
    n_docs = store.count_story_terms()
    needed = sorted({t for *_, terms in parsed for t in terms})
    df = store.term_df(needed)
    members: dict[str, list[tuple[str, str | None, dict[str, float]]]] = {s: [] for s in stories}
    for sid, aid, title, terms in parsed:
        members[sid].append((aid, title, weigh(terms, df, n_docs)))
    return {sid: story_title(members[sid], centroids.get(sid, {})) for sid in stories}
