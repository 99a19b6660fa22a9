"""Actors behind spokespeople, group nouns with their modifiers, and the words of an
object that type its verb (sentences written for these tests)."""

from __future__ import annotations

import pytest

import storyline
from storyline.model import Actor, Event


def _names(side: Actor | list[Actor] | None) -> list[str]:
    if side is None:
        return []
    return [a.name for a in (side if isinstance(side, list) else [side])]


def _main(text: str) -> Event:
    events = storyline.code(text, date="2024-03-05")
    assert events, f"no event in {text!r}"
    return events[0]


def test_spokesman_for_a_body_is_the_body() -> None:
    ev = _main("A spokesman for the ministry denied that the talks had collapsed.")
    assert ev.type == "REJECT"
    assert [n.lower() for n in _names(ev.source)] == ["the ministry"]
    assert ev.target is None  # the ministry is who denies, not whom


def test_officials_at_a_named_ministry_are_the_ministry() -> None:
    ev = _main("Officials at the Interior Ministry accused the rebels of planning the attack.")
    assert ev.type == "ACCUSE"
    assert [n.lower() for n in _names(ev.source)] == ["the interior ministry"]


def test_named_spokesman_brings_his_company() -> None:
    ev = _main("Exxon spokesman John Baker rejected the claims on Sunday.")
    assert _names(ev.source) == ["John Baker", "Exxon"]


def test_group_noun_with_its_modifier_has_a_role() -> None:
    ev = _main("Rights groups called for the officers to be prosecuted.")
    assert ev.type == "REQUEST"
    assert isinstance(ev.source, Actor) and ev.source.role == "NGO"


@pytest.mark.parametrize(("text", "typ"), [
    ("The army cut internet services across the province.", "COERCE"),
    ("The United States announced $20 million in emergency assistance for flood victims.",
     "AID"),
    ("The two countries inaugurated a gas pipeline linking their grids.", "COOPERATE"),
    ("Qatar paid the salaries of teachers in the territory for six months.", "AID"),
    ("Norway will contribute troops to the UN mission in Mali.", "AID"),
])
def test_object_words_type_the_verb(text: str, typ: str) -> None:
    assert _main(text).type == typ


def test_working_with_people_served_is_no_event() -> None:
    assert storyline.code("She worked with children for ten years.", date="2024-03-05") == []


def test_rebels_holding_a_named_site_are_that_countrys_rebels() -> None:
    ev = _main("Government jets renewed their raids on rebel-held Idlib on Sunday.")
    assert ev.type == "ASSAULT"
    assert isinstance(ev.target, Actor) and ev.target.role == "REB"
    assert ev.target.country == "SYR"


def test_a_pledge_to_punish_is_a_threat_and_a_pledge_to_build_a_promise() -> None:
    assert _main("The prosecutor vowed to punish the officials behind the fraud.").type \
        == "THREATEN"
    assert _main("The governor swore to hold the contractor accountable.").type == "THREATEN"
    assert _main("The mayor vowed to rebuild the flooded school.").type == "AGREE"


def test_a_person_leaving_a_company_is_no_withdrawal_but_a_state_leaving_a_bloc_is() -> None:
    events = storyline.code("The founder, who quit the publisher in 2001, now runs a charity.",
                            date="2024-03-05")
    assert not [e for e in events if e.type == "SANCTION"]
    assert _main("Mali pulled out of the regional bloc.").type == "SANCTION"


def test_a_prison_sentence_is_coercion_and_a_conviction_a_sanction() -> None:
    assert _main("A judge sentenced the former mayor to six years in prison.").type == "COERCE"
    assert _main("The court convicted the former mayor of fraud.").type == "SANCTION"
