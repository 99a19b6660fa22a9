"""A learned last resort for targets: rank the actors and places of the trigger's sentence.

When the parse rules (:mod:`.roles`, :mod:`.actors`, :mod:`.targets`) give an event no
target, every actor mention and placed country of its sentence (its sources excepted) is
a candidate, and so is every named entity neither covers ("the Golan Heights", "Central
American clergymen", an unlisted company), as an unknown actor written as its phrase; a logistic regression over parse features (the dependency path from the
trigger, direction, distance, the preposition, the event type, the candidate's kind,
role and entity type) scores each, and the best one is the target when its score reaches
the model's threshold (chosen on development data for the benchmark's F1 of targets).

The weights are JSON (``data/target_ranker.json``), rebuilt by
``scripts/train_target_ranker.py`` from the development two-thirds of
``../shared/dev/train/cameo_ner_train.txt`` (the hash split of
``benchmarks/actors_eval.py``); loading them needs no scikit-learn.
"""

from __future__ import annotations

import json
import logging
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from typing import Any

from spacy.tokens import Doc, Token

from storyline.annotate import doc_text
from storyline.events.syntax import _lemma, _touches
from storyline.model import Actor, ActorMention, PlaceMention

log = logging.getLogger(__name__)

ENABLED = True  # the training script codes without the ranker

_PLACE_KINDS = frozenset({"place", "admin1", "country", "area"})


@dataclass(slots=True)
class Candidate:
    """One possible target: its head token, the actor it would be, and its kind."""

    root: Token
    actor: Actor | list[Actor]
    kind: str  # "actor" (a mention) or "place" (a placed country)
    text: str


@lru_cache(maxsize=1)
def model() -> dict[str, Any]:
    """The shipped weights (``data/target_ranker.json``)."""
    data: dict[str, Any] = json.loads(files("storyline").joinpath(
        "data/target_ranker.json").read_text(encoding="utf-8"))
    return data


def _model_version() -> str:
    """A short hash of the shipped weights: retraining them re-annotates stored articles."""
    import hashlib

    raw = files("storyline").joinpath("data/target_ranker.json").read_bytes()
    return hashlib.sha1(raw).hexdigest()[:8]


MODEL_VERSION = _model_version()


def _place_may_be_target(root: Token, event_type: str, trigger: Token, kind: str = "") -> bool:
    """A place is a candidate only where a place rule of ``data/rules/targets.json`` lets
    one stand for its country (the preposition it hangs on and the event type): "talks in
    Gedaref" name where the talks were, not with whom. Nor is a place where the act was
    reported: "In Addis Ababa, a spokeswoman said Ethiopia would honour the truce" places
    the speaking, not the truce."""
    from storyline.events.targets import rules

    prep = root.head.lower_ if root.dep_ == "pobj" else "dobj" if root.dep_ == "dobj" else None
    if prep is None or not any(prep in r["preps"] and event_type in r["types"] and (
            not r.get("kinds") or kind in r["kinds"]) for r in rules()["places"]["rules"]):
        return False
    return not _where_reported(root.head if root.dep_ == "pobj" else root, trigger)


def _where_reported(tok: Token, trigger: Token) -> bool:
    """Whether ``tok`` (a preposition or an object) hangs on a speech verb that governs
    the trigger ("In Addis Ababa, a spokeswoman said ..."). Other words above the trigger
    keep a place ("flew into Haiti to hand out food": CAMEO takes where the act lands)."""
    from storyline.text.vocab import SPEECH_VERBS

    head = tok.head
    return head.i != trigger.i and head.lemma_.lower() in SPEECH_VERBS and any(
        a.i == head.i for a in trigger.ancestors)


def candidates(doc: Doc, trigger: Token, actors: Sequence[ActorMention],
               places: Sequence[PlaceMention], damaged: Sequence[tuple[int, int]],
               source: Actor | list[Actor] | None, event_type: str) -> list[Candidate]:
    """The actor mentions of the trigger's sentence and line, and its placed countries
    where a place rule lets a place stand for its country."""
    sent = trigger.sent
    src = {a.id for a in (source if isinstance(source, list) else [source] if source else [])}
    text = doc_text(doc)  # spaCy joins every token on each doc.text
    out: list[Candidate] = []

    def same_line(start: int, end: int) -> bool:
        lo, hi = min(start, trigger.idx), max(end, trigger.idx)
        return "\n" not in text[lo:hi]

    for m in actors:
        if m.start < sent.start_char or m.end > sent.end_char or m.actor.id in src or \
                _touches(m.start, m.end, damaged) or not same_line(m.start, m.end) or \
                m.start <= trigger.idx < m.end:
            continue
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is not None:
            out.append(Candidate(span.root, m.actor, "actor", text[m.start:m.end]))
    for p in places:
        if p.start < sent.start_char or p.end > sent.end_char or p.kind not in _PLACE_KINDS \
                or not p.country or _touches(p.start, p.end, damaged) or \
                not same_line(p.start, p.end) or any(
                    m.start < p.end and p.start < m.end for m in actors):
            continue
        span = doc.char_span(p.start, p.end, alignment_mode="expand")
        if span is None or not _place_may_be_target(span.root, event_type, trigger, p.kind):
            continue
        from storyline.annotate.actors import country_actor
        from storyline.knowledge import load_knowledge

        out.append(Candidate(span.root, country_actor(load_knowledge(), p.country, "CVL",
                                                      p.text), "place", p.text))
    if ENTITIES:
        out.extend(_entity_candidates(doc, trigger, actors, places, damaged, source, text,
                                      [c.root.i for c in out]))
    return out


ENTITIES = True  # named things neither an actor mention nor a placed country are candidates

# entity labels that may name who an act lands on ("the Golan Heights", "Central American
# clergymen", "Freeport-McMoRan Inc"), when no actor mention or placed country covers them
_ENTITY_LABELS = frozenset({"GPE", "LOC", "NORP", "ORG", "PERSON", "FAC"})


def _entity_candidates(doc: Doc, trigger: Token, actors: Sequence[ActorMention],
                       places: Sequence[PlaceMention], damaged: Sequence[tuple[int, int]],
                       source: Actor | list[Actor] | None, text: str, taken: list[int]
                       ) -> list[Candidate]:
    """The sentence's named entities that no actor mention or place covers, on the
    trigger's line and outside the source's phrase: each as an unknown actor written as
    the noun phrase it heads ("Central American clergymen" -> the clergymen), with the
    country its national adjective names."""
    from storyline.annotate import ents_within
    from storyline.annotate.actors import slug
    from storyline.events import lexicon as lx
    from storyline.events.actors import _LEADING
    from storyline.events.roles import _core_span

    sent = trigger.sent
    src_text = " ".join(a.text for a in (source if isinstance(source, list) else
                                         [source] if source else []))
    out: list[Candidate] = []
    seen = set(taken)
    for ent in ents_within(doc, sent.start, sent.end):
        if ent.label_ not in _ENTITY_LABELS or ent.start <= trigger.i < ent.end or any(
                m.start < ent.end_char and ent.start_char < m.end for m in actors) or any(
                p.start < ent.end_char and ent.start_char < p.end for p in places) or \
                _touches(ent.start_char, ent.end_char, damaged) or \
                "\n" in text[min(ent.start_char, trigger.idx):max(ent.end_char, trigger.idx)]:
            continue
        root = ent.root
        if root.dep_ == "neg" or root.pos_ == "PART":
            continue  # "haven’t" split as "have" + "n’t", and "n’t" taken for a place
        if ent.label_ == "LOC" and root.lemma_.lower() in lx.WATER_BODIES:
            continue  # "the Gulf of Mexico", "the Black Sea": water, no one to act on
        if ent.label_ == "NORP" and root.dep_ in ("amod", "compound"):
            if root.head.tag_ not in ("NNS", "NNPS"):
                continue  # "the American F-35 jet": a thing of the country, no one
            root = root.head  # "Central American clergymen": the clergymen
            if _lemma(root) in lx.PLACE_NOUNS or root.lower_ in lx.PLACE_NOUNS:
                continue  # "in Brazilian waters", "Turkish airspace": a place, no one
        if root.i in seen or root.i == trigger.i or (
                root.is_ancestor(trigger) and root.dep_ != "pobj"):
            continue  # a phrase the trigger's clause describes ("the group, which ...")
        lo, hi = _core_span(root)
        lo, hi = min(lo, ent.start_char), max(hi, ent.end_char)
        phrase = text[lo:hi].strip()
        if not phrase or len(phrase) > 80 or "\n" in phrase or (
                src_text and phrase in src_text) or _touches(lo, hi, damaged):
            continue
        seen.add(root.i)
        country = next((lx.demonyms().get(t.lower_) for t in ent if t.lower_ in lx.demonyms()),
                       None)
        name = _LEADING.sub("", phrase) or phrase
        out.append(Candidate(root, Actor(text=phrase, name=name,
                                         id="unk-" + slug(name).replace("_", "-"),
                                         country=country, role="UNK"), "entity", phrase))
    return out


def _path(a: Token, b: Token) -> tuple[int, list[str]]:
    """Steps up from ``a`` to the lowest common head, and the labels down to ``b``."""
    up: dict[int, int] = {}
    x, n = a, 0
    while True:
        up[x.i] = n
        if x.head.i == x.i or n > 40:
            break
        x, n = x.head, n + 1
    down: list[str] = []
    y = b
    while y.i not in up and y.head.i != y.i and len(down) < 40:
        down.append(f"pobj({y.head.lower_})" if y.dep_ == "pobj" else y.dep_)
        y = y.head
    return up.get(y.i, 9), list(reversed(down))


def features(trigger: Token, event_type: str, cand: Candidate) -> list[str]:
    """The named binary features of one candidate for one trigger."""
    ups, down = _path(trigger, cand.root)
    dist = abs(cand.root.i - trigger.i)
    bucket = "1" if dist <= 1 else "2" if dist <= 2 else "4" if dist <= 4 else \
        "8" if dist <= 8 else "9+"
    last = down[-1] if down else "-"
    first = down[0] if down else "-"
    role = cand.actor.role if isinstance(cand.actor, Actor) else "LIST"
    side = "R" if cand.root.i > trigger.i else "L"
    return [
        "bias", f"t={event_type}", f"k={cand.kind}", f"t&k={event_type}&{cand.kind}",
        f"dir={side}", f"d={bucket}", f"up={min(ups, 3)}", f"ndown={min(len(down), 4)}",
        f"path={min(ups, 3)}:{' '.join(down[:4])}", f"last={last}", f"first={first}",
        f"t&last={event_type}&{last}", f"role={role}", f"ent={cand.root.ent_type_ or '-'}",
        f"rdep={cand.root.dep_}", f"verbal={trigger.pos_ == 'VERB'}",
        f"t&dir={event_type}&{side}", f"k&rdep={cand.kind}&{cand.root.dep_}",
        f"k&last={cand.kind}&{last}",
    ]


def _matrix_subject(root: Token, trigger: Token) -> bool:
    """Whether ``root`` is the subject of a clause the trigger sits in or beside ("The port
    of Leeds buzzed with talk, a trader said: 'Oregon plans to sue the firm'": the port is
    no one sued; "Ankara said Moscow's jets bombed its posts": Ankara speaks); a
    subject of a clause under the trigger may be ("shelled the area where rebels hid"), and
    a bare infinitive's subject is its governor's object ("aid to help Haiti cope")."""
    verb = root.head
    return root.dep_ in ("nsubj", "nsubjpass") and verb.i != trigger.i and \
        verb.pos_ in ("VERB", "AUX") and verb.tag_ != "VB" and not trigger.is_ancestor(verb)


def _other_clause(root: Token, trigger: Token) -> bool:
    """Whether ``root`` sits in a clause joined to the trigger's that has a subject of its
    own ("paid out $3m a day, but this has risen since Feinberg took over": Feinberg is
    no one paid); a verb that shares the trigger's subject shares its object too
    ("arrested and beat protesters")."""
    x = root
    for _ in range(40):
        if x.head.i == x.i or x.i == trigger.i or x.is_ancestor(trigger):
            return False
        if x.dep_ == "conj" and x.pos_ in ("VERB", "AUX") and any(
                c.dep_ in ("nsubj", "nsubjpass", "expl") for c in x.children):
            return True
        x = x.head
    return False


def score(feats: Sequence[str], weights: dict[str, float]) -> float:
    z = sum(weights.get(f, 0.0) for f in feats)
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def ranked_target(doc: Doc, trigger: Token, event_type: str, actors: Sequence[ActorMention],
                  places: Sequence[PlaceMention], damaged: Sequence[tuple[int, int]],
                  source: Actor | list[Actor] | None) -> Actor | list[Actor] | None:
    """The best-scoring candidate when it reaches the model's threshold, else None."""
    if not ENABLED:
        return None
    m = model()
    weights: dict[str, float] = m["weights"]
    best: tuple[float, Candidate] | None = None
    for c in candidates(doc, trigger, actors, places, damaged, source, event_type):
        if _other_clause(c.root, trigger) or _matrix_subject(c.root, trigger):
            continue
        s = score(features(trigger, event_type, c), weights)
        if best is None or s > best[0]:
            best = (s, c)
    if best is None or best[0] < m["threshold"]:
        return None
    log.debug("ranked target %r for %r (%.2f)", best[1].text, trigger.text, best[0])
    return best[1].actor
