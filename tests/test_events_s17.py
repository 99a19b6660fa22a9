"""Event rules of session 17: passives sharing a "was" or under "expected to", an
audience addressed, fuel burned, an infinitive with its own "for" subject."""

from __future__ import annotations

import storyline
from tests.test_actors_s16 import _event, _names


def _events(text: str) -> list[storyline.Event]:
    return storyline.code(text, date="2024-05-08")


def test_a_participle_sharing_a_passive_was_acts_on_its_subject() -> None:
    ev = _event("The two farmers were detained and later released by police.", "released")
    assert any("police" in n for n in _names(ev.source))
    assert any("farmers" in n for n in _names(ev.target))


def test_a_participle_with_its_own_target_is_active() -> None:
    ev = _event("The army was deployed and fired on protesters.", "fired")
    assert any("army" in n for n in _names(ev.source))
    assert any("protesters" in n for n in _names(ev.target))


def test_a_passive_infinitive_acts_on_the_controller() -> None:
    ev = _event("Omar Haddad was arrested in Ohio and is expected to be arraigned in "
                "Chicago next week.", "arraigned")
    assert not any("Haddad" in n for n in _names(ev.source))
    assert any("Haddad" in n for n in _names(ev.target))


def test_speaking_to_investors_is_no_consultation() -> None:
    evs = _events("The chief executive will speak to investors on July 27.")
    assert not any(e.type == "CONSULT" for e in evs)


def test_speaking_to_a_minister_is_still_a_consultation() -> None:
    ev = _event("The chief executive spoke to Foreign Minister Ana Ruiz on Monday.", "spoke")
    assert ev.type == "CONSULT"


def test_meeting_investors_may_be_diplomacy() -> None:
    ev = _event("The president met investors from Japan in Tokyo.", "met")
    assert ev.type == "CONSULT"


def test_burning_fuel_is_no_attack() -> None:
    evs = _events("Crews have skimmed or burned about half of the amount they collected "
                  "near the coast.")
    assert not any(e.type == "ASSAULT" for e in evs)


def test_burning_a_building_is_an_attack() -> None:
    ev = _event("Rioters burned the embassy on Friday.", "burned")
    assert ev.type == "ASSAULT"


def test_an_infinitive_with_its_own_for_subject_is_not_a_report() -> None:
    ev = _event("Critics attacked him so fiercely that it would have been hard for many "
                "party leaders to endorse him.", "endorse")
    assert ev.modality == "hypothetical"


def test_telling_a_companys_chairman_is_an_exchange() -> None:
    ev = _event("Keller yesterday told the Acme chairman that he expected answers.", "told")
    assert ev.type == "CONSULT"
    assert any("Acme" in n for n in _names(ev.target))


def test_telling_a_broadcasters_host_is_still_the_media() -> None:
    evs = _events("Keller told ABC's host Dana Wells that he expected answers.")
    assert not any(e.type == "CONSULT" for e in evs)


def test_funding_publicity_is_no_aid() -> None:
    evs = _events("The company funded a television advertising campaign on Monday.")
    assert not any(e.type == "AID" for e in evs)


def test_funding_a_project_abroad_is_aid() -> None:
    ev = _event("The EU funded a water project in Gaza.", "funded")
    assert ev.type == "AID"


def test_later_today_is_still_ahead() -> None:
    ev = _event("The prime minister travels to Ottawa later today for talks with the "
                "Canadian president.", "travels")
    assert ev.modality == "future"


def test_later_that_day_is_a_past_narrative() -> None:
    ev = _event("The two leaders met later that day in Paris.", "met")
    assert ev.modality == "asserted"


def test_aid_workers_arriving_in_a_place_is_aid() -> None:
    ev = _event("Norwegian aid workers have arrived in Port-au-Prince.", "arrived")
    assert ev.type == "AID"


def test_aid_workers_coming_under_fire_is_no_aid() -> None:
    evs = _events("Aid workers came under fire in Kandahar.")
    assert not any(e.type == "AID" for e in evs)


def test_peacekeepers_returning_to_base_is_no_aid() -> None:
    evs = _events("Peacekeepers returned to their base.")
    assert not any(e.type == "AID" for e in evs)


def test_a_relief_effort_in_an_article_without_places_has_no_target() -> None:
    ev = _event("The government has given $6m to the relief effort.", "given")
    assert ev.target is None


def test_a_relief_effort_at_home_helps_the_givers_own_people() -> None:
    ev = _event("Floods swept through Cumbria and Yorkshire in England last week. The British "
                "government has given $6m to the relief effort.", "given")
    assert ev.target is not None and not isinstance(ev.target, list)
    assert ev.target.country == "GBR"


def test_a_relief_effort_abroad_helps_the_stricken_country() -> None:
    ev = _event("An earthquake struck Ecuador on Saturday, and aftershocks shook Quito and "
                "Guayaquil. The British government has given $6m to the relief effort.",
                "given")
    assert ev.target is not None and not isinstance(ev.target, list)
    assert ev.target.country == "ECU"


def _on(text: str, date: str, trigger: str) -> storyline.Event:
    return next(e for e in storyline.code(text, date=date)
                if e.mentions[0].trigger is not None and e.mentions[0].trigger.text == trigger)


# 2024-05-07 is a Tuesday
_LEAD = ("Rebels shelled the port of Kismayo on Monday, killing four people. The governor "
         "condemned the rebels at a news conference.")


def test_undated_reports_take_the_day_the_lead_reports() -> None:
    assert _on(_LEAD, "2024-05-07", "condemned").date.start == "2024-05-06"


def test_a_lead_day_far_before_publication_is_not_the_news_day() -> None:
    assert _on(_LEAD, "2024-05-13", "condemned").date.start == "2024-05-13"


def test_recently_dates_up_to_publication() -> None:
    text = ("Rebels shelled the port of Kismayo on Monday. The army has recently reinforced "
            "its posts around the town.")
    assert _on(text, "2024-05-07", "reinforced").date.start == "2024-05-07"
