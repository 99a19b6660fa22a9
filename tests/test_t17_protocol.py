"""The Timeline17 benchmark's leave-one-out never tunes on the topic it scores.

Runs on invented articles (no shared data needed): four 'topics' over the same
articles, one whose gold wants the date ranker's other setting.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.test_timeline import ARTICLES

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def t17() -> Any:
    spec = importlib.util.spec_from_file_location("t17_bench", ROOT / "benchmarks" / "t17.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    sys.modules["t17_bench"] = mod
    spec.loader.exec_module(mod)
    return mod


def _case(t17: Any, topic: str, gold: str) -> Any:
    from storyline.story.timeline import date_candidates

    # two more gold days, with nothing reported on them, make the window (the protocol
    # takes it from the gold): 2 to 12 March
    start, end = dt.date(2031, 3, 2), dt.date(2031, 3, 12)
    ref = {start: ["The engineers met."], dt.date.fromisoformat(gold): ["The dam burst."],
           end: ["The inquiry heard the engineers."]}
    cands = {w: date_candidates(ARTICLES, date_from=start.isoformat(),
                                date_to=end.isoformat(), weighted=w) for w in (False, True)}
    return t17.Case(topic, 0, list(ARTICLES), {}, ref, 1, 1, cands)


def test_held_out_topic_is_scored_with_what_the_others_chose(t17: Any,
                                                             monkeypatch: Any) -> None:
    # weight 0: every day ties and the earliest wins (3 March); weight 10: the day two
    # articles were published (4 March)
    monkeypatch.setattr(t17, "DATE_GRID", {"pub": [0.0, 10.0]})
    monkeypatch.setattr(t17, "RELEVANCE_VOTES", [False])
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
