"""Timeline summarisation on a small invented story with explicit dates."""

from __future__ import annotations

from storyline.story.timeline import build_timeline

A1 = (
    "The Rivermouth dam on the Osk river burst on March 3, 2031, flooding the lower town. "
    "Rescue teams from Velden reached the flooded districts within hours. "
    "Officials said at least 40 homes were destroyed by the water.\n"
    "The regional governor declared a state of emergency for the whole valley."
)
A2 = (
    "Engineers warned on March 1, 2031 that cracks had appeared in the Rivermouth dam wall. "
    "The Rivermouth dam burst on March 3, 2031 after two days of heavy rain in the hills. "
    "Families in the lower town spent the night in school halls and sports centres."
)
A3 = (
    "An inquiry into the Rivermouth dam collapse opened on March 10, 2031 in the capital. "
    "Witnesses told the inquiry that the March 3 breach had been predicted by local engineers. "
    "The dam burst on March 3, 2031, the inquiry heard, after repeated warnings were ignored."
)
A4 = (
    "Relief convoys carrying food and blankets arrived in the valley on Tuesday morning. "
    "Aid workers said the water supply in the lower town remained contaminated."
)
ARTICLES = [
    ("a1", "2031-03-04", A1),
    ("a2", "2031-03-04", A2),
    ("a3", "2031-03-11", A3),
    ("a4", "2031-03-06", A4),
]


def _all_sentences() -> set[str]:
    out: set[str] = set()
    for _, _, text in ARTICLES:
        for line in text.split("\n"):
            out.update(s.strip() for s in line.split(". ") if s.strip())
    return out


def test_most_referenced_date_first() -> None:
    tl = build_timeline(ARTICLES, n_dates=1, n_sentences=2)
    assert [e["date"] for e in tl] == ["2031-03-03"]
    e = tl[0]
    assert e["precision"] == "day"
    assert e["events"] == []
    assert 1 <= len(e["summary"]) <= 2
    assert set(e["sources"]) <= {"a1", "a2", "a3"}
    assert e["sources"]
    assert any("burst" in s for s in e["summary"])


def test_entries_sorted_and_limited() -> None:
    tl = build_timeline(ARTICLES, n_dates=3, n_sentences=1)
    dates = [e["date"] for e in tl]
    assert len(tl) == 3
    assert dates == sorted(dates)
    assert "2031-03-03" in dates
    assert all(len(e["summary"]) == 1 for e in tl)


def test_all_dates_when_unlimited() -> None:
    tl = build_timeline(ARTICLES, n_dates=None, n_sentences=3)
    dates = {e["date"] for e in tl}
    assert {"2031-03-01", "2031-03-03", "2031-03-10"} <= dates
    assert all(len(e["summary"]) <= 3 for e in tl)


def test_window_limits_dates() -> None:
    tl = build_timeline(ARTICLES, n_dates=None, n_sentences=2,
                        date_from="2031-03-05", date_to="2031-03-31")
    dates = [e["date"] for e in tl]
    assert dates
    assert all("2031-03-05" <= d <= "2031-03-31" for d in dates)
    assert "2031-03-10" in dates


def test_sentences_verbatim_and_sources_match() -> None:
    texts = {aid: text for aid, _, text in ARTICLES}
    for e in build_timeline(ARTICLES, n_dates=None, n_sentences=3):
        for s in e["summary"]:
            assert s == s.strip()
            assert any(s in texts[a] for a in e["sources"]), s
        for a in e["sources"]:
            assert any(s in texts[a] for s in e["summary"])


def test_date_specific_sentences() -> None:
    tl = {e["date"]: e for e in build_timeline(ARTICLES, n_dates=None, n_sentences=2)}
    assert any("inquiry" in s for s in tl["2031-03-10"]["summary"])
    assert any("cracks" in s for s in tl["2031-03-01"]["summary"])
    assert tl["2031-03-10"]["sources"] == ["a3"]


def test_empty_and_zero() -> None:
    assert build_timeline([], n_dates=5, n_sentences=2) == []
    assert build_timeline(ARTICLES, n_dates=0, n_sentences=2) == []
    assert build_timeline([("x", "not a date", "Nothing here at all, really.")],
                          n_dates=None, n_sentences=1) == []
