"""Event nouns: whether a noun names an event, and which ("airstrikes", "joint drills",
"the peace process", "deliveries of the S-400 system").

:func:`_noun_trigger` types a noun from :data:`.lexicon.NOUNS` and its modifiers;
:func:`_transfer` tells AID from COOPERATE by what is given; :func:`_agreement_act` keeps
agreement nouns that name an act of agreeing. Used by :mod:`.triggers` (nouns that stand
as events, light verbs) and :mod:`.patterns`.
"""

from __future__ import annotations

from spacy.tokens import Token

from storyline.events import lexicon as lx
from storyline.events.syntax import _SUBJ, _lemma


def _noun_trigger(noun: Token) -> lx.Trigger | None:
    lem = _lemma(noun)
    if lem == "strike" and any(_lemma(c) in ("hunger", "general", "labour", "labor", "worker")
                               for c in noun.children):
        return ("PROTEST", "strike")
    if lem in lx.JOINT_ACTIVITIES and any(
            _lemma(c) in lx.JOINT_MODIFIERS
            for c in noun.children):
        return ("COOPERATE", None)
    if lem == "game" and any(_lemma(c) == "war" for c in noun.children):
        return ("MOBILIZE", "troops")
    if lem in lx.TRANSFER_NOUNS:
        # "deliveries of the S-400 system", "provisions of military support"
        got = _transfer(noun, [c for c in noun.children if c.dep_ in ("compound", "amod")],
                        extra_aid=("support",))
        if got is None and not any(c.dep_ == "prep" and c.lower_ == "of"
                                   for c in noun.children):
            # "ahead of the first deliveries": what is delivered is named in the sentence
            # ("the missile deal")
            got = _transfer(noun, [t for t in noun.sent if t.i != noun.i
                                   and t.pos_ == "NOUN"], extra_aid=())
        return (got, None) if got is not None else None
    if lem in ("raid", "attack") and any(_lemma(c) == "air" for c in noun.children):
        return ("ASSAULT", "aerial")
    if lem in ("operation", "campaign") and any(
            (lx.VERBS.get(_lemma(c)) or ("", None))[0] in ("ASSAULT", "COERCE")
            for c in _purposes(noun)):
        return ("ASSAULT", None)  # "an operation to quash armed groups"
    if lem == "in" and any(_lemma(c) == "sit" for c in noun.children):
        return ("PROTEST", "demo")  # "staged a sit-in"
    if lem == "cleansing" and any(_lemma(c) == "ethnic" for c in noun.children):
        return ("ASSAULT", None)
    if lem in lx.EFFORT_NOUNS:
        # "a mediation effort", "the peace process": the compound's event
        for c in noun.children:
            if c.dep_ == "compound" and c.i < noun.i and _lemma(c) in lx.NOUNS:
                return _noun_trigger(c)
        return None
    if lem in ("warfare", "attack", "attacks", "operation", "campaign", "war") and any(
            _lemma(c) in ("cyber", "cyberspace", "hacking", "electronic")
            for c in noun.children):
        return ("COERCE", "cyber")
    if lem in ("review", "audit") and any(
            _lemma(x) in lx.REVIEWED_MATTERS
            for c in noun.children if c.dep_ == "prep" and c.lower_ in ("of", "into")
            for x in c.children if x.dep_ == "pobj"):
        return ("ACCUSE", "investigate")  # "ordered a review of the allegations"
    if lem == "action" and any(_lemma(c) in ("legal", "court", "judicial") for c in
                               noun.children):
        return ("ACCUSE", "allege")  # "launched legal action against X"
    hit = lx.NOUNS.get(lem)
    if hit is None:
        # "air strikes" / "airstrikes" / "drone strikes" / "S-400 deliveries"
        if lem.endswith("strike"):
            return ("ASSAULT", "aerial")
        return None
    if not hit[0]:
        if lem in ("operation", "war", "rocket", "bomb", "violence") and any(
                _lemma(c) in lx.VIOLENT_COMPOUNDS or (c.dep_ == "compound" and
                _lemma(c) in ("military", "ground", "counter-terrorism"))
                for c in noun.children):
            return ("ASSAULT", None)
        return None
    if lem == "strike" and any(_lemma(c) in ("air", "drone", "missile") for c in noun.children):
        return ("ASSAULT", "aerial")
    return hit


def _purposes(noun: Token) -> list[Token]:
    """The clauses saying what a noun is for: "an operation to quash X", "a campaign that
    targets X" (its acl/relcl), or an infinitive right after the noun that the parse hung
    on the verb of the clause ("X are months into an operation to quash Y")."""
    out = [c for c in noun.children if c.dep_ in ("acl", "relcl")]
    doc = noun.doc
    if not out and noun.i + 2 < len(doc) and doc[noun.i + 1].lower_ == "to":
        verb = doc[noun.i + 2]
        if verb.tag_ == "VB" and verb.dep_ in ("advcl", "xcomp", "acl", "relcl") and \
                doc[noun.i + 1].head.i == verb.i and not noun.is_ancestor(verb) and \
                not any(c.dep_ in _SUBJ for c in verb.children):
            out.append(verb)
    return out


def _agreement_act(tok: Token) -> bool:
    """An agreement noun names the act of agreeing only with its parties or its date
    ("Turkey's October agreement with Russia", "the September 2018 Sochi Agreement",
    "the ceasefire agreed in Nairobi"); "the truce has failed", "the deal leaves ...",
    "despite the cease-fire deal" refer to a standing agreement, not an event."""
    for c in tok.children:
        if c.dep_ == "poss":
            return True
        if c.dep_ == "prep" and c.lower_ in ("between", "with", "by", "among") and any(
                x.dep_ == "pobj" for x in c.children):
            return True
        if c.dep_ in ("compound", "amod", "nummod", "npadvmod") and (
                c.ent_type_ in ("DATE", "TIME") or c.like_num):
            return True
        if c.dep_ == "acl" and _lemma(c) in lx.AGREEING_VERBS:
            return True
    return False


def _peacekeeping(tok: Token) -> bool:
    return any(_lemma(t) in lx.PEACEKEEPING for t in tok.subtree)


def _transfer(tok: Token, objs: list[Token], extra_aid: tuple[str, ...] = ()) -> str | None:
    """AID or COOPERATE for a verb (or noun) of giving, by what is given; None when
    unclear."""
    words: set[str] = set()
    for o in [*objs, *(c for c in tok.children if c.dep_ in ("prep", "prt"))]:
        for t in o.subtree:
            words.add(_lemma(t))
            if t.ent_type_ == "MONEY":
                words.add("money")
    if words & lx.ARMS_OBJECTS and not words & (lx.COOP_OBJECTS - lx.ARMS_OBJECTS) and \
            _lemma(tok) not in lx.SALE_WORDS and not any(
                _lemma(t) in lx.SALE_WORDS for t in tok.sent):
        return "AID"  # arms given, not sold
    if words & {"troop", "soldier", "personnel", "police", "force", "officer"} and \
            words & (lx.PEACEKEEPING | lx.TROOP_MISSIONS):
        return "AID"  # "contribute 4,000 troops to a peacekeeping force" (CAMEO 074)
    if words & lx.COOP_OBJECTS:
        return "COOPERATE"
    if words & lx.AID_OBJECTS or words & set(extra_aid):
        return "AID"
    return None
