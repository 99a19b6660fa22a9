"""Targets of whole news articles that the object alone does not give (storyline issue 11):
a group described by a pronoun and a clause ("those behind the fraud"), the
object of a phrasal verb in a promised act ("look after"), the one a letter or call
asking for something goes to, the world as a whole, the public as "people", and the
recipient of what is paid "in claims to" someone."""

from __future__ import annotations

from typing import Any

import pytest

from storyline.api import Record, code_records
from storyline.model import Actor


def _main(text: str) -> tuple[str, list[Actor]]:
    coded = next(code_records([Record(text, "1", "2024-05-08")]))
    assert coded.main is not None, text
    ev = coded.events[coded.main]
    tgt: Any = ev.target
    return ev.type, (tgt if isinstance(tgt, list) else [tgt] if tgt else [])


def _texts(text: str) -> list[str]:
    return [a.text for a in _main(text)[1]]


@pytest.mark.parametrize(("text", "target"), [
    ("Police detained all those who took part in the march.",
     "those who took part in the march"),
    # the parser hangs "those" on the adjective of "hold accountable"
    ("The prosecutor has promised to hold accountable those responsible for any failure "
     "of the dam.", "those responsible for any failure of the dam"),
    ("The minister vowed to compensate those affected by the floods in the valley.",
     "those affected by the floods"),
])
def test_a_described_pronoun_is_the_group_it_describes(text: str, target: str) -> None:
    got = _texts(text)
    assert any(t.startswith(target) for t in got), got


def test_a_group_harmed_is_civilians_and_a_bare_pronoun_is_no_group() -> None:
    _, tgt = _main("The minister vowed to compensate those affected by the floods.")
    assert [a.role for a in tgt] == ["CVL"]
    assert _texts("Police detained those.") == []


@pytest.mark.parametrize(("text", "target"), [
    ("The mining company promised to look after families driven from the valley.",
     "families driven from the valley"),
    ("The governor pledged to care for families left homeless by the storm.",
     "families left homeless by the storm"),
])
def test_the_object_of_a_phrasal_verb_in_a_promised_act(text: str, target: str) -> None:
    assert _texts(text) == [target]


@pytest.mark.parametrize(("text", "target"), [
    ("The mayor wrote to the transport minister on Monday, asking for more buses.",
     "transport minister"),
    # the apposition names the person, not the title's company
    ("The union wrote a letter to the labour minister, Ana Ruiz, asking for talks on pay.",
     "Ana Ruiz"),
])
def test_a_request_in_a_letter_is_made_of_its_addressee(text: str, target: str) -> None:
    typ, _ = _main(text)
    got = _texts(text)
    assert typ == "REQUEST"
    assert any(target in t for t in got), got
    assert not any("buses" in t or "talks" in t for t in got), got


def test_the_whole_world_is_the_international_community() -> None:
    _, tgt = _main("The UN chief called on the whole world to help the flood victims.")
    assert [(a.name, a.role) for a in tgt] == [("international community", "IGO")]


def test_people_asked_by_ministers_are_the_public_of_the_story_country() -> None:
    _, tgt = _main("British ministers urged people not to travel during the strike.")
    assert [(a.country, a.role) for a in tgt] == [("GBR", "CVL")]


def test_the_recipient_of_a_sum_paid_in_claims() -> None:
    assert _texts("The insurer has paid out $12m in claims to farmers hit by the "
                  "drought.") == ["farmers hit by the drought"]


def test_a_recipient_is_written_with_the_participle_that_says_which() -> None:
    assert _texts("The agency handed food to families displaced by the floods.") == [
        "families displaced by the floods"]
