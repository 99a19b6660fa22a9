"""Ninth black-box attack (issue 15): what it found, each with a test that fails on the
old code."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

FULL = "/dev/full"
pytestmark = pytest.mark.skipif(not os.path.exists(FULL), reason="no /dev/full here")


def _cli(args: list[str], stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    with open(FULL, "w") as out:
        return subprocess.run([sys.executable, "-m", "storyline.cli", *args], input=stdin,
                              stdout=out, stderr=subprocess.PIPE, text=True, timeout=300,
                              check=False)


@pytest.mark.parametrize("command", ["code", "times"])
def test_standard_output_on_a_full_device_is_one_line(command: str, tmp_path: Path) -> None:
    src = tmp_path / "in.txt"
    src.write_text("Rebels attacked the port town of Karsa on 3 May 2024.\n", "utf-8")
    proc = _cli([command, str(src), "--dct", "2024-05-14"])
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr, proc.stderr
    assert proc.stderr.strip().splitlines() == [
        "error: cannot write to standard output: No space left on device"]


def test_a_run_whose_summary_cannot_be_printed_keeps_its_outputs(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    body = " ".join(["Police in the port town of Karsa detained twelve protesters on Monday "
                     "after a march against fuel prices, the regional governor said."] * 3)
    src.write_text(json.dumps({"text": body, "published": "2024-05-14"}) + "\n", "utf-8")
    out = tmp_path / "out"
    proc = _cli(["run", str(src), "--out", str(out)])
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr, proc.stderr
    assert "summary could not be printed" in proc.stderr
    assert (out / "articles.jsonl").read_text("utf-8").strip()
