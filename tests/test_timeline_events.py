"""The timeline weighs the events coded on a day: date features and the sentence bonus.

A small invented story (a dock strike in the port of Harlow) whose two articles refer
to 6 and 7 May 2031 alike, so that only the events coded on a day tell the days apart.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storyline.model import DateRange, Event, Mention, MergedEvent, Span
from storyline.story import timeline as tl_module
from storyline.story.timeline import (
    DATE_FEATURES,
    TimelineConfig,
    build_timeline,
    date_candidates,
)

X = (
    "Dockworkers at the port of Harlow stopped work on May 6, 2031 over unpaid wages. "
    "Riot police charged a picket line at the north gate on May 7, 2031. "
    "The harbour master said no container ship had sailed since the stoppage began."
)
Y = (
    "The Harlow dock stoppage that began on May 6, 2031 left forty ships waiting offshore. "
    "Union leaders met the port owners for talks in Harlow on May 7, 2031. "
    "Shipping agents said fruit cargoes were rotting on the quays of the port."
)
ARTICLES = [("x", "2031-05-08", X), ("y", "2031-05-08", Y)]
D6, D7 = "2031-05-06", "2031-05-07"


def _event(art: str, text: str, word: str, day: str, *, end: str | None = None,
           type_: str = "ASSAULT", quad: int = 4, modality: str = "asserted",
           confidence: float | None = 0.5) -> Event:
    at = text.index(word)
    return Event(
        id=f"{art}-{word}-{day}", type=type_, quad=quad, modality=modality,  # type: ignore[arg-type]
        source=None, target=None, date=DateRange(day, end or day, "day", day),
        location=None, mentions=[Mention(art, text[at:at + 40], at, at + 40,
                                         trigger=Span(at, at + len(word), word))],
        confidence=confidence)


def _rows(events: list[Event] | list[MergedEvent], config: TimelineConfig | None = None,
          arts: list[tuple[str, str, str]] = ARTICLES) -> dict[str, dict[str, float]]:
    dates, x = date_candidates(arts, events=events, config=config)
    return {d.isoformat(): dict(zip(DATE_FEATURES, r, strict=True))
            for d, r in zip(dates, x, strict=True)}


def _top(events: list[Event], weights: dict[str, float], **kw: object) -> list[str]:
    cfg = TimelineConfig(date_weights=weights, **kw)  # type: ignore[arg-type]
    return [e.date for e in build_timeline(ARTICLES, n_dates=1, n_sentences=1, config=cfg,
                                           events=events)]


def test_the_two_days_are_alike_without_events() -> None:
    rows = _rows([])
    ref = ["ref_articles", "ref_sentences", "ref_lead", "ref_named"]
    assert [rows[D6][f] for f in ref] == [rows[D7][f] for f in ref]
    assert all(rows[d][f] == 0 for d in (D6, D7) for f in DATE_FEATURES if f.startswith("ev_"))
    # a tie goes to the earlier day
    assert _top([], {"ref_articles": 1.0, "ev_articles": 1.0}) == [D6]


def test_articles_reporting_an_event_on_a_day_raise_it() -> None:
    events = [_event("x", X, "charged", D7), _event("y", Y, "met", D7, type_="CONSULT", quad=1)]
    rows = _rows(events)
    assert rows[D7]["ev_articles"] == 2 and rows[D6]["ev_articles"] == 0
    assert _top(events, {"ref_articles": 1.0, "ev_articles": 1.0}) == [D7]
    # a zero weight leaves the ranking as it was
    assert _top(events, {"ref_articles": 1.0, "ev_articles": 0.0}) == [D6]


def test_a_merged_event_counts_every_article_that_reports_it() -> None:
    one = _event("x", X, "charged", D7)
    other = _event("y", Y, "met", D7)
    merged = MergedEvent(
        id="m1", type="ASSAULT", quad=4, modality="asserted", source=None, target=None,
        date=one.date, location=None, mentions=one.mentions + other.mentions, story="s",
        score=None, mode=None, plover_type="ASSAULT", sources=2, related=[],
        confidence=0.3)
    assert _rows([merged])[D7]["ev_articles"] == 2


def test_material_events_outweigh_verbal_ones() -> None:
    events = [_event("y", Y, "began", D6,
                     type_="ACCUSE", quad=3),
              _event("x", X, "charged", D7)]
    rows = _rows(events)
    assert rows[D6]["ev_articles"] == rows[D7]["ev_articles"] == 1
    assert rows[D6]["ev_typed"] == 0.5 and rows[D7]["ev_typed"] == 1.0
    assert _top(events, {"ref_articles": 1.0, "ev_articles": 1.0}) == [D6]
    assert _top(events, {"ref_articles": 1.0, "ev_typed": 1.0}) == [D7]
    # the weights of the quad classes are settings
    verbal_first = {"verbal_conflict": 1.0, "material_conflict": 0.25,
                    "verbal_cooperation": 1.0, "material_cooperation": 0.25}
    assert _top(events, {"ref_articles": 1.0, "ev_typed": 1.0},
                event_type_weights=verbal_first) == [D6]


def test_event_confidence_weighs_and_the_floor_filters() -> None:
    from storyline.events.confidence import default_threshold

    floor = default_threshold()
    events = [_event("x", X, "stopped", D6, confidence=floor / 4),
              _event("x", X, "charged", D7, confidence=0.9)]
    rows = _rows(events)
    assert rows[D6]["ev_articles"] == rows[D7]["ev_articles"] == 1
    assert rows[D6]["ev_confidence"] == pytest.approx(0.25)  # a quarter of the floor
    assert rows[D7]["ev_confidence"] == 1.0  # capped at the floor's share
    assert _top(events, {"ref_articles": 1.0, "ev_confidence": 1.0}) == [D7]
    strict = _rows(events, TimelineConfig(event_min_confidence=floor))
    assert strict[D6]["ev_articles"] == 0 and strict[D7]["ev_articles"] == 1
    # an event without a confidence always counts, fully
    none = _rows([_event("x", X, "stopped", D6, confidence=None)],
                 TimelineConfig(event_min_confidence=floor))
    assert none[D6]["ev_articles"] == 1 and none[D6]["ev_confidence"] == 1.0


def test_planned_spread_foreign_and_broken_events_are_no_evidence() -> None:
    bad = [
        _event("x", X, "charged", D7, modality="future"),
        _event("x", X, "charged", D7, modality="hypothetical"),
        _event("x", X, "charged", D7, end="2031-05-13"),  # a week, not a day
        _event("x", X, "charged", "2031-02-30"),  # no such day
        _event("gone", X, "charged", D7),  # an article not in the input
        _event("x", X, "charged", D7, quad=9),  # no quad class: weight 0 but counted
    ]
    bad[-1].mentions[0].trigger = Span(10_000, 10_007, "charged")  # past the text's end
    rows = _rows(bad[:-1])
    assert all(rows[d][f] == 0 for d in rows for f in DATE_FEATURES if f.startswith("ev_"))
    last = _rows(bad[-1:])
    assert last[D7]["ev_articles"] == 1 and last[D7]["ev_typed"] == 0
    cfg = TimelineConfig(event_bonus=1.0)
    out = build_timeline(ARTICLES, n_dates=None, n_sentences=2, events=bad, config=cfg)
    assert {e.date for e in out} >= {D6, D7}
    # a window leaves out an event outside it
    inside = date_candidates(ARTICLES, events=[_event("x", X, "charged", D7)], date_to=D6)
    assert inside[0] == [dt.date(2031, 5, 6)]


def test_event_bonus_picks_the_sentence_that_reports_the_event() -> None:
    cfg = TimelineConfig(date_weights={"ref_articles": 1.0}, relevance_weight=0.0,
                         recent_bonus=0.0, future_penalty=0.0, mention_bonus=0.0)
    events = [_event("x", X, "charged", D7)]
    charge = "Riot police charged a picket line at the north gate on May 7, 2031."

    def summary(bonus: float) -> list[str]:
        tl = build_timeline(ARTICLES, n_dates=None, n_sentences=1, events=events,
                            config=replace(cfg, event_bonus=bonus))
        return {e.date: e.summary for e in tl}[D7]

    assert summary(0.0) != [charge]
    assert summary(1.0) == [charge]


def test_a_sentence_reporting_an_event_is_a_candidate_for_its_day() -> None:
    # published a week later, undated: only its event ties it to 7 May
    late = ("Harlow port owners signed a wage deal with the dockers' union.\n"
            "The first ships left the harbour at dawn.")
    arts = [*ARTICLES, ("z", "2031-05-14", late)]
    events = [_event("z", late, "signed", D7, type_="AGREE", quad=1)]
    cfg = TimelineConfig(date_weights={"ref_articles": 1.0})

    def d7(bonus: float) -> list[str]:
        tl = build_timeline(arts, n_dates=None, n_sentences=3, events=events,
                            config=replace(cfg, event_bonus=bonus))
        return {e.date: e.summary for e in tl}[D7]

    deal = late.split("\n")[0]
    assert deal not in d7(0.0)
    assert deal in d7(0.5)


def test_the_product_ranks_by_all_evidence_but_lists_only_output_events(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from storyline.exporters import timeline_entries
    from storyline.pipeline import Options

    cfg = TimelineConfig(date_weights={"ref_articles": 1.0, "ev_articles": 1.0})
    monkeypatch.setattr(tl_module, "DEFAULT_CONFIG", cfg)
    low = [_event("x", X, "charged", D7, confidence=0.001)]
    merged = [MergedEvent(
        id="m1", type=e.type, quad=e.quad, modality=e.modality, source=None, target=None,
        date=e.date, location=None, mentions=e.mentions, story="s", score=None, mode=None,
        plover_type=e.type, sources=1, related=[], confidence=e.confidence) for e in low]
    opts = Options(timeline_dates=1, timeline_sentences=1)
    # below the run's floor: not listed, still evidence for its day
    entries = timeline_entries(ARTICLES, [], opts, {}, evidence=merged)
    assert [(e.date, e.events) for e in entries] == [(D7, [])]
    # listed when it is an output event (and evidence by default)
    entries = timeline_entries(ARTICLES, merged, opts, {})
    assert [(e.date, e.events) for e in entries] == [(D7, ["m1"])]
    assert [e.date for e in timeline_entries(ARTICLES, [], opts, {})] == [D6]


_days = st.sampled_from(["2031-05-05", D6, D7, "2031-05-08", "2031-05-20", "", "not a day"])


@st.composite
def _events(draw: st.DrawFn) -> Event:
    art, text = draw(st.sampled_from([("x", X), ("y", Y), ("q", "")]))
    day = draw(_days)
    at = draw(st.integers(-5, 400))
    return Event(
        id=str(draw(st.integers(0, 99))), type="ASSAULT", quad=draw(st.integers(0, 5)),
        modality=draw(st.sampled_from(["asserted", "negated", "future", "hypothetical"])),
        source=None, target=None,
        date=DateRange(day, draw(st.sampled_from([day, D7, None])), "day", None),
        location=None,
        mentions=[Mention(art, text[:10], max(at, 0), max(at, 0) + 5,
                          trigger=draw(st.sampled_from([None, Span(at, at + 3, "x")])))],
        confidence=draw(st.one_of(st.none(), st.floats(0, 1))))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_events(), max_size=12))
def test_events_with_zero_weights_change_nothing_and_never_crash(events: list[Event]) -> None:
    cfg = TimelineConfig()
    cfg = replace(cfg, date_weights={k: v for k, v in cfg.date_weights.items()
                                     if not k.startswith("ev_")}, event_bonus=0.0)
    plain = build_timeline(ARTICLES, n_dates=3, n_sentences=2, config=cfg)
    assert build_timeline(ARTICLES, n_dates=3, n_sentences=2, config=cfg,
                          events=events) == plain
    weighty = replace(cfg, event_bonus=0.3, date_weights={
        **cfg.date_weights, "ev_articles": 1.0, "ev_typed": 1.0, "ev_confidence": 1.0})
    for e in build_timeline(ARTICLES, n_dates=None, n_sentences=2, config=weighty,
                            events=events):
        assert e.summary


def test_event_settings_come_from_the_config_file(monkeypatch: pytest.MonkeyPatch) -> None:
    import storyline.config

    table = {"timeline": {"event_bonus": 0.3, "event_min_confidence": 0.02,
                          "event_type_weights": {"verbal_conflict": 0.9},
                          "date_weights": {"ev_typed": 1.5}}}
    monkeypatch.setattr(storyline.config, "settings", lambda: table)
    cfg = tl_module.configured()
    assert (cfg.event_bonus, cfg.event_min_confidence) == (0.3, 0.02)
    assert cfg.event_type_weights["verbal_conflict"] == 0.9
    assert cfg.event_type_weights["material_conflict"] == 1.0  # the rest keep the defaults
    assert cfg.date_weights["ev_typed"] == 1.5 and cfg.date_weights["ref_articles"] == 1.0
