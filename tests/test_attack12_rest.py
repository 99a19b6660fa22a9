"""What the ninth attack (issue 15) found in the readers and the normalisation: XML of
no kind we read, a JSON array on a JSON Lines line, stacked combining marks, an element
with absurdly many attributes, mbox files, bad base64 in an e-mail, a deleted working
folder, a page made big by its scripts, tag and bidi characters, and look-alike letters
inside Latin names. Each test fails on the code before the fix."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.news import article


def _read(path: Path) -> list:
    from storyline.ingest.readers import read_documents

    return list(read_documents([str(path)]))


@pytest.mark.parametrize(("name", "text", "root"), [
    ("subs.opml", '<?xml version="1.0"?>\n<opml version="2.0"><head><title>Feeds</title>'
                  '</head><body><outline text="World" xmlUrl="https://example.com/w.rss"/>'
                  "</body></opml>\n", "opml"),
    ("harbour.kml", '<kml xmlns="http://www.opengis.net/kml/2.2"><Document><Placemark>'
                    "<name>Harbour</name><description>{body}</description></Placemark>"
                    "</Document></kml>\n", "kml"),
    ("notes.txt", '<?xml version="1.0" encoding="utf-8"?>\n<record><body>{body}</body>'
                  "</record>\n", "record"),
])
def test_xml_of_no_kind_we_read_is_one_warning_not_an_article(
        tmp_path: Path, name: str, text: str, root: str) -> None:
    from storyline.model import Rejected

    path = tmp_path / name
    path.write_text(text.replace("{body}", article(1)), "utf-8")
    [item] = _read(path)
    assert isinstance(item, Rejected), item
    assert item.reason == ("XML document, not an article we can read (no feed, no HTML page; "
                           f"its root element is <{root}>): not read")


def test_text_that_opens_with_a_bracketed_word_is_still_text(tmp_path: Path) -> None:
    from storyline.model import RawDocument

    path = tmp_path / "wire.story"
    path.write_text("<Reuters> " + article(2), "utf-8")
    [item] = _read(path)
    assert isinstance(item, RawDocument) and item.kind == "text"


def test_a_json_lines_file_whose_first_line_is_an_array_keeps_every_record(
        tmp_path: Path) -> None:
    from storyline.model import RawDocument, Rejected

    path = tmp_path / "batch.jsonl"
    first = json.dumps([{"id": "a", "text": article(3)}, {"id": "b", "text": article(4)}, 7])
    rest = [json.dumps({"id": "c", "text": article(5)}), "[]"]
    path.write_text("\n".join([first, *rest]) + "\n", "utf-8")
    items = _read(path)
    docs = [i for i in items if isinstance(i, RawDocument)]
    assert [d.input_id for d in docs] == ["a", "b", "c"]
    assert [d.position for d in docs] == ["line 1 item 1", "line 1 item 2", "line 2"]
    assert docs[0].notes == ["line 1 is a JSON array of 3 values, not one object: each "
                             "object in it read as a record"]
    assert docs[1].notes == [] and docs[2].notes == []
    assert [(r.path, r.reason) for r in items if isinstance(r, Rejected)] == [
        (f"{path}:1#3", "JSON item is not an object (int)"),
        (f"{path}:3", "JSON line is an empty array, not an object")]


def _zalgo(text: str, every: int = 1) -> str:
    """Each ``every``-th letter of ``text`` under a pile of five combining marks."""
    piles = ["\u0334\u0355\u0317\u031f\u0352", "\u0310\u0361\u0329\u0347\u0300",
             "\u035b\u0316\u0330\u0344\u0309"]
    out, n = [], 0
    for ch in text:
        out.append(ch)
        if ch.isalpha():
            n += 1
            if n % every == 0:
                out.append(piles[n % 3])
    return "".join(out)


def _clean(content: str, kind: str = "text"):
    from storyline.ingest.guard import Noted, clean_document
    from storyline.model import Article, RawDocument

    got = clean_document(RawDocument(path="in.txt", kind=kind, content=content,  # type: ignore[arg-type]
                                     given_text=True))
    item, notes = (got.item, got.notes) if isinstance(got, Noted) else (got, [])
    assert isinstance(item, Article), item
    return item, notes


def test_zalgo_marks_are_removed_and_the_language_stays_english() -> None:
    plain = article(6) + "\n\nThe minister had told reporters in Bogotá: \"on a re\u0301pondu.\""
    text, notes = _clean(_zalgo(plain, every=2))
    assert text.text == plain  # every pile gone, both accents kept as written
    assert text.language == "en"
    assert [n for n in notes if "zalgo" in n] == [
        f"removed {5 * sum(c.isalpha() for c in plain) // 2:,} stacked combining marks "
        "(more than 2 on one letter: zalgo text)"]


def test_accents_of_real_languages_are_not_zalgo() -> None:
    from storyline.ingest.validate import drop_stacked_marks

    for text in ("Hà Nội: Vie\u0323\u0302t Nam", "Zoë Brontë in Kraków", "re\u0301pondu",
                 "Ελληνικά ά\u0308"):
        assert drop_stacked_marks(text) == (text, 0)


def test_bidi_controls_and_tag_characters_leave_the_text_with_one_warning() -> None:
    hidden = ("Police in Kar\u202esa\u202c detained twelve protesters\U000e0069\U000e0067"
              "\U000e006e\U000e006f\U000e0072\U000e0065 on Monday, Ahmed \u2066Karimi\u2069 said.")
    text, notes = _clean(hidden + "\n\n" + article(7))
    assert text.text.startswith("Police in Karsa detained twelve protesters on Monday, "
                                "Ahmed Karimi said.")
    assert not any("\u202a" <= c <= "\u202e" or "\u2066" <= c <= "\u2069"
                   or "\U000e0000" <= c <= "\U000e007f" for c in text.text)
    assert [n for n in notes if n.startswith("removed")] == [
        "removed 10 bidi control or tag characters (invisible, they reorder or hide text)"]



def test_an_element_with_100000_attributes_is_read_in_seconds() -> None:
    import time

    crowded = " ".join(f'data-k{i}="v"' for i in range(100_000))
    page = ("<html><head><title>Port talks</title></head><body>"
            f"<div {crowded}>Share</div><article>"
            + "".join(f"<p>{p}</p>" for p in article(9).split("\n\n")) + "</article></body></html>")
    start = time.monotonic()
    text, notes = _clean(page, "html")
    assert time.monotonic() - start < 30  # 86 s before
    assert "Kenya and Tanzania agreed" in text.text
    assert ("99,500 attributes dropped from 1 element with more than 500 (no page needs "
            "them; they make the HTML parser crawl)") in notes


def test_attributes_are_bounded_per_element_and_a_normal_page_is_unchanged() -> None:
    from storyline.clean.markup import bound_attributes

    page = '<p class="lead" id=x data-a=\'1\' hidden>Envoys met.</p><img src="a.jpg" alt="x"/>'
    assert bound_attributes(page) == (page, None)
    assert bound_attributes(page, 2) == ('<p class="lead" id=x>Envoys met.</p>'
                                         '<img src="a.jpg" alt="x"/>',
                                         "2 attributes dropped from 1 element with more than 2 "
                                         "(no page needs them; they make the HTML parser crawl)")


def _mail(n: int, body: str, extra: str = "") -> str:
    return (f"From: desk{n}@news.example.org\nTo: editors@example.org\n"
            f"Subject: Border update {n}\nDate: Mon, 13 May 2024 10:0{n}:00 +0000\n"
            f"{extra}\n{body}\n")


@pytest.mark.parametrize("name", ["desk.mbox", "desk-mail"])
def test_each_message_of_a_mailbox_is_its_own_document(tmp_path: Path, name: str) -> None:
    from storyline.model import RawDocument

    path = tmp_path / name
    def body(n: int) -> str:  # a line of text that opens with "From " is no new message
        return article(20 + n) + "\nFrom the port, trucks left at dawn."

    path.write_text("".join(f"From desk{n}@news.example.org Mon May 13 10:0{n}:00 2024\n"
                            + _mail(n, body(n)) + "\n" for n in range(1, 4)), "utf-8")
    items = _read(path)
    assert all(isinstance(i, RawDocument) for i in items), items
    assert [(d.position, d.given_title, d.given_published) for d in items] == [
        (f"message {n}", f"Border update {n}", "2024-05-13") for n in range(1, 4)]
    assert [d.content.strip() for d in items] == [body(n) for n in range(1, 4)]
    assert all(d.notes == [] for d in items)


def test_an_eml_saved_with_its_mailbox_line_is_still_one_message(tmp_path: Path) -> None:
    from storyline.model import RawDocument

    path = tmp_path / "one.eml"
    path.write_text("From desk1@news.example.org Mon May 13 10:01:00 2024\n"
                    + _mail(1, article(30)), "utf-8")
    [doc] = _read(path)
    assert isinstance(doc, RawDocument) and doc.position is None and doc.notes == []
    assert doc.given_title == "Border update 1" and doc.content.strip() == article(30)


@pytest.mark.parametrize("cut", [1, 2, 3])
def test_base64_of_a_bad_length_is_decoded_leniently(tmp_path: Path, cut: int) -> None:
    import base64

    from storyline.model import RawDocument

    body = article(31)
    encoded = base64.b64encode(body.encode("utf-8")).decode("ascii")
    lines = [encoded[i:i + 76] for i in range(0, len(encoded), 76)]
    text = "\n".join(lines)[:-cut]
    path = tmp_path / "bad.eml"
    path.write_text(_mail(1, text, "Content-Type: text/plain; charset=utf-8\n"
                                   "Content-Transfer-Encoding: base64\n"), "utf-8")
    [doc] = _read(path)
    assert isinstance(doc, RawDocument)
    assert body.startswith(doc.content[:-3]) and len(doc.content) >= len(body) - 3
    [note] = doc.notes
    assert note.startswith("base64 body of a bad length (its padding wrong or its end cut): "
                           "decoded leniently")


def _from_deleted_folder(tmp_path: Path, args: list[str]):
    import os
    import subprocess
    import sys

    import storyline

    gone = tmp_path / "gone"
    gone.mkdir()
    env = dict(os.environ, PYTHONPATH=str(Path(storyline.__file__).resolve().parents[1]))
    script = 'cd "$1" && rm -rf "$1" && shift && exec "$@"'
    return subprocess.run(["sh", "-c", script, "sh", str(gone), sys.executable, "-m",
                           "storyline.cli", *args], capture_output=True, text=True,
                          timeout=600, env=env, check=False)


def test_a_run_from_a_deleted_folder_works_with_absolute_paths(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"text": article(40), "published": "2025-03-25"}) + "\n", "utf-8")
    out = tmp_path / "out"
    proc = _from_deleted_folder(tmp_path, ["run", str(src), "--out", str(out), "--quiet"])
    assert proc.returncode == 0, proc.stderr
    assert "room" not in proc.stderr
    assert (out / "articles.jsonl").read_text("utf-8").strip()


def test_a_relative_path_from_a_deleted_folder_is_one_accurate_line(tmp_path: Path) -> None:
    proc = _from_deleted_folder(tmp_path, ["run", "news", "--out", str(tmp_path / "out")])
    assert proc.returncode == 2
    assert proc.stderr.splitlines() == [
        "error: the current directory no longer exists, so 'news' names nothing: change to "
        "a folder that exists, or give absolute paths"]


def test_a_page_made_big_by_its_scripts_and_styles_is_read(tmp_path: Path) -> None:
    from storyline.ingest.readers import MAX_DOCUMENT_BYTES
    from storyline.model import RawDocument

    style = "<style>" + ".promo-box{margin:0 auto;padding:4px}\n" * 90_000 + "</style>"
    script = "<script>" + "window.ads.push({slot: 'top', size: [728, 90]});\n" * 60_000 + "</script>"
    ld = '<script type="application/ld+json">{"datePublished": "2025-03-25"}</script>'
    page = (f"<html><head><title>Border talks</title>{style}{ld}</head><body>{script}"
            "<!-- " + "tracking pixel " * 1000 + "--><article>"
            + "".join(f"<p>{p}</p>" for p in article(41).split("\n\n"))
            + "</article></body></html>")
    path = tmp_path / "big.html"
    path.write_text(page, "utf-8")
    assert path.stat().st_size > MAX_DOCUMENT_BYTES
    [doc] = _read(path)
    assert isinstance(doc, RawDocument), doc
    assert "<style>" not in doc.content and "window.ads" not in doc.content
    assert ld in doc.content and "Kenya and Tanzania agreed" in doc.content
    [note] = doc.notes
    assert note.startswith(f"page of {path.stat().st_size:,} bytes is mostly inline scripts, "
                           "styles and comments: read without them (")
    text, _ = _clean(doc.content, "html")
    assert text.published.date == "2025-03-25" and "Kenya and Tanzania" in text.text


def test_a_page_big_with_text_is_still_too_large(tmp_path: Path) -> None:
    from storyline.model import Rejected

    path = tmp_path / "huge.html"
    path.write_text("<html><body>" + "<p>Talks went on in Arusha late into the night.</p>"
                    * 120_000 + "<script>x()</script></body></html>", "utf-8")
    [item] = _read(path)
    assert isinstance(item, Rejected)
    assert item.reason.startswith("too large for one article (") and "without its scripts" in item.reason


LOOKALIKE = ("President Recep Tayyip Erd\u043egan flew to \u041coscow on Monday for talks with "
             "Russian officials about grain shipments across the Black Sea, his office said. "
             "Erd\u043egan met the Russian president in the Kremlin, and the two leaders "
             "agreed to meet again in \u041coscow next month.")


def test_latin_names_with_lookalike_letters_are_found_at_their_offsets() -> None:
    from storyline.annotate.stage import annotate_article

    text, notes = _clean(LOOKALIKE)
    assert text.text == LOOKALIKE  # kept as written
    assert notes == ["4 words mixing Latin with look-alike Cyrillic or Greek letters "
                     "('Erd\u043egan', '\u041coscow'): read as Latin by the annotators (the "
                     "text keeps them as written)"]
    ann = annotate_article(text)
    moscow = [p for p in ann.places if p.name == "Moscow"]
    assert [text.text[p.start:p.end] for p in moscow] == ["\u041coscow"] * 2
    erdogan = [a for a in ann.actors if a.actor.id == "erdogan_recep_tayyip"]
    assert len(erdogan) == 2
    assert text.text[erdogan[1].start:erdogan[1].end] == "Erd\u043egan"


@pytest.mark.parametrize("word", ["\u041c\u043e\u0441\u043a\u0432\u0430", "\u0391\u03b8\u03ae\u03bd\u03b1", "\u0421\u0421\u0421\u0420x", "Zoë"])
def test_words_of_other_scripts_are_not_folded(word: str) -> None:
    from storyline.text.lookalikes import fold_lookalikes

    assert fold_lookalikes(f"Talks in {word} resumed.") == (f"Talks in {word} resumed.", [])
