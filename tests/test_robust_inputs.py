"""Hostile inputs at the reader boundary: each becomes a typed, bounded value or a warning.

Every input here is written by the test (news-style fiction from tests/news.py).
"""

from __future__ import annotations

import gzip
import io
import json
import os
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from storyline.clean.dates import parse_iso_or_text
from storyline.clean.metadata import outlet_from_text, outlet_from_url, strip_site_name
from storyline.ingest.guard import FileWarnings, clean_document
from storyline.ingest.readers import decode_with_note, iter_input_files, read_documents
from storyline.ingest.validate import clean_date, clean_url, json_depth_ok, printable
from storyline.model import Article, RawDocument, Rejected
from storyline.story.merge import make_report
from tests.news import BODY, article, jsonl_line


def _docs(path: Path) -> tuple[list[RawDocument], list[Rejected]]:
    items = list(read_documents([str(path)]))
    return ([x for x in items if isinstance(x, RawDocument)],
            [x for x in items if isinstance(x, Rejected)])


def _jsonl(path: Path, objs: list[object]) -> Path:
    path.write_text("\n".join(json.dumps(o) for o in objs) + "\n", encoding="utf-8")
    return path


# -- URLs -------------------------------------------------------------------------------

@pytest.mark.parametrize("url", ["http://[oops/", "https://exa mple.org/", "javascript:alert(1)",
                                 "http://host:99999999/", "//no-scheme", "http://"])
def test_malformed_urls_are_dropped_with_a_note(url: str) -> None:
    value, note = clean_url(url)
    assert value is None and note and "url dropped" in note
    # the helpers that read hosts never raise on them
    assert strip_site_name("Talks resume in Nairobi today | Reuters", None, url)
    assert outlet_from_url(url) is None


def test_malformed_url_in_a_jsonl_item_keeps_the_article(tmp_path: Path) -> None:
    line = {**jsonl_line(1), "url": "http://[oops/"}
    docs, rejected = _docs(_jsonl(tmp_path / "a.jsonl", [line]))
    assert not rejected and len(docs) == 1
    assert docs[0].url is None and any("malformed URL" in n for n in docs[0].notes)
    art = clean_document(docs[0])
    assert not isinstance(art, Rejected)


def test_malformed_canonical_link_in_a_page_keeps_the_article() -> None:
    html = ('<html><head><title>Border crossing to reopen after talks | Nairobi Dispatch</title>'
            '<link rel="canonical" href="http://[oops/"></head><body><article>'
            + "".join(f"<p>{p}</p>" for p in BODY.split("\n\n")) + "</article></body></html>")
    result = clean_document(RawDocument(path="page.html", kind="html", content=html))
    item = getattr(result, "item", result)
    assert isinstance(item, Article)
    assert item.url is None


# -- JSON -------------------------------------------------------------------------------

def test_deeply_nested_line_is_one_warning_and_the_rest_kept(tmp_path: Path) -> None:
    deep = '{"text": "x", "extra": ' + "[" * 5000 + "]" * 5000 + "}"
    p = tmp_path / "deep.jsonl"
    p.write_text(json.dumps(jsonl_line(1)) + "\n" + deep + "\n" + json.dumps(jsonl_line(2)) + "\n")
    docs, rejected = _docs(p)
    assert len(docs) == 2
    assert len(rejected) == 1 and "nested" in rejected[0].reason and rejected[0].path.endswith(":2")
    assert json_depth_ok('{"a": "[[[[[[' + "[" * 100 + '"}')  # brackets inside a string


def test_wrong_typed_fields_are_dropped_or_converted_when_clear(tmp_path: Path) -> None:
    lines = [
        {**jsonl_line(1), "outlet": ["Reuters", "AP"], "url": 123, "id": 77},
        {**jsonl_line(2), "outlet": None, "source": {"id": "ap", "name": "Associated Press"},
         "title": {"x": 1}},
        {**jsonl_line(3), "published": 1742860800},  # Unix seconds: 2025-03-25
        {**jsonl_line(4), "text": ["a", "list"]},
        {**jsonl_line(5), "published": True, "id": 1.5},
    ]
    docs, rejected = _docs(_jsonl(tmp_path / "typed.jsonl", lines))
    by_line = {d.position: d for d in docs}
    first = by_line["line 1"]
    assert first.given_outlet is None and first.url is None and first.input_id == "77"
    assert any("outlet dropped" in n for n in first.notes)
    assert any("url dropped" in n for n in first.notes)
    second = by_line["line 2"]
    assert second.given_outlet == "Associated Press" and second.given_title is None
    assert by_line["line 3"].given_published == "2025-03-25"
    assert len(rejected) == 1 and "not a string" in rejected[0].reason
    fifth = by_line["line 5"]
    assert fifth.given_published is None and fifth.input_id is None and len(fifth.notes) == 2


@pytest.mark.parametrize("value", ["0001-01-01", "9999-12-31", "0000-00-00", "1899-12-31"])
def test_calendar_edge_dates_are_absent_with_a_warning(value: str, tmp_path: Path) -> None:
    assert parse_iso_or_text(value) is None
    d, note = clean_date(value)
    assert d is None and note and value in note
    docs, _ = _docs(_jsonl(tmp_path / "edge.jsonl", [{**jsonl_line(1), "published": value}]))
    art = clean_document(docs[0])
    item = getattr(art, "item", art)
    assert isinstance(item, Article) and item.published.date is None
    assert any(value in w for w in item.warnings)


def test_merge_survives_calendar_edges() -> None:
    from storyline.model import DateRange, Event, Mention

    event = Event(id="e", type="AGREE", quad=1, modality="asserted", source=None, target=None,
                  date=DateRange(start="9999-12-31", end="9999-12-31", precision="day", text=None),
                  location=None, mentions=[Mention(article="a", quote="q", start=0, end=1)])
    report = make_report(event, "a", "0001-01-01")
    assert report.start is None and report.end is None


def test_binary_and_blank_jsonl_files_are_one_warning_each(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "noise.jsonl").write_bytes(bytes(range(256)) * 80 + b"\n" * 70)
    (tmp_path / "in" / "blank.jsonl").write_bytes(b"\n" * 300_000)
    (tmp_path / "in" / "blank.jsonl.gz").write_bytes(gzip.compress(b"\n \n" * 100_000))
    docs, rejected = _docs(tmp_path / "in")
    assert not docs
    names = sorted(Path(r.path).name for r in rejected)
    assert names == ["blank.jsonl", "blank.jsonl.gz", "noise.jsonl"]


def test_over_long_line_is_skipped_and_the_next_kept(tmp_path: Path) -> None:
    from storyline.ingest import readers

    p = tmp_path / "long.jsonl"
    p.write_bytes(b'{"text": "' + b"x" * 3_000_000 + b'"}\n' + json.dumps(jsonl_line(1)).encode()
                  + b"\n")
    old = readers.MAX_DOCUMENT_BYTES
    readers.MAX_DOCUMENT_BYTES = 1_000_000
    try:
        docs, rejected = _docs(p)
    finally:
        readers.MAX_DOCUMENT_BYTES = old
    assert len(docs) == 1 and docs[0].position == "line 2"
    assert len(rejected) == 1 and rejected[0].path.endswith(":1")


# -- encodings --------------------------------------------------------------------------

@pytest.mark.parametrize("word", ["São Paulo", "naïve", "Ångström", "Genève", "Zürich"])
def test_latin1_is_read_right_and_said(word: str) -> None:
    data = f"Talks in {word} resumed on Monday, officials said after the meeting.".encode("latin-1")
    text, note = decode_with_note(data)
    assert text is not None and word in text
    assert note and "CP1252" in note


def test_stray_byte_in_utf8_is_replaced_not_reread() -> None:
    text, note = decode_with_note(b"Ministers met in Nai\xffrobi on Tuesday to sign the deal.")
    assert text == "Ministers met in Nai\ufffdrobi on Tuesday to sign the deal."
    assert note and "UTF-8" in note


@pytest.mark.parametrize("enc", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be", "utf-8"])
def test_byte_order_marks_are_honoured(enc: str, tmp_path: Path) -> None:
    body = "Talks in São Paulo resume\n\n" + article(1)
    (tmp_path / "bom.txt").write_bytes("\ufeff".encode(enc) + body.encode(enc))
    docs, rejected = _docs(tmp_path / "bom.txt")
    assert not rejected and len(docs) == 1
    assert docs[0].content == body


@pytest.mark.parametrize("bom", ["\ufeff", ""])
def test_utf16_jsonl_is_read(bom: str, tmp_path: Path) -> None:
    text = json.dumps(jsonl_line(1), ensure_ascii=False) + "\n"
    (tmp_path / "u16.jsonl").write_bytes((bom + text + text.replace("wire-1", "wire-2"))
                                         .encode("utf-16-le"))
    docs, rejected = _docs(tmp_path / "u16.jsonl")
    assert not rejected and [d.input_id for d in docs] == ["wire-1", "wire-2"]


@pytest.mark.parametrize(("text", "enc"), [
    ("Переговоры между двумя правительствами возобновились во вторник в Москве.", "cp1251"),
    ("两国政府周二同意重新开放共同边境口岸，经过三周的谈判，双方签署了协议。", "gb18030"),
    ("양국 정부는 화요일 국경 검문소를 다시 열기로 합의했다고 밝혔다.", "euc_kr"),
])
def test_other_scripts_decoded_on_evidence(text: str, enc: str) -> None:
    decoded, note = decode_with_note(text.encode(enc))
    assert decoded == text and note and "detected" in note


ZH = ("两国政府周二同意重新开放共同边境口岸。经过三周的谈判，双方外长在阿鲁沙签署了协议。"
      "运送食品和燃料的卡车将从下周一起获准通行。自三月初口岸关闭以来，已有四千多辆卡车滞留在"
      "边境两侧。商人对这一决定表示欢迎，但警告说，如果海关官员在重新开放前没有收到新的指示，"
      "延误可能会继续。")
JA = ("両国政府は火曜日、共同の国境検問所を再開することで合意した。三週間にわたる協議の末、"
      "両国の外相がアルーシャで協定に署名した。食料や燃料を運ぶトラックは来週月曜日から通行が"
      "認められる。三月初めに検問所が閉鎖されて以来、四千台以上のトラックが国境の両側で立ち往生"
      "している。")


@pytest.mark.parametrize(("text", "lang"), [(ZH, "zh"), (JA, "ja")])
@pytest.mark.parametrize("kind", ["text", "html"])
def test_cjk_articles_are_stored_and_flagged(text: str, lang: str, kind: str) -> None:
    content = text if kind == "text" else f"<html><body><article><p>{text}</p></article></body></html>"
    result = clean_document(RawDocument(path=f"x.{kind}", kind=kind, content=content))  # type: ignore[arg-type]
    item = getattr(result, "item", result)
    assert isinstance(item, Article), getattr(item, "reason", "")
    assert item.language == lang and item.warnings


# -- WARC -------------------------------------------------------------------------------

def _warc(path: Path, records: list[tuple[str, str, str]]) -> None:
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    for rtype, ctype, payload in records:
        if rtype == "response":
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.0")
            rec = writer.create_warc_record("https://example.org/a", "response",
                                            payload=io.BytesIO(payload.encode()),
                                            http_headers=headers)
        else:
            rec = writer.create_warc_record("https://example.org/r", rtype,
                                            payload=io.BytesIO(payload.encode()),
                                            warc_content_type=ctype)
        writer.write_record(rec)
    path.write_bytes(buf.getvalue())


def test_warc_without_html_is_warned_and_resource_pages_read(tmp_path: Path) -> None:
    _warc(tmp_path / "images.warc.gz", [("response", "image/png", "PNG..."),
                                        ("response", "application/json", "{}")])
    page = "<html><body><article>" + "".join(f"<p>{p}</p>" for p in BODY.split("\n\n"))
    _warc(tmp_path / "resource.warc.gz", [("resource", "text/html", page + "</article></body></html>")])
    docs, rejected = _docs(tmp_path)
    assert [Path(r.path).name for r in rejected] == ["images.warc.gz"]
    assert "no HTML" in rejected[0].reason
    assert len(docs) == 1 and docs[0].path.endswith("resource.warc.gz")


# -- metadata determinism ---------------------------------------------------------------

def test_outlet_tie_is_the_first_cited() -> None:
    body = ("The minister told the Lakeside Times that talks would resume. A spokesman later "
            "told the Harbour Post the same.")
    for _ in range(3):
        assert outlet_from_text([], body, [])[0] == "the Lakeside Times"
    swapped = ("The minister told the Harbour Post that talks would resume. A spokesman later "
               "told the Lakeside Times the same.")
    assert outlet_from_text([], swapped, [])[0] == "the Harbour Post"


# -- files and folders ------------------------------------------------------------------

def test_file_names_cannot_forge_warning_lines() -> None:
    name = "evil\nwarning: skipped everything\x1b[2J\u202e.txt"
    shown = printable(f"warning: skipped {name}: empty file")
    assert "\n" not in shown and "\x1b" not in shown and "\u202e" not in shown
    assert "\\n" in shown and "\\x1b" in shown


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs a non-root POSIX user")
def test_locked_folder_is_warned(tmp_path: Path) -> None:
    top = tmp_path / "in"
    locked = top / "locked"
    locked.mkdir(parents=True)
    (locked / "a.txt").write_text(article(1))
    (top / "b.txt").write_text(article(2))
    locked.chmod(0)
    try:
        listed = [d for d, _ in iter_input_files([str(top)])]
        docs, rejected = _docs(top)
    finally:
        locked.chmod(0o755)
    assert any(d.endswith("locked") for d in listed)
    assert [Path(r.path).name for r in rejected] == ["locked"]
    assert "unreadable folder" in rejected[0].reason
    assert len(docs) == 1


def test_warnings_past_the_cap_are_one_line() -> None:
    lines: list[str] = []
    w = FileWarnings(lines.append, limit=5)
    for i in range(1000):
        w.say(f"warning: skipped f.jsonl:{i}: malformed")
    assert w.end_file("f.jsonl") is None
    assert len(lines) == 6 and "995 more warnings" in lines[-1]
    w.say("warning: next file")
    assert len(lines) == 7  # the count restarts with each file


@pytest.mark.parametrize(("enc", "label"), [("cp1251", "windows-1251"), ("koi8_r", "koi8-r"),
                                            ("cp1252", "iso-8859-1")])
def test_a_page_declaring_its_charset_is_decoded_with_it(enc: str, label: str,
                                                         tmp_path: Path) -> None:
    words = "Переговоры возобновились в Москве" if enc != "cp1252" else "“Talks” in São Paulo"
    page = (f'<html><head><meta http-equiv="Content-Type" content="text/html; charset={label}">'
            f"</head><body><p>{words}</p></body></html>")
    (tmp_path / "p.html").write_bytes(page.encode(enc))
    docs, _ = _docs(tmp_path / "p.html")
    assert words in docs[0].content
    assert any("declared by the page" in n for n in docs[0].notes)


@pytest.mark.parametrize("block", [1, 2, 3, 7, 1 << 20])
def test_block_line_reader_keeps_numbers_and_bounds(block: int,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from storyline.ingest import readers

    monkeypatch.setattr(readers, "_BLOCK", block)
    data = b"a\n\n  \nbb\n" + b"x" * 20 + b"\n\n\n\nc"
    got = [(n, "long" if x is readers.TOO_LONG else x)
           for n, x in readers._lines(io.BytesIO(data), 10)]
    assert got == [(1, b"a"), (4, b"bb"), (5, "long"), (9, b"c")]


@pytest.mark.parametrize("enc", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_read_not_called_binary(enc: str, tmp_path: Path) -> None:
    body = "Talks in São Paulo resume\n\n" + article(1)
    (tmp_path / "nobom.txt").write_bytes(body.encode(enc))
    docs, rejected = _docs(tmp_path / "nobom.txt")
    assert not rejected and docs[0].content == body
    assert any("no byte order mark" in n for n in docs[0].notes)


def test_second_attack_values() -> None:
    # email.utils reads the year 0001 as 2001: not a silent 2001-01-01
    assert clean_date("Mon, 01 Jan 0001 00:00:00 GMT")[0] is None
    assert clean_date("Tue, 25 Mar 2025 10:00:00 GMT")[0] == "2025-03-25"
    assert clean_date("   ") == (None, None)
    assert clean_url("http://%zz/")[0] is None
    assert clean_url("https://bücher.de/a")[0] == "https://bücher.de/a"
    from storyline.ingest.validate import clean_text_field

    assert clean_text_field("\u202eevil\u202c\nname", "outlet", 200)[0] == "evil name"
