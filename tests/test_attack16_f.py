"""Findings 2, 4, 7 and 9 of the thirteenth black-box attack (issue 15): HTML entities lost
in feeds that name an external DTD, entities a DOCTYPE declares left in the text as junk,
and damaged stores. Every input here is invented for the test; each test fails on the
code before the fix."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest

from storyline.ingest.readers import read_file
from storyline.model import RawDocument
from tests.news import jsonl_line, one_item_input, one_line_error

BODY = ("Militia fighters stormed the river port of Kessa on Thursday&mdash;burning two "
        "warehouses, the port authority said. Traders in the old caf&eacute; quarter "
        "closed their shops as smoke rose over the docks, witnesses said.&nbsp;The "
        "governor called the attack &ldquo;a crime against the town&rdquo; and promised "
        "an inquiry within a week.")


def _docs(path: Path) -> list[RawDocument]:
    return [x for x in read_file(path.name, path) if isinstance(x, RawDocument)]


def _rss(path: Path, doctype: str, body: str = BODY, title: str = "Port raid &mdash; Kessa",
         ) -> Path:
    path.write_text(
        f"<?xml version='1.0'?>{doctype}<rss version='2.0'><channel><title>Kessa Post"
        "</title><link>https://kessa.example/</link><item>"
        f"<title>{title}</title><link>https://kessa.example/1</link>"
        f"<description>{body}</description></item></channel></rss>", encoding="utf-8")
    return path


def _check_decoded(doc: Any) -> None:
    assert "Thursday\u2014burning" in doc.content
    assert "caf\u00e9 quarter" in doc.content
    assert "said.\u00a0The" in doc.content
    assert "\u201ca crime against the town\u201d" in doc.content
    assert doc.given_title == "Port raid \u2014 Kessa"


# -- 2: a feed naming an external DTD keeps its HTML entities ------------------------------

def test_an_rss_091_feed_with_the_netscape_doctype_keeps_its_html_entities(
        tmp_path: Path) -> None:
    src = _rss(tmp_path / "n.rss", "<!DOCTYPE rss PUBLIC '-//Netscape Communications//DTD "
               "RSS 0.91//EN' 'http://my.netscape.com/publish/formats/rss-0.91.dtd'>")
    [doc] = _docs(src)
    _check_decoded(doc)
    assert doc.notes == []


def test_an_rss_2_feed_with_a_system_dtd_keeps_its_html_entities(tmp_path: Path) -> None:
    [doc] = _docs(_rss(tmp_path / "s.rss", "<!DOCTYPE rss SYSTEM 'http://kessa.example/r.dtd'>"))
    _check_decoded(doc)


def test_an_atom_feed_with_a_doctype_keeps_the_entities_of_its_title(tmp_path: Path) -> None:
    src = tmp_path / "a.atom"
    src.write_text(
        "<?xml version='1.0'?><!DOCTYPE feed SYSTEM 'http://kessa.example/atom.dtd'>"
        "<feed xmlns='http://www.w3.org/2005/Atom'><title>Kessa Post</title><entry>"
        "<title>Port raid &mdash; Kessa</title><id>urn:k1</id>"
        "<updated>2025-06-05T00:00:00Z</updated><link href='https://kessa.example/2'/>"
        f"<content type='text'>{BODY}</content></entry></feed>", encoding="utf-8")
    [doc] = _docs(src)
    _check_decoded(doc)


def test_entities_the_feed_declares_itself_are_still_expanded(tmp_path: Path) -> None:
    dtd = ("<!DOCTYPE rss [<!ENTITY mdash '&#8212;'><!ENTITY agency 'the Kessa Wire'>]>")
    [doc] = _docs(_rss(tmp_path / "d.rss", dtd, BODY + " Reported by &agency;."))
    _check_decoded(doc)
    assert doc.content.endswith("Reported by the Kessa Wire.")
    assert doc.notes == []


def test_an_unknown_entity_is_dropped_with_a_warning_naming_the_feed(tmp_path: Path) -> None:
    src = _rss(tmp_path / "u.rss", "<!DOCTYPE rss SYSTEM 'http://kessa.example/r.dtd'>",
               BODY + " Reported by &agency;.")
    [doc] = _docs(src)
    _check_decoded(doc)
    assert doc.content.endswith("Reported by .")
    assert doc.path == "u.rss"
    assert len(doc.notes) == 1 and "&agency;" in doc.notes[0]


def test_html_entities_in_cdata_are_left_to_the_html_reader(tmp_path: Path) -> None:
    src = _rss(tmp_path / "c.rss", "<!DOCTYPE rss SYSTEM 'http://kessa.example/r.dtd'>",
               f"<![CDATA[<p>{BODY}</p>]]>")
    [doc] = _docs(src)
    assert "caf&eacute; quarter" in doc.content
    assert doc.notes == []


def test_an_xhtml_page_with_the_w3c_doctype_still_reads_its_entities() -> None:
    from storyline.clean.html import extract_html

    page = ("<?xml version='1.0' encoding='utf-8'?>\n<!DOCTYPE html PUBLIC '-//W3C//DTD "
            "XHTML 1.0 Strict//EN' 'http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd'>\n"
            "<html xmlns='http://www.w3.org/1999/xhtml'><head><title>Port raid</title>"
            f"</head><body><article><p>{BODY}</p></article></body></html>")
    ex = extract_html(page)
    assert "Thursday\u2014burning" in ex.body and "caf\u00e9 quarter" in ex.body
    assert ex.notes == []


# -- 9: entities a DOCTYPE declares but that are not expanded: dropped, warned ---------------

PLAIN = ("Militia fighters stormed the river port of Kessa on Thursday, burning two "
         "warehouses, the port authority said. Traders closed their shops as smoke rose "
         "over the docks, witnesses said, and the governor promised an inquiry.")


def test_a_nested_entity_is_dropped_from_a_feed_with_one_warning(tmp_path: Path) -> None:
    dtd = ("<!DOCTYPE rss [<!ENTITY ha 'ha'><!ENTITY ha1 '&ha;&ha;&ha;&ha;'>"
           "<!ENTITY ha2 '&ha1;&ha1;&ha1;&ha1;'>]>")
    [doc] = _docs(_rss(tmp_path / "l.rss", dtd, PLAIN + " &ha2;", title="Port raid &ha2;"))
    assert doc.content.strip() == PLAIN
    assert doc.given_title == "Port raid"
    assert len(doc.notes) == 1 and "&ha2;" in doc.notes[0] and "2 reference(s)" in doc.notes[0]


def test_an_external_entity_is_dropped_from_a_feed_with_one_warning(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("PRIVATE-MARKER", encoding="utf-8")
    dtd = f"<!DOCTYPE rss [<!ENTITY ext SYSTEM '{secret.as_uri()}'>]>"
    [doc] = _docs(_rss(tmp_path / "x.rss", dtd, PLAIN + " &ext;"))
    assert "PRIVATE-MARKER" not in doc.content and "&ext" not in doc.content
    assert len(doc.notes) == 1 and "&ext;" in doc.notes[0]


def test_a_quadratic_entity_blow_up_is_dropped_not_left_as_junk(tmp_path: Path) -> None:
    dtd = "<!DOCTYPE rss [<!ENTITY big '" + "B" * 20_000 + "'>]>"
    [doc] = _docs(_rss(tmp_path / "q.rss", dtd, PLAIN + " " + "&big;" * 2_000))
    assert doc.content.strip() == PLAIN
    assert len(doc.notes) == 1 and "2000 reference(s)" in doc.notes[0]


def test_an_entity_an_html_page_declares_is_dropped_with_a_warning() -> None:
    from storyline.clean.html import extract_html

    page = ("<?xml version='1.0'?><!DOCTYPE html [<!ENTITY ext SYSTEM 'file:///etc/hostname'>"
            "]><html><head><title>Port raid</title></head><body><article>"
            f"<p>{PLAIN} &ext;</p></article></body></html>")
    ex = extract_html(page)
    assert "&ext" not in ex.body and ex.body.strip().endswith("promised an inquiry.")
    assert len(ex.notes) == 1 and "&ext;" in ex.notes[0]


# -- 7: a store cut or damaged in its first blocks gets the advice deeper damage gets ------

@pytest.fixture(scope="module")
def good_store(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, bytes]:
    """A store made by a run on one item, and its bytes."""
    from storyline.pipeline import Options, run

    base = tmp_path_factory.mktemp("store")
    src = one_item_input(base)
    db = base / "s.duckdb"
    run([str(src)], base / "o", db, Options(progress=False))
    return src, db.read_bytes()


def _noise(data: bytes, at: int) -> bytes:
    noise = random.Random(at).randbytes(4096)
    return data[:at] + noise + data[at + 4096:]


@pytest.mark.parametrize("damage", ["cut at 4096", "cut at 12288", "noise at 4096",
                                    "noise at 8192"])
def test_a_store_damaged_in_its_first_blocks_is_refused_with_the_advice(
        damage: str, good_store: tuple[Path, bytes], tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    from storyline.cli import main

    src, data = good_store
    kind, _, at = damage.partition(" at ")
    bad = data[:int(at)] if kind == "cut" else _noise(data, int(at))
    db = tmp_path / "s.duckdb"
    db.write_bytes(bad)
    capsys.readouterr()
    code = main(["run", str(src), "--out", str(tmp_path / "o"), "--quiet", "--db", str(db)])
    assert code == 2
    one_line_error(capsys, str(db), "is damaged or truncated", "it was left as it is",
                   "move it aside or give this run another --db")
    assert db.read_bytes() == bad


# -- 4: a store found damaged after the run wrote is not written to while refused ------------

def _damage_after_writing(monkeypatch: pytest.MonkeyPatch, checkpoint: bool) -> None:
    """The store's checksums fail once the run has stored its new article (as a block
    overwritten in the middle of the file does), after a checkpoint when ``checkpoint``."""
    import duckdb

    from storyline.store.db import Store

    def corrupt(self: Store) -> list[str]:
        if checkpoint:
            self.con.execute("CHECKPOINT")  # as DuckDB does by itself in a long run
        raise duckdb.Error("Corrupt database file: computed checksum 17 does not match "
                           "stored checksum 5 in block at location 1585152")

    monkeypatch.setattr(Store, "unsigned_articles", corrupt)


def _second_input(tmp_path: Path) -> Path:
    more = tmp_path / "more.jsonl"
    more.write_text(json.dumps(jsonl_line(7)) + "\n", "utf-8")
    return more


def test_a_store_found_damaged_after_the_run_wrote_is_left_byte_for_byte(
        good_store: tuple[Path, bytes], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    from storyline.cli import main

    src, data = good_store
    db = tmp_path / "s.duckdb"
    db.write_bytes(data)
    _damage_after_writing(monkeypatch, checkpoint=False)
    capsys.readouterr()
    code = main(["run", str(src), str(_second_input(tmp_path)), "--out", str(tmp_path / "o"),
                 "--quiet", "--db", str(db)])
    assert code == 2
    one_line_error(capsys, str(db), "is damaged", "it was left as it is", "another --db")
    assert db.read_bytes() == data  # (DuckDB's checkpoint at closing rewrote it)
    assert not Path(f"{db}.wal").exists()  # nor is this run's log left to replay


def test_a_store_written_before_its_damage_showed_says_so(
        good_store: tuple[Path, bytes], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    from storyline.cli import main

    src, data = good_store
    db = tmp_path / "s.duckdb"
    db.write_bytes(data)
    _damage_after_writing(monkeypatch, checkpoint=True)
    capsys.readouterr()
    code = main(["run", str(src), str(_second_input(tmp_path)), "--out", str(tmp_path / "o"),
                 "--quiet", "--db", str(db)])
    assert code == 2
    line = one_line_error(capsys, str(db), "is damaged", "another --db")
    assert "left as it is" not in line and "had written to it before the damage showed" in line
    assert f"{len(data):,} bytes before the run, {db.stat().st_size:,} bytes now" in line


def test_a_log_an_earlier_run_left_is_kept_and_the_line_says_it_took_this_runs_changes(
        good_store: tuple[Path, bytes], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    import shutil

    import duckdb

    from storyline.cli import main

    src, data = good_store
    first = tmp_path / "first.duckdb"
    first.write_bytes(data)
    con = duckdb.connect(str(first))
    con.execute("INSERT OR REPLACE INTO meta VALUES ('left_by', 'a run that was stopped')")
    db = tmp_path / "s.duckdb"
    shutil.copyfile(first, db)  # (taken while the run holds it open: as a kill leaves it)
    shutil.copyfile(f"{first}.wal", f"{db}.wal")
    con.close()
    log = Path(f"{db}.wal").read_bytes()
    _damage_after_writing(monkeypatch, checkpoint=False)
    capsys.readouterr()
    code = main(["run", str(src), str(_second_input(tmp_path)), "--out", str(tmp_path / "o"),
                 "--quiet", "--db", str(db)])
    assert code == 2
    line = one_line_error(capsys, str(db), "is damaged", "another --db")
    assert "left as it is" not in line and "write-ahead log s.duckdb.wal" in line
    assert db.read_bytes() == data
    assert Path(f"{db}.wal").read_bytes().startswith(log)  # kept, never deleted
