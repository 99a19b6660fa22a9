"""Nesting: an event's complement is its content, not another event.

:func:`_drop_nested` keeps "accused X of shelling villages" as one ACCUSE and "agreed to
halt hostilities" as one AGREE, but lets coordinated clauses, relative or adverbial
clauses with their own subject, and scene-setting nouns ("during talks with X") stand.
"""

from __future__ import annotations

from spacy.tokens import Token

from storyline.events import lexicon as lx
from storyline.events.nouns import _purposes
from storyline.events.syntax import _SUBJ, _agent, _lemma, _Trig

_SCENE_PREPS = {"under", "amid", "after", "before", "following", "despite", "during",
                "since", "throughout", "ahead"}

_CIRC_PREPS = {"during", "after", "before", "following", "amid", "at", "since", "throughout"}


def _circumstantial(tok: Token) -> bool:
    """A noun event that sets the scene of its clause rather than being its content
    ("warned during a press conference with X", "ahead of the first deliveries")."""
    if tok.dep_ != "pobj":
        return False
    p = tok.head
    if p.lower_ in _CIRC_PREPS:
        return True
    return p.lower_ == "of" and p.head.lower_ in ("ahead", "sidelines", "wake", "course")


def _drop_nested(trigs: list[_Trig]) -> list[_Trig]:
    """Drop triggers that are the content of another trigger (its object or complement).

    Not content: a noun event setting the scene ("during talks with X"), the event a
    speaker told someone about, and an event a violent or coercive act was done to
    ("suppressed the protests"). A passive violent verb with no agent yields to the
    attack it happened in ("were wounded in an artillery attack by X"), and a verb of the
    same type yields to the event noun that is its subject ("the assaults violate the
    truce"). The infinitive
    saying what a noun event is for is its content, wherever the parse hung it.
    """
    idx = {t.token.i: t for t in trigs}
    keep: list[_Trig] = []
    drop_outer: set[int] = set()
    # "an operation to quash X" where the parse hung "to quash" on the clause's verb: the
    # infinitive is still the noun's content
    misplaced = {p.i for t in trigs if not t.verbal for p in _purposes(t.token)
                 if p.head.i != t.token.i}
    for t in trigs:
        if t.verbal and t.token.i in misplaced:
            continue
        nested = False
        cur = t.token
        path_ok = not t.verbal and _circumstantial(t.token)
        path_ok = not path_ok
        while cur.head.i != cur.i:
            dep = cur.dep_
            if dep == "prep" and cur.head.i in idx and (
                    cur.lower_ in _SCENE_PREPS or (cur.lower_ == "with" and any(
                        c.dep_ == "pcomp" and c.pos_ == "VERB" for c in cur.children))):
                # "advancing under the cover of airstrikes", "with forces renewing
                # attacks, the pact is violated": the scene, another event
                path_ok = False
            if dep in ("conj", "parataxis") or (dep in ("advcl", "relcl", "acl") and any(
                    c.dep_ in _SUBJ for c in cur.children) and cur.pos_ in ("VERB", "AUX")):
                path_ok = False
            if dep == "advcl" and cur.tag_ == "VBG" and cur.pos_ == "VERB":
                # "X talked on the phone, agreeing to ...": two events; "signed a
                # ceasefire, pledging to ...": the same agreement told again
                outer = idx.get(cur.head.i)
                same = any(a.i in idx and idx[a.i].type == t.type
                           for a in [cur.head, *cur.head.ancestors])
                if not same and (outer is None or _lemma(cur) in lx.SPEECH_VERBS or (
                        outer.type not in ("ACCUSE", "REJECT", "THREATEN", "REQUEST"))):
                    # ("accused X of shelling villages, killing five": still the content)
                    path_ok = False
            if dep == "relcl":
                path_ok = False
            cur = cur.head
            if cur.i in idx and path_ok:
                outer = idx[cur.i]
                if _lemma(outer.token) == "tell" or (
                        outer.type in ("ASSAULT", "COERCE") and not t.verbal and
                        t.type != outer.type):
                    break
                if outer.type == t.type == "ASSAULT" and not t.verbal and outer.verbal and \
                        outer.token.tag_ == "VBN" and _agent(outer.token) is None and \
                        t.token.dep_ == "pobj" and t.token.head.lower_ in ("in", "by"):
                    drop_outer.add(outer.token.i)
                    break
                if not t.verbal and outer.verbal and outer.type == t.type and \
                        t.token.dep_ == "nsubj" and t.token.head.i == outer.token.i:
                    # "the regime's assaults on the posts violate the truce": the noun is
                    # the attack, the verb says what it did
                    drop_outer.add(outer.token.i)
                    break
                nested = True
                break
            if not path_ok:
                break
        if not nested:
            keep.append(t)
    return [t for t in keep if t.token.i not in drop_outer]
