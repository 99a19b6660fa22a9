"""HTML pages: trafilatura for the body and metadata, htmldate for the date,
then our own pass over what trafilatura leaves (share prompts, related lists,
repeated captions, sign-up lines)."""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from storyline.clean.markup import (
    bound_attributes,
    bound_nesting,
    drop_inert,
    open_raw_text,
    unwrap_pre,
)
from storyline.clean.patterns import BOILERPLATE_LINE, DATE_ONLY_LINE, END_MARKER
from storyline.clean.text import normalise_line, undo_backslashes, unescape_text
from storyline.ingest.entities import drop_declared_entities
from storyline.text.words import word_count

if TYPE_CHECKING:
    import lxml.html

for _name in ("trafilatura", "htmldate", "charset_normalizer", "courlan"):
    logging.getLogger(_name).setLevel(logging.CRITICAL)


@dataclass(slots=True)
class HtmlExtract:
    body: str
    title: str | None
    sitename: str | None
    date: str | None  # ISO, from the page's own metadata or htmldate
    url: str | None
    tail: list[str]
    # what the page gave that could not be used as it was (markup nested too deep, a
    # date mark that is no real date): warnings for the run, naming the page's field
    notes: list[str] = field(default_factory=list)
    # YYYY-MM when the page gives only the month of publication (a URL path /2024/05/):
    # bounds of the date, not a day
    month: str | None = None


def extract_html(html: str, url: str | None = None) -> HtmlExtract:
    """Main text and metadata of an HTML page (never raises on bad markup).

    A page nested deeper than the HTML parser reads is flattened first
    (:func:`storyline.clean.markup.bound_nesting`), with a note.
    """
    import trafilatura

    html, declared = drop_declared_entities(html)
    html, crowded = bound_attributes(html)
    html, deep = bound_nesting(html)
    html = drop_inert(html)  # a <template>'s or an <svg>'s text is never the page's
    html = open_raw_text(html)  # a <noframes>'s markup is markup, not literal text
    html = unwrap_pre(html)  # a wire story hard-wrapped in a <pre>: one paragraph, not lines
    notes = [n for n in (declared, crowded, deep) if n]
    html = drop_oversized_title(html, notes)
    given_url = url
    doc = None
    try:
        doc = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_tables=True,
            favor_precision=False, deduplicate=False,
        )
    except Exception:  # trafilatura raises various lxml/parsing errors on broken pages
        doc = None
    body = ""
    title = sitename = date = None
    if doc is not None:
        body = getattr(doc, "text", None) or ""
        title = getattr(doc, "title", None)
        sitename = getattr(doc, "sitename", None)
        if sitename and re.fullmatch(r"(?:www\.)?[\w-]+(?:\.[\w-]+)+", sitename):
            sitename = None  # a bare host name is not the outlet's name
        url = url or getattr(doc, "url", None)
    if not body.strip():
        body = _fallback_text(html)
    body, tail = post_clean(body)
    if len(body.split()) < SHORT_EXTRACT_WORDS:
        body = _whole_page_body(html, body)
    if title:
        title = undo_backslashes(_as_shown(html, normalise_line(title)))
    if title and len(title) > _max_title():  # from a meta tag: no headline either
        said = f"is {len(title):,} characters long, not a headline"
        if not any(said in n for n in notes):  # (the <title> said so already: one warning)
            notes.append(f"the page's title {said} (over the title limit): left out")
        title = None
    if title:
        title = _uncut_title(html, title, sitename, url)
        title = _headline(html, title, url)
        title = _title_shown(html, title)
        body = _drop_leading_headline(body, title)
    if not given_url:
        # the page's own canonical link or og:url, resolved: trafilatura drops a relative
        # one and may take the <base href> for the page's address
        url = _canonical_url(html, notes) or url
    date = page_date(html, url, title, notes)
    month = None
    if date and len(date) == 7:  # only the month is known (see _htmldate)
        month, date = date, None
    return HtmlExtract(body=body, title=title, sitename=sitename, date=date, url=url, tail=tail,
                       notes=notes, month=month)


_LINK_TAG = re.compile(r"<(?:link|meta|base)\b[^>]{0,2000}>", re.I)
_ATTR = re.compile(r"""([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")


# The scheme that opens an absolute address ("https:", "javascript:", "data:").
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]{0,30}:")


def _canonical_url(html: str, notes: list[str]) -> str | None:
    """The page's own address when trafilatura found none: its canonical link, else its
    ``og:url``, resolved against ``<base href>`` when relative ("../2024/05/x.html",
    "//cdn.example.org/x"). A relative one with no absolute base to resolve it against
    is dropped, with a note."""
    from urllib.parse import urljoin

    from storyline.ingest.validate import clean_url

    base = None
    found: dict[str, str] = {}
    for tag in _LINK_TAG.findall(html[:200_000]):
        attrs = {m.group(1).lower(): next(g for g in m.groups()[1:] if g is not None)
                 for m in _ATTR.finditer(tag)}
        name = tag[1:5].lower()
        if name == "base" and attrs.get("href") and base is None:
            base = attrs["href"].strip()
        elif name == "link" and "canonical" in attrs.get("rel", "").lower().split():
            found.setdefault("canonical link", attrs.get("href", "").strip())
        elif name == "meta" and attrs.get("property", "").lower() == "og:url":
            found.setdefault("og:url", attrs.get("content", "").strip())
    absolute_base, _ = clean_url(base, "base") if base else (None, None)
    for what, href in found.items():
        if not href:
            continue
        try:
            resolved = urljoin(absolute_base, href) if absolute_base else href
        except ValueError:
            resolved = href
        url, note = clean_url(resolved, what)
        if url:
            return url
        if note:  # (a "javascript:" or "data:" address is not relative: no base helps)
            relative = not absolute_base and not _SCHEME.match(href)
            notes.append(note + (" (relative, and the page gives no base to resolve it)"
                                 if relative else ""))
    return None


# Below this many words trafilatura has likely missed the article (it kept a slogan or a
# teaser): the page's whole text goes through the plain-text cleaner instead, and its body
# is taken when it is longer (benchmarks/html_extract.py).
SHORT_EXTRACT_WORDS = 60


_TITLE_ELEMENT = re.compile(r"<title\b[^>]*>(.*?)</title\s*>", re.I | re.S)


def _max_title() -> int:
    from storyline.ingest.validate import MAX_TITLE_CHARS

    return MAX_TITLE_CHARS


def drop_oversized_title(html: str, notes: list[str]) -> str:
    """``html`` without a ``<title>`` longer than a title may be (the JSON Lines limit,
    2,000 characters), with a note: keyword stuffing or a pasted text is no headline,
    and the whole-page text of a short page, which opens with the ``<title>``, copied
    it into the body (a 52 KB title repeating "Border clash" gave 3,964 events).

    >>> notes = []
    >>> drop_oversized_title("<title>" + "Port strike " * 200 + "</title><p>Talks.</p>", notes)
    '<p>Talks.</p>'
    >>> notes  # doctest: +ELLIPSIS
    ["the page's <title> is 2,399 characters long, not a headline ...: left out"]
    """
    if "<title" not in html[:200_000].lower():
        return html
    limit = _max_title()
    out: list[str] = []
    last = 0
    for m in _TITLE_ELEMENT.finditer(html):
        size = len(normalise_line(unescape_text(m.group(1))))
        if size > limit:
            notes.append(f"the page's <title> is {size:,} characters long, not a headline "
                         "(over the title limit): left out")
            out.append(html[last:m.start()])
            last = m.end()
    return "".join(out) + html[last:] if out else html


def _whole_page_body(html: str, body: str) -> str:
    from storyline.clean.text import clean_text

    try:
        import html_text

        page = html_text.extract_text(html, guess_layout=True)
    except Exception:  # lxml may raise on odd markup: keep what trafilatura gave
        return body
    alt = clean_text(page).body
    return alt if len(alt.split()) > len(body.split()) else body


def _fold(s: str) -> str:
    return re.sub(r"\W+", " ", s).strip().casefold()


def _h1_texts(html: str) -> list[str]:
    try:
        import lxml.html

        root = lxml.html.fromstring(html)
    except Exception:
        return []
    out = []
    for h in root.iter("h1"):
        t = normalise_line(h.text_content())
        if 2 <= len(t.split()) <= 40:
            out.append(t)
    return out[:5]


def _headline(html: str, title: str, url: str | None = None) -> str:
    """The headline as the page shows it (its <h1>) when the metadata title is that
    headline with a site name or a slide name added, or reworded for social media."""
    t = _fold(title)
    tw = set(t.split())
    page_title = _title_segments(html)
    if len(page_title) >= 2 and t in {_fold(x) for x in page_title} and _is_site_name(html, title, url):
        # The title found is the site's name (a blog's h1): the headline is the other,
        # longest part of the page's <title> ("Blog Archive » Headline | Site").
        rest = [x for x in page_title if _fold(x) != t and not _BLOG_CHROME.fullmatch(x)]
        if rest:
            return max(rest, key=len)
    for h in _h1_texts(html):
        f = _fold(h)
        hw = set(f.split())
        if not hw or f == t or (len(tw) >= 3 and t in f):
            return title  # the h1 adds a section kicker or a subtitle: keep the title
        if t.startswith(f + " ") and len(hw) >= 2:
            return h  # "Headline | Site" or "Headline - slide name"
        if t.endswith(" " + f) and len(hw) >= 3:
            return h  # "Section: Headline"
        common = len(hw & tw)
        if len(tw) >= 4 and common >= 0.7 * len(hw) and common >= 0.7 * len(tw):
            return h  # the same headline, reworded (the page shows the h1)
    if len(tw) <= 1:  # a CMS name or a single word is not a headline
        hs = _h1_texts(html)
        if hs:
            return hs[0]
    return title


# Headings looked at when the found title and the page's <title> disagree.
SHOWN_HEADINGS_MAX = 40
SHOWN_SEGMENT_MIN_WORDS = 3
# A <title> segment this short may be a name (a site's, a tag's); a longer one is a headline.
NAME_MAX_WORDS = 3
_SEGMENT_SEP = re.compile(r"\s+(?:[|»•·:/]|::|-|–|—)\s+")


def _headings(html: str) -> list[tuple[str, str]]:
    """(tag, text) of the page's h1-h3 headings in page order, then its og:title ("og")."""
    root = _parse(html)
    if root is None:
        return []
    out = [(str(h.tag), normalise_line(h.text_content()))
           for h in root.iter("h1", "h2", "h3")][:SHOWN_HEADINGS_MAX]
    out += [("og", normalise_line(m.get("content") or "")) for m in root.iter("meta")
            if m.get("property") == "og:title"][:1]
    return [(tag, h) for tag, h in out if h]


def _title_shown(html: str, title: str) -> str:
    """The headline the page shows when the title found is not it.

    The evidence is agreement: the page's <title> holds the headline as one segment
    ("Headline | Site", "Site » Blog Archive » Headline"), and the page shows that
    segment as a heading too. When the title found is another segment of at most three
    words (a blog's name in its h1, "Harbour Notes"; a tag, "Port Authority") or shares
    no word with the <title> (a sidebar's heading, "Contact us"), the longest segment
    the page shows as a heading (or a heading that starts with it, for a cut <title>) is
    the headline. Example: <title>Ferry talks resume after strike | Harbour Notes</title>
    with <h1>Harbour Notes</h1> and <h2>Ferry talks resume after strike</h2> gives the
    h2."""
    m = re.search(r"<title[^>]*>(.*?)</title>", html[:200_000], re.I | re.S)
    if not m:
        return title
    from html import unescape

    segs = [x.strip() for x in _SEGMENT_SEP.split(normalise_line(unescape(m.group(1)))) if x.strip()]
    t = _fold(title)
    folded = [_fold(x) for x in segs]
    in_title = set(" ".join(folded).split())
    if t in folded and len(segs) >= 2 and len(t.split()) <= NAME_MAX_WORDS:
        shorter_than = len(t.split())
    elif not set(t.split()) & in_title:
        shorter_than = 0
    else:
        return title
    heads = [(tag, h, _fold(h)) for tag, h in _headings(html)]
    # A segment shown in a lesser heading (h2, h3: a sidebar's, a teaser's) replaces a
    # segment found only when that one is itself shown as a heading (a blog's name in its h1).
    found_shown = shorter_than == 0 or any(fh == t for _tag, _h, fh in heads)
    for seg in sorted(segs, key=lambda x: -len(x.split())):
        f = _fold(seg)
        n = len(f.split())
        if f == t or n < SHOWN_SEGMENT_MIN_WORDS or n <= shorter_than:
            continue
        for tag, h, fh in heads:
            if (tag in ("h1", "og") or found_shown) and (
                    fh == f or (n >= 4 and fh.startswith(f + " ") and len(fh.split()) <= 40)):
                return h
    return title


_TITLE_SEP = re.compile(r"\s+(?:[|»•·:]|::|-|–|—)\s+")


def _uncut_title(html: str, title: str, sitename: str | None, url: str | None) -> str:
    """The page's whole <title> where trafilatura cut it at a spaced dash and the
    part it dropped is no site name but the headline going on ("Café clash — “Gedaref”"
    was "Café clash"); else ``title``."""
    m = re.search(r"<title[^>]*>(.*?)</title>", html[:200_000], re.I | re.S)
    if not m:
        return title
    from html import unescape

    whole = normalise_line(unescape(m.group(1))).strip()
    if not whole.startswith(title) or len(whole) > 400:
        return title
    sep = _TITLE_SEP.match(whole, len(title))
    rest = whole[sep.end():].strip() if sep and sep.group().strip() in "-–—" else ""
    if not rest or rest.lower().startswith("the ") or _TITLE_SEP.search(rest) or (sitename and _fold(rest) == _fold(sitename)):
        return title
    first = rest[0]
    goes_on = first in "\"'“‘«„‚" or first.isdigit() or (first.isalpha() and first.islower())
    if not goes_on or _is_site_name(html, rest.strip("\"'“”‘’«»„‚"), url):
        return title
    return whole
_BLOG_CHROME = re.compile(r"(?i)blog[- ]?archi(?:v|ve)|home|startseite|news|blog")


def _is_site_name(html: str, name: str, url: str | None) -> bool:
    """Whether ``name`` is the site's own name: its og:site_name, or a name the site's
    host is part of ("Four Years Remaining" on fouryears.eu)."""
    from urllib.parse import urlparse

    key = re.sub(r"[^a-z0-9]", "", name.casefold())
    m = re.search(r'<meta[^>]+property=["\']og:site_name["\'][^>]+content=["\']([^"\']+)', html[:200_000], re.I)
    if m and re.sub(r"[^a-z0-9]", "", m.group(1).casefold()) == key:
        return True
    if not url:
        m = re.search(r'<link[^>]+rel=["\']canonical["\'][^>]+href=["\'](https?://[^"\']+)', html[:200_000], re.I)
        url = m.group(1) if m else None
    try:
        host = (urlparse(url).hostname or "") if url else ""
    except ValueError:  # a malformed canonical link ("http://[oops/")
        host = ""
    parts = [p for p in host.removeprefix("www.").split(".")[:-1] if len(p) >= 4]
    return any(re.sub(r"[^a-z0-9]", "", p) in key for p in parts)


def _title_segments(html: str) -> list[str]:
    """The page's <title> cut at its spaced separators."""
    m = re.search(r"<title[^>]*>(.*?)</title>", html[:200_000], re.I | re.S)
    if not m:
        return []
    from html import unescape

    text = normalise_line(unescape(m.group(1)))
    return [x.strip() for x in _TITLE_SEP.split(text) if x.strip()]


def _drop_leading_headline(body: str, title: str) -> str:
    """trafilatura often repeats the headline as the first body line: take it off (twice
    at most: the whole page's text, taken for a short page, opens with the page's
    <title> and then its <h1>)."""
    t = _fold(title)
    for _ in range(2):
        first, sep, rest = body.partition("\n")  # (one newline after it in some pages)
        f = _fold(first)
        # the whole title, in any script ("苏丹炮击" is one word of four letters), or
        # its first words
        if not (sep and f and rest.strip()) or not (
                (f == t and len(f) >= 4) or (len(f.split()) >= 2 and t.startswith(f + " "))):
            break
        body = rest.lstrip("\n")
    return body


def page_date(html: str, url: str | None, title: str | None = None,
              notes: list[str] | None = None) -> str | None:
    """The publication date of the page: the date the article shows under its headline
    (its byline or date line, not the scrape-date header above it, not an "updated"
    date), else htmldate's reading of the page (original, not last modified)."""
    found = marked_published(html, notes) or _htmldate(html, url)
    chunks = _text_after_headline(html, title) if title else None
    if chunks:
        from storyline.clean.dates import byline_date

        prefer = dt.date.fromisoformat(found) if found and len(found) == 10 else None
        shown = byline_date(chunks, prefer=prefer)
        if shown is not None:
            return shown.isoformat()
    return found


# Markup that names the article's own publication date (not its update), as an attribute
# of the element that shows it, with the name a warning gives it. Examples: <time
# class="entry-date published" datetime="2019-02-10T09:30">, <span itemprop="datePublished"
# content="2018-06-22">, <meta property="article:published_time" content="2022-05-06T02:00:00Z">.
PUBLISHED_MARKUP = (
    ("time.published", "//time[contains(concat(' ', normalize-space(@class), ' '), ' published ')]/@datetime"),
    ("datePublished", "//*[@itemprop='datePublished']/@datetime"),
    ("datePublished", "//*[@itemprop='datePublished']/@content"),
    ("article:published_time", "//meta[@property='article:published_time']/@content"),
)
# The earliest year a page's date mark is taken for (earlier ones are placeholders).
MIN_MARKED_YEAR = 1900


def marked_published(html: str, notes: list[str] | None = None) -> str | None:
    """The publication date the page's markup names for the article (YYYY-MM-DD), when
    every such mark agrees on it; None when there is none or they disagree. A mark that
    is no real date or time is left out, with a note naming it (in ``notes``)."""
    from storyline.clean.timestamps import parse_timestamp

    root = _parse(html)
    if root is None:
        return None
    found: set[str] = set()
    for name, xp in PUBLISHED_MARKUP:
        try:
            values = root.xpath(xp)
        except Exception:  # lxml rejects an odd tree: no mark read
            continue
        for v in values[:3]:
            d, reason = parse_timestamp(str(v))
            if d is None:
                if reason and notes is not None:
                    shown = str(v).strip()
                    shown = shown if len(shown) <= 40 else shown[:40] + "…"
                    notes.append(f"page date mark {name} {shown!r} treated as absent: {reason}")
                continue
            if d.year >= MIN_MARKED_YEAR:
                found.add(d.isoformat())
    if len(found) == 1:
        day = found.pop()
        return day if day <= dt.date.today().isoformat() else None
    return None


def _parse(html: str) -> lxml.html.HtmlElement | None:
    import lxml.html

    try:
        return lxml.html.fromstring(re.sub(r"^\s*<\?xml[^>]*>", "", html))
    except Exception:  # empty or broken markup
        return None


_NO_TEXT = {"script", "style", "noscript", "template", "svg"}

# A character reference after the HTML parser's decoding (``html.unescape``'s own pattern)
_CHARREF = re.compile(r"&(#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[^\t\n\f <&#;]{1,32};?)")
# An escaped "&" before a name or "#" in the markup: a text that shows an entity
_SHOWN_ENTITY = re.compile(r"&(?:amp|#0*38|#[xX]0*26);[#A-Za-z]")


def _as_shown(page: str, title: str) -> str:
    """``title`` as the page shows it. trafilatura decodes the entities of its metadata
    once more than the HTML parser did, so a page that shows "&lt;script&gt;" (written
    ``&amp;lt;script&amp;gt;``) had the title "<script>": the text of the page's
    ``<title>``, meta tags or headings that decodes to ``title`` is taken instead.

    >>> _as_shown("<title>Why &amp;lt;b&amp;gt; tags | Wire</title>", "Why <b> tags")
    'Why &lt;b&gt; tags'
    >>> _as_shown("<title>Tom &amp; Jerry</title>", "Tom & Jerry")
    'Tom & Jerry'
    """
    if not _SHOWN_ENTITY.search(page):
        return title  # nothing on the page shows an entity: decoding twice changed nothing
    root = _parse(page)
    if root is None:
        return title
    texts = [el.text_content() for el in root.iter("title", "h1", "h2", "h3")]
    texts += [m.get("content") or "" for m in root.iter("meta")]
    for text in texts:
        shown = normalise_line(text)
        found = _undecoded(shown, title) if _CHARREF.search(shown) else None
        if found is not None:
            return found
    return title


def _undecoded(shown: str, title: str) -> str | None:
    """The part of ``shown`` that ``html.unescape`` turns into ``title``, or None."""
    import html as html_lib

    pieces: list[tuple[str, str]] = []  # (as shown, decoded)
    pos = 0
    for m in _CHARREF.finditer(shown):
        pieces.extend((c, c) for c in shown[pos:m.start()])
        pieces.append((m.group(), html_lib.unescape(m.group())))
        pos = m.end()
    pieces.extend((c, c) for c in shown[pos:])
    at = "".join(d for _, d in pieces).find(title)
    if at < 0:
        return None
    out: list[str] = []
    k = 0
    for raw, dec in pieces:
        if at <= k and k + len(dec) <= at + len(title):
            out.append(raw)
        elif k < at + len(title) and k + len(dec) > at:
            return None  # the title starts or ends inside a decoded reference
        k += len(dec)
    return "".join(out)


def _text_after_headline(html: str, title: str, max_chars: int = 2000) -> list[str] | None:
    """The page's text pieces in reading order after the element that shows ``title``
    (an h1 or h2 with that text), or None when no such element is found."""
    root = _parse(html)
    if root is None:
        return None
    target = _fold(title)
    tw = set(target.split())
    anchor = None
    for el in root.iter("h1", "h2"):
        f = _fold(el.text_content())
        if not f:
            continue
        fw = set(f.split())
        if f == target or (len(tw) >= 3 and (target in f or len(fw & tw) >= 0.8 * max(len(tw), len(fw)))):
            anchor = el
            break
    if anchor is None:
        return None
    chunks: list[str] = []
    total = 0
    started = False
    for el in root.iter():
        if el is anchor:
            started = True
            if el.tail and el.tail.strip():
                chunks.append(el.tail)
            continue
        if not started or anchor in el.iterancestors():
            continue
        tag = el.tag if isinstance(el.tag, str) else ""
        ancestors = {a.tag for a in el.iterancestors() if isinstance(a.tag, str)}
        outer_hidden = bool(ancestors & _NO_TEXT)
        hidden = outer_hidden or tag in _NO_TEXT or not tag
        in_link = "a" in ancestors
        for text, linked in ((None if hidden else el.text, in_link or tag == "a"),
                             (None if outer_hidden else el.tail, in_link)):
            if not text or not text.strip():
                continue
            # Links name other pages ("Dashboard 20 April 2022" in a sidebar); a link that
            # is only a date is the article's own permalink date, as blogs show it.
            if linked and not _date_only(text):
                continue
            chunks.append(text)
            total += len(text)
        if total > max_chars:
            break
    return chunks


def _date_only(text: str) -> bool:
    from storyline.clean.dates import shown_dates

    found = shown_dates(text)
    return bool(found) and sum(e - b for _d, b, e in found) >= 0.5 * len(text.strip())


def _htmldate(html: str, url: str | None) -> str | None:
    try:
        from htmldate import find_date

        found = find_date(html, url=url, original_date=True, extensive_search=True,
                          max_date=dt.date.today().isoformat())
    except Exception:  # htmldate is defensive but lxml may still raise on odd input
        return None
    if found and found.endswith("-01-01") and found not in html and found[:4] + "/01/01" not in html:
        return None  # a year alone (a copyright line) guessed as 1 January
    if found and found.endswith("-01") and not _day_shown(html, found):
        return found[:7]  # a month alone (a URL path /2024/05/) guessed as its 1st: YYYY-MM
    return found


def _day_shown(html: str, iso: str) -> bool:
    """Whether the page writes the day ``iso`` (YYYY-MM-DD) somewhere, in digits or in
    words, rather than htmldate having made a month into its first day."""
    from storyline.clean.dates import shown_dates

    y, m, d = iso.split("-")
    if any(form in html for form in (iso, f"{y}/{m}/{d}", f"{y}{m}{d}", f"{d}.{m}.{y}",
                                     f"{d}/{m}/{y}", f"{y}/{m}/{int(d)}/")):
        return True
    text = re.sub(r"<[^>]{0,2000}>", " ", html[:500_000])
    day = dt.date.fromisoformat(iso)
    return any(found == day for found, _, _ in shown_dates(text))


def _fallback_text(html: str) -> str:
    """Plain text of a fragment (feed items) when trafilatura finds no main content."""
    try:
        import lxml.html

        root = lxml.html.fromstring(html)
    except Exception:
        return ""
    for bad in root.xpath("//script|//style|//noscript"):
        bad.drop_tree()
    parts = []
    for el in root.iter("p", "h2", "h3", "li", "blockquote"):
        t = normalise_line(el.text_content())
        if t:
            parts.append(t)
    if not parts:
        parts = [normalise_line(root.text_content())]
    return "\n".join(parts)


_CAPTION_DUP_MIN_WORDS = 6
_BARE_URL = re.compile(r"^(?:https?://|www\.)\S+$")
_SENTENCE_END = re.compile(r"[.!?\"”»।。！？]$")


def _trailing_chrome(line: str) -> bool:
    """A short trailing line that is a link to elsewhere, not part of the article."""
    if _BARE_URL.match(line):
        return True
    if word_count(line) >= 8 or _SENTENCE_END.search(line):
        return False
    item = line[2:] if line.startswith(("- ", "* ", "• ")) else line
    return not (re.search(r"\d|:", item) or item[:1].islower())


def post_clean(body: str) -> tuple[str, list[str]]:
    """Remove chrome trafilatura lets through; return the body and the removed tail."""
    lines = [normalise_line(x) for x in body.split("\n")]
    lines = [x for x in lines if x]
    out: list[str] = []
    tail: list[str] = []
    seen: set[str] = set()
    for i, line in enumerate(lines):
        if END_MARKER.match(line) and len(out) >= 2:
            tail = lines[i:]
            break
        if BOILERPLATE_LINE.match(line) or DATE_ONLY_LINE.match(line):
            continue
        if line in seen and word_count(line) >= _CAPTION_DUP_MIN_WORDS:
            continue
        seen.add(line)
        out.append(line)
    # Trailing short lines without punctuation after the last paragraph: link lists
    # (headlines of other stories) and bare addresses. Stop at anything that looks like
    # content in a list, table or code block: numbers (nutrition facts, phone numbers,
    # stats), a "label: value" line, a lower-case start (commands, continuations).
    while len(out) > 2 and _trailing_chrome(out[-1]):
        tail.insert(0, out.pop())
    return "\n\n".join(unescape_text(x) if "\\" in x else x for x in out), tail
