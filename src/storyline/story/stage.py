"""The cross-document story stages, run after per-article annotation, on the store.

1. :mod:`~storyline.story.syndication` links syndicated copies;
2. :mod:`~storyline.story.stories` places new articles in stories;
3. every story whose members (or the stage versions) changed since it was last merged
   is merged again: :mod:`~storyline.story.merge` for events,
   :mod:`~storyline.story.series` for figures, and its title is chosen again.

Untouched stories keep their stored events and series; ``story_merges`` records which
stories each run merged.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from storyline.model import stable_id
from storyline.store.db import Store
from storyline.story.merge import merge_events
from storyline.story.series import build_series
from storyline.story.stories import assign_stories, story_titles
from storyline.story.syndication import duplicate_map, link_duplicates

MERGE_VERSION = "1"

log = logging.getLogger(__name__)


@dataclass
class StoryStats:
    duplicates_new: int = 0
    articles_placed: int = 0
    stories_total: int = 0
    stories_new: int = 0
    merged: list[str] = field(default_factory=list)  # stories merged (again) this run

    def as_dict(self) -> dict[str, Any]:
        return {"duplicates_new": self.duplicates_new, "stories_total": self.stories_total,
                "stories_new": self.stories_new, "stories_merged": len(self.merged)}


def _annotation_stage() -> tuple[str, str]:
    from storyline.annotate.stage import STAGE, STAGE_VERSION

    return STAGE, STAGE_VERSION


def update_stories(store: Store, *, one_story: bool, run: int) -> StoryStats:
    """Run the story stages on everything stored; return what changed."""
    stats = StoryStats()
    stage = _annotation_stage()
    stats.duplicates_new = link_duplicates(store)
    before = {str(r[0]) for r in store.con.execute("SELECT id FROM stories").fetchall()}
    assign_stories(store, one_story=one_story, run=run, annotation_stage=stage)
    con = store.con
    members: dict[str, list[str]] = {}
    for sid, arts in con.execute(
        "SELECT story, list(article ORDER BY article) FROM story_articles GROUP BY story"
    ).fetchall():
        members[str(sid)] = [str(a) for a in arts]
    stored = {str(s): f for s, f in con.execute("SELECT id, fingerprint FROM stories").fetchall()}
    roots = duplicate_map(store)
    stats.stories_total = len(stored)
    stats.stories_new = len(set(stored) - before)
    todo: dict[str, str] = {}
    for sid in sorted(stored):
        fp = stable_id(MERGE_VERSION, *stage,
                       *(f"{a}>{roots.get(a, a)}" for a in members.get(sid, [])))
        if stored[sid] != fp:
            todo[sid] = fp
    batch: list[str] = []
    size = 0
    for sid in todo:
        batch.append(sid)
        size += len(members.get(sid, []))
        if size >= MERGE_BATCH:
            _merge_stories(store, batch, todo, members, roots, stage, run)
            batch, size = [], 0
    _merge_stories(store, batch, todo, members, roots, stage, run)
    stats.merged = list(todo)
    return stats


MERGE_BATCH = 2000  # articles whose annotations are held at once


def _merge_stories(store: Store, stories: list[str], fingerprints: dict[str, str],
                   members: dict[str, list[str]], roots: dict[str, str],
                   stage: tuple[str, str], run: int) -> None:
    """Merge the events and figures of some stories again, choose their titles, store."""
    if not stories:
        return
    con = store.con
    events: dict[str, list[dict[str, Any]]] = {s: [] for s in stories}
    figures: dict[str, list[dict[str, Any]]] = {s: [] for s in stories}
    published: dict[str, str | None] = {}
    for sid, aid, pub, data in con.execute(
        "SELECT x.story, a.id, a.pub_date, n.data FROM story_articles x "
        "JOIN articles a ON a.id = x.article LEFT JOIN annotations n "
        "ON n.article = a.id AND n.stage = ? AND n.version = ? "
        "WHERE x.story IN (SELECT unnest(?))",
        [stage[0], stage[1], stories],
    ).fetchall():
        published[str(aid)] = pub
        if data:
            try:
                ann = json.loads(data)
            except ValueError:
                log.warning("warning: article %s: stored annotations are not readable: "
                            "left out of its story", aid)
                continue
            events[str(sid)].extend(ann.get("events", []))
            figures[str(sid)].extend(ann.get("figures", []))
    event_rows: list[tuple[Any, ...]] = []
    series_rows: list[tuple[Any, ...]] = []
    log_rows: list[tuple[Any, ...]] = []
    for sid in stories:
        try:
            merged = merge_events(events[sid], story=sid, roots=roots, published=published)
            series = build_series(figures[sid], story=sid, roots=roots)
        except Exception as exc:  # isolation: one story's failure stops only that story
            log.warning("warning: story %s: merging its events failed (%s: %s); stored without "
                        "events, tried again next run", sid, type(exc).__name__, str(exc)[:200])
            log.debug("story %s", sid, exc_info=True)
            merged, series = [], []
            fingerprints[sid] = ""  # not up to date: the next run merges it again
        event_rows += [(e["id"], sid, e["date"].get("start") or "",
                        json.dumps(e, ensure_ascii=False)) for e in merged]
        series_rows += [(x["id"], sid, json.dumps(x, ensure_ascii=False)) for x in series]
        log_rows.append((run, sid, len(members.get(sid, [])), len(merged)))
    titles = story_titles(store, stories)
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute("DELETE FROM merged_events WHERE story IN (SELECT unnest(?))", [stories])
        con.execute("DELETE FROM figure_series WHERE story IN (SELECT unnest(?))", [stories])
        store.bulk_insert("merged_events", event_rows)
        store.bulk_insert("figure_series", series_rows)
        store.bulk_insert("story_merges", log_rows)
        con.execute(
            "UPDATE stories SET fingerprint = u.fp, title = u.title FROM "
            "(SELECT unnest(?) AS id, unnest(?) AS fp, unnest(?) AS title) u "
            "WHERE stories.id = u.id",
            [stories, [fingerprints[s] for s in stories], [titles.get(s) for s in stories]],
        )
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise


# -- reading what the stages stored --------------------------------------------------

def article_links(store: Store) -> tuple[dict[str, str], dict[str, str]]:
    """({article: story}, {copy: original}) for the ``articles.jsonl`` export."""
    stories = {str(a): str(s) for a, s in store.con.execute(
        "SELECT article, story FROM story_articles").fetchall()}
    return stories, duplicate_map(store)


def stored_stories(store: Store) -> list[dict[str, Any]]:
    """``stories.jsonl`` lines: id, title, member articles, first and last date."""
    out = []
    rows = store.con.execute(
        "SELECT s.id, s.title, list(x.article ORDER BY coalesce(a.pub_date, '9999'), a.id), "
        "min(a.pub_date), max(a.pub_date) FROM stories s "
        "JOIN story_articles x ON x.story = s.id JOIN articles a ON a.id = x.article "
        "GROUP BY s.id, s.title ORDER BY min(coalesce(a.pub_date, '9999')), s.id"
    ).fetchall()
    for sid, title, arts, first, last in rows:
        out.append({"id": str(sid), "title": title, "articles": [str(a) for a in arts],
                    "first": first, "last": last})
    return out


def _stream(store: Store, sql: str, params: list[Any] | None = None) -> Iterator[dict[str, Any]]:
    cur = store.con.execute(sql, params or [])
    while rows := cur.fetchmany(500):
        for (data,) in rows:
            yield json.loads(data)


def stored_events(store: Store, story: str | None = None,
                  min_confidence: float | None = None) -> Iterator[dict[str, Any]]:
    """The merged events (``events.jsonl`` lines), of one story or of all, by story and date;
    with ``min_confidence``, only those at or above it (an event without one is kept)."""
    if story is None:
        events = _stream(store, "SELECT data FROM merged_events ORDER BY story, date, id")
    else:
        events = _stream(store, "SELECT data FROM merged_events WHERE story = ? ORDER BY date, id",
                         [story])
    if min_confidence is None:
        return events
    return (e for e in events
            if e.get("confidence") is None or float(e["confidence"]) >= min_confidence)


def stored_series(store: Store) -> Iterator[dict[str, Any]]:
    return _stream(store, "SELECT data FROM figure_series ORDER BY story, id")
