"""Cases of the sixth attack run on issue 15 (a tester who had not read the code).

Every input here is written for the test; none is read from ../shared.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from storyline.ingest.guard import clean_document
from storyline.ingest.validate import normalise_controls
from storyline.model import Article, RawDocument

REST = (" the hill district said on Wednesday that a landslide had closed the pass road to "
        "the border, and about 2,100 villagers were taken to schools in the valley, a "
        "district officer said.")
SEPARATORS = ["\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x1f", "\x85", "\u2028", "\u2029"]


def _given_text(content: str) -> Article:
    raw = RawDocument(path="items.jsonl", kind="text", content=content, given_text=True,
                      position="line 1")
    result = clean_document(raw)
    article = getattr(result, "item", result)
    assert isinstance(article, Article)
    return article


# -- F9: a control character inside a given text never deletes words ----------------------

@pytest.mark.parametrize("sep", SEPARATORS)
def test_a_separator_inside_a_sentence_loses_no_word(sep: str) -> None:
    article = _given_text("Rescuers" + sep + "in" + REST)
    assert article.text.startswith("Rescuers in the hill district")


@pytest.mark.parametrize("sep", SEPARATORS)
def test_a_separator_after_a_sentence_still_ends_a_line(sep: str) -> None:
    assert normalise_controls("The pass was shut." + sep + "Rain fell.") == (
        "The pass was shut.\nRain fell.")


_WORDS = st.lists(st.text("abcdefghij", min_size=1, max_size=8), min_size=1, max_size=12)


@given(_WORDS, st.lists(st.sampled_from([*SEPARATORS, " ", "\x00", "\x1b"]), min_size=12,
                        max_size=12))
def test_no_control_character_joins_or_drops_words(words: list[str], glue: list[str]) -> None:
    text = "".join(w + (" " if g in "\x00\x1b" else "") + g for w, g in zip(words, glue, strict=False))
    assert normalise_controls(text).split() == words
