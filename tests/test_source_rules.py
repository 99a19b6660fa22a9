"""Who acts, when the text names them by a group noun, a quote, an affiliation, a
possessor or as the one who reports a passive act (session 14 rules, each with its
example in our own words)."""

from __future__ import annotations

import storyline
from storyline.model import Actor


def _sources(text: str, typ: str) -> list[Actor]:
    events = [e for e in storyline.code(text, date="2024-03-06") if e.type == typ]
    assert events, f"no {typ} event in {text!r}"
    src = events[0].source
    if src is None:
        return []
    return src if isinstance(src, list) else [src]


def test_a_group_noun_of_a_known_role_is_the_source() -> None:
    (src,) = _sources("Several big unions are backing Governor Alvarez.", "SUPPORT")
    assert "unions" in src.text and src.role == "CVL"


def test_office_holders_named_by_their_office_act_as_a_group() -> None:
    (src,) = _sources("The mayors endorsed Senator Hollis on Tuesday.", "SUPPORT")
    assert "mayors" in src.text and src.role == "GOV"


def test_a_described_pair_with_no_one_before_it_names_no_one() -> None:
    # "the two leaders" stands for people named before; with none, nobody is invented
    assert _sources("The two leaders met in Geneva on Monday.", "CONSULT") == []


def test_we_in_a_direct_quote_is_the_speaker() -> None:
    (src,) = _sources('"We have agreed a framework with the unions," Dana Kowalczyk told '
                      'reporters.', "AGREE")
    assert "Kowalczyk" in src.text


def test_we_outside_quotes_is_not_the_speaker() -> None:
    assert _sources("Dana Kowalczyk said we would agree a framework.", "AGREE") == []


def test_someone_from_a_body_acts_for_it() -> None:
    (src,) = _sources("Someone from the sheriff's office requested the camera footage.",
                      "REQUEST")
    assert "sheriff" in src.text.lower() and src.role == "GOV"


def test_the_owner_of_a_decision_does_what_it_decides() -> None:
    (src,) = _sources("Norway's decision to withdraw its troops from the mission surprised "
                      "its allies.", "RETREAT")
    assert src.country == "NOR"


def test_an_authority_reporting_a_passive_arrest_made_it() -> None:
    (src,) = _sources("Police said four men were arrested in the port on Tuesday.", "COERCE")
    assert src.role == "GOV"


def test_a_body_reporting_a_killing_is_not_its_author() -> None:
    events = [e for e in storyline.code("The agency said 30 villagers were killed.",
                                        date="2024-03-06") if e.type == "ASSAULT"]
    assert all(e.source is None for e in events)


def test_a_descriptor_before_an_unknown_name_gives_its_role() -> None:
    (src,) = _sources("Shipping regulator Marvex rejected the request on Monday.", "REJECT")
    assert "Marvex" in src.text and src.role == "GOV"


def test_its_army_in_what_a_state_reports_is_that_state_s_army() -> None:
    (src,) = _sources("Norway said its army would withdraw from the town.", "RETREAT")
    assert src.country == "NOR" and src.role == "MIL"


def test_the_two_leaders_of_two_states_named_together_are_their_governments() -> None:
    from storyline.api import Record, code_records

    text = ("Polish and Czech officials have every reason to settle the dispute, an analyst "
            "said. In March, the two leaders signed a deal on the river border.")
    coded = next(code_records([Record(text, "1", "2024-05-08")]))
    agree = [e for e in coded.events if e.type == "AGREE" and e.modality == "asserted"]
    assert agree and isinstance(agree[0].source, list)
    assert {a.country for a in agree[0].source} == {"POL", "CZE"}
