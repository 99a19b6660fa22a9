"""Event coders: the plug-in point that turns one parsed text into events.

An :class:`EventCoder` takes a spaCy ``Doc`` and what the annotators found in it (actors,
time expressions, places, damaged spans) and returns :class:`~storyline.model.Event`
records. The pipeline and ``storyline code`` look coders up by name in a registry:

* built-in coders register with :func:`register_coder`;
* other packages add theirs through the ``storyline.coders`` entry-point group (the entry
  point names a zero-argument callable returning an :class:`EventCoder`), so a coder
  backed by, say, a local LLM server plugs in without touching the pipeline.

The annotation cache key includes the coder's ``name`` and ``version``, so changing the
coder re-annotates stored articles.

The default coder, ``rules``, is the dependency-parse coder of
:mod:`storyline.events.extract`, each event given a ``confidence`` by
:mod:`storyline.events.confidence`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib.metadata import entry_points
from typing import Any, Protocol, runtime_checkable

from spacy.tokens import Doc, Token

from storyline.model import ActorMention, Event, PlaceMention, TimeExpression

log = logging.getLogger(__name__)

ENTRY_POINT_GROUP = "storyline.coders"
DEFAULT_CODER = "rules"


@dataclass(slots=True)
class CodedEvent:
    """An event with the token that triggered it (None for coders without one)."""

    event: Event
    trigger: Token | None = None
    mode: str | None = None


@runtime_checkable
class EventCoder(Protocol):
    """Codes the events of one parsed text. Pure: the same input gives the same events."""

    name: str
    version: str

    def code(self, doc: Doc, *, article_id: str, published: str | None,
             actors: Sequence[ActorMention], times: Sequence[TimeExpression],
             places: Sequence[PlaceMention] = (),
             damaged: Sequence[tuple[int, int]] = (),
             context: dict[str, Any] | None = None) -> list[CodedEvent]:
        """Events of ``doc`` (offsets index its text). ``context`` carries article-level
        signals (e.g. ``desk``: the probability the article is politics/world news)."""
        ...


_REGISTRY: dict[str, Callable[[], EventCoder]] = {}
_INSTANCES: dict[str, EventCoder] = {}


def register_coder(name: str) -> Callable[[Callable[[], EventCoder]], Callable[[], EventCoder]]:
    """Register a coder factory under ``name`` (a decorator)."""

    def deco(factory: Callable[[], EventCoder]) -> Callable[[], EventCoder]:
        _REGISTRY[name] = factory
        return factory

    return deco


def available_coders() -> list[str]:
    """Names of the registered and installed coders."""
    names = set(_REGISTRY)
    names.update(ep.name for ep in entry_points(group=ENTRY_POINT_GROUP))
    return sorted(names)


def get_coder(name: str = DEFAULT_CODER) -> EventCoder:
    """The coder registered (or installed through an entry point) as ``name``."""
    if name in _INSTANCES:
        return _INSTANCES[name]
    factory = _REGISTRY.get(name)
    if factory is None:
        for ep in entry_points(group=ENTRY_POINT_GROUP):
            if ep.name == name:
                factory = ep.load()
                break
    if factory is None:
        raise KeyError(f"no event coder named {name!r} (available: {available_coders()})")
    coder = factory()
    if not isinstance(coder, EventCoder):
        raise TypeError(f"event coder {name!r} does not implement the EventCoder protocol")
    log.debug("event coder %s %s loaded", coder.name, coder.version)
    _INSTANCES[name] = coder
    return coder


class RuleCoder:
    """The dependency-parse coder (:mod:`storyline.events.extract`) with confidences."""

    name = "rules"

    def __init__(self) -> None:
        from storyline.events.confidence import MODEL_VERSION
        from storyline.events.ranker import MODEL_VERSION as RANKER_VERSION

        # 3: target rules (data/rules/targets.json) and the learned target ranker
        self.version = f"3+conf{MODEL_VERSION}+rank{RANKER_VERSION}"

    def code(self, doc: Doc, *, article_id: str, published: str | None,
             actors: Sequence[ActorMention], times: Sequence[TimeExpression],
             places: Sequence[PlaceMention] = (),
             damaged: Sequence[tuple[int, int]] = (),
             context: dict[str, Any] | None = None) -> list[CodedEvent]:
        from dataclasses import replace

        from storyline.events.confidence import event_confidence
        from storyline.events.extract import extract_with_triggers
        from storyline.events.guards import dropped_by

        triples = extract_with_triggers(doc, article_id=article_id, published=published,
                                        actors=actors, times=times, damaged=damaged,
                                        places=places)
        out = []
        for tok, ev, mode in triples:
            reason = dropped_by(tok, ev)
            if reason is not None:
                log.debug("%s: %r dropped by guard %s", article_id, tok.text, reason)
                continue
            conf = event_confidence(ev, tok, context or {})
            out.append(CodedEvent(replace(ev, confidence=conf), tok, mode))
        return out


@register_coder("rules")
def _rules() -> EventCoder:
    return RuleCoder()


# -- the main event of a sentence ------------------------------------------------------

def _depth(t: Token) -> int:
    d = 0
    while t.head.i != t.i and d < 50:
        t, d = t.head, d + 1
    return d


_CASUALTY_TYPES = frozenset({"ASSAULT"})


def _attack_behind_casualties(coded: Sequence[CodedEvent], ranked: list[tuple[int, Token]],
                              best_i: int, best: Token) -> tuple[int, Token]:
    """"At least 20 people were killed when rebels attacked the convoy": casualties told
    in the passive, with no one named as their cause, are the outcome of the attack the
    subordinate clause reports; that attack, with its attacker, is the main event."""
    ev = coded[best_i].event
    if ev.type not in _CASUALTY_TYPES or ev.source is not None or not any(
            c.dep_ == "nsubjpass" for c in best.children):
        return best_i, best
    behind: list[tuple[int, int, Token]] = []
    for i, t in ranked:
        other = coded[i].event
        if i == best_i or other.type not in _CASUALTY_TYPES or other.source is None:
            continue
        x, clause = t, False
        while x.i != best.i and x.head.i != x.i:
            clause = clause or x.dep_ == "advcl"
            x = x.head
        if x.i == best.i and clause:
            behind.append((_depth(t), i, t))
    if not behind:
        return best_i, best
    _, i, t = min(behind, key=lambda b: (b[0], b[2].i))
    return i, t


def main_event(coded: Sequence[CodedEvent], doc: Doc | None = None) -> int | None:
    """Index in ``coded`` of the text's main event: the event whose trigger is closest to
    its sentence's parse root (ties: the earlier). None when there is no event, or when
    a statement predicate (:func:`storyline.events.extract.statement_heads`: condolences,
    hopes, claimed responsibility, "stayed silent") stands at least as high: the text is
    then a plain statement that mentions the event."""
    ranked = [(i, c.trigger) for i, c in enumerate(coded) if c.trigger is not None]
    if not ranked:
        return 0 if coded else None
    best_i, best = min(ranked, key=lambda p: (_depth(p[1]), p[1].i))
    best_i, best = _attack_behind_casualties(coded, ranked, best_i, best)
    if doc is not None:
        from storyline.events.extract import statement_heads

        heads = [h for s in doc.sents for h in statement_heads(s)]
        if heads and min(_depth(h) for h in heads) <= _depth(best):
            return None
    return best_i
