"""The main job: read inputs, run per-document stages, store, run cross-document stages, export.

Per-document work goes through an engine (:mod:`storyline.engine`); only this
loop writes to the store, in batches, each one transaction. Inputs are
streamed: memory does not grow with the size of the corpus.
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from storyline.clean.article import make_article
from storyline.clean.repetition import InputRepetition
from storyline.engine import parallel_map
from storyline.ingest.readers import iter_input_files, read_file
from storyline.model import Article, RawDocument, Rejected, TimeExpression, article_json
from storyline.store.db import Store
from storyline.story.dating import refine_undated


@dataclass(slots=True)
class FileEnd:
    display: str
    path: Path
    documents: int


@dataclass
class Options:
    workers: int = 1
    engine: str = "local"
    one_story: bool = False
    timeline_dates: int | None = None
    timeline_sentences: int | None = None
    timeline_from: str | None = None
    timeline_to: str | None = None
    progress: bool = True


@dataclass
class Summary:
    files: int = 0
    files_reused: int = 0
    documents: int = 0
    articles_new: int = 0
    articles_known: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    flagged: Counter[str] = field(default_factory=Counter)
    warnings: list[str] = field(default_factory=list)
    articles_total: int = 0
    annotated: int = 0
    stories: dict[str, Any] = field(default_factory=dict)
    seconds: float = 0.0
    outputs: dict[str, str] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "files": self.files, "files_reused": self.files_reused, "documents": self.documents,
            "articles_new": self.articles_new, "articles_known": self.articles_known,
            "skipped": dict(self.skipped), "flagged": dict(self.flagged),
            "articles_total": self.articles_total, "annotated": self.annotated,
            "stories": self.stories, "seconds": round(self.seconds, 2),
        }


Item = RawDocument | Rejected | FileEnd
Result = Article | Rejected | FileEnd


def process_item(item: Item) -> Result:
    """The per-document stages for one item (markers and rejections pass through)."""
    if isinstance(item, RawDocument):
        return make_article(item)
    return item


def _items(inputs: list[str], store: Store, summary: Summary) -> Iterator[Item]:
    repeats = InputRepetition()
    for display, path in iter_input_files(inputs):
        summary.files += 1
        if store.file_done(display, path):
            summary.files_reused += 1
            continue
        n = 0
        furniture = repeats.boilerplate_for(display, path)
        for item in read_file(display, path):
            n += 1
            if furniture and isinstance(item, RawDocument) and item.kind == "text":
                item.boilerplate = furniture
            yield item
        yield FileEnd(display, path, n)


def _category(reason: str) -> str:
    return reason.split(":")[0].split("(")[0].strip()


def run(inputs: list[str], out: Path, db: Path | None = None, options: Options | None = None,
        log: Any = None) -> Summary:
    """Run the main job and write the outputs to ``out``."""
    options = options or Options()
    started = time.monotonic()
    out.mkdir(parents=True, exist_ok=True)
    db = db or out / "storyline.duckdb"
    summary = Summary()
    warn = log or (lambda msg: print(msg, file=sys.stderr))
    missing = [i for i in inputs if not Path(i).exists()]
    for m in missing:
        summary.skipped["not found"] += 1
        warn(f"warning: skipped {m}: no such file or folder")
    inputs = [i for i in inputs if Path(i).exists()]

    with Store(db) as store:
        run_id = store.new_run()
        total_files = sum(1 for _ in iter_input_files(inputs))
        progress = _progress(options.progress and total_files > 0)
        task = progress.add_task("reading", total=total_files) if progress else None

        batch_articles: list[Article] = []
        batch_rejects: list[Rejected] = []
        batch_done: list[tuple[str, Path, int]] = []
        last_flush = time.monotonic()

        def flush() -> None:
            nonlocal last_flush
            new = store.write_batch(batch_articles, batch_rejects, batch_done, run_id)
            summary.articles_new += new
            summary.articles_known += len(batch_articles) - new
            batch_articles.clear()
            batch_rejects.clear()
            batch_done.clear()
            last_flush = time.monotonic()

        items = _items(inputs, store, summary)
        with progress or _nullcontext():
            for result in parallel_map(process_item, items, workers=options.workers,
                                       engine=options.engine):
                if isinstance(result, FileEnd):
                    batch_done.append((result.display, result.path, result.documents))
                    if progress is not None and task is not None:
                        progress.advance(task)
                    if len(batch_articles) >= 64 or time.monotonic() - last_flush > 2:
                        flush()
                    continue
                summary.documents += 1
                if isinstance(result, Rejected):
                    batch_rejects.append(result)
                    summary.skipped[_category(result.reason)] += 1
                    warn(f"warning: skipped {result.path}: {result.reason}")
                    continue
                if result.language != "en":
                    summary.flagged["not English"] += 1
                    where = result.path + (f" ({result.position})" if result.position else "")
                    warn(f"warning: {where}: language is {result.language!r}, not English; "
                         "stored, but not annotated")
                batch_articles.append(result)
            flush()
        refine_undated(store)
        summary.annotated = annotate_missing(store, options)
        summary.stories = run_story_stages(store, options, run_id)
        summary.articles_total = store.count_articles()
        summary.outputs["articles"] = str(export_articles(store, out))
        summary.outputs["figures"] = str(export_figures(store, out))
        summary.outputs["events"] = str(export_events(store, out))
        summary.outputs["stories"] = str(export_stories(store, out))
        summary.outputs["series"] = str(export_series(store, out))
        summary.outputs["timeline"] = str(export_timeline(store, out, options))
        # Last: dyads and the report read the exports above (kept as one separate block).
        summary.outputs["dyads"] = str(export_dyads_file(out))
        summary.outputs["report"] = str(export_report(store, out))
        summary.seconds = time.monotonic() - started
        store.finish_run(run_id, summary.as_dict())
    return summary


def _annotate(article: Article) -> tuple[str, dict[str, Any]]:
    from storyline.annotate.stage import annotate_article, annotations_json

    return article.id, annotations_json(annotate_article(article))


def annotate_missing(store: Store, options: Options) -> int:
    """Annotate every stored article that lacks this version's annotations."""
    from storyline.annotate.stage import STAGE, STAGE_VERSION

    todo = store.missing_annotations(STAGE, STAGE_VERSION)
    if not todo:
        return 0
    progress = _progress(options.progress)
    task = progress.add_task("annotating", total=len(todo)) if progress else None
    done = 0
    with progress or _nullcontext():
        articles = store.articles_by_id(todo)
        batch: list[tuple[str, Any]] = []
        for aid, data in parallel_map(_annotate, articles, workers=options.workers,
                                      engine=options.engine):
            batch.append((aid, data))
            done += 1
            if progress is not None and task is not None:
                progress.advance(task)
            if len(batch) >= 32:
                store.put_annotations(STAGE, STAGE_VERSION, batch)
                batch.clear()
        store.put_annotations(STAGE, STAGE_VERSION, batch)
    return done


def _export_annotation_items(store: Store, out: Path, key: str) -> Path:
    """Write ``out/<key>.jsonl``: every stored article's ``key`` annotations, one a line."""
    from storyline.annotate.stage import STAGE, STAGE_VERSION

    path = out / f"{key}.jsonl"
    tmp = path.with_suffix(".jsonl.tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        for _aid, data in store.annotations(STAGE, STAGE_VERSION):
            for item in data.get(key, []):
                fh.write(json.dumps(item, ensure_ascii=False) + "\n")
    tmp.replace(path)
    return path


def export_figures(store: Store, out: Path) -> Path:
    return _export_annotation_items(store, out, "figures")


# -- cross-document story stages and their exports ------------------------------------

def run_story_stages(store: Store, options: Options, run_id: int) -> dict[str, Any]:
    """Syndicated copies, stories, merged events and figure series (:mod:`storyline.story`)."""
    from storyline.story.stage import update_stories

    return update_stories(store, one_story=options.one_story, run=run_id).as_dict()


def _write_jsonl(path: Path, items: Iterable[dict[str, Any]]) -> Path:
    tmp = path.with_suffix(".jsonl.tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        for item in items:
            fh.write(json.dumps(item, ensure_ascii=False) + "\n")
    tmp.replace(path)
    return path


def export_events(store: Store, out: Path) -> Path:
    """``events.jsonl``: events merged across the articles of each story."""
    from storyline.story.stage import stored_events

    return _write_jsonl(out / "events.jsonl", stored_events(store))


def export_stories(store: Store, out: Path) -> Path:
    from storyline.story.stage import stored_stories

    return _write_jsonl(out / "stories.jsonl", stored_stories(store))


def export_series(store: Store, out: Path) -> Path:
    from storyline.story.stage import stored_series

    return _write_jsonl(out / "series.jsonl", stored_series(store))


DEFAULT_TIMELINE_DATES = 20
DEFAULT_TIMELINE_SENTENCES = 2


def _timeline_entries(docs: list[tuple[str, str, str]], events: Iterable[dict[str, Any]],
                      options: Options, times: dict[str, list[TimeExpression]]) -> list[dict[str, Any]]:
    """Timeline entries of ``docs``, each listing the merged events dated on its day.

    An entry lists the events that took place (asserted) or reportedly did not (negated)
    on its day, at day precision; planned and possible events are left out.
    """
    from storyline.story.timeline import build_timeline

    entries = build_timeline(
        docs,
        n_dates=options.timeline_dates or DEFAULT_TIMELINE_DATES,
        n_sentences=options.timeline_sentences or DEFAULT_TIMELINE_SENTENCES,
        date_from=options.timeline_from, date_to=options.timeline_to, times=times,
    )
    on_day: dict[str, list[dict[str, Any]]] = {}
    for ev in events:
        date = ev.get("date") or {}
        if ev.get("modality") not in ("asserted", "negated"):
            continue  # planned or possible: it did not take place on that day
        if date.get("start") and date.get("start") == date.get("end"):
            on_day.setdefault(date["start"], []).append(ev)
    for entry in entries:
        summary = set(entry.get("summary", []))
        # An event dated only by its article's publication day belongs to the entry when
        # the entry quotes it; otherwise a publication day would collect every such event.
        entry["events"] = sorted({
            ev["id"] for ev in on_day.get(entry["date"], [])
            if (ev.get("date") or {}).get("text")
            or any(m.get("quote") in summary for m in ev.get("mentions", []))
        })
    return entries


def export_timeline(store: Store, out: Path, options: Options) -> Path:
    """``timeline.json``: the timeline of the whole input and one per story.

    Syndicated copies are left out (they would count their original twice).
    """
    from storyline.annotate.stage import STAGE, STAGE_VERSION
    from storyline.story.stage import article_links, stored_events, stored_stories

    story_of, copies = article_links(store)
    # the time expressions the annotation stage found: not searched for again
    times = {aid: [TimeExpression(**t) for t in data.get("times", [])]
             for aid, data in store.annotations(STAGE, STAGE_VERSION)}
    docs_of: dict[str | None, list[tuple[str, str, str]]] = {}
    for a in store.articles():
        if a.published.date and a.language == "en" and a.id not in copies:
            docs_of.setdefault(story_of.get(a.id), []).append((a.id, a.published.date, a.text))
    every = [d for docs in docs_of.values() for d in docs]
    stories = []
    for story in stored_stories(store):
        stories.append({
            "id": story["id"], "title": story["title"],
            "entries": _timeline_entries(docs_of.get(story["id"], []),
                                         stored_events(store, story["id"]), options, times),
        })
    data = {"entries": _timeline_entries(every, stored_events(store), options, times),
            "stories": stories}
    path = out / "timeline.json"
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    tmp.replace(path)
    return path


def export_dyads_file(out: Path) -> Path:
    """``dyads.csv`` and ``dyads.parquet`` from ``events.jsonl`` (returns the CSV's path)."""
    from storyline.report.build import read_jsonl
    from storyline.story.dyads import build_dyads, export_dyads

    dup = {a["id"]: a.get("duplicate_of") for a in read_jsonl(out / "articles.jsonl")}
    rows = build_dyads(read_jsonl(out / "events.jsonl"), dup)
    return export_dyads(rows, out)[0]


def export_report(store: Store, out: Path) -> Path:
    """``report.html`` from the exported files, with the stored place mentions for its map."""
    from storyline.annotate.stage import STAGE, STAGE_VERSION
    from storyline.report.build import build_report

    places = {aid: data.get("places", []) for aid, data in store.annotations(STAGE, STAGE_VERSION)}
    return build_report(out, places)


def export_articles(store: Store, out: Path) -> Path:
    """``articles.jsonl``, with each article's ``story`` and ``duplicate_of``."""
    from storyline.story.stage import article_links

    story_of, copies = article_links(store)

    def lines() -> Iterator[dict[str, Any]]:
        for article in store.articles():
            data = article_json(article)
            data["story"] = story_of.get(article.id)
            data["duplicate_of"] = copies.get(article.id)
            yield data

    return _write_jsonl(out / "articles.jsonl", lines())


class _nullcontext:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> None:
        return None


def _progress(enabled: bool) -> Any:
    if not enabled:
        return None
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    return Progress(
        TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
        TextColumn("files"), TimeElapsedColumn(), transient=True,
        console=_stderr_console(),
    )


def _stderr_console() -> Any:
    from rich.console import Console

    return Console(stderr=True)
