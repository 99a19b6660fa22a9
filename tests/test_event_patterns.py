"""The registered verb patterns (:mod:`storyline.events.patterns`): every rule's example is
coded through :func:`storyline.code` and gets the rule's type, and the rule is the one that
fires on it (HeidelTime convention: a rule ships with a sentence it must code)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import pytest

import storyline
from storyline.events import patterns as pt
from storyline.events.syntax import _lemma


@lru_cache(maxsize=1)
def _nlp() -> Any:
    from storyline.annotate.stage import load_nlp

    return load_nlp()


def _fires(r: pt.Rule) -> bool:
    """Whether ``r`` is the rule that fires on some verb of its own example."""
    for tok in _nlp()(r.example):
        if not (tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB")):
            continue
        lem, preps = _lemma(tok), pt.prep_objects(tok)
        got = pt.fired(r.stage, tok, lem, preps)
        if got is r and (r.stage == "early" or pt.fired("early", tok, lem, preps) is None):
            return True
    return False


# Rules the bundled model never reaches: kept so behaviour stays as it was, marked so that a
# parse that starts reaching them is noticed (strict xfail).
DORMANT = {
    "wanted": "the bundled spaCy model parses 'wants X to V' as nsubj + ccomp, never dobj + xcomp",
}


@pytest.mark.parametrize("r", [pytest.param(r, id=r.name, marks=pytest.mark.xfail(
    strict=True, reason=DORMANT[r.name])) if r.name in DORMANT else pytest.param(r, id=r.name)
    for r in pt.RULES])
def test_rule_codes_its_example(r: pt.Rule) -> None:
    assert _fires(r), f"rule {r.name} does not fire on its example {r.example!r}"
    types = [e.type for e in storyline.code(r.example, date="2024-05-06")]
    if r.expect is None:
        assert types == [], f"{r.example!r}: expected no event, got {types}"
    else:
        assert r.expect in types, f"{r.example!r}: expected {r.expect}, got {types}"


def test_rules_are_well_formed() -> None:
    names = [r.name for r in pt.RULES]
    assert len(names) == len(set(names))
    for r in pt.RULES:
        assert r.example.strip() and r.stage in ("early", "late")
        if r.gives is not None:
            assert r.expect == r.gives[0] or r.expect is None


def test_index_dispatches_in_definition_order() -> None:
    # a lemma's rules are its own and the any-verb rules, in the order they were defined
    for stage in ("early", "late"):
        staged = [r for r in pt.RULES if r.stage == stage]
        for lem in {x for r in staged for x in (r.lemmas or ())}:
            want = [r for r in staged if r.lemmas is None or lem in r.lemmas]
            assert list(pt._INDEX[stage][lem]) == want
        assert list(pt._ANY[stage]) == [r for r in staged if r.lemmas is None]


def test_unknown_stage_is_refused() -> None:
    with pytest.raises(ValueError):
        pt.rule("go", gives=("CONSULT", None), example="x", stage="middle")
