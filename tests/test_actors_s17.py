"""Actors and triggers of session 17: a coordinated group sharing its head noun, a
subject of a joined clause, lending support, working with someone."""

from __future__ import annotations

from tests.test_actors_s16 import _event, _names


def test_a_coordinated_modifier_shares_the_groups_head() -> None:
    # the parser hangs "partners" on "hotel" as its conjunct: the group is the partners
    ev = _event("Ruth Cole said she spoke Tuesday with hotel and condominium partners "
                "about the closures.", "spoke")
    assert any("partners" in n for n in _names(ev.target))
    ev = _event("Ruth Cole said she spoke Tuesday with two major hotel and condominium "
                "partners and found few cancellations.", "spoke")
    assert any("partners" in n for n in _names(ev.target))


def test_a_subject_of_a_joined_clause_is_not_the_target() -> None:
    ev = _event("The insurer previously paid out about $2m a day in compensation, but this "
                "has risen to $5m a day since Okafor took over.", "paid")
    assert not any("Okafor" in n for n in _names(ev.target))


def test_a_shared_object_of_joined_verbs_is_still_the_target() -> None:
    ev = _event("Police detained and beat students in the capital.", "beat")
    assert any("students" in n for n in _names(ev.target))


def test_lending_support_is_support() -> None:
    ev = _event("Norway said it would lend its support to the monitoring mission.", "lend")
    assert ev.type == "SUPPORT"
    assert ev.modality != "asserted"  # "would": not yet done


def test_working_with_schools_is_cooperation() -> None:
    ev = _event("The health ministry was working with schools to stop the outbreak.",
                "working")
    assert ev.type == "COOPERATE"
    assert any("ministry" in n for n in _names(ev.source))


def test_the_state_of_a_place_is_its_government() -> None:
    ev = _event("The state of Oregon has threatened to take the mining firm to court.",
                "threatened")
    assert any("Oregon" in n for n in _names(ev.source))


def test_the_people_of_a_place_are_not_its_government() -> None:
    ev = _event("The people of Oregon protested on Monday.", "protested")
    assert not any("government" in n for n in _names(ev.source))


def test_a_subject_of_a_clause_beside_the_trigger_is_not_its_target() -> None:
    ev = _event("The City of Leeds was alive with gossip that the mine could shut, according "
                "to a broker who would not be named: \"We hear that Oregon is threatening to "
                "sue the firm,\" he said.", "threatening")
    assert not any("Leeds" in n for n in _names(ev.target))


def test_peacekeepers_arriving_at_an_airport_bring_aid() -> None:
    ev = _event("Ghanaian peacekeepers arrived at the Goma airport on Friday to join the "
                "mission.", "arrived")
    assert ev.type == "AID"


def test_many_countries_are_states_unnamed() -> None:
    ev = _event("Many countries banned imports of poultry from Chile after the outbreak.",
                "banned")
    assert any("countries" in n for n in _names(ev.source))


def test_a_nation_in_apposition_describes_the_named_state() -> None:
    ev = _event("Israel has established diplomatic ties with Bhutan, a majority-Buddhist "
                "nation neighbouring India.", "established")
    assert not any("nation" in n for n in _names(ev.target))


def test_a_named_bloc_of_countries_is_the_bloc() -> None:
    ev = _event("Canada and the Caricom bloc of Caribbean countries have agreed on a "
                "fisheries accord.", "agreed")
    names = " ".join(_names(ev.source))
    assert "Caricom" in names
    sides = ev.source if isinstance(ev.source, list) else [ev.source]
    assert not any(a is not None and a.country == "USA" for a in sides)


def test_a_described_target_is_the_one_named_before() -> None:
    ev = _event("Northgate Energy spilled oil into the bay. Regulators fined the company on "
                "Friday.", "fined")
    assert any("Northgate" in n for n in _names(ev.target))


def test_a_titled_target_is_the_person_named_with_the_title() -> None:
    ev = _event("US Congresswoman Rita Vance met Prime Minister Keith Osei on Monday. The "
                "Ghanaian leader complimented the US Congresswoman for her work.",
                "complimented")
    assert any("Rita Vance" in n for n in _names(ev.target))


def test_a_title_no_one_named_bore_stays_as_written() -> None:
    ev = _event("Prime Minister Keith Osei met Rita Vance on Monday. The Ghanaian leader "
                "complimented the US Congresswoman for her work.", "complimented")
    assert not any("Rita Vance" in n for n in _names(ev.target))
