"""Per-document isolation and bounded warnings for the run loop.

:func:`clean_document` is the per-document cleaning stage as the run loop calls it:
an unexpected exception in it skips that one document with a warning naming it and
the exception; what the reader noted (a dropped field, the encoding used) travels
with the result so that the run loop prints it once. :class:`FileWarnings` prints
at most a few warnings per input file and one line summing up the rest, so that a
file of three million bad lines costs three million counts, not three million lines.
"""

from __future__ import annotations

import dataclasses
import errno
import logging
import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from storyline.config import setting
from storyline.ingest.validate import (
    MAX_WARNINGS_PER_FILE,
    clean_url,
    iso_in_range,
    more,
    normalise_controls,
    printable,
    strip_controls,
)
from storyline.model import Article, Published, RawDocument, Rejected
from storyline.text.words import unspaced_pattern

log = logging.getLogger(__name__)

# Rejections stored one by one per file; past it one row sums up the rest.
MAX_STORED_REJECTS_PER_FILE = 100
# A document in a script written without spaces (Chinese, Japanese, Thai) cannot be
# measured in words: this many of its characters make it long enough to be an article.
MIN_UNSPACED_CHARS = 80

_TAG = re.compile(r"<[^>]{0,2000}>")
# A word: two letters in a row, of any script ("km", "de", "中国"). A text without one is
# numbers, punctuation or symbols ("12, 14 -- 15% !!! 2025-03-01"): no article.
_WORD = re.compile(r"[^\W\d_]{2}")


def has_words(text: str) -> bool:
    """Whether ``text`` holds at least one word (two letters in a row, any script).

    >>> has_words("4,000 -- 12% ... 2025-03-01"), has_words("4,000 lorries")
    (False, True)
    """
    return _WORD.search(text) is not None


@dataclass(slots=True)
class Noted:
    """A cleaning result with the reader's notes about its document."""

    item: Article | Rejected
    notes: list[str]


def unspaced_chars(text: str) -> int:
    """How many letters of ``text`` are in a script without spaces between words (the
    scripts of ``data/unspaced_scripts.json``)."""
    return sum(len(run) for run in unspaced_pattern().findall(text))


def unspaced_script(text: str) -> bool:
    """Whether ``text`` is mostly written in a script without spaces between words."""
    sample = _TAG.sub(" ", text[:200_000])
    n = unspaced_chars(sample)
    letters = sum(1 for c in sample if c.isalpha())
    return n >= MIN_UNSPACED_CHARS and n >= 0.3 * max(letters, 1)


_SURROGATE = re.compile(r"[\ud800-\udfff]")


def without_surrogates(text: str) -> tuple[str, int]:
    """``text`` with lone surrogates (JSON "\\ud800", undecodable bytes read with
    surrogateescape) replaced by U+FFFD, and how many there were."""
    return _SURROGATE.subn("\ufffd", text)


def _without_surrogates(raw: RawDocument) -> tuple[RawDocument, int]:
    total = 0
    changes: dict[str, Any] = {}
    for name in ("content", "url", "input_id", "given_title", "given_outlet", "given_published"):
        value = getattr(raw, name)
        if isinstance(value, str):
            fixed, n = without_surrogates(value)
            if n:
                changes[name] = fixed
                total += n
    return (dataclasses.replace(raw, **changes) if changes else raw), total


# The machine running out (disk full, a file too large for the limit, a quota, a failing
# disk, no memory, no file handles): never a property of one document. Such an error stops
# the run instead of skipping the document, so that nothing is recorded as done, rejected
# or annotated without events because of it, and a rerun with the resources processes it.
RESOURCE_ERRNOS = frozenset(
    getattr(errno, name) for name in ("ENOSPC", "EFBIG", "EDQUOT", "EIO", "ENOMEM", "EMFILE",
                                      "ENFILE", "EROFS") if hasattr(errno, name))


def resource_error(exc: BaseException) -> bool:
    """Whether ``exc`` is the machine running out rather than a problem of the input.

    >>> resource_error(OSError(errno.ENOSPC, "No space left")), resource_error(ValueError())
    (True, False)
    """
    if isinstance(exc, MemoryError):
        return True
    return isinstance(exc, OSError) and exc.errno in RESOURCE_ERRNOS


def clean_document(raw: RawDocument) -> Article | Rejected | Noted:
    """Clean one document; never raises."""
    from storyline.clean.article import make_article

    where = raw.path if raw.position is None else f"{raw.path} ({raw.position})"
    notes = list(raw.notes)
    try:
        raw, fixed = _without_surrogates(raw)
        if fixed:
            notes.append(f"{fixed} lone surrogate character(s) replaced (not text)")
        content = normalise_controls(raw.content)
        if content != raw.content:
            raw = dataclasses.replace(raw, content=content)
        if not raw.given_text and unspaced_script(raw.content):
            # its word count says nothing; its text is kept like a text the input gave
            raw = dataclasses.replace(raw, given_text=True)
        result = make_article(raw, notes)
        if isinstance(result, Article) and not has_words(result.text):
            return Rejected(where, "no article text (no word of two letters: only numbers, punctuation, symbols or single letters)")
        if isinstance(result, Article):
            _check_article(result, raw, notes)
    except Exception as exc:  # isolation: one document's failure is that document's only
        if resource_error(exc):
            raise  # the machine's, not the document's: the run stops, nothing is recorded
        log.debug("cleaning %s failed", where, exc_info=True)
        return Rejected(where, f"internal error while cleaning ({_describe(exc)})")
    if isinstance(result, Rejected):
        return _cut_short(result, notes)  # its one warning is the reason it was skipped
    for n in notes:
        if n not in result.warnings:
            result.warnings.append(n)
    return Noted(result, notes) if notes else result


# the reader's note of a compressed file cut short (readers.read_input_bytes)
CUT_SHORT = "truncated or corrupt compressed file"


def _cut_short(rejected: Rejected, notes: list[str]) -> Rejected:
    """A document skipped for what was left of it (too short, no text) after its
    compressed file was cut short: the skip says the file was cut, first, so that it is
    warned and counted as a damaged file rather than as a short article.

    >>> _cut_short(Rejected("a.html.gz", "too short to be a news article (3 words)"),
    ...            ["truncated or corrupt compressed file: ended early; kept the 90 bytes"]).reason
    'truncated or corrupt compressed file: ended early; kept the 90 bytes; what was read: too short to be a news article (3 words)'
    """
    cut = next((n for n in notes if n.startswith(CUT_SHORT)), None)
    if cut is None or rejected.kept or rejected.reason.startswith(CUT_SHORT):
        return rejected
    return dataclasses.replace(rejected, reason=f"{cut}; what was read: {rejected.reason}")


def _check_article(article: Article, raw: RawDocument, notes: list[str]) -> None:
    """What the cleaner read from the page itself passes the reader's checks too."""
    if article.url is not None:
        url, note = clean_url(article.url, "page URL")  # e.g. a page's canonical link
        article.url = url
        if note:
            notes.append(note)
    for name in ("title", "outlet", "dateline"):
        value = getattr(article, name)
        if value is not None:
            setattr(article, name, strip_controls(value).strip() or None)
    if article.outlet is not None:
        from storyline.clean.metadata import canonical_outlet, mixed_script, outlet_key

        article.outlet = canonical_outlet(article.outlet, given=bool(raw.given_outlet))
        if article.outlet is not None and mixed_script(article.outlet):
            # kept as written (it may be a spoof), grouped by its look-alike skeleton
            odd = ", ".join(f"{ch} {unicodedata.name(ch)}" for ch in dict.fromkeys(
                article.outlet) if unicodedata.name(ch, "").startswith(("CYRILLIC", "GREEK")))
            notes.append(f"outlet name {article.outlet!r} mixes Latin with Cyrillic or "
                         f"Greek letters ({odd[:200]}): grouped as "
                         f"{outlet_key(article.outlet)!r}")
    p = article.published
    if any(v is not None and not iso_in_range(v) for v in (p.date, p.earliest, p.latest)):
        notes.append(f"publication date {p.date or p.earliest or p.latest} is outside the "
                     "calendar: treated as absent")
        article.published = Published(date=None, source="none")


def _describe(exc: BaseException) -> str:
    text = str(exc).splitlines()[0][:200] if str(exc) else ""
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


# Warnings about a file as a whole that say part of it was lost (a cut gzip stream: the
# articles after the cut are gone): printed whatever came before them, never folded into
# "N more warnings like the above" with the warnings of its lines.
FILE_LEVEL_WARNINGS = (
    "truncated",            # "truncated or corrupt compressed file: ...", "truncated web archive"
    "damaged",              # "damaged web archive: ..."
    "corrupt",
    "trailing garbage",     # "trailing garbage after the compressed data: 120 bytes ..."
    "feed is truncated",
    "read error",
)


def file_level(reason: str) -> bool:
    """Whether a warning's reason is one of :data:`FILE_LEVEL_WARNINGS`.

    >>> file_level("truncated or corrupt compressed file: ended early"), file_level("no article text")
    (True, False)
    """
    return reason.startswith(FILE_LEVEL_WARNINGS)


class FileWarnings:
    """Warnings of the run loop, at most :data:`MAX_WARNINGS_PER_FILE` per input file.

    Call :meth:`say` for each warning of the current file and :meth:`end_file` when
    the file is done: it prints one line for the warnings held back. Every message is
    made printable (a file name cannot put escapes or line breaks on the terminal).

    A warning said ``always`` (a file cut short: :func:`file_level`) is printed past the
    limit and not counted in it. A skip said with its ``kind`` and ``path`` is held until
    the next warning or the file's end: when it skipped the whole file (``path`` is the
    file's), it counts among the files skipped for that kind, named one by one up to
    ``files_per_kind``; :meth:`finish` prints one line for each kind's others.
    """

    def __init__(self, emit: Callable[[str], None], limit: int = MAX_WARNINGS_PER_FILE,
                 files_per_kind: int | None = None):
        self.emit = emit
        self.limit = limit
        self.files_per_kind = (int(setting("run", "files_named_per_skip"))
                               if files_per_kind is None else files_per_kind)
        self.count = 0
        self.rejects = 0
        self.held_rejects = 0
        self.pending: tuple[str, str, str] | None = None  # (message, path, kind)
        self.files_skipped: Counter[str] = Counter()

    def say(self, message: str, *, always: bool = False, kind: str | None = None,
            path: str | None = None) -> None:
        self._flush()
        if always:
            self.emit(printable(message))
        elif kind is not None and path is not None:
            self.pending = (message, path, kind)
        else:
            self._count(message)

    def _count(self, message: str) -> None:
        self.count += 1
        if self.count <= self.limit:
            self.emit(printable(message))

    def _flush(self) -> None:
        if self.pending is not None:
            message = self.pending[0]
            self.pending = None
            self._count(message)

    def keep_reject(self) -> bool:
        """Whether the current file's next rejection is stored one by one."""
        self.rejects += 1
        if self.rejects <= MAX_STORED_REJECTS_PER_FILE:
            return True
        self.held_rejects += 1
        return False

    def end_file(self, display: str) -> Rejected | None:
        """Close the current file: print the summary line; return the row that stands
        for the rejections not stored one by one (or None)."""
        if self.pending is not None and self.pending[1] == display:
            message, _, kind = self.pending
            self.pending = None
            self.files_skipped[kind] += 1
            if self.files_skipped[kind] <= self.files_per_kind:
                self.emit(printable(message))
        self._flush()
        held = self.count - self.limit
        if held > 0:
            self.emit(printable(f"warning: {display}: {more(held, 'warning')} like the "
                                "above not shown (all are counted in the summary)"))
        row = None
        if self.held_rejects:
            row = Rejected(display, f"{self.held_rejects:,} more rejected items "
                                    "(not stored one by one)")
        self.count = self.rejects = self.held_rejects = 0
        return row

    def finish(self) -> None:
        """After the last file: one line for each kind of skip whose files were not all
        named."""
        self._flush()
        for kind, n in sorted(self.files_skipped.items()):
            left = n - self.files_per_kind
            if left > 0:
                self.emit(printable(f"warning: {more(left, 'input file')} skipped like "
                                    f"the above ({kind}): not named (all are counted in "
                                    "the summary)"))
