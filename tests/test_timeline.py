"""Timeline summarisation on a small invented story with explicit dates."""

from __future__ import annotations

import datetime as dt

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
    assert [e.date for e in tl] == ["2031-03-03"]
    e = tl[0]
    assert e.precision == "day"
    assert e.events == []
    assert 1 <= len(e.summary) <= 2
    assert set(e.sources) <= {"a1", "a2", "a3"}
    assert e.sources
    assert any("burst" in s for s in e.summary)


def test_entries_sorted_and_limited() -> None:
    tl = build_timeline(ARTICLES, n_dates=3, n_sentences=1)
    dates = [e.date for e in tl]
    assert len(tl) == 3
    assert dates == sorted(dates)
    assert "2031-03-03" in dates
    assert all(len(e.summary) == 1 for e in tl)


def test_all_dates_when_unlimited() -> None:
    tl = build_timeline(ARTICLES, n_dates=None, n_sentences=3)
    dates = {e.date for e in tl}
    assert {"2031-03-01", "2031-03-03", "2031-03-10"} <= dates
    assert all(len(e.summary) <= 3 for e in tl)


def test_window_limits_dates() -> None:
    tl = build_timeline(ARTICLES, n_dates=None, n_sentences=2,
                        date_from="2031-03-05", date_to="2031-03-31")
    dates = [e.date for e in tl]
    assert dates
    assert all("2031-03-05" <= d <= "2031-03-31" for d in dates)
    assert "2031-03-10" in dates


def test_sentences_verbatim_and_sources_match() -> None:
    texts = {aid: text for aid, _, text in ARTICLES}
    for e in build_timeline(ARTICLES, n_dates=None, n_sentences=3):
        for s in e.summary:
            assert s == s.strip()
            assert any(s in texts[a] for a in e.sources), s
        for a in e.sources:
            assert any(s in texts[a] for s in e.summary)


def test_date_specific_sentences() -> None:
    tl = {e.date: e for e in build_timeline(ARTICLES, n_dates=None, n_sentences=2)}
    assert any("inquiry" in s for s in tl["2031-03-10"].summary)
    assert any("cracks" in s for s in tl["2031-03-01"].summary)
    assert tl["2031-03-10"].sources == ["a3"]


def test_empty_and_zero() -> None:
    assert build_timeline([], n_dates=5, n_sentences=2) == []
    assert build_timeline(ARTICLES, n_dates=0, n_sentences=2) == []
    assert build_timeline([("x", "not a date", "Nothing here at all, really.")],
                          n_dates=None, n_sentences=1) == []


def test_quotable_rejects_page_furniture_and_fragments() -> None:
    from storyline.story.timeline import quotable

    assert quotable("The dam burst on March 3, 2031 after two days of heavy rain.")
    assert quotable("`` We were not warned , '' a resident told reporters .")
    for junk in (
        "she added.",
        "He added .",
        "and the water kept rising through the night.",
        "Page last updated at 07:02 GMT, Friday, 5 March 2031.",
        "Click here to sign up for our daily newsletter.",
        "10.00am-6.30pm VELDEN RADIO LIVE Uninterrupted commentary from the river.",
        "Rescue teams from Velden reached the flooded districts",
        "What did the engineers know before the dam burst?",
        "Image caption Families wait outside a school hall in the lower town.",
    ):
        assert not quotable(junk), junk


def test_leftovers_never_summarise_a_date() -> None:
    junk = ("Page last updated at 09:12 GMT, Thursday, 4 March 2031 Share this page. "
            "On March 3, 2031 the dam burst.\n"
            "Dam burst on March 3, 2031 and the town")
    arts = [*ARTICLES, ("a5", "2031-03-04", junk)]
    for e in build_timeline(arts, n_dates=None, n_sentences=5):
        assert not any("Page last updated" in s or s.endswith("the town") for s in e.summary)


def test_off_topic_article_sentences_rank_below_the_story() -> None:
    from storyline.story.timeline import TimelineConfig

    stray = ("The Kessel football club signed a new striker on March 3, 2031 for a record fee. "
             "Supporters of the Kessel club celebrated the striker in the town square.")
    arts = [*ARTICLES, ("s1", "2031-03-04", stray)]
    cfg = TimelineConfig(relevance_weight=1.0)
    tl = {e.date: e for e in build_timeline(arts, n_dates=None, n_sentences=1, config=cfg)}
    assert "striker" not in tl["2031-03-03"].summary[0]
    assert "s1" not in tl["2031-03-03"].sources


def test_later_articles_looking_back_raise_a_date() -> None:
    from storyline.story.timeline import DATE_FEATURES, TimelineConfig, date_candidates

    dates, x = date_candidates(ARTICLES)
    row = {d.isoformat(): dict(zip(DATE_FEATURES, r, strict=True))
           for d, r in zip(dates, x, strict=True)}
    # a3 (published 11 March) looks back on 3 March; a1 and a2 (4 March) do not count
    assert row["2031-03-03"]["ref_later"] == 1
    assert row["2031-03-03"]["ref_articles"] == 3
    assert row["2031-03-10"]["ref_before"] == 0
    # with a weight on looking back, 3 March outranks the dates only reported the next day
    back = ("Since the March 3, 2031 breach of the Rivermouth dam, no family has gone home. "
            "The lower town is still without clean water, aid workers said on Friday.")
    arts = [*ARTICLES, ("a6", "2031-03-20", back)]
    only = TimelineConfig(date_weights={"ref_later": 1.0})
    assert [e.date for e in build_timeline(arts, n_dates=1, n_sentences=1,
                                              config=only)] == ["2031-03-03"]
    assert date_candidates(arts)[1][dates.index(dt.date(2031, 3, 3))][1] == 2


def test_merged_timeline_is_made_of_story_entries() -> None:
    from storyline.story.timeline import merge_timelines

    b1 = ("Farmers in the Lenn valley began a strike over grain prices on March 3, 2031. "
          "The Lenn farmers' union said the strike would last until prices rose.")
    b2 = ("The grain strike in the Lenn valley entered its second week on March 10, 2031. "
          "Farmers blocked the Lenn valley roads with tractors on March 10, 2031.")
    story_b = [("b1", "2031-03-04", b1), ("b2", "2031-03-11", b2)]
    parts = []
    for docs in (ARTICLES, story_b):
        scores: dict[str, tuple[float, list[str]]] = {}
        entries = build_timeline(docs, n_dates=None, n_sentences=2, scores_out=scores)
        assert set(scores) == {e.date for e in entries}
        parts.append((entries, scores))
    merged = merge_timelines(parts, n_dates=3, n_sentences=3)
    assert len(merged) == 3
    assert [e.date for e in merged] == sorted(e.date for e in merged)
    story_sents = {s for entries, _ in parts for e in entries for s in e.summary}
    texts = {aid: t for aid, _, t in ARTICLES + story_b}
    for e in merged:
        assert set(e.summary) <= story_sents
        assert len(e.summary) <= 3
        for s in e.summary:
            assert any(s in texts[a] for a in e.sources), s
        for a in e.sources:
            assert any(s in texts[a] for s in e.summary)
    shared = next(e for e in merged if e.date == "2031-03-03")
    # both stories report 3 March: the date takes sentences from each, never a mixed ranking
    assert {a[0] for a in shared.sources} == {"a", "b"}
    assert merge_timelines([], n_dates=3, n_sentences=2) == []


def test_quotable_rejects_captions_and_ticker_leftovers() -> None:
    from storyline.story.timeline import quotable

    assert not quotable("Boats skim an oil sheen off the Osk delta , March 5 , 2031 .")
    assert not quotable("Flood waters cover the lower town of Rivermouth, 4 March 2031.")
    assert not quotable("L -RRB- shares fell 4 percent on Monday after the dam burst .")
    assert not quotable("March 11 , 2031 20:24 UTC The inquiry heard from engineers .")
    assert quotable("March 3 - The Rivermouth dam bursts after two days of rain .")
    assert quotable("The dam burst on March 3, 2031, officials said.")


def test_future_penalty_prefers_what_happened_over_what_was_announced() -> None:
    from storyline.story.timeline import TimelineConfig

    arts = [
        ("p1", "2031-03-02", "The Osk river inquiry will hear the Rivermouth engineers on "
                             "March 10, 2031 in the capital, officials said."),
        ("p2", "2031-03-11", "The Rivermouth engineers told the Osk river inquiry on "
                             "March 10, 2031 that they had warned of the dam cracks."),
    ]
    cfg = TimelineConfig(future_penalty=1.0, mention_bonus=0.0, redundancy=1.0)
    tl = build_timeline(arts, n_dates=1, n_sentences=2, config=cfg,
                        date_from="2031-03-10", date_to="2031-03-10")
    assert [e.date for e in tl] == ["2031-03-10"]
    assert "told the Osk river inquiry" in tl[0].summary[0]
    assert "will hear" in tl[0].summary[1]


def test_recent_bonus_prefers_the_report_of_the_day_to_a_later_recollection() -> None:
    from storyline.story.timeline import TimelineConfig

    arts = [
        ("r1", "2031-03-04", "Water from the Rivermouth dam flooded the lower town on "
                             "March 3, 2031, rescue teams from Velden said."),
        ("r2", "2031-04-20", "Weeks after the March 3, 2031 breach of the Rivermouth dam, "
                             "shops in the lower town of Rivermouth remain shut."),
    ]
    for bonus, want in ((1.0, "r1"), (-1.0, "r2")):
        cfg = TimelineConfig(recent_bonus=bonus, relevance_weight=0.0, redundancy=1.0)
        tl = build_timeline(arts, n_dates=1, n_sentences=1, config=cfg,
                            date_from="2031-03-03", date_to="2031-03-03")
        assert tl[0].sources == [want]


def test_bad_input_never_crashes() -> None:
    from storyline.story.timeline import merge_timelines

    odd = [
        ("e1", "", ""),
        ("e2", "2031-13-45", "On March 3, 2031 the dam burst. \x00\x01 ?? ..."),
        ("e3", "2031-03-04", "\n\n.\n!!!\n" + "word " * 500),
        ("e4", "2031-03-04T10:00:00Z", "THE DAM BURST ON MARCH 3, 2031 IN THE NIGHT."),
        ("e5", "2031-03-05", "She added.\nOn Tuesday.\n«Le barrage a cédé le 3 mars 2031.»"),
    ]
    scores: dict[str, tuple[float, list[str]]] = {}
    tl = build_timeline(odd, n_dates=None, n_sentences=3, scores_out=scores)
    for e in tl:
        assert e.summary and e.date in scores
    assert merge_timelines([(tl, scores), ([], {})], n_dates=5, n_sentences=2) == \
        merge_timelines([(tl, scores)], n_dates=5, n_sentences=2)
