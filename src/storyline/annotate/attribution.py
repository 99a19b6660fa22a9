"""Who reports what a clause says: the one attribution search of events and figures.

:func:`find_attribution` looks, from the clause's head word (an event's trigger, a
figure's verb), for

1. "according to X" in the sentence;
2. a reporting verb (the shared :data:`~storyline.text.vocab.SPEECH_VERBS`, or a caller's
   longer list) the clause hangs under ("the ministry said rebels shelled the town",
   "officials estimated that 3,000 fled"), or one hanging beside it after it ("rebels
   shelled the town, the ministry said");
3. the clause's own reporting verb in the passive ("a toll cited by the monitor");

and returns the reporter's head word: the reporting verb's subject, its passive agent,
or a noun written right before it (a mis-parsed "The UN says"). Callers name it their
way (an event's actor name, a figure's noun phrase).
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass

from spacy.tokens import Token

from storyline.text.vocab import SPEECH_VERBS

# a clause linked to its head this way is not what the head reports: the walk stops
_NOT_REPORTED = frozenset({"nsubj", "nsubjpass", "csubj", "relcl", "acl", "appos", "pobj",
                           "prep", "advcl"})
# a reporting verb beside the clause, after it: "..., the ministry said"
_BESIDE = frozenset({"parataxis", "ccomp", "advcl", "conj"})
_MAX_STEPS = 10


def _lemma(tok: Token) -> str:
    return tok.lemma_.lower() if tok.lemma_ else tok.lower_


@dataclass(frozen=True, slots=True)
class Attribution:
    """The reporter's head word and the reporting verb (None for "according to X")."""

    speaker: Token
    verb: Token | None


def find_attribution(anchor: Token, lo: int, hi: int, *, after: int | None = None,
                     verbs: Collection[str] = SPEECH_VERBS,
                     lemma: Callable[[Token], str] = _lemma) -> Attribution | None:
    """Who reports the clause headed by ``anchor``, inside the sentence of tokens
    ``[lo, hi)``; a reporting verb beside the clause must come after token ``after``
    (default: the anchor)."""
    doc = anchor.doc
    for tok in doc[lo:hi]:  # "according to X"
        if tok.lower_ == "according":
            to = next((c for c in tok.children if c.lower_ == "to"), None)
            if to is None and tok.i + 1 < hi and doc[tok.i + 1].lower_ == "to":
                to = doc[tok.i + 1]
            obj = next((c for c in to.children if c.dep_ == "pobj"), None) if to else None
            if obj is not None and lo <= obj.i < hi:
                return Attribution(obj, None)
    verb = _reporting_verb(anchor, lo, hi, anchor.i if after is None else after, verbs, lemma)
    if verb is None and lemma(anchor) in verbs:  # "cited by the monitor"
        agent = _agent(anchor, lo, hi)
        return Attribution(agent, anchor) if agent is not None else None
    if verb is None:
        return None
    speaker = next((c for c in verb.children if c.dep_ == "nsubj" and lo <= c.i < hi), None)
    if speaker is None:
        speaker = _agent(verb, lo, hi)
    if speaker is None and verb.i - 1 >= lo and doc[verb.i - 1].pos_ in ("PROPN", "NOUN"):
        speaker = doc[verb.i - 1]  # a mis-parsed subject right before it: "The UN says"
    return Attribution(speaker, verb) if speaker is not None else None


def _reporting_verb(anchor: Token, lo: int, hi: int, after: int, verbs: Collection[str],
                    lemma: Callable[[Token], str]) -> Token | None:
    cur = anchor
    for _ in range(_MAX_STEPS):
        for c in cur.children:  # "..., X said": beside the clause, after it
            if (c.dep_ in _BESIDE and c.i > after and lo <= c.i < hi and c.pos_ in ("VERB", "AUX")
                    and lemma(c) in verbs and not any(x.dep_ == "ccomp" for x in c.children)):
                return c
        head = cur.head
        if head.i == cur.i or not lo <= head.i < hi or cur.dep_ in _NOT_REPORTED:
            return None
        if lemma(head) in verbs and head.pos_ in ("VERB", "AUX"):
            return head  # "X said (that) ...": the clause hangs under it
        cur = head
    return None


def _agent(verb: Token, lo: int, hi: int) -> Token | None:
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    if agent is None:
        return None
    return next((c for c in agent.children if c.dep_ == "pobj" and lo <= c.i < hi), None)
