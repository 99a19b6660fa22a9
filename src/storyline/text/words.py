"""How many words a line holds, in any script.

Words are counted between spaces, except in the scripts written without spaces between
words (Thai, Lao, Khmer, Burmese, Chinese, Japanese: ``data/unspaced_scripts.json``),
where a run of letters is as many words as its length over the script's mean word
length. Counted between spaces, a Thai paragraph of forty words was two or three
"words", and the line classifiers took the paragraphs of a Thai article for headlines,
captions or trailing links.

>>> word_count("Troops shelled the town"), word_count("ชาวบ้านกว่าสองพันครัวเรือนต้องอพยพ")
(4, 8)
>>> word_count("政府周二宣布 2025"), word_count("")
(5, 0)
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib.resources import files


@lru_cache(maxsize=1)
def _scripts() -> tuple[re.Pattern[str], dict[str, float]]:
    """One pattern matching a letter of any unspaced script, and each letter's word
    length by the first code point of its range (looked up through :func:`_per_word`)."""
    data = json.loads(files("storyline").joinpath("data/unspaced_scripts.json")
                      .read_text("utf-8"))
    parts: list[str] = []
    length: dict[str, float] = {}
    for script in data["scripts"]:
        for rng in script["ranges"]:
            lo, hi = (chr(int(x, 16)) for x in rng.split("-"))
            parts.append(f"{re.escape(lo)}-{re.escape(hi)}")
            length[lo + hi] = float(script["chars_per_word"])
    return re.compile("[" + "".join(parts) + "]+"), length


def _per_word(ch: str) -> float:
    for key, size in _scripts()[1].items():
        if key[0] <= ch <= key[1]:
            return size
    return 1.0  # pragma: no cover (the pattern only matches letters of a listed range)


def unspaced_pattern() -> re.Pattern[str]:
    """A run of letters of the scripts written without spaces."""
    return _scripts()[0]


def word_count(text: str) -> int:
    """The words of ``text``: its space-separated tokens, a run of an unspaced script
    counted as its length over the script's mean word length (at least one word)."""
    n = len(text.split())
    if n == 0 or text.isascii():
        return n
    estimate = 0.0
    runs = 0
    for m in unspaced_pattern().finditer(text):
        estimate += len(m.group()) / _per_word(m.group()[0])
        runs += 1
    if not runs:
        return n
    # each run stood for about one space-separated token; it now counts as its estimate
    return max(n, n - runs + round(estimate))
