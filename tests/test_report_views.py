"""The report's story views: story first, only what informs first (invented outputs)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from storyline.report.build import (
    LOW_CONFIDENCE,
    confident_place,
    figure_kind,
    fit_box,
    headline_from_sentence,
    rank_key,
    report_data,
)
from tests.report_fixtures import write_corpus


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], dict[str, Any]]:
    out = tmp_path_factory.mktemp("views")
    written = write_corpus(out, stories=4, articles_per_story=6, events=200)
    return written, report_data(out)


def test_biggest_story_by_independent_sources_opens_the_page(corpus: Any) -> None:
    _, data = corpus
    views = data["views"]
    assert [v["id"] for v in views] == ["story00", "story01", "story02", "story03", None]
    assert views[-1]["all"] and views[-1]["title"] == "All stories"
    # story03 has as many articles as story02, but one is a syndicated copy
    assert views[2]["articles"] == views[3]["articles"] == 4
    assert (views[2]["sources"], views[3]["sources"]) == (4, 3)
    assert data["meta"]["title"] == views[0]["title"] and data["meta"]["stories"] == 4


def test_titles_are_headlines_or_the_key_event_never_key_words(corpus: Any) -> None:
    _, data = corpus
    by_id = {v["id"]: v for v in data["views"]}
    # story00's articles carry no headline: its title is made from its key event's sentence
    assert by_id["story00"]["titleFrom"] == "event"
    title = by_id["story00"]["title"]
    assert title[0].isupper() and "lake words" not in title and len(title) <= 112
    # the others: their stage title is key words, so a member's headline is used
    for sid in ("story01", "story02", "story03"):
        assert by_id[sid]["titleFrom"] == "headline"
        assert by_id[sid]["title"].startswith(f"Story {sid[-1]} headline")


def test_every_section_of_a_view_holds_only_its_story(corpus: Any) -> None:
    written, data = corpus
    story_of = {e["id"]: e["story"] for e in written["events"]}
    art_story = {a["id"]: a["story"] for a in written["articles"]}
    for v in data["views"]:
        if v.get("all"):
            assert len(v["main"]) + len(v["rest"]) == len(written["events"])
            continue
        own = set(v["main"]) | set(v["rest"])
        assert {story_of[i] for i in own} == {v["id"]}
        assert {i for e in v["network"]["edges"] for i in e["ev"]} <= own
        assert {i for p in v["dyads"]["actor"] for m in p["months"] for i in m["ev"]} <= own
        assert {i for p in v["map"]["points"] for i in p["ev"]} <= own
        assert {i for e in v["entries"] for i in e["events"]} <= own
        cited = {c["a"] for s in v["series"] for p in s["points"] for c in p["cites"]}
        assert cited and {art_story[a] for a in cited} == {v["id"]}


def test_events_rank_by_sources_then_confidence_and_unsure_or_historical_wait(
        corpus: Any) -> None:
    written, data = corpus
    events = {e["id"]: e for e in written["events"]}
    for v in data["views"]:
        if v.get("all"):
            continue
        keys = [rank_key(events[i], {}) for i in v["main"]]
        assert keys == sorted(keys)
        rest = [events[i] for i in v["rest"]]
        # the event dated 1937 and the unsure one (confidence 0.02) are behind the toggle
        assert any(e["date"]["start"].startswith("1937") for e in rest)
        assert any(e["confidence"] < LOW_CONFIDENCE for e in rest)
        assert all(not events[i]["date"]["start"].startswith("1937") for i in v["main"])


def test_missing_confidence_counts_as_a_middling_one() -> None:
    base = {"id": "a", "sources": 2, "date": {"start": "2024-01-01"}}
    sure = dict(base, id="b", confidence=0.9)
    unsure = dict(base, id="c", confidence=0.1)
    order = sorted([unsure, base, sure], key=lambda e: rank_key(e, {}))
    assert [e["id"] for e in order] == ["b", "a", "c"]
    more = dict(base, id="d", sources=3, confidence=0.1)
    assert sorted([sure, more], key=lambda e: rank_key(e, {}))[0]["id"] == "d"


def test_cumulative_and_incident_counts_never_share_a_series(corpus: Any) -> None:
    _, data = corpus
    v = data["views"][0]
    killed = [s for s in v["series"] if s["what"] == "people killed"]
    assert sorted(s["kind"] for s in killed) == ["cumulative", "incident"]
    for s in killed:
        quotes = [c.get("a") for p in s["points"] for c in p["cites"]]
        assert quotes
    cumulative = next(s for s in killed if s["kind"] == "cumulative")
    assert [p["value"] for p in cumulative["points"]] == [10, 15, 20, 25, 30, 35]
    # the headline toll: the latest running total, with its date and its source
    toll = v["toll"]
    assert toll["point"]["value"] == 35 and toll["point"]["date"] == cumulative["points"][-1]["date"]
    assert toll["point"]["cites"][0]["a"]


@pytest.mark.parametrize(("quote", "as_of", "kind"), [
    ("The death toll has risen to 200 people, officials said.", None, "cumulative"),
    ("A bomb killed 12 people in a market on Monday.", None, "incident"),
    ("Flu has killed 61 people since April.", None, "cumulative"),
    ("The virus has killed 61 people.", None, "cumulative"),
    ("Twelve people died.", {"start": "2024-01-01", "end": "2024-02-01"}, "cumulative"),
    ("Gunmen killed five soldiers at a checkpoint.", None, "incident"),
])
def test_figure_kind(quote: str, as_of: Any, kind: str) -> None:
    assert figure_kind(quote, as_of) == kind


@pytest.mark.parametrize(("sentence", "headline"), [
    ("VALDORA | Fri Apr 9 , 2010 7:20 am EDT VALDORA -LRB- Reuters -RRB- - A harbour pilot "
     "has called the new berth `` too shallow . ''", 'A harbour pilot has called the new berth "too shallow."'),
    ("On 3 March 2024 , a ferry sank off Mwanza .", "A ferry sank off Mwanza"),
    ("KISUMU: Police and fishermen clashed at the landing site.",
     "Police and fishermen clashed at the landing site"),
])
def test_headline_from_sentence(sentence: str, headline: str) -> None:
    assert headline_from_sentence(sentence) == headline


def test_long_headlines_are_cut_at_a_word() -> None:
    text = headline_from_sentence("Word " * 60)
    assert len(text) <= 112 and text.endswith(" …") and "Wor …" not in text


def test_only_confident_places_reach_the_map() -> None:
    actors = {"clinton", "medvedev"}
    assert confident_place("Damascus", actors)
    assert not confident_place("Clinton", actors)
    assert not confident_place("Homs Monday", actors)
    assert not confident_place("Street", actors)
    assert not confident_place("al", actors)


def test_the_map_fits_the_story_not_one_far_mention() -> None:
    near = [{"name": f"p{i}", "lat": 34.0 + i / 10, "lon": 36.0 + i / 10, "ev": ["e"] * 5}
            for i in range(5)]
    far = [{"name": "Auckland", "lat": -36.8, "lon": 174.7, "ev": ["e"]}]
    box = fit_box(near + far)
    assert box is not None and box[2] < 40 and box[1] > 30
    assert fit_box([]) is None


def test_dyad_chart_ignores_history_named_in_passing(corpus: Any) -> None:
    _, data = corpus
    for v in data["views"]:
        months = {m["m"] for p in v["dyads"]["actor"] for m in p["months"]}
        assert months and all(m >= "2024" for m in months)


def test_odd_rows_never_stop_the_page(tmp_path: Any) -> None:
    """Rows an older or broken run could leave: no dates, no actors, no mentions, a
    figure without a quote, a story naming an unknown article, a series without points."""
    from storyline.report.build import build_report

    rows = {
        "articles.jsonl": [{"id": "a1", "text": "", "published": None, "story": "s1"},
                           {"id": "a2", "text": "Boats sank.", "title": None, "story": None}],
        "events.jsonl": [{"id": "e1", "type": "ASSAULT", "mentions": [], "date": None,
                          "story": "s1", "location": {"name": None, "lat": None}},
                         {"id": "e2", "type": "AID", "quad": 2, "source": [{"name": "X"}],
                          "target": {"text": "Y"}, "mentions": [{"article": "zz"}],
                          "date": {"start": "2024-01-01", "precision": "year"},
                          "confidence": "high", "sources": 0}],
        "figures.jsonl": [{"id": "f1", "value": "n/a", "unit": "people", "what": None,
                           "mention": None, "as_of": None}],
        "series.jsonl": [{"id": "x", "story": "s1", "what": "boats", "unit": "boats",
                          "points": []}],
        "stories.jsonl": [{"id": "s1", "title": None, "articles": ["a1", "nope"]},
                          {"id": "s2", "title": "empty", "articles": []}],
    }
    for name, items in rows.items():
        (tmp_path / name).write_text("".join(json.dumps(r) + "\n" for r in items), "utf-8")
    (tmp_path / "timeline.json").write_text(json.dumps({"entries": [{"date": None}],
                                                       "stories": [{"id": "s1"}]}), "utf-8")
    data = report_data(tmp_path)
    assert data["views"] and all(v["title"] for v in data["views"])
    assert build_report(tmp_path).exists()


def test_key_event_prefers_the_story_key_words_and_skips_taken_headlines() -> None:
    from storyline.report.build import key_event

    def ev(eid: str, quote: str, sources: int) -> dict[str, Any]:
        return {"id": eid, "modality": "asserted", "sources": sources,
                "mentions": [{"article": "a", "start": 500, "quote": quote}]}

    generic = ev("g", "Officials said more talks were planned.", 3)
    topical = ev("t", "The ferry sank on Lake Victoria with 40 aboard.", 2)
    assert key_event([generic, topical], {"a": 100})["id"] == "g"
    assert key_event([generic, topical], {"a": 100}, keywords=["ferry", "lake"])["id"] == "t"
    taken = {headline_from_sentence(generic["mentions"][0]["quote"])}
    assert key_event([generic, topical], {"a": 100}, taken)["id"] == "t"


def test_the_toll_is_not_a_forecast() -> None:
    from storyline.report.build import headline_toll

    def point(date: str, value: float) -> dict[str, Any]:
        return {"date": date, "value": value, "n": 1, "cites": [{"a": "x", "q": "q"}]}

    series = [{"kind": "cumulative", "unit": "people", "what": "people killed", "where": None,
               "points": [point("2024-03-01", 10), point("2024-03-09", 25),
                          point("2024-12-31", 900)]},
              {"kind": "incident", "unit": "people", "what": "people killed", "where": None,
               "points": [point("2024-03-10", 4)]}]
    toll = headline_toll(series, last="2024-03-10")
    assert toll is not None and (toll["point"]["value"], toll["point"]["date"]) == (25, "2024-03-09")
    assert headline_toll(series[1:]) is None


def test_events_outside_every_story_stay_reachable(tmp_path: Any) -> None:
    from tests.report_fixtures import write_outputs

    write_outputs(tmp_path, new_formats=True)
    lines = (tmp_path / "events.jsonl").read_text("utf-8").split("\n")
    rows = [json.loads(x) for x in lines if x.strip()]
    rows[0]["story"] = None  # an event no story claims (an older run)
    rows[0]["mentions"] = []
    (tmp_path / "events.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), "utf-8")
    data = report_data(tmp_path)
    assert [v["id"] for v in data["views"]] == ["st1", None]
    whole = data["views"][-1]
    assert rows[0]["id"] in whole["main"] + whole["rest"]


@pytest.mark.parametrize(("tokenised", "plain"), [
    ("The mayor called the plan `` a good start . ''", 'The mayor called the plan "a good start."'),
    ("Rates rose -LRB- again -RRB- , the bank said .", "Rates rose (again), the bank said."),
    ("The port 's cranes were n't working ; crews waited .",
     "The port's cranes weren't working; crews waited."),
])
def test_one_detokeniser_for_cleaning_and_headlines(tokenised: str, plain: str) -> None:
    from storyline.clean.detok import detokenise

    assert detokenise(tokenised) == plain
    assert headline_from_sentence(tokenised) == plain.removesuffix(".")
