"""The story stages as pure functions: copy detection, event merging, figure series."""

from __future__ import annotations

from typing import Any

from storyline.model import Event, Figure
from storyline.story.merge import merge_events
from storyline.story.series import build_series, what_key
from storyline.story.syndication import is_copy, shingles, signature
from tests.news import BODY, PARAGRAPHS


def test_an_edited_copy_is_a_copy_and_another_story_is_not() -> None:
    copy = BODY.replace("joint statement", "statement") + (
        "\n\nUganda's trade minister said the reopening would also help Kampala's exporters.")
    other = "\n\n".join(reversed(PARAGRAPHS[:2])) + "\n\nPolice in Mombasa arrested three men on Friday."
    assert is_copy(shingles(BODY), shingles(copy))[0]
    assert not is_copy(shingles(BODY), shingles(other))[0]
    # the MinHash estimate follows the exact Jaccard
    a, b = signature(shingles(BODY)), signature(shingles(copy))
    assert float((a == b).mean()) > 0.6


def _actor(code: str) -> dict[str, Any]:
    country = code[:3] if code.isupper() and len(code) == 6 else None
    return {"text": code, "name": code, "id": code, "country": country, "role": "GOV"}


def _event(article: str, start: int, type_: str, date: tuple[str, str, str, str | None], *,
           source: Any = None, target: Any = None, modality: str = "asserted",
           trigger: str | None = None) -> dict[str, Any]:
    def side(x: Any) -> Any:
        if x is None:
            return None
        return [_actor(a) for a in x] if isinstance(x, list) else _actor(x)

    return {
        "id": f"{article}-{start}-{type_}", "type": type_, "quad": 1, "modality": modality,
        "source": side(source), "target": side(target),
        "date": {"start": date[0], "end": date[1], "precision": date[2], "text": date[3]},
        "location": None, "story": None, "score": 1.0,
        "mentions": [{"article": article, "quote": f"sentence {start}", "start": start,
                      "end": start + 10, "attribution": None,
                      "trigger": ({"start": start, "end": start + len(trigger), "text": trigger}
                                  if trigger else None)}],
    }


SEPT = ("2018-09-01", "2018-09-30", "month", "last September")
SEPT17 = ("2018-09-17", "2018-09-17", "day", "on Monday")
OCT19 = ("2019-10-01", "2019-10-31", "month", "October")
PUB = {"a1": "2019-08-27", "a2": "2020-01-14", "a3": "2019-06-01", "a4": "2018-09-18",
       "c4": "2018-09-18", "p0": "2018-09-16"}


def _merge(events: list[dict[str, Any]], roots: dict[str, str] | None = None,
           published: dict[str, str | None] | None = None) -> list[dict[str, Any]]:
    """merge_events on the events' JSON form, its merged events back as JSON."""
    merged = merge_events([Event.from_json(e) for e in events], story="s", roots=roots or {},
                          published=PUB if published is None else published)
    return [e.to_json() for e in merged]


def _by_mention(merged: list[dict[str, Any]]) -> dict[str, str]:
    return {f"{m['article']}:{m['start']}": e["id"] for e in merged for m in e["mentions"]}


def test_one_agreement_reported_three_ways_is_one_event_and_a_later_one_stays_apart() -> None:
    events = [
        _event("a1", 10, "AGREE", SEPT, source=["RUSGOV", "TURGOV"]),
        _event("a2", 20, "AGREE", ("2018-09-01", "2018-09-30", "month", "September 2018"),
               source=["TURGOV", "RUSGOV"]),  # other order, symmetric type
        _event("a4", 5, "AGREE", SEPT17, source="RUSGOV", target="TURGOV"),
        # no actors: may be another agreement of that month, so it stays apart
        _event("a3", 7, "AGREE", SEPT, source=None),
        _event("a2", 90, "AGREE", OCT19, source="TURGOV", target="RUSGOV"),
    ]
    merged = _merge(events)
    where = _by_mention(merged)
    sochi = {where["a1:10"], where["a2:20"], where["a4:5"]}
    assert len(sochi) == 1
    assert where["a2:90"] not in sochi and where["a3:7"] not in sochi
    event = next(e for e in merged if e["id"] in sochi)
    assert event["sources"] == 3 and len(event["mentions"]) == 3
    assert event["date"]["precision"] == "day"  # the most specific report
    assert event["id"] == "a4-5-AGREE"  # the first report (earliest article)


def test_modalities_types_and_dates_keep_events_apart() -> None:
    events = [
        _event("p0", 3, "CONSULT", SEPT17, source=["erdogan", "putin"], modality="future"),
        _event("a4", 8, "CONSULT", SEPT17, source=["erdogan", "putin"]),
        _event("a4", 9, "AGREE", SEPT17, source=["erdogan", "putin"]),
        _event("a1", 1, "ASSAULT", ("2019-08-20", "2019-08-20", "day", "Tuesday"), source="SYRMIL"),
        _event("a1", 2, "ASSAULT", ("2019-08-21", "2019-08-21", "day", "Wednesday"), source="SYRMIL"),
        _event("a2", 4, "ASSAULT", ("2019-08-21", "2019-08-21", "day", "August 21"),
               source="RUSMIL", target="TURMIL"),
        _event("a2", 5, "ASSAULT", ("2019-08-21", "2019-08-21", "day", "August 21"),
               source="SYRMIL", target="TURMIL"),
    ]
    merged = _merge(events)
    where = _by_mention(merged)
    assert len(set(where.values())) == 6  # only the two Aug 21 SYRMIL attacks on Turkey merge
    assert where["a1:2"] == where["a2:5"]
    planned, held, agreed = where["p0:3"], where["a4:8"], where["a4:9"]
    rel = {e["id"]: e["related"] for e in merged}
    assert held in rel[planned] and planned in rel[held]  # linked, not merged
    assert agreed in rel[held]  # a meeting and the agreement it produced


def test_directed_events_do_not_merge_across_opposite_accusers() -> None:
    day = ("2025-04-04", "2025-04-04", "day", "Friday")
    merged = _merge([_event("a1", 1, "ACCUSE", day, source="ETHGOV", target="SDNGOV"),
                     _event("a2", 1, "ACCUSE", day, source="SDNGOV", target="ETHGOV")])
    assert len(merged) == 2


def test_reports_without_actors_or_date_stay_alone_and_copies_count_once() -> None:
    undated = ("2018-09-18", "2018-09-18", "day", None)
    events = [
        _event("a4", 1, "ASSAULT", undated),
        _event("c4", 1, "ASSAULT", undated),  # the syndicated copy of a4
        _event("a4", 40, "AGREE", SEPT17, source=["RUSGOV", "TURGOV"]),
        _event("c4", 40, "AGREE", SEPT17, source=["RUSGOV", "TURGOV"]),
    ]
    merged = _merge(events, roots={"c4": "a4"})
    where = _by_mention(merged)
    assert where["a4:1"] != where["c4:1"]
    agree = next(e for e in merged if e["type"] == "AGREE")
    assert len(agree["mentions"]) == 2 and agree["sources"] == 1


def test_merged_ids_do_not_depend_on_input_order() -> None:
    events = [
        _event("a1", 10, "AGREE", SEPT, source=["RUSGOV", "TURGOV"]),
        _event("a2", 20, "AGREE", SEPT, source=["TURGOV", "RUSGOV"]),
        _event("a2", 90, "AGREE", OCT19, source="TURGOV", target="RUSGOV"),
        _event("a3", 3, "REQUEST", SEPT, source="TURGOV", target="RUSGOV"),
    ]
    assert _merge(events) == _merge(list(reversed(events)))


def _figure(fid: str, article: str, value: float, what: str, where: str | None,
            day: str) -> dict[str, Any]:
    return {"id": fid, "value": value, "qualifier": "more than", "unit": "people", "what": what,
            "where": where, "as_of": {"start": day, "end": day}, "attribution": None,
            "mention": {"article": article, "quote": "q", "start": 0, "end": 1}}


def test_series_in_date_order_with_disagreement_and_copies_once() -> None:
    assert what_key("Syrians hosted") == what_key("refugees hosted") == what_key(
        "displaced Syrians hosted")
    assert what_key("civilians killed") != what_key("fighters killed")
    figures = [
        _figure("f3", "a3", 3_600_000, "refugees hosted", "Turkey", "2019-06-01"),
        _figure("f1", "a1", 3_000_000, "refugees hosted", "Turkey", "2018-08-30"),
        _figure("f2", "a2", 3_000_000, "Syrians hosted", None, "2018-09-16"),
        _figure("f4", "a4", 3_500_000, "refugees hosted", "Turkey", "2019-06-01"),
        _figure("f5", "c4", 3_500_000, "refugees hosted", "Turkey", "2019-06-01"),
        _figure("f6", "a1", 291, "civilians killed", None, "2019-06-01"),
    ]
    series = [x.to_json() for x in build_series([Figure.from_json(f) for f in figures],
                                                 story="s", roots={"c4": "a4"})]
    refugees = next(s for s in series if s["what"] == "refugees hosted")
    assert refugees["where"] == "Turkey"
    points = refugees["points"]
    assert [p["date"] for p in points] == ["2018-08-30", "2018-09-16", "2019-06-01"]
    assert [p["value"] for p in points[:2]] == [3_000_000, 3_000_000]
    last = points[-1]
    assert last["disagree"] and last["value_max"] == 3_600_000
    assert sorted(last["sources"]) == ["a3", "a4"]  # the copy adds no source
    assert "f5" not in last["figures"]
    assert not points[0]["disagree"] and points[0]["value_max"] is None
    assert any(s["what"] == "civilians killed" for s in series)


def test_reports_without_any_date_are_not_merged_across_articles() -> None:
    undated = (None, None, "day", None)
    events = [
        _event("u1", 3, "ACCUSE", undated, source="SDNGOV", target="ETHGOV"),  # type: ignore[arg-type]
        _event("u2", 8, "ACCUSE", undated, source="SDNGOV", target="ETHGOV"),  # type: ignore[arg-type]
    ]
    merged = _merge(events, published={"u1": None, "u2": None})
    assert len(merged) == 2


def test_place_splits_material_events_but_not_agreements_about_a_place() -> None:
    def at(ev: dict[str, Any], country: str) -> dict[str, Any]:
        ev["location"] = {"name": country, "country": country, "lat": 0.0, "lon": 0.0}
        return ev

    events = [
        at(_event("a1", 10, "AGREE", SEPT, source=["RUSGOV", "TURGOV"]), "RUS"),  # signed in Sochi
        at(_event("a2", 20, "AGREE", SEPT, source=["TURGOV", "RUSGOV"]), "SYR"),  # "in Idlib"
        at(_event("a1", 30, "ASSAULT", SEPT17, source="RUSMIL", target="SYRREB"), "SYR"),
        at(_event("a2", 40, "ASSAULT", SEPT17, source="RUSMIL", target="SYRREB"), "LBY"),
    ]
    where = _by_mention(_merge(events))
    assert where["a1:10"] == where["a2:20"]
    assert where["a1:30"] != where["a2:40"]


def test_two_people_of_one_country_are_not_one_party() -> None:
    meeting = ("2010-06-12", "2010-06-12", "day", "this afternoon")
    events = [
        _event("g1", 10, "CONSULT", meeting, source=["cameron_david", "obama_barack"]),
        _event("r1", 20, "CONSULT", meeting, source=["svanberg_carl", "obama_barack"]),
    ]
    for e, countries in zip(events, (["GBR", "USA"], ["GBR", "USA"]), strict=True):
        for actor, c in zip(e["source"], countries, strict=True):
            actor["country"] = c
    merged = _merge(events)
    assert len(merged) == 2  # Svanberg is not Cameron, though both are British


def test_one_article_merges_a_material_act_named_again_but_never_two_statements() -> None:
    day = ("2019-08-20", "2019-08-20", "day", "Tuesday")
    events = [
        # the offensive named twice: one incident
        _event("a1", 1, "ASSAULT", day, source="SYRMIL", target="SYRREB", trigger="offensive"),
        _event("a1", 50, "ASSAULT", day, source="SYRMIL", target="SYRREB", trigger="offensive"),
        # shelling and an air raid by the same side that day: two incidents
        _event("a1", 90, "ASSAULT", day, source="SYRMIL", target="SYRREB", trigger="raid"),
        # two accusations by one speaker: two statements
        _event("a1", 120, "ACCUSE", day, source="RUSGOV", target="SYRREB", trigger="complained"),
        _event("a1", 160, "ACCUSE", day, source="RUSGOV", target="SYRREB", trigger="accuses"),
        # another outlet's report of the offensive still joins it
        _event("a2", 5, "ASSAULT", day, source="SYRMIL", target="SYRREB", trigger="assault"),
    ]
    where = _by_mention(_merge(events))
    assert where["a1:1"] == where["a1:50"] == where["a2:5"]
    assert where["a1:90"] != where["a1:1"]
    assert where["a1:120"] != where["a1:160"]


def test_two_trigger_words_of_one_sentence_are_two_events() -> None:
    day = ("2020-01-28", "2020-01-28", "day", "Tuesday")
    one = _event("a1", 10, "SUPPORT", day, source="paper_a", target="warren", trigger="backed")
    two = _event("a1", 10, "SUPPORT", day, source="paper_b", target="klobuchar", trigger="backed")
    two["mentions"][0]["trigger"] = {"start": 60, "end": 66, "text": "backed"}
    again = _event("a1", 10, "SUPPORT", day, source="paper_a", target="warren", trigger="backed")
    assert len(_merge([one, two])) == 2
    assert len(_merge([one, again])) == 1  # one trigger coded twice is one report


def test_a_meeting_of_two_named_leaders_does_not_take_a_talk_naming_only_one() -> None:
    # "the two presidents met on Saturday" and, in another paper, a business chief's talks
    # with one of them three days later (its own date unstated): two meetings
    sat = ("2021-03-06", "2021-03-06", "day", "on Saturday")
    undated = ("2021-03-09", "2021-03-09", "day", None)
    merged = _merge([_event("m1", 1, "CONSULT", sat, source=["ruto", "kagame"]),
                     _event("m2", 1, "CONSULT", undated, target="kagame")],
                    published={"m1": "2021-03-06", "m2": "2021-03-08"})
    assert len(merged) == 2
    # two reports that each name the same two leaders still merge
    merged = _merge([_event("m1", 1, "CONSULT", sat, source=["ruto", "kagame"]),
                     _event("m3", 4, "CONSULT", sat, source="kagame", target="ruto")],
                    published={"m1": "2021-03-06", "m3": "2021-03-07"})
    assert len(merged) == 1
