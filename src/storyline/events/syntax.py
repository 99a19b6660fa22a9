"""Parse helpers shared by every stage of the event coder (no event knowledge here).

The segments a sentence is cut into (:func:`_segments`), lemmas with the fixes the small
model needs (:func:`_lemma`), a verb's particles and objects, the subject of a clause
head climbing xcomp/conj (:func:`_subject_of`), the agent of a passive, and the
:class:`_Trig` record a trigger is carried in. Dependency labels live here; word lists
live in :mod:`.lexicon`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from storyline.annotate import doc_sentences
from storyline.events import lexicon as lx
from storyline.text.spans import overlaps_any

_SUBJ = {"nsubj", "nsubjpass", "csubj", "expl"}

_OBJ = {"dobj", "obj", "attr", "oprd", "dative"}

_TARGET_PREPS = {"with", "on", "against", "to", "at", "into", "upon", "toward", "towards"}

_TIME_PREPS = frozenset({"during", "before", "after", "until", "till", "throughout"})

_CLAUSE_DEPS = {"conj", "parataxis", "relcl", "advcl", "acl"}


@dataclass(slots=True)
class _Trig:
    token: Token          # the trigger word (verb or noun)
    type: str
    mode: str | None
    verbal: bool          # token acts as a verb (clause head)
    extra: Token | None = None  # object noun / particle that typed it


def _segments(doc: Doc) -> Iterator[Span]:
    """The sentences of the shared segmentation (headlines and web leftovers stay apart)."""
    return doc_sentences(doc)


def _lemma(tok: Token) -> str:
    fixed = lx.LEMMA_FIX.get(tok.lower_)
    if fixed is not None and tok.pos_ in ("VERB", "AUX"):
        return fixed
    return tok.lemma_.lower() if tok.lemma_ else tok.text.lower()


def _particle(tok: Token) -> Iterator[str]:
    obj = next((c.i for c in tok.children if c.dep_ == "dobj" and c.pos_ in ("NOUN", "PROPN")),
               None)
    for c in tok.children:
        if c.dep_ in ("prt", "prep", "dobj", "advmod") and c.i > tok.i:
            if c.dep_ == "prep" and any(x.ent_type_ in ("DATE", "TIME") for x in c.children):
                continue  # "called off the strike on Tuesday": a date, not "call on"
            if c.dep_ == "prep" and c.lower_ == "in" and obj is not None and obj < c.i:
                continue  # "took a shower in the bathroom": a place, not "take in"
                # ("fired rockets at/on the town" keeps its preposition)
            yield c.text.lower()


def _objects(tok: Token) -> Iterator[Token]:
    for c in tok.children:
        if c.dep_ in ("dobj", "obj", "nsubjpass", "attr"):
            yield c
            yield from (x for x in c.conjuncts)
        elif c.dep_ == "prt":
            for cc in c.children:
                if cc.dep_ in ("dobj", "pobj"):
                    yield cc
        elif c.dep_ == "prep" and c.text.lower() in ("on", "of") and _lemma(tok) in (
                "carry", "put", "step"):
            for cc in c.children:
                if cc.dep_ == "pobj":
                    yield cc
        elif c.dep_ == "xcomp" and c.pos_ == "NOUN":
            yield c


# prepositions that name whom an intransitive act lands on: "fired on", "shot at"
_ACTIVE_PREPS = frozenset({"on", "at", "into", "against", "toward", "towards", "upon"})


def _subject_of(tok: Token, floor: int = 0) -> tuple[Token | None, bool]:
    """(subject token, is_passive_subject) of a clause head, climbing xcomp/conj.

    Subjects before ``floor`` (a wire dateline the parse took for a subject) are skipped.
    """
    cur = tok
    # "is expected to be arraigned", "agreed to be questioned": a passive head's inherited
    # subject is acted on; so is that of a bare participle sharing a passive "was" ("was
    # arrested and charged", "were detained and later released by police")
    passive = any(c.dep_ == "auxpass" for c in tok.children)
    for _ in range(6):
        for c in sorted(cur.children, key=lambda c: -c.i):
            if c.idx < floor:
                if c.dep_ not in _SUBJ:
                    continue
                # "ANKARA, June 10 (Reuters) - Turkey and Russia signed": the parse may hang
                # the real subject on the dateline word as an apposition ("GALLABAT —
                # Ethiopia and Sudan agreed": as a conjunct)
                real = next((d for d in c.subtree if d.idx >= floor
                             and d.dep_ in ("appos", "conj") and d.head.idx < floor), None)
                if real is None:
                    continue
                return real, False
            if c.dep_ == "nsubj" or c.dep_ == "csubj":
                if c.text.lower() in ("which", "who", "that") and cur.dep_ == "relcl":
                    described = _appos_head(cur.head)
                    owner = _paper_owner(described) if _paper(described) else None
                    return owner or described, passive and cur.i != tok.i
                return c, passive and cur.i != tok.i
            if c.dep_ == "nsubjpass":
                return c, cur.i == tok.i or passive
        if cur.dep_ == "xcomp" and cur.head.i != cur.i:
            ctrl = next((c for c in cur.head.children if c.dep_ in ("dobj", "obj")), None)
            if ctrl is not None:
                return ctrl, passive
            cur = cur.head
            continue
        if cur.dep_ == "conj" and cur.head.i != cur.i:
            rel = _relative_coordinate(cur)
            if rel is not None:
                return rel, False
            if cur.i == tok.i and tok.tag_ == "VBN" and not any(
                    c.dep_ in ("aux", "auxpass", "dobj", "prt") or (
                        c.dep_ == "prep" and c.lower_ in _ACTIVE_PREPS)
                    for c in tok.children) and any(
                    c.dep_ == "auxpass" for c in cur.head.children):
                # "was arrested and charged": the "was" is shared ("was deployed and
                # fired on protesters": "fired on" acts)
                passive = True
            cur = cur.head
            continue
        if cur.dep_ == "acomp" and cur.head.pos_ == "AUX":
            cur = cur.head  # "Iran is opposed to ...": the subject of "is"
            continue
        if cur.dep_ == "relcl":
            return _appos_head(cur.head), False
        if cur.dep_ == "acl" and cur.tag_ == "VB" and cur.head.dep_ == "pobj" and \
                cur.head.head.lower_ in _TIME_PREPS and cur.head.head.head.pos_ == "VERB":
            # "mounting campaigns during Congress' recess to press senators": a purpose
            # of the verb the time phrase hangs on, not the recess's
            cur = cur.head.head.head
            continue
        if cur.dep_ == "acl" and cur.tag_ == "VB" and cur.head.pos_ == "NOUN":
            owner = _noun_owner(cur.head)
            if owner is not None:
                return owner, False  # "Russia's decision to withdraw": Russia withdraws
        if cur.dep_ == "acl" and cur.head.pos_ in ("NOUN", "PROPN") and cur.tag_ == "VBG":
            doc_noun = cur.head
            if _paper(doc_noun) and doc_noun.dep_ in ("dobj", "obj") and \
                    doc_noun.head.pos_ == "VERB":
                # "X issued a declaration demanding ...": X demands
                cur = doc_noun.head
                continue
            return cur.head, False
        if cur.dep_ == "advcl" and cur.tag_ in ("VBG", "VBN") and cur.head.pos_ in (
                "VERB", "AUX") and not any(c.dep_ == "mark" for c in cur.children):
            # a participle clause shares its subject: "X talked, agreeing to ...",
            # "Ankara came under fire, deporting ..."
            cur = cur.head
            continue
        if cur.dep_ == "pcomp" and cur.tag_ == "VBG" and cur.head.dep_ == "prep" and \
                cur.head.head.pos_ in ("VERB", "AUX") and cur.head.lower_ in (
                    "on", "by", "in", "after", "before", "while", "without", "for"):
            # "X spent $40 billion on resettling refugees"
            cur = cur.head.head
            continue
        if cur.dep_ == "pcomp" and cur.tag_ == "VBG" and cur.head.dep_ == "prep" and \
                cur.head.head.pos_ in ("NOUN", "PROPN"):
            # "in her first speech since standing down": the speech's owner stands
            # down; "Ellis, ... since stepping down": the one named
            noun = cur.head.head
            owner = noun if noun.pos_ == "PROPN" else next(
                (c for c in noun.children if c.dep_ == "poss"), None)
            if owner is not None:
                return owner, False
        break
    return None, False


def _paper_owner(noun: Token) -> Token | None:
    """Whose document a noun is: its possessor, or the subject of the verb it is the
    object of ("X issued a statement ...", "X is spending $2m on an ad ...")."""
    owner = next((c for c in noun.children if c.dep_ == "poss" and c.pos_ != "PRON"), None)
    if owner is not None:
        return owner
    verb = noun.head if noun.dep_ in ("dobj", "obj") else noun.head.head \
        if noun.dep_ == "pobj" and noun.head.dep_ == "prep" else None
    if verb is None or verb.pos_ != "VERB" or verb.i == noun.i:
        return None
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return subj


def _paper(noun: Token) -> bool:
    """A document noun, also when the parse heads its phrase on the next word ("posted a
    message online seeking ...": "online" with "message" as its compound)."""
    return _lemma(noun) in lx.PAPERS or any(
        c.dep_ == "compound" and _lemma(c) in lx.PAPERS for c in noun.children)


def _noun_owner(noun: Token) -> Token | None:
    """Whose plan or decision a noun names: its possessor ("the government's plan", not a
    pronoun) or the agent of its "by" phrase ("the decision by Russia")."""
    for c in noun.children:
        if c.dep_ == "poss" and c.pos_ != "PRON":
            return c
        if c.dep_ == "prep" and c.lower_ == "by" and c.i < noun.i + 3:
            pobj = next((x for x in c.children if x.dep_ == "pobj"), None)
            if pobj is not None:
                return pobj
    return None


def _continued_relative(conj: Token) -> Token | None:
    """The verb of a relative clause that a coordinated verb really continues.

    "X's calls for a truce won support from Y, who said ..., and urged Z to ...": the
    parse makes "urged" a conjunct of the main verb, whose subject cannot urge anyone (an
    event noun, or a possessor the parse took for the subject of "calls"); the verb
    continues the relative clause just before it ("said"), so its subject is Y."""
    head = conj.head
    subj = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None:
        return None
    possessor = any(c.dep_ == "case" and c.tag_ == "POS" for c in subj.children)
    event_noun = subj.pos_ == "NOUN" and (
        _lemma(subj) in lx.STANDALONE_NOUNS or lx.NOUNS.get(_lemma(subj), ("", None))[0] != "")
    if not (possessor or event_noun):
        return None
    rels = [t for t in head.subtree if t.dep_ == "relcl" and head.i < t.i < conj.i
            and any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in ("who", "which", "that")
                    for c in t.children)]
    if not rels:
        return None
    rel = rels[-1]
    between = conj.doc[rel.right_edge.i + 1:conj.i]
    if any(t.pos_ not in ("PUNCT", "CCONJ") for t in between):
        return None
    return rel


def _relative_coordinate(conj: Token) -> Token | None:
    rel = _continued_relative(conj)
    return _appos_head(rel.head) if rel is not None else None


def _counted(obj: Token) -> Token:
    """What an amount or count object is of: "dozens of artefacts", "$4 million worth of
    equipment" -> the thing handed over, whose phrase may carry the recipient."""
    tok = obj
    for _ in range(2):
        if not (tok.like_num or _lemma(tok) in lx.GROUPING or _lemma(tok) in lx.QUANTITY_HEADS
                or tok.lower_ == "worth" or tok.ent_type_ == "MONEY"):
            break
        nxt = next((x for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
                    for x in c.children if x.dep_ == "pobj"), None)
        if nxt is None:
            break
        tok = nxt
    return tok


def _appos_head(tok: Token) -> Token:
    """The noun a phrase is in apposition to ("HTS, an affiliate that ..." -> HTS)."""
    if tok.dep_ == "appos" and tok.head.pos_ in ("PROPN", "NOUN"):
        return tok.head
    return tok


def _absolute_with(prep: Token, pobj: Token) -> bool:
    """", with officials saying it would take weeks": an absolute clause after a comma
    (its noun has a participle of its own), a circumstance of the act, not a partner
    ("clashed with protesters demanding reforms" has no comma: the protesters)."""
    return prep.lower_ == "with" and prep.i > 0 and prep.nbor(-1).text == "," and any(
        k.dep_ == "acl" and k.tag_ == "VBG" for k in pobj.children)


def _agent(tok: Token) -> Token | None:
    for c in tok.children:
        if c.dep_ == "agent":
            for cc in c.children:
                if cc.dep_ == "pobj":
                    return cc
    return None


def _touches(lo: int, hi: int, damaged: Sequence[tuple[int, int]]) -> bool:
    return overlaps_any(lo, hi, damaged, touching=True)
