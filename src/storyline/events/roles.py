"""Roles: which tokens are an event's source and target.

:func:`_roles` takes the subject (the agent of a passive, the subject of the governing
verb for "X agreed to withdraw"), and the object or the object of "with/on/against/...";
:func:`_noun_source` finds who carries out a noun event ("Turkey's offensive");
:func:`_called_for` turns "called for X to resign" into a request with X as target.
Turning these tokens into actors is :mod:`.actors`.
"""

from __future__ import annotations

from spacy.tokens import Token

from storyline.events import lexicon as lx
from storyline.events.nesting import _circumstantial
from storyline.events.patterns import _demanded, _reproached
from storyline.events.syntax import (
    _OBJ,
    _SUBJ,
    _TARGET_PREPS,
    _absolute_with,
    _agent,
    _lemma,
    _subject_of,
    _Trig,
)
from storyline.events.triggers import _received_from


def _roles(trig: _Trig, floor: int = 0) -> tuple[Token | None, Token | None]:
    tok = trig.token
    src: Token | None = None
    tgt: Token | None = None
    if not trig.verbal:
        for c in tok.children:
            if c.dep_ in ("poss", "compound", "amod", "nmod") and (c.ent_type_ in (
                    "GPE", "NORP", "ORG", "PERSON") or c.pos_ in ("PROPN", "NOUN") or (
                    c.pos_ == "ADJ" and c.text[:1].isupper() and (
                        c.i > c.sent.start or c.lower_ in lx.demonyms()))):
                # "Russia's air raids", "the current government offensive": the actor
                # resolver decides whether the modifier names anyone
                src = src or c
            elif c.dep_ == "prep" and c.text.lower() in ("by", "from", "between"):
                src = next((x for x in c.children if x.dep_ == "pobj"), src)
            elif c.dep_ == "prep" and c.text.lower() in ("on", "against", "with", "to", "in",
                                                         "into", "near"):
                tgt = tgt or next((x for x in c.children if x.dep_ == "pobj"), None)
        if src is None and tok.dep_ in _SUBJ:
            # "Talks took place between Kenya and Uganda", "sanctions were
            # tightened by the EU"
            for c in tok.head.children:
                if (c.dep_ == "prep" and c.lower_ in ("between", "by")) or (
                        c.dep_ == "agent" and tok.dep_ == "nsubjpass"
                        and _lemma(tok.head) in lx.CARRY_OUT):
                    src = next((x for x in c.children if x.dep_ == "pobj"), None)
                    break
        return src, tgt
    if trig.type == "CONSULT" and tok.dep_ in ("advcl", "xcomp") and \
            _lemma(tok.head) in lx.PHONE_VERBS:
        # "Tillerson called Lavrov to discuss the war": the caller and the one called
        callee = next((c for c in tok.head.children if c.dep_ in ("dobj", "oprd")), None)
        if callee is not None:
            return next((c for c in tok.head.children if c.dep_ == "nsubj"), None), callee
    subj, passive = _subject_of(tok, floor)
    agent = _agent(tok)
    if trig.extra is not None and _lemma(tok) in lx.RECEIVE_VERBS and not passive and \
            trig.type in lx.RECEIVED_TYPES:
        return _received_from(trig), subj
    if passive and agent is None and _lemma(tok) in lx.RESOLVE_PASSIVES:
        src, tgt = subj, None  # "Israel is opposed to French mediation"
    elif passive:
        src, tgt = agent or _summoner(tok), subj
    else:
        src = subj
        if tok.dep_ == "acl" and tok.tag_ == "VBN":
            # a reduced passive: "forces backed by Russia" -> the forces, when the noun
            # described is one who is acted on (not an event or a thing)
            head = tok.head
            described = head if head.pos_ in ("NOUN", "PROPN") and not objs_of(tok) and \
                _lemma(head) not in lx.NOUNS and _lemma(head) not in lx.THINGS else None
            src, tgt = agent, described
    objs = [c for c in tok.children if c.dep_ in _OBJ and (trig.extra is None or c.i != trig.extra.i)]
    if tgt is None and objs and trig.extra is not None and objs[0].i > trig.extra.i:
        # "imposed sanctions on X ..., as well as abuses by Y": a second object after the
        # one that typed the act is a misparse; the typing object's "on X" is the target
        tgt = next((x for c in trig.extra.children if c.dep_ == "prep" and c.lower_ in (
            "on", "against", "with", "to") for x in c.children if x.dep_ == "pobj"), None)
    if tgt is None and objs:
        tgt = objs[0]
    if tgt is None:
        for c in list(tok.children) + ([trig.extra] if trig.extra is not None else []):
            if c.dep_ in ("prep", "prt") and c.text.lower() in _TARGET_PREPS:
                pobj = next((x for x in c.children if x.dep_ == "pobj"), None) or \
                    _participle_object(c)
                if pobj is not None and not _absolute_with(c, pobj) and (
                        pobj.ent_type_ not in _NOT_ACTOR_ENTS or
                                         _counts_people(pobj)):
                    tgt = pobj  # "apologized on Wednesday to the American people": people
                    break
    if tgt is None and trig.extra is not None:
        for c in trig.extra.children:
            if c.dep_ == "prep" and c.text.lower() in ("on", "against", "with", "to", "for"):
                tgt = next((x for x in c.children if x.dep_ == "pobj"), None)
                if tgt is not None:
                    break
    if tgt is None:
        for c in tok.children:
            if c.dep_ == "prep" and c.text.lower() == "between":
                tgt = next((x for x in c.children if x.dep_ == "pobj"), None)
    if tgt is None and _lemma(tok) in lx.SPEECH_VERBS:
        tgt = _spoken_target(trig)
    if tgt is None and trig.type == "REQUEST":
        tgt = _asked(tok)  # "requested that the agency allow ...": the agency
    return src, tgt


def _summoner(tok: Token) -> Token | None:
    """"was summoned to the Kremlin": the seat that summons."""
    if _lemma(tok) not in lx.SUMMON_VERBS:
        return None
    return next((x for c in tok.children if c.dep_ == "prep" and c.lower_ == "to"
                 for x in c.children if x.dep_ == "pobj"), None)


def _spoken_target(trig: _Trig) -> Token | None:
    """Who a saying is about: the one it says must act ("said Turkey must withdraw":
    Turkey) or should have acted ("said the coast guard should have acted")."""
    if trig.type == "REQUEST":
        return _demanded(trig.token)
    if trig.type == "ACCUSE":
        return _reproached(trig.token)
    return None


def _participle_object(prep: Token) -> Token | None:
    """"a lawsuit against visiting Crown Prince X": a participle read as the preposition's
    verb ("visiting" with X as its object) modifies the one the preposition names."""
    pc = next((x for x in prep.children if x.dep_ == "pcomp" and x.tag_ == "VBG"
               and x.lower_ in lx.PARTICIPLE_MODIFIERS), None)
    if pc is None:
        return None
    return next((x for x in pc.children if x.dep_ == "dobj" and x.pos_ == "PROPN"), None)


def _counts_people(tok: Token) -> bool:
    """A count of a group ("hundreds of banks", "each of the top providers"): the words
    the tagger reads as a number stand for those counted."""
    return tok.ent_type_ == "CARDINAL" and any(
        c.dep_ == "prep" and c.lower_ == "of" and any(x.dep_ == "pobj" for x in c.children)
        for c in tok.children)


def objs_of(tok: Token) -> list[Token]:
    return [c for c in tok.children if c.dep_ in _OBJ]


_NOT_ACTOR_ENTS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT",
                             "QUANTITY"})


def _asked(tok: Token) -> Token | None:
    """Who a request asks to act: the subject of its that-clause ("requested that the
    agency allow"), when it is a name or a noun, not the requester."""
    subj, _ = _subject_of(tok)
    for c in tok.children:
        if c.dep_ != "ccomp" or not any(m.dep_ == "mark" and m.lower_ == "that"
                                        for m in c.children):
            continue
        csubj = next((x for x in c.children if x.dep_ in ("nsubj", "nsubjpass")), None) or \
            next((x for x in c.children if x.dep_ in ("amod", "compound") and x.i < c.i
                  and x.text[:1].isupper()), None)  # the parser's "that [Assad] step down"
        if csubj is None or (csubj.pos_ not in ("PROPN", "NOUN") and not csubj.text[:1].isupper()):
            continue
        if subj is not None and _lemma(csubj) == _lemma(subj):
            continue
        return csubj
    return None



def _noun_source(trig: _Trig) -> Token | None:
    """Where a noun event's source stands when the noun phrase names none."""
    tok = trig.token
    src: Token | None = None
    if tok.dep_ in _SUBJ:
        # "Talks took place between Kenya and Uganda"
        for o in tok.head.children:
            if o.dep_ in ("dobj", "attr"):
                for c in o.children:
                    if c.dep_ == "prep" and c.lower_ == "between":
                        src = next((x for x in c.children if x.dep_ == "pobj"), None)
    if src is None and tok.dep_ in ("dobj",) and trig.extra is None:
        s, _ = _subject_of(tok.head)
        hl = _lemma(tok.head)
        if s is not None and (hl in lx.LIGHT_VERBS or (
                tok.head.pos_ == "VERB" and hl in lx.CARRY_ON)):
            src = s  # "launched an offensive", "speeded up the withdrawal"
        elif _lemma(tok.head) in lx.RECEIVE_HOLDERS:
            # "gained support from X": X is the source
            for c in tok.head.children:
                if c.dep_ == "prep" and c.lower_ == "from":
                    src = next((x for x in c.children if x.dep_ == "pobj"), None)
    if src is None and tok.dep_ == "pobj" and tok.head.lower_ in ("in", "into"):
        # "X is in talks", "X are several months into an operation"
        be: Token | None = tok.head.head
        if tok.head.lower_ == "into" and be is not None and _lemma(be) in lx.SPANS:
            be = be.head if be.dep_ in ("attr", "npadvmod", "acomp") else None
        if be is not None and be.pos_ == "AUX" and _lemma(be) == "be":
            s, _ = _subject_of(be)
            if s is not None and s.lower_ not in lx.PRONOUNS:
                src = s
    if src is None and trig.type == "CONSULT" and (
            _circumstantial(tok) or tok.dep_ in ("dobj", "appos")):
        # "X warned during a press conference with Y", "X co-sponsors the talks":
        # the subject of the clause took part
        verb = tok.head
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            verb = verb.head
        if verb.pos_ in ("VERB", "AUX"):
            s, passive = _subject_of(verb)
            if s is not None and not passive and s.lower_ not in lx.PRONOUNS:
                src = s
    if src is None and tok.dep_ == "pobj" and tok.head.lower_ == "with" and \
            _lemma(tok.head.head) in lx.ARRIVING_WITH:
        # "X arrived in the capital with a shipment of aid": X brought it
        s, passive = _subject_of(tok.head.head)
        if s is not None and not passive and s.lower_ not in lx.PRONOUNS:
            src = s
    return src or _supplier(tok)


def _supplier(tok: Token) -> Token | None:
    """Whose goods a delivery noun carries, by their national word ("deliveries of the
    Russian S-400 system to Turkey": Russia), when nothing else names the supplier."""
    if _lemma(tok) not in lx.SUPPLY_NOUNS:
        return None
    goods = next((x for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
                  for x in c.children if x.dep_ == "pobj"), None)
    if goods is None:
        return None
    return next((m for m in goods.subtree if m.i < goods.i and m.dep_ in ("amod", "compound")
                 and m.ent_type_ in ("NORP", "GPE")), None)



def _core_span(tok: Token) -> tuple[int, int]:
    """Character span of a noun phrase without its clauses and appositions-with-clauses."""
    toks = [tok]
    stack = [c for c in tok.children if c.dep_ not in ("relcl", "acl", "advcl", "punct",
                                                       "prep", "cc", "conj", "appos")]
    while stack:
        t = stack.pop()
        toks.append(t)
        stack.extend(c for c in t.children if c.dep_ not in ("relcl", "acl", "advcl"))
    # "of"-prepositions belong to the phrase ("the ministry of defence")
    for c in tok.children:
        if c.dep_ == "prep" and c.text.lower() == "of":
            toks.extend(c.subtree)
    lo = min(t.idx for t in toks)
    hi = max(t.idx + len(t.text) for t in toks)
    return lo, hi



def _called_for(trig: _Trig) -> tuple[_Trig, Token | None] | None:
    """For an act embedded in a call ("called for Assad to step down", "repeated her call
    for Assad to step down"): the call as a REQUEST trigger and who is asked to act."""
    tok = trig.token
    if not trig.verbal or not any(c.dep_ == "mark" and c.lower_ == "for" for c in tok.children) \
            or not any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
        return None  # "for X to V" only
    head = tok.head
    if head.i == tok.i:
        return None
    call = head if _lemma(head) in lx.CALL_WORDS else next(
        (c for c in head.children if c.dep_ in _OBJ and _lemma(c) in lx.CALL_WORDS), None)
    if call is None:
        return None
    asked = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return _Trig(head, "REQUEST", None, verbal=head.pos_ in ("VERB", "AUX")), asked



def _harmed_in(trig: _Trig) -> Token | None:
    """Who an attack noun harmed when the clause says so: "two soldiers were wounded in
    an artillery attack" -> soldiers."""
    tok = trig.token
    if trig.verbal or tok.dep_ != "pobj" or tok.head.lower_ not in ("in", "during", "by"):
        return None
    verb = tok.head.head
    if verb.pos_ != "VERB" or _lemma(verb) not in lx.HARM_VERBS:
        return None
    return next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
