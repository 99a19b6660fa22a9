"""The sixth attack (issue 15: stateful cases and the Python API): what it found, fixed.

Each test is one finding: a run given one path as text, repeated paths, values that are
no paths, a wrong-typed flag, records of other types, damaged output files, a store found
damaged in a later stage, SIGTERM."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

import storyline
from storyline.api import Record, code_records
from storyline.checks import OptionError
from tests.news import article, jsonl_line

ROOT = Path(__file__).resolve().parents[1]
ENV = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)])}


def _input(tmp_path: Path, n: int = 2) -> Path:
    path = tmp_path / "wire.jsonl"
    path.write_text("".join(json.dumps(jsonl_line(i)) + "\n" for i in range(n)), "utf-8")
    return path


def test_one_path_as_text_is_one_input_and_a_repeated_path_is_read_once(tmp_path: Path) -> None:
    src = _input(tmp_path)
    summary = storyline.run(str(src), tmp_path / "one")  # not its characters: "/", "t", ...
    assert summary.files == 1 and summary.articles_total == 2
    started = time.monotonic()
    again = storyline.run([src] * 4000, tmp_path / "many")
    assert again.files == 1 and again.articles_total == 2
    assert time.monotonic() - started < 120


def test_an_endless_iterator_of_inputs_is_refused_not_read_forever(tmp_path: Path) -> None:
    import itertools

    src = _input(tmp_path)
    with pytest.raises(OptionError, match="more than 1,000,000 paths"):
        storyline.run(itertools.cycle([src, tmp_path]), tmp_path / "out")
    assert not (tmp_path / "out").exists()  # refused before any work


# (bytes are a path, as os.fsdecode reads them: tests/test_attack18_j.py; a bytearray is not)
@pytest.mark.parametrize("inputs", [bytearray(b"/tmp"), [bytearray(b"/tmp")], [None], [3],
                                    {"a": 1}, 7],
                         ids=["bytearray", "bytearray-item", "None", "int", "dict", "number"])
def test_inputs_that_are_no_paths_are_refused_by_name(inputs: Any, tmp_path: Path) -> None:
    with pytest.raises(OptionError, match="path"):
        storyline.run(inputs, tmp_path / "out")
    assert not (tmp_path / "out").exists()  # refused before any work


@pytest.mark.parametrize("out", [None, "", bytearray(b"out")])
def test_an_output_folder_that_is_no_path_is_refused(out: Any, tmp_path: Path) -> None:
    with pytest.raises(OptionError, match="out"):
        storyline.run([_input(tmp_path)], out)


def test_a_flag_of_another_type_is_refused(tmp_path: Path) -> None:
    with pytest.raises(OptionError, match="one_story"):
        storyline.run([_input(tmp_path)], tmp_path / "out", one_story="no")


def test_records_of_other_types_are_coded_or_skipped_and_the_rest_still_come(
        caplog: pytest.LogCaptureFixture) -> None:
    text = "Rebels shelled the border town of Karsa on Monday."
    items: list[Any] = [Record(text, "r1"), {"text": text, "id": 2, "date": "2024-05-08"},
                        text, 42, Record(text, "r5")]
    with caplog.at_level("WARNING", logger="storyline"):
        coded = list(code_records(items))  # type: ignore[arg-type]
    assert [c.id for c in coded] == ["r1", "2", None, None, "r5"]
    assert [bool(c.events) for c in coded] == [True, True, True, False, True]
    assert coded[1].events[0].date.start == "2024-05-06"
    assert sum("record 4" in r.getMessage() for r in caplog.records) == 1


@pytest.mark.parametrize("damage", [b'{"id": "e1", "type": \n', b'{"id": "\xff\xfe"}\n'],
                         ids=["cut", "bytes"])
def test_a_damaged_output_file_names_itself_and_its_line(damage: bytes, tmp_path: Path) -> None:
    from storyline.schemas import schema

    # (line 1 an event object as far as read_events checks: the fields the schema requires)
    first = json.dumps({k: None for k in schema("events")["required"]}).encode()
    (tmp_path / "events.jsonl").write_bytes(first + b"\n\n" + damage)
    with pytest.raises(ValueError, match=r"events\.jsonl, line 3: not a JSON line"):
        storyline.read_events(tmp_path)


def test_a_store_found_damaged_in_a_later_stage_is_one_line_and_exit_2(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    import duckdb

    from storyline.cli import main
    from storyline.store.db import Store

    src, out = _input(tmp_path), tmp_path / "out"
    assert main(["run", str(src), "--out", str(out), "--quiet"]) == 0
    capsys.readouterr()

    def corrupt(self: Store) -> list[str]:
        raise duckdb.Error("Corrupt database file: computed checksum 17 does not match "
                           "stored checksum 5 in block at location 3682304")

    monkeypatch.setattr(Store, "unsigned_articles", corrupt)
    (tmp_path / "more.jsonl").write_text(json.dumps(jsonl_line(7)) + "\n", "utf-8")
    code = main(["run", str(src), str(tmp_path / "more.jsonl"), "--out", str(out), "--quiet"])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2
    assert [x for x in err if x.startswith("error:")] == err[-1:]
    assert "is damaged" in err[-1] and "Traceback" not in "\n".join(err)


_TERM_SELF = """
import os, signal, sys
import storyline.pipeline as p
real = p.annotate_missing
def term(*a, **k):
    os.kill(os.getpid(), signal.SIGTERM)
    return real(*a, **k)
p.annotate_missing = term
from storyline.cli import main
sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_sigterm_stops_a_run_with_one_line_and_the_rerun_goes_on(tmp_path: Path) -> None:
    src, out = _input(tmp_path), tmp_path / "out"
    args = ["run", str(src), "--out", str(out), "--quiet", "--workers", "2"]
    got = subprocess.run([sys.executable, "-c", _TERM_SELF, *args], env=ENV,
                         capture_output=True, text=True, timeout=600, check=False)
    assert got.returncode == 143, got.stderr[-2000:]
    assert got.stderr.strip().splitlines() == [
        "storyline: terminated; what was stored is kept: run the same command again to go on"]
    again = subprocess.run([sys.executable, "-m", "storyline.cli", *args], env=ENV,
                           capture_output=True, text=True, timeout=600, check=False)
    assert again.returncode == 0, again.stderr[-2000:]
    assert len(storyline.read_articles(out)) == 2


def test_the_main_process_is_no_worker_starting() -> None:
    from storyline.engine import in_worker_start

    assert in_worker_start() is False


def test_a_second_run_on_an_open_store_in_this_process_is_told_it_is_in_use(
        tmp_path: Path) -> None:
    from storyline.store.db import Store, StoreLocked

    path = tmp_path / "s.duckdb"
    first = Store(path)
    with pytest.raises(StoreLocked, match="in use by another storyline run in this process"):
        Store(tmp_path / "." / "s.duckdb")
    with pytest.raises(StoreLocked):
        storyline.run([_input(tmp_path)], tmp_path / "out", db=path)
    first.close()
    with Store(path) as again:
        assert again.count_articles() == 0


_UNDATED = ("Rebels shelled the market town of Karsa on Tuesday, March 3, and the "
            "provincial governor said four people were wounded in the attack. Police "
            "closed the road to Lumbar while engineers checked the bridge for damage, "
            "and the governor asked the capital for more troops to guard the valley.")
_DATED = ("Rebels shelled the market town of Karsa on Tuesday, March 3, the provincial "
          "governor said, and four people were wounded. Police closed the road to Lumbar "
          "while engineers checked the bridge, and the governor asked the capital for "
          "more troops to guard the valley and the market.")


def test_an_undated_article_dated_by_a_later_arrival_is_coded_as_a_fresh_run_codes_it(
        tmp_path: Path) -> None:
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    first.write_text(json.dumps({"id": "u1", "text": _UNDATED, "outlet": "Karsa Courier"})
                     + "\n", "utf-8")
    second.write_text(json.dumps({"id": "d1", "text": _DATED, "outlet": "Valley Post",
                                  "published": "2026-03-04"}) + "\n", "utf-8")
    storyline.run([first], tmp_path / "step")
    storyline.run([first, second], tmp_path / "step")
    storyline.run([first, second], tmp_path / "fresh")

    def events(out: Path) -> list[Any]:
        rows = storyline.read_events(out)
        return sorted((e["type"], e["date"]["start"] or "",
                       sorted(m["article"] for m in e["mentions"])) for e in rows)

    fresh = events(tmp_path / "fresh")
    assert any(start and start.startswith("2026-03") for _, start, _ in fresh)
    assert events(tmp_path / "step") == fresh


def test_an_output_that_fails_half_written_leaves_no_temporary_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import errno

    import storyline.exporters as ex

    src, out = _input(tmp_path), tmp_path / "out"

    def full_disk(*a: Any, **k: Any) -> Any:  # events.jsonl is open, its first line fails
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(ex, "_event_line", full_disk)
    with pytest.raises(OSError):
        storyline.run([src], out)
    monkeypatch.undo()
    assert not list(out.glob("*.tmp"))
    storyline.run([src], out)  # the rerun writes every output
    assert not list(out.glob("*.tmp")) and len(storyline.read_articles(out)) == 2


def test_one_text_given_as_records_is_refused_not_coded_letter_by_letter() -> None:
    with pytest.raises(OptionError, match="records"):
        code_records("Rebels shelled the border town of Karsa on Monday.")  # type: ignore[arg-type]


@pytest.mark.parametrize("out", [None, bytearray(b"/tmp"), 5, "no/such/folder/anywhere"])
def test_reading_outputs_from_what_is_no_output_folder_names_out(out: Any) -> None:
    with pytest.raises(OptionError, match="out"):
        storyline.read_events(out)


def test_the_ray_engine_without_its_extra_is_an_option_error_not_an_exit(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import storyline.pipeline as pl

    monkeypatch.setattr(pl, "_importable", lambda name: False)
    with pytest.raises(OptionError, match="ray"):
        storyline.run([_input(tmp_path)], tmp_path / "out", engine="ray")


def test_a_rollback_after_an_interrupted_commit_is_no_second_error(tmp_path: Path) -> None:
    import duckdb

    from storyline.store.db import Store

    with Store(tmp_path / "s.duckdb") as store:
        store.con.execute("BEGIN TRANSACTION")
        store.con.execute("COMMIT")  # the transaction is over, as after a failed COMMIT
        store._rollback()  # no TransactionException
        with pytest.raises(duckdb.TransactionException):
            store.con.execute("ROLLBACK")


def test_a_store_cut_short_is_refused_and_left_byte_for_byte(tmp_path: Path) -> None:
    from storyline.store.db import StoreError

    src, out = _input(tmp_path), tmp_path / "out"
    storyline.run([src], out)
    db = out / "storyline.duckdb"
    os.truncate(db, int(db.stat().st_size * 0.8))
    before = db.read_bytes()
    with pytest.raises(StoreError, match="damaged or truncated"):
        storyline.run([src], out)
    assert db.read_bytes() == before


def test_a_run_without_inputs_says_so(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level("WARNING", logger="storyline"):
        storyline.run([], tmp_path / "out")
    assert sum("no inputs given" in r.getMessage() for r in caplog.records) == 1


def test_a_text_of_single_letters_is_skipped_for_what_it_is() -> None:
    from storyline.ingest.guard import clean_document
    from storyline.model import RawDocument, Rejected

    got = clean_document(RawDocument("feed.jsonl", kind="jsonl", content="x", given_text=True))
    result = getattr(got, "result", got)
    assert isinstance(result, Rejected) and "single letters" in result.reason


@pytest.mark.slow
@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="one CPU: no worker processes")
def test_unguarded_script_with_workers_fails_fast_in_few_lines(tmp_path: Path) -> None:
    """A script calling ``storyline.run(workers=2)`` without a ``__main__`` guard: each
    worker imports the script again and dies; the run says so within seconds (it waited
    120 s while the pool replaced its dying workers and printed 150 tracebacks)."""
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(article(1), encoding="utf-8")
    script = tmp_path / "noguard.py"
    script.write_text("import storyline\n"
                      f"storyline.run([{str(src)!r}], {str(tmp_path / 'out')!r}, workers=2)\n",
                      encoding="utf-8")
    started = time.monotonic()
    proc = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                          timeout=150, cwd=tmp_path)
    assert proc.returncode != 0
    assert time.monotonic() - started < 90
    assert "__main__" in proc.stderr.strip().splitlines()[-1]
    assert proc.stderr.count("Traceback") <= 1  # the script's own error, not one a worker
    assert proc.stderr.count("called again") <= 4


def test_a_damaged_write_ahead_log_is_named_with_the_way_out(tmp_path: Path) -> None:
    """A run killed while writing can leave a half-written .wal: DuckDB then refuses the
    whole store. The line names the log and says what moving it aside keeps."""
    from storyline.store.db import Store, StoreError

    db = tmp_path / "s.duckdb"
    store = Store(db)
    store.con.execute("CHECKPOINT")
    store.con.execute("PRAGMA disable_checkpoint_on_shutdown")
    store.con.execute("SET wal_autocheckpoint='1TB'")
    store.con.execute("CREATE TABLE filler AS SELECT range AS n, repeat('x', 90) AS s "
                      "FROM range(60000)")
    store.close()
    wal = tmp_path / "s.duckdb.wal"
    raw = bytearray(wal.read_bytes())
    middle = len(raw) // 2
    raw[middle:middle + 2048] = bytes((7 * i + 3) % 251 for i in range(2048))
    wal.write_bytes(bytes(raw))
    before = db.read_bytes(), wal.read_bytes()
    with pytest.raises(StoreError, match=r"write-ahead log .*s\.duckdb\.wal is damaged.*"
                                         r"move s\.duckdb\.wal aside"):
        Store(db)
    assert (db.read_bytes(), wal.read_bytes()) == before  # left as they were
    wal.rename(tmp_path / "aside.wal")
    Store(db).close()  # what was checkpointed opens


def test_a_store_whose_growth_a_full_disk_stopped_opens_with_its_log(tmp_path: Path) -> None:
    """A full disk stops the file mid-block while its write-ahead log holds the rest:
    DuckDB replays the log, so the store is opened, not refused as cut short for good."""
    from storyline.store.db import Store

    db = tmp_path / "s.duckdb"
    store = Store(db)
    store.con.execute("CHECKPOINT")
    store.con.execute("PRAGMA disable_checkpoint_on_shutdown")
    store.con.execute("SET wal_autocheckpoint='1TB'")
    store.con.execute("CREATE TABLE filler AS SELECT range AS n FROM range(50000)")
    store.close()
    with open(db, "ab") as fh:
        fh.write(b"\0" * 4096)  # the block the disk had no room to finish
    store = Store(db)
    assert store.con.execute("SELECT count(*) FROM filler").fetchone() == (50000,)
    store.close()


def test_a_commit_the_disk_has_no_room_for_is_one_line(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import duckdb

    import storyline.cli as cli
    import storyline.pipeline as pipeline

    def full(*_a: Any, **_k: Any) -> None:
        raise duckdb.TransactionException(
            'TransactionContext Error: Failed to commit: Could not write file "s.duckdb.wal": '
            "No space left on device")

    monkeypatch.setattr(pipeline, "run", full)
    assert cli.main(["run", str(_input(tmp_path)), "--out", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "cannot write the database" in err[0] and "room" in err[0], err
