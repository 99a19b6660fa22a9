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


# -- bytes paths (a file name that is not UTF-8, as os.listdir(b".") gives it) ---------------

def test_the_api_takes_bytes_paths_for_inputs_out_and_db(tmp_path: Path) -> None:
    import os

    import storyline

    base = os.fsencode(tmp_path)
    folder = base + b"/in"
    os.mkdir(folder)
    name = folder + b"/caf\xe9.txt"  # Latin-1 bytes: no UTF-8 name
    with open(name, "w", encoding="utf-8") as fh:
        fh.write("Rebels seize a market town\n\n" + article(3) + "\n")
    summary = storyline.run([name], base + b"/o", db=base + b"/s.duckdb")
    assert summary.articles_new == 1
    assert os.path.exists(base + b"/s.duckdb")
    got = storyline.read_articles(base + b"/o")
    assert len(got) == 1 and got[0]["path"].endswith("caf\\xe9.txt"), got
    assert len(storyline.read_events(base + b"/o")) == len(storyline.read_events(tmp_path / "o"))
    # one bytes path, not in a list, is one path too (as one text is)
    assert storyline.run(folder, base + b"/o2").articles_new == 1


# -- leftovers: a masthead over an issue line, one headline over three reports, short Czech --

_REPORTS = [
    ("Water rose over the coastal road near Mopti on Sunday night, cutting the town off "
     "from the south, the regional governor said on Monday.\n\nBuses turned back at the "
     "bridge and traders said grain would run short within days if the road stayed shut."),
    ("Farmers near Mopti lost most of the rice crop when the river broke its banks, "
     "a cooperative leader told reporters by telephone.\n\nThe army sent boats to carry "
     "families from three villages to a school on higher ground, officials said."),
    ("Aid agencies asked for 4 million dollars to feed families cut off by the flooding "
     "around Mopti, where the coastal road has been under water since the weekend.\n\n"
     "The health ministry said it feared cholera once the water fell, and sent tents."),
]
_HEADLINE = "Floods cut the coastal road to Mopti"


@pytest.mark.parametrize("issue", ["No. 4512", "Vol. 12, No. 4512", "Issue 88"])
def test_a_masthead_over_an_issue_line_is_no_title(issue: str, tmp_path: Path) -> None:
    page = tmp_path / "ledger.txt"
    page.write_text(f"THE DAILY LEDGER\n{issue}\n\n{_HEADLINE}\n\n{_REPORTS[0]}\n", "utf-8")
    from storyline.api import read_articles, run

    run([str(page)], tmp_path / "o")
    (got,) = read_articles(tmp_path / "o")
    assert got["title"] == _HEADLINE
    assert "DAILY LEDGER" not in got["text"] and issue not in got["text"]
    assert _HEADLINE not in got["text"]


def test_one_headline_over_three_reports_is_each_one_s_title(tmp_path: Path) -> None:
    from storyline.api import read_articles, run

    (tmp_path / "in").mkdir()
    for i, body in enumerate(_REPORTS):
        (tmp_path / "in" / f"r{i}.txt").write_text(f"{_HEADLINE}\n\n{body}\n", "utf-8")
    run([str(tmp_path / "in")], tmp_path / "o")
    got = read_articles(tmp_path / "o")
    assert len(got) == 3
    assert [a["title"] for a in got] == [_HEADLINE] * 3
    assert not any(_HEADLINE in a["text"] for a in got)


def test_a_masthead_with_the_outlet_s_footer_is_still_furniture() -> None:
    from storyline.clean.text import boilerplate_lines, first_line_key

    footer = "Sahel Wire Agency desks in Niamey and Bamako cover the region"
    texts = [f"The Sahel Daily Courier of Niamey\n\n{body}\n\n{footer}" for body in _REPORTS]
    assert first_line_key("The Sahel Daily Courier of Niamey") in boilerplate_lines(texts)
    alone = [f"{_HEADLINE}\n\n{body}" for body in _REPORTS]
    assert first_line_key(_HEADLINE) not in boilerplate_lines(alone)


_SHORT_CZECH = [
    "Ťažká situace v Kadani. Šest lidí zůstalo bez střechy, řekl starosta.",
    "Šest vojáků zemřelo při útoku na základnu. Ministr obrany řekl, že útočníci utekli "
    "přes hranici.",
]


@pytest.mark.parametrize("text", _SHORT_CZECH)
def test_a_short_czech_text_in_cp1250_is_read_as_cp1250(text: str) -> None:
    from storyline.ingest.readers import decode_with_note

    decoded, note = decode_with_note(text.encode("cp1250"))
    assert decoded == text, note
    assert note is not None and "CP1250" in note


@pytest.mark.parametrize("text", [
    "L'élève était à côté de la forêt, où il a vu un château.",
    "Der Bürgermeister äußerte sich über die Flüchtlinge.",
    "Malmö och Göteborg får mer pengar, säger ministern.",
    "Det blåser på Færøerne og i Århus, sagde Søren.",
    "Il caffè è più caro a Città del Messico, disse Niccolò.",
])
def test_a_short_western_text_stays_cp1252(text: str) -> None:
    # (the guard of the rule above: each of these reads as one Western language's letters)
    from storyline.ingest.readers import decode_with_note

    decoded, note = decode_with_note(text.encode("cp1252"))
    assert decoded == text and note == "not UTF-8: decoded as CP1252 (Western European)"
