"""Senses that are not events, and event nouns that stand on their own.

:func:`_verb_sense_ok` drops a lexicon verb in a sense that is no event ("released a
statement", "struck a deal", "fight corruption"); :func:`_thing_subject` spots a saying
verb whose subject is a document or an event ("the agreement called for ...");
:func:`_standalone_noun` decides whether an event noun is an event where it stands.
"""

from __future__ import annotations

from spacy.tokens import Token

from storyline.events import lexicon as lx
from storyline.events.nouns import _purposes
from storyline.events.syntax import _SUBJ, _counted, _lemma, _subject_of

_SAYING_TYPES = {"REQUEST", "THREATEN", "ACCUSE", "REJECT", "SUPPORT", "AGREE"}


def _thing_subject(tok: Token) -> bool:
    """The subject is an event or an agreement, not an actor: what it "calls for" or
    "threatens" is its content or effect, not a speech act."""
    subj, passive = _subject_of(tok)
    if subj is None or passive:
        return False
    lem = _lemma(subj)
    if subj.pos_ != "NOUN" or any(c.dep_ == "poss" for c in subj.children):
        return False
    return lem in lx.DOCUMENTS or lem in lx.STANDALONE_NOUNS or (
        lx.NOUNS.get(lem, ("", None))[0] != "")


def _verb_sense_ok(tok: Token, lem: str, objs: list[Token]) -> bool:
    olems = {_lemma(o) for o in objs}
    if tok.dep_ in ("amod", "compound") and lem not in ("shell",):
        return False
    if lem == "release" and olems & lx.RELEASED_RECORDS:
        return False
    if lem in ("strike", "hit") and olems & lx.STRUCK_BARGAINS:
        return False
    if lem in ("back", "support") and tok.dep_ == "amod":
        return False
    if lem in ("fund", "finance", "sponsor", "bankroll") and (olems | {
            _lemma(c) for o in objs for c in o.children if c.dep_ in ("compound", "amod")}
            ) & lx.FUNDED_PROMOTIONS:
        return False  # "funded a billboard advertising drive": publicity, no aid
    if lem == "return" and not any(c.dep_ in ("prep", "advmod", "prt") and
                                   c.text.lower() in ("home", "to", "back")
                                   for c in tok.children) and not any(
            c.dep_ == "prep" and c.lower_ == "to" for o in objs if _counted(o) is not o
            for c in _counted(o).children):
        return False  # "returned dozens of artefacts to the embassy": given back
    if lem == "warn" and not _warning_ok(tok):
        return False
    if lem in lx.QUESTION_VERBS and not objs and any(
            c.dep_ in ("ccomp", "advcl") and any(
                m.dep_ == "mark" and m.lower_ in lx.QUESTION_MARKS for m in c.children)
            for c in tok.children):
        return False  # "asked whether the minister would resign": a question, no request
    if lem == "insist" and not any(
            (c.dep_ == "prep" and c.lower_ == "on") or (c.dep_ == "ccomp" and (any(
                a.lower_ in lx.MUST for a in c.children if a.dep_ == "aux") or (
                c.tag_ == "VB" and not any(a.dep_ == "aux" for a in c.children))))
            for c in tok.children):
        return False  # "insisted that it cannot cope": a statement, not a demand
    if lem in ("concede", "admit") and any(c.dep_ == "ccomp" for c in tok.children):
        return False  # "conceded that the goal was slipping": a remark, not a concession
    if lem == "shelter" and not objs:
        return False  # "families are sheltering in schools"
    if lem == "capture" and (olems or {_lemma(tok.head)}) & lx.CAPTURED_SCENES:
        return False
    if lem == "share" and not olems & lx.SHARED_KNOWLEDGE:
        return False
    if lem in ("halt", "suspend", "pause", "stop") and (olems | {
            _lemma(c) for o in objs for c in o.children if c.dep_ == "compound"}) & lx.OWN_WORK:
        return False  # "the storm forced crews to suspend the search": no one sanctioned
    if lem in ("close", "halt", "suspend", "cancel", "freeze", "ban") and not objs and \
            tok.dep_ != "xcomp":
        return lem in ("close",) and any(_lemma(c) in ("crossing", "border") for c in
                                         tok.children if c.dep_ in _SUBJ)
    if lem in lx.OBJECT_VERBS and not objs and \
            not any(c.dep_ in ("ccomp", "xcomp", "prep", "prt") or (
                c.dep_ == "agent" and lem in ("back", "fund", "finance", "train", "supply",
                                              "escort", "defend")) for c in tok.children):
        return lem in ("deny", "decline")
    if lem in ("decline", "drop", "ease", "close") and olems & lx.MOVING_FIGURES:
        return False
    if lem == "drop" and olems & {"bomb", "leaflet"}:
        return True
    if lem in ("hit", "strike", "destroy", "target", "back", "recognise", "recognize") and \
            olems and olems <= lx.ABSTRACT_OBJ:
        return False
    if lem == "meet" and any(c.dep_ == "nsubjpass" for c in tok.children) and any(
            c.dep_ == "prep" and c.lower_ == "with" for c in tok.children):
        return False  # "would be met with a devastating response"
    if lem == "meet" and olems & lx.MET_REQUIREMENTS:
        return False
    if lem == "offer" and olems & lx.OFFERED_WORDS:
        return False
    if lem == "march" and tok.text[:1].isupper() and tok.i > tok.sent.start:
        return False
    if lem == "kill" and tok.dep_ == "acl" and tok.head.pos_ == "NOUN" and \
            _lemma(tok.head) in ("people", "civilian", "person", "soldier"):
        return True
    return not (lem == "fight" and olems & lx.FOUGHT_ILLS)


def _warning_ok(tok: Token) -> bool:
    """"warn" is a threat when the speaker threatens its own act ("warned it would
    retaliate", "warned X to stop", "warned of sanctions"), not when it predicts what
    others or circumstances will do ("warned that stocks could run out")."""
    comp = [c for c in tok.children if c.dep_ == "ccomp"]
    if not comp:
        return _warned_of_act(tok)
    subj = next((c for c in tok.children if c.dep_ in ("nsubj",)), None)
    for c in comp:
        csubj = next((x for x in c.children if x.dep_ in ("nsubj", "nsubjpass")), None)
        if csubj is None:
            return True
        if csubj.lower_ == "it" and (_lemma(c) == "be" or any(
                a.dep_ == "aux" and a.lower_ in lx.PREDICTIVE_MODALS for a in c.children)):
            continue  # "warned that it may be too late", "warned it could take years"
        if csubj.lower_ in ("it", "we", "they", "he", "she", "i"):
            return True
        if any(d.dep_ == "det" and d.lower_ == "any" for d in csubj.children):
            return True  # "warned that any attack would be met with force"
        if subj is not None and _lemma(csubj) == _lemma(subj):
            return True
        # "warned that police will no longer tolerate rallies": an institution's act
        if any(a.lower_ in ("will", "would", "'ll") for a in c.children if a.dep_ == "aux") \
                and (_lemma(csubj) in lx.FORCES or csubj.ent_type_ in ("GPE", "ORG", "NORP")):
            return True
    return False


def _warned_of_act(tok: Token) -> bool:
    """A warning without a clause threatens unless what it warns "of" or "about" is a
    circumstance ("warned of a looming famine"), not an act ("warned of sanctions", "of
    dire consequences")."""
    of = [x for c in tok.children if c.dep_ == "prep" and c.lower_ in ("of", "about")
          for x in c.children if x.dep_ == "pobj"]
    if not of:
        return True
    return any(_lemma(x) in lx.WARNED_OF_ACTS or (lx.NOUNS.get(_lemma(x)) or ("",))[0]
               for x in of)


def _standalone_noun(tok: Token, lem: str) -> bool:
    """Whether an event noun is an event here (not a light verb's object: handled there)."""
    if lem not in lx.STANDALONE_NOUNS and not lem.endswith("strike") and \
            lem not in lx.TRANSFER_NOUNS and not (lem in ("operation", "campaign") and
                                                  _purposes(tok)):
        return False
    if tok.dep_ in ("compound", "amod", "poss", "nmod"):
        return False
    head = tok.head
    if head.pos_ == "ADP" and _lemma(head.head) in lx.NOT_EVENT_HOLDERS:
        return False
    # "talks" as in "peace talks" stand; "attack" after "since/after/before" stands.
    if tok.dep_ in _SUBJ:
        return True
    if tok.dep_ == "pobj" and head.text.lower() in ("after", "since", "before", "during",
                                                    "despite", "following", "amid", "in",
                                                    "of", "for", "to", "at", "from", "by",
                                                    "with"):
        return True
    if tok.dep_ == "pobj" and head.lower_ == "into" and _into_what(head) is not None:
        return True  # "X are months into an operation", "two weeks into the offensive"
    if tok.dep_ in ("dobj", "obj", "attr", "appos", "conj", "ROOT", "nsubjpass", "npadvmod"):
        return True
    return bool(any(c.dep_ == "poss" or c.ent_type_ in ("DATE",) for c in tok.children))


def _into_what(prep: Token) -> Token | None:
    """For "into" that says how far along an event is ("X are several months into an
    operation", "X is deep into talks", "two weeks into the offensive"): the verb "be" or
    the time noun it hangs on; None for other "into" ("fired into the crowd")."""
    head = prep.head
    if head.pos_ == "AUX" and _lemma(head) == "be":
        return head
    if _lemma(head) in lx.SPANS:
        return head
    return None
