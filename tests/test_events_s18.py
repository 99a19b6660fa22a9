"""Triggers of session 18: a summons to meet is a request, a summons over a raid a rebuke."""

from __future__ import annotations

from tests.test_actors_s16 import _event, _names


def test_a_summons_for_talks_is_a_request_by_the_seat() -> None:
    ev = _event("Liz Ortega, the Corva chairwoman, spoke on Monday. Ortega has been "
                "summoned to the White House for talks with the president.", "summoned")
    assert ev.type == "REQUEST"
    assert _names(ev.source) == ["United States"]
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
