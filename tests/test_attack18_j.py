"""Finding 11 (small items) of the fourteenth black-box attack, and leftovers of the
round before (issue 15): a folder given as ``--db``, byte order marks opening lines of
files joined with ``cat``, UTF-16/32 without a mark on standard input and in files, the
wording of an e-mail's charset note, what is said of short mailbox messages, bytes paths
in the API, and three .txt title and code page cases. Every input here is invented for
the test; each test fails on the code before the fix."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from tests.news import article, one_item_input, one_line_error

_LINES = "Rebels shelled Gao on Monday.\nTroops left Kidal on Friday.\n"


def _code(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, file: str,
          stdin: bytes = b"") -> tuple[list[dict], list[str]]:
    """``storyline code FILE`` (``-``: ``stdin`` on standard input): its records, and its
    stderr lines."""
    from storyline.cli import main

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(io.BytesIO(stdin))))
    assert main(["code", file, "--dct", "2024-05-08"]) == 0
    out, err = capsys.readouterr()
    return [json.loads(x) for x in out.splitlines()], err.splitlines()


# -- a folder given as --db: one line in the words of the other store refusals ---------------

def test_a_folder_given_as_db_is_refused_in_one_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from storyline.cli import main

    src = one_item_input(tmp_path)
    (tmp_path / "o").mkdir()
    assert main(["run", str(src), "--out", str(tmp_path / "out"), "--db",
                 str(tmp_path / "o"), "--quiet"]) == 2
    line = one_line_error(capsys, "is a folder, not a store file")
    assert "IO Error" not in line and "DuckDB" not in line
    assert list((tmp_path / "o").iterdir()) == []


# -- code: a byte order mark opening any line (files joined with cat), as run reads it -------

def test_code_reads_a_line_opened_by_a_byte_order_mark_as_run_does(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    texts = _LINES.splitlines()
    one = [json.dumps({"text": t}) for t in texts]
    joined = b"".join(b"\xef\xbb\xbf" + x.encode() + b"\n" for x in one)  # cat a b
    (tmp_path / "ab.jsonl").write_bytes(joined)
    records, err = _code(capsys, monkeypatch, str(tmp_path / "ab.jsonl"))
    assert [r["text"] for r in records] == texts
    assert not any("not a JSON object" in x for x in err), err
    assert records[0]["events"]  # "shelled" is found behind the mark as without it


# -- UTF-16 and UTF-32 without a byte order mark: one decoding, said, file or stdin ----------

@pytest.mark.parametrize("enc", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_wide_text_without_a_mark_is_decoded_and_said_from_a_file_and_stdin(
        enc: str, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    data = _LINES.encode(enc)
    (tmp_path / "w.txt").write_bytes(data)
    said = f"decoded as {enc.upper()} (no byte order mark)"
    for file, name in ((str(tmp_path / "w.txt"), str(tmp_path / "w.txt")),
                       ("-", "standard input")):
        records, err = _code(capsys, monkeypatch, file, data)
        assert [r["text"] for r in records] == _LINES.splitlines()
        assert err == [f"warning: {name}: {said}"]


@pytest.mark.parametrize("enc", ["utf-32-le", "utf-32-be"])
def test_utf32_without_a_mark_is_read_by_run_and_times(
        enc: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from storyline.annotate.times import times_command
    from storyline.ingest.readers import read_file

    body = "Talks in São Paulo resume\n\n" + article(1)
    (tmp_path / "w.txt").write_bytes(body.encode(enc))
    docs = list(read_file("w.txt", tmp_path / "w.txt"))
    assert len(docs) == 1 and getattr(docs[0], "content", None) == body, docs
    assert any("no byte order mark" in n for n in docs[0].notes)
    (tmp_path / "t.txt").write_bytes(_LINES.encode(enc))
    assert times_command(str(tmp_path / "t.txt"), "2024-05-08") == 0
    out, err = capsys.readouterr()
    assert [json.loads(x)["text"] for x in out.splitlines()] == ["Monday", "Friday"]
    assert f"decoded as {enc.upper()} (no byte order mark)" in err


def test_binary_with_many_nul_bytes_is_still_binary() -> None:
    from storyline.ingest.readers import decode_with_note, wide_without_bom

    blob = bytes(range(256)) * 16
    assert wide_without_bom(blob) is None
    assert wide_without_bom(b"\x01\x00\x00\x00" * 200) is None  # control codes, no text
    assert decode_with_note(blob)[0] is None


# -- an e-mail's charset is declared by the message, not a page -----------------------------

def _eml(body: bytes, charset: str) -> bytes:
    return (b"From: desk@wire.example\nSubject: Talks resume\n"
            b"Date: Mon, 06 May 2024 10:00:00 +0000\nMIME-Version: 1.0\n"
            b"Content-Type: text/plain; charset=" + charset.encode() + b"\n"
            b"Content-Transfer-Encoding: 8bit\n\n" + body + b"\n")


def test_an_email_charset_note_names_the_message(tmp_path: Path) -> None:
    from storyline.ingest.readers import read_file

    body = "Talks in São Paulo and Genève resumed on Monday, officials said.\n\n" + article(2)
    (tmp_path / "l1.eml").write_bytes(_eml(body.encode("iso-8859-1"), "iso-8859-1"))
    (doc,) = read_file("l1.eml", tmp_path / "l1.eml")
    assert getattr(doc, "content", "").strip() == body
    assert doc.notes == ["not UTF-8: decoded as cp1252 (declared by the message)"]
    page = f'<html><head><meta charset="iso-8859-1"></head><body><p>{body}</p></body></html>'
    (tmp_path / "p.html").write_bytes(page.encode("iso-8859-1"))
    (doc,) = read_file("p.html", tmp_path / "p.html")
    assert "(declared by the page)" in doc.notes[0]  # a web page's note is as it was


# -- a message or text whose only lines were taken off is short or furniture -----------------

def _skips(inputs: list[str], out: Path) -> list[str]:
    from storyline.pipeline import Options, run

    said: list[str] = []
    run(inputs, out, options=Options(progress=False), log=said.append)
    return said


def test_a_short_message_or_text_is_said_to_be_too_short(tmp_path: Path) -> None:
    box = b"".join(b"From desk@wire.example Mon May  6 10:00:00 2024\nSubject: m%d\n\n"
                   b"Item %d ok.\n\n" % (i, i) for i in range(1, 4))
    (tmp_path / "m.mbox").write_bytes(box)
    (tmp_path / "t.txt").write_text("Item 4 ok.\n", "utf-8")
    said = _skips([str(tmp_path / "m.mbox"), str(tmp_path / "t.txt")], tmp_path / "o")
    skipped = [x for x in said if "skipped" in x]
    assert len(skipped) == 4, said
    assert all("too short to be a news article (3 words)" in x for x in skipped), skipped


def test_a_text_of_only_the_input_s_footer_is_said_to_be_furniture(tmp_path: Path) -> None:
    footer = "Sahel Wire Agency desks in Niamey and Bamako\nSubscribe to the morning letter"
    (tmp_path / "in").mkdir()
    for i in range(4):
        (tmp_path / "in" / f"a{i}.txt").write_text(
            f"Headline number {i} of the day\n\n{article(i)}\n\n{footer}\n", "utf-8")
    (tmp_path / "in" / "z.txt").write_text(footer + "\n", "utf-8")
    said = [x for x in _skips([str(tmp_path / "in")], tmp_path / "o") if "skipped" in x]
    assert len(said) == 1 and "z.txt" in said[0], said
    assert "only page furniture (lines that recur across this input)" in said[0], said
