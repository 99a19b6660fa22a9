"""Rebuild examples/archive/crawl.warc.gz from the page sources in examples_src/warc/.

The archive is committed; run this only after editing a source page:

    .venv/bin/python examples/make_warc.py

Output is byte-for-byte reproducible (fixed capture dates and record ids), so a
rebuild with unchanged sources leaves git clean.

What the archive holds, in order:
  1. warcinfo
  2. response  robots.txt (text/plain)      -- not HTML, must be ignored
  3. request   for the Sahel & Horn Review page -- not a response, must be ignored
  4. response  Sahel & Horn Review article   -- HTML response 1
  5. response  Gulf Morning Post article     -- HTML response 2: a syndicated copy of
                                                examples/feed/wire.jsonl line 1
                                                with one extra last paragraph
The capture dates (WARC-Date) are months after publication on purpose: they
are not publication dates.
"""

from __future__ import annotations

import io
import uuid
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "examples_src" / "warc"
OUT = ROOT / "examples" / "archive" / "crawl.warc.gz"

NS = uuid.UUID("6f1c2b0e-3d5a-4c1e-9a7b-2e8f0d4c5b6a")

# (url, source file, content type, capture date)
RESPONSES = [
    (
        "https://www.gulfmorningpost.example/robots.txt",
        "robots.txt",
        "text/plain; charset=utf-8",
        "2025-10-14T06:02:11Z",
    ),
    (
        "https://www.sahelhornreview.example/horn/2025/03/05/ethiopia-sudan-accept-au-invitation",
        "sahel_horn_review_nairobi_talks.html",
        "text/html; charset=utf-8",
        "2025-10-14T06:02:15Z",
    ),
    (
        "https://www.gulfmorningpost.example/world/africa/ethiopia-and-sudan-sign-au-brokered-ceasefire",
        "gulf_morning_post_nairobi_ceasefire.html",
        "text/html; charset=utf-8",
        "2025-10-14T06:02:19Z",
    ),
]


def record_id(key: str) -> str:
    return f"<urn:uuid:{uuid.uuid5(NS, key)}>"


def main() -> None:
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with open(OUT, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        info = writer.create_warcinfo_record(
            "crawl.warc.gz",
            {"software": "storyline examples/make_warc.py", "format": "WARC File Format 1.0"},
        )
        info.rec_headers.replace_header("WARC-Record-ID", record_id("warcinfo"))
        info.rec_headers.replace_header("WARC-Date", "2025-10-14T06:02:10Z")
        writer.write_record(info)

        for url, name, ctype, date in RESPONSES:
            payload = (SRC / name).read_bytes()
            if ctype.startswith("text/html"):
                req_headers = StatusAndHeaders(
                    "GET / HTTP/1.1",
                    [("Host", url.split("/")[2]), ("User-Agent", "storyline-example-crawler/1.0")],
                    is_http_request=True,
                )
                path = "/" + url.split("/", 3)[3]
                req_headers.statusline = f"GET {path} HTTP/1.1"
                request = writer.create_warc_record(
                    url,
                    "request",
                    payload=io.BytesIO(b""),
                    length=0,
                    http_headers=req_headers,
                    warc_headers_dict={
                        "WARC-Record-ID": record_id("request " + url),
                        "WARC-Date": date,
                    },
                )
                # Only the first page gets its request record: one is enough to
                # show that non-response records are skipped.
                if name.startswith("sahel"):
                    writer.write_record(request)
            http_headers = StatusAndHeaders(
                "200 OK",
                [
                    ("Content-Type", ctype),
                    ("Content-Length", str(len(payload))),
                    ("Server", "nginx"),
                ],
                protocol="HTTP/1.1",
            )
            record = writer.create_warc_record(
                url,
                "response",
                payload=io.BytesIO(payload),
                length=len(payload),
                http_headers=http_headers,
                warc_headers_dict={
                    "WARC-Record-ID": record_id("response " + url),
                    "WARC-Date": date,
                },
            )
            writer.write_record(record)
    print(f"wrote {OUT.relative_to(ROOT)} ({OUT.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
