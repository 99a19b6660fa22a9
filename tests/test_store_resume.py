"""The same input twice stores nothing twice; a run killed with SIGKILL resumes with no loss."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from storyline.pipeline import Options, run
from storyline.schemas import validate
from tests.news import article, jsonl_line


def _corpus(folder: Path, files: int, per_file: int) -> int:
    folder.mkdir(parents=True)
    n = 0
    for f in range(files):
        lines = []
        for _ in range(per_file):
            lines.append(json.dumps(jsonl_line(n)))
            n += 1
        (folder / f"part-{f:03d}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return n


def test_same_input_twice_stores_nothing_twice(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("Crossing reopens\n\n" + article(1), encoding="utf-8")
    (src / "copy-of-a.txt").write_text("Crossing reopens\n\n" + article(1), encoding="utf-8")
    (src / "b.jsonl").write_text(json.dumps(jsonl_line(2)) + "\n", encoding="utf-8")
    first = run([str(src)], tmp_path / "out", options=Options(progress=False))
    assert first.articles_new == 2 and first.articles_known == 1  # the copy is the same article
    second = run([str(src)], tmp_path / "out", options=Options(progress=False))
    assert second.articles_new == 0 and second.files_reused == 3
    lines = (tmp_path / "out" / "articles.jsonl").read_text().splitlines()
    assert len(lines) == 2
    for line in lines:
        validate("articles", json.loads(line))
    # a file that changed is read again; its unchanged articles are not stored twice
    time.sleep(0.01)
    (src / "b.jsonl").write_text(json.dumps(jsonl_line(2)) + "\n" + json.dumps(jsonl_line(3)) + "\n")
    third = run([str(src)], tmp_path / "out", options=Options(progress=False))
    assert third.articles_new == 1 and third.articles_known == 1


def _children(pid: int) -> set[int]:
    """Processes whose parent is ``pid`` (Linux /proc; empty elsewhere)."""
    out = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            out.add(int(stat.parent.name))
    return out


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.slow
@pytest.mark.parametrize("workers", [1, 2])
def test_sigkill_halfway_then_resume(tmp_path: Path, workers: int) -> None:
    total = _corpus(tmp_path / "in", files=60, per_file=2)
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "storyline.cli", "run", str(tmp_path / "in"), "--out", str(out),
           "--quiet", "--workers", str(workers)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})
    db = out / "storyline.duckdb"
    wal = out / "storyline.duckdb.wal"
    # The writer holds the database locked; its write-ahead log grows with each
    # committed batch. Kill without warning once a few batches are in.
    deadline = time.monotonic() + 120
    killed = False
    workers_seen: set[int] = set()
    while time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.02)
        workers_seen |= _children(proc.pid)
        if wal.exists() and wal.stat().st_size > 30_000:
            workers_seen |= _children(proc.pid)
            proc.send_signal(signal.SIGKILL)
            killed = True
            break
    proc.wait()
    assert killed, "the run finished before it could be killed: make the corpus larger"
    if workers > 1 and Path("/proc").is_dir():
        assert workers_seen, "no worker process was seen"
        # the workers end with the run that started them
        end = time.monotonic() + 20
        while time.monotonic() < end and any(_alive(p) for p in workers_seen):
            time.sleep(0.1)
        assert not any(_alive(p) for p in workers_seen), "worker processes outlived their run"
    con = duckdb.connect(str(db), read_only=True)  # readable after the kill
    partial = con.execute("SELECT count(*) FROM articles").fetchone()[0]  # type: ignore[index]
    con.close()
    assert 0 < partial <= total  # killed while reading, or later while annotating
    summary = run([str(tmp_path / "in")], out, options=Options(progress=False, workers=workers))
    assert summary.files_reused >= 5
    con = duckdb.connect(str(db), read_only=True)
    n, distinct = con.execute("SELECT count(*), count(DISTINCT id) FROM articles").fetchone()  # type: ignore[misc]
    con.close()
    assert n == distinct == total
    lines = (out / "articles.jsonl").read_text().splitlines()
    assert len(lines) == total
    for line in lines[:20]:
        validate("articles", json.loads(line))
