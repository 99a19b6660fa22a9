"""Implied sources (``data/rules/sources.json``): each rule's example is coded as it says."""

from __future__ import annotations

import re

from storyline.events.sources import rules
from tests.test_actors_s16 import _event, _names


def test_the_authorities_rule_codes_its_example() -> None:
    rule = rules()["authorities"]
    sentence, expected = rule["example"].split(" -> ")
    verb = next(w for w in re.findall(r"[a-z]+", sentence) if w.startswith("detain"))
    ev = _event(sentence, verb)
    assert ev.source is not None and not isinstance(ev.source, list)
    name = re.match(r"source: (\w+) \((\w+)\)", expected)
    assert name is not None
    assert ev.source.name == name[1] and ev.source.role == name[2]


def test_a_kidnapping_has_no_implied_authority() -> None:
    ev = _event("Two nurses were kidnapped in Mombasa on Friday.", "kidnapped")
    assert ev.source is None or "Kenya" not in _names(ev.source)


def test_an_agent_or_a_state_patient_gets_no_implied_authority() -> None:
    ev = _event("Two truck drivers were detained in Mombasa by the rebels.", "detained")
    assert "Kenya" not in _names(ev.source)
    ev = _event("Two Kenyan officials were detained in Mombasa on Friday.", "detained")
    assert "Kenya" not in _names(ev.source)
