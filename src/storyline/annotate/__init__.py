"""Per-document stage 3: actors, times, places and figures, with offsets."""

from __future__ import annotations

from typing import Any

_TEXT_KEY = "storyline.text"


def doc_text(doc: Any) -> str:
    """``doc.text``, computed once per Doc.

    spaCy builds ``Doc.text`` by joining every token each time it is read, so reading it
    once per mention is quadratic in the article's length; annotators call this instead.
    The text is kept in ``doc.user_data`` (a parsed Doc is never changed afterwards).
    """
    data = doc.user_data
    text = data.get(_TEXT_KEY)
    if not isinstance(text, str):
        text = doc.text
        data[_TEXT_KEY] = text
    return text
