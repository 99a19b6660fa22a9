"""Readers: turn input files into a stream of :class:`RawDocument` (or :class:`Rejected`).

Every reader streams: a JSON Lines file or a WARC of any size is read record by
record. No reader raises on bad input; a problem becomes a ``Rejected`` record
naming the input, and whatever was read before the problem is kept.

Readers are chosen from a registry (:func:`register_reader`): :func:`detect_kind` names a
file's kind by its extension and its first bytes, and :func:`read_file` hands it to the
reader registered under that kind. The built-in readers are ``warc``, ``jsonl``, ``json``,
``feed``, ``html``, ``text``, ``mime`` and ``mbox``. Another package adds one through the
``storyline.readers`` entry-point group (the entry point names a :class:`Reader`, or a
zero-argument callable returning one); a reader added this way (or registered with ``extensions`` or ``sniff``)
is asked before the built-in detection, so it can claim files the built-ins would refuse.
"""

from __future__ import annotations

import codecs
import contextlib
import gzip
import io
import itertools
import json
import logging
import os
import re
import stat
import sys
import threading
import unicodedata
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib.metadata import entry_points
from pathlib import Path
from typing import IO, Any
from urllib.parse import urljoin

from storyline.config import setting
from storyline.ingest.entities import fix_feed_entities
from storyline.ingest.validate import (
    MAX_OUTLET_CHARS,
    MAX_TITLE_CHARS,
    clean_date,
    clean_id,
    clean_text_field,
    clean_url,
    duplicate_keys_note,
    json_error,
    loads_bounded,
    parse_json_line,
)
from storyline.model import FileNote, RawDocument, Rejected

# A single "article" larger than this is not news; it is skipped with a warning.
MAX_DOCUMENT_BYTES = 5_000_000
# Feeds are parsed whole by feedparser; larger feeds are refused.
MAX_FEED_BYTES = 50_000_000

TEXT_BODY_KEYS = ("text", "content", "body")
DATE_KEYS = ("published", "date", "time", "publish_date")
OUTLET_KEYS = ("outlet", "source")

Item = RawDocument | Rejected | FileNote

log = logging.getLogger(__name__)

ENTRY_POINT_GROUP = "storyline.readers"
ReadFn = Callable[[str, Path], Iterator[Item]]


@dataclass(frozen=True, slots=True)
class Reader:
    """A reader: ``read(display_path, path)`` streams the file's documents.

    ``extensions`` (lower case, with the dot: ``".csv"``) and ``sniff(path, first_bytes)``
    say which files it claims ahead of the built-in detection; a built-in reader leaves
    both empty and is reached through :func:`detect_kind`'s kind name.
    """

    name: str
    read: ReadFn
    extensions: tuple[str, ...] = ()
    sniff: Callable[[Path, bytes], bool] | None = None

    def claims(self, path: Path, head: bytes | None) -> bool:
        if self.extensions and path.name.lower().endswith(self.extensions):
            return True
        return self.sniff is not None and head is not None and bool(self.sniff(path, head))


_READERS: dict[str, Reader] = {}
_ENTRY_POINTS_LOADED = False


def register_reader(name: str, *, extensions: Iterable[str] = (),
                    sniff: Callable[[Path, bytes], bool] | None = None,
                    ) -> Callable[[ReadFn], ReadFn]:
    """Register ``read(display_path, path)`` as the reader of kind ``name`` (a decorator).

    >>> @register_reader("toy", extensions=[".toy"])
    ... def read_toy(display, path):
    ...     yield RawDocument(path=display, kind="text", content=path.read_text())
    >>> get_reader("toy").extensions
    ('.toy',)
    >>> unregister_reader("toy")
    """

    def deco(fn: ReadFn) -> ReadFn:
        _READERS[name] = Reader(name, fn, tuple(e.lower() for e in extensions), sniff)
        return fn

    return deco


def unregister_reader(name: str) -> None:
    """Remove the reader ``name`` (tests; a plug-in taken back)."""
    _READERS.pop(name, None)


def _load_entry_points() -> None:
    global _ENTRY_POINTS_LOADED
    if _ENTRY_POINTS_LOADED:
        return
    _ENTRY_POINTS_LOADED = True
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        try:
            obj = ep.load()
            reader = obj if isinstance(obj, Reader) else obj()
        except Exception as exc:  # a broken plug-in never stops a run
            log.warning("reader plug-in %s could not be loaded: %s", ep.name, exc)
            continue
        if not isinstance(reader, Reader):
            log.warning("reader plug-in %s gives no Reader", ep.name)
            continue
        _READERS.setdefault(reader.name, reader)


def available_readers() -> list[str]:
    """Names of the registered and installed readers."""
    _load_entry_points()
    return sorted(_READERS)


def get_reader(name: str) -> Reader:
    """The reader registered (or installed through an entry point) as ``name``."""
    _load_entry_points()
    if name not in _READERS:
        raise KeyError(f"no reader named {name!r} (available: {sorted(_READERS)})")
    return _READERS[name]


def _claiming(path: Path, head: bytes | None) -> Reader | None:
    """The first registered reader that claims ``path`` by its extension or its bytes."""
    _load_entry_points()
    return next((r for r in _READERS.values() if r.claims(path, head)), None)


def iter_input_files(inputs: Iterable[str], hidden: Counter[tuple[str, str]] | None = None,
                     exclude: Callable[[Path], bool] | None = None,
                     ) -> Iterator[tuple[str, Path]]:
    """Yield ``(display_path, path)`` for every file under the inputs, in a stable order.

    ``display_path`` is the path as given on the command line joined with the
    file's place inside a folder. Hidden files and folders inside a folder (names
    starting with ".": ``.git/``, an editor's ``.draft.txt.swp``) are not inputs and
    are not entered; ``hidden``, when given, counts them by ``(input, "files" or
    "folders")`` so that the run can say so once. A hidden file named on the command
    line is read. Files of a folder that are never news (:data:`NOT_NEWS_EXTENSIONS`:
    a README, images) are not yielded either; ``hidden`` counts them by
    ``(input, "not news .ext")`` (:func:`unread_summary` says so once for each input).
    A file for which ``exclude`` is true (the run's own outputs) is neither yielded nor
    counted. A file given twice (named by itself and inside a folder given too, or two
    spellings of one path) is yielded once, under the name it was first found by.
    """
    once = _FirstTime()
    for given in inputs:
        p = Path(given)
        if p.is_dir():
            # A folder that cannot be listed is yielded itself: reading it fails with a
            # warning that names it (os.walk would skip it silently).
            unreadable: list[OSError] = []
            for root, dirs, files in os.walk(p, onerror=unreadable.append):
                while unreadable:
                    yield from _unlisted(given, p, unreadable.pop(0))
                if hidden is not None:
                    hidden[given, "folders"] += sum(1 for d in dirs if d.startswith("."))
                    hidden[given, "files"] += sum(1 for f in files if f.startswith("."))
                    _count_linked_folders(given, p, root, dirs, hidden)
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if name.startswith(".") or (exclude is not None
                                                and exclude(Path(root) / name)):
                        continue
                    # documentation beside the articles is not input either: counted
                    if (name.lower().endswith(NOT_NEWS_EXTENSIONS)
                            and _claiming(Path(name), None) is None):
                        if hidden is not None:
                            hidden[given, NOT_NEWS_KEY + _suffix(name)] += 1
                        continue
                    fp = Path(root) / name
                    if once(fp):
                        yield os.path.join(given, os.path.relpath(fp, p)), fp
            while unreadable:
                yield from _unlisted(given, p, unreadable.pop(0))
        elif (exclude is None or not exclude(p)) and once(p):
            yield given, p


class _FirstTime:
    """Whether a file is met for the first time in this listing (by its real path)."""

    def __init__(self) -> None:
        self.seen: set[str] = set()

    def __call__(self, path: Path) -> bool:
        try:
            place = os.path.realpath(path)
        except (OSError, ValueError):
            place = str(path)
        if place in self.seen:
            return False
        self.seen.add(place)
        return True


def hidden_summary(hidden: Counter[tuple[str, str]]) -> list[tuple[str, int, str]]:
    """``(input, count, message)`` for each input folder that held hidden entries.

    >>> hidden_summary(Counter({("news", "files"): 3, ("news", "folders"): 1}))[0][2]
    'skipped 3 hidden files and 1 hidden folder in news (names starting with "."; not read)'
    """
    out = []
    for given in dict.fromkeys(g for g, _ in hidden):
        files, folders = hidden[given, "files"], hidden[given, "folders"]
        parts = [f"{n} hidden {what}{'s' if n != 1 else ''}"
                 for n, what in ((files, "file"), (folders, "folder")) if n]
        if parts:
            out.append((given, files + folders, f"skipped {' and '.join(parts)} in {given} "
                                                '(names starting with "."; not read)'))
    return out


NOT_NEWS_KEY = "not news "
LINK_KEY = "linked folder "
LOOP_KEY = "link loop "


def _count_linked_folders(given: str, top: Path, root: str, dirs: list[str],
                          hidden: Counter[tuple[str, str]]) -> None:
    """Count the symbolic links to folders among ``dirs`` (os.walk lists them and does not
    enter them): a loop back to a folder above it (``sub/loop -> ..``) or any other
    linked folder, by its place in the input, for :func:`link_summary`."""
    for d in dirs:
        if d.startswith("."):
            continue
        link = Path(root) / d
        try:
            if not link.is_symlink():
                continue
            target = link.resolve()
            here = Path(root).resolve()
        except (OSError, RuntimeError):  # a name past the length limit: its own warning
            continue
        rel = os.path.relpath(link, top)
        loop = target == here or target in here.parents
        hidden[given, (LOOP_KEY if loop else LINK_KEY) + rel] += 1


def link_summary(counts: Counter[tuple[str, str]]) -> list[tuple[str, int, str]]:
    """``(input, count, message)`` for each input folder holding symbolic links to
    folders, which are not followed: one warning each, naming the first few.

    >>> link_summary(Counter({("news", "link loop sub/loop"): 1}))[0][2]
    'skipped 1 symbolic link to a folder in news (a loop back to a folder above: sub/loop): links to folders are not followed'
    """
    out = []
    for given in dict.fromkeys(g for g, k in counts if k.startswith((LINK_KEY, LOOP_KEY))):
        loops = [k.removeprefix(LOOP_KEY) for g, k in counts if g == given
                 and k.startswith(LOOP_KEY)]
        links = [k.removeprefix(LINK_KEY) for g, k in counts if g == given
                 and k.startswith(LINK_KEY)]
        parts = []
        if loops:
            parts.append(f"{'loops' if len(loops) > 1 else 'a loop'} back to a folder "
                         f"above: {_some(loops)}")
        if links:
            parts.append(f"{'folders' if len(links) > 1 else 'a folder'} elsewhere: "
                         f"{_some(links)}")
        n = len(loops) + len(links)
        out.append((given, n, f"skipped {n} symbolic link{'s' if n != 1 else ''} to "
                              f"{'folders' if n != 1 else 'a folder'} in {given} "
                              f"({'; '.join(parts)}): links to folders are not followed"))
    return out


def _some(names: list[str], most: int = 3) -> str:
    names = sorted(names)
    return ", ".join(names[:most]) + (f" and {len(names) - most} more" if len(names) > most
                                      else "")


def _suffix(name: str) -> str:
    """The extension of ``name`` that put it among :data:`NOT_NEWS_EXTENSIONS`."""
    low = name.lower()
    return next((e for e in NOT_NEWS_EXTENSIONS if low.endswith(e)), Path(name).suffix)


def unread_summary(counts: Counter[tuple[str, str]]) -> list[tuple[str, int, str]]:
    """``(input, count, message)`` for each input folder that held files that are never
    news (counted by :func:`iter_input_files`): one warning each, with their extensions.

    >>> unread_summary(Counter({("news", "not news .md"): 2, ("news", "not news .png"): 1}))[0][2]
    'skipped 3 files in news that are not news inputs (2 .md, 1 .png): not read'
    """
    out = []
    for given in dict.fromkeys(g for g, k in counts if k.startswith(NOT_NEWS_KEY)):
        exts = sorted(((k.removeprefix(NOT_NEWS_KEY), n) for (g, k), n in counts.items()
                       if g == given and k.startswith(NOT_NEWS_KEY) and n),
                      key=lambda e: (-e[1], e[0]))
        total = sum(n for _, n in exts)
        if total:
            shown = ", ".join(f"{n} {ext}" for ext, n in exts[:6])
            more = ", ..." if len(exts) > 6 else ""
            what = "files in {} that are not news inputs" if total != 1 else (
                "file in {} that is not a news input")
            out.append((given, total, f"skipped {total} {what.format(given)} ({shown}{more}): "
                                      "not read"))
    return out


def _unlisted(given: str, top: Path, exc: OSError) -> Iterator[tuple[str, Path]]:
    if exc.filename is None:
        return
    fp = Path(exc.filename)
    rel = os.path.relpath(fp, top)
    yield (given if rel == "." else os.path.join(given, rel)), fp


# Files that are never news articles, whatever their content. (``.json`` is read as an
# array of items or a JSON Feed; archives are named, one warning each: they may hold news.)
NOT_NEWS_EXTENSIONS = (
    ".md", ".rst", ".py", ".js", ".css", ".csv", ".tsv", ".yml", ".yaml", ".toml",
    ".cfg", ".ini", ".log", ".sh", ".pdf", ".png", ".jpg", ".jpeg", ".gif", ".svg",
    ".duckdb", ".wal", ".parquet",
)

# Archives and compressors other than gzip, by their first bytes (and their extension):
# never opened (an archive may be a bomb; extracting is the user's choice), one warning.
ARCHIVE_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"PK\x03\x04", "ZIP"), (b"PK\x05\x06", "ZIP"), (b"PK\x07\x08", "ZIP"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip"), (b"Rar!\x1a\x07", "RAR"),
    (b"BZh", "bzip2"), (b"\xfd7zXZ\x00", "xz"), (b"\x28\xb5\x2f\xfd", "Zstandard"),
    (b"\x04\x22\x4d\x18", "LZ4"),
)
ARCHIVE_EXTENSIONS: tuple[tuple[str, str], ...] = (
    (".zip", "ZIP"), (".tar", "tar"), (".tgz", "tar"), (".tar.gz", "tar"), (".tar.bz2", "tar"),
    (".tar.xz", "tar"), (".tar.zst", "tar"), (".7z", "7-Zip"), (".rar", "RAR"),
    (".bz2", "bzip2"), (".xz", "xz"), (".zst", "Zstandard"), (".lz4", "LZ4"),
)
# Formats that bundle files; the others compress one file.
_BUNDLES = ("ZIP", "tar", "7-Zip", "RAR")


def archive_format(path: Path, head: bytes) -> str | None:
    """The archive or compression format of a file by its first bytes (a tar archive
    by its ``ustar`` mark at byte 257), else by its extension; None for neither (gzip
    is read: a ``.jsonl.gz`` or a ``.warc.gz``)."""
    for magic, name in ARCHIVE_MAGIC:
        if head.startswith(magic):
            return name
    if head[257:262] == b"ustar":
        return "tar"
    low = path.name.lower()
    if head.startswith(b"\x1f\x8b"):
        try:
            inner = gzip.GzipFile(fileobj=io.BytesIO(head)).read(512)
        except (OSError, EOFError, zlib.error):
            inner = b""
        tar = inner[257:262] == b"ustar" or low.endswith((".tgz", ".tar.gz"))
        return "tar" if tar else None
    if not looks_binary(head):
        return None  # text under an archive's name: its bytes decide what it is
    return next((name for ext, name in ARCHIVE_EXTENSIONS if low.endswith(ext)), None)


def archive_reason(fmt: str) -> str:
    """The warning for an archive or a compressed file that is not read."""
    if fmt in _BUNDLES:
        return (f"archive not opened ({fmt}): archives are never extracted by a run; "
                "extract it and give its folder")
    return (f"compressed file not read ({fmt}): only gzip is read; "
            "decompress it and give the file")


def detect_kind(path: Path, head: bytes) -> str:
    """Classify a file as text, html, warc, jsonl, json, feed, mime, mbox, xml, archive,
    binary or other, by extension and content; a registered reader that claims the file
    (:class:`Reader`) names it first.
    (:func:`detect_kind_noted` also says when the content overrode the extension.)"""
    return detect_kind_noted(path, head)[0]


# What each extension claims a file holds.
EXTENSION_KINDS: tuple[tuple[tuple[str, ...], str], ...] = (
    ((".warc", ".warc.gz"), "warc"),
    ((".jsonl", ".jsonl.gz", ".ndjson"), "jsonl"),
    ((".json",), "json"),
    ((".mht", ".mhtml", ".eml"), "mime"),
    ((".mbox", ".mbx"), "mbox"),
    ((".rss", ".atom", ".xml"), "feed"),
    ((".html", ".htm", ".xhtml"), "html"),
    ((".txt", ".text"), "text"),
)
KIND_NAMES = {"warc": "a web archive", "jsonl": "JSON Lines", "feed": "an RSS / Atom feed",
              "html": "an HTML page", "text": "plain text",
              "json": "a JSON document", "mime": "a MIME message",
              "mbox": "a mailbox (mbox)"}


def detect_kind_noted(path: Path, head: bytes) -> tuple[str, str | None]:
    """(kind, note): the kind of :func:`detect_kind`, and a note when the file's bytes
    are another kind than its extension says (a ``.txt`` holding HTML, a ``.jsonl``
    holding a feed): the bytes decide, symmetrically for every extension, and the note
    is the one warning saying so. A file without an extension of these kinds (none,
    ``.story``) is read as what its bytes show, without a note."""
    claimed = _claiming(path, head)
    if claimed is not None:
        return claimed.name, None
    name = path.name.lower()
    if archive_format(path, head) is not None:
        return "archive", None
    if head.startswith(b"\x1f\x8b"):
        # a gzip file is its inner file: ``page.html.gz`` is a page
        name = name.removesuffix(".gz").removesuffix(".gzip")
        if name.endswith((".warc", ".jsonl", ".ndjson")):
            name += ".gz"  # their readers read gzip themselves
        inner = gunzip_head(head)
    else:
        inner = head
    if name.endswith(NOT_NEWS_EXTENSIONS):
        return "other", None
    by_name = next((kind for exts, kind in EXTENSION_KINDS if name.endswith(exts)), None)
    shown = sniff_content(head)
    if shown == "binary":
        # a reader of the claimed kind says what is wrong (a cut .gz, a binary .jsonl)
        return by_name or "binary", None
    if shown is None and by_name in (None, "text") and xml_root(inner) is not None:
        return "xml", None  # an outline, a map, a sitemap: markup, never article text
    if by_name is None:
        return shown or "text", None
    if shown is None or shown == by_name or (shown == "text" and _could_be(by_name, inner)):
        return by_name, None
    if by_name == "mime" and shown == "mbox":
        return by_name, None  # an e-mail saved with its mailbox's "From " line
    if by_name == "json" and shown == "jsonl" and not _second_object_line(inner):
        return by_name, None  # one JSON object on one line: a JSON document as well
    if by_name == "jsonl" and shown == "json" and (_second_object_line(inner)
                                                    or _array_line(inner)):
        return by_name, None  # JSON Lines whose first line is broken, or an array
    ext = next(e for exts, kind in EXTENSION_KINDS if kind == by_name
               for e in exts if name.endswith(e))
    return shown, (f"the {ext} file holds {KIND_NAMES[shown]}, not {KIND_NAMES[by_name]}: "
                   f"read as {KIND_NAMES[shown]}")


_FEED_ROOT = (b"<rss", b"<feed", b"<rdf:rdf")
_HTML_START = (b"<!doctype html", b"<html", b"<head", b"<body", b"<meta", b"<title")
# tags of HTML (an HTML fragment: a feed's content saved alone, a page without its head)
_HTML_TAG = re.compile(rb"<(?:p|div|span|article|section|h[1-6]|table|a|br|ul|li|img|b|i|em|"
                       rb"strong|blockquote|main|header|footer|nav|figure)\b[^>]{0,500}>")
_LEADING_COMMENTS = re.compile(rb"\A(?:\s*<!--.*?-->)+\s*", re.S)


_XML_PROLOG = re.compile(rb"\A<\?xml\b[^>]{0,500}\?>\s*")
_XML_DOCTYPE = re.compile(rb"\A<!doctype\s[^>]{0,2000}>\s*", re.I)
_XML_ROOT = re.compile(rb"\A<([A-Za-z_][\w.:-]{0,100})[\s/>]")
_XML_TAG = re.compile(rb"<[A-Za-z_][\w.:-]{0,100}[^<>]{0,2000}>")


def xml_root(head: bytes) -> str | None:
    """The root element's name when a file's first bytes are XML of a kind that is no
    feed or HTML (an OPML outline, a KML map, a sitemap), else None: with an XML
    declaration, a namespace, its root's end tag, or five tags in its first 2,000
    bytes (a text that opens with "<Reuters>" is no XML document).

    >>> xml_root(b'<?xml version="1.0"?><opml version="2.0"><head/></opml>')
    'opml'
    """
    bom = bom_encoding(head)
    if bom is not None and bom[0] != "utf-8":
        head = head[bom[1]:].decode(bom[0], errors="ignore").encode("utf-8")
    sniff = _LEADING_COMMENTS.sub(b"", head.lstrip(b"\xef\xbb\xbf \t\r\n"), count=1)
    prolog = _XML_PROLOG.match(sniff)
    rest = sniff[prolog.end():] if prolog else sniff
    rest = _LEADING_COMMENTS.sub(b"", rest, count=1)
    rest = _XML_DOCTYPE.sub(b"", rest, count=1)
    rest = _LEADING_COMMENTS.sub(b"", rest, count=1)
    m = _XML_ROOT.match(rest)
    if m is None or sniff_content(head) is not None:
        return None
    root = m.group(1)
    tag_end = rest.find(b">")
    if (prolog or b"xmlns" in rest[:max(tag_end, 0)] or b"</" + root in rest
            or len(_XML_TAG.findall(rest[:2000])) >= 5):
        return root.decode("ascii", "replace")
    return None


def sniff_content(head: bytes) -> str | None:
    """The kind a file's first bytes show: warc, feed, html, jsonl, text or binary;
    None when they show markup or JSON of no known kind (an XML file that is no feed,
    a JSON array) or nothing but blank lines."""
    if head.startswith(b"\x1f\x8b"):
        inner = gunzip_head(head)
        if inner.startswith(b"\x1f\x8b"):
            return "binary"  # compressed twice: never unpacked further
        if inner.startswith(b"WARC/"):
            return "warc"
        if inner.lstrip().startswith(b"{"):
            return sniff_content(inner) or "jsonl"
        # a compressed page, feed or text: what its bytes show (None while they show
        # nothing: a cut or corrupt stream, which its reader then names)
        return sniff_content(inner) if inner else None
    if head.startswith(b"WARC/"):
        return "warc"
    lie = lying_bom(head, cut=True)
    if lie is not None and lie[0] == "utf-8":
        head = head[lie[1]:]  # the mark is junk: the UTF-8 after it is what is sniffed
    bom = bom_encoding(head) if lie is None else lie[:2]
    utf16 = wide_without_bom(head) if bom is None else None
    if bom is not None and bom[0] != "utf-8":
        # UTF-16/32 text has NUL bytes: sniff its characters, not its bytes
        head = head[bom[1]:].decode(bom[0], errors="ignore").encode("utf-8")
    elif utf16 is not None:
        head = head.decode(utf16, errors="ignore").encode("utf-8")
    elif looks_binary(head):
        return "binary"
    sniff = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    sniff = _LEADING_COMMENTS.sub(b"", sniff, count=1)
    if not sniff.strip():
        return None  # blank (so far): the extension's reader says what it holds
    if sniff.startswith(b"<?xml"):
        if any(root in sniff[:2000] for root in _FEED_ROOT):
            return "feed"
        rest = sniff[sniff.find(b"?>") + 2:].lstrip() if b"?>" in sniff else b""
        rest = _LEADING_COMMENTS.sub(b"", rest, count=1)
        return "html" if rest.startswith(_HTML_START) else None
    if sniff.startswith(_FEED_ROOT):
        return "feed"
    if sniff.startswith(_HTML_START):
        return "html"
    if sniff.startswith(b"<") and _HTML_TAG.match(sniff):
        return "html"
    if sniff.startswith((b"{", b"[")):
        return _json_kind(sniff)
    if sniff.startswith(b"<"):
        return None  # markup of no kind known here
    if _looks_mime(sniff):
        return "mime"
    if _looks_mbox(sniff):
        return "mbox"  # a mailbox: each message opens with a "From sender date" line
    return "text"


_JSON_FEED_MARK = re.compile(rb'"version"\s*:\s*"https?://jsonfeed\.org/version/')


def _json_kind(sniff: bytes) -> str | None:
    """jsonl, json (a JSON array of objects, a pretty-printed object, a JSON Feed) or
    None for JSON of no kind known here (an array of numbers)."""
    if sniff.startswith(b"["):
        return "json" if sniff[1:].lstrip()[:1] in (b"{", b"]") else None
    if _JSON_FEED_MARK.search(sniff[:4096]):
        return "json"
    if _json_object_line(sniff):
        return "jsonl"
    first = sniff.partition(b"\n")[0].rstrip()
    if b"\n" in sniff and (first == b"{" or first.endswith((b",", b"{", b"["))):
        return "json"  # an object written over many lines
    return None


def _second_object_line(head: bytes) -> bool:
    """Whether the bytes are JSON Lines by a line after the first: the first line opens
    an object (not alone: ``{`` alone opens a pretty-printed object) and a later whole
    line is one (the last line of a sample may be cut)."""
    lines = head.lstrip(b"\xef\xbb\xbf \t\r\n").split(b"\n")
    first = lines[0].strip()
    if not first.startswith(b"{") or first == b"{":
        return False
    return any(ln.lstrip().startswith(b"{") and _parses_as_object(ln) for ln in lines[1:-1])


# The header lines a MIME message opens with (a saved page, an e-mail): the fields that
# mark it as MIME, and the fields of mail transport; a text article with a "Date:" line
# is not one.
_MIME_FIELDS = frozenset({"mime-version", "content-type", "content-transfer-encoding",
                          "snapshot-content-location", "received", "message-id",
                          "return-path", "dkim-signature"})
_HEADER_LINE = re.compile(rb"[A-Za-z][A-Za-z0-9-]{0,76}:")


def _array_line(head: bytes) -> bool:
    """Whether the first line of the bytes is a JSON array written on one line (``[{...},
    {...}]``: JSON Lines whose writer put a batch of records on a line), not the ``[``
    that opens an array written over many lines."""
    first, nl, _ = head.lstrip(b"\xef\xbb\xbf \t\r\n").partition(b"\n")
    first = first.strip()
    return first.startswith(b"[") and first != b"[" and (first.endswith(b"]") or not nl)


def _looks_mime(sniff: bytes) -> bool:
    """Whether the bytes open with a block of header fields that names MIME or mail."""
    names = _header_names(sniff)
    return names is not None and len(names) >= 2 and bool(names & _MIME_FIELDS)


# The line opening a message in a mailbox: "From sender Mon May 13 10:00:00 2024"
_MBOX_LINE = re.compile(rb"from \S{1,300} +[^\n]{0,80}\b\d\d?:\d\d\b[^\n]{0,80}\n")


def _looks_mbox(sniff: bytes) -> bool:
    """Whether the (lower-cased) bytes open a mailbox: a "From sender date" line, then a
    block of header fields naming MIME or mail, or a sender and a subject or date."""
    m = _MBOX_LINE.match(sniff.replace(b"\r\n", b"\n"))
    if m is None:
        return False
    names = _header_names(sniff.replace(b"\r\n", b"\n")[m.end():])
    return names is not None and len(names) >= 2 and bool(
        names & _MIME_FIELDS or ("from" in names and names & {"subject", "date"}))


def _header_names(sniff: bytes) -> set[str] | None:
    """The (lower-cased) names of the header fields the bytes open with, None when a
    line of that block is no header field."""
    lines = sniff.replace(b"\r\n", b"\n").split(b"\n")
    names: set[str] = set()
    for line in lines[:200]:
        if not line.strip():
            break  # the blank line that ends the headers
        if line[:1] in (b" ", b"\t") and names:
            continue  # a folded header line
        m = _HEADER_LINE.match(line)
        if m is None:
            return None
        names.add(m.group(0)[:-1].decode("ascii").lower())
    else:
        if len(lines) > 200:
            return None
    return names


def _json_object_line(data: bytes) -> bool:
    """Whether ``data`` opens with a line holding a JSON object (or one longer than the
    sample, opening like one)."""
    line, newline, _ = data.partition(b"\n")
    if not newline:
        return line.startswith((b'{"', b"{ \"")) or _parses_as_object(line)
    return _parses_as_object(line)


def _parses_as_object(line: bytes) -> bool:
    try:
        return isinstance(loads_bounded(line.decode("utf-8", errors="replace")), dict)
    except ValueError:
        return False


def _could_be(kind: str, head: bytes) -> bool:
    """Whether bytes that look like plain text may still be ``kind`` (weak evidence that
    keeps the extension's word: a JSON Lines file whose first line is broken)."""
    if kind == "jsonl":
        return head.lstrip().startswith(b"{") or b"\n{" in head
    if kind in ("json", "mime", "mbox"):
        return True  # the reader says what is wrong with it
    if kind == "warc":
        return b"WARC/1." in head
    return re.search(rb"<[A-Za-z!?/]", head) is not None  # html, feed: any markup


def looks_binary(data: bytes, *, stray_nul: bool = False) -> bool:
    """True when a byte sample is not text: NUL bytes or many control characters.

    With ``stray_nul`` a NUL byte counts as one more control character (a JSON Lines
    file with one raw NUL in one line is text: that line is the only one lost).
    """
    if not data:
        return False
    if b"\x00" in data[:4096] and not stray_nul:
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


def without_bom(line: str) -> str:
    r"""A line of decoded text without the byte order marks that open it: in files joined
    with ``cat`` each file's mark opens a line in the middle (every reader of lines, and
    ``storyline code``, reads such a line as if the mark were not there).

    >>> without_bom('\ufeff{"text": "Rebels shelled Gao."}')
    '{"text": "Rebels shelled Gao."}'
    """
    return line.lstrip("\ufeff")


def utf16_without_bom(data: bytes) -> str | None:
    """"utf-16-le" or "utf-16-be" when ``data`` is UTF-16 text without a byte order mark
    (every other byte NUL, as ASCII-range text in UTF-16 has), else None."""
    sample = data[:4096]
    sample = sample[: len(sample) // 2 * 2]
    if len(sample) < 64:
        return None
    even, odd = sample[0::2], sample[1::2]
    half = len(sample) // 2
    for zeros, other, enc in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if zeros.count(0) >= 0.7 * half and other.count(0) <= 0.02 * half:
            text = sample.decode(enc, errors="replace")
            if sum(1 for c in text if c.isprintable() or c in "\n\r\t") >= 0.95 * len(text):
                return enc
    return None


def utf32_without_bom(data: bytes) -> str | None:
    """"utf-32-le" or "utf-32-be" when ``data`` is UTF-32 text without a byte order mark:
    text of the Latin script in UTF-32 has three NUL bytes of every four (every code point
    is below U+10000, most below U+0100), in the same places, which nothing else has."""
    sample = data[:4096]
    sample = sample[: len(sample) // 4 * 4]
    if len(sample) < 64:
        return None
    quarter = len(sample) // 4
    columns = [sample[i::4] for i in range(4)]
    for low, mid, high, enc in ((0, 1, (2, 3), "utf-32-le"), (3, 2, (1, 0), "utf-32-be")):
        if (all(columns[i].count(0) == quarter for i in high)
                and columns[mid].count(0) >= 0.7 * quarter
                and columns[low].count(0) <= 0.02 * quarter):
            text = sample.decode(enc, errors="replace")
            if sum(1 for c in text if c.isprintable() or c in "\n\r\t") >= 0.95 * len(text):
                return enc
    return None


def wide_without_bom(data: bytes) -> str | None:
    """The UTF-16 or UTF-32 encoding of text without a byte order mark
    (:func:`utf32_without_bom`, :func:`utf16_without_bom`), else None.

    >>> wide_without_bom("Rebels shelled Gao on Monday. Troops left.".encode("utf-32-le"))
    'utf-32-le'
    """
    return utf32_without_bom(data) or utf16_without_bom(data)


def stream_encoding(head: bytes) -> tuple[str, str] | None:
    """(encoding, note) of a file or stream of lines whose first bytes are ``head`` when
    it is UTF-16 or UTF-32 (a byte order mark, or the NUL bytes of ASCII text in them),
    which is read decoded as a whole; None for a file read line by line as bytes (UTF-8,
    a legacy code page). The note is what ``run``, ``code`` and ``times`` each say once.

    >>> stream_encoding("Rebels shelled Gao on Monday, the army said.".encode("utf-16-le"))
    ('utf-16-le', 'decoded as UTF-16-LE (no byte order mark)')
    """
    bom = bom_encoding(head)
    lie = lying_bom(head, cut=True)
    if lie is not None and lie[0] == "utf-8":
        return None  # UTF-8 behind a UTF-16 mark: read as bytes, each line decoded and said
    if bom is not None:
        return None if bom[0] == "utf-8" else (bom[0], f"decoded as {bom[0].upper()} (byte order mark)")
    enc = wide_without_bom(head)
    return None if enc is None else (enc, f"decoded as {enc.upper()} (no byte order mark)")


def _script_share(text: str) -> float:
    """The share of letters written in a script other than Latin."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 0.0
    # half-width katakana is what a misread single-byte code page turns into: not counted
    return sum(1 for c in letters if ord(c) > 0x24F and not 0xFF61 <= ord(c) <= 0xFF9F) / len(
        letters)


_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]{2,40})""", re.I)


def declared_charset(data: bytes, content_type: str | None = None) -> str | None:
    """The character set a page declares (HTTP Content-Type, else ``<meta charset>``),
    when Python knows it."""
    return charset_declarations(data, content_type)[0]


def charset_declarations(data: bytes, content_type: str | None = None,
                         ) -> tuple[str | None, str | None, list[str]]:
    """(the codec of the first usable declaration, that declaration as written, what was
    declared and ignored: "UTF-7", "'x-klingon-42' (unknown)") of a page: its HTTP
    Content-Type, else its ``<meta charset>``.

    >>> charset_declarations(b'<meta charset="x-klingon-42">')
    (None, None, ["'x-klingon-42' (unknown)"])
    """
    import codecs

    names = []
    if content_type:
        m = re.search(r"charset\s*=\s*[\"']?([A-Za-z0-9_:.\-]{2,40})", content_type, re.I)
        if m:
            names.append(m.group(1))
    m2 = _META_CHARSET.search(data[:8192])
    if m2:
        names.append(m2.group(1).decode("ascii", "ignore"))
    ignored: list[str] = []
    for name in names:
        try:
            found = codecs.lookup(name).name
        except LookupError:
            ignored.append(f"{name!r} (unknown)")
            continue
        if found in ("utf-7", "utf-16", "utf-32") or not getattr(
                codecs.lookup(found), "_is_text_encoding", True):
            # UTF-7 hides markup (browsers refuse it); UTF-16/32 need a BOM here
            ignored.append(found.upper())
            continue
        # as browsers do: a page labelled Latin-1 is CP1252 (its quotes are 0x91-0x94)
        return ("cp1252" if found == "iso8859-1" else found), name, ignored
    return None, None, ignored


def decode_declared(data: bytes, content_type: str | None = None, *, markup: bool = True,
                    declarer: str = "the page") -> tuple[str | None, str | None]:
    """:func:`decode_with_note` of a page by what it declares (``content_type``, and its
    ``<meta charset>`` when ``markup``), with one note when a declaration was not what
    was used: a UTF-7 or unknown name (ignored: UTF-7 is never decoded, it can hide
    markup), or a legacy code page declared over bytes that are another encoding
    (valid UTF-8 under "iso-8859-1"). The note says what was used instead; ``declarer``
    names what declared the charset ("the message" for an e-mail).

    >>> decode_declared('<meta charset="iso-8859-1"><p>Café</p>'.encode())[1]
    "declared charset 'iso-8859-1' does not fit the bytes, which are valid UTF-8: read as UTF-8"
    """
    codec, label, ignored = charset_declarations(data if markup else b"", content_type)
    text, note = decode_with_note(data, codec, declarer=declarer)
    if text is None:
        return text, note
    said = "; ".join(f"declared charset {name} ignored" for name in ignored)
    if said:
        return text, f"{said}; {note}" if note else f"{said}: read as UTF-8"
    if codec is None or codec in ("utf-8", "ascii"):
        return text, note
    if note and f"by {declarer}" in note:
        # a page labelled "iso-8859-1" is read as CP1252: the note names the label it wrote
        return text, note.replace(f"declared {encoding_name(codec)} by", f"declared {label} by", 1)
    if note is None:
        if data.isascii():
            return text, None  # ASCII reads the same in every code page declared here
        return text, (f"declared charset {label!r} does not fit the bytes, which are valid "
                      "UTF-8: read as UTF-8")
    return text, f"{note} (declared charset {label!r} does not fit the bytes)"


# The escape sequences that switch ISO-2022-JP/-KR/-CN text into a double-byte set: such
# text is 7-bit, so it is valid UTF-8 too and was stored as "$BEl5~$G..." with no warning.
_ISO2022_ESCAPES = {b"\x1b$B": "iso2022_jp", b"\x1b$@": "iso2022_jp", b"\x1b$(D": "iso2022_jp_2",
                    b"\x1b$)C": "iso2022_kr", b"\x1b$)A": "iso2022_jp_2"}


def _iso2022(data: bytes, declared: str | None,
             declarer: str = "the page") -> tuple[str, str] | None:
    """Text in an ISO-2022 encoding, decoded, when the page declares one or its escape
    sequences are there (never in other text: ESC is no character of news)."""
    head = data[:200_000]
    seen = next((enc for esc, enc in _ISO2022_ESCAPES.items() if esc in head), None)
    if seen is None:
        return None
    enc = declared if declared and declared.startswith("iso2022") else seen
    try:
        text = data.decode(enc)
    except (UnicodeDecodeError, LookupError):
        return None
    how = f"declared by {declarer}" if enc == declared else "its escape sequences"
    return text, f"not UTF-8: decoded as {enc.upper().replace('_', '-')} ({how})"


def decode_with_note(data: bytes, declared: str | None = None, *,
                     declarer: str = "the page") -> tuple[str | None, str | None]:
    """Decode bytes: (text or None for binary, a note saying how, when not plain UTF-8).

    Byte order marks are honoured (UTF-8/16/32); UTF-8 with a few broken bytes stays
    UTF-8 (replacement characters, a note); other bytes are CP1252 when they read as
    Western European letters, a code page of another script when charset-normalizer
    decodes them into that script, and otherwise UTF-8 with replacements. Every
    decoding that is not plain UTF-8 is named in the note; a ``declared`` charset is said
    to be declared by ``declarer`` (the page, the message).
    """
    bom = bom_encoding(data)
    if bom is not None:
        enc, n = bom
        text = data[n:].decode(enc, errors="replace")
        bad = text.count("\ufffd")
        if enc == "utf-8" and not bad:
            return text, None
        if enc == "utf-8" and not bom_encoding(data[n:]):
            # a tool that "converts" a file adds the mark without re-encoding it: what
            # follows is read as a file without one (CP1252, or UTF-8 with CP1252 pasted in)
            rest, how = decode_with_note(data[n:], declared, declarer=declarer)
            if rest is not None and rest.count("\ufffd") < bad:
                return rest, f"UTF-8 byte order mark, but {how}"
        lie = lying_bom(data)
        if lie is not None:
            return data[lie[1]:].decode(lie[0], errors="replace"), lie[2]
        note = f"decoded as {enc.upper()} (byte order mark)"
        if bad:
            note += f", {bad} undecodable bytes replaced"
        return text, note
    # UTF-16/32 text without a byte order mark is valid UTF-8 too (ASCII with NUL bytes
    # between): its NUL bytes are looked at first
    utf16 = wide_without_bom(data) if b"\x00" in data[:4096] else None
    if utf16 is not None:
        return data.decode(utf16, errors="replace"), f"decoded as {utf16.upper()} (no byte order mark)"
    iso2022 = _iso2022(data, declared, declarer)
    if iso2022 is not None:
        return iso2022
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    if looks_binary(data):
        return None, None
    if declared and declared not in ("utf-8", "ascii"):
        # a page that names its encoding: the strongest evidence there is
        with contextlib.suppress(LookupError):
            text = data.decode(declared, errors="replace")
            bad = text.count("\ufffd") - data.count("\ufffd".encode())
            if bad <= max(3, len(data) // 1000):
                return _letters_overrule(data, declared, text, declarer) or (
                    text, f"not UTF-8: decoded as {declared} (declared by {declarer})")
    replaced = data.decode("utf-8", errors="replace")
    bad = replaced.count("\ufffd") - data.count("\ufffd".encode())
    few = bad <= max(3, len(data) // 1000)
    legacy = not mostly_utf8(data)
    if legacy and not _utf8_words(data):
        # most bytes beyond ASCII are no UTF-8, and the few valid sequences sit inside
        # words of such bytes: a legacy code page for the whole file (KOI8-R has byte
        # pairs that happen to be valid UTF-8, "\xdd\xa3"), not UTF-8 with segments
        whole = central_european(data) or central_european_letters(data) or _non_latin(data)
        if whole is not None:
            return whole
    if _UTF8_MULTIBYTE.search(data):
        mixed = decode_mixed(data)
        if mixed is not None:
            # UTF-8 with pieces of a legacy code page pasted in: each stays what it is
            return mixed[0], (f"mixed encodings: {mixed[1]} segment(s) not UTF-8 read as "
                              f"{page_name(mixed[2], data)}, the rest as UTF-8"
                              + ("" if mixed[3] else ", characters may be wrong"))
        if few:  # UTF-8 with a few broken bytes
            return replaced, f"invalid UTF-8: {bad} broken bytes replaced (kept as UTF-8)"
    if not legacy:  # UTF-8 with many broken sequences: still UTF-8
        return replaced, f"invalid UTF-8: {bad} broken bytes replaced (kept as UTF-8)"
    return _legacy(data, replaced, bad, few)


# The Western European code pages a server or page declares by default ("iso-8859-1" in an
# HTTP header) over bytes of any page: their reading is checked against the letters.
_WESTERN_DECLARED = frozenset({"cp1252", "latin-1", "iso8859-1", "iso8859-15"})
_DECODED_AS = re.compile(r"decoded as (.+?)(?: \(detected\)|, chosen by its letters)?$")


def _letters_overrule(data: bytes, declared: str, reading: str,
                      declarer: str) -> tuple[str, str] | None:
    """(text, note) when a Western European charset declared over ``data`` (``reading``
    is its decoding) is contradicted by the bytes: ISO-8859-1 or CP1252 whose € / œ
    bytes are ISO-8859-15's (:func:`_latin9`); or a reading of the bytes above 0x7F that
    mixes letters no one Western language has ("Õðïõñãüò" for Greek in CP1253) while the
    legacy page detector (:func:`segment_page`) is confident of a page other than CP1252
    and decoding ``data`` as if nothing were declared gives that clear reading. Else None:
    the declaration stands (French, German or Spanish letters fit it). Raises
    LookupError for an unknown ``declared``."""
    codec = codecs.lookup(declared).name
    if codec not in _WESTERN_DECLARED:
        return None
    said = f"not UTF-8: declared {encoding_name(declared)} by {declarer}, read as"
    high = bytes(b for b in data[:200_000] if b >= 0x80).decode(declared, errors="replace")
    seg = (None if _letters_fit(high, _WESTERN_LETTERS) is not None
           else segment_page(data.decode("ascii", errors="surrogateescape")))
    if seg is not None and seg[0] != "cp1252" and seg[2]:
        text, note = decode_with_note(data, None, declarer=declarer)
        if text is not None and note is not None and text != reading and "may be wrong" not in note:
            m = _DECODED_AS.search(note)
            return text, f"{said} {m.group(1) if m else page_name(seg[0], data)} by its letters"
        return None
    latin9 = _latin9(data) if codec != "iso8859-15" else None
    return None if latin9 is None else (latin9[0], f"{said} ISO-8859-15 by its € / œ bytes")


def _utf8_behind_utf16_mark(rest: bytes, *, cut: bool = False) -> bool:
    """Whether the bytes after a UTF-16 byte order mark are UTF-8 instead: they decode
    as UTF-8 (but for a character cut at the end when ``cut``: the first bytes of a
    file) and have no NUL byte (UTF-16 puts one in every space and line break)."""
    try:
        rest.decode("utf-8")
    except UnicodeDecodeError as exc:
        if not cut or exc.start < len(rest) - 3:
            return False
    return len(rest) >= 16 and b"\x00" not in rest


def _utf16_behind_utf32_mark(rest: bytes, enc: str) -> bool:
    """Whether the bytes after a UTF-32 byte order mark (FF FE 00 00 is a UTF-16 one and
    a NUL character too) are UTF-16 of the same byte order instead: as UTF-32 most of
    them are no code point at all (UTF-16 letters pair up past U+10FFFF), and as UTF-16
    they are printable text."""
    sample = rest[:4096]
    wide = sample[: len(sample) // 4 * 4].decode(enc, errors="replace")
    if len(wide) < 4 or wide.count("\ufffd") < 0.5 * len(wide):
        return False
    text = sample[: len(sample) // 2 * 2].decode(enc.replace("32", "16"), errors="replace")
    return sum(1 for c in text if c.isprintable() or c in "\n\r\t") >= 0.95 * len(text)


def lying_bom(data: bytes, *, cut: bool = False) -> tuple[str, int, str] | None:
    """(encoding, bytes to skip, note) when ``data`` opens with a byte order mark that
    does not fit what follows it: UTF-8 behind a UTF-16 mark, UTF-16 behind a UTF-32
    one (its mark is a UTF-16 mark and a NUL). ``cut``: ``data`` is the first bytes of a
    file, its last character may be cut. Else None.

    >>> lying_bom(codecs.BOM_UTF32_LE + "Troops left Gao on Monday.".encode("utf-16-le"))
    ('utf-16-le', 4, 'UTF-32 byte order mark, but not UTF-32: decoded as UTF-16-LE')
    """
    bom = bom_encoding(data)
    if bom is None:
        return None
    enc, n = bom
    if enc.startswith("utf-16") and _utf8_behind_utf16_mark(data[n:], cut=cut):
        return "utf-8", n, "UTF-16 byte order mark, but not UTF-16: decoded as UTF-8"
    if enc.startswith("utf-32") and _utf16_behind_utf32_mark(data[n:], enc):
        wide = enc.replace("32", "16")
        return wide, n, f"UTF-32 byte order mark, but not UTF-32: decoded as {wide.upper()}"
    return None


def _utf8_words(data: bytes) -> int:
    """How many valid UTF-8 characters beyond ASCII ``data`` holds in words with no byte
    that is not UTF-8 ("Café" in a UTF-8 body, not "\u0763" amid KOI8-R letters)."""
    text = data.decode("utf-8", errors="surrogateescape")
    return sum(1 for word in text.split() if not _LEGACY_BYTE.search(word)
               for c in word if ord(c) > 0x7F)


_LEGACY_BYTE = re.compile(r"[\udc80-\udcff]")


def _non_latin(data: bytes) -> tuple[str, str] | None:
    """(text, note) when charset-normalizer decodes ``data`` into a script other than
    Latin; between two pages of one script that read some bytes differently (ISO-8859-7
    and CP1253: "Ά" or "¶"), the one reading more of them as letters."""
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data[:200_000]))[:5]
    for match in matches:
        if not match.encoding.startswith(_NON_LATIN) or match.chaos >= 0.1:
            continue
        try:
            text = data.decode(match.encoding, errors="replace")
        except LookupError:
            continue
        if _script_share(text) >= 0.5:
            encoding, text = _sibling(data, match.encoding, text, matches)
            return text, f"not UTF-8: decoded as {encoding_name(encoding)} (detected)"
    return None


def _sibling(data: bytes, encoding: str, text: str, matches: list[Any]) -> tuple[str, str]:
    """The page, of ``encoding`` and the others charset-normalizer found equally good for
    ``data``, whose reading gives the most letters."""
    high = bytes(b for b in data if b >= 0x80)

    def letters(page: str) -> int:
        return sum(1 for c in high.decode(page, errors="replace") if c.isalpha())

    first = next(m for m in matches if m.encoding == encoding)
    best, most = encoding, letters(encoding)
    for m in matches:
        if m.encoding != encoding and m.language == first.language and m.chaos <= first.chaos:
            with contextlib.suppress(LookupError):
                if letters(m.encoding) > most:
                    best, most = m.encoding, letters(m.encoding)
    return best, text if best == encoding else data.decode(best, errors="replace")


def _latin9_evidence(data: bytes) -> int:
    r"""How clearly bytes with none at 0x80-0x9F are ISO-8859-15 rather than CP1252
    (``latin9`` in ``data/code_page_letters.json``): +1 for each currency byte not inside
    a word ("d'¤" is "d'€") and each letter byte beside a letter and not a digit
    ("½uvres" is "œuvres"); 0 when some letter byte sits beside a digit (a fraction,
    "2½") or some byte is at 0x80-0x9F (letters in CP1252, control codes in Latin-9).

    >>> _latin9_evidence("Les œuvres, 300 €".encode("iso8859_15")), _latin9_evidence("2½ km".encode("cp1252"))
    (2, 0)
    """
    sample = data[:200_000]
    if _C1_BYTE.search(sample):
        return 0
    score = 0
    for m in _LATIN9_BYTE.finditer(sample):
        i, b = m.start(), sample[m.start()]
        near = sample[max(i - 1, 0):i] + sample[i + 1:i + 2]
        letter = [c.isalpha() for c in near.decode("latin-1")]
        if b in _LATIN9_CURRENCY:
            score += 0 if len(letter) == 2 and all(letter) else 1
        elif any(chr(c).isdigit() for c in near):
            return 0
        elif any(letter):
            score += 1
    return score


def _latin9(data: bytes) -> tuple[str, str] | None:
    """(text, note) for Western European text in ISO-8859-15: its € / œ / Š / Ž bytes
    read so in context (:func:`_latin9_evidence`), and its bytes above 0x7F read as
    Western letters and signs. Else None."""
    if not _latin9_evidence(data):
        return None
    text = data.decode("iso8859_15")
    high = [c for c, b in zip(text, data, strict=True) if b >= 0x80]
    if sum(1 for c in high if c in _WESTERN or c in "ŠšŽžŸ") < 0.8 * len(high):
        return None
    return text, "not UTF-8: decoded as ISO-8859-15 (Western European, chosen by its € / œ bytes)"


def _legacy(data: bytes, replaced: str, bad: int, few: bool) -> tuple[str, str]:
    """(text, note) of bytes that are no UTF-8 and no page charset-normalizer found for
    the whole file: the page the words holding them read best in (see
    :func:`segment_page`; all of them, not the first 64 KB), CP1252 for Western European
    letters, UTF-8 for a few broken bytes, else CP1252 with a doubt."""
    western = data.decode("cp1252", errors="replace")
    seg = segment_page(data.decode("ascii", errors="surrogateescape"))
    # lone bytes with no UTF-8 sequence anywhere, that read as a few letters of a language,
    # are letters of a page, not broken UTF-8 (a "\xff\xfe" in a line is no such letters)
    if seg is not None and seg[0] != "cp1252" and (seg[2] or not few or (
            seg[3] >= _SEGMENT_MARGIN and not any(utf8_evidence(data)[:2]))):
        text = data.decode(seg[0], errors="replace")
        if seg[2]:
            return text, f"not UTF-8: decoded as {page_name(seg[0], data)}, chosen by its letters"
        return text, (f"not UTF-8: read as {page_name(seg[0], data)} by its few letters, "
                      "characters may be wrong")
    latin9 = _latin9(data)
    if latin9 is not None:
        return latin9
    high = [c for c, b in zip(western, data, strict=True) if b >= 0x80] if len(western) == len(
        data) else []
    letters = sum(1 for c in western if c.isalpha())
    # In Western European text accented letters are a minority; bytes that are nearly all
    # "accented letters" are another script's code page (Cyrillic in CP1251 reads as "Ïåð").
    if (high and sum(1 for c in high if c in _WESTERN) >= 0.8 * len(high)
            and len(high) <= 0.3 * max(letters, 1)):
        return western, "not UTF-8: decoded as CP1252 (Western European)"
    if few:
        return replaced, f"invalid UTF-8: {bad} broken bytes replaced (kept as UTF-8)"
    return western, "not UTF-8 and no encoding detected: read as CP1252, characters may be wrong"


def utf8_evidence(data: bytes) -> tuple[int, int, int]:
    r"""(valid multi-byte characters, broken UTF-8 sequences, lone bytes) of bytes that are
    not all valid UTF-8. A broken sequence is a lead byte followed by as many continuation
    bytes as it announces that still make no character (an overlong form, a surrogate, a
    code point past U+10FFFF): only UTF-8 writes those. A lone byte (or a sequence cut
    short) may be a letter of a legacy code page ("S\xe3o"; Polish "\xf3\xb3" in CP1250).

    >>> utf8_evidence("Café".encode() + b" \xc0\xaf \xed\xa0\x80 S\xe3o")
    (1, 2, 1)
    """
    text = data.decode("utf-8", errors="surrogateescape")
    valid = broken = lone = 0
    run: list[int] = []
    for c in text + " ":
        o = ord(c)
        if 0xDC80 <= o <= 0xDCFF:
            run.append(o - 0xDC00)
            continue
        if run:
            i = 0
            while i < len(run):
                j = i + 1
                need = next((n for top, n in ((0xE0, 2), (0xF0, 3), (0xF8, 4)) if run[i] < top),
                            1) if run[i] >= 0xC0 else 1
                while j < len(run) and j - i < need and 0x80 <= run[j] <= 0xBF:
                    j += 1
                if need > 1 and j - i == need:
                    broken += 1  # as long as its lead byte says: a malformed character
                else:
                    lone += 1  # a lone byte, or a sequence cut short: another page may read it
                i = j
            run = []
        if o > 0x7F:
            valid += 1
    return valid, broken, lone


def mostly_utf8(data: bytes) -> bool:
    """Whether bytes that are not all valid UTF-8 are UTF-8 still, by the evidence of
    :func:`utf8_evidence`: its valid multi-byte characters and broken UTF-8 sequences
    are at least as many as the lone bytes that another code page could explain (a
    CP1252 text holds no valid sequence, or one by chance among many lone letters)."""
    valid, broken, lone = utf8_evidence(data)
    return valid + broken >= max(1, lone)


def _is_western(chars: str) -> bool:
    return bool(chars) and sum(1 for c in chars if c in _WESTERN) >= 0.8 * len(chars)


def decode_mixed(data: bytes) -> tuple[str, int, str, bool] | None:
    """(text, number of segments not UTF-8, their code page, whether its evidence is
    clear) when ``data`` is UTF-8 with segments of a single-byte code page in it: every
    byte that is not part of a valid UTF-8 sequence is a single byte, and the words
    holding them read as letters in the page :func:`segment_page` picks (CP1252, CP1250,
    CP1251, ...). Else None.

    >>> decode_mixed("São Paulo, ".encode() + "Genève".encode("cp1252"))
    ('São Paulo, Genève', 1, 'cp1252', True)
    """
    segments = 0
    pos = 0
    while pos < len(data):
        try:
            data[pos:].decode("utf-8")
            break
        except UnicodeDecodeError as exc:
            if exc.end - exc.start != 1:
                return None  # a cut multi-byte sequence: broken UTF-8, not another code page
            if exc.start > 0 or segments == 0:  # valid UTF-8 before it: a new segment
                segments += 1
            pos += exc.end
    text = data.decode("utf-8", errors="surrogateescape")
    seg = segment_page(text)
    if seg is None:
        return None
    page, _, confident, _ = seg
    if page != "cp1252" and utf8_evidence(data)[1]:
        page = "cp1252"  # broken UTF-8 sequences ("\xc0\xaf"): only CP1252 letters repair
    legacy = "".join(_LEGACY_BYTE.findall(text))
    if page == "cp1252":  # as before: its bytes read as Western European letters
        if not _is_western(legacy.translate(_page_table(page))):
            return None
        confident = True
    return text.translate(_page_table(page)), segments, page, confident


# Languages charset-normalizer recognises that are written in a Central European code page
# (CP1250 / ISO 8859-2): "Zażółć gęślą jaźń" in ISO 8859-2 is no Western European text.
_CENTRAL_EUROPEAN_LANGUAGES = frozenset({
    "Polish", "Czech", "Slovak", "Hungarian", "Slovene", "Croatian", "Romanian", "Serbian"})
_CENTRAL_EUROPEAN_PAGES = ("cp1250", "iso8859_2")
# Bytes that read differently in CP1252 and a Central European page, needed to choose it.
_CENTRAL_EUROPEAN_MIN_EVIDENCE = 3


def _code_page_letters() -> dict[str, Any]:
    """``data/code_page_letters.json``: the letters of the languages each legacy code page
    writes (see its ``about``)."""
    from importlib.resources import files

    data: dict[str, Any] = json.loads(files("storyline").joinpath("data/code_page_letters.json")
                                      .read_text("utf-8"))
    return data


def _segment_letters(table: dict[str, Any], central: dict[str, str]) -> dict[str, str]:
    """The letters a segment's languages have: the Central European ones, the listed ones,
    and each script of ``ranges`` as all its code points."""
    out = {**central, **table["letters"]}
    for script, ranges in table["ranges"].items():
        out[script] = "".join(chr(c) for rng in ranges for c in range(
            int(rng.split("-")[0], 16), int(rng.split("-")[1], 16) + 1))
    return out


_LETTER_DATA = _code_page_letters()
# The bytes that tell ISO-8859-15 from CP1252 (see :func:`_latin9_evidence`).
_LATIN9_CURRENCY = frozenset(int(b, 16) for b in _LETTER_DATA["latin9"]["currency"])
_LATIN9_LETTERS = frozenset(int(b, 16) for b in _LETTER_DATA["latin9"]["letters"])
_LATIN9_BYTE = re.compile(b"[" + b"".join(re.escape(bytes([b])) for b in sorted(
    _LATIN9_CURRENCY | _LATIN9_LETTERS)) + b"]")
_C1_BYTE = re.compile(rb"[\x80-\x9f]")
# The letters beyond ASCII of each Central European language: with no byte at 0x80-0x9F,
# the two code pages differ only at 0xA0-0xBF (ISO 8859-2 "š" is CP1250 "ą"), and the page
# whose reading gives more of the language's own letters is the one it was written in.
_CENTRAL_EUROPEAN_LETTERS: dict[str, str] = _LETTER_DATA["central_european"]["letters"]


def _central_european_page(high: bytes, language: str, page: str) -> str:
    """CP1250 or ISO 8859-2 for text with no byte at 0x80-0x9F (where CP1250 has letters
    and ISO 8859-2 control codes): the one whose reading of the high bytes gives more
    letters of ``language`` ("Malijští" in ISO 8859-2, not CP1250's "Malijątí")."""
    letters = _CENTRAL_EUROPEAN_LETTERS.get(language)
    if not letters:
        return page
    score = {p: sum(1 for c in high.decode(p, errors="replace").lower() if c in letters)
             for p in _CENTRAL_EUROPEAN_PAGES}
    if score["iso8859_2"] > score["cp1250"]:
        return "iso8859_2"
    if score["cp1250"] > score["iso8859_2"]:
        return "cp1250"
    return page


# The letters beyond ASCII of the Western European languages written in CP1252: bytes whose
# CP1252 reading mixes letters no one of them has (Czech "zemřelo při útoku" in CP1250 reads
# "zemøelo pøi útoku": Danish "ø" beside Spanish "ú") are no Western text.
_WESTERN_LETTERS: dict[str, str] = _LETTER_DATA["western"]["letters"]


def _letters_fit(chars: str, languages: dict[str, str]) -> str | None:
    """The first language of ``languages`` whose letters are every letter of ``chars``
    (a character no code page defines, U+FFFD, fits none)."""
    letters = {c for c in chars.lower() if c.isalpha() or c == "\ufffd"}
    return next((lang for lang, own in languages.items() if letters <= set(own)), None)


def central_european_letters(data: bytes) -> tuple[str, str] | None:
    """(text, note) for a short Central European text charset-normalizer cannot place
    (two sentences of Czech in CP1250): its bytes above 0x7F read as the letters of one
    Central European language in CP1250 or ISO 8859-2, and in CP1252 as letters no one
    Western language has ("pøi" and "vojákù"), in at least a few places where the pages
    differ. Else None (French "élève à côté" fits French: it stays CP1252)."""
    high = bytes(b for b in data[:200_000] if b >= 0x80)
    western = high.decode("cp1252", errors="replace")
    if _letters_fit(western, _WESTERN_LETTERS) is not None:
        return None
    pages = ("cp1250",) if any(0x80 <= b <= 0x9F for b in high) else _CENTRAL_EUROPEAN_PAGES
    for page in pages:
        central = high.decode(page, errors="replace")
        differ = sum(1 for a, b in zip(western, central, strict=True) if a != b)
        language = _letters_fit(central, _CENTRAL_EUROPEAN_LETTERS)
        if language is None or differ < _CENTRAL_EUROPEAN_MIN_EVIDENCE:
            continue
        if len(pages) > 1:
            page = _central_european_page(high, language, page)
        name = "CP1250" if page == "cp1250" else "ISO-8859-2"
        return (data.decode(page, errors="replace"),
                f"not UTF-8: decoded as {name} (Central European, by its letters: {language})")
    return None


def central_european(data: bytes) -> tuple[str, str] | None:
    """(text, note) when ``data`` is Central European text in CP1250 or ISO 8859-2:
    charset-normalizer finds a Central European language in it (also in its CP1252
    reading, when it offers one), and that code page reads
    its bytes above 0x7F as letters at least as often as CP1252 does. Else None."""
    from charset_normalizer import from_bytes

    high = bytes(b for b in data[:200_000] if b >= 0x80)
    western_high = high.decode("cp1252", errors="replace")
    differ = max(sum(1 for a, b in zip(western_high, high.decode(page, errors="replace"),
                                       strict=True) if a != b)
                 for page in _CENTRAL_EUROPEAN_PAGES)
    if differ < _CENTRAL_EUROPEAN_MIN_EVIDENCE:
        return None  # "Logroño" alone says nothing: one letter reads well in both
    matches = list(from_bytes(data[:200_000]))[:5]
    if not matches or matches[0].language not in _CENTRAL_EUROPEAN_LANGUAGES:
        return None
    language = matches[0].language
    western = [m.language for m in matches if m.encoding == "cp1252"]
    if western and western[0] not in _CENTRAL_EUROPEAN_LANGUAGES:
        return None  # read as CP1252 it is a Western language: no evidence for another page
    found = [m.encoding for m in matches if m.encoding in _CENTRAL_EUROPEAN_PAGES]
    # CP1250 puts letters at 0x80-0x9F, where ISO 8859-2 has control codes
    page = found[0] if found else (
        "cp1250" if any(0x80 <= b <= 0x9F for b in high) else "iso8859_2")
    if page == "iso8859_2" and any(0x80 <= b <= 0x9F for b in high):
        page = "cp1250"
    elif not any(0x80 <= b <= 0x9F for b in high):
        page = _central_european_page(high, language, page)
    letters = sum(1 for c in high.decode(page, errors="replace") if c.isalpha())
    if letters < sum(1 for c in high.decode("cp1252", errors="replace") if c.isalpha()):
        return None
    text = data.decode(page, errors="replace")
    name = "CP1250" if page == "cp1250" else "ISO-8859-2"
    return text, f"not UTF-8: decoded as {name} (Central European, detected: {language})"


# The letters beyond ASCII of the languages a single-byte code page writes, by which the
# bytes of a segment that is not UTF-8 choose their page: "\xc2\xee\xe9\xed\xe0" is
# "Война" in CP1251 (every letter Russian) and "Âîéíà" in CP1252 (no language's letters).
_LANGUAGE_LETTERS = _segment_letters(_LETTER_DATA["segment"], _CENTRAL_EUROPEAN_LETTERS)
# The pages a segment may be in, preferred in this order when the evidence ties.
_SEGMENT_PAGES = ("cp1252", "cp1250", "iso8859_2", "cp1251", "koi8_r", "cp1253", "iso8859_7",
                  "cp1254", "cp1256", "cp1255", "iso8859_8")
_PAGE_NAMES = {"cp1252": "CP1252 (Western European)", "cp1250": "CP1250 (Central European)",
               "iso8859_2": "ISO-8859-2 (Central European)", "cp1251": "CP1251 (Cyrillic)",
               "koi8_r": "KOI8-R (Cyrillic)", "cp1253": "CP1253 (Greek)",
               "iso8859_7": "ISO-8859-7 (Greek)", "cp1254": "CP1254 (Turkish)",
               "cp1256": "CP1256 (Arabic)", "cp1255": "CP1255 (Hebrew)",
               "iso8859_8": "ISO-8859-8 (Hebrew)"}
# How many letters' worth of evidence the chosen page needs over every other reading
# ([clean] segment_page_margin).
_SEGMENT_MARGIN = int(setting("clean", "segment_page_margin", 3))
_LEGACY_WORD = re.compile(r"\S*[\udc80-\udcff]\S*")
_MAX_LEGACY_WORDS = 5000


@lru_cache(maxsize=32)
def _page_table(page: str) -> dict[int, str]:
    return {0xDC00 + b: bytes([b]).decode(page, errors="replace") for b in range(0x80, 0x100)}


def _script(c: str) -> str:
    o = ord(c)
    return "latin" if o < 0x250 else "greek" if 0x370 <= o < 0x400 else (
        "cyrillic" if 0x400 <= o < 0x530 else "other")


def _word_score(word: str, table: dict[int, str], letters: str) -> int:
    """The evidence of one word for a page: +1 for each of its bytes not UTF-8 that reads
    as a letter of the language, -1 for another letter, -2 for a sign inside the word and
    -3 for a control code; a word mixing scripts ("Genиve") or a Latin word mostly of
    accented letters ("Âîéíà") counts against the page, as does one whose case turns from
    lower to upper inside it."""
    read = word.translate(table).strip(".,;:!?\"'()[]«»“”„‘’-–—…")
    score = 0
    for c, raw in zip(word.translate(table), word, strict=True):
        if not 0xDC80 <= ord(raw) <= 0xDCFF:
            continue
        if c.isalpha():
            score += 1 if (c in letters or c.lower() in letters) else -1
        elif unicodedata.category(c) in ("Cc", "Co") or c == "\ufffd":
            score -= 3
        elif c in read[1:-1]:
            score -= 2
    alpha = [c for c in read if c.isalpha()]
    if len({_script(c) for c in alpha}) > 1 or any(
            a.islower() and b.isupper() for a, b in itertools.pairwise(alpha)):
        # "Genиve", or the case turned over as KOI8-R read as CP1251 turns it ("вОЙНА")
        score -= 2 * sum(1 for c in word if 0xDC80 <= ord(c) <= 0xDCFF)
    elif len(alpha) >= 3 and _script(alpha[0]) == "latin" and sum(
            1 for c in alpha if ord(c) > 0x7F) * 2 > len(alpha):
        score -= sum(1 for c in word if 0xDC80 <= ord(c) <= 0xDCFF)
    return score


_FINAL_FORMS: dict[str, dict[str, str]] = _LETTER_DATA["final_forms"]["scripts"]


def _shape_score(words: list[str], table: dict[int, str], language: str) -> int:
    """The evidence of the words' shape for a reading in ``language``, where its script
    writes some letters one way at the end of a word and another inside
    (``final_forms`` in ``data/code_page_letters.json``): +1 for each word that keeps the
    rule, -2 for each that breaks it; 0 for other languages.

    >>> t = _page_table("cp1255")
    >>> w = "היום המדינה".encode("cp1255").decode("ascii", "surrogateescape").split()
    >>> _shape_score(w, t, "Hebrew"), _shape_score(w, t, "Cyrillic")
    (2, 0)
    """
    forms = _FINAL_FORMS.get(language)
    if forms is None:
        return 0
    score = 0
    for word in words:
        read = "".join(c for c in word.translate(table) if c.isalpha())
        if not read:
            continue
        broken = read[-1] in forms["medial"] or any(c in forms["final"] for c in read[:-1])
        score += -2 if broken else 1
    return score


def segment_page(text: str) -> tuple[str, str, bool, int] | None:
    r"""(code page, language, confident, evidence) for the bytes of ``text`` that are not UTF-8
    (kept as surrogate escapes, "\udcc2"): the page among :data:`_SEGMENT_PAGES` whose
    reading of the words holding them gives the most letters of one language, confident
    when it leads every reading that differs by :data:`_SEGMENT_MARGIN`, and the score of
    its letters (see :func:`_word_score`). None when no
    page reads them as letters at all.

    >>> segment_page("Wrote: " + "Vojáci ostřelovali město".encode("cp1250").decode(
    ...     "ascii", "surrogateescape"))
    ('cp1250', 'Czech', True, 3)
    """
    words = _LEGACY_WORD.findall(text)[:_MAX_LEGACY_WORDS]
    if not words:
        return None
    legacy = "".join(c for w in words for c in w if 0xDC80 <= ord(c) <= 0xDCFF)
    scores: dict[str, tuple[int, str]] = {}
    for page in _SEGMENT_PAGES:
        table = _page_table(page)
        read = legacy.translate(table)
        best = max(_LANGUAGE_LETTERS, key=lambda lang: sum(
            1 for c in read if c in _LANGUAGE_LETTERS[lang] or c.lower() in _LANGUAGE_LETTERS[lang]))
        scores[page] = (sum(_word_score(w, table, _LANGUAGE_LETTERS[best]) for w in words)
                        + _shape_score(words, table, best), best)
    page = max(_SEGMENT_PAGES, key=lambda p: scores[p][0])  # the first of equal ones
    if scores[page][0] <= 0:
        return None
    reading = legacy.translate(_page_table(page))
    rivals = [scores[p][0] for p in _SEGMENT_PAGES
              if legacy.translate(_page_table(p)) != reading]
    confident = not rivals or scores[page][0] - max(rivals) >= _SEGMENT_MARGIN
    return page, scores[page][1], confident, scores[page][0]


def page_name(page: str, data: bytes) -> str:
    """How a note names a page: CP1254 with no byte at 0x80-0x9F is ISO-8859-9; a page
    with no name of ours by its usual name (:func:`encoding_name`)."""
    if page == "cp1254" and not any(0x80 <= b <= 0x9F for b in data):
        return "ISO-8859-9 (Turkish)"
    return _PAGE_NAMES.get(page) or encoding_name(page)


# The usual (IANA) names of Python's codec names, by pattern over the codec's own name
# (codecs.lookup): a note said "decoded as koi8_r", charset-normalizer's name.
_USUAL_NAMES = (
    (re.compile(r"cp(125\d|874)"), r"windows-\1"),
    (re.compile(r"iso8859-(\d+)"), r"ISO-8859-\1"),
    (re.compile(r"koi8-([a-z])"), lambda m: f"KOI8-{m.group(1).upper()}"),
    (re.compile(r"cp(437|8\d\d)"), r"IBM\1"),
    (re.compile(r"mac-([a-z]+)"), lambda m: f"Mac {m.group(1).capitalize()}"),
    (re.compile(r"iso2022_([a-z0-9_]+)"), lambda m: "ISO-2022-" + m.group(1).upper().replace("_", "-")),
    (re.compile(r"shift_jis"), "Shift_JIS"),
    (re.compile(r"big5"), "Big5"),
)


def encoding_name(codec: str) -> str:
    """The usual name of a Python codec name, as a note shows it.

    >>> [encoding_name(c) for c in ("koi8_r", "cp1256", "iso8859_7", "cp866", "mac_cyrillic")]
    ['KOI8-R', 'windows-1256', 'ISO-8859-7', 'IBM866', 'Mac Cyrillic']
    >>> encoding_name("euc_jp"), encoding_name("shift_jis"), encoding_name("iso2022_jp_2")
    ('EUC-JP', 'Shift_JIS', 'ISO-2022-JP-2')
    """
    try:
        name = codecs.lookup(codec).name
    except LookupError:
        return codec
    for pattern, usual in _USUAL_NAMES:
        if pattern.fullmatch(name):
            return pattern.sub(usual, name)
    return name.upper().replace("_", "-")


def decode_bytes(data: bytes) -> str | None:
    """Decode bytes (see :func:`decode_with_note`); None for binary."""
    return decode_with_note(data)[0]


def _markup(body: str) -> bool:
    """Whether a given body is HTML markup rather than text ("<p>...</p>")."""
    return body.lstrip()[:1] == "<" and "</" in body


def read_documents(inputs: Iterable[str]) -> Iterator[Item]:
    """Stream every document found under ``inputs``."""
    for display, path in iter_input_files(inputs):
        yield from read_file(display, path)


def read_file(display: str, path: Path) -> Iterator[Item]:
    if path.is_dir():
        try:
            os.listdir(path)
            reason = "unreadable folder"
        except OSError as exc:
            reason = f"unreadable folder: {exc.strerror or exc}"
        yield Rejected(display, reason)
        return
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        yield Rejected(display, f"unreadable: {exc.strerror or exc}")
        return
    if not stat.S_ISREG(mode):
        # a named pipe would block the run forever, a device never ends
        yield Rejected(display, "not a regular file (a pipe, socket or device)")
        return
    try:
        with open(path, "rb") as fh:
            head = fh.read(8192)
    except OSError as exc:
        yield Rejected(display, f"unreadable: {exc.strerror or exc}")
        return
    if not head:
        yield Rejected(display, "empty file")
        return
    kind, note = detect_kind_noted(path, head)
    try:
        if kind == "archive":
            yield Rejected(display, archive_reason(archive_format(path, head) or "archive"))
        elif kind == "binary":
            yield Rejected(display, "binary file, not text")
        elif kind == "other":
            yield Rejected(display, f"not a news input ({path.suffix} file)")
        elif kind == "xml":
            root = xml_root(gunzip_head(head) if head.startswith(b"\x1f\x8b") else head)
            yield Rejected(display, "XML document, not an article we can read (no feed, no "
                                    f"HTML page; its root element is <{root}>): not read")
        elif note is None:
            yield from get_reader(kind).read(display, path)
        else:
            yield from _with_note(get_reader(kind).read(display, path), note)
    except (OSError, EOFError, zlib.error) as exc:
        yield Rejected(display, f"read error: {exc}")


def _with_note(items: Iterator[Item], note: str) -> Iterator[Item]:
    """``items`` with ``note`` said once: with the first document (or, when there is
    none, after the first rejection's reason)."""
    for item in items:
        if note and isinstance(item, RawDocument):
            item.notes.insert(0, note)
            note = ""
        elif note and isinstance(item, Rejected):
            item = Rejected(item.path, f"{item.reason} ({note})")
            note = ""
        yield item


def read_text(display: str, path: Path) -> Iterator[Item]:
    """One plain-text article (whole-page text: the cleaner finds its body)."""
    return read_single(display, path, "text")


def read_html(display: str, path: Path) -> Iterator[Item]:
    """One HTML page."""
    return read_single(display, path, "html")


def read_single(display: str, path: Path, kind: str) -> Iterator[Item]:
    data, size, gz_note = read_input_bytes(
        path, MAX_PAGE_BYTES if kind == "html" else MAX_DOCUMENT_BYTES)
    if data is None:
        yield Rejected(display, f"too large for one article ({size})")
        return
    lean_note = None
    if len(data) > MAX_DOCUMENT_BYTES:
        # a page's size is its text's, not its inline scripts' and styles'
        lean = without_scripts(data)
        if len(lean) > MAX_DOCUMENT_BYTES:
            yield Rejected(display, f"too large for one article ({size}; {len(lean):,} "
                                    "without its scripts, styles and comments)")
            return
        lean_note = (f"page of {size} is mostly inline scripts, styles and comments: "
                     f"read without them ({len(lean):,} bytes)")
        data = lean
    text, note = (decode_declared(data) if kind == "html" else decode_with_note(data))
    if text is None:
        yield Rejected(display, "binary file, not text")
        return
    if not text.strip():
        yield Rejected(display, gz_note or "empty file")
        return
    notes = [n for n in (gz_note, lean_note, note) if n]
    yield RawDocument(path=display, kind="html" if kind == "html" else "text", content=text,
                      notes=notes)


# A page is read up to this size; past MAX_DOCUMENT_BYTES it must fit that without its
# inline scripts, styles and comments (:func:`without_scripts`).
MAX_PAGE_BYTES = MAX_FEED_BYTES
_INLINE_OPEN = (b"<script", b"<style", b"<!--")
_TAG_NAME_END = frozenset(b" \t\r\n\f/>")


def without_scripts(data: bytes) -> bytes:
    """A page's bytes without its ``<script>`` and ``<style>`` elements and comments, in
    one linear pass; a JSON-LD script (the page's metadata: its date) is kept, and so is
    an element never closed (a page cut short loses nothing).

    >>> without_scripts(b"<p>Talks</p><script>var a='<p>';</script><!-- ad --><p>resumed</p>")
    b'<p>Talks</p><p>resumed</p>'
    """
    low = data.lower()
    nxt = {p: low.find(p) for p in _INLINE_OPEN}
    out: list[bytes] = []
    pos = 0
    while True:
        for p, at in nxt.items():
            if 0 <= at < pos:
                nxt[p] = low.find(p, pos)
        found = [(at, p) for p, at in nxt.items() if at >= 0]
        if not found:
            break
        at, which = min(found)
        if which == b"<!--":
            end = low.find(b"-->", at + 4)
            stop = end + 3 if end >= 0 else -1
        elif low[at + len(which):at + len(which) + 1] and (
                low[at + len(which)] not in _TAG_NAME_END):
            nxt[which] = low.find(which, at + 1)  # "<scripts>", "<styled>": no such element
            continue
        else:
            tag_end = low.find(b">", at)
            close = low.find(b"</" + which[1:], at)
            stop = low.find(b">", close) + 1 if close >= 0 else 0
            if stop > 0 and b"ld+json" in low[at:tag_end]:
                out.append(data[pos:stop])
                pos = stop
                continue
            stop = stop or -1
        if stop < 0:
            break  # never closed: the rest is kept as it is
        out.append(data[pos:at])
        pos = stop
    out.append(data[pos:])
    return b"".join(out)


class GzipMembers(io.RawIOBase):
    """A gzip file read member by member: bytes after the last whole member that are no
    gzip member (trailing garbage, which ``gzip -d`` ignores too) end the stream instead
    of losing the block read before them; ``trailing`` then says how many there were.
    A member cut or corrupt inside ends the stream too, after the bytes before it, and
    ``error`` says what was wrong."""

    MAX_TAIL = 1 << 20

    def __init__(self, path: Path) -> None:
        self.fh = open(path, "rb")  # noqa: SIM115 (closed with this reader)
        self.dec = zlib.decompressobj(16 + zlib.MAX_WBITS)
        self.pending = b""
        self.trailing = 0
        self.done = False
        self.error: Exception | None = None
        self.tail = b""

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def seek(self, offset: int, whence: int = 0) -> int:
        if offset != 0 or whence != 0:
            raise io.UnsupportedOperation("only a rewind")
        self.fh.seek(0)
        self.dec = zlib.decompressobj(16 + zlib.MAX_WBITS)
        self.pending, self.trailing, self.done, self.error = b"", 0, False, None
        self.tail = b""
        return 0

    def readinto(self, buf: Any) -> int:
        while not self.pending and not self.done:
            self._fill()
        n = min(len(buf), len(self.pending))
        buf[:n] = self.pending[:n]
        self.pending = self.pending[n:]
        return n

    def _fill(self) -> None:
        data = self.dec.unused_data if self.dec.eof else b""
        if self.dec.eof:
            if len(data) < 2:
                data += self.fh.read(1 << 16)
            if not data:
                self.pending, self.tail, self.done = self.tail, b"", True
                return
            if not data.startswith(b"\x1f\x8b"):
                rest = data + self.fh.read()
                if rest.strip(b"\x00"):  # zero padding after members is usual
                    self.trailing = len(rest)
                self.pending, self.tail, self.done = self.tail, b"", True
                return
            self.dec = zlib.decompressobj(16 + zlib.MAX_WBITS)
        else:
            data = self.fh.read(1 << 16)
            if not data:
                self.error = EOFError("compressed file ended before the end-of-stream marker")
                self.done = True
                return
        try:
            out = self.dec.decompress(data)
        except zlib.error as exc:
            self.error, self.done = exc, True
            return
        # The bytes after the last line break wait for the next ones: a cut stream then
        # ends at a whole line, not in the middle of one (up to a bounded size).
        out = self.tail + out
        cut = out.rfind(b"\n") + 1 if len(out) <= self.MAX_TAIL else len(out)
        self.pending, self.tail = out[:cut], out[cut:]

    def close(self) -> None:
        self.fh.close()
        super().close()


def _open_maybe_gzip(path: Path) -> IO[bytes] | io.BufferedReader:
    with open(path, "rb") as fh:
        magic = fh.read(2)
    if magic == b"\x1f\x8b":
        return io.BufferedReader(GzipMembers(path), buffer_size=1 << 16)
    return open(path, "rb")


def gunzip_head(head: bytes, size: int = 8192) -> bytes:
    """The first ``size`` bytes that the gzip bytes ``head`` (the start of a file)
    decompress to; fewer (or none) when they are cut or corrupt."""
    dec = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        return dec.decompress(head, size)
    except zlib.error:
        return b""


def read_input_bytes(path: Path, limit: int) -> tuple[bytes | None, str, str | None]:
    """``(data, size, note)``: the bytes of a file read whole (a page, a feed, a text),
    decompressed when it is gzip, never more than ``limit`` of them: ``data`` is None
    when there are more (a gzip bomb stops there), ``size`` says how many for the
    warning. A gzip file cut or corrupt keeps the whole lines read before the problem,
    and ``note`` says so (one warning); trailing garbage after its last member is
    noted likewise."""
    with open(path, "rb") as fh:
        magic = fh.read(2)
    if magic != b"\x1f\x8b":
        size = path.stat().st_size
        if size > limit:
            return None, f"{size:,} bytes", None
        return path.read_bytes(), f"{size:,} bytes", None
    raw = GzipMembers(path)
    with io.BufferedReader(raw, buffer_size=1 << 16) as fh:
        data = fh.read(limit + 1)
    if raw.error is not None and raw.tail:
        data += raw.tail  # the whole file is one document: its last, cut line is kept too
    if len(data) > limit:
        return None, f"over {limit:,} bytes decompressed", None
    note = None
    if raw.error is not None:
        kept = f"kept the {len(data):,} bytes read before it" if data else "nothing was read before it"
        note = f"truncated or corrupt compressed file: {raw.error}; {kept}"
    elif raw.trailing:
        note = (f"trailing garbage after the compressed data: {raw.trailing:,} bytes, "
                "not read")
    return data, f"{len(data):,} bytes", note


def _first(obj: dict[str, Any], keys: tuple[str, ...]) -> tuple[str, Any]:
    for k in keys:
        v = obj.get(k)
        if v not in (None, ""):
            return k, v
    return keys[0], None


# Lines are read in blocks; a line longer than MAX_DOCUMENT_BYTES is cut off and flagged.
_BLOCK = 1 << 20
TOO_LONG = object()


_LONE_CR = re.compile(rb"\r(?!\n)")


def _lines(fh: IO[bytes] | gzip.GzipFile, limit: int) -> Iterator[tuple[int, Any]]:
    """(line number, bytes or TOO_LONG) for every non-blank line, reading in blocks: blank
    lines cost nothing and memory is bounded by ``limit`` whatever the file holds."""
    lineno = 0
    pending: list[bytes] = []
    pending_len = 0
    too_long = False
    cr = b""  # a CR ending the last block: a line end, or the first half of a CRLF
    while True:
        block = fh.read(_BLOCK)
        if not block:
            if not cr:
                break
            block, cr = b"\n", b""  # the file ends with a lone CR: a line end
        block, cr = cr + block, b""
        if b"\r" in block:
            # a lone CR (old Mac line ends) ends a line as "\n" does; a CRLF is one line end
            if block.endswith(b"\r"):
                block, cr = block[:-1], b"\r"
            block = _LONE_CR.sub(b"\n", block)
        if not pending and not too_long and block.isspace():
            lineno += block.count(b"\n")  # a block of blank lines: nothing to look at
            continue
        parts = block.split(b"\n")
        for part in parts[:-1]:
            lineno += 1
            if not part and not pending and not too_long:
                continue
            if too_long or pending_len + len(part) > limit:
                yield lineno, TOO_LONG
            elif pending:
                pending.append(part)
                line = b"".join(pending)
                if line.strip():
                    yield lineno, line
            elif part.strip():
                yield lineno, part
            pending, pending_len, too_long = [], 0, False
        last = parts[-1]
        if not too_long:
            if pending_len + len(last) > limit:
                too_long, pending, pending_len = True, [], 0
            elif last:
                pending.append(last)
                pending_len += len(last)
    if too_long:
        yield lineno + 1, TOO_LONG
    elif pending:
        line = b"".join(pending)
        if line.strip():
            yield lineno + 1, line


def _text_lines(fh: IO[bytes] | gzip.GzipFile, encoding: str,
                limit: int) -> Iterator[tuple[int, Any]]:
    """Like :func:`_lines` for a UTF-16/32 file (its newlines are not one byte)."""
    text = io.TextIOWrapper(fh, encoding=encoding, errors="replace")  # type: ignore[arg-type]
    lineno = 0
    while True:
        line = text.readline(limit + 1)
        if not line:
            return
        lineno += 1
        if len(line) > limit:
            yield lineno, TOO_LONG
            while line and not line.endswith("\n"):
                line = text.readline(limit)
            continue
        if line.strip():
            yield lineno, without_bom(line).encode("utf-8")


def read_jsonl(display: str, path: Path) -> Iterator[Item]:
    """One article a line; a malformed line is one warning, the rest are kept.

    Every field is validated here (:mod:`storyline.ingest.validate`): a field of the
    wrong type or size, a malformed URL or a date outside the calendar is dropped with a
    note and the article kept.
    """
    with _open_maybe_gzip(path) as fh:
        try:
            head = fh.read(4096)
        except (OSError, EOFError, zlib.error):
            head = b""  # a cut compressed file: the loop below keeps the lines before the cut
        fh.seek(0)
        wide = stream_encoding(head)
        if wide is None and bom_encoding(head) is None and looks_binary(head, stray_nul=True):
            yield Rejected(display, "binary file, not JSON Lines")
            return
        enc_note = ""
        if wide is not None:
            lines = _text_lines(fh, wide[0], MAX_DOCUMENT_BYTES)
            enc_note = wide[1]
        else:
            lines = _lines(fh, MAX_DOCUMENT_BYTES)
        seen = 0
        lineno = 0
        try:
            for lineno, raw in lines:
                seen += 1
                for item in _jsonl_items(display, lineno, raw):
                    if enc_note:  # the file's encoding is said once, with its first line
                        item = next(_with_note(iter([item]), enc_note))
                        enc_note = ""
                    yield item
        except (OSError, EOFError, zlib.error) as exc:
            yield Rejected(f"{display}:{lineno + 1}",
                           f"truncated or corrupt compressed file: {exc}")
            return
        error = getattr(getattr(fh, "raw", None), "error", None)
        if error is not None:
            yield Rejected(f"{display}:{lineno + 1}",
                           f"truncated or corrupt compressed file: {error}")
            return
        trailing = getattr(getattr(fh, "raw", None), "trailing", 0)
        if trailing:
            yield Rejected(display, f"trailing garbage after the compressed data: {trailing:,} "
                                    "bytes ignored (the lines before them kept)", kept=True)
        if not seen:
            yield Rejected(display, "no JSON lines in file (only blank lines)")


def _jsonl_items(display: str, lineno: int, raw: Any) -> list[Item]:
    """The article of one line; a line holding a JSON array of objects (a batch of
    records on one line) gives one article for each object, said once."""
    item = _jsonl_item(display, lineno, raw)
    if not isinstance(item, list):
        return [item]
    where = f"{display}:{lineno}"
    if not item:
        return [Rejected(where, "JSON line is an empty array, not an object")]
    out: list[Item] = []
    note = (f"line {lineno} is a JSON array of {len(item):,} values, not one object: "
            "each object in it read as a record")
    for i, (entry, notes) in enumerate(item, 1):
        at = f"{where}#{i}"
        if not isinstance(entry, dict):
            out.append(Rejected(at, f"JSON item is not an object ({type(entry).__name__})"))
            continue
        doc = _object_item(display, at, f"line {lineno} item {i}", entry, notes)
        out.append(doc)
    return list(_with_note(iter(out), note))


def _jsonl_item(display: str, lineno: int,
                raw: Any) -> Item | list[tuple[Any, list[str]]]:
    """The article of one line, or, for a line holding a JSON array, its values each
    with its notes (:func:`_jsonl_items`)."""
    where = f"{display}:{lineno}"
    if raw is TOO_LONG:
        return Rejected(where, "line too large for one article")
    text, enc_note = decode_with_note(raw)
    if text is None:
        return Rejected(where, "binary line, not JSON")
    dups: dict[int, list[str]] = {}
    try:
        obj = parse_json_line(without_bom(text), dups)
    except ValueError as exc:
        return Rejected(where, f"malformed JSON line: {exc}")
    notes = [enc_note] if enc_note else []
    if isinstance(obj, list) and (not obj or any(isinstance(x, dict) for x in obj)):
        return [(x, (notes if i == 0 else []) + (
            [duplicate_keys_note(dups[id(x)])] if id(x) in dups else []))
            for i, x in enumerate(obj)]
    if not isinstance(obj, dict):
        return Rejected(where, "JSON line is not an object")
    if id(obj) in dups:  # ("published" twice: which one the line means is not known)
        notes.append(duplicate_keys_note(dups[id(obj)]))
    return _object_item(display, where, f"line {lineno}", obj, notes)


def _object_item(display: str, where: str, position: str, obj: dict[str, Any],
                 notes: list[str]) -> Item:
    """The article of one JSON object (a JSON Lines line, an item of a JSON array), its
    fields validated at the boundary (:mod:`storyline.ingest.validate`)."""
    body_key, body = _first(obj, TEXT_BODY_KEYS)
    if body is not None and not isinstance(body, str):
        return Rejected(where, f"article body ({body_key}) is not a string "
                               f"({type(body).__name__})")
    if not isinstance(body, str) or not body.strip():
        return Rejected(where, "no article body (text, content or body)")
    url, n1 = clean_url(obj.get("url"))
    input_id, n2 = clean_id(obj.get("id"))
    title, n3 = clean_text_field(obj.get("title"), "title", MAX_TITLE_CHARS)
    outlet_key, outlet_value = _first(obj, OUTLET_KEYS)
    outlet, n4 = clean_text_field(outlet_value, outlet_key, MAX_OUTLET_CHARS)
    date_key, date_value = _first(obj, DATE_KEYS)
    published, n5 = clean_date(date_value, date_key)
    notes += [n for n in (n1, n2, n3, n4, n5) if n]
    kind = "html" if _markup(body) else "text"
    return RawDocument(
        path=display,
        kind=kind,  # type: ignore[arg-type]
        content=body,
        url=url,
        input_id=input_id,
        given_title=title,
        given_outlet=outlet,
        given_published=published,
        position=position,
        given_text=True,
        notes=notes,
    )


# A JSON document is parsed whole: larger ones are refused (JSON Lines streams any size).
MAX_JSON_BYTES = MAX_FEED_BYTES
# The keys under which a JSON object lists its articles (a news API's answer).
JSON_ITEM_KEYS = ("items", "articles")


def _json_items(obj: Any) -> tuple[list[Any], bool, Any] | str:
    """(items, whether a JSON Feed, the feed's title) of a parsed JSON document, or why
    it holds no articles."""
    if isinstance(obj, list):
        if obj and not any(isinstance(x, dict) for x in obj):
            kinds = sorted({type(x).__name__ for x in obj})
            return f"an array of {', '.join(kinds)}, no item objects"
        return obj, False, None
    if not isinstance(obj, dict):
        return f"a JSON {type(obj).__name__}, not an array of items or a JSON Feed"
    version = obj.get("version")
    if isinstance(version, str) and re.match(r"https?://jsonfeed\.org/version/", version):
        items = obj.get("items")
        if not isinstance(items, list):
            return "JSON Feed without an items array"
        return items, True, obj.get("title")
    if _first(obj, TEXT_BODY_KEYS)[1] is not None:
        return [obj], False, None  # one article
    key = next((k for k in JSON_ITEM_KEYS if isinstance(obj.get(k), list)), None)
    if key is None:
        return "a JSON object without an article body or an items array"
    return obj[key], False, None


def read_json(display: str, path: Path) -> Iterator[Item]:
    """The articles of a JSON document: an array of items (the fields of JSON Lines), an
    object listing them under ``items`` or ``articles``, one article object, or a JSON
    Feed (jsonfeed.org). Parsed whole, with the nesting limit of JSON Lines; a bad item
    is one warning, the others kept."""
    data, size, gz_note = read_input_bytes(path, MAX_JSON_BYTES)
    if data is None:
        yield Rejected(display, f"JSON document too large ({size}; JSON Lines is read "
                                "at any size)")
        return
    text, enc_note = decode_with_note(data)
    if text is None:
        yield Rejected(display, "binary file, not JSON")
        return
    cut = f" ({gz_note})" if gz_note else ""
    dups: dict[int, list[str]] = {}
    try:
        obj = loads_bounded(without_bom(text), dups)
    except json.JSONDecodeError as exc:
        yield Rejected(display, f"malformed JSON: {json_error(exc)}{cut}")
        return
    except ValueError as exc:
        yield Rejected(display, f"malformed JSON: {exc}{cut}")
        return
    found = _json_items(obj)
    if isinstance(found, str):
        yield Rejected(display, f"no articles in JSON: {found}")
        return
    items, is_feed, feed_title = found
    base = _feed_base(obj) if is_feed else None
    if not items:
        yield Rejected(display, "no articles in JSON: its items array is empty")
        return
    outlet, outlet_note = clean_text_field(feed_title, "feed title", MAX_OUTLET_CHARS)
    first_notes = [n for n in (gz_note, enc_note, outlet_note) if n]
    for i, entry in enumerate(items, 1):
        where = f"{display}#{i}"
        if not isinstance(entry, dict):
            yield Rejected(where, f"JSON item is not an object ({type(entry).__name__})")
            continue
        notes = list(first_notes)
        if id(entry) in dups:
            notes.append(duplicate_keys_note(dups[id(entry)]))
        if is_feed:
            item = _json_feed_item(display, where, f"item {i}", entry, outlet, notes, base)
        else:
            item = _object_item(display, where, f"item {i}", entry, notes)
        if isinstance(item, RawDocument):
            first_notes = []  # said once, with the first article
        yield item


def _feed_base(feed: dict[str, Any]) -> str | None:
    """The address a JSON Feed's relative item URLs are relative to: its
    ``home_page_url``, else its ``feed_url`` (each only when it is an http(s) URL)."""
    for key in ("home_page_url", "feed_url"):
        url, _ = clean_url(feed.get(key), key)
        if url is not None:
            return url
    return None


def _json_feed_item(display: str, where: str, position: str, entry: dict[str, Any],
                    outlet: str | None, notes: list[str], base: str | None = None) -> Item:
    """One item of a JSON Feed: ``content_html`` or ``content_text`` is its full text (a
    ``summary`` alone only when long, as in RSS), ``url`` (else ``external_url``),
    ``title``, ``date_published`` (else ``date_modified``), ``id``; the feed's title is
    the outlet."""
    full = True
    kind = "html"
    body: Any = entry.get("content_html")
    if body in (None, ""):
        body, kind = entry.get("content_text"), "text"
    if body in (None, ""):
        body, full = entry.get("summary"), False
    if body is not None and not isinstance(body, str):
        return Rejected(where, f"feed item content is not text ({type(body).__name__})")
    if not body or not body.strip() or (not full and len(body.strip()) < 200):
        return Rejected(where, "feed item carries no full content")
    if kind == "text" and _markup(body):
        kind = "html"
    link = entry.get("url") or entry.get("external_url")
    if base is not None and isinstance(link, str) and link.strip() and \
            not re.match(r"\s*[A-Za-z][A-Za-z0-9+.-]*:", link):
        link = urljoin(base, link.strip())  # "/world/a2" on the feed's site
    url, n1 = clean_url(link)
    input_id, n2 = clean_id(entry.get("id"))
    title, n3 = clean_text_field(entry.get("title"), "title", MAX_TITLE_CHARS)
    date_key = "date_published" if entry.get("date_published") not in (None, "") else "date_modified"
    published, n4 = clean_date(entry.get(date_key), date_key)
    return RawDocument(
        path=display,
        kind=kind,  # type: ignore[arg-type]
        content=body,
        url=url,
        input_id=input_id,
        given_title=title,
        given_outlet=outlet,
        given_published=published,
        position=position,
        given_text=full,
        notes=[*notes, *(n for n in (n1, n2, n3, n4) if n)],
    )


def _warc_html_type(record: Any) -> str | None:
    """The Content-Type of an HTML page in a WARC record, else None.

    A ``response`` carries it in its HTTP headers (one whose status is not 2xx, "404 Not
    Found", holds no article: None); a ``resource`` record (a page stored
    without its HTTP exchange) in the record's own headers. warcio parses the HTTP
    headers only under an http(s) target address: under a junk one they are read here
    (the page was lost as "none HTML"; the address itself is dropped later, with a
    warning).
    """
    if record.rec_type == "response" and record.http_headers is None and "application/http" in (
            record.rec_headers.get_header("Content-Type") or "").lower():
        from warcio.statusandheaders import StatusAndHeadersParser

        with contextlib.suppress(Exception):
            record.http_headers = StatusAndHeadersParser(
                ["HTTP/1.0", "HTTP/1.1"], verify=False).parse(record.raw_stream)
    if record.rec_type == "response":
        status = record.http_headers.get_statuscode() if record.http_headers else None
        if status and not str(status).startswith("2"):
            return None  # a 404 page, a 304 with no body, a redirect: no article
        ctype = (record.http_headers.get_header("Content-Type") or "") if record.http_headers else ""
    elif record.rec_type == "resource":
        ctype = record.rec_headers.get_header("Content-Type") or ""
    else:
        return None
    return ctype if "html" in ctype.lower() else None


def _not_success(record: Any) -> str | None:
    """The HTTP status of a ``response`` record that is no success (not 2xx: "404",
    "304", "301"; "other" for a status line that gives no code), else None."""
    if record.rec_type != "response" or record.http_headers is None:
        return None
    status = str(record.http_headers.get_statuscode() or "").strip()
    if not status or status.startswith("2"):
        return None
    return status if re.fullmatch(r"[0-9]{3}", status) else "other"


# The run summary's count of the responses left out for their HTTP status.
FAILED_RESPONSES = "WARC responses not 2xx"


def _failed_note(display: str, failed: Counter[str]) -> FileNote:
    """One note for an archive's responses that were no success, by status, e.g. "3
    responses left out: not a success (2xx) answer (HTTP 404: 2, 304: 1)"."""
    total = sum(failed.values())
    codes = sorted(failed.items(), key=lambda kv: (-kv[1], kv[0]))
    shown = ", ".join(f"{code}: {k}" for code, k in codes[:6]) + (", ..." if len(codes) > 6 else "")
    return FileNote(display, f"{total} response{'s' if total != 1 else ''} left out: not a "
                    f"success (2xx) answer (HTTP {shown})", FAILED_RESPONSES, total)


class _WarcioOutput(threading.local):
    """What warcio says while this thread reads an archive (None: no archive is being read)."""

    notes: list[str] | None = None


_WARCIO = _WarcioOutput()


class _WarcioStderr:
    """warcio's ``sys.stderr``: its messages go to the archive being read in this thread
    (they become that archive's one warning), anything else to the real stderr."""

    def write(self, text: str) -> int:
        if _WARCIO.notes is None:
            return sys.stderr.write(text)
        _WARCIO.notes.append(text)
        return len(text)

    def flush(self) -> None:
        if _WARCIO.notes is None:
            sys.stderr.flush()


class _WarcioSys:
    """Stands in for the ``sys`` module inside warcio's modules that write to stderr."""

    stderr = _WarcioStderr()

    def __getattr__(self, name: str) -> Any:
        return getattr(sys, name)


class _WarcioLogFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if _WARCIO.notes is None:
            return True
        _WARCIO.notes.append(record.getMessage())
        return False


@lru_cache(maxsize=1)
def _capture_warcio() -> None:
    """Route warcio's own messages (written to stderr or logged) to :data:`_WARCIO`."""
    import warcio.archiveiterator
    import warcio.bufferedreaders
    import warcio.recordloader

    for module in (warcio.archiveiterator, warcio.bufferedreaders):
        module.sys = _WarcioSys()  # type: ignore[attr-defined]
    logging.getLogger(warcio.recordloader.__name__).addFilter(_WarcioLogFilter())


def _warcio_message(text: str) -> str:
    """One line of what warcio said: its first lines, without the raw bytes it quotes."""
    lines = [ln.strip() for ln in text.strip().splitlines()]
    kept = [ln.removeprefix("WARNING:").strip() for ln in lines
            if ln and not ln.startswith(("Remainder:", "b'", 'b"'))]
    return re.sub(r"\s+", " ", " ".join(kept))[:160]


def _short(exc: BaseException) -> str:
    """An exception's first line, cut (warcio quotes whole binary lines in its errors)."""
    text = str(exc).strip().splitlines()
    first = text[0] if text else type(exc).__name__
    first = first.split(", first line:")[0]  # warcio quotes the binary line it met
    return first if len(first) <= 120 else first[:120] + "…"


def read_warc(display: str, path: Path) -> Iterator[Item]:
    """Every HTML response in a web archive; a truncated archive keeps what came before.

    What warcio itself reports (a record whose length is wrong, a broken compressed
    block, a repaired target URI) is no raw stderr: with any cut or corruption it makes
    one warning for the archive, counted in the summary.
    """
    if _binary_not_warc(path):
        # (a file of NUL bytes named .warc was read to its end, 3 GB, before this)
        yield Rejected(display, "binary file, not a web archive (no WARC/1.0 record header)")
        return
    _capture_warcio()
    said: list[str] = []
    failed: Counter[str] = Counter()  # responses that are no success, by HTTP status
    problem: str | None = None
    documents = 0
    try:
        for item in _warc_items(display, path, said, failed):
            if isinstance(item, Rejected) and item.path == display:
                problem = item.reason  # the archive's own trouble: one warning, at the end
                break
            documents += isinstance(item, RawDocument)
            yield item
    finally:
        _WARCIO.notes = None
    if failed:
        yield _failed_note(display, failed)
    if said:
        what = (f"the web archive reader reported {len(said)} problem(s) "
                f"(first: {_warcio_message(said[0])})")
        problem = f"{problem}; {what}" if problem else f"damaged web archive: {what}"
    if problem:
        # after the documents it gave, the archive was read up to its trouble: a warning
        # about the file, not a skipped input and no document of its own
        yield Rejected(display, problem, kept=documents > 0)


# A record header: "WARC/1.0" or "WARC/1.1" and a header field (what a resync looks for;
# garbage before it need not end with a line break).
_WARC_HEADER = re.compile(rb"WARC/1\.[01]\r?\n[A-Za-z][A-Za-z0-9-]{0,40}:")
# A record header inside a record's payload: the record's Content-Length ran into the next.
_EMBEDDED_HEADER = re.compile(rb"\nWARC/1\.[01]\r?\nWARC-[A-Za-z-]+:")
_GZIP_MAGIC = b"\x1f\x8b\x08"
_SCAN_BLOCK = 1 << 20
# Past this many resyncs in one archive, the rest of it is not read (one warning).
MAX_WARC_RESYNCS = 1000


def next_warc_header(fh: IO[bytes], after: int, gz: bool) -> int | None:
    """The byte offset of the first record that starts after byte ``after``, or None.

    In a plain archive a record starts with a ``WARC/1.0`` or ``WARC/1.1`` line; in a
    gzip-per-record archive with a gzip member whose bytes open with one. The file is
    scanned in blocks (memory bounded); ``fh``'s position is left anywhere.
    """
    pos, first = after, True
    overlap = len(_GZIP_MAGIC) - 1 if gz else 64
    while True:
        fh.seek(pos)
        block = fh.read(_SCAN_BLOCK)
        if gz:
            i = block.find(_GZIP_MAGIC, 1 if first else 0)
            while i != -1:
                if _member_opens_warc(fh, pos + i):
                    return pos + i
                i = block.find(_GZIP_MAGIC, i + 1)
        else:
            m = _WARC_HEADER.search(block, 1 if first else 0)  # block[0] is ``after``
            if m:
                return pos + m.start()
        if len(block) < _SCAN_BLOCK:
            return None
        pos, first = pos + len(block) - overlap, False


def _member_opens_warc(fh: IO[bytes], offset: int) -> bool:
    """Whether a gzip member starts at ``offset`` and its bytes open with a record header."""
    fh.seek(offset)
    try:
        head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(fh.read(1 << 16), 16)
    except zlib.error:
        return False
    return head.startswith((b"WARC/1.0", b"WARC/1.1"))


# A web archive gzipped whole (``gzip a.warc``: one member, not one per record) is read from
# a decompressed copy of at most this many bytes
MAX_WHOLE_GZIP_WARC_BYTES = 2_000_000_000
_RECORD_INSIDE = re.compile(rb"\r?\n\r?\nWARC/1\.[01]\r?\n")


def _gzipped_whole(path: Path) -> bool:
    """Whether ``path`` is a gzip whose first member holds more than one WARC record
    (warcio reads one record per member, and failed on it with "[Errno 22]")."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(1 << 20)
    except OSError:
        return False
    if not head.startswith(b"\x1f\x8b"):
        return False
    out = gunzip_head(head, 4 << 20)
    return out.startswith((b"WARC/1.0", b"WARC/1.1")) and bool(_RECORD_INSIDE.search(out, 8))


def _binary_not_warc(path: Path) -> bool:
    """Whether the first block of ``path`` (decompressed) is binary and no record header,
    as every reader sniffs its first block before it reads on."""
    try:
        with _open_maybe_gzip(path) as fh:
            head = fh.read(4096)
    except (OSError, EOFError, zlib.error):
        return False  # a cut or corrupt compressed file: the record reader says how
    return not head.lstrip(b"\r\n").startswith(b"WARC/") and looks_binary(head, stray_nul=True)


def _warc_items(display: str, path: Path, said: list[str],
                failed: Counter[str]) -> Iterator[Item]:
    """The archive's records, read by warcio; a record whose Content-Length is wrong (too
    long, too short) or bytes that are no record are one warning naming their byte
    offset, and reading resumes at the next record header (:func:`next_warc_header`).
    An archive gzipped whole is read from a decompressed temporary copy."""
    if _gzipped_whole(path):
        yield from _whole_gzip_items(display, path, said, failed)
        return
    yield from _record_items(display, path, said, failed)


def _whole_gzip_items(display: str, path: Path, said: list[str],
                      failed: Counter[str]) -> Iterator[Item]:
    import tempfile

    with tempfile.TemporaryDirectory(prefix="storyline-warc-") as tmp:
        plain = Path(tmp) / "whole.warc"
        raw = GzipMembers(path)  # a cut or corrupt stream ends after what came before it
        left = MAX_WHOLE_GZIP_WARC_BYTES
        with raw, open(plain, "wb") as dst:
            while left > 0 and (chunk := raw.read(min(1 << 20, left))):
                dst.write(chunk)
                left -= len(chunk)
            if raw.error is not None:
                dst.write(raw.tail[:max(left, 0)])  # records are no lines: keep the cut rest
        yield from _record_items(display, plain, said, failed)
        why = (f"over {MAX_WHOLE_GZIP_WARC_BYTES:,} bytes decompressed" if left <= 0
               else f"damaged: {_short(raw.error)}" if raw.error is not None else None)
        if why:  # said after its records, as a plain archive cut short says it
            yield Rejected(display, f"web archive gzipped whole, {why}; the records in its "
                                    f"first {plain.stat().st_size:,} bytes were read")


def _record_items(display: str, path: Path, said: list[str],
                  failed: Counter[str]) -> Iterator[Item]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    n = 0
    records = 0
    resyncs = 0

    def warcio_says() -> None:
        _WARCIO.notes = said

    with open(path, "rb") as fh:
        gz = fh.read(2) == b"\x1f\x8b"
        start: int | None = 0
        try:
            while start is not None:
                if resyncs > MAX_WARC_RESYNCS:
                    yield Rejected(display, f"damaged web archive: more than {MAX_WARC_RESYNCS} "
                                            f"bad records, the rest not read (from byte {start})")
                    return
                fh.seek(start)
                warcio_says()
                it = ArchiveIterator(fh)
                iterator = iter(it)
                start = None
                while True:
                    warcio_says()
                    heard = len(said)
                    try:
                        record = next(iterator)
                    except StopIteration:
                        break
                    except (ArchiveLoadFailed, OSError, EOFError, zlib.error, ValueError,
                            AttributeError, TypeError) as raised:
                        # (warcio fails on a record without a WARC-Target-URI with an
                        # AttributeError: a bad record like the others)
                        exc = raised if not isinstance(raised, (AttributeError, TypeError)) \
                            else ValueError("a record warcio cannot read (no WARC-Target-URI?)")
                        # bytes that are no record where one should start (garbage, a broken
                        # header, a corrupt gzip member): read on from the next header
                        failed_at = it.offset
                        start = next_warc_header(fh, failed_at, gz)
                        _WARCIO.notes = None
                        if start is None:
                            yield Rejected(display, "truncated or corrupt web archive after "
                                                    f"{n} responses (at byte {failed_at}, no "
                                                    f"record follows): {_short(exc)}")
                            return
                        resyncs += 1
                        yield Rejected(f"{display}@{failed_at}",
                                       f"bad web archive record (at byte {failed_at}): "
                                       f"{_short(exc)}; read on from the next record, at "
                                       f"byte {start}")
                        break
                    records += 1
                    # a target URI with spaces, which warcio %-encodes: said with the
                    # record's document, not as damage to the archive
                    repaired = [x for x in said[heard:] if _URI_REPAIRED.search(x)]
                    said[heard:] = [x for x in said[heard:] if x not in repaired]
                    offset = it.offset  # where this record starts
                    html_type = _warc_html_type(record)
                    if html_type is None and (status := _not_success(record)):
                        failed[status] += 1  # counted, said once for the archive
                    data = (record.content_stream().read(MAX_DOCUMENT_BYTES + 1)
                            if html_type is not None else None)
                    before = len(said)
                    it.get_record_offset()  # reads to the record's end; warcio checks what follows
                    _WARCIO.notes = None  # between records, the consumer's code runs
                    wrong_end = [s for s in said[before:] if "Content-Length" in s]
                    said[before:] = [s for s in said[before:] if s not in wrong_end]
                    # warcio stops quietly at a cut: bytes promised by the record are missing
                    cut = getattr(record.raw_stream, "limit", 0) > 0
                    swallowed = (not gz and data is not None
                                 and _EMBEDDED_HEADER.search(data) is not None)
                    keep = True
                    resync = bool(cut or swallowed or wrong_end)
                    if resync:
                        start = next_warc_header(fh, offset, gz)
                        end = None if gz else _declared_end(record, offset)
                        too_long = cut or swallowed or (
                            start is not None and end is not None and start < end)
                        if too_long and start is None:
                            yield Rejected(display, "truncated web archive: record "
                                                    f"{n + 1 if data is not None else records} "
                                                    "is cut short")
                            return
                        resyncs += 1
                        keep = not too_long
                        yield Rejected(f"{display}@{offset}",
                                       _bad_length(record, offset, too_long, start))
                    if data is not None and keep:
                        n += 1
                        doc = _warc_document(display, n, record, html_type, data)
                        if repaired and isinstance(doc, RawDocument):
                            doc.notes.append("WARC-Target-URI holds spaces: read as "
                                             f"{doc.url or 'no URL'}")
                        yield doc
                    if resync:
                        if start is None:
                            return  # nothing but the bytes already warned about follows
                        break  # a new reader at the next record header
        finally:
            _WARCIO.notes = None
    if n == 0:
        yield Rejected(display, f"no HTML pages in web archive ({records} records, none an HTML "
                                "page answered with success)")


# What warcio says when it repairs a target URI (it %-encodes the spaces): no damage
_URI_REPAIRED = re.compile(r"Replacing spaces in invalid WARC-Target-URI", re.I)


def _declared_end(record: Any, offset: int) -> int | None:
    """Where a plain archive's record ends by its Content-Length (its header included)."""
    try:
        return offset + int(record.rec_headers.total_len) + int(
            record.rec_headers.get_header("Content-Length") or "")
    except (TypeError, ValueError):
        return None


def _bad_length(record: Any, offset: int, too_long: bool, start: int | None) -> str:
    """The warning for a record whose Content-Length does not end where it should."""
    value = record.rec_headers.get_header("Content-Length")
    shown = re.sub(r"[^\x20-\x7e]", "?", str(value))[:24]
    if value is None or not str(value).strip().isdigit():
        what = f"its Content-Length ({shown}) is not a length"
    elif too_long:
        what = f"its Content-Length ({shown}) runs into the next record: the record skipped"
    else:
        what = (f"bytes after its end are no record (its Content-Length, {shown}, is short, "
                "or garbage follows it): the record kept, those bytes skipped")
    then = (f"read on from the next record, at byte {start}" if start is not None
            else "no record follows")
    return f"bad web archive record (at byte {offset}): {what}; {then}"


def _warc_document(display: str, n: int, record: Any, html_type: str | None,
                   data: bytes) -> Item:
    """The article of the ``n``th HTML record of an archive, or why there is none."""
    where = f"{display}#{n}"
    if len(data) > MAX_DOCUMENT_BYTES:
        return Rejected(where, "record too large for one article")
    target = record.rec_headers.get_header("WARC-Target-URI")
    url, url_note = clean_url(target, "WARC-Target-URI")
    html, enc_note = decode_declared(data, html_type)
    if html is None or not html.strip():
        return Rejected(where, "empty or binary HTML response")
    # WARC-Date is the capture time, not the publication date: not used.
    return RawDocument(path=display, kind="html", content=html, url=url, position=f"record {n}",
                       notes=[x for x in (url_note, enc_note) if x])


def _feed_encoding_note(parsed: Any) -> str | None:
    """A note when feedparser did not read the feed in the encoding it declares (a feed
    labelled UTF-8 whose bytes are Latin-1 is read as CP1252): never silently."""
    import feedparser

    exc = parsed.get("bozo_exception")
    if isinstance(exc, feedparser.CharacterEncodingOverride):
        return f"not the declared encoding: {str(exc).splitlines()[0][:120]}"
    return None


def _html_typed(detail: Any) -> bool:
    """Whether a feed field is declared HTML or XHTML (Atom ``type="html"``)."""
    kind = detail.get("type") if isinstance(detail, dict) else None
    return isinstance(kind, str) and ("html" in kind.lower())


def _feed_text(value: Any, detail: Any) -> Any:
    """A feed field as text: an HTML-typed one (``<title type="html">``) with its markup
    removed and its entities decoded ("Floods &lt;b&gt;cut&lt;/b&gt;" is "Floods cut")."""
    if not isinstance(value, str) or not _html_typed(detail) or not re.search(r"[<&]", value):
        return value
    import html as html_lib

    import lxml.html

    try:
        return lxml.html.fragment_fromstring(value, create_parent="div").text_content()
    except Exception:  # lxml raises on odd fragments: drop tags by hand
        return html_lib.unescape(re.sub(r"<[^>]{0,2000}>", "", value))


# A numeric character reference in a feed ("&#xD800;", "&#55296;"): feedparser's loose
# parser raises on one that names no character (a surrogate, past U+10FFFF, or too big for
# an int), so those are replaced by "&#xFFFD;" before parsing, as the HTML reader does.
_CHAR_REF = re.compile(rb"&#(?:[xX]([0-9A-Fa-f]{1,100})|([0-9]{1,100}));")


def _no_char(match: re.Match[bytes]) -> bool:
    """Whether a numeric character reference names no character."""
    value = int(match[1], 16) if match[1] is not None else int(match[2])
    return value > 0x10FFFF or 0xD800 <= value <= 0xDFFF


def without_bad_char_refs(data: bytes) -> tuple[bytes, int]:
    """``data`` with numeric character references that name no character (a lone
    surrogate "&#xD800;", "&#x110000;" past Unicode's end) replaced by "&#xFFFD;", and how
    many there were."""
    if b"&#" not in data:
        return data, 0
    count = 0

    def swap(match: re.Match[bytes]) -> bytes:
        nonlocal count
        if not _no_char(match):
            return match[0]
        count += 1
        return b"&#xFFFD;"

    return _CHAR_REF.sub(swap, data), count


def _guard_feed_sanitizer() -> None:
    """Make feedparser's HTML sanitizer ignore a stray end tag of an element whose text it
    drops (``</script>`` with no ``<script>`` before it): it counted the open ones down
    past zero, and then dropped every word after the next ``<script>...</script>`` (an
    item of three paragraphs became one with "no full content"). Done once; nothing is
    changed when feedparser's sanitizer is not the one this was written for."""
    try:
        from feedparser.sanitizer import _HTMLSanitizer
    except ImportError:
        return
    original = getattr(_HTMLSanitizer, "unknown_endtag", None)
    if original is None or getattr(original, "storyline_guard", False) or not hasattr(
            _HTMLSanitizer, "unacceptable_elements_with_end_tag"):
        return

    def unknown_endtag(self: Any, tag: str) -> None:
        if (tag in self.unacceptable_elements_with_end_tag
                and tag not in self.acceptable_elements
                and getattr(self, "unacceptablestack", 1) <= 0):
            return  # nothing of that element is open: a stray end tag closes nothing
        original(self, tag)

    unknown_endtag.storyline_guard = True  # type: ignore[attr-defined]
    _HTMLSanitizer.unknown_endtag = unknown_endtag


def _parse_feed(data: bytes) -> tuple[Any, str | None]:
    """feedparser's reading of a feed, or None and why it failed (its loose parser
    raises on some damaged input: one warning, never a crash)."""
    import feedparser

    _guard_feed_sanitizer()
    try:
        return feedparser.parse(data), None
    except Exception as exc:
        return None, f"not a readable feed: {type(exc).__name__}: {_short(exc)}"


# The last item or entry a feed opens, and the last one it closes.
_ITEM_OPEN = re.compile(rb"<(?:[\w.-]{1,40}:)?(?:item|entry)[\s>/]", re.IGNORECASE)
_ITEM_CLOSE = re.compile(rb"</(?:[\w.-]{1,40}:)?(?:item|entry)\s*>", re.IGNORECASE)


def _cut_in_last_item(data: bytes, parsed: Any) -> bool:
    """Whether a feed that is not well-formed ends inside an item it opened (a download
    cut off): its last ``<item>``/``<entry>`` comes after its last closing tag."""
    if not parsed.get("bozo"):
        return False
    opens = [m.start() for m in _ITEM_OPEN.finditer(data[-MAX_DOCUMENT_BYTES:])]
    closes = [m.start() for m in _ITEM_CLOSE.finditer(data[-MAX_DOCUMENT_BYTES:])]
    return bool(opens) and (not closes or opens[-1] > closes[-1])


# The XML entities feedparser's loose parser (a feed that is not well-formed) leaves in a
# link with their semicolons dropped ("?q=&quot&gt" for "?q=&quot;&gt;").
_LOOSE_LINK_ENTITY = re.compile(r"&(quot|gt|lt|apos);?")
_XML_ENTITY_CHARS = {"quot": '"', "gt": ">", "lt": "<", "apos": "'"}


def _loose_link(link: Any) -> Any:
    """A link as feedparser's loose parser gave it, with the XML entities it left undecoded
    decoded once (:data:`_LOOSE_LINK_ENTITY`), as the strict parser decodes them; the
    result is then validated like any URL.

    >>> _loose_link("http://ex.test/1?q=&quot&gt&ltb&gt")
    'http://ex.test/1?q="><b>'
    """
    if not isinstance(link, str) or "&" not in link:
        return link
    return _LOOSE_LINK_ENTITY.sub(lambda m: _XML_ENTITY_CHARS[m[1]], link)


def _entry_link(entry: Any, base: str | None, loose: bool = False) -> Any:
    """An item's address: its FIRST alternate link (an RSS item giving two ``<link>``s
    means the first; feedparser keeps the last), a relative one ("/world/a2") resolved
    against ``base``, the channel's own ``<link>`` (as a JSON Feed's are against its
    ``home_page_url``; feedparser resolves only against ``xml:base``). An item with no
    link element keeps feedparser's stand-in (a permalink ``<guid>``), unresolved: a
    guid is often a bare id, no path."""
    hrefs = [x.get("href") for x in entry.get("links") or ()
             if isinstance(x, dict) and x.get("rel", "alternate") == "alternate"]
    link = next((h for h in hrefs if isinstance(h, str) and h.strip()), None)
    if link is None:
        return entry.get("link")
    if loose:
        link = _loose_link(link)
    if base is not None and not re.match(r"\s*[A-Za-z][A-Za-z0-9+.-]*:", link):
        return urljoin(base, link.strip())
    return link


def read_feed(display: str, path: Path) -> Iterator[Item]:
    """RSS / Atom items that carry full content."""
    data, size, gz_note = read_input_bytes(path, MAX_FEED_BYTES)
    if data is None:
        yield Rejected(display, f"feed too large ({size})")
        return
    data, bad_refs = without_bad_char_refs(data)
    data, entity_fix = fix_feed_entities(data)  # an external DTD is never read
    parsed, failure = _parse_feed(data)
    if parsed is None:
        yield Rejected(display, f"{failure} ({gz_note})" if gz_note else str(failure))
        return
    refs_note = (f"{bad_refs} character reference(s) naming no character (a lone surrogate "
                 "or past U+10FFFF) replaced by U+FFFD") if bad_refs else None
    cut = _cut_in_last_item(data, parsed)
    feed_title = parsed.feed.get("title") if parsed.get("feed") else None
    base, _ = clean_url(parsed.feed.get("link") if parsed.get("feed") else None)
    outlet, _ = clean_text_field(feed_title, "feed title", MAX_OUTLET_CHARS)
    if not parsed.entries:
        reason = "no items in feed"
        if parsed.get("bozo"):
            reason = f"not a readable feed: {parsed.get('bozo_exception')}"
        yield Rejected(display, f"{reason} ({gz_note})" if gz_note else reason)
        return
    encoding_note = "; ".join(
        n for n in (gz_note, _feed_encoding_note(parsed), refs_note, entity_fix.note()) if n
    ) or None
    for i, entry in enumerate(parsed.entries, 1):
        where = f"{display}#{i}"
        if cut and i == len(parsed.entries):
            yield Rejected(where, "feed is truncated: cut off inside this item (an incomplete "
                                  "download?)")
            continue
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
        if not isinstance(content, str):
            yield Rejected(where, "feed item content is not text")
            continue
        kind = "html" if ("<" in content and ">" in content) or _html_typed(
            entry.get("summary_detail") if not full else None) else "text"
        url, n1 = clean_url(_entry_link(entry, base, bool(parsed.get("bozo"))), "link")
        if n1 and not entry.get("links") and entry.get("link") == entry.get("id"):
            n1 = None  # feedparser's stand-in from an id that is no URL ("urn:1"): no link
        input_id, n2 = clean_id(entry.get("id"))
        title, n3 = clean_text_field(_feed_text(entry.get("title"), entry.get("title_detail")),
                                     "title", MAX_TITLE_CHARS)
        published, n4 = clean_date(entry.get("published") or entry.get("updated"), "published")
        yield RawDocument(
            path=display,
            kind=kind,  # type: ignore[arg-type]
            content=content,
            url=url,
            input_id=input_id,
            given_title=title,
            title_as_shown=True,
            given_outlet=outlet,
            given_published=published,
            position=f"item {i}",
            given_text=full,
            notes=[n for n in (encoding_note, n1, n2, n3, n4) if n],
        )
        encoding_note = None  # the feed's encoding is said once, with its first article


# A MIME message is parsed whole (a saved page holds its images): larger ones are refused.
MAX_MIME_BYTES = MAX_FEED_BYTES
# Parts looked at in one message (a message of thousands of parts is no article).
MAX_MIME_PARTS = 500


# An RFC 2047 encoded word ("=?utf-8?Q?caf=C3=A9?="), and the blank between two of them
# (which is no text: RFC 2047, section 6.2).
_ENCODED_WORD = re.compile(r"=\?([^?\s]{1,80})\?([BbQq])\?([^?\s]{0,5000})\?=")
_BETWEEN_WORDS = re.compile(r"(\?=)[ \t]{1,200}(?==\?)")


def _word_bytes(kind: str, payload: str) -> bytes:
    """The bytes an encoded word's payload carries (base64 decoded leniently)."""
    import base64
    import binascii
    import email.quoprimime

    if kind in "Qq":
        return email.quoprimime.header_decode(payload).encode("latin-1", "replace")
    letters = re.sub(r"[^A-Za-z0-9+/]", "", payload)
    if len(letters) % 4 == 1:
        letters = letters[:-1]  # one letter carries no whole byte
    try:
        return base64.b64decode(letters + "=" * (-len(letters) % 4))
    except (ValueError, binascii.Error):
        return payload.encode("ascii", "replace")


def _decode_words(text: str, unknown: list[tuple[str, str]], bad: list[str] | None = None) -> str:
    """``text`` with each RFC 2047 encoded word decoded by its own charset; a word in a
    charset Python does not know is read as UTF-8 (else as the legacy page its bytes read
    as), its charset and what was done added to ``unknown`` ("x-foo", "read as UTF-8"); a word whose
    payload is not base64, or whose bytes are not text in its charset, is kept as
    written and added to ``bad``."""
    import codecs

    def word(match: re.Match[str]) -> str:
        charset = match[1].split("*")[0]  # RFC 2231 adds "*language"
        if match[2] in "Bb" and re.search(r"[^A-Za-z0-9+/=\s]", match[3]):
            if bad is not None:
                bad.append(match[0])
            return match[0]  # "=?utf-8?B?!!!notbase64?=": no base64 to decode
        data = _word_bytes(match[2], match[3])
        try:
            codecs.lookup(charset)
        except LookupError:
            return _unknown_charset_word(charset, data, unknown)
        try:
            return data.decode(charset)
        except UnicodeDecodeError:
            if bad is not None:
                bad.append(match[0])
            return match[0]

    return _ENCODED_WORD.sub(word, _BETWEEN_WORDS.sub(r"\1", text))


def _unknown_charset_word(charset: str, data: bytes, done: list[tuple[str, str]]) -> str:
    """The bytes of an encoded word in a charset Python does not know, as text: UTF-8
    when they are, else the legacy page they read as ("caf\xe9"); the charset and what was
    done are added to ``done`` ("read as UTF-8", "are not UTF-8: decoded as CP1252
    (Western European)")."""
    try:
        text = data.decode("utf-8")
        done.append((charset, "read as UTF-8"))
        return text
    except UnicodeDecodeError:
        pass
    decoded, how = decode_with_note(data)
    if decoded is None:  # bytes no text reads: U+FFFD for what is not UTF-8
        done.append((charset, "are no text: read as UTF-8 with replacement characters"))
        return data.decode("utf-8", "replace")
    done.append((charset, "are " + (how or "not UTF-8")))
    return decoded


def _raw_header(msg: Any, name: str) -> str | None:
    """A header's value as the message holds it (8-bit bytes as surrogate escapes)."""
    for key, value in msg.raw_items():
        if key.lower() == name.lower():
            return value if isinstance(value, str) else str(value)
    return None


def _header_and_note(msg: Any, name: str) -> tuple[str | None, str | None]:
    """A header's value as text, and a note where it was not plain: raw 8-bit bytes (RFC
    6532) read as UTF-8 (else decoded as a body of unknown charset is), RFC 2047 encoded
    words decoded one by one, a word in an unknown charset read as UTF-8 (else as the
    legacy page its bytes read as: one note for each reading, naming its charsets)."""
    value = _raw_header(msg, name)
    if value is None:
        return None, None
    value = re.sub(r"\r?\n(?=[ \t])", "", value).strip()  # unfolded
    note = None
    raw = value.encode("utf-8", "surrogateescape")
    if raw != value.encode("utf-8", "replace"):  # 8-bit bytes in the header
        try:
            value = raw.decode("utf-8")
        except UnicodeDecodeError:
            decoded, how = decode_with_note(raw)
            value = decoded if decoded is not None else raw.decode("utf-8", "replace")
            note = f"{name}: {how or 'bytes that are not UTF-8 replaced by U+FFFD'}"
    unknown: list[tuple[str, str]] = []
    bad: list[str] = []
    if "=?" in value:
        value = _decode_words(value, unknown, bad)
    notes = [note] if note else []
    readings: dict[str, list[str]] = {}  # what was done: the charsets it was done for
    for charset, done in unknown:
        if charset not in readings.setdefault(done, []):
            readings[done].append(charset)
    for done, charsets in readings.items():
        shown = ", ".join(charsets)[:80]
        notes.append(f"{name}: encoded word(s) in an unknown charset ({shown}) {done}")
    if bad:
        shown = ", ".join(dict.fromkeys(bad))[:80]
        notes.append(f"{name}: encoded word(s) that do not decode kept as written ({shown})")
    return value, "; ".join(notes) if notes else None


def _header_text(msg: Any, name: str) -> str | None:
    """A header's value as text (raw UTF-8 and RFC 2047 encoded words decoded), or None."""
    return _header_and_note(msg, name)[0]


def _mime_body(msg: Any) -> tuple[Any, int, list[str]]:
    """(the part holding the article, parts seen, the types of the parts): the first
    ``text/html`` part that is not an attachment (a saved page's root, the HTML of an
    e-mail), else the first ``text/plain`` one; None when there is neither."""
    html = plain = None
    types: list[str] = []
    for n, part in enumerate(msg.walk(), 1):
        if n > MAX_MIME_PARTS:
            break
        ctype = part.get_content_type()
        types.append(ctype)
        if part.is_multipart():
            continue
        if "attachment" in str(part.get("Content-Disposition", "")).lower():
            continue
        if ctype == "text/html" and html is None:
            html = part
        elif ctype == "text/plain" and plain is None:
            plain = part
    return (html if html is not None else plain), len(types), types


def read_mime(display: str, path: Path) -> Iterator[Item]:
    """A MIME message: a saved web page (MHTML: ``.mht``, ``.mhtml``) or an e-mail
    (``.eml``), parsed with the standard ``email`` package. Its ``text/html`` part goes
    to the HTML reader's cleaning, else its ``text/plain`` part as text, each decoded by
    its declared charset (:func:`decode_with_note`); an e-mail's ``Subject`` is the
    title and its ``Date`` the publication date (:func:`clean_date`); a saved page's
    ``Date`` is when it was saved, not published (as a WARC-Date), and not used. The
    raw message is never the article text."""
    data, size, gz_note = read_input_bytes(path, MAX_MIME_BYTES)
    if data is None:
        yield Rejected(display, f"MIME message too large ({size})")
        return
    name = path.name.lower().removesuffix(".gz")
    yield _mime_item(display, display, None, data, name, gz_note)


# The line that opens each message of a mailbox ("From sender Mon May 13 10:00:00 2024"),
# at the start of the file or after a blank line: a line of a message's text that opens
# with "From " (a writer that did not quote it as ">From ") names no sender and time.
_MBOX_FROM = re.compile(rb"(?:\A|(?<=\n\n)|(?<=\n\r\n))From \S{1,300} [^\n]{0,80}\b\d\d?:\d\d\b")


def read_mbox(display: str, path: Path) -> Iterator[Item]:
    """The e-mails of a mailbox (mbox, as Python's :mod:`mailbox` reads it: a message
    starts at each ``From sender date`` line, here only after a blank line), each its own
    document read as an ``.eml`` is (:func:`read_mime`); a bad message is one warning,
    the others kept."""
    data, size, gz_note = read_input_bytes(path, MAX_MIME_BYTES)
    if data is None:
        yield Rejected(display, f"mailbox too large ({size})")
        return
    starts = [m.start() for m in _MBOX_FROM.finditer(data)]
    if not starts or data[:starts[0]].strip():
        starts.insert(0, 0)  # text before the first "From " line: a message without one
    name = path.name.lower().removesuffix(".gz")
    for i, (a, b) in enumerate(zip(starts, [*starts[1:], len(data)], strict=True), 1):
        item = _mime_item(display, f"{display}#{i}", f"message {i}", data[a:b], name,
                          gz_note)
        if isinstance(item, RawDocument):
            gz_note = None  # said once, with the first message
        yield item


_BASE64_DEFECTS = ("InvalidBase64LengthDefect", "InvalidBase64PaddingDefect")


def _payload(part: Any) -> tuple[Any, str | None]:
    """A part's decoded body, and a note when its base64 was decoded leniently: a body
    whose length is no multiple of four (a cut line, a lost "="), which the ``email``
    package gives back undecoded, is decoded with its last incomplete group dropped or
    padded, instead of its base64 letters becoming the article."""
    import base64

    payload = part.get_payload(decode=True)
    cte = str(part.get("Content-Transfer-Encoding", "")).strip().lower()
    if cte != "base64" or not any(type(d).__name__ in _BASE64_DEFECTS for d in part.defects):
        return payload, None
    raw = part.get_payload(decode=False)
    letters = re.sub(rb"[^A-Za-z0-9+/]", b"", raw.encode("ascii", "ignore")
                     if isinstance(raw, str) else bytes(raw))
    extra = len(letters) % 4
    if extra == 1:
        letters = letters[:-1]  # one letter carries no whole byte
    elif extra:
        letters += b"=" * (4 - extra)
    try:
        decoded = base64.b64decode(letters)
    except ValueError:
        return payload, None
    return decoded, ("base64 body of a bad length (its padding wrong or its end cut): "
                     f"decoded leniently{', its last letter dropped' if extra == 1 else ''}")


# The ``From`` a browser writes into a page it saves as MHTML ("<Saved by Blink>").
_SAVED_BY = re.compile(r"\s*<?\s*saved by\b", re.I)


def _saved_page(msg: Any, top: str, name: str) -> bool:
    """Whether a MIME message is a page a browser saved (its ``Date`` is when it was
    saved, its ``Subject`` the page's title again), not an e-mail: it says so, with a
    ``Snapshot-Content-Location`` or a ``From`` of "<Saved by ...>", or it is a
    ``multipart/related`` ``.mht`` with no sender at all. A message with a sender is an
    e-mail whatever its structure (an HTML newsletter is ``multipart/related`` too) or
    its name: its Subject and Date are its title and date."""
    if msg.get("Snapshot-Content-Location") is not None:
        return True
    sender = str(msg.get("From") or "")
    if sender.strip():
        return bool(_SAVED_BY.match(sender))
    return top == "multipart/related" or name.endswith((".mht", ".mhtml"))


def _mime_item(display: str, where: str, position: str | None, data: bytes, name: str,
               gz_note: str | None) -> Item:
    """The article of one MIME message's bytes (:func:`read_mime`)."""
    import email
    import email.policy

    try:
        msg = email.message_from_bytes(data, policy=email.policy.compat32)
        part, parts, types = _mime_body(msg)
        payload, b64_note = _payload(part) if part is not None else (None, None)
        charset = part.get_content_charset() if part is not None else None
        subject, subject_note = _header_and_note(msg, "Subject")
        date_value = _header_text(msg, "Date")
        location = (_header_text(msg, "Snapshot-Content-Location")
                    or (_header_text(part, "Content-Location") if part is not None else None))
        top = msg.get_content_type()
    except RecursionError:  # the parser recurses into each multipart: thousands nested
        return Rejected(where, "MIME message nested too deep to read (parts inside parts, "
                               "thousands of levels): not read")
    except Exception as exc:  # the stdlib parser meets hostile bytes: one warning, no crash
        return Rejected(where, f"unreadable MIME message: {type(exc).__name__}: {_short(exc)}")
    if part is None or not isinstance(payload, bytes):
        shown = ", ".join(dict.fromkeys(types[:20])) or "none"
        return Rejected(where, f"MIME message without a text part ({parts} parts: {shown})")
    if len(payload) > MAX_DOCUMENT_BYTES:
        return Rejected(where, "MIME message's text part too large for one article")
    is_html = part.get_content_type() == "text/html"
    saved_page = _saved_page(msg, top, name)
    text, enc_note = decode_declared(payload, f"charset={charset}" if charset else None,
                                     markup=is_html,
                                     declarer="the page" if saved_page else "the message")
    if text is None or not text.strip():
        return Rejected(where, "MIME message's text part is empty or binary")
    url, n1 = clean_url(location, "Content-Location")
    title, n2 = (None, None) if saved_page else clean_text_field(subject, "Subject",
                                                                 MAX_TITLE_CHARS)
    published, n3 = (None, None) if saved_page else clean_date(date_value, "Date")
    return RawDocument(path=display, kind="html" if is_html else "text", content=text,
                       url=url, given_title=title, given_published=published,
                       position=position,
                       notes=[n for n in (gz_note, b64_note, enc_note, n1, n2, n3,
                                          None if saved_page else subject_note) if n])


# The built-in readers, by the kind :func:`detect_kind` names (no extensions or sniffing
# of their own: the detection above decides, with its order and guards).
for _name, _fn in (("warc", read_warc), ("jsonl", read_jsonl), ("feed", read_feed),
                   ("html", read_html), ("text", read_text), ("json", read_json),
                   ("mime", read_mime), ("mbox", read_mbox)):
    register_reader(_name)(_fn)
