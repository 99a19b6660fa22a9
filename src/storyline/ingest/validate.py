"""The reader boundary: every value an input gives becomes a typed, bounded value, or a note.

Readers hand what a file claims (a JSON Lines item's fields, a feed item's link, a
page's canonical URL) to these helpers. Each returns the value it could trust, or
None, and a note (a warning that names the field and the reason) when it had to
drop or convert something. Nothing here raises on any input.

The limits are the tunables of the boundary; they live here, in one place.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import math
import re
import unicodedata
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit, urlunsplit

# Publication dates outside MIN_DATE..MAX_DATE (clean/dates.py) are not dates of news
# (a placeholder such as 0001-01-01 or 9999-12-31): treated as absent, with a warning.
from storyline.clean.dates import MAX_DATE, MIN_DATE
from storyline.clean.timestamps import epoch_date, parse_timestamp
from storyline.config import setting

log = logging.getLogger(__name__)

# Field sizes: longer values are not what the field means (a body pasted into ``title``).
MAX_URL_CHARS = 4096
MAX_TITLE_CHARS = 2000
MAX_OUTLET_CHARS = 200
MAX_ID_CHARS = 512
MAX_DATE_CHARS = 200
# JSON nesting deeper than this is not an article (nothing the reader uses is nested).
MAX_JSON_DEPTH = 64
# Past this many warnings for one file, the rest are summarised in one line.
MAX_WARNINGS_PER_FILE = 5
URL_SCHEMES = ("http", "https")

Note = str


def in_range(d: dt.date | None) -> bool:
    return d is not None and MIN_DATE <= d <= MAX_DATE


def iso_in_range(value: Any) -> bool:
    """Whether ``value`` is a ``YYYY-MM-DD...`` string of a real date inside the range."""
    if not isinstance(value, str):
        return False
    try:
        return in_range(dt.date.fromisoformat(value[:10]))
    except ValueError:
        return False


def safe_host(url: str | None) -> str:
    """The lower-cased host of ``url``, or "" (never raises on a malformed URL)."""
    if not url or not isinstance(url, str):
        return ""
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


def clean_url(value: Any, field: str = "url") -> tuple[str | None, Note | None]:
    """An absolute http(s) URL that parses, without a user name and password
    (``user:secret@``), or None and a note saying why it was dropped."""
    if value is None or value == "":
        return None, None
    if not isinstance(value, str):
        return None, f"{field} dropped: not a string ({type(value).__name__})"
    url = value.strip()
    if not url:
        return None, None
    if len(url) > MAX_URL_CHARS:
        return None, f"{field} dropped: longer than {MAX_URL_CHARS} characters"
    if any(unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") or c.isspace() for c in url):
        return None, f"{field} dropped: holds spaces or control characters"
    try:
        parts = urlsplit(url)
        host = parts.hostname
        _ = parts.port  # raises ValueError on a bad port
    except ValueError as exc:
        return None, f"{field} dropped: malformed URL ({exc})"
    if parts.scheme.lower() not in URL_SCHEMES:
        return None, f"{field} dropped: not an http(s) URL"
    if not host:
        return None, f"{field} dropped: no host"
    if not _HOST.fullmatch(host):
        return None, f"{field} dropped: malformed host"
    if "@" in parts.netloc:  # "https://user:secret@host/": never stored, never shown
        url = urlunsplit(parts._replace(netloc=parts.netloc.rpartition("@")[2]))
    return url, None


# a host name (letters of any script, digits, dots, hyphens) or an IP address literal
_HOST = re.compile(r"(?:[^\W_]|[-_.])+|[0-9a-f:.]+")


def clean_text_field(value: Any, field: str, limit: int) -> tuple[str | None, Note | None]:
    """A short string field (title, outlet): a string, or a name object's ``name``.

    A number is converted (its meaning is clear); lists and other objects are dropped.
    """
    if value is None:
        return None, None
    if isinstance(value, dict):  # {"name": "Reuters", "id": "reuters"} (news APIs)
        inner = value.get("name") or value.get("title")
        if isinstance(inner, str):
            value = inner
        else:
            return None, f"{field} dropped: an object without a name"
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return None, f"{field} dropped: not a string ({type(value).__name__})"
    if isinstance(value, float) and not math.isfinite(value):
        # (JSON 1e400 is read as infinity: it was stored as the title "inf")
        return None, f"{field} dropped: a number too large to write ({value})"
    text = value if isinstance(value, str) else str(value)
    text = strip_controls(text).strip()
    if not text:
        return None, None
    if len(text) > limit:
        return None, f"{field} dropped: longer than {limit} characters"
    return text, None


def clean_id(value: Any) -> tuple[str | None, Note | None]:
    """An input id: a string, or an integer written as one."""
    if value is None or value == "":
        return None, None
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        return None, f"id dropped: not a string or integer ({type(value).__name__})"
    text = value if isinstance(value, str) else str(value)
    if len(text) > MAX_ID_CHARS:
        return None, f"id dropped: longer than {MAX_ID_CHARS} characters"
    return strip_controls(text), None


def clean_date(value: Any, field: str = "published") -> tuple[str | None, Note | None]:
    """A date an input gives, as ISO ``YYYY-MM-DD``, inside the sane range; else a note.

    Every reader's dates come here (JSON Lines fields, feed items, a page's date marks):
    a string must be a real date or date and time in a common form
    (:func:`storyline.clean.timestamps.parse_timestamp`), a number a Unix time in
    seconds or milliseconds. Anything else is absent, with a note naming the field and
    the value. The date object storyline itself writes (``articles.jsonl``'s
    ``published``: ``{"date": ..., "source": ..., ...}``) gives its ``date``.
    """
    if isinstance(value, dict) and "date" in value:
        # storyline's own articles.jsonl read back: {"date": "2024-03-05", "source": ...}
        value = value["date"]
    if value is None or value == "":
        return None, None
    if isinstance(value, bool):
        return None, f"{field} dropped: not a date ({type(value).__name__})"
    if isinstance(value, (int, float)):
        d, reason = epoch_date(value)
        if d is None:
            return None, f"{field} {value!r} treated as absent: {reason}"
    elif isinstance(value, str):
        text = value.strip()
        if not text:
            return None, None
        if len(text) > MAX_DATE_CHARS:
            return None, f"{field} dropped: longer than {MAX_DATE_CHARS} characters"
        d, reason = parse_timestamp(text)
        if d is None:
            return None, f"{field} {_short(text)} treated as absent: {reason}"
    else:
        return None, f"{field} dropped: not a date ({type(value).__name__})"
    if not in_range(d):
        return None, (f"{field} {_short(str(value).strip())} is outside "
                      f"{MIN_DATE.year}-{MAX_DATE.year}: treated as absent")
    return d.isoformat(), None


def _short(text: str, n: int = 40) -> str:
    return repr(text if len(text) <= n else text[:n] + "…")


# C0/C1 controls, and the bidi overrides and isolates that reorder what a reader sees
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\u202a-\u202e\u2066-\u2069]")
_ONE_LINE = re.compile(r"[\n\r\t\x0b\x0c\x85\u2028\u2029]+")


def strip_controls(text: str) -> str:
    """``text`` on one line, without C0/C1 control characters or bidi overrides (a field
    such as a title or an outlet: line breaks and separators become one space), terminal
    escape sequences removed with their payload, and no invisible format characters
    (:func:`drop_invisible`, then every other format character, Unicode's Cf)."""
    if text.isascii() and text.isprintable():
        return text
    text = _CONTROLS.sub("", _ONE_LINE.sub(" ", drop_escapes(text)))
    return "".join(c for c in drop_invisible(text)
                   if unicodedata.category(c) != "Cf" or c in "\u200c\u200d")


# Terminal escape sequences: CSI (ESC [ ... final), OSC (ESC ] payload, ended by BEL or
# ESC \\), DCS/SOS/PM/APC strings, and two-character escapes; their C1 forms too. A
# payload is bounded: an unterminated one loses only its introducer.
_ESCAPE = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]{0,64}[ -/]{0,8}[@-~]"
    r"|(?:\x1b[\]PX^_]|[\x9d\x90\x98\x9e\x9f])[^\x07\x1b\x9c]{0,512}(?:\x07|\x1b\\|\x9c)"
    r"|\x1b[ -/]{0,4}[0-~]")


# In a body only the sequences with an introducer and a terminator are escapes: a lone
# ESC before a letter is a stray byte, and the letter is text.
_BODY_ESCAPE = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]{0,64}[ -/]{0,8}[@-~]"
    r"|(?:\x1b[\]PX^_]|[\x9d\x90\x98\x9e\x9f])[^\x07\x1b\x9c]{0,512}(?:\x07|\x1b\\|\x9c)")


def drop_escapes(text: str) -> str:
    """``text`` without terminal escape sequences, payload and all ("\\x1b]0;title\\x07")."""
    return _ESCAPE.sub("", text) if ("\x1b" in text or "\x9b" in text or "\x9d" in text
                                     or "\x90" in text) else text


# Characters with no width that split a word for every reader but the eye: soft hyphen,
# zero-width space, word joiner, a byte order mark inside text; zero-width (non-)joiners
# next to a Latin letter (in Persian or Indic text, and in emoji, they shape the letters
# and are kept).
_INVISIBLE = re.compile(r"[\u00ad\u200b\u2060\ufeff]"
                        r"|(?<=[\x00-\u024f])[\u200c\u200d]+|[\u200c\u200d]+(?=[\x00-\u024f])")


def drop_invisible(text: str) -> str:
    """``text`` without the invisible characters of :data:`_INVISIBLE`.

    >>> drop_invisible("flo\u200bod\u00adwater")
    'floodwater'
    """
    return text if text.isascii() else _INVISIBLE.sub("", text)


def invisible_spans(text: str) -> list[tuple[int, int]]:
    """Where :func:`drop_invisible` removes characters from ``text`` (start, end)."""
    return [] if text.isascii() else [(m.start(), m.end()) for m in _INVISIBLE.finditer(text)]


# Combining marks of the Latin, Greek and Cyrillic diacritic blocks. No language stacks
# more than two of them on one letter (Vietnamese "ệ" written decomposed is e + two);
# "zalgo" text piles dozens on each letter, which splits its words for every tokeniser
# and turned the language an English article was detected as.
MAX_STACKED_MARKS = int(setting("clean", "max_stacked_marks", 2))
_MARK_RUN = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+")


def drop_stacked_marks(text: str) -> tuple[str, int]:
    """``text`` without "zalgo" marks, and how many were removed.

    Where a letter carries more than :data:`MAX_STACKED_MARKS` combining marks, the text
    is zalgo: every run of those marks is removed, except a run that composes with its
    letter into one character (an accent of a real language, written decomposed), which
    is kept as written. A text without such a pile is returned unchanged.

    >>> drop_stacked_marks("Talks re\u0334\u0355\u0317\u031fsumed in Acc\u0327ra\u0301\u0308\u0310.")
    ('Talks resumed in Acc\u0327ra.', 7)
    >>> drop_stacked_marks("Le ministre a re\u0301pondu.")
    ('Le ministre a re\u0301pondu.', 0)
    """
    if text.isascii() or not any(len(m.group()) > MAX_STACKED_MARKS
                                 for m in _MARK_RUN.finditer(text)):
        return text, 0
    removed = 0

    def fix(m: re.Match[str]) -> str:
        nonlocal removed
        marks = m.group()
        if len(marks) <= MAX_STACKED_MARKS and m.start() > 0 and len(
                unicodedata.normalize("NFC", text[m.start() - 1] + marks)) == 1:
            return marks
        removed += len(marks)
        return ""

    return _MARK_RUN.sub(fix, text), removed


# Characters that change what a reader sees without being text: the bidi embeddings,
# overrides and isolates (U+202A..U+202E, U+2066..U+2069), which reorder a line, and the
# Unicode tag characters (U+E0000..U+E007F), which hide ASCII inside a word.
_HIDDEN = re.compile("[\u202a-\u202e\u2066-\u2069\U000e0000-\U000e007f]")


def drop_hidden(text: str) -> tuple[str, int]:
    """``text`` without bidi controls and tag characters (:data:`_HIDDEN`), and how
    many there were.

    >>> drop_hidden("Envoys met in \u202eukabaT\u202c on Monday\U000e0041\U000e0042.")
    ('Envoys met in ukabaT on Monday.', 4)
    """
    return (text, 0) if text.isascii() else _HIDDEN.subn("", text)


def hidden_note(marks: int, hidden: int) -> str | None:
    """The one warning of a document whose body lost zalgo marks or hidden characters."""
    parts = []
    if marks:
        parts.append(f"{marks:,} stacked combining mark{'s' if marks != 1 else ''} "
                     f"(more than {MAX_STACKED_MARKS} on one letter: zalgo text)")
    if hidden:
        parts.append(f"{hidden:,} bidi control or tag character{'s' if hidden != 1 else ''}"
                     " (invisible, they reorder or hide text)")
    return f"removed {' and '.join(parts)}" if parts else None


def strip_format(text: str) -> tuple[str, str | None]:
    """``text`` as ``run`` reads an article's body: without invisible characters (soft
    hyphens, zero-width spaces and joiners, word joiners, a BOM inside text), zalgo marks,
    bidi controls and tag characters, each of which splits a word for the parser and the
    date rules; and the warning ``run`` gives for what it removed (None: nothing to say).

    >>> strip_format("Rebels shel\u00adled Gao on Mon\u200bday.")
    ('Rebels shelled Gao on Monday.', None)
    >>> strip_format("Rebels \u202eshelled\u202c Gao.")[0]
    'Rebels shelled Gao.'
    """
    if text.isascii():
        return text, None
    text = drop_invisible(text)
    text, marks = drop_stacked_marks(text)
    text, hidden = drop_hidden(text)
    return text, hidden_note(marks, hidden)


def kept_positions(original: str, kept: str) -> list[int]:
    """For each character of ``kept`` (``original`` with characters removed, as
    :func:`strip_format` gives it), its offset in ``original``; one more item, for the
    end, is ``len(original)``.

    >>> kept_positions("Mon\u00adday", "Monday")
    [0, 1, 2, 4, 5, 6, 7]
    """
    out: list[int] = []
    j = 0
    for i, ch in enumerate(original):
        if j < len(kept) and kept[j] == ch:
            out.append(i)
            j += 1
    out.extend([len(original)] * (len(kept) + 1 - len(out)))
    return out


_CRLF = re.compile(r"\r\n?")
# Separators other than "\n": the information separators (U+001C..U+001F, legal inside a
# JSON string), NEL, line and paragraph separators, vertical tab and form feed. Each ends
# a line only where a sentence ends before it; inside a sentence it is a space ("Officials
# <U+001C>in the province said" lost "Officials" as a one-word line when it was a break).
_SEPARATORS = re.compile(r"[ \t]*(?:[\x0b\x0c\x1c-\x1f\x85\u2028\u2029][ \t]*)+")
_SENTENCE_END = frozenset(".!?:;\u2026\"'\u201d\u2019)]\n")
_BODY_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f]")


def _separator(m: re.Match[str]) -> str:
    at = m.start()  # the match took the spaces before it: the character there is text
    if at == 0 or m.string[at - 1] in _SENTENCE_END or m.end() == len(m.string):
        return "\n"
    return " "


def normalise_controls(text: str) -> str:
    """A body with one kind of line break ("\\n") and no other control characters.

    CR and CRLF are line breaks. Other separators (U+001C..U+001F, U+0085, U+2028/9,
    vertical tab, form feed) are line breaks where a sentence ends before them and
    spaces inside a sentence, so that none joins two words or cuts a sentence into a
    one-word line that cleaning drops; other C0/C1 controls (NUL, escapes) are never
    text and are dropped.

    >>> normalise_controls("Officials \x1cin the city said so.\u2029Rain fell.")
    'Officials in the city said so.\\nRain fell.'
    """
    if text.isascii() and text.isprintable():
        return text
    if "\x1b" in text or "\x9b" in text or "\x9d" in text or "\x90" in text:
        text = _BODY_ESCAPE.sub("", text)
    text = _SEPARATORS.sub(_separator, _CRLF.sub("\n", text))
    return _BODY_CONTROLS.sub("", text)


_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def more(n: int, noun: str) -> str:
    """"1 more warning", "3 more warnings": a count of what is not shown, in agreement.

    >>> more(1, "warning"), more(2_000, "input file")
    ('1 more warning', '2,000 more input files')
    """
    return f"{n:,} more {noun}" + ("" if n == 1 else "s")


def printable(text: str) -> str:
    """``text`` safe to print on one terminal line: control, line-break and bidi
    characters written as escapes (a file name cannot forge a warning line)."""
    return _UNSAFE.sub(lambda m: m.group(0).encode("unicode_escape").decode("ascii"), text)


_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.S)


def json_depth_ok(text: str, limit: int = MAX_JSON_DEPTH) -> bool:
    """Whether a JSON text nests no deeper than ``limit`` (brackets inside strings skipped)."""
    if text.count("[") + text.count("{") <= limit:
        return True
    depth = 0
    for m in re.finditer(r"[\[\]{}]", _JSON_STRING.sub('""', text)):
        if m.group(0) in "[{":
            depth += 1
            if depth > limit:
                return False
        else:
            depth -= 1
    return True


def _parse_int(digits: str) -> int | str:
    """A JSON integer; one too long for Python to convert (over 4,300 digits) stays its
    digits, as a string, so that the field is checked (and dropped) like any other."""
    return int(digits) if len(digits) <= 4000 else digits


def loads_bounded(text: str, duplicates: dict[int, list[str]] | None = None,
                  long_ints: bool = True) -> Any:
    """``json.loads`` with a nesting limit: raises ValueError past :data:`MAX_JSON_DEPTH`.

    With ``duplicates``, the keys an object gives twice or more (the last value is kept,
    as every JSON parser does) are recorded there under the ``id()`` of that object.

    >>> dups: dict[int, list[str]] = {}
    >>> obj = loads_bounded('{"date": "2024-05-14", "date": "2024-05-15"}', dups)
    >>> obj, dups[id(obj)]
    ({'date': '2024-05-15'}, ['date'])
    """
    if not json_depth_ok(text):
        raise ValueError(f"JSON nested deeper than {MAX_JSON_DEPTH} levels")
    hook = None if duplicates is None else _pairs_hook(duplicates)
    try:
        return json.loads(text, parse_int=_parse_int if long_ints else _strict_int,
                          object_pairs_hook=hook)
    except RecursionError as exc:
        raise ValueError("JSON nested too deeply") from exc


def _strict_int(digits: str) -> int:
    if len(digits.lstrip("-")) > 4000:
        raise ValueError(f"a number of {len(digits.lstrip('-')):,} digits (too long to read)")
    return int(digits)


def parse_json_line(text: str, duplicates: dict[int, list[str]] | None = None,
                    long_ints: bool = True) -> Any:
    """One line of JSON Lines, read as :func:`loads_bounded` reads it (the nesting
    limit; an integer too long for Python kept as its digits, or, without
    ``long_ints``, refused). Every failure is one ``ValueError`` whose message is the
    whole reason, with the column (never a ``RecursionError`` or a traceback): the
    one parser of a JSON line for ``run``, ``code`` and the output readers.

    >>> parse_json_line('{"n": ' + "7" * 4301 + '}')["n"][:3]
    '777'
    >>> for bad in ('{"text": "cut', "[" * 100 + "]" * 100, '{"n": ' + "7" * 4301 + '}'):
    ...     try:
    ...         parse_json_line(bad, long_ints=False)
    ...     except ValueError as exc:
    ...         print(exc)
    Unterminated string starting at column 10
    JSON nested deeper than 64 levels
    a number of 4,301 digits (too long to read)
    """
    try:
        return loads_bounded(text, duplicates, long_ints)
    except json.JSONDecodeError as exc:
        raise ValueError(json_error(exc, one_line=True)) from None


def _pairs_hook(duplicates: dict[int, list[str]]) -> Callable[[list[tuple[str, Any]]], dict[str, Any]]:
    def hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        obj = dict(pairs)
        if len(obj) < len(pairs):
            seen: set[str] = set()
            twice: list[str] = []
            for k, _ in pairs:
                if k in seen and k not in twice:
                    twice.append(k)
                seen.add(k)
            duplicates[id(obj)] = twice
        return obj
    return hook


def json_error(exc: json.JSONDecodeError, one_line: bool = False) -> str:
    """The whole reason a JSON text failed to parse, with where: Python's message ends
    with "at" before its position, which ``exc.msg`` leaves out. ``one_line``: the text
    is one line of a file whose line number is said already (JSON Lines), so only the
    column is given (the line too where the text held line breaks).

    >>> import json
    >>> try:
    ...     json.loads('{"text": "cut')
    ... except json.JSONDecodeError as exc:
    ...     print(json_error(exc, one_line=True)); print(json_error(exc))
    Unterminated string starting at column 10
    Unterminated string starting at line 1, column 10
    >>> try:
    ...     json.loads('{"a": 1} x')
    ... except json.JSONDecodeError as exc:
    ...     print(json_error(exc, one_line=True))
    Extra data at column 10
    """
    at = "" if exc.msg.endswith(" at") else " at"
    where = (f"column {exc.colno}" if one_line and exc.lineno == 1
             else f"line {exc.lineno}, column {exc.colno}")
    return f"{exc.msg}{at} {where}"


def duplicate_keys_note(keys: list[str]) -> str:
    """The note on an object that gives keys twice (``loads_bounded(..., duplicates)``)."""
    shown = ", ".join(repr(k[:40]) for k in keys[:5]) + (" ..." if len(keys) > 5 else "")
    return (f"duplicate key{'s' if len(keys) > 1 else ''} {shown} in one object: the last "
            "value given is used")
