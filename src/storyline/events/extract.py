"""Per-document event coder: PLOVER events with modality, actors, date and provenance.

:func:`extract_events` reads an article's existing spaCy parse (no second model) and
returns one :class:`~storyline.model.Event` per event a sentence reports.

How it works:

1. **Triggers.** Every token is looked up in the lexicon (:mod:`.lexicon`): a verb with
   its particle ("call on", "pull back"), a verb with a typing object ("cut ties",
   "hold talks", "impose sanctions"), a light verb carrying an event noun ("launch an
   offensive", "deliver aid"), a bare verb ("accuse", "shell"), or an event noun that
   stands on its own ("the April 3 shelling", "Clashes began on Monday").
2. **Nesting.** An event's complement is its content, not another event: "accused X
   of shelling villages" is one ACCUSE, "agreed to halt hostilities" one AGREE,
   "welcomed the agreement" one SUPPORT. Triggers inside another trigger's subtree
   are dropped, except in coordinated clauses and relative or adverbial clauses with
   their own subject.
3. **Modality.** Decided from the trigger's own clause and the chain of governing
   words up to the nearest reporting verb: a condition ("if", "unless") on the way
   or on the clause makes it ``hypothetical``; so do "could/may/might", hedging
   governors ("proposed", "seen as", "likely", "threat of", "fears", "may have
   prompted X to postpone") and questions. Negation ("not", "never", "no", "neither",
   "failed to") makes it ``negated``; "will", "is to", "is expected to", "plans to",
   "due to", "would" under a reporting verb, or a date after publication make it
   ``future``. Anything else is ``asserted``. A non-asserted cue is never ignored: when
   unsure, the coder leans away from ``asserted``.
4. **Actors.** Source = the subject (the agent of a passive, the subject of the
   governing verb for "X agreed to withdraw" or "X is expected to meet"), target =
   the object or the object of "with/on/against/to/at/into"; the phrases are matched
   to the given :class:`~storyline.model.ActorMention` spans by character offsets
   (coordinated phrases give a list). A position that touches a damaged span stays
   None.
5. **Attribution.** "X said/told reporters (that) ...", "..., X said", "according
   to X": the reporter X (canonical name when X is a known actor).
6. **Date.** The time expressions attached to the trigger's clause, resolved with
   :func:`~storyline.annotate.times.resolve_range`; else the publication date with
   ``text=None``.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from spacy.tokens import Doc, Span, Token

from storyline.annotate import doc_text
from storyline.annotate.times import resolve_range
from storyline.events import lexicon as lx
from storyline.model import (
    EVENT_TYPES,
    Actor,
    ActorMention,
    DateRange,
    Event,
    Location,
    Mention,
    Modality,
    PlaceMention,
    Precision,
    TimeExpression,
    stable_id,
)

__all__ = ["extract_events", "extract_with_triggers"]

_SUBJ = {"nsubj", "nsubjpass", "csubj", "expl"}
_OBJ = {"dobj", "obj", "attr", "oprd", "dative"}
_TARGET_PREPS = {"with", "on", "against", "to", "at", "into", "upon", "toward", "towards"}
_CLAUSE_DEPS = {"conj", "parataxis", "relcl", "advcl", "acl"}
_PRONOUNS = {"it", "they", "he", "she", "we", "i", "you", "which", "who", "that", "this",
             "them", "him", "her", "itself", "themselves", "its", "their"}


@dataclass(slots=True)
class _Trig:
    token: Token          # the trigger word (verb or noun)
    type: str
    mode: str | None
    verbal: bool          # token acts as a verb (clause head)
    extra: Token | None = None  # object noun / particle that typed it


# ---------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------


def extract_events(
    doc: Doc,
    *,
    article_id: str,
    published: str | None,
    actors: Sequence[ActorMention],
    times: Sequence[TimeExpression],
    damaged: Sequence[tuple[int, int]] = (),
    places: Sequence[PlaceMention] = (),
) -> list[Event]:
    """The PLOVER events reported in a parsed article (pure; never raises on odd input).

    ``doc`` is the spaCy parse of the article text; every offset refers to it.
    ``actors`` are the resolved actor mentions, ``times`` the normalised time
    expressions (:func:`~storyline.annotate.times.find_times` against ``published``),
    ``damaged`` the character spans where the scraper dropped words, ``places`` the
    resolved place mentions (:func:`~storyline.annotate.places.find_places`): an event's
    ``location`` is the place its own clause puts it in ("in Idlib", "near Saraqib", "at
    the Sochi summit"), else None.
    """
    return [ev for _, ev, _ in extract_with_triggers(doc, article_id=article_id, published=published,
                                                  actors=actors, times=times, damaged=damaged,
                                                  places=places)]


def extract_with_triggers(
    doc: Doc,
    *,
    article_id: str,
    published: str | None,
    actors: Sequence[ActorMention],
    times: Sequence[TimeExpression],
    damaged: Sequence[tuple[int, int]] = (),
    places: Sequence[PlaceMention] = (),
) -> list[tuple[Token, Event, str | None]]:
    """Like :func:`extract_events`, each event with its trigger token and the PLOVER mode
    the lexicon gave it ("appeal", "aerial", ... or None)."""
    actors = sorted(actors, key=lambda m: (m.start, m.end))
    pub = published[:10] if published and re.match(r"\d{4}-\d{2}-\d{2}", published) else None
    whens = _whens(doc_text(doc), times, pub)
    dl_end, dl_when = _dateline_when(doc, whens)
    # An event with no date of its own takes the article's date: a wire dateline's date
    # when there is one ("NAIROBI, March 21 (PAP) -"), else the publication date.
    default = (dl_when.lo if dl_when is not None else pub or "", pub or "")
    whens = [w for w in whens if w.start >= dl_end]
    events: list[tuple[Token, Event, str | None]] = []
    seen: set[str] = set()
    history: list[tuple[int, Actor | list[Actor]]] = []  # (segment start, source)
    for seg in _segments(doc):
        trigs = _triggers(seg)
        if not trigs:
            continue
        trigs = _drop_nested(trigs)
        question = seg.text.rstrip().rstrip("\"'”’").endswith("?")
        for trig in trigs:
            ev = _build(doc, seg, trig, trigs, article_id=article_id, default=default,
                        actors=actors, whens=whens, damaged=damaged, question=question,
                        floor=dl_end, history=history, places=places)
            if ev is not None and ev.id not in seen:
                seen.add(ev.id)
                events.append((trig.token, ev, trig.mode))
                if ev.source is not None:
                    history.append((seg.start_char, ev.source))
    return events


# ---------------------------------------------------------------------------
# Segments and triggers
# ---------------------------------------------------------------------------


def _segments(doc: Doc) -> Iterator[Span]:
    """Sentences, cut again at line breaks (headlines and web leftovers stay apart)."""
    for sent in doc.sents:
        start = sent.start
        for tok in sent:
            if "\n" in tok.text or (tok.i > start and "\n" in tok.nbor(-1).whitespace_):
                if tok.i > start and "\n" in tok.text:
                    yield doc[start:tok.i]
                    start = tok.i + 1
                elif tok.i > start:
                    yield doc[start:tok.i]
                    start = tok.i
        if start < sent.end:
            yield doc[start:sent.end]


# Forms the small English model lemmatises wrongly ("hoped" -> "hop").
# (found by lemmatising every lexicon verb's inflections: benchmarks keep no list of it)
_LEMMA_FIX = {f: base for base, fs in {
    "hope": ("hoped", "hoping", "hopes"), "stage": ("staged", "staging", "stages"),
    "slate": ("slated", "slating", "slates"), "rape": ("raped", "raping", "rapes"),
    "lambaste": ("lambasted", "lambasting", "lambastes"),
}.items() for f in fs}


def _lemma(tok: Token) -> str:
    fixed = _LEMMA_FIX.get(tok.lower_)
    if fixed is not None and tok.pos_ in ("VERB", "AUX"):
        return fixed
    return tok.lemma_.lower() if tok.lemma_ else tok.text.lower()


def _particle(tok: Token) -> Iterator[str]:
    for c in tok.children:
        if c.dep_ in ("prt", "prep", "dobj", "advmod") and c.i > tok.i:
            if c.dep_ == "prep" and any(x.ent_type_ in ("DATE", "TIME") for x in c.children):
                continue  # "called off the strike on Tuesday": a date, not "call on"
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


def _noun_trigger(noun: Token) -> lx.Trigger | None:
    lem = _lemma(noun)
    if lem == "strike" and any(_lemma(c) in ("hunger", "general", "labour", "labor", "worker")
                               for c in noun.children):
        return ("PROTEST", "strike")
    if lem in ("exercise", "drill", "game", "patrol", "operation", "manoeuvre", "maneuver",
               "venture", "sortie", "programme", "program", "project", "production",
               "investigation", "inquiry", "probe") and any(
            _lemma(c) in ("joint", "combined", "bilateral", "multinational", "coordinated",
                          "trilateral")
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
            _lemma(x) in ("allegation", "claim", "death", "killing", "strike", "attack",
                          "incident", "abuse", "handling", "conduct", "shooting")
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
        if c.dep_ == "acl" and _lemma(c) in ("agree", "sign", "broker", "reach", "conclude",
                                             "strike", "seal", "announce", "declare"):
            return True
    return False


def _peacekeeping(tok: Token) -> bool:
    return any(_lemma(t) in lx.PEACEKEEPING for t in tok.subtree)


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
_MEDIA_WORDS = {"reporter", "journalist", "press", "medium", "newspaper", "agency",
                "television", "tv", "radio", "channel", "audience", "crowd", "supporter",
                "lawmaker", "parliament", "briefing", "conference", "interviewer"}
_MUST = {"must", "should", "ought", "need"}


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
            if c.ent_type_ in ("ORG", "FAC", "WORK_OF_ART") or _lemma(c) in _MEDIA_WORDS:
                return None
            if c.ent_type_ in ("PERSON", "GPE", "NORP") or _lemma(c) in (
                    "president", "minister", "counterpart", "leader", "premier", "king",
                    "chancellor", "ambassador", "envoy", "official", "government"):
                return c
    return None


_SELF = {"we", "i", "us", "our"}
# Papers an actor issues that speak for it ("issued a statement condemning ...").
_PAPERS = {"statement", "declaration", "communique", "communiqué", "letter", "resolution",
           "report", "note", "message", "appeal", "petition", "manifesto", "decree"}
# Verbs whose subject carries on, speeds or completes its own act ("speeded up the
# withdrawal", "completed their pullout"), unlike "survived the attack".
_CARRY_ON = {"speed", "complete", "accelerate", "finish", "expand", "widen", "extend",
             "press", "push", "pursue", "step", "ramp", "scale", "wage", "keep", "maintain",
             "sustain", "finalise", "finalize", "hasten", "carry", "coordinate", "lead",
             "spearhead", "head", "direct", "oversee", "orchestrate", "tighten", "stage"}
_WARSHIPS = {"warship", "carrier", "frigate", "destroyer", "submarine", "cruiser", "fleet",
             "corvette", "gunboat"}
# Bodies and pacts one leaves to reduce relations ("pulled out of the bloc").
_BODIES = {"bloc", "alliance", "treaty", "pact", "accord", "agreement", "deal", "union",
           "organisation", "organization", "coalition", "convention", "council", "court",
           "federation", "community", "commission", "league", "forum", "grouping", "body"}


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
        if csubj is None or (csubj.pos_ == "PRON" and csubj.lower_ in _SELF) or \
                csubj.lower_ in ("it", "there", "this", "that", "which"):
            continue  # (the pronoun "us", not "the US")
        if subj is not None and (_lemma(csubj) == _lemma(subj) or (
                csubj.lower_ in _ANAPHORS and csubj.lower_ != "they")):
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
        k[0] in ("from", "of") and (k[1] in _BODIES or x.ent_type_ == "ORG" or (
            x.text.isupper() and len(x.text) >= 3)) for k, x in deep.items())
    if leaves or (lem in ("quit", "leave", "exit") and any(
            o.ent_type_ == "ORG" or _lemma(o) in _BODIES for o in objs0)):
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
        if subj is not None and _lemma(subj) in _WARSHIPS | {
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
                               o.pos_ == "PROPN" or _lemma(o) in _role_nouns()
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
        if any(t.lower_ in _MUST or (t.lower_ == "to" and t.head.lemma_ == "have")
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


_SAYING_TYPES = {"REQUEST", "THREATEN", "ACCUSE", "REJECT", "SUPPORT", "AGREE"}
# (a report, a statement or a resolution "accusing" or "urging" speaks for its authors)
_DOCUMENTS = {"constitution", "clause", "provision", "text"}


def _thing_subject(tok: Token) -> bool:
    """The subject is an event or an agreement, not an actor: what it "calls for" or
    "threatens" is its content or effect, not a speech act."""
    subj, passive = _subject_of(tok)
    if subj is None or passive:
        return False
    lem = _lemma(subj)
    if subj.pos_ != "NOUN" or any(c.dep_ == "poss" for c in subj.children):
        return False
    return lem in _DOCUMENTS or lem in lx.STANDALONE_NOUNS or (
        lx.NOUNS.get(lem, ("", None))[0] != "")


_ABSTRACT_OBJ = {"role", "importance", "need", "fact", "right", "reality", "truth",
                 "possibility", "opportunity", "election", "vote", "result", "law", "bill",
                 "budget", "report", "statement", "record", "figure", "data", "price",
                 "rate", "goal", "target", "market", "attention", "question", "point"}


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
            words & lx.PEACEKEEPING:
        return "AID"  # "contribute 4,000 troops to a peacekeeping force" (CAMEO 074)
    if words & lx.COOP_OBJECTS:
        return "COOPERATE"
    if words & lx.AID_OBJECTS or words & set(extra_aid):
        return "AID"
    return None


def _verb_sense_ok(tok: Token, lem: str, objs: list[Token]) -> bool:
    olems = {_lemma(o) for o in objs}
    if tok.dep_ in ("amod", "compound") and lem not in ("shell",):
        return False
    if lem == "release" and olems & {"statement", "report", "video", "footage", "figure",
                                     "datum", "detail", "image", "photo", "list", "album"}:
        return False
    if lem in ("strike", "hit") and olems & {"deal", "agreement", "balance", "note", "tone",
                                             "chord", "record", "market", "bargain"}:
        return False
    if lem in ("back", "support") and tok.dep_ == "amod":
        return False
    if lem == "return" and not any(c.dep_ in ("prep", "advmod", "prt") and
                                   c.text.lower() in ("home", "to", "back")
                                   for c in tok.children):
        return False
    if lem == "warn" and not _warning_ok(tok):
        return False
    if lem == "insist" and not any(
            (c.dep_ == "prep" and c.lower_ == "on") or (c.dep_ == "ccomp" and (any(
                a.lower_ in _MUST for a in c.children if a.dep_ == "aux") or (
                c.tag_ == "VB" and not any(a.dep_ == "aux" for a in c.children))))
            for c in tok.children):
        return False  # "insisted that it cannot cope": a statement, not a demand
    if lem in ("concede", "admit") and any(c.dep_ == "ccomp" for c in tok.children):
        return False  # "conceded that the goal was slipping": a remark, not a concession
    if lem == "shelter" and not objs:
        return False  # "families are sheltering in schools"
    if lem == "capture" and (olems or {_lemma(tok.head)}) & {
            "scene", "moment", "image", "attention", "imagination", "mood", "essence",
            "heart", "footage", "camera"}:
        return False
    if lem == "share" and not olems & {"datum", "information", "intelligence", "data",
                                       "technology", "expertise", "border", "evidence",
                                       "finding", "detail", "document", "record",
                                       "photograph", "image", "assessment", "knowledge",
                                       "know-how", "experience", "file", "footage"}:
        return False
    if lem in ("close", "halt", "suspend", "cancel", "freeze", "ban") and not objs and \
            tok.dep_ != "xcomp":
        return lem in ("close",) and any(_lemma(c) in ("crossing", "border") for c in
                                         tok.children if c.dep_ in _SUBJ)
    if lem in ("recognise", "recognize", "appreciate", "host", "receive", "train", "sell",
               "supply", "share", "hit", "target", "destroy", "drop", "back", "free", "relax",
               "ease", "lift", "grant", "fund", "finance", "seek", "press", "charge",
               "sentence", "capture", "dismiss", "decline", "commit", "mass", "station",
               "defend", "deny", "oppose", "resist", "escort") and not objs and \
            not any(c.dep_ in ("ccomp", "xcomp", "prep", "prt") or (
                c.dep_ == "agent" and lem in ("back", "fund", "finance", "train", "supply",
                                              "escort", "defend")) for c in tok.children):
        return lem in ("deny", "decline")
    if lem in ("decline", "drop", "ease", "close") and olems & {"percent", "%", "price",
                                                                 "rate", "share", "level"}:
        return False
    if lem == "drop" and olems & {"bomb", "leaflet"}:
        return True
    if lem in ("hit", "strike", "destroy", "target", "back", "recognise", "recognize") and \
            olems and olems <= _ABSTRACT_OBJ:
        return False
    if lem == "meet" and any(c.dep_ == "nsubjpass" for c in tok.children) and any(
            c.dep_ == "prep" and c.lower_ == "with" for c in tok.children):
        return False  # "would be met with a devastating response"
    if lem == "meet" and olems & {"demand", "need", "target", "requirement", "criterion",
                                  "standard", "deadline", "goal", "expectation"}:
        return False
    if lem == "offer" and olems & {"condolence", "view", "opinion", "comment", "insight"}:
        return False
    if lem == "march" and tok.text[:1].isupper() and tok.i > tok.sent.start:
        return False
    if lem == "kill" and tok.dep_ == "acl" and tok.head.pos_ == "NOUN" and \
            _lemma(tok.head) in ("people", "civilian", "person", "soldier"):
        return True
    return not (lem == "fight" and olems & {"corruption", "poverty", "disease", "fire",
                                            "virus", "pandemic", "crime", "terrorism"})


def _warning_ok(tok: Token) -> bool:
    """"warn" is a threat when the speaker threatens its own act ("warned it would
    retaliate", "warned X to stop", "warned of sanctions"), not when it predicts what
    others or circumstances will do ("warned that stocks could run out")."""
    comp = [c for c in tok.children if c.dep_ == "ccomp"]
    if not comp:
        return True
    subj = next((c for c in tok.children if c.dep_ in ("nsubj",)), None)
    for c in comp:
        csubj = next((x for x in c.children if x.dep_ in ("nsubj", "nsubjpass")), None)
        if csubj is None:
            return True
        if csubj.lower_ in ("it", "we", "they", "he", "she", "i"):
            return True
        if any(d.dep_ == "det" and d.lower_ == "any" for d in csubj.children):
            return True  # "warned that any attack would be met with force"
        if subj is not None and _lemma(csubj) == _lemma(subj):
            return True
        # "warned that police will no longer tolerate rallies": an institution's act
        if any(a.lower_ in ("will", "would", "'ll") for a in c.children if a.dep_ == "aux") \
                and (_lemma(csubj) in _FORCES or csubj.ent_type_ in ("GPE", "ORG", "NORP")):
            return True
    return False


_FORCES = {"police", "army", "military", "force", "troop", "government", "authority",
           "security", "soldier", "navy", "regime", "administration", "country"}


_NOT_EVENT_HOLDERS = {"responsibility", "condolence", "sympathy", "statement", "victim",
                      "anniversary", "memory", "report", "video", "footage", "survivor"}


def _standalone_noun(tok: Token, lem: str) -> bool:
    """Whether an event noun is an event here (not a light verb's object: handled there)."""
    if lem not in lx.STANDALONE_NOUNS and not lem.endswith("strike") and \
            lem not in lx.TRANSFER_NOUNS and not (lem in ("operation", "campaign") and
                                                  _purposes(tok)):
        return False
    if tok.dep_ in ("compound", "amod", "poss", "nmod"):
        return False
    head = tok.head
    if head.pos_ == "ADP" and _lemma(head.head) in _NOT_EVENT_HOLDERS:
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


_SPANS = {"day", "week", "month", "year", "hour"}


def _into_what(prep: Token) -> Token | None:
    """For "into" that says how far along an event is ("X are several months into an
    operation", "X is deep into talks", "two weeks into the offensive"): the verb "be" or
    the time noun it hangs on; None for other "into" ("fired into the crowd")."""
    head = prep.head
    if head.pos_ == "AUX" and _lemma(head) == "be":
        return head
    if _lemma(head) in _SPANS:
        return head
    return None


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
    attack it happened in ("were wounded in an artillery attack by X"). The infinitive
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
                nested = True
                break
            if not path_ok:
                break
        if not nested:
            keep.append(t)
    return [t for t in keep if t.token.i not in drop_outer]


# ---------------------------------------------------------------------------
# Building one event
# ---------------------------------------------------------------------------


def _build(doc: Doc, seg: Span, trig: _Trig, trigs: list[_Trig], *, article_id: str,
           default: tuple[str, str], actors: Sequence[ActorMention], whens: Sequence[_When],
           damaged: Sequence[tuple[int, int]], question: bool, floor: int = 0,
           history: Sequence[tuple[int, Actor | list[Actor]]] = (),
           places: Sequence[PlaceMention] = ()) -> Event | None:
    embedded = _called_for(trig)
    if embedded is not None:
        # "called for Mubarak to resign": a request by the caller, with Mubarak as target;
        # the resignation itself is its content, not an event
        trig, asked = embedded
    tok = trig.token
    date, dated_future = _date(doc, seg, trig, trigs, whens, default)
    if dated_future and date.text and _past_tense(tok) and not re.search(r"\d{4}", date.text):
        # "In September, the two leaders brokered ..." in a June article: last September
        date = DateRange(start=_year_back(date.start), end=_year_back(date.end),
                         precision=date.precision, text=date.text)
        dated_future = bool(default[1]) and date.start > default[1]
    modality = _modality(trig, seg, question=question, dated_future=dated_future)
    if date.text is None and modality in ("asserted", "negated"):
        said = _speech_date(doc, seg, trig, trigs, whens) or _coordinate_date(
            doc, seg, trig, trigs, whens)
        if said is not None:
            date = said
    src_tok, tgt_tok = _roles(trig, floor)
    if embedded is not None:
        tgt_tok = asked
    source = _actors_at(src_tok, actors, damaged) if src_tok is not None else None
    alt: Token | None = None
    if source is None and not trig.verbal:
        alt = _noun_source(trig)
        if alt is not None:
            source = _actors_at(alt, actors, damaged)
    target = _actors_at(tgt_tok, actors, damaged) if tgt_tok is not None else None
    pron = src_tok if src_tok is not None else alt
    if source is None and pron is not None and pron.lower_ in _ANAPHORS:
        source = _speaker_antecedent(doc, pron, actors, damaged) or \
            _sentence_antecedent(pron, actors, damaged) or _antecedent(pron, seg, history)
    elif source is not None and src_tok is not None and src_tok.lower_ == "it" and \
            src_tok.head.dep_ == "relcl":
        # "HTS, which it accuses of ...": "it" cannot be the group the clause describes
        described = _actors_at(_appos_head(src_tok.head.head), actors, damaged)
        if described is not None and _same(source, described):
            source = _sentence_antecedent(src_tok, actors, damaged)
    if source is None and src_tok is not None and not _touches(
            src_tok.idx, src_tok.idx + len(src_tok.text), damaged):
        source = _described_source(src_tok, actors, damaged, history)
    if source is None and src_tok is not None:
        source = _pair_antecedent(src_tok, seg, actors)  # "the two leaders"
    stok = src_tok if src_tok is not None else alt
    if source is None and stok is not None:
        source = _unnamed_actor(doc, stok, damaged, places)
        if source is None and not trig.verbal and stok.pos_ == "ADJ":
            source = _national(stok, typ=trig.type)  # "Palestinian riots"
    if target is None and tgt_tok is not None:
        target = _unnamed_actor(doc, tgt_tok, damaged, places, subject=False)
    if target is None:
        target = _fallback_target(doc, trig, tgt_tok, actors, damaged, places)
    if source is not None and target is not None and _same(source, target):
        target = None
    typ, mode = trig.type, trig.mode
    if typ == "MOBILIZE" and isinstance(source, list) and len(
            {a.country for a in source if a.country}) > 1 and _lemma(tok) in (
            "exercise", "drill", "game", "manoeuvre", "maneuver", "patrol", "hold", "stage",
            "conduct", "launch", "begin", "start"):
        typ, mode = "COOPERATE", None  # "French and Egyptian warships launched war games"
    attribution = _attribution(trig, seg, actors, damaged)
    start, end = seg.start_char, seg.end_char
    quote = doc_text(doc)[start:end]
    lead = len(quote) - len(quote.lstrip())
    trail = len(quote) - len(quote.rstrip())
    start, end = start + lead, end - trail
    eid = stable_id(article_id, str(tok.idx), str(tok.idx + len(tok.text)), typ)
    return Event(
        id=eid, type=typ, quad=EVENT_TYPES[typ], modality=modality,
        source=source, target=target, date=date, location=_location(trig, places, damaged),
        mentions=[Mention(article=article_id, quote=doc_text(doc)[start:end], start=start, end=end,
                          attribution=attribution)],
        score=lx.score(typ, mode), mode=_plover_mode(typ, mode),
    )


# --- location ---------------------------------------------------------------

_LOC_PREPS = {"in", "near", "at", "outside", "inside", "around", "across", "throughout",
              "within", "along", "over"}
_TARGET_LOC_PREPS = {"on", "against", "into", "onto", "toward", "towards"}
_PLACE_TYPES = {"ASSAULT", "MOBILIZE", "COERCE", "PROTEST"}
_NOT_PLACES = {"spite", "support", "addition", "order", "response", "favour", "favor",
               "light", "view", "line", "return", "exchange", "defiance", "violation",
               "breach", "charge", "talk", "meeting", "interview", "statement", "letter",
               "call", "speech", "briefing", "conference", "message", "way", "case"}


def _place_in(span_lo: int, span_hi: int, places: Sequence[PlaceMention],
              damaged: Sequence[tuple[int, int]]) -> PlaceMention | None:
    inside = [p for p in places if span_lo <= p.start and p.end <= span_hi and p.name]
    inside = [p for p in inside if not _touches(p.start, p.end, damaged)]
    return inside[0] if inside else None


def _location(trig: _Trig, places: Sequence[PlaceMention],
              damaged: Sequence[tuple[int, int]]) -> Location | None:
    """The place the event's own clause puts it in: the object of a locative preposition
    ("in Idlib", "near Saraqib", "in the Russian resort of Sochi") on the trigger, on the
    verb a noun event hangs from, or on the verb an infinitive event depends on; a place
    naming a noun event ("the Sochi summit", "the Idlib offensive"); for attacks and
    deployments also the place attacked ("an offensive on Idlib"). None otherwise: a
    place elsewhere in the sentence may be another event's."""
    if not places:
        return None
    tok = trig.token
    heads = [tok]
    if not trig.verbal:
        for c in tok.children:
            if c.dep_ in ("compound", "nmod") and c.pos_ == "PROPN":
                got = _place_in(c.idx, c.idx + len(c.text), places, damaged)
                if got is not None and got.admin1 is not None:  # a city, not a party
                    return Location(name=got.name, country=got.country, lat=got.lat,
                                    lon=got.lon)
        # "the ceasefire signed in Nairobi": the participle that describes the event
        # places it before the clause it is mentioned in ("news of it reached Doka")
        heads += [c for c in tok.children if c.dep_ == "acl" and c.tag_ == "VBN"]
        verb = tok.doc[_anchor_verb(trig)]
        if verb.i != tok.i:
            heads.append(verb)
    else:
        cur = tok
        for _ in range(3):
            if cur.dep_ in ("xcomp", "conj") and cur.head.i != cur.i:
                cur = cur.head
                heads.append(cur)
            else:
                break
    if trig.extra is not None:
        heads.insert(1, trig.extra)
    if trig.verbal:
        # "met leaders ... in Tehran", "attacked positions in Idlib": the parse may hang
        # the place on the object
        heads += [c for c in tok.children if c.dep_ in ("dobj", "obj")]
    for h in heads:
        for c in h.children:
            if c.dep_ != "prep" or (h.i != tok.i and h.dep_ in ("dobj", "obj") and
                                    c.lower_ not in _LOC_PREPS):
                continue
            low = c.lower_
            if low in _LOC_PREPS or (low in _TARGET_LOC_PREPS and trig.type in _PLACE_TYPES):
                pobj = next((x for x in c.children if x.dep_ == "pobj"), None)
                if pobj is None or _lemma(pobj) in _NOT_PLACES or \
                        tok.i in (t.i for t in pobj.subtree):
                    continue  # "in spite of", "in support of", or the event's own phrase
                lo = min(t.idx for t in pobj.subtree)
                hi = max(t.idx + len(t.text) for t in pobj.subtree)
                got = _place_in(lo, hi, places, damaged)
                if got is not None:
                    return Location(name=got.name, country=got.country, lat=got.lat,
                                    lon=got.lon)
    return None


def _plover_mode(typ: str, mode: str | None) -> str | None:
    """The lexicon's mode when it is one of the manual's modes for that type."""
    if mode is None or mode not in lx.PLOVER_MODES.get(typ, ()):
        return None
    return mode


_ANAPHORS = {"it", "they", "he", "she"}


def _antecedent(pron: Token, seg: Span, history: Sequence[tuple[int, Actor | list[Actor]]]
                ) -> Actor | list[Actor] | None:
    """The source of a recent event (this or the previous sentence or two) that a subject
    pronoun can stand for: "they" a group, "it" a state or body, "he"/"she" a person."""
    word = pron.lower_
    for start, src in reversed(history):
        if seg.start_char - start > 600:
            break
        many = isinstance(src, list)
        one = src if isinstance(src, Actor) else None
        if word == "they" and many:
            return src
        if word == "it" and one is not None and "_" not in one.id:
            return one
        if word in ("he", "she") and one is not None and "_" in one.id:
            return one
    return None


_GROUP_HEADS = {"representative", "official", "delegation", "delegate", "envoy", "diplomat",
                "negotiator", "minister", "member"}
_PAIR_NOUNS = {"country", "leader", "side", "nation", "president", "government", "capital",
               "state", "neighbour", "neighbor", "party"}


def _described_source(tok: Token, actors: Sequence[ActorMention],
                      damaged: Sequence[tuple[int, int]],
                      history: Sequence[tuple[int, Actor | list[Actor]]]
                      ) -> Actor | list[Actor] | None:
    """A source named by description rather than by name: "representatives from X"
    (X), "the two countries/leaders" (the last pair of sources), "the country" (the
    state named just before), "his forces" (the person named just before)."""
    lem = _lemma(tok)
    if lem in _GROUP_HEADS:
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ == "from":
                pobj = next((x for x in c.children if x.dep_ == "pobj"), None)
                if pobj is not None:
                    return _actors_at(pobj, actors, damaged) or _described_source(
                        pobj, actors, damaged, history)
        return None
    dets = {c.lower_ for c in tok.children if c.dep_ in ("det", "nummod", "poss")}
    if lem in _PAIR_NOUNS and tok.tag_ == "NNS" and "two" in dets and "the" in dets:
        for _, src in reversed(history):
            if isinstance(src, list) and len(src) == 2:
                return src
        return None
    if lem == "country" and tok.tag_ == "NN" and dets == {"the"}:
        prior = [m for m in actors if m.end <= tok.idx and tok.idx - m.start < 400
                 and "_" not in m.actor.id and m.actor.country is not None
                 and m.actor.role == "GOV" and not _touches(m.start, m.end, damaged)]
        return prior[-1].actor if prior else None
    if lem in _FORCES and dets & {"his", "her"}:
        prior = [m for m in actors if m.end <= tok.idx and m.start >= tok.sent.start_char
                 and "_" in m.actor.id and not _touches(m.start, m.end, damaged)]
        return prior[-1].actor if prior else None
    return None


def _speaker_antecedent(doc: Doc, pron: Token, actors: Sequence[ActorMention],
                        damaged: Sequence[tuple[int, int]]) -> Actor | list[Actor] | None:
    """The speaker a subject pronoun of reported speech stands for ("Japan said it had
    halted aid", "the rebels said they would attend", "Putin said he would visit"), when
    the pronoun fits it: "he"/"she" a person, "it" a state or body, "they" a group."""
    if pron.dep_ not in ("nsubj", "nsubjpass"):
        return None
    clause = pron.head
    while clause.dep_ == "conj" and clause.head.i != clause.i:
        clause = clause.head
    if clause.dep_ != "ccomp" or _lemma(clause.head) not in lx.SPEECH_VERBS:
        return None
    speaker, passive = _subject_of(clause.head)
    if speaker is None or passive or speaker.lower_ in _PRONOUNS:
        return None
    found = _actors_at(speaker, actors, damaged) or _unnamed_actor(doc, speaker, damaged)
    if found is None:
        return None
    word = pron.lower_
    if isinstance(found, list):
        return found if word == "they" else None
    person = "_" in found.id or speaker.ent_type_ == "PERSON"
    plural = speaker.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in speaker.children)
    if word in ("he", "she"):
        return found if person else None
    if word == "it":
        return found if not person and not plural else None
    return found if plural or (not person and found.role not in ("GOV", "UNK")) else None


def _sentence_antecedent(pron: Token, actors: Sequence[ActorMention],
                         damaged: Sequence[tuple[int, int]]) -> Actor | None:
    """"it" as the subject of a relative clause ("HTS, which it accuses of ...") stands
    for the state or body named before it in the sentence, never for the noun the
    clause describes: the nearest earlier mention outside that noun phrase."""
    if pron.lower_ != "it":
        return None
    clause = pron.head
    if clause.dep_ != "relcl":
        return None
    described = _appos_head(clause.head)
    while described.dep_ == "conj" and described.head.i != described.i:
        described = described.head  # "the Hayat Tahrir al-Sham, or HTS, which it ..."
    first = min(t.idx for t in described.subtree)  # the described phrase and its names
    for m in sorted(actors, key=lambda m: -m.start):
        if m.end > first or m.start < pron.sent.start_char:
            continue
        if _touches(m.start, m.end, damaged):
            continue
        if "_" in m.actor.id:
            continue  # "it" is no person
        return m.actor
    return None


def _same(a: Actor | list[Actor], b: Actor | list[Actor]) -> bool:
    ids_a = {x.id for x in (a if isinstance(a, list) else [a])}
    ids_b = {x.id for x in (b if isinstance(b, list) else [b])}
    return ids_a == ids_b


# --- modality -------------------------------------------------------------


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
        # amod hedges on the noun: "potential/proposed/possible offensive", "no attacks"
        for c in tok.children:
            low = c.text.lower()
            if c.dep_ == "det" and low in ("no",):
                return "negated"
            if c.dep_ in ("amod", "compound", "advmod") and low in lx.HYPO_ADJ:
                if low in lx.FUTURE_ADJ:
                    return "future"
                return "hypothetical"
    if not trig.verbal and _circumstantial(tok) and not dated_future and _presupposed(tok):
        return "asserted"  # "warned during talks with X": the talks took place
    if not trig.verbal and tok.i + 2 < len(tok.doc) and tok.nbor(1).text == "," and \
            tok.nbor(2).lower_ in lx.CONDITION_MARKS:
        return "hypothetical"  # "an offensive, if there will be one, ..."
    cues: list[Modality] = []
    speech_hit = False
    cur = tok
    depth = 0
    reported = False
    scene = False  # passed a noun the event is only the setting of
    sibling = False  # cur was reached through "conj": a coordinated clause, not a governor
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
            loc = _local(cur)
            auxw = {c.text.lower() for c in _aux_words(cur)}
            if loc == "hypothetical" and auxw & {"would", "'d"} and not auxw & lx.HYPO_MODALS:
                # "would" under a reporting verb is the future of the past
                loc = "future" if reported or _under_speech(cur) else "hypothetical"
            if loc is not None:
                cues.append(loc)
            if _subject_negated(cur):
                cues.append("negated")
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
            if cur.pos_ in ("NOUN", "PROPN") and lem in ("attempt", "bid") and \
                    trig.type in ("ASSAULT", "COERCE"):
                pass  # "an attempt to assassinate X was thwarted": the attempt is an attack
            elif cur.pos_ in ("NOUN", "PROPN") and lem in lx.HYPO_NOUNS:
                if any(d.dep_ == "det" and d.text.lower() == "no" for d in cur.children):
                    cues.append("negated")
                else:
                    cues.append("future" if lem in ("plan",) else "hypothetical")
            elif lem in lx.NEGATING_GOVERNORS and cur.i < tok.i:
                cues.append("negated")
            elif lem in ("try", "attempt") and trig.type in ("ASSAULT", "COERCE") and \
                    cur.tag_ in ("VBD", "VBN") and _local(cur) is None:
                pass  # "tried to assassinate X": the attempt is an attack (PLOVER)
            elif lem in lx.HYPO_GOVERNORS and lem not in ("deny", "reject", "refuse",
                                                           "oppose", "rule"):
                cues.append("hypothetical")
            elif lem in ("deny", "reject", "refuse", "oppose"):
                cues.append("negated" if lem in ("refuse",) else "hypothetical")
            elif lem in ("announce", "declare") and trig.verbal and _past_tense(tok):
                pass  # "X mobilised troops, the minister announced": a report, not a plan
            elif lem in lx.FUTURE_GOVERNORS or (lem == "be" and any(
                    c.dep_ == "xcomp" and c.i > cur.i and
                    any(a.text.lower() == "to" for a in c.children) for c in cur.children)
                    and cur.dep_ != "xcomp"):
                cues.append("future")
            elif cur.pos_ in ("NOUN",) and lem in lx.HYPO_NOUNS:
                if any(d.dep_ == "det" and d.text.lower() == "no" for d in cur.children):
                    cues.append("negated")
                else:
                    cues.append("future" if lem in ("plan",) else "hypothetical")
            elif (cur.pos_ == "ADJ" and lem in lx.HYPO_GOVERNORS) or (lem == "see" and any(c.dep_ == "prep" and c.text.lower() == "as"
                                      for c in cur.children)):
                cues.append("hypothetical")
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
            # share the modality cues of the first conjunct's auxiliaries
            for a in _aux_words(cur.head):
                if a.text.lower() in lx.HYPO_MODALS:
                    cues.append("hypothetical")
                elif a.text.lower() in lx.FUTURE_MODALS:
                    cues.append("future")
        if dep in ("parataxis",) or (False):
            break
        if dep in ("acl", "relcl", "ccomp") and cur.head.pos_ in ("NOUN", "PROPN") and \
                _lemma(cur.head) in lx.HYPO_NOUNS and cur.pos_ in ("VERB", "AUX") and not (
                    _lemma(cur.head) in ("attempt", "bid") and trig.type in ("ASSAULT",
                                                                             "COERCE")):
            # the content of a hope, plan, reason or incentive is not a fact
            cues.append("future" if _lemma(cur.head) == "plan" else "hypothetical")
        if dep in ("advcl", "relcl", "acl") and cur.pos_ in ("VERB", "AUX") and any(
                c.dep_ in _SUBJ for c in cur.children) and not _has_condition(cur):
            break
        if dep == "ccomp" and cur.head.pos_ in ("VERB", "AUX") and \
                _lemma(cur.head) in lx.SPEECH_VERBS:
            reported = True
        cur = cur.head
    del speech_hit
    if question and not speech_type:
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


# --- actors ---------------------------------------------------------------


def _subject_of(tok: Token, floor: int = 0) -> tuple[Token | None, bool]:
    """(subject token, is_passive_subject) of a clause head, climbing xcomp/conj.

    Subjects before ``floor`` (a wire dateline the parse took for a subject) are skipped.
    """
    cur = tok
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
                    return _appos_head(cur.head), False
                return c, False
            if c.dep_ == "nsubjpass":
                return c, cur.i == tok.i
        if cur.dep_ == "xcomp" and cur.head.i != cur.i:
            ctrl = next((c for c in cur.head.children if c.dep_ in ("dobj", "obj")), None)
            if ctrl is not None:
                return ctrl, False
            cur = cur.head
            continue
        if cur.dep_ == "conj" and cur.head.i != cur.i:
            rel = _relative_coordinate(cur)
            if rel is not None:
                return rel, False
            cur = cur.head
            continue
        if cur.dep_ == "acomp" and cur.head.pos_ == "AUX":
            cur = cur.head  # "Iran is opposed to ...": the subject of "is"
            continue
        if cur.dep_ == "relcl":
            return _appos_head(cur.head), False
        if cur.dep_ == "acl" and cur.head.pos_ in ("NOUN", "PROPN") and cur.tag_ == "VBG":
            doc_noun = cur.head
            if _lemma(doc_noun) in _PAPERS and doc_noun.dep_ in ("dobj", "obj") and \
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
        break
    return None, False


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


def _appos_head(tok: Token) -> Token:
    """The noun a phrase is in apposition to ("HTS, an affiliate that ..." -> HTS)."""
    if tok.dep_ == "appos" and tok.head.pos_ in ("PROPN", "NOUN"):
        return tok.head
    return tok


def _agent(tok: Token) -> Token | None:
    for c in tok.children:
        if c.dep_ == "agent":
            for cc in c.children:
                if cc.dep_ == "pobj":
                    return cc
    return None


def _roles(trig: _Trig, floor: int = 0) -> tuple[Token | None, Token | None]:
    tok = trig.token
    src: Token | None = None
    tgt: Token | None = None
    if not trig.verbal:
        for c in tok.children:
            if c.dep_ in ("poss", "compound", "amod", "nmod") and (c.ent_type_ in (
                    "GPE", "NORP", "ORG", "PERSON") or c.pos_ in ("PROPN", "NOUN") or (
                    c.pos_ == "ADJ" and c.text[:1].isupper() and (
                        c.i > c.sent.start or c.lower_ in _demonyms()))):
                # "Russia's air raids", "the current government offensive": the actor
                # resolver decides whether the modifier names anyone
                src = src or c
            elif c.dep_ == "prep" and c.text.lower() in ("by", "from", "between"):
                src = next((x for x in c.children if x.dep_ == "pobj"), src)
            elif c.dep_ == "prep" and c.text.lower() in ("on", "against", "with", "to", "in",
                                                         "into", "near"):
                tgt = tgt or next((x for x in c.children if x.dep_ == "pobj"), None)
        if src is None and tok.dep_ in _SUBJ:
            # "Negotiations have taken place between Turkey and Russia", "sanctions were
            # tightened by the EU"
            for c in tok.head.children:
                if (c.dep_ == "prep" and c.lower_ in ("between", "by")) or (
                        c.dep_ == "agent" and tok.dep_ == "nsubjpass"
                        and _lemma(tok.head) in _CARRY_OUT):
                    src = next((x for x in c.children if x.dep_ == "pobj"), None)
                    break
        return src, tgt
    subj, passive = _subject_of(tok, floor)
    agent = _agent(tok)
    if trig.extra is not None and _lemma(tok) in lx.RECEIVE_VERBS and not passive and \
            trig.type in ("SUPPORT", "AID"):
        return _received_from(trig), subj
    if passive and agent is None and _lemma(tok) in ("oppose", "commit", "determine",
                                                     "prepare", "resolve", "dedicate",
                                                     "engage", "involve"):
        src, tgt = subj, None  # "Israel is opposed to French mediation"
    elif passive:
        src, tgt = agent, subj
    else:
        src = subj
        if tok.dep_ == "acl" and tok.tag_ == "VBN":
            src, tgt = agent, None
    objs = [c for c in tok.children if c.dep_ in _OBJ and (trig.extra is None or c.i != trig.extra.i)]
    if tgt is None and objs:
        tgt = objs[0]
    if tgt is None:
        for c in list(tok.children) + ([trig.extra] if trig.extra is not None else []):
            if c.dep_ in ("prep", "prt") and c.text.lower() in _TARGET_PREPS:
                pobj = next((x for x in c.children if x.dep_ == "pobj"), None)
                if pobj is not None and pobj.ent_type_ not in _NOT_ACTOR_ENTS:
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
    if tgt is None and trig.type == "REQUEST" and _lemma(tok) in lx.SPEECH_VERBS:
        tgt = _demanded(tok)  # "said Turkey must withdraw": Turkey
    if tgt is None and trig.type == "REQUEST":
        tgt = _asked(tok)  # "requested that the agency allow ...": the agency
    return src, tgt


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
        # "Negotiations have taken place between Turkey and Russia"
        for o in tok.head.children:
            if o.dep_ in ("dobj", "attr"):
                for c in o.children:
                    if c.dep_ == "prep" and c.lower_ == "between":
                        src = next((x for x in c.children if x.dep_ == "pobj"), None)
    if src is None and tok.dep_ in ("dobj",) and trig.extra is None:
        s, _ = _subject_of(tok.head)
        hl = _lemma(tok.head)
        if s is not None and (hl in lx.LIGHT_VERBS or (
                tok.head.pos_ == "VERB" and hl in _CARRY_ON)):
            src = s  # "launched an offensive", "speeded up the withdrawal"
        elif _lemma(tok.head) in ("gain", "receive", "win", "get", "draw", "enjoy",
                                  "secure", "garner"):
            # "gained support from X": X is the source
            for c in tok.head.children:
                if c.dep_ == "prep" and c.lower_ == "from":
                    src = next((x for x in c.children if x.dep_ == "pobj"), None)
    if src is None and tok.dep_ == "pobj" and tok.head.lower_ in ("in", "into"):
        # "X is in talks", "X are several months into an operation"
        be: Token | None = tok.head.head
        if tok.head.lower_ == "into" and be is not None and _lemma(be) in _SPANS:
            be = be.head if be.dep_ in ("attr", "npadvmod", "acomp") else None
        if be is not None and be.pos_ == "AUX" and _lemma(be) == "be":
            s, _ = _subject_of(be)
            if s is not None and s.lower_ not in _PRONOUNS:
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
            if s is not None and not passive and s.lower_ not in _PRONOUNS:
                src = s
    return src


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


# Heads that count or group the actors named after "of" ("thousands of students",
# "members of the party").
_GROUPING = {"thousand", "hundred", "dozen", "million", "ten", "group", "number", "crowd",
             "some", "many", "member", "dozens", "hundreds", "thousands", "tens", "millions",
             "all", "most", "one", "two", "several", "scores", "score", "busload", "band"}
# Role nouns that name an act or a weapon of the military, not who acts ("Turkish fire",
# "Russian jets" resolve through the actor stage; alone they are no actor).
_THINGS = {"fire", "artillery", "shelling", "bombardment", "missile", "rocket", "drone",
           "jet", "aircraft", "warplane", "tank", "helicopter", "bomber", "gunship",
           "convoy", "advance", "operation", "offensive", "raid", "patrol", "power", "cover",
           "attack", "assault", "strike", "unit", "diplomacy", "intelligence", "state",
           "side", "mission", "embassy", "consulate", "press", "industry", "public",
           "population", "community", "media", "television", "tv"}
# Heads of a named body ("the APEC forum", "the Hutu rebel group").
_BODY_HEADS = {"forum", "group", "party", "union", "movement", "front", "council",
               "committee", "association", "coalition", "alliance", "organisation",
               "organization", "agency", "authority", "commission", "court", "army", "militia",
               "brigade", "government", "ministry", "administration", "company", "firm",
               "bank", "network", "federation", "league", "wing", "faction", "bloc", "body",
               "institute", "foundation", "church", "assembly", "parliament", "senate",
               "congress", "regime", "board", "office", "team", "delegation", "mission",
               "force", "forces", "fund", "watchdog", "tribunal", "cartel", "gang", "clan",
               "tribe", "consortium", "corporation"}
_LEADING = re.compile(r"^(?:the|a|an|some|many|several|angry|other)\s+", re.IGNORECASE)


@lru_cache(maxsize=1)
def _demonyms() -> dict[str, str]:
    """Country adjectives and demonyms, lower case -> ISO3 ("french" -> FRA)."""
    from storyline.knowledge import load_knowledge

    out: dict[str, str] = {}
    for iso3, c in load_knowledge().countries.items():
        for w in (c.adjective, *c.demonyms):
            if w:
                out.setdefault(w.lower(), iso3)
    return out


@lru_cache(maxsize=1)
def _role_nouns() -> dict[str, str]:
    from storyline.knowledge import load_knowledge

    return dict(load_knowledge().role_nouns)


def _national(tok: Token, typ: str) -> Actor | None:
    """The people of a country named by the adjective on a noun event ("Palestinian
    riots", "Kurdish protests"): civilians for a protest, the military for an attack,
    else the government."""
    iso3 = _demonyms().get(tok.lower_)
    if iso3 is None:
        return None
    from storyline.annotate.actors import country_actor
    from storyline.knowledge import load_knowledge

    role = {"PROTEST": "CVL", "ASSAULT": "MIL", "MOBILIZE": "MIL"}.get(typ, "GOV")
    return country_actor(load_knowledge(), iso3, role, tok.text)


def _unnamed_actor(doc: Doc, tok: Token, damaged: Sequence[tuple[int, int]],
                   places: Sequence[PlaceMention] = (), subject: bool = True) -> Actor | None:
    """An actor the resolver does not know, read from the phrase itself: a proper name
    ("the Kassala Farmers Union", "Ahmed Musa") or a group noun of a known role
    ("activists", "truck drivers", "thousands of students"); None for anything else (a
    pronoun, a town, an event). Its id is ``unk-`` and the phrase's slug; its country
    comes from a national adjective ("a French minister"), else None."""
    h = tok
    for _ in range(2):
        if _lemma(h) in _GROUPING or h.lower_ in _GROUPING or h.like_num:
            nxt = next((x for c in h.children if c.dep_ == "prep" and c.lower_ == "of"
                        for x in c.children if x.dep_ == "pobj"), None)
            if nxt is None:
                if _lemma(h) in _BODY_HEADS:
                    break  # "the main rebel group": the group itself
                return None
            h = nxt
    if h.pos_ not in ("NOUN", "PROPN") or h.lower_ in _PRONOUNS or h.ent_type_ in (
            "DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL", "LOC",
            "FAC", "EVENT", "LAW", "WORK_OF_ART", "PRODUCT", "LANGUAGE"):
        return None
    named = any(c.dep_ in ("compound", "amod") and (c.pos_ == "PROPN" or c.ent_type_ == "NORP")
                for c in h.subtree if c.i < h.i)  # "the Tuareg rebel group"
    if h.pos_ == "NOUN" and not named and any(
            (c.dep_ == "det" and c.lower_ in ("the", "this", "that", "these", "those", "both",
                                              "neither", "no", "each", "every", "either",
                                              "another", "such"))
            or (c.dep_ == "poss" and c.pos_ == "PRON") for c in h.children):
        return None  # "the two leaders", "its forces": someone named before, or no one
    lem = _lemma(h)
    if lem in lx.NOUNS or (lem in _THINGS and h.pos_ != "PROPN") or lem.endswith("strike") or (
            h.i > 0 and h.nbor(-1).text in ("-", "–")):
        return None  # an event or a weapon ("a cease-fire", "artillery"), not an actor
    nouns = _role_nouns()
    role = nouns.get(h.lower_) or nouns.get(lem) or nouns.get(lem + "s")
    if role is None:
        if named and h.pos_ == "NOUN" and lem in _BODY_HEADS:
            role = "UNK"  # "the APEC forum": a named body
        elif subject and h.pos_ == "NOUN" and named and (
                h.tag_ == "NNS" or lem.endswith(("er", "or", "ist", "man", "men", "ian"))):
            role = "UNK"  # "Muslim hackers", "a Saudi businessman" did something
        elif h.pos_ == "PROPN" and not h.ent_type_ and (_acronym(h) or (
                not subject and h.text[:1].isupper() and h.i > h.sent.start)):
            role = "UNK"  # "urged BP to ...", "accused Gulen of ...": a name left untyped
        elif h.pos_ != "PROPN" or not h.text[:1].isupper() or h.ent_type_ not in (
                ("PERSON", "ORG", "NORP", "GPE") if subject else ("PERSON", "ORG", "NORP")):
            # a name the parser does not take for a person or a body (an unknown state
            # only as the one who acts: a shelled "Basunda" is a village)
            return None
        role = "UNK"
    elif role in ("GOV", "MIL") and h.pos_ == "NOUN" and not any(
            c.dep_ in ("amod", "compound", "prep") for c in h.children):
        return None  # bare "officials", "delegations", "troops": whose is not said
    lo, hi = _core_span(h)
    if _touches(lo, hi, damaged) or (h.ent_type_ != "PERSON" and any(
            p.start < h.idx + len(h.text) and h.idx < p.end for p in places)):
        return None  # damaged, or a place ("the Metema crossing", "Gedaref"), unless the
        # parser reads a person ("Clinton" is also a town)
    text = doc_text(doc)[lo:hi].strip()
    # the name leaves out determiners and counts ("about 6,500 people" -> "people")
    skip = {d.i for c in h.children if c.dep_ in ("det", "nummod", "quantmod", "predet")
            for d in c.subtree}
    keep = [t for t in doc[h.left_edge.i:h.right_edge.i + 1]
            if lo <= t.idx < hi and t.i not in skip]
    name = "".join(t.text_with_ws for t in keep).strip() if keep else text
    name = _LEADING.sub("", _LEADING.sub("", name))
    if not name or len(name) > 80 or "\n" in name:
        return None
    from storyline.annotate.actors import slug

    country = next((_demonyms().get(c.lower_) for c in h.children
                    if c.dep_ in ("amod", "compound") and c.lower_ in _demonyms()), None)
    # no underscore in the id: ids with one are people's (see _antecedent)
    return Actor(text=text, name=name, id="unk-" + slug(name).replace("_", "-"),
                 country=country, role=role)  # type: ignore[arg-type]


# Verbs whose agent carries out the event noun they govern ("sanctions were tightened by
# the EU"), unlike verbs of reporting or judging ("attacks cited by the agency").
_CARRY_OUT = frozenset({"impose", "tighten", "extend", "lift", "ease", "launch", "carry",
                        "conduct", "stage", "mount", "order", "sign", "approve", "adopt",
                        "deliver", "provide", "send", "declare", "announce", "hold",
                        "organise", "organize", "broker", "negotiate", "reach", "renew"})
_CALL_WORDS = frozenset({"call", "demand", "appeal", "plea", "push", "press", "ask", "urge",
                         "campaign", "pressure", "lobby", "clamour", "clamor", "petition"})


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
    call = head if _lemma(head) in _CALL_WORDS else next(
        (c for c in head.children if c.dep_ in _OBJ and _lemma(c) in _CALL_WORDS), None)
    if call is None:
        return None
    asked = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return _Trig(head, "REQUEST", None, verbal=head.pos_ in ("VERB", "AUX")), asked


def _fallback_target(doc: Doc, trig: _Trig, tgt_tok: Token | None,
                     actors: Sequence[ActorMention], damaged: Sequence[tuple[int, int]],
                     places: Sequence[PlaceMention]) -> Actor | list[Actor] | None:
    """When the target word is no actor (or there is none): an apposition that is one
    ("the Palestinian president, Mahmoud Abbas"), the recipient of what is given ("gave
    firearms to the Marines"), a site that stands for its institution ("attacked an army
    camp"), who a demand asks to act ("demanded that Assad step down"), or the target of
    the act a threat or demand names ("threatened to launch an offensive against X")."""

    def resolve(t: Token | None) -> Actor | list[Actor] | None:
        if t is None:
            return None
        return _actors_at(t, actors, damaged) or _unnamed_actor(
            doc, t, damaged, places, subject=False)

    victim = _harmed_in(trig)
    if victim is not None and (tgt_tok is None or resolve(tgt_tok) is None):
        found = resolve(victim)  # "soldiers were wounded in an attack on a post"
        if found is not None:
            return found
    if tgt_tok is None:
        if trig.type == "REQUEST":
            found = resolve(_asked(trig.token))
            if found is not None:
                return found
        if trig.verbal and trig.type in ("THREATEN", "REQUEST", "ACCUSE", "AGREE", "REJECT"):
            for c in trig.token.children:
                if c.dep_ == "xcomp" and c.pos_ == "VERB":
                    obj = next((o for o in c.children if o.dep_ in _OBJ), None)
                    _, inner = _roles(_Trig(c, trig.type, None, verbal=True, extra=obj))
                    found = resolve(inner)
                    if found is not None:
                        return found
        return None
    for c in tgt_tok.children:
        # "denied charges by the State Department", "rejected the envoy's request"
        who = next((x for x in c.children if x.dep_ == "pobj"), None) if (
            c.dep_ == "prep" and c.lower_ in ("by", "from")) else c if c.dep_ == "poss" else None
        if who is not None and who.pos_ in ("PROPN", "NOUN"):
            found = _actors_at(who, actors, damaged) or _unnamed_actor(
                doc, who, damaged, places, subject=False)
            if found is not None:
                return found
        if c.dep_ == "appos":
            found = _actors_at(c, actors, damaged) or _unnamed_actor(
                doc, c, damaged, places, subject=False)
            if found is not None:
                return found
    if tgt_tok.dep_ in _OBJ and trig.verbal:
        for c in trig.token.children:
            if (c.dep_ == "prep" and c.lower_ in ("to", "for")) or c.dep_ == "dative":
                rec = next((x for x in c.children if x.dep_ == "pobj"), None) \
                    if c.dep_ == "prep" else c
                if rec is not None and rec.i != tgt_tok.i:
                    found = _actors_at(rec, actors, damaged) or _unnamed_actor(
                        doc, rec, damaged, places, subject=False)
                    if found is not None:
                        return found
    found = _facility(doc, trig, tgt_tok, damaged)
    if found is None and trig.type == "REQUEST":
        found = resolve(_asked(trig.token))  # "demanded that Assad step down"
    return found


def _harmed_in(trig: _Trig) -> Token | None:
    """Who an attack noun harmed when the clause says so: "two soldiers were wounded in
    an artillery attack" -> soldiers."""
    tok = trig.token
    if trig.verbal or tok.dep_ != "pobj" or tok.head.lower_ not in ("in", "during", "by"):
        return None
    verb = tok.head.head
    if verb.pos_ != "VERB" or _lemma(verb) not in ("wound", "kill", "injure", "hurt", "hit",
                                                    "target", "capture", "abduct", "kidnap"):
        return None
    return next((c for c in verb.children if c.dep_ == "nsubjpass"), None)


@lru_cache(maxsize=1)
def _facilities() -> dict[str, Any]:
    import json
    from importlib.resources import files

    data: dict[str, Any] = json.loads(files("storyline").joinpath(
        "data/rules/facilities.json").read_text(encoding="utf-8"))
    return data


def _facility(doc: Doc, trig: _Trig, tok: Token,
              damaged: Sequence[tuple[int, int]]) -> Actor | None:
    """A site that stands for the institution it houses, as the target of an attack."""
    fac = _facilities()
    lem = _lemma(tok)
    if trig.type not in fac["types"] or lem not in fac["heads"] or tok.pos_ != "NOUN":
        return None
    mods = [c for c in tok.children if c.dep_ in ("compound", "amod", "poss")]
    role = fac["heads"][lem]
    quals = [fac["qualifiers"][_lemma(m)] for m in mods if _lemma(m) in fac["qualifiers"]]
    if lem in fac["qualified"] and not quals:
        return None  # "a base", "the building": whose is not said
    role = quals[0] if quals else role
    lo, hi = _core_span(tok)
    if _touches(lo, hi, damaged):
        return None
    country = next((_demonyms().get(m.lower_) for m in mods if m.lower_ in _demonyms()), None)
    text = doc_text(doc)[lo:hi].strip()
    name = _LEADING.sub("", text)
    if not name or len(name) > 80 or "\n" in name:
        return None
    from storyline.annotate.actors import slug

    return Actor(text=text, name=name, id="unk-" + slug(name).replace("_", "-"),
                 country=country, role=role)  # type: ignore[arg-type]


_PAIR_PEOPLE = frozenset({"leader", "president", "minister", "head", "premier"})
_PAIR_STATES = frozenset({"country", "nation", "government", "side", "state", "neighbour",
                          "neighbor", "capital"})


def _pair_antecedent(tok: Token, seg: Span, actors: Sequence[ActorMention]) -> list[Actor] | None:
    """"The two leaders", "both countries": the last two office holders (or states) named
    before the sentence, when that many have been named (an analyst quoted in between is
    not a leader)."""
    lem = _lemma(tok)
    if lem not in _PAIR_PEOPLE and lem not in _PAIR_STATES:
        return None
    if not any((c.dep_ == "nummod" and c.lower_ in ("two", "2")) or
               (c.dep_ in ("det", "predet") and c.lower_ == "both") for c in tok.children):
        return None
    people = lem in _PAIR_PEOPLE
    found: list[Actor] = []
    for m in reversed([m for m in actors if m.end <= seg.start_char]):
        a = m.actor
        is_person = "_" in a.id  # people's ids are surname_given (see actors.py)
        if people != is_person or a.role != "GOV" or not a.country:
            continue  # leaders and states: office holders and governments
        if all(a.id != f.id for f in found):
            found.append(a)
        if len(found) == 2:
            return list(reversed(found))
    return None


def _acronym(tok: Token) -> bool:
    """An all-capitals name of two to six letters ("BP", "ANP", "OCHA")."""
    return 2 <= len(tok.text) <= 6 and tok.text.isalpha() and tok.text.isupper()


def _touches(lo: int, hi: int, damaged: Sequence[tuple[int, int]]) -> bool:
    return any(a <= hi and b >= lo for a, b in damaged)


def _actors_at(tok: Token, actors: Sequence[ActorMention],
               damaged: Sequence[tuple[int, int]]) -> Actor | list[Actor] | None:
    heads = [tok, *tok.conjuncts]
    if tok.dep_ == "conj":
        heads = [tok]
    found: list[Actor] = []
    for h in heads:
        lo, hi = _core_span(h)
        if _touches(lo, hi, damaged):
            return None
        cands = [m for m in actors if m.start < hi and m.end > lo]
        if not cands:
            continue
        # prefer the mention covering the head word, else the first one
        at_head = [m for m in cands if m.start <= h.idx < m.end]
        best = at_head[0] if at_head else cands[0]
        if all(a.id != best.actor.id for a in found):
            found.append(best.actor)
    if not found:
        return None
    return found[0] if len(found) == 1 else found


def _gap_before(tok: Token, seg: Span, damaged: Sequence[tuple[int, int]]) -> bool:
    return _touches(seg.start_char, tok.idx, damaged)


# --- attribution ----------------------------------------------------------


def _speaker(verb: Token, actors: Sequence[ActorMention],
             damaged: Sequence[tuple[int, int]]) -> str | None:
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or subj.text.lower() in _PRONOUNS:
        return None
    lo, hi = _core_span(subj)
    if _touches(lo, hi, damaged):
        return None
    at = [m for m in actors if m.start < hi and m.end > lo]
    head_hit = [m for m in at if m.start <= subj.idx < m.end]
    if head_hit and (head_hit[0].end - head_hit[0].start) >= (hi - lo) - 2:
        return head_hit[0].actor.name
    text = doc_text(subj.doc)[lo:hi]
    return re.sub(r"\s+", " ", text).strip() or None


def _attribution(trig: _Trig, seg: Span, actors: Sequence[ActorMention],
                 damaged: Sequence[tuple[int, int]]) -> str | None:
    tok = trig.token
    cur = tok
    for _ in range(10):
        # "..., X said" : the reporting verb hangs under the event's clause
        for c in cur.children:
            if c.dep_ in ("parataxis", "ccomp", "advcl") and _lemma(c) in lx.SPEECH_VERBS \
                    and c.i > tok.i and not any(x.dep_ in ("ccomp",) for x in c.children):
                return _speaker(c, actors, damaged)
            if c.dep_ == "prep" and c.text.lower() == "according":
                to = next((x for x in c.children if x.text.lower() == "to"), None)
                pobj = next((x for x in (to.children if to is not None else [])
                             if x.dep_ == "pobj"), None)
                if pobj is not None:
                    lo, hi = _core_span(pobj)
                    if not _touches(lo, hi, damaged):
                        return re.sub(r"\s+", " ", doc_text(seg.doc)[lo:hi]).strip()
        if cur.head.i == cur.i:
            break
        if cur.dep_ in ("ccomp", "parataxis") and _lemma(cur.head) in lx.SPEECH_VERBS:
            return _speaker(cur.head, actors, damaged)
        if cur.dep_ in ("relcl", "advcl") and cur.i != tok.i:
            break
        cur = cur.head
    return None


# --- dates ----------------------------------------------------------------


def _precision(value: str, lo: str, hi: str) -> Precision:
    v = value.split("T", 1)[0]
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", v):
        return "day"
    if "-W" in v:
        return "week"
    if re.fullmatch(r"\d{4}-(SP|SU|FA|WI)", v):
        return "season"
    if re.fullmatch(r"\d{4}-\d{2}", v) or re.fullmatch(r"\d{4}-Q\d", v):
        return "month"
    return "year"


def _time_owner(doc: Doc, t: TimeExpression, trig_tokens: dict[int, _Trig],
                seg: Span) -> tuple[int | None, int | None]:
    """(index of the trigger owning a time, index of its clause verb)."""
    span = doc.char_span(t.start, t.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None, None
    root = span.root
    cur = root
    verb: int | None = None
    for _ in range(12):
        if cur.i in trig_tokens and cur.i not in range(span.start, span.end):
            return cur.i, verb
        if verb is None and cur.pos_ in ("VERB", "AUX") and cur.i not in range(span.start,
                                                                              span.end):
            verb = cur.i
        if cur.head.i == cur.i:
            break
        cur = cur.head
    return None, verb


def _anchor_verb(trig: _Trig) -> int:
    tok = trig.token
    if trig.verbal:
        return tok.i
    cur = tok
    for _ in range(6):
        if cur.pos_ in ("VERB", "AUX") and cur.i != tok.i:
            return cur.i
        if cur.head.i == cur.i:
            break
        cur = cur.head
    return tok.i


@dataclass(slots=True)
class _When:
    """A time expression as an event date: its span, resolved range and wording."""

    start: int
    end: int
    lo: str
    hi: str
    precision: Precision
    text: str


_PART_OF = re.compile(r"(early|mid|middle|late|end|the end|beginning|the beginning)"
                      r"(?:[\s-]+of)?[\s-]*$", re.I)
_RANGE_GLUE = re.compile(r"\s*(?:-|–|—|to|and|through|until)\s*$")
_DUR = re.compile(r"P(\d+|X)([DWMY])")


def _shift(day: str, days: int) -> str:
    return (_dt.date.fromisoformat(day) + _dt.timedelta(days=days)).isoformat()


def _narrow(lo: str, hi: str, precision: Precision, part: str) -> tuple[str, str, Precision]:
    """"early/mid/late" inside a month (1-10, 11-20, 21-end) or a year (Q1, Apr-Sep, Q4)."""
    part = part.lower()
    early = part.startswith(("early", "beginning", "the beginning"))
    late = part.startswith(("late", "end", "the end"))
    if precision == "month":
        if early:
            return lo, lo[:8] + "10", "day"
        if late:
            return lo[:8] + "21", hi, "day"
        return lo[:8] + "11", lo[:8] + "20", "day"
    if precision == "year":
        y = lo[:4]
        if early:
            return f"{y}-01-01", f"{y}-03-31", "month"
        if late:
            return f"{y}-10-01", f"{y}-12-31", "month"
        return f"{y}-04-01", f"{y}-09-30", "month"
    return lo, hi, precision


def _whens(text: str, times: Sequence[TimeExpression], pub: str | None) -> list[_When]:
    """Event dates from the time annotation: ranges ("March 20-21"), "since X" (X to the
    article date), "early/late X", and durations anchored at the article date ("within
    30 days", "over the last two weeks")."""
    out: list[_When] = []
    ts = sorted(times, key=lambda t: t.start)
    skip: set[int] = set()
    for k, t in enumerate(ts):
        if k in skip:
            continue
        before = text[max(0, t.start - 25):t.start]
        if t.type == "DURATION":
            m = _DUR.search(t.value)
            if m is None or pub is None:
                continue
            n = 7 if m.group(1) == "X" and m.group(2) == "D" else (
                None if m.group(1) == "X" else int(m.group(1)))
            if n is None:
                continue
            days = n * {"D": 1, "W": 7, "M": 30, "Y": 365}[m.group(2)]
            low = (before + t.text).lower()
            if re.search(r"\bwithin\s*$", before, re.I):
                out.append(_When(t.start, t.end, pub, _shift(pub, days - 1), "day", t.text))
            elif re.search(r"\b(last|past|previous)\b", low) and not re.search(
                    r"\bago\b", text[t.end:t.end + 6]):
                out.append(_When(t.start, t.end, _shift(pub, -days), pub, "day", t.text))
            continue
        if t.type not in ("DATE", "TIME"):
            continue
        rng = resolve_range(t.value)
        if rng is None:
            continue
        lo, hi = rng
        prec = _precision(t.value, lo, hi)
        start, end, wording = t.start, t.end, t.text
        # "March 20-21", "Sept. 11-12", "between December 12 and 25"
        if k + 1 < len(ts) and ts[k + 1].type in ("DATE", "TIME") and \
                _RANGE_GLUE.fullmatch(text[t.end:ts[k + 1].start] or "x") is not None:
            nxt = resolve_range(ts[k + 1].value)
            if nxt is not None and nxt[1] >= lo:
                hi = nxt[1]
                end = ts[k + 1].end
                wording = text[start:end]
                skip.add(k + 1)
        first = wording.split()[0] if wording.split() else ""
        part = _PART_OF.search(before)
        if first.lower() in ("early", "mid", "late", "mid-") or wording.lower().startswith(
                "mid-"):
            lo, hi, prec = _narrow(lo, hi, prec, wording)
        elif part is not None:
            lo, hi, prec = _narrow(lo, hi, prec, part.group(1))
        if re.search(r"\bsince\s*$", before, re.I) and pub is not None and pub > hi:
            hi = pub
            wording = "since " + wording
        out.append(_When(start, end, lo, hi, prec, wording))
    return out


def _dateline_when(doc: Doc, whens: Sequence[_When]) -> tuple[int, _When | None]:
    """The end of a wire dateline ("NAIROBI, March 21 (PAP) -") and the date it gives."""
    m = _DATELINE.match(doc_text(doc))
    if m is None:
        return 0, None
    got = next((w for w in whens if w.end <= m.end() and w.precision == "day"), None)
    return m.end(), got


_DATELINE = re.compile(r"\s*[A-Z][A-Z .'’-]{2,40}(?:,[^\n\-–—:(]{0,40})?\s*"
                       r"(?:\([^)\n]{1,40}\)\s*)?[-–—:]\s")


def _owned(doc: Doc, w: _When, trig_tokens: dict[int, _Trig]) -> tuple[int | None, int | None]:
    t = TimeExpression(text=w.text, start=w.start, end=w.end, type="DATE", value="")
    return _time_owner(doc, t, trig_tokens, doc[:])


def _date(doc: Doc, seg: Span, trig: _Trig, trigs: list[_Trig],
          whens: Sequence[_When], default: tuple[str, str]) -> tuple[DateRange, bool]:
    trig_tokens = {t.token.i: t for t in trigs}
    mine: list[_When] = []
    for w in whens:
        if w.start < seg.start_char or w.end > seg.end_char:
            continue
        owner, verb = _owned(doc, w, trig_tokens)
        anchor = _anchor_verb(trig)
        if owner == trig.token.i and verb is not None and verb != owner and \
                doc[verb].dep_ == "xcomp" and doc[verb].head.i == owner and \
                _lemma(trig.token) in lx.FUTURE_GOVERNORS:
            continue  # "agreed to meet next month": the meeting's date, not the agreement's
        if owner == trig.token.i or (owner is None and verb is not None and verb == anchor) \
                or (not trig.verbal and owner == anchor):
            # a noun event takes the time of its own clause's verb, even when that verb is
            # an event too ("travelled to X on Monday for talks")
            mine.append(w)
    rank = {"day": 0, "week": 1, "month": 2, "season": 3, "year": 4}
    if mine:
        best = min(mine, key=lambda w: (rank[w.precision], w.hi != w.lo))
        pub = default[1]
        future = bool(pub) and best.lo > pub
        return DateRange(start=best.lo, end=best.hi, precision=best.precision,
                         text=best.text), future
    return DateRange(start=default[0], end=default[0], precision="day", text=None), False


def _past_tense(tok: Token) -> bool:
    """The clause of an event is in the past tense ("brokered", "has signed", "was hit")."""
    cur = tok
    for _ in range(4):
        if cur.pos_ in ("VERB", "AUX"):
            aux = [c for c in cur.children if c.dep_ in ("aux", "auxpass")]
            if any(c.lower_ in ("will", "would", "'ll", "shall", "to") or c.tag_ == "MD"
                   for c in aux):
                return False
            return cur.tag_ == "VBD" or any(c.tag_ == "VBD" for c in aux) or (
                cur.tag_ == "VBN" and any(_lemma(c) == "have" for c in aux))
        if cur.head.i == cur.i:
            return False
        cur = cur.head
    return False


def _year_back(day: str) -> str:
    y, rest = day[:4], day[4:]
    if rest == "-02-29":
        rest = "-02-28"
    return f"{int(y) - 1:04d}{rest}"


def _speech_date(doc: Doc, seg: Span, trig: _Trig, trigs: list[_Trig],
                 whens: Sequence[_When]) -> DateRange | None:
    """The date of the reporting clause ("..., officials said on Tuesday"): the latest a
    reported past event can have happened, used when the event has no date of its own."""
    verb = _reporting_verb(trig.token)
    if verb is None:
        return None
    return _verb_day(doc, seg, whens, trigs, verb.i, unowned=True)


def _verb_day(doc: Doc, seg: Span, whens: Sequence[_When], trigs: list[_Trig], verb_i: int,
              *, unowned: bool) -> DateRange | None:
    """The day expression of the segment that belongs to the verb ``verb_i`` (and, with
    ``unowned``, to no event of its own)."""
    trig_tokens = {t.token.i: t for t in trigs}
    for w in whens:
        if w.start < seg.start_char or w.end > seg.end_char or w.precision != "day":
            continue
        owner, v = _owned(doc, w, trig_tokens)
        if v == verb_i and (owner is None or not unowned):
            return DateRange(start=w.lo, end=w.hi, precision=w.precision, text=w.text)
    return None


def _coordinate_date(doc: Doc, seg: Span, trig: _Trig, trigs: list[_Trig],
                     whens: Sequence[_When]) -> DateRange | None:
    """A verb coordinated with a dated speech verb shares its occasion: "X said on Monday
    that ... and urged Y to ..." (also when the parse hung "urged" elsewhere, see
    :func:`_continued_relative`)."""
    tok = trig.token
    if not trig.verbal or tok.dep_ != "conj":
        return None
    verb = _continued_relative(tok) or tok.head
    if _lemma(verb) not in lx.SPEECH_VERBS or verb.i in {t.token.i for t in trigs}:
        return None
    # the speech verb's own time (whatever event governs it)
    return _verb_day(doc, seg, whens, trigs, verb.i, unowned=False)


def _reporting_verb(tok: Token) -> Token | None:
    cur = tok
    for _ in range(8):
        for c in cur.children:
            if c.dep_ in ("parataxis", "advcl") and _lemma(c) in lx.SPEECH_VERBS and \
                    c.i > tok.i:
                return c
        if cur.head.i == cur.i:
            return None
        if cur.dep_ in ("ccomp", "parataxis") and _lemma(cur.head) in lx.SPEECH_VERBS:
            return cur.head
        if cur.dep_ in ("relcl", "advcl", "acl") and cur.i != tok.i:
            return None
        cur = cur.head
    return None
