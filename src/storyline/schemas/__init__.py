"""JSON Schemas of the output files, and a validator for them."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any


@cache
def schema(name: str) -> dict[str, Any]:
    """The JSON Schema of an output: ``articles``, ``events``, ``figures``, ``series``,
    ``stories``, ``timeline``, ``dyads`` (one row) or ``code`` (one ``storyline code``
    output line)."""
    text = resources.files("storyline.schemas").joinpath(f"{name}.schema.json").read_text("utf-8")
    return json.loads(text)  # type: ignore[no-any-return]


NAMES = ("articles", "events", "figures", "series", "stories", "timeline", "dyads", "code")


@cache
def _registry() -> Any:
    """Every schema by its ``$id``, so one may refer to another (``code`` to ``events``)."""
    from referencing import Registry, Resource

    return Registry().with_resources(
        (schema(n)["$id"], Resource.from_contents(schema(n))) for n in NAMES)


def validate(name: str, data: Any) -> None:
    """Raise ``jsonschema.ValidationError`` when ``data`` does not fit the schema."""
    import jsonschema

    cls = jsonschema.validators.validator_for(schema(name))
    cls(schema(name), registry=_registry(),
        format_checker=jsonschema.FormatChecker()).validate(data)
