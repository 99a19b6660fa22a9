"""Reader findings of the third attack run (issue 15): files of a folder that were not
read without a word (JSON documents, archives), MIME messages stored as raw text, UTF-8
with many broken sequences read as CP1252, UTF-16 decoded without a warning."""

from __future__ import annotations

import bz2
import codecs
import io
import json
import lzma
import tarfile
import zipfile
from collections import Counter
from email.message import EmailMessage
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import storyline
from storyline.ingest.readers import (
    decode_with_note,
    detect_kind,
    detect_kind_noted,
    iter_input_files,
    mostly_utf8,
    read_file,
    read_json,
    read_mime,
    unread_summary,
    utf8_evidence,
)
from storyline.model import RawDocument, Rejected
from storyline.pipeline import Options, run

BODY = ("Rescue crews in the hill district of Varnholt reopened the mountain pass on "
        "Thursday after a landslide had buried two lorries, the district office said.\n\n"
        "About 120 travellers had spent the night in a school hall, and the regional "
        "council sent buses to take them home on Friday morning, officials said.")


def _items(path: Path, display: str | None = None) -> list[RawDocument | Rejected]:
    return list(read_file(display or path.name, path))


def _docs(items: list[RawDocument | Rejected]) -> list[RawDocument]:
    return [i for i in items if isinstance(i, RawDocument)]


def _rejects(items: list[RawDocument | Rejected]) -> list[Rejected]:
    return [i for i in items if isinstance(i, Rejected)]


# --- F2: JSON documents are read; archives and other files are named and counted ---

def test_a_json_array_of_items_is_read_like_json_lines(tmp_path: Path) -> None:
    path = tmp_path / "wire.json"
    path.write_text(json.dumps([
        {"id": "w1", "title": "Pass reopened", "text": BODY, "published": "2024-03-07",
         "url": "https://news.example.org/pass"},
        {"id": "w2", "text": BODY.replace("Thursday", "Monday"), "url": "http://[broken/"},
        "a string, not an item",
        {"id": "w4", "title": "No body here"},
    ], indent=2), encoding="utf-8")
    assert detect_kind(path, path.read_bytes()[:8192]) == "json"
    items = _items(path)
    docs = _docs(items)
    assert [d.input_id for d in docs] == ["w1", "w2"]
    assert docs[0].given_title == "Pass reopened" and docs[0].given_published == "2024-03-07"
    assert docs[0].given_text and docs[0].position == "item 1"
    assert docs[1].url is None and any("url dropped" in n for n in docs[1].notes)
    reasons = [r.reason for r in _rejects(items)]
    assert len(reasons) == 2
    assert "not an object" in reasons[0] and "no article body" in reasons[1]


def test_a_json_feed_is_read_as_items(tmp_path: Path) -> None:
    path = tmp_path / "feed.json"
    path.write_text(json.dumps({
        "version": "https://jsonfeed.org/version/1.1", "title": "Valley Courier",
        "items": [
            {"id": "f1", "url": "https://valley.example.org/a", "title": "Pass reopened",
             "content_html": "<p>" + BODY.replace("\n\n", "</p><p>") + "</p>",
             "date_published": "2024-03-07T09:30:00+01:00"},
            {"id": "f2", "content_text": BODY, "date_modified": "2024-03-08T10:00:00Z"},
            {"id": "f3", "summary": "A short teaser."},
            {"id": "f4", "content_text": BODY, "date_published": "9999-12-31T00:00:00Z"},
        ]}), encoding="utf-8")
    items = _items(path)
    docs = _docs(items)
    assert [d.input_id for d in docs] == ["f1", "f2", "f4"]
    assert [d.kind for d in docs] == ["html", "text", "text"]
    assert {d.given_outlet for d in docs} == {"Valley Courier"}
    assert [d.given_published for d in docs] == ["2024-03-07", "2024-03-08", None]
    assert docs[0].url == "https://valley.example.org/a"
    assert any("outside" in n for n in docs[2].notes)  # a calendar edge is no date
    (teaser,) = _rejects(items)
    assert teaser.path == "feed.json#3" and "no full content" in teaser.reason


def test_a_json_feed_on_one_line_and_in_a_jsonl_file_is_still_a_feed(tmp_path: Path) -> None:
    feed = {"version": "https://jsonfeed.org/version/1", "items": [
        {"id": "x", "content_text": BODY}]}
    one = tmp_path / "one.json"
    one.write_text(json.dumps(feed), encoding="utf-8")
    assert [d.input_id for d in _docs(_items(one))] == ["x"]
    named = tmp_path / "feed.jsonl"
    named.write_text(json.dumps(feed), encoding="utf-8")
    kind, note = detect_kind_noted(named, named.read_bytes())
    assert kind == "json" and note is not None and "JSON document" in note
    (doc,) = _items(named)
    assert isinstance(doc, RawDocument) and doc.notes[0] == note


def test_json_lines_in_a_json_file_are_read_as_lines(tmp_path: Path) -> None:
    path = tmp_path / "dump.json"
    path.write_text("\n".join(json.dumps({"id": str(i), "text": BODY}) for i in range(3)) + "\n",
                    encoding="utf-8")
    assert detect_kind(path, path.read_bytes()) == "jsonl"
    docs = _docs(_items(path))
    assert [d.input_id for d in docs] == ["0", "1", "2"] and "JSON Lines" in docs[0].notes[0]
    # one article object alone on one line is a JSON document as well: no note
    single = tmp_path / "single.json"
    single.write_text(json.dumps({"id": "s", "text": BODY}), encoding="utf-8")
    (doc,) = _items(single)
    assert isinstance(doc, RawDocument) and doc.input_id == "s" and not doc.notes


def test_a_json_file_without_articles_is_one_warning(tmp_path: Path) -> None:
    cases = {
        "package.json": json.dumps({"name": "site-tools", "version": "1.0.0"}),
        "numbers.json": "[1, 2, 3]",
        "broken.json": '[{"id": "a", "text": "cut',
        "deep.json": "[" * 5000 + "]" * 5000,
        "empty.json": "[]",
    }
    for name, text in cases.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        items = _items(tmp_path / name)
        assert len(items) == 1 and isinstance(items[0], Rejected), name
    assert "no articles in JSON" in _items(tmp_path / "package.json")[0].reason
    assert "nested" in _items(tmp_path / "deep.json")[0].reason  # the depth limit
    assert "malformed JSON" in _items(tmp_path / "broken.json")[0].reason


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4)
    | st.dictionaries(st.sampled_from(["id", "text", "title", "url", "published", "outlet",
                                       "items", "content_html", "version", "x"]), inner,
                      max_size=5),
    max_leaves=25)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=_JSON)
def test_any_json_document_gives_items_or_warnings_never_an_error(tmp_path: Path,
                                                                    value: object) -> None:
    path = tmp_path / "any.json"
    path.write_text(json.dumps(value), encoding="utf-8")
    for item in read_json("any.json", path):
        assert isinstance(item, (RawDocument, Rejected))
        if isinstance(item, RawDocument):
            assert isinstance(item.content, str) and item.content.strip()
            assert item.url is None or item.url.startswith("http")


def _zip(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("inner.jsonl", json.dumps({"text": BODY}) + "\n")


def _tar(path: Path) -> None:
    data = (json.dumps({"text": BODY}) + "\n").encode()
    with tarfile.open(path, "w:gz" if path.name.endswith("gz") else "w") as t:
        info = tarfile.TarInfo("inner.jsonl")
        info.size = len(data)
        t.addfile(info, io.BytesIO(data))


def test_archives_and_other_compressors_are_named_never_opened(tmp_path: Path) -> None:
    line = (json.dumps({"text": BODY}) + "\n").encode()
    _zip(tmp_path / "batch.zip")
    _zip(tmp_path / "batch-zip.jsonl")  # a ZIP under a news extension: its bytes decide
    _tar(tmp_path / "batch.tar")
    _tar(tmp_path / "batch.tgz")
    (tmp_path / "batch.jsonl.bz2").write_bytes(bz2.compress(line))
    (tmp_path / "batch.jsonl.xz").write_bytes(lzma.compress(line))
    reasons = {}
    for path in sorted(tmp_path.iterdir()):
        (item,) = _items(path)
        assert isinstance(item, Rejected), path.name
        reasons[path.name] = item.reason
    for name in ("batch.zip", "batch-zip.jsonl"):
        assert reasons[name].startswith("archive not opened (ZIP)")
    for name in ("batch.tar", "batch.tgz"):
        assert reasons[name].startswith("archive not opened (tar)")
    assert reasons["batch.jsonl.bz2"].startswith("compressed file not read (bzip2)")
    assert reasons["batch.jsonl.xz"].startswith("compressed file not read (xz)")
    # text under a compressor's name is read as what its bytes are
    notes = tmp_path / "notes.xz"
    notes.write_text("A note written by hand, no compression at all.\n", encoding="utf-8")
    (doc,) = _items(notes)
    assert isinstance(doc, RawDocument) and doc.kind == "text"


def test_a_folder_walk_counts_the_files_it_does_not_read(tmp_path: Path) -> None:
    for name in ("README.md", "logo.png", "NOTES.md", "items.json", "a.zip", "b.txt"):
        (tmp_path / name).write_text("x")
    counts: Counter[tuple[str, str]] = Counter()
    names = [Path(d).name for d, _ in iter_input_files([str(tmp_path)], counts)]
    assert names == ["a.zip", "b.txt", "items.json"]  # .json and archives are inputs now
    # the run's own outputs (a store beside them) are neither yielded nor counted
    own: Counter[tuple[str, str]] = Counter()
    kept = [Path(d).name for d, _ in iter_input_files(
        [str(tmp_path)], own, exclude=lambda p: p.suffix in (".png", ".zip"))]
    assert kept == ["b.txt", "items.json"] and own[str(tmp_path), "not news .png"] == 0
    ((given, count, message),) = unread_summary(counts)
    assert given == str(tmp_path) and count == 3
    assert message == (f"skipped 3 files in {tmp_path} that are not news inputs "
                       "(2 .md, 1 .png): not read")


# --- F3: an extensionless file holding JSON Lines (fixed by symmetric sniffing) ---

def test_an_extensionless_file_of_json_lines_is_read_as_items(tmp_path: Path) -> None:
    path = tmp_path / "--out"
    path.write_text(json.dumps({"id": "n1", "title": "Pass reopened", "text": BODY}) + "\n",
                    encoding="utf-8")
    (doc,) = _items(path)
    assert isinstance(doc, RawDocument) and doc.input_id == "n1"
    assert doc.given_title == "Pass reopened" and not doc.content.startswith("{")


# --- F8: MHTML and e-mail are parsed as MIME ---

def _mhtml(path: Path, html: str) -> None:
    msg = EmailMessage()
    msg["From"] = "<Saved by a browser>"
    msg["Snapshot-Content-Location"] = "https://valley.example.org/pass"
    msg["Subject"] = "Pass reopened - Valley Courier"
    msg["Date"] = "Sat, 09 Mar 2024 08:00:00 -0000"
    msg.make_related()
    msg.add_related(html, subtype="html", cte="quoted-printable")
    msg.add_related(b"\x89PNG\r\n\x1a\n" + bytes(range(256)), maintype="image", subtype="png")
    path.write_bytes(bytes(msg))


def test_a_saved_page_mhtml_goes_through_the_html_reader(tmp_path: Path) -> None:
    html = ("<!doctype html><html><head><title>Pass reopened</title></head><body><article>"
            "<h1>Pass reopened</h1><p>" + BODY.replace("\n\n", "</p><p>") + "</p></article>"
            "</body></html>")
    path = tmp_path / "page.mht"
    _mhtml(path, html)
    (doc,) = _items(path)
    assert isinstance(doc, RawDocument) and doc.kind == "html"
    assert doc.content.startswith("<!doctype html>") and "Content-Type" not in doc.content
    assert "=\n" not in doc.content  # quoted-printable decoded
    assert doc.url == "https://valley.example.org/pass"
    # the Date of a saved page is when it was saved: no publication date, as a WARC-Date
    assert doc.given_published is None and doc.given_title is None
    # the same bytes under a .txt name are still MIME (one note), never raw MIME text
    txt = tmp_path / "page.txt"
    txt.write_bytes(path.read_bytes())
    (doc2,) = _items(txt)
    assert isinstance(doc2, RawDocument) and doc2.kind == "html"
    assert "MIME message" in doc2.notes[0]


def test_an_email_gives_its_subject_and_date(tmp_path: Path) -> None:
    msg = EmailMessage()
    msg["From"] = "Desk <desk@example.org>"
    msg["To"] = "wire@example.org"
    msg["Subject"] = "=?utf-8?q?Pass_reopened_in_V=C3=A1rnholt?="
    msg["Date"] = "Thu, 07 Mar 2024 16:45:00 +0100"
    msg.set_content(BODY.replace("Varnholt", "Várnholt"), charset="iso-8859-1", cte="base64")
    path = tmp_path / "mail.eml"
    path.write_bytes(bytes(msg))
    (doc,) = _items(path)
    assert isinstance(doc, RawDocument) and doc.kind == "text"
    assert doc.given_title == "Pass reopened in Várnholt"
    assert doc.given_published == "2024-03-07"
    assert "Várnholt" in doc.content and "Subject:" not in doc.content
    assert any("declared" in n for n in doc.notes)  # not UTF-8: the charset is named


def test_an_email_with_a_bad_date_or_no_text_part_is_warned(tmp_path: Path) -> None:
    path = tmp_path / "bad-date.eml"  # written by hand: the email package drops bad dates
    path.write_bytes(b"From: desk@example.org\r\nSubject: Pass reopened\r\n"
                     b"Date: Thu, 31 Feb 2024 16:45:00 +0100\r\nMIME-Version: 1.0\r\n"
                     b"Content-Type: text/plain; charset=utf-8\r\n\r\n" + BODY.encode())
    (doc,) = _items(path)
    assert isinstance(doc, RawDocument) and doc.given_published is None
    assert any(n.startswith("Date") for n in doc.notes)
    only_image = EmailMessage()
    only_image["From"] = "desk@example.org"
    only_image["Subject"] = "Photo"
    only_image.add_attachment(b"\x89PNG\r\n\x1a\n\x00", maintype="image", subtype="png")
    img = tmp_path / "photo.eml"
    img.write_bytes(bytes(only_image))
    (rej,) = _items(img)
    assert isinstance(rej, Rejected) and "without a text part" in rej.reason


def test_text_with_header_like_lines_is_not_mime(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text("Title: Pass reopened\nDate: 7 March 2024\n\n" + BODY, encoding="utf-8")
    assert detect_kind(path, path.read_bytes()) == "text"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(headers=st.lists(st.tuples(st.sampled_from(["Subject", "Date", "Content-Type",
                                                   "Content-Transfer-Encoding", "MIME-Version",
                                                   "Content-Location", "X-Odd"]),
                                  st.binary(max_size=40)), max_size=6),
       body=st.binary(max_size=300))
def test_any_mime_message_gives_a_document_or_a_warning(tmp_path: Path,
                                                       headers: list[tuple[str, bytes]],
                                                       body: bytes) -> None:
    path = tmp_path / "any.eml"
    path.write_bytes(b"".join(k.encode() + b": " + v.replace(b"\n", b" ") + b"\r\n"
                              for k, v in headers) + b"\r\n" + body)
    items = list(read_mime("any.eml", path))
    assert len(items) == 1 and isinstance(items[0], (RawDocument, Rejected))


# --- F12: UTF-8 with many broken sequences stays UTF-8 ---

def test_utf8_with_many_broken_sequences_stays_utf8() -> None:
    text = "Rescue crews reached Café Town at dawn.\n\nThe Café Town council met."
    data = text.encode() + b"\n\n\xc0\xaf\xed\xa0\x80\xc1\xbf More news followed."
    assert utf8_evidence(data) == (2, 3, 0)
    decoded, note = decode_with_note(data)
    assert decoded is not None and "Café Town council" in decoded and "Ã" not in decoded
    assert note is not None and "kept as UTF-8" in note


def test_legacy_code_pages_are_still_chosen_on_their_evidence() -> None:
    western = "Officials in São Paulo said the naïve plan for Ångström Street failed."
    decoded, note = decode_with_note(western.encode("cp1252"))
    assert decoded == western and note is not None and "CP1252" in note
    assert not mostly_utf8(western.encode("cp1252"))
    cyrillic = "Власти города сообщили во вторник, что дорога снова открыта для машин."
    decoded, note = decode_with_note(cyrillic.encode("cp1251"))
    assert decoded == cyrillic and note is not None and "windows-1251" in note


_LETTERS = st.text(alphabet="abcdefghij éàüñøçÉ", min_size=1, max_size=40)


@settings(max_examples=200, deadline=None)
@given(pieces=st.lists(st.tuples(_LETTERS, st.sampled_from([b"\xc0\xaf", b"\xed\xa0\x80",
                                                             b"\xf4\x90\x80\x80", b"\xc1\x81"])),
                       min_size=1, max_size=8))
def test_broken_sequences_never_turn_the_valid_utf8_into_mojibake(
        pieces: list[tuple[str, bytes]]) -> None:
    text = "".join(p for p, _ in pieces)
    data = b"".join(p.encode() + bad for p, bad in pieces)
    decoded, note = decode_with_note(data)
    assert decoded is not None and decoded.replace("\ufffd", "") == text
    assert note is not None and "UTF-8" in note


# --- F13: UTF-16 is decoded with one warning naming it ---

def test_utf16_without_a_bom_is_decoded_with_a_note(tmp_path: Path) -> None:
    for enc in ("utf-16-le", "utf-16-be"):
        path = tmp_path / f"{enc}.txt"
        path.write_bytes(BODY.encode(enc))
        (doc,) = _items(path)
        assert isinstance(doc, RawDocument) and doc.content == BODY
        assert doc.notes == [f"decoded as {enc.upper()} (no byte order mark)"]


def test_utf16_json_lines_say_their_encoding_once(tmp_path: Path) -> None:
    lines = "".join(json.dumps({"id": str(i), "text": BODY}) + "\n" for i in range(3))
    for enc, bom, note in (("utf-16-le", codecs.BOM_UTF16_LE, "UTF-16-LE (byte order mark)"),
                           ("utf-16-be", b"", "UTF-16-BE (no byte order mark)")):
        path = tmp_path / f"{enc}.jsonl"
        path.write_bytes(bom + lines.encode(enc))
        docs = _docs(_items(path))
        assert [d.input_id for d in docs] == ["0", "1", "2"]
        assert docs[0].notes == [f"decoded as {note}"] and not docs[1].notes and not docs[2].notes


# --- the whole run: every file of a folder is read, or named and counted ---

def test_a_run_reads_json_and_mime_and_counts_what_it_skips(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "items.json").write_text(json.dumps([{"id": "j1", "text": BODY}]), encoding="utf-8")
    msg = EmailMessage()
    msg["From"] = "desk@example.org"
    msg["Subject"] = "Lorries freed from landslide"
    msg["Date"] = "Fri, 08 Mar 2024 07:00:00 +0000"
    msg.set_content(BODY.replace("Varnholt", "Osterby"))
    (folder / "mail.eml").write_bytes(bytes(msg))
    _zip(folder / "batch.zip")
    (folder / "README.md").write_text("What this folder holds.\n", encoding="utf-8")
    said: list[str] = []
    summary = run([str(folder)], tmp_path / "out", options=Options(progress=False),
                  log=said.append)
    assert summary.articles_new == 2
    assert summary.skipped["archive not opened"] == 1
    assert summary.skipped["not news inputs"] == 1
    assert any("batch.zip" in s and "archive not opened" in s for s in said)
    assert any("1 file in" in s and "not a news input (1 .md)" in s for s in said)
    titles = {a["title"] for a in storyline.read_articles(tmp_path / "out")}
    assert "Lorries freed from landslide" in titles
