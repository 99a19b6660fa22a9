"""JSON Schemas of the output files, and a validator for them."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any


@cache
def schema(name: str) -> dict[str, Any]:
    """The JSON Schema of an output: ``articles``, ``events``, ``figures``, ``series``,
    ``stories``, ``timeline`` or ``dyads`` (one row)."""
    text = resources.files("storyline.schemas").joinpath(f"{name}.schema.json").read_text("utf-8")
    return json.loads(text)  # type: ignore[no-any-return]


def validate(name: str, data: Any) -> None:
    """Raise ``jsonschema.ValidationError`` when ``data`` does not fit the schema."""
    import jsonschema

    jsonschema.validate(data, schema(name), format_checker=jsonschema.FormatChecker())
