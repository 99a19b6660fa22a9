"""Bad inputs through the whole annotation stage (actors, times, places, figures, events):
empty sentences, 10,000-character sentences, numbers like "1e309", impossible dates like
"February 30". No crash, every offset inside the text, and no false annotation."""

from __future__ import annotations

import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storyline.annotate.stage import annotate_article
from storyline.annotate.times import find_times
from storyline.model import Annotations, Article, Published, to_json

PUB = "2019-06-01"


def article(text: str, published: str | None = PUB) -> Article:
    return Article(id="bad", input_id=None, path="bad.txt", url=None, outlet=None, title=None,
                   dateline=None, published=Published(published, "input"), text=text,
                   language="en")


def check(ann: Annotations, text: str) -> None:
    """Every annotation quotes its own text, every number is finite."""
    for m in ann.actors:
        assert 0 <= m.start < m.end <= len(text)
    for t in ann.times:
        assert text[t.start:t.end] == t.text
        assert "-02-30" not in t.value and "-02-31" not in t.value
    for p in ann.places:
        assert text[p.start:p.end] == p.text
        assert (p.lat is None) == (p.lon is None) == (p.kind == "process")
        if p.lat is not None and p.lon is not None:
            assert -90 <= p.lat <= 90 and -180 <= p.lon <= 180
    for f in ann.figures:
        assert math.isfinite(f.value) and f.value < 1e20
        assert f.value_max is None or (math.isfinite(f.value_max) and f.value_max > f.value)
        assert text[f.mention.start:f.mention.end] == f.mention.quote
    for e in ann.events:
        for m in e.mentions:
            assert text[m.start:m.end] == m.quote
    to_json(ann)


EMPTY = ["", " ", "\n\n\n", ".", "...", "\u200b\u200b", " . . . ", "\t\r\n"]


@pytest.mark.parametrize("text", EMPTY)
def test_empty_sentences_give_nothing(text: str) -> None:
    ann = annotate_article(article(text))
    check(ann, text)
    assert (ann.actors, ann.times, ann.places, ann.figures, ann.events) == ([], [], [], [], [])


def test_empty_sentences_inside_an_article() -> None:
    text = "Turkey sent troops to Idlib on Monday.\n\n.\n\n \n\nThe talks ended."
    ann = annotate_article(article(text))
    check(ann, text)
    assert [t.value for t in ann.times] == ["2019-05-27"]
    assert {p.text for p in ann.places} == {"Turkey", "Idlib"}


LONG = [
    # one sentence of 10,000 characters, no full stop
    ("Turkish troops and Syrian rebels near Idlib said more than 300 civilians had fled and "
     * 120)[:10_000],
    "x" * 10_000,
    "1" * 10_000,
    ", ".join(["1e309"] * 1667)[:10_000],
    ("February 30 " * 834)[:10_000],
    ("the " * 2500)[:10_000],
    ("Ankara-" * 1429)[:10_000],
]


@pytest.mark.parametrize("text", LONG, ids=["prose", "x", "ones", "1e309", "feb30", "the",
                                            "hyphens"])
def test_ten_thousand_character_sentences(text: str) -> None:
    assert len(text) == 10_000
    ann = annotate_article(article(text))
    check(ann, text)
    if not text.startswith("Turkish"):
        assert ann.figures == [] and ann.times == [] and ann.places == []


def test_long_prose_sentence_keeps_its_annotations() -> None:
    text = LONG[0]
    ann = annotate_article(article(text))
    assert {f.value for f in ann.figures} == {300.0}
    assert {p.country for p in ann.places} == {"SYR"}
    assert {m.actor.id for m in ann.actors} >= {"TURMIL", "SYRREB"}


@pytest.mark.parametrize("text", [
    "1e309",
    "1e309 people were killed in Idlib.",
    "Officials said 1e309 refugees had fled.",
    "About 1e309% of the area burned.",
    "$1e309 was pledged.",
    "9" * 400 + " people were displaced.",
])
def test_overflowing_numbers_are_not_figures(text: str) -> None:
    ann = annotate_article(article(text))
    check(ann, text)
    assert ann.figures == []
    assert ann.times == []


@pytest.mark.parametrize("text", [
    "The meeting on February 30 was cancelled.",
    "On February 30, 2019, five soldiers were killed in Idlib.",
    "Talks were due on 31 April 2019 in Ankara.",
    "Shelling resumed on Feb. 29, 2019, residents said.",
    "The offensive began on June 0.",
])
def test_impossible_dates_give_no_time(text: str) -> None:
    ann = annotate_article(article(text))
    check(ann, text)
    assert ann.times == [], ann.times


def test_possible_leap_day_is_kept() -> None:
    assert [t.value for t in find_times("Shelling resumed on Feb. 29, 2020.", PUB)] == [
        "2020-02-29"
    ]


def test_impossible_date_does_not_hide_the_figure() -> None:
    text = "On February 30, 2019, five soldiers were killed in Idlib."
    ann = annotate_article(article(text))
    assert [(f.value, f.what) for f in ann.figures] == [(5.0, "soldiers killed")]


_PIECES = [
    "1e309", "February 30", "Idlib", "Idlib province", "the Astana talks", "Ankara", "said",
    "killed", "more than", "300", "15-to-20", "kilometer", "people", ".", ",", "\n\n", "",
    "on Monday", "the regime", "Turkey's", "observation post", "Surman", "between", "and",
    "\u200b", "é", "٣", "NaN", "inf", "-", "(", ")",
]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_PIECES), max_size=40).map(" ".join),
       st.sampled_from([PUB, None, "2020-02-29"]))
def test_any_soup_is_safe(text: str, published: str | None) -> None:
    check(annotate_article(article(text, published)), text)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300))
def test_any_text_is_safe(text: str) -> None:
    check(annotate_article(article(text)), text)
