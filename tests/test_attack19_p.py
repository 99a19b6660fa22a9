"""Attack 19's decoding and reading findings F3, F4, F5, F6, F8, F9, F14 and F15.

Every text here is written for these tests (short invented news reports).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from storyline.ingest.readers import decode_declared, read_file

GREEK = ("Ο δήμαρχος της πόλης συναντήθηκε χθες με τους αγρότες της περιοχής. "
         "Οι δύο πλευρές συμφώνησαν να συνεχίσουν τις συνομιλίες την επόμενη εβδομάδα.")
RUSSIAN = ("Мэр города встретился вчера с фермерами из соседних сёл. Стороны договорились "
           "продолжить переговоры на следующей неделе, сообщила пресс-служба.")
HEBREW = ("ראש העירייה נפגש אתמול עם החקלאים מהכפרים הסמוכים. הצדדים הסכימו להמשיך "
          "בשיחות בשבוע הבא, נמסר מלשכתו.")
TURKISH = ("Belediye başkanı dün köylerden gelen çiftçilerle görüştü. İki taraf "
           "görüşmelere gelecek hafta devam etmeyi kararlaştırdı, açıklamada şöyle denildi.")
FRENCH = ("Le maire a rencontré mercredi les agriculteurs des villages voisins. Les deux "
          "parties ont décidé de reprendre les négociations après les fêtes, a-t-il annoncé.")
GERMAN = ("Der Bürgermeister traf sich am Dienstag mit den Bauern aus den Dörfern. Beide "
          "Seiten wollen die Gespräche nächste Woche fortsetzen, hieß es aus dem Rathaus.")
SPANISH = ("El alcalde se reunió el miércoles con los agricultores de los pueblos cercanos. "
           "Ambas partes acordaron seguir con las conversaciones, según un comunicado oficial.")


def _page(label: str, text: str, *, meta: bool = True) -> str:
    head = f'<meta charset="{label}">' if meta else ""
    body = "".join(f"<p>{text} ({i})</p>" for i in range(4))
    return f"<html><head>{head}<title>Report</title></head><body>{body}</body></html>"


# -- F3: a declared Western charset the letters contradict -----------------------------------

@pytest.mark.parametrize(("text", "page", "name"), [
    (GREEK, "cp1253", "windows-1253"), (RUSSIAN, "cp1251", "windows-1251"),
    (HEBREW, "cp1255", "windows-1255"), (TURKISH, "cp1254", "ISO-8859-9 (Turkish)")])
@pytest.mark.parametrize("label", ["windows-1252", "iso-8859-1"])
def test_a_western_meta_charset_over_another_script_is_read_by_its_letters(
        text: str, page: str, name: str, label: str) -> None:
    decoded, note = decode_declared(_page(label, text).encode(page))
    assert decoded is not None and text in decoded
    assert note == f"not UTF-8: declared {label} by the page, read as {name} by its letters"


@pytest.mark.parametrize(("text", "page"), [(GREEK, "cp1253"), (RUSSIAN, "cp1251")])
def test_a_western_http_charset_over_another_script_is_read_by_its_letters(
        text: str, page: str) -> None:
    data = _page("", text, meta=False).encode(page)
    decoded, note = decode_declared(data, "text/html; charset=ISO-8859-1")
    assert decoded is not None and text in decoded
    assert note is not None and note.startswith("not UTF-8: declared ISO-8859-1 by the page, read as")


def test_a_message_declaring_latin1_over_greek_is_read_by_its_letters() -> None:
    decoded, note = decode_declared(GREEK.encode("cp1253"), "charset=iso-8859-1", markup=False,
                                    declarer="the message")
    assert decoded == GREEK
    assert note == ("not UTF-8: declared iso-8859-1 by the message, read as windows-1253 "
                    "by its letters")


@pytest.mark.parametrize("text", [FRENCH, GERMAN, SPANISH])
@pytest.mark.parametrize("label", ["windows-1252", "iso-8859-1"])
def test_a_western_page_correctly_declared_keeps_its_declaration(text: str, label: str) -> None:
    decoded, note = decode_declared(_page(label, text).encode("cp1252"))
    assert decoded is not None and text in decoded
    assert note == "not UTF-8: decoded as cp1252 (declared by the page)"


def test_a_lying_declaration_in_an_html_file_gives_the_right_text(tmp_path: Path) -> None:
    path = tmp_path / "p.html"
    path.write_bytes(_page("windows-1252", RUSSIAN).replace(
        "Report", "Мэр встретился с фермерами").encode("cp1251"))
    (doc,) = read_file("p.html", path)
    content = getattr(doc, "content", "")
    assert "<title>Мэр встретился с фермерами</title>" in content and RUSSIAN in content


# -- F4: ISO-8859-15 told from CP1252 by its € and œ bytes ---------------------------------

LATIN9_FRENCH = ("Le conseil régional a voté mardi un budget de 40 millions d'€ pour les écoles. "
                 "Les œuvres du musée seront prêtées à Lyon, a précisé la présidente.\n\n"
                 "Le coût des travaux dépasse 12 €, par élève et par an, selon le rapport.\n")
EURO_ONLY = ("Council approves €40 million for schools\n\n"
             "The regional council voted on Tuesday to spend €40 million on new schools, "
             "a spokesman said. The money comes on top of €12 million approved last year.\n")


@pytest.mark.parametrize("text", [LATIN9_FRENCH, EURO_ONLY])
def test_latin9_text_is_read_as_latin9(text: str) -> None:
    from storyline.ingest.readers import decode_with_note

    decoded, note = decode_with_note(text.encode("iso8859_15"))
    assert decoded == text
    assert note == "not UTF-8: decoded as ISO-8859-15 (Western European, chosen by its € / œ bytes)"


def test_latin9_text_declared_latin1_is_read_as_latin9() -> None:
    decoded, note = decode_declared(_page("iso-8859-1", LATIN9_FRENCH).encode("iso8859_15"))
    assert decoded is not None and LATIN9_FRENCH in decoded
    assert note == "not UTF-8: declared iso-8859-1 by the page, read as ISO-8859-15 by its € / œ bytes"


@pytest.mark.parametrize("data", [
    "Le coût a baissé de 2½ points, à 40 millions, a précisé la présidente.".encode("cp1252"),
    "Les œuvres coûtent 40 € à Lyon ; le musée a précisé que la présidente viendra.".encode(
        "cp1252"),
    FRENCH.encode("cp1252")])
def test_cp1252_text_stays_cp1252(data: bytes) -> None:
    from storyline.ingest.readers import decode_with_note

    decoded, note = decode_with_note(data, "cp1252")
    assert decoded == data.decode("cp1252")
    assert note == "not UTF-8: decoded as cp1252 (declared by the page)"
    if b"\xbd" in data:  # a fraction by a digit is no œ
        assert decode_with_note(data) == (decoded, "not UTF-8: decoded as CP1252 (Western European)")


# -- F8 / F9: a byte order mark that lies about what follows it ---------------------------

STORY = ("Flooding closes the coast road\n\n"
         "Heavy rain flooded the coast road near the harbour on Sunday, and the police closed "
         "it to traffic for the night. Two villages were cut off until the water went down, "
         "the district office said. Crews began clearing mud and fallen trees on Monday "
         "morning, and the road is expected to reopen by Wednesday.\n")


@pytest.mark.parametrize(("bom", "enc"), [("\ufeff".encode("utf-32-le"), "utf-16-le"),
                                          ("\ufeff".encode("utf-32-be"), "utf-16-be")])
def test_utf16_text_behind_a_utf32_mark_is_read_as_utf16(
        bom: bytes, enc: str, tmp_path: Path) -> None:
    from storyline.ingest.readers import decode_with_note

    data = bom + STORY.encode(enc)
    assert decode_with_note(data) == (
        STORY, f"UTF-32 byte order mark, but not UTF-32: decoded as {enc.upper()}")
    (tmp_path / "s.txt").write_bytes(data)
    (doc,) = read_file("s.txt", tmp_path / "s.txt")
    assert getattr(doc, "content", "").strip() == STORY.strip()


@pytest.mark.parametrize("enc", ["utf-32-le", "utf-32-be", "utf-16-le", "utf-16-be"])
def test_text_behind_a_true_mark_is_read_by_it(enc: str) -> None:
    from storyline.ingest.readers import decode_with_note

    text, note = decode_with_note(("\ufeff" + STORY).encode(enc))
    assert text == STORY and note is not None and "(byte order mark)" in note


def test_utf8_json_lines_behind_a_utf16_mark_are_read_as_items(tmp_path: Path) -> None:
    import codecs
    import json

    lines = [{"id": f"r{i}", "title": f"Road report {i}", "text": STORY, "outlet": "Coast News",
              "published": f"2024-05-0{i}"} for i in (1, 2)]
    path = tmp_path / "r.jsonl"
    path.write_bytes(codecs.BOM_UTF16_LE + "".join(
        json.dumps(x, ensure_ascii=False) + "\n" for x in lines).encode("utf-8"))
    docs = list(read_file("r.jsonl", path))
    assert [getattr(d, "given_title", None) for d in docs] == ["Road report 1", "Road report 2"]
    assert [getattr(d, "given_published", None) for d in docs] == ["2024-05-01", "2024-05-02"]
    assert docs[0].notes == ["UTF-16 byte order mark, but not UTF-16: decoded as UTF-8"]
    assert "holds plain text" not in " ".join(docs[1].notes)


# -- F5: an e-mail is an e-mail whatever its MIME structure -------------------------------

def _related(sender: str, extra: str = "") -> bytes:
    body = "".join(f"<p>{STORY.splitlines()[2]} ({i})</p>" for i in range(3))
    return (f"From: {sender}\nSubject: Coast road closed\nDate: Wed, 08 May 2024 09:30:00 +0000\n"
            f"{extra}MIME-Version: 1.0\nContent-Type: multipart/related; boundary=XY\n\n--XY\n"
            "Content-Type: text/html; charset=utf-8\n\n<html><head><title>Road page</title>"
            f"</head><body>{body}</body></html>\n--XY\nContent-Type: image/png\n"
            "Content-Transfer-Encoding: base64\n\niVBORw0KGgo=\n--XY--\n").encode()


@pytest.mark.parametrize("name", ["news.eml", "news.mht"])
def test_a_related_email_gives_its_subject_and_date(name: str, tmp_path: Path) -> None:
    (tmp_path / name).write_bytes(_related("Desk <desk@coast.example>"))
    (doc,) = read_file(name, tmp_path / name)
    assert getattr(doc, "given_title", None) == "Coast road closed"
    assert getattr(doc, "given_published", None) == "2024-05-08"


@pytest.mark.parametrize(("sender", "extra"), [
    ("<Saved by Blink>", ""), ("desk@coast.example", "Snapshot-Content-Location: http://c.example/r\n"),
    ("", "")])
def test_a_page_a_browser_saved_keeps_no_date(sender: str, extra: str, tmp_path: Path) -> None:
    data = _related(sender, extra)
    if not sender:
        data = data.replace(b"From: \n", b"")
    (tmp_path / "page.mht").write_bytes(data)
    (doc,) = read_file("page.mht", tmp_path / "page.mht")
    assert getattr(doc, "given_published", "x") is None and getattr(doc, "given_title", "x") is None


# -- F15 / F14: a feed item with a stray end tag; a link with entities --------------------

PARAGRAPHS = [
    "Heavy rain flooded the coast road near the harbour on Sunday, the police said.",
    "Two villages were cut off until the water went down, the district office said.",
    "Crews began clearing mud and fallen trees on Monday, and the road should reopen soon.",
]


def _feed(content: str, link: str = "http://coast.example/r1", extra: str = "") -> bytes:
    return ('<?xml version="1.0"?><rss version="2.0"><channel><title>Coast News</title>'
            f"<link>http://coast.example/</link><item><title>Road closed</title><link>{link}</link>"
            f"<pubDate>Wed, 08 May 2024 09:30:00 GMT</pubDate><description><![CDATA[{content}]]>"
            f"</description></item>{extra}</channel></rss>").encode()


@pytest.mark.parametrize("stray", ["</script>", "</SCRIPT >", "</style>"])
def test_a_feed_item_with_a_stray_end_tag_keeps_its_paragraphs(stray: str, tmp_path: Path) -> None:
    content = (f"<p>{PARAGRAPHS[0]}{stray}<script>var x = 1;</script></p>"
               + "".join(f"<p>{p}</p>" for p in PARAGRAPHS[1:]))
    (tmp_path / "f.xml").write_bytes(_feed(content))
    (doc,) = read_file("f.xml", tmp_path / "f.xml")
    text = getattr(doc, "content", "")
    assert all(p in text for p in PARAGRAPHS) and "var x" not in text


@pytest.mark.parametrize("extra", ["", "<item><title>Fish & chips</title></item>"])
def test_a_feed_link_with_entities_is_unescaped_once(extra: str, tmp_path: Path) -> None:
    content = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    (tmp_path / "f.xml").write_bytes(_feed(
        content, "http://coast.example/r1?q=&quot;&gt;&lt;b&gt;&amp;n=2", extra))
    doc = next(iter(read_file("f.xml", tmp_path / "f.xml")))
    assert getattr(doc, "url", None) == 'http://coast.example/r1?q="><b>&n=2'


# -- F6: of two copies of one text, the dated one's metadata is stored --------------------

def _copy(path: Path, date: str | None, **given: str | None) -> Any:
    from storyline.model import Article, Published

    published = (Published(date=date, source="input", earliest=date, latest=date) if date
                 else Published(date=None, source="none"))
    return Article(id="c1", input_id=given.get("input_id"), path=str(path), url=None,
                   outlet=given.get("outlet"), title=given.get("title"), dateline=None,
                   text="The coast road reopened on Wednesday after the floods.", language="en",
                   published=published, position=given.get("position"))


@pytest.mark.parametrize("runs", [1, 2])
def test_a_dated_copy_read_after_an_undated_one_gives_the_stored_metadata(
        runs: int, tmp_path: Path) -> None:
    from storyline.store.db import Store

    plain, lines, feed = tmp_path / "0.txt", tmp_path / "a.jsonl", tmp_path / "z.rss"
    for p in (plain, lines, feed):
        p.write_text("x", "utf-8")
    undated = _copy(plain, None)
    dated = _copy(lines, "2024-05-08", input_id="w1", outlet="Coast News", position="line 1")
    other = _copy(feed, "2024-05-09", position="item 1")
    with Store(tmp_path / "s.duckdb") as store:
        batches = [[undated, dated, other]] if runs == 1 else [[undated], [dated, other]]
        for batch in batches:
            store.write_batch(batch, [], [(a.path, Path(a.path), 1) for a in batch],
                              store.new_run())
        (stored,) = list(store.articles())
        assert (stored.published.date, stored.outlet, stored.input_id, stored.path) == (
            "2024-05-08", "Coast News", "w1", str(lines))
        assert store.conflicts == [
            f"{feed} (item 1): the same article (the same text) as {lines} (line 1), which is "
            "stored dated 2024-05-08; the date given here, 2024-05-09, is not used"]
        assert store.count_articles() == 1
