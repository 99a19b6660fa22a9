"""Attack 19's run-level findings: a worker killed mid-run, stores and configs that cannot
be used, SIGTERM to ``code``, numeric option spellings, a file named twice.

Every text here is written for these tests (short invented news reports).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import storyline
from tests.news import article

ROOT = Path(__file__).resolve().parents[1]
ENV = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)])}

# F1: a run whose document named "slow" keeps its worker busy, so that the test can kill
# that worker (or the idle one) in the middle of the run, as the OOM killer does.
_SLOW_RUN = """\
import os, sys, time
from pathlib import Path
import storyline.pipeline as p

real = p.process_item
MARK = Path(sys.argv[1])

def item(x):
    if "slow" in str(getattr(x, "path", "")):
        MARK.write_text(str(os.getpid()))
        time.sleep(120)
    return real(x)

if __name__ == "__main__":
    p.process_item = item
    from storyline.cli import main
    sys.exit(main(sys.argv[2:]))
"""


def _children(pid: int) -> set[int]:
    out = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == pid:
                out.add(int(stat.parent.name))
        except (OSError, IndexError, ValueError):
            continue
    return out


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def _slow_input(tmp_path: Path) -> Path:
    src = tmp_path / "in"
    src.mkdir()
    for i in range(6):
        (src / f"{i}.txt").write_text(f"Crossing {i} reopens\n\n" + article(i), encoding="utf-8")
    (src / "slow.txt").write_text("Crossing 9 reopens\n\n" + article(9), encoding="utf-8")
    return src


@pytest.mark.skipif(not Path("/proc").is_dir() or (os.cpu_count() or 1) < 2,
                    reason="needs Linux /proc and two CPUs")
@pytest.mark.parametrize("which", ["busy", "idle"])
def test_a_worker_killed_mid_run_ends_the_run_with_one_line(tmp_path: Path,
                                                            which: str) -> None:
    src, out, db = _slow_input(tmp_path), tmp_path / "out", tmp_path / "s.duckdb"
    driver, mark = tmp_path / "slow_run.py", tmp_path / "busy.pid"
    driver.write_text(_SLOW_RUN, encoding="utf-8")
    args = ["run", str(src), "--out", str(out), "--db", str(db), "--quiet", "--workers", "2"]
    proc = subprocess.Popen([sys.executable, str(driver), str(mark), *args], env=ENV,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)
    try:
        end = time.monotonic() + 90
        while not mark.exists() and proc.poll() is None and time.monotonic() < end:
            time.sleep(0.1)
        assert mark.exists(), "the slow document was never started"
        time.sleep(0.3)
        busy = int(mark.read_text())
        workers = {p for p in _children(proc.pid) if "resource_tracker" not in _cmdline(p)}
        assert busy in workers, (busy, workers)
        victim = busy if which == "busy" else next(iter(workers - {busy}))
        os.kill(victim, signal.SIGKILL)
        try:
            _, err = proc.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            pytest.fail("the run hung after one of its workers was killed")
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    assert proc.returncode == 1, err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: a worker process was killed by "
                                                   "SIGKILL"), err
    assert "run the same command again" in lines[0]
    assert not any(_children(proc.pid))
    (src / "slow.txt").unlink()  # the rerun, on the same store and output folder, goes on
    again = subprocess.run([sys.executable, "-m", "storyline.cli", *args], env=ENV,
                           capture_output=True, text=True, timeout=300, check=False)
    assert again.returncode == 0, again.stderr[-2000:]
    assert len(storyline.read_articles(out)) == 6


_TRACKER_KILLED = """\
import os, signal, time
from multiprocessing import resource_tracker
from storyline.engine import parallel_map

def slow(x):
    time.sleep(0.02)
    return x

if __name__ == "__main__":
    results = parallel_map(slow, range(40), workers=2, chunksize=1)
    first = next(results)
    os.kill(resource_tracker._resource_tracker._pid, signal.SIGKILL)
    time.sleep(0.2)
    print(1 + len(list(results)))
"""


@pytest.mark.skipif(os.name != "posix" or (os.cpu_count() or 1) < 2,
                    reason="needs POSIX and two CPUs")
def test_a_killed_resource_tracker_prints_no_tracebacks(tmp_path: Path) -> None:
    """Killing multiprocessing's resource tracker mid-run: the run finishes, and the
    tracker started again is not heard (it printed a KeyError traceback for each of the
    pool's semaphores, and Python a "died unexpectedly" warning)."""
    script = tmp_path / "tracker.py"
    script.write_text(_TRACKER_KILLED, encoding="utf-8")
    got = subprocess.run([sys.executable, str(script)], env=ENV, capture_output=True,
                         text=True, timeout=120, check=False)
    assert got.returncode == 0 and got.stdout.split() == ["40"], got.stderr[-2000:]
    assert got.stderr == ""


# -- F2: the store's folder cannot be written ---------------------------------------------

_NO_LOG = ('TransactionContext Error: Failed to commit: Cannot open file "{}.wal": '
           "Operation not permitted")


class _NoLogConnection:
    """A store connection whose commits fail as DuckDB's do when the store's folder is
    read-only (or immutable): its write-ahead log cannot be made."""

    def __init__(self, con: object, path: Path) -> None:
        self._con, self._path = con, path

    def execute(self, sql: str, *args: object, **kw: object) -> object:
        import duckdb

        if sql.lstrip().upper().startswith("INSERT INTO RUNS"):
            raise duckdb.TransactionException(_NO_LOG.format(self._path))
        return self._con.execute(sql, *args, **kw)  # type: ignore[attr-defined]

    def __getattr__(self, name: str) -> object:
        return getattr(self._con, name)


def _chattr_works() -> bool:
    import shutil
    import tempfile

    if shutil.which("chattr") is None:
        return False
    with tempfile.TemporaryDirectory() as folder:
        made = subprocess.run(["chattr", "+i", folder], capture_output=True, check=False)
        subprocess.run(["chattr", "-i", folder], capture_output=True, check=False)
        return made.returncode == 0


def _good_input(tmp_path: Path) -> Path:
    src = tmp_path / "in"
    src.mkdir(exist_ok=True)
    for i in range(2):
        (src / f"{i}.txt").write_text(f"Crossing {i} reopens\n\n" + article(i), encoding="utf-8")
    return src


def test_a_store_whose_folder_cannot_be_written_is_one_line(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    import storyline.store.db as db_module
    from storyline.cli import main

    src, db = _good_input(tmp_path), tmp_path / "sd" / "s.duckdb"
    args = ["run", str(src), "--out", str(tmp_path / "out"), "--db", str(db), "--quiet"]
    assert main(args) == 0
    capsys.readouterr()
    real = db_module.connect
    monkeypatch.setattr(db_module, "connect",
                        lambda path: _NoLogConnection(real(path), Path(path)))
    assert main(args) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(f"error: cannot write the database {db}:"), err
    assert f"the store's folder {db.parent} must be writable" in err[0]


@pytest.mark.skipif(os.name != "posix" or os.geteuid() != 0 or not _chattr_works(),
                    reason="needs root and chattr (root ignores chmod)")
def test_an_immutable_store_folder_is_one_line_and_exit_2(tmp_path: Path) -> None:
    src, db = _good_input(tmp_path), tmp_path / "sd" / "s.duckdb"
    args = ["run", str(src), "--out", str(tmp_path / "out"), "--db", str(db), "--quiet"]
    cli = [sys.executable, "-m", "storyline.cli"]
    assert subprocess.run([*cli, *args], env=ENV, capture_output=True, timeout=300).returncode == 0
    (src / "2.txt").write_text("Crossing 2 reopens\n\n" + article(2), encoding="utf-8")
    subprocess.run(["chattr", "+i", str(db.parent)], check=True)
    try:
        got = subprocess.run([*cli, *args], env=ENV, capture_output=True, text=True,
                             timeout=300, check=False)
    finally:
        subprocess.run(["chattr", "-i", str(db.parent)], check=True)
    assert got.returncode == 2, got.stderr[-2000:]
    assert got.stderr.strip().splitlines() == [got.stderr.strip()]
    assert got.stderr.startswith(f"error: cannot write the database {db}:")
    again = subprocess.run([*cli, *args], env=ENV, capture_output=True, text=True,
                           timeout=300, check=False)
    assert again.returncode == 0, again.stderr[-2000:]
    assert len(storyline.read_articles(tmp_path / "out")) == 3


# -- F7: a config file nested hundreds deep -----------------------------------------------

@pytest.mark.parametrize("depth", [500, 5000])
def test_a_deeply_nested_config_is_one_line(tmp_path: Path, depth: int,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    from storyline.cli import main

    conf = tmp_path / "deep.toml"
    conf.write_text("[timeline]\nweights = " + "[" * depth + "]" * depth + "\n",
                    encoding="utf-8")
    got = main(["run", str(_good_input(tmp_path)), "--out", str(tmp_path / "out"),
                "--config", str(conf), "--quiet"])
    err = capsys.readouterr().err.strip().splitlines()
    assert got == 2
    assert len(err) == 1 and err[0].startswith(f"error: the config file {conf} "), err
    assert "nested too deeply" in err[0]


# -- F13: the store's folder cannot be made -----------------------------------------------

def test_a_store_folder_that_cannot_be_made_is_named_as_the_stores(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from storyline.cli import main

    (tmp_path / "afile").write_text("not a folder", encoding="utf-8")
    db = tmp_path / "afile" / "sub" / "x.duckdb"
    got = main(["run", str(_good_input(tmp_path)), "--out", str(tmp_path / "out"),
                "--db", str(db), "--quiet"])
    err = capsys.readouterr().err.strip().splitlines()
    assert got == 2
    assert err == [f"error: cannot make the folder {db.parent} for the database {db}: "
                   "Not a directory; give this run another --db"]


@pytest.mark.skipif(os.name != "posix" or os.geteuid() != 0 or not _chattr_works(),
                    reason="needs root and chattr (root ignores chmod)")
def test_a_store_folder_in_an_immutable_folder_is_named_as_the_stores(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from storyline.cli import main

    (tmp_path / "imm").mkdir()
    db = tmp_path / "imm" / "sub" / "x.duckdb"
    src = _good_input(tmp_path)
    subprocess.run(["chattr", "+i", str(tmp_path / "imm")], check=True)
    try:
        got = main(["run", str(src), "--out", str(tmp_path / "out"), "--db", str(db),
                    "--quiet"])
    finally:
        subprocess.run(["chattr", "-i", str(tmp_path / "imm")], check=True)
    err = capsys.readouterr().err.strip().splitlines()
    assert got == 2
    assert len(err) == 1 and err[0].startswith(
        f"error: cannot make the folder {db.parent} for the database {db}: "), err


# -- F12: SIGTERM to ``storyline code`` ---------------------------------------------------

_LINE = "Police arrested {} protesters near the parliament on Tuesday, officials said.\n"


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
@pytest.mark.parametrize("source", ["file", "stdin"])
def test_sigterm_to_code_is_one_line_and_exit_143(tmp_path: Path, source: str) -> None:
    lines = tmp_path / "lines.txt"
    lines.write_text("".join(_LINE.format(n) for n in range(2, 2000)), encoding="utf-8")
    name = str(lines) if source == "file" else "-"
    proc = subprocess.Popen([sys.executable, "-m", "storyline.cli", "code", name, "--dct",
                             "2024-03-05"], env=ENV, stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert proc.stdin is not None and proc.stdout is not None
        if source == "stdin":  # a few lines, the pipe left open: the reader waits for more
            proc.stdin.write("".join(_LINE.format(n) for n in range(2, 6)))
            proc.stdin.flush()
        assert proc.stdout.readline(), "code printed nothing"
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 143, err
    assert err.strip().splitlines() == ["storyline: terminated"], err


# -- F16: how numeric options may be spelled ----------------------------------------------

@pytest.mark.parametrize("flag, value, want", [
    ("--workers", "+2", 2), ("--workers", "002", 2), ("--timeline-dates", "+10", 10),
    ("--min-confidence", ".5", 0.5), ("--min-confidence", "1e-1", 0.1),
    ("--min-confidence", "0.50", 0.5),
])
def test_documented_numeric_spellings_are_read(flag: str, value: str, want: float) -> None:
    from storyline.cli import _parser

    args = _parser().parse_args(["run", "in", "--out", "o", flag, value])
    assert getattr(args, flag[2:].replace("-", "_")) == want


@pytest.mark.parametrize("flag, value", [
    ("--workers", "2.0"), ("--workers", "0x2"), ("--workers", "\u0662"),
    ("--timeline-sentences", "1_000"), ("--min-confidence", "0,5"),
    ("--min-confidence", "\uff10.\uff15"),
])
def test_a_badly_spelled_number_is_one_line_and_exit_2(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], flag: str, value: str) -> None:
    from storyline.cli import main

    with pytest.raises(SystemExit) as stop:
        main(["run", str(tmp_path), "--out", str(tmp_path / "out"), "--quiet", flag, value])
    assert stop.value.code == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(f"error: argument {flag}: "), err
    assert not (tmp_path / "out").exists()


# -- F18: a folder and files inside it, all on the command line ---------------------------

def test_a_file_named_beside_its_folder_is_read_and_counted_once(tmp_path: Path) -> None:
    from storyline.pipeline import Options, run

    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    for i, name in enumerate(["a.txt", "b.txt", "sub/c.txt"]):
        (src / name).write_text(f"Crossing {i} reopens\n\n" + article(i), encoding="utf-8")
    inputs = [str(src / "a.txt"), str(src), f"{src}/", str(src / "sub" / ".." / "b.txt"),
              str(src / "sub" / "c.txt")]
    summary = run(inputs, tmp_path / "out", options=Options(progress=False))
    assert (summary.files, summary.documents, summary.articles_new) == (3, 3, 3)
    paths = sorted(a["path"] for a in storyline.read_articles(tmp_path / "out"))
    assert paths == sorted([str(src / "a.txt"), f"{src}/b.txt", f"{src}/sub/c.txt"])
