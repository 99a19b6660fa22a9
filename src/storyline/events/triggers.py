"""triggers (split from extract)."""

from __future__ import annotations

from spacy.tokens import Span, Token

from storyline.events import lexicon as lx
from storyline.events.nouns import _agreement_act, _noun_trigger, _peacekeeping, _transfer
from storyline.events.patterns import _PATTERN_LEMMAS, _pattern_trigger
from storyline.events.senses import _SAYING_TYPES, _standalone_noun, _thing_subject, _verb_sense_ok
from storyline.events.syntax import _lemma, _objects, _particle, _subject_of, _Trig


def _triggers(seg: Span) -> list[_Trig]:
    out: list[_Trig] = []
    used: set[int] = set()
    for tok in seg:
        if tok.i in used:
            continue
        lem = _lemma(tok)
        if tok.pos_ in ("VERB", "AUX") or (tok.tag_.startswith("VB")):
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
    return next((x for c in tok.children if c.dep_ == "prep" and c.lower_ == "from"
                 for x in c.children if x.dep_ == "pobj"), None)


_CONFLICT_ACTS = {"ASSAULT", "COERCE", "MOBILIZE", "SANCTION"}


def _conflict_content(tok: Token) -> bool:
    """The complement of a pledge is a violent or coercive act ("vowed to continue the
    fight", "pledged to retake every inch")."""
    for c in tok.children:
        if c.dep_ == "dobj" and _lemma(c) in ("response", "retaliation", "revenge",
                                               "vengeance", "reprisal", "consequence"):
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
            if lt in ("fight", "war", "battle", "struggle", "jihad", "resistance"):
                return True
    return False


def _addressee(tok: Token) -> Token | None:
    """The person or state told something ("told Russia", "told the Russian president"),
    not the media or an audience."""
    for c in tok.children:
        if c.dep_ in ("dative", "dobj", "obj") and c.pos_ in ("PROPN", "NOUN"):
            if c.ent_type_ in ("ORG", "FAC", "WORK_OF_ART") or _lemma(c) in lx.MEDIA_WORDS:
                return None
            if c.ent_type_ in ("PERSON", "GPE", "NORP") or _lemma(c) in (
                    "president", "minister", "counterpart", "leader", "premier", "king",
                    "chancellor", "ambassador", "envoy", "official", "government"):
                return c
    return None


def _demanded(tok: Token) -> Token | None:
    """The actor a speaker says must act ("said Turkey must withdraw", "stressed that
    all parties should respect the truce"): the subject of a must/should complement,
    when it is not the speaker."""
    subj, _ = _subject_of(tok)
    for c in tok.children:
        if c.dep_ != "ccomp" or not any(a.dep_ == "aux" and a.lower_ in ("must", "should",
                                                                         "ought")
                                        for a in c.children):
            continue
        csubj = next((x for x in c.children if x.dep_ in ("nsubj", "nsubjpass")), None)
        if csubj is None or (csubj.pos_ == "PRON" and csubj.lower_ in lx.SELF) or \
                csubj.lower_ in ("it", "there", "this", "that", "which"):
            continue  # (the pronoun "us", not "the US")
        if subj is not None and (_lemma(csubj) == _lemma(subj) or (
                csubj.lower_ in lx.ANAPHORS and csubj.lower_ != "they")):
            continue  # "he said he must ...", "Turkey said Turkey should ..."
        if csubj.pos_ not in ("PROPN", "NOUN", "PRON"):
            continue
        return csubj
    return None


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
    if any(_lemma(t) in ("lift", "ease", "remove", "end", "drop", "scrap", "relax")
           for t in after):
        return False
    return any(_lemma(t) in lx.PUNITIVE_OBJECTS for t in after)


def _verb_trigger_raw(tok: Token, lem: str) -> _Trig | None:
    preps = {(c.lower_, _lemma(x)): x for c in tok.children if c.dep_ == "prep"
             for x in c.children if x.dep_ == "pobj"}
    if ("on", "alert") in preps or ("on", "standby") in preps or (
            lem in ("raise", "heighten", "increase") and any(
                _lemma(o) in ("alert", "readiness") for o in _objects(tok))):
        # "troops remained on alert", "the army raised its alert level" (CAMEO 15)
        return _Trig(tok, "MOBILIZE", "troops", verbal=True)
    if ("on", "strike") in preps and lem in ("go", "be", "remain", "stay", "come"):
        return _Trig(tok, "PROTEST", "strike", verbal=True)  # "workers went on strike"
    if ("as", "shield") in preps:
        return _Trig(tok, "COERCE", None, verbal=True)  # "held civilians as human shields"
    if lem == "take" and (("to", "street") in preps or ("to", "streets") in preps):
        return _Trig(tok, "PROTEST", "demo", verbal=True)  # "took to the streets"
    if any(c.dep_ == "prep" and c.lower_ in ("to", "on", "at") and any(
            _lemma(x) in ("readiness", "standby") for x in c.subtree) for c in tok.children):
        return _Trig(tok, "MOBILIZE", "troops", verbal=True)  # "ordered to combat readiness"
    if lem == "be" and any(k[0] == "on" and k[1] in ("tour", "visit", "trip", "mission")
                           for k in preps):
        return _Trig(tok, "CONSULT", "visit", verbal=True)  # "is on a three-nation tour"
    if lem in _PATTERN_LEMMAS or any(k[0] == "under" or k[1] == "show" for k in preps) or \
            any(c.dep_ == "advmod" and c.lower_ in ("jointly", "together")
                for c in tok.children):
        pat = _pattern_trigger(tok, lem, preps)
        if pat is not None:
            return pat
    if lem in ("be", "have", "do") and tok.pos_ == "AUX":
        return None
    if lem == "talk" and any(
            c.dep_ == "prep" and any(_lemma(x) in ("phone", "telephone") for x in c.children)
            for c in tok.children):
        return _Trig(tok, "CONSULT", "phone", verbal=True)
    if lem == "make" and any(c.dep_ in ("oprd", "acomp", "ccomp") and _lemma(c) in (
            "unavailable", "inaccessible", "off-limits") for c in tok.children):
        # "the jet, which the US made unavailable to Turkey": withholding (SANCTION)
        return _Trig(tok, "SANCTION", "discontinue", verbal=True)
    if (lem in lx.SPEECH_VERBS or lem in ("conclude", "reaffirm", "remind")) and \
            lem != "tell" and _demanded(tok) is not None:
        # "Russia said Turkey must withdraw": a demand on another actor (CAMEO 10);
        # "... should withdraw": advice, an appeal (CAMEO 02)
        must = any(a.dep_ == "aux" and a.lower_ == "must" for c in tok.children
                   if c.dep_ == "ccomp" for a in c.children)
        return _Trig(tok, "REQUEST", None if must else "appeal", verbal=True)
    if lem == "tell" and _addressee(tok) is not None:
        # "X told Russia 'the regime must be controlled'": a demand; "X told the Russian
        # president that ...": the two spoke (CAMEO 04, consult)
        after = [t for t in tok.subtree if t.i > tok.i]
        if any(t.lower_ in lx.MUST or (t.lower_ == "to" and t.head.lemma_ == "have")
               for t in after):
            return _Trig(tok, "REQUEST", None, verbal=True)
        if any(_lemma(t) in ("consequence", "retaliation", "reprisal", "revenge")
               for t in after):
            return _Trig(tok, "THREATEN", None, verbal=True)  # "told X it would face ..."
        if any(c.dep_ == "xcomp" for c in tok.children):
            return _Trig(tok, "REQUEST", None, verbal=True)  # "told Washington to stop"
        return _Trig(tok, "CONSULT", None, verbal=True)
    # verb + particle / preposition
    for p in _particle(tok):
        hit = lx.VERB_PARTICLE.get((lem, p))
        if hit and hit[1] == "appeal" and _punitive(tok):
            return _Trig(tok, "REQUEST", None, verbal=True)  # "called for sanctions"
        if hit:
            if (lem, p) == ("hand", "over"):
                given = _transfer(tok, list(_objects(tok)))
                if given is not None:  # "handed over medicine to the Red Crescent"
                    return _Trig(tok, given, None, verbal=True)
            return _Trig(tok, hit[0], hit[1], verbal=True)
    # verb + typing object
    table = lx.VERB_OBJECT.get(lem)
    objs = list(_objects(tok))
    if table:
        for o in objs:
            olem = _lemma(o)
            if olem in ("state", "mission", "team", "group", "delegation", "contingent",
                        "batch", "number") and olem not in table:
                # "declared a state of siege", "lifted the state of emergency"
                of = next((x for c in o.children if c.dep_ == "prep" and c.lower_ == "of"
                           for x in c.children if x.dep_ == "pobj"), None)
                if of is not None:
                    o, olem = of, _lemma(of)
            if olem in table:
                typ, mode = table[olem]
                joint = _noun_trigger(o) if typ == "MOBILIZE" else None
                if joint is not None and joint[0] == "COOPERATE":
                    typ, mode = joint  # "held joint drills": military cooperation
                if not typ:
                    return None
                return _Trig(tok, typ, mode, verbal=True, extra=o)
    # ending talks, aid or an offensive: the opposite act ("ended mediation efforts",
    # "halted the offensive", "called off the strike")
    if lem in lx.TERMINATIVE_VERBS or (lem == "call" and "off" in _particle(tok)):
        for o in objs:
            hit = _noun_trigger(o)
            if _lemma(o) == "strike" and (hit is None or hit[1] != "aerial"):
                hit = ("PROTEST", "strike")  # "called off the strike": a labour strike
            if hit is not None and hit[0] in lx.TERMINATED:
                typ, mode = lx.TERMINATED[hit[0]]
                return _Trig(tok, typ, mode, verbal=True, extra=o)
    # light verb + event noun
    if lem in lx.LIGHT_VERBS and (lem not in lx.VERBS or lem in lx.YIELD_TO_OBJECT):
        for o in objs:
            if _lemma(o) in lx.TRANSFER_NOUNS and lem not in (
                    "begin", "start", "resume", "continue", "complete", "make", "carry",
                    "approve", "authorize", "authorise", "allow", "send"):
                continue  # "suspended aid deliveries" is the suspension
            hit = _noun_trigger(o)
            if hit is not None and lem in ("strike", "hit") and hit[0] != "AGREE":
                break  # "a bomb struck a military convoy": the strike itself
            if hit is not None:
                return _Trig(tok, hit[0], hit[1], verbal=True, extra=o)
    if lem in lx.TRANSFER_VERBS:
        got = _transfer(tok, objs)
        if got is not None:
            return _Trig(tok, got, None, verbal=True)
    if lem == "let" and any(c.text.lower() in ("free", "go") for c in tok.subtree):
        return _Trig(tok, "RETREAT", "release", verbal=True)
    if lem in ("decline", "refuse") and any(
            _lemma(c) in ("comment", "elaborate", "say", "confirm", "respond", "speak")
            and not any(_lemma(x) in ("demand", "call", "request", "ultimatum", "appeal")
                        for x in c.subtree)
            for c in tok.children if c.dep_ == "xcomp"):
        return None  # declined to comment (not "refused to respond to a demand")
    if lem == "agree" and any(c.dep_ == "prep" and c.text.lower() == "with"
                              for c in tok.children) and not any(
            c.dep_ in ("xcomp", "dobj") or (c.dep_ == "prep" and c.text.lower() in (
                "on", "over", "upon")) for c in tok.children):
        return None  # "agree with X that ..." is an opinion, not an agreement
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
    return _Trig(tok, typ, mode, verbal=True)
