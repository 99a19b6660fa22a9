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

import html
import re
from dataclasses import dataclass, field

from storyline.clean.patterns import (
    BOILERPLATE_LINE,
    DATE_ONLY_LINE,
    END_MARKER,
    PHOTO_CREDIT_END,
    TERMINAL_PUNCT,
)

FUNCTION_WORDS = frozenset(
    ["the", "a", "an", "of", "in", "on", "at", "to", "for", "with", "from", "by", "and", "or", "but", "as", "that", "which", "who", "whose", "its", "their", "his", "her", "our", "your", "this", "these", "those", "than", "into", "over", "under", "about", "between"]
)


@dataclass(slots=True)
class Block:
    text: str
    index: int
    words: int
    kind: str = "?"  # prose, headline, date, boiler, caption, end, short, damaged


@dataclass(slots=True)
class CleanResult:
    body: str
    title: str | None
    head: list[str] = field(default_factory=list)  # lines before the body
    tail: list[str] = field(default_factory=list)  # lines after the body
    removed: list[str] = field(default_factory=list)  # lines dropped inside the body


_BACKSLASH_ESCAPE = re.compile(r"\\([\\,'\"`;:!?&()\[\]])")
_SPACES = re.compile(r"[ \t\u00a0\u2009\u202f]+")


def unescape_text(s: str) -> str:
    """Undo backslash escapes and HTML entities left by scrapers: ``Turkey\\, Russia``."""
    s = _BACKSLASH_ESCAPE.sub(r"\1", s)
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


def classify(block: Block, counts: dict[str, int]) -> str:
    t = block.text
    if END_MARKER.match(t):
        return "end"
    if BOILERPLATE_LINE.match(t):
        return "boiler"
    if DATE_ONLY_LINE.match(t):
        return "date"
    if PHOTO_CREDIT_END.search(t) and block.words >= 6:
        return "caption"
    ends = _ends_with_punct(t)
    if counts.get(t, 0) > 1 and block.words >= 6 and not (ends and block.words >= 7):
        return "caption"  # the same line twice without being a sentence: a photo caption
    first = t[:1]
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
    raw = raw.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    out = []
    for line in raw.split("\n"):
        line = normalise_line(line)
        if line:
            out.append(line)
    return out


def _is_title_candidate(b: Block) -> bool:
    return b.kind in ("headline", "short", "menu") and 3 <= b.words <= 30 and not b.text.endswith(".")


def clean_text(raw: str) -> CleanResult:
    """Separate the article body of a whole-page text from its chrome."""
    lines = split_blocks(raw)
    if not lines:
        return CleanResult(body="", title=None)
    counts: dict[str, int] = {}
    for line in lines:
        counts[line] = counts.get(line, 0) + 1
    blocks = [Block(t, i, len(t.split())) for i, t in enumerate(lines)]
    for b in blocks:
        b.kind = classify(b, counts)

    # The body ends at the first end marker ("Published in ...") that follows prose.
    limit = len(blocks)
    seen_prose = False
    for k, b in enumerate(blocks):
        seen_prose = seen_prose or b.kind == "prose"
        if b.kind == "end" and seen_prose:
            limit = k
            break
    i, j = _best_run(blocks[:limit])
    if j < i:
        return CleanResult(body="", title=None, head=lines)

    # A title: the last headline-like block before the body, possibly escaped and repeated.
    title = None
    head = lines[:i]
    candidates = [b for b in blocks[:i] if _is_title_candidate(b)]
    if candidates:
        # Prefer the first headline: later ones are standfirsts, captions, bylines.
        title = unescape_text(candidates[0].text)
    kept: list[str] = []
    removed: list[str] = []
    seen: set[str] = set()
    for b in blocks[i : j + 1]:
        if b.kind in ("prose", "short"):
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
    return CleanResult(body=body, title=title, head=head, tail=lines[j + 1 :], removed=removed)


def simple_rule(raw: str) -> str:
    """The baseline the cleaner must beat: keep lines of 5+ words ending in punctuation."""
    keep = [
        line for line in split_blocks(raw) if len(line.split()) >= 5 and _ends_with_punct(line)
    ]
    return "\n\n".join(keep)
