"""What the eleventh black-box attack (issue 15, part A) found: Ctrl-C on ``code`` and
``times``, output and store paths DuckDB does not take literally or that are empty,
language codes outside ISO 639-1, page titles of absurd length, articles that depend on
the files beside their input, undated figures in the report chart and a web archive
called damaged though it was read. Each test fails on the code before the fix."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.news import article

ROOT = Path(__file__).resolve().parents[1]
ENV = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
CLI = [sys.executable, "-m", "storyline.cli"]


def _interrupt(args: list[str], stdin: bytes | None, wait_for: bytes | None,
               delay: float) -> subprocess.CompletedProcess[bytes]:
    """Start the CLI, wait until it printed ``wait_for`` on stdout (or ``delay`` seconds),
    send it SIGINT as Ctrl-C does and collect what it said."""
    # a shell without job control starts background jobs with SIGINT ignored, and Python
    # then never installs its Ctrl-C handler: the child gets the default back
    p = subprocess.Popen(CLI + args, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, env=ENV,
                         preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    assert p.stdin is not None and p.stdout is not None
    if stdin is not None:
        p.stdin.write(stdin)
        p.stdin.flush()  # stdin stays open: the command waits for the next line
    if wait_for is not None:
        first = p.stdout.readline()
        assert wait_for in first, first
    time.sleep(delay)
    p.send_signal(signal.SIGINT)
    try:
        # stdin stays open until the command has ended: closing it first (as communicate
        # does) would let a command slow to take the signal end at end of input instead
        p.wait(timeout=60)
    except subprocess.TimeoutExpired:
        p.kill()
        raise
    out, err = p.communicate(timeout=60)
    return subprocess.CompletedProcess(p.args, p.returncode, out, err)


def _one_interrupted_line(done: subprocess.CompletedProcess[bytes]) -> None:
    err = done.stderr.decode("utf-8", "replace")
    assert done.returncode == 130, err
    assert "Traceback" not in err and "Fatal Python error" not in err, err
    assert [x for x in err.splitlines() if "interrupted" in x] == ["storyline: interrupted"], err


# -- 1: Ctrl-C on code and times ------------------------------------------------------

def test_ctrl_c_on_code_waiting_for_its_next_line_is_one_line_and_exit_130() -> None:
    done = _interrupt(["code", "-", "--dct", "2025-03-12"],
                      b"Rebels shelled the town of Kassala on Monday.\n", b"{", 0.3)
    _one_interrupted_line(done)


def test_ctrl_c_on_times_mid_way_is_one_line_and_exit_130(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text(" ".join(f"On Monday {i % 28 + 1} March 2024 and three days ago."
                            for i in range(60000)), "utf-8")
    done = _interrupt(["times", str(big), "--dct", "2025-03-12"], None, None, 2.5)
    _one_interrupted_line(done)


# -- 2, 3: paths DuckDB does not take literally ---------------------------------------

def _run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CLI, "run", *args, "--quiet"], capture_output=True, text=True,
                          env=ENV, cwd=cwd, timeout=300)


def test_a_backslash_in_out_never_writes_into_another_runs_store(tmp_path: Path) -> None:
    from storyline.cli import main

    first = tmp_path / "in1.txt"
    first.write_text(article(1), "utf-8")
    second = tmp_path / "in2.txt"
    second.write_text(article(2).replace("Namanga", "Isebania"), "utf-8")
    assert main(["run", str(first), "--out", str(tmp_path / "X" / "a" / "b"), "--quiet"]) == 0
    store = tmp_path / "X" / "a" / "b" / "storyline.duckdb"
    before = store.read_bytes()
    rc = main(["run", str(second), "--out", str(tmp_path / "X") + "/a\\b", "--quiet"])
    assert store.read_bytes() == before  # the other run's store is untouched
    if rc == 0:  # taken literally: its own store, in its own folder
        assert (tmp_path / "X" / "a\\b" / "storyline.duckdb").is_file()
    else:
        assert rc == 2
    lines = (tmp_path / "X" / "a" / "b" / "articles.jsonl").read_text("utf-8").splitlines()
    assert len(lines) == 1


def test_a_backslash_in_db_never_makes_a_file_in_another_folder(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from storyline.cli import main

    (tmp_path / "a").mkdir()
    src = tmp_path / "in.txt"
    src.write_text(article(3), "utf-8")
    rc = main(["run", str(src), "--out", str(tmp_path / "o"),
               "--db", str(tmp_path) + "/a\\store.duckdb", "--quiet"])
    assert not (tmp_path / "a" / "store.duckdb").exists()
    assert rc == 2
    err = [x for x in capsys.readouterr().err.splitlines() if x.strip()]
    assert len(err) == 1 and err[0].startswith("error: ") and "backslash" in err[0], err


@pytest.mark.parametrize("name", ["q?x", "w*[x]", "h#1", "p%20q"])
def test_an_out_folder_named_with_uri_or_glob_characters_works_or_is_refused_in_one_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str) -> None:
    from storyline.cli import main

    src = tmp_path / "in.txt"
    src.write_text(article(4), "utf-8")
    out = tmp_path / name
    rc = main(["run", str(src), "--out", str(out), "--quiet"])
    err = capsys.readouterr().err
    if rc == 0:
        assert len((out / "articles.jsonl").read_text("utf-8").splitlines()) == 1
        assert main(["run", str(src), "--out", str(out), "--quiet"]) == 0  # and again
    else:
        lines = [x for x in err.splitlines() if x.strip()]
        assert rc == 2 and len(lines) == 1, err
        assert "damaged" not in err and "move it aside" not in err, err
        assert not out.exists()  # nothing made that a rerun would call damaged


# -- 4: an empty --out ------------------------------------------------------------------

@pytest.mark.parametrize("flag", ["--out", "--db"])
def test_an_empty_out_or_db_is_refused_and_the_current_folder_left_alone(
        tmp_path: Path, flag: str) -> None:
    src = tmp_path / "in.txt"
    src.write_text(article(5), "utf-8")
    here = tmp_path / "here"
    here.mkdir()
    mine = here / "articles.jsonl"
    mine.write_text('{"mine": true}\n', "utf-8")
    args = [str(src), "--out", ""] if flag == "--out" else [str(src), "--out", "o", "--db", ""]
    done = _run_cli(*args, cwd=here)
    assert done.returncode == 2, done.stderr
    assert "empty" in done.stderr and "Traceback" not in done.stderr
    assert sorted(p.name for p in here.iterdir()) == ["articles.jsonl"]
    assert mine.read_text("utf-8") == '{"mine": true}\n'


# -- 5: the language of an article quoting another script ------------------------------

_EN = ("Militia fighters attacked the river port of Kosti on Friday, killing nine traders, "
       "police said. The regional governor blamed a rebel group and asked for troops. "
       "The United Nations urged both sides to stop the fighting. "
       "Relief workers said about 2,000 families had fled toward the capital since the raid.")
_AR = ("قال أحد السكان إن القصف استمر طوال الليل وإن العائلات فرت من المدينة نحو الحدود.",
       "وقالت السلطات المحلية إن القوات قصفت البلدة الحدودية صباح الاثنين مما أدى إلى مقتل "
       "مدنيين.")


@pytest.mark.parametrize("quote", _AR, ids=["resident", "officials"])
def test_an_english_article_quoting_one_arabic_sentence_stays_english_and_is_annotated(
        quote: str) -> None:
    from storyline.clean.article import make_article
    from storyline.model import Article, RawDocument

    text = _EN + ' A trader told reporters: "' + quote + '"'
    made = make_article(RawDocument(path="q.txt", kind="text", content=text))
    assert isinstance(made, Article)
    assert made.language == "en"
    assert not any("not English" in w for w in made.warnings), made.warnings


@pytest.mark.parametrize(("text", "lang"), [
    (" ".join(_AR) + " African Union Kenya Nairobi United Nations.", "ar"),
    ("苏丹军队周一炮击了边境城镇，造成多名平民死亡，当地官员说。" * 2
     + ' A spokesman said: "We will respond."', "zh"),
    (_EN + " " + " ".join(_AR), "en"),
])
def test_the_main_script_decides_and_the_code_is_iso_639_1(text: str, lang: str) -> None:
    from storyline.clean.metadata import detect_language

    got = detect_language(text)
    assert got == lang
    assert len(got) == 2 and got.isascii() and got.islower()


# -- 6: a <title> of absurd length ---------------------------------------------------

@pytest.mark.parametrize("copies", [800, 4000])
def test_an_oversized_title_is_no_title_and_never_body_text(copies: int) -> None:
    from storyline.clean.article import make_article
    from storyline.model import Article, RawDocument

    para = _EN + " The governor asked the army for more troops and a curfew was declared."
    page = (f"<html><head><title>{'Harbour raid ' * copies}</title></head>"
            f"<body><article><p>{para}</p></article></body></html>")
    made = make_article(RawDocument(path="p.html", kind="html", content=page))
    assert isinstance(made, Article)
    assert "Harbour raid" not in made.text and (made.title or "").count("Harbour raid") <= 1
    assert para in made.text
    assert len(made.text) < 2 * len(para)
    assert any("title" in w and "characters long" in w for w in made.warnings), made.warnings


# -- 7: an article depends on the inputs named, not on the files beside them -----------

_TOWNS = ["Kosti", "Rabak", "Sennar", "Renk"]


def _wire_file(folder: Path, i: int) -> Path:
    """Short wire copies on one story: the headline's shape ("Raid near Kosti (4)")
    recurs in a few of them, as one outlet's headlines on one story do."""
    town = _TOWNS[i % len(_TOWNS)]
    other = _TOWNS[(i * 3 + 1) % len(_TOWNS)]
    path = folder / f"w{i:03d}.txt"
    path.write_text(
        f"Raid near {town} ({i})\n\n"
        f"{town.upper()}, May {i % 27 + 1} - Gunmen raided the river port of {town} on "
        f"Thursday, killing {i + 3} dock workers, police said in statement {i}. Traders "
        f"from {other} said boats carrying grain to {town} had stopped, and the governor "
        f"of {other} asked for {i + 40} soldiers.\n", "utf-8")
    return path


def _articles(files: list[str], out: Path) -> list[dict]:
    from storyline.api import run

    run(files, out)
    return [json.loads(x) for x in (out / "articles.jsonl").read_text("utf-8").splitlines()]


def test_a_file_named_alone_gives_the_same_article_whatever_lies_beside_it(
        tmp_path: Path) -> None:
    alone, crowd = tmp_path / "alone", tmp_path / "crowd"
    alone.mkdir()
    crowd.mkdir()
    first = _wire_file(alone, 0)
    for i in range(20):
        _wire_file(crowd, i)
    by_itself = _articles([str(first)], tmp_path / "o1")
    beside = _articles([str(crowd / first.name)], tmp_path / "o2")
    assert len(by_itself) == len(beside) == 1
    assert beside[0]["id"] == by_itself[0]["id"]
    assert beside[0]["text"] == by_itself[0]["text"]
    assert beside[0]["title"] == by_itself[0]["title"]
    assert "Raid near Kosti (0)" in ((beside[0]["title"] or "") + beside[0]["text"])


def test_furniture_is_counted_over_the_files_named_together_or_the_folder_given(
        tmp_path: Path) -> None:
    from storyline.clean.repetition import InputRepetition
    from storyline.clean.text import line_key

    files = [_wire_file(tmp_path, i) for i in range(20)]
    head = line_key("Raid near Kosti (0)")
    alone = InputRepetition(named=[files[0]]).boilerplate_for(str(files[0]), files[0])
    together = InputRepetition(named=files).boilerplate_for(str(files[0]), files[0])
    in_folder = InputRepetition().boilerplate_for(str(files[0]), files[0])
    assert alone == frozenset()
    assert head in together and head in in_folder


# -- 8: undated figures: never placed on a chart by date, null in figures.jsonl --------

def test_undated_figures_are_listed_apart_never_charted_at_no_date(tmp_path: Path) -> None:
    from storyline.report.build import report_data
    from tests.report_fixtures import write_outputs

    written = write_outputs(tmp_path)
    undated = []
    for k, fig in enumerate(written["figures"] * 2):
        undated.append(dict(fig, id=f"u{k}", value=fig["value"] + 7 * k,
                            as_of={"start": None, "end": None}))
    rows = written["figures"] + undated
    (tmp_path / "figures.jsonl").write_text(
        "".join(json.dumps(r) + "\n" for r in rows), "utf-8")
    view = report_data(tmp_path)["views"][0]
    charted = [p for s in view["series"] for p in s["points"]]
    assert charted and all(p["date"] for p in charted)  # no point without a place in time
    assert sorted(x["point"]["value"] for x in view["undatedFigures"]) == sorted(
        r["value"] for r in undated)
    assert all(x["point"]["cites"] for x in view["undatedFigures"])


def test_an_undated_figure_has_null_as_of_days_in_figures_jsonl() -> None:
    import jsonschema

    from storyline.model import Figure, Mention

    schema = json.loads((ROOT / "src" / "storyline" / "schemas" / "figures.schema.json")
                        .read_text("utf-8"))
    fig = Figure(id="f1", value=12.0, qualifier=None, unit="people", what="people killed",
                 where=None, as_of={"start": "", "end": ""}, attribution=None,
                 mention=Mention(article="a1", quote="Twelve people were killed.", start=0,
                                 end=26))
    line = fig.to_json()
    assert line["as_of"] == {"start": None, "end": None}
    jsonschema.validate(line, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(dict(line, as_of={"start": "", "end": ""}), schema)
    assert Figure.from_json(line).as_of == fig.as_of  # read back as it was stored


# -- 9: a WARC target URI with spaces; counts of what was read ------------------------

def _warc_with(uris: list[str]) -> bytes:
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=False)
    for i, uri in enumerate(uris):
        page = f"<html><body><article><p>{article(30 + i)}</p></article></body></html>"
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                   protocol="HTTP/1.0")
        writer.write_record(writer.create_warc_record(
            uri, "response", payload=io.BytesIO(page.encode()), http_headers=headers))
    return buf.getvalue()


def test_a_warc_uri_with_spaces_is_one_note_not_a_damaged_skipped_archive(
        tmp_path: Path) -> None:
    from storyline.pipeline import Options, run

    data = _warc_with(["https://news.example/harbour/a"])
    data = data.replace(b"https://news.example/harbour/a", b"https://news.example/harbour a", 1)
    (tmp_path / "crawl.warc").write_bytes(data)
    lines: list[str] = []
    summary = run([str(tmp_path / "crawl.warc")], tmp_path / "out",
                  options=Options(progress=False), log=lines.append)
    assert summary.articles_new == 1 and summary.documents == 1
    assert not summary.skipped, summary.skipped
    assert not any("skipped" in x or "damaged" in x for x in lines), lines
    assert [x for x in lines if "spaces" in x and "harbour%20a" in x], lines
    stored = json.loads((tmp_path / "out" / "articles.jsonl").read_text("utf-8"))
    assert stored["url"] == "https://news.example/harbour%20a"


def test_trailing_garbage_after_a_gzip_is_no_document(tmp_path: Path) -> None:
    import gzip

    from storyline.pipeline import Options, run

    rows = "".join(json.dumps({"id": f"g{i}", "text": article(40 + i)}) + "\n"
                   for i in range(3))
    (tmp_path / "wire.jsonl.gz").write_bytes(gzip.compress(rows.encode()) + b"NOT GZIP!")
    lines: list[str] = []
    summary = run([str(tmp_path / "wire.jsonl.gz")], tmp_path / "out",
                  options=Options(progress=False), log=lines.append)
    assert summary.articles_new == 3 and summary.documents == 3, (summary, lines)
    assert not summary.skipped and any("trailing garbage" in x for x in lines)
