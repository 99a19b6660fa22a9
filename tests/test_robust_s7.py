"""Issue 15, the items session 6 left open: gzip-compressed pages and texts, look-alike
letters in outlet names, the library's option checks, ``storyline code`` on binary input.
Every input is written here (news-style fiction)."""

from __future__ import annotations

import gzip
import json
import zlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from storyline.ingest.readers import read_documents
from storyline.model import RawDocument, Rejected
from storyline.pipeline import Options, run
from tests.news import article, jsonl_line

# -- 1: a gzip file is read as the file it holds ------------------------------------------


def _page(n: int) -> str:
    paras = "".join(f"<p>{p}</p>\n" for p in article(n).split("\n\n"))
    return (f"<html><head><title>Crossing talks, round {n}</title></head>\n"
            f"<body><article><h1>Crossing talks, round {n}</h1>\n{paras}</article></body></html>\n")


def _feed(n: int) -> str:
    return ('<?xml version="1.0"?><rss version="2.0"><channel><title>Lakeside Courier</title>'
            f"<item><title>Crossing talks, round {n}</title><link>https://example.org/{n}</link>"
            f"<description><![CDATA[{_page(n)}]]></description></item></channel></rss>\n")


INNER = {
    ".txt": lambda n: f"Crossing talks, round {n}\n\n{article(n)}\n",
    ".html": _page,
    ".xml": _feed,
    ".rss": _feed,
    ".json": lambda n: json.dumps([jsonl_line(n)], indent=1),
    ".jsonl": lambda n: json.dumps(jsonl_line(n)) + "\n",
}


@pytest.mark.parametrize("ext", list(INNER))
def test_a_gzip_file_is_read_as_what_it_holds(ext: str, tmp_path: Path) -> None:
    path = tmp_path / f"story{ext}.gz"
    path.write_bytes(gzip.compress(INNER[ext](1).encode()))
    items = list(read_documents([str(path)]))
    assert not [r.reason for r in items if isinstance(r, Rejected)]
    docs = [d for d in items if isinstance(d, RawDocument)]
    assert len(docs) == 1 and "Namanga" in docs[0].content and docs[0].notes == []


def test_a_gzip_file_without_an_inner_extension_is_read_by_its_bytes(tmp_path: Path) -> None:
    path = tmp_path / "download.gz"
    path.write_bytes(gzip.compress(_page(2).encode()))
    docs = list(read_documents([str(path)]))
    assert len(docs) == 1 and isinstance(docs[0], RawDocument) and docs[0].kind == "html"


def test_a_gzip_bomb_page_is_refused_without_reading_it_all(tmp_path: Path) -> None:
    path = tmp_path / "bomb.html.gz"
    dec = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    block = b"<p>" + b"a" * (1 << 20) + b"</p>\n"
    with path.open("wb") as fh:  # 400 MB of markup in a file of well under 1 MB
        fh.write(dec.compress(b"<html><body>"))
        for _ in range(400):
            fh.write(dec.compress(block))
        fh.write(dec.flush())
    assert path.stat().st_size < 1 << 20
    items = list(read_documents([str(path)]))
    assert len(items) == 1 and isinstance(items[0], Rejected)
    # (a page is read up to 50 MB: past 5 MB it must fit without its scripts and styles)
    assert "too large for one article (over 50,000,000 bytes decompressed)" in items[0].reason


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ext=st.sampled_from([".txt", ".html", ".xml", ".json"]), cut=st.floats(0, 1),
       flip=st.one_of(st.none(), st.integers(0, 10**6)))
@example(ext=".xml", cut=0.984375, flip=1539)  # a flip that splits the feed's one item
def test_a_cut_or_damaged_gzip_is_one_item_and_never_an_exception(
        ext: str, cut: float, flip: int | None, tmp_path: Path) -> None:
    data = bytearray(gzip.compress(INNER[ext](5).encode()))
    if flip is not None:
        data[flip % len(data)] ^= 0x5A
    path = tmp_path / f"story{ext}.gz"
    path.write_bytes(bytes(data[: max(1, int(len(data) * cut))]))
    items = list(read_documents([str(path)]))
    if ext == ".xml" and len(items) == 2:
        # a flipped byte can split the feed's one item in two for the lenient feed parser
        # (a phantom item without content, then the cut one): each is one rejection, and
        # the second says the feed was cut off
        assert all(isinstance(i, Rejected) for i in items)
        assert "truncated" in items[1].reason  # type: ignore[union-attr]
        return
    assert len(items) == 1
    if isinstance(items[0], RawDocument):
        assert len(items[0].notes) <= 2


def test_a_cut_gzip_page_keeps_what_was_read_with_one_warning(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    data = gzip.compress(_page(3).encode())
    (src / "cut.html.gz").write_bytes(data[: len(data) * 3 // 4])
    (src / "whole.txt.gz").write_bytes(gzip.compress(INNER[".txt"](4).encode()))
    (src / "nothing.txt.gz").write_bytes(data[:12])  # the gzip header alone
    lines: list[str] = []
    summary = run([str(src)], tmp_path / "out", options=Options(progress=False),
                  log=lines.append)
    warnings = [x for x in lines if x.startswith("warning:")]
    assert len([x for x in warnings if "cut.html.gz" in x]) == 1, warnings
    assert "truncated or corrupt compressed file" in next(x for x in warnings if "cut" in x)
    assert len([x for x in warnings if "nothing.txt.gz" in x]) == 1, warnings
    assert not [x for x in warnings if "whole.txt.gz" in x], warnings
    assert summary.articles_new == 2
    assert "binary" not in " ".join(lines)


# -- 2: an outlet spelled with look-alike letters groups with the real one -----------------


@pytest.mark.parametrize(("spoof", "real"), [
    ("Reu\u0442ers", "Reuters"),          # Cyrillic te
    ("\u0410l Jazeera", "Al Jazeera"),    # Cyrillic capital a
    ("\u039dorth Coast \u03a4imes", "North Coast Times"),  # Greek capital nu, tau
])
def test_a_look_alike_outlet_name_has_the_latin_grouping_key(spoof: str, real: str) -> None:
    from storyline.clean.metadata import mixed_script, outlet_key
    from storyline.report.build import _outlets

    assert spoof != real and outlet_key(spoof) == outlet_key(real)
    assert mixed_script(spoof) and not mixed_script(real)
    got = _outlets([{"outlet": spoof}, {"outlet": real}, {"outlet": "Lakeside Courier"}])
    assert got == {real: 2, "Lakeside Courier": 1}  # named by the unmixed spelling


_LOOK_ALIKES = {"a": "\u0430", "e": "\u0435", "o": "\u043e", "p": "\u0440", "c": "\u0441",
                "A": "\u0410", "T": "\u0422", "N": "\u039d", "t": "\u0442", "i": "\u0456"}


@given(st.text("aeopcATNtiRrsu ", min_size=1, max_size=30), st.data())
def test_swapping_letters_for_look_alikes_keeps_the_grouping_key(name: str,
                                                                  data: st.DataObject) -> None:
    from storyline.clean.metadata import outlet_key

    swap = data.draw(st.lists(st.booleans(), min_size=len(name), max_size=len(name)))
    spoof = "".join(_LOOK_ALIKES.get(ch, ch) if s else ch for ch, s in zip(name, swap,
                                                                            strict=True))
    assert outlet_key(spoof) == outlet_key(name)


def test_names_in_one_script_are_not_mixed_and_keep_distinct_keys() -> None:
    from storyline.clean.metadata import mixed_script, outlet_key

    for name in ("\u041d\u043e\u0432\u0430\u044f \u0433\u0430\u0437\u0435\u0442\u0430",
                 "Kathimerin\u00ed", "Le Monde", "\u039a\u03b1\u03b8\u03b7\u03bc\u03b5\u03c1\u03b9\u03bd\u03ae"):
        assert not mixed_script(name), name
    assert outlet_key("Reuters") != outlet_key("Retuers")


def test_a_mixed_script_outlet_is_one_warning_and_kept_as_written(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    lines_in = [dict(jsonl_line(1), outlet="Reu\u0442ers"), dict(jsonl_line(2))]
    (src / "wire.jsonl").write_text("".join(json.dumps(x) + "\n" for x in lines_in),
                                    encoding="utf-8")
    lines: list[str] = []
    summary = run([str(src)], tmp_path / "out", options=Options(progress=False),
                  log=lines.append)
    warnings = [x for x in lines if x.startswith("warning:")]
    assert len(warnings) == 1 and "wire.jsonl (line 1)" in warnings[0], warnings
    assert "mixes Latin with Cyrillic or Greek letters (\u0442 CYRILLIC SMALL LETTER TE)" in warnings[0]
    assert summary.articles_new == 2
    outlets = {json.loads(x)["outlet"] for x in
               (tmp_path / "out" / "articles.jsonl").read_text(encoding="utf-8").splitlines()}
    assert outlets == {"Reu\u0442ers", "Reuters"}  # displayed text is not rewritten


# -- 3: the library checks its options as the command line does ---------------------------


@pytest.mark.parametrize(("options", "words"), [
    ({"timeline_from": "2024-02-30"}, ["timeline_from", "not a real date"]),
    ({"timeline_to": "next week"}, ["timeline_to", "not a date"]),
    ({"timeline_from": 20240501}, ["timeline_from", "int"]),
    ({"timeline_from": "1492-10-12"}, ["timeline_from", "outside"]),
    ({"timeline_from": "2024-06-01", "timeline_to": "2024-05-01"}, ["timeline_from", "after"]),
    ({"timeline_dates": 0}, ["timeline_dates", "1 or more"]),
    ({"timeline_sentences": 2.5}, ["timeline_sentences", "whole number"]),
    ({"workers": 0}, ["workers", "1 or more"]),
    ({"workers": 10**6}, ["workers", "at most"]),
    ({"workers": True}, ["workers", "whole number"]),
    ({"min_confidence": float("nan")}, ["min_confidence", "nan"]),
    ({"min_confidence": -0.5}, ["min_confidence", "0 to 1"]),
    ({"min_confidence": float("inf")}, ["min_confidence", "inf"]),
    ({"min_confidence": "0.4"}, ["min_confidence", "str"]),
    ({"engine": "spark"}, ["engine", "spark"]),
])
def test_a_bad_library_option_is_one_error_naming_it_before_any_work(
        options: dict[str, object], words: list[str], tmp_path: Path) -> None:
    import storyline
    from storyline.checks import OptionError

    out = tmp_path / "out"
    with pytest.raises(OptionError) as err:
        storyline.run([str(tmp_path / "no such input")], out, **options)
    assert isinstance(err.value, ValueError)
    for w in words:
        assert w in str(err.value), str(err.value)
    assert not out.exists()  # refused before anything was made


def test_good_library_options_pass_and_a_date_object_is_its_day() -> None:
    import datetime as dt

    opts = Options(timeline_from=dt.date(2024, 5, 1), timeline_to="2024-05-31",  # type: ignore[arg-type]
                   timeline_dates=3, min_confidence=0, workers=1)
    opts.check()
    assert opts.timeline_from == "2024-05-01"


@pytest.mark.parametrize(("call", "words"), [
    ({"dct": "2024-13-01"}, ["dct", "not a real date"]),
    ({"dct": "yesterday"}, ["dct", "not a date"]),
    ({"batch_size": 0}, ["batch_size", "1 or more"]),
    ({"coder": "no-such-coder"}, ["coder", "no-such-coder"]),
])
def test_a_bad_coding_option_raises_at_the_call(call: dict[str, object],
                                                 words: list[str]) -> None:
    from storyline.api import Record, code_records
    from storyline.checks import OptionError

    with pytest.raises(OptionError) as err:
        code_records([Record("Rebels shelled the town on Monday.")], **call)  # type: ignore[arg-type]
    for w in words:
        assert w in str(err.value), str(err.value)


def test_a_bad_date_of_code_is_refused_and_a_bad_record_date_is_absent(
        caplog: pytest.LogCaptureFixture) -> None:
    import storyline
    from storyline.api import Record, code_records
    from storyline.checks import OptionError

    with pytest.raises(OptionError, match="date '2024-02-30' is not a real date"):
        storyline.code("Rebels shelled the town on Monday.", date="2024-02-30")
    records = [Record("Rebels shelled the town on Monday.", "r1", "2024-02-30"),
               Record("Rebels shelled the town on Monday.", "r2", "2024-05-08T09:30:00Z")]
    with caplog.at_level("WARNING", logger="storyline"):
        coded = list(code_records(records))
    said = [r.getMessage() for r in caplog.records]
    assert len(said) == 1 and "record r1" in said[0], said
    assert coded[0].events and all(not e.date.start for e in coded[0].events)
    assert coded[1].events and coded[1].events[0].date.start == "2024-05-06"


# -- 4: storyline code on binary input -------------------------------------------------------

BINARY = bytes(range(256)) * 40  # NULs and control bytes all through


def test_code_on_a_binary_file_is_one_warning_and_no_records(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from storyline.cli import main

    path = tmp_path / "photo.txt"
    path.write_bytes(BINARY)
    assert main(["code", str(path)]) == 0  # as run and times skip a binary file
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.splitlines()
    assert len(lines) == 1 and "photo.txt" in lines[0] and "binary file" in lines[0], lines


def test_code_on_binary_stdin_is_one_warning(tmp_path: Path) -> None:
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "storyline.cli", "code", "-"], input=BINARY,
                          capture_output=True, timeout=300, check=False)
    assert done.returncode == 0 and done.stdout == b""
    err = done.stderr.decode().splitlines()
    assert len(err) == 1 and "standard input" in err[0] and "binary" in err[0], err


@pytest.mark.slow
def test_code_says_each_bad_line_once_and_bounds_the_warnings(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from storyline.cli import main

    good = b"Police arrested twenty protesters in the capital on Monday.\n"
    bad = [b"the wire copy broke here \x00 in part %d of the log\n" % i for i in range(9)]
    bad += [b"Troops shelled the \xff\xfe town again, residents said.\n"] * 3
    path = tmp_path / "mixed.txt"
    path.write_bytes(good + b"".join(bad) + good)
    assert main(["code", str(path)]) == 0
    captured = capsys.readouterr()
    out = [json.loads(x) for x in captured.out.splitlines()]
    # the good lines and the lines with replaced bytes are coded; a NUL line is a record
    # with no text (one output line per input line: attack 11, finding 12)
    assert [r["id"] for r in out] == [str(n) for n in range(1, 15)]
    assert all(r["text"] == "" and r["events"] == [] for r in out[1:10])
    assert "\ufffd" in out[10]["text"] and out[0]["events"]
    err = captured.err.splitlines()
    assert len(err) == 6, err  # five warnings, then one line for the other seven
    assert err[0].startswith(f"warning: {path}: line 2: NUL bytes")
    assert "7 more warnings like the above not shown (12 in all)" in err[-1]


# -- 5: a test process leaves no DuckDB object alive at exit ---------------------------------


@pytest.mark.slow
def test_the_out_of_resources_tests_leave_no_duckdb_object_at_exit() -> None:
    """An exception instance made once for many runs (a module-level parameter) keeps its
    traceback: the run's frames, the closure that holds the store, its DuckDB connection,
    alive until the interpreter exits, where DuckDB's bindings print "nanobind: leaked
    ..." lines. The tests that raise out-of-resources errors through a run make a fresh
    exception each time."""
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[1]
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:randomly", "-p", "no:cacheprovider",
         "tests/test_robust_attack6.py", "-k", "control_character or running_out"],
        cwd=root, capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stdout[-2000:]
    assert "nanobind" not in done.stdout + done.stderr, (done.stdout + done.stderr)[-2000:]
