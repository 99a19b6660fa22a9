"""Every output's JSON Schema agrees with the dataclass that writes it.

For each schema in ``src/storyline/schemas/``: the dataclass's JSON fields are the
schema's properties and include every required one, each field's type agrees with the
property's (recursively through nested records), a built instance's ``to_json()``
validates, and ``from_json(to_json(x)) == x``.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from importlib import resources
from typing import Any

import pytest

from storyline.model import (
    Actor,
    Article,
    Coded,
    DateRange,
    DyadRow,
    Event,
    Figure,
    LinkedArticle,
    Location,
    Mention,
    MergedEvent,
    Published,
    Series,
    SeriesPoint,
    Span,
    Statement,
    Story,
    StoryTimeline,
    Timeline,
    TimelineEntry,
)
from storyline.schemas import schema, validate

KEN = Actor(text="Kenyan officials", name="Kenya", id="KENGOV", country="KEN", role="GOV")
UGA = Actor(text="Uganda", name="Uganda", id="UGAGOV", country="UGA", role="GOV")
QUOTE = Mention(article="0123456789abcdef", quote="Kenya and Uganda signed a fishing pact.",
                start=0, end=39, attribution=None)
ARTICLE = Article(
    id="0123456789abcdef", input_id="w1", path="in/lake.jsonl", url="https://example.org/a",
    outlet="Lake Courier", title="Fishing pact signed", dateline="Kisumu",
    published=Published(date="2024-03-05", source="input", earliest=None, latest=None),
    text="Kenya and Uganda signed a fishing pact.", language="en", warnings=[],
    position="line 1")
EVENT = MergedEvent(
    id="e1", type="AGREE", quad=1, modality="asserted", source=[KEN, UGA], target=None,
    date=DateRange(start="2024-03-05", end="2024-03-05", precision="day", text="Tuesday"),
    location=Location(name="Kisumu", country="KEN", lat=-0.1, lon=34.75), mentions=[QUOTE],
    story="s1", score=2.5, mode=None, plover_type="AGREE", sources=1, related=["e2"],
    confidence=0.31)
ENTRY = TimelineEntry(date="2024-03-05", precision="day", summary=[QUOTE.quote],
                      events=["e1"], sources=[QUOTE.article])

CODED = Coded(
    id="r1", text="Kenya voiced concern to Uganda after the pact was signed.",
    events=[Event(id="e9", type="AGREE", quad=1, modality="asserted", source=[KEN, UGA],
                  target=None, date=DateRange(start="2024-03-05", end="2024-03-05",
                                              precision="day", text=None),
                  location=None, mentions=[QUOTE], score=2.5, confidence=0.2)],
    main=None, statement=Statement(cue="concern", trigger=Span(6, 12, "voiced"), source=KEN,
                                   target=UGA))

INSTANCES: dict[str, Any] = {
    "code": CODED,
    "articles": LinkedArticle(ARTICLE, story="s1", duplicate_of=None),
    "events": EVENT,
    "figures": Figure(id="f1", value=120.0, value_max=150.0, qualifier="between", unit="boats",
                      what="boats seized", where="Lake Victoria",
                      as_of={"start": "2024-03-01", "end": "2024-03-05"},
                      attribution="the fisheries ministry", mention=QUOTE),
    "series": Series(id="x1", story="s1", what="boats seized", where="Lake Victoria",
                     unit="boats", points=[SeriesPoint(
                         date="2024-03-05", as_of={"start": "2024-03-01", "end": "2024-03-05"},
                         value=120.0, value_max=150.0, qualifier="about", figures=["f1"],
                         sources=[QUOTE.article], disagree=True)]),
    "stories": Story(id="s1", title="Fishing pact signed", articles=[ARTICLE.id],
                     first="2024-03-05", last="2024-03-05"),
    "timeline": Timeline(entries=[ENTRY],
                         stories=[StoryTimeline(id="s1", title="Fishing pact", entries=[ENTRY])]),
    "dyads": DyadRow(month="2024-03", a="KENGOV", a_name="Kenya", a_country="KEN", b="UGAGOV",
                     b_name="Uganda", b_country="UGA", events=1, quad1=1, quad2=0, quad3=0,
                     quad4=0, cooperation=1, conflict=0, score_mean=2.5, a_to_b=1, b_to_a=0,
                     future=0, hypothetical=0, negated=0, mentions=1, sources=1,
                     event_ids=["e1"]),
}

_JSON_TYPE = {str: "string", int: "integer", float: "number", bool: "boolean", list: "array",
              dict: "object", type(None): "null"}


def _hints(cls: type) -> dict[str, Any]:
    """The JSON fields of a record and their Python types."""
    if cls is LinkedArticle:  # the article's own fields, then its links
        hints = {k: v for k, v in typing.get_type_hints(Article).items() if k != "damaged"}
        extra = typing.get_type_hints(LinkedArticle)
        return {**hints, "story": extra["story"], "duplicate_of": extra["duplicate_of"]}
    names = [f.name for f in dataclasses.fields(cls)]
    hints = typing.get_type_hints(cls)
    if cls is Coded:  # its events are written as events.jsonl lines (model.event_json)
        hints["events"] = list[MergedEvent]
    return {n: hints[n] for n in names}


def _python_types(hint: Any) -> set[str]:
    """The JSON types a Python annotation admits (a record is an object)."""
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        return set().union(*(_python_types(a) for a in typing.get_args(hint)))
    if origin is typing.Literal:
        return {_JSON_TYPE[type(v)] for v in typing.get_args(hint)}
    if origin is not None:
        return {_JSON_TYPE[origin]}
    if dataclasses.is_dataclass(hint):
        return {"object"}
    return {_JSON_TYPE[hint]}


def _resolve(prop: dict[str, Any], root: dict[str, Any]
             ) -> tuple[dict[str, Any], dict[str, Any]]:
    """A property with its references followed, and the schema it now lies in (a
    reference may name another output's schema: ``events.schema.json#/$defs/actors``)."""
    while "$ref" in prop:
        where, _, frag = prop["$ref"].partition("#")
        if where:
            root = schema(where.removesuffix(".schema.json"))
        prop = root["$defs"][frag.rsplit("/", 1)[1]] if frag else root
    return prop, root


def _schema_types(prop: dict[str, Any], root: dict[str, Any]) -> set[str] | None:
    prop, root = _resolve(prop, root)
    if "oneOf" in prop or "anyOf" in prop:
        parts = [_schema_types(p, root) for p in prop.get("oneOf", prop.get("anyOf"))]
        return None if any(p is None for p in parts) else set().union(*parts)  # type: ignore[arg-type]
    if "type" in prop:
        t = prop["type"]
        return set(t) if isinstance(t, list) else {t}
    if "enum" in prop:
        return {_JSON_TYPE[type(v)] for v in prop["enum"]}
    return None


def _records(hint: Any) -> list[type]:
    """The record classes inside an annotation (``X | list[X] | None`` gives ``X``)."""
    out: list[type] = []
    for arg in (typing.get_args(hint) or (hint,)):
        if dataclasses.is_dataclass(arg):
            out.append(arg)  # type: ignore[arg-type]
        elif typing.get_args(arg):
            out += _records(arg)
    return out


def _object_part(prop: dict[str, Any], root: dict[str, Any], kind: str
                 ) -> tuple[dict[str, Any], dict[str, Any]] | None:
    """The object (``kind="object"``) or array-item schema inside a property, with the
    schema it lies in."""
    prop, root = _resolve(prop, root)
    for alt in prop.get("oneOf", [prop]):
        alt, where = _resolve(alt, root)
        types_ = alt.get("type")
        if types_ == kind or (isinstance(types_, list) and kind in types_):
            if kind == "array":
                return _resolve(alt.get("items", {}), where)
            return alt, where
    return None


def check_record(cls: type, obj_schema: dict[str, Any], root: dict[str, Any],
                 where: str) -> None:
    hints = _hints(cls)
    props = obj_schema.get("properties", {})
    missing = set(obj_schema.get("required", [])) - set(hints)
    assert not missing, f"{where}: required by the schema, not a field of {cls.__name__}: {missing}"
    if props:
        unknown = set(hints) - set(props)
        assert not unknown, f"{where}: fields of {cls.__name__} the schema does not name: {unknown}"
    for name, hint in hints.items():
        if name not in props:
            continue
        want = _schema_types(props[name], root)
        got = _python_types(hint)
        if want is not None:
            # a Python float field may hold an integer value: "number" admits "integer"
            assert got == want or (got | {"integer"} == want | {"integer"} and "number" in got), \
                f"{where}.{name}: schema {sorted(want)}, {cls.__name__} {sorted(got)}"
        for record in _records(hint):
            listy = typing.get_origin(hint) is list or any(
                typing.get_origin(a) is list for a in typing.get_args(hint))
            for kind in ("object", "array") if listy else ("object",):
                found = _object_part(props[name], root, kind)
                if found is not None and "properties" in found[0]:
                    check_record(record, found[0], found[1], f"{where}.{name}")


def schema_names() -> list[str]:
    files = resources.files("storyline.schemas").iterdir()
    return sorted(f.name.removesuffix(".schema.json") for f in files
                  if f.name.endswith(".schema.json"))


def test_every_schema_has_a_record() -> None:
    assert schema_names() == sorted(INSTANCES)


@pytest.mark.parametrize("name", sorted(INSTANCES))
def test_schema_and_record_agree(name: str) -> None:
    root = schema(name)
    check_record(type(INSTANCES[name]), root, root, name)


@pytest.mark.parametrize("name", sorted(INSTANCES))
def test_built_record_validates_and_round_trips(name: str) -> None:
    record = INSTANCES[name]
    data = record.to_json()
    validate(name, data)
    assert type(record).from_json(data) == record
    assert list(data) == list(_hints(type(record)))  # fields in the order files hold them


def test_a_field_the_schema_does_not_know_is_caught() -> None:
    @dataclasses.dataclass
    class Wrong:
        id: str
        title: int  # the schema says string or null
        articles: list[str]
        first: str | None
        last: str | None

    with pytest.raises(AssertionError, match="title"):
        check_record(Wrong, schema("stories"), schema("stories"), "stories")
