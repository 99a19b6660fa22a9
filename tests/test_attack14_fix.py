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


# -- 15h: every numeric value has a range ---------------------------------------------------


def _numeric_settings(table: dict[str, object], prefix: str = "") -> list[str]:
    out: list[str] = []
    for key, value in table.items():
        if isinstance(value, dict):
            out += _numeric_settings(value, prefix + key + ".")
        elif isinstance(value, int | float) and not isinstance(value, bool):
            out.append(prefix + key)
    return out


def test_every_numeric_setting_has_a_range_that_holds_its_default() -> None:
    from storyline.config import _defaults, _limits

    limits = _limits()
    defaults = _defaults()
    for name in _numeric_settings(defaults):
        table: object = limits
        value: object = defaults
        for part in name.split("."):
            table = table.get(part) if isinstance(table, dict) else None
            value = value[part]  # type: ignore[index]
        assert isinstance(table, list) and len(table) == 2, f"{name} has no range"
        assert table[0] <= value <= table[1], name  # type: ignore[operator]


@pytest.mark.parametrize("toml, what", [
    ("[stories]\nwindow_days = 1e308\n", "stories.window_days"),
    ("[stories]\nwindow_days = 99999999999999999999\n", "stories.window_days"),
    ("[clean]\nmax_symbol_run = 0\n", "clean.max_symbol_run"),
    ("[merge]\nundated_days = 1e12\n", "merge.undated_days"),
    ("[timeline]\nevent_bonus = 1e300\n", "timeline.event_bonus"),
])
def test_a_huge_or_zero_setting_is_refused(tmp_path: Path, toml: str, what: str) -> None:
    from storyline.config import ConfigError, check_config

    path = tmp_path / "c.toml"
    path.write_text(toml, "utf-8")
    with pytest.raises(ConfigError, match=rf"{what} = .* must be from"):
        check_config(path)


@pytest.mark.parametrize("flag, value, words", [
    ("--workers", "١", "--workers"),
    ("--timeline-dates", "٣", "--timeline-dates"),
    ("--min-confidence", "١", "--min-confidence"),
    ("--timeline-dates", "99999999999999999999", "at most 100000"),
    ("--timeline-sentences", "100000", "at most 1000"),
])
def test_numeric_options_need_ascii_digits_and_a_sane_size(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], flag: str, value: str,
        words: str) -> None:
    from storyline.cli import main

    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("Border talks\n\n" + article(5), "utf-8")
    try:
        rc = main(["run", str(src), "--out", str(tmp_path / "out"), "--quiet", flag, value])
    except SystemExit as exc:  # argparse's own error
        rc = int(exc.code or 0)
    assert rc == 2
    err = capsys.readouterr().err
    assert words in err and "Traceback" not in err
    assert not (tmp_path / "out" / "storyline.duckdb").exists()


def test_the_api_refuses_a_huge_timeline_count(tmp_path: Path) -> None:
    import storyline
    from storyline.checks import OptionError

    with pytest.raises(OptionError, match="timeline_dates must be at most"):
        storyline.run([str(tmp_path)], tmp_path / "out", timeline_dates=10**20)


def test_code_takes_a_date_object() -> None:
    import datetime as dt

    import storyline

    text = "Rebels shelled the town of Basra on Monday."
    by_object = storyline.code(text, date=dt.date(2024, 5, 8))
    by_text = storyline.code(text, date="2024-05-08")
    assert by_object == by_text
    assert by_object and by_object[0].date is not None
    assert by_object[0].date.start == "2024-05-06"


# -- 15i: the API's errors are OptionError --------------------------------------------------


@pytest.mark.parametrize("text", [None, 123, b"Rebels shelled the town.", ["a", "b"]])
def test_code_of_a_non_string_is_an_option_error(text: object) -> None:
    import storyline
    from storyline.checks import OptionError

    with pytest.raises(OptionError, match="text must be a str") as caught:
        storyline.code(text)  # type: ignore[arg-type]
    assert isinstance(caught.value, TypeError)  # what older callers caught


def test_an_unknown_run_option_is_an_option_error(tmp_path: Path) -> None:
    import storyline
    from storyline.checks import OptionError

    with pytest.raises(OptionError, match="unknown option 'bogus'"):
        storyline.run([str(tmp_path)], tmp_path / "out", bogus=1)
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("records", [None, 123])
def test_code_records_of_a_non_iterable_is_an_option_error(records: object) -> None:
    import storyline
    from storyline.checks import OptionError

    with pytest.raises(OptionError, match="records must be an iterable"):
        storyline.code_records(records)  # type: ignore[arg-type]


# -- a year past 2100 dates nothing ---------------------------------------------------------


@pytest.mark.parametrize("sentence, when", [
    ("Rebels shelled the border town on 1 January 2101.", "1 January 2101"),
    ("Sudan and Ethiopia will sign the border treaty on 1 January 2101.", "1 January 2101"),
    ("The army attacked the village in March 2150.", "March 2150"),
])
def test_an_event_on_a_day_past_2100_is_undated_not_dated_at_the_article(
        sentence: str, when: str) -> None:
    import storyline

    [event] = storyline.code(sentence, date="2024-05-08")
    assert event.date is not None
    assert event.date.start is None and event.date.end is None
    assert event.date.text == when


def test_an_event_on_the_last_day_of_2100_keeps_its_date() -> None:
    import storyline

    [event] = storyline.code("Rebels shelled the border town on 31 December 2100.",
                             date="2024-05-08")
    assert event.date is not None and event.date.start == "2100-12-31"


def test_times_prints_no_value_for_a_day_past_2100(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from storyline.annotate.times import OUT_OF_RANGE, find_times
    from storyline.cli import main

    text = "The treaty expires on 1 January 2101; talks ended on 31 December 2100."
    [late, last] = find_times(text, "2024-05-08")
    assert (late.text, late.value) == ("1 January 2101", OUT_OF_RANGE)
    assert last.value == "2100-12-31"
    path = tmp_path / "t.txt"
    path.write_text(text, "utf-8")
    assert main(["times", str(path), "--dct", "2024-05-08"]) == 0
    lines = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert [x["value"] for x in lines] == ["2100-12-31"]


# -- 15j: a symlink loop gets a warning -----------------------------------------------------


def test_a_symlink_loop_in_an_input_folder_is_one_warning(tmp_path: Path) -> None:
    from storyline.pipeline import Options, run

    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    (src / "sub" / "a.txt").write_text("Border talks\n\n" + article(11), "utf-8")
    (src / "sub" / "loop").symlink_to("..")
    said: list[str] = []
    summary = run([str(src)], tmp_path / "out", options=Options(progress=False),
                  log=said.append)
    assert summary.articles_new == 1  # read once, not through the loop
    loops = [w for w in said if "symbolic link" in w]
    assert len(loops) == 1, said
    assert "sub/loop" in loops[0] and "loop" in loops[0] and "not followed" in loops[0]


def test_a_link_to_a_folder_elsewhere_is_named_as_not_followed(tmp_path: Path) -> None:
    from storyline.pipeline import Options, run

    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("Border talks\n\n" + article(12), "utf-8")
    other = tmp_path / "other"
    other.mkdir()
    (other / "b.txt").write_text("Border talks\n\n" + article(13), "utf-8")
    (src / "more").symlink_to(other)
    said: list[str] = []
    run([str(src)], tmp_path / "out", options=Options(progress=False), log=said.append)
    [warning] = [w for w in said if "symbolic link" in w]
    assert "a folder elsewhere: more" in warning


# -- an input named like an output, in a folder that is also --out -------------------------


def _own_news(tmp_path: Path) -> Path:
    src = tmp_path / "news"
    src.mkdir()
    (src / "a.txt").write_text("Border talks\n\n" + article(21), "utf-8")
    return src


def test_an_input_named_articles_jsonl_in_the_out_folder_is_refused_not_overwritten(
        tmp_path: Path) -> None:
    from storyline.outfiles import OutputError
    from storyline.pipeline import Options, run

    src = _own_news(tmp_path)
    mine = json.dumps(jsonl_line(22)) + "\n"
    (src / "articles.jsonl").write_text(mine, "utf-8")
    with pytest.raises(OutputError,
                       match=r"holds articles\.jsonl, an input of this run that its store"):
        run([str(src)], src, options=Options(progress=False), log=lambda m: None)
    assert (src / "articles.jsonl").read_text("utf-8") == mine
    assert sorted(p.name for p in src.iterdir()) == ["a.txt", "articles.jsonl"]


def test_a_file_named_like_an_output_added_after_a_run_is_refused(tmp_path: Path) -> None:
    from storyline.outfiles import OutputError
    from storyline.pipeline import Options, run

    src = _own_news(tmp_path)
    run([str(src)], src, options=Options(progress=False), log=lambda m: None)
    again = run([str(src)], src, options=Options(progress=False), log=lambda m: None)
    assert again.articles_total == 1  # its own outputs are its own: rerun as before
    (src / "stories.jsonl").write_text(json.dumps(jsonl_line(23)) + "\n", "utf-8")
    before = (src / "events.jsonl").read_bytes()
    with pytest.raises(OutputError, match=r"stories\.jsonl"):
        run([str(src)], src, options=Options(progress=False), log=lambda m: None)
    assert json.loads((src / "stories.jsonl").read_text("utf-8"))["id"] == "wire-23"
    assert (src / "events.jsonl").read_bytes() == before


def test_the_cli_refuses_with_one_line_and_exit_2(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from storyline.cli import main
    from tests.news import one_line_error

    src = _own_news(tmp_path)
    (src / "report.html").write_text("<html><body>my notes</body></html>", "utf-8")
    assert main(["run", str(src), "--out", str(src), "--quiet"]) == 2
    one_line_error(capsys, "report.html", "another --out")
    assert (src / "report.html").read_text("utf-8") == "<html><body>my notes</body></html>"


def test_an_output_folder_outside_the_inputs_is_still_overwritten(tmp_path: Path) -> None:
    from storyline.pipeline import Options, run

    src = _own_news(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    (out / "articles.jsonl").write_text("old\n", "utf-8")
    run([str(src)], out, options=Options(progress=False), log=lambda m: None)
    assert json.loads((out / "articles.jsonl").read_text("utf-8").splitlines()[0])["id"]


def test_code_records_refuses_a_huge_batch_size() -> None:
    import storyline
    from storyline.api import Record
    from storyline.checks import OptionError

    with pytest.raises(OptionError, match="batch_size must be at most 4096"):
        storyline.code_records([Record("Rebels shelled the town.", None, None)],
                               batch_size=10**20)


def test_an_input_file_given_by_name_in_the_out_folder_is_not_overwritten(
        tmp_path: Path) -> None:
    from storyline.outfiles import OutputError
    from storyline.pipeline import Options, run

    out = tmp_path / "out"
    out.mkdir()
    mine = json.dumps(jsonl_line(24)) + "\n"
    (out / "events.jsonl").write_text(mine, "utf-8")
    with pytest.raises(OutputError, match=r"events\.jsonl"):
        run([str(out / "events.jsonl")], out, options=Options(progress=False),
            log=lambda m: None)
    assert (out / "events.jsonl").read_text("utf-8") == mine
