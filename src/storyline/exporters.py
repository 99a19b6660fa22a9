"""Exporters: each output file is written by one registered function.

An exporter takes an :class:`ExportContext` (the store, the output folder, the run's
options, and the records read from the store, each read once and shared) and writes
its file(s), returning the path the run summary lists (None: listed nowhere). The run
calls every exporter in registration order (:func:`export_all`).

* built-in exporters register with :func:`register_exporter` (a decorator) below;
* other packages add theirs through the ``storyline.exporters`` entry-point group (the
  entry point names a function taking an :class:`ExportContext`); they run after the
  built-in ones, by name.

Example: a plain list of event ids, one a line::

    @register_exporter("event_ids")
    def export_event_ids(ctx: ExportContext) -> Path:
        path = ctx.out / "event_ids.txt"
        path.write_text("".join(e.id + "\\n" for e in ctx.events()), encoding="utf-8")
        return path
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from importlib.metadata import entry_points
from pathlib import Path
from typing import TYPE_CHECKING, Any

from storyline.config import setting
from storyline.model import (
    DyadRow,
    Figure,
    LinkedArticle,
    MergedEvent,
    Series,
    Story,
    StoryTimeline,
    TimeExpression,
    Timeline,
    TimelineEntry,
)
from storyline.outfiles import atomic_path
from storyline.store.db import Store

if TYPE_CHECKING:
    from storyline.pipeline import Options

log = logging.getLogger(__name__)

ENTRY_POINT_GROUP = "storyline.exporters"

DEFAULT_TIMELINE_DATES = int(setting("timeline", "dates", 20))
DEFAULT_TIMELINE_SENTENCES = int(setting("timeline", "sentences", 2))


@dataclass
class ExportContext:
    """What exporters read: the store's records, each read (or computed) once per run."""

    store: Store
    out: Path
    options: Options
    _cache: dict[str, Any] = field(default_factory=dict, repr=False)

    def _once(self, key: str, make: Callable[[], Any]) -> Any:
        if key not in self._cache:
            self._cache[key] = make()
        return self._cache[key]

    def _annotation_parts(self) -> tuple[list[Figure], dict[str, list[Any]],
                                         dict[str, list[TimeExpression]],
                                         dict[str, list[tuple[int, int]]]]:
        """One pass over the stored annotations: figures, places, time expressions and
        sentences."""
        from storyline.annotate.stage import STAGE, STAGE_VERSION

        def make() -> tuple[list[Figure], dict[str, list[Any]],
                            dict[str, list[TimeExpression]], dict[str, list[tuple[int, int]]]]:
            figures: list[Figure] = []
            places: dict[str, list[Any]] = {}
            times: dict[str, list[TimeExpression]] = {}
            sentences: dict[str, list[tuple[int, int]]] = {}
            for aid, data in self.store.annotations(STAGE, STAGE_VERSION):
                figures.extend(Figure.from_json(f) for f in data.get("figures", []))
                places[aid] = data.get("places", [])
                times[aid] = [TimeExpression(**t) for t in data.get("times", [])]
                if data.get("sentences"):
                    sentences[aid] = [(int(a), int(b)) for a, b in data["sentences"]]
            return figures, places, times, sentences

        return self._once("annotations", make)  # type: ignore[no-any-return]

    def links(self) -> tuple[dict[str, str], dict[str, str]]:
        """({article: story}, {copy: original})."""
        from storyline.story.stage import article_links

        return self._once("links", lambda: article_links(self.store))  # type: ignore[no-any-return]

    def articles(self) -> list[LinkedArticle]:
        """Every stored article with its story and original (the ``articles.jsonl`` lines)."""
        def make() -> list[LinkedArticle]:
            story_of, copies = self.links()
            return [LinkedArticle(a, story_of.get(a.id), copies.get(a.id))
                    for a in self.store.articles()]

        return self._once("articles", make)  # type: ignore[no-any-return]

    def figures(self) -> list[Figure]:
        """Every stored article's figures, by article path."""
        return self._annotation_parts()[0]

    def places(self) -> dict[str, list[Any]]:
        """{article: its place mentions (JSON)} for the report's map."""
        return self._annotation_parts()[1]

    def times(self) -> dict[str, list[TimeExpression]]:
        """{article: the time expressions the annotation stage found} (not searched again)."""
        return self._annotation_parts()[2]

    def sentences(self) -> dict[str, list[tuple[int, int]]]:
        """{article: the sentence spans the annotation stage stored} (not split again)."""
        return self._annotation_parts()[3]

    def events(self) -> list[MergedEvent]:
        """The merged events at or above the run's confidence floor, by story, date, id."""
        floor = self.options.confidence_floor()
        return self._once("events", lambda: [  # type: ignore[no-any-return]
            e for e in self.all_events()
            if e.confidence is None or float(e.confidence) >= floor])

    def all_events(self) -> list[MergedEvent]:
        """Every stored merged event, whatever its confidence (the timeline's evidence:
        ``[timeline] event_min_confidence`` chooses among them), by story, date, id."""
        from storyline.story.stage import stored_events

        return self._once("all_events", lambda: list(  # type: ignore[no-any-return]
            stored_events(self.store)))

    def stories(self) -> list[Story]:
        from storyline.story.stage import stored_stories

        return self._once("stories", lambda: stored_stories(self.store))  # type: ignore[no-any-return]

    def series(self) -> list[Series]:
        from storyline.story.stage import stored_series

        return self._once("series", lambda: list(stored_series(self.store)))  # type: ignore[no-any-return]

    def timeline(self) -> Timeline:
        return self._once("timeline", lambda: build_run_timeline(self))  # type: ignore[no-any-return]

    def dyads(self) -> list[DyadRow]:
        """The dyad rows of :meth:`events` (copies counted as their originals), built once
        for the CSV and the Parquet file."""
        from storyline.story.dyads import build_dyads

        def make() -> list[DyadRow]:
            _story_of, copies = self.links()
            return build_dyads(self.events(), copies)

        return self._once("dyads", make)  # type: ignore[no-any-return]


Exporter = Callable[[ExportContext], "Path | None"]


@dataclass(frozen=True)
class _Entry:
    name: str
    function: Exporter
    listed: bool


_REGISTRY: dict[str, _Entry] = {}


def register_exporter(name: str, *, listed: bool = True) -> Callable[[Exporter], Exporter]:
    """Register an exporter under ``name`` (a decorator); ``listed``: the run summary names
    the path it returns."""

    def deco(function: Exporter) -> Exporter:
        _REGISTRY[name] = _Entry(name, function, listed)
        return function

    return deco


def unregister_exporter(name: str) -> None:
    _REGISTRY.pop(name, None)


def exporters() -> list[_Entry]:
    """The registered exporters in order, then those of installed packages, by name."""
    out = list(_REGISTRY.values())
    for ep in sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name):
        if ep.name not in _REGISTRY:
            out.append(_Entry(ep.name, ep.load(), True))
    return out


def export_all(ctx: ExportContext) -> dict[str, str]:
    """Run every exporter; return {name: path} of the listed outputs, in order."""
    written: dict[str, str] = {}
    for entry in exporters():
        path = entry.function(ctx)
        log.debug("exporter %s wrote %s", entry.name, path)
        if entry.listed and path is not None:
            written[entry.name] = str(path)
    return written


# -- writing helpers ------------------------------------------------------------------

def write_jsonl(path: Path, items: Iterable[dict[str, Any]]) -> Path:
    """Write JSON lines atomically (through a temporary file beside ``path``)."""
    with atomic_path(path) as tmp, open(tmp, "w", encoding="utf-8") as fh:
        for item in items:
            fh.write(json.dumps(item, ensure_ascii=False) + "\n")
    return path


# -- the built-in exporters (the summary lists them in this order) -------------------

@register_exporter("articles")
def export_articles(ctx: ExportContext) -> Path:
    """``articles.jsonl``, with each article's ``story`` and ``duplicate_of``."""
    return write_jsonl(ctx.out / "articles.jsonl", (a.to_json() for a in ctx.articles()))


@register_exporter("figures")
def export_figures(ctx: ExportContext) -> Path:
    """``figures.jsonl``: every stored article's figures, one a line."""
    return write_jsonl(ctx.out / "figures.jsonl", (f.to_json() for f in ctx.figures()))


@register_exporter("events")
def export_events(ctx: ExportContext) -> Path:
    """``events.jsonl``: events merged across the articles of each story (those at or
    above the run's confidence floor)."""
    return write_jsonl(ctx.out / "events.jsonl", (_event_line(e) for e in ctx.events()))


def _event_line(event: Any) -> dict[str, Any]:
    """An ``events.jsonl`` line: an undated event's start and end are null (as in
    ``storyline code``), not empty strings."""
    data: dict[str, Any] = event.to_json()
    when = data.get("date")
    if isinstance(when, dict):
        for key in ("start", "end"):
            if not when.get(key):
                when[key] = None
    return data


@register_exporter("stories")
def export_stories(ctx: ExportContext) -> Path:
    return write_jsonl(ctx.out / "stories.jsonl", (s.to_json() for s in ctx.stories()))


@register_exporter("series")
def export_series(ctx: ExportContext) -> Path:
    return write_jsonl(ctx.out / "series.jsonl", (s.to_json() for s in ctx.series()))


@register_exporter("timeline")
def export_timeline(ctx: ExportContext) -> Path:
    """``timeline.json`` (:func:`build_run_timeline`)."""
    path = ctx.out / "timeline.json"
    with atomic_path(path) as tmp:
        tmp.write_text(json.dumps(ctx.timeline().to_json(), ensure_ascii=False, indent=1),
                       encoding="utf-8")
    return path


@register_exporter("dyads")
def export_dyads_csv(ctx: ExportContext) -> Path:
    """``dyads.csv`` (its Parquet twin is the next exporter, from the same rows)."""
    from storyline.story.dyads import write_dyads_csv

    return write_dyads_csv(ctx.dyads(), ctx.out)


@register_exporter("dyads_parquet", listed=False)
def export_dyads_parquet(ctx: ExportContext) -> Path:
    from storyline.story.dyads import write_dyads_parquet

    return write_dyads_parquet(ctx.dyads(), ctx.out)


@register_exporter("report")
def export_report(ctx: ExportContext) -> Path:
    """``report.html`` from the records the other exporters wrote (not from their files),
    with the stored place mentions for its map."""
    from storyline.report.build import report_data_of, write_report

    data = report_data_of(ctx.articles(), ctx.events(), ctx.figures(), ctx.series(),
                          ctx.stories(), ctx.timeline(), ctx.places())
    return write_report(data, ctx.out)


# -- the timeline -------------------------------------------------------------------

def timeline_entries(docs: list[tuple[str, str, str]], events: Iterable[MergedEvent],
                     options: Options, times: dict[str, list[TimeExpression]],
                     sentences: dict[str, list[tuple[int, int]]] | None = None,
                     scores_out: dict[str, tuple[float, list[str]]] | None = None,
                     evidence: Iterable[MergedEvent] | None = None,
                     ) -> list[TimelineEntry]:
    """Timeline entries of ``docs``, each listing the merged events dated on its day.

    ``evidence`` (default: ``events``): the merged events of ``docs`` that the date
    ranker and the sentence choice weigh (:func:`~storyline.story.timeline.build_timeline`),
    whatever the run's confidence floor; ``events``: those at or above it, the ones an
    entry lists. An entry lists the events that took place (asserted) or reportedly did
    not (negated) on its day, at day precision; planned and possible events are left out.
    """
    from storyline.story.timeline import REPORTED, build_timeline

    events = list(events)
    entries = build_timeline(
        docs,
        n_dates=options.timeline_dates or DEFAULT_TIMELINE_DATES,
        n_sentences=options.timeline_sentences or DEFAULT_TIMELINE_SENTENCES,
        date_from=options.timeline_from, date_to=options.timeline_to, times=times,
        sentences=sentences, scores_out=scores_out,
        events=events if evidence is None else evidence,
    )
    on_day: dict[str, list[MergedEvent]] = {}
    for ev in events:
        if ev.modality not in REPORTED:
            continue  # planned or possible: it did not take place on that day
        if ev.date.start and ev.date.start == ev.date.end:
            on_day.setdefault(ev.date.start, []).append(ev)
    for entry in entries:
        summary = set(entry.summary)
        # An event dated only by its article's publication day belongs to the entry when
        # the entry quotes it; otherwise a publication day would collect every such event.
        entry.events = sorted({
            ev.id for ev in on_day.get(entry.date, [])
            if ev.date.text or any(m.quote in summary for m in ev.mentions)
        })
    return entries


def build_run_timeline(ctx: ExportContext) -> Timeline:
    """One timeline per story, and the whole input's made of theirs.

    A story's timeline draws only on its own articles and events; the whole input's
    timeline takes the stories' entries (:func:`~storyline.story.timeline.merge_timelines`),
    never a ranking pooled over unrelated stories. Syndicated copies are left out (they
    would count their original twice).
    """
    from storyline.story.timeline import merge_timelines

    options = ctx.options
    story_of, copies = ctx.links()
    times = ctx.times()
    sentences = ctx.sentences()
    docs_of: dict[str | None, list[tuple[str, str, str]]] = {}
    for linked in ctx.articles():
        a = linked.article
        if a.published.date and a.language == "en" and a.id not in copies:
            docs_of.setdefault(story_of.get(a.id), []).append((a.id, a.published.date, a.text))
    events_of: dict[str | None, list[MergedEvent]] = {}
    for ev in ctx.events():  # by story, then date and id: each story's in its own order
        events_of.setdefault(ev.story, []).append(ev)
    evidence_of: dict[str | None, list[MergedEvent]] = {}
    for ev in ctx.all_events():
        evidence_of.setdefault(ev.story, []).append(ev)
    stories = []
    parts: list[tuple[list[TimelineEntry], dict[str, tuple[float, list[str]]]]] = []
    for story in ctx.stories():
        scores: dict[str, tuple[float, list[str]]] = {}
        entries = timeline_entries(docs_of.pop(story.id, []), events_of.get(story.id, []),
                                   options, times, sentences, scores,
                                   evidence_of.get(story.id, []))
        stories.append(StoryTimeline(id=story.id, title=story.title, entries=entries))
        parts.append((entries, scores))
    for docs in docs_of.values():  # articles in no story: a timeline of their own
        scores = {}
        parts.append((timeline_entries(docs, [], options, times, sentences, scores),
                      scores))
    entries = merge_timelines(parts, n_dates=options.timeline_dates or DEFAULT_TIMELINE_DATES,
                              n_sentences=options.timeline_sentences or DEFAULT_TIMELINE_SENTENCES)
    return Timeline(entries=entries, stories=stories)
