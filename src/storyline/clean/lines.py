"""A learned line classifier for whole-page text: is each line article body or chrome?

The hand rules of :mod:`storyline.clean.text` name each line's kind (prose, menu, date,
caption ...) from patterns seen on some sites. This model weighs evidence that holds
across sites: the line's shape (length, closing punctuation, capitalisation, digits,
separators, list bullets, function words), its place in the page (relative position,
distance to the page's longest line, the run of prose it stands in), its neighbours'
shape (two lines either side), whether it recurs in the page or across the input, a small
list of furniture words (``data/line_words.json``) and the rule kind itself.

The weights are JSON (``data/line_model.json``): a logistic regression over standardised
features, rebuilt by ``scripts/train_line_model.py`` from the tuning part of
``../shared/dev/html`` only. Applying them needs no scikit-learn.
"""

from __future__ import annotations

import json
import logging
import math
import re
from collections.abc import Sequence
from functools import lru_cache
from importlib.resources import files
from typing import Any

from storyline.text.words import word_count

log = logging.getLogger(__name__)

KINDS = ("prose", "short", "headline", "menu", "date", "boiler", "caption", "end")

_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]]*\s*$")
_TERMINAL = re.compile(r"[.!?:;\"'”’»)\]…]\s*$")
_BULLET = re.compile(r"^(?:[-*•·▪►◦–—]|\d{1,2}[.)]\s)")
_SPECIAL = re.compile(r"[|»«›‹©@#>/•·]")
_URLISH = re.compile(r"https?://|www\.|\.(?:com|org|net|de|fr)\b|@\w", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_DIGIT = re.compile(r"\d")


@lru_cache(maxsize=1)
def _words() -> tuple[frozenset[str], re.Pattern[str]]:
    data = json.loads(files("storyline").joinpath("data/line_words.json").read_text("utf-8"))
    stop: set[str] = set()
    for lang, ws in data["stop_words"].items():
        if lang != "example":
            stop.update(w.casefold() for w in ws)
    chrome = sorted(data["chrome_words"]["words"], key=len, reverse=True)
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in chrome) + r")\b",
                         re.IGNORECASE)
    return frozenset(stop), pattern


def _shape(text: str) -> dict[str, float]:
    """Features of one line on its own."""
    stop, chrome = _words()
    n = word_count(text)  # a Thai or Chinese line counted by its characters
    alpha = _WORD.findall(text)
    na = max(len(alpha), 1)
    letters = sum(c.isalpha() for c in text)
    return {
        "words": math.log1p(n),
        "chars": math.log1p(len(text)),
        "ends_sentence": float(bool(_SENTENCE_END.search(text))),
        "ends_terminal": float(bool(_TERMINAL.search(text))),
        "ends_colon": float(text.endswith(":")),
        "cap_share": sum(w[:1].isupper() for w in alpha) / na,
        "upper_share": sum(c.isupper() for c in text) / max(letters, 1),
        "digit_share": len(_DIGIT.findall(text)) / max(len(text), 1),
        "comma_rate": text.count(",") / max(n, 1),
        "stop_share": sum(w.casefold() in stop for w in alpha) / na,
        "word_len": min(sum(len(w) for w in alpha) / na, 15.0) / 15.0,
        "bullet": float(bool(_BULLET.match(text))),
        "special": math.log1p(len(_SPECIAL.findall(text))),
        "urlish": float(bool(_URLISH.search(text))),
        "chrome_word": float(bool(chrome.search(text))) / (1.0 + math.log1p(n) / 3),
        "starts_lower": float(text[:1].islower()),
        "quote": float(any(c in text for c in "\"“”„«»")),
        "prose_like": float(n >= 16 or (n >= 7 and bool(_TERMINAL.search(text)))),
    }


_NEIGHBOUR_KEYS = ("words", "ends_sentence", "prose_like", "cap_share", "stop_share")


def feature_names() -> list[str]:
    names = list(_shape("x").keys())
    names += [f"kind={k}" for k in KINDS]
    names += ["recurs_page", "recurs_input", "rel_pos", "word_pos", "dist_longest",
              "after_longest", "prose_run", "prose_run_share", "in_search", "after_end",
              "window2_prose", "window5_prose", "window5_words", "title_overlap",
              "gap_above", "gap_below", "tight_group", "tight_share"]
    for off in (-2, -1, 1, 2):
        names += [f"n{off:+d}_{k}" for k in _NEIGHBOUR_KEYS]
        names += [f"n{off:+d}_menu"]
    return names


def line_features(texts: Sequence[str], kinds: Sequence[str], recurs_page: Sequence[bool],
                  recurs_input: Sequence[bool], start: int, limit: int,
                  gap_above: Sequence[bool] | None = None) -> list[list[float]]:
    """One feature vector (in :func:`feature_names` order) for each line of a page.

    ``kinds`` are the rule kinds of :func:`storyline.clean.text.classify`; ``start`` and
    ``limit`` bound the rules' body search (after a wire header or the repeated headline;
    before the first end marker); ``gap_above`` tells whether an empty line stands above
    each line (paragraphs stand apart, the links of a menu one under the other)."""
    n = len(texts)
    if n == 0:
        return []
    shapes = [_shape(t) for t in texts]
    wc = [word_count(t) for t in texts]
    total = max(sum(wc), 1)
    longest = max(range(n), key=lambda i: len(texts[i]))
    prose = [s["prose_like"] for s in shapes]
    # the run of consecutive prose-like lines each line stands in (0 outside one)
    run = [0] * n
    i = 0
    while i < n:
        if not prose[i]:
            i += 1
            continue
        j = i
        while j < n and prose[j]:
            j += 1
        w = sum(wc[i:j])
        for k in range(i, j):
            run[k] = w
        i = j
    gaps = list(gap_above) if gap_above is not None else [True] * n
    # the group of lines with no empty line between them each line stands in
    group = [1] * n
    i = 0
    while i < n:
        j = i + 1
        while j < n and not gaps[j]:
            j += 1
        for k in range(i, j):
            group[k] = j - i
        i = j
    # the page's first line is its <title> when a browser saved it: the headline and its
    # repeats share its words
    title = {w.casefold() for w in _WORD.findall(texts[0])}
    cum = 0
    out: list[list[float]] = []
    for i in range(n):
        s = shapes[i]
        row = list(s.values())
        row += [float(kinds[i] == k) for k in KINDS]
        lo2, hi2 = max(0, i - 2), min(n, i + 3)
        lo5, hi5 = max(0, i - 5), min(n, i + 6)
        row += [
            float(recurs_page[i]), float(recurs_input[i]),
            i / max(n - 1, 1), cum / total,
            abs(i - longest) / max(n, 1), float(i > longest),
            math.log1p(run[i]), run[i] / total,
            float(start <= i < limit), float(i >= limit),
            sum(prose[lo2:hi2]) / (hi2 - lo2), sum(prose[lo5:hi5]) / (hi5 - lo5),
            math.log1p(sum(wc[lo5:hi5]) / (hi5 - lo5)),
            _overlap(title, texts[i]) if i else 1.0,
            float(gaps[i]), float(i + 1 >= n or gaps[i + 1]),
            math.log(group[i]), group[i] / n,
        ]
        for off in (-2, -1, 1, 2):
            j = i + off
            if 0 <= j < n:
                row += [shapes[j][k] for k in _NEIGHBOUR_KEYS]
                row.append(float(kinds[j] in ("menu", "boiler")))
            else:
                row += [0.0] * (len(_NEIGHBOUR_KEYS) + 1)
        cum += wc[i]
        out.append(row)
    return out


def _overlap(title: set[str], text: str) -> float:
    """The share of the line's words that are in the title."""
    ws = {w.casefold() for w in _WORD.findall(text)}
    return len(ws & title) / len(ws) if ws and title else 0.0


@lru_cache(maxsize=1)
def model() -> dict[str, Any]:
    """The shipped weights (``data/line_model.json``)."""
    data: dict[str, Any] = json.loads(files("storyline").joinpath(
        "data/line_model.json").read_text(encoding="utf-8"))
    if data["features"] != feature_names():
        raise ValueError("data/line_model.json was trained on other features: "
                         "rebuild it with scripts/train_line_model.py")
    return data


def probabilities(rows: Sequence[Sequence[float]],
                  weights: dict[str, Any] | None = None) -> list[float]:
    """The chance that each line is body, from :func:`line_features` rows."""
    m = weights if weights is not None else model()
    mean, scale, coef, bias = m["mean"], m["scale"], m["coef"], m["intercept"]
    out = []
    for row in rows:
        z = bias + sum(c * (x - mu) / sd for x, mu, sd, c in zip(row, mean, scale, coef,
                                                                  strict=True))
        out.append(1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z)))))
    return out
