"""Attack 18's decoding findings 3-7, 12 and 13: legacy code pages read for what they are.

Every text here is written for these tests (short invented news reports).
"""

from __future__ import annotations

from storyline.ingest.readers import decode_declared, decode_with_note

RUSSIAN = (
    "Военные обстреляли окраины города ночью, сообщили местные жители.\n\n"
    "По словам губернатора, погибли четыре человека, ещё девять ранены.\n\n"
    "Жители южного района провели ночь в подвалах и на станциях метро.\n\n"
    "Спасатели разбирают завалы жилого дома, где был пожар.\n\n"
    "Министерство обороны заявило, что ответит на удар в ближайшие дни.\n"
)
UKRAINIAN = (
    "Унаслідок нічного обстрілу міста загинули троє людей, повідомив голова області.\n\n"
    "Ще одинадцять поранених доставили до лікарні, серед них є діти.\n\n"
    "Пошкоджено школу, їдальню та кілька житлових будинків у центрі.\n\n"
    "Рятувальники працювали всю ніч, щоб загасити пожежу на складі.\n\n"
    "Міська рада оголосила суботу днем жалоби за загиблими.\n"
)
ARABIC = (
    "قصفت القوات الحكومية أحياء في شمال المدينة فجر اليوم بحسب شهود، وعيان.\n\n"
    "وقال مسؤول في المستشفى إن خمسة مدنيين قتلوا وأصيب عشرون آخرون.\n\n"
    "وفر مئات السكان إلى القرى المجاورة بعد انقطاع الكهرباء والماء.\n\n"
    "وطالبت منظمات الإغاثة بوقف إطلاق النار لإيصال المساعدات.\n\n"
    "ولم يصدر أي تعليق من وزارة الدفاع حتى مساء الثلاثاء.\n"
)
GREEK = (
    "Άνθρωποι συγκεντρώθηκαν στην πλατεία της πόλης για να διαμαρτυρηθούν.\n\n"
    "Άγνωστοι έβαλαν φωτιά σε δύο αυτοκίνητα της αστυνομίας το βράδυ.\n\n"
    "Οι αρχές ανακοίνωσαν ότι συνελήφθησαν έξι άτομα μετά τα επεισόδια.\n\n"
    "Ο δήμαρχος ζήτησε ηρεμία και διάλογο με τους κατοίκους της περιοχής.\n"
)
TURKISH = (
    "Güvenlik güçleri sınır köyünü bombaladı, iki kişi hayatını kaybetti.\n\n"
    "İçişleri Bakanlığı saldırının ardından bölgede sokağa çıkma yasağı ilan etti.\n\n"
    "Yaralılar şehir hastanesine kaldırıldı; doğu ilçelerinde okullar kapatıldı.\n"
)
ENGLISH = ("Troops entered the northern town on Monday after two days of shelling. "
           "Officials said the road to the airport was closed. ") * 5


def test_koi8r_russian_file_is_not_utf8_with_cp1252_segments() -> None:
    text, note = decode_with_note(RUSSIAN.encode("koi8_r"))
    assert text == RUSSIAN
    assert note is not None and "koi8" in note.lower() and "segment" not in note


def test_koi8u_ukrainian_file_is_read_as_koi8u() -> None:
    text, note = decode_with_note(UKRAINIAN.encode("koi8_u"))
    assert text == UKRAINIAN
    assert note is not None and "koi8" in note.lower()


def test_cp1256_arabic_file_is_read_as_cp1256() -> None:
    text, note = decode_with_note(ARABIC.encode("cp1256"))
    assert text == ARABIC
    assert note is not None and "windows-1256" in note  # the usual name, not the codec's


def test_koi8r_page_that_declares_utf8_is_read_as_koi8r() -> None:
    page = ("<html><head><meta charset='utf-8'><title>Обстрел</title></head><body><p>"
            + RUSSIAN.replace("\n\n", "</p><p>") + "</p></body></html>")
    text, note = decode_declared(page.encode("koi8_r"))
    assert text == page
    assert note is not None and "koi8" in note.lower()


def test_greek_iso8859_7_keeps_its_capital_alpha_with_tonos() -> None:
    text, note = decode_with_note(GREEK.encode("iso8859_7"))
    assert text == GREEK and "¶" not in text
    assert note is not None and "8859_7" in note.replace("-", "_")


def test_greek_cp1253_stays_cp1253() -> None:
    text, _ = decode_with_note(GREEK.encode("cp1253"))
    assert text == GREEK


def test_turkish_iso8859_9_is_read_by_its_letters() -> None:
    text, note = decode_with_note(TURKISH.encode("iso8859_9"))
    assert text == TURKISH
    assert note is not None and "ISO-8859-9" in note and "may be wrong" not in note


def test_utf16_mark_in_front_of_utf8_text_is_read_as_utf8() -> None:
    body = "Government report\n\nSudanese forces shelled the town; Café owners fled.\n" * 3
    text, note = decode_with_note(b"\xff\xfe" + body.encode())
    assert text == body
    assert note == "UTF-16 byte order mark, but not UTF-16: decoded as UTF-8"


def test_real_utf16_with_a_mark_is_still_utf16() -> None:
    body = "Sudanese forces shelled the town.\n"
    text, _ = decode_with_note(b"\xff\xfe" + body.encode("utf-16-le"))
    assert text == body


def test_cp1250_segment_before_a_utf8_body_keeps_the_body() -> None:
    czech = "Vojáci v noci ostřelovali město, zemřeli čtyři lidé.\n\n"
    body = "Café owners in the square fled “quickly”, a witness said.\n"
    text, note = decode_with_note(czech.encode("cp1250") + body.encode())
    assert text == czech + body
    assert note is not None and "CP1250" in note and "the rest as UTF-8" in note


def test_cp1251_sentence_in_an_english_article_is_cyrillic() -> None:
    quote = "Военные убили шесть мирных жителей, заявил прокурор."
    text, note = decode_with_note((ENGLISH + "\n\n").encode() + quote.encode("cp1251"))
    assert text == ENGLISH + "\n\n" + quote
    assert note is not None and "CP1251" in note


def test_iso8859_2_czech_sentence_in_an_english_article() -> None:
    quote = "Šest žen a dvě děti zemřely při útoku, řekl starosta Žďáru."
    text, note = decode_with_note((ENGLISH + "\n\n").encode() + quote.encode("iso8859_2"))
    assert text == ENGLISH + "\n\n" + quote
    assert note is not None and "ISO-8859-2" in note


def test_cp1250_tail_after_70_kb_of_ascii_is_read_as_cp1250() -> None:
    prefix = ENGLISH * (70_000 // len(ENGLISH) + 1)
    tail = "Malijští vojáci zabili šest civilistů u Gao."
    text, note = decode_with_note((prefix + "\n\n").encode() + tail.encode("cp1250"))
    assert text is not None and "\ufffd" not in text
    assert text.endswith(tail)
    # one letter (ů) of the five tells CP1250 from CP1252 here: read so, with a doubt
    assert note is not None and "CP1250" in note and "may be wrong" in note


def test_cp1252_german_sentence_stays_western() -> None:
    quote = "Die Bürger flohen über die Brücke, sagte der Bürgermeister."
    text, note = decode_with_note((ENGLISH + "\n\n").encode() + quote.encode("cp1252"))
    assert text == ENGLISH + "\n\n" + quote
    assert note == "not UTF-8: decoded as CP1252 (Western European)"
