"""patterns (split from extract)."""

from __future__ import annotations

from spacy.tokens import Token

from storyline.events import lexicon as lx
from storyline.events.nouns import _noun_trigger, _peacekeeping
from storyline.events.syntax import _SUBJ, _lemma, _objects, _particle, _subject_of, _Trig

# Lemmas with a pattern of their own in _pattern_trigger.
_PATTERN_LEMMAS = frozenset({
    "abuse", "act", "allow", "arrive", "ask", "ban", "be", "blast", "block", "bring",
    "come", "condition", "cross", "declare", "deploy", "dispatch", "disperse", "engage",
    "enter", "examine", "exit", "expel", "fly", "forbid", "head", "invite", "involve",
    "land", "leave", "let", "make", "move", "order", "participate", "patrol", "permit",
    "prevent", "prohibit", "propose", "pull", "put", "question", "quit", "remove",
    "require", "return", "sail", "send", "serve", "set", "shadow", "shut", "steam",
    "stop", "take", "travel", "undertake", "walk", "want", "withdraw",
})


def _pattern_trigger(tok: Token, lem: str,
                     preps: dict[tuple[str, str], Token]) -> _Trig | None:
    """Events a verb makes only in a pattern of its own ("pulled out of the bloc",
    "ordered the mission to leave", "put the talks on hold", "placed under arrest")."""
    objs0 = list(_objects(tok))
    olems0 = {_lemma(t) for o in objs0 for t in o.subtree}
    # "pulled out of X": the "of" hangs under "out"
    deep = {**preps, **{(c.lower_, _lemma(x)): x for p in tok.children if p.lower_ == "out"
                        for c in p.children if c.dep_ == "prep"
                        for x in c.children if x.dep_ == "pobj"}}
    if lem in ("withdraw", "pull") and any(_peacekeeping(o) for o in objs0):
        return _Trig(tok, "SANCTION", "withdraw", verbal=True)  # peacekeepers withdrawn
    if lem in ("dispatch", "send", "deploy") and olems0 & {"inspector", "investigator",
                                                           "prosecutor", "auditor"}:
        return _Trig(tok, "ACCUSE", "investigate", verbal=True)  # "dispatched inspectors"
    leaves = lem in ("withdraw", "pull", "quit", "leave", "exit") and any(
        k[0] in ("from", "of") and (k[1] in lx.BODIES or x.ent_type_ == "ORG" or (
            x.text.isupper() and len(x.text) >= 3)) for k, x in deep.items())
    if leaves or (lem in ("quit", "leave", "exit") and any(
            o.ent_type_ == "ORG" or _lemma(o) in lx.BODIES for o in objs0)):
        # "pulled out of ECOWAS", "withdrew from the treaty": reducing relations
        return _Trig(tok, "SANCTION", "withdraw", verbal=True)
    if lem == "walk" and any(_lemma(c) == "out" for c in tok.children) and any(
            _lemma(x) in ("talk", "meeting", "negotiation", "session", "summit")
            for x in tok.subtree):
        return _Trig(tok, "REJECT", None, verbal=True)  # "walked out of the talks"
    if lem == "declare" and any(t.lower_ == "grata" for t in tok.subtree):
        return _Trig(tok, "SANCTION", "expel", verbal=True)  # persona non grata
    if lem == "bring" and any(c.lower_ == "home" for c in tok.children) and olems0 & {
            "peacekeeper", "monitor", "observer", "ambassador", "diplomat"}:
        return _Trig(tok, "SANCTION", "withdraw", verbal=True)
    if lem == "order" and olems0 & {"mission", "peacekeeper", "diplomat", "ambassador",
                                     "envoy", "staff", "monitor", "observer"} and any(
            c.dep_ == "xcomp" and _lemma(c) in ("leave", "quit", "depart", "go")
            for c in tok.children):
        return _Trig(tok, "SANCTION", "expel", verbal=True)  # "ordered the mission to leave"
    if lem == "quit" and (not objs0 or olems0 & {"post", "job", "office", "position", "role",
                                                 "cabinet", "government"}):
        return _Trig(tok, "RETREAT", "resign", verbal=True)  # "the minister quit"
    freed = {"tanker", "ship", "vessel", "crew", "hostage", "prisoner", "detainee", "captive",
             "sailor", "plane"}
    if lem == "let" and (olems0 | {_lemma(x) for c in tok.children if c.dep_ in (
            "ccomp", "xcomp") for x in c.children if x.dep_ in _SUBJ}) & freed:
        return _Trig(tok, "RETREAT", "release", verbal=True)  # "let the seized tanker sail"
    if any(k[0] == "under" and k[1] in ("investigation", "probe", "scrutiny", "inquiry")
           for k in preps):
        return _Trig(tok, "ACCUSE", "investigate", verbal=True)  # "put under investigation"
    if lem in ("engage", "participate", "involve", "take") and any(
            k[0] == "in" for k in preps) and (lem != "take" or "part" in olems0):
        for k, x in preps.items():
            hit = _noun_trigger(x) if k[0] == "in" else None
            if hit is not None and hit[0]:
                return _Trig(tok, hit[0], hit[1], verbal=True)  # "engaged in ethnic cleansing"
    if lem == "abuse" and any(_lemma(c) == "sexually" for c in tok.children):
        return _Trig(tok, "ASSAULT", "sexual", verbal=True)
    if lem == "set" and ("to", "") not in preps and any(
            _lemma(c) == "fire" for c in tok.children if c.dep_ in ("dobj", "prep")) and any(
            k[0] == "to" for k in preps):
        return _Trig(tok, "ASSAULT", "destroy", verbal=True)  # "set fire to the offices"
    if lem in ("prevent", "ban", "disperse", "block", "stop", "forbid", "prohibit") and any(
            (_noun_trigger(o) or ("", None))[0] == "PROTEST" or _lemma(o) in (
                "protester", "demonstrator", "crowd", "marcher", "rioter")
            for o in objs0):
        return _Trig(tok, "COERCE", "restrict", verbal=True)  # "police prevented the rally"
    if lem == "order" and any(c.dep_ == "xcomp" and _lemma(c) in (
            "appear", "testify", "pay", "compensate", "apologise", "apologize", "stop",
            "cease", "halt", "comply", "explain", "disclose", "reveal", "submit", "report")
            for c in tok.children):
        return _Trig(tok, "REQUEST", None, verbal=True)  # "ordered X to appear"
    if ("under", "arrest") in preps:
        return _Trig(tok, "COERCE", "arrest", verbal=True)  # "placed under house arrest"
    if lem == "expel" and (olems0 & {
            "migrant", "refugee", "people", "family", "civilian", "resident", "national",
            "immigrant", "minority", "villager", "afghan", "foreigner"} or any(
                t.ent_type_ == "NORP" and t.tag_ in ("NNPS", "NNS") for o in objs0
                for t in o.subtree)) and not olems0 & {
            "diplomat", "ambassador", "envoy", "inspector", "peacekeeper", "monitor",
            "observer", "aid", "humanitarian", "mission", "agency", "staff"}:
        # expelling a population is coercion (PLOVER COERCE); diplomats, inspectors or
        # aid workers, reducing relations (SANCTION expel)
        return _Trig(tok, "COERCE", "deport", verbal=True)
    if lem == "remove" and olems0 & {"mayor", "governor", "judge", "official", "minister",
                                     "president", "lawmaker", "editor", "chief", "head"}:
        return _Trig(tok, "COERCE", "restrict", verbal=True)  # "removed the mayor"
    if lem == "shut" and any(_lemma(c) == "down" for c in tok.children) and olems0 & {
            "newspaper", "site", "website", "station", "channel", "broadcaster", "outlet",
            "paper", "radio", "television", "agency", "magazine", "network"}:
        return _Trig(tok, "COERCE", "censor", verbal=True)
    if lem in ("steam", "sail", "cross", "head", "fly", "move", "enter", "patrol", "shadow"):
        subj, _ = _subject_of(tok)
        if subj is not None and _lemma(subj) in lx.WARSHIPS | {
                "jet", "warplane", "bomber", "fighter", "tank", "group"} and (
                _lemma(subj) != "group" or any(_lemma(c) in ("strike", "carrier")
                                               for c in subj.children)):
            return _Trig(tok, "MOBILIZE", "weapons", verbal=True)  # "a carrier steamed into"
    if any(k[0] in ("in", "as") and k[1] == "show" for k in preps) and any(
            _lemma(x) == "force" for k, v in preps.items() if k[1] == "show"
            for x in v.subtree):
        return _Trig(tok, "MOBILIZE", "troops", verbal=True)  # "in a show of force"
    if lem in ("act", "serve") and any(k[0] == "as" and k[1] in (
            "mediator", "go-between", "between", "intermediary", "broker", "facilitator")
                                          for k in preps):
        return _Trig(tok, "CONSULT", "third-party", verbal=True)
    if lem == "be" and any(_lemma(c) == "open" and any(
            _lemma(x) in ("dialogue", "talk", "negotiation", "discussion")
            for x in c.subtree) for c in tok.children if c.dep_ == "acomp"):
        return _Trig(tok, "AGREE", None, verbal=True)  # "is open to dialogue"
    if lem == "ask" and any(k[0] == "for" and k[1] in ("forgiveness", "pardon")
                            for k in preps):
        return _Trig(tok, "AGREE", None, verbal=True)  # "asked for forgiveness"
    if (lem == "require" and any(c.dep_ == "xcomp" for c in tok.children)) or (
            lem == "condition" and tok.pos_ == "VERB" and objs0):
        return _Trig(tok, "REQUEST", None, verbal=True)  # "requires X to amend ..."
    if lem == "make" and any(_lemma(c) in ("precondition", "condition", "prerequisite")
                             for c in tok.children if c.dep_ in ("oprd", "attr", "dobj",
                                                                 "ccomp", "xcomp")):
        return _Trig(tok, "REQUEST", None, verbal=True)  # "made X a precondition"
    if lem == "propose" and any(c.dep_ == "ccomp" and any(x.dep_ == "nsubj" for x in
                                                           c.children)
                                for c in tok.children):
        return _Trig(tok, "REQUEST", "appeal", verbal=True)  # "proposed that X convene"
    if lem == "put" and ("on", "hold") in preps:
        for o in objs0:
            hit = _noun_trigger(o)
            if hit is not None and hit[0] in lx.TERMINATED:
                typ, mode = lx.TERMINATED[hit[0]]
                return _Trig(tok, typ, mode, verbal=True, extra=o)  # "put talks on hold"
    if lem == "examine" and any(c.dep_ == "ccomp" and any(
            m.dep_ == "mark" and m.lower_ in ("whether", "if") for m in c.children)
            for c in tok.children):
        return _Trig(tok, "ACCUSE", "investigate", verbal=True)  # "examining whether ..."
    if lem == "question" and any(o.ent_type_ in ("PERSON", "ORG") or _lemma(o) in (
            "suspect", "official", "minister", "president", "executive") for o in objs0):
        return _Trig(tok, "ACCUSE", "investigate", verbal=True)  # "questioned Sarkozy"
    if lem == "blast" and (any(o.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") or
                               o.pos_ == "PROPN" or _lemma(o) in lx.role_nouns()
                               for o in objs0) or
                           any(c.dep_ == "prep" and c.lower_ == "for" for c in tok.children)):
        return _Trig(tok, "ACCUSE", "disapprove", verbal=True)  # "blasted X for ..."
    if lem in ("allow", "permit") and ({_lemma(x) for c in tok.children if c.dep_ in (
            "ccomp", "xcomp") for x in c.children if x.dep_ in _SUBJ} | (
                olems0 if any(c.dep_ == "xcomp" for c in tok.children) else set())) & {
            "truck", "inspector", "observer", "monitor", "journalist", "worker",
            "peacekeeper", "convoy", "investigator", "delegation", "agency", "aid"}:
        # "allowed inspectors to visit", "permitted fuel trucks to enter"
        return _Trig(tok, "RETREAT", "access", verbal=True)
    if lem in ("undertake",) and any(c.dep_ == "xcomp" for c in tok.children):
        return _Trig(tok, "AGREE", None, verbal=True)  # "undertook to help broker"
    if lem == "want" and objs0 and any(c.dep_ == "xcomp" for c in tok.children):
        return _Trig(tok, "REQUEST", "appeal", verbal=True)  # "wants the Bank to stop"
    if lem == "invite" and any(c.dep_ == "xcomp" and _lemma(c) not in (
            "attend", "visit", "join", "meet", "come", "take", "participate", "talk")
            for c in tok.children):
        return _Trig(tok, "REQUEST", "appeal", verbal=True)  # "invited X to adopt ..."
    if any(c.dep_ == "advmod" and c.lower_ in ("jointly", "together") for c in tok.children) \
            and (lem not in lx.VERBS or lx.VERBS[lem][0] == "MOBILIZE") and lem not in (
                "meet", "talk", "say", "announce", "sign", "agree") and not any(
                (lem, p) in lx.VERB_PARTICLE for p in _particle(tok)):
        return _Trig(tok, "COOPERATE", None, verbal=True)  # "patrolled the strait together"
    if lem in ("arrive", "land", "fly", "come", "travel", "head", "return"):
        if any(k[1] in ("visit", "trip", "tour", "talk", "mission", "consultation",
                        "discussion", "negotiation", "meeting", "summit") and k[0] in (
                "on", "for") for k in preps):
            return _Trig(tok, "CONSULT", "visit", verbal=True)  # "arrived on a visit"
        subj, _ = _subject_of(tok)
        if subj is not None and _peacekeeping(subj):
            return _Trig(tok, "AID", None, verbal=True)  # "peacekeepers arrived in X"
    return None
