"""Entity references in feeds and in pages that declare entities in a DOCTYPE.

A feed that names an external DTD (the stock RSS 0.91 Netscape DOCTYPE, an RSS 2.0 or Atom
``<!DOCTYPE … SYSTEM "…">``) is read by the XML parser with that DTD unread, so a reference
it cannot resolve ("Monday&mdash;killing") is skipped without a word: "Mondaykilling".
:func:`fix_feed_entities` therefore rewrites, before the feed parser sees the XML, every
HTML named reference ("&eacute;") to its numeric form ("&#xE9;"), which any XML parser
reads. It never expands an entity the document defines itself or one from outside: a
reference to one that is external ("&xxe;" naming a file), nested ("&lol9;") or too large
in all (a quadratic blow-up) is dropped, as is one no one defines, with one note.

:func:`drop_declared_entities` does the same for HTML pages: an HTML parser expands no
entity a DOCTYPE declares, so a reference to one would be left in the text as junk.
"""

from __future__ import annotations

import html.entities
import re
from collections import Counter
from dataclasses import dataclass, field

# XML's own entities, which every XML parser knows.
XML_PREDEFINED = frozenset({"amp", "lt", "gt", "quot", "apos"})
# HTML5's named references that end in ";" ("mdash" -> "—"), without the ";".
HTML_ENTITIES = {name[:-1]: text for name, text in html.entities.html5.items()
                 if name.endswith(";")}
# The most text the references to the document's own entities may add in all; past it
# none is expanded (50 KB referenced 5,000 times is a quadratic blow-up, not an article).
MAX_EXPANSION_CHARS = 1_000_000
# Entity names listed in a note.
NOTE_NAMES = 3

# What may come before the root element: a BOM, blanks, the XML declaration, processing
# instructions, comments, and the DOCTYPE.
_PROLOG_ITEM = re.compile(r"\s+|\ufeff|\xef\xbb\xbf|<\?.*?\?>|<!--.*?-->", re.S)
_DOCTYPE_OPEN = re.compile(r"<!DOCTYPE\b", re.I)
# Inside a DOCTYPE: quoted literals and comments are skipped; "[" opens the internal
# subset, "]>" closes it, and ">" outside it ends the DOCTYPE. One left open runs to the
# end (a single match, so that the scan stays linear): the DOCTYPE never ends.
_DOCTYPE_TOKEN = re.compile(r"'[^']*(?:'|\Z)|\"[^\"]*(?:\"|\Z)|<!--.*?(?:-->|\Z)|\]\s*>|[\[>]",
                            re.S)
_ENTITY_DECL = re.compile(
    r"<!ENTITY\s+(?!%)([^\s'\"<>%&;]+)\s+(?:(SYSTEM|PUBLIC)\b|'([^']*)'|\"([^\"]*)\")")
# A value that holds only text and character references ("&#160;", "Reuters").
_PLAIN_VALUE = re.compile(r"(?:[^&%<]|&#(?:x[0-9A-Fa-f]+|[0-9]+);)*")
# In the body: CDATA sections, comments and processing instructions are left whole; an
# entity reference with an ASCII name is looked at.
_BODY_TOKEN = re.compile(r"<!\[CDATA\[.*?(?:\]\]>|\Z)|<!--.*?(?:-->|\Z)|<\?.*?(?:\?>|\Z)"
                         r"|&([A-Za-z_:][A-Za-z0-9._:-]{0,200});", re.S)


@dataclass(slots=True)
class EntityFix:
    """What :func:`fix_feed_entities` changed."""

    html: int = 0  # HTML named references rewritten as numeric ones
    unexpanded: Counter[str] = field(default_factory=Counter)  # the document's own, dropped
    unknown: Counter[str] = field(default_factory=Counter)  # defined nowhere, dropped

    def note(self) -> str | None:
        """One warning for the document, or None when nothing was dropped."""
        parts = []
        if self.unexpanded:
            parts.append(f"{sum(self.unexpanded.values())} reference(s) to entities its DOCTYPE "
                         f"declares ({_names(self.unexpanded)}) dropped, not expanded "
                         "(external, nested or too large)")
        if self.unknown:
            parts.append(f"{sum(self.unknown.values())} reference(s) to entities neither XML "
                         f"nor HTML defines and it does not declare ({_names(self.unknown)}) "
                         "dropped")
        return "; ".join(parts) or None


def _names(counts: Counter[str]) -> str:
    names = sorted(counts, key=lambda n: (-counts[n], n))
    shown = ", ".join(f"&{n};" for n in names[:NOTE_NAMES])
    return shown + (f" and {len(names) - NOTE_NAMES} more" if len(names) > NOTE_NAMES else "")


def _doctype_end(text: str, start: int) -> tuple[int, int, int] | None:
    """Where the DOCTYPE opening at ``start`` ends, and where its internal subset starts
    and ends (equal when it has none); None when it never ends."""
    subset_start = -1
    for match in _DOCTYPE_TOKEN.finditer(text, start):
        token = match[0]
        if match.end() == len(text):
            return None
        if token == "[" and subset_start < 0:
            subset_start = match.end()
        elif token.startswith("]") and subset_start >= 0:
            return match.end(), subset_start, match.start()
        elif token == ">" and subset_start < 0:
            return match.end(), match.start(), match.start()
    return None


def split_doctype(text: str) -> tuple[int, str]:
    """Where the document's prolog ends (0 when it has no DOCTYPE) and the DOCTYPE's
    internal subset ("" when it has none)."""
    pos = 0
    while pos < len(text):
        item = _PROLOG_ITEM.match(text, pos)
        if item is not None and item.end() > pos:
            pos = item.end()
            continue
        if not _DOCTYPE_OPEN.match(text, pos):
            return 0, ""
        end = _doctype_end(text, pos)
        if end is None:
            return 0, ""
        return end[0], text[end[1]:end[2]]
    return 0, ""


def declared_entities(subset: str) -> dict[str, str | None]:
    """The general entities an internal subset declares: name -> value, None for one that
    is external or whose value is not plain text (nested references, markup). The first
    declaration of a name is the one that holds (XML 1.0, section 4.2)."""
    found: dict[str, str | None] = {}
    for match in _ENTITY_DECL.finditer(subset):
        value = match[3] if match[3] is not None else match[4]
        plain = match[2] is None and value is not None and _PLAIN_VALUE.fullmatch(value)
        found.setdefault(match[1], value if plain else None)
    return found


def _expandable(body: str, declared: dict[str, str | None]) -> set[str]:
    """The declared names the parser may expand: plain values whose references add no
    more than :data:`MAX_EXPANSION_CHARS` in all."""
    plain = {name: value for name, value in declared.items() if value is not None}
    if not plain:
        return set()
    added = 0
    for match in _BODY_TOKEN.finditer(body):
        if match[1] in plain:
            added += len(plain[match[1]])  # type: ignore[arg-type]
            if added > MAX_EXPANSION_CHARS:
                return set()
    return set(plain)


def fix_feed_entities(data: bytes) -> tuple[bytes, EntityFix]:
    """``data`` (a feed's XML) with HTML named references made numeric and references
    to entities that are not expanded dropped, and what was done. Bytes are read as
    Latin-1, one character each, so any ASCII-compatible encoding comes back intact; a
    UTF-16 feed is left as it is."""
    fix = EntityFix()
    if b"&" not in data:
        return data, fix
    text = data.decode("latin-1")
    prolog_end, subset = split_doctype(text)
    declared = declared_entities(subset)
    body = text[prolog_end:]
    expandable = _expandable(body, declared)

    def swap(match: re.Match[str]) -> str:
        name = match[1]
        if name is None or name in XML_PREDEFINED or name in expandable:
            return match[0]
        if name in declared:
            fix.unexpanded[name] += 1
            return ""
        if name in HTML_ENTITIES:
            fix.html += 1
            return "".join(f"&#x{ord(c):X};" for c in HTML_ENTITIES[name])
        fix.unknown[name] += 1
        return ""

    body = _BODY_TOKEN.sub(swap, body)
    if not (fix.html or fix.unexpanded or fix.unknown):
        return data, fix
    return (text[:prolog_end] + body).encode("latin-1"), fix


def drop_declared_entities(page: str) -> tuple[str, str | None]:
    """``page`` (HTML) without references to the entities its DOCTYPE declares, which no
    HTML parser expands, and a note when there were any. An HTML named reference
    ("&nbsp;") is the HTML parser's to read, declared or not."""
    if "&" not in page or "<!" not in page[:200_000]:
        return page, None
    prolog_end, subset = split_doctype(page)
    declared = {name for name in declared_entities(subset)
                if name not in HTML_ENTITIES and name not in XML_PREDEFINED}
    if not declared:
        return page, None
    dropped: Counter[str] = Counter()

    def swap(match: re.Match[str]) -> str:
        if match[1] is None or match[1] not in declared:
            return match[0]
        dropped[match[1]] += 1
        return ""

    body = _BODY_TOKEN.sub(swap, page[prolog_end:])
    if not dropped:
        return page, None
    return page[:prolog_end] + body, (
        f"{sum(dropped.values())} reference(s) to entities the page's DOCTYPE declares "
        f"({_names(dropped)}) dropped, not expanded (an HTML reader expands none)")
