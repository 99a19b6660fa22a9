"""Bad input never stops a run: each is skipped with one warning naming it, and counted."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from storyline.ingest.readers import read_documents
from storyline.model import RawDocument, Rejected
from storyline.pipeline import Options, run
from tests.news import BODY, article, jsonl_line

HTML = (
    "<html><head><title>Border crossing to reopen | Reuters</title></head><body><nav>Home "
    "World Business</nav><article><h1>Border crossing to reopen</h1>"
    + "".join(f"<p>{p}</p>" for p in BODY.split("\n\n"))
    + "</article><footer>Copyright 2025</footer></body></html>"
)


def make_warc(path: Path, pages: list[tuple[str, str]], truncate: bool = False) -> None:
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    for url, html in pages:
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                   protocol="HTTP/1.0")
        rec = writer.create_warc_record(url, "response", payload=io.BytesIO(html.encode()),
                                        http_headers=headers)
        writer.write_record(rec)
    data = buf.getvalue()
    path.write_bytes(data[: len(data) - 200] if truncate else data)


@pytest.fixture()
def bad_folder(tmp_path: Path) -> Path:
    d = tmp_path / "in"
    d.mkdir()
    (d / "good.txt").write_text("Border crossing to reopen\n\n" + article(1), encoding="utf-8")
    (d / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (d / "empty.txt").write_bytes(b"")
    chunk = (BODY + "\n\n").encode() * 100
    with open(d / "huge.txt", "wb") as fh:  # a 100 MB single "article"
        for _ in range(100 * 1024 * 1024 // len(chunk) + 1):
            fh.write(chunk)
    (d / "latin1.txt").write_bytes(("Caf\u00e9 talks\n\n" + article(2)).encode("latin-1"))
    (d / "invalid-utf8.txt").write_bytes(
        ("Talks in Nairobi — day two\n\n" + article(3)).encode().replace(b"Arusha", b"Aru\xffsha"))
    full = gzip.compress("\n".join(json.dumps(jsonl_line(i)) for i in range(4, 8)).encode())
    (d / "truncated.jsonl.gz").write_bytes(full[: len(full) // 2])
    lines = [json.dumps(jsonl_line(8)), "{not json", json.dumps({"id": "x"}),
             json.dumps(jsonl_line(9))]
    (d / "mixed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (d / "nobody.html").write_text("<html><head><title>x</title></head><body></body></html>")
    (d / "german.txt").write_text(
        "Die Gespräche zwischen den beiden Regierungen wurden am Dienstag in Berlin fortgesetzt. "
        "Die Minister einigten sich darauf, die Grenze wieder zu öffnen, und erklärten, dass die "
        "Lastwagen ab Montag wieder fahren dürften. Händler begrüßten die Entscheidung, warnten "
        "aber vor weiteren Verzögerungen an der Grenze, falls die Zollbeamten keine neuen "
        "Anweisungen erhielten.", encoding="utf-8")
    make_warc(d / "cut.warc.gz", [("https://example.org/a", HTML),
                                  ("https://example.org/b", HTML.replace("4,000", "5,000"))],
              truncate=True)
    return d


def test_each_bad_input_is_one_warning(bad_folder: Path) -> None:
    items = list(read_documents([str(bad_folder)]))
    rejected = {Path(r.path.split(":")[0].split("#")[0]).name: r.reason for r in items
                if isinstance(r, Rejected)}
    assert "binary" in rejected["binary.txt"]
    assert "empty" in rejected["empty.txt"]
    assert "too large" in rejected["huge.txt"]
    assert "truncated" in rejected["truncated.jsonl.gz"]
    assert "truncated" in rejected["cut.warc.gz"]
    assert "malformed JSON" in next(r.reason for r in items if isinstance(r, Rejected)
                                and r.path.endswith("mixed.jsonl:2"))
    docs = [r for r in items if isinstance(r, RawDocument)]
    names = [Path(d.path).name for d in docs]
    # the Latin-1 and broken UTF-8 files are read, the good JSON lines are kept
    assert {"latin1.txt", "invalid-utf8.txt", "good.txt"} <= set(names)
    assert names.count("mixed.jsonl") == 2
    latin = next(d for d in docs if d.path.endswith("latin1.txt"))
    assert "Café" in latin.content
    broken = next(d for d in docs if d.path.endswith("invalid-utf8.txt"))
    assert "Aru\ufffdsha" in broken.content and "—" in broken.content


def test_run_survives_bad_input_and_counts_it(bad_folder: Path, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    summary = run([str(bad_folder), str(tmp_path / "missing")], tmp_path / "out",
                  options=Options(progress=False))
    err = capsys.readouterr().err
    for name in ("binary.txt", "empty.txt", "huge.txt", "truncated.jsonl.gz", "cut.warc.gz",
                 "mixed.jsonl:2", "mixed.jsonl:3", "nobody.html", "german.txt", "missing"):
        assert sum(1 for line in err.splitlines() if name in line) == 1, name
    # the cut archive gave its first responses: read up to the cut, not skipped
    # (tests/test_attack14_a.py)
    assert sum(summary.skipped.values()) == 8
    assert summary.flagged["partly read"] == 1
    assert summary.flagged["not English"] == 1
    out = [json.loads(x) for x in (tmp_path / "out" / "articles.jsonl").read_text().splitlines()]
    # good.txt, latin1, invalid-utf8, 2 good JSON lines, the German article (kept, flagged),
    # and at least one WARC response before the cut
    assert len(out) >= 7
    german = [a for a in out if a["language"] == "de"]
    assert len(german) == 1 and german[0]["warnings"]
