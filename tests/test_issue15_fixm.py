"""Issue 15 leftovers (session 18, fixm): bounded cost on texts of thousands of dates.

Every text here is written for these tests (invented reports about no real event).
"""

from __future__ import annotations

import calendar
import random
import time
from types import SimpleNamespace
from typing import Any

from storyline.annotate.times import find_times
from storyline.events.dating import _When, segment_whens
from storyline.text.spans import SpanSet

MONTHS = list(calendar.month_name)[1:]


def _dated_text(n: int, seed: int = 1) -> str:
    rnd = random.Random(seed)
    return " ".join(f"they met on {rnd.randint(1, 28)} {rnd.choice(MONTHS)} "
                    f"{rnd.randint(1990, 2025)}" for _ in range(n))


def test_span_set_answers_as_the_scan_of_every_span() -> None:
    rnd = random.Random(15)
    for _ in range(2000):
        spans: list[tuple[int, int]] = []
        got = SpanSet()
        for _ in range(rnd.randint(0, 12)):
            a = rnd.randint(0, 30)
            b = a + rnd.choice([0, 0, 1, 2, 3, 5, 8])
            if rnd.random() < 0.5:
                spans.append((a, b))
                got.add(a, b)
            else:
                assert got.overlaps(a, b) == any(a < e and s < b for s, e in spans), (spans, a, b)


def test_ten_thousand_dates_are_tagged_in_linear_time() -> None:
    # choosing among the candidates scanned every expression taken so far: 11 s of CPU
    # for these 10,000 dates (218 KB), under a second now
    text = _dated_text(10_000)
    t0 = time.process_time()
    found = find_times(text, "2025-03-25")
    assert time.process_time() - t0 < 5
    assert len(found) == 10_000
    assert found[0].start == text.index("on ") + 3


def _seg(a: int, b: int) -> Any:
    return SimpleNamespace(start_char=a, end_char=b)


def test_segment_whens_are_the_times_the_filter_keeps() -> None:
    rnd = random.Random(3)
    whens = []
    for _ in range(300):
        a = rnd.randint(0, 5000)
        whens.append(_When(a, a + rnd.randint(1, 40), "2020-01-01", "2020-01-01", "day", "x"))
    whens.sort(key=lambda w: w.start)
    starts = [w.start for w in whens]
    for _ in range(300):
        a = rnd.randint(0, 5000)
        seg = _seg(a, a + rnd.randint(0, 400))
        assert segment_whens(whens, starts, seg) == [
            w for w in whens if w.start >= seg.start_char and w.end <= seg.end_char]


# --- unspaced scripts: body paragraphs counted by characters, not spaces ---------------

THAI_TITLE = "น้ำท่วมหนักในจังหวัดทางภาคเหนือ"
THAI_BODY = [
    "ฝนตกหนักต่อเนื่องสามวันทำให้เกิดน้ำท่วมในหลายอำเภอของจังหวัด เจ้าหน้าที่ท้องถิ่นกล่าวเมื่อวันอังคาร",
    "ชาวบ้านกว่าสองพันครัวเรือนต้องอพยพไปยังศูนย์พักพิงชั่วคราวที่โรงเรียนและวัดใกล้เคียง",
    "หน่วยกู้ภัยใช้เรือยางเข้าช่วยเหลือผู้สูงอายุและเด็กที่ติดค้างอยู่ในบ้านเรือนที่ถูกน้ำล้อมรอบ",
    "กรมอุตุนิยมวิทยาเตือนว่าฝนจะยังคงตกต่อไปจนถึงสุดสัปดาห์นี้ และขอให้ประชาชนติดตามข่าวสาร",
    "ถนนสายหลักหลายสายถูกตัดขาด ทำให้การขนส่งสินค้าเข้าสู่ตัวเมืองล่าช้าออกไป",
]


def test_words_of_unspaced_scripts_are_counted_by_characters() -> None:
    from storyline.text.words import word_count

    assert word_count("Troops shelled the town on Monday") == 6
    assert word_count(THAI_BODY[1]) >= 15  # one "word" between spaces
    assert word_count("政府周二宣布停火协议") >= 5
    assert word_count("ភ្លៀងធ្លាក់ខ្លាំងពេញមួយយប់នៅខេត្តកណ្តាល") >= 8


def test_thai_paragraphs_of_a_text_are_prose() -> None:
    from storyline.clean.text import clean_text, page_lines

    raw = "\n\n".join([THAI_TITLE, *THAI_BODY]) + "\n"
    kinds = [b.kind for b in page_lines(raw).blocks]
    assert kinds[1:] == ["prose"] * len(THAI_BODY), kinds
    got = clean_text(raw)
    assert got.title == THAI_TITLE
    assert [x for x in got.body.split("\n") if x.strip()] == THAI_BODY


def test_the_later_paragraphs_of_a_thai_page_stay_in_its_body() -> None:
    from storyline.clean.html import extract_html

    page = ("<html><head><title>" + THAI_TITLE + "</title></head><body><nav><a href='/'>"
            "หน้าแรก</a></nav><article><h1>" + THAI_TITLE + "</h1>"
            + "".join(f"<p>{p}</p>" for p in THAI_BODY) + "</article></body></html>")
    body = extract_html(page).body
    assert [x for x in body.split("\n") if x.strip()] == THAI_BODY


# --- titles decoded exactly once: the text a browser or a feed reader shows -----------

_PARAS = "".join(f"<p>{p}</p>" for p in (
    "Engineers at the river port said on Monday that the old loading crane had failed again.",
    "Dock workers unloaded the grain barges by hand through the night, a foreman said.",
    "The port office said a replacement crane would arrive from the coast within a month.",
))


def _page(head: str, h1: str = "") -> str:
    return f"<html><head>{head}</head><body><article>{h1}{_PARAS}</article></body></html>"


def test_an_html_title_that_shows_an_entity_keeps_it() -> None:
    from storyline.clean.html import extract_html

    shown = "Why &amp;lt;script&amp;gt; tags break the port's site"
    assert extract_html(_page(f"<title>{shown}</title>")).title == \
        "Why &lt;script&gt; tags break the port's site"
    assert extract_html(_page(f"<title>{shown} | River Gazette</title>")).title == \
        "Why &lt;script&gt; tags break the port's site"
    assert extract_html(_page(f'<meta property="og:title" content="{shown}"><title>x</title>')
                        ).title == "Why &lt;script&gt; tags break the port's site"
    # an entity the page decodes is decoded, once
    assert extract_html(_page("<title>Crane &amp; barge crews work on</title>")).title == \
        "Crane & barge crews work on"
    assert extract_html(_page("<title>Crane &amp;amp; barge crews work on</title>")).title == \
        "Crane &amp; barge crews work on"


def _feed_titles(tmp_path: Any, entries: str) -> list[str | None]:
    from storyline.clean.article import make_article
    from storyline.ingest.readers import read_feed
    from storyline.model import Article, RawDocument

    feed = tmp_path / "f.atom"
    feed.write_text('<?xml version="1.0" encoding="utf-8"?><feed '
                    'xmlns="http://www.w3.org/2005/Atom"><title>River Gazette</title>'
                    f"{entries}</feed>", encoding="utf-8")
    out = []
    for doc in read_feed(str(feed), feed):
        assert isinstance(doc, RawDocument)
        art = make_article(doc)
        assert isinstance(art, Article)
        out.append(art.title)
    return out


def test_feed_titles_are_decoded_by_the_feed_rules_only(tmp_path: Any) -> None:
    body = "".join(f"&lt;p&gt;{p}&lt;/p&gt;" for p in (
        "Engineers at the river port said on Monday that the old loading crane had failed.",
        "Dock workers unloaded the grain barges by hand through the night, a foreman said.",
        "The port office said a replacement crane would arrive from the coast within weeks."))

    def entry(n: int, title: str) -> str:
        return (f"<entry><id>urn:river:{n}</id><title{title}</title>"
                f'<content type="html">{body} ({n})</content></entry>')

    assert _feed_titles(tmp_path, "".join([
        entry(1, ' type="html">Crane &amp;amp;lt;3&amp;amp;gt; fails'),  # shows "&lt;3&gt;"
        entry(2, ' type="text">Crane &amp;lt;3&amp;gt; fails'),  # plain text, as written
        entry(3, ' type="html">Crane &lt;b&gt;fails&lt;/b&gt; &amp;amp; barges wait'),
    ])) == ["Crane &lt;3&gt; fails", "Crane &lt;3&gt; fails", "Crane fails & barges wait"]


def test_a_json_lines_title_is_decoded_once(tmp_path: Any) -> None:
    import json

    from storyline.clean.article import make_article
    from storyline.ingest.readers import read_jsonl
    from storyline.model import Article, RawDocument

    path = tmp_path / "a.jsonl"
    text = ("Engineers at the river port said on Monday that the old loading crane had "
            "failed again, and dock workers unloaded the grain barges by hand.")
    path.write_text("".join(json.dumps({"id": str(n), "title": t, "text": f"{text} ({n})"}) + "\n"
                            for n, t in enumerate(["Why &amp;lt;script&amp;gt; fails",
                                                   "Crane &amp; barges"])), "utf-8")
    titles = []
    for doc in read_jsonl(str(path), path):
        assert isinstance(doc, RawDocument)
        art = make_article(doc)
        assert isinstance(art, Article)
        titles.append(art.title)
    assert titles == ["Why &lt;script&gt; fails", "Crane & barges"]


# --- the legacy code page detector's letters are data, its margin a setting -------------

def test_code_page_letters_are_data_with_examples_and_the_margin_a_setting() -> None:
    import json
    from importlib.resources import files

    from storyline.config import setting
    from storyline.ingest import readers

    data = json.loads(files("storyline").joinpath("data/code_page_letters.json")
                      .read_text("utf-8"))
    for table in ("central_european", "western", "segment"):
        assert data[table]["example"] and data[table]["letters"]
    assert readers._CENTRAL_EUROPEAN_LETTERS["Czech"] == data["central_european"]["letters"]["Czech"]
    assert "ж" in readers._LANGUAGE_LETTERS["Cyrillic"] and "λ" in readers._LANGUAGE_LETTERS["Greek"]
    assert setting("clean", "segment_page_margin") == readers._SEGMENT_MARGIN == 3


def test_a_detected_code_page_is_named_as_people_name_it() -> None:
    from storyline.ingest.readers import decode_with_note

    russian = ("Военные обстреляли окраины города ночью, сообщили местные жители. "
               "По словам губернатора, погибли четыре человека, ещё девять ранены. ") * 3
    greek = ("Οι αρχές ανακοίνωσαν ότι συνελήφθησαν έξι άτομα μετά τα επεισόδια στην πόλη. "
             "Ο δήμαρχος ζήτησε ηρεμία και διάλογο με τους κατοίκους. ") * 3
    arabic = ("قصفت القوات الحكومية أحياء في شمال المدينة فجر اليوم بحسب شهود. "
              "وقال مسؤول في المستشفى إن خمسة مدنيين قتلوا وأصيب عشرون آخرون. ") * 3
    # (this Greek reads the same in ISO-8859-7 and windows-1253: either is right)
    for text, page, names in ((russian, "koi8_r", {"KOI8-R"}), (arabic, "cp1256", {"windows-1256"}),
                              (greek, "iso8859_7", {"ISO-8859-7", "windows-1253"})):
        got, note = decode_with_note(text.encode(page))
        assert got == text
        assert note in {f"not UTF-8: decoded as {n} (detected)" for n in names}, note


# --- an encoded word of an unknown charset: one coherent note -------------------------

def test_an_unknown_charset_note_says_what_was_done_once(tmp_path: Any) -> None:
    from storyline.model import RawDocument
    from tests.test_attack13_a import _eml, _read

    words = b"=?x-unheard-of?Q?Caf=E9_owners_protest?= and =?x-also-odd?Q?caf=C3=A9s?= close"
    [doc] = _read(_eml(tmp_path, words, 21))
    assert isinstance(doc, RawDocument)
    assert doc.given_title == "Café owners protest and cafés close"
    # the Latin-1 bytes were not read as UTF-8: the note must not say they were
    assert doc.notes == [
        "Subject: encoded word(s) in an unknown charset (x-unheard-of) are not UTF-8: "
        "decoded as CP1252 (Western European); Subject: encoded word(s) in an unknown "
        "charset (x-also-odd) read as UTF-8"], doc.notes


# --- Arabic and Hebrew segments inside a UTF-8 file are repaired on their letters -------

_EN = "Officials in the capital said on Tuesday that the talks would resume next week. "


def _mixed(segment: str, page: str) -> bytes:
    return (("Café owners — " + _EN).encode() + b"A witness wrote: " + segment.encode(page)
            + b". " + _EN.encode())


def test_arabic_and_hebrew_segments_in_utf8_are_read_in_their_pages() -> None:
    from storyline.ingest.readers import decode_with_note

    arabic = "وقال مسؤول في المستشفى إن خمسة مدنيين قتلوا وأصيب عشرون آخرون"
    hebrew = "הצבא הודיע היום על הפסקת אש בגבול הצפוני של המדינה"
    for segment, page, name in ((arabic, "cp1256", "CP1256 (Arabic)"),
                                (hebrew, "cp1255", "CP1255 (Hebrew)"),
                                (hebrew, "iso8859_8", "CP1255 (Hebrew)")):  # the same letters
        text, note = decode_with_note(_mixed(segment, page))
        assert text == "Café owners — " + _EN + "A witness wrote: " + segment + ". " + _EN
        assert note is not None and f"read as {name}, the rest as UTF-8" in note, note
        assert "may be wrong" not in note


def test_a_cyrillic_segment_is_still_cyrillic() -> None:
    from storyline.ingest.readers import decode_with_note

    russian = "Военные обстреляли окраины города ночью, сообщили местные жители"
    for page in ("cp1251", "koi8_r"):
        text, note = decode_with_note(_mixed(russian, page))
        assert russian in text, (page, note)
