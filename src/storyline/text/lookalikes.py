"""Latin words spelled with look-alike Cyrillic or Greek letters ("Мoscow" with a
Cyrillic М, "Erdоgan" with a Cyrillic о), read as the Latin words they imitate.

The table is ``data/confusables.tsv`` (one letter for one letter). The article's text
keeps its letters as written; the annotators read the folded text, which has the same
length, so every offset they give is an offset into the article's text.

>>> fold_lookalikes("Talks in \u041coscow with Erd\u043egan.")
('Talks in Moscow with Erdogan.', ['\u041coscow', 'Erd\u043egan'])
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

# A word with more look-alike letters than this is not a Latin word spelled wrong.
MAX_LOOKALIKES = 2
_WORD = re.compile(r"[^\W\d_]{2,}")


@lru_cache(maxsize=1)
def confusables() -> dict[int, str]:
    """Cyrillic and Greek letters that look like Latin ones (``data/confusables.tsv``)."""
    text = resources.files("storyline.data").joinpath("confusables.tsv").read_text("utf-8")
    table: dict[int, str] = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            letter, latin = line.split("\t")[:2]
            if len(latin) == 1:  # one letter for one letter: offsets hold
                table[ord(letter)] = latin
    return table


def _latin(ch: str) -> bool:
    return ch.isascii() or "\u00c0" <= ch <= "\u024f"


def fold_lookalikes(text: str) -> tuple[str, list[str]]:
    """``text`` with each Latin word that holds one or two look-alike Cyrillic or Greek
    letters (and no other letter of those scripts) written in Latin letters, and the
    words folded, as written. Same length as ``text``; a Cyrillic or Greek word, or a
    word with more look-alikes than Latin letters, is left as it is."""
    if text.isascii():
        return text, []
    table = confusables()
    found: list[str] = []

    def fold(m: re.Match[str]) -> str:
        word = m.group(0)
        odd = [c for c in word if not _latin(c)]
        if (not odd or len(odd) > MAX_LOOKALIKES or len(odd) * 2 > len(word)
                or any(ord(c) not in table for c in odd)):
            return word
        found.append(word)
        return word.translate(table)

    return _WORD.sub(fold, text), found


def lookalikes_note(words: list[str]) -> str | None:
    """The one warning of an article whose words :func:`fold_lookalikes` folds."""
    if not words:
        return None
    shown = ", ".join(repr(w[:40]) for w in list(dict.fromkeys(words))[:5])
    more = ", ..." if len(set(words)) > 5 else ""
    return (f"{len(words):,} word{'s' if len(words) != 1 else ''} mixing Latin with "
            f"look-alike Cyrillic or Greek letters ({shown}{more}): read as Latin by the "
            "annotators (the text keeps them as written)")
