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
