"""The text layer: one segmentation shared by the parse, the annotations, the time tagger
and the timeline; one vocabulary; one TF-IDF; one attribution search for events and
figures. Texts are our own."""

from __future__ import annotations

from typing import Any

import pytest

from storyline.annotate import doc_sentences
from storyline.annotate.attribution import find_attribution
from storyline.annotate.stage import analyse, annotations_json, sentence_offsets
from storyline.model import Article, Published
from storyline.story import stories, timeline
from storyline.text import tfidf, vocab
from storyline.text.sentences import sentence_at, sentence_spans
from storyline.text.spans import overlaps, overlaps_any

TEXT = (
    "Ferry service resumes on Lake Kivu\n"
    "GISENYI: The lake ferry sailed again on Tuesday after a week in port. Mr. Habimana, "
    "the harbour master, said \"the engines were fixed.\" About 300 passengers boarded.\n"
    "Officials said the U.S. firm that built the hull will inspect it on Nov. 12, the "
    "ministry said.\n"
)


def _article(text: str = TEXT) -> Article:
    return Article(id="kivu1", input_id=None, path="kivu.txt", url=None, outlet=None,
                   title=None, dateline=None, published=Published("2025-03-12", "input"),
                   text=text, language="en")


def test_segmentation_cuts_lines_then_stops_not_abbreviations() -> None:
    got = [TEXT[a:b] for a, b in sentence_spans(TEXT)]
    assert got == [
        "Ferry service resumes on Lake Kivu",
        "GISENYI: The lake ferry sailed again on Tuesday after a week in port.",
        "Mr. Habimana, the harbour master, said \"the engines were fixed.\"",
        "About 300 passengers boarded.",
        "Officials said the U.S. firm that built the hull will inspect it on Nov. 12, the "
        "ministry said.",
    ]
    assert sentence_at([a for a, _ in sentence_spans(TEXT)], TEXT.index("300")) == 3


def test_one_segmentation_for_parse_annotations_and_timeline(nlp: Any) -> None:
    doc, ann, _ = analyse(_article())
    spans = sentence_spans(TEXT)
    # the parse cuts wherever the text's segmentation does (and may cut further): its
    # sentences are what is stored
    assert ann.sentences == sentence_offsets(doc)
    assert {a for a, _ in spans} <= {a for a, _ in ann.sentences}
    assert annotations_json(ann)["sentences"] == [list(s) for s in ann.sentences]
    # the timeline cuts the article the same way (and takes stored sentences as given)
    assert [s.text for s in timeline._sentences("kivu1", "2025-03-12", TEXT)] == \
        [TEXT[a:b] for a, b in spans]
    stored = timeline._sentences("kivu1", "2025-03-12", TEXT, spans=ann.sentences)
    assert [x.text for x in stored] == [TEXT[a:b] for a, b in ann.sentences]


@pytest.mark.parametrize("text", [
    "Talks ended on Nov. 6 in Juba. Both sides left",
    "the ministry said it sent 40 trucks. convoys reached the camp on Monday; more followed",
    "Ferry resumes\nThe ferry sailed on Tuesday",
    "Fighting resumed\nin the north, officials said.",
])
def test_the_parse_starts_a_sentence_wherever_the_text_does(nlp: Any, text: str) -> None:
    starts = {s.start_char for s in doc_sentences(nlp(text))}
    assert {a for a, _ in sentence_spans(text)} <= starts


def test_vocabulary() -> None:
    assert vocab.MONTHS["sept"] == 9 and vocab.MONTHS["may"] == 5
    assert vocab.WEEKDAYS["thurs"] == 3 and vocab.WEEKDAY_NAMES[0] == "monday"
    assert vocab.NUMBER_WORDS["ninety"] == 90 and vocab.NUMBER_WORDS["zero"] == 0
    assert "the" in vocab.STOP_WORDS and "monday" not in vocab.STOP_WORDS
    assert "monday" in vocab.NEWS_FILLER and not vocab.NEWS_FILLER & vocab.STOP_WORDS
    assert "say" in vocab.SPEECH_VERBS
    # the stages take them from here
    assert timeline._STOP is vocab.STOP_WORDS
    assert stories._STOP == vocab.STOP_WORDS | vocab.NEWS_FILLER


def test_spans() -> None:
    assert overlaps(0, 5, 4, 9) and not overlaps(0, 5, 5, 9)
    assert overlaps(0, 5, 5, 9, touching=True)
    assert overlaps(0, 5, 3, 3)  # a damaged point inside
    assert not overlaps_any(0, 5, [(6, 9), (10, 12)])


def test_tfidf() -> None:
    vecs, idf = tfidf.tfidf([["ferry", "sank"], ["ferry", "rescue"], ["vote"]])
    assert idf["ferry"] < idf["sank"]
    assert all(abs(tfidf.norm(v) - 1) < 1e-9 for v in vecs)
    assert tfidf.dot(vecs[0], vecs[2]) == 0.0 and tfidf.dot(vecs[0], vecs[1]) > 0
    weighted = tfidf.weigh({"w:ferry": 3, "a:UN": 1}, {"w:ferry": 2}, 4, sublinear=True,
                           boost=lambda t: stories.ENTITY_WEIGHT if t.startswith("a:") else 1.0)
    assert weighted == stories.weigh({"w:ferry": 3, "a:UN": 1}, {"w:ferry": 2}, 4)
    assert abs(tfidf.norm(weighted) - 1) < 1e-9
    assert set(weighted) == {"w:ferry", "a:UN"}


@pytest.mark.parametrize(("sentence", "anchor", "reporter"), [
    ("The ministry said rebels shelled the town.", "shelled", "ministry"),
    ("Rebels shelled the town, the ministry said.", "shelled", "ministry"),
    ("According to the monitor, rebels shelled the town.", "shelled", "monitor"),
    ("Officials estimated that 3,000 people fled.", "fled", "Officials"),
    ("Rebels shelled the town.", "shelled", None),
])
def test_one_attribution_search(nlp: Any, sentence: str, anchor: str, reporter: str | None
                                ) -> None:
    doc = nlp(sentence)
    tok = next(t for t in doc if t.text == anchor)
    found = find_attribution(tok, 0, len(doc),
                             verbs=vocab.SPEECH_VERBS | {"estimate"})
    assert (found.speaker.text if found else None) == reporter
