"""Modality of an event: asserted, future, hypothetical or negated.

Decided by :func:`_modality` from the trigger's own clause and the chain of governing
words up to the nearest reporting verb: conditions, modals and hedging governors make it
hypothetical; negation (or "failed to") negated; "will", "is to", "plans to" or a date
after publication future. When unsure it leans away from ``asserted``. The governing
words are data in :mod:`.lexicon` (``FUTURE_GOVERNORS``, ``HYPO_GOVERNORS``, ...).
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from storyline.events import lexicon as lx
from storyline.events.dating import _past_tense
from storyline.events.nesting import _circumstantial
from storyline.events.syntax import _SUBJ, _lemma, _Trig
from storyline.model import (
    Modality,
)


def _aux_words(tok: Token) -> list[Token]:
    return [c for c in tok.children if c.dep_ in ("aux", "auxpass", "neg", "advmod")]


def _has_condition(tok: Token) -> bool:
    return any(c.dep_ == "mark" and c.text.lower() in lx.CONDITION_MARKS for c in tok.children)


def _cond_child(tok: Token) -> bool:
    """The clause has a conditional adverbial clause ("X will happen if Y")."""
    return any(c.dep_ == "advcl" and _has_condition(c) for c in tok.children)


def _local(tok: Token) -> Modality | None:
    """Modality cues on one clause head: negation, modals, future auxiliaries."""
    words = {c.text.lower(): c for c in _aux_words(tok)}
    lemmas = {_lemma(c) for c in tok.children if c.dep_ in ("aux", "auxpass")}
    neg = any(w in lx.NEGATIONS for w in words) or any(
        c.dep_ == "neg" for c in tok.children)
    if any(c.dep_ == "advmod" and c.text.lower() in ("never",) for c in tok.children):
        neg = True
    if tok.i > 0 and tok.doc[tok.i - 1].lower_ in ("not", "never", "n't") and \
            tok.tag_ in ("VBG", "VB"):
        neg = True  # "by not returning fire": the parse may hang "not" elsewhere
    if neg:
        return "negated"
    if words.keys() & lx.HYPO_MODALS or lemmas & {"could", "may", "might", "should", "can"}:
        return "hypothetical"
    if words.keys() & {"would", "'d"}:
        return "hypothetical"
    if words.keys() & lx.FUTURE_MODALS or any(c.text.lower() == "going" for c in
                                               tok.children if c.dep_ == "aux"):
        return "future"
    if any(c.dep_ == "advmod" and c.text.lower() in ("perhaps", "possibly", "probably",
                                                     "maybe", "reportedly_")
           for c in tok.children):
        return "hypothetical"
    return None


def _subject_negated(tok: Token) -> bool:
    for c in tok.children:
        if c.dep_ in _SUBJ and any(d.dep_ == "det" and d.text.lower() in ("no", "neither")
                                   for d in c.children):
            return True
        if c.dep_ in _SUBJ and c.text.lower() in ("nobody", "none", "neither", "nothing"):
            return True
    return False


def _modality(trig: _Trig, seg: Span, *, question: bool, dated_future: bool) -> Modality:
    tok = trig.token
    speech_type = trig.type in ("THREATEN", "REQUEST", "ACCUSE", "REJECT")
    # The clause head the event sits in: the trigger itself, or the verb governing a noun.
    if not trig.verbal:
        hedged = _noun_hedge(tok, dated_future)
        if hedged is not None:
            return hedged
    cues: list[Modality] = []
    speech_hit = False
    cur = tok
    depth = 0
    reported = False
    scene = False  # passed a noun the event is only the setting of
    sibling = False  # cur was reached through "conj": a coordinated clause, not a governor
    own_clause = False  # ... from a finite conjunct: the first clause's negation is its own
    while True:
        depth += 1
        if depth > 12:
            break
        lem = _lemma(cur)
        if sibling:
            # "called for a halt and urged Russia to ...": the first conjunct's verb does
            # not govern the second; only its condition and auxiliaries are shared
            lem = ""
            sibling = False
        if cur.i != tok.i or trig.verbal:
            if _has_condition(cur) or (_cond_child(cur) and not (cur.i == tok.i and speech_type)):
                return "hypothetical"
            clause = _clause_cues(cur, reported)
            if own_clause:
                # "did not seek reelection and endorsed X", "did not attack the town, but
                # it shelled the post": the second clause is not under that "not"
                clause = [c for c in clause if c != "negated"]
                own_clause = False
            cues.extend(clause)
        if cur.pos_ in ("VERB", "AUX") and any(
                c.dep_ in ("acomp", "attr", "oprd") and _lemma(c) in lx.HYPO_ADJ | {"possible"}
                for c in cur.children) and (cur.i != tok.i or not trig.verbal):
            cues.append("future" if any(_lemma(c) in lx.FUTURE_ADJ for c in cur.children)
                        else "hypothetical")
        if cur.i != tok.i and cur.pos_ in ("NOUN", "PROPN") and not trig.verbal and any(c.dep_ == "prep" and c.lower_ in ("in", "during", "amid")
                                        and tok in c.subtree for c in cur.children):
            # "a plea for respite in the offensive": the plea's content is the respite;
            # the offensive it is set in is a fact
            lem = ""
            scene = True
        if cur.i != tok.i and not scene:
            cue = _governor_cue(cur, lem, tok, trig)
            if cue is not None:
                cues.append(cue)
        if cur.dep_ in ("pobj", "pcomp") and cur.head.lower_ in ("on", "about", "over",
                                                               "regarding") and \
                _lemma(cur.head.head) in lx.TOPIC_HOLDERS:
            cues.append("hypothetical")  # the topic of talks: "a meeting on facilitating aid"
        if lem in lx.SPEECH_VERBS and cur.i != tok.i:
            speech_hit = True
            reported = True
            break
        dep = cur.dep_
        if cur.head.i == cur.i:
            break
        if dep in ("conj",) and cur.pos_ in ("VERB", "AUX") and cur.head.pos_ in ("VERB", "AUX"):
            sibling = True
        if dep in ("conj",) and cur.i == tok.i:
            cues.extend(_shared_aux_cues(cur.head))
        if dep == "conj" and cur.pos_ in ("VERB", "AUX") and (
                cur.tag_ in ("VBD", "VBZ", "VBP") or any(c.dep_ in _SUBJ
                                                         for c in cur.children)):
            own_clause = True
        if dep in ("parataxis",) or (False):
            break
        if dep in ("acl", "relcl", "ccomp") and cur.head.pos_ in ("NOUN", "PROPN") and \
                _lemma(cur.head) in lx.HYPO_NOUNS and cur.pos_ in ("VERB", "AUX") and not (
                    _lemma(cur.head) in ("attempt", "bid") and trig.type in ("ASSAULT",
                                                                             "COERCE")):
            # the content of a hope, plan, reason or incentive is not a fact
            cues.append("future" if _lemma(cur.head) == "plan" else "hypothetical")
        if cur.tag_ == "VB" and any(c.dep_ == "mark" and c.lower_ == "for"
                                    for c in cur.children) and any(
                c.dep_ == "aux" and c.lower_ == "to" for c in cur.children):
            # "it would have been difficult for many Democrats to endorse him": an
            # infinitive with its own "for" subject is a possibility, never a report
            cues.append("hypothetical")
        if dep in ("advcl", "relcl", "acl") and cur.pos_ in ("VERB", "AUX") and any(
                c.dep_ in _SUBJ for c in cur.children) and not _has_condition(cur):
            break
        if dep == "ccomp" and cur.head.pos_ in ("VERB", "AUX") and \
                _lemma(cur.head) in lx.SPEECH_VERBS:
            reported = True
        cur = cur.head
    del speech_hit
    return _decide(cues, question=question and (not speech_type or _asks(tok)),
                   dated_future=dated_future)


def _asks(tok: Token) -> bool:
    """The trigger is the verb the question asks about, its auxiliary before its subject
    ("Did BP ask regulators to ...?"), not the speech act that asks ("'Will you come?'
    he asked")."""
    subj = next((c for c in tok.children if c.dep_ in _SUBJ), None)
    return subj is not None and any(c.dep_ in ("aux", "auxpass") and c.i < subj.i
                                    for c in tok.children)


def _decide(cues: list[Modality], *, question: bool, dated_future: bool) -> Modality:
    """The modality the collected cues give (a question is hypothetical)."""
    if question:
        return "hypothetical"
    if "hypothetical" in cues:
        # a negated modal on the event itself reads as negated ("would not return")
        if cues and cues[0] == "negated":
            return "negated"
        return "hypothetical"
    if "negated" in cues:
        return "negated"
    if "future" in cues or dated_future:
        return "future"
    return "asserted"


def _noun_hedge(tok: Token, dated_future: bool) -> Modality | None:
    """The modality a noun event's own words give, if they decide it."""
    # amod hedges on the noun: "potential/proposed/possible offensive", "no attacks"
    for c in tok.children:
        low = c.text.lower()
        if c.dep_ == "det" and low in ("no",):
            return "negated"
        if c.dep_ in ("amod", "compound", "advmod") and low in lx.HYPO_ADJ:
            if low in lx.FUTURE_ADJ:
                return "future"
            return "hypothetical"
    if _circumstantial(tok) and not dated_future and _presupposed(tok):
        return "asserted"  # "warned during talks with X": the talks took place
    if tok.i + 2 < len(tok.doc) and tok.nbor(1).text == "," and \
            tok.nbor(2).lower_ in lx.CONDITION_MARKS:
        return "hypothetical"  # "an offensive, if there is one, ..."
    return None


def _clause_cues(cur: Token, reported: bool) -> list[Modality]:
    """The cues of a clause head's own auxiliaries and subject."""
    cues: list[Modality] = []
    loc = _local(cur)
    auxw = {c.text.lower() for c in _aux_words(cur)}
    if loc == "hypothetical" and auxw & {"would", "'d"} and not auxw & lx.HYPO_MODALS:
        # "would" under a reporting verb is the future of the past
        loc = "future" if reported or _under_speech(cur) else "hypothetical"
    if loc is not None:
        cues.append(loc)
    if _subject_negated(cur):
        cues.append("negated")
    return cues


def _shared_aux_cues(head: Token) -> list[Modality]:
    """The modality cues of the first conjunct's auxiliaries, shared by its conjunct."""
    cues: list[Modality] = []
    for a in _aux_words(head):
        if a.text.lower() in lx.HYPO_MODALS:
            cues.append("hypothetical")
        elif a.text.lower() in lx.FUTURE_MODALS:
            cues.append("future")
    return cues


def _governor_cue(cur: Token, lem: str, tok: Token, trig: _Trig) -> Modality | None:
    """The cue a governing word ``cur`` (lemma ``lem``) gives the event ``tok`` under it."""
    if cur.pos_ in ("NOUN", "PROPN") and lem in ("attempt", "bid") and \
            trig.type in ("ASSAULT", "COERCE"):
        return None  # "an attempt to assassinate X was thwarted": the attempt is an attack
    if cur.pos_ in ("NOUN", "PROPN") and lem in lx.HYPO_NOUNS:
        if any(d.dep_ == "det" and d.text.lower() == "no" for d in cur.children):
            return "negated"
        else:
            return "future" if lem in ("plan",) else "hypothetical"
    if lem in lx.NEGATING_GOVERNORS and cur.i < tok.i:
        return "negated"
    if lem in ("try", "attempt") and trig.type in ("ASSAULT", "COERCE") and \
            cur.tag_ in ("VBD", "VBN") and _local(cur) is None:
        return None  # "tried to assassinate X": the attempt is an attack (PLOVER)
    if lem in lx.HYPO_GOVERNORS and lem not in ("deny", "reject", "refuse",
                                                   "oppose", "rule"):
        return "hypothetical"
    if lem in ("deny", "reject", "refuse", "oppose"):
        return "negated" if lem in ("refuse",) else "hypothetical"
    if lem in ("announce", "declare") and trig.verbal and _past_tense(tok):
        return None  # "X mobilised troops, the minister announced": a report, not a plan
    if lem in lx.FUTURE_GOVERNORS or (lem == "be" and any(
            c.dep_ == "xcomp" and c.i > cur.i and
            any(a.text.lower() == "to" for a in c.children) for c in cur.children)
            and cur.dep_ != "xcomp"):
        return "future"
    if cur.pos_ in ("NOUN",) and lem in lx.HYPO_NOUNS:
        if any(d.dep_ == "det" and d.text.lower() == "no" for d in cur.children):
            return "negated"
        else:
            return "future" if lem in ("plan",) else "hypothetical"
    if (cur.pos_ == "ADJ" and lem in lx.HYPO_GOVERNORS) or (lem == "see" and any(c.dep_ == "prep" and c.text.lower() == "as"
                              for c in cur.children)):
        return "hypothetical"
    return None


def _presupposed(tok: Token) -> bool:
    """A scene-setting noun event under a past-tense clause happened ("she won no promise
    she wanted during talks in Paris"); not under "will"/"would"."""
    cur = tok
    for _ in range(8):
        if cur.head.i == cur.i:
            return False
        cur = cur.head
        if cur.pos_ in ("VERB", "AUX"):
            aux = [c for c in cur.children if c.dep_ in ("aux", "auxpass")]
            if any(a.lower_ in ("will", "would", "'ll", "shall") for a in aux):
                return False
            if cur.dep_ == "xcomp" and any(a.lower_ == "to" for a in aux):
                continue  # "called on X to call off the deal ahead of the deliveries"
            if cur.tag_ == "VBD" or any(a.tag_ == "VBD" for a in aux) or (
                    cur.tag_ == "VBN" and any(_lemma(a) == "have" for a in aux)):
                return True
            if cur.dep_ not in ("xcomp", "conj"):
                return False
    return False


def _under_speech(tok: Token) -> bool:
    cur = tok
    for _ in range(6):
        if cur.head.i == cur.i:
            return False
        if cur.dep_ == "ccomp" and _lemma(cur.head) in lx.SPEECH_VERBS:
            return True
        if cur.dep_ in ("ccomp", "xcomp", "conj"):
            cur = cur.head
            continue
        return False
    return False
