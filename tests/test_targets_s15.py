"""Targets of whole news articles, session 15 (storyline issue 11): where an agreement
was made is not who it was made with."""

from __future__ import annotations

import pytest

from storyline.api import Record, code_records


@pytest.mark.parametrize("text", [
    "In March, the two presidents signed a truce in the Black Sea resort of Sochi.",
    "The ministers agreed a ceasefire in the Austrian city of Vienna on Friday.",
])
def test_the_venue_of_an_agreement_is_not_its_target(text: str) -> None:
    coded = next(code_records([Record(text, "1", "2024-05-08")]))
    assert coded.main is not None, text
    ev = coded.events[coded.main]
    assert ev.type == "AGREE"
    assert ev.target is None, ev.target


def test_a_curfew_in_a_place_still_lands_on_its_people() -> None:
    coded = next(code_records([Record(
        "Police imposed a night curfew in the Georgian town of Gori on Tuesday.", "1",
        "2024-05-08")]))
    assert coded.main is not None
    ev = coded.events[coded.main]
    assert ev.type == "COERCE"
    assert ev.target is not None and not isinstance(ev.target, list)
    assert "Gori" in ev.target.text


@pytest.mark.parametrize(("text", "target"), [
    ("The ministry banned imports of pork from Peru.", "Peru"),
    ("The government said it would send aid to Haiti.", "Haiti"),
])
def test_a_body_of_no_stated_country_keeps_the_country_it_acts_on(text: str,
                                                                   target: str) -> None:
    coded = next(code_records([Record(text, "1", "2024-05-08")]))
    assert coded.main is not None, text
    ev = coded.events[coded.main]
    assert ev.target is not None and not isinstance(ev.target, list), ev.target
    assert ev.target.text == target
    assert not isinstance(ev.source, list) and ev.source is not None
    assert ev.source.country is None


def test_a_body_named_with_its_country_is_still_that_country() -> None:
    coded = next(code_records([Record("Peru's ministry banned imports of pork.", "1",
                                      "2024-05-08")]))
    assert coded.main is not None
    src = coded.events[coded.main].source
    assert src is not None and not isinstance(src, list) and src.country == "PER"
