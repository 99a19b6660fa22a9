"""Issue 3 on the real seeds: the time expressions it lists normalise correctly.

Each seed is read with its true publication date as the document creation time.
"""

from __future__ import annotations

import pytest

from storyline.annotate.times import find_times
from storyline.model import Article

DCT = {"000": "2018-09-16", "001": "2019-06-01", "002": "2018-08-30", "003": "2019-08-27",
       "004": "2020-01-08"}
EXPECTED = {
    "000": {"Sept 7": "2018-09-07", "January 2017": "2017-01", "Monday": "2018-09-17"},
    "001": {"September": "2018-09", "Nine months": "P9M", "April 30": "2019-04-30",
            "late April": "2019-04", "early May": "2019-05", "last week": "2019-W21",
            "next month": "2019-07"},
    "002": {"Friday": "2018-08-24", "last year": "2017", "Sept. 11": "2018-09-11",
            "late October": "2018-10"},
    "003": {"last week": "2019-W34", "last September": "2018-09", "recent weeks": "PAST_REF",
            "earlier this summer": "2019-SU", "September": "2019-09", "2011": "2011"},
    "004": {"January 2": "2020-01-02", "January 4": "2020-01-04", "December 24": "2019-12-24",
            "December 26": "2019-12-26", "December 12": "2019-12-12", "25": "2019-12-25",
            "September 2018": "2018-09"},
}


@pytest.mark.parametrize("seed", sorted(EXPECTED))
def test_seed_times(seed_articles: dict[str, Article], seed: str) -> None:
    text = seed_articles[seed].text
    found = {t.text: t.value for t in find_times(text, DCT[seed])}
    for expr, value in EXPECTED[seed].items():
        assert found.get(expr) == value, (expr, found.get(expr))
    for t in find_times(text, DCT[seed]):
        assert text[t.start : t.end] == t.text
