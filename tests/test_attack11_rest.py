"""What the eighth attack (issue 15) found, the rest: declared character sets that are not
used, ``storyline times`` on a huge text, an article whose title alone was edited,
conflicting values inside one input, 24:00, a store whose schema was half made, and a
reader that warns about a file before its documents."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.news import article


def _page(charset: str, body: str) -> str:
    return (f'<html><head><meta charset="{charset}"><title>Harbour talks</title></head>'
            f"<body><article><h1>Harbour talks</h1><p>{body}</p>"
            + "".join(f"<p>{p}</p>" for p in article(7).split("\n\n"))
            + "</article></body></html>")


@pytest.mark.parametrize(("charset", "body", "said"), [
    # UTF-7 is never decoded (it hides markup): its "+AOk-" stays as written
    ("utf-7", "Envoys met in S+AOk-gou on Monday.", "declared charset UTF-7 ignored: read as UTF-8"),
    ("x-klingon-42", "Envoys met in Ségou on Monday.",
     "declared charset 'x-klingon-42' (unknown) ignored: read as UTF-8"),
    ("iso-8859-1", "Envoys met in Ségou on Monday.",
     "declared charset 'iso-8859-1' does not fit the bytes, which are valid UTF-8: read as UTF-8"),
])
def test_a_declared_charset_that_is_not_used_is_said_once(
        tmp_path: Path, charset: str, body: str, said: str) -> None:
    from storyline.ingest.readers import read_documents
    from storyline.model import RawDocument

    page = tmp_path / "page.html"
    page.write_bytes(_page(charset, body).encode("utf-8"))
    [doc] = list(read_documents([str(page)]))
    assert isinstance(doc, RawDocument)
    assert doc.notes == [said]
    assert body in doc.content  # decoded as before


def test_a_declared_charset_that_is_used_or_fits_says_nothing_more(tmp_path: Path) -> None:
    from storyline.ingest.readers import decode_declared

    plain = _page("iso-8859-1", "Envoys met in Segou on Monday.").encode("ascii")
    assert decode_declared(plain) == (plain.decode(), None)  # ASCII fits any code page
    latin = _page("iso-8859-1", "Envoys met in Ségou on Monday.").encode("cp1252")
    text, note = decode_declared(latin)
    assert text is not None and "Ségou" in text
    assert note == "not UTF-8: decoded as cp1252 (declared by the page)"


def test_times_reads_at_most_what_code_takes_of_one_record(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from storyline.annotate.stage import MAX_CHARS
    from storyline.annotate.times import COMMAND_MAX_CHARS, times_command

    assert COMMAND_MAX_CHARS == MAX_CHARS  # the same bound as `storyline code`
    line = "Talks resumed on May 3, 2024 in Bamako, officials said.\n"
    path = tmp_path / "long.txt"
    path.write_text(line * (3 * MAX_CHARS // len(line)), encoding="utf-8")
    assert times_command(str(path), "2024-05-14") == 0
    out, err = capsys.readouterr()
    lines = out.splitlines()
    assert 0 < len(lines) <= MAX_CHARS // len(line) + 1
    assert max(int(x.split('"end": ')[1].split(",")[0]) for x in lines) <= MAX_CHARS
    assert err.count("warning:") == 1 and "text cut to its first" in err and str(path) in err


@pytest.mark.parametrize(("value", "day"), [
    ("2024-05-14T24:00:00Z", "2024-05-15"), ("2024-05-14 24:00", "2024-05-15"),
    ("20241231T240000Z", "2025-01-01"), ("2024-02-28T24:00:00+01:00", "2024-02-29"),
    ("2024-05-14T23:59:60Z", "2024-05-14"),  # a leap second stays in its day
])
def test_24_00_is_the_start_of_the_next_day(value: str, day: str) -> None:
    from storyline.ingest.validate import clean_date

    assert clean_date(value) == (day, None)


def test_24_00_after_the_last_day_of_the_calendar_is_no_date() -> None:
    from storyline.clean.timestamps import parse_timestamp

    assert parse_timestamp("9999-12-31T24:00:00") == (None, "not a day of the calendar")


def test_a_json_key_given_twice_is_said_once(tmp_path: Path) -> None:
    from storyline.ingest.readers import read_documents
    from storyline.model import RawDocument

    body = article(3).replace("\n", " ")
    path = tmp_path / "dup.jsonl"
    path.write_text(f'{{"text": "{body}", "published": "2024-05-14", "published": '
                    f'"2024-05-16"}}\n{{"text": "{body} More.", "meta": {{"a": 1}}}}\n',
                    encoding="utf-8")
    first, second = read_documents([str(path)])
    assert isinstance(first, RawDocument) and isinstance(second, RawDocument)
    assert first.given_published == "2024-05-16"  # the last value, as JSON parsers keep
    assert first.notes == ["duplicate key 'published' in one object: the last value given "
                           "is used"]
    assert second.notes == []


def test_a_json_document_item_with_a_key_given_twice_is_said_once(tmp_path: Path) -> None:
    import json

    from storyline.ingest.readers import read_documents
    from storyline.model import RawDocument

    body = json.dumps(article(4))
    path = tmp_path / "items.json"
    path.write_text(f'[{{"text": {body}, "title": "One", "title": "Two"}}]', encoding="utf-8")
    [item] = read_documents([str(path)])
    assert isinstance(item, RawDocument) and item.given_title == "Two"
    assert item.notes == ["duplicate key 'title' in one object: the last value given is used"]


def _jsonl(path: Path, rows: list[dict[str, str]]) -> None:
    import json

    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")


def _exported(out: Path, name: str) -> list[dict[str, object]]:
    import json

    return [json.loads(x) for x in (out / name).read_text(encoding="utf-8").splitlines()]


def test_an_edit_of_only_the_title_replaces_the_stored_article(tmp_path: Path) -> None:
    import os

    import storyline
    from tests.news import jsonl_line

    src = tmp_path / "in"
    src.mkdir()
    rows = [jsonl_line(1), jsonl_line(2)]
    _jsonl(src / "a.jsonl", rows)
    storyline.run([src], tmp_path / "out")
    rows[0] = {**rows[0], "title": "Border crossing reopens after talks", "published": "2025-03-26"}
    _jsonl(src / "a.jsonl", rows)
    os.utime(src / "a.jsonl", ns=(1, 1))  # a changed file, whatever the clock says
    summary = storyline.run([src], tmp_path / "out")
    assert summary.articles_new == 0 and summary.articles_replaced == 1
    fresh = storyline.run([src], tmp_path / "fresh")
    assert fresh.articles_total == summary.articles_total == 2
    got = _exported(tmp_path / "out", "articles.jsonl")
    assert sorted((a["title"], a["published"]["date"]) for a in got) == [  # type: ignore[index]
        ("Border crossing reopens after talks", "2025-03-26"),
        ("Border crossing to reopen (2)", "2025-03-25")]
    # what a fresh run on the edited input gives
    for name in ("articles.jsonl", "events.jsonl", "stories.jsonl"):
        assert _exported(tmp_path / "out", name) == _exported(tmp_path / "fresh", name), name


def test_one_article_given_twice_with_two_dates_is_said_once(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    import storyline
    from tests.news import jsonl_line

    src = tmp_path / "in"
    src.mkdir()
    _jsonl(src / "a.jsonl", [{**jsonl_line(5), "published": "2024-03-01"}])
    _jsonl(src / "b.jsonl", [{**jsonl_line(5), "published": "2024-09-30"},
                             {**jsonl_line(6), "published": "2024-09-30"}])
    _jsonl(src / "c.jsonl", [{**jsonl_line(5), "published": "2024-03-01"}])  # agrees
    with caplog.at_level("WARNING", logger="storyline"):
        summary = storyline.run([src], tmp_path / "out")
    said = [r.getMessage() for r in caplog.records if "the same article" in r.getMessage()]
    assert len(said) == 1, said
    assert all(x in said[0] for x in ("a.jsonl (line 1)", "b.jsonl (line 1)", "2024-03-01",
                                      "2024-09-30")), said
    assert summary.flagged["conflicting dates"] == 1
    got = {a["title"]: a["published"]["date"]  # type: ignore[index]
           for a in _exported(tmp_path / "out", "articles.jsonl")}
    assert got == {"Border crossing to reopen (5)": "2024-03-01",
                   "Border crossing to reopen (6)": "2024-09-30"}
    caplog.clear()
    with caplog.at_level("WARNING", logger="storyline"):
        storyline.run([src], tmp_path / "out")  # nothing read again: nothing said again
    assert not [r for r in caplog.records if "the same article" in r.getMessage()]
    _jsonl(src / "d.jsonl", [{**jsonl_line(5), "published": "2024-04-02"}])
    with caplog.at_level("WARNING", logger="storyline"):
        storyline.run([src], tmp_path / "out")  # a new file against the stored copy
    said = [r.getMessage() for r in caplog.records if "the same article" in r.getMessage()]
    assert len(said) == 1 and "d.jsonl (line 1)" in said[0] and "a.jsonl (line 1)" in said[0]


def _tables(db: Path, statements: list[str]) -> None:
    from storyline.store.db import connect

    con = connect(db)
    try:
        for statement in statements:
            con.execute(statement)
    finally:
        con.close()


def _creates() -> list[str]:
    import re

    from storyline.store.db import SCHEMA

    return re.findall(r"CREATE TABLE IF NOT EXISTS .*?\);", SCHEMA, re.S)


@pytest.mark.parametrize("made", [3, None])  # stopped after 3 tables, or before the mark
def test_a_store_stopped_while_its_schema_was_made_is_completed(
        tmp_path: Path, made: int | None) -> None:
    from storyline.store.db import Store

    db = tmp_path / "half.duckdb"
    _tables(db, _creates()[:made])
    with Store(db) as store:
        row = store.con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        assert row is not None
        assert store.count_articles() == 0


@pytest.mark.parametrize("statements", [
    ["CREATE TABLE articles (id VARCHAR, body VARCHAR)"],  # our name, other columns
    ["CREATE TABLE customers (id INTEGER)"],
    None,  # our tables, holding rows, without the mark: not a half-made store
])
def test_another_programs_database_is_still_refused(
        tmp_path: Path, statements: list[str] | None) -> None:
    from storyline.store.db import Store, StoreError

    db = tmp_path / "other.duckdb"
    _tables(db, statements or [*_creates(), "INSERT INTO runs (id) VALUES (1)"])
    with pytest.raises(StoreError, match="another program"):
        Store(db)


def test_a_warning_about_a_file_before_its_documents_loses_none(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    import storyline
    from storyline.ingest.readers import register_reader, unregister_reader
    from storyline.model import RawDocument, Rejected

    @register_reader("toywarn", extensions=[".toywarn"])
    def read_toy(display: str, path: Path):  # type: ignore[no-untyped-def]
        yield Rejected(display, "file-level problem said first", kept=True)
        for n in (8, 9):
            yield RawDocument(path=display, kind="text", content=article(n),
                              position=f"item {n}", given_text=True)

    try:
        src = tmp_path / "in"
        src.mkdir()
        (src / "a.toywarn").write_text("two articles\n", encoding="utf-8")
        with caplog.at_level("WARNING", logger="storyline"):
            summary = storyline.run([src], tmp_path / "out")
    finally:
        unregister_reader("toywarn")
    assert summary.articles_total == 2
    assert sum("file-level problem said first" in r.getMessage() for r in caplog.records) == 1
