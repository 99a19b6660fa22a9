"""Cleaning plain text that still carries web leftovers.

Text saved from a web page keeps its chrome: a page header with the scraping
date, the headline twice (escaped and not), section menus, related-article
lists with dates, photo captions repeated, sign-up and follow prompts, comment
forms, share widgets and syndication disclaimers. This module splits the page
into blocks (non-empty lines), classifies each, finds the article body as the
best-scoring run of prose blocks (a maximum-subarray search, as in Finn et
al.'s body text extraction), and returns the body with the header and footer
lines it set aside, so metadata readers can look at them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from storyline.clean.patterns import (
    BOILERPLATE_LINE,
    BRACKETED_NOTE,
    CAPTION_DATE_LABEL,
    COMMENT_START,
    CREDIT_LINE,
    DATE_ONLY_LINE,
    DATELINE_AGENCY_LINE,
    END_MARKER,
    GLUED_CREDIT,
    ISSUE_LINE,
    MASTHEAD_MAX_WORDS,
    MONTHS,
    NEWSLETTER,
    PHOTO_CREDIT_END,
    PICTURE_CREDIT,
    TERMINAL_PUNCT,
    TITLE_RUN,
    WIRE_DATELINE,
    WIRE_STAMP,
)
from storyline.text.words import word_count

log = logging.getLogger(__name__)

FUNCTION_WORDS = frozenset(
    ["the", "a", "an", "of", "in", "on", "at", "to", "for", "with", "from", "by", "and", "or", "but", "as", "that", "which", "who", "whose", "its", "their", "his", "her", "our", "your", "this", "these", "those", "than", "into", "over", "under", "about", "between"]
)


@dataclass(slots=True)
class Block:
    text: str
    index: int
    words: int
    kind: str = "?"  # prose, headline, date, boiler, caption, end, short, damaged


@dataclass(frozen=True, slots=True)
class WireHeader:
    """A wire page header taken off the first paragraph: "CITY | date time TZ CITY (Agency) -"."""

    text: str  # the header as it stood
    place: str | None  # the dateline place, as written ("GALLIANO , Louisiana")
    agency: str | None  # "Reuters"
    date: dt.date | None  # the stamp's date, a candidate publication date


@dataclass(slots=True)
class CleanResult:
    body: str
    title: str | None
    head: list[str] = field(default_factory=list)  # lines before the body
    tail: list[str] = field(default_factory=list)  # lines after the body
    removed: list[str] = field(default_factory=list)  # lines dropped inside the body
    wire: WireHeader | None = None  # the wire header taken off the body, if any
    fallback: bool = False  # no run of prose found: the body is the page's best block


_BACKSLASH_ESCAPE = re.compile(r"\\([\\,'\"`;:!?&()\[\]])")
_SPACES = re.compile(r"[ \t\u00a0\u2009\u202f]+")


def undo_backslashes(s: str) -> str:
    """Undo the backslash escapes scrapers leave: ``Turkey\\, Russia`` is "Turkey, Russia"."""
    return _BACKSLASH_ESCAPE.sub(r"\1", s)


def unescape_text(s: str) -> str:
    """Undo backslash escapes and HTML entities left by scrapers: ``Turkey\\, Russia``."""
    s = undo_backslashes(s)
    if "&" in s:
        s = html.unescape(s)
    return s


def normalise_line(s: str) -> str:
    return _SPACES.sub(" ", s).strip()


def _ends_with_punct(s: str) -> bool:
    return bool(TERMINAL_PUNCT.search(s))


def _last_word(s: str) -> str:
    m = re.search(r"([A-Za-z']+)\W*$", s)
    return m.group(1).lower() if m else ""


_TOKENISED_SLASH = re.compile(r"\\/")


def _tidy_wire_place(place: str | None) -> str | None:
    if not place:
        return None
    place = _TOKENISED_SLASH.sub("/", place)
    place = re.sub(r"\s+,", ",", place).strip(" ,")
    return place or None


def read_wire_header(line: str) -> tuple[WireHeader | None, str, str]:
    """Take a wire page header off the first paragraph.

    Returns (header, text before the header such as a byline or a repeated headline, the
    paragraph after the header). Without a header the line comes back whole as the last
    item. Only a stamp with a time ("Mon Mar 21, 2011 3:56 pm EDT") within the first
    250 characters counts: a date in running text has no clock time and weekday."""
    m = WIRE_STAMP.search(line, 0, 400)
    if m is None or m.start() > 250:
        return None, "", line
    before = line[: m.start()].strip()
    if before.endswith(("|", "/")):
        # "June 3 |", "VENICE , La.\/HOUSTON |": the stamp's own place, in a form the
        # place pattern does not take; it is header, not a line of its own.
        before = ""
    d = None
    if m["year"]:
        try:
            d = dt.date(int(m["year"]), MONTHS[m["mon"].rstrip(".").lower()], int(m["day"]))
        except (ValueError, KeyError):
            d = None
    dl = WIRE_DATELINE.match(line, m.end())
    if dl is not None:
        place = dl["place"] or m["stamp_place"]
        agency = dl["agency"].strip()
        end = dl.end()
    elif m["stamp_place"] is not None:
        place, agency, end = m["stamp_place"], None, m.end()
    else:
        return None, "", line
    header = WireHeader(text=line[m.start() : end].strip(), place=_tidy_wire_place(place),
                        agency=agency, date=d)
    return header, before, line[end:].strip()


_DIGITS = re.compile(r"\d+")
_NON_WORD = re.compile(r"[^\w]+")


def line_key(line: str) -> str:
    """A line's shape for repetition counts: case, digits, spacing and punctuation folded, so
    "May 24 , 2010 6:19 pm -- Report as abuse" recurs whatever the time stamp."""
    k = _NON_WORD.sub(" ", _DIGITS.sub("0", normalise_line(line).casefold())).strip()
    return hashlib.blake2b(k.encode("utf-8"), digest_size=8).hexdigest()


def first_line_key(line: str) -> str:
    """A document's first line as :class:`RepetitionCounter` counts it apart: digits kept,
    so that serial headlines ("Sahel report 1", "Sahel report 2") are different lines and
    a masthead every page starts with is one. Never equal to a :func:`line_key`.

    >>> first_line_key("Sahel report 1") == first_line_key("SAHEL report 1 ")
    True
    >>> first_line_key("Sahel report 1") == first_line_key("Sahel report 2")
    False
    """
    return _digits_kept_key("first:", line)


def exact_line_key(line: str) -> str:
    """A line as the records of one input (JSON Lines items, a JSON array's items) repeat
    it: case, spacing and punctuation folded, digits kept, so that "Rebels shelled village
    1" and "... village 2" are two lines. Never equal to a :func:`line_key`.

    >>> exact_line_key("Rebels shelled village 1.") == exact_line_key("rebels  shelled village 1")
    True
    >>> exact_line_key("Rebels shelled village 1.") == exact_line_key("Rebels shelled village 2.")
    False
    """
    return _digits_kept_key("exact:", line)


def _digits_kept_key(prefix: str, line: str) -> str:
    """A line's key with case, spacing and punctuation folded and digits kept."""
    k = _NON_WORD.sub(" ", normalise_line(line).casefold()).strip()
    return prefix + hashlib.blake2b(k.encode("utf-8"), digest_size=8).hexdigest()


# In the recurring lines of an input of records (:class:`RepetitionCounter` with
# ``exact``): a mark that a line shape is theirs only where the line's own text recurs.
EXACT_MARK = "exact:"


def _is_sentence(line: str) -> bool:
    return word_count(line) >= 7 and _ends_with_punct(line)


# How often a line must recur across the documents of one input to be boilerplate. A
# line that reads as a sentence needs more: articles on one story share quotes and
# background paragraphs (agency copy), while menus, footers and comment furniture recur in
# most pages of an outlet.
REPEAT_MIN_DOCS = 3
REPEAT_SHARE_LINE = 0.02
REPEAT_SHARE_SENTENCE = 0.10
REPEAT_MIN_DOCS_SENTENCE = 5


# The documents whose first line's company is kept (:class:`RepetitionCounter`): memory
# stays bounded on a huge input (its first lines past these are judged as before).
FIRST_LINES_TRACKED = 5000


class RepetitionCounter:
    """Counts, over the documents of one input (a JSON Lines file, a folder of pages), in
    how many documents each line shape occurs. Memory grows with the distinct lines, not
    with the documents; only the hashed keys are kept.

    ``exact``: the documents are records with their own text (JSON Lines items, a JSON
    array's items), so a line shape recurs only where its text recurs word for word,
    digits included (:func:`exact_line_key`): 20,000 one-line reports "Rebels shelled
    village N on Monday." share one shape and are 20,000 reports, while a footer given
    with every record is still furniture. Its :meth:`boilerplate` holds, with each
    recurring shape, the exact keys of the lines that recur, and :data:`EXACT_MARK`."""

    def __init__(self, exact: bool = False) -> None:
        self.docs = 0
        self.counts: dict[str, int] = {}
        self.sentence: dict[str, bool] = {}
        self.first: dict[str, int] = {}  # first_line_key: in how many documents
        self.exact: dict[str, int] | None = {} if exact else None  # exact_line_key: docs
        self._shape: dict[str, str] = {}  # exact_line_key: its line_key
        # first_line_key: that line's line_key, and how many of the documents it opens
        # hold each other line (a masthead comes with the outlet's other furniture; a
        # headline three reports of one story open with comes alone)
        self._first_line: dict[str, str] = {}
        self._with_first: dict[str, dict[str, int]] = {}
        self._bodies: set[str] = set()

    def add(self, text: str) -> None:
        # a document saved several times (one article in five encodings, a page fetched
        # twice) is one document: its sentences are not furniture for recurring
        body = hashlib.blake2b(re.sub(r"\s+", " ", text).strip().encode("utf-8", "replace"),
                               digest_size=8).hexdigest()
        if body in self._bodies:
            return
        self._bodies.add(body)
        self.docs += 1
        seen: set[str] = set()
        lines = split_blocks(text)
        first = None
        if lines and len(lines[0]) >= 12:
            first = first_line_key(lines[0])
            self.first[first] = self.first.get(first, 0) + 1
            self._first_line[first] = line_key(lines[0])
        for line in lines:
            if len(line) < 12:
                continue  # "Share", "Home": the shape rules already know them
            k = line_key(line)
            if self.exact is not None:
                e = exact_line_key(line)
                if e not in seen:
                    seen.add(e)
                    self.exact[e] = self.exact.get(e, 0) + 1
                    self._shape.setdefault(e, k)
            if k in seen:
                continue
            seen.add(k)
            self.counts[k] = self.counts.get(k, 0) + 1
            if k not in self.sentence:
                self.sentence[k] = _is_sentence(line)
        if first is not None and (first in self._with_first
                                  or len(self._with_first) < FIRST_LINES_TRACKED):
            others = self._with_first.setdefault(first, {})
            for k in seen - {self._first_line[first]}:
                others[k] = others.get(k, 0) + 1

    def _enough(self, k: str, c: int) -> bool:
        """Whether ``c`` documents make the line shape ``k`` recur across the input."""
        if self.sentence.get(k):
            return c >= max(REPEAT_MIN_DOCS_SENTENCE, REPEAT_SHARE_SENTENCE * self.docs)
        return c >= max(REPEAT_MIN_DOCS, REPEAT_SHARE_LINE * self.docs)

    def boilerplate(self) -> frozenset[str]:
        n = self.docs
        out = {k for k, c in self.counts.items() if self._enough(k, c)}
        if self.exact is not None:
            texts = {e for e, c in self.exact.items() if self._enough(self._shape[e], c)}
            out = {self._shape[e] for e in texts}  # shapes whose text itself recurs
            if texts:
                out |= texts | {EXACT_MARK}
        # a first line that recurs word for word (a masthead, not a serial headline): its
        # own key, so that a file's first line is furniture only then
        for k, c in self.first.items():
            if c >= max(REPEAT_MIN_DOCS, REPEAT_SHARE_LINE * n):
                if self._opens_alone(k, c):
                    out.discard(self._first_line[k])  # their title, not furniture
                else:
                    out.add(k)
        return frozenset(out)

    def _opens_alone(self, first: str, c: int) -> bool:
        """Whether the ``c`` documents that open with the line ``first`` share no other
        line (in as many documents as make furniture) and hold it nowhere else: three
        reports of one wire story under its headline ("Floods cut the coastal road to
        Mopti"), which is their title. A masthead comes with the outlet's footer, menu or
        notice ("Sign up for our morning briefing.")."""
        others = self._with_first.get(first)
        if others is None or self.counts.get(self._first_line[first], 0) > c:
            return False
        return not any(m >= REPEAT_MIN_DOCS for m in others.values())


def boilerplate_lines(texts: Iterable[str]) -> frozenset[str]:
    """The keys (:func:`line_key`) of lines that recur across many of ``texts``."""
    counter = RepetitionCounter()
    for t in texts:
        counter.add(t)
    found = counter.boilerplate()
    if found:
        log.debug("%d recurring boilerplate lines over %d documents", len(found), counter.docs)
    return found


_CRUMB_SEP = re.compile(r"\s(?:>>|»|›|>|/|\|)\s")


def classify(block: Block, counts: dict[str, int],
             boilerplate: frozenset[str] = frozenset()) -> str:
    t = block.text
    if END_MARKER.match(t) or COMMENT_START.search(t):
        return "end"
    if BOILERPLATE_LINE.match(t):
        return "boiler"
    if boilerplate and line_key(t) in boilerplate:
        return "boiler"  # recurs across the documents of this input: an outlet's furniture
    if DATE_ONLY_LINE.match(t):
        return "date"
    if CAPTION_DATE_LABEL.match(t) or BRACKETED_NOTE.match(t):
        return "caption"
    if block.words <= 20 and NEWSLETTER.search(t):
        return "boiler"  # a sign-up box
    if block.words <= 7 and not _ends_with_punct(t) and (
            PICTURE_CREDIT.match(t) or CREDIT_LINE.match(t)):
        return "caption"
    if PHOTO_CREDIT_END.search(t) and block.words >= 6:
        return "caption"
    ends = _ends_with_punct(t)
    if counts.get(t, 0) > 1 and block.words >= 6 and not (ends and block.words >= 7):
        return "caption"  # the same line twice without being a sentence: a photo caption
    first = t[:1]
    if len(_CRUMB_SEP.findall(t)) >= 2:
        return "menu"  # a breadcrumb: "Home >> Recipes >> Cake Recipes >> ..."
    if not ends and TITLE_RUN.search(t):
        return "menu"  # link titles run together: "... distribution A connected approach ..."
    if ends and block.words >= 7:
        return "prose"
    if not ends and block.words >= 16:
        return "prose"  # a long paragraph whose end the scraper cut
    if not ends and first.islower() and block.words >= 6:
        return "prose"  # a paragraph whose start the scraper cut
    if not ends and _last_word(t) in FUNCTION_WORDS and block.words >= 6:
        return "prose"  # cut mid-sentence
    if ends and block.words >= 4:
        return "short"
    if block.words <= 3:
        return "menu"
    return "headline"


# Block scores for the body search: prose counts for itself, chrome against.
_SCORE = {"prose": 1.0, "short": 0.2, "headline": -1.5, "menu": -1.0, "date": -2.5,
          "boiler": -2.5, "caption": -0.5, "end": -1000.0}


def _best_run(blocks: list[Block]) -> tuple[int, int]:
    """The run of blocks with the highest total score (maximum subarray)."""
    best, best_i, best_j = float("-inf"), 0, -1
    cur, cur_i = 0.0, 0
    for j, b in enumerate(blocks):
        s = _SCORE[b.kind] * (max(b.words, 1) ** 0.5 if b.kind == "prose" else 1.0)
        if b.kind == "prose":
            s += 1.0
        if cur <= 0:
            cur, cur_i = s, j
        else:
            cur += s
        if cur > best:
            best, best_i, best_j = cur, cur_i, j
    return best_i, best_j


def split_blocks(raw: str) -> list[str]:
    return split_blocks_gaps(raw)[0]


def split_blocks_gaps(raw: str) -> tuple[list[str], list[bool]]:
    """The non-empty lines, and for each whether an empty line stands above it (a browser
    saves paragraphs apart and the links of a menu or list one under the other)."""
    raw = raw.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    out: list[str] = []
    gaps: list[bool] = []
    gap = True
    for line in raw.split("\n"):
        line = normalise_line(line)
        if line:
            glued = GLUED_CREDIT.match(line)
            if glued:  # "Photograph: X/AFP The company said ...": the credit apart
                out.append(glued.group(1))
                gaps.append(gap)
                line, gap = glued.group(2), False
            out.append(line)
            gaps.append(gap)
            gap = False
        else:
            gap = True
    return out, gaps


_NOT_A_TITLE = re.compile(r"^By\s|\b(?:Handout|File photo|Photo(?:graph)?s?)\b|\\?/Files\b|\|\s*$",
                          re.IGNORECASE)


def _is_title_candidate(b: Block) -> bool:
    return (b.kind in ("headline", "short", "menu") and 3 <= b.words <= 30
            and not b.text.endswith(".") and not _NOT_A_TITLE.search(b.text))


# An end marker ends the article only after this much prose: above it, "Updated: ...",
# "80 Comments" belong to the byline and a breadcrumb may read as prose.
END_AFTER_PROSE_WORDS = 40
WIRE_HEADER_LINES = 5  # a wire header is looked for in the page's first lines


def _take_wire_header(lines: list[str]) -> tuple[list[str], WireHeader | None, int, int]:
    """The lines with a wire header split off its paragraph, the header, its line index and
    the index of the line it came from."""
    for k, line in enumerate(lines[:WIRE_HEADER_LINES]):
        wire, before, rest = read_wire_header(line)
        if wire is None:
            continue
        parts = [x for x in (before, wire.text) if x]
        at = k + len(parts) - 1
        return lines[:k] + parts + ([rest] if rest else []) + lines[k + 1 :], wire, at, k
    return lines, None, -1, -1


# Subheadings and list items inside the body: runs of at most this many short blocks
# with prose on both sides.
INNER_RUN_MAX = 1
# A longer title between paragraphs is a link to another story ("After the summit, ...").
INNER_MAX_WORDS = 7
_INNER_KINDS = frozenset(["headline", "menu"])


def _inner_structure(blocks: list[Block], i: int, j: int) -> set[int]:
    """Indices of subheadings and list items between two paragraphs of the body run."""
    out: set[int] = set()
    k = i
    while k <= j:
        if blocks[k].kind not in _INNER_KINDS:
            k += 1
            continue
        e = k
        while e <= j and blocks[e].kind in _INNER_KINDS:
            e += 1
        before = blocks[k - 1].kind if k > i else None
        after = blocks[e].kind if e <= j else None
        short = all(blocks[x].words <= INNER_MAX_WORDS for x in range(k, e))
        if e - k <= INNER_RUN_MAX and short and before == "prose" and after == "prose":
            out.update(range(k, e))
        k = e
    return out


LEAD_GAP_MAX = 8  # share buttons between a lead paragraph and the rest of the article


def _lead_above(blocks: list[Block], i: int, start: int) -> int:
    """Where the body starts: a lead paragraph cut off from the rest by a bar of share
    buttons or one-word links ("teilen", "E-Mail", "Tweet") belongs to it."""
    k, gap = i - 1, 0
    while k >= start and gap < LEAD_GAP_MAX and blocks[k].kind in ("menu", "boiler") and (
            blocks[k].words <= 3):
        k, gap = k - 1, gap + 1
    if gap and k >= start and blocks[k].kind == "prose" and blocks[k].words >= 12:
        return k
    return i


_HEADLINE_KINDS = frozenset(["headline", "short", "menu"])
_TITLE_SPLIT = re.compile(r"\s+(?:[|»•·–—-]|::)\s+")


def _headline_again(blocks: list[Block]) -> int:
    """Where the article starts on a page saved whole: a browser puts the page's <title>
    first ("Headline | Site"), then the navigation, then the headline again above the
    article. The search starts at that repeat (0 when there is none)."""
    if len(blocks) < 8 or blocks[0].kind not in _HEADLINE_KINDS:
        return 0
    parts = [x for x in _TITLE_SPLIT.split(blocks[0].text) if len(x.split()) >= 3]
    if not parts:
        return 0
    head = max(parts, key=len).casefold()
    for b in blocks[1 : int(len(blocks) * 0.7)]:
        if b.kind in _HEADLINE_KINDS and b.text.casefold() == head:
            rest = sum(x.words for x in blocks[b.index + 1 :] if x.kind == "prose")
            return b.index + 1 if rest >= END_AFTER_PROSE_WORDS else 0
    return 0


def _best_block(blocks: list[Block]) -> Block | None:
    """The page's longest text block that is not chrome: the body when no run of prose is."""
    cands = [b for b in blocks if b.kind in ("prose", "short", "headline") and b.words >= 5]
    return max(cands, key=lambda b: b.words) if cands else None


@dataclass(slots=True)
class PageLines:
    """A page split into classified blocks, with the bounds of the body search."""

    lines: list[str]
    blocks: list[Block]
    wire: WireHeader | None
    wire_at: int  # the wire header's line index (-1: none)
    start: int  # the body search starts here (after a wire header, a repeated headline)
    limit: int  # and ends before this block (the first end marker after prose)
    comment_at: int  # where a comment section starts after prose (len(blocks): none)
    recurs_input: list[bool]  # the line recurs across the documents of the input
    gap_above: list[bool]  # an empty line stands above the line in the page text
    rules: CleanResult | None = None  # rule_clean's reading, once asked


def _masthead_above_issue(blocks: list[Block]) -> bool:
    """Whether a text opens with a newspaper's masthead over its issue line ("THE DAILY
    LEDGER" then "No. 4512"), the headline below them."""
    return (len(blocks) > 2 and bool(ISSUE_LINE.match(blocks[1].text))
            and 1 <= blocks[0].words <= MASTHEAD_MAX_WORDS
            and not _ends_with_punct(blocks[0].text))


def page_lines(raw: str, boilerplate: frozenset[str] = frozenset()) -> PageLines:
    """Split a whole-page text into blocks, classify them and bound the body search."""
    lines, gaps = split_blocks_gaps(raw)
    n0 = len(lines)
    lines, wire, wire_at, split = _take_wire_header(lines)
    if split >= 0:  # the pieces of the split line follow it without a gap
        gaps = gaps[: split + 1] + [False] * (len(lines) - n0) + gaps[split + 1 :]
    counts: dict[str, int] = {}
    for line in lines:
        counts[line] = counts.get(line, 0) + 1
    blocks = [Block(t, i, word_count(t)) for i, t in enumerate(lines)]
    for b in blocks:
        b.kind = "date" if b.index == wire_at else classify(b, counts, boilerplate)
        if b.index and b.text[:1] in ",;" and b.kind in ("prose", "short"):
            b.kind = blocks[b.index - 1].kind  # the rest of the line above, cut at a full stop
    if _masthead_above_issue(blocks):
        blocks[0].kind = blocks[1].kind = "boiler"  # the paper's name and number: no title
    # Above a wire header stand the page's furniture: photo captions, the headline.
    start = wire_at + 1 if wire_at >= 0 else _headline_again(blocks)

    # The body ends at the first end marker ("Published in ...", a comment section's
    # header) that follows prose.
    limit = comment_at = len(blocks)
    prose_words = 0
    for k, b in enumerate(blocks):
        prose_words += b.words if b.kind == "prose" else 0
        if b.kind == "end":
            if prose_words >= END_AFTER_PROSE_WORDS:
                if limit == len(blocks):
                    limit = k
                if COMMENT_START.search(b.text):
                    comment_at = k
                    break
                continue
            b.kind = "boiler"  # in the byline ("Updated: ...") or a sidebar: chrome, no end
    if limit <= start:
        start = 0
    recurs = [bool(boilerplate) and len(t) >= 12 and line_key(t) in boilerplate for t in lines]
    return PageLines(lines, blocks, wire, wire_at, start, limit, comment_at, recurs, gaps)


# The learned line classifier (:mod:`storyline.clean.lines`) decides which lines are body;
# False keeps the hand rules alone (the benchmark compares both; the training script
# needs the rules' kinds, which do not depend on it).
USE_LINE_MODEL = True


def clean_text(raw: str, boilerplate: frozenset[str] = frozenset(), *,
               rules_only: bool = False) -> CleanResult:
    """Separate the article body of a whole-page text from its chrome.

    ``boilerplate`` holds the :func:`line_key` of lines that recur across the other
    documents of the same input (:func:`boilerplate_lines`); they are chrome here too.
    The learned line classifier decides line by line; ``rules_only`` asks for the hand
    rules' best run of prose instead.
    """
    page = page_lines(raw, boilerplate)
    if not page.lines:
        return CleanResult(body="", title=None)
    if rules_only or not USE_LINE_MODEL:
        return rule_clean(page)
    from storyline.clean import lines as line_model

    m = line_model.model()
    probs = line_model.probabilities(page_features(page), m)
    return model_clean(page, probs, m["decode"])


def page_features(page: PageLines) -> list[list[float]]:
    """The line classifier's features (:func:`storyline.clean.lines.line_features`)."""
    from storyline.clean.lines import line_features

    keys = [line_key(t) for t in page.lines]
    seen: dict[str, int] = {}
    for k in keys:
        seen[k] = seen.get(k, 0) + 1
    recurs_page = [seen[k] > 1 and len(t) >= 12 for k, t in zip(keys, page.lines, strict=True)]
    return line_features(page.lines, [b.kind for b in page.blocks], recurs_page,
                         page.recurs_input, page.start, page.limit, page.gap_above)


def _title_before(blocks: list[Block], i: int, wire_at: int) -> str | None:
    """The first headline-like block above the body (later ones are standfirsts, captions,
    bylines)."""
    candidates = [b for b in blocks[:i] if _is_title_candidate(b) and b.index != wire_at]
    return unescape_text(candidates[0].text) if candidates else None


# Rule kinds that are chrome whatever the line classifier says: the furniture patterns
# (sign-up and share prompts, copyright lines), bare date lines, end markers, captions and
# credits ("(Reporting by ...)", a line twice), and link titles run together into one line.
HARD_CHROME_KINDS = frozenset(["boiler", "date", "end", "caption"])
HARD_CHROME_TITLE_RUN = True


def _hard_chrome(b: Block) -> bool:
    if b.kind in HARD_CHROME_KINDS:
        return True
    return HARD_CHROME_TITLE_RUN and b.kind == "menu" and bool(TITLE_RUN.search(b.text)) and (
        not _ends_with_punct(b.text))


# The headline shown again cuts what the classifier kept above it only when that is at most
# this share of what it kept below (menu links, a promo paragraph), not the article itself.
HEADLINE_AGAIN_BEFORE_SHARE = 1.0


def model_clean(page: PageLines, probs: list[float], decode: dict[str, float]) -> CleanResult:
    """The body as the line classifier reads it.

    The body is the run of lines with the highest total of ``(p - run_threshold) *
    words ** length_power`` (a maximum-subarray search, so a caption or a share bar inside
    the article does not split it); inside the run, lines with ``p >= keep_threshold``
    stay, and outside it lines with ``p >= outside_threshold``. Rules settle the hard
    cases: a comment section is cut from its header to the end, lines above a wire header
    and the header itself are page furniture, lines that recur across the input are the
    outlet's, and a repeated sentence is kept once."""
    lines, blocks, wire, wire_at = page.lines, page.blocks, page.wire, page.wire_at
    lo = page.start  # after a wire header, or at the headline a saved page shows again
    hi = page.comment_at
    allowed = [lo <= k < hi and not page.recurs_input[k] and not _hard_chrome(blocks[k])
               for k in range(len(lines))]
    t, power = decode["run_threshold"], decode["length_power"]
    best, bi, bj = float("-inf"), 0, -1
    cur, ci = 0.0, 0
    for k in range(lo, hi):
        s = (probs[k] - t) * max(blocks[k].words, 1) ** power if allowed[k] else -t
        if cur <= 0:
            cur, ci = s, k
        else:
            cur += s
        if cur > best:
            best, bi, bj = cur, ci, k
    keep = {k for k in range(bi, bj + 1) if probs[k] >= decode["keep_threshold"]}
    keep |= {k for k in range(lo, hi) if probs[k] >= decode["outside_threshold"]}
    floor = decode.get("rules_floor", 1.01)
    if floor <= 1.0:
        # the hand rules' body, where the classifier does not rule a line out
        paras = set(_rules(page).body.split("\n\n"))
        keep |= {k for k in range(lo, hi) if probs[k] >= floor and unescape_text(lines[k]) in paras}
    kept: list[int] = []
    seen: set[str] = set()
    for k in sorted(keep):
        if not allowed[k]:
            continue
        if lines[k] in seen and blocks[k].words >= 6:
            continue  # a caption or pull quote that repeats a paragraph
        seen.add(lines[k])
        kept.append(k)
    if not kept:
        best_block = _best_block(blocks[lo:hi])
        if best_block is None:
            return CleanResult(body="", title=None, head=lines, wire=wire)
        return CleanResult(body=unescape_text(best_block.text), title=None,
                           head=lines[: best_block.index], tail=lines[best_block.index + 1 :],
                           wire=wire, fallback=True)
    # The page's headline (as the rules find it) heads the article, not its body; a longer
    # title between paragraphs is a link to another story.
    title = _rules(page).title or _title_before(blocks, kept[0], wire_at)
    kept = [k for n, k in enumerate(kept)
            if unescape_text(lines[k]) != title and not DATELINE_AGENCY_LINE.match(lines[k])
            and not (0 < n < len(kept) - 1 and blocks[k].kind == "headline"
                     and blocks[k].words > INNER_MAX_WORDS)]
    # A page saved whole shows its headline again above the article: the body starts there.
    if title and kept:
        heads = {title.casefold()} | {x.casefold() for x in _TITLE_SPLIT.split(title)
                                      if len(x.split()) >= 3}
        for k in range(kept[0], kept[-1] + 1):
            if unescape_text(lines[k]).casefold() not in heads:
                continue
            after = sum(blocks[x].words for x in kept if x > k)
            before = sum(blocks[x].words for x in kept if x < k)
            # only navigation stands above the repeat; the headline again under the
            # article (an author box "Column: Name", a comment header) ends nothing
            if after >= END_AFTER_PROSE_WORDS and before <= HEADLINE_AGAIN_BEFORE_SHARE * after:
                kept = [x for x in kept if x > k]
                break
    if not any(blocks[k].kind in ("prose", "short") for k in kept):
        return _rules(page)  # no prose: the rules' reading (the page's best block)
    i, j = kept[0], kept[-1]
    inside = set(kept)
    return CleanResult(body="\n\n".join(unescape_text(lines[k]) for k in kept),
                       title=title, head=lines[:i],
                       tail=lines[j + 1 :],
                       removed=[lines[k] for k in range(i, j + 1) if k not in inside],
                       wire=wire)


def _rules(page: PageLines) -> CleanResult:
    if page.rules is None:
        page.rules = rule_clean(page)
    return page.rules


def rule_clean(page: PageLines) -> CleanResult:
    """The body as the hand rules read it: the best-scoring run of prose blocks."""
    lines, blocks, wire, wire_at = page.lines, page.blocks, page.wire, page.wire_at
    if not lines:
        return CleanResult(body="", title=None)
    start, limit = page.start, page.limit
    i, j = _best_run(blocks[start:limit])
    i, j = i + start, j + start
    i = _lead_above(blocks, i, start)
    if j < i or not any(b.kind in ("prose", "short") for b in blocks[i : j + 1]):
        # No run of prose: the page's best block, rather than nothing.
        best = _best_block(blocks[start:limit])
        if best is None:
            return CleanResult(body="", title=None, head=lines, wire=wire)
        return CleanResult(body=unescape_text(best.text), title=None, head=lines[: best.index],
                           tail=lines[best.index + 1 :], wire=wire, fallback=True)

    # A title: the last headline-like block before the body, possibly escaped and repeated.
    head = lines[:i]
    title = _title_before(blocks, i, wire_at)
    kept: list[str] = []
    removed: list[str] = []
    seen: set[str] = set()
    inner = _inner_structure(blocks, i, j)
    for b in blocks[i : j + 1]:
        if b.index in inner:
            kept.append(b.text)  # a subheading or list item between paragraphs
        elif b.kind in ("prose", "short"):
            if b.text in seen and b.words >= 6:
                removed.append(b.text)
                continue
            seen.add(b.text)
            kept.append(b.text)
        elif b.kind == "headline" and b.words >= 12 and not kept:
            kept.append(b.text)  # a standfirst right before the first paragraph
        else:
            removed.append(b.text)
    # A standfirst (deck) directly under the title is part of the article.
    if i > 0 and blocks[i - 1].kind == "headline" and blocks[i - 1].words >= 10 and (
        title is None or unescape_text(blocks[i - 1].text) != title
    ):
        kept.insert(0, blocks[i - 1].text)
        head = lines[: i - 1]
    body = "\n\n".join(unescape_text(k) for k in kept)
    return CleanResult(body=body, title=title, head=head, tail=lines[j + 1 :], removed=removed,
                       wire=wire)


def simple_rule(raw: str) -> str:
    """The baseline the cleaner must beat: keep lines of 5+ words ending in punctuation."""
    keep = [
        line for line in split_blocks(raw) if len(line.split()) >= 5 and _ends_with_punct(line)
    ]
    return "\n\n".join(keep)
