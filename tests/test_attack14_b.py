"""Findings 10 to 19 of the eleventh black-box attack (issue 15): a wire dateline's day
lost to an inferred window, common time forms mis-normalised, ``storyline code`` dropping
blank records and reusing ids, deleted inputs kept in silence, an open file taken for a
list of paths, an output that cannot be replaced mixing two runs, copy links across
languages, a closed pipe blamed on the input, a menu of 100,000 lines keeping the article
out, and the cosmetic items. Each test fails on the code before the fix."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.news import article

SRC = str(Path(__file__).resolve().parents[1] / "src")


def _cli(*args: str, **kw: object) -> subprocess.Popen[bytes]:
    env = dict(os.environ, PYTHONPATH=SRC + os.pathsep + os.environ.get("PYTHONPATH", ""))
    return subprocess.Popen([sys.executable, "-m", "storyline.cli", *args], env=env,
                            **kw)  # type: ignore[call-overload]


# -- 14: an open file object given as the inputs of storyline.run ------------------------


def test_an_open_file_as_run_inputs_is_an_option_error_naming_it(tmp_path: Path) -> None:
    import storyline
    from storyline.checks import OptionError

    path = tmp_path / "a.txt"
    path.write_text(article(1), "utf-8")
    with open(path, encoding="utf-8") as fh, pytest.raises(OptionError) as err:
        storyline.run(fh, tmp_path / "out")
    assert "open file" in str(err.value) and "give its name" in str(err.value)
    assert not (tmp_path / "out" / "articles.jsonl").exists()


# -- 17: storyline code FILE | head -1 -------------------------------------------------------


def test_code_into_a_closed_pipe_is_quiet_not_a_read_error(tmp_path: Path) -> None:
    path = tmp_path / "many.txt"
    line = "Rebels shelled the town of Kassala on Monday, killing {} people.\n"
    path.write_text("".join(line.format(i) for i in range(3000)), "utf-8")
    proc = _cli("code", str(path), "--dct", "2025-03-12", stdout=subprocess.PIPE,
                stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    assert json.loads(proc.stdout.readline())
    proc.stdout.close()  # the reader goes, as head -1 does
    err = proc.stderr.read().decode("utf-8")
    assert proc.wait(timeout=120) == 0
    assert "cannot read" not in err and "Broken pipe" not in err, err
