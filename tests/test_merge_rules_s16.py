"""Merging only the same incident (session 16): reports that state no date of their own,
a range of days, and a range of years (measured on blind-judged merged pairs, see
CHANGELOG)."""

from __future__ import annotations

from typing import Any

from tests.test_story_units import _event, _merge

UNDATED = ("2010-06-14", "2010-06-14", "day", None)
UNDATED2 = ("2010-06-15", "2010-06-15", "day", None)
PUB = {"a": "2010-06-14", "b": "2010-06-15", "c": "2010-04-22", "d": "2010-05-06",
       "e": "2010-05-06"}


def _groups(events: list[dict[str, Any]]) -> int:
    return len(_merge(events, published=PUB))


def _quote(ev: dict[str, Any], text: str) -> dict[str, Any]:
    ev["mentions"][0]["quote"] = text
    return ev


def test_two_undated_reports_of_one_pair_are_two_acts_unless_retold() -> None:
    a = _quote(_event("a", 10, "REQUEST", UNDATED, source="USAGOV", target="unk-bp"),
               "The president has stressed that the company must pay for the clean-up.")
    b = _quote(_event("b", 10, "REQUEST", UNDATED2, source="USAGOV", target="unk-bp"),
               "The government demanded an explanation of the costs from the company.")
    assert _groups([a, b]) == 2
    _quote(b, "The president stressed that the company must pay for the whole clean-up.")
    assert _groups([a, b]) == 1


def test_an_undated_report_does_not_join_a_range_of_days() -> None:
    week = ("2010-04-29", "2010-05-06", "day", "over the past week")
    a = _quote(_event("d", 10, "MOBILIZE", week, source="unk-bp", target="USAGOV"),
               "The company has mobilised a lobbying campaign over the past week.")
    b = _quote(_event("d", 900, "MOBILIZE", ("2010-05-06", "2010-05-06", "day", None),
                      source="unk-bp", target="USAGOV"),
               "The company sent engineers to the platform.")
    b["mentions"][0]["article"] = "e"
    b["id"] = "e-900-MOBILIZE"
    assert _groups([a, b]) == 2


def test_a_range_of_years_does_not_join_a_day_unless_retold() -> None:
    years = ("2007-01-01", "2010-04-22", "year", "since 2007")
    thursday = ("2010-04-22", "2010-04-22", "day", "on Thursday")
    a = _quote(_event("a", 10, "AID", years, source="USAGOV", target="HTIGOV"),
               "The fund has given the islands more than $270,000 since 2007.")
    b = _quote(_event("c", 10, "AID", thursday, source="USAGOV", target="HTIGOV"),
               "The government sent two planes of tents and water on Thursday.")
    assert _groups([a, b]) == 2


def test_two_reports_of_one_stated_day_still_merge() -> None:
    day = ("2010-06-14", "2010-06-14", "day", "on Monday")
    a = _quote(_event("a", 10, "ASSAULT", day, source="RUSMIL", target="SYRREB"),
               "Russian jets bombed rebel positions on Monday.")
    b = _quote(_event("b", 10, "ASSAULT", day, source="RUSMIL", target="SYRREB"),
               "Rebel positions came under Russian air strikes on Monday, monitors said.")
    assert _groups([a, b]) == 1
