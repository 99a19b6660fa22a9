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

from storyline.model import Event, Figure, MergedEvent, Series, Story, stable_id
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
    before = store.story_ids()
    assign_stories(store, one_story=one_story, run=run, annotation_stage=stage)
    members = store.story_members()
    stored = store.story_fingerprints()
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
    events: dict[str, list[dict[str, Any]]] = {s: [] for s in stories}
    figures: dict[str, list[dict[str, Any]]] = {s: [] for s in stories}
    published: dict[str, str | None] = {}
    for sid, aid, pub, data in store.story_annotations(stories, stage):
        published[aid] = pub
        if data:
            try:
                ann = json.loads(data)
            except ValueError:
                log.warning("warning: article %s: stored annotations are not readable: "
                            "left out of its story", aid)
                continue
            events[sid].extend(ann.get("events", []))
            figures[sid].extend(ann.get("figures", []))
    merged_of: dict[str, list[MergedEvent]] = {}
    series_of: dict[str, list[Series]] = {}
    log_rows: list[tuple[int, str, int, int]] = []
    for sid in stories:
        try:
            merged = merge_events([Event.from_json(e) for e in events[sid]], story=sid,
                                  roots=roots, published=published)
            series = build_series([Figure.from_json(f) for f in figures[sid]], story=sid,
                                  roots=roots)
        except Exception as exc:  # isolation: one story's failure stops only that story
            log.warning("warning: story %s: merging its events failed (%s: %s); stored without "
                        "events, tried again next run", sid, type(exc).__name__, str(exc)[:200])
            log.debug("story %s", sid, exc_info=True)
            merged, series = [], []
            fingerprints[sid] = ""  # not up to date: the next run merges it again
        merged_of[sid], series_of[sid] = merged, series
        log_rows.append((run, sid, len(members.get(sid, [])), len(merged)))
    titles = story_titles(store, stories)
    store.replace_merged(stories, merged_of, series_of, log_rows, fingerprints, titles)


# -- reading what the stages stored --------------------------------------------------

def article_links(store: Store) -> tuple[dict[str, str], dict[str, str]]:
    """({article: story}, {copy: original}) for the ``articles.jsonl`` export."""
    return store.article_stories(), duplicate_map(store)


def stored_stories(store: Store) -> list[Story]:
    """The stories (``stories.jsonl`` lines): id, title, member articles, first and last date."""
    return store.stories()


def stored_events(store: Store, story: str | None = None,
                  min_confidence: float | None = None) -> Iterator[MergedEvent]:
    """The merged events, of one story or of all, by story and date; with
    ``min_confidence``, only those at or above it (an event without one is kept)."""
    events = store.merged_events(story)
    if min_confidence is None:
        return events
    return (e for e in events
            if e.confidence is None or float(e.confidence) >= min_confidence)


def stored_series(store: Store) -> Iterator[Series]:
    """Every story's figure series (``series.jsonl`` lines)."""
    return store.series()
