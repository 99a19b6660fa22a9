"""Verb patterns and dating fixed in session 15 (storyline issue 11), each with an invented
example: a reproach is no request, help got ready is aid, a successor seizes nothing, and a
relative clause keeps its own date."""

from __future__ import annotations

from storyline.api import Record, code_records
from storyline.model import Event


def _events(text: str, dct: str = "2024-05-08") -> list[Event]:
    return list(next(code_records([Record(text, "1", dct)])).events)


def _names(side: object) -> list[str]:
    if side is None:
        return []
    return [a.text for a in (side if isinstance(side, list) else [side])]  # type: ignore[attr-defined]


def test_should_have_is_a_reproach_of_the_one_who_failed() -> None:
    evs = _events("Critics said the coast guard should have sent more boats.")
    assert [e.type for e in evs] == ["ACCUSE"]
    assert "coast guard" in " ".join(_names(evs[0].target))


def test_a_counterfactual_about_a_thing_is_no_request() -> None:
    evs = _events("The county office said a complaint should have been filed.")
    assert "REQUEST" not in [e.type for e in evs]


def test_should_without_have_is_still_an_appeal() -> None:
    evs = _events("The minister said all parties should respect the truce.")
    assert [e.type for e in evs] == ["REQUEST"]


def test_mobilised_to_help_is_aid() -> None:
    evs = _events("Relief groups have mobilised to help the flood victims.")
    assert [e.type for e in evs] == ["AID"]
    evs = _events("The army mobilised 5,000 reservists.")
    assert [e.type for e in evs] == ["MOBILIZE"]


def test_taking_over_from_a_person_is_no_seizure() -> None:
    evs = _events("Bob Ruiz, who takes over from Ann Cole as chief executive, spoke on Friday.")
    assert "COERCE" not in [e.type for e in evs]
    evs = _events("Rebels took over the town on Sunday.")
    assert [e.type for e in evs] == ["COERCE"]


def test_a_relative_clause_keeps_its_date() -> None:
    evs = _events("Ana Diaz, who formally takes over from Tom Reyes on 1 October, spoke to "
                  "lawmakers.", "2024-05-08")  # (speaking to investors is no CONSULT)
    spoke = [e for e in evs if e.type == "CONSULT"]
    assert spoke and spoke[0].date.start == "2024-05-08"


def test_a_relative_clause_of_speech_dates_the_act_it_voices() -> None:
    evs = _events("The plan won strong support from the mayor, Ann Cole, who said on "
                  "3 May that it would save the port.", "2024-05-08")
    sup = [e for e in evs if e.type == "SUPPORT"]
    assert sup and sup[0].date.start == "2024-05-03", [(e.type, e.date) for e in evs]


def test_it_said_by_a_spokesman_is_the_body_he_speaks_for() -> None:
    evs = _events("A spokesman for Helix Oil said it denied any knowledge of the leak.")
    assert evs and "Helix Oil" in " ".join(_names(evs[0].source))
    evs = _events("A spokeswoman at Helix Oil headquarters in Oslo said it denied the claim.")
    assert evs and "Helix Oil" in " ".join(_names(evs[0].source))



def test_an_act_ordered_of_ones_own_forces_is_the_orderers() -> None:
    evs = _events("President Rojas ordered troops to withdraw from the border on Monday.")
    ret = [e for e in evs if e.type == "RETREAT"]
    assert ret and "Rojas" in " ".join(_names(ret[0].source))
