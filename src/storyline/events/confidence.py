"""How likely a coded event is right: ``confidence`` (0-1) for every event.

Two logistic regressions over signals the parse and the coder already give, multiplied
and Platt-scaled: P(a real event of the right type) x P(every slot right | right type).
The signals: whether the
event names its source and target (and whether the knowledge base knows them), its
modality and quad class, a noun or a verb trigger, whether its date comes from the text,
the shape of its sentence (length, end punctuation, first/second person as in page
furniture and reader comments, title case as in headlines and menus), the trigger's
depth in the parse, where the sentence sits in the article, and the article's desk
(:mod:`storyline.events.desk`). It is trained on the development part of the
whole-article gold (``benchmarks/gold/articles_events.json``) to predict "fully right"
(type, source, target, modality and date all right), so that events at confidence c are
fully right about c of the time; ``scripts/train_confidence.py`` rebuilds
``data/confidence.json`` and reports calibration on the held-out part.

``storyline run`` writes the events at or above a threshold chosen for precision
(``confidence.json``'s ``threshold``, overridden by ``--min-confidence``); every event
stays in the store.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from functools import lru_cache
from importlib.resources import files
from typing import Any

from spacy.tokens import Token

from storyline.model import EVENT_TYPES, Actor, Event

FEATURES = (
    "has_source", "has_target", "source_known", "target_known", "both_sides",
    "asserted", "future", "hypothetical", "negated",
    "quad1", "quad2", "quad3", "quad4",
    "noun_trigger", "explicit_date", "location", "attribution",
    "sentence_words", "terminal_punct", "first_second_person", "title_case", "in_quotes",
    "short_line", "question", "root_trigger", "depth1_trigger", "position", "desk",
)
_PERSONAL = frozenset({"i", "we", "you", "your", "our", "my", "us"})
_QUOTES = frozenset('"“”')


def _actors(side: Actor | list[Actor] | None) -> list[Actor]:
    if side is None:
        return []
    return side if isinstance(side, list) else [side]


def _known(side: Actor | list[Actor] | None) -> float:
    return float(any(not a.id.startswith("unk-") for a in _actors(side)))


def _depth(t: Token) -> int:
    d = 0
    while t.head.i != t.i and d < 50:
        t, d = t.head, d + 1
    return d


def features(event: Event, trigger: Token | None, context: Mapping[str, Any]) -> list[float]:
    """The feature vector of ``event`` (in :data:`FEATURES` order)."""
    quad = EVENT_TYPES.get(event.type, 0)
    mention = event.mentions[0] if event.mentions else None
    f: dict[str, float] = {
        "has_source": float(event.source is not None),
        "has_target": float(event.target is not None),
        "source_known": _known(event.source),
        "target_known": _known(event.target),
        "both_sides": float(event.source is not None and event.target is not None),
        event.modality: 1.0,
        f"quad{quad}": 1.0,
        "explicit_date": float(bool(event.date.text)),
        "location": float(event.location is not None),
        "attribution": float(bool(mention and mention.attribution)),
        "desk": float(context.get("desk", 0.5)),
    }
    if trigger is not None:
        sent = trigger.sent
        toks = [t for t in sent if not t.is_space]
        n = max(1, len(toks))
        last = toks[-1].text if toks else ""
        alpha = [t for t in toks if t.is_alpha]
        f.update({
            "noun_trigger": float(trigger.pos_ in ("NOUN", "PROPN")),
            "sentence_words": math.log(n),
            "terminal_punct": float(last in (".", "!", "?", '"', "”", "'", "’", ")")),
            "first_second_person": float(any(t.lower_ in _PERSONAL for t in toks)),
            "title_case": (sum(t.is_title for t in alpha) / len(alpha)) if alpha else 0.0,
            "in_quotes": float(any(t.text in _QUOTES for t in toks)),
            "short_line": float(n < 8),
            "question": float(last == "?"),
            "root_trigger": float(_depth(trigger) == 0),
            "depth1_trigger": float(_depth(trigger) == 1),
            "position": sent.start / max(1, len(trigger.doc)),
        })
    return [f.get(name, 0.0) for name in FEATURES]


@lru_cache(maxsize=1)
def model() -> dict[str, Any]:
    """The shipped model: ``stages`` (``event`` and ``slots``, each ``weights`` by feature
    name and ``bias``) and ``threshold``."""
    path = files("storyline").joinpath("data/confidence.json")
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def _model_version() -> str:
    """A short hash of the shipped model: retraining it re-annotates stored articles."""
    import hashlib

    raw = files("storyline").joinpath("data/confidence.json").read_bytes()
    return hashlib.sha1(raw).hexdigest()[:8]


MODEL_VERSION = _model_version()


def _sigmoid(stage: Mapping[str, Any], vector: list[float]) -> float:
    z = float(stage["bias"]) + sum(float(stage["weights"].get(name, 0.0)) * x
                                   for name, x in zip(FEATURES, vector, strict=True))
    z = max(-30.0, min(30.0, z))
    return 1.0 / (1.0 + math.exp(-z))


def logit(p: float) -> float:
    p = min(max(p, 1e-6), 1.0 - 1e-6)
    return math.log(p / (1.0 - p))


def platt(p: float, scale: float, shift: float) -> float:
    """Platt scaling of a probability: sigmoid(scale * logit(p) + shift)."""
    z = scale * logit(p) + shift
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def score(vector: list[float]) -> float:
    """P(a real event of the right type) x P(every slot right | right type): the two
    stages of the shipped model (``stages.event``, ``stages.slots``), Platt-scaled
    (``calibration``) on out-of-fold development articles."""
    m = model()
    stages, cal = m["stages"], m["calibration"]
    p = _sigmoid(stages["event"], vector) * _sigmoid(stages["slots"], vector)
    return round(platt(p, float(cal["scale"]), float(cal["shift"])), 3)


def event_confidence(event: Event, trigger: Token | None, context: Mapping[str, Any]) -> float:
    """``confidence`` of one coded event (0-1)."""
    return score(features(event, trigger, context))


def default_threshold() -> float:
    """The confidence at or above which ``storyline run`` writes an event by default."""
    return float(model()["threshold"])
