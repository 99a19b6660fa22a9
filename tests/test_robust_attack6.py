"""Cases of the sixth attack run on issue 15 (a tester who had not read the code).

Every input here is written for the test; none is read from ../shared.
"""

from __future__ import annotations

import errno
import json
import logging
import os
import re
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import storyline
from storyline.api import Record, code_records, ready_batches
from storyline.cli import main
from storyline.ingest.guard import Noted, clean_document
from storyline.ingest.validate import normalise_controls
from storyline.model import Article, Published, RawDocument
from storyline.text.runs import MAX_SYMBOL_RUN, split_long_runs
from tests.news import jsonl_line

REST = (" the hill district said on Wednesday that a landslide had closed the pass road to "
        "the border, and about 2,100 villagers were taken to schools in the valley, a "
        "district officer said.")
SEPARATORS = ["\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x1f", "\x85", "\u2028", "\u2029"]


def _given_text(content: str) -> Article:
    raw = RawDocument(path="items.jsonl", kind="text", content=content, given_text=True,
                      position="line 1")
    result = clean_document(raw)
    article = getattr(result, "item", result)
    assert isinstance(article, Article)
    return article


# -- F9: a control character inside a given text never deletes words ----------------------

@pytest.mark.parametrize("sep", SEPARATORS)
def test_a_separator_inside_a_sentence_loses_no_word(sep: str) -> None:
    article = _given_text("Rescuers" + sep + "in" + REST)
    assert article.text.startswith("Rescuers in the hill district")


@pytest.mark.parametrize("sep", SEPARATORS)
def test_a_separator_after_a_sentence_still_ends_a_line(sep: str) -> None:
    assert normalise_controls("The pass was shut." + sep + "Rain fell.") == (
        "The pass was shut.\nRain fell.")


_WORDS = st.lists(st.text("abcdefghij", min_size=1, max_size=8), min_size=1, max_size=12)


@given(_WORDS, st.lists(st.sampled_from([*SEPARATORS, " ", "\x00", "\x1b"]), min_size=12,
                        max_size=12))
def test_no_control_character_joins_or_drops_words(words: list[str], glue: list[str]) -> None:
    text = "".join(w + (" " if g in "\x00\x1b" else "") + g for w, g in zip(words, glue, strict=False))
    assert normalise_controls(text).split() == words


# -- F1: long runs of punctuation are cut before the parse; `code` streams ----------------

def _longest_run(text: str) -> int:
    return max((len(m) for m in re.findall(r"(?:[^\w\s]|_)+", text)), default=0)


def test_the_cleaner_cuts_a_run_of_brackets_and_says_so() -> None:
    content = "Rescuers in" + REST + " The agency added " + "[" * 3000 + "]" * 3000 + " today."
    raw = RawDocument(path="items.jsonl", kind="text", content=content, given_text=True,
                      position="line 1")
    result = clean_document(raw)
    assert isinstance(result, Noted)
    article = result.item
    assert isinstance(article, Article)
    assert _longest_run(article.text) <= MAX_SYMBOL_RUN
    assert article.text.count("[") + article.text.count("]") > 5800  # only a few cut
    assert "district officer said." in article.text
    assert sum("split by spaces" in n for n in result.notes) == 1


def test_split_long_runs_keeps_length_and_the_rest_of_the_text() -> None:
    text = "A % " + "%" * 500 + " b_" + "_" * 90 + " c"
    out, n = split_long_runs(text, 40)
    assert n == 2 and len(out) == len(text) and _longest_run(out) <= 40
    assert [a for a, b in zip(text, out, strict=True) if a != b] == ["%"] * 12 + ["_"] * 2


def test_code_caps_the_runs_the_tokenizer_sees(caplog: pytest.LogCaptureFixture) -> None:
    text = "The army said " + "(" * 3000 + "?" * 3000 + " on Monday."
    with caplog.at_level(logging.WARNING, logger="storyline"):
        coded = list(code_records([Record(text, "r1", "2024-05-07")]))
    assert len(coded) == 1 and len(coded[0].text) == len(text)
    assert _longest_run(coded[0].text) <= MAX_SYMBOL_RUN
    assert any("r1" in r.getMessage() and "split by spaces" in r.getMessage()
               for r in caplog.records)


def test_analyse_cuts_runs_of_a_text_stored_before_the_cap() -> None:
    from storyline.annotate.stage import analyse

    text = "Rescuers said on Monday that " + "!" * 4000 + " the pass was closed."
    article = Article(id="a1", input_id=None, path="old.jsonl", url=None, outlet=None,
                      title=None, dateline=None, published=Published("2024-05-07", "input"),
                      text=text, language="en")
    doc, _, _ = analyse(article)
    # what the tokenizer was handed: no space-free run longer than the cap, same offsets
    assert len(doc.text) == len(text) and _longest_run(doc.text) <= MAX_SYMBOL_RUN


def test_code_prints_a_record_before_the_next_one_is_read() -> None:
    first_out = threading.Event()

    def records() -> Iterator[Record]:
        yield Record("Police arrested two men on Monday.", "1", "2024-05-07")
        # a terminal or a pipe: the next line comes only after the first was answered
        answered = first_out.wait(timeout=30)
        yield Record("Police arrested three men." if answered else "late", "2", "2024-05-07")

    out = code_records(records())
    first = next(out)
    first_out.set()
    second = next(out)
    assert first.id == "1" and first.events
    assert second.text == "Police arrested three men."


def test_ready_batches_keep_order_and_bounds() -> None:
    texts = ["ab", "cd", "x" * 50, "ef", "gh", "ij", "kl", "y" * 7]
    batches = list(ready_batches(((t, i) for i, t in enumerate(texts)), 3, 6))
    assert [i for b in batches for _, i in b] == list(range(len(texts)))
    for b in batches:
        assert len(b) <= 3
        assert len(b) == 1 or sum(len(t) for t, _ in b) <= 6


def test_ready_batches_raise_what_the_input_raised() -> None:
    def bad() -> Iterator[tuple[str, int]]:
        yield "ab", 1
        raise OSError("read failed")

    with pytest.raises(OSError, match="read failed"):
        list(ready_batches(bad(), 4, 100))


def test_storyline_code_warns_once_about_a_split_run(tmp_path: Path) -> None:
    src = tmp_path / "lines.txt"
    src.write_text("Police arrested two men.\nThe army said " + "?" * 3000 + " on Monday.\n",
                   encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "storyline.cli", "code", str(src),
                           "--dct", "2024-05-07"], capture_output=True, text=True,
                          timeout=600, check=False)
    assert done.returncode == 0, done.stderr
    lines = [json.loads(x) for x in done.stdout.splitlines()]
    assert [x["id"] for x in lines] == ["1", "2"]
    assert len(lines[1]["text"]) == len("The army said " + "?" * 3000 + " on Monday.")
    warnings = [x for x in done.stderr.splitlines() if x.startswith("warning:")]
    assert len(warnings) == 1 and "record 2" in warnings[0]


# -- F4: the store never fetches or loads an extension; a foreign --db is refused -----------

def _one_error_line(err: str, *words: str) -> None:
    lines = [x for x in err.splitlines() if x.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: ") and "Traceback" not in err, err
    for w in words:
        assert w in lines[0], lines[0]


def _small_input(tmp_path: Path) -> Path:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.jsonl").write_text(json.dumps(jsonl_line(1)) + "\n", encoding="utf-8")
    return src


def test_every_store_connection_has_extension_autoload_off(tmp_path: Path) -> None:
    from storyline.store.db import Store, connect

    query = ("SELECT current_setting('autoinstall_known_extensions'), "
             "current_setting('autoload_known_extensions')")
    with Store(tmp_path / "s.duckdb") as store:
        assert store.con.execute(query).fetchone() == (False, False)
        reader = store.reader()
        assert reader.execute(query).fetchone() == (False, False)
        reader.close()
    assert connect().execute(query).fetchone() == (False, False)


@pytest.mark.parametrize("kind", ["sqlite", "random"])
def test_a_db_that_is_not_duckdb_is_refused_in_one_line(
        tmp_path: Path, kind: str, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    import duckdb

    db = tmp_path / "other.duckdb"
    if kind == "sqlite":
        con = sqlite3.connect(db)
        con.execute("CREATE TABLE notes (x)")
        con.commit()
        con.close()
    else:
        db.write_bytes(bytes(range(256)) * 40)
    before = db.read_bytes()
    opened: list[Any] = []
    real = duckdb.connect
    monkeypatch.setattr(duckdb, "connect", lambda *a, **k: opened.append(a) or real(*a, **k))
    rc = main(["run", str(_small_input(tmp_path)), "--out", str(tmp_path / "out"), "--quiet",
               "--db", str(db)])
    assert rc == 2
    _one_error_line(capsys.readouterr().err, str(db), "not a storyline database")
    assert db.read_bytes() == before and not opened  # DuckDB never saw it


def test_a_duckdb_file_of_another_program_is_refused(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import duckdb

    db = tmp_path / "sales.duckdb"
    con = duckdb.connect(str(db))
    con.execute("CREATE TABLE sales (region VARCHAR, total INTEGER)")
    con.close()
    rc = main(["run", str(_small_input(tmp_path)), "--out", str(tmp_path / "out"), "--quiet",
               "--db", str(db)])
    assert rc == 2
    _one_error_line(capsys.readouterr().err, str(db), "another program")
    con = duckdb.connect(str(db), read_only=True)
    tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables")
              .fetchall()}
    con.close()
    assert tables == {"sales"}  # nothing of ours written into it


# -- F7: a file name that is not UTF-8 never stops the run --------------------------------

def test_a_file_name_that_is_not_utf8_is_stored_escaped(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = _small_input(tmp_path)
    try:
        (src / os.fsdecode(b"caf\xe9.jsonl")).write_text(json.dumps(jsonl_line(2)) + "\n")
        (src / os.fsdecode(b"bad\xff\xfe.jsonl")).write_bytes(b"x")  # a reject too
    except (OSError, UnicodeError):
        pytest.skip("this file system refuses file names that are not UTF-8")
    out = tmp_path / "out"
    assert main(["run", str(src), "--out", str(out), "--quiet"]) == 0
    err = capsys.readouterr().err
    assert "Traceback" not in err
    named = [x for x in err.splitlines() if "not valid UTF-8" in x]
    assert len(named) == 2 and any("caf\\xe9.jsonl" in x for x in named)
    paths = sorted(json.loads(x)["path"] for x in (out / "articles.jsonl").open())
    assert len(paths) == 2 and paths[1].endswith("caf\\xe9.jsonl")
    # the rerun finds both files done (their recorded names match) and changes nothing
    before = (out / "articles.jsonl").read_bytes()
    assert main(["run", str(src), "--out", str(out)]) == 0
    second = capsys.readouterr()
    assert "not valid UTF-8" not in second.err and "Traceback" not in second.err
    assert re.search(r"files read\s+0 \(\+3 unchanged", second.out), second.out
    assert (out / "articles.jsonl").read_bytes() == before


# -- F10/F11: the machine running out stops the run; nothing is recorded because of it ------

def _run_cli(src: Path, out: Path) -> int:
    return main(["run", str(src), "--out", str(out), "--quiet"])


# Each case makes its exception when raised: one instance kept in the parameters would
# keep its traceback, and with it the run's frames and their DuckDB connection, alive
# until the interpreter exits (DuckDB's bindings then print "nanobind: leaked ...").
@pytest.mark.parametrize("make", [lambda: OSError(errno.ENOSPC, "No space left on device"),
                                  lambda: OSError(errno.EFBIG, "File too large"),
                                  lambda: OSError(errno.EIO, "Input/output error"),
                                  MemoryError], ids=["ENOSPC", "EFBIG", "EIO", "MemoryError"])
def test_running_out_while_cleaning_stops_the_run_and_records_nothing(
        tmp_path: Path, make: Callable[[], BaseException], capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    import storyline.clean.article as cleaner

    src, out = _small_input(tmp_path), tmp_path / "out"

    def boom(*a: Any, **k: Any) -> Any:
        raise make()

    with monkeypatch.context() as m:
        m.setattr(cleaner, "make_article", boom)
        assert _run_cli(src, out) not in (0, 2)
    _one_error_line(capsys.readouterr().err, "run the same command again")
    summary = storyline.run([src], out)  # with the resources back: the file is read
    assert summary.files_reused == 0 and summary.articles_new == 1 and not summary.skipped


def test_out_of_memory_while_annotating_is_not_cached_as_no_events(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    import storyline.annotate.stage as stage

    src, out = _small_input(tmp_path), tmp_path / "out"

    def boom(*a: Any, **k: Any) -> Any:
        raise MemoryError("Unable to allocate 1.83 MiB")

    with monkeypatch.context() as m:
        m.setattr(stage, "analyse", boom)  # one article or a batch
        assert _run_cli(src, out) not in (0, 2)
    _one_error_line(capsys.readouterr().err, "out of memory")
    summary = storyline.run([src], out)
    assert summary.files_reused == 1 and summary.annotated == 1
    assert storyline.read_events(out)  # annotated now, not "stored without events"


def test_a_full_disk_under_the_store_stops_the_run_and_the_file_is_not_done(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    import duckdb

    from storyline.store.db import Store

    src, out = _small_input(tmp_path), tmp_path / "out"

    def full(*a: Any, **k: Any) -> Any:
        raise duckdb.IOException("IO Error: Could not write file: No space left on device")

    with monkeypatch.context() as m:
        m.setattr(Store, "write_batch", full)
        assert _run_cli(src, out) not in (0, 2)
    _one_error_line(capsys.readouterr().err, "cannot write the database")
    summary = storyline.run([src], out)
    assert summary.files_reused == 0 and summary.articles_new == 1


def test_duckdb_out_of_memory_in_the_story_stages_is_one_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    import duckdb

    import storyline.pipeline as pipeline

    def oom(*a: Any, **k: Any) -> Any:
        raise duckdb.OutOfMemoryException("Out of Memory Error: failed to allocate")

    monkeypatch.setattr(pipeline, "run_story_stages", oom)
    assert _run_cli(_small_input(tmp_path), tmp_path / "out") not in (0, 2)
    _one_error_line(capsys.readouterr().err, "out of memory")


# -- F6: exponent notation never gives a figure ------------------------------------------

def _figures(text: str) -> list[Any]:
    from storyline.annotate.stage import analyse

    article = Article(id="f", input_id=None, path="f.jsonl", url=None, outlet=None,
                      title=None, dateline=None, published=Published("2024-05-07", "input"),
                      text=text, language="en")
    return analyse(article)[1].figures


def test_exponent_notation_gives_no_figure() -> None:
    figures = _figures("One model put it at 10^400 people displaced and 2.5e309 homes lost, "
                       "or 10**6 tents, but officials said 3,400 families were moved.")
    values = sorted(f.value for f in figures)
    assert values == [3400.0], values


# -- F5: a month from a URL is bounds, not a day; relative canonical links resolved ---------

_PARAS = "".join(f"<p>{s}</p>" for s in (
    "Rescuers in the hill district said on Tuesday that a landslide had closed the pass road.",
    "About 2,100 villagers were taken to schools in the valley overnight, officials said.",
    "The district officer asked the army to send trucks and diggers to the blocked road.",
    "Traders said food prices in the market towns had doubled since the road was closed.",
    "Engineers expect to reopen one lane of the road by the end of the week, they said."))


def _page(head: str, body_extra: str = "") -> Article:
    html = (f"<!doctype html><html><head><title>Landslide shuts pass road</title>{head}</head>"
            f"<body><article><h1>Landslide shuts pass road</h1>{body_extra}{_PARAS}</article>"
            "</body></html>")
    result = clean_document(RawDocument(path="page.html", kind="html", content=html))
    article = getattr(result, "item", result)
    assert isinstance(article, Article), article
    if isinstance(result, Noted):
        article.warnings = result.notes
    return article


def test_a_month_in_the_url_path_is_bounds_not_a_stated_day() -> None:
    a = _page('<base href="https://hills.example.net/news/">'
              '<link rel="canonical" href="../2023/09/landslide.html">')
    assert a.url == "https://hills.example.net/2023/09/landslide.html"
    assert a.published.date is None and a.published.source != "explicit"
    assert (a.published.earliest, a.published.latest) == ("2023-09-01", "2023-09-30")


def test_a_day_the_page_shows_is_still_its_date() -> None:
    a = _page('<link rel="canonical" href="https://hills.example.net/2023/09/landslide.html">',
              "<p class='byline'>By a staff reporter, 1 September 2023</p>")
    assert a.published.date == "2023-09-01"


def test_a_relative_canonical_without_a_base_is_dropped_with_a_note() -> None:
    a = _page('<link rel="canonical" href="../2023/09/landslide.html">')
    assert a.url is None
    assert any("canonical link" in w and "no base" in w for w in a.warnings), a.warnings


def test_a_protocol_relative_og_url_resolves_against_the_base() -> None:
    a = _page('<base href="https://hills.example.net/news/">'
              '<meta property="og:url" content="//static.example.net/landslide">')
    assert a.url == "https://static.example.net/landslide"
