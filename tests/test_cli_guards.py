"""The command line refuses what it cannot do in one line, and never reads its own outputs.

Issue 15, second attack run (F1-F4, F11, F12). Inputs are written by the tests
(tests/news.py); no test reads ../shared.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import duckdb
import pytest

from storyline.clean.dates import infer_date, possible_day
from storyline.cli import main
from storyline.pipeline import Options, OwnFiles, run
from storyline.schemas import validate
from tests.news import article, jsonl_line, one_item_input, one_line_error

ROOT = Path(__file__).resolve().parents[1]




# -- F2: numeric options -----------------------------------------------------------------

@pytest.mark.parametrize("flags, words", [
    (["--workers", "0"], ["--workers", "1 or more"]),
    (["--workers", "-3"], ["--workers", "-3"]),
    (["--workers", "100000"], ["--workers", "at most"]),
    (["--min-confidence", "nan"], ["--min-confidence", "nan"]),
    (["--min-confidence", "inf"], ["--min-confidence"]),
    (["--min-confidence", "2"], ["--min-confidence", "0 to 1"]),
    (["--min-confidence", "-0.1"], ["--min-confidence"]),
    (["--timeline-dates", "-1"], ["--timeline-dates"]),
    (["--timeline-sentences", "0"], ["--timeline-sentences"]),
])
def test_out_of_range_numbers_are_refused_in_one_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], flags: list[str],
        words: list[str]) -> None:
    out = tmp_path / "out"
    assert main(["run", str(one_item_input(tmp_path)), "--out", str(out), "--quiet", *flags]) == 2
    one_line_error(capsys, *words)
    assert not out.exists()  # refused before anything was made


def test_more_workers_than_cpus_are_clamped_with_a_warning(
        capsys: pytest.CaptureFixture[str]) -> None:
    from storyline.cli import _workers

    cpus = os.cpu_count() or 1
    assert _workers(cpus + 5, "local") == cpus
    assert f"using {cpus}" in capsys.readouterr().err
    assert _workers(1, "local") == 1 and capsys.readouterr().err == ""


# -- F3: the settings file -------------------------------------------------------------------

@pytest.mark.parametrize("content, words", [
    (None, ["nope.toml", "cannot read"]),
    ("[stories]\nthreshold = 0.2\nthis is = not toml [[[\n", ["bad.toml", "not valid TOML"]),
    ("[stories]\nthreshold = 'high'\n", ["bad.toml", "stories.threshold", "a number"]),
    ("stories = 3\n", ["bad.toml", "[stories] must be a table"]),
])
def test_missing_or_malformed_config_is_an_error(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str | None,
        words: list[str]) -> None:
    cfg = tmp_path / ("nope.toml" if content is None else "bad.toml")
    if content is not None:
        cfg.write_text(content, encoding="utf-8")
    out = tmp_path / "out"
    code = main(["run", str(one_item_input(tmp_path)), "--out", str(out), "--quiet",
                 "--config", str(cfg)])
    assert code == 2
    one_line_error(capsys, *words)
    assert not out.exists()


def test_unknown_config_keys_give_one_warning_naming_them(tmp_path: Path) -> None:
    from storyline.config import check_config

    cfg = tmp_path / "c.toml"
    cfg.write_text("[stories]\nthreshold = 0.2\ncolour = 'red'\n[nonsense]\nx = 1\n"
                   "[timeline.date_weights]\nbogus = 1\n", encoding="utf-8")
    assert check_config(cfg) == ["stories.colour", "nonsense", "timeline.date_weights.bogus"]


# -- F4: one clear line instead of a traceback ----------------------------------------------

def test_out_dir_that_is_a_file_is_refused(tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "outfile"
    out.write_text("x")
    assert main(["run", str(one_item_input(tmp_path)), "--out", str(out), "--quiet"]) == 2
    one_line_error(capsys, str(out), "a file of that name")
    assert out.read_text() == "x"


def test_out_dir_inside_a_file_is_refused(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "f").write_text("x")
    out = tmp_path / "f" / "out"
    assert main(["run", str(one_item_input(tmp_path)), "--out", str(out), "--quiet"]) == 2
    one_line_error(capsys, str(out))


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0,
                    reason="root writes to folders without write permission")
def test_read_only_out_dir_is_refused(tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "ro"
    out.mkdir()
    out.chmod(0o500)
    try:
        assert main(["run", str(one_item_input(tmp_path)), "--out", str(out), "--quiet"]) == 2
        one_line_error(capsys, str(out), "read-only")
    finally:
        out.chmod(0o700)


def test_unwritable_out_dir_is_refused_without_touching_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    # A read-only file system answers os.access(W_OK) with False even for root.
    out = tmp_path / "ro"
    out.mkdir()
    real = os.access
    monkeypatch.setattr(os, "access", lambda p, mode, **kw: False if Path(p) == out
                        else real(p, mode, **kw))
    assert main(["run", str(one_item_input(tmp_path)), "--out", str(out), "--quiet"]) == 2
    one_line_error(capsys, str(out), "read-only")
    assert list(out.iterdir()) == []


def test_truncated_store_is_refused_and_left_as_it_is(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = one_item_input(tmp_path)
    db = tmp_path / "s.duckdb"
    run([str(src)], tmp_path / "o1", db, Options(progress=False))
    capsys.readouterr()
    data = db.read_bytes()
    db.write_bytes(data[: len(data) // 3])
    damaged = db.read_bytes()
    code = main(["run", str(src), "--out", str(tmp_path / "o2"), "--quiet", "--db", str(db)])
    assert code == 2
    one_line_error(capsys, str(db), "damaged or truncated", "another --db")
    assert db.read_bytes() == damaged  # never rewritten, nothing lost silently


def test_ctrl_c_is_one_line_and_exit_130(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    import storyline.pipeline as pipeline

    def interrupted(*a: Any, **k: Any) -> Any:
        raise KeyboardInterrupt

    src = one_item_input(tmp_path)
    monkeypatch.setattr(pipeline, "run", interrupted)
    assert main(["run", str(src), "--out", str(tmp_path / "o"), "--quiet"]) == 130
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1 and "interrupted" in err and "Traceback" not in err

    def query_interrupted(*a: Any, **k: Any) -> Any:  # Ctrl-C inside a DuckDB query
        raise RuntimeError("Query interrupted")

    monkeypatch.setattr(pipeline, "run", query_interrupted)
    assert main(["run", str(src), "--out", str(tmp_path / "o"), "--quiet"]) == 130
    assert "interrupted" in capsys.readouterr().err


@pytest.mark.slow
@pytest.mark.parametrize("after", [0.3, 4.0])  # workers still starting; the pool at work
def test_ctrl_c_with_two_workers_prints_no_traceback(tmp_path: Path, after: float) -> None:
    src = tmp_path / "in"
    src.mkdir()
    for i in range(40):
        (src / f"{i:02d}.txt").write_text(f"Crossing {i} reopens\n\n" + article(i),
                                          encoding="utf-8")
    out = tmp_path / "out"
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.Popen(
        [sys.executable, "-m", "storyline.cli", "run", str(src), "--out", str(out), "--quiet",
         "--workers", "2"], stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT,
        start_new_session=True)
    deadline = time.monotonic() + 120
    while not (out / "storyline.duckdb").exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    time.sleep(after)
    os.killpg(proc.pid, signal.SIGINT)  # Ctrl-C reaches the whole process group
    _, err = proc.communicate(timeout=120)
    if proc.returncode == 0:
        pytest.skip("the run finished before Ctrl-C")
    assert proc.returncode == 130, err
    assert "Traceback" not in err and "KeyboardInterrupt" not in err, err
    assert [x for x in err.splitlines() if "interrupted" in x]


def _sigint_blocked(_: int) -> bool:
    return signal.SIGINT in signal.pthread_sigmask(signal.SIG_BLOCK, [])


@pytest.mark.skipif((os.cpu_count() or 1) < 2 or not hasattr(signal, "pthread_sigmask"),
                    reason="needs two CPUs and POSIX signal masks")
def test_pool_workers_start_with_ctrl_c_blocked() -> None:
    """A worker blocks SIGINT from its first instruction, not only once its initializer runs
    (a Ctrl-C during the seconds of its imports printed a traceback on a slow machine)."""
    from storyline.engine import parallel_map

    assert all(parallel_map(_sigint_blocked, range(4), workers=2, chunksize=1))
    assert not _sigint_blocked(0)  # the run itself still hears Ctrl-C


# -- F1: the output folder inside the input ----------------------------------------------------

def _store_counts(db: Path) -> tuple[int, int]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        arts = con.execute("SELECT count(*) FROM articles").fetchone()
        rej = con.execute("SELECT count(*) FROM rejects").fetchone()
    finally:
        con.close()
    assert arts is not None and rej is not None
    return int(arts[0]), int(rej[0])


def test_out_dir_inside_input_is_never_read(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    top = tmp_path / "inside"
    (top / "in").mkdir(parents=True)
    for i in range(2):
        (top / "in" / f"{i}.txt").write_text(f"Crossing {i} reopens\n\n" + article(i),
                                             encoding="utf-8")
    out = top / "out"
    first = run([str(top)], out, options=Options(progress=False))
    assert first.articles_new == 2
    counts = _store_counts(out / "storyline.duckdb")
    capsys.readouterr()
    for _ in range(2):
        again = run([str(top)], out, options=Options(progress=False))
        assert again.articles_new == 0 and again.documents == 0
        assert _store_counts(out / "storyline.duckdb") == counts  # the store does not grow
        err = capsys.readouterr().err
        assert "not read" in err and "report.html" not in err and "articles.jsonl" not in err


def test_earlier_outputs_and_stores_in_the_input_are_not_inputs(tmp_path: Path) -> None:
    old = tmp_path / "in" / "old_out"
    old.mkdir(parents=True)
    (old / "storyline.duckdb").write_bytes(b"DUCK")
    (old / "report.html").write_text("<html><body>a report</body></html>")
    (old / "events.jsonl").write_text("{}\n")
    (tmp_path / "in" / "x.duckdb.wal").write_bytes(b"w")
    kept = tmp_path / "in" / "events.jsonl"  # an input of that name, with no store beside it
    kept.write_text(json.dumps(jsonl_line(1)) + "\n")
    own = OwnFiles((tmp_path / "out").resolve(), (tmp_path / "db.duckdb").resolve())
    assert [p for _, p in own.files([str(tmp_path / "in")])] == [kept]
    assert own.skipped >= 2  # the report and events of the old output folder


# -- F11: storyline code without --dct ---------------------------------------------------------

@pytest.mark.slow
def test_code_without_dct_gives_null_dates(capsys: pytest.CaptureFixture[str],
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    monkeypatch.setattr(sys, "stdin", io.StringIO("Rebels shelled the market town.\n"))
    assert main(["code", "-"]) == 0
    line = json.loads(capsys.readouterr().out)
    assert line["events"]
    for event in line["events"]:
        assert event["date"]["start"] is None and event["date"]["end"] is None
        validate("events", {**event, "story": "s"})


# -- F12: impossible calendar dates are no evidence ----------------------------------------

def test_impossible_days() -> None:
    assert not possible_day(2, 30) and not possible_day(4, 31) and not possible_day(13, 1)
    assert possible_day(2, 29) and possible_day(2, 29, 2024) and not possible_day(2, 29, 2023)


def test_no_publication_date_is_inferred_from_impossible_dates() -> None:
    text = ("Troops shelled the harbour on Monday, officials said. The truce was signed on "
            "February 30, 2024 and ended on 31 April. Talks must resume next week.")
    assert infer_date(text) is None
    # a real date beside the impossible ones still dates the article
    real = text + " The envoy arrived on March 3, 2024, aides said."
    pub = infer_date(real)
    assert pub is not None and pub.earliest is not None and pub.earliest >= "2024-03-03"
