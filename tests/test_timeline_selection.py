"""How the timeline chooses a day's sentences: the day's recurring phrases (bigrams).

An invented harbour accident in the port of Orlen, every sentence its own article
published the same day: one sentence holds most of the day's words, each in a phrase of
its own; four others repeat the phrase the coverage shares ("harbour crane collapsed").
"""

from __future__ import annotations

from storyline.story.timeline import TimelineConfig, build_timeline

WORDY = ("Cargo ships at the Orlen docks waited while crane drivers and harbour workers "
         "stood on the quay.")
PHRASED = [
    "Dockers ran as the harbour crane collapsed.",
    "Witnesses said the harbour crane collapsed onto a ship.",
    "Police said the harbour crane collapsed late in the afternoon.",
    "A diver was hurt when the harbour crane collapsed.",
]
OTHERS = [
    "At the quay in Orlen, drivers of every crane said work on cargo at the docks stopped.",
    "Workers of the harbour in Orlen said ships with cargo were moved from the quay.",
]
ARTICLES = [(f"o{i}", "2031-06-13", s) for i, s in enumerate([WORDY, *PHRASED, *OTHERS])]


def _summary(**kw: float) -> list[str]:
    cfg = TimelineConfig(relevance_weight=0.0, **kw)
    [entry] = build_timeline(ARTICLES, n_dates=1, n_sentences=1, config=cfg)
    return entry.summary


def test_words_alone_choose_the_sentence_with_most_of_the_days_words() -> None:
    assert _summary(bigram_weight=0.0) == [WORDY]


def test_bigram_weight_chooses_a_sentence_with_the_days_recurring_phrase() -> None:
    [chosen] = _summary(bigram_weight=1.0)
    assert chosen in PHRASED
    assert "harbour crane collapsed" in chosen


def test_the_shipped_config_weighs_the_days_phrases() -> None:
    from storyline.story import timeline

    assert timeline.configured().bigram_weight > 0
    assert timeline.DEFAULT_CONFIG.bigram_weight == timeline.configured().bigram_weight
