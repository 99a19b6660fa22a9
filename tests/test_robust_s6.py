"""Issue 15, what the second attack run left open: a WARC record with a wrong length
(F8), articles buried in deep nesting (F9), timestamps that are no real time (F13),
content that disagrees with its file name and hidden files (F14). Every input is
written here (news-style fiction)."""

from __future__ import annotations

import contextlib
import datetime as dt
import email.utils
import gzip
import io
import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from storyline.clean.markup import bound_nesting, flatten_nesting, too_deep
from storyline.clean.timestamps import parse_timestamp
from storyline.ingest.guard import Noted, clean_document
from storyline.ingest.readers import read_documents
from storyline.ingest.validate import clean_date
from storyline.model import RawDocument, Rejected
from storyline.pipeline import Options, run
from tests.news import article, jsonl_line

# -- F8: a record whose Content-Length is wrong loses only itself -------------------------


def _page(n: int) -> bytes:
    paras = "\n".join(f"<p>{p}</p>" for p in article(n).split("\n\n"))
    return (f"<html><head><title>Crossing talks, round {n}</title></head>\n<body><article>\n"
            f"{paras}\n</article></body></html>\n").encode()


def _record(n: int) -> bytes:
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=False)
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                               protocol="HTTP/1.0")
    writer.write_record(writer.create_warc_record(
        f"https://example.org/news/{n}", "response", payload=io.BytesIO(_page(n)),
        http_headers=headers))
    return buf.getvalue()


def _length(fn: Callable[[int], bytes]) -> Callable[[bytes, bytes], bytes]:
    def change(rec: bytes, _next: bytes) -> bytes:
        m = re.search(rb"Content-Length: (\d+)\r\n", rec)
        assert m is not None
        return rec[:m.start(1)] + fn(int(m[1])) + rec[m.end(1):]
    return change


# name: (how record 1 is damaged, whether record 1 itself is still read)
DAMAGE: dict[str, tuple[Callable[[bytes, bytes], bytes], bool]] = {
    "too long": (_length(lambda n: str(n + 300).encode()), False),
    "too short": (_length(lambda n: str(n - 300).encode()), True),
    "past the end of the file": (_length(lambda n: b"900000000"), False),
    "not a number": (_length(lambda n: b"12x4"), False),
    # exactly one record too long: its end falls on a record boundary, so warcio sees
    # nothing wrong, and the record it swallowed would be lost without a word
    "one record too long": (
        lambda rec, nxt: _length(lambda n: str(n + len(nxt)).encode())(rec, nxt), False),
    "garbage instead of a record": (lambda rec, nxt: bytes(range(256)) * 3, False),
    "garbage inside the page": (lambda rec, nxt: rec.replace(
        b"</article>", b"\xfe\xff stray bytes \x7f" * 30 + b"</article>"), True),
}


@pytest.mark.parametrize("compressed", [False, True], ids=["warc", "warc.gz"])
@pytest.mark.parametrize("case", list(DAMAGE))
def test_a_bad_warc_record_is_one_warning_and_later_records_are_kept(
        case: str, compressed: bool, tmp_path: Path) -> None:
    damage, itself_kept = DAMAGE[case]
    records = [_record(i) for i in range(5)]
    records[1] = damage(records[1], records[2])
    members = [gzip.compress(r) for r in records] if compressed else records
    path = tmp_path / ("crawl.warc.gz" if compressed else "crawl.warc")
    path.write_bytes(b"".join(members))
    items = list(read_documents([str(path)]))
    urls = [d.url for d in items if isinstance(d, RawDocument)]
    expected = [f"https://example.org/news/{i}" for i in range(5) if i != 1 or itself_kept]
    assert urls == expected
    rejected = [r for r in items if isinstance(r, Rejected)]
    offset = len(members[0])  # record 1 starts where record 0 ends
    assert len(rejected) == 1, rejected
    assert rejected[0].path == f"{path}@{offset}"
    assert rejected[0].reason.startswith(f"bad web archive record (at byte {offset}): ")


def test_a_bad_warc_record_in_a_run_is_one_counted_warning(tmp_path: Path) -> None:
    records = [_record(i) for i in range(4)]
    records[2] = DAMAGE["too long"][0](records[2], records[3])
    src = tmp_path / "in"
    src.mkdir()
    (src / "crawl.warc").write_bytes(b"".join(records))
    lines: list[str] = []
    summary = run([str(src)], tmp_path / "out", options=Options(progress=False),
                  log=lines.append)
    offset = len(records[0]) + len(records[1])
    assert len(lines) == 1 and f"crawl.warc@{offset}" in lines[0], lines
    assert summary.skipped["bad web archive record"] == 1
    assert summary.articles_new == 3


def test_a_warc_cut_inside_its_last_record_still_says_truncated(tmp_path: Path) -> None:
    records = b"".join(_record(i) for i in range(3))
    (tmp_path / "cut.warc").write_bytes(records[:-200])
    items = list(read_documents([str(tmp_path / "cut.warc")]))
    assert len([d for d in items if isinstance(d, RawDocument)]) == 2
    assert [r.reason for r in items if isinstance(r, Rejected)] == [
        "truncated web archive: record 3 is cut short"]


# -- F9: an article inside markup nested thousands deep is read, with one warning ---------


NEST = {
    "tables": ("<table><tr><td>", "</td></tr></table>"),
    "divs": ("<div class='wrap'>", "</div>"),
    "spans": ("<span>", "</span>"),
    "unclosed fonts": ("<font size=2>", ""),
    "mixed": ("<div><table><tbody><tr><td><span><b>", "</b></span></td></tr></tbody></table></div>"),
}


def _deep_page(kind: str, depth: int) -> str:
    opening, closing = NEST[kind]
    paras = "".join(f"<p>{p}</p>" for p in article(7).split("\n\n"))
    return (f"<html><head><title>Crossing talks resume</title></head><body>{opening * depth}"
            f"<h1>Crossing talks resume</h1>{paras}{closing * depth}</body></html>")


@pytest.mark.parametrize("kind", list(NEST))
def test_an_article_nested_thousands_deep_is_read_with_a_warning(kind: str) -> None:
    page = _deep_page(kind, 3000)
    assert too_deep(page)
    result = clean_document(RawDocument(path="deep.html", kind="html", content=page))
    assert isinstance(result, Noted), result
    text = result.item.text  # type: ignore[union-attr]
    for para in article(7).split("\n\n"):
        assert para in text
    assert [n for n in result.notes if "nested" in n and "degraded" in n]


def test_a_page_of_ordinary_depth_is_left_as_it_is() -> None:
    page = _deep_page("divs", 40)
    assert bound_nesting(page) == (page, None)
    result = clean_document(RawDocument(path="flat.html", kind="html", content=page))
    assert not isinstance(result, (Noted, Rejected))


def test_a_deep_page_in_a_run_is_one_warning_and_one_article(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "deep.html").write_text(_deep_page("tables", 3000), encoding="utf-8")
    lines: list[str] = []
    summary = run([str(src)], tmp_path / "out", options=Options(progress=False),
                  log=lines.append)
    assert summary.articles_new == 1
    assert len(lines) == 1 and "deep.html" in lines[0] and "nested" in lines[0], lines


_TAGS = st.sampled_from(["div", "span", "table", "td", "tr", "p", "li", "b", "section", "font"])
_WORDS = st.text(alphabet="abcdefghij ", min_size=0, max_size=8)


@st.composite
def _nested_markup(draw: st.DrawFn) -> str:
    """Markup nested a random number of levels, its end tags there or not."""
    parts: list[str] = []
    stack: list[str] = []
    for _ in range(draw(st.integers(0, 600))):
        action = draw(st.integers(0, 9))
        if action < 6:
            tag = draw(_TAGS)
            parts.append(f"<{tag}>")
            stack.append(tag)
        elif action < 8 and stack:
            parts.append(f"</{stack.pop()}>")
        else:
            parts.append(draw(_WORDS))
    return "<html><body>" + "".join(parts) + "</body></html>"


def _text(html: str) -> str:
    return "".join(re.sub(r"<[^>]*>", " ", html).split())


@settings(max_examples=60, deadline=None)
@given(_nested_markup())
def test_flattening_keeps_every_text_and_bounds_the_depth(html: str) -> None:
    flat, _ = flatten_nesting(html)
    assert _text(flat) == _text(html)
    assert not too_deep(flat)
    out, note = bound_nesting(html)
    assert (note is None) == (out == html)
    assert not too_deep(out)


# -- F13: a timestamp that is no real date or time is absent, with one warning ------------

INVALID_DATES: list[object] = [
    "2020-13-45", "2020-02-30", "2021-04-31T25:61:00", "2021-04-30T25:61:00", "99999-01-01",
    "-0001-01-01", "2020-06-01T10:00:00+99:00", "Mon, 01 Jun 2020 25:00:00 GMT",
    "Tue, 01 Jun 2020 10:00:00 GMT", "yesterday", "3 hours ago", "2020-06-01garbage",
    "June 1, 20202", "2020-06-01T99", "31/31/2020", "04/05/2020", "2020", "2020-06",
    15910056000000000, -86400, float("nan"), True, ["2020-06-01"],
]
VALID_DATES: list[tuple[object, str]] = [
    ("2020-06-01", "2020-06-01"), ("2020-06-01T10:00:00Z", "2020-06-01"),
    ("2020-06-01T10:00:00.123456+05:30", "2020-06-01"), ("2020-06-01 10:00", "2020-06-01"),
    ("2020-06-01T10:00:00-0400", "2020-06-01"), ("20200601T103000Z", "2020-06-01"),
    ("20200601103000", "2020-06-01"), ("2020/06/01", "2020-06-01"),
    ("Mon, 01 Jun 2020 10:00:00 GMT", "2020-06-01"), ("Mon, 01 Jun 2020 10:00:00 +0200", "2020-06-01"),
    ("June 1, 2020", "2020-06-01"), ("1 June 2020", "2020-06-01"),
    ("June 1, 2020, 10:30 a.m. EDT", "2020-06-01"), ("13/06/2020", "2020-06-13"),
    ("2016-12-31T23:59:60Z", "2016-12-31"), (1591005600, "2020-06-01"),
    (1591005600000, "2020-06-01"), (1591005600.25, "2020-06-01"), ("1591005600", "2020-06-01"),
]


@pytest.mark.parametrize("value", INVALID_DATES, ids=repr)
def test_a_timestamp_that_is_no_real_date_is_absent_with_a_warning(
        value: object, tmp_path: Path) -> None:
    d, note = clean_date(value, "published")
    assert d is None and note is not None and "published" in note
    if isinstance(value, str):
        assert value in note
    path = tmp_path / "wire.jsonl"
    path.write_text(json.dumps({**jsonl_line(1), "published": value}) + "\n", encoding="utf-8")
    items = list(read_documents([str(path)]))
    assert len(items) == 1 and isinstance(items[0], RawDocument)
    assert items[0].given_published is None
    assert [n for n in items[0].notes if "published" in n] == [note]


@pytest.mark.parametrize(("value", "day"), VALID_DATES, ids=repr)
def test_a_real_date_in_a_common_form_is_kept(value: object, day: str) -> None:
    assert clean_date(value) == (day, None)


_OFFSETS = st.integers(-12 * 60, 14 * 60).map(lambda m: dt.timezone(dt.timedelta(minutes=m)))
_MOMENTS = st.datetimes(min_value=dt.datetime(1900, 1, 2), max_value=dt.datetime(2100, 12, 30),
                        timezones=_OFFSETS)


@settings(max_examples=200, deadline=None)
@given(_MOMENTS, st.sampled_from(["iso", "iso-space", "rfc2822", "written", "basic", "week",
                                  "week-basic", "ordinal"]))
def test_any_real_moment_written_in_a_common_form_gives_its_day(
        moment: dt.datetime, form: str) -> None:
    text = {
        "iso": moment.isoformat(),
        "iso-space": moment.isoformat(sep=" ", timespec="minutes"),
        "rfc2822": email.utils.format_datetime(moment),
        "written": moment.strftime("%B %d, %Y %I:%M %p"),
        "basic": moment.strftime("%Y%m%dT%H%M%S"),
        "week": moment.strftime("%G-W%V-%u"),
        "week-basic": moment.strftime("%GW%V%u"),
        "ordinal": moment.strftime("%Y-%j %H:%M"),
    }[form]
    assert parse_timestamp(text) == (moment.date(), None)
    assert clean_date(text) == (moment.date().isoformat(), None)


@settings(max_examples=200, deadline=None)
@given(st.integers(1900, 2100), st.integers(0, 99), st.integers(0, 99), st.integers(0, 99),
       st.integers(0, 99))
def test_a_day_or_time_off_the_calendar_is_refused(year: int, month: int, day: int,
                                                   hour: int, minute: int) -> None:
    text = f"{year:04d}-{month:02d}-{day:02d}T{hour:02d}:{minute:02d}:00Z"
    try:
        real = dt.datetime(year, month, day, hour, minute).date()
    except ValueError:
        real = None
        if hour == 24 and minute == 0:
            # ISO 8601: 24:00 ends a day, the first moment of the next (documented in
            # clean/timestamps.py)
            with contextlib.suppress(ValueError, OverflowError):
                real = dt.date(year, month, day) + dt.timedelta(days=1)
    d, reason = parse_timestamp(text)
    assert d == real
    assert (reason is None) == (real is not None)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=60),
                 st.from_regex(r"\A[0-9]{1,5}[-/. ][0-9]{1,2}[-/. ][0-9]{1,4}([T ][0-9:+-]{0,12})?\Z")))
def test_the_date_parser_never_raises_and_gives_only_real_days(text: str) -> None:
    d, reason = parse_timestamp(text)
    assert d is None or isinstance(d, dt.date)
    if d is not None:
        assert reason is None
    value, note = clean_date(text)
    assert value is None or (clean_date(value) == (value, None))
    assert (value is None) or note is None


def test_a_feed_item_with_an_impossible_date_is_kept_with_a_warning(tmp_path: Path) -> None:
    paras = "".join(f"<p>{p}</p>" for p in article(3).split("\n\n"))
    items = "".join(
        f"<item><title>Crossing update {i}</title><link>https://example.org/f/{i}</link>"
        f"<pubDate>{when}</pubDate><description><![CDATA[{paras}]]></description></item>"
        for i, when in enumerate(["Mon, 01 Jun 2020 10:00:00 GMT", "Mon, 01 Jun 2020 26:10:00 GMT"]))
    (tmp_path / "wire.rss").write_text(
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>{items}'
        "</channel></rss>", encoding="utf-8")
    docs = [d for d in read_documents([str(tmp_path / "wire.rss")]) if isinstance(d, RawDocument)]
    assert [d.given_published for d in docs] == ["2020-06-01", None]
    assert not docs[0].notes
    assert len(docs[1].notes) == 1 and "26:10" in docs[1].notes[0]


def test_a_page_date_mark_that_is_no_date_is_left_out_with_a_warning() -> None:
    paras = "".join(f"<p>{p}</p>" for p in article(4).split("\n\n"))
    page = ('<html><head><title>Crossing talks</title>'
            '<meta property="article:published_time" content="2021-02-30T08:00:00Z"></head>'
            f"<body><article><h1>Crossing talks</h1>{paras}</article></body></html>")
    result = clean_document(RawDocument(path="page.html", kind="html", content=page))
    assert isinstance(result, Noted)
    assert result.item.published.date != "2021-02-30"  # type: ignore[union-attr]
    said = [n for n in result.notes if "article:published_time" in n]
    assert len(said) == 1 and "2021-02-30" in said[0]


def test_code_records_with_an_impossible_date_are_warned_about() -> None:
    from storyline.api import read_records

    said: list[str] = []
    lines = [json.dumps({"id": "a", "text": "Talks resumed.", "date": "2020-06-01T10:00:00Z"}),
             json.dumps({"id": "b", "text": "Talks resumed.", "date": "2020-02-30"}),
             json.dumps({"id": "c", "text": "Talks resumed."})]
    records = list(read_records(lines, warn=said.append))
    assert [r.date for r in records] == ["2020-06-01", None, None]
    assert len(said) == 1 and "line 2" in said[0] and "2020-02-30" in said[0]


def test_a_two_digit_year_is_read_only_where_it_is_written_so() -> None:
    assert parse_timestamp("Mon, 01 Jun 20 10:00:00 GMT") == (dt.date(2020, 6, 1), None)
    assert parse_timestamp("Mon, 01 Jan 0001 00:00:00 GMT")[0] == dt.date(1, 1, 1)
    assert clean_date("Mon, 01 Jan 0001 00:00:00 GMT")[0] is None  # outside the range


# -- F14: content decides over the extension, with one warning; hidden entries said -----

def _contents() -> dict[str, str]:
    paras = "".join(f"<p>{p}</p>" for p in article(8).split("\n\n"))
    items = "".join(
        f"<item><title>Crossing update {i}</title><link>https://example.org/c/{i}</link>"
        f"<description><![CDATA[{paras}<p>Item {i}.</p>]]></description></item>"
        for i in range(2))
    return {
        "html": ("<!DOCTYPE html><html><head><title>Crossing talks</title></head><body>"
                 f"<article><h1>Crossing talks</h1>{paras}</article></body></html>"),
        "jsonl": "".join(json.dumps(jsonl_line(i)) + "\n" for i in (1, 2)),
        "feed": (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>'
                 f"{items}</channel></rss>"),
        "text": "Crossing talks resume\n\n" + article(9),
    }


EXTENSIONS = {"html": ".html", "jsonl": ".jsonl", "feed": ".xml", "text": ".txt"}
DOCUMENTS = {"html": 1, "jsonl": 2, "feed": 2, "text": 1}


@pytest.mark.parametrize("ext", [".txt", ".html", ".jsonl", ".xml", ".rss", ".warc"])
@pytest.mark.parametrize("content", list(EXTENSIONS))
def test_a_file_is_read_by_what_its_bytes_are(content: str, ext: str, tmp_path: Path) -> None:
    path = tmp_path / f"input{ext}"
    path.write_text(_contents()[content], encoding="utf-8")
    items = list(read_documents([str(path)]))
    docs = [d for d in items if isinstance(d, RawDocument)]
    assert len(docs) == DOCUMENTS[content] and not [r for r in items if isinstance(r, Rejected)]
    notes = [n for d in docs for n in d.notes]
    agrees = EXTENSIONS[content] == ext or (content == "feed" and ext == ".rss")
    if agrees:
        assert notes == []
    else:
        assert len(notes) == 1 and f"the {ext} file holds" in notes[0], notes


def test_a_disagreeing_file_that_gives_no_article_says_it_once(tmp_path: Path) -> None:
    path = tmp_path / "page.jsonl"
    path.write_text("<html><body><p>Short.</p></body></html>", encoding="utf-8")
    items = list(read_documents([str(path)]))
    said = [n for d in items if isinstance(d, RawDocument) for n in d.notes]
    said += [r.reason for r in items if isinstance(r, Rejected)]
    assert len([s for s in said if "the .jsonl file holds an HTML page" in s]) == 1


def test_a_broken_first_line_keeps_a_jsonl_file_json_lines(tmp_path: Path) -> None:
    path = tmp_path / "wire.jsonl"
    path.write_text("not json at all\n" + json.dumps(jsonl_line(1)) + "\n", encoding="utf-8")
    items = list(read_documents([str(path)]))
    assert [d.input_id for d in items if isinstance(d, RawDocument)] == ["wire-1"]
    assert not [n for d in items if isinstance(d, RawDocument) for n in d.notes]


def test_hidden_files_and_folders_are_skipped_and_said_once(tmp_path: Path) -> None:
    src = tmp_path / "in"
    (src / ".git" / "objects").mkdir(parents=True)
    (src / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    (src / ".git" / "objects" / "ab").write_bytes(b"x\x00\x01\x02")
    (src / "desk" / ".drafts").mkdir(parents=True)
    (src / "desk" / ".drafts" / "old.txt").write_text(article(11), encoding="utf-8")
    (src / ".notes.txt").write_text(article(12), encoding="utf-8")
    (src / "desk" / "story.txt").write_text("Crossing talks resume\n\n" + article(13),
                                            encoding="utf-8")
    lines: list[str] = []
    summary = run([str(src)], tmp_path / "out", options=Options(progress=False),
                  log=lines.append)
    assert summary.articles_new == 1 and summary.files == 1
    assert lines == [f"warning: skipped 1 hidden file and 2 hidden folders in {src} "
                     '(names starting with "."; not read)']
    assert summary.skipped["hidden files"] == 3


def test_a_blank_jsonl_file_is_still_said_to_be_blank(tmp_path: Path) -> None:
    path = tmp_path / "blank.jsonl"
    path.write_bytes(b"\n" * 20_000)
    items = list(read_documents([str(path)]))
    assert [r.reason for r in items if isinstance(r, Rejected)] == [
        "no JSON lines in file (only blank lines)"]


@pytest.mark.parametrize("compressed", [False, True], ids=["warc", "warc.gz"])
def test_garbage_after_the_last_warc_record_is_one_warning(compressed: bool,
                                                            tmp_path: Path) -> None:
    records = [_record(i) for i in range(2)]
    tail = b"stray bytes after the archive\r\nmore of them\r\n" * 4
    if compressed:
        data = gzip.compress(records[0]) + gzip.compress(records[1] + tail)
    else:
        data = records[0] + records[1] + tail
    path = tmp_path / ("tail.warc.gz" if compressed else "tail.warc")
    path.write_bytes(data)
    items = list(read_documents([str(path)]))
    assert len([d for d in items if isinstance(d, RawDocument)]) == 2
    rejected = [r for r in items if isinstance(r, Rejected)]
    assert len(rejected) == 1 and "no record follows" in rejected[0].reason, rejected
    # named by where the stray bytes begin (in a .warc.gz, inside the last member: warcio
    # names a byte of the compressed file near it)
    if not compressed:
        assert f"at byte {len(data) - len(tail)}," in rejected[0].reason
    assert "at byte " in rejected[0].reason
