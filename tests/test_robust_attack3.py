"""Cases a third attack run (inputs written by a tester who had not read the code) found."""

from __future__ import annotations

import codecs
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import storyline

BODY = ("Police in the capital arrested twenty protesters on Monday after a march through the "
        "city centre, officials said.\n\nThe protesters had demanded higher wages and better "
        "housing for workers in the region, and the march was peaceful until the police "
        "arrived, witnesses said.\n\nA spokesman for the interior ministry said the twenty "
        "would appear before a magistrate on Tuesday and that the inquiry was continuing.")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this platform")
def test_a_named_pipe_is_skipped_not_waited_on(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    os.mkfifo(folder / "fifo.txt")
    (folder / "a.txt").write_text(BODY, encoding="utf-8")
    summary = storyline.run([folder], tmp_path / "out")  # would block forever on the pipe
    assert summary.articles_new == 1 and sum(summary.skipped.values()) == 1


def test_one_article_saved_in_several_encodings_keeps_its_body(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name, data in {"le.txt": codecs.BOM_UTF16_LE + BODY.encode("utf-16-le"),
                       "be.txt": codecs.BOM_UTF16_BE + BODY.encode("utf-16-be"),
                       "u8.txt": BODY.encode("utf-8"), "u8b.txt": codecs.BOM_UTF8 + BODY.encode(),
                       "u32.txt": codecs.BOM_UTF32_LE + BODY.encode("utf-32-le")}.items():
        (folder / name).write_bytes(data)
    summary = storyline.run([folder], tmp_path / "out")
    assert not summary.skipped  # copies are not each other's furniture
    texts = [a["text"] for a in storyline.read_articles(tmp_path / "out")]
    assert len(texts) == 1 and "magistrate on Tuesday" in texts[0]


def test_lone_surrogates_are_replaced_not_fatal(tmp_path: Path) -> None:
    src = tmp_path / "s.jsonl"
    src.write_text(json.dumps({"id": "s", "text": "\ud800 " + BODY}) + "\n", encoding="utf-8")
    summary = storyline.run([src], tmp_path / "out")
    assert summary.articles_new == 1 and not summary.skipped
    events = storyline.code("\udfff Police arrested twenty protesters.")
    assert events and "\ufffd" in events[0].mentions[0].quote


def test_code_survives_bad_stdin_bytes_and_huge_lines(tmp_path: Path) -> None:
    cmd = [sys.executable, "-m", "storyline.cli", "code", "-"]
    done = subprocess.run(cmd, input=b"\xff\xfe police arrested twenty people\n",
                          capture_output=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["events"]
    big = tmp_path / "big.txt"
    big.write_text("A" * 300_000 + "\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "storyline.cli", "code", str(big)],
                          capture_output=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["events"] == []
