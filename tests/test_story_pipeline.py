"""The story stages in a run: the sample corpus plus an invented dock strike (two stories),
incremental runs on one database, reruns, ``--one-story``, and the output schemas."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest

from storyline.pipeline import Options, run
from storyline.schemas import validate

ROOT = Path(__file__).resolve().parents[1]
HARBOUR = "tests/fixtures/port_strike"
OUTPUTS = ("articles.jsonl", "events.jsonl", "figures.jsonl", "stories.jsonl", "series.jsonl",
           "timeline.json")
OPTIONS = dict(progress=False, timeline_dates=6, timeline_sentences=1)


def _lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(x) for x in path.read_text("utf-8").splitlines()]


def _run(inputs: list[str], out: Path, db: Path, **extra: Any) -> None:
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        run(inputs, out, db, Options(**{**OPTIONS, **extra}))  # type: ignore[arg-type]
    finally:
        os.chdir(cwd)


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Path]]:
    """run 1: part of the sample + the dock strike; run 2: all of it, same database;
    run 3: the same again; run 4: a copy of the database with one story."""
    base = tmp_path_factory.mktemp("story")
    db = base / "store.duckdb"
    _run(["examples/plain", "examples/html", HARBOUR], base / "out1", db)
    _run(["examples", HARBOUR], base / "out2", db)
    _run(["examples", HARBOUR], base / "out3", db)
    shutil.copy(db, base / "one.duckdb")
    _run(["examples", HARBOUR], base / "out4", base / "one.duckdb", one_story=True)
    yield {"db": db, "out1": base / "out1", "out2": base / "out2", "out3": base / "out3",
           "out4": base / "out4"}


def test_outputs_validate(runs: dict[str, Path]) -> None:
    for key in ("out2", "out4"):
        out = runs[key]
        for name in ("articles", "events", "figures", "stories", "series"):
            for line in _lines(out / f"{name}.jsonl"):
                validate(name, line)
        validate("timeline", json.loads((out / "timeline.json").read_text("utf-8")))


def test_syndicated_copy_is_linked_and_counted_once(runs: dict[str, Path]) -> None:
    out = runs["out2"]
    arts = {(a["path"], a["position"]): a for a in _lines(out / "articles.jsonl")}
    wire = arts[("examples/feed/wire.jsonl", "line 1")]
    copy = arts[("examples/archive/crawl.warc.gz", "record 2")]
    assert copy["duplicate_of"] == wire["id"]
    assert [a for a in arts.values() if a["duplicate_of"]] == [copy]
    assert copy["story"] == wire["story"]
    events = _lines(out / "events.jsonl")
    both = [e for e in events if {wire["id"], copy["id"]} <= {m["article"] for m in e["mentions"]}]
    assert both  # the copy's mentions are kept, beside the original's
    for e in events:
        articles = {m["article"] for m in e["mentions"]}
        roots = {wire["id"] if a == copy["id"] else a for a in articles}
        assert e["sources"] == len(roots)
    # the Nairobi ceasefire of March 21: one event, reported by several outlets
    lead = "signed a ceasefire agreement on Friday"
    signed = [e for e in events if e["type"] == "AGREE" and any(
        lead in m["quote"] and m["article"] in (wire["id"], copy["id"]) for m in e["mentions"])]
    assert len(signed) == 1
    # the wire (its copy counts once) and the Doka report, which names both parties;
    # reports that name neither party stay apart (they may be another incident)
    assert signed[0]["sources"] >= 2 and signed[0]["date"]["start"] == "2025-03-21"
    timeline = json.loads((out / "timeline.json").read_text("utf-8"))
    for entries in [timeline["entries"]] + [s["entries"] for s in timeline["stories"]]:
        for entry in entries:
            assert copy["id"] not in entry["sources"]
    for series in _lines(out / "series.jsonl"):
        for point in series["points"]:
            assert copy["id"] not in point["sources"]


def test_mixed_feed_gives_two_stories_and_one_story_gives_one(runs: dict[str, Path]) -> None:
    arts = _lines(runs["out2"] / "articles.jsonl")
    stories = _lines(runs["out2"] / "stories.jsonl")
    assert len(stories) == 2
    harbour = {a["story"] for a in arts if a["path"].startswith(HARBOUR)}
    sample = {a["story"] for a in arts if a["path"].startswith("examples")}
    assert len(harbour) == 1 and len(sample) == 1 and harbour != sample
    titles = {s["id"]: s["title"] for s in stories}
    assert "Durban" in titles[harbour.pop()]
    assert any(w in titles[sample.pop()] for w in ("Ethiopia", "Sudan"))
    for s in stories:
        assert s["first"] <= s["last"]
    one = _lines(runs["out4"] / "stories.jsonl")
    assert len(one) == 1 and len(one[0]["articles"]) == len(arts)
    assert {e["story"] for e in _lines(runs["out4"] / "events.jsonl")} == {one[0]["id"]}


def test_incremental_run_keeps_story_ids_and_merges_only_touched_stories(
        runs: dict[str, Path]) -> None:
    first = {a["id"]: a["story"] for a in _lines(runs["out1"] / "articles.jsonl")}
    second = {a["id"]: a["story"] for a in _lines(runs["out2"] / "articles.jsonl")}
    assert len(second) > len(first)
    assert all(second[a] == s for a, s in first.items())
    harbour = {s for a, s in second.items() if a in first and s is not None} - {
        second[a] for a in second if a not in first}
    con = duckdb.connect(str(runs["db"]), read_only=True)
    try:
        merged = {run: {str(s) for (s,) in con.execute(
            "SELECT story FROM story_merges WHERE run = ?", [run]).fetchall()} for run in (1, 2, 3)}
    finally:
        con.close()
    sample_story = {second[a] for a in second if a not in first}
    assert len(sample_story) == 1  # the new sample articles joined the sample's story
    assert merged[1] == set(first.values())  # both stories merged when they began
    assert merged[2] == sample_story  # only the story that received articles
    assert harbour and not harbour & merged[2]
    assert merged[3] == set()


def test_rerun_stores_nothing_twice_and_gives_identical_outputs(runs: dict[str, Path]) -> None:
    for name in OUTPUTS:
        assert (runs["out2"] / name).read_text("utf-8") == (runs["out3"] / name).read_text("utf-8"), name
    con = duckdb.connect(str(runs["db"]), read_only=True)
    try:
        for table, key in (("minhashes", "article"), ("duplicates", "article"),
                           ("story_articles", "article"), ("story_terms", "article")):
            total, distinct = con.execute(
                f"SELECT count(*), count(DISTINCT {key}) FROM {table}").fetchone()  # type: ignore[misc]
            assert total == distinct, table
        n_articles = con.execute("SELECT count(*) FROM articles").fetchone()[0]  # type: ignore[index]
        assert con.execute("SELECT count(*) FROM minhashes").fetchone()[0] == n_articles  # type: ignore[index]
        buckets = con.execute("SELECT count(*) FROM lsh_buckets").fetchone()[0]  # type: ignore[index]
        assert buckets == n_articles * 42
    finally:
        con.close()


def test_timeline_entries_list_events_of_their_day(runs: dict[str, Path]) -> None:
    out = runs["out2"]
    events = {e["id"]: e for e in _lines(out / "events.jsonl")}
    timeline = json.loads((out / "timeline.json").read_text("utf-8"))
    stories = {s["id"] for s in _lines(out / "stories.jsonl")}
    assert {s["id"] for s in timeline["stories"]} == stories
    listed = 0
    for story in timeline["stories"]:
        assert len(story["entries"]) <= 6  # --timeline-dates holds per story
        for entry in story["entries"]:
            assert len(entry["summary"]) <= 1
            for eid in entry["events"]:
                ev = events[eid]
                assert ev["story"] == story["id"]
                assert ev["date"]["start"] == ev["date"]["end"] == entry["date"]
                listed += 1
    assert listed > 0
    for entry in timeline["entries"]:
        for eid in entry["events"]:
            assert events[eid]["date"]["start"] == entry["date"]


def test_events_carry_their_plover_coded_type(runs: dict[str, Path]) -> None:
    from storyline.events.plover import fold

    events = _lines(runs["out2"] / "events.jsonl")
    assert events
    for e in events:
        assert e["plover_type"] == fold(e["type"], e["modality"])
    # a planned or possible act is folded: some sample event is not asserted
    assert any(e["plover_type"] != e["type"] for e in events)


def test_whole_input_timeline_is_made_of_the_stories_entries(runs: dict[str, Path]) -> None:
    out = runs["out2"]
    timeline = json.loads((out / "timeline.json").read_text("utf-8"))
    story_of = {a["id"]: a["story"] for a in _lines(out / "articles.jsonl")}
    by_day: dict[str, list[dict[str, Any]]] = {}
    for story in timeline["stories"]:
        for entry in story["entries"]:
            by_day.setdefault(entry["date"], []).append(dict(entry, story=story["id"]))
    assert 1 <= len(timeline["entries"]) <= 6
    for entry in timeline["entries"]:
        parts = by_day[entry["date"]]  # a day some story's own timeline holds
        said = {s: p for p in parts for s in p["summary"]}
        assert entry["summary"] and set(entry["summary"]) <= set(said)
        # each sentence keeps its story: its sources are that story's articles
        assert {story_of[a] for a in entry["sources"]} <= {p["story"] for p in parts}
        assert set(entry["events"]) <= {e for p in parts for e in p["events"]}
