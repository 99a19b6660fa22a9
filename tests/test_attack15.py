"""Findings of the twelfth black-box attack (session 14), each with its own invented input."""

from __future__ import annotations

from pathlib import Path

import storyline

BODY = (b"<html><head><title>Shelling at the border post</title></head><body><p>"
        + b"Government troops shelled the border post of Kolmar on Monday, killing four "
        b"guards, officials said. " * 5 + b"</p></body></html>")
HTTP = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + BODY
OTHER = HTTP.replace(BODY, b"<html><head><title>Talks in Vessna</title></head><body><p>"
                     + b"The two foreign ministers met in Vessna on Tuesday to discuss the "
                     b"disputed river crossing, a spokesman said. " * 5 + b"</p></body></html>")


def _record(typ: bytes, uri: bytes | None, payload: bytes) -> bytes:
    head = (b"WARC/1.0\r\nWARC-Type: " + typ + b"\r\nWARC-Record-ID: <urn:uuid:" + typ
            + b"-1>\r\nWARC-Date: 2025-03-10T00:00:00Z\r\n")
    if uri is not None:
        head += b"WARC-Target-URI: " + uri + b"\r\n"
    head += (b"Content-Type: application/http; msgtype=" + typ + b"\r\nContent-Length: "
             + str(len(payload)).encode() + b"\r\n\r\n")
    return head + payload + b"\r\n\r\n"


def test_a_warc_record_without_a_target_uri_is_one_warning_not_a_crash(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.warc").write_bytes(_record(b"response", b"https://example.org/one", HTTP)
                                 + _record(b"response", None, HTTP.replace(b"four", b"six")))
    (src / "b.warc").write_bytes(_record(b"request", b"", b"GET / HTTP/1.1\r\n\r\n")
                                 + _record(b"response", b"https://example.org/two", OTHER))
    summary = storyline.run([str(src)], str(tmp_path / "out"))
    texts = [a["text"] for a in storyline.read_articles(str(tmp_path / "out"))]
    assert any("Kolmar" in t for t in texts) and any("Vessna" in t for t in texts)
    assert sum(summary.skipped.values()) + sum(summary.flagged.values()) >= 1


def _sh(cmd: str, tmp: Path) -> int:
    import os
    import subprocess
    import sys

    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent / "src")}
    return subprocess.run(["bash", "-c", cmd.replace("PY", sys.executable)], cwd=tmp,
                          env=env, timeout=600).returncode


def test_a_run_with_stdout_or_stderr_closed_or_cut_writes_its_outputs(tmp_path: Path) -> None:
    (tmp_path / "in.txt").write_text(
        "Government troops shelled the border post of Kolmar on Monday, killing four "
        "guards, officials said. The ministry condemned the attack on Tuesday.\n" * 3,
        encoding="utf-8")
    assert _sh("PY -m storyline.cli run in.txt --out a >&-", tmp_path) == 0
    assert _sh("PY -m storyline.cli run in.txt --out b 2>&-", tmp_path) == 0
    _sh("PY -m storyline.cli run in.txt --out c 2>&1 | head -1 > /dev/null", tmp_path)
    for out in "abc":
        assert (tmp_path / out / "events.jsonl").is_file(), out


def test_times_on_a_missing_file_is_one_error_line_and_exit_2(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    from storyline.annotate.times import times_command

    assert times_command(str(tmp_path / "absent.txt"), "2024-05-01") == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"error: cannot read {tmp_path / 'absent.txt'}: No such file or directory"]
