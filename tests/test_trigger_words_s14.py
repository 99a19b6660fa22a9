"""Trigger words the whole-article gold showed missing, each with an invented example."""

from __future__ import annotations

import pytest

import storyline


@pytest.mark.parametrize("text,typ", [
    ("The regulator fined the bank 3 million euros on Monday.", "SANCTION"),  # "fined" -> fin
    ("The carrier was fined a record sum for the leak.", "SANCTION"),
    ("The ministry is liaising with the Danish embassy over the case.", "CONSULT"),
    ("The agency recommended on Friday that member states stockpile the vaccine.", "REQUEST"),
])
def test_the_word_codes_its_event(text: str, typ: str) -> None:
    assert typ in {e.type for e in storyline.code(text, date="2024-03-06")}
