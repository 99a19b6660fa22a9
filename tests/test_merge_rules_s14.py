"""Merging only the same incident: who did it must be named by both reports, two groups
of one country are not one actor, and an undated report never joins a coarse date
(session 14; measured on blind-judged merged pairs, see CHANGELOG)."""

from __future__ import annotations

from typing import Any

from tests.test_story_units import _event, _merge

UNDATED = ("2010-01-15", "2010-01-15", "day", None)
UNDATED2 = ("2010-01-16", "2010-01-16", "day", None)
JUNE = ("2010-06-01", "2010-06-30", "month", "in June")
PUB = {"a": "2010-01-15", "b": "2010-01-16", "c": "2010-06-08", "d": "2010-01-20"}


def _groups(events: list[dict[str, Any]]) -> int:
    return len(_merge(events, published=PUB))


def _generic(code: str, country: str) -> dict[str, Any]:
    return {"text": code, "name": code, "id": f"unk-{code}", "country": country, "role": "CVL"}


def test_aid_to_one_country_from_no_one_named_is_not_another_donor_s_aid() -> None:
    events = [_event("a", 10, "AID", UNDATED, source="USAGOV", target="HTIGOV"),
              _event("b", 10, "AID", UNDATED2, target="HTIGOV")]
    assert _groups(events) == 2


def test_the_same_donor_to_the_same_country_a_day_later_is_one_act() -> None:
    events = [_event("a", 10, "AID", UNDATED, source="USAGOV", target="HTIGOV"),
              _event("b", 10, "AID", UNDATED2, source="USAGOV", target="HTIGOV")]
    assert _groups(events) == 1


def test_two_groups_of_one_country_are_not_one_actor() -> None:
    a = _event("a", 10, "AID", UNDATED, target="HTIGOV")
    b = _event("b", 10, "AID", UNDATED2, target="HTIGOV")
    a["source"] = _generic("donors", "GBR")
    b["source"] = _generic("rescue-team", "GBR")
    assert _groups([a, b]) == 2


def test_an_undated_report_does_not_join_a_month() -> None:
    events = [_event("c", 10, "SANCTION", ("2010-06-08", "2010-06-08", "day", None),
                     source="USAGOV", target="GBRGOV"),
              _event("a", 10, "SANCTION", JUNE, source="USAGOV", target="GBRGOV")]
    assert _groups(events) == 2


def test_without_targets_two_acts_of_one_source_merge_only_when_retold() -> None:
    a = _event("a", 10, "REQUEST", UNDATED, source="USAGOV")
    b = _event("b", 10, "REQUEST", UNDATED2, source="USAGOV")
    a["mentions"][0]["quote"] = "The agency launched an appeal for tents and blankets."
    b["mentions"][0]["quote"] = "The agency sent a team to assess the damage."
    assert _groups([a, b]) == 2
    b["mentions"][0]["quote"] = "The agency has launched an appeal for tents and blankets."
    assert _groups([a, b]) == 1


def test_undated_reports_a_week_apart_stay_apart() -> None:
    events = [_event("a", 10, "AID", UNDATED, source="USAGOV", target="HTIGOV"),
              _event("d", 10, "AID", ("2010-01-20", "2010-01-20", "day", None),
                     source="USAGOV", target="HTIGOV")]
    assert _groups(events) == 2


def test_a_country_s_civilians_are_not_its_state() -> None:
    a = _event("a", 10, "CONSULT", ("2010-01-15", "2010-01-15", "day", "Friday"),
               source="USAGOV", target="unk-rebels")
    b = _event("b", 10, "CONSULT", ("2010-01-15", "2010-01-15", "day", "Friday"),
               target="unk-rebels")
    b["source"] = _generic("relatives", "USA")
    assert _groups([a, b]) == 2


def test_a_meeting_with_one_known_party_joins_only_on_the_same_stated_day() -> None:
    week = ("2010-01-11", "2010-01-17", "week", "last week")
    a = _event("a", 10, "CONSULT", ("2010-01-13", "2010-01-13", "day", "Wednesday"),
               source="unk-agency")
    b = _event("b", 10, "CONSULT", week, source="unk-agency")
    assert _groups([a, b]) == 2
    c = _event("d", 10, "CONSULT", ("2010-01-13", "2010-01-13", "day", "on Wednesday"),
               source="unk-agency")
    assert _groups([a, c]) == 1


def test_last_year_names_no_occasion() -> None:
    year = ("2009-01-01", "2009-12-31", "year", "last year")
    a = _event("a", 10, "AID", year, source="GBRGOV", target="HTIGOV")
    b = _event("b", 10, "AID", year, source="GBRGOV", target="HTIGOV")
    a["mentions"][0]["quote"] = "Britain paid the island's debts to the bank last year."
    b["mentions"][0]["quote"] = "Last year Britain sent doctors and tents to the island."
    assert _groups([a, b]) == 2
