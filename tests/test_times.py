"""Time expressions: detection, TIMEX3 normalisation, ranges and robustness."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.annotate.times import (
    RULES,
    VALUE_RE,
    find_times,
    resolve_range,
    rule_times,
    times_command,
)

DCT = "2019-05-29"  # a Wednesday, ISO week 22


def values(text: str, dct: str | None = DCT, **kw: bool) -> dict[str, tuple[str, str]]:
    return {t.text: (t.type, t.value) for t in find_times(text, dct, **kw)}


def one(text: str, dct: str | None = DCT) -> tuple[str, str, str]:
    found = find_times(text, dct)
    assert len(found) == 1, found
    return found[0].text, found[0].type, found[0].value


# -- absolute dates -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "span", "value"),
    [
        ("The ceasefire collapsed on Sept 7.", "Sept 7", "2018-09-07"),
        ("The ceasefire will start on Sept 7.", "Sept 7", "2019-09-07"),
        ("Voters go to the polls on August 27, 2019.", "August 27, 2019", "2019-08-27"),
        ("Polls open Tuesday, August 27, 2019, at dawn.", "Tuesday, August 27, 2019",
         "2019-08-27"),
        ("The report covers January 2017 in detail.", "January 2017", "2017-01"),
        ("The file is dated 2019-06-01 in the archive.", "2019-06-01", "2019-06-01"),
        ("Inflation soared in the 1990s.", "the 1990s", "199"),
        ("The dam was finished in 1998.", "1998", "1998"),
        ("Railways spread in the 19th century.", "the 19th century", "18"),
        ("It was built on 3 March 2015 by engineers.", "3 March 2015", "2015-03-03"),
        ("The deal was struck in mid-2012.", "mid-2012", "2012"),
    ],
)
def test_absolute(sentence: str, span: str, value: str) -> None:
    got = values(sentence)
    assert span in got, got
    assert got[span][1] == value


def test_day_range_gives_two_dates() -> None:
    got = find_times("Talks were held Sept. 11-12 in Geneva.", DCT)
    assert [(t.text, t.value) for t in got] == [("Sept. 11", "2018-09-11"), ("12", "2018-09-12")]
    got = find_times("Between December 12 and 25 the roads were closed.", DCT)
    assert [(t.text, t.value) for t in got] == [("December 12", "2018-12-12"),
                                                ("25", "2018-12-25")]


def test_since_keeps_the_date_only() -> None:
    assert one("Fighting has raged since April 30.") == ("April 30", "DATE", "2019-04-30")


def test_weekday_in_a_full_date_picks_the_year() -> None:
    # No year given, but only 2020 has a Saturday on April 25 near the DCT.
    assert values("The summit opens Saturday, April 25.", "2020-04-20")[
        "Saturday, April 25"] == ("DATE", "2020-04-25")


# -- relative dates -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "span", "typ", "value"),
    [
        ("The minister resigned on Monday.", "Monday", "DATE", "2019-05-27"),
        ("The minister will resign on Friday.", "Friday", "DATE", "2019-05-31"),
        ("Talks are expected to resume on Friday.", "Friday", "DATE", "2019-05-31"),
        ("The envoy is arriving on Friday.", "Friday", "DATE", "2019-05-31"),
        ("Rebels attacked the town on Friday.", "Friday", "DATE", "2019-05-24"),
        ("Troops withdrew last week.", "last week", "DATE", "2019-W21"),
        ("The vote was held last September.", "last September", "DATE", "2018-09"),
        ("Exports fell last year.", "last year", "DATE", "2018"),
        ("Prices will rise next month.", "next month", "DATE", "2019-06"),
        ("Growth slowed this year.", "this year", "DATE", "2019"),
        ("The bridge collapsed yesterday.", "yesterday", "DATE", "2019-05-28"),
        ("The court rules today.", "today", "DATE", "2019-05-29"),
        ("Officials meet tomorrow.", "tomorrow", "DATE", "2019-05-30"),
        ("The army now controls the port.", "now", "DATE", "PRESENT_REF"),
        ("Clashes intensified in recent weeks.", "recent weeks", "DATE", "PAST_REF"),
        ("Unrest spread in late April.", "late April", "DATE", "2019-04"),
        ("Elections are due in early May.", "early May", "DATE", "2019-05"),
        ("Rains came earlier this summer.", "earlier this summer", "DATE", "2019-SU"),
        ("Two ships sank five years ago.", "five years ago", "DATE", "2014"),
        ("A truce was agreed a year ago.", "a year ago", "DATE", "2018"),
        ("The weather was mild over the weekend.", "the weekend", "DATE", "2019-W21-WE"),
        ("Protests were banned last night.", "last night", "TIME", "2019-05-28TNI"),
        ("Rockets hit the city at 10:30 p.m. on Monday.", "10:30 p.m. on Monday", "TIME",
         "2019-05-27T22:30"),
        ("Results came in the first quarter.", "the first quarter", "DATE", "2019-Q1"),
        ("The bank lost money in the first half of 2018.", "the first half of 2018", "DATE",
         "2018-H1"),
        ("Crops failed in the past.", "the past", "DATE", "PAST_REF"),
        ("Peace may return in the future.", "the future", "DATE", "FUTURE_REF"),
    ],
)
def test_relative(sentence: str, span: str, typ: str, value: str) -> None:
    got = values(sentence)
    assert span in got, got
    assert got[span] == (typ, value)


def test_tense_decides_the_year_of_a_bare_month() -> None:
    # Past tense: the most recent July on or before the DCT; future: the next one.
    assert values("The militia seized the town in July.")["July"] == ("DATE", "2018-07")
    assert values("The militia will leave the town in July.")["July"] == ("DATE", "2019-07")
    # Without tense hints: the closest one.
    assert values("The militia seized the town in July.", tense_hints=False)["July"] == (
        "DATE", "2019-07")


def test_without_dct_relative_values_stay_unresolved() -> None:
    got = values("The ceasefire collapsed on Sept 7 and talks resume on Friday.", None)
    assert got["Sept 7"] == ("DATE", "XXXX-09-07")
    assert got["Friday"] == ("DATE", "XXXX-WXX-5")
    assert values("Exports fell in 2018.", None)["2018"] == ("DATE", "2018")
    got = values("Yesterday and tonight, last week, next month and this year.", None)
    assert got == {"Yesterday": ("DATE", "XXXX-XX-XX"), "tonight": ("TIME", "XXXX-XX-XXTNI"),
                   "last week": ("DATE", "XXXX-WXX"), "next month": ("DATE", "XXXX-XX"),
                   "this year": ("DATE", "XXXX")}


# -- durations and sets -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "span", "typ", "value"),
    [
        ("Nine months later the camp was empty.", "Nine months", "DURATION", "P9M"),
        ("Aid has stalled for the past two weeks.", "the past two weeks", "DURATION", "P2W"),
        ("The siege lasted three years.", "three years", "DURATION", "P3Y"),
        ("Convoys arrive every week.", "every week", "SET", "P1W"),
        ("The council meets each Monday.", "each Monday", "SET", "XXXX-WXX-1"),
        ("It signed a 10-year lease.", "10-year", "DURATION", "P10Y"),
        ("The strike lasted 48 hours.", "48 hours", "DURATION", "PT48H"),
        ("The talks took a few days.", "a few days", "DURATION", "PXD"),
        ("The dispute dates back two decades.", "two decades", "DURATION", "P20Y"),
        ("The loan costs $5 million a year.", "a year", "SET", "P1Y"),
        ("Sales rose in the first nine months.", "the first nine months", "DURATION", "P9M"),
        ("The mission will last one and a half years.", "one and a half years", "DURATION",
         "P1Y6M"),
    ],
)
def test_durations_and_sets(sentence: str, span: str, typ: str, value: str) -> None:
    got = values(sentence)
    assert span in got, got
    assert got[span] == (typ, value)


# -- things that are not times ---------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Prices may fall further.",
        "He may be right.",
        "She was 37 years old.",
        "The plant employs 1500 workers.",
        "Iraq imports about three-quarters of its food.",
        "She spoke on ABC's This Week programme.",
        "As soon as the gates opened, crowds poured in.",
    ],
)
def test_not_times(sentence: str) -> None:
    assert find_times(sentence, DCT) == [], find_times(sentence, DCT)


def test_invalid_dates_are_not_produced() -> None:
    got = values("The talks were set for February 30 and then for April 31.")
    assert all(VALUE_RE.fullmatch(v) for _, v in got.values())
    assert not any(v.endswith(("-02-30", "-04-31")) for _, v in got.values())
    assert find_times("1e309 and 99999999999999999999 years", DCT) is not None


def test_anaphoric_year_earlier_follows_the_quarter() -> None:
    got = find_times("Net income in the third quarter rose to $5 million from $3 million "
                     "a year earlier.", "1989-10-26")
    assert [(t.text, t.value) for t in got] == [("the third quarter", "1989-Q3"),
                                                ("a year earlier", "1988-Q3")]


# -- ranges -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2019-05-29", ("2019-05-29", "2019-05-29")),
        ("2019-W21", ("2019-05-20", "2019-05-26")),
        ("2019-W21-WE", ("2019-05-25", "2019-05-26")),
        ("2019-02", ("2019-02-01", "2019-02-28")),
        ("2020-02", ("2020-02-01", "2020-02-29")),
        ("2019-SU", ("2019-06-01", "2019-08-31")),
        ("2019-WI", ("2019-12-01", "2020-02-29")),
        ("2019-Q3", ("2019-07-01", "2019-09-30")),
        ("2019-H2", ("2019-07-01", "2019-12-31")),
        ("2019", ("2019-01-01", "2019-12-31")),
        ("199", ("1990-01-01", "1999-12-31")),
        ("18", ("1800-01-01", "1899-12-31")),
        ("2019-05-29T14:30", ("2019-05-29", "2019-05-29")),
    ],
)
def test_resolve_range(value: str, expected: tuple[str, str]) -> None:
    assert resolve_range(value) == expected


@pytest.mark.parametrize("value", ["PRESENT_REF", "P3Y", "XXXX-09-07", "2019-13", "2019-02-30",
                                   "2019-W60", "", "nonsense"])
def test_resolve_range_none(value: str) -> None:
    assert resolve_range(value) is None


# -- command ---------------------------------------------------------------------------------


def test_times_command(tmp_path: object, capsys: pytest.CaptureFixture[str]) -> None:
    from pathlib import Path

    path = Path(str(tmp_path)) / "a.txt"
    path.write_text("The talks collapsed on Monday.\n", encoding="utf-8")
    assert times_command(str(path), "2019-05-29") == 0
    lines = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert lines == [{"text": "Monday", "start": 23, "end": 29, "type": "DATE",
                      "value": "2019-05-27"}]
    assert times_command(str(path), "not-a-date") == 2
    assert times_command(str(path) + ".missing", "2019-05-29") == 2  # as storyline code: one error line, exit 2


# -- robustness ------------------------------------------------------------------------------

_WORDS = st.sampled_from([
    "May", "March", "Sept.", "11-12", "February", "30", "31", "1e309", "last", "next", "week",
    "the", "1990s", "'90s", "19th", "century", "Friday", "at", "noon", "10:30", "p.m.", "ago",
    "years", "a", "year", "earlier", "every", "quarter", "third", "99999", "2019-02-30",
    "13/45/2019", "0000", "9999", "said", "will", ",", ".", "\n", "mid-", "early", "this",
    "summer", "winter", "of", "and", "between", "since", "today", "now", "hundred", "thousand",
])


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=300), st.lists(_WORDS, max_size=40).map(" ".join)),
       st.sampled_from([None, "2019-05-29", "0001-01-01", "9999-12-31", "2020-02-29", "bad"]),
       st.booleans())
def test_any_text_is_safe(text: str, dct: str | None, hints: bool) -> None:
    for t in find_times(text, dct, tense_hints=hints):
        assert text[t.start:t.end] == t.text
        assert 0 <= t.start < t.end <= len(text)
        assert t.type in ("DATE", "TIME", "DURATION", "SET")
        assert VALUE_RE.fullmatch(t.value), t
        r = resolve_range(t.value)
        if r is not None:
            assert r[0] <= r[1]


def test_long_and_empty_inputs() -> None:
    assert find_times("", DCT) == []
    long = ("The siege lasted three years and ended on Friday, " * 200)[:10_000]
    found = find_times(long, DCT)
    assert found and all(long[t.start:t.end] == t.text for t in found)
    assert find_times("x" * 10_000, DCT) == []
    assert find_times("1" * 10_000, DCT) == []


# -- every registered rule on its own examples (the HeidelTime convention) ------------------

def test_every_rule_has_an_example() -> None:
    assert len(RULES) >= 27
    assert all(r.examples for r in RULES)
    assert len({r.name for r in RULES}) == len(RULES)


@pytest.mark.parametrize(("rule", "example"), [(r, e) for r in RULES for e in r.examples],
                         ids=lambda x: getattr(x, "name", None) or getattr(x, "expression", ""))
def test_rule_tags_its_example(rule: Any, example: Any) -> None:
    """The rule alone tags the expression and normalises it to the example's value, and
    the whole tagger (every rule competing) gives the same."""
    alone = [(t.text, t.value) for t in rule_times(rule, example.sentence, example.dct)]
    assert (example.expression, example.value) in alone
    whole = [(t.text, t.value) for t in find_times(example.sentence, example.dct)]
    assert (example.expression, example.value) in whole


def test_a_week_at_the_calendar_end_has_no_range() -> None:
    assert resolve_range("9999-W52") is None  # it would end in year 10000
    assert resolve_range("2019-W21") == ("2019-05-20", "2019-05-26")
