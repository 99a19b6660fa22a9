"""Trigger finding: which tokens of a segment are events, with their PLOVER type and mode.

:func:`_triggers` walks a segment: a verb goes through :func:`_verb_trigger_raw`, a noun
through :func:`.nouns._noun_trigger` and :func:`.senses._standalone_noun`. A verb is looked
up in this order (first hit wins):

1. the ``early`` verb patterns (:mod:`.patterns`, registered rules with examples);
2. the lexicon tables (:mod:`.lexicon`): verb + particle (``VERB_PARTICLE``), verb +
   typing object (``VERB_OBJECT``), a terminative verb ending an event ("halted the
   offensive", ``TERMINATED``), a light verb carrying its event noun (``LIGHT_VERBS``),
   a verb of giving (``TRANSFER_VERBS``);
3. the ``late`` verb patterns;
4. the bare verb (``VERBS``), kept only in a sense that is an event
   (:func:`.senses._verb_sense_ok`).

:func:`statement_heads` finds the predicates that make a clause a plain statement.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from storyline.events import lexicon as lx
from storyline.events import patterns as pt
from storyline.events.nouns import _agreement_act, _noun_trigger, _peacekeeping, _transfer
from storyline.events.senses import _SAYING_TYPES, _standalone_noun, _thing_subject, _verb_sense_ok
from storyline.events.syntax import _lemma, _objects, _particle, _Trig


def _triggers(seg: Span) -> list[_Trig]:
    out: list[_Trig] = []
    used: set[int] = set()
    for tok in seg:
        if tok.i in used:
            continue
        lem = _lemma(tok)
        if tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB") or _verb_as_noun(tok):
            trig = _verb_trigger(tok, lem)
            if trig is not None:
                out.append(trig)
                used.add(tok.i)
                if trig.extra is not None:
                    used.add(trig.extra.i)
                continue
        if tok.pos_ in ("NOUN", "PROPN") and tok.i not in used:
            hit = _noun_trigger(tok)
            if hit is not None and hit[0] == "AGREE" and not _agreement_act(tok):
                continue
            if hit is not None and _standalone_noun(tok, lem):
                out.append(_Trig(tok, hit[0], hit[1], verbal=False))
                used.add(tok.i)
    return out



def _verb_as_noun(tok: Token) -> bool:
    """A verb the tagger took for a noun, as the root of a clause with a subject and a
    direct object ("EU and UN hand over supplies to the ministry", in a headline's
    present tense)."""
    return tok.pos_ == "NOUN" and tok.dep_ == "ROOT" and any(
        c.dep_ == "nsubj" for c in tok.children) and any(c.dep_ == "dobj" for c in tok.children)


def _verb_trigger(tok: Token, lem: str) -> _Trig | None:
    trig = _verb_trigger_raw(tok, lem)
    if trig is not None and trig.type in _SAYING_TYPES and _thing_subject(tok) and not (
            _received_from(trig) is not None):
        # "the agreement called for a zone", "the attacks threatened security"; but "the
        # truce gained support from X" is X's support, whatever it supports
        return None
    if trig is not None and trig.type == "MOBILIZE" and _peacekeeping(tok):
        return _Trig(tok, "AID", None, verbal=True, extra=trig.extra)
    return trig



def _received_from(trig: _Trig) -> Token | None:
    """X in "gained/won/received support from X" (a RECEIVE_VERBS trigger with its object)."""
    tok = trig.token
    if trig.extra is None or _lemma(tok) not in lx.RECEIVE_VERBS:
        return None
    return next((x for c in (*tok.children, *trig.extra.children)
                 if c.dep_ == "prep" and c.lower_ == "from"
                 for x in c.children if x.dep_ == "pobj"), None)  # "drew criticism from X"


_CONFLICT_ACTS = {"ASSAULT", "COERCE", "MOBILIZE", "SANCTION"}


def _to_prison(tok: Token) -> bool:
    """"sentenced him to three years", "jailed for life": the sentence is a prison term
    (:data:`.lexicon.PRISON_TERMS`)."""
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in ("to", "for"):
            for x in c.subtree:
                if _lemma(x) in lx.PRISON_TERMS:
                    return True
    return False


def _conflict_content(tok: Token) -> bool:
    """The complement of a pledge is a violent or coercive act ("vowed to continue the
    fight", "pledged to retake every inch")."""
    for c in tok.children:
        if c.dep_ == "dobj" and _lemma(c) in lx.RETALIATIONS:
            return True  # "promised an overwhelming response"
        if c.dep_ not in ("xcomp", "ccomp") and not (c.dep_ == "advcl" and any(
                a.dep_ == "aux" and a.lower_ == "to" for a in c.children)):
            continue  # (the parse may hang "sworn to fight" as an adverbial clause)
        # the complement verb, its objects and a verb it governs ("continue fighting")
        heads = [c, *(x for x in c.children if x.dep_ in ("dobj", "xcomp", "prep"))]
        heads += [y for x in heads[1:] if x.dep_ == "prep" for y in x.children
                  if y.dep_ == "pobj"]
        for t in heads:
            lt = _lemma(t)
            hit = lx.VERBS.get(lt) if t.pos_ in ("VERB",) else _noun_trigger(t) \
                if t.pos_ in ("NOUN",) else None
            if hit is not None and hit[0] in _CONFLICT_ACTS:
                return True
            if lt in lx.FIGHTING_WORDS or lt in lx.HARM_WORDS:
                return True
            if lt == "hold" and any(_lemma(x) == "accountable" for x in t.children):
                return True  # "swore to hold the plotters accountable"
    return False











def statement_heads(seg: Span) -> list[Token]:
    """Predicates that make their clause a plain statement (CAMEO 01: a comment, a
    condolence, a claim of responsibility, an option under consideration, a hope;
    an opinion shared with someone, a declined comment), whatever event the clause
    mentions: "expressed condolences over the attack", "claimed responsibility for the
    bombing", "is considering sending aid", "agreed with X that ..."."""
    out: list[Token] = []
    for tok in seg:
        if tok.pos_ not in ("VERB", "AUX") and not tok.tag_.startswith("VB"):
            continue
        lem = _lemma(tok)
        objs = [o for o in _objects(tok) if o.pos_ in ("NOUN", "PROPN", "ADJ")]
        wanted = lx.STATEMENT_VERBS.get(lem)
        if wanted is not None:
            if not wanted:
                if any(c.dep_ in ("xcomp", "ccomp", "dobj", "prep") for c in tok.children):
                    out.append(tok)
                continue
            if any(_lemma(o) in wanted or any(_lemma(m) in wanted for m in o.children
                                              if m.dep_ in ("compound", "amod"))
                   for o in objs):
                out.append(tok)
                continue
            if lem == "claim" and any(
                    c.dep_ == "ccomp" and any(x.dep_ in ("nsubj", "nsubjpass") and
                                              x.lower_ in ("they", "it", "we", "he")
                                              for x in c.children)
                    for c in tok.children):
                out.append(tok)  # "claimed that they had attacked the base"
                continue
        if lem in ("stay", "remain", "keep", "fall") and any(
                _lemma(c) in ("silent", "mum", "quiet") for c in tok.children):
            out.append(tok)  # "stayed silent on the reported strike"
        elif lem in ("concede", "admit", "acknowledge") and any(
                c.dep_ == "ccomp" for c in tok.children):
            out.append(tok)  # "conceded that the target was out of reach"
        elif lem in ("observe", "hold") and "silence" in {_lemma(o) for o in objs}:
            out.append(tok)  # "observed a minute's silence"
        elif wanted and any(_lemma(x) in wanted for o in objs for c in o.children
                            if c.dep_ == "prep" and c.lower_ == "of"
                            for x in c.children if x.dep_ == "pobj"):
            out.append(tok)  # "sent a message of sympathy"
        elif lem == "agree" and _verb_trigger_raw(tok, lem) is None:
            out.append(tok)  # "agreed with X that ..."
        elif lem in ("decline", "refuse") and any(
                _lemma(c) in ("comment", "elaborate", "confirm", "respond", "speak")
                for c in tok.children if c.dep_ == "xcomp"):
            out.append(tok)
    return out



def _punitive(tok: Token) -> bool:
    """What a call asks for is a punishment ("called for sanctions against X", "clamouring
    for the generals to stand trial"), not its lifting ("urged X to lift sanctions")."""
    after = [t for t in tok.subtree if t.i > tok.i]
    if any(_lemma(t) in lx.LIFTING_VERBS
           for t in after):
        return False
    return any(_lemma(t) in lx.PUNITIVE_OBJECTS for t in after)



def _verb_trigger_raw(tok: Token, lem: str) -> _Trig | None:
    """The event a verb makes, by the lookup order of the module docstring."""
    preps = pt.prep_objects(tok)
    objs = list(_objects(tok))
    for got in _lookups(tok, lem, preps, objs):
        if got is not None:  # a lookup decided: its event, or none (pt.NO_EVENT)
            return got if isinstance(got, _Trig) else None
    return _bare_verb(tok, lem, objs)


def _lookups(tok: Token, lem: str, preps: dict[tuple[str, str], Token],
             objs: list[Token]) -> Iterator[pt.Found]:
    """The lookups before the bare verb, in order, each run only when reached."""
    yield pt.match("early", tok, lem, preps)
    yield _particle_trigger(tok, lem, objs)
    yield _object_trigger(tok, lem, objs)
    yield _terminated_trigger(tok, lem, objs)
    yield _light_trigger(tok, lem, objs)
    yield _transfer_trigger(tok, lem, objs)
    yield pt.match("late", tok, lem, preps)


def _particle_trigger(tok: Token, lem: str, objs: list[Token]) -> _Trig | None:
    """Verb + particle or preposition (:data:`.lexicon.VERB_PARTICLE`: "call on")."""
    for p in _particle(tok):
        hit = lx.VERB_PARTICLE.get((lem, p))
        if hit and hit[1] == "appeal" and _punitive(tok):
            return _Trig(tok, "REQUEST", None, verbal=True)  # "called for sanctions"
        if hit:
            if (lem, p) == ("hand", "over"):
                given = _transfer(tok, objs)
                if given is not None:  # "handed over medicine to the Red Crescent"
                    return _Trig(tok, given, None, verbal=True)
            return _Trig(tok, hit[0], hit[1], verbal=True)
    return None


def _object_trigger(tok: Token, lem: str, objs: list[Token]) -> pt.Found:
    """Verb + typing object (:data:`.lexicon.VERB_OBJECT`: "cut ties", "hold talks"); an
    object the table marks as no event stops the lookup."""
    table = lx.VERB_OBJECT.get(lem)
    if not table:
        return None
    for o in objs:
        olem = _lemma(o)
        if olem in lx.OF_HOLDERS and olem not in table:
            # "declared a state of siege", "lifted the state of emergency"
            of = next((x for c in o.children if c.dep_ == "prep" and c.lower_ == "of"
                       for x in c.children if x.dep_ == "pobj"), None)
            if of is not None:
                o, olem = of, _lemma(of)
        if olem not in table:
            o, olem = _typing_part(o, olem, table)
        if olem in table:
            typ, mode = table[olem]
            joint = _noun_trigger(o) if typ == "MOBILIZE" else None
            if joint is not None and joint[0] == "COOPERATE":
                typ, mode = joint  # "held joint drills": military cooperation
            if not typ:
                return pt.NO_EVENT
            return _Trig(tok, typ, mode, verbal=True, extra=o)
    return None


def _typing_part(o: Token, olem: str, table: dict[str, lx.Trigger]) -> tuple[Token, str]:
    """The word of an object that types the verb when its head does not: a compound
    ("cut internet services" -> internet) or what a quantity counts ("announced $20
    million in assistance" -> assistance)."""
    for c in o.children:
        if c.dep_ == "compound" and c.i < o.i and _lemma(c) in table:
            return c, _lemma(c)
    if olem in lx.QUANTITY_HEADS or o.ent_type_ == "MONEY":
        for c in o.children:
            if c.dep_ == "prep" and c.lower_ in ("in", "of"):
                x = next((x for x in c.children if x.dep_ == "pobj"), None)
                if x is not None and _lemma(x) in table:
                    return x, _lemma(x)
    return o, olem


def _terminated_trigger(tok: Token, lem: str, objs: list[Token]) -> _Trig | None:
    """Ending talks, aid or an offensive: the opposite act ("ended mediation efforts",
    "halted the offensive", "called off the strike"; :data:`.lexicon.TERMINATED`)."""
    if not (lem in lx.TERMINATIVE_VERBS or (lem == "call" and "off" in _particle(tok))):
        return None
    for o in objs:
        hit = _noun_trigger(o)
        if _lemma(o) == "strike" and (hit is None or hit[1] != "aerial"):
            hit = ("PROTEST", "strike")  # "called off the strike": a labour strike
        if hit is not None and hit[0] in lx.TERMINATED:
            typ, mode = lx.TERMINATED[hit[0]]
            return _Trig(tok, typ, mode, verbal=True, extra=o)
    return None


def _light_trigger(tok: Token, lem: str, objs: list[Token]) -> _Trig | None:
    """A light verb carrying its event noun ("launch an offensive", "reach a deal")."""
    if not (lem in lx.LIGHT_VERBS and (lem not in lx.VERBS or lem in lx.YIELD_TO_OBJECT)):
        return None
    for o in objs:
        if _lemma(o) in lx.TRANSFER_NOUNS and lem not in lx.TRANSFER_CARRIERS:
            continue  # "suspended aid deliveries" is the suspension
        hit = _noun_trigger(o)
        if hit is not None and lem in ("strike", "hit") and hit[0] != "AGREE":
            return None  # "a bomb struck a military convoy": the strike itself
        if hit is not None:
            return _Trig(tok, hit[0], hit[1], verbal=True, extra=o)
    return None


def _transfer_trigger(tok: Token, lem: str, objs: list[Token]) -> _Trig | None:
    """A verb of giving, AID or COOPERATE by what is given (:func:`.nouns._transfer`)."""
    if lem not in lx.TRANSFER_VERBS:
        return None
    got = _transfer(tok, objs)
    return _Trig(tok, got, None, verbal=True) if got is not None else None


def _bare_verb(tok: Token, lem: str, objs: list[Token]) -> _Trig | None:
    """The verb by itself (:data:`.lexicon.VERBS`), in a sense that is an event."""
    hit = lx.VERBS.get(lem)
    if hit is None:
        return None
    typ, mode = hit
    if typ == "REQUEST" and mode == "appeal" and _punitive(tok):
        mode = None  # "clamouring for the generals to stand trial": a demand
    if typ == "REJECT" and lem in ("deny", "reject", "dismiss") and any(
            _lemma(o) in lx.DENIAL_OBJECTS for o in objs):
        mode = "deny"  # denying an accusation (CAMEO 016, a statement)
    # Senses that are not events.
    if not _verb_sense_ok(tok, lem, objs):
        return None
    if lem in ("vow", "pledge", "promise", "swear") and _conflict_content(tok):
        typ, mode = "THREATEN", None  # a pledge to fight on is a threat (PLOVER THREATEN)
    if lem == "sentence" and _to_prison(tok):
        typ, mode = "COERCE", "arrest"  # a prison term (PLOVER: convictions that jail)
    if lem in lx.SUMMON_VERBS and _summoned_to_meet(tok):
        typ, mode = "REQUEST", None  # "summoned to the Elysee for talks": asked to meet
    return _Trig(tok, typ, mode, verbal=True)


def _summoned_to_meet(tok: Token) -> bool:
    """A summons whose purpose is a meeting ("summoned for talks with the president"),
    not a rebuke (:data:`.lexicon.MEETING_NOUNS`)."""
    return any(c.dep_ == "prep" and c.lower_ == "for" and any(
        _lemma(x) in lx.MEETING_NOUNS for x in c.children if x.dep_ == "pobj")
        for c in tok.children)
