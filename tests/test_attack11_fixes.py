"""What the eighth attack (issue 15) found: ``storyline code`` in pipes whose reader goes
away or that are closed from the start; pages in ISO-2022 encodings; web archives gzipped
whole or with a junk target address."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ENV = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
CODE = [sys.executable, "-m", "storyline.cli", "code", "-", "--dct", "2024-05-14"]


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX pipes")
def test_code_piped_into_a_reader_that_stops_early_ends_quietly(tmp_path: Path) -> None:
    src = tmp_path / "in.txt"
    src.write_text("".join(f"Malian soldiers attacked a convoy near Gao on day {i}.\n"
                           for i in range(400)), encoding="utf-8")
    err = tmp_path / "err"
    with open(src, "rb") as fin, open(err, "wb") as ferr:
        proc = subprocess.Popen(CODE, stdin=fin, stdout=subprocess.PIPE, stderr=ferr, env=ENV)
        assert proc.stdout is not None
        first = proc.stdout.readline()  # the reader takes one line and goes away
        proc.stdout.close()
        proc.wait(timeout=300)
    assert first.startswith(b'{"id": "1"')
    assert proc.returncode == 0 and b"Traceback" not in err.read_bytes(), err.read_bytes()[-2000:]


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file descriptors")
@pytest.mark.parametrize(("closed", "what"), [(0, "input"), (1, "output")])
def test_code_with_a_closed_standard_stream_is_one_line(closed: int, what: str) -> None:
    feed = "echo 'Rebels attacked Gao.' | " if closed else ""
    shell = feed + " ".join(CODE) + (" >&-" if closed else " <&-")
    proc = subprocess.run(["bash", "-c", shell], capture_output=True, text=True, env=ENV,
                          timeout=300)
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines() == [f"error: standard {what} is closed"]


@pytest.mark.parametrize("declared", ["iso2022_jp", None])
def test_iso_2022_text_is_decoded_not_stored_as_escape_codes(declared: str | None) -> None:
    from storyline.ingest.readers import decode_with_note

    words = "大阪で抗議集会が開かれ、警察は十人を拘束した。"
    text, note = decode_with_note(words.encode("iso2022_jp"), declared)
    assert text == words
    assert note is not None and "ISO2022-JP" in note  # said, not silent


def test_plain_ascii_with_an_escape_free_text_stays_utf8() -> None:
    from storyline.ingest.readers import decode_with_note

    assert decode_with_note(b"Rebels attacked Gao on Monday.", "iso2022_jp") == (
        "Rebels attacked Gao on Monday.", None)


def _page(n: int) -> str:
    from tests.news import article

    return (f"<html><head><title>Crossing {n} reopens</title></head><body><article>"
            f"<h1>Crossing {n} reopens</h1>"
            + "".join(f"<p>{p}</p>" for p in article(n).split("\n\n"))
            + "</article></body></html>")


def test_a_web_archive_gzipped_whole_is_read(tmp_path: Path,
                                             caplog: pytest.LogCaptureFixture) -> None:
    import gzip
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    import storyline

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=False)
    for n in (1, 2):
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                   protocol="HTTP/1.0")
        writer.write_record(writer.create_warc_record(
            f"https://news.example/{n}", "response", payload=io.BytesIO(_page(n).encode()),
            http_headers=headers))
    src = tmp_path / "in"
    src.mkdir()
    whole = gzip.compress(buf.getvalue())
    (src / "crawl.warc.gz").write_bytes(whole)  # `gzip crawl.warc`
    summary = storyline.run([src], tmp_path / "out")
    assert summary.articles_total == 2
    # cut short: the first record is read, the cut said once
    cut = tmp_path / "cut"
    cut.mkdir()
    (cut / "crawl.warc.gz").write_bytes(whole[:-60])  # inside the second record
    with caplog.at_level("WARNING", logger="storyline"):
        summary = storyline.run([cut], tmp_path / "out_cut")
    assert summary.articles_total == 1
    assert sum("gzipped whole, damaged" in r.getMessage() for r in caplog.records) == 1


def test_a_web_archive_record_under_a_junk_address_keeps_its_page(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    import storyline

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=False)
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                               protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(
        "ht!tp://[zz::/%%%", "response", payload=io.BytesIO(_page(3).encode()),
        http_headers=headers))
    src = tmp_path / "in"
    src.mkdir()
    (src / "crawl.warc").write_bytes(buf.getvalue())
    with caplog.at_level("WARNING", logger="storyline"):
        summary = storyline.run([src], tmp_path / "out")
    assert summary.articles_total == 1  # the page, without its address
    assert any("WARC-Target-URI" in r.getMessage() for r in caplog.records)


def test_a_json_record_among_text_lines_is_read_as_a_record() -> None:
    from storyline.api import read_records

    said: list[str] = []
    got = list(read_records([
        "Estonian border guards detained two men near Narva on Friday.\n",
        '{"text": "Rebel fighters attacked Kidal.", "date": "2024-05-01"}\n',
        '{"text": "Rebels attacked Gao.", "date": "9999-99-99"}\n',
        "[1, 2]\n"], said.append))
    assert [(r.text, r.date) for r in got] == [
        ("Estonian border guards detained two men near Narva on Friday.", None),
        ("Rebel fighters attacked Kidal.", "2024-05-01"),  # its own date, not --dct
        ("Rebels attacked Gao.", None), ("[1, 2]", None)]
    assert len(said) == 1 and "9999-99-99" in said[0]
