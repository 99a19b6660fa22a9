"""Bad input never stops a run nor poisons the store; workers share no connection.

Inputs are written by the tests (tests/news.py); no test reads ../shared.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import duckdb
import pytest

from storyline.pipeline import Options, run
from storyline.schemas import validate
from storyline.store.db import Store, StoreLocked
from tests.news import article, jsonl_line

ROOT = Path(__file__).resolve().parents[1]


def _articles(out: Path) -> list[dict[str, Any]]:
    return [json.loads(x) for x in (out / "articles.jsonl").read_text("utf-8").splitlines()]


def test_calendar_edge_dates_never_poison_the_store(tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "in"
    src.mkdir()
    lines = [{**jsonl_line(1), "published": "0001-01-01"},
             {**jsonl_line(2), "published": "9999-12-31"},
             jsonl_line(3)]
    (src / "edge.jsonl").write_text("\n".join(json.dumps(x) for x in lines) + "\n")
    out = tmp_path / "out"
    first = run([str(src)], out, options=Options(progress=False))
    err = capsys.readouterr().err
    assert first.articles_new == 3
    assert "0001-01-01" in err and "9999-12-31" in err
    arts = _articles(out)
    assert sorted(a["published"]["date"] or "" for a in arts) == ["", "", "2025-03-25"]
    # a later run on the same store, with good input, works
    (src / "good.txt").write_text("Crossing reopens\n\n" + article(9), encoding="utf-8")
    second = run([str(src)], out, options=Options(progress=False))
    assert second.articles_new == 1 and len(_articles(out)) == 4


def test_store_holding_bad_dates_from_an_older_version_is_repaired(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.jsonl").write_text(json.dumps(jsonl_line(1)) + "\n")
    out = tmp_path / "out"
    run([str(src)], out, options=Options(progress=False))
    db = out / "storyline.duckdb"
    con = duckdb.connect(str(db))  # what an older version let in
    con.execute("UPDATE articles SET pub_date = '0001-01-01', pub_earliest = '0001-01-01', "
                "pub_latest = '9999-12-31', warnings = 'not json'")
    con.close()
    (src / "b.jsonl").write_text(json.dumps(jsonl_line(2)) + "\n")
    summary = run([str(src)], out, options=Options(progress=False))
    assert summary.articles_new == 1
    arts = _articles(out)
    assert len(arts) == 2
    repaired = next(a for a in arts if a["input_id"] == "wire-1")
    assert repaired["published"]["date"] is None
    assert any("outside the calendar" in w for w in repaired["warnings"])
    for a in arts:
        validate("articles", a)
    with Store(db) as store:
        assert store.repaired == 0  # repaired once, for good


def _run_one_article(tmp_path: Path, out: Path, db: Path,
                     timeout: int) -> subprocess.CompletedProcess[str]:
    """``storyline run`` of one article written into ``tmp_path``."""
    (tmp_path / "a.txt").write_text(article(1))
    return subprocess.run(
        [sys.executable, "-m", "storyline.cli", "run", str(tmp_path / "a.txt"), "--out",
         str(out), "--db", str(db), "--quiet"],
        capture_output=True, text=True, timeout=timeout)


def test_second_run_on_a_locked_store_is_one_clear_line(tmp_path: Path) -> None:
    db = tmp_path / "held.duckdb"
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); print('ready', flush=True);"
         " time.sleep(60)", str(db)],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        with pytest.raises(StoreLocked):
            Store(db)
        proc = _run_one_article(tmp_path, tmp_path / "out", db, timeout=60)
    finally:
        holder.kill()
        holder.wait()
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "in use by another storyline run" in lines[0], proc.stderr


def test_unexpected_exception_skips_only_that_document(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    import storyline.clean.article as cleaner

    real = cleaner.make_article

    def flaky(raw: Any, *notes: Any) -> Any:
        if "number 2," in raw.content:
            raise KeyError("a bug in a cleaning stage")
        return real(raw, *notes)

    monkeypatch.setattr(cleaner, "make_article", flaky)
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.jsonl").write_text("\n".join(json.dumps(jsonl_line(i)) for i in (1, 2, 3)) + "\n")
    summary = run([str(src)], tmp_path / "out", options=Options(progress=False))
    err = capsys.readouterr().err
    assert summary.articles_new == 2
    assert summary.skipped["internal error while cleaning"] == 1
    bad = [x for x in err.splitlines() if "internal error" in x]
    assert len(bad) == 1 and "a.jsonl" in bad[0] and "KeyError" in bad[0]


def test_many_bad_lines_give_a_few_warnings_and_all_are_counted(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "bad.jsonl").write_text("{}\n" * 3000 + json.dumps(jsonl_line(1)) + "\n")
    (src / "name\nwarning: forged\x1b[31m.txt").write_text("")
    summary = run([str(src)], tmp_path / "out", options=Options(progress=False))
    err = capsys.readouterr().err.splitlines()
    assert summary.articles_new == 1
    assert sum(summary.skipped.values()) == 3001
    assert sum(1 for x in err if "bad.jsonl" in x) == 6
    assert not any(x.startswith("warning: forged") for x in err)
    assert any("\\n" in x and "\\x1b" in x for x in err)
    with Store(tmp_path / "out" / "storyline.duckdb") as store:
        assert len(store.rejects()) <= 102  # the first hundred, one row for the rest, one file


def test_workers_two_on_hundreds_of_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The pool's feeder thread never touches the store's connection (it was "connection
    is busy" in 3 of 3 runs on 128 files). Annotation is left out here to keep CI fast:
    its feeder reads through a cursor of its own (next test)."""
    import storyline.pipeline as pipeline

    monkeypatch.setattr(pipeline, "annotate_missing", lambda *a, **k: 0)
    src = tmp_path / "in"
    src.mkdir()
    for i in range(300):
        (src / f"f{i:03d}.jsonl").write_text(json.dumps(jsonl_line(i)) + "\n")
    summary = run([str(src)], tmp_path / "out", options=Options(progress=False, workers=2))
    assert summary.files == 300 and summary.articles_new == 300
    again = run([str(src)], tmp_path / "out", options=Options(progress=False, workers=2))
    assert again.files_reused == 300 and again.articles_new == 0


def test_reader_cursor_serves_another_thread_while_the_owner_writes(tmp_path: Path) -> None:
    from storyline.pipeline import run as _  # noqa: F401  (the store's users)

    src = tmp_path / "in"
    src.mkdir()
    (src / "a.jsonl").write_text("\n".join(json.dumps(jsonl_line(i)) for i in range(450)) + "\n")
    import storyline.pipeline as pipeline

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(pipeline, "annotate_missing", lambda *a, **k: 0)
        mp.setattr(pipeline, "run_story_stages", lambda *a, **k: {})
        run([str(src)], tmp_path / "out", options=Options(progress=False))
    with Store(tmp_path / "out" / "storyline.duckdb") as store:
        ids = store.missing_annotations("s", "1")
        assert len(ids) == 450
        reader = store.reader()
        seen: list[str] = []
        errors: list[BaseException] = []

        def consume() -> None:
            try:
                for a in store.articles_by_id(ids, reader):
                    seen.append(a.id)
                    time.sleep(0.0005)
            except BaseException as exc:
                errors.append(exc)

        t = threading.Thread(target=consume)
        t.start()
        while t.is_alive():
            store.put_annotations("s", "1", [(ids[len(seen) % len(ids)], {"x": 1})])
        t.join()
        reader.close()
    assert not errors and len(seen) == 450


def test_unexpected_exception_in_a_story_stage_skips_only_that_story(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    import storyline.story.stage as stage

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise ZeroDivisionError("a bug in the merge")

    monkeypatch.setattr(stage, "merge_events", broken)
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.jsonl").write_text("\n".join(json.dumps(jsonl_line(i)) for i in (1, 2)) + "\n")
    summary = run([str(src)], tmp_path / "out", options=Options(progress=False))
    assert summary.articles_new == 2
    failed = [r for r in caplog.records if "merging its events failed" in r.getMessage()]
    assert failed and all("ZeroDivisionError" in r.getMessage() for r in failed)
    assert len(_articles(tmp_path / "out")) == 2
    monkeypatch.undo()
    again = run([str(src)], tmp_path / "out", options=Options(progress=False))
    assert again.stories.get("stories_merged", 0) >= 1  # the failed story is merged again


def test_second_run_into_a_held_output_folder_is_one_clear_line(tmp_path: Path) -> None:
    """Two runs with different stores and one --out interleaved their exports (the seventh
    attack): the second is refused, exit 2, and the folder is left to the first."""
    out = tmp_path / "out"
    out.mkdir()
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time; from pathlib import Path; from storyline.outfiles import folder_lock\n"
         "with folder_lock(Path(sys.argv[1])):\n print('ready', flush=True); time.sleep(60)",
         str(out)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        proc = _run_one_article(tmp_path, out, tmp_path / "other.duckdb", timeout=60)
    finally:
        holder.kill()
        holder.wait()
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "output folder" in lines[0] and "in use" in lines[0], proc.stderr
    assert sorted(p.name for p in out.iterdir()) == []  # nothing written beside the holder's
    assert not (tmp_path / "other.duckdb").exists()
    # the lock ends with its holder, even killed: the same run now goes through
    again = _run_one_article(tmp_path, out, tmp_path / "other.duckdb", timeout=300)
    assert again.returncode == 0, again.stderr
    assert (out / "articles.jsonl").exists()
