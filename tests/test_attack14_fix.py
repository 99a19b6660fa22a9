"""The minor bad-input leftovers of the tenth attack (issue 15): storyline's own
``articles.jsonl`` read back lost its dates, an English list of names was read as Welsh,
numeric values had no range, the API raised TypeError, a year past 2100 got the
article's date, an input named like an output was overwritten, and a symlink loop was
skipped in silence. Each test fails on the code before the fix."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.news import article, jsonl_line

# -- 15c: storyline's own articles.jsonl as input ------------------------------------------


def _read_jsonl(tmp_path: Path, obj: dict[str, object]) -> list[object]:
    from storyline.ingest.readers import read_jsonl

    path = tmp_path / "back.jsonl"
    path.write_text(json.dumps(obj) + "\n", "utf-8")
    return list(read_jsonl(str(path), path))


@pytest.mark.parametrize("source", ["explicit", "input", "inferred"])
def test_the_published_object_of_our_own_articles_jsonl_gives_the_date(
        tmp_path: Path, source: str) -> None:
    from storyline.model import RawDocument

    line = {"id": "66e76d8ffbc05e31", "input_id": None, "title": "Border talks resume",
            "published": {"date": "2025-02-25", "source": source,
                          "earliest": "2025-02-25", "latest": "2025-02-25"},
            "text": article(1), "language": "en", "warnings": []}
    [doc] = _read_jsonl(tmp_path, line)
    assert isinstance(doc, RawDocument)
    assert doc.given_published == "2025-02-25"
    assert doc.notes == []


def test_a_published_object_without_a_date_is_absent_without_a_warning(tmp_path: Path) -> None:
    line = dict(jsonl_line(2), published={"date": None, "source": "none", "earliest": None,
                                          "latest": None})
    [doc] = _read_jsonl(tmp_path, line)
    assert doc.given_published is None and doc.notes == []  # type: ignore[attr-defined]


def test_a_published_object_with_a_bad_date_is_one_note(tmp_path: Path) -> None:
    line = dict(jsonl_line(3), published={"date": "2025-02-30", "source": "input"})
    [doc] = _read_jsonl(tmp_path, line)
    assert doc.given_published is None  # type: ignore[attr-defined]
    assert len(doc.notes) == 1 and "2025-02-30" in doc.notes[0]  # type: ignore[attr-defined]


def test_a_run_on_a_copy_of_its_own_articles_keeps_their_dates(tmp_path: Path) -> None:
    from storyline.pipeline import Options, run

    src = tmp_path / "in"
    src.mkdir()
    (src / "a.jsonl").write_text(json.dumps(jsonl_line(4)) + "\n", "utf-8")
    run([str(src)], tmp_path / "one", options=Options(progress=False), log=lambda m: None)
    back = tmp_path / "back"
    back.mkdir()
    (back / "copy.jsonl").write_bytes((tmp_path / "one" / "articles.jsonl").read_bytes())
    said: list[str] = []
    run([str(back)], tmp_path / "two", options=Options(progress=False), log=said.append)
    assert not any("published" in w for w in said), said
    [row] = [json.loads(x) for x in (tmp_path / "two" / "articles.jsonl").read_text("utf-8")
             .splitlines()]
    assert row["published"]["date"] == "2025-03-25"


# -- 15f: language detection on name lists and very short texts ----------------------------

FIRST = ["Aled", "Rhys", "Dafydd", "Gwyn", "Ieuan", "Llyr", "Bryn", "Emyr", "Huw", "Owain"]
LAST = ["Rhys", "Llwyd", "ap Gwilym", "Bowen", "Pryce", "Gruffydd", "Morgan", "Vaughan"]


def _ministers(n: int) -> str:
    return ", ".join(f"Minister {FIRST[i % len(FIRST)]} {LAST[(i * 7) % len(LAST)]}"
                     for i in range(n))


@pytest.mark.parametrize("text", [
    "The cabinet met on Tuesday with " + _ministers(300)
    + " and agreed to send aid to the flooded region.",
    " and ".join(f"Minister {chr(65 + i % 26)}{chr(97 + (i // 26) % 26)}wardson"
                 for i in range(500)) + " condemned the attack on the town on Monday.",
])
def test_an_english_sentence_naming_many_welsh_sounding_people_is_english(text: str) -> None:
    from storyline.clean.metadata import detect_language

    assert detect_language(text) == "en"


def test_a_name_list_article_is_annotated(tmp_path: Path) -> None:
    from storyline.clean.article import make_article
    from storyline.model import Article, RawDocument

    body = ("Ministers met in the capital on Monday. The meeting was attended by "
            + _ministers(300) + ", who agreed to send aid to the flooded region.")
    a = make_article(RawDocument(path="a.txt", kind="text", content=body, given_text=True))
    assert isinstance(a, Article)
    assert a.language == "en"
    assert not any("not English" in w for w in a.warnings)


@pytest.mark.parametrize("text", ["Hello world", "Hello", "Talks resume", "Rebels seize town"])
def test_a_very_short_latin_text_gets_the_default_language(text: str) -> None:
    from storyline.clean.metadata import detect_language

    assert detect_language(text) == "en"


@pytest.mark.parametrize("text, lang", [
    ("مرحبا بالعالم", "ar"), ("Привет мир", "ru"), ("你好世界", "zh"),
    ("Bonjour le monde", "fr"),
    ("Die Regierung hat am Montag neue Gesetze beschlossen, die ab Januar gelten sollen.",
     "de"),
    ("El gobierno anunció el lunes que enviará ayuda a las zonas afectadas por las "
     "inundaciones del norte del país.", "es"),
])
def test_real_non_english_texts_are_still_told_apart(text: str, lang: str) -> None:
    from storyline.clean.metadata import detect_language

    assert detect_language(text) == lang


def test_every_language_code_is_iso_639_1_or_und() -> None:
    from storyline.clean.metadata import detect_language

    texts = ["Hello world", "a b", "zzz qqq", "ok", "Ahoj", "123 456", "", "---",
             "Masri kalam keda ya basha", "Guten Morgen"]
    for t in texts:
        code = detect_language(t)
        assert code == "und" or (len(code) == 2 and code.isalpha()), (t, code)
