"""Every target rule of data/rules/targets.json finds its example's target, and only the
rule finds it (rules as data, each with its example); places where something happens are
no targets."""

from __future__ import annotations

from typing import Any

import pytest

from storyline.api import Record, code_records
from storyline.events import extract, ranker, targets
from storyline.events.targets import rules


def _examples() -> list[tuple[str, str, str]]:
    out = []
    for name, spec in rules().items():
        if not isinstance(spec, dict):
            continue
        for r in spec.get("rules", [spec]):
            out.append((name, r["example"], r["target"]))
    return out


def _main_target(text: str) -> list[str]:
    coded = next(code_records([Record(text, "1", "2024-05-08")]))
    assert coded.main is not None, text
    tgt: Any = coded.events[coded.main].target
    return [a.text for a in (tgt if isinstance(tgt, list) else [tgt] if tgt else [])]


@pytest.mark.parametrize(("name", "example", "target"), _examples(),
                         ids=[f"{n}:{e[:30]}" for n, e, _ in _examples()])
def test_rule_finds_its_example_target(name: str, example: str, target: str,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    got = _main_target(example)
    assert any(target.lower() in t.lower() for t in got), (name, got)
    monkeypatch.setattr(extract, "rule_target", lambda *_a: None)
    monkeypatch.setattr(extract, "recipient_target", lambda *_a, **_k: None)
    monkeypatch.setattr(targets, "recipient_target", lambda *_a, **_k: None)
    monkeypatch.setattr(ranker, "ENABLED", False)  # the learned last resort comes after
    assert not any(target.lower() in t.lower() for t in _main_target(example)), \
        f"{name}: the example's target is found without the rule"


def test_place_target_is_its_country_written_as_the_place() -> None:
    coded = next(code_records([Record("Indian authorities imposed a night curfew in "
                                      "districts of Kashmir on Tuesday.", "1", "2024-05-08")]))
    assert coded.main is not None
    tgt = coded.events[coded.main].target
    assert tgt is not None and not isinstance(tgt, list)
    assert (tgt.country, tgt.role, tgt.text) == ("IND", "CVL", "districts of Kashmir")


@pytest.mark.parametrize("text", [
    "Israeli jets carried out air strikes in the Gaza Strip on Tuesday.",  # where, not whom
    "Rebels attacked targets in Idlib overnight.",
    "The two sides agreed to meet again next month.",
])
def test_where_an_attack_happens_is_no_target(text: str) -> None:
    assert _main_target(text) == []


def test_who_did_what_the_object_names_is_the_target() -> None:
    got = _main_target("Dozens of students began a hunger strike against abuses by the "
                       "Kenyan police on Monday.")
    assert any("police" in t for t in got), got


def test_a_second_object_that_names_someone_is_the_target() -> None:
    got = _main_target("Ruto will meet his counterpart Tanzanian President Samia Suluhu "
                       "Hassan in Arusha on Friday.")
    assert any("Samia" in t or "Hassan" in t for t in got), got


@pytest.mark.parametrize(("text", "target"), [
    ("The city council urged the government to repair the flooded roads.", "government"),
])
def test_two_actors_sharing_a_generic_id_are_not_one(text: str, target: str) -> None:
    got = _main_target(text)
    assert any(target in t for t in got), got


def test_a_target_that_repeats_its_source_is_dropped() -> None:
    from storyline.events.actors import _same_one
    from storyline.model import Actor

    kenya = Actor(text="Kenya", name="Kenya", id="KENGOV", country="KEN", role="GOV")
    again = Actor(text="the Kenyan government", name="Kenya", id="KENGOV", country="KEN",
                  role="GOV")
    court = Actor(text="court", name="Kenya", id="KENGOV", country="KEN", role="GOV")
    ruto = Actor(text="Ruto", name="William Ruto", id="ruto_william", country="KEN", role="GOV")
    senate = Actor(text="The Senate", name="Senate", id="UNKGOV", country=None, role="GOV")
    cabinet = Actor(text="the cabinet", name="cabinet", id="UNKGOV", country=None, role="GOV")
    assert _same_one(ruto, ruto) and not _same_one(senate, cabinet)
    assert _same_one([kenya, ruto], [court, ruto])
    # a body or group of the same state in words of its own is another actor
    assert not _same_one(kenya, court)
    assert not _same_one(kenya, Actor(text="two former ministers", name="Kenya", id="KENGOV",
                                      country="KEN", role="GOV"))
    assert _same_one(Actor(text="Kenyan police", name="Kenya", id="KENGOV", country="KEN",
                           role="GOV"), Actor(text="the police", name="Kenya", id="KENGOV",
                                              country="KEN", role="GOV"))
    assert _same_one(kenya, again)  # a known country's government, however written


@pytest.mark.parametrize(("text", "target"), [
    ("Kidnappers in the delta freed the abducted aid workers on Sunday.", "aid workers"),
    ("The junta broke off its dialogue with the striking miners last week.", "miners"),
])
def test_a_described_group_acted_on_is_the_target_as_written(text: str, target: str) -> None:
    got = _main_target(text)
    assert any(target in t for t in got), got


def test_the_noun_a_reduced_passive_describes_is_its_target() -> None:
    from storyline.annotate.stage import load_nlp
    from storyline.events.roles import _roles
    from storyline.events.syntax import _Trig

    doc = load_nlp()("Militia fighters backed by Iran attacked the base.")
    trig = next(t for t in doc if t.lower_ == "backed")
    src, tgt_tok = _roles(_Trig(trig, "SUPPORT", None, verbal=True))
    assert src is not None and src.text == "Iran"
    assert tgt_tok is not None and tgt_tok.text == "fighters"


def test_a_count_of_a_group_is_the_group() -> None:
    got = _main_target("Regulators opened inquiries against dozens of banks last month.")
    assert any("banks" in t for t in got), got


@pytest.mark.parametrize(("text", "target"), [
    ("Ugandan police detained the Kenya director of Human Rights Watch on Friday.",
     "Human Rights Watch"),
])
def test_the_head_of_a_body_is_the_body_not_the_country_before_it(text: str,
                                                                   target: str) -> None:
    # "the Kenya director of X": the mention the 'of' phrase names, when none covers the
    # head word (the country read first was dropped as the source's state)
    assert _main_target(text) == [target]


def test_a_verb_the_tagger_took_for_a_noun_is_still_the_act() -> None:
    # a headline-style present tense: "hand" tagged as a noun at the root of the clause
    coded = next(code_records([Record("Japan and UNICEF hand over 12 ambulances to the "
                                      "Ministry of Health of Ghana .", "1", "2024-05-08")]))
    assert coded.main is not None
    ev = coded.events[coded.main]
    assert ev.type == "AID" and ev.target is not None


def test_a_second_object_after_the_typing_object_does_not_take_its_target() -> None:
    # the parse of "imposed sanctions on Chad ..., as well as abuses by the police" with
    # "abuses" read as a second object of "imposed": the target is still Chad
    from spacy.tokens import Doc

    from storyline.annotate.stage import load_nlp
    from storyline.events.roles import _roles
    from storyline.events.syntax import _Trig

    words = ["The", "council", "imposed", "sanctions", "on", "Chad", ",", "as", "well", "as",
             "abuses", "by", "police", "."]
    heads = [1, 2, 2, 2, 3, 4, 2, 9, 9, 2, 2, 10, 11, 2]
    deps = ["det", "nsubj", "ROOT", "dobj", "prep", "pobj", "punct", "advmod", "advmod", "cc",
            "dobj", "prep", "pobj", "punct"]
    pos = ["DET", "NOUN", "VERB", "NOUN", "ADP", "PROPN", "PUNCT", "ADV", "ADV", "CCONJ",
           "NOUN", "ADP", "NOUN", "PUNCT"]
    doc = Doc(load_nlp().vocab, words=words, heads=heads, deps=deps, pos=pos)
    trig = _Trig(doc[2], "SANCTION", None, verbal=True, extra=doc[3])
    src, tgt = _roles(trig)
    assert src is not None and src.text == "council"
    assert tgt is not None and tgt.text == "Chad"


def test_casualties_in_the_passive_give_way_to_the_attack_that_caused_them() -> None:
    coded = next(code_records([Record("At least 12 people were killed when Boko Haram "
                                      "fighters attacked a police station in Borno on Monday.",
                                      "1", "2024-05-08")]))
    assert coded.main is not None
    ev = coded.events[coded.main]
    assert ev.type == "ASSAULT" and ev.mentions[0].trigger.text == "attacked"
    assert ev.source is not None and ev.target is not None
    # with a named cause, the casualties stay the main event
    coded = next(code_records([Record("Twelve soldiers were killed by rebel fighters when "
                                      "they attacked a convoy.", "1", "2024-05-08")]))
    assert coded.main is not None and \
        coded.events[coded.main].mentions[0].trigger.text == "killed"


def test_the_forces_a_state_mobilises_are_its_own_not_the_target() -> None:
    got = _main_target("Russia mobilized the army for a possible offensive against Ukraine "
                       "on Friday.")
    assert got == ["Ukraine"], got


def test_a_participle_before_a_name_does_not_hide_the_name() -> None:
    # "against visiting X": the parser reads "visiting" as a verb taking X as its object
    got = _main_target("A rights group filed a complaint in a Madrid court against visiting "
                       "Israeli Prime Minister Benjamin Netanyahu on Monday.")
    assert any("Netanyahu" in t for t in got), got


def test_a_place_where_the_report_was_made_is_no_target() -> None:
    # the place hangs on "said", which governs the act: where the words were spoken
    got = _main_target("In Addis Ababa, a government spokeswoman said Ethiopia would "
                       "honour the ceasefire.")
    assert not any("Addis" in t for t in got), got


def _target_of(text: str) -> Any:
    coded = next(code_records([Record(text, "1", "2024-05-08")]))
    assert coded.main is not None, text
    return coded.events[coded.main].target


def test_a_site_attacked_stands_for_who_holds_it() -> None:
    # data/rules/facilities.json's own example: whose camp is not said
    tgt = _target_of("Militants attacked an army camp outside the city.")
    assert (tgt.text, tgt.role, tgt.country) == ("an army camp", "MIL", None)
    # a national word names whose it is: that country's military, as one actor
    tgt = _target_of("Sudanese troops shelled Chadian observation posts near the border.")
    assert (tgt.id, tgt.text) == ("TCDMIL", "Chadian observation posts")


def test_a_noun_acts_purpose_clause_names_its_target_through_the_clause() -> None:
    # the parser hangs "to quash" on "are", above "into an operation": the noun's clause
    coded = next(code_records([Record(
        "After a decade of war, army troops backed by Iran are now months into an operation "
        "to quash armed opposition groups in the southern province of Daraa.", "1",
        "2024-05-08")]))
    attack = next(e for e in coded.events if e.mentions[0].trigger.text == "operation")
    assert attack.target is not None and not isinstance(attack.target, list)
    assert "opposition" in attack.target.text, attack.target  # not Iran, who backs the army


def test_a_negation_or_a_sea_is_never_a_target() -> None:
    import storyline

    for text in ["Campaign groups can’t agree on a nominee, so they haven’t endorsed anyone.",
                 "The ministry is expected to announce legal action over the oil leak in the "
                 "Gulf of Mexico."]:
        for ev in storyline.code(text, date="2020-01-28"):
            names = [] if ev.target is None else [
                a.text for a in (ev.target if isinstance(ev.target, list) else [ev.target])]
            assert not any("n’t" in n or "Gulf" in n for n in names), (text, names)
