"""Cost and grouping of the cross-document story stages on the t17 development articles.

Runs the main job on the two Timeline17 topics (H1N1, BP oil spill) mixed together, or
reuses a database that already holds them annotated (``--db``, copied first), then times,
from a clean slate of the story tables: syndicated copies, stories, merging (events,
series, titles), the exports and the timelines. Reports how the articles were grouped
(stories, articles in a story of the other topic) next to the seconds.

    .venv/bin/python benchmarks/story_stages.py [--db FILE]
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from storyline import pipeline  # noqa: E402
from storyline.exporters import (  # noqa: E402
    ExportContext,
    export_articles,
    export_events,
    export_series,
    export_stories,
    export_timeline,
)
from storyline.store.db import Store  # noqa: E402
from storyline.story.stage import update_stories  # noqa: E402
from storyline.story.syndication import link_duplicates  # noqa: E402

SHARED = Path(os.environ.get("STORYLINE_SHARED", ROOT.parent / "shared"))


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", type=Path, help="a database holding the t17 articles, annotated")
    args = ap.parse_args()
    t17 = SHARED / "dev" / "t17"
    if not t17.exists():
        print(f"skipped: {t17} is absent")
        return 0
    work = Path(tempfile.mkdtemp(prefix="story-bench-"))
    db = work / "store.duckdb"
    if args.db:
        shutil.copy(args.db, db)
    else:
        inputs = work / "in"
        inputs.mkdir()
        for topic in sorted(t17.iterdir()):
            shutil.copy(topic / "articles.jsonl", inputs / f"{topic.name}.jsonl")
        t0 = time.perf_counter()
        pipeline.run([str(inputs)], work / "first", db, pipeline.Options(progress=False))
        print(f"first run (clean + annotate + everything): {time.perf_counter() - t0:.1f} s")
    out = work / "out"
    out.mkdir()
    with Store(db) as store:
        store.clear_story_stages()
        n = store.count_articles()
        t0 = time.perf_counter()
        copies = link_duplicates(store)
        t1 = time.perf_counter()
        stats = update_stories(store, one_story=False, run=1)
        t2 = time.perf_counter()
        ctx = ExportContext(store, out, pipeline.Options(progress=False))
        for export in (export_articles, export_events, export_stories, export_series):
            export(ctx)
        t3 = time.perf_counter()
        export_timeline(ctx)
        t4 = time.perf_counter()
        rows = store.story_paths()
    topics: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    for story, path in rows:
        topics[str(story)][Path(path).stem] += 1
    mixed = sum(sum(c.values()) - max(c.values()) for c in topics.values())
    sizes = sorted((sum(c.values()) for c in topics.values()), reverse=True)
    events = sum(1 for _ in (out / "events.jsonl").open())
    result = {
        "articles": n, "copies": copies, "stories": len(topics), "largest_stories": sizes[:4],
        "single_article_stories": sum(1 for s in sizes if s == 1),
        "articles_in_a_story_of_the_other_topic": mixed, "merged_events": events,
        "seconds": {"syndication": round(t1 - t0, 2), "stories_and_merge": round(t2 - t1, 2),
                    "exports": round(t3 - t2, 2), "timelines": round(t4 - t3, 2),
                    "total": round(t4 - t0, 2)},
        "stories_merged": stats.as_dict()["stories_merged"],
    }
    print(json.dumps(result, indent=1))
    res = ROOT / "benchmarks" / "results"
    res.mkdir(parents=True, exist_ok=True)
    (res / "story_stages.json").write_text(json.dumps(result, indent=1) + "\n")
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
