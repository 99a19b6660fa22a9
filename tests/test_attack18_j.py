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
