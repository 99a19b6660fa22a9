"""Markup nested too deep for the HTML parser, flattened before extraction.

libxml2 (under lxml, trafilatura and html-text) stops building a page's tree at 256
levels of nesting: an article inside 3,000 nested ``<table>``s, or divs and spans
nested thousands deep, is read as whatever stood above that level (a 2-word page).
:func:`bound_nesting` finds such a page (libxml2 says so while parsing) and rewrites it
with :func:`flatten_nesting`: a streaming pass (a tokenizer of bounded regular
expressions: no tree, no recursion, time linear in the page) that keeps every text and
drops the tags of containers nested below :data:`MAX_DEPTH` kept levels (a dropped block
becomes a line break); paragraphs and headings keep their tags down to
:data:`HARD_DEPTH`. Text is never dropped.

>>> deep = "<div>" * 400 + "<p>Talks resumed.</p>" + "</div>" * 400
>>> flat, depth = flatten_nesting(deep, 3)
>>> flat.count("<div>"), "<p>Talks resumed.</p>" in flat, depth
(3, True, 401)
"""

from __future__ import annotations

import logging
import re
from collections import Counter

from storyline.config import setting

log = logging.getLogger(__name__)

# libxml2's nesting limit (without XML_PARSE_HUGE): deeper elements are not parsed.
LIBXML_DEPTH = 256
# Containers below this many emitted levels lose their tags (their text stays).
MAX_DEPTH = int(setting("clean", "max_markup_depth", 100))
# Paragraph-like elements are kept below MAX_DEPTH, down to this level (under libxml2's).
HARD_DEPTH = min(2 * MAX_DEPTH, LIBXML_DEPTH - 56)

VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                  "param", "source", "track", "wbr", "basefont", "bgsound", "frame", "keygen"})
# kept below MAX_DEPTH: they carry the article's paragraph structure, and cannot nest
# (or nest rarely); scripts and styles are leaves whose content is no text
KEEP = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "pre", "blockquote",
                  "script", "style", "noscript", "template", "title", "head", "body", "html"})
BLOCK = frozenset({"address", "article", "aside", "blockquote", "center", "dd", "details",
                   "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure",
                   "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup",
                   "hr", "li", "main", "menu", "nav", "ol", "p", "pre", "section", "table",
                   "tbody", "td", "tfoot", "th", "thead", "tr", "ul", "caption"})
# What a start tag closes when it is open at the top (HTML's optional end tags).
_CLOSES: dict[str, frozenset[str]] = {
    "li": frozenset({"li", "p"}),
    "dt": frozenset({"dt", "dd", "p"}), "dd": frozenset({"dt", "dd", "p"}),
    "td": frozenset({"td", "th"}), "th": frozenset({"td", "th"}),
    "tr": frozenset({"td", "th", "tr"}),
    "thead": frozenset({"td", "th", "tr", "thead", "tbody", "tfoot"}),
    "tbody": frozenset({"td", "th", "tr", "thead", "tbody", "tfoot"}),
    "tfoot": frozenset({"td", "th", "tr", "thead", "tbody", "tfoot"}),
    "option": frozenset({"option"}), "optgroup": frozenset({"option", "optgroup"}),
}
_P_ONLY = frozenset({"p"})


# A tag, comment or declaration; attribute values in quotes may hold ">" (each bounded,
# so that a quote left open costs a bounded scan, not the rest of the page).
_TOKEN = re.compile(
    r"""<!--.*?(?:-->|\Z)|<![^>]*>?|<\?[^>]*>?"""
    r"""|<(/?)([A-Za-z][^\s/>]{0,60})((?:[^>"']|"[^"]{0,4000}"|'[^']{0,4000}'){0,8000})>""",
    re.S)
# Elements whose content is text up to their own end tag (no tags inside).
RAW_TEXT = frozenset({"script", "style", "textarea", "title", "xmp", "iframe", "noembed",
                      "noframes"})
_RAW_END = {t: re.compile(rf"</{t}\s*>", re.I) for t in RAW_TEXT}


class _Flattener:
    def __init__(self, cap: int, hard: int) -> None:
        self.cap, self.hard = cap, hard
        self.out: list[str] = []
        self.stack: list[tuple[str, bool]] = []  # (tag, whether its tags are kept)
        self.open: Counter[str] = Counter()
        self.emitted = 0  # kept elements open: the nesting libxml2 will see
        self.deepest = 0

    def _pop(self) -> tuple[str, bool]:
        tag, kept = self.stack.pop()
        self.open[tag] -= 1
        self.emitted -= kept
        return tag, kept

    def feed(self, html: str) -> None:
        pos, n = 0, len(html)
        while pos < n:
            m = _TOKEN.search(html, pos)
            if m is None:
                self.out.append(html[pos:])
                return
            if m.start() > pos:
                self.out.append(html[pos:m.start()])
            pos = m.end()
            raw, tag = m.group(0), m.group(2)
            if tag is None:  # a comment, a declaration, a processing instruction
                if raw.startswith("<!") and not raw.startswith("<!--") and not self.out:
                    self.out.append(raw)  # the doctype
                continue
            tag = tag.lower()
            if m.group(1):
                self.end(tag)
            elif raw.endswith("/>") or tag in VOID:
                if self.emitted < self.hard:
                    self.out.append(raw)
            else:
                self.start(tag, raw)
                if tag in RAW_TEXT:
                    close = _RAW_END[tag].search(html, pos)
                    stop = close.start() if close else n
                    self.out.append(html[pos:stop])
                    pos = stop

    def start(self, tag: str, raw: str) -> None:
        closes = _CLOSES.get(tag, _P_ONLY if tag in BLOCK else None)
        while closes and self.stack and self.stack[-1][0] in closes:
            self._pop()  # implied end: no end tag written, the parser implies it too
        kept = self.emitted < self.cap or (tag in KEEP and self.emitted < self.hard)
        if kept:
            self.out.append(raw)
        elif tag in BLOCK:
            self.newline()
        self.stack.append((tag, kept))
        self.open[tag] += 1
        self.emitted += kept
        self.deepest = max(self.deepest, len(self.stack))

    def end(self, tag: str) -> None:
        if not self.open[tag]:
            return  # a stray end tag: parsers ignore it
        while self.stack:
            name, kept = self._pop()
            if name == tag:
                if kept:
                    self.out.append(f"</{tag}>")
                elif tag in BLOCK:
                    self.newline()
                return

    def newline(self) -> None:
        if not self.out or self.out[-1] != "\n":
            self.out.append("\n")


def flatten_nesting(html: str, cap: int = MAX_DEPTH, hard: int | None = None) -> tuple[str, int]:
    """``html`` with no more than ``cap`` levels of container elements (``hard`` for
    paragraphs and headings), and the deepest nesting it had. Every text is kept."""
    parser = _Flattener(cap, HARD_DEPTH if hard is None else max(hard, cap))
    parser.feed(html)
    return "".join(parser.out), parser.deepest


_XML_DECL = re.compile(r"^\s*<\?xml[^>]*>")


def too_deep(html: str) -> bool:
    """Whether libxml2 stops parsing ``html`` for its nesting (what it reads is cut)."""
    if html.count("<") < LIBXML_DEPTH:
        return False  # fewer tags than levels: it cannot nest that deep
    import lxml.etree
    import lxml.html

    parser = lxml.html.HTMLParser()
    try:
        lxml.etree.fromstring(_XML_DECL.sub("", html), parser)
    except Exception:  # lxml raises many kinds on odd pages: no verdict
        return False
    return any("Excessive depth" in e.message for e in parser.error_log)


def bound_nesting(html: str) -> tuple[str, str | None]:
    """``html`` unchanged, or flattened when it nests too deep for libxml2, with a note
    (a warning saying the page was degraded) in that case."""
    if not too_deep(html):
        return html, None
    flat, deepest = flatten_nesting(html)
    if too_deep(flat):  # markup our pass reads otherwise than libxml2: flatten it all
        flat, _ = flatten_nesting(html, cap=8, hard=16)
    return flat, (f"page markup nested {deepest:,} levels deep (the HTML parser stops at "
                  f"{LIBXML_DEPTH}): containers below level {MAX_DEPTH} flattened before "
                  "extraction, the page's layout degraded")


# Elements a browser never shows as the page's text: a <template>'s content is inert, an
# inline <svg> holds drawing labels and a <title> that is a tooltip, not the page's title,
# a <textarea> holds a form's default input (a comment box's prompt, a video's embed code).
INERT = ("template", "svg", "textarea")
_INERT_TAG = re.compile(r"<(/?)(" + "|".join(INERT) + r")\b((?:[^>\"']|\"[^\"]{0,4000}\""
                        r"|'[^']{0,4000}'){0,8000})>", re.I)
_SKIPPED = re.compile(r"<!--.*?(?:-->|\Z)|<(script|style)\b[^>]{0,8000}>.*?(?:</\1\s*>|\Z)",
                      re.S | re.I)


def drop_inert(html: str) -> str:
    """``html`` without its :data:`INERT` elements and their content, in one linear pass.

    Tags written inside comments, scripts and styles are not tags; an element never
    closed is kept (a page cut short loses no text).

    >>> drop_inert("<template><h1>Draft</h1></template><h1>Talks resume</h1>")
    '<h1>Talks resume</h1>'
    """
    if not re.search(r"<(?:" + "|".join(INERT) + r")\b", html, re.I):
        return html
    skipped = [(m.start(), m.end()) for m in _SKIPPED.finditer(html)]
    out: list[str] = []
    depth = 0
    kept_from = opened = 0
    k = 0
    for m in _INERT_TAG.finditer(html):
        while k < len(skipped) and skipped[k][1] <= m.start():
            k += 1
        if k < len(skipped) and skipped[k][0] <= m.start():
            continue  # inside a comment, a script or a style
        closing, attrs = m.group(1) == "/", m.group(3) or ""
        if closing:
            if depth == 0:
                continue
            depth -= 1
            if depth == 0:
                kept_from = m.end()
            continue
        if attrs.rstrip().endswith("/"):  # <svg ... />: nothing inside
            if depth == 0:
                out.append(html[kept_from:m.start()])
                kept_from = m.end()
            continue
        if depth == 0:
            out.append(html[kept_from:m.start()])
            opened = m.start()
        depth += 1
    out.append(html[opened:] if depth else html[kept_from:])
    return "".join(out)


# Elements whose content the HTML parser keeps as raw text (the markup of a frameset
# page's or a plugin's fallback, an old <xmp> or <plaintext>), so that tags and "&amp;"
# came out literally in the article: each is read as a <div>, its content as HTML.
FALLBACK_MARKUP = ("noframes", "noembed", "xmp", "plaintext")
_FALLBACK_TAG = re.compile(r"<(/?)(?:" + "|".join(FALLBACK_MARKUP) + r")(?=[\s/>])", re.I)


def open_raw_text(html: str) -> str:
    """``html`` with its :data:`FALLBACK_MARKUP` elements made ``<div>``s (tags inside
    comments, scripts and styles left as they are).

    >>> open_raw_text("<noframes><p>Talks resume &amp; end</p></noframes>")
    '<div><p>Talks resume &amp; end</p></div>'
    """
    if not _FALLBACK_TAG.search(html):
        return html
    skipped = [(m.start(), m.end()) for m in _SKIPPED.finditer(html)]
    out: list[str] = []
    kept_from = k = 0
    for m in _FALLBACK_TAG.finditer(html):
        while k < len(skipped) and skipped[k][1] <= m.start():
            k += 1
        if k < len(skipped) and skipped[k][0] <= m.start():
            continue  # inside a comment, a script or a style
        out.append(html[kept_from:m.start()])
        out.append(f"<{m.group(1)}div")
        kept_from = m.end()
    out.append(html[kept_from:])
    return "".join(out)


_PRE = re.compile(r"(<pre\b[^>]{0,2000}>)(.{1,400000}?)(</pre\s*>)", re.I | re.S)
_SOFT_BREAK = re.compile(r"(?<=\S)[ \t]*\r?\n[ \t]*(?=\S)")


def unwrap_pre(html: str) -> str:
    r"""``html`` with the hard-wrapped prose of its ``<pre>`` blocks (a wire story typed
    at 60 columns) joined into paragraphs: a single line break inside prose is a space,
    a blank line still ends a paragraph. A ``<pre>`` of code or a table (indented or
    aligned columns, short lines) is left as it is.

    >>> unwrap_pre("<pre>Troops shelled the border town of Metema on\nMonday, killing "
    ...            "40 civilians, officials said.\nThe African Union called for calm and"
    ...            "\nKenya offered talks.</pre>")
    '<pre>Troops shelled the border town of Metema on Monday, killing 40 civilians, officials said. The African Union called for calm and Kenya offered talks.</pre>'
    """
    if "<pre" not in html.lower():
        return html

    def fix(m: re.Match[str]) -> str:
        body = m.group(2)
        if "<" in body:
            return m.group(0)
        # the lines a wrap ended (not a paragraph's last line): prose of a steady width
        wrapped = [x for para in re.split(r"\n[ \t]*\n", body)
                   for x in [y for y in para.splitlines() if y.strip()][:-1]]
        prose = sum(1 for x in wrapped if 30 <= len(x.strip()) <= 100
                    and not re.search(r"\t| {3,}|[{};=]", x.strip()))
        if len(wrapped) < 2 or prose < 0.8 * len(wrapped) or any(
                x[:1] in " \t" for x in body.splitlines() if x.strip()):
            return m.group(0)
        return m.group(1) + _SOFT_BREAK.sub(" ", body) + m.group(3)

    return _PRE.sub(fix, html)


# An element with more attributes than this is no page's: libxml2 checks each attribute
# against those before it, so 100,000 of them took 86 seconds to parse (several parses a
# page). Those past the limit are dropped before extraction, with a note.
MAX_ATTRIBUTES = int(setting("clean", "max_attributes", 500))
_START_TAG = re.compile(r"<[A-Za-z][^\s/>]{0,60}")
_ATTRIBUTE = re.compile(r"""\s*[^\s"'>/=]+(?:\s*=\s*(?:"[^"]{0,4000}"|'[^']{0,4000}'|[^\s>]*))?|\s*/(?!>)""")


def bound_attributes(html: str, limit: int | None = None) -> tuple[str, str | None]:
    """``html`` unchanged, or with the attributes of each element past ``limit``
    (:data:`MAX_ATTRIBUTES`) dropped, and a note then. One linear pass; text is kept.

    >>> bound_attributes('<p a="1" b="2" c="3">Talks resumed.</p>', 2)[0]
    '<p a="1" b="2">Talks resumed.</p>'
    """
    cap = MAX_ATTRIBUTES if limit is None else limit
    if html.count("=") <= cap:
        return html, None  # too few attributes in the whole page
    out: list[str] = []
    kept_to = pos = 0
    dropped = elements = 0
    while (tag := _START_TAG.search(html, pos)) is not None:
        pos = tag.end()
        count = 0
        cut = None
        while (m := _ATTRIBUTE.match(html, pos)) is not None and m.end() > pos:
            count += 1
            if count == cap + 1:
                cut = pos
            pos = m.end()
        if cut is not None:
            out.append(html[kept_to:cut])
            kept_to = pos
            dropped += count - cap
            elements += 1
    if not elements:
        return html, None
    out.append(html[kept_to:])
    return "".join(out), (f"{dropped:,} attributes dropped from {elements:,} element"
                          f"{'s' if elements != 1 else ''} with more than {cap:,} (no page "
                          "needs them; they make the HTML parser crawl)")
