"""Plain statements: who said what about whom, where a text reports no event.

PLOVER drops CAMEO's "make public statement" category: "the minister expressed
condolences to the families", "the group claimed responsibility for the attack on the
base", "the government is considering sending aid to the region". Such a text has no main
event (:func:`storyline.events.coder.main_event`), but its speaker and the actor the
statement is addressed to or about are still facts an analyst wants: ``storyline code``
gives them as the record's ``statement``.

The speaker is the statement predicate's subject (a pronoun is read through the speech
verb above it: "the diplomats said they hoped ..." is the diplomats). The target is, in
order: the recipient ("condolences *to* the families"); in an embedded clause, the
recipient or object of the act under consideration or claimed ("considering sending aid
*to* X", "claimed that they had attacked *X*") or the subject hoped about ("hoped that *X*
would ..."); the topic ("concern *about* X", "responsibility *for* the attack *on* X").
Each is kept only when it names an actor; the prepositions are lexicon data
(``STATEMENT_RECIPIENT_PREPS``, ``STATEMENT_TOPIC_PREPS``).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from spacy.tokens import Doc, Token

from storyline.events import lexicon as lx
from storyline.events.actors import _actors_at, _speaker_antecedent, _unnamed_actor
from storyline.events.syntax import _lemma, _subject_of
from storyline.events.triggers import statement_heads
from storyline.model import Actor, ActorMention, PlaceMention, Span, Statement

_NO_TIME = ("DATE", "TIME")
_COMPLEMENT = ("dobj", "attr", "acomp", "oprd")
_CLAUSE = ("ccomp", "xcomp", "pcomp")
_DAMAGED: tuple[tuple[int, int], ...] = ()


def find_statement(doc: Doc, actors: Sequence[ActorMention],
                   places: Sequence[PlaceMention] = ()) -> Statement | None:
    """The text's statement: its highest statement predicate with speaker and target;
    None when the text has no statement predicate."""
    heads = [h for s in doc.sents for h in statement_heads(s)]
    if not heads:
        return None
    head = min(heads, key=lambda t: (sum(1 for _ in t.ancestors), t.i))
    source = _speaker(doc, head, actors, places)
    target = None
    for tok in _target_tokens(head):
        target = _actor(doc, tok, actors, places)
        if target is not None and not _same(target, source):
            break
        target = None
    return Statement(cue=_cue(head), trigger=Span(head.idx, head.idx + len(head.text),
                                                  head.text),
                     source=source, target=target)


def _cue(head: Token) -> str:
    wanted = lx.STATEMENT_VERBS.get(_lemma(head)) or frozenset()
    for c in head.subtree:
        if _lemma(c) in wanted:
            return _lemma(c)
    return _lemma(head)


def _speaker(doc: Doc, head: Token, actors: Sequence[ActorMention],
             places: Sequence[PlaceMention]) -> Actor | list[Actor] | None:
    subj, passive = _subject_of(head)
    if subj is None or passive:
        return None
    if subj.lower_ in lx.ANAPHORS:
        return _speaker_antecedent(doc, subj, actors, _DAMAGED)
    if subj.lower_ in lx.PRONOUNS:
        return None
    return _actors_at(subj, actors, _DAMAGED) or _unnamed_actor(doc, subj, _DAMAGED, places)


def _actor(doc: Doc, tok: Token, actors: Sequence[ActorMention],
           places: Sequence[PlaceMention]) -> Actor | list[Actor] | None:
    """The actor a target phrase names: its head's, a name of its own, else the first
    actor named inside it ("Alitalia's future": Alitalia)."""
    words = _phrase(tok)
    inside = sorted((m for m in actors if any(m.start <= t.idx < m.end for t in words)),
                    key=lambda m: m.start)
    if not inside:
        return _unnamed_actor(doc, tok, _DAMAGED, places, subject=False)
    found = _actors_at(tok, actors, _DAMAGED)
    if found is not None and all(any(m.actor.id == a.id for m in inside)
                                 for a in (found if isinstance(found, list) else [found])):
        return found
    return _unnamed_actor(doc, tok, _DAMAGED, places, subject=False) or inside[0].actor


def _phrase(tok: Token) -> list[Token]:
    """The words of a noun phrase without its clauses: "the families of the farmers who
    were killed by police" is about the families and the farmers, not the police."""
    out, stack = [], [tok]
    while stack:
        t = stack.pop()
        out.append(t)
        stack.extend(c for c in t.children if c.dep_ not in ("relcl", "acl", "advcl", "ccomp"))
    return out


def _same(a: Actor | list[Actor] | None, b: Actor | list[Actor] | None) -> bool:
    if a is None or b is None:
        return False
    ids = {x.id for x in (a if isinstance(a, list) else [a])}
    return bool(ids & {x.id for x in (b if isinstance(b, list) else [b])})


def _pobjs(tok: Token, preps: Sequence[str]) -> Iterator[Token]:
    for p in tok.children:
        if p.dep_ == "dative" and p.pos_ in ("NOUN", "PROPN"):
            if "to" in preps:
                yield p  # "sending North Korea aid"
        elif p.dep_ in ("prep", "dative") and p.lower_ in preps:
            yield from (o for o in p.children if o.dep_ == "pobj" and o.ent_type_ not in _NO_TIME
                        and _lemma(o) != "time")


def _embedded(head: Token) -> Iterator[Token]:
    """Clauses the statement embeds: "considering sending aid", "claimed that they had
    attacked", "hoped that X would", "the possibility of providing experts"."""
    for x in (head, *(c for c in head.children if c.dep_ in _COMPLEMENT)):
        for c in x.children:
            if c.dep_ in _CLAUSE:
                yield c
            elif c.dep_ == "prep":
                yield from (g for g in c.children if g.dep_ == "pcomp")
            if c.dep_ in _COMPLEMENT:
                for p in c.children:
                    if p.dep_ == "prep":
                        yield from (g for g in p.children if g.dep_ == "pcomp")


def _target_tokens(head: Token) -> Iterator[Token]:
    """Candidate target phrases of a statement predicate, best first."""
    comps = [head, *(c for c in head.children if c.dep_ in _COMPLEMENT)]
    for x in comps:
        yield from _pobjs(x, lx.STATEMENT_RECIPIENT_PREPS)
    for clause in _embedded(head):
        if clause.dep_ == "ccomp":
            yield from (s for s in clause.children if s.dep_ in ("nsubj", "nsubjpass")
                        and s.lower_ not in lx.PRONOUNS)
        yield from _pobjs(clause, lx.STATEMENT_RECIPIENT_PREPS)
        for c in clause.children:
            if c.dep_ in ("dobj", "attr"):
                yield from _pobjs(c, lx.STATEMENT_RECIPIENT_PREPS)
                yield c
    for x in comps:
        for topic in _pobjs(x, lx.STATEMENT_TOPIC_PREPS):
            # "responsibility for the attack on the base": the base
            yield from _pobjs(topic, lx.STATEMENT_ACT_PREPS)
            yield topic
