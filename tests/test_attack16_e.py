"""What the thirteenth attack (issue 15, storyline issue 16 part E) found: a file whose
name is not valid UTF-8 looked "no longer present" in the very run that read it (and
``--prune-missing`` dropped its articles), a file-level warning was folded into "N more
warnings like the above", thousands of empty files printed a line each, ``run … | head
-1`` exited 1, and ``code`` decoded CP1252 input otherwise than ``run``. Each test fails
on the code before the fix."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.news import article
from tests.test_attack15_c import _articles, _run

# -- 1: a name that is not UTF-8 is a present file like any other ---------------------

def _write(folder: Path, name: bytes, text: str) -> bytes:
    path = os.path.join(os.fsencode(folder), name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(text)
    return path


def _absent_lines(warnings: list[str]) -> list[str]:
    return [w for w in warnings if "no longer present" in w]


def test_files_named_in_latin1_are_never_missing_nor_pruned(tmp_path: Path) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    _write(src, b"caf\xe9.txt", article(1))
    _write(src, b"bad\xff\xfe.txt", article(2))
    _write(src, b"plain.txt", article(3))
    _write(src, b"dossier\xe9/inner.txt", article(4))  # a whole folder named in Latin-1
    for prune in (False, False, True):
        warnings: list[str] = []
        _run([str(src)], out, prune=prune, warnings=warnings)
        assert _absent_lines(warnings) == [], warnings
        assert len(_articles(out)) == 4
    warnings = []
    summary = _run([str(src)], out, warnings=warnings)
    assert summary.files_reused == 4  # none read again after the prune run: none dropped
    assert any("caf\\xe9.txt" in str(a["path"]) for a in _articles(out))


def test_a_latin1_named_file_really_deleted_is_still_pruned(tmp_path: Path) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    gone = _write(src, b"caf\xe9.txt", article(1))
    _write(src, b"plain.txt", article(2))
    _run([str(src)], out)
    os.unlink(gone)
    warnings: list[str] = []
    _run([str(src)], out, warnings=warnings)
    assert any("caf\\xe9.txt" in w for w in _absent_lines(warnings)), warnings
    _run([str(src)], out, prune=True)
    assert len(_articles(out)) == 1


def test_a_latin1_named_file_from_another_run_is_not_taken_as_deleted(
        tmp_path: Path) -> None:
    # read by one run, then the folder given again with only another file new: the
    # stored escaped name is looked up by its real bytes
    src, out = tmp_path / "in", tmp_path / "out"
    _write(src, b"caf\xe9.txt", article(1))
    _run([str(src)], out)
    _write(src, b"later.txt", article(2))
    warnings: list[str] = []
    _run([str(src / "later.txt"), str(src)], out, prune=True, warnings=warnings)
    assert _absent_lines(warnings) == [] and len(_articles(out)) == 2


def test_an_escaped_stored_name_is_looked_up_by_its_real_bytes(tmp_path: Path) -> None:
    from storyline.pipeline import _escaped_exists, safe_display

    _write(tmp_path, b"caf\xe9.txt", article(1))
    stored, renamed = safe_display(os.fsdecode(os.path.join(os.fsencode(tmp_path),
                                                            b"caf\xe9.txt")))
    assert renamed and not os.path.lexists(stored)
    assert _escaped_exists(stored)
    assert not _escaped_exists(stored.replace("caf", "cafe"))


@pytest.mark.parametrize("name", [b"back\\x41slash.txt"])
def test_a_name_holding_a_backslash_x_is_looked_up_as_it_is(tmp_path: Path,
                                                             name: bytes) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    _write(src, name, article(1))
    for prune in (False, True):
        warnings: list[str] = []
        _run([str(src)], out, prune=prune, warnings=warnings)
        assert _absent_lines(warnings) == [] and len(_articles(out)) == 1


# -- 3: a file cut short is always said, whatever came before it --------------------

def _cut_gzip(path: Path, lines: list[str]) -> None:
    import gzip

    packed = gzip.compress(("\n".join(lines) + "\n").encode("utf-8"), compresslevel=1)
    path.write_bytes(packed[: len(packed) * 2 // 3])


def test_a_truncation_after_many_line_warnings_is_printed_not_folded(tmp_path: Path) -> None:
    from storyline.ingest.validate import MAX_WARNINGS_PER_FILE

    bad = [json.dumps({"id": f"b{i}", "text": "x y z"}) for i in range(MAX_WARNINGS_PER_FILE + 1)]
    good = [json.dumps({"id": f"g{i}", "text": article(i)}) for i in range(60)]
    feed = tmp_path / "wire.jsonl.gz"
    _cut_gzip(feed, bad + good)
    warnings: list[str] = []
    summary = _run([str(feed)], tmp_path / "out", warnings=warnings)
    cut = [w for w in warnings if "truncated or corrupt compressed file" in w]
    assert len(cut) == 1, warnings
    # the line warnings are still folded, and the truncation is none of those held back
    folded = [w for w in warnings if "like the above not shown" in w]
    assert folded and ": 1 more warning like the above" in folded[0], warnings
    assert summary.skipped["truncated or corrupt compressed file"] == 1


def test_file_level_reasons_are_told_from_line_reasons() -> None:
    from storyline.ingest.guard import file_level

    assert file_level("truncated or corrupt compressed file: ended early")
    assert file_level("trailing garbage after the compressed data: 12 bytes ignored")
    assert not file_level("no article text (no word of two letters)")
    assert not file_level("too short to be a news article (12 words)")


# -- 6: thousands of files skipped for one reason are not thousands of lines ----------

def test_many_empty_files_are_named_up_to_a_few_then_counted(tmp_path: Path) -> None:
    from storyline.config import setting

    named = int(setting("run", "files_named_per_skip", 10))
    src = tmp_path / "in"
    src.mkdir()
    for i in range(named + 7):
        (src / f"blank{i:03}.txt").write_bytes(b"")
    (src / "story.txt").write_text(article(1), "utf-8")
    warnings: list[str] = []
    summary = _run([str(src)], tmp_path / "out", warnings=warnings)
    skips = [w for w in warnings if w.startswith("warning: skipped ") and "blank" in w]
    assert len(skips) == named, warnings
    rest = [w for w in warnings if "more input files skipped like the above" in w]
    assert len(rest) == 1 and rest[0].startswith("warning: 7 more "), warnings
    assert sum(summary.skipped.values()) == named + 7  # every one counted
    assert len(_articles(tmp_path / "out")) == 1


def test_a_few_skipped_files_are_each_named_and_lines_are_not_folded_across_files(
        tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    for i in range(3):
        (src / f"blank{i}.txt").write_bytes(b"")
    for i in range(12):  # a bad line in each of 12 files: each is named (one per file)
        (src / f"wire{i:02}.jsonl").write_text(
            json.dumps({"id": "x", "text": "x y z"}) + "\n"
            + json.dumps({"id": f"a{i}", "text": article(i)}) + "\n", "utf-8")
    warnings: list[str] = []
    _run([str(src)], tmp_path / "out", warnings=warnings)
    assert len([w for w in warnings if "blank" in w]) == 3
    assert len([w for w in warnings if "wire" in w and "(line 1)" in w]) == 12, warnings
    assert not [w for w in warnings if "more input files skipped" in w]


# -- twelfth attack, item 3: run … 2>&1 | head -1 --------------------------------------

def test_a_summary_on_a_closed_pipe_is_a_broken_pipe_not_an_exit() -> None:
    import io

    from storyline.pipeline import Summary
    from storyline.summary import SummaryConsole, print_summary

    class Gone(io.StringIO):
        def write(self, text: str) -> int:
            raise BrokenPipeError(32, "Broken pipe")

    with pytest.raises(BrokenPipeError):  # rich's own console raised SystemExit(1)
        print_summary(Summary(), SummaryConsole(file=Gone()))


def test_run_through_head_1_exits_0_with_its_outputs(tmp_path: Path) -> None:
    import subprocess
    import sys

    import storyline

    lines = [json.dumps({"id": f"b{i}", "text": "x y z"}) for i in range(3)]
    lines.append(json.dumps({"id": "a1", "text": article(1)}))
    (tmp_path / "in.jsonl").write_text("\n".join(lines) + "\n", "utf-8")
    env = {**os.environ, "PYTHONPATH": str(Path(storyline.__file__).resolve().parents[1])}
    # the warnings come first: head has gone long before the summary is printed
    cmd = (f"'{sys.executable}' -m storyline.cli run in.jsonl --out o 2>&1 | head -1 "
           "> /dev/null; exit ${PIPESTATUS[0]}")
    proc = subprocess.run(["bash", "-c", cmd], cwd=tmp_path, env=env, timeout=600)
    assert proc.returncode == 0
    assert len(_articles(tmp_path / "o")) == 1


# -- 8: code decodes a legacy code page as run and times do ---------------------------

CP1252_LINE = ("The caf\u00e9 owner said rebels attacked the market on Monday, "
               "\u201cwithout warning\u201d.\n").encode("cp1252")


def test_code_reads_cp1252_as_times_does(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    from storyline.cli import main

    src = tmp_path / "legacy.txt"
    src.write_bytes(CP1252_LINE)
    assert main(["code", str(src), "--dct", "2025-03-12"]) == 0
    out, err = capsys.readouterr()
    record = json.loads(out.splitlines()[0])
    assert record["text"] == CP1252_LINE.decode("cp1252").rstrip("\n")
    assert "\ufffd" not in out
    assert "decoded as CP1252" in err and "U+FFFD" not in err
    assert main(["times", str(src), "--dct", "2025-03-12"]) == 0
    assert "decoded as CP1252" in capsys.readouterr().err


def test_code_still_replaces_what_no_decoder_reads(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    from storyline.cli import main

    src = tmp_path / "mixed.txt"
    src.write_bytes(b"Rebels attacked the market in Vessna on Monday.\n"
                    + b"\xff\xfe\xfd\xfc\x80\x81 shelling \x90\x9d\x8f in the town.\n")
    assert main(["code", str(src), "--dct", "2025-03-12"]) == 0
    out, err = capsys.readouterr()
    assert len(out.splitlines()) == 2 and "line 2" in err


def test_code_takes_a_stray_utf16_mark_inside_a_line_as_bytes_not_utf16(
        tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    from storyline.cli import main

    src = tmp_path / "stray.txt"
    src.write_bytes(b"\xff\xfe police arrested twenty people\n")
    assert main(["code", str(src), "--dct", "2025-03-12"]) == 0
    assert "police arrested twenty people" in json.loads(capsys.readouterr().out)["text"]
