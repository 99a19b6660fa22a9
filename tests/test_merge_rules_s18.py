"""Merging only the same incident (session 18): two days both reports name."""

from __future__ import annotations

from tests.test_merge_rules_s16 import _groups, _quote
from tests.test_story_units import _event


def test_talks_on_two_named_days_are_two_meetings() -> None:
    sat = ("2010-06-12", "2010-06-12", "day", "Saturday afternoon")
    sun = ("2010-06-13", "2010-06-13", "day", "on Sunday night")
    a = _quote(_event("a", 10, "CONSULT", sat, source="USAGOV", target="unk-bp"),
               "Officials met the company's engineers on Saturday afternoon.")
    b = _quote(_event("b", 10, "CONSULT", sun, source="USAGOV", target="unk-bp"),
               "A federal team held a call with the company on Sunday night.")
    assert _groups([a, b]) == 2


def test_talks_on_one_named_day_still_merge() -> None:
    sat = ("2010-06-12", "2010-06-12", "day", "on Saturday")
    a = _quote(_event("a", 10, "CONSULT", sat, source="USAGOV", target="unk-bp"),
               "Officials met the company's engineers on Saturday.")
    b = _quote(_event("b", 10, "CONSULT", sat, source="USAGOV", target="unk-bp"),
               "Federal officials held talks with the company on Saturday.")
    assert _groups([a, b]) == 1
