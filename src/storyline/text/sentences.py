"""The one sentence segmentation of storyline.

:func:`sentence_spans` cuts a text into sentences: at every line break first (the cleaned
text puts one paragraph a line; headlines and page leftovers stay apart), then after
sentence-final punctuation (and any closing quotes or brackets) before a capital, a digit
or an opening quote, unless the word before the stop is an abbreviation ("Nov. 6",
"Mr. Smith", "U.S. officials", "10 a.m. Friday").

The annotation stage gives these sentences to the spaCy parse (each starts a parse
sentence; the parser may still cut one it finds inside: :func:`storyline.annotate.stage.
shared_sentences`) and stores the result with the annotations
(:attr:`storyline.model.Annotations.sentences`), so the annotators, the event coder, the
time tagger and the timeline of a parsed article read one segmentation, computed once.
Text with no parse (``storyline times``, a timeline built from bare texts) is cut by
:func:`sentence_spans` alone.

>>> text = "Talks resumed on Nov. 6 in Nairobi. Mr. Abebe said \\"it went well.\\" Both left.\\nNext"
>>> [text[a:b] for a, b in sentence_spans(text)]
['Talks resumed on Nov. 6 in Nairobi.', 'Mr. Abebe said "it went well."', 'Both left.', 'Next']
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence

# a stop (and any closing quotes or brackets), spaces, then what starts a sentence
_STOP = re.compile(r"(?<=[.!?])(?P<close>[\"')\]’”]*)\s+(?=[\"'(\[‘“]?[A-Z0-9])")
# the word before the stop is an abbreviation (or an initial): no sentence ends there
_ABBREV = re.compile(
    r"(?i)(?:\b(?:jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|mon|tue|tues|wed|thu|thur|"
    r"thurs|fri|sat|sun|mr|mrs|ms|dr|prof|gen|gov|sen|rep|rev|st|sgt|col|lt|capt|maj|cmdr|"
    r"adm|inc|corp|co|ltd|bros|jr|sr|no|vs|etc|approx|est|dept|univ|ave|blvd|mt|ft|"
    r"a\.m|p\.m|u\.s|u\.k|u\.n|e\.g|i\.e)|\b[A-Za-z])\.$"
)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence of ``text``, in order, stripped of surrounding
    white space (empty lines give none)."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        start = pos
        pos += len(line) + 1
        cut = start
        for m in _STOP.finditer(line):
            if _ABBREV.search(text, max(cut, start + m.start() - 8), start + m.start()):
                continue
            spans.append((cut, start + m.end("close")))  # the closing quote stays
            cut = start + m.end()
        spans.append((cut, start + len(line)))
    out = []
    for a, b in spans:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            out.extend(_bounded(text, a, b))
    return out


def _max_sentence() -> int:
    from storyline.config import setting

    return int(setting("annotate", "max_sentence_chars", 2000))


# Where an over-long sentence is cut, best first: after a semicolon, after a comma, at a
# space (with how many characters of the match the piece before keeps).
_CUTS = ((re.compile(r";\s+"), 1), (re.compile(r",\s+"), 1), (re.compile(r"\s+"), 0))


def _bounded(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """The sentence ``(a, b)`` of ``text``, cut into pieces of at most the
    ``[annotate] max_sentence_chars`` setting when it is longer: a text with no full stop
    for thousands of characters (a list run together, a transcript) would cost the parser
    and the event coder minutes. Each piece ends at the last semicolon, else comma, else
    space in its second half, else at the limit.

    >>> text = "Troops shelled Oruma, and rebels shelled Kaba; both sides said so"
    >>> [text[x:y] for x, y in _bounded(text, 0, len(text))] == [text]
    True
    """
    size = _max_sentence()
    out = []
    while b - a > size:
        end = a + size
        for cut, keep in _CUTS:
            last = None
            for m in cut.finditer(text, a + size // 2, end):
                last = m
            if last is not None:
                out.append((a, last.start() + keep))
                a = last.end()
                break
        else:
            out.append((a, end))
            a = end
        while a < b and text[a].isspace():
            a += 1
    if b > a:
        out.append((a, b))
    return out


def sentence_at(starts: Sequence[int], offset: int) -> int:
    """Index of the last sentence (of those starting at ``starts``, sorted) that starts at
    or before ``offset``; 0 when none does.

    >>> sentence_at([0, 12, 30], 15), sentence_at([0, 12, 30], 12), sentence_at([5], 0)
    (1, 1, 0)
    """
    return max(bisect_right(starts, offset) - 1, 0)
