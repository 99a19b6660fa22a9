"""The Timeline17 benchmark's leave-one-out never tunes on the topic it scores.

Runs on invented articles (no shared data needed): four 'topics' over the same
articles, one whose gold wants the date ranker's other setting.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tests.bench import load_benchmark
from tests.test_timeline import ARTICLES


@pytest.fixture(scope="module")
def t17() -> Any:
    return load_benchmark("t17", "t17_bench")


def _case(t17: Any, topic: str, gold: str, events: list[Any] | None = None) -> Any:
    from storyline.story.timeline import TimelineConfig, date_candidates

    # two more gold days, with nothing reported on them, make the window (the protocol
    # takes it from the gold): 2 to 12 March
    start, end = dt.date(2031, 3, 2), dt.date(2031, 3, 12)
    ref = {start: ["The engineers met."], dt.date.fromisoformat(gold): ["The dam burst."],
           end: ["The inquiry heard the engineers."]}
    cands = {(w, fl): date_candidates(ARTICLES, date_from=start.isoformat(),
                                      date_to=end.isoformat(), weighted=w, events=events,
                                      config=TimelineConfig(event_min_confidence=fl))
             for w in (False, True) for fl in t17.EVENT_FLOORS}
    return t17.Case(topic, 0, list(ARTICLES), {}, ref, 1, 1, events or [], cands)


def test_held_out_topic_is_scored_with_what_the_others_chose(t17: Any,
                                                             monkeypatch: Any) -> None:
    # weight 0: every day ties and the earliest wins (3 March); weight 10: the day two
    # articles were published (4 March)
    monkeypatch.setattr(t17, "DATE_GRID", {"pub": [0.0, 10.0]})
    monkeypatch.setattr(t17, "RELEVANCE_VOTES", [False])
    monkeypatch.setattr(t17, "EVENT_FLOORS", [0.0])
    monkeypatch.setattr(t17, "GRID", {"mention_bonus": [0.1]})
    t17._DATE_F1.clear()
    t17._SCORES.clear()
    # 'a' wants 3 March, 'b', 'c' and 'd' want 4 March
    cases = [_case(t17, "a_x", "2031-03-03"), _case(t17, "b_y", "2031-03-04"),
             _case(t17, "c_z", "2031-03-04"), _case(t17, "d_w", "2031-03-04")]
    assert t17.fit_weights(cases[:1])["date_weights"]["pub"] == 0.0
    assert t17.fit_weights(cases[1:])["date_weights"]["pub"] == 10.0
    rows, chosen = t17.held_out(cases, t17.grid(), lambda t: t)
    assert chosen[0]["date_weights"]["pub"] == 10.0  # chosen without 'a'
    assert rows[0]["date_f1"] == 0.0  # so 'a' is scored as a new topic would be
    assert [r["date_f1"] for r in rows[1:]] == [0.5, 0.5, 0.5]  # 1 of 3 days each
    # grouped by story (each topic is its own story here): the same choices
    rows_s, _ = t17.held_out(cases, t17.grid(), t17.story_of)
    assert [r["date_f1"] for r in rows_s] == [r["date_f1"] for r in rows]
    with pytest.raises(ValueError):
        t17.held_out(cases, t17.grid(), lambda t: "one group")


def test_the_fit_weighs_events_only_where_they_win(t17: Any, monkeypatch: Any) -> None:
    from storyline.model import DateRange, Event, Mention

    # an event coded on 10 March in a3: with weight 3 on it, 10 March outranks 3 March
    text = dict((a, t) for a, _, t in ARTICLES)["a3"]
    at = text.index("opened")
    ev = Event(id="e1", type="CONSULT", quad=1, modality="asserted", source=None,
               target=None, date=DateRange("2031-03-10", "2031-03-10", "day", "March 10"),
               location=None, mentions=[Mention("a3", text[at:at + 20], at, at + 20)],
               confidence=0.5)
    monkeypatch.setattr(t17, "DATE_GRID", {"ref_articles": [1.0], "ev_articles": [0.0, 3.0]})
    monkeypatch.setattr(t17, "RELEVANCE_VOTES", [False])
    monkeypatch.setattr(t17, "EVENT_FLOORS", [0.0])
    t17._DATE_F1.clear()
    wants_event = [_case(t17, "e_v", "2031-03-10", [ev])]
    wants_burst = [_case(t17, "f_v", "2031-03-03", [ev])]
    assert t17.fit_weights(wants_event)["date_weights"]["ev_articles"] == 3.0
    t17._DATE_F1.clear()
    assert t17.fit_weights(wants_burst)["date_weights"]["ev_articles"] == 0.0
