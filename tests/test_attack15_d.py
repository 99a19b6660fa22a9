"""Findings 8 and 9 of the twelfth black-box attack (issue 15): JSON errors said whole, RSS
links, WARC answers that are no success, lines of an output that are no event, an empty
--db file. Every input here is invented for the test."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

import storyline
from storyline.ingest.readers import read_file
from storyline.model import RawDocument, Rejected

STORY = ("Border guards fired on a fishing boat near the island of Tavro on Sunday, "
         "wounding two crew members, the coast guard said. The foreign ministry summoned "
         "the ambassador on Monday and demanded an inquiry into the shooting. ")


def _read(path: Path) -> list[Any]:
    return list(read_file(path.name, path))


# -- 8: a JSON parse error is said whole, with where it is ------------------------------

def test_a_malformed_json_line_says_the_whole_reason_and_its_column(tmp_path: Path) -> None:
    src = tmp_path / "wire.jsonl"
    good = json.dumps({"id": "w1", "text": STORY * 2})
    cut = '{"id": "w2", "text": "Police in Ardo arrested three men on Friday'
    src.write_text(good + "\n" + cut + "\n", encoding="utf-8")
    rejected = [x for x in _read(src) if isinstance(x, Rejected)]
    assert [x.path for x in rejected] == ["wire.jsonl:2"]
    reason = rejected[0].reason
    column = cut.index('"Police') + 1
    assert reason == f"malformed JSON line: Unterminated string starting at column {column}"


def test_a_malformed_json_document_says_the_line_and_column(tmp_path: Path) -> None:
    src = tmp_path / "items.json"
    second = '  {"text": "Rebels shelled Orvan'
    src.write_text('{"items": [\n' + second + '\n"}]}', encoding="utf-8")
    [item] = _read(src)
    assert isinstance(item, Rejected)
    # (the line break inside the string, just past the line's text)
    assert item.reason == ("malformed JSON: Invalid control character at line 2, column "
                           f"{len(second) + 1}")


def test_read_events_says_the_whole_reason_of_a_damaged_line(tmp_path: Path) -> None:
    line = '{"id": "e1", "type": "ATTACK'
    (tmp_path / "events.jsonl").write_text(line + "\n", encoding="utf-8")
    with pytest.raises(ValueError) as caught:
        storyline.read_events(tmp_path)
    column = line.index('"ATTACK') + 1
    assert (f"line 1: not a JSON line (Unterminated string starting at column {column}); "
            "the file is damaged") in str(caught.value)


# -- 9a: RSS links ----------------------------------------------------------------------

def _rss(items: list[str]) -> str:
    body = "".join(f"<item><title>t{i}</title>{x}<description>{STORY * 2}</description>"
                   "</item>" for i, x in enumerate(items))
    return ('<?xml version="1.0"?><rss version="2.0"><channel><title>Coast Daily</title>'
            f"<link>https://coast.example/news/</link>{body}</channel></rss>")


def test_rss_links_relative_resolved_against_the_channel_and_the_first_of_two(
        tmp_path: Path) -> None:
    src = tmp_path / "coast.rss"
    src.write_text(_rss(["<link>/world/tavro-shooting</link>",
                         "<link>sea/boat-2</link>",
                         "<link>https://coast.example/a</link><link>https://coast.example/b</link>",
                         "<link>https://other.example/c</link>"]), encoding="utf-8")
    docs = _read(src)
    assert all(isinstance(d, RawDocument) for d in docs), docs
    assert [d.url for d in docs] == ["https://coast.example/world/tavro-shooting",
                                     "https://coast.example/news/sea/boat-2",
                                     "https://coast.example/a", "https://other.example/c"]
    assert not any(d.notes for d in docs), [d.notes for d in docs]


def test_an_rss_guid_that_is_no_url_is_not_made_one(tmp_path: Path) -> None:
    src = tmp_path / "ids.rss"
    src.write_text(_rss(["<guid>4711</guid>"]), encoding="utf-8")
    [doc] = _read(src)
    assert isinstance(doc, RawDocument) and doc.url is None


# -- 9b: WARC answers that are no success ------------------------------------------------

def _warc(answers: list[str]) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=False)
    for i, status in enumerate(answers):
        page = (f"<html><head><title>Report {i}</title></head><body><article><p>{STORY * 3}"
                "</p></article></body></html>") if status[0] in "24" else ""
        headers = StatusAndHeaders(status, [("Content-Type", "text/html; charset=utf-8")],
                                   protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            f"https://coast.example/r{i}", "response", payload=io.BytesIO(page.encode()),
            http_headers=headers))
    return buf.getvalue()


ANSWERS = ["200 OK", "404 Not Found", "304 Not Modified", "404 Not Found", "301 Moved"]


def test_warc_responses_that_are_no_success_are_one_counted_note(tmp_path: Path) -> None:
    src = tmp_path / "crawl.warc"
    src.write_bytes(_warc(ANSWERS))
    items = _read(src)
    notes = [x for x in items if type(x).__name__ == "FileNote"]  # (a note about the file)
    assert len([x for x in items if isinstance(x, RawDocument)]) == 1
    assert len(notes) == 1, items
    assert notes[0].count == 4
    assert notes[0].message == ("4 responses left out: not a success (2xx) answer "
                                "(HTTP 404: 2, 301: 1, 304: 1)")


@pytest.fixture(scope="module")
def crawl_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, list[str], Path]:
    from storyline.pipeline import Options, run

    tmp = tmp_path_factory.mktemp("crawl")
    (tmp / "crawl.warc").write_bytes(_warc(ANSWERS))
    lines: list[str] = []
    summary = run([str(tmp / "crawl.warc")], tmp / "out", options=Options(progress=False),
                  log=lines.append)
    return summary, lines, tmp / "out"


def test_the_run_summary_counts_the_warc_responses_left_out(
        crawl_run: tuple[Any, list[str], Path]) -> None:
    summary, lines, _ = crawl_run
    assert summary.articles_new == 1
    assert summary.flagged["WARC responses not 2xx"] == 4
    assert not summary.skipped, summary.skipped
    said = [x for x in lines if "left out" in x]
    assert len(said) == 1, lines  # one line for the archive, none for each record
    assert said[0].startswith("warning: ") and said[0].endswith(
        "crawl.warc: 4 responses left out: not a success (2xx) answer "
        "(HTTP 404: 2, 301: 1, 304: 1)"), said


# -- 9c: read_events refuses lines that are no event -------------------------------------

@pytest.fixture()
def out_copy(crawl_run: tuple[Any, list[str], Path], tmp_path: Path) -> Path:
    out = tmp_path / "out"
    shutil.copytree(crawl_run[2], out)
    return out


def test_read_events_reads_what_a_run_wrote(out_copy: Path) -> None:
    events = storyline.read_events(out_copy)
    assert events and all(isinstance(e, dict) and "type" in e for e in events)
    assert storyline.read_articles(out_copy)


def test_read_events_refuses_a_line_that_is_an_array(out_copy: Path) -> None:
    path = out_copy / "events.jsonl"
    path.write_text(path.read_text("utf-8") + "[1, 2]\n", encoding="utf-8")
    n = len(path.read_text("utf-8").splitlines())
    with pytest.raises(ValueError, match=rf"events\.jsonl, line {n}: an array in JSON, not an "
                                         r"object of events\.jsonl"):
        storyline.read_events(out_copy)


def test_read_events_refuses_an_object_without_the_required_fields(out_copy: Path) -> None:
    from storyline.schemas import schema

    path = out_copy / "events.jsonl"
    first = json.loads(path.read_text("utf-8").splitlines()[0])
    del first["quad"]
    path.write_text(json.dumps({"id": "x"}) + "\n" + json.dumps(first) + "\n", encoding="utf-8")
    lacking = len(schema("events")["required"]) - 1
    with pytest.raises(ValueError, match=rf"line 1: not an object of events\.jsonl: it lacks "
                                         rf"{lacking} required fields"):
        storyline.read_events(out_copy)
    path.write_text(json.dumps(first) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"line 1: .* lacks 1 required field \(quad\)"):
        storyline.read_events(out_copy)


def test_read_articles_refuses_an_object_that_is_no_article(out_copy: Path) -> None:
    (out_copy / "articles.jsonl").write_text('{"text": "x"}\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"articles\.jsonl, line 1: not an object of "
                                         r"articles\.jsonl"):
        storyline.read_articles(out_copy)


def test_read_events_on_an_events_folder_is_a_clear_value_error(out_copy: Path) -> None:
    (out_copy / "events.jsonl").unlink()
    (out_copy / "events.jsonl").mkdir()
    with pytest.raises(ValueError, match=r"events\.jsonl is a folder, not an output file"):
        storyline.read_events(out_copy)


# -- 9d: --db on an empty file -----------------------------------------------------------

def test_an_empty_db_file_is_refused_with_advice_and_left_as_it_is(tmp_path: Path) -> None:
    from storyline.store.db import Store, StoreError

    db = tmp_path / "touched.duckdb"
    db.touch()
    with pytest.raises(StoreError) as caught:
        Store(db)
    message = str(caught.value)
    assert "empty file (0 bytes)" in message and "left as it is" in message
    assert "another --db" in message and "\n" not in message
    assert db.is_file() and db.stat().st_size == 0
    assert not Path(f"{db}.wal").exists()
