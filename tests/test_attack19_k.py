"""Findings 1, 2, 8, 9, 11 and 14 of the fifteenth black-box attack (issue 15, bad input):
``storyline code`` crashed on a JSON Lines integer of more than 4,300 digits; the output
readers raised ``RecursionError`` on a deeply nested line and a bare ``ValueError`` on a
huge number; a cut article was warned only inside the article; a Thai title line was
lost; a ``.warc`` of NUL bytes was read to its end; and a few messages and fields were
wrong. Every input here is invented for the test; each test fails on the code before
the fix."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

# -- 1: `code` reads JSON Lines as `run` does: no traceback, the next lines coded ------------

_BIG = "7" * 4301


@pytest.mark.parametrize(("second", "warned"), [
    ('{"text": "Troops left Kidal.", "n": ' + _BIG + "}", None),
    ('{"text": "Troops left Kidal.", "published": ' + _BIG + "}", "line 2: published dropped"),
    ('{"text": "Troops left Kidal.", "id": ' + _BIG + "}", None),  # (kept, as its digits)
    ('{"text": "Troops left Kidal.", "x": ' + "[" * 100_000 + "]" * 100_000 + "}",
     "line 2: malformed JSON line: JSON nested deeper than 64 levels"),
])
def test_code_on_a_line_with_a_huge_number_or_deep_nesting_codes_the_other_lines(
        second: str, warned: str | None, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    from storyline.cli import main

    src = tmp_path / "in.jsonl"
    src.write_text('{"text": "Rebels shelled Gao on Monday."}\n' + second
                   + '\n{"text": "Rebels attacked Mopti on Friday."}\n', "utf-8")
    capsys.readouterr()
    assert main(["code", str(src), "--dct", "2024-05-08"]) == 0
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    records = [json.loads(x) for x in out.splitlines()]
    assert len(records) == 3
    assert records[1]["id"] == (_BIG if '"id"' in second else "2")
    assert [e["type"] for e in records[0]["events"]] == ["ASSAULT"]
    assert [e["type"] for e in records[2]["events"]] == ["ASSAULT"]
    lines = [x for x in err.splitlines() if x.strip()]
    if warned is None:
        assert lines == []
    else:
        assert len(lines) == 1 and warned in lines[0], err


def test_code_and_run_share_one_json_line_parser() -> None:
    import inspect

    import storyline.api as api
    import storyline.ingest.readers as readers

    assert "parse_json_line" in inspect.getsource(api._json_line)
    assert "parse_json_line" in inspect.getsource(readers._jsonl_item)


# -- 2: the output readers refuse a deep or huge line with the documented ValueError ---------

def _output(tmp_path: Path, kind: str, bad: str) -> Path:
    from storyline.schemas import schema

    good = json.dumps({k: None for k in schema(kind).get("required", ())})
    out = tmp_path / "o"
    out.mkdir()
    (out / f"{kind}.jsonl").write_text(good + "\n" + bad + "\n", "utf-8")
    return out


@pytest.mark.parametrize("kind", ["events", "articles"])
@pytest.mark.parametrize(("bad", "why"), [
    ('{"x": ' + "[" * 100_000 + "]" * 100_000 + "}", "nested deeper than 64 levels"),
    ("[" * 100_000 + "]" * 100_000, "nested deeper than 64 levels"),
    ('{"n": ' + "9" * 5000 + "}", "a number of 5,000 digits"),
])
def test_the_output_readers_refuse_a_deep_or_huge_line_naming_the_file_and_line(
        kind: str, bad: str, why: str, tmp_path: Path) -> None:
    import storyline

    out = _output(tmp_path, kind, bad)
    reader = storyline.read_events if kind == "events" else storyline.read_articles
    with pytest.raises(ValueError) as info:
        reader(out)
    assert type(info.value) is ValueError
    msg = str(info.value)
    assert f"{kind}.jsonl, line 2: not a JSON line (" in msg and why in msg, msg
    assert "the file is damaged: run storyline again to write it anew" in msg


# -- 8: an article cut to the cap is one stderr warning naming the input, counted ------------

def test_an_article_cut_to_the_cap_is_warned_on_stderr_and_counted(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    import storyline.clean.article as article
    from storyline.pipeline import Options, run
    from tests.news import long_article

    # (the cap lowered, so that the cut article is quick to annotate; the cut is the same)
    monkeypatch.setattr(article, "MAX_BODY_CHARS", 3000)
    src = tmp_path / "long_report.txt"
    src.write_text("Fighting spreads in the north\n\n" + long_article(9000) + "\n", "utf-8")
    capsys.readouterr()
    summary = run([str(src)], tmp_path / "o", tmp_path / "s.duckdb", Options(progress=False))
    err = capsys.readouterr().err
    said = [x for x in err.splitlines() if "body cut to its first" in x]
    assert len(said) == 1, err
    assert "long_report.txt" in said[0] and "too long for one article" in said[0]
    assert summary.flagged["input warnings"] >= 1
    stored = [json.loads(x) for x in (tmp_path / "o" / "articles.jsonl").read_text("utf-8").splitlines()]
    assert any("body cut to its first" in w for w in stored[0]["warnings"])


# -- 9: a Thai text keeps its title line (Thai words have no spaces between them) ------------

_THAI_TITLE = "ทหารยิงถล่มหมู่บ้านริมแม่น้ำในภาคเหนือ"
_THAI_PARAS = [
    "ทหารยิงถล่มหมู่บ้านริมแม่น้ำในภาคเหนือเมื่อคืนวันอังคาร ชาวบ้านเล่าว่ามีบ้านเรือนเสียหายหลายหลัง "
    "และมีผู้บาดเจ็บอย่างน้อยแปดคน",
    "เจ้าหน้าที่ท้องถิ่นกล่าวว่าครอบครัวจำนวนมากได้อพยพไปยังวัดใกล้เคียง รัฐบาลยังไม่ได้ออกแถลงการณ์ "
    "เกี่ยวกับเหตุการณ์ครั้งนี้",
    "องค์กรช่วยเหลือเรียกร้องให้ทุกฝ่ายหยุดยิงทันที และเปิดทางให้รถพยาบาลเข้าไปในพื้นที่ได้อย่างปลอดภัย",
]


def test_a_thai_text_keeps_its_title_line_and_every_paragraph() -> None:
    from storyline.ingest.guard import clean_document
    from storyline.model import Article, RawDocument

    text = _THAI_TITLE + "\n\n" + "\n\n".join(_THAI_PARAS) + "\n"
    result = clean_document(RawDocument(path="th.txt", kind="text", content=text))
    art = getattr(result, "item", result)
    assert isinstance(art, Article), result
    assert art.title == _THAI_TITLE or art.text.startswith(_THAI_TITLE)
    assert _THAI_PARAS[0] in art.text


_THAI_LIVE = (_THAI_TITLE + "เมื่อวันจันทร์ ชาวบ้านกล่าว มีผู้บาดเจ็บแปดคนและอีกสองร้อยคนหนีออกจากบ้าน "
              "ทางการยังไม่แถลง องค์การช่วยเหลือแสดงความห่วงใย")


def test_a_thai_title_line_above_numbered_paragraphs_that_repeat_it_is_kept() -> None:
    from storyline.ingest.guard import clean_document
    from storyline.model import Article, RawDocument

    text = _THAI_TITLE + "\n\n" + "\n\n".join(
        f"{i}. {_THAI_LIVE}" for i in range(1, 5)) + "\n"  # (a numbered live report)
    result = clean_document(RawDocument(path="th.txt", kind="text", content=text))
    art = getattr(result, "item", result)
    assert isinstance(art, Article), result
    assert art.title == _THAI_TITLE or art.text.startswith(_THAI_TITLE), (art.title, art.text)


# -- 11: a .warc of NUL bytes is refused from its first block, not read to its end -----------

def test_a_warc_of_nul_bytes_is_refused_without_reading_it_all(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import storyline.ingest.readers as readers

    src = tmp_path / "dump.warc"
    with open(src, "wb") as fh:
        fh.truncate(4 << 20)  # 4 MB of NUL bytes
    read = {"bytes": 0}
    real_open = open

    class Counting:
        def __init__(self, fh: object) -> None:
            self.fh = fh

        def read(self, n: int = -1) -> bytes:
            data = self.fh.read(n)  # type: ignore[attr-defined]
            read["bytes"] += len(data)
            return data

        def __getattr__(self, name: str) -> object:
            return getattr(self.fh, name)

        def __iter__(self) -> object:
            return iter(self.fh)  # type: ignore[call-overload]

        def __enter__(self) -> Counting:
            return self

        def __exit__(self, *exc: object) -> None:
            self.fh.close()  # type: ignore[attr-defined]

    def counting_open(file: object, mode: str = "r", *args: object, **kwargs: object) -> object:
        fh = real_open(file, mode, *args, **kwargs)  # type: ignore[call-overload]
        return Counting(fh) if "b" in mode and str(file) == str(src) else fh

    monkeypatch.setattr("builtins.open", counting_open)
    items = list(readers.read_file("dump.warc", src))
    monkeypatch.undo()
    assert read["bytes"] <= 1 << 16, read  # its first block, not its 4 MB
    reasons = [getattr(x, "reason", "") for x in items]
    assert len(items) == 1 and "binary file, not a web archive" in reasons[0], items


# -- 14: `times -` reads standard input, as `code -` does ------------------------------------

def test_times_reads_standard_input(monkeypatch: pytest.MonkeyPatch,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    import io
    import sys

    from storyline.cli import main

    stdin = io.TextIOWrapper(io.BytesIO(b"Rebels shelled Gao on Monday, 4 May 2024.\n"))
    monkeypatch.setattr(sys, "stdin", stdin)
    capsys.readouterr()
    assert main(["times", "-", "--dct", "2024-05-08"]) == 0
    out, err = capsys.readouterr()
    assert "No such file" not in err
    found = [json.loads(x) for x in out.splitlines()]
    assert [t["value"] for t in found] == ["2024-05-04"], (out, err)


# -- 14: a JSON Lines title 1e400 (infinity) is no title: dropped with a warning -------------

@pytest.mark.parametrize("number", ["1e400", "-1e400", "NaN"])
def test_a_non_finite_number_is_no_title(number: str) -> None:
    from storyline.ingest.validate import MAX_TITLE_CHARS, clean_text_field, loads_bounded

    value = loads_bounded('{"title": ' + number + "}")["title"]
    title, note = clean_text_field(value, "title", MAX_TITLE_CHARS)
    assert title is None
    assert note is not None and note.startswith("title dropped")


# -- 14: one over-long title (the <title> and its meta copy) is one warning ------------------

def test_an_over_long_title_given_twice_on_a_page_is_one_warning() -> None:
    from storyline.clean.html import extract_html

    title = "Harbour strike widens " * 140
    body = "".join(f"<p>Dock workers in the port walked out on day {i} of the strike, and the "
                   "union said talks with the operators had stalled again.</p>" for i in range(8))
    page = (f'<html><head><title>{title}</title><meta property="og:title" content="{title}">'
            f"</head><body><article><h1>Harbour strike widens</h1>{body}</article></body></html>")
    ex = extract_html(page, None)
    said = [n for n in ex.notes if "characters long, not a headline" in n]
    assert len(said) == 1, ex.notes


# -- 14: an outlet the input gives is kept as given, its final ";" included -------------------

def test_a_given_outlet_keeps_its_final_semicolon() -> None:
    from storyline.ingest.guard import clean_document
    from storyline.model import Article, RawDocument

    outlet = "&lt;b&gt;Harbour Post&lt;/b&gt;"
    raw = RawDocument(path="a.jsonl", kind="text", given_text=True, given_outlet=outlet,
                      content="Dock workers walked out in the port on Monday, the union said.")
    result = clean_document(raw)
    art = getattr(result, "item", result)
    assert isinstance(art, Article), result
    assert art.outlet == outlet
