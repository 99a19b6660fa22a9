"""What the tenth attack (issue 15) found in the pipeline, the store, the config, the
dates and the cleaning: a stored file damaged in place lost its articles, a bad
STORYLINE_CONFIG crashed a run, a too-deep input tree stopped it as if the disk were
full, a lead paragraph shared by JSON Lines items was cut as furniture, years from 2100
were cut from dates, one giant sentence took minutes, ``--out`` equal to the input read
nothing and an empty input path read the current folder. Each test fails on the code
before the fix."""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path

import pytest

from tests.news import article, jsonl_line


def _run(inputs: list[str], out: Path, warnings: list[str] | None = None):
    from storyline.pipeline import Options, run

    return run(inputs, out, options=Options(progress=False),
               log=(warnings.append if warnings is not None else None))


def _stored_ids(out: Path) -> set[str]:
    return {json.loads(x)["input_id"]
            for x in (out / "articles.jsonl").read_text("utf-8").splitlines()}


def _bump(path: Path) -> None:
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))


@pytest.mark.parametrize("damage", ["empty", "binary", "broken_line", "gz_truncated",
                                    "empty_page", "one_broken_of_two"])
def test_a_stored_file_damaged_in_place_keeps_its_stored_articles(
        tmp_path: Path, damage: str) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    (src / "a.txt").write_text("Border talks\n\n" + article(9), "utf-8")
    wire = src / ("wire.jsonl.gz" if damage == "gz_truncated" else "wire.jsonl")
    lines = "".join(json.dumps(jsonl_line(n)) + "\n" for n in (1, 2))
    if damage == "gz_truncated":
        wire.write_bytes(gzip.compress(lines.encode()))
    else:
        wire.write_text(lines, "utf-8")
    _run([str(src)], out)
    assert _stored_ids(out) == {None, "wire-1", "wire-2"}

    if damage == "empty":
        wire.write_bytes(b"")
    elif damage == "binary":
        wire.write_bytes(bytes(range(256)) * 20)
    elif damage == "broken_line":
        wire.write_text('{"text": "broken\n', "utf-8")
    elif damage == "gz_truncated":
        wire.write_bytes(wire.read_bytes()[:40])
    elif damage == "empty_page":
        wire.write_text("<html><body></body></html>", "utf-8")
    else:  # the first record still read, the second one now broken
        wire.write_text(json.dumps(jsonl_line(1)) + '\n{"text": "broken\n', "utf-8")
    _bump(wire)
    said: list[str] = []
    summary = _run([str(src)], out, said)
    assert _stored_ids(out) == {None, "wire-1", "wire-2"}, said
    assert summary.articles_replaced == 0 and summary.articles_total == 3
    kept = [w for w in said if "could not be read this time" in w]
    missing = 2 if damage != "one_broken_of_two" else 1
    assert kept == [f"warning: {wire} could not be read this time; its {missing} stored "
                    "article(s) are kept"], said
    # the file is not recorded as read: the next run says it again, and keeps them again
    said.clear()
    _run([str(src)], out, said)
    assert _stored_ids(out) == {None, "wire-1", "wire-2"}
    assert any("could not be read this time" in w for w in said), said


def test_a_file_edited_into_other_good_articles_still_replaces_them(tmp_path: Path) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    wire = src / "wire.jsonl"
    wire.write_text("".join(json.dumps(jsonl_line(n)) + "\n" for n in (1, 2)), "utf-8")
    _run([str(src)], out)
    wire.write_text(json.dumps(jsonl_line(3)) + "\n", "utf-8")
    _bump(wire)
    summary = _run([str(src)], out)
    assert _stored_ids(out) == {"wire-3"} and summary.articles_replaced == 2


def _news_folder(tmp_path: Path) -> Path:
    src = tmp_path / "in"
    src.mkdir(exist_ok=True)
    (src / "wire.jsonl").write_text(json.dumps(jsonl_line(1)) + "\n", "utf-8")
    return src


@pytest.mark.parametrize("content", ['[stories]\nthreshold = "high"\n', "[stories\n", None])
def test_a_bad_storyline_config_is_one_error_line_before_the_run(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        content: str | None) -> None:
    from storyline.cli import main

    bad = tmp_path / "bad.toml"
    if content is not None:
        bad.write_text(content, "utf-8")
    monkeypatch.setenv("STORYLINE_CONFIG", str(bad))
    out = tmp_path / "out"
    assert main(["run", str(_news_folder(tmp_path)), "--out", str(out), "--quiet"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("error: "), err
    assert str(bad) in err[0] and "STORYLINE_CONFIG" in err[0]
    assert not out.exists()


def test_config_option_wins_over_a_bad_storyline_config(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
        ) -> None:
    from storyline import config
    from storyline.cli import main

    bad, good = tmp_path / "bad.toml", tmp_path / "good.toml"
    bad.write_text('[stories]\nthreshold = "high"\n', "utf-8")
    good.write_text("[stories]\nthreshold = 0.5\n", "utf-8")
    monkeypatch.setenv("STORYLINE_CONFIG", str(bad))
    assert config.setting("stories", "threshold") == "high"  # read before the option
    out = tmp_path / "out"
    assert main(["run", str(_news_folder(tmp_path)), "--out", str(out), "--quiet",
                 "--config", str(good)]) == 0, capsys.readouterr().err
    assert config.setting("stories", "threshold") == 0.5
    assert (out / "articles.jsonl").exists()


def test_the_api_refuses_a_bad_storyline_config(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    from storyline.config import ConfigError

    bad = tmp_path / "bad.toml"
    bad.write_text("[stories]\nthreshold = [1]\n", "utf-8")
    monkeypatch.setenv("STORYLINE_CONFIG", str(bad))
    with pytest.raises(ConfigError, match="STORYLINE_CONFIG"):
        _run([str(_news_folder(tmp_path))], tmp_path / "out")


def _deep_file(top: Path, depth: int, text: str) -> None:
    """A file ``depth`` folders of 21-character names under ``top`` (made through folder
    descriptors: its whole path is past the system's limit)."""
    fd = os.open(top, os.O_RDONLY)
    try:
        for i in range(depth):
            name = "d" + str(i % 10) * 20
            os.mkdir(name, dir_fd=fd)
            inner = os.open(name, os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = inner
        out = os.open("deep.txt", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd)
        os.write(out, text.encode())
        os.close(out)
    finally:
        os.close(fd)


def test_an_input_path_past_the_length_limit_is_skipped_and_the_run_goes_on(
        tmp_path: Path) -> None:
    src = _news_folder(tmp_path)
    _deep_file(src, 250, "Deep story\n\n" + article(5))  # about 5,500 characters
    said: list[str] = []
    summary = _run([str(src)], tmp_path / "out", said)
    assert _stored_ids(tmp_path / "out") == {"wire-1"}
    skipped = [w for w in said if w.startswith("warning: skipped ")]
    assert len(skipped) == 1 and skipped[0].endswith(
        "cannot be opened: File name too long (not read)"), said
    assert summary.skipped == {"cannot be opened": 1}


def test_an_error_that_is_not_a_full_disk_gives_no_advice_to_wait_for_room(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
        ) -> None:
    import errno

    import storyline.pipeline
    from storyline.cli import main

    def fails(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENAMETOOLONG, "File name too long", "in/x.txt")

    monkeypatch.setattr(storyline.pipeline, "run", fails)
    assert main(["run", str(_news_folder(tmp_path)), "--out", str(tmp_path / "o")]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err == ["error: in/x.txt: File name too long; what was stored is kept"], err


LEAD = ("Rebel fighters shelled the market town of Oruma on Monday, killing 9 traders, the "
        "regional governor said in a statement.")


def _given(tmp_path: Path, texts: list[str]) -> list:
    """The articles (or skips) of a JSON Lines file of ``texts``, cleaned as a run
    cleans them: with the lines that recur across the file."""
    from storyline.clean.article import make_article
    from storyline.clean.repetition import InputRepetition
    from storyline.ingest.readers import read_file

    path = tmp_path / "updates.jsonl"
    path.write_text("".join(json.dumps({"id": f"u{i}", "text": t}) + "\n"
                            for i, t in enumerate(texts)), "utf-8")
    furniture = InputRepetition().boilerplate_for(str(path), path)
    out = []
    for raw in read_file(str(path), path):
        raw.boilerplate = furniture
        out.append(make_article(raw))
    return out


@pytest.mark.parametrize("n", [5, 30])
def test_a_lead_paragraph_shared_by_json_lines_items_is_kept_in_each(
        tmp_path: Path, n: int) -> None:
    from storyline.model import Article

    texts = [LEAD + "\n\n" + f"In the village of Ka{chr(97 + i % 26)}{chr(97 + i // 26)}ra, residents "
             "said the homes were burnt and the clinic was closed by the fighting." for i in range(n)]
    arts = _given(tmp_path, texts)
    assert all(isinstance(a, Article) for a in arts), arts
    assert all(a.text.startswith(LEAD) for a in arts), [a.text[:80] for a in arts]


def test_json_lines_items_of_one_repeated_text_and_a_short_tag_are_not_furniture(
        tmp_path: Path) -> None:
    from storyline.model import Article

    base = LEAD + " The neighbouring state condemned the attack and called for talks."
    arts = _given(tmp_path, [f"{base} B{i}" for i in range(24)])
    assert all(isinstance(a, Article) and a.text.startswith(LEAD) for a in arts), arts[:2]


def test_recurring_menu_lines_of_json_lines_pages_are_still_cut(tmp_path: Path) -> None:
    from storyline.model import Article

    menu = "Home | World | Business | Markets | Sport | Opinion"
    texts = [menu + "\n\n" + article(i) for i in range(6)]
    arts = _given(tmp_path, texts)
    assert all(isinstance(a, Article) and "Markets" not in a.text for a in arts)


@pytest.mark.parametrize(("sentence", "text", "value"), [
    ("The talks ended on 31 December 2100.", "31 December 2100", "2100-12-31"),
    ("The talks ended on December 31, 2100.", "December 31, 2100", "2100-12-31"),
    ("The talks ended on 31 December 2099.", "31 December 2099", "2099-12-31"),
    ("The lease was signed in March 2100.", "March 2100", "2100-03"),
])
def test_a_date_in_the_year_2100_keeps_its_year(sentence: str, text: str, value: str) -> None:

    from storyline.annotate.times import find_times

    found = [(t.text, t.value) for t in find_times(sentence, "1950-06-01")]
    assert found == [(text, value)], found


@pytest.mark.parametrize("sentence", ["The treaty expires on 1 January 2101.",
                                      "The treaty expires on January 1, 2250.",
                                      "The lease runs until March 2150."])
def test_a_date_past_2100_gives_no_value_rather_than_the_reference_year(sentence: str) -> None:

    from storyline.annotate.times import find_times

    found = [(t.text, t.value) for t in find_times(sentence, "1950-06-01")]
    assert not any(v for _, v in found), found


def test_out_set_to_the_input_folder_reads_the_news_in_it_and_not_the_outputs(
        tmp_path: Path) -> None:
    src = _news_folder(tmp_path)
    (src / "a.txt").write_text("Border talks\n\n" + article(7), "utf-8")
    first = _run([str(src)], src)
    assert first.files == 2 and first.articles_new == 2
    said: list[str] = []
    again = _run([str(src)], src, said)
    assert again.articles_new == 0 and again.articles_total == 2, said
    assert not any(w.startswith("warning: skipped") for w in said), said
    assert (src / "articles.jsonl").read_text("utf-8").count("\n") == 2


def test_out_set_to_a_subfolder_of_news_reads_its_articles(tmp_path: Path) -> None:
    src = _news_folder(tmp_path)
    (src / "2025").mkdir()
    (src / "2025" / "a.txt").write_text("Border talks\n\n" + article(8), "utf-8")
    summary = _run([str(src)], src / "2025")
    assert summary.articles_new == 2


@pytest.mark.parametrize("inputs", [[""], ["  "], ["in", ""]])
def test_an_empty_input_path_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                        inputs: list[str]) -> None:
    import storyline
    from storyline.checks import OptionError

    _news_folder(tmp_path)
    monkeypatch.chdir(tmp_path)
    with pytest.raises(OptionError, match="an empty input path"):
        storyline.run(inputs if len(inputs) > 1 else inputs[0], tmp_path / "out")
    assert not (tmp_path / "out" / "storyline.duckdb").exists()


def test_the_cli_refuses_an_empty_input_path_with_one_line(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    from storyline.cli import main

    _news_folder(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert main(["run", "", "--out", "out"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("error: an empty input path"), err


def test_one_folder_spelt_several_ways_is_read_once(tmp_path: Path) -> None:
    src = _news_folder(tmp_path)
    spellings = [str(src), str(src) + "/", str(src / "." ), str(src / ".." / "in")]
    summary = _run(spellings, tmp_path / "out")
    assert summary.files == 1 and summary.documents == 1


CLAUSE = ("Rebel fighters shelled positions near Kora{n} on Monday, killing 4 herders, the "
          "district officer said on Tuesday in a statement read on the radio")


def test_a_giant_sentence_is_cut_at_commas_into_bounded_pieces() -> None:
    from storyline.config import setting
    from storyline.text.sentences import sentence_spans

    text = "Giant sentence\n" + ", and ".join(CLAUSE.format(n=i) for i in range(150)) + "."
    spans = sentence_spans(text)
    most = int(setting("annotate", "max_sentence_chars"))
    assert len(spans) > 10 and max(b - a for a, b in spans) <= most
    assert all(text[b - 1] in ",." for _, b in spans[1:])  # cut after a comma
    # together the pieces are the whole text, less the spaces between them
    assert "".join(text[a:b] for a, b in spans).replace(" ", "") == \
        text.replace("\n", "").replace(" ", "")


def test_the_parse_of_a_giant_sentence_keeps_the_cuts() -> None:
    from storyline.annotate.stage import annotate_article
    from storyline.config import setting
    from storyline.model import Article, Published

    text = ", and ".join(CLAUSE.format(n=i) for i in range(60)) + "."
    art = Article(id="g", input_id="g", path="g.txt", url=None, outlet=None, title=None,
                  dateline=None, published=Published("2025-03-04", "given"), text=text,
                  language="en")
    ann = annotate_article(art)
    assert max(b - a for a, b in ann.sentences) <= int(setting("annotate", "max_sentence_chars"))
    assert ann.events  # still coded


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_named_pipe_is_skipped_and_not_counted_as_a_file_read(tmp_path: Path) -> None:
    src = _news_folder(tmp_path)
    os.mkfifo(src / "feed.jsonl")
    said: list[str] = []
    summary = _run([str(src)], tmp_path / "out", said)
    assert summary.files == 1 and summary.documents == 1, summary
    assert summary.skipped == {"not a regular file": 1}
    assert any("feed.jsonl: not a regular file" in w for w in said), said
