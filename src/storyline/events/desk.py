"""Which desk an article comes from: politics and world news, or sport, business, culture.

A trigger word means an event between political actors far more often on the politics
desk ("strike", "attack", "deal" in a football report are not events). The classifier is
a logistic regression over the words an article uses, trained on real BBC articles
(``scripts/train_desk.py``; weights in ``data/desk.json``). :func:`desk_score` gives the
probability that a text is politics or world news.
"""

from __future__ import annotations

import json
import math
import re
from functools import lru_cache
from importlib.resources import files

TOKEN = r"(?u)\b[^\W\d_][^\W\d_]+\b"
_TOKEN = re.compile(TOKEN)


def words(text: str) -> set[str]:
    """The distinct lower-case words of ``text`` (the classifier's binary features)."""
    return set(_TOKEN.findall(text.lower()))


@lru_cache(maxsize=1)
def _model() -> tuple[dict[str, float], float]:
    data = json.loads(files("storyline").joinpath("data/desk.json").read_text(encoding="utf-8"))
    return {str(k): float(v) for k, v in data["weights"].items()}, float(data["bias"])


def desk_score(text: str) -> float:
    """Probability (0-1) that ``text`` is a politics or world-news article.

    >>> desk_score("The minister met rebel leaders for ceasefire talks.") > 0.5
    True
    """
    weights, bias = _model()
    z = bias + sum(weights.get(w, 0.0) for w in words(text))
    z = max(-30.0, min(30.0, z))
    return 1.0 / (1.0 + math.exp(-z))
