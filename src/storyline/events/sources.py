"""Sources the text leaves implicit: rules of ``data/rules/sources.json``.

When no named, described or reported source is found, :func:`implied_source` gives the one
an analyst would write: a passive arrest, fine or sentence with no agent is the
authorities' act (the ``authorities`` rule, with its example; ``tests/test_sources.py``
codes it).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import lru_cache
from importlib.resources import files
from typing import Any

from storyline.events.syntax import _lemma, _Trig
from storyline.events.targets import main_country
from storyline.model import Actor, Location, PlaceMention


@lru_cache(maxsize=1)
def rules() -> dict[str, Any]:
    """The source rules (``data/rules/sources.json``)."""
    data: dict[str, Any] = json.loads(files("storyline").joinpath(
        "data/rules/sources.json").read_text(encoding="utf-8"))
    return data


def implied_source(trig: _Trig, target: Actor | list[Actor] | None,
                   location: Location | None, places: Sequence[PlaceMention]) -> Actor | None:
    """The authorities of a passive coercive act without agent, or None."""
    rule = rules()["authorities"]
    tok = trig.token
    if not trig.verbal or trig.type not in rule["types"] or _lemma(tok) not in rule["lemmas"]:
        return None
    if not any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children) or any(
            c.dep_ == "agent" for c in tok.children):
        return None
    acted = target if isinstance(target, list) else [target] if target is not None else []
    if any(a.role in rule["patient_roles_excluded"] for a in acted):
        return None
    iso3 = (location.country if location is not None else None) or main_country(places)
    if iso3 is None:
        return None
    from storyline.annotate.actors import country_actor
    from storyline.knowledge import load_knowledge

    return country_actor(load_knowledge(), iso3, "GOV", "authorities")
