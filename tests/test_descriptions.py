"""Definite descriptions stand for the actor named before them (rules as data)."""

from __future__ import annotations

import json
from importlib.resources import files

import pytest

import storyline

SPEC = json.loads(files("storyline").joinpath("data/rules/descriptions.json")
                  .read_text(encoding="utf-8"))


def _names(side: object) -> list[str]:
    if side is None:
        return []
    return [a.name for a in side] if isinstance(side, list) else [side.name]  # type: ignore[attr-defined]


@pytest.mark.parametrize("example", SPEC["examples"], ids=lambda e: e["trigger"])
def test_description_example_gives_its_source(example: dict) -> None:
    events = storyline.code(example["text"], date="2024-05-08")
    ev = next(e for e in events if e.mentions[0].trigger is not None
              and e.mentions[0].trigger.text == example["trigger"])
    assert example["source"] in _names(ev.source)


def test_every_head_lists_roles_and_company_words_are_heads() -> None:
    assert all(isinstance(v, list) and v for v in SPEC["heads"].values())
    assert set(SPEC["organisation_heads"]) <= set(SPEC["heads"])


def test_a_description_naming_its_own_actor_is_not_an_anaphor() -> None:
    text = ("Northgate Energy reported a loss on Monday. The Turkish ministry accused "
            "the regulator of delays.")
    ev = next(e for e in storyline.code(text, date="2024-05-08") if e.type == "ACCUSE")
    assert "Northgate Energy" not in _names(ev.source)


def test_no_antecedent_of_the_role_leaves_the_source_empty() -> None:
    text = "Heavy rain fell on Monday. The company accused the regulator of delays."
    ev = next(e for e in storyline.code(text, date="2024-05-08") if e.type == "ACCUSE")
    assert ev.source is None or "company" in " ".join(_names(ev.source)).lower()
