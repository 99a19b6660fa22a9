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
    # True when ``given_title`` is already the text a reader shows (a feed's title, decoded
    # by the feed's own rules: XML, then HTML for an HTML-typed title): it is taken as it
    # is. Otherwise (a JSON Lines title) the entities a scraper left in it are decoded once.
    title_as_shown: bool = False
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
    """A document (or file) that could not become an article, and why. ``kept``: the part
    of the file before the problem was read and kept (a warning, not a skip)."""

    path: str
    reason: str
    kept: bool = False


@dataclass(slots=True)
class FileNote:
    """A warning about an input file itself (not about one of its documents): one line,
    and ``count`` added to the run summary's ``kind`` (a web archive's 404 answers are
    one note counting them)."""

    display: str
    message: str
    kind: str
    count: int = 1


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

    def to_json(self) -> dict[str, Any]:
        return _fields_json(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Actor:
        # lenient: a file written by hand or an older version may lack a field
        return cls(text=data.get("text", ""), name=data.get("name", ""), id=data.get("id", ""),
                   country=data.get("country"), role=data.get("role", "UNK"))


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
    # the word that triggered the event, offsets into the article text (None for figures)
    trigger: Span | None = None

    def to_json(self) -> dict[str, Any]:
        return _fields_json(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Mention:
        return cls(article=data.get("article", ""), quote=data.get("quote", ""),
                   start=data.get("start", 0), end=data.get("end", 0),
                   attribution=data.get("attribution"),
                   trigger=Span(**trig) if isinstance(trig := data.get("trigger"), dict)
                   else None)


@dataclass(slots=True)
class DateRange:
    start: str | None  # None: not resolved (`storyline code` without a date)
    end: str | None
    precision: Precision
    text: str | None

    def to_json(self) -> dict[str, Any]:
        return _fields_json(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> DateRange:
        return cls(start=data.get("start", ""), end=data.get("end", ""),
                   precision=data.get("precision", "day"), text=data.get("text"))


@dataclass(slots=True)
class Location:
    name: str
    country: str | None
    lat: float | None
    lon: float | None

    def to_json(self) -> dict[str, Any]:
        return _fields_json(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Location:
        return cls(name=data.get("name", ""), country=data.get("country"), lat=data.get("lat"),
                   lon=data.get("lon"))


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

    def to_json(self) -> dict[str, Any]:
        """The ``figures.jsonl`` line; an unknown ``as_of`` day is null, as every unknown
        date of the contract is (it was an empty string)."""
        data = _fields_json(self)
        data["as_of"] = {k: v or None for k, v in self.as_of.items()}
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Figure:
        as_of = {k: v or "" for k, v in (data.get("as_of") or {}).items()}
        return cls(id=data["id"], value=data["value"], value_max=data.get("value_max"),
                   qualifier=data.get("qualifier"), unit=data["unit"], what=data["what"],
                   where=data.get("where"), as_of=as_of,
                   attribution=data.get("attribution"),
                   mention=Mention.from_json(data["mention"]))


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

    def to_json(self) -> dict[str, Any]:
        """The per-article event as the annotation stage stores it."""
        return _fields_json(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Event:
        location = data.get("location")
        return cls(
            id=data["id"], type=data["type"], quad=data["quad"], modality=data["modality"],
            source=actors_from_json(data.get("source")),
            target=actors_from_json(data.get("target")),
            date=DateRange.from_json(data.get("date") or {}),
            location=Location.from_json(location) if location else None,
            mentions=[Mention.from_json(m) for m in data.get("mentions") or []],
            story=data.get("story"), score=data.get("score"), mode=data.get("mode"),
            confidence=data.get("confidence"),
        )


@dataclass(slots=True)
class Statement:
    """A plain statement a text reports instead of an event (CAMEO 01, which PLOVER drops):
    condolences, hopes, concern, a claim of responsibility, an option under consideration.
    ``source`` is who made it, ``target`` the actor it is addressed to or about (None where
    the text names none), ``trigger`` the statement's predicate and ``cue`` its kind (the
    lexicon word that made it a statement: "condolence", "responsibility", "consider")."""

    cue: str
    trigger: Span
    source: Actor | list[Actor] | None
    target: Actor | list[Actor] | None

    def to_json(self) -> dict[str, Any]:
        return _fields_json(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Statement:
        trig = data.get("trigger") or {}
        return cls(cue=data.get("cue", ""),
                   trigger=Span(trig.get("start", 0), trig.get("end", 0), trig.get("text", "")),
                   source=actors_from_json(data.get("source")),
                   target=actors_from_json(data.get("target")))


@dataclass(slots=True)
class Coded:
    """A ``storyline code`` record, coded: its events (offsets index ``text``), the index
    of its main event (None when it reports no event or is a plain statement) and, where
    it is a plain statement, who made it to or about whom (``statement``)."""

    id: str | None
    text: str
    events: list[Event] = field(default_factory=list)
    main: int | None = None
    statement: Statement | None = None

    def to_json(self) -> dict[str, Any]:
        """The ``storyline code`` output line of this record."""
        return {"id": self.id, "text": self.text,
                "events": [event_json(e) for e in self.events], "main": self.main,
                "statement": self.statement.to_json() if self.statement else None}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Coded:
        said = data.get("statement")
        return cls(id=data.get("id"), text=data.get("text", ""),
                   events=[Event.from_json(e) for e in data.get("events") or []],
                   main=data.get("main"),
                   statement=Statement.from_json(said) if isinstance(said, dict) else None)


def event_json(event: Event) -> dict[str, Any]:
    """An event in the ``events.jsonl`` shape (with ``plover_type``, ``sources``, ``related``)."""
    from storyline.events.plover import plover_type

    data: dict[str, Any] = to_json(event)
    when = data.get("date")
    if isinstance(when, dict):
        # A date that could not be resolved (no --dct, no record date) is null, not "".
        for key in ("start", "end"):
            if not when.get(key):
                when[key] = None
    data["plover_type"] = plover_type(event)
    data["sources"] = 1
    data["related"] = []
    return data


def actors_from_json(side: Any) -> Actor | list[Actor] | None:
    """An event side (null, one actor or a list of actors) from its JSON form."""
    if side is None:
        return None
    if isinstance(side, list):
        return [Actor.from_json(a) for a in side]
    return Actor.from_json(side)


def side_actors(side: Actor | list[Actor] | None) -> list[Actor]:
    """The actors of an event side as a list (empty when the side is null)."""
    if side is None:
        return []
    return list(side) if isinstance(side, list) else [side]


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


# -- the cross-document records (storyline.story) -------------------------------------
#
# Each converts to its output line with ``to_json()`` (the shape of its JSON Schema in
# ``storyline/schemas/``, fields in schema order) and back with ``from_json()``;
# ``tests/test_model_schemas.py`` checks the two agree.


@dataclass(slots=True)
class MergedEvent:
    """One real-world event merged across the articles of a story (an ``events.jsonl``
    line): every report of it in ``mentions``, ``sources`` independent articles."""

    id: str
    type: str
    quad: int
    modality: Modality
    source: Actor | list[Actor] | None
    target: Actor | list[Actor] | None
    date: DateRange
    location: Location | None
    mentions: list[Mention]
    story: str | None
    score: float | None
    mode: str | None
    plover_type: str
    sources: int
    related: list[str]
    confidence: float | None

    def to_json(self) -> dict[str, Any]:
        return _fields_json(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> MergedEvent:
        """Lenient (a missing field takes its empty value): ``storyline report``-style
        readers take event files that older versions or people wrote."""
        location = data.get("location")
        return cls(
            id=data.get("id", ""), type=data.get("type", ""),
            quad=data.get("quad") or EVENT_TYPES.get(str(data.get("type")), 0),
            modality=data.get("modality", "asserted"),
            source=actors_from_json(data.get("source")),
            target=actors_from_json(data.get("target")),
            date=DateRange.from_json(data.get("date") or {}),
            location=Location.from_json(location) if location else None,
            mentions=[Mention.from_json(m) for m in data.get("mentions") or []],
            story=data.get("story"), score=data.get("score"), mode=data.get("mode"),
            plover_type=data.get("plover_type") or data.get("type", ""),
            sources=data.get("sources", 1), related=list(data.get("related") or []),
            confidence=data.get("confidence"),
        )


@dataclass(slots=True)
class Story:
    """A story (a ``stories.jsonl`` line): its member articles (by date) and date span."""

    id: str
    title: str | None
    articles: list[str]
    first: str | None
    last: str | None

    def to_json(self) -> dict[str, Any]:
        return _fields_json(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Story:
        return cls(id=data["id"], title=data.get("title"),
                   articles=list(data.get("articles") or []), first=data.get("first"),
                   last=data.get("last"))


@dataclass(slots=True)
class SeriesPoint:
    """One reported period of a figure series: the value most independent sources give."""

    date: str
    as_of: dict[str, str]
    value: float
    value_max: float | None
    qualifier: str | None
    figures: list[str]
    sources: list[str]
    disagree: bool

    def to_json(self) -> dict[str, Any]:
        return _fields_json(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> SeriesPoint:
        return cls(date=data["date"], as_of=dict(data["as_of"]), value=data["value"],
                   value_max=data.get("value_max"), qualifier=data.get("qualifier"),
                   figures=list(data.get("figures") or []),
                   sources=list(data.get("sources") or []),
                   disagree=bool(data.get("disagree", False)))


@dataclass(slots=True)
class Series:
    """A figure over time within a story (a ``series.jsonl`` line)."""

    id: str
    story: str | None
    what: str
    where: str | None
    unit: str
    points: list[SeriesPoint]

    def to_json(self) -> dict[str, Any]:
        return _fields_json(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Series:
        return cls(id=data["id"], story=data.get("story"), what=data["what"],
                   where=data.get("where"), unit=data["unit"],
                   points=[SeriesPoint.from_json(p) for p in data.get("points") or []])


@dataclass(slots=True)
class TimelineEntry:
    """One date of a timeline: verbatim sentences, the events of that day, their articles."""

    date: str
    precision: Precision
    summary: list[str]
    events: list[str]
    sources: list[str]

    def to_json(self) -> dict[str, Any]:
        return _fields_json(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> TimelineEntry:
        return cls(date=data["date"], precision=data.get("precision", "day"),
                   summary=list(data.get("summary") or []),
                   events=list(data.get("events") or []),
                   sources=list(data.get("sources") or []))


@dataclass(slots=True)
class StoryTimeline:
    """One story's own timeline (an item of ``timeline.json``'s ``stories``)."""

    id: str
    title: str | None
    entries: list[TimelineEntry]

    def to_json(self) -> dict[str, Any]:
        return _fields_json(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> StoryTimeline:
        return cls(id=data["id"], title=data.get("title"),
                   entries=[TimelineEntry.from_json(e) for e in data.get("entries") or []])


@dataclass(slots=True)
class Timeline:
    """``timeline.json``: the whole input's timeline and one a story."""

    entries: list[TimelineEntry]
    stories: list[StoryTimeline]

    def to_json(self) -> dict[str, Any]:
        return _fields_json(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Timeline:
        return cls(entries=[TimelineEntry.from_json(e) for e in data.get("entries") or []],
                   stories=[StoryTimeline.from_json(s) for s in data.get("stories") or []])


@dataclass(slots=True)
class DyadRow:
    """One unordered actor pair in one month (a row of ``dyads.csv`` / ``dyads.parquet``;
    see :mod:`storyline.story.dyads` for what each count holds)."""

    month: str
    a: str
    a_name: str
    a_country: str | None
    b: str
    b_name: str
    b_country: str | None
    events: int
    quad1: int
    quad2: int
    quad3: int
    quad4: int
    cooperation: int
    conflict: int
    score_mean: float | None
    a_to_b: int
    b_to_a: int
    future: int
    hypothetical: int
    negated: int
    mentions: int
    sources: int
    event_ids: list[str]

    def to_json(self) -> dict[str, Any]:
        return _fields_json(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> DyadRow:
        return cls(**{f.name: data[f.name] for f in dataclasses.fields(cls)})


@dataclass(slots=True)
class LinkedArticle:
    """An article with its links (an ``articles.jsonl`` line): its story and, for a
    syndicated copy, the original."""

    article: Article
    story: str | None
    duplicate_of: str | None

    def to_json(self) -> dict[str, Any]:
        data = article_json(self.article)
        data["story"] = self.story
        data["duplicate_of"] = self.duplicate_of
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> LinkedArticle:
        pub = data.get("published") or {}
        article = Article(
            id=data["id"], input_id=data.get("input_id"), path=data["path"],
            url=data.get("url"), outlet=data.get("outlet"), title=data.get("title"),
            dateline=data.get("dateline"),
            published=Published(date=pub.get("date"), source=pub.get("source", "none"),
                                earliest=pub.get("earliest"), latest=pub.get("latest")),
            text=data["text"], language=data["language"],
            warnings=list(data.get("warnings") or []), position=data.get("position"),
        )
        return cls(article=article, story=data.get("story"),
                   duplicate_of=data.get("duplicate_of"))


def _fields_json(obj: Any) -> dict[str, Any]:
    """A record's fields as JSON data, in field order."""
    return {f.name: to_json(getattr(obj, f.name)) for f in dataclasses.fields(obj)}


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
