"""Property tests: parsers and normalisers never crash and keep their promises."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.clean.damage import find_damage
from storyline.clean.dates import find_references, infer_date, parse_date_string
from storyline.clean.metadata import strip_site_name
from storyline.clean.patterns import END_MARKER
from storyline.clean.text import clean_text, split_blocks, unescape_text
from storyline.ingest.readers import decode_bytes, detect_kind
from tests.news import PARAGRAPHS

CHROME_LINES = ["Opinion", "Follow us on Twitter", "19 Apr, 2024", "Share", "Most Popular",
                "Sign up to our daily email", "Pictures: Rescue teams reach the valley"]
junk = st.lists(st.one_of(st.text(max_size=60), st.sampled_from(CHROME_LINES)), max_size=6)


@st.composite
def pages(draw: st.DrawFn) -> tuple[list[str], list[str]]:
    """A page: junk, then real paragraphs with at most one chrome line between them, then junk."""
    paras = draw(st.lists(st.sampled_from(PARAGRAPHS), min_size=1, max_size=5, unique=True))
    body: list[str] = []
    for p in paras:
        body.append(p)
        if draw(st.booleans()):
            body.append(draw(st.sampled_from(CHROME_LINES)))
    return draw(junk) + body + draw(junk), paras


@given(pages())
@settings(max_examples=150, deadline=None)
def test_cleaner_keeps_whole_bodies_and_only_input_lines(page_paras: tuple[list[str], list[str]]) -> None:
    page, paras = page_paras
    raw = "\n".join(page)
    result = clean_text(raw)
    source = {unescape_text(b) for b in split_blocks(raw)}
    for para in filter(None, result.body.split("\n\n")):
        assert para in source
    for chrome in CHROME_LINES:
        assert chrome not in result.body.split("\n\n")
    # every real paragraph before the end of the article ("Published in ...") survives
    end = next((i for i, x in enumerate(page) if END_MARKER.match(x.strip())), len(page))
    for p in paras:
        if p in page[:end]:
            assert p in result.body


@given(st.text(max_size=300))
@settings(max_examples=200, deadline=None)
def test_date_parsers_never_crash(s: str) -> None:
    d = parse_date_string(s)
    assert d is None or isinstance(d, dt.date)
    find_references(s)
    pub = infer_date(s)
    if pub is not None and pub.earliest and pub.latest:
        assert pub.earliest <= pub.latest


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2099, 12, 31)),
       st.sampled_from(["%B %d, %Y", "%d %B %Y", "%b %d, %Y", "%Y-%m-%d", "%A, %B %d, %Y"]))
def test_date_strings_round_trip(d: dt.date, fmt: str) -> None:
    assert parse_date_string(d.strftime(fmt)) == d


def test_impossible_dates_are_not_dates() -> None:
    assert parse_date_string("February 30, 2019") is None
    assert parse_date_string("Sat, June 03 2019") is None  # June 3, 2019 was a Monday
    assert infer_date("The meeting on February 30 was cancelled.") is None


@given(st.text(max_size=400))
@settings(max_examples=200, deadline=None)
def test_damage_spans_index_the_text(s: str) -> None:
    spans, warnings = find_damage(s)
    for a, b in spans:
        assert 0 <= a <= b <= len(s)
    assert len(warnings) <= 5


@given(st.binary(max_size=2000))
@settings(max_examples=200, deadline=None)
def test_decode_and_detect_never_crash(data: bytes) -> None:
    text = decode_bytes(data)
    assert text is None or isinstance(text, str)
    assert detect_kind(Path("x.txt"), data) in {"text", "html", "warc", "jsonl", "feed", "json",
                                                "mime", "archive", "binary", "other"}


@given(st.text(max_size=120))
def test_site_name_stripping_only_shortens(title: str) -> None:
    assert len(strip_site_name(title)) <= len(title.strip())


def test_site_names_stripped() -> None:
    assert strip_site_name("Border crossing to reopen | Reuters") == "Border crossing to reopen"
    assert strip_site_name("Talks stall in Geneva - BBC News") == "Talks stall in Geneva"
    assert strip_site_name("Ceasefire holds - The Example Times", url="https://exampletimes.com/x") \
        == "Ceasefire holds"
    # a real colon in a headline stays
    assert strip_site_name("Sudan: talks resume in Jeddah") == "Sudan: talks resume in Jeddah"
