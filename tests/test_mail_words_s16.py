"""E-mail subjects: an encoded word that does not decode is kept as written, with a note;
one in an unknown charset whose bytes are not UTF-8 reads as the legacy page they fit
(session 16; the fourteenth attack's finding 5)."""

from __future__ import annotations

from pathlib import Path

from tests.test_attack13_a import _eml, _read


def test_an_encoded_word_that_is_no_base64_is_kept_as_written(tmp_path: Path) -> None:
    from storyline.model import RawDocument

    words = b"=?utf-8?B?!!!notbase64?= and =?x-unheard-of?Q?caf=E9?= talks"
    [doc] = _read(_eml(tmp_path, words, 9))
    assert isinstance(doc, RawDocument)
    assert doc.given_title is not None
    assert "=?utf-8?B?!!!notbase64?=" in doc.given_title
    assert "café talks" in doc.given_title and "\ufffd" not in doc.given_title
    assert any("do not decode kept as written" in n for n in doc.notes), doc.notes


def test_an_encoded_word_whose_bytes_are_not_its_charset_is_kept(tmp_path: Path) -> None:
    from storyline.model import RawDocument

    [doc] = _read(_eml(tmp_path, b"=?utf-8?Q?Gao_=FF=FE_talks?= resume", 10))
    assert isinstance(doc, RawDocument)
    assert doc.given_title == "=?utf-8?Q?Gao_=FF=FE_talks?= resume"
    assert any("kept as written" in n for n in doc.notes)
