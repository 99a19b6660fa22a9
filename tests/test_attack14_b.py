"""Findings 10 to 19 of the eleventh black-box attack (issue 15): a wire dateline's day
lost to an inferred window, common time forms mis-normalised, ``storyline code`` dropping
blank records and reusing ids, deleted inputs kept in silence, an open file taken for a
list of paths, an output that cannot be replaced mixing two runs, copy links across
languages, a closed pipe blamed on the input, a menu of 100,000 lines keeping the article
out, and the cosmetic items. Each test fails on the code before the fix."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.news import article

SRC = str(Path(__file__).resolve().parents[1] / "src")


def _cli(*args: str, **kw: object) -> subprocess.Popen[bytes]:
    env = dict(os.environ, PYTHONPATH=SRC + os.pathsep + os.environ.get("PYTHONPATH", ""))
    return subprocess.Popen([sys.executable, "-m", "storyline.cli", *args], env=env,
                            **kw)  # type: ignore[call-overload]


# -- 14: an open file object given as the inputs of storyline.run ------------------------


def test_an_open_file_as_run_inputs_is_an_option_error_naming_it(tmp_path: Path) -> None:
    import storyline
    from storyline.checks import OptionError

    path = tmp_path / "a.txt"
    path.write_text(article(1), "utf-8")
    with open(path, encoding="utf-8") as fh, pytest.raises(OptionError) as err:
        storyline.run(fh, tmp_path / "out")
    assert "open file" in str(err.value) and "give its name" in str(err.value)
    assert not (tmp_path / "out" / "articles.jsonl").exists()


# -- 17: storyline code FILE | head -1 -------------------------------------------------------


def test_code_into_a_closed_pipe_is_quiet_not_a_read_error(tmp_path: Path) -> None:
    path = tmp_path / "many.txt"
    line = "Rebels shelled the town of Kassala on Monday, killing {} people.\n"
    path.write_text("".join(line.format(i) for i in range(3000)), "utf-8")
    proc = _cli("code", str(path), "--dct", "2025-03-12", stdout=subprocess.PIPE,
                stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    assert json.loads(proc.stdout.readline())
    proc.stdout.close()  # the reader goes, as head -1 does
    err = proc.stderr.read().decode("utf-8")
    assert proc.wait(timeout=120) == 0
    assert "cannot read" not in err and "Broken pipe" not in err, err


# -- 12: storyline code keeps one line per record and ids that cannot collide -------------


def test_code_gives_one_record_per_plain_line_blank_ones_included() -> None:
    from storyline.api import read_records

    lines = ["\n", "   \n", "\t\n", "Rebels shelled the border town on Monday.\n",
             "\u00a0\n", "\x00\n", "Talks resumed in Juba.\n"]
    got = list(read_records(lines))
    assert [r.id for r in got] == [str(n) for n in range(1, 8)]
    assert [r.text for r in got][:5] == ["", "   ", "\t", lines[3].strip(), "\u00a0"]
    assert got[5].text == ""


def test_code_cli_prints_a_line_for_every_record_of_a_plain_file(tmp_path: Path) -> None:
    path = tmp_path / "plain.txt"
    path.write_bytes(b"\n   \nRebels shelled the town on Monday.\n\xc2\xa0\nA\x00B\nOk.\n")
    proc = _cli("code", str(path), "--dct", "2025-03-12", stdout=subprocess.PIPE,
                stderr=subprocess.PIPE)
    out, err = proc.communicate(timeout=300)
    rows = [json.loads(x) for x in out.decode("utf-8").splitlines()]
    assert [r["id"] for r in rows] == ["1", "2", "3", "4", "5", "6"], err
    assert rows[4]["events"] == [] and rows[0]["events"] == []


def test_a_json_record_without_an_id_gets_its_line_number_and_a_clash_is_warned() -> None:
    from storyline.api import read_records

    lines = [json.dumps({"id": "3", "text": "Rebels attacked."}),
             json.dumps({"id": 2, "text": "Rebels attacked."}),
             json.dumps({"id": None, "text": "Rebels attacked."}),
             json.dumps({"id": "", "text": "Rebels attacked."}),
             json.dumps({"text": "Rebels attacked."}), json.dumps({"id": 4, "text": "x"})]
    warned: list[str] = []
    ids = [r.id for r in read_records(lines, warned.append)]
    # the contract: "the record's id (or its line number)"
    assert ids == ["3", "2", "3", "4", "5", "4"]
    assert any("line 3" in w and "two records share it" in w for w in warned)
    assert all(i.strip() for i in ids)


def test_a_look_alike_warning_of_code_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "look.txt"
    path.write_text("\u0405UDAN attacked Ethiopia.\n", "utf-8")
    proc = _cli("code", str(path), "--dct", "2025-03-12", stdout=subprocess.PIPE,
                stderr=subprocess.PIPE)
    _, err = proc.communicate(timeout=300)
    said = [x for x in err.decode("utf-8").splitlines() if "look-alike" in x]
    assert said and all(str(path) in x for x in said)


# -- 10: a wire dateline's day with the year inferred ----------------------------------------

_WIRE = ("Government troops shelled the border town of Kurmuk on Monday, killing 12 "
         "civilians, local officials said. The regional council accused the army of "
         "breaking the truce and called for talks in Addis Ababa. Aid workers said about "
         "900 families had fled toward the river since the shelling began, and the "
         "market stayed shut.")
_WIRE2 = ("The governor of Blue Nile said the Kurmuk crossing would stay closed. Traders "
          "waiting at the crossing said prices of flour and fuel had doubled in a week.")


@pytest.mark.parametrize("text", [f"Wire copy\n\nDAMAZIN, March 12 (Wire) - {_WIRE}\n",
                                  f"DAMAZIN, March 12 (Wire) -\n{_WIRE}\n"])
def test_a_wire_datelines_day_is_the_inferred_date(text: str) -> None:
    import datetime as dt

    from storyline.clean.dates import infer_date

    pub = infer_date(text, near=dt.date(2025, 3, 10))
    assert pub is not None
    assert (pub.date, pub.earliest, pub.latest) == ("2025-03-12",) * 3


def test_a_dateline_after_a_slug_line_is_found() -> None:
    from storyline.clean.metadata import find_dateline

    assert find_dateline([], f"Wire copy\n\nDAMAZIN, March 12 (Wire) - {_WIRE}")[0] == \
        "Damazin"


def test_an_undated_wire_story_next_to_a_dated_one_gets_its_datelines_day(
        tmp_path: Path) -> None:
    from storyline.pipeline import Options, run

    src = tmp_path / "in"
    src.mkdir()
    (src / "dated.html").write_text(
        "<html><head><title>Border news</title></head><body><article><time "
        f"datetime='2025-03-10'>March 10</time><p>{_WIRE}</p><p>{_WIRE2}</p></article>"
        "</body></html>", "utf-8")
    (src / "undated.txt").write_text(f"Wire copy\n\nDAMAZIN, March 12 (Wire) - {_WIRE}\n\n"
                                     f"{_WIRE2}\n", "utf-8")
    run([str(src)], tmp_path / "out", options=Options(progress=False))
    rows = [json.loads(x) for x in (tmp_path / "out" / "articles.jsonl").read_text(
        "utf-8").splitlines()]
    [wire] = [r for r in rows if r["title"] != "Border news"]
    assert wire["published"]["date"] == "2025-03-12"
    assert wire["dateline"] == "Damazin"


# -- 16: syndicated-copy links stay within one language ---------------------------------------

_EN = ("Government troops shelled the border town of Kurmuk on Monday, killing twelve "
       "civilians, local officials said. The regional council accused the army of breaking "
       "the truce and called for talks in Addis Ababa. Aid workers said about nine hundred "
       "families had fled toward the river since the shelling began.")
_FR = ("Les troupes gouvernementales ont bombardé lundi la ville frontalière de Kurmuk, tuant "
       "douze civils, selon les autorités locales. Le conseil régional a accusé l'armée de "
       "rompre la trêve et a appelé à des pourparlers à Addis-Abeba. Des humanitaires ont "
       "dit que près de neuf cents familles avaient fui vers le fleuve depuis le début.")


def test_a_page_holding_two_languages_does_not_make_them_copies(tmp_path: Path) -> None:
    from storyline.pipeline import Options, run

    src = tmp_path / "langs.jsonl"
    items = [{"id": "both", "text": f"{_EN}\n\n{_FR}\n\n{_EN} {_FR}"},
             {"id": "en", "text": _EN}, {"id": "fr", "text": _FR}]
    src.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in items), "utf-8")
    run([str(src)], tmp_path / "out", options=Options(progress=False))
    rows = {json.loads(x)["id"]: json.loads(x) for x in (
        tmp_path / "out" / "articles.jsonl").read_text("utf-8").splitlines()}
    by_input = {r["input_id"]: r for r in rows.values()}
    assert {by_input["en"]["language"], by_input["fr"]["language"]} == {"en", "fr"}
    for r in rows.values():
        if r.get("duplicate_of"):
            assert rows[r["duplicate_of"]]["language"] == r["language"], r["input_id"]


# -- 15: an output that cannot be replaced ----------------------------------------------------


def _articles_in(out: Path) -> int:
    return len((out / "articles.jsonl").read_text("utf-8").splitlines())


def test_an_output_that_cannot_be_replaced_keeps_every_earlier_output(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    import errno

    from storyline.cli import main

    out = tmp_path / "out"
    (tmp_path / "a.txt").write_text(article(1), "utf-8")
    (tmp_path / "b.txt").write_text(article(2), "utf-8")
    assert main(["run", str(tmp_path / "a.txt"), "--out", str(out), "--quiet"]) == 0
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.suffix != ".duckdb"}
    real = Path.replace

    def refuse(self: Path, target: str | os.PathLike[str]) -> Path:
        if Path(target).name == "events.jsonl":
            raise PermissionError(errno.EPERM, "Operation not permitted", str(self),
                                  None, str(target))
        return real(self, target)

    monkeypatch.setattr(Path, "replace", refuse)
    capsys.readouterr()
    rc = main(["run", str(tmp_path / "b.txt"), "--out", str(out), "--quiet"])
    err = capsys.readouterr().err
    assert rc == 2
    [line] = [x for x in err.splitlines() if x.startswith("error:")]
    assert str(out / "events.jsonl") in line and ".tmp" not in err
    after = {p.name: p.read_bytes() for p in out.iterdir() if p.suffix != ".duckdb"}
    assert after == before  # none replaced, no .tmp or .old left
    assert _articles_in(out) == 1


def test_a_folder_in_the_way_of_an_output_is_found_before_any_is_replaced(
        tmp_path: Path) -> None:
    from storyline.outfiles import OutputError, atomic_path, output_batch

    (tmp_path / "a.json").write_text("old", "utf-8")
    (tmp_path / "z.json").mkdir()
    with pytest.raises(OutputError, match=r"z\.json: a folder"), output_batch():
        for name in ("a.json", "z.json"):
            with atomic_path(tmp_path / name) as tmp:
                tmp.write_text("new", "utf-8")
    assert (tmp_path / "a.json").read_text("utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.json", "z.json"]


# -- 19: the cosmetic items ------------------------------------------------------------------


def test_a_confidence_written_with_an_underscore_is_refused(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from storyline.cli import main

    (tmp_path / "a.txt").write_text(article(1), "utf-8")
    with pytest.raises(SystemExit) as done:
        main(["run", str(tmp_path / "a.txt"), "--out", str(tmp_path / "o"),
              "--min-confidence", "1_0"])
    err = capsys.readouterr().err
    assert done.value.code == 2 and "1_0" in err and "10.0" not in err
    assert not (tmp_path / "o").exists()


def _feed_items(tmp_path: Path, feed: dict[str, object]) -> list[object]:
    from storyline.ingest.readers import read_json

    path = tmp_path / "feed.json"
    path.write_text(json.dumps(feed), "utf-8")
    return list(read_json(str(path), path))


@pytest.mark.parametrize("key", ["home_page_url", "feed_url"])
def test_a_relative_json_feed_url_is_resolved_against_the_feed(tmp_path: Path,
                                                               key: str) -> None:
    feed = {"version": "https://jsonfeed.org/version/1.1", "title": "Valley Herald",
            key: "https://valley.example.org/news/feed.json",
            "items": [{"id": "a2", "url": "/world/a2", "content_text": article(1)},
                      {"id": "a3", "url": "b3.html", "content_text": article(2)}]}
    docs = _feed_items(tmp_path, feed)
    assert [d.url for d in docs] == ["https://valley.example.org/world/a2",  # type: ignore
                                     "https://valley.example.org/news/b3.html"]
    assert not any(d.notes for d in docs)  # type: ignore[attr-defined]


def test_a_url_password_is_never_stored() -> None:
    from storyline.ingest.validate import clean_url

    assert clean_url("https://user:secret@news.example/a?x=1#top") == (
        "https://news.example/a?x=1#top", None)
    assert clean_url("http://editor@news.example:8080/b")[0] == "http://news.example:8080/b"
    assert clean_url("https://news.example/a@b")[0] == "https://news.example/a@b"


def test_a_title_is_cut_at_a_dash_only_before_a_site_name() -> None:
    from storyline.clean.html import extract_html

    body = "".join(f"<p>{p}</p>" for p in article(1).split("\n\n"))
    page = ("<html><head><title>{}</title></head><body><article>" + body
            + "</article></body></html>")
    assert extract_html(page.format("Café clash — “Gedaref”")).title == \
        "Café clash — “Gedaref”"
    assert extract_html(page.format("Floods hit delta — 12 dead")).title == \
        "Floods hit delta — 12 dead"
    assert extract_html(page.format("Ceasefire holds - Daily Star")).title == \
        "Ceasefire holds"


def _warc_of(path: Path, pages: list[tuple[str, str]]) -> None:
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    for n, (status, html) in enumerate(pages):
        headers = StatusAndHeaders(status, [("Content-Type", "text/html; charset=utf-8")],
                                   protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            f"https://news.example/p{n}", "response", payload=io.BytesIO(html.encode()),
            http_headers=headers))
    path.write_bytes(buf.getvalue())


def test_a_404_page_in_a_web_archive_is_no_article(tmp_path: Path) -> None:
    from storyline.ingest.readers import read_warc
    from storyline.model import RawDocument

    body = "".join(f"<p>{p}</p>" for p in article(1).split("\n\n"))
    missing = ("<html><head><title>Page not found</title></head><body><article>"
               f"<h1>Not found</h1>{body}</article></body></html>")
    good = f"<html><head><title>Talks</title></head><body><article>{body}</article></body></html>"
    _warc_of(tmp_path / "a.warc.gz", [("404 Not Found", missing), ("200 OK", good),
                                      ("304 Not Modified", "")])
    got = list(read_warc("a.warc.gz", tmp_path / "a.warc.gz"))
    docs = [g for g in got if isinstance(g, RawDocument)]
    assert [d.url for d in docs] == ["https://news.example/p1"]
    # the 304 is no skipped input either: the two are one note counting them (issue 15)
    assert [type(g).__name__ for g in got] == ["RawDocument", "FileNote"]


# -- 18: a text file whose menu runs 100,000 lines above the article -------------------------


def test_a_menu_far_longer_than_the_length_limit_does_not_push_the_article_out(
        tmp_path: Path) -> None:
    from storyline.clean.article import MAX_BODY_CHARS, make_article
    from storyline.ingest.readers import read_file
    from storyline.model import Article

    menu = "\n".join(f"Desk {i} | Wires {i % 89} | Racing {i % 11}" for i in range(100_000))
    headline = "Border crossing reopens after talks"
    path = tmp_path / "menu.txt"
    path.write_text(f"{menu}\n\n{headline}\n\n{article(1)}\n", "utf-8")
    assert path.stat().st_size > 10 * MAX_BODY_CHARS
    [raw] = list(read_file(str(path), path))
    got = make_article(raw)  # type: ignore[arg-type]
    assert isinstance(got, Article)
    first = article(1).split("\n\n")[0]
    assert first in got.text and "Desk 5 |" not in got.text
    assert got.title == headline and got.language == "en"
    assert not any("body cut" in w for w in got.warnings)


# -- 11: common time forms of storyline times --------------------------------------------------


def _times(text: str, dct: str = "2025-03-12") -> list[tuple[str, str]]:
    from storyline.annotate.times import find_times

    return [(t.text, t.value) for t in find_times(text, dct)]


@pytest.mark.parametrize(("text", "expected"), [
    ("Convoys crossed the river in 2024-W05 under guard.", ("2024-W05", "2024-W05")),
    ("The count closed in 2020-W53, the board said.", ("2020-W53", "2020-W53")),
    ("The decree is dated 2024/12/31 in the gazette.", ("2024/12/31", "2024-12-31")),
    ("The permit ran out on 31/12/2024 at the port.", ("31/12/2024", "2024-12-31")),
    ("The rule has applied since 1.1.2020 in the province.", ("1.1.2020", "2020-01-01")),
    ("Exports fell in Q3 2024 as the port shut.", ("Q3 2024", "2024-Q3")),
    ("Grain sales in H1 2025 rose by a tenth.", ("H1 2025", "2025-H1")),
    ("The dam failed 2 weeks 3 days ago near the town.", ("2 weeks 3 days ago", "2025-02-23")),
])
def test_common_time_forms_are_normalised(text: str, expected: tuple[str, str]) -> None:
    assert _times(text) == [expected]


def test_a_week_53_in_a_year_without_one_is_no_time() -> None:
    assert _times("The tally for 2021-W53 was wrong.") == []


def test_an_iso_week_gives_that_weeks_range() -> None:
    from storyline.annotate.times import resolve_range

    [(_, value)] = _times("Convoys crossed the river in 2024-W05 under guard.")
    assert resolve_range(value) == ("2024-01-29", "2024-02-04")


def test_a_day_first_date_is_read_only_where_it_cannot_be_month_first() -> None:
    # 05/06/2024 could be either: the month-first reading, as before, never a guess of
    # day first; 13/13/2024 and 31/02/2024 are no dates
    assert _times("Filed on 05/06/2024 in court.") == [("05/06/2024", "2024-05-06")]
    assert _times("Filed on 13/13/2024 in court.") == []
    assert _times("Filed on 31/02/2024 in court.") == []


def test_a_sentence_stop_after_an_abbreviated_month_is_not_in_the_span() -> None:
    got = _times("The vote closes at 3pm EST on 5 Jan. Counting starts at once.")
    assert got[0] == ("3pm EST on 5 Jan", "2025-01-05T15:00")
    assert _times("Talks resume on Jan. 5 in Juba.")[0][0] == "Jan. 5"


# -- 13: articles of input files deleted since an earlier run ---------------------------------


def _inputs_run(folder: Path, out: Path, warnings: list[str], **options: object):
    from storyline.pipeline import Options, run

    return run([str(folder)], out, options=Options(progress=False, **options),  # type: ignore[arg-type]
               log=warnings.append)


def _stored_paths(out: Path) -> list[str]:
    return sorted(json.loads(x)["path"] for x in (out / "articles.jsonl").read_text(
        "utf-8").splitlines())


def test_a_deleted_inputs_articles_are_kept_with_a_warning_and_pruned_on_request(
        tmp_path: Path) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    (src / "a.txt").write_text(article(1), "utf-8")
    (src / "b.txt").write_text(article(2), "utf-8")
    _inputs_run(src, out, [])
    assert len(_stored_paths(out)) == 2
    (src / "b.txt").unlink()
    said: list[str] = []
    summary = _inputs_run(src, out, said)
    assert len(_stored_paths(out)) == 2  # kept: never lost in silence
    [line] = [x for x in said if "no longer present" in x]
    assert "1 stored article" in line and "b.txt" in line and "--prune-missing" in line
    assert summary.flagged["articles of deleted inputs kept"] == 1
    said.clear()
    summary = _inputs_run(src, out, said, prune_missing=True)
    assert _stored_paths(out) == [str(src / "a.txt")]
    assert summary.articles_total == 1
    assert any("dropped" in x and "b.txt" in x for x in said)
    said.clear()
    _inputs_run(src, out, said)
    assert not any("no longer present" in x for x in said)


def test_articles_of_inputs_not_given_are_said_to_be_in_the_outputs(tmp_path: Path) -> None:
    from storyline.pipeline import Options, run

    out = tmp_path / "out"
    (tmp_path / "a.txt").write_text(article(1), "utf-8")
    (tmp_path / "b.txt").write_text(article(2), "utf-8")
    run([str(tmp_path / "a.txt")], out, options=Options(progress=False))
    said: list[str] = []
    run([str(tmp_path / "b.txt")], out, options=Options(progress=False), log=said.append)
    assert len(_stored_paths(out)) == 2  # the outputs show the whole store
    assert any("1 article(s)" in x and "not given to this run" in x for x in said)
    assert not any("no longer present" in x for x in said)


def test_prune_missing_must_be_a_boolean() -> None:
    from storyline.checks import OptionError
    from storyline.pipeline import Options

    with pytest.raises(OptionError, match="prune_missing"):
        Options(prune_missing="yes").check()  # type: ignore[arg-type]


def test_a_hard_wrapped_wire_story_in_a_pre_is_read_as_paragraphs() -> None:
    from storyline.clean.html import extract_html

    words = _WIRE.split()
    wrapped = "\n".join(" ".join(words[i:i + 9]) for i in range(0, len(words), 9))
    page = (f"<html><head><title>Wire copy</title></head><body><pre>DAMAZIN, March 12 "
            f"(Wire) -\n{wrapped}\n\n{_WIRE2}</pre></body></html>")
    body = extract_html(page).body
    assert body.startswith("DAMAZIN, March 12 (Wire) - Government troops shelled")
    assert "Kurmuk on Monday" in " ".join(body.split()) and "\n\n" in body
    assert all(len(p.split()) > 9 for p in body.split("\n\n")), body
