"""SIGKILL at chosen moments with two workers: inside an article batch's transaction, inside
a story stage's write, halfway through an export. The rerun's outputs are byte for byte
those of a run never killed, and the workers end with their run (issue 15)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from tests.bench import load_benchmark
from tests.news import article

ROOT = Path(__file__).resolve().parents[1]
OUTPUTS = ("articles.jsonl", "events.jsonl", "figures.jsonl", "stories.jsonl", "series.jsonl",
           "timeline.json", "dyads.csv", "report.html")
ENV = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)])}


def _corpus(folder: Path) -> None:
    folder.mkdir()
    for f in range(3):
        lines = [{"id": f"w{f}-{i}", "title": f"Crossing update {f}-{i}", "outlet": "Reuters",
                  "published": f"2025-03-{10 + f:02d}", "text": article(10 * f + i)}
                 for i in range(2)]
        (folder / f"part{f}.jsonl").write_text("\n".join(json.dumps(x) for x in lines) + "\n")


def _sigkill_bench() -> Any:
    """``benchmarks/robust_sigkill.py``: its process helpers (children of a pid, alive)."""
    return load_benchmark("robust_sigkill")


_BENCH = _sigkill_bench()
_children = _BENCH._children
_alive = _BENCH._alive


def _args(src: Path, out: Path) -> list[str]:
    return [str(src), "--out", str(out), "--quiet", "--workers", "2"]


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs Linux /proc")
def test_sigkill_at_chosen_moments_with_two_workers(tmp_path: Path) -> None:
    src = tmp_path / "in"
    _corpus(src)
    cli = [sys.executable, "-m", "storyline.cli", "run"]
    subprocess.run([*cli, *_args(src, tmp_path / "ref")], check=True, env=ENV,
                   capture_output=True)
    for moment in ("batch_write", "story_write", "export_events"):
        out = tmp_path / moment
        proc = subprocess.Popen([sys.executable, str(ROOT / "benchmarks" / "killpoint.py"),
                                 moment, "1", *_args(src, out)], env=ENV,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        seen: set[int] = set()
        while proc.poll() is None:
            seen |= _children(proc.pid)
            time.sleep(0.05)
        assert proc.returncode == -9, f"{moment}: the run was not killed ({proc.returncode})"
        end = time.monotonic() + 20
        while time.monotonic() < end and any(_alive(p) for p in seen):
            time.sleep(0.1)
        assert not any(_alive(p) for p in seen), f"{moment}: workers outlived their run"
        rerun = subprocess.run([*cli, *_args(src, out)], env=ENV, capture_output=True,
                               text=True)
        assert rerun.returncode == 0, rerun.stderr[-2000:]
        differ = [n for n in OUTPUTS if (out / n).read_bytes() != (tmp_path / "ref" / n).read_bytes()]
        assert not differ, f"{moment}: {differ} differ after the rerun"


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs Linux /proc")
@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="one CPU: no worker processes")
def test_a_run_killed_while_its_workers_work_leaves_no_raw_python_line(tmp_path: Path) -> None:
    """The resource tracker outlives a SIGKILLed run and frees the pool's semaphores; it
    printed Python's raw "6 leaked semaphore objects" warning on the user's terminal."""
    src = tmp_path / "in"
    _corpus(src)
    err = tmp_path / "err"
    with open(err, "wb") as err_fh:
        proc = subprocess.Popen([sys.executable, "-m", "storyline.cli", "run",
                                 *_args(src, tmp_path / "out")], env=ENV,
                                stdout=subprocess.DEVNULL, stderr=err_fh)
        seen: set[int] = set()
        end = time.monotonic() + 120
        while proc.poll() is None and len(seen) < 3 and time.monotonic() < end:
            seen |= _children(proc.pid)  # the tracker and two workers
            time.sleep(0.05)
        time.sleep(0.5)
        proc.kill()
        proc.wait()
    assert len(seen) >= 3, f"the run ended before its workers started ({proc.returncode})"
    end = time.monotonic() + 20
    while time.monotonic() < end and any(_alive(p) for p in seen):
        time.sleep(0.1)
    assert not any(_alive(p) for p in seen), "processes outlived their run"
    assert "resource_tracker" not in err.read_text(errors="replace")
