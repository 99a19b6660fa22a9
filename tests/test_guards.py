"""Every guard drops its own example and keeps its counter-example (rules as data)."""

from __future__ import annotations

import pytest

import storyline
from storyline.annotate.stage import load_nlp
from storyline.events.guards import _GUARDS, dropped_by, rules


@pytest.mark.parametrize("rule", rules(), ids=lambda r: r["name"])
def test_guard_drops_its_example_and_keeps_its_counter_example(
        rule: dict, monkeypatch: pytest.MonkeyPatch) -> None:
    assert rule["name"] in _GUARDS, "every guard entry has a registered function"
    first_line = rule["example"].split("\n")[0]
    # without the guard, the coder does find an "event" in the example: the guard is what
    # drops it
    monkeypatch.setitem(_GUARDS, rule["name"], lambda *_a: False)
    unguarded = storyline.code(rule["example"], date="2024-05-08")
    assert [e for e in unguarded if e.mentions[0].start < len(first_line)]
    monkeypatch.undo()
    # the example's first line is what the guard drops (a later line may give context)
    first = rule["example"].split("\n")[0]
    events = storyline.code(rule["example"], date="2024-05-08")
    assert not [e for e in events if e.mentions[0].start < len(first)]
    assert storyline.code(rule["keeps"], date="2024-05-08")


def test_first_person_inside_quotes_is_reporting() -> None:
    doc = load_nlp()("\"We will not accept this,\" the minister told reporters.")
    verb = next(t for t in doc if t.lemma_ == "accept")
    assert dropped_by(verb) is None


def test_a_lower_case_i_inside_a_name_is_no_first_person() -> None:
    # "Jamiat-i-Islami": the parser may read the "i" as the pronoun
    events = storyline.code("The court rejected the Jamiat - i - Islami request for a "
                            "recount.", date="2024-05-08")
    assert any(e.type == "REJECT" for e in events)


def test_a_page_word_between_two_actors_is_no_page_furniture() -> None:
    events = storyline.code("Ethiopian Prime Minister Abiy Ahmed held bilateral discussions "
                            "with Kenyan President William Ruto in Nairobi.", date="2024-05-08")
    assert any(e.type == "CONSULT" and e.target is not None for e in events)


def test_a_named_actor_in_a_sentence_of_its_own_is_reporting_despite_our() -> None:
    # a sentence the user gave, with reported words in it ("our") but no quotation marks
    text = "Japan is ready to provide our engineering expertise to the African Union."
    assert any(e.target is not None for e in storyline.code(text, date="2024-05-08"))
    # within a page of several lines, the same sentence stays page text
    page = "Menu\nJapan is ready to provide our engineering expertise to the African Union."
    assert not storyline.code(page, date="2024-05-08")


def test_an_owned_installation_does_not_act() -> None:
    rule = next(r for r in rules() if r["name"] == "non_agent_subject")
    assert not storyline.code(rule["machine_example"], date="2024-05-08")
    # a participle clause of an attack still has its attackers
    assert storyline.code("Rebels shelled the village, killing nine soldiers.",
                          date="2024-05-08")


def test_a_service_line_with_a_phone_number_is_the_page_talking() -> None:
    rule = next(r for r in rules() if r["name"] == "not_reporting")
    assert not storyline.code(rule["phone_example"], date="2024-05-08")
    # big counts and year ranges are no phone numbers
    assert storyline.code("Rebels attacked 1,200,000 refugees in the 2009-2010 offensive, "
                          "aid groups said.", date="2024-05-08")
