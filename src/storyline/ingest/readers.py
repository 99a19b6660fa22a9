"""Readers: turn input files into a stream of :class:`RawDocument` (or :class:`Rejected`).

Every reader streams: a JSON Lines file or a WARC of any size is read record by
record. No reader raises on bad input; a problem becomes a ``Rejected`` record
naming the input, and whatever was read before the problem is kept.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import re
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from storyline.model import RawDocument, Rejected

# A single "article" larger than this is not news; it is skipped with a warning.
MAX_DOCUMENT_BYTES = 5_000_000
# Feeds are parsed whole by feedparser; larger feeds are refused.
MAX_FEED_BYTES = 50_000_000

TEXT_BODY_KEYS = ("text", "content", "body")
DATE_KEYS = ("published", "date", "time", "publish_date")
OUTLET_KEYS = ("outlet", "source")

Item = RawDocument | Rejected


def iter_input_files(inputs: Iterable[str]) -> Iterator[tuple[str, Path]]:
    """Yield ``(display_path, path)`` for every file under the inputs, in a stable order.

    ``display_path`` is the path as given on the command line joined with the
    file's place inside a folder.
    """
    for given in inputs:
        p = Path(given)
        if p.is_dir():
            for root, dirs, files in os.walk(p):
                dirs.sort()
                for name in sorted(files):
                    # hidden files and documentation beside the articles are not inputs
                    if name.startswith(".") or name.lower().endswith(NOT_NEWS_EXTENSIONS):
                        continue
                    fp = Path(root) / name
                    yield os.path.join(given, os.path.relpath(fp, p)), fp
        else:
            yield given, p


# Files that are never news articles, whatever their content.
NOT_NEWS_EXTENSIONS = (
    ".md", ".rst", ".py", ".js", ".css", ".json", ".csv", ".tsv", ".yml", ".yaml", ".toml",
    ".cfg", ".ini", ".log", ".sh", ".pdf", ".png", ".jpg", ".jpeg", ".gif", ".svg", ".zip",
    ".duckdb", ".wal", ".parquet",
)


def detect_kind(path: Path, head: bytes) -> str:
    """Classify a file as text, html, warc, jsonl, feed, binary or other, by extension and content."""
    name = path.name.lower()
    if name.endswith(NOT_NEWS_EXTENSIONS):
        return "other"
    if name.endswith((".warc", ".warc.gz")):
        return "warc"
    if name.endswith((".jsonl", ".jsonl.gz", ".ndjson")):
        return "jsonl"
    if name.endswith((".rss", ".atom")):
        return "feed"
    if head.startswith(b"\x1f\x8b"):
        try:
            inner = gzip.GzipFile(fileobj=io.BytesIO(head)).read(512)
        except (OSError, EOFError, zlib.error):
            inner = b""
        if inner.startswith(b"WARC/"):
            return "warc"
        if inner.lstrip().startswith(b"{"):
            return "jsonl"
        return "binary"
    if head.startswith(b"WARC/"):
        return "warc"
    if looks_binary(head):
        return "binary"
    sniff = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if name.endswith(".xml") or sniff.startswith(b"<?xml"):
        if b"<rss" in sniff[:2000] or b"<feed" in sniff[:2000] or b"<rdf:rdf" in sniff[:2000]:
            return "feed"
        if name.endswith(".xml"):
            return "feed"
    if name.endswith((".html", ".htm", ".xhtml")) or sniff.startswith((b"<!doctype html", b"<html")):
        return "html"
    if sniff.startswith(b"{") and b"\n{" in head:
        return "jsonl"
    return "text"


def looks_binary(data: bytes) -> bool:
    """True when a byte sample is not text: NUL bytes or many control characters."""
    if not data:
        return False
    if b"\x00" in data[:4096]:
        return True
    sample = data[:4096]
    control = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))
    return control / len(sample) > 0.05


_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")

# Byte order marks, longest first (a UTF-32 LE mark begins with the UTF-16 LE one).
BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xfe\xff", "utf-16-be"),
    (b"\xff\xfe", "utf-16-le"),
)

# Letters and punctuation of Western European text in CP1252: when the bytes that are not
# UTF-8 read as these, the text is CP1252 / Latin-1 ("S\xe3o" is "São").
_WESTERN = frozenset(
    "àáâãäåæçèéêëìíîïñòóôõöøùúûüýßÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÑÒÓÔÕÖØÙÚÛÜÝœŒ‘’“”–—…€•°«»£§©®·½¼¾ºª¡¿"
)
# Code pages of scripts other than Latin, accepted from charset-normalizer when the text
# it decodes is written in such a script (evidence, not a guess).
_NON_LATIN = ("cp1251", "koi8", "mac_cyrillic", "cp866", "iso8859_5", "cp1253", "iso8859_7",
              "cp1255", "iso8859_8", "cp1256", "iso8859_6", "cp874", "tis_620", "shift_jis",
              "cp932", "euc_j", "iso2022_jp", "euc_jis", "gb2312", "gbk", "gb18030", "big5", "euc_kr",
              "cp949", "johab", "hz", "cp950", "mac_greek", "mac_arabic", "cp720", "cp737",
              "cp855", "cp864", "kz1048", "ptcp154", "cp1125")


def bom_encoding(data: bytes) -> tuple[str, int] | None:
    """(encoding, BOM length) when ``data`` opens with a byte order mark."""
    for bom, enc in BOMS:
        if data.startswith(bom):
            return enc, len(bom)
    return None


def _script_share(text: str) -> float:
    """The share of letters written in a script other than Latin."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 0.0
    # half-width katakana is what a misread single-byte code page turns into: not counted
    return sum(1 for c in letters if ord(c) > 0x24F and not 0xFF61 <= ord(c) <= 0xFF9F) / len(
        letters)


def decode_with_note(data: bytes) -> tuple[str | None, str | None]:
    """Decode bytes: (text or None for binary, a note saying how, when not plain UTF-8).

    Byte order marks are honoured (UTF-8/16/32); UTF-8 with a few broken bytes stays
    UTF-8 (replacement characters, a note); other bytes are CP1252 when they read as
    Western European letters, a code page of another script when charset-normalizer
    decodes them into that script, and otherwise UTF-8 with replacements. Every
    decoding that is not plain UTF-8 is named in the note.
    """
    bom = bom_encoding(data)
    if bom is not None:
        enc, n = bom
        text = data[n:].decode(enc, errors="replace")
        bad = text.count("\ufffd")
        if enc == "utf-8" and not bad:
            return text, None
        note = f"decoded as {enc.upper()} (byte order mark)"
        if bad:
            note += f", {bad} undecodable bytes replaced"
        return text, note
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    if looks_binary(data):
        return None, None
    replaced = data.decode("utf-8", errors="replace")
    bad = replaced.count("\ufffd") - data.count("\ufffd".encode())
    few = bad <= max(3, len(data) // 1000)
    # UTF-8 with a few broken bytes (it has valid multi-byte sequences too)
    if few and _UTF8_MULTIBYTE.search(data):
        return replaced, f"invalid UTF-8: {bad} broken bytes replaced (kept as UTF-8)"
    western = data.decode("cp1252", errors="replace")
    high = [c for c, b in zip(western, data, strict=True) if b >= 0x80] if len(western) == len(
        data) else []
    letters = sum(1 for c in western if c.isalpha())
    # In Western European text accented letters are a minority; bytes that are nearly all
    # "accented letters" are another script's code page (Cyrillic in CP1251 reads as "Ïåð").
    if (high and sum(1 for c in high if c in _WESTERN) >= 0.8 * len(high)
            and len(high) <= 0.3 * max(letters, 1)):
        return western, "not UTF-8: decoded as CP1252 (Western European)"
    from charset_normalizer import from_bytes

    for match in list(from_bytes(data[:200_000]))[:5]:
        if not match.encoding.startswith(_NON_LATIN) or match.chaos >= 0.1:
            continue
        try:
            text = data.decode(match.encoding, errors="replace")
        except LookupError:
            continue
        if _script_share(text) >= 0.5:
            return text, f"not UTF-8: decoded as {match.encoding} (detected)"
    if few:
        return replaced, f"invalid UTF-8: {bad} broken bytes replaced (kept as UTF-8)"
    return western, "not UTF-8 and no encoding detected: read as CP1252, characters may be wrong"


def decode_bytes(data: bytes) -> str | None:
    """Decode bytes (see :func:`decode_with_note`); None for binary."""
    return decode_with_note(data)[0]


def read_documents(inputs: Iterable[str]) -> Iterator[Item]:
    """Stream every document found under ``inputs``."""
    for display, path in iter_input_files(inputs):
        yield from read_file(display, path)


def read_file(display: str, path: Path) -> Iterator[Item]:
    try:
        with open(path, "rb") as fh:
            head = fh.read(8192)
    except OSError as exc:
        yield Rejected(display, f"unreadable: {exc.strerror or exc}")
        return
    if not head:
        yield Rejected(display, "empty file")
        return
    kind = detect_kind(path, head)
    try:
        if kind == "binary":
            yield Rejected(display, "binary file, not text")
        elif kind == "other":
            yield Rejected(display, f"not a news input ({path.suffix} file)")
        elif kind == "warc":
            yield from read_warc(display, path)
        elif kind == "jsonl":
            yield from read_jsonl(display, path)
        elif kind == "feed":
            yield from read_feed(display, path)
        else:
            yield from read_single(display, path, "html" if kind == "html" else "text")
    except (OSError, EOFError, zlib.error) as exc:
        yield Rejected(display, f"read error: {exc}")


def read_single(display: str, path: Path, kind: str) -> Iterator[Item]:
    size = path.stat().st_size
    if size > MAX_DOCUMENT_BYTES:
        yield Rejected(display, f"too large for one article ({size:,} bytes)")
        return
    text = decode_bytes(path.read_bytes())
    if text is None:
        yield Rejected(display, "binary file, not text")
        return
    if not text.strip():
        yield Rejected(display, "empty file")
        return
    yield RawDocument(path=display, kind="html" if kind == "html" else "text", content=text)


def _open_maybe_gzip(path: Path) -> IO[bytes] | gzip.GzipFile:
    with open(path, "rb") as fh:
        magic = fh.read(2)
    if magic == b"\x1f\x8b":
        return gzip.open(path, "rb")
    return open(path, "rb")


def _first(obj: dict[str, Any], keys: tuple[str, ...]) -> Any:
    for k in keys:
        v = obj.get(k)
        if v not in (None, ""):
            return v
    return None


def _as_str(v: Any) -> str | None:
    if v is None:
        return None
    if isinstance(v, dict):  # e.g. {"name": "Reuters"}
        v = v.get("name") or v.get("title")
    return str(v) if v not in (None, "") else None


def read_jsonl(display: str, path: Path) -> Iterator[Item]:
    """One article a line; a malformed line is one warning, the rest are kept."""
    with _open_maybe_gzip(path) as fh:
        lineno = 0
        while True:
            try:
                raw = fh.readline(MAX_DOCUMENT_BYTES + 1)
            except (OSError, EOFError, zlib.error) as exc:
                yield Rejected(f"{display}:{lineno + 1}", f"truncated or corrupt compressed file: {exc}")
                return
            if not raw:
                return
            lineno += 1
            where = f"{display}:{lineno}"
            if len(raw) > MAX_DOCUMENT_BYTES:
                yield Rejected(where, "line too large for one article")
                # skip the rest of the over-long line
                while raw and not raw.endswith(b"\n"):
                    raw = fh.readline(MAX_DOCUMENT_BYTES)
                continue
            if not raw.strip():
                continue
            text = decode_bytes(raw)
            try:
                obj = json.loads(text) if text is not None else None
            except json.JSONDecodeError as exc:
                yield Rejected(where, f"malformed JSON line: {exc.msg}")
                continue
            if not isinstance(obj, dict):
                yield Rejected(where, "JSON line is not an object")
                continue
            body = _first(obj, TEXT_BODY_KEYS)
            if not isinstance(body, str) or not body.strip():
                yield Rejected(where, "no article body (text, content or body)")
                continue
            kind = "html" if body.lstrip()[:1] == "<" and "</" in body else "text"
            yield RawDocument(
                path=display,
                kind=kind,  # type: ignore[arg-type]
                content=body,
                url=_as_str(obj.get("url")),
                input_id=_as_str(obj.get("id")),
                given_title=_as_str(obj.get("title")),
                given_outlet=_as_str(_first(obj, OUTLET_KEYS)),
                given_published=_as_str(_first(obj, DATE_KEYS)),
                position=f"line {lineno}",
                given_text=True,
            )


def read_warc(display: str, path: Path) -> Iterator[Item]:
    """Every HTML response in a web archive; a truncated archive keeps what came before."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    n = 0
    with open(path, "rb") as fh:
        try:
            for record in ArchiveIterator(fh):
                if record.rec_type != "response":
                    continue
                ctype = (record.http_headers.get_header("Content-Type") or "") if record.http_headers else ""
                if "html" not in ctype.lower():
                    continue
                url = record.rec_headers.get_header("WARC-Target-URI")
                n += 1
                where = f"{display}#{n}"
                data = record.content_stream().read(MAX_DOCUMENT_BYTES + 1)
                if len(data) > MAX_DOCUMENT_BYTES:
                    yield Rejected(where, "record too large for one article")
                    continue
                if getattr(record.raw_stream, "limit", 0) > 0:
                    # warcio stops quietly at a cut: bytes promised by the record are missing
                    yield Rejected(display, f"truncated web archive: record {n} is cut short")
                    return
                html = decode_bytes(data)
                if html is None or not html.strip():
                    yield Rejected(where, "empty or binary HTML response")
                    continue
                # WARC-Date is the capture time, not the publication date: not used.
                yield RawDocument(
                    path=display, kind="html", content=html, url=url, position=f"record {n}"
                )
        except (ArchiveLoadFailed, OSError, EOFError, zlib.error, ValueError) as exc:
            yield Rejected(display, f"truncated or corrupt web archive after {n} responses: {exc}")


def read_feed(display: str, path: Path) -> Iterator[Item]:
    """RSS / Atom items that carry full content."""
    import feedparser

    size = path.stat().st_size
    if size > MAX_FEED_BYTES:
        yield Rejected(display, f"feed too large ({size:,} bytes)")
        return
    parsed = feedparser.parse(path.read_bytes())
    feed_title = _as_str(parsed.feed.get("title")) if parsed.get("feed") else None
    if not parsed.entries:
        reason = "no items in feed"
        if parsed.get("bozo"):
            reason = f"not a readable feed: {parsed.get('bozo_exception')}"
        yield Rejected(display, reason)
        return
    for i, entry in enumerate(parsed.entries, 1):
        where = f"{display}#{i}"
        content = None
        full = False
        if entry.get("content"):
            content = max((c.get("value", "") for c in entry["content"]), key=len)
            full = bool(content and content.strip())
        if not content:
            content = entry.get("summary") or entry.get("description")
        # A summary alone is a teaser unless it is long; full content is kept at any length.
        if not content or (not full and len(content.strip()) < 200):
            yield Rejected(where, "feed item carries no full content")
            continue
        kind = "html" if "<" in content and ">" in content else "text"
        published = entry.get("published") or entry.get("updated")
        yield RawDocument(
            path=display,
            kind=kind,  # type: ignore[arg-type]
            content=content,
            url=_as_str(entry.get("link")),
            input_id=_as_str(entry.get("id")),
            given_title=_as_str(entry.get("title")),
            given_outlet=feed_title,
            given_published=_as_str(published),
            position=f"item {i}",
            given_text=full,
        )
