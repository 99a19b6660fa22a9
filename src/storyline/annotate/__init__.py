"""Per-document stage 3: actors, times, places and figures, with offsets."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

_TEXT_KEY = "storyline.text"


def doc_text(doc: Any) -> str:
    """``doc.text``, computed once per Doc.

    spaCy builds ``Doc.text`` by joining every token each time it is read, so reading it
    once per mention is quadratic in the article's length; annotators call this instead.
    The text is kept in ``doc.user_data`` (a parsed Doc is never changed afterwards).
    """
    data = doc.user_data
    text = data.get(_TEXT_KEY)
    if not isinstance(text, str):
        text = doc.text
        data[_TEXT_KEY] = text
    return text


_ENTS_KEY = "storyline.ents"


def doc_ents(doc: Any) -> tuple[Any, ...]:
    """``doc.ents``, built once per Doc (spaCy builds every entity on each access, and
    ``span.ents`` reads them all: once per event, quadratic in the article's length)."""
    data = doc.user_data
    ents = data.get(_ENTS_KEY)
    if not isinstance(ents, tuple):
        ents = tuple(doc.ents)
        data[_ENTS_KEY] = ents
    return ents


def ents_within(doc: Any, start: int, end: int) -> list[Any]:
    """The entities wholly inside tokens ``start:end`` (``doc[start:end].ents``)."""
    import bisect

    ents = doc_ents(doc)
    i = bisect.bisect_left(ents, start, key=lambda e: e.start)
    out = []
    while i < len(ents) and ents[i].start < end:
        if ents[i].end <= end:
            out.append(ents[i])
        i += 1
    return out


def doc_sentences(doc: Any) -> Iterator[Any]:
    """The sentences of a parsed text (spaCy spans) with the white space at their edges
    left out: the one segmentation (:mod:`storyline.text.sentences`) as the annotators and
    the event coder read it. Every line break ends a sentence (the parse is given that
    segmentation), so a sentence never holds one; a sentence of white space only gives
    nothing. For a doc parsed without it, a sentence is still cut at its line breaks."""
    for sent in doc.sents:
        start = sent.start
        for tok in sent:
            if "\n" in tok.text or (tok.i > start and "\n" in tok.nbor(-1).whitespace_):
                if tok.i > start and "\n" in tok.text:
                    yield from _trimmed(doc, start, tok.i)
                    start = tok.i + 1
                elif tok.i > start:
                    yield from _trimmed(doc, start, tok.i)
                    start = tok.i
        if start < sent.end:
            yield from _trimmed(doc, start, sent.end)


def _trimmed(doc: Any, start: int, end: int) -> Iterator[Any]:
    while start < end and doc[start].is_space:
        start += 1
    while end > start and doc[end - 1].is_space:
        end -= 1
    if end > start:
        yield doc[start:end]
