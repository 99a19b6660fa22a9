"""Findings 9 and 10 of the fourteenth black-box attack (issue 15, bounded cost): empty
files cost more the more files a run had read (a few store statements a file, each
scanning tables that grow with the run); the same wire items were all dropped as "page
furniture" as JSON Lines (their lines share one shape, digits folded) and kept as a
JSON array, whose run then compared its 20,000 one-line reports pair by pair.
Every input here is invented for the test; each test fails on the code before the fix,
and the cost is tested by counting statements and comparisons, not by timing."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from storyline.model import Article, Event

# -- 9: a batch of files is recorded in a fixed number of store statements -------------------


class _Counting:
    """A DuckDB connection that counts the statements run through it."""

    def __init__(self, con: Any) -> None:
        self.con, self.statements = con, 0

    def execute(self, *args: Any, **kwargs: Any) -> Any:
        self.statements += 1
        return self.con.execute(*args, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.con, name)


def _statements(store: Any, files: list[tuple[str, Path, int]], run: int,
                unread: set[str]) -> int:
    """How many statements ``store.write_batch`` runs to record ``files``."""
    real, counting = store.con, _Counting(store.con)
    store.con = counting
    try:
        store.write_batch([], [], files, run, unread=unread)
    finally:
        store.con = real
    return counting.statements


@pytest.mark.parametrize("unread", [False, True])
def test_recording_a_batch_of_files_takes_as_many_statements_for_5_files_as_for_80(
        tmp_path: Path, unread: bool) -> None:
    from storyline.store.db import Store

    def empties(folder: str, n: int) -> list[tuple[str, Path, int]]:
        (tmp_path / folder).mkdir()
        out = []
        for i in range(n):
            p = tmp_path / folder / f"e{i}.txt"
            p.write_bytes(b"")
            out.append((str(p), p, 0))
        return out

    few, many = empties("few", 5), empties("many", 80)
    with Store(tmp_path / "s.duckdb") as store:
        run = store.new_run()
        n_few = _statements(store, few, run, {d for d, _, _ in few} if unread else set())
        n_many = _statements(store, many, run, {d for d, _, _ in many} if unread else set())
        assert n_few == n_many, (n_few, n_many)
        # and again in a later run, the files recorded now
        run = store.new_run()
        again = _statements(store, many, run, {d for d, _, _ in many} if unread else set())
        assert again == n_few, (again, n_few)
        assert len(store.done_files()) == 85


def test_files_touched_since_they_were_read_are_restamped_in_one_statement(
        tmp_path: Path) -> None:
    import os

    from storyline.store.db import Store

    paths = [tmp_path / f"t{i}.txt" for i in range(60)]
    for p in paths:
        p.write_text("The ferry to Karsa sailed again on Friday.", "utf-8")
    with Store(tmp_path / "s.duckdb") as store:
        store.write_batch([], [], [(str(p), p, 1) for p in paths], store.new_run())
        for p in paths:  # the same bytes with other times (copied back, touched)
            os.utime(p, ns=(1_600_000_000_000_000_000, 1_600_000_000_000_000_000))
        real, counting = store.con, _Counting(store.con)
        store.con = counting
        try:
            store.restamp([(str(p), p) for p in paths[:3]])
            few = counting.statements
            store.restamp([(str(p), p) for p in paths])
        finally:
            store.con = real
        assert counting.statements == 2 * few, (few, counting.statements - few)
        done = store.done_files()
        assert all(done[str(p)].mtime_ns == 1_600_000_000_000_000_000 for p in paths)


def test_a_file_read_to_nothing_keeps_its_stored_article_and_says_so_in_a_batch(
        tmp_path: Path) -> None:
    from storyline.model import Published
    from storyline.store.db import Store

    paths = [tmp_path / f"f{i}.txt" for i in range(3)]
    for p in paths:
        p.write_text("x", "utf-8")
    art = Article(id="k1", input_id=None, path=str(paths[1]), url=None, outlet=None,
                  title=None, dateline=None, text="Troops left the port of Vedra on Friday.",
                  language="en", published=Published(date=None, source="none"), position=None)
    with Store(tmp_path / "s.duckdb") as store:
        run = store.new_run()
        store.write_batch([art], [], [(str(p), p, 1) for p in paths], run)
        run = store.new_run()
        store.write_batch([], [], [(str(p), p, 0) for p in paths], run,
                          unread={str(p) for p in paths})
        assert store.kept == [f"{paths[1]} could not be read this time; its 1 stored "
                              "article(s) are kept"]
        assert store.count_articles() == 1


# -- 10: the same items as JSON Lines and as a JSON array -------------------------------------

def _items(n: int) -> list[dict[str, str]]:
    return [{"text": f"Rebels shelled village {i} on Monday.", "id": str(i)} for i in range(n)]


def _run(tmp_path: Path, name: str, data: str) -> tuple[list[dict[str, Any]], str]:
    """The articles of a run on one input file, and the warnings the run gave."""
    from storyline.pipeline import Options, run

    src = tmp_path / name
    src.write_text(data, "utf-8")
    out = tmp_path / f"o_{name}"
    said: list[str] = []
    run([str(src)], out, out / "s.duckdb", Options(progress=False), log=said.append)
    arts = [json.loads(x) for x in (out / "articles.jsonl").read_text("utf-8").splitlines()]
    return arts, "\n".join(said)


def test_distinct_one_line_reports_of_one_shape_are_articles_as_json_lines_and_array(
        tmp_path: Path) -> None:
    items = _items(40)
    lines, said_lines = _run(tmp_path, "wire.jsonl", "".join(json.dumps(x) + "\n" for x in items))
    array, said_array = _run(tmp_path, "wire.json", json.dumps(items))
    assert "furniture" not in said_lines and "furniture" not in said_array
    assert sorted(a["text"] for a in lines) == sorted(x["text"] for x in items)
    assert sorted(a["text"] for a in array) == sorted(a["text"] for a in lines)


def test_a_footer_every_record_repeats_is_furniture_in_json_lines_and_in_a_json_array(
        tmp_path: Path) -> None:
    footer = "Harbour Gazette wire desk, Vedra office, night edition"
    items = [{"text": f"Dockers in berth {i} walked out over pay on Monday.\n{footer}",
              "id": str(i)} for i in range(12)]
    lines, _ = _run(tmp_path, "wire.jsonl", "".join(json.dumps(x) + "\n" for x in items))
    array, _ = _run(tmp_path, "wire.json", json.dumps(items))
    assert len(lines) == len(array) == 12
    assert not any("wire desk" in a["text"] for a in lines + array), [a["text"] for a in array]
    assert sorted(a["text"] for a in array) == sorted(a["text"] for a in lines)


def test_a_record_of_a_shape_that_recurs_word_for_word_elsewhere_keeps_its_own_line() -> None:
    from storyline.clean.article import given_furniture
    from storyline.clean.text import RepetitionCounter, line_key

    counter = RepetitionCounter(exact=True)
    for i in range(10):  # one text sent ten times, each with its own second line
        counter.add(f"Rebels shelled village 3 on Monday.\nThe count of item {i} is in")
    found = counter.boilerplate()
    mine = "Rebels shelled village 7 on Monday."
    assert line_key(mine) in found  # the shape recurs, word for word in the others
    assert line_key(mine) not in given_furniture(mine, found)
    same = "Rebels shelled village 3 on Monday."
    assert line_key(same) in given_furniture(same, found)


# -- 10 (c): reports of one actor are not compared pair by pair ------------------------------

MONDAY = ("2024-05-06", "2024-05-06", "day", "on Monday")
UNDATED = ("", "", "day", None)


def _reports(n: int, date: tuple[str, str, str, str | None]) -> list[Event]:
    from tests.test_story_units import _event

    return [Event.from_json(_event(f"b{i}", 0, "ASSAULT", date, source="KARREB",
                                   trigger="shelled")) for i in range(n)]


@pytest.mark.parametrize(("date", "published", "events"), [
    (UNDATED, None, 300),  # undated: never merged, 300 events
    (MONDAY, "2024-05-08", 1),  # one template, one stated day: one event of 300 mentions
])
def test_reports_of_one_actor_are_merged_without_comparing_every_pair(
        monkeypatch: pytest.MonkeyPatch, date: tuple[str, str, str, str | None],
        published: str | None, events: int) -> None:
    from storyline.story import merge as mg

    calls = {"compatible": 0, "related": 0}
    compatible, related = mg.compatible, mg._related

    def counted(name: str, f: Any) -> Any:
        def g(*args: Any) -> Any:
            calls[name] += 1
            return f(*args)
        return g

    monkeypatch.setattr(mg, "compatible", counted("compatible", compatible))
    monkeypatch.setattr(mg, "_related", counted("related", related))
    n = 300
    merged = mg.merge_events(_reports(n, date), story="s", roots={},
                             published={f"b{i}": published for i in range(n)})
    assert len(merged) == events
    assert calls["compatible"] < n and calls["related"] < n, calls
