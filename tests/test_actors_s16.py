"""Actors of session 16: coordinated names the resolver does not know, titled people."""

from __future__ import annotations

import storyline


def _names(side: object) -> list[str]:
    if side is None:
        return []
    return [a.name for a in side] if isinstance(side, list) else [side.name]  # type: ignore[attr-defined]


def _event(text: str, trigger: str) -> storyline.Event:
    return next(e for e in storyline.code(text, date="2024-05-08")
                if e.mentions[0].trigger is not None and e.mentions[0].trigger.text == trigger)


def test_an_unknown_conjunct_stays_beside_a_known_one() -> None:
    ev = _event("The Northfield Trust and the WHO have sent medicines to Kenya.", "sent")
    names = " ".join(_names(ev.source))
    assert "WHO" in names or "World Health" in names
    assert "Northfield Trust" in names
    assert "Northfield" in _names(ev.source)[0]  # in the order written


def test_a_known_pair_is_unchanged() -> None:
    ev = _event("Oxfam and the WHO have sent medicines to Kenya.", "sent")
    assert len(_names(ev.source)) == 2


def test_the_prime_minister_is_not_the_foreign_minister() -> None:
    ev = _event("Foreign Minister Salim Qadri met Chinese officials on Sunday. The prime "
                "minister criticised the power company for its slow response.", "criticised")
    assert "Salim Qadri" not in _names(ev.source)


def test_a_title_stands_for_the_nearest_person_who_bears_it() -> None:
    text = ("Governor Helen Marsh toured the flooded towns with Mayor Tom Byrne. "
            "The mayor criticised the power company for its slow response.")
    assert _names(_event(text, "criticised").source) == ["Tom Byrne"]


def test_a_nations_waters_or_airspace_is_a_place_not_the_one_acted_on() -> None:
    for text, trig in [("Greek coast guards intercepted a fishing boat in Turkish waters.",
                        "intercepted"),
                       ("The regulator will send letters to every firm that drills in "
                        "Brazilian waters.", "send")]:
        ev = _event(text, trig)
        assert not any(w in " ".join(_names(ev.target)) for w in ("waters", "Turkey", "Brazil"))


def test_a_counted_group_the_tagger_took_for_a_quantity_is_still_acted_on() -> None:
    ev = _event("The Greek coastguard detained 40 migrants.", "detained")
    assert "migrants" in " ".join(_names(ev.target))
    assert ev.source is not None and "GRC" in str(ev.source.id)  # type: ignore[union-attr]


def test_blame_drawn_from_someone_is_their_accusation() -> None:
    ev = _event("The Chinese government has drawn complaints from Mexico over the "
                "quarantine.", "drawn")
    assert ev.type == "ACCUSE"
    assert "Mexico" in " ".join(_names(ev.source))
    assert "Chinese" in " ".join(_names(ev.target)) or "China" in " ".join(_names(ev.target))


def test_a_lawsuit_faced_is_against_the_one_who_faces_it() -> None:
    ev = _event("Northgate Energy faces hundreds of lawsuits over the spill.", "faces")
    assert ev.type == "ACCUSE" and ev.source is None
    assert "Northgate Energy" in " ".join(_names(ev.target))


def test_support_gained_is_unchanged() -> None:
    ev = _event("Kenya gained support from the African Union.", "gained")
    assert ev.type == "SUPPORT" and "African Union" in " ".join(_names(ev.source))


def test_telling_a_journalist_is_no_meeting() -> None:
    for text in ("The president told CNN's Larry King on Thursday that he was furious.",
                 "The president told BBC presenter Ann Lee that he was furious."):
        assert not any(e.type == "CONSULT" for e in storyline.code(text, date="2010-07-06"))
    kept = storyline.code("The president told Chancellor Merkel on Thursday that he was "
                          "furious.", date="2010-07-06")
    assert any(e.type == "CONSULT" for e in kept)


def test_told_that_someone_had_to_act_is_a_demand() -> None:
    events = storyline.code("The envoy told Putin that Russia had to withdraw its troops.",
                            date="2010-07-06")
    told = next(e for e in events if e.mentions[0].trigger is not None
                and e.mentions[0].trigger.text == "told")
    assert told.type == "REQUEST"


def test_suspending_ones_own_search_sanctions_no_one() -> None:
    for text in ("A storm forced the coast guard to suspend the search.",
                 "Crews halted the rescue operation at night.",
                 "Bad weather caused cleanup efforts to be suspended over the weekend."):
        assert not any(e.type == "SANCTION" for e in storyline.code(text, date="2010-05-03"))
    assert any(e.type == "SANCTION" for e in storyline.code(
        "Israel halted the aid operation to Gaza.", date="2010-05-03"))


def test_wanting_another_to_act_is_a_demand_on_them() -> None:
    ev = _event("Turkey wants Russia to rein in the regime.", "wants")
    assert ev.type == "REQUEST"
    assert "Russia" in " ".join(_names(ev.target))
    # wanting to act oneself is no demand
    assert not any(e.type == "REQUEST" for e in storyline.code(
        "Russia wants to join the talks.", date="2010-05-03"))
