"""Triggers of session 18: a summons to meet is a request, a summons over a raid a rebuke."""

from __future__ import annotations

import storyline
from tests.test_actors_s16 import _event, _names


def test_a_summons_for_talks_is_a_request_by_the_seat() -> None:
    ev = _event("Liz Ortega, the Corva chairwoman, spoke on Monday. Ortega has been "
                "summoned to the Elysee for talks with the president.", "summoned")
    assert ev.type == "REQUEST"
    assert _names(ev.source) == ["France"]
    assert _names(ev.target) == ["Liz Ortega"]


def test_a_summons_over_a_raid_stays_a_rebuke() -> None:
    ev = _event("Kenya summoned the Ugandan ambassador over the border raid.", "summoned")
    assert ev.type == "ACCUSE"


def test_an_agreement_its_actor_says_it_will_make_is_asserted() -> None:
    ev = _event("Corva said it would settle all claims from the flooded farms.", "settle")
    assert ev.type == "AGREE" and ev.modality == "asserted"


def test_an_agreement_another_is_said_to_make_stays_future() -> None:
    ev = _event("Kenya said Uganda would agree to a ceasefire.", "agree")
    assert ev.modality == "future"
    ev = _event("The two sides will sign a deal next week.", "sign")
    assert ev.modality == "future"


def test_an_unknown_person_travelling_to_a_friend_is_no_visit() -> None:
    events = [e for e in storyline.code(
        "On May 2, her brother Tomas Rehak travelled from Prague to see Lena and used a "
        "spare key to open the flat.", date="2024-05-08") if e.type == "CONSULT"]
    assert not events


def test_a_titled_person_travelling_to_a_leader_is_a_visit() -> None:
    ev = _event("Governor Ruth Calder travelled to Paris to meet Macron.", "travelled")
    assert ev.type == "CONSULT"


def test_an_absolute_with_clause_is_no_partner() -> None:
    events = storyline.code("The utility is still working on a way to seal the pipe, with "
                            "officials saying that could take weeks.", date="2024-05-08")
    assert not [e for e in events if e.type == "COOPERATE"]
    ev = _event("Kenya worked with Uganda, with officials saying the talks went well.",
                "worked")
    assert _names(ev.target) == ["Uganda"]


def test_a_place_after_an_object_is_no_particle() -> None:
    events = storyline.code("She fell ill as she took a bath in the hotel.", date="2024-05-08")
    assert not [e for e in events if e.type == "AID"]
    ev = _event("Jordan took in 300 refugees last week.", "took")
    assert ev.type == "AID"
