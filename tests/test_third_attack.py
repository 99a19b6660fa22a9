"""Issue 15, third attack run (F14-F21): options, edited inputs, titles, invisible characters,
calendar edges, line ends, feeds and small inconsistencies.

Every input is written here in the tests' own words (tests/news.py); nothing reads ../shared.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from storyline.cli import main
from tests.news import jsonl_line, one_item_input, one_line_error

# -- F14: the timeline's date options ---------------------------------------------------------

@pytest.mark.parametrize("flags, words", [
    (["--timeline-from", "banana"], ["--timeline-from", "banana", "YYYY-MM-DD"]),
    (["--timeline-from", "2024-02-30"], ["--timeline-from", "not a real date"]),
    (["--timeline-to", "\u0662\u0660\u0662\u0664-\u0660\u0665-\u0660\u0661"], ["--timeline-to"]),
    (["--timeline-to", "20240501"], ["--timeline-to", "YYYY-MM-DD"]),
    (["--timeline-to", "0001-01-01"], ["--timeline-to", "outside"]),
    (["--timeline-from", "9999-12-31"], ["--timeline-from", "outside"]),
    (["--timeline-from", "2024-06-01", "--timeline-to", "2024-05-01"],
     ["--timeline-from 2024-06-01", "after"]),
])
def test_bad_timeline_dates_are_refused_in_one_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], flags: list[str],
        words: list[str]) -> None:
    out = tmp_path / "out"
    assert main(["run", str(one_item_input(tmp_path)), "--out", str(out), "--quiet", *flags]) == 2
    one_line_error(capsys, *words)
    assert not out.exists()  # refused before anything was made


def test_good_timeline_dates_pass_the_check() -> None:
    import argparse

    from storyline.cli import _bad_dates

    ns = argparse.Namespace(timeline_from="2024-05-01", timeline_to="2024-05-01")
    assert _bad_dates(ns) is None
    assert _bad_dates(argparse.Namespace(timeline_from=None, timeline_to="2100-12-31")) is None


# -- F18: --dct of code and times -------------------------------------------------------------

@pytest.mark.parametrize("command", ["code", "times"])
@pytest.mark.parametrize("dct, words", [
    ("9999-12-31", ["--dct", "outside"]),
    ("0001-01-01", ["--dct", "outside"]),
    ("2024-13-01", ["--dct", "not a real date"]),
    ("May 8", ["--dct", "YYYY-MM-DD"]),
])
def test_dct_out_of_range_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                     command: str, dct: str, words: list[str]) -> None:
    src = tmp_path / "s.txt"
    src.write_text("Officials said the army will attack next week.\n", encoding="utf-8")
    assert main([command, str(src), "--dct", dct]) == 2
    one_line_error(capsys, *words)
    assert capsys.readouterr().out == ""


@pytest.mark.parametrize("text, dct, wording", [
    ("Officials said the army will attack next week.", "9999-12-31", "next week"),
    ("Talks are due tomorrow.", "9999-12-31", "tomorrow"),
    ("The army attacked yesterday.", "0001-01-01", "yesterday"),
])
def test_expressions_past_the_calendar_stay_unresolved(text: str, dct: str,
                                                       wording: str) -> None:
    from storyline.annotate.times import find_times, resolve_range

    found = find_times(text, dct)
    assert [t.text for t in found] == [wording]
    assert resolve_range(found[0].value) is None  # no day, and not the DCT


def test_the_year_ten_thousand_is_no_date() -> None:
    from storyline.annotate.times import find_times

    assert find_times("The army attacked in the year 10000.", "2024-05-01") == []
    # the anaphoric "the year" still is one
    assert [t.value for t in find_times("Prices rose over the year.", "2024-05-01")] == ["2024"]


def test_a_coding_date_past_the_calendar_is_refused_not_used() -> None:
    from storyline.api import code, event_json
    from storyline.checks import OptionError

    # refused as `--dct` refuses it (seventh attack: events came out dated 0001-01-01)
    for text, dct in (("Rebels will attack the town tomorrow.", "9999-12-31"),
                      ("Rebels attacked the town yesterday.", "0001-01-01")):
        with pytest.raises(OptionError, match="outside the dates"):
            code(text, dct)
    # an ordinary DCT still dates the same wording
    [e] = [event_json(x) for x in code("Rebels attacked the town yesterday.", "2024-05-01")]
    assert e["date"]["start"] == "2024-04-30"


# -- F15: an edited input replaces its old version -------------------------------------------

def _stored(aid: str, path: str, position: str | None, text: str) -> object:
    from storyline.model import Article, Published

    return Article(id=aid, input_id=aid[:1], path=path, url=None, outlet=None, title=None,
                   dateline=None, published=Published(None, "none"), text=text,
                   language="en", position=position)


def test_store_retires_what_an_edited_file_no_longer_gives(tmp_path: Path) -> None:
    from storyline.store.db import Store

    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    a.write_text("x\n")
    b.write_text("y\n")
    with Store(tmp_path / "s.duckdb") as store:
        # a gives two articles; b holds a copy of a's first one
        store.write_batch([_stored("a1", "a", "line 1", "one"), _stored("a2", "a", "line 2", "two"),
                           _stored("a1", "b", "line 1", "one")], [],
                          [("a", a, 2), ("b", b, 1)], run=1)
        store.put_annotation("a2", "annotate", "v", {"events": []})
        store.con.execute("INSERT INTO story_terms VALUES ('a2', NULL, '{}')")
        assert store.count_articles() == 2
        # a is edited: line 2 now says something else, line 1 is gone
        store.write_batch([_stored("a3", "a", "line 1", "two, corrected")], [], [("a", a, 1)],
                          run=2)
        ids = {x.id: (x.path, x.position) for x in store.articles()}
        assert ids == {"a1": ("b", "line 1"), "a3": ("a", "line 1")}, ids
        assert store.retired == 1
        assert store.get_annotation("a2", "annotate", "v") is None
        assert store.count_story_terms() == 0  # the story stages start again without it
        # reading b again changes nothing
        store.write_batch([_stored("a1", "b", "line 1", "one")], [], [("b", b, 1)], run=3)
        assert {x.id for x in store.articles()} == {"a1", "a3"} and store.retired == 1


def test_store_from_before_sources_is_backfilled(tmp_path: Path) -> None:
    from storyline.store.db import Store

    a = tmp_path / "a.jsonl"
    a.write_text("x\n")
    with Store(tmp_path / "s.duckdb") as store:
        store.write_batch([_stored("a1", "a", "line 1", "one")], [], [("a", a, 1)], run=1)
        store.con.execute("DELETE FROM sources")  # as an older version left it
    with Store(tmp_path / "s.duckdb") as store:
        store.write_batch([_stored("a2", "a", "line 1", "one, corrected")], [], [("a", a, 1)],
                          run=2)
        assert [x.id for x in store.articles()] == ["a2"]


@pytest.mark.slow
def test_rerun_on_an_edited_file_exports_one_version(tmp_path: Path) -> None:
    import os

    from storyline.pipeline import Options, run

    src = tmp_path / "in"
    src.mkdir()
    first, second = jsonl_line(1), jsonl_line(2)
    first["text"] += "\n\nAbout 3,400 families were moved from the flooded valley, officials said."
    (src / "a.jsonl").write_text(json.dumps(first) + "\n", encoding="utf-8")
    (src / "b.jsonl").write_text(json.dumps(second) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    run([str(src)], out, options=Options(progress=False))
    assert "3400" in (out / "figures.jsonl").read_text().replace(".0", "")

    edited = dict(first, text=first["text"].replace("3,400", "5,100"))
    (src / "a.jsonl").write_text(json.dumps(edited) + "\n", encoding="utf-8")
    st = (src / "a.jsonl").stat()
    os.utime(src / "a.jsonl", ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))
    summary = run([str(src)], out, options=Options(progress=False))
    assert summary.files_reused == 1 and summary.articles_replaced == 1
    arts = [json.loads(x) for x in (out / "articles.jsonl").read_text().splitlines()]
    assert sorted(a["input_id"] for a in arts) == ["wire-1", "wire-2"]
    assert summary.articles_total == 2
    figures = (out / "figures.jsonl").read_text()
    assert "5100" in figures.replace(".0", "") and "3400" not in figures.replace(".0", "")
    events = [json.loads(x) for x in (out / "events.jsonl").read_text().splitlines()]
    ids = {a["id"] for a in arts}
    assert events and all(m["article"] in ids for e in events for m in e["mentions"])
    for e in events:  # no mention quotes the old figure
        assert all("3,400" not in m["quote"] for m in e["mentions"])


# -- F16: headings a browser never shows -------------------------------------------------------

_PAGE_BODY = "".join(
    f"<p>{s}</p>" for s in (
        "Engineers in the hill district said on Monday that a landslide had closed the "
        "pass road for a third day.",
        "About 900 travellers spent the night in a school hall, the district office said.",
        "Crews with two excavators were clearing mud from the upper bends, officials said.",
        "The transport minister promised a temporary bridge within a fortnight.",
        "Traders in the valley town said fuel and flour were running short.",
        "Forecasters warned that more rain was expected before the weekend.",
    ))


@pytest.mark.parametrize("inert", [
    "<template><h1>Draft headline kept for later</h1></template>",
    "<svg viewBox='0 0 8 8'><title>Share this icon</title><text>chart label</text></svg>",
    "<template><template><h1>Nested draft</h1></template><h2>Other draft</h2></template>",
])
def test_inert_headings_never_become_the_title(inert: str) -> None:
    from storyline.clean.html import extract_html

    page = (f"<!doctype html><html><head></head><body>{inert}<article>"
            f"<h1>Landslide shuts mountain pass road</h1>{_PAGE_BODY}</article></body></html>")
    ex = extract_html(page)
    assert ex.title == "Landslide shuts mountain pass road"
    assert "draft" not in ex.body.lower() and "icon" not in ex.body.lower()
    assert "landslide had closed" in ex.body


def test_drop_inert_keeps_what_is_not_inert() -> None:
    from storyline.clean.markup import drop_inert

    assert drop_inert("<p>a</p><svg/><p>b</p>") == "<p>a</p><p>b</p>"
    # tags inside comments and scripts are not tags; an element left open keeps its text
    kept = "<!-- <svg> --><script>var s = '<template>';</script><p>c</p>"
    assert drop_inert(kept) == kept
    assert drop_inert("<p>d</p><template><p>cut short") == "<p>d</p><template><p>cut short"


@given(st.text(alphabet=st.characters(blacklist_characters="<>"), max_size=40),
       st.text(max_size=40), st.text(alphabet=st.characters(blacklist_characters="<>"),
                                     max_size=40),
       st.sampled_from(["template", "svg", "TEMPLATE", "Svg"]))
def test_drop_inert_removes_exactly_the_element(before: str, inside: str, after: str,
                                                tag: str) -> None:
    from storyline.clean.markup import drop_inert

    inside = inside.replace("<", " ").replace(">", " ")
    page = f"{before}<{tag} class='x'>{inside}</{tag}>{after}"
    assert drop_inert(page) == before + after
    assert drop_inert(before + after) == before + after


# -- F17: invisible characters, escape payloads, outlet spellings ------------------------------

def _cleaned(text: str, **given: str) -> object:
    from storyline.ingest.guard import Noted, clean_document
    from storyline.model import RawDocument

    got = clean_document(RawDocument(path="z.jsonl", kind="text", content=text,
                                     given_text=True, **given))
    return got.item if isinstance(got, Noted) else got


def test_zero_width_characters_and_soft_hyphens_leave_words_titles_and_outlets() -> None:
    from storyline.model import Article, article_id

    text = ("Engineers in the hill dis\u00adtrict said on Mon\u200bday that a land\u2060slide "
            "had closed the pass road.\ufeff About 900 travellers were stranded.")
    a = _cleaned(text, given_title="Landslide shuts pass\u200b road",
                 given_outlet="Valley\u200b Her\u200dald")
    assert isinstance(a, Article)
    assert "district" in a.text and "Monday" in a.text and "landslide" in a.text
    assert not any(c in a.text for c in "\u00ad\u200b\u2060\ufeff")
    assert a.id == article_id(a.text)  # the id is that of the text stored
    assert a.title == "Landslide shuts pass road" and a.outlet == "Valley Herald"


def test_joiners_inside_other_scripts_are_kept() -> None:
    from storyline.ingest.validate import drop_invisible

    persian = "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"
    assert drop_invisible(persian) == persian
    assert drop_invisible("Her\u200dald") == "Herald"


@pytest.mark.parametrize("raw, clean", [
    ("\x1b]0;owned\x07Valley Herald", "Valley Herald"),
    ("\x1b[31mValley\x1b[0m Herald", "Valley Herald"),
    ("Valley\x1bP payload\x1b\\ Herald", "Valley Herald"),
    ("Valley \x1b]unended Herald", "Valley unended Herald"),
])
def test_escape_sequences_leave_fields_with_their_payload(raw: str, clean: str) -> None:
    from storyline.ingest.validate import clean_text_field

    assert clean_text_field(raw, "outlet", 200) == (clean, None)


def test_outlet_spellings_are_folded() -> None:
    from storyline.clean.metadata import canonical_outlet, outlet_key
    from storyline.report.build import _outlets

    assert canonical_outlet("\uff36alley Herald") == "Valley Herald"  # fullwidth V
    assert outlet_key("VALLEY  Herald") == outlet_key("valley herald")
    got = _outlets([{"outlet": "Valley Herald"}, {"outlet": "VALLEY HERALD"},
                    {"outlet": "Valley Herald"}, {"outlet": "Coast Times"}, {"outlet": None}])
    assert got == {"Valley Herald": 3, "Coast Times": 1}


@given(st.text(max_size=60))
def test_field_cleaning_leaves_no_control_or_format_character(value: str) -> None:
    import unicodedata

    from storyline.ingest.validate import strip_controls

    out = strip_controls(value)
    assert strip_controls(out) == out
    assert not any(unicodedata.category(c) in ("Cc",) for c in out)
    assert not any(unicodedata.category(c) == "Cf" and c not in "\u200c\u200d" for c in out)


# -- F19: JSON Lines with CR-only line ends -----------------------------------------------------

def test_json_lines_with_cr_line_ends_are_read_as_lines(tmp_path: Path) -> None:
    from storyline.ingest.readers import read_jsonl
    from storyline.model import RawDocument

    items = [dict(jsonl_line(n), id=f"cr-{n}") for n in (1, 2, 3)]
    path = tmp_path / "cr.jsonl"
    path.write_bytes(b"\r".join(json.dumps(i).encode() for i in items) + b"\r\r")
    got = list(read_jsonl(str(path), path))
    assert [g.input_id for g in got if isinstance(g, RawDocument)] == ["cr-1", "cr-2", "cr-3"]
    assert [g.position for g in got] == ["line 1", "line 2", "line 3"]


@given(st.lists(st.sampled_from([b"{}", b'{"a": 1}', b"", b" "]), max_size=12),
       st.sampled_from([b"\n", b"\r\n", b"\r"]), st.integers(min_value=1, max_value=9))
def test_line_ends_of_any_kind_give_the_same_lines(lines: list[bytes], end: bytes,
                                                   block: int) -> None:
    import io

    from storyline.ingest import readers

    data = end.join(lines)
    expected = [(n, x) for n, x in enumerate(lines, 1) if x.strip()]
    old = readers._BLOCK
    readers._BLOCK = block  # line ends split across blocks
    try:
        got = [(n, x.rstrip(b"\r")) for n, x in readers._lines(io.BytesIO(data), 10**6)]
    finally:
        readers._BLOCK = old
    assert got == expected


# -- F20: Atom ids and HTML-typed titles --------------------------------------------------------

_BODY_HTML = "".join(f"&lt;p&gt;{s}&lt;/p&gt;" for s in (
    "Engineers in the hill district said on Monday that a landslide had closed the pass road.",
    "About 900 travellers spent the night in a school hall, the district office said.",
    "Crews with two excavators were clearing mud from the upper bends, officials said.",
    "The transport minister promised a temporary bridge within a fortnight."))


def test_atom_id_is_no_link_and_html_titles_become_text(tmp_path: Path) -> None:
    from storyline.ingest.readers import read_feed
    from storyline.model import RawDocument

    feed = tmp_path / "f.atom"
    feed.write_text(
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        "<title>Valley Herald</title>"
        '<entry><id>urn:valley:1</id><title type="html">Landslide shuts '
        "&lt;b&gt;pass&lt;/b&gt; road &amp;amp; rail</title>"
        f'<content type="html">{_BODY_HTML}</content></entry>'
        '<entry><id>urn:valley:2</id><link href="https://news.example.org/valley/2"/>'
        f'<title>Second item</title><content type="html">{_BODY_HTML}</content></entry>'
        "</feed>", encoding="utf-8")
    docs = [d for d in read_feed(str(feed), feed) if isinstance(d, RawDocument)]
    assert len(docs) == 2
    first, second = docs
    assert first.url is None and not any("link" in n for n in first.notes), first.notes
    assert first.given_title == "Landslide shuts pass road & rail"
    assert first.input_id == "urn:valley:1"
    assert second.url == "https://news.example.org/valley/2" and second.given_title == "Second item"


# -- F21: small inconsistencies ----------------------------------------------------------------

def test_undated_events_have_null_dates_in_events_jsonl() -> None:
    from storyline.exporters import _event_line
    from storyline.model import DateRange, MergedEvent
    dated = MergedEvent.from_json({"id": "e1", "type": "ASSAULT", "story": "s",
                                   "date": {"start": "2024-05-01", "end": "2024-05-01",
                                            "precision": "day", "text": None}})
    undated = MergedEvent.from_json({"id": "e2", "type": "ASSAULT", "story": "s"})
    undated.date = DateRange(start="", end="", precision="day", text=None)
    assert _event_line(dated)["date"]["start"] == "2024-05-01"
    line = _event_line(undated)
    assert line["date"]["start"] is None and line["date"]["end"] is None
    assert dated.date.start == "2024-05-01" and undated.date.start == ""  # not changed


def test_times_on_a_binary_file_warns(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import random

    from storyline.annotate.times import times_command

    path = tmp_path / "blob.txt"
    rng = random.Random(3)
    path.write_bytes(bytes(rng.randrange(256) for _ in range(3000)))
    assert times_command(str(path), "2024-05-01") == 0
    got = capsys.readouterr()
    assert got.out == "" and "blob.txt" in got.err and "binary" in got.err


@pytest.mark.parametrize("content, words", [
    ("[annotate]\nchunk_chars = 0\n", ["annotate.chunk_chars", "from 1000"]),
    ("[annotate]\nchunk_chars = 1\n", ["annotate.chunk_chars"]),
    ("[annotate]\nchunk_chars = 2500.5\n", ["annotate.chunk_chars", "whole number"]),
    ("[stories]\nthreshold = 7\n", ["stories.threshold", "0.0 to 1.0"]),
    ("[merge]\nmax_related = -2\n", ["merge.max_related", "negative"]),
    ("[run]\nmax_workers = 0\n", ["run.max_workers"]),
])
def test_nonsense_config_values_are_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                            content: str, words: list[str]) -> None:
    cfg = tmp_path / "c.toml"
    cfg.write_text(content, encoding="utf-8")
    out = tmp_path / "out"
    assert main(["run", str(one_item_input(tmp_path)), "--out", str(out), "--quiet",
                 "--config", str(cfg)]) == 2
    one_line_error(capsys, "c.toml", *words)
    assert not out.exists()


def test_sensible_config_values_pass(tmp_path: Path) -> None:
    from storyline.config import check_config

    cfg = tmp_path / "c.toml"
    cfg.write_text("[annotate]\nchunk_chars = 5000\n[stories]\nthreshold = 0.2\n"
                   "[timeline.date_weights]\nref_before = -1.0\n", encoding="utf-8")
    assert check_config(cfg) == []


def test_every_config_limit_names_a_setting_and_holds_its_default() -> None:
    import tomllib
    from importlib.resources import files

    limits = tomllib.loads(files("storyline").joinpath("data/config_limits.toml").read_text())
    raw = files("storyline").joinpath("data/config.toml").read_text()
    defaults = tomllib.loads(raw)
    def check(table: dict[str, object], default: dict[str, object], where: str) -> None:
        for key, value in table.items():
            if isinstance(value, dict):  # [timeline.date_weights]
                check(value, default.get(key, {}), where + key + ".")  # type: ignore[arg-type]
                continue
            lo, hi = value  # type: ignore[misc]
            if key not in default:  # an optional setting, documented commented out
                assert f"\n# {key} = " in raw, where + key
                continue
            assert lo <= default[key] <= hi, where + key  # type: ignore[operator]

    check(limits, defaults, "")


def test_skip_reasons_are_summarised_without_cutting_words() -> None:
    from storyline.pipeline import _category

    assert _category("article body (text) is not a string") == \
        "article body (text) is not a string"
    assert _category("too short to be a news article (12 words)") == \
        "too short to be a news article"
    assert _category("binary file, not text") == "binary file, not text"
    assert _category("malformed JSON line: Expecting value") == "malformed JSON line"
    assert _category("internal error while cleaning (KeyError: 'x')") == \
        "internal error while cleaning"
    assert _category("bad web archive record (at byte 9): cut short; next kept") == \
        "bad web archive record"


def test_trailing_gzip_garbage_is_a_warning_not_a_skip(tmp_path: Path) -> None:
    import gzip

    from storyline.pipeline import Options, run

    src = tmp_path / "in"
    src.mkdir()
    data = gzip.compress((json.dumps(jsonl_line(1)) + "\n").encode()) + b"not gzip at all"
    (src / "a.jsonl.gz").write_bytes(data)
    said: list[str] = []
    summary = run([str(src)], tmp_path / "out", options=Options(progress=False),
                  log=said.append)
    garbage = [m for m in said if "trailing garbage" in m]
    assert len(garbage) == 1 and "skipped" not in garbage[0], said
    assert summary.flagged["partly read"] == 1 and not summary.skipped
    assert summary.articles_total == 1
