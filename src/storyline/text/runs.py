"""Long runs of punctuation or symbols, cut before the parse.

spaCy's tokenizer peels a prefix or suffix off a token one character at a time, each
time on the rest of the token, so a token of ``n`` brackets, question marks, quotes,
percent signs or underscores costs time quadratic in ``n`` (20,000 brackets: four
minutes). No word is that long: a run of such characters longer than ``[clean]
max_symbol_run`` (data/config.toml) is cut into pieces of at most that length by
spaces put in place of one character between pieces. The text keeps its length, so
every offset into it still holds; only those runs change.
"""

from __future__ import annotations

import re
from functools import lru_cache

from storyline.config import setting

MAX_SYMBOL_RUN = int(setting("clean", "max_symbol_run", 40))


@lru_cache(maxsize=8)
def _run_pattern(limit: int) -> re.Pattern[str]:
    # not a letter, digit or space (an underscore counts: it is a prefix to spaCy too)
    return re.compile(rf"(?:[^\w\s]|_){{{limit + 1},}}")


def split_long_runs(text: str, limit: int = MAX_SYMBOL_RUN) -> tuple[str, int]:
    """``text`` with each run of punctuation or symbols longer than ``limit`` cut by
    spaces into pieces of at most ``limit`` characters, and how many runs were cut.

    >>> split_long_runs("They said ????? twice.", 2)
    ('They said ?? ?? twice.', 1)
    >>> split_long_runs("No run here [a] (b).", 2)
    ('No run here [a] (b).', 0)
    """
    limit = max(1, limit)
    count = 0

    def cut(m: re.Match[str]) -> str:
        nonlocal count
        count += 1
        chars = list(m.group(0))
        for i in range(limit, len(chars), limit + 1):
            chars[i] = " "
        return "".join(chars)

    if len(text) <= limit:
        return text, 0
    out = _run_pattern(limit).sub(cut, text)
    return out, count


def runs_note(count: int, limit: int = MAX_SYMBOL_RUN) -> str:
    """The warning for :func:`split_long_runs` having cut ``count`` runs."""
    return (f"{count} run(s) of punctuation or symbols longer than {limit} characters "
            "split by spaces before parsing (no word is that long)")
