"""The storyline data model: every record that flows between stages.

Per-document stages take a :class:`RawDocument` or an :class:`Article` and return
new records; nothing here does I/O. Every record converts to the JSON shape of
the public contract (``../shared/CONTRACT.md``) with :func:`to_json`.

Offsets (``start``/``end``) always index ``Article.text`` (Python string
indices, end exclusive).
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Literal

DateSource = Literal["input", "explicit", "inferred", "none"]
Precision = Literal["day", "week", "month", "season", "year"]
Modality = Literal["asserted", "future", "hypothetical", "negated"]
Role = Literal[
    "GOV", "MIL", "REB", "OPP", "CVL", "REF", "IGO", "NGO", "MED", "BUS", "PTY", "JUD", "UNK"
]

EVENT_TYPES: dict[str, int] = {
    "AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1,
    "COOPERATE": 2, "AID": 2, "RETREAT": 2,
    "REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3,
    "PROTEST": 4, "SANCTION": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4,
}
"""PLOVER event type -> quad class (1 verbal coop, 2 material coop, 3 verbal conflict,
4 material conflict)."""


def normalise_for_id(text: str) -> str:
    """The normal form of a body used for its id: NFKC, lower case, single spaces."""
    text = unicodedata.normalize("NFKC", text).lower()
    return re.sub(r"\s+", " ", text).strip()


def stable_id(*parts: str, length: int = 16) -> str:
    """A short, stable hex id from the given strings."""
    h = hashlib.sha1("\x1f".join(parts).encode("utf-8"))
    return h.hexdigest()[:length]


def article_id(text: str) -> str:
    """Stable article id: a hash of the normalised body."""
    return stable_id(normalise_for_id(text))


@dataclass(slots=True)
class RawDocument:
    """One document as a reader found it, before cleaning.

    ``content`` is HTML when ``kind == "html"`` and text otherwise. Fields the
    input itself gives (JSON Lines, feeds) are in ``given_*`` and are trusted.
    """

    path: str
    kind: Literal["text", "html"]
    content: str
    url: str | None = None
    input_id: str | None = None
    given_title: str | None = None
    given_outlet: str | None = None
    given_published: str | None = None
    # Where inside its file the document sits (JSONL line, WARC record, feed item).
    position: str | None = None
    # True when the input handed us the article text itself (a JSON Lines ``text``, a feed
    # item's full content): it is never dropped for being short (wire items, sentences).
    given_text: bool = False
    # Warnings from the reader boundary (a field dropped or converted, the encoding used
    # when it was not UTF-8): each is printed once and kept in the article's warnings.
    notes: list[str] = field(default_factory=list)
    # Line keys (storyline.clean.text.line_key) of lines that recur across the documents of
    # the same input: page furniture of that outlet, set by the reader's per-input pass.
    boilerplate: frozenset[str] = frozenset()


@dataclass(slots=True)
class Published:
    date: str | None
    source: DateSource
    earliest: str | None = None
    latest: str | None = None


@dataclass(slots=True)
class Article:
    id: str
    input_id: str | None
    path: str
    url: str | None
    outlet: str | None
    title: str | None
    dateline: str | None
    published: Published
    text: str
    language: str
    warnings: list[str] = field(default_factory=list)
    # Character spans in ``text`` where the scraper dropped a name: later stages
    # must not invent actors there.
    damaged: list[tuple[int, int]] = field(default_factory=list)
    # Where inside its input file the article sits ("line 3", "record 2", "item 1").
    position: str | None = None


@dataclass(slots=True)
class Rejected:
    """A document (or file) that could not become an article, and why."""

    path: str
    reason: str


@dataclass(slots=True)
class Span:
    start: int
    end: int
    text: str


@dataclass(slots=True)
class Actor:
    text: str
    name: str
    id: str
    country: str | None
    role: Role


@dataclass(slots=True)
class ActorMention:
    start: int
    end: int
    actor: Actor


@dataclass(slots=True)
class TimeExpression:
    text: str
    start: int
    end: int
    type: Literal["DATE", "TIME", "DURATION", "SET"]
    value: str


PlaceKind = Literal["place", "admin1", "country", "area", "process"]
PlacePrecision = Literal["place", "admin1", "country"]


@dataclass(slots=True)
class PlaceMention:
    """A geocoded place mention.

    ``kind`` says what the mention names: a populated ``place`` (town, city, village, or a
    site such as an observation post), a first-level region (``admin1``: "Idlib province"),
    a ``country``, an ``area`` of a country named by direction ("northwestern Syria"), or a
    ``process`` named after a place ("the Astana talks", "the Minsk agreements"), which has
    no coordinates and no country: it is not where anything happens.
    ``precision`` is the unit the coordinates stand for (``place``, ``admin1``,
    ``country``; None for a process); ``approximate`` is True when they stand for an
    enclosing or estimated unit rather than the thing named (a site missing from the
    gazetteer placed at its document's first-level region, a compass area of a country).
    """

    start: int
    end: int
    text: str
    name: str
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    kind: PlaceKind = field(default="place", kw_only=True)
    precision: PlacePrecision | None = field(default="place", kw_only=True)
    approximate: bool = field(default=False, kw_only=True)


@dataclass(slots=True)
class Mention:
    article: str
    quote: str
    start: int
    end: int
    attribution: str | None = None


@dataclass(slots=True)
class DateRange:
    start: str
    end: str
    precision: Precision
    text: str | None


@dataclass(slots=True)
class Location:
    name: str
    country: str | None
    lat: float | None
    lon: float | None


@dataclass(slots=True)
class Figure:
    """A reported number (contract ``figures.jsonl``).

    ``value_max`` extends the contract: the high end of a range ("15-to-20 kilometer",
    "between 10 and 12", "two to three million"), whose low end is ``value`` (qualifier
    ``"between"``); None when the figure is not a range.
    """

    id: str
    value: float
    value_max: float | None = field(default=None, kw_only=True)
    qualifier: str | None
    unit: str
    what: str
    where: str | None
    as_of: dict[str, str]
    attribution: str | None
    mention: Mention


@dataclass(slots=True)
class Event:
    id: str
    type: str
    quad: int
    modality: Modality
    source: Actor | list[Actor] | None
    target: Actor | list[Actor] | None
    date: DateRange
    location: Location | None
    mentions: list[Mention]
    story: str | None = None
    score: float | None = None
    # PLOVER mode of the type (the manual's per-type modes: "aerial", "visit", "allege"...)
    mode: str | None = None
    # How likely the event is right as coded (0-1; :mod:`storyline.events.confidence`).
    confidence: float | None = None


@dataclass(slots=True)
class Annotations:
    """Everything the per-document annotation stage finds in one article."""

    article: str
    actors: list[ActorMention] = field(default_factory=list)
    times: list[TimeExpression] = field(default_factory=list)
    places: list[PlaceMention] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    # the article's one sentence segmentation ([start, end) pairs): the text's sentences
    # (storyline.text.sentences) as the parse cut them (annotate.stage.shared_sentences)
    sentences: list[tuple[int, int]] = field(default_factory=list)


def to_json(obj: Any) -> Any:
    """Convert a model record (or nested structure of them) to plain JSON data."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: to_json(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, (list, tuple)):
        return [to_json(x) for x in obj]
    if isinstance(obj, dict):
        return {k: to_json(v) for k, v in obj.items()}
    return obj


def article_json(article: Article) -> dict[str, Any]:
    """The contract's ``articles.jsonl`` line for an article."""
    data = to_json(article)
    data.pop("damaged", None)
    return data  # type: ignore[no-any-return]
