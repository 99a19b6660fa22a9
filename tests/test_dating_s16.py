"""Dates and modality of session 16: a time of what came after the act is not the act's; a
question about a speech act asserts nothing."""

from __future__ import annotations

import pytest

import storyline


def _event(text: str, trigger: str) -> storyline.Event:
    return next(e for e in storyline.code(text, date="2010-06-01")
                if e.mentions[0].trigger is not None and e.mentions[0].trigger.text == trigger)


@pytest.mark.parametrize(("text", "trigger"), [
    ("The army withdrew from the town before the ceasefire took effect on Sunday.", "withdrew"),
    ("The mayor said she had pledged support to the farmers before the dam burst on 20 May.",
     "pledged"),
])
def test_a_time_of_what_came_after_does_not_date_the_act(text: str, trigger: str) -> None:
    ev = _event(text, trigger)
    assert ev.date.start == "2010-06-01"  # the article's day: the act's own is not said


def test_a_time_of_what_came_before_still_dates_the_act() -> None:
    # news dates an act by what it followed: an April ban
    ev = _event("Several countries banned imports of pork after the outbreak was found in "
                "April.", "banned")
    assert ev.date.start.startswith("2010-04")


def test_a_time_of_the_act_itself_is_kept() -> None:
    ev = _event("The army withdrew from the town on Sunday, before the ceasefire took "
                "effect.", "withdrew")
    assert ev.date.start == "2010-05-30"


def test_a_question_about_a_speech_act_is_not_an_assertion() -> None:
    ev = _event("Did the ministry ask the regulators to delay the inspection?", "ask")
    assert ev.modality == "hypothetical"


def test_a_quoted_question_was_still_asked() -> None:
    ev = _event('"Why did you hide the report?" the senator asked the chief executive.',
                "asked")
    assert ev.modality == "asserted"


def test_a_relative_date_after_the_article_is_not_moved_a_year_back() -> None:
    events = storyline.code("The talks were postponed until next week.", date="2010-05-03")
    assert all(not e.date.start.startswith("2009") for e in events)
    # a month named after the article's day, with a past verb, is last year's
    ev = next(e for e in storyline.code("In September, Turkey and Russia agreed a truce.",
                                        date="2010-06-03") if e.type == "AGREE")
    assert ev.date.start.startswith("2009-09")
