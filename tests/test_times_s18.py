"""A month without a year takes the year an expression just before it in its sentence
names (session 18)."""

from __future__ import annotations

from storyline.annotate.times import find_times


def _value(text: str, expr: str, dct: str = "2019-12-30") -> str:
    return next(t.value for t in find_times(text, dct) if expr in t.text)


def test_a_month_takes_the_year_just_named() -> None:
    assert _value("In 2004, the mayor announced his resignation in mid-August.",
                  "August").startswith("2004-08")
    assert _value("After a quiet summer of 2011, the strike began in October.",
                  "October").startswith("2011-10")


def test_a_range_or_a_distant_year_does_not_lend_its_year() -> None:
    assert _value("Since 2004 the firm has grown, and in March it sacked its chairman.",
                  "March").startswith("2019-03")
    far = ("Under a plan the board approved in 2011 that set no ceiling on the number "
           "of shares, the firm had bought back 48,000 shares through March 29.")
    assert not _value(far, "March").startswith("2011")


def test_an_inferred_year_is_not_lent() -> None:
    assert _value("The dividend is payable Jan. 2 to holders of record Dec. 15.",
                  "Dec. 15", dct="2019-11-02") == "2019-12-15"


def test_an_undated_text_naming_many_years_is_scored_over_a_few() -> None:
    from storyline.clean.dates import _candidate_years, find_references, infer_date

    lines = [f"On March {1 + i % 27}, {1930 + (i * 7) % 160} the council met again."
             for i in range(300)]
    text = "Dates everywhere\n\nOn May 2 the council met. " + " ".join(lines)
    refs = find_references(text)
    years = sorted({r.year for r in refs if r.year is not None})
    assert years[-1] - years[0] > 100
    spans = _candidate_years(refs[:200], years)
    assert sum(b - a + 1 for a, b in spans) <= 60  # not 160 years day by day
    # a normal text keeps its continuous range
    few = find_references("On March 3, 2019 the council met; on June 4, 2020 it voted.")
    assert _candidate_years(few, [2019, 2020]) == [(2019, 2022)]
    assert infer_date("On March 3, 2019 the council met; on June 4, 2020 it voted.") is not None
