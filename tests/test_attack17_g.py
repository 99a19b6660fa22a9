"""Findings 3, 4 and 6 of the fourteenth black-box attack (issue 15): serial headlines
taken for furniture, format characters that hid words from ``code`` and ``times``, and
CP1252 text behind a UTF-8 byte order mark. Every input here is invented for the test;
each test fails on the code before the fix."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

# -- 4: a folder of files whose title lines share a template keeps every title ---------

_PLACES = ["Gao", "Kidal", "Timbuktu", "Mopti", "Segou", "Menaka"]
_WHAT = ["the cattle market", "a bus station", "the river ferry", "an army post",
         "the grain store", "a health centre"]
_FOOTER = ("Sahel Wire Agency desks in Niamey and Bamako cover the whole region for you "
           "every day")


def _serial_folder(folder: Path, n: int, title: str) -> list[str]:
    folder.mkdir()
    titles = []
    for i in range(n):
        place, what = _PLACES[i % len(_PLACES)], _WHAT[(i * 5 + 1) % len(_WHAT)]
        t = title.format(i + 1)
        titles.append(t)
        (folder / f"r{i}.txt").write_text(
            f"{t}\n\nGunmen on motorbikes attacked {what} in {place} on Monday, killing "
            f"{i + 3} people and wounding {i + 7} others, local officials said.\n\n"
            f"Residents of {place} said the attackers burned {i + 10} stalls before they "
            f"fled north, and the governor asked {i + 40} soldiers to guard {what} after "
            f"a night of fear in {place}.\n\n{_FOOTER}\n", "utf-8")
    return titles


def _articles(inputs: list[str], out: Path) -> list[dict]:
    from storyline.api import run

    run(inputs, out)
    return [json.loads(x) for x in (out / "articles.jsonl").read_text("utf-8").splitlines()]


@pytest.mark.parametrize(("n", "title"), [(3, "Sahel report {}"),
                                          (6, "Live: Mali war day {}0, what we know")])
def test_serial_title_lines_are_titles_not_furniture(tmp_path: Path, n: int, title: str,
                                                     ) -> None:
    titles = _serial_folder(tmp_path / "in", n, title)
    got = _articles([str(tmp_path / "in")], tmp_path / "out")
    assert len(got) == n
    assert sorted(a["title"] or "" for a in got) == sorted(titles)
    # the footer every file shares is still the outlet's furniture (a file alone keeps it)
    assert not any("Sahel Wire Agency desks" in a["text"] for a in got)
    alone = _articles([str(tmp_path / "in" / "r0.txt")], tmp_path / "alone")
    assert "Sahel Wire Agency desks" in alone[0]["text"] and alone[0]["title"] == titles[0]


# -- 3: format characters inside words: `code` and `times` read text as `run` does ------

_HIDDEN_IN = ["shel\u00adled", "shelled\u200b", "shel\u200dled", "shel\u2060led",
              "\ufeffshelled", "\u202eshelled\u202c", "shelled\U000e0041"]


@pytest.mark.parametrize("verb", _HIDDEN_IN)
def test_code_finds_the_event_behind_a_format_character(verb: str) -> None:
    from storyline.api import Record, code_records

    coded = next(code_records([Record(f"Rebels {verb} Gao on Monday.", "r1", "2024-05-08")]))
    assert [e.type for e in coded.events] == ["ASSAULT"]
    # the offsets are those of the text given back (the one coded)
    assert coded.text == "Rebels shelled Gao on Monday."
    mention = coded.events[0].mentions[0]
    assert coded.text[mention.start:mention.end] == mention.quote
    assert mention.trigger is not None
    assert coded.text[mention.trigger.start:mention.trigger.end] == mention.trigger.text == (
        "shelled")


def test_times_finds_dates_behind_format_characters_at_the_file_offsets(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from storyline.annotate.times import times_command

    text = ("Troops shelled Gao on Mon\u00adday and again on 4\u200b May.\n"
            "Talks resume on Fri\u200cday, 9 May, and the envoy left on \u202eSunday\u202c.\n")
    path = tmp_path / "t.txt"
    path.write_text(text, "utf-8")
    assert times_command(str(path), "2024-05-08") == 0
    out, err = capsys.readouterr()
    got = [json.loads(x) for x in out.splitlines()]
    values = {t["value"] for t in got}
    assert {"2024-05-06", "2024-05-04", "2024-05-09"} <= values
    for t in got:
        assert text[t["start"]:t["end"]] == t["text"]
    assert "bidi control" in err  # said, as `run` says it


# -- 6: CP1252 behind a UTF-8 byte order mark: read as it would be without the mark ------

_CP_TITLE = "Gao attack: caf\u00e9 owners speak"
_CP_BODY = ("Soldiers entered the caf\u00e9 quarter of Gao on Monday, and Jos\u00e9 "
            "Ram\u00edrez said the \u201ctruce\u201d was over \u2014 for now.")


def test_cp1252_behind_a_utf8_bom_keeps_its_letters(tmp_path: Path) -> None:
    from storyline.ingest.readers import decode_with_note, read_file
    from storyline.model import RawDocument

    text = f"{_CP_TITLE}\n\n{_CP_BODY}\n"
    got, note = decode_with_note(b"\xef\xbb\xbf" + text.encode("cp1252"))
    assert got == text and "\ufffd" not in got
    assert note is not None and "CP1252" in note and "byte order mark" in note
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("cp1252"))
    docs = [d for d in read_file(str(path), path) if isinstance(d, RawDocument)]
    assert len(docs) == 1 and "Ram\u00edrez" in docs[0].content


def test_utf8_with_cp1252_pasted_in_behind_a_bom_is_repaired_per_segment() -> None:
    from storyline.ingest.readers import decode_with_note

    data = (b"\xef\xbb\xbf" + f"{_CP_TITLE}\n\n".encode("cp1252")
            + f"{_CP_BODY}\n".encode())
    got, note = decode_with_note(data)
    assert got == f"{_CP_TITLE}\n\n{_CP_BODY}\n"
    assert note is not None and "mixed encodings" in note
    # a clean UTF-8 file with a mark is still read without a word
    assert decode_with_note(b"\xef\xbb\xbf" + _CP_BODY.encode("utf-8")) == (_CP_BODY, None)


def test_a_masthead_every_file_starts_with_is_still_furniture(tmp_path: Path) -> None:
    from storyline.clean.article import make_article
    from storyline.clean.repetition import InputRepetition
    from storyline.model import Article, RawDocument

    folder = tmp_path / "in"
    _serial_folder(folder, 4, "Sahel report {}")
    for p in folder.iterdir():
        p.write_text("The Sahel Daily Courier of Niamey\n\n" + p.read_text("utf-8"), "utf-8")
    path = folder / "r1.txt"
    text = path.read_text("utf-8")
    furniture = InputRepetition().boilerplate_for(str(path), path)
    made = make_article(RawDocument(str(path), kind="text", content=text, boilerplate=furniture))
    alone = make_article(RawDocument(str(path), kind="text", content=text))
    assert isinstance(made, Article) and isinstance(alone, Article)
    assert "Daily Courier" not in (made.title or "") + made.text
